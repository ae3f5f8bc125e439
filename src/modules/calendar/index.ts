/**
 * calendar — the public working-calendar API (deadline lookups, holidays, working days), the
 * holiday admin page and API, and the clocks API. The engine, the `calendar_day` table
 * (platform/calendar) and the `clock` tables (platform/clocks) live in platform; this module owns
 * no table. May call: platform only.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.js';
import { registerClockRoutes } from './clocks-routes.js';
import { registerCalendarPages } from './pages.js';
import { registerCalendarRoutes } from './routes.js';

export function registerCalendar(app: FastifyInstance, deps: Deps): void {
  registerCalendarRoutes(app, deps);
  registerClockRoutes(app);
  registerCalendarPages(app);
}
