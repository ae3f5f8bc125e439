/** JSON API for sessions, the current user, API tokens and users. */
import { z } from 'zod';
import { errors, typed, paged } from '../../platform/api.js';
import {
  createApiToken,
  createTokenInput,
  createUser,
  createUserInput,
  currentUser,
  getUser,
  listApiTokens,
  listUsers,
  listUsersQuery,
  login,
  logout,
  revokeApiToken,
} from '../../platform/auth/service.js';
import { SESSION_COOKIE } from '../../platform/http.js';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.js';

const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  kind: z.enum(['staff', 'business']),
  agencyId: z.string().nullable(),
  communeCode: z.string().nullable(),
  businessTaxCode: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: z.date().nullable(),
  lastLoginAt: z.date().nullable(),
  can: z.object({ edit: z.boolean() }),
});

const me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  kind: z.enum(['staff', 'business']),
  agencyId: z.string().nullable(),
  communeCode: z.string().nullable(),
});

const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export function registerAccountRoutes(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập, mở phiên (cookie)',
        body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ user: me, expiresAt: z.date() }), ...errors },
      },
      config: { rateLimit: { max: deps.config.RATE_LIMIT_LOGIN_PER_MIN, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      const r = await login(req.ctx, req.body.username, req.body.password);
      reply.setCookie(SESSION_COOKIE, r.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.ctx.deps.config.SECURE_COOKIES,
        expires: r.expiresAt,
      });
      const a = r.actor;
      return {
        user: {
          id: a.userId,
          username: a.username,
          displayName: a.displayName,
          role: a.role,
          kind: a.userKind,
          agencyId: a.agencyId,
          communeCode: a.communeCode,
        },
        expiresAt: r.expiresAt,
      };
    },
  );
  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất, đóng phiên', response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await logout(req.ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'Người dùng hiện tại', response: { 200: me, ...errors } } },
    async (req) => {
      const a = currentUser(req.ctx);
      return {
        id: a.userId,
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        kind: a.userKind,
        agencyId: a.agencyId,
        communeCode: a.communeCode,
      };
    },
  );

  app.get(
    '/api/v1/auth/tokens',
    { schema: { tags: ['auth'], summary: 'Khóa API của tôi', response: { 200: z.object({ data: z.array(tokenView) }), ...errors } } },
    async (req) => ({
      data: await listApiTokens(req.ctx),
    }),
  );
  app.post(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Tạo khóa API (chỉ hiển thị một lần)',
        body: createTokenInput,
        response: { 201: tokenView.omit({ lastUsedAt: true, revokedAt: true }).extend({ token: z.string() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createApiToken(req.ctx, req.body)),
  );
  app.post(
    '/api/v1/auth/tokens/:id/revoke',
    { schema: { tags: ['auth'], summary: 'Thu hồi khóa API', params: z.object({ id: z.uuid() }), response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await revokeApiToken(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Danh sách người dùng (theo phạm vi)',
        querystring: listUsersQuery,
        response: { 200: paged(userView), ...errors },
      },
    },
    async (req) => listUsers(req.ctx, req.query),
  );
  app.post(
    '/api/v1/users',
    { schema: { tags: ['users'], summary: 'Tạo người dùng', body: createUserInput, response: { 201: userView, ...errors } } },
    async (req, reply) => reply.status(201).send(await createUser(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags: ['users'], summary: 'Một người dùng', params: z.object({ id: z.uuid() }), response: { 200: userView, ...errors } } },
    async (req) => getUser(req.ctx, req.params.id),
  );
}
