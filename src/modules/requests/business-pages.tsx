/**
 * The business portal (issue 5): GET /doanh-nghiep (the business's forwarded cases with due dates
 * and overdue markers), GET /doanh-nghiep/ho-so/:id (one case, its clocks and forms) and one POST
 * per action, each calling one use case of negotiation.ts; /doanh-nghiep/nguoi-dung (the
 * business's users, inviting a colleague) and the public activation page of a one-time link,
 * /doanh-nghiep/kich-hoat. Post/redirect/get; a refused action shows the page again with the
 * service's message and what was typed. Also registers the invitation API and the negotiation record.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { parseDateInput } from '../../platform/audit-trail.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import type { Deps } from '../../platform/context.js';
import { AppError, httpStatusOf } from '../../platform/errors.js';
import { pageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import {
  acceptInvitation,
  activationInput,
  invitationInput,
  inviteBusinessUser,
  listBusinessAccount,
  readInvitation,
} from './business-accounts.js';
import { ActivationMessagePage, ActivationPage, BusinessAccountPage } from './business-account-views.js';
import { registerBusinessAccountRoutes } from './business-routes.js';
import { BusinessCasePage, BusinessListPage, type PageError, type Values } from './business-views.js';
import { businessAcknowledge, businessReport, businessRespond, getBusinessRequest, listBusinessRequests } from './negotiation.js';
import { recordReady, registerNegotiationRecordRoute } from './negotiation-record.js';
import { businessReportInput, businessResponseInput, type BusinessResponseInput } from './schema.js';

const hide = { hide: true } as const;
const idParams = z.object({ id: z.uuid() });
const formValue = z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(20)]);
const formBody = z
  .object({ _csrf: z.string().max(100).optional() })
  .catchall(formValue)
  .nullish();
type FormBody = z.infer<typeof formBody>;

const caseDone = ['acknowledged', 'responded', 'progress', 'reported'] as const;
type CaseDone = (typeof caseDone)[number];
const caseNotices: Record<CaseDone, string> = {
  acknowledged: 'Đã xác nhận tiếp nhận. Người tiêu dùng đã được thông báo.',
  responded: 'Đã gửi trả lời. Người tiêu dùng được mời cho ý kiến trên trang theo dõi hồ sơ.',
  progress: 'Đã ghi nhận: doanh nghiệp đang xử lý. Thời hạn thương lượng vẫn tiếp tục tính.',
  reported: 'Đã gửi báo cáo kết quả thương lượng.',
};

function send(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  // Business pages carry the consumer's contact: never cached.
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(node));
}

/** Trimmed text fields (the first of repeated ones), blanks left out. */
function values(body: FormBody): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(body ?? {})) {
    if (k === '_csrf' || v === undefined) continue;
    const s = (Array.isArray(v) ? (v[0] ?? '') : v).trim();
    if (s !== '') out[k] = s;
  }
  return out;
}

const messages: Record<string, string> = {
  outcome: 'Chọn kết quả trả lời.',
  explanation: 'Nhập giải thích cho người tiêu dùng (từ 10 đến 5.000 ký tự).',
  remedyDescription: 'Nhập nội dung biện pháp khắc phục (từ 3 đến 1.000 ký tự).',
  remedyAmount: 'Nhập số tiền bằng số nguyên, ví dụ 1.250.000.',
  remedyDueDate: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 04/12/2026.',
  publicResponse: 'Chọn một trả lời công khai trong danh sách.',
  reason: 'Nhập lý do (từ 10 đến 5.000 ký tự).',
  summary: 'Nhập kết quả thương lượng (từ 5 đến 5.000 ký tự).',
};
const fieldOf: Record<string, string> = { description: 'remedyDescription', amountVnd: 'remedyAmount', dueDate: 'remedyDueDate' };

/** "1.250.000", "1 250 000 đ" or "1250000" → 1250000; undefined when not a whole number of đồng. */
export function parseDong(s: string): number | undefined {
  const digits = s.replace(/[\s.,]|đồng|đ|₫|vnd/gi, '');
  if (!/^\d{1,15}$/.test(digits)) return undefined;
  return Number(digits);
}

/** The answer form → the API's body, or the fields to fix. */
export function responseFromForm(v: Values): { input?: BusinessResponseInput; errors: PageError[] } {
  const errors: PageError[] = [];
  const bad = (field: string) => errors.some((e) => e.field === field) || errors.push({ field, message: messages[field]! });
  const amount = v.remedyAmount !== undefined ? parseDong(v.remedyAmount) : undefined;
  if (v.remedyAmount !== undefined && amount === undefined) bad('remedyAmount');
  const due = v.remedyDueDate !== undefined ? parseDateInput(v.remedyDueDate) : undefined;
  if (v.remedyDueDate !== undefined && due === undefined) bad('remedyDueDate');
  const anyRemedy = v.remedyDescription !== undefined || v.remedyAmount !== undefined || v.remedyDueDate !== undefined;
  if (v.outcome === 'incorrect_business') bad('outcome');
  if (v.outcome === 'monetary_relief' && v.remedyAmount === undefined)
    errors.push({ field: 'remedyAmount', message: 'Nhập số tiền bồi hoàn cho người tiêu dùng.' });
  const parsed = businessResponseInput.safeParse({
    outcome: v.outcome,
    explanation: v.explanation,
    ...(anyRemedy
      ? {
          remedy: {
            description: v.remedyDescription,
            ...(amount !== undefined ? { amountVnd: amount } : {}),
            ...(due !== undefined ? { dueDate: due } : {}),
          },
        }
      : {}),
    ...(v.publicResponse ? { publicResponse: v.publicResponse } : {}),
  });
  if (!parsed.success)
    for (const i of parsed.error.issues) {
      const top = String(i.path[0] ?? '');
      bad(top === 'remedy' ? (fieldOf[String(i.path[1] ?? 'description')] ?? 'remedyDescription') : top in messages ? top : 'explanation');
    }
  const order = Object.keys(messages);
  errors.sort((a, b) => order.indexOf(a.field ?? '') - order.indexOf(b.field ?? ''));
  return errors.length > 0 || !parsed.success ? { errors } : { input: parsed.data, errors };
}

/** Errors a person can fix on the page; the others keep their error page (403, the case gone → 404). */
const shownOnPage = (e: unknown): e is AppError => e instanceof AppError && ['validation', 'conflict', 'invalid_state'].includes(e.kind);

export function registerBusinessPages(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  registerBusinessAccountRoutes(root, deps);
  registerNegotiationRecordRoute(root, deps);

  app.get(
    '/doanh-nghiep',
    {
      schema: {
        ...hide,
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(100000).optional(),
          open: z.enum(['0', '1']).optional(),
          done: z.enum(['returned']).optional(),
          lang: z.string().max(5).optional(),
        }),
      },
    },
    async (req, reply) => {
      const open = req.query.open !== '0';
      const list = await listBusinessRequests(req.ctx, { page: req.query.page ?? 1, pageSize: 25, open });
      const a = req.ctx.actor;
      return send(
        reply,
        <BusinessListPage
          env={pageEnv(req)}
          list={list}
          open={open}
          now={req.ctx.now().toISOString()}
          taxCode={a.type === 'user' ? (a.businessTaxCode ?? '') : ''}
          {...(req.query.done === 'returned' ? { notice: 'Đã trả hồ sơ về cơ quan. Cơ quan sẽ xác định lại doanh nghiệp liên quan.' } : {})}
        />,
      );
    },
  );

  async function renderCase(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    o: { done?: CaseDone; errors?: PageError[]; form?: { name: string; values: Values } },
    status = 200,
  ) {
    const c = await getBusinessRequest(req.ctx, id);
    return send(
      reply,
      <BusinessCasePage
        env={pageEnv(req)}
        c={c}
        errors={o.errors ?? []}
        form={o.form ?? null}
        {...(o.done ? { notice: caseNotices[o.done] } : {})}
        recordReady={recordReady(c.negotiation)}
      />,
      status,
    );
  }

  app.get(
    '/doanh-nghiep/ho-so/:id',
    {
      schema: {
        ...hide,
        params: idParams,
        querystring: z.object({
          done: z.enum(caseDone).optional(),
          lang: z.string().max(5).optional(),
        }),
      },
    },
    async (req, reply) => renderCase(req, reply, req.params.id, req.query.done ? { done: req.query.done } : {}),
  );

  /** Runs one action; a refused one shows the case page again with the message (on `field` when given). */
  async function act(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: { name: string; values: Values },
    run: () => Promise<string>,
    field?: (e: AppError) => string | undefined,
  ) {
    try {
      return reply.redirect(await run(), 303);
    } catch (e) {
      if (!shownOnPage(e)) throw e;
      const f = field?.(e);
      return renderCase(req, reply, id, { errors: [{ ...(f ? { field: f } : {}), message: e.message }], form }, httpStatusOf(e.kind));
    }
  }
  const caseUrl = (id: string, done: CaseDone) => `/doanh-nghiep/ho-so/${id}?done=${done}`;
  const post = { schema: { ...hide, params: idParams, body: formBody } };

  app.post('/doanh-nghiep/ho-so/:id/xac-nhan', post, async (req, reply) => {
    requirePermission(req.ctx, 'business.respond');
    const id = req.params.id;
    return act(req, reply, id, { name: 'acknowledge', values: {} }, async () => {
      await businessAcknowledge(req.ctx, id);
      return caseUrl(id, 'acknowledged');
    });
  });

  app.post('/doanh-nghiep/ho-so/:id/tra-loi', post, async (req, reply) => {
    requirePermission(req.ctx, 'business.respond');
    const id = req.params.id;
    const v = values(req.body);
    const form = { name: 'respond', values: v };
    const { input, errors } = responseFromForm(v);
    if (!input) return renderCase(req, reply, id, { errors, form }, 400);
    return act(
      req,
      reply,
      id,
      form,
      async () => {
        await businessRespond(req.ctx, id, input);
        return caseUrl(id, input.outcome === 'in_progress' ? 'progress' : 'responded');
      },
      (e) => (e.code === 'negotiation.remedy_date_past' ? 'remedyDueDate' : undefined),
    );
  });

  app.post('/doanh-nghiep/ho-so/:id/khong-lien-quan', post, async (req, reply) => {
    requirePermission(req.ctx, 'business.respond');
    const id = req.params.id;
    const v = values(req.body);
    const form = { name: 'incorrect', values: v };
    const parsed = businessResponseInput.safeParse({ outcome: 'incorrect_business', explanation: v.reason });
    if (!parsed.success) return renderCase(req, reply, id, { errors: [{ field: 'reason', message: messages.reason! }], form }, 400);
    return act(req, reply, id, form, async () => {
      await businessRespond(req.ctx, id, parsed.data);
      return '/doanh-nghiep?done=returned';
    });
  });

  app.post('/doanh-nghiep/ho-so/:id/bao-cao', post, async (req, reply) => {
    requirePermission(req.ctx, 'business.respond');
    const id = req.params.id;
    const v = values(req.body);
    const form = { name: 'report', values: v };
    const parsed = businessReportInput.safeParse({ summary: v.summary });
    if (!parsed.success) return renderCase(req, reply, id, { errors: [{ field: 'summary', message: messages.summary! }], form }, 400);
    return act(req, reply, id, form, async () => {
      await businessReport(req.ctx, id, parsed.data);
      return caseUrl(id, 'reported');
    });
  });

  // ── the business's users ──────────────────────────────────────────────────

  async function renderAccount(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { errors?: PageError[]; values?: Values; notice?: string },
    status = 200,
  ) {
    const account = await listBusinessAccount(req.ctx);
    return send(
      reply,
      <BusinessAccountPage
        env={pageEnv(req)}
        account={account}
        errors={o.errors ?? []}
        values={o.values ?? {}}
        {...(o.notice ? { notice: o.notice } : {})}
      />,
      status,
    );
  }

  app.get(
    '/doanh-nghiep/nguoi-dung',
    { schema: { ...hide, querystring: z.object({ done: z.enum(['invited']).optional(), lang: z.string().max(5).optional() }) } },
    async (req, reply) =>
      renderAccount(
        req,
        reply,
        req.query.done ? { notice: 'Đã gửi thư mời. Đường dẫn trong thư dùng được một lần và hết hạn sau 7 ngày.' } : {},
      ),
  );

  app.post('/doanh-nghiep/nguoi-dung/moi', { schema: { ...hide, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'business.respond');
    const v = values(req.body);
    const parsed = invitationInput.safeParse({ email: v.email });
    if (!parsed.success)
      return renderAccount(
        req,
        reply,
        { errors: [{ field: 'email', message: 'Nhập địa chỉ email hợp lệ, ví dụ ten@congty.vn.' }], values: v },
        400,
      );
    try {
      await inviteBusinessUser(req.ctx, parsed.data);
    } catch (e) {
      if (!shownOnPage(e)) throw e;
      return renderAccount(req, reply, { errors: [{ field: 'email', message: e.message }], values: v }, httpStatusOf(e.kind));
    }
    return reply.redirect('/doanh-nghiep/nguoi-dung?done=invited', 303);
  });

  // ── activation of a one-time link (public) ────────────────────────────────

  const publicLimit = { rateLimit: { max: deps.config.RATE_LIMIT_PUBLIC_PER_MIN, timeWindow: 60_000 } };
  const invalidLink = (req: FastifyRequest, reply: FastifyReply, message: string) =>
    send(reply, <ActivationMessagePage env={pageEnv(req)} title="Đường dẫn không dùng được" message={message} />, 404);
  const withToken = (reply: FastifyReply) => reply.header('referrer-policy', 'no-referrer');

  app.get(
    '/doanh-nghiep/kich-hoat',
    {
      schema: { ...hide, querystring: z.object({ token: z.string().max(200).optional(), lang: z.string().max(5).optional() }) },
      config: publicLimit,
    },
    async (req, reply) => {
      withToken(reply);
      const token = req.query.token ?? '';
      try {
        const invitation = await readInvitation(req.ctx, token);
        return send(reply, <ActivationPage env={pageEnv(req)} token={token} invitation={invitation} errors={[]} values={{}} />);
      } catch (e) {
        if (e instanceof AppError && e.code === 'invitation.invalid') return invalidLink(req, reply, e.message);
        throw e;
      }
    },
  );

  app.get('/doanh-nghiep/kich-hoat/xong', { schema: hide }, async (req, reply) =>
    send(
      reply,
      <ActivationMessagePage
        env={pageEnv(req)}
        title="Đã tạo tài khoản doanh nghiệp"
        message="Tài khoản đã sẵn sàng. Đăng nhập bằng tên đăng nhập và mật khẩu vừa đặt để xem các hồ sơ chuyển đến doanh nghiệp."
        login
      />,
    ),
  );

  app.post('/doanh-nghiep/kich-hoat', { schema: { ...hide, body: formBody }, config: publicLimit }, async (req, reply) => {
    withToken(reply);
    const body = req.body ?? {};
    const v = values(body);
    // The password is taken as typed (spaces count); it is never shown again.
    const password = typeof body.password === 'string' ? body.password : '';
    const token = v.token ?? '';
    const again = async (errors: PageError[], status: number) =>
      send(
        reply,
        <ActivationPage env={pageEnv(req)} token={token} invitation={await readInvitation(req.ctx, token)} errors={errors} values={v} />,
        status,
      );
    try {
      const parsed = activationInput.safeParse({ token, username: v.username ?? '', displayName: v.displayName ?? '', password });
      if (!parsed.success) {
        const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
        const errors: PageError[] = [];
        if (bad.has('displayName')) errors.push({ field: 'displayName', message: 'Nhập họ và tên (từ 2 ký tự).' });
        if (bad.has('username'))
          errors.push({
            field: 'username',
            message: 'Tên đăng nhập từ 3 đến 64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.',
          });
        if (bad.has('password')) errors.push({ field: 'password', message: 'Mật khẩu cần từ 10 đến 200 ký tự.' });
        if (bad.has('token')) throw new AppError('not_found', 'invitation.invalid', 'Đường dẫn kích hoạt không đúng.');
        return await again(errors, 400);
      }
      await acceptInvitation(req.ctx, parsed.data);
      return reply.redirect('/doanh-nghiep/kich-hoat/xong', 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'invitation.invalid') return invalidLink(req, reply, e.message);
      if (e instanceof AppError && e.code === 'user.username_taken') return again([{ field: 'username', message: e.message }], 409);
      throw e;
    }
  });
}
