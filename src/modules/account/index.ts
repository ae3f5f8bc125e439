/**
 * account — signing in and out, the staff home page, the current user, API tokens and the
 * users API. Tables: none of its own (identity tables belong to platform/auth).
 * May call: platform only.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.js';
import { registerAccountPages } from './pages.js';
import { registerAccountRoutes } from './routes.js';

export function registerAccount(app: FastifyInstance, deps: Deps): void {
  registerAccountRoutes(app, deps);
  registerAccountPages(app, deps);
}
