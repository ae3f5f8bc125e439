/** `npm run db:new <name>`: creates an empty, timestamp-named migration (append-only). */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsDir } from '../src/db/migrate.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Cách dùng: npm run db:new <tên_viết_thường_gạch_dưới>');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const file = join(migrationsDir, `${stamp}_${name}.ts`);
if (existsSync(file)) {
  console.error(`Đã có ${file}`);
  process.exit(2);
}
writeFileSync(
  file,
  `import { sql, type Kysely } from 'kysely';

/** ${name}: say why. Must run unchanged on PostgreSQL 15 and PGlite. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql\`select 1\`.execute(db);
}
`,
);
console.log(file);
