/**
 * Business accounts (issue 5, business portal): a business, identified by its tax code, is
 * invited by e-mail with a one-time link; whoever opens it sets a display name and a password and
 * becomes a `business` user of that tax code. Invitations come from an officer handling a case
 * that names the business, from an administrator, or from a business user for a colleague of the
 * same tax code (a standing account with several users). Only the token's SHA-256 is stored; a
 * token is used once and expires after INVITATION_DAYS. Audit rows carry no e-mail address.
 */
import { z } from 'zod';
import { nfcText } from '../../platform/api.js';
import { recordAudit } from '../../platform/audit.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import { businessUsersOf, createInvitedBusinessUser } from '../../platform/auth/service.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { formatDate } from '../../platform/i18n.js';
import { enqueue } from '../../platform/outbox.js';
import { findNegotiation } from './negotiation-view.js';
import { findRequest } from './repo.js';
import { inCaseScope } from './access.js';

/** How long a one-time link stays valid. */
export const INVITATION_DAYS = 7;
/** Open invitations per tax code: enough for a company, too few to use the system for spam. */
const MAX_OPEN_PER_TAX_CODE = 20;

const taxCode = z
  .string()
  .trim()
  .regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế gồm 10 chữ số (hoặc 10-3)');
const email = z
  .email('Địa chỉ email không hợp lệ')
  .max(200)
  .transform((s) => s.toLowerCase());

export const invitationInput = z.strictObject({
  email,
  /** Staff: defaults to the case's business; a business user: its own tax code only. */
  taxCode: taxCode.optional(),
  /** The case the invitation comes from (officers). */
  requestId: z.uuid().optional(),
});
export type InvitationInput = z.infer<typeof invitationInput>;

export const activationInput = z.strictObject({
  token: z.string().min(20).max(200),
  username: z
    .string()
    .trim()
    .min(3, 'Tên đăng nhập từ 3 ký tự')
    .max(64)
    .regex(/^[a-z0-9._-]+$/, 'Chỉ dùng chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới'),
  displayName: nfcText(2, 200),
  password: z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(200),
});
export type ActivationInput = z.infer<typeof activationInput>;

const E = {
  invalidLink: () =>
    new AppError(
      'not_found',
      'invitation.invalid',
      'Đường dẫn kích hoạt không đúng, đã được dùng hoặc đã hết hạn. Đề nghị cơ quan hoặc đồng nghiệp gửi lại thư mời.',
    ),
  taxCodeRequired: () =>
    invalid('invitation.tax_code_required', 'Cần mã số thuế của doanh nghiệp để gửi thư mời.', [
      { path: 'body.taxCode', code: 'required', message: 'Nhập mã số thuế của doanh nghiệp' },
    ]),
};

/** An officer invites from a case in scope; an administrator from anywhere; a business user for its own tax code. */
async function inviter(ctx: Ctx, input: InvitationInput) {
  const a = ctx.actor;
  if (a.type === 'user' && a.userKind === 'business') {
    requirePermission(ctx, 'business.respond');
    const own = a.businessTaxCode;
    if (!own) throw forbidden();
    if (input.taxCode && input.taxCode !== own)
      throw forbidden('invitation.other_business', 'Chỉ mời người dùng cho doanh nghiệp của mình.');
    let requestId: string | null = null;
    if (input.requestId) {
      const n = await findNegotiation(ctx.db, input.requestId);
      if (!n || n.business_tax_code !== own) throw notFound('request.not_found', 'Không tìm thấy hồ sơ.');
      requestId = input.requestId;
    }
    return { taxCode: own, requestId, businessName: await latestBusinessName(ctx, own) };
  }
  requirePermission(ctx, 'requests.handle');
  if (!input.requestId) {
    if (!can(ctx.actor, 'users.manage'))
      throw forbidden('invitation.case_required', 'Cán bộ mời doanh nghiệp từ trang hồ sơ có tên doanh nghiệp đó.');
    if (!input.taxCode) throw E.taxCodeRequired();
    return { taxCode: input.taxCode, requestId: null, businessName: await latestBusinessName(ctx, input.taxCode) };
  }
  const r = await findRequest(ctx.db, input.requestId);
  if (!r || !inCaseScope(ctx.actor, r)) throw notFound('request.not_found', 'Không tìm thấy hồ sơ.');
  const n = await findNegotiation(ctx.db, r.id);
  const code = input.taxCode ?? n?.business_tax_code ?? r.business_tax_code;
  if (!code) throw E.taxCodeRequired();
  const name = n?.business_name ?? (r.business as { name?: string }).name ?? null;
  return { taxCode: code, requestId: r.id, businessName: name };
}

async function latestBusinessName(ctx: Ctx, tax: string): Promise<string | null> {
  const n = await ctx.db
    .selectFrom('negotiation')
    .select('business_name')
    .where('business_tax_code', '=', tax)
    .orderBy('forwarded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return n?.business_name ?? null;
}

/**
 * Sends a one-time link to create a business user for a tax code (valid INVITATION_DAYS days).
 * A newer invitation to the same address replaces the open one; an address that already has an
 * active account of that business is refused.
 */
export async function inviteBusinessUser(ctx: Ctx, input: InvitationInput) {
  const who = await inviter(ctx, input);
  return inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const [member] = await businessUsersOf(tx, who.taxCode, { activeOnly: true, email: input.email, limit: 1 });
    if (member)
      throw new AppError('conflict', 'invitation.already_member', 'Địa chỉ email này đã có tài khoản của doanh nghiệp; hãy đăng nhập.');
    await tx.db
      .updateTable('business_invitation')
      .set({ revoked_at: now })
      .where('business_tax_code', '=', who.taxCode)
      .where('email', '=', input.email)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    const open = await tx.db
      .selectFrom('business_invitation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('business_tax_code', '=', who.taxCode)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    if (Number(open.n) >= MAX_OPEN_PER_TAX_CODE)
      throw new AppError('conflict', 'invitation.too_many', 'Doanh nghiệp có quá nhiều thư mời chưa dùng. Vui lòng thử lại sau.');
    const token = randomToken(32);
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86400_000);
    const row = await tx.db
      .insertInto('business_invitation')
      .values({
        token_hash: sha256(token),
        business_tax_code: who.taxCode,
        business_name: who.businessName,
        email: input.email,
        request_id: who.requestId,
        invited_by: tx.actor.type === 'user' ? tx.actor.userId : null,
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'business.invite',
      entityType: 'business_invitation',
      entityId: row.id,
      summary: { taxCode: who.taxCode, requestId: who.requestId, expiresAt: expiresAt.toISOString() },
    });
    const base = tx.deps.config.APP_BASE_URL.replace(/\/$/, '');
    const from =
      tx.actor.type === 'user' && tx.actor.userKind === 'business' ? 'Đồng nghiệp của quý vị' : 'Cơ quan bảo vệ quyền lợi người tiêu dùng';
    const business = who.businessName ? `${who.businessName} (mã số thuế ${who.taxCode})` : `doanh nghiệp có mã số thuế ${who.taxCode}`;
    await enqueue(tx, 'mail.send', {
      to: input.email,
      subject: 'Mời tạo tài khoản doanh nghiệp: tiếp nhận và trả lời yêu cầu của người tiêu dùng',
      text: [
        `${from} mời quý vị tạo tài khoản cho ${business} để tiếp nhận, thương lượng và trả lời yêu cầu của người tiêu dùng (Luật Bảo vệ quyền lợi người tiêu dùng 2023, Điều 57).`,
        `Đường dẫn chỉ dùng được một lần và hết hạn sau ngày ${formatDate(expiresAt)}:`,
        `${base}/doanh-nghiep/kich-hoat?token=${token}`,
        'Nếu quý vị không làm việc cho doanh nghiệp này, vui lòng bỏ qua thư.',
      ].join('\n'),
    });
    return {
      id: row.id,
      taxCode: who.taxCode,
      businessName: who.businessName,
      requestId: who.requestId,
      expiresAt: expiresAt.toISOString(),
    };
  });
}

async function openInvitation(ctx: Ctx, token: string, lock: boolean) {
  let q = ctx.db.selectFrom('business_invitation').selectAll().where('token_hash', '=', sha256(token));
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || row.used_at || row.revoked_at || row.expires_at <= ctx.now()) throw E.invalidLink();
  return row;
}

/** What the activation page shows for a valid link: the business, the address, a suggested username. */
export async function readInvitation(ctx: Ctx, token: string) {
  const row = await openInvitation(ctx, token, false);
  const local = row.email.split('@')[0] ?? '';
  const suggested =
    local
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '')
      .slice(0, 40) || 'doanhnghiep';
  return {
    businessName: row.business_name,
    taxCode: row.business_tax_code,
    email: row.email,
    expiresAt: row.expires_at.toISOString(),
    suggestedUsername: `${suggested}.${row.business_tax_code.slice(-4)}`,
  };
}

/**
 * Creates the business user of an invitation and marks the link used, in one transaction (a
 * second use of the same link, even at the same instant, is refused).
 */
export async function acceptInvitation(ctx: Ctx, input: ActivationInput) {
  return inTransaction(ctx, async (tx) => {
    const inv = await openInvitation(tx, input.token, true);
    const user = await createInvitedBusinessUser(tx, {
      username: input.username,
      displayName: input.displayName,
      email: inv.email,
      password: input.password,
      taxCode: inv.business_tax_code,
      invitationId: inv.id,
    });
    await tx.db.updateTable('business_invitation').set({ used_at: tx.now(), used_by: user.id }).where('id', '=', inv.id).execute();
    await recordAudit(tx, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      summary: { username: user.username, role: 'business', invitationId: inv.id },
    });
    await recordAudit(tx, {
      action: 'business.invitation_accept',
      entityType: 'business_invitation',
      entityId: inv.id,
      summary: { taxCode: inv.business_tax_code, userId: user.id },
    });
    return { userId: user.id, username: user.username, taxCode: inv.business_tax_code };
  });
}

/** Whether a tax code has an active business user (else the business must be invited first). */
export async function businessHasUsers(ctx: Ctx, tax: string): Promise<boolean> {
  return (await businessUsersOf(ctx, tax, { activeOnly: true, limit: 1 })).length > 0;
}

/** The users and open invitations of the caller's business (a business user). */
export async function listBusinessAccount(ctx: Ctx) {
  requirePermission(ctx, 'business.respond');
  const a = ctx.actor;
  if (a.userKind !== 'business' || !a.businessTaxCode) throw forbidden();
  const now = ctx.now();
  const [users, invitations, name] = await Promise.all([
    businessUsersOf(ctx, a.businessTaxCode),
    ctx.db
      .selectFrom('business_invitation')
      .select(['id', 'email', 'created_at', 'expires_at'])
      .where('business_tax_code', '=', a.businessTaxCode)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .execute(),
    latestBusinessName(ctx, a.businessTaxCode),
  ]);
  return {
    taxCode: a.businessTaxCode,
    businessName: name,
    users: users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      active: u.active,
      lastLoginAt: u.last_login_at?.toISOString() ?? null,
      you: u.id === a.userId,
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      createdAt: i.created_at.toISOString(),
      expiresAt: i.expires_at.toISOString(),
    })),
  };
}
