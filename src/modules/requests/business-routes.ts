/** JSON API of business accounts (issue 5): invitations by e-mail with a one-time link, and the business's users. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, typed } from '../../platform/api.js';
import type { Deps } from '../../platform/context.js';
import { acceptInvitation, activationInput, invitationInput, inviteBusinessUser, listBusinessAccount } from './business-accounts.js';

const invitationOut = z.object({
  id: z.string(),
  taxCode: z.string(),
  businessName: z.string().nullable(),
  requestId: z.string().nullable(),
  expiresAt: z.string(),
});

export function registerBusinessAccountRoutes(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  const tags = ['business'];

  app.post(
    '/api/v1/business/invitations',
    {
      schema: {
        tags,
        summary: 'Mời người dùng doanh nghiệp bằng email (đường dẫn dùng một lần, hết hạn sau 7 ngày)',
        description:
          'Cán bộ xử lý mời từ một hồ sơ trong phạm vi (requestId; mã số thuế mặc định là của doanh nghiệp trong hồ sơ); quản trị viên mời theo mã số thuế; người dùng doanh nghiệp mời đồng nghiệp cùng mã số thuế.',
        body: invitationInput.meta({
          examples: [{ email: 'cskh@minhphat.example.vn', requestId: '00000000-0000-4000-8000-000000000000' }],
        }),
        response: { 201: invitationOut, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await inviteBusinessUser(req.ctx, req.body)),
  );

  app.post(
    '/api/v1/business/invitations/accept',
    {
      schema: {
        tags,
        summary: 'Kích hoạt tài khoản doanh nghiệp bằng đường dẫn trong thư mời',
        security: [],
        body: activationInput,
        response: { 201: z.object({ userId: z.string(), username: z.string(), taxCode: z.string() }), ...errors },
      },
      config: { rateLimit: { max: deps.config.RATE_LIMIT_PUBLIC_PER_MIN, timeWindow: 60_000 } },
    },
    async (req, reply) => reply.status(201).send(await acceptInvitation(req.ctx, req.body)),
  );

  app.get(
    '/api/v1/business/account',
    {
      schema: {
        tags,
        summary: 'Người dùng và thư mời chưa dùng của doanh nghiệp',
        response: {
          200: z.object({
            taxCode: z.string(),
            businessName: z.string().nullable(),
            users: z.array(
              z.object({
                id: z.string(),
                username: z.string(),
                displayName: z.string(),
                active: z.boolean(),
                lastLoginAt: z.string().nullable(),
                you: z.boolean(),
              }),
            ),
            invitations: z.array(z.object({ id: z.string(), email: z.string(), createdAt: z.string(), expiresAt: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => listBusinessAccount(req.ctx),
  );
}
