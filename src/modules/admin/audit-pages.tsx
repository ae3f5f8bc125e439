/** /admin/audit: browse and filter the audit trail, newest first, and verify its hash chain. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import {
  auditPageQuery,
  listAuditEvents,
  parseDateInput,
  verifyAuditTrail,
  type AuditEventView,
  type AuditVerification,
} from '../../platform/audit-trail.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { formatDateTime } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, Pager, pageEnv, type PageEnv } from '../../web/layout.js';
import { csrfOnlyBody, FieldErrorText, fieldErrors, sendPage, type FieldError } from './components.js';

const PAGE_SIZE = 50;
const filterFields = ['action', 'entityType', 'entityId', 'actor', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof filterFields)[number], string>>;

// What the browser sends; checked properly by `auditPageQuery` so errors show on the page.
const rawQuery = z.object({
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actor: z.string().max(100).optional(),
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
  page: z.string().max(7).optional(),
  lang: z.string().max(5).optional(),
});

interface Listing {
  data: AuditEventView[];
  page: { page: number; pageSize: number; total: number };
}

function VerificationResult({ env, v }: { env: PageEnv; v: AuditVerification }) {
  const at = formatDateTime(v.verifiedAt);
  if (!v.broken) {
    return (
      <div class="notice" role="status" id="verify-result">
        {env.t('audit.verify.ok', { checked: v.checked, at })}
      </div>
    );
  }
  return (
    <div class="error-summary" role="alert" id="verify-result">
      <h2>{env.t('audit.verify.brokenTitle')}</h2>
      <p>{env.t('audit.verify.broken', { seq: v.broken.seq, reason: env.t(`audit.reason.${v.broken.reason}`), checked: v.checked, at })}</p>
    </div>
  );
}

function FilterField({
  env,
  name,
  errors,
  value,
}: {
  env: PageEnv;
  name: (typeof filterFields)[number];
  errors: FieldError[];
  value?: string;
}) {
  const isDate = name === 'from' || name === 'to';
  return (
    <div>
      <label for={name}>{env.t(`audit.filter.${name}`)}</label>
      {isDate ? <p class="hint">{env.t('audit.filter.dateHint')}</p> : null}
      <FieldErrorText field={name} errors={errors} />
      <input
        type="text"
        id={name}
        name={name}
        value={value ?? ''}
        inputMode={isDate ? 'numeric' : undefined}
        placeholder={isDate ? 'dd/mm/yyyy' : undefined}
        aria-describedby={errors.some((e) => e.field === name) ? `${name}-error` : undefined}
      />
    </div>
  );
}

function AuditRow({ e }: { e: AuditEventView }) {
  return (
    <tr>
      <td>{e.seq}</td>
      <td>{formatDateTime(e.at)}</td>
      <td>{e.actorLabel}</td>
      <td>
        <code>{e.action}</code>
      </td>
      <td>
        {e.entityType}
        {e.entityId ? (
          <>
            <br />
            <code>{e.entityId}</code>
          </>
        ) : null}
      </td>
      <td>
        <code>{JSON.stringify(e.summary)}</code>
      </td>
      <td>
        <code>{e.requestId ?? ''}</code>
      </td>
    </tr>
  );
}

function AuditPage(p: { env: PageEnv; filters: Filters; errors: FieldError[]; listing?: Listing; verification?: AuditVerification }) {
  const { env, filters, errors, listing } = p;
  return (
    <Layout env={env} title={env.t('audit.title')}>
      {p.verification ? <VerificationResult env={env} v={p.verification} /> : null}
      <ErrorSummary env={env} errors={errors} />
      <form method="get" action="/admin/audit" class="filters" novalidate>
        {filterFields.map((f) => (
          <FilterField env={env} name={f} errors={errors} value={filters[f]} />
        ))}
        <p>
          <button type="submit">{env.t('common.filter')}</button> <a href="/admin/audit">{env.t('common.clearFilters')}</a>
        </p>
      </form>
      <form method="post" action="/admin/audit/verify">
        <CsrfField env={env} />
        <p class="hint">{env.t('audit.verify.hint')}</p>
        <button type="submit" class="secondary">
          {env.t('audit.verify.submit')}
        </button>
      </form>
      {listing && listing.data.length === 0 ? <p class="notice">{env.t('audit.empty')}</p> : null}
      {listing && listing.data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{env.t('audit.col.seq')}</th>
                <th scope="col">{env.t('audit.col.at')}</th>
                <th scope="col">{env.t('audit.col.actor')}</th>
                <th scope="col">{env.t('audit.col.action')}</th>
                <th scope="col">{env.t('audit.col.entity')}</th>
                <th scope="col">{env.t('audit.col.summary')}</th>
                <th scope="col">{env.t('error.requestId')}</th>
              </tr>
            </thead>
            <tbody>
              {listing.data.map((e) => (
                <AuditRow e={e} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {listing ? (
        <Pager env={env} page={listing.page.page} pageSize={listing.page.pageSize} total={listing.page.total} query={filters} />
      ) : null}
    </Layout>
  );
}

export function registerAuditPages(root: FastifyInstance): void {
  const app = typed(root);
  app.get('/admin/audit', { schema: { hide: true, querystring: rawQuery } }, async (req, reply) => {
    requirePermission(req.ctx, 'audit.read');
    const env = pageEnv(req);
    const filters: Filters = {};
    for (const f of filterFields) if (req.query[f]) filters[f] = req.query[f];
    const parsed = auditPageQuery.safeParse({ ...filters, page: req.query.page || undefined, pageSize: PAGE_SIZE });
    if (!parsed.success) {
      // An issue on a valid `to` date can only be the range check.
      const errors = fieldErrors(parsed.error.issues, filterFields, (f) =>
        f === 'to' && filters.to && parseDateInput(filters.to)
          ? env.t('audit.error.range')
          : f === 'from' || f === 'to'
            ? env.t('audit.error.date')
            : env.t('audit.error.filter'),
      );
      if (errors.length === 0) errors.push({ field: 'action', message: env.t('audit.error.filter') });
      return sendPage(reply, <AuditPage env={env} filters={filters} errors={errors} />, 400);
    }
    const listing = await listAuditEvents(req.ctx, parsed.data);
    return sendPage(reply, <AuditPage env={env} filters={filters} errors={[]} listing={listing} />);
  });

  app.post('/admin/audit/verify', { schema: { hide: true, body: csrfOnlyBody } }, async (req, reply) => {
    const verification = await verifyAuditTrail(req.ctx);
    const listing = await listAuditEvents(req.ctx, { page: 1, pageSize: PAGE_SIZE });
    return sendPage(reply, <AuditPage env={pageEnv(req)} filters={{}} errors={[]} listing={listing} verification={verification} />);
  });
}
