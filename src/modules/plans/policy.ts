/**
 * Record-level rules of plans. Plans are provincial: every holder of `plans.read` sees them all.
 * Managers (`plans.manage`: administrators, agency managers) edit plans and may record a report on
 * behalf of any agency the task is assigned to (reports that arrive on paper). Agency staff with
 * `plans.report` report only for their own agency, on the tasks it leads or co-operates on, by
 * name or as a member of a group assignment ("UBND xã, phường" → every agency of kind ubnd-xa;
 * "Các Sở, ban, ngành" without a kind → any agency).
 */
import { can } from '../../platform/auth/permissions.js';
import type { Actor } from '../../platform/context.js';

export interface ReporterAgency {
  id: string;
  kind: string;
}

interface Assignment {
  role: 'lead' | 'co';
  agency_id: string | null;
  is_group: boolean;
  kind: string | null;
}

export const canManagePlans = (actor: Actor): boolean => can(actor, 'plans.manage');

/** How `agency` takes part in a task: its own assignment first (lead before co), then a group it belongs to. */
export function roleOf(agency: ReporterAgency, assignments: readonly Assignment[]): 'lead' | 'co' | undefined {
  const order = [...assignments].sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1));
  const own = order.find((a) => a.agency_id === agency.id);
  if (own) return own.role;
  const group = order.find((a) => a.is_group && (a.kind === null || a.kind === agency.kind));
  return group?.role;
}

/** Whether the actor may report on a task with these assignments (for `can.report`). */
export function canReportOn(actor: Actor, reporter: ReporterAgency | null, assignments: readonly Assignment[]): boolean {
  if (!can(actor, 'plans.report')) return false;
  if (canManagePlans(actor)) return assignments.length > 0;
  return !!reporter && roleOf(reporter, assignments) !== undefined;
}
