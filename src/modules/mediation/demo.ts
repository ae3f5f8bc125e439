/**
 * Demo register for `npm start` (first start only, after the demo users): the consumer
 * association (type a, run by the agency of the demo user `hoagiai`, who is one of its mediators),
 * a commercial mediation centre (type b) and a market management board (type c). One mediator of
 * the association speaks Tày and is an ethnic-minority person; one lacks an Art. 64(2) attestation
 * and so cannot be listed or appointed.
 */
import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { getProvince, listAgencies } from '../directory/index.js';
import { anyOrg, insertAttestation, insertMediator, insertOrg } from './repo.js';
import { ART_64_2 } from './rules.js';
import type { AttestationKind } from './schema.js';

const DOC: Record<AttestationKind, string> = {
  vietnamese_citizen: 'Căn cước công dân (bản sao)',
  full_civil_capacity: 'Bản tự khai, xác nhận của tổ chức',
  good_ethics: 'Nhận xét của tổ chức nơi công tác',
  skills_and_knowledge: 'Chứng chỉ bồi dưỡng kỹ năng hòa giải',
  no_criminal_record: 'Phiếu lý lịch tư pháp số 1',
  governing_law_qualification: 'Quyết định công nhận hòa giải viên thương mại',
};

export async function seedDemoMediation(ctx: Ctx): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    if (await anyOrg(tx.db)) return;
    const code = tx.deps.config.DEMO_PROVINCE_CODE;
    const now = tx.now();
    const today = now.toISOString().slice(0, 10);
    const province = await getProvince(tx, code).catch(() => null);
    const where = province?.name ?? '';
    const hoi = (await listAgencies(tx, { kind: 'hoi-bvqlntd', provinceCode: code, page: 1, pageSize: 1 })).data[0];
    const user = await tx.db.selectFrom('app_user').select(['id', 'email']).where('username', '=', 'hoagiai').executeTakeFirst();
    const org = async (type: 'a' | 'b' | 'c', name: string, agencyId: string | null = null) =>
      insertOrg(tx.db, { type, name, province_code: code, agency_id: agencyId, created_at: now, updated_at: now });
    const mediator = async (
      orgId: string,
      m: { fullName: string; userId?: string; email?: string; ethnicGroup?: string; languages?: string[] },
      kinds: readonly AttestationKind[],
      listed: boolean,
    ) => {
      const row = await insertMediator(tx.db, {
        org_id: orgId,
        user_id: m.userId ?? null,
        full_name: m.fullName,
        email: m.email ?? null,
        ethnic_minority: !!m.ethnicGroup,
        ethnic_group: m.ethnicGroup ?? null,
        languages: m.languages ?? [],
        recognised_at: listed ? now : null,
        recognition_ref: listed ? 'Quyết định công nhận hòa giải viên (dữ liệu mẫu)' : null,
        created_at: now,
        updated_at: now,
      });
      for (const kind of kinds)
        await insertAttestation(tx.db, { mediator_id: row.id, kind, document_ref: DOC[kind], attested_on: today, created_at: now });
    };
    const a = await org('a', hoi?.name ?? `Hội Bảo vệ quyền lợi người tiêu dùng ${where}`.trim(), hoi?.id ?? null);
    await mediator(
      a.id,
      { fullName: 'Hoàng Văn Hòa', ...(user ? { userId: user.id } : {}), ...(user?.email ? { email: user.email } : {}) },
      ART_64_2,
      true,
    );
    await mediator(
      a.id,
      { fullName: 'Ma Thị Sinh', email: 'ma.thi.sinh@demo.bvntd.local', ethnicGroup: 'Tày', languages: ['Tày'] },
      ART_64_2,
      true,
    );
    await mediator(
      a.id,
      { fullName: 'Nguyễn Văn Bình' },
      ART_64_2.filter((k) => k !== 'no_criminal_record'),
      false,
    );
    const b = await org('b', `Trung tâm Hòa giải thương mại ${where}`.trim());
    await mediator(b.id, { fullName: 'Lê Thu Hà', email: 'le.thu.ha@demo.bvntd.local' }, ['governing_law_qualification'], true);
    const c = await org('c', `Ban Quản lý chợ trung tâm ${where}`.trim());
    await mediator(c.id, { fullName: 'Trần Văn Chung' }, ART_64_2, true);
    await recordAudit(tx, { action: 'mediation.demo_seed', entityType: 'mediation_org', entityId: a.id, summary: { organisations: 3 } });
  });
}
