/**
 * Identity use cases: log in and out with sessions stored in the database, lock out after
 * repeated failures, API tokens (hashed at rest, shown once), and user administration.
 */
import { z } from 'zod';
import { recordAudit, recordPersonalDataAccess } from '../audit.js';
import { inTransaction, type Actor, type Ctx, type Role, type UserActor } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { can, inScope, requirePermission, requireUser, roles } from './permissions.js';
import { findSession, findToken, findUserById, findUserByUsername, type UserRow } from './repo.js';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets.js';

export const TOKEN_PREFIX = 'bvntd_';

function actorFromRow(row: UserRow, via: 'session' | 'token', sessionId?: string): UserActor {
  return {
    type: 'user',
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    userKind: row.kind,
    agencyId: row.agency_id,
    communeCode: row.commune_code,
    businessTaxCode: row.business_tax_code,
    via,
    ...(sessionId ? { sessionId } : {}),
  };
}

// A dummy hash so that an unknown username costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  actor: UserActor;
}

/**
 * Checks the password and opens a session. Wrong credentials answer one generic error;
 * after LOGIN_MAX_FAILURES consecutive failures the account is locked for LOGIN_LOCKOUT_MINUTES.
 */
export async function login(ctx: Ctx, username: string, password: string): Promise<LoginResult> {
  const { config } = ctx.deps;
  const user = await findUserByUsername(ctx.db, username.normalize('NFC').trim());
  const now = ctx.now();
  if (!user || !user.active) {
    await verifyPassword(await (dummyHash ??= hashPassword('dummy-password')), password);
    throw new AppError('unauthenticated', 'auth.invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.');
  }
  if (user.locked_until && user.locked_until > now) {
    const minutes = Math.ceil((user.locked_until.getTime() - now.getTime()) / 60000);
    throw new AppError(
      'rate_limited',
      'auth.locked',
      `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
    );
  }
  const ok = await verifyPassword(user.password_hash, password);
  const actorCtx: Ctx = { ...ctx, actor: actorFromRow(user, 'session') };
  if (!ok) {
    const failures = user.failed_logins + 1;
    const lock = failures >= config.LOGIN_MAX_FAILURES;
    await inTransaction(actorCtx, async (tx) => {
      await tx.db
        .updateTable('app_user')
        .set({
          failed_logins: lock ? 0 : failures,
          locked_until: lock ? new Date(now.getTime() + config.LOGIN_LOCKOUT_MINUTES * 60000) : user.locked_until,
        })
        .where('id', '=', user.id)
        .execute();
      await recordAudit(tx, {
        action: lock ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        summary: { failures },
      });
    });
    throw new AppError('unauthenticated', 'auth.invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.');
  }
  const sessionToken = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_HOURS * 3600_000);
  const sessionId = sha256(sessionToken);
  await inTransaction(actorCtx, async (tx) => {
    await tx.db
      .updateTable('app_user')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now })
      .where('id', '=', user.id)
      .execute();
    await tx.db
      .insertInto('user_session')
      .values({ id: sessionId, user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt })
      .execute();
    await recordAudit(tx, { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  return { sessionToken, csrfToken, expiresAt, actor: actorFromRow(user, 'session', sessionId) };
}

export async function logout(ctx: Ctx): Promise<void> {
  const actor = ctx.actor;
  if (actor.type !== 'user' || !actor.sessionId) return;
  await inTransaction(ctx, async (tx) => {
    await tx.db.updateTable('user_session').set({ revoked_at: tx.now() }).where('id', '=', actor.sessionId!).execute();
    await recordAudit(tx, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
}

/** Resolves a session cookie to its actor and CSRF token; undefined when absent or expired. */
export async function actorFromSession(
  db: Ctx['db'],
  sessionToken: string,
  now: Date,
): Promise<{ actor: UserActor; csrfToken: string } | undefined> {
  const row = await findSession(db, sha256(sessionToken), now);
  if (!row) return undefined;
  return { actor: actorFromRow(row, 'session', row.session_id), csrfToken: row.csrf_token };
}

/** Resolves `Authorization: Bearer bvntd_…` to its actor. */
export async function actorFromToken(db: Ctx['db'], token: string, now: Date): Promise<UserActor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await findToken(db, sha256(token), now);
  if (!row) return undefined;
  await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  return actorFromRow(row, 'token');
}

// ── API tokens ───────────────────────────────────────────────────────────────
export const createTokenInput = z.strictObject({
  name: z.string().trim().min(1, 'Cần đặt tên cho khóa').max(100),
  expiresInDays: z.number().int().min(1).max(730).optional(),
});
export type CreateTokenInput = z.infer<typeof createTokenInput>;

/** Creates an API token for the caller. The secret is returned once and stored only hashed. */
export async function createApiToken(ctx: Ctx, input: CreateTokenInput) {
  requirePermission(ctx, 'tokens.own');
  const actor = ctx.actor;
  const secret = `${TOKEN_PREFIX}${randomToken(30)}`;
  const expiresAt = input.expiresInDays ? new Date(ctx.now().getTime() + input.expiresInDays * 86400_000) : null;
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('api_token')
      .values({ user_id: actor.userId, name: input.name, prefix: secret.slice(0, 12), token_hash: sha256(secret), expires_at: expiresAt })
      .returning(['id', 'name', 'prefix', 'created_at', 'expires_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { action: 'token.create', entityType: 'api_token', entityId: row.id, summary: { name: input.name } });
    return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, expiresAt: row.expires_at, token: secret };
  });
}

export async function listApiTokens(ctx: Ctx) {
  requirePermission(ctx, 'tokens.own');
  const rows = await ctx.db
    .selectFrom('api_token')
    .select(['id', 'name', 'prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', ctx.actor.userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  requirePermission(ctx, 'tokens.own');
  const actor = ctx.actor;
  await inTransaction(ctx, async (tx) => {
    const res = await tx.db
      .updateTable('api_token')
      .set({ revoked_at: tx.now() })
      .where('id', '=', id)
      .where('user_id', '=', actor.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound('token.not_found', 'Không tìm thấy khóa API.');
    await recordAudit(tx, { action: 'token.revoke', entityType: 'api_token', entityId: id });
  });
}

// ── Users ────────────────────────────────────────────────────────────────────
const roleEnum = z.enum(roles as [Role, ...Role[]]);
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .transform((s) => s.normalize('NFC'));

export const createUserInput = z
  .strictObject({
    username: z
      .string()
      .trim()
      .min(3)
      .max(64)
      .regex(/^[a-z0-9._-]+$/, 'Chỉ dùng chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới'),
    displayName: text(200),
    email: z.email().max(200).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?\d{8,15}$/, 'Số điện thoại không hợp lệ')
      .optional(),
    password: z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(200),
    role: roleEnum,
    agencyId: z.uuid().optional(),
    communeCode: z
      .string()
      .regex(/^\d{5}$/, 'Mã xã gồm 5 chữ số')
      .optional(),
    businessTaxCode: z
      .string()
      .regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế gồm 10 chữ số (hoặc 10-3)')
      .optional(),
  })
  .superRefine(
    (v, c) => {
      if (v.role === 'business' && !v.businessTaxCode)
        c.addIssue({ code: 'custom', path: ['businessTaxCode'], message: 'Tài khoản doanh nghiệp cần mã số thuế' });
      if (v.role !== 'business' && !v.agencyId)
        c.addIssue({ code: 'custom', path: ['agencyId'], message: 'Cán bộ phải thuộc một cơ quan' });
    },
    // Also when other fields are wrong, so that a form shows every problem at once.
    { when: (p) => typeof p.value === 'object' && p.value !== null },
  );
export type CreateUserInput = z.infer<typeof createUserInput>;

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  kind: 'staff' | 'business';
  agencyId: string | null;
  communeCode: string | null;
  businessTaxCode: string | null;
  active: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  can: { edit: boolean };
}

function toView(actor: Actor, r: UserRow): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    role: r.role as Role,
    kind: r.kind,
    agencyId: r.agency_id,
    communeCode: r.commune_code,
    businessTaxCode: r.business_tax_code,
    active: r.active,
    lockedUntil: r.locked_until,
    lastLoginAt: r.last_login_at,
    can: { edit: can(actor, 'users.manage') },
  };
}

/** Creates a staff or business user (admin only). The password is never stored in clear or audited. */
export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<UserView> {
  requirePermission(ctx, 'users.manage');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    const existing = await findUserByUsername(tx.db, input.username);
    if (existing) throw new AppError('conflict', 'user.username_taken', 'Tên đăng nhập đã được sử dụng.');
    const row = await tx.db
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        password_hash: passwordHash,
        kind: input.role === 'business' ? 'business' : 'staff',
        role: input.role,
        agency_id: input.role === 'business' ? null : (input.agencyId ?? null),
        commune_code: input.role === 'business' ? null : (input.communeCode ?? null),
        business_tax_code: input.role === 'business' ? (input.businessTaxCode ?? null) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      summary: { username: row.username, role: row.role, agencyId: row.agency_id, communeCode: row.commune_code },
    });
    return toView(tx.actor, row);
  });
}

/**
 * Creates a business user whose authority the caller has already checked (a business invitation,
 * requests/business-accounts.ts), in the caller's transaction, audited like `createUser`. No
 * permission check: the invitation token is the authority. A taken username → 409.
 */
export async function createInvitedBusinessUser(
  tx: Ctx,
  input: { username: string; displayName: string; email: string; password: string; taxCode: string; invitationId: string },
): Promise<{ id: string; username: string }> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(tx, async (t) => {
    if (await findUserByUsername(t.db, input.username))
      throw new AppError('conflict', 'user.username_taken', 'Tên đăng nhập đã được sử dụng; hãy chọn tên khác.', [
        { path: 'body.username', code: 'taken', message: 'Tên đăng nhập đã được sử dụng' },
      ]);
    const user = await t.db
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        email: input.email,
        password_hash: passwordHash,
        kind: 'business',
        role: 'business',
        business_tax_code: input.taxCode,
      })
      .returning(['id', 'username'])
      .executeTakeFirstOrThrow();
    await recordAudit(t, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      summary: { username: user.username, role: 'business', invitationId: input.invitationId },
    });
    return user;
  });
}

/** The users of a business (by tax code), optionally only active ones or one e-mail address (case-insensitive). */
export async function businessUsersOf(ctx: Ctx, taxCode: string, opts: { activeOnly?: boolean; email?: string; limit?: number } = {}) {
  let q = ctx.db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'active', 'last_login_at'])
    .where('business_tax_code', '=', taxCode)
    .where('kind', '=', 'business');
  if (opts.activeOnly) q = q.where('active', '=', true);
  if (opts.email) q = q.where((eb) => eb(eb.fn('lower', ['email']), '=', opts.email!.toLowerCase()));
  if (opts.limit) q = q.limit(opts.limit);
  return q.orderBy('display_name').execute();
}

export const listUsersQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  role: roleEnum.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

/** Lists users the caller may see: commune-scoped staff see only their commune's users. */
export async function listUsers(ctx: Ctx, q: ListUsersQuery) {
  requirePermission(ctx, 'users.read');
  const actor = ctx.actor;
  let base = ctx.db.selectFrom('app_user');
  if (actor.communeCode !== null) base = base.where('commune_code', '=', actor.communeCode);
  if (q.role) base = base.where('role', '=', q.role);
  if (q.q) {
    const like = `%${q.q.normalize('NFC')}%`;
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('f_fold', ['username']), 'like', eb.fn('f_fold', [eb.val(like)])),
        eb(eb.fn('f_fold', ['display_name']), 'like', eb.fn('f_fold', [eb.val(like)])),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('username')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map((r) => toView(actor, r)), page: { page: q.page, pageSize: q.pageSize, total: Number(total.n) } };
}

/** One user record; commune-scoped staff get 404 for users outside their commune. Access is audited. */
export async function getUser(ctx: Ctx, id: string): Promise<UserView> {
  requirePermission(ctx, 'users.read');
  const row = await findUserById(ctx.db, id);
  if (!row || !inScope(ctx.actor, { communeCode: row.commune_code })) throw notFound('user.not_found', 'Không tìm thấy người dùng.');
  await recordPersonalDataAccess(ctx, 'user', row.id, ['email', 'phone']);
  return toView(ctx.actor, row);
}

export function currentUser(ctx: Ctx): UserActor {
  return requireUser(ctx);
}

/** The user row for an admin action, or 404 when it does not exist or is outside the actor's commune. */
async function userInScopeForUpdate(tx: Ctx, id: string): Promise<UserRow> {
  const row = await tx.db.selectFrom('app_user').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row || !inScope(tx.actor, { communeCode: row.commune_code })) throw notFound('user.not_found', 'Không tìm thấy người dùng.');
  return row;
}

/**
 * Deactivates or reactivates an account (admin). A deactivated user cannot sign in and their
 * open sessions are closed at once; their API tokens stop working while inactive. An admin
 * cannot deactivate their own account, so the last admin cannot lock everyone out by mistake.
 * Records are never deleted (STYLE: no hard deletes); repeating the same state changes nothing.
 */
export async function setUserActive(ctx: Ctx, id: string, active: boolean): Promise<UserView> {
  requirePermission(ctx, 'users.manage');
  const actor = ctx.actor;
  if (!active && id === actor.userId) {
    throw new AppError('invalid_state', 'user.cannot_deactivate_self', 'Bạn không thể tự khóa tài khoản của chính mình.');
  }
  return inTransaction(ctx, async (tx) => {
    const row = await userInScopeForUpdate(tx, id);
    if (row.active === active) return toView(actor, row);
    const now = tx.now();
    const updated = await tx.db
      .updateTable('app_user')
      .set({ active, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (!active) {
      await tx.db.updateTable('user_session').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    }
    await recordAudit(tx, {
      action: active ? 'user.activate' : 'user.deactivate',
      entityType: 'user',
      entityId: id,
      summary: { username: row.username },
    });
    return toView(actor, updated);
  });
}

/** Lifts a login lockout (LOGIN_MAX_FAILURES) before it expires (admin), and resets the failure count. */
export async function unlockUser(ctx: Ctx, id: string): Promise<UserView> {
  requirePermission(ctx, 'users.manage');
  const actor = ctx.actor;
  return inTransaction(ctx, async (tx) => {
    const row = await userInScopeForUpdate(tx, id);
    if (row.locked_until === null && row.failed_logins === 0) return toView(actor, row);
    const updated = await tx.db
      .updateTable('app_user')
      .set({ locked_until: null, failed_logins: 0, updated_at: tx.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const wasLocked = row.locked_until !== null && row.locked_until > tx.now();
    await recordAudit(tx, { action: 'user.unlock', entityType: 'user', entityId: id, summary: { username: row.username, wasLocked } });
    return toView(actor, updated);
  });
}
