/**
 * admin — staff administration pages: browse and verify the audit trail (/admin/audit and
 * GET /api/v1/audit-events), manage users (/admin/users: list, create, deactivate, unlock),
 * and one's own API tokens (/account/tokens).
 * Tables: none of its own (app_user, api_token belong to platform/auth; audit_event to platform/audit).
 * May call: platform only (later: directory/index.ts for the agency list).
 */
import type { FastifyInstance } from 'fastify';
import { registerAdminPages } from './pages.js';
import { registerAdminRoutes } from './routes.js';

export function registerAdmin(app: FastifyInstance): void {
  registerAdminRoutes(app);
  registerAdminPages(app);
}
