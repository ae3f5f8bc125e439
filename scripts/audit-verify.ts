/** `npm run audit:verify`: walks the audit hash chain; exits 1 naming the first broken row. */
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connection.js';
import { verifyAuditChain } from '../src/platform/audit.js';

const config = loadConfig();
const database = await openDatabase(config.DATABASE_URL);
try {
  const r = await verifyAuditChain(database.db);
  if (r.broken) {
    console.error(`Nhật ký kiểm toán bị thay đổi: dòng seq=${r.broken.seq} (${r.broken.reason}); ${r.checked} dòng trước đó hợp lệ.`);
    process.exitCode = 1;
  } else {
    console.log(`Nhật ký kiểm toán nguyên vẹn: ${r.checked} dòng.`);
  }
} finally {
  await database.close();
}
