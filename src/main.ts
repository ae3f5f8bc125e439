/**
 * Reads config, opens the database, migrates, seeds demo data on first start, builds the app
 * and listens. Nothing else. SIGTERM/SIGINT finish in-flight requests, then close.
 */
import { loadConfig, ConfigError } from './config.js';
import { DatabaseLockedError, openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { createMailSender } from './platform/mail.js';
import { createLoggingSmsSender } from './platform/sms.js';
import { createWorker } from './platform/worker.js';
import { jobHandlers, sweeps } from './jobs.js';
import { seedDemo } from './demo/seed.js';
import type { Deps } from './platform/context.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.DATABASE_URL, { workMem: config.PG_WORK_MEM });
  await migrateToLatest(database.db);
  const mail = createMailSender(config.MAIL_URL, config.MAIL_FROM);
  const ref: { app?: Awaited<ReturnType<typeof buildApp>> } = {};
  const deps: Deps = {
    config,
    mail,
    sms: createLoggingSmsSender({ info: (o, m) => ref.app?.log.info(o, m) }),
    now: () => new Date(),
    dbKind: database.kind,
  };
  const app = await buildApp({ database, deps });
  ref.app = app;
  if (config.SEED_DEMO) {
    const seeded = await seedDemo(database.db, deps, app.log);
    if (seeded) printDemoLogins(seeded, config.PORT);
  }
  // On the embedded database this is the only worker: the directory lock allows one process.
  const worker = config.WORKER_IN_PROCESS
    ? createWorker({ db: database.db, deps, log: app.log, handlers: jobHandlers, sweeps })
    : undefined;
  if (worker) worker.start();
  else if (database.kind === 'pglite')
    app.log.warn('WORKER_IN_PROCESS=false on the embedded database: no worker can run, mail and SMS stay queued');
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS).unref();
    await app.close();
    await worker?.stop();
    mail.close();
    await database.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ host: config.HOST, port: config.PORT });
}

function printDemoLogins(
  seeded: { users: { username: string; label: string }[]; password: string; generated: boolean },
  port: number,
): void {
  const lines = [
    '',
    '  Dữ liệu mẫu đã được tạo (demo data seeded). Đăng nhập tại http://localhost:' + port + '/login',
    ...seeded.users.map((u) => `    ${u.username.padEnd(12)} ${u.label}`),
    seeded.generated ? `  Mật khẩu chung (chỉ in một lần, hãy ghi lại): ${seeded.password}` : '  Mật khẩu: giá trị của biến DEMO_PASSWORD',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DatabaseLockedError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Không khởi động được: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
