/**
 * `npm run worker`: the outbox worker as its own process, for PostgreSQL deployments that want
 * to scale or restart it apart from the web server (several may run: claims use SKIP LOCKED).
 * It refuses the embedded database, whose directory one process at a time may open.
 */
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { openDatabase } from '../src/db/connection.js';
import { jobHandlers, sweeps } from '../src/jobs.js';
import { logRedactPaths } from '../src/platform/log.js';
import { createMailSender } from '../src/platform/mail.js';
import { createLoggingSmsSender } from '../src/platform/sms.js';
import { createWorker } from '../src/platform/worker.js';
import type { Deps } from '../src/platform/context.js';

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
}

if (!/^postgres(ql)?:\/\//.test(config.DATABASE_URL)) {
  process.stderr.write(
    [
      'Tiến trình worker riêng chỉ chạy với PostgreSQL (DATABASE_URL=postgres://…).',
      'Với cơ sở dữ liệu nhúng (PGlite), chỉ một tiến trình được mở thư mục dữ liệu, nên worker chạy',
      'ngay trong máy chủ web (WORKER_IN_PROCESS=true, mặc định): chỉ cần `npm start`.',
      '',
      'The separate worker process needs PostgreSQL. The embedded database (PGlite) may be opened by one',
      'process only, so there the in-process worker is used (WORKER_IN_PROCESS=true, the default): just run `npm start`.',
      '',
    ].join('\n'),
  );
  process.exit(2);
}

const log = pino({ level: config.LOG_LEVEL, redact: { paths: logRedactPaths, censor: '[ẩn]' } });
const database = await openDatabase(config.DATABASE_URL, { workMem: config.PG_WORK_MEM });
const mail = createMailSender(config.MAIL_URL, config.MAIL_FROM);
const deps: Deps = {
  config,
  mail,
  sms: createLoggingSmsSender(log),
  now: () => new Date(),
  dbKind: database.kind,
};
const worker = createWorker({ db: database.db, deps, log, handlers: jobHandlers, sweeps });
worker.start();

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'worker shutting down: finishing the job in hand');
  const timer = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS).unref();
  await worker.stop();
  mail.close();
  await database.close();
  clearTimeout(timer);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
