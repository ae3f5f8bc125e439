/** `npm run db:migrate`: migrates the database named by DATABASE_URL to the latest version. */
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';

const config = loadConfig();
const database = await openDatabase(config.DATABASE_URL);
try {
  const applied = await migrateToLatest(database.db);
  console.log(
    applied.length ? `Đã áp dụng ${applied.length} migration:\n  ${applied.join('\n  ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.',
  );
} finally {
  await database.close();
}
