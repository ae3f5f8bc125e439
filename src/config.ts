/**
 * The only reader of process.env. Parses every setting at start-up, fails fast listing
 * every problem at once, and returns a frozen object that the rest of the app receives.
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(3000, 0, 65535),
  DATABASE_URL: z
    .string()
    .regex(/^(pglite:\/\/.+|memory:\/\/|postgres(ql)?:\/\/.+)$/, 'phải là pglite://<thư mục>, memory:// hoặc postgres://…')
    .default('pglite://./data/pgdata'),
  /** work_mem of each PostgreSQL connection: text searches over many cases need more than the 4 MB server default. */
  PG_WORK_MEM: z
    .string()
    .regex(/^\d{1,6}(kB|MB|GB)$/, 'ví dụ 16MB')
    .default('16MB'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  APP_BASE_URL: z.url().default('http://localhost:3000'),
  DEMO_PASSWORD: z.string().min(8, 'ít nhất 8 ký tự').optional(),
  /** The province of the demo data; also the province served when PROVINCE_CODE is not set. */
  DEMO_PROVINCE_CODE: z
    .string()
    .regex(/^\d{2}$/, 'mã tỉnh 2 chữ số')
    .default('08'),
  /** The province this installation serves (2-digit code of the 2025 list; 08 = Tuyên Quang). */
  PROVINCE_CODE: z
    .string()
    .regex(/^\d{2}$/, 'mã tỉnh 2 chữ số')
    .optional(),
  SEED_DEMO: bool.default(true),
  RATE_LIMIT_PUBLIC_PER_MIN: int(60, 1, 1_000_000),
  /** [CONFIG] Days after a case is resolved during which the consumer may reopen it (issue 5). */
  REOPEN_WINDOW_DAYS: int(30, 1, 365),
  /** [CONFIG] Consumers in a group of cases against one business from which Art. 54(2) blocks negotiation and mediation. */
  CASE_GROUP_ENFORCEMENT_THRESHOLD: int(5, 2, 1000),
  RATE_LIMIT_LOGIN_PER_MIN: int(20, 1, 1_000_000),
  BODY_LIMIT_BYTES: int(1_048_576, 1024, 100 * 1024 * 1024),
  SESSION_TTL_HOURS: int(12, 1, 24 * 30),
  LOGIN_MAX_FAILURES: int(5, 1, 100),
  LOGIN_LOCKOUT_MINUTES: int(15, 1, 24 * 60),
  SECURE_COOKIES: bool.default(false),
  MAIL_URL: z
    .string()
    .regex(/^(smtps?:\/\/.+|file:\/\/.+)$/, 'phải là smtp://host:port hoặc file://<thư mục>')
    .default('file://./data/mail'),
  MAIL_FROM: z.string().min(3).default('BVNTD <no-reply@bvntd.local>'),
  WORKER_IN_PROCESS: bool.default(true),
  WORKER_POLL_MS: int(1000, 10, 60_000),
  SHUTDOWN_GRACE_MS: int(10_000, 0, 120_000),
});

export type Config = Readonly<z.infer<typeof schema> & { PROVINCE_CODE: string }>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the given environment (process.env by default); throws ConfigError listing all problems. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') input[key] = v;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const data = { ...parsed.data, PROVINCE_CODE: parsed.data.PROVINCE_CODE ?? parsed.data.DEMO_PROVINCE_CODE };
  return Object.freeze({ ...data, ...overrides });
}
