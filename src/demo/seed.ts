/**
 * Demo data for `npm start`: one user per role in the demo province (default Tuyên Quang).
 * Runs once: it does nothing when the admin user already exists. The password is
 * DEMO_PASSWORD when set, otherwise generated and printed once.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/connection.js';
import { recordAudit } from '../platform/audit.js';
import { inTransaction, systemCtx, type Deps, type Role } from '../platform/context.js';
import { generatePassword, hashPassword } from '../platform/auth/secrets.js';
import { seedDemoDirectory } from '../modules/directory/index.js';
import { seedDemoRequests } from '../modules/requests/index.js';
import { seedDemoMediation } from '../modules/mediation/index.js';

export interface DemoUser {
  username: string;
  label: string;
  role: Role;
  /** Agency kind the user works in (resolved against the directory), or null for business. */
  agencyKind: string | null;
  commune?: boolean;
  taxCode?: string;
}

export const demoUsers: DemoUser[] = [
  { username: 'admin', label: 'Quản trị hệ thống', role: 'admin', agencyKind: 'so-cong-thuong' },
  { username: 'sct.lanhdao', label: 'Lãnh đạo Sở Công Thương', role: 'agency_manager', agencyKind: 'so-cong-thuong' },
  { username: 'sct.canbo', label: 'Cán bộ xử lý, Sở Công Thương', role: 'case_officer', agencyKind: 'so-cong-thuong' },
  { username: 'tongdai', label: 'Điện thoại viên tổng đài', role: 'hotline_operator', agencyKind: 'so-cong-thuong' },
  { username: 'hoagiai', label: 'Hòa giải viên, Hội BVQLNTD', role: 'mediator', agencyKind: 'hoi-bvqlntd' },
  { username: 'thanhtra', label: 'Kiểm soát viên QLTT', role: 'inspector', agencyKind: 'qltt' },
  // Công ty TNHH Điện máy Minh Phát (issue 5): the demo fridge case is forwarded to it.
  { username: 'doanhnghiep', label: 'Người dùng doanh nghiệp', role: 'business', agencyKind: null, taxCode: '5000123456' },
  { username: 'xa.canbo', label: 'Cán bộ xử lý cấp xã', role: 'case_officer', agencyKind: 'ubnd-xa', commune: true },
  { username: 'sxd.canbo', label: 'Cán bộ xử lý, Sở Xây dựng', role: 'case_officer', agencyKind: 'so-xay-dung' },
];

/** Resolves an agency for a demo user; by default the directory's demo agencies. */
export type AgencyResolver = (kind: string, commune: boolean) => Promise<{ id: string; communeCode: string | null } | undefined>;

export async function seedDemo(
  db: Db,
  deps: Deps,
  log: FastifyBaseLogger,
  resolveAgency?: AgencyResolver,
): Promise<{ users: DemoUser[]; password: string; generated: boolean } | undefined> {
  const exists = await db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirst();
  if (exists) return undefined;
  const generated = !deps.config.DEMO_PASSWORD;
  const password = deps.config.DEMO_PASSWORD ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const ctx = systemCtx(db, deps, log, 'demo-seed');
  await inTransaction(ctx, async (tx) => {
    // The demo province's agencies (first start only), in the same transaction as the users.
    const directory = await seedDemoDirectory(tx, deps.config.DEMO_PROVINCE_CODE);
    const resolve = resolveAgency ?? directory.resolveAgency;
    for (const u of demoUsers) {
      const agency = u.agencyKind ? await resolve(u.agencyKind, !!u.commune) : undefined;
      const row = await tx.db
        .insertInto('app_user')
        .values({
          username: u.username,
          display_name: u.label,
          password_hash: passwordHash,
          kind: u.role === 'business' ? 'business' : 'staff',
          role: u.role,
          agency_id: agency?.id ?? null,
          commune_code: u.commune ? (agency?.communeCode ?? null) : null,
          business_tax_code: u.taxCode ?? null,
          email: `${u.username.replace('.', '-')}@demo.bvntd.local`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(tx, {
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        summary: { username: u.username, role: u.role, demo: true },
      });
    }
    // A few consumer requests, received like real ones, for the inbox and tracking pages.
    await seedDemoRequests(tx);
    await seedDemoMediation(tx);
  });
  return { users: demoUsers, password, generated };
}
