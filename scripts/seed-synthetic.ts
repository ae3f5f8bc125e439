/**
 * `npm run seed:synthetic -- --requests N [--seed S] [--batch B] [--rebuild-indexes | --no-rebuild-indexes]`:
 * writes N synthetic consumer cases into the database named by DATABASE_URL (migrated first), in
 * the province PROVINCE_CODE (default the demo province). See src/modules/requests/synthetic.ts.
 * From 100,000 cases on, the secondary indexes of `request` are rebuilt after the load (one
 * transaction; the table is locked meanwhile), unless --no-rebuild-indexes.
 */
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemCtx, type Deps } from '../src/platform/context.js';
import { ensureAgencies, seedSynthetic } from '../src/modules/requests/synthetic.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function intFlag(name: string, def: number | undefined): number | undefined {
  const v = flag(name);
  if (v === undefined) return def;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} cần một số nguyên không âm (got ${v})`);
    process.exit(2);
  }
  return n;
}

const requests = intFlag('requests', undefined);
if (requests === undefined) {
  console.error('Cách dùng: npm run seed:synthetic -- --requests N [--seed S] [--batch B] [--rebuild-indexes | --no-rebuild-indexes]');
  process.exit(2);
}
const seed = intFlag('seed', 1)!;
const batchSize = intFlag('batch', 2000)!;
const rebuildIndexes =
  process.argv.includes('--rebuild-indexes') || (requests >= 100_000 && !process.argv.includes('--no-rebuild-indexes'));

const config = loadConfig();
const database = await openDatabase(config.DATABASE_URL);
try {
  await migrateToLatest(database.db);
  const deps: Deps = {
    config,
    mail: { send: async () => ({ messageId: 'synthetic' }), close: () => {} },
    sms: { send: async () => ({ id: 'synthetic' }) },
    now: () => new Date(),
    dbKind: database.kind,
  };
  const ctx = systemCtx(database.db, deps, pino({ level: 'silent' }), 'seed-synthetic');
  const created = await ensureAgencies(ctx);
  if (created > 0) console.log(`Đã tạo ${created} cơ quan mẫu của tỉnh ${config.PROVINCE_CODE} (demo agencies).`);
  const where = database.kind === 'postgres' ? config.DATABASE_URL.replace(/\/\/[^@/]*@/, '//…@') : config.DATABASE_URL;
  console.log(
    `seed:synthetic: ${requests} cases, seed ${seed}, province ${config.PROVINCE_CODE}, ${where}${rebuildIndexes ? ', rebuilding indexes' : ''}`,
  );
  let last = 0;
  const r = await seedSynthetic(ctx, {
    requests,
    seed,
    batchSize,
    rebuildIndexes,
    onProgress: (done, total) => {
      const now = performance.now();
      if (now - last > 5000 || done === total) {
        last = now;
        process.stdout.write(`  ${done}/${total}\n`);
      }
    },
  });
  const codes = Object.entries(r.codes)
    .map(([y, c]) => `${y}: ${c.first}–${c.last}`)
    .join(', ');
  console.log(
    `Đã tạo ${r.inserted} hồ sơ tổng hợp trong ${(r.ms / 1000).toFixed(1)} s (${Math.round(r.inserted / (r.ms / 1000))}/s); mã ${codes}.`,
  );
} finally {
  await database.close();
}
