/** The admin module's HTML pages: audit trail, users, and one's own API tokens. */
import type { FastifyInstance } from 'fastify';
import { registerAuditPages } from './audit-pages.js';
import { registerTokenPages } from './token-pages.js';
import { registerUserPages } from './user-pages.js';

export function registerAdminPages(app: FastifyInstance): void {
  registerAuditPages(app);
  registerUserPages(app);
  registerTokenPages(app);
}
