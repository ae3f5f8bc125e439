/**
 * The negotiation record of a case (Law 19/2023 Art. 60) as DOCX or PDF: `negotiationRecordDocument`
 * (records.ts) filled from the case, the negotiation and the business's answer. Readable by the
 * staff in the case's scope and by the business party; a confidential negotiation (Art. 59(1)(d))
 * only by the participants (Art. 55(2)). The negotiation ran on this platform, so the session is
 * "online" from forwarding to the consumer's answer.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordPersonalDataAccess } from '../../platform/audit.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import type { Ctx, Deps } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { documentFileName, renderDocument, type DocumentFormat } from '../../platform/documents/index.js';
import { getProvince, todayInVietnam } from '../directory/index.js';
import { typed } from '../../platform/api.js';
import { findNegotiation, outcomeLabels, type BusinessOutcome, type NegotiationRow } from './negotiation-view.js';
import { negotiationRecordDocument, type NegotiationRecordData } from './records.js';
import { findRequest, type RequestRow } from './repo.js';
import { ENTITY } from './case-support.js';
import { inCaseScope, insideCase } from './access.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const E = {
  notFound: () => notFound('request.not_found', 'Không tìm thấy hồ sơ.'),
  notReady: () =>
    new AppError(
      'invalid_state',
      'negotiation.record_not_ready',
      'Chưa có kết quả thương lượng để lập biên bản: doanh nghiệp chưa trả lời hoặc người tiêu dùng chưa cho ý kiến.',
    ),
};

/**
 * A record can be drawn up once the negotiation has a result: the business answered with a final
 * outcome and the consumer accepted or rejected it, or the business refused, or reported the result.
 */
export function recordReady(n: {
  outcome: string | null;
  consumerAccepted: boolean | null;
  resultReportedAt: string | Date | null;
}): boolean {
  if (n.outcome === null || n.outcome === 'in_progress' || n.outcome === 'incorrect_business') return false;
  return n.consumerAccepted !== null || n.outcome === 'refused_with_reason' || n.resultReportedAt !== null;
}

/** Staff in scope (participants only when confidential) or the business party; otherwise 404/403. */
async function loadForRecord(ctx: Ctx, id: string): Promise<{ r: RequestRow; n: NegotiationRow }> {
  if (!UUID.test(id)) throw E.notFound();
  const a = ctx.actor;
  if (a.type === 'user' && a.userKind === 'business') {
    requirePermission(ctx, 'business.respond');
    const n = await findNegotiation(ctx.db, id);
    if (!n || n.business_tax_code !== a.businessTaxCode) throw E.notFound();
    const r = await findRequest(ctx.db, id);
    if (!r) throw E.notFound();
    return { r, n };
  }
  requirePermission(ctx, 'requests.read');
  const r = await findRequest(ctx.db, id);
  if (!r || !inCaseScope(ctx.actor, r)) throw E.notFound();
  const n = await findNegotiation(ctx.db, id);
  if (!n) throw new AppError('invalid_state', 'negotiation.not_forwarded', 'Hồ sơ chưa được chuyển cho doanh nghiệp.');
  if (n.confidential && !insideCase(ctx.actor, r))
    throw forbidden(
      'negotiation.confidential',
      'Việc thương lượng được giữ bí mật: chỉ người tham gia được xem biên bản (Điều 55 khoản 2).',
    );
  return { r, n };
}

const upperVi = (s: string) => s.toLocaleUpperCase('vi');
const placeName = (province: string) => province.replace(/^(tỉnh|thành phố)\s+/i, '');

/** The data of the record, from the case as it stands. */
export async function negotiationRecordData(ctx: Ctx, id: string): Promise<NegotiationRecordData> {
  const { r, n } = await loadForRecord(ctx, id);
  if (!recordReady({ outcome: n.outcome, consumerAccepted: n.consumer_accepted, resultReportedAt: n.result_reported_at }))
    throw E.notReady();
  const extra = await ctx.db
    .selectFrom('negotiation')
    .leftJoin('app_user as responder', 'responder.id', 'negotiation.responded_by')
    .leftJoin('app_user as forwarder', 'forwarder.id', 'negotiation.forwarded_by')
    .select(['negotiation.result_report', 'responder.display_name as responder', 'forwarder.display_name as forwarder'])
    .where('negotiation.request_id', '=', r.id)
    .executeTakeFirstOrThrow();
  const assignee = r.assigned_to
    ? await ctx.db.selectFrom('app_user').select('display_name').where('id', '=', r.assigned_to).executeTakeFirst()
    : undefined;
  const province = await getProvince(ctx, r.province_code).catch(() => null);
  const provinceName = province?.name ?? r.province_code;
  const agencyName = (r.routing as { agencyName?: string } | null)?.agencyName ?? 'Cơ quan bảo vệ quyền lợi người tiêu dùng';
  const consumer = r.consumer as { fullName: string; birthYear?: number; phone?: string; email?: string; address?: { line?: string } };
  const rep = r.representative as { fullName: string; relation: string; phone?: string } | null;
  const business = r.business as { name: string; address?: string; phone?: string };
  const txn = (r.txn ?? null) as { productOrService?: string; date?: string; amountVnd?: number } | null;
  const label = outcomeLabels[n.outcome as BusinessOutcome] ?? n.outcome ?? '';
  const accepted =
    n.consumer_accepted === true
      ? 'Người tiêu dùng đồng ý với đề xuất của tổ chức, cá nhân kinh doanh.'
      : n.consumer_accepted === false
        ? 'Người tiêu dùng không đồng ý với đề xuất của tổ chức, cá nhân kinh doanh.'
        : '';
  const officer = assignee?.display_name ?? extra.forwarder ?? undefined;
  await recordPersonalDataAccess(ctx, ENTITY, r.id, ['consumer.name', 'consumer.contact']);
  return {
    header: {
      issuer: [upperVi(`Ủy ban nhân dân ${provinceName}`), upperVi(agencyName)],
      place: placeName(provinceName),
      date: todayInVietnam(ctx.now()),
    },
    caseCode: r.code,
    consumer: {
      name: consumer.fullName,
      ...(consumer.birthYear ? { birthYear: consumer.birthYear } : {}),
      ...(consumer.address?.line ? { address: consumer.address.line } : {}),
      ...(consumer.phone ? { phone: consumer.phone } : {}),
      ...(consumer.email ? { email: consumer.email } : {}),
      ...(rep ? { representative: { name: rep.fullName, basis: rep.relation, ...(rep.phone ? { phone: rep.phone } : {}) } } : {}),
    },
    business: {
      name: n.business_name || business.name,
      taxCode: n.business_tax_code,
      ...(business.address ? { address: business.address } : {}),
      ...(business.phone ? { phone: business.phone } : {}),
      ...(n.business_email ? { email: n.business_email } : {}),
      representative: {
        name: extra.responder ?? '',
        basis: 'Người dùng của doanh nghiệp trên hệ thống tiếp nhận, giải quyết yêu cầu của người tiêu dùng',
      },
    },
    supportingAgency: { name: agencyName, officers: officer ? [{ name: officer }] : [] },
    session: {
      startedAt: n.forwarded_at,
      ...((n.feedback_at ?? n.responded_at) ? { endedAt: (n.feedback_at ?? n.responded_at)! } : {}),
      location: 'Trên hệ thống tiếp nhận, giải quyết yêu cầu của người tiêu dùng',
      form: 'online',
      formNote: 'trao đổi bằng văn bản điện tử qua hệ thống',
    },
    content: {
      consumerRequest: r.desired_outcome ? `${r.desired_outcome}. ${r.description}` : r.description,
      businessResponse: `${label}${n.explanation ? `: ${n.explanation}` : ''}`,
      ...(txn?.productOrService
        ? {
            transaction: {
              description: txn.productOrService,
              ...(txn.date ? { date: txn.date } : {}),
              ...(txn.amountVnd !== undefined ? { valueVnd: txn.amountVnd } : {}),
            },
          }
        : {}),
    },
    result: {
      outcome: n.consumer_accepted === true ? 'agreed' : 'not_agreed',
      summary: [extra.result_report ?? `${label}${n.explanation ? `: ${n.explanation}` : ''}`, accepted].filter(Boolean).join(' '),
      ...(n.remedy
        ? {
            remedies: [
              {
                description: n.remedy.description,
                ...(n.remedy.amountVnd !== undefined ? { amountVnd: n.remedy.amountVnd } : {}),
                ...(n.remedy.dueDate ? { dueDate: n.remedy.dueDate } : {}),
              },
            ],
          }
        : {}),
    },
    otherTerms: n.remedy_received_at
      ? [`Người tiêu dùng đã xác nhận nhận được biện pháp khắc phục trên hệ thống ngày ${todayOf(n.remedy_received_at)}.`]
      : [],
    agreedWithoutWrittenRecord: false,
    confidential: n.confidential,
  };
}

const todayOf = (d: Date) => {
  const [y, m, day] = todayInVietnam(d).split('-');
  return `${day}/${m}/${y}`;
};

/** The record as a file. */
export async function negotiationRecordFile(ctx: Ctx, id: string, format: DocumentFormat) {
  const data = await negotiationRecordData(ctx, id);
  const doc = await renderDocument(negotiationRecordDocument(data), format);
  return { ...doc, filename: documentFileName(`bien-ban-thuong-luong-${data.caseCode}`, format) };
}

export function registerNegotiationRecordRoute(root: FastifyInstance, _deps: Deps): void {
  const app = typed(root);
  app.get(
    '/api/v1/requests/:id/negotiation-record',
    {
      schema: {
        tags: ['negotiation'],
        summary: 'Biên bản thương lượng (Điều 60), DOCX hoặc PDF: cán bộ trong phạm vi và doanh nghiệp là một bên',
        params: z.object({ id: z.uuid() }),
        description:
          'Tệp DOCX hoặc PDF tiếng Việt. Có khi doanh nghiệp đã trả lời và người tiêu dùng đã cho ý kiến (hoặc doanh nghiệp từ chối, đã báo cáo kết quả); nếu chưa: 409 negotiation.record_not_ready.',
        querystring: z.object({ format: z.enum(['docx', 'pdf']).default('docx') }),
      },
    },
    async (req, reply) => {
      const f = await negotiationRecordFile(req.ctx, req.params.id, req.query.format);
      return reply
        .type(f.contentType)
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .send(f.body);
    },
  );
}
