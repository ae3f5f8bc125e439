/**
 * Officers' pages for groups of cases and businesses (issue 5 point 6), over the same services as
 * the API (graph.ts):
 *   GET  /requests/groups              suggested groups (same business, sector and violation) with
 *                                      a "create group" button each
 *   POST /requests/groups              creates a group from the suggested cases
 *   GET  /requests/groups/:id          the group: members, consumers against the Art. 54(2)
 *                                      threshold, a collective note or status change, the referral
 *   POST /requests/groups/:id/note | /status | /referral
 *   GET  /requests/businesses/:taxCode the cases, groups and missed deadlines of one business
 * Each post calls one service function (permission and scope are checked there) and redirects with
 * a notice; a refused post shows the page again with the service's message.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { AppError, httpStatusOf } from '../../platform/errors.js';
import { formatDate } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, type PageEnv } from '../../web/layout.js';
import { pageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import { sectorLabels, violationLabels, type Sector, type ViolationType } from '../classify/index.js';
import {
  actOnRequestGroup,
  createRequestGroup,
  getRequestGroup,
  listBusinessCases,
  referRequestGroup,
  suggestRequestGroups,
} from './graph.js';
import { groupActionInput, groupCreateInput, referralInput } from './graph-routes.js';
import { closingOutcomes } from './schema.js';
import { closingOutcomeLabels } from './status.js';

type Group = Awaited<ReturnType<typeof getRequestGroup>>;
type Suggestions = Awaited<ReturnType<typeof suggestRequestGroups>>;
type Business = Awaited<ReturnType<typeof listBusinessCases>>;
interface Problem {
  message: string;
}

const idParams = z.object({ id: z.uuid() });
const taxParams = z.object({ taxCode: z.string().regex(/^\d{10}(-\d{3})?$/) });
const formBody = z
  .object({ _csrf: z.string().max(100).optional() })
  .catchall(z.union([z.string().max(10_000), z.array(z.string().max(100)).max(200)]))
  .nullish();
const DONE = {
  created: 'Đã lập nhóm hồ sơ.',
  note: 'Đã ghi chú vào mọi hồ sơ của nhóm.',
  status: 'Đã chuyển trạng thái các hồ sơ của nhóm.',
  referral: 'Đã chuyển nhóm cho cơ quan quản lý thị trường xem xét xử lý vi phạm.',
} as const;
const doneQuery = z.object({
  done: z
    .enum(Object.keys(DONE) as [keyof typeof DONE])
    .optional()
    .catch(undefined),
  skipped: z.coerce.number().int().min(0).max(200).optional().catch(undefined),
  lang: z.string().max(5).optional(),
});
const STATUS_CHOICES = [
  ['accepted', 'Thụ lý'],
  ['in_progress', 'Đang giải quyết'],
  ['resolved', 'Đã giải quyết'],
  ['closed', 'Đóng hồ sơ'],
] as const;

const sectorText = (s: string | null) => (s ? (sectorLabels[s as Sector] ?? s) : '—');
const violationText = (vs: readonly string[]) => vs.map((v) => violationLabels[v as ViolationType] ?? v).join(', ');
const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

function send(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(node));
}

const problemsOf = (e: AppError): Problem[] => [{ message: e.message }, ...(e.details ?? []).map((d) => ({ message: d.message }))];

function Notice({ text }: { text: string | undefined }) {
  return text ? (
    <div class="notice" role="status">
      {text}
    </div>
  ) : null;
}

function CaseLink({ id, code, canOpen = true }: { id: string; code: string; canOpen?: boolean }) {
  return canOpen ? <a href={`/requests/${id}`}>{code}</a> : <>{code}</>;
}

// ── views ───────────────────────────────────────────────────────────────────

function SuggestionsPage(p: { env: PageEnv; s: Suggestions; errors: Problem[]; canCreate: boolean }) {
  const { env, s } = p;
  return (
    <Layout env={env} title="Gợi ý nhóm hồ sơ">
      <ErrorSummary env={env} errors={p.errors} />
      <p>
        <a href="/requests">← Hộp hồ sơ</a>
      </p>
      <p>
        Các hồ sơ đang mở trong phạm vi của bạn, cùng doanh nghiệp (mã số thuế hoặc tên), cùng lĩnh vực và có chung hành vi vi phạm. Từ{' '}
        {s.threshold} người tiêu dùng trở lên, nhóm được đề nghị chuyển xem xét xử lý vi phạm (Điều 54 khoản 2 Luật Bảo vệ quyền lợi người
        tiêu dùng).
      </p>
      {s.data.length === 0 ? <p>Chưa có hồ sơ nào nên gộp nhóm.</p> : null}
      {s.data.map((g, i) => {
        const free = g.requests.filter((r) => !r.groupId);
        return (
          <section class="case-section" aria-labelledby={`sg-${i}`}>
            <h2 id={`sg-${i}`}>
              {g.business.name}
              {g.business.taxCode ? ` (MST ${g.business.taxCode})` : ''}
            </h2>
            <p>
              {sectorText(g.sector)} · {violationText(g.violations)} · {g.consumers} người tiêu dùng
              {g.reachesThreshold ? <span class="tag err"> Đạt ngưỡng Điều 54 khoản 2</span> : null}
              {g.business.taxCode ? (
                <>
                  {' '}
                  · <a href={`/requests/businesses/${g.business.taxCode}`}>Trang doanh nghiệp</a>
                </>
              ) : null}
            </p>
            <ul>
              {g.requests.map((r) => (
                <li>
                  <CaseLink id={r.id} code={r.code} /> · {r.statusLabel} · {formatDate(r.receivedAt)}
                  {r.enforcementFlag ? <span class="tag err"> Cần xử lý vi phạm</span> : null}
                </li>
              ))}
            </ul>
            {g.groups.length ? (
              <p>
                Nhóm đã có:{' '}
                {g.groups.map((x) => (
                  <a href={`/requests/groups/${x.id}`}>{x.code} </a>
                ))}
              </p>
            ) : null}
            {p.canCreate && free.length >= 2 ? (
              <form method="post" action="/requests/groups" class="inline-form">
                <CsrfField env={env} />
                {free.map((r) => (
                  <input type="hidden" name="requestIds" value={r.id} />
                ))}
                <button type="submit">Lập nhóm {free.length} hồ sơ</button>
              </form>
            ) : null}
          </section>
        );
      })}
    </Layout>
  );
}

function GroupPage(p: { env: PageEnv; g: Group; errors: Problem[]; notice?: string; values: Record<string, string> }) {
  const { env, g, values: v } = p;
  return (
    <Layout env={env} title={`Nhóm ${g.code}`}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice text={p.notice} />
      <p>
        <a href="/requests/groups">← Gợi ý nhóm hồ sơ</a>
      </p>
      <p>
        <strong>{g.title}</strong>
      </p>
      <dl class="summary">
        <dt>Doanh nghiệp</dt>
        <dd>
          {g.business.name}
          {g.business.taxCode ? (
            <>
              {' '}
              (<a href={`/requests/businesses/${g.business.taxCode}`}>MST {g.business.taxCode}</a>)
            </>
          ) : null}
        </dd>
        <dt>Lĩnh vực</dt>
        <dd>{sectorText(g.sector)}</dd>
        <dt>Người tiêu dùng</dt>
        <dd>
          {g.consumers} (ngưỡng {g.threshold}){g.consumersIdentified ? ' · đã xác định được từng người' : ''}
        </dd>
        <dt>Trạng thái tổng hợp</dt>
        <dd>
          {g.rollup.label} ({g.rollup.open}/{g.rollup.total} đang mở{g.rollup.overdue ? `, ${g.rollup.overdue} quá hạn` : ''})
        </dd>
        <dt>Xử lý vi phạm</dt>
        <dd>
          {g.enforcement.flagged ? <span class="tag err">{g.enforcement.label ?? 'Đề nghị chuyển xử lý vi phạm'}</span> : 'Chưa đến mức'}
          {g.referral
            ? ` · Đã chuyển: ${g.referral.code} (${g.referral.statusLabel}${g.referral.agencyName ? `, ${g.referral.agencyName}` : ''})`
            : ''}
        </dd>
      </dl>
      <div class="table-wrap">
        <table class="cases">
          <caption>Hồ sơ trong nhóm</caption>
          <thead>
            <tr>
              <th scope="col">Mã hồ sơ</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Ngày nhận</th>
              <th scope="col">Doanh nghiệp</th>
            </tr>
          </thead>
          <tbody>
            {g.members.map((m) => (
              <tr>
                <td>
                  <CaseLink id={m.id} code={m.code} canOpen={m.canOpen} />
                </td>
                <td>
                  {m.statusLabel} {m.overdue ? <span class="tag err">Quá hạn</span> : null}
                </td>
                <td>{formatDate(m.receivedAt)}</td>
                <td>{m.businessName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {g.can.act ? (
        <>
          <details class="action" open={v.form === 'note'}>
            <summary>Ghi chú nội bộ cho cả nhóm</summary>
            <form method="post" action={`/requests/groups/${g.id}/note`} novalidate>
              <CsrfField env={env} />
              <label for="note-body">Nội dung</label>
              <textarea id="note-body" name="body" rows={3}>
                {v.body ?? ''}
              </textarea>
              <p>
                <button type="submit">Ghi chú</button>
              </p>
            </form>
          </details>
          <details class="action" open={v.form === 'status'}>
            <summary>Chuyển trạng thái mọi hồ sơ của nhóm</summary>
            <form method="post" action={`/requests/groups/${g.id}/status`} novalidate>
              <CsrfField env={env} />
              <label for="status-to">Trạng thái mới</label>
              <select id="status-to" name="to">
                {STATUS_CHOICES.map(([k, label]) => (
                  <option value={k} selected={v.to === k}>
                    {label}
                  </option>
                ))}
              </select>
              <label for="status-outcome">Kết quả (bắt buộc khi đóng hồ sơ)</label>
              <select id="status-outcome" name="outcome">
                <option value="">—</option>
                {closingOutcomes.map((o) => (
                  <option value={o} selected={v.outcome === o}>
                    {closingOutcomeLabels[o]}
                  </option>
                ))}
              </select>
              <label for="status-note">Ghi chú (không bắt buộc)</label>
              <textarea id="status-note" name="note" rows={2}>
                {v.note ?? ''}
              </textarea>
              <p>
                <button type="submit">Chuyển trạng thái</button>
              </p>
            </form>
          </details>
        </>
      ) : null}
      {g.can.acceptReferral ? (
        <form method="post" action={`/requests/groups/${g.id}/referral`} class="inline-form">
          <CsrfField env={env} />
          <button type="submit" class="danger">
            Chuyển cả nhóm cho quản lý thị trường xử lý vi phạm (Điều 54 khoản 2)
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

function BusinessPage(p: { env: PageEnv; b: Business }) {
  const { env, b } = p;
  return (
    <Layout env={env} title={`Doanh nghiệp MST ${b.taxCode}`}>
      <p>
        <a href="/requests">← Hộp hồ sơ</a>
      </p>
      <dl class="summary">
        <dt>Tên đã ghi trong hồ sơ</dt>
        <dd>{b.names.join('; ') || '—'}</dd>
        <dt>Hồ sơ</dt>
        <dd>
          {b.total} (đang mở {b.open}; cần xử lý vi phạm {b.enforcementFlagged})
        </dd>
        <dt>Vi phạm thời hạn của doanh nghiệp</dt>
        <dd>{b.potentialViolations}</dd>
      </dl>
      {b.groups.length ? (
        <>
          <h2>Nhóm hồ sơ</h2>
          <ul>
            {b.groups.map((g) => (
              <li>
                <a href={`/requests/groups/${g.id}`}>{g.code}</a>: {g.title} · {g.members} hồ sơ, {g.consumers} người tiêu dùng
                {g.enforcementFlag ? <span class="tag err"> Điều 54 khoản 2</span> : null}
                {g.referred ? ' · đã chuyển xử lý' : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div class="table-wrap">
        <table class="cases">
          <caption>Hồ sơ trong phạm vi của bạn</caption>
          <thead>
            <tr>
              <th scope="col">Mã hồ sơ</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Ngày nhận</th>
              <th scope="col">Lĩnh vực, vi phạm</th>
              <th scope="col">Nhóm</th>
            </tr>
          </thead>
          <tbody>
            {b.requests.length === 0 ? (
              <tr>
                <td colSpan={5}>Không có hồ sơ nào trong phạm vi của bạn.</td>
              </tr>
            ) : null}
            {b.requests.map((r) => (
              <tr>
                <td>
                  <CaseLink id={r.id} code={r.code} />
                  {r.matchedBy === 'name' ? <span class="hint"> (khớp theo tên)</span> : null}
                </td>
                <td>
                  {r.statusLabel} {r.overdue ? <span class="tag err">Quá hạn</span> : null}
                </td>
                <td>{formatDate(r.receivedAt)}</td>
                <td>
                  {sectorText(r.sector)}
                  {r.violations.length ? ` · ${violationText(r.violations)}` : ''}
                </td>
                <td>{r.group ? <a href={`/requests/groups/${r.group.id}`}>{r.group.code}</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

// ── routes ──────────────────────────────────────────────────────────────────

function refusedOnly(e: unknown): AppError {
  if (!(e instanceof AppError) || e.kind === 'forbidden' || e.kind === 'unauthenticated' || e.kind === 'not_found') throw e;
  return e;
}

export function registerRequestGroupPages(root: FastifyInstance): void {
  const app = typed(root);
  const hide = { hide: true } as const;

  const renderGroup = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    o: { errors?: Problem[]; status?: number; values?: Record<string, string>; notice?: string } = {},
  ) =>
    send(
      reply,
      <GroupPage
        env={pageEnv(req)}
        g={await getRequestGroup(req.ctx, id)}
        errors={o.errors ?? []}
        notice={o.notice}
        values={o.values ?? {}}
      />,
      o.status,
    );

  app.get('/requests/groups', { schema: { ...hide, querystring: doneQuery } }, async (req, reply) =>
    send(
      reply,
      <SuggestionsPage
        env={pageEnv(req)}
        s={await suggestRequestGroups(req.ctx)}
        errors={[]}
        canCreate={can(req.ctx.actor, 'requests.handle')}
      />,
    ),
  );

  app.post('/requests/groups', { schema: { ...hide, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'requests.handle');
    const parsed = groupCreateInput.safeParse({ requestIds: list(req.body?.requestIds) });
    try {
      if (!parsed.success) throw new AppError('validation', 'request_group.too_few', 'Một nhóm cần ít nhất hai hồ sơ.');
      const g = await createRequestGroup(req.ctx, parsed.data);
      return reply.redirect(`/requests/groups/${g.id}?done=created`, 303);
    } catch (e) {
      const err = refusedOnly(e);
      const s = await suggestRequestGroups(req.ctx);
      return send(reply, <SuggestionsPage env={pageEnv(req)} s={s} errors={problemsOf(err)} canCreate />, httpStatusOf(err.kind));
    }
  });

  app.get('/requests/groups/:id', { schema: { ...hide, params: idParams, querystring: doneQuery } }, async (req, reply) =>
    renderGroup(req, reply, req.params.id, {
      notice: req.query.done
        ? DONE[req.query.done] +
          (req.query.skipped
            ? ` ${req.query.skipped} hồ sơ không áp dụng được (đã kết thúc hoặc không thể chuyển sang trạng thái này).`
            : '')
        : undefined,
    }),
  );

  app.post(
    '/requests/groups/:id/:action',
    { schema: { ...hide, params: z.object({ id: z.uuid(), action: z.enum(['note', 'status', 'referral']) }), body: formBody } },
    async (req, reply) => {
      requirePermission(req.ctx, 'requests.handle');
      const { id, action } = req.params;
      const b = req.body ?? {};
      const values: Record<string, string> = { form: action, body: one(b.body), to: one(b.to), outcome: one(b.outcome), note: one(b.note) };
      try {
        if (action === 'referral') {
          const r = referralInput.safeParse({});
          await referRequestGroup(req.ctx, id, r.success ? r.data : {});
        } else {
          const input =
            action === 'note'
              ? { action, body: values.body }
              : {
                  action,
                  to: values.to,
                  ...(values.outcome ? { outcome: values.outcome } : {}),
                  ...(values.note ? { note: values.note } : {}),
                };
          const parsed = groupActionInput.safeParse(input);
          if (!parsed.success)
            throw new AppError(
              'validation',
              'request.invalid',
              action === 'note' ? 'Nhập nội dung ghi chú.' : 'Chọn trạng thái mới hợp lệ.',
            );
          const r = await actOnRequestGroup(req.ctx, id, parsed.data);
          if (r.skipped.length) return reply.redirect(`/requests/groups/${id}?done=${action}&skipped=${r.skipped.length}`, 303);
        }
        return reply.redirect(`/requests/groups/${id}?done=${action}`, 303);
      } catch (e) {
        const err = refusedOnly(e);
        return renderGroup(req, reply, id, { errors: problemsOf(err), status: httpStatusOf(err.kind), values });
      }
    },
  );

  app.get('/requests/businesses/:taxCode', { schema: { ...hide, params: taxParams, querystring: doneQuery } }, async (req, reply) =>
    send(reply, <BusinessPage env={pageEnv(req)} b={await listBusinessCases(req.ctx, req.params.taxCode)} />),
  );
}
