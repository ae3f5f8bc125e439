/**
 * The authorization matrix: every route × every role (plus anonymous) × scope. Each module adds
 * a `<module>.rows.ts` file here; `matrix.test.ts` loads them all and fails when a route has no row.
 */
import type { Role } from '../../src/platform/context.js';
import type { TestApp } from '../harness.js';

export type Caller = Role | 'anonymous' | 'commune_officer';
export const callers: Caller[] = [
  'anonymous',
  'admin',
  'agency_manager',
  'case_officer',
  'hotline_operator',
  'mediator',
  'inspector',
  'business',
  'viewer',
  'commune_officer',
];

export interface Fixtures {
  /** User ids by caller (anonymous has none). */
  userIds: Record<Exclude<Caller, 'anonymous'>, string>;
  /** Commune code of the commune officer, and another commune's code. */
  ownCommune: string;
  otherCommune: string;
  /** A staff user in another commune (a record outside the commune officer's scope). */
  otherCommuneUserId: string;
  /** A staff user in the commune officer's own commune. */
  ownCommuneUserId: string;
  /** Extra fixtures set up by rows files. */
  extra: Record<string, string>;
}

export interface RequestSpec {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface AuthzRow {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The route as registered, e.g. /api/v1/users/:id */
  route: string;
  /** The concrete request (defaults to the route itself, no body). */
  request?: (fx: Fixtures) => RequestSpec;
  /** Who may pass the permission check: a list of callers, 'public' (everyone) or 'signed-in'. */
  allow: Caller[] | 'public' | 'signed-in';
  /** Callers that pass the permission but must be refused for this record by scope (→ 403/404). */
  outOfScope?: Caller[];
  /** The request ends the caller's session (logout): the matrix logs the caller in again. */
  endsSession?: boolean;
  note?: string;
}

export interface RowsFile {
  rows: AuthzRow[];
  setup?: (t: TestApp, fx: Fixtures) => Promise<void>;
}

export const ALL_STAFF: Caller[] = [
  'admin',
  'agency_manager',
  'case_officer',
  'hotline_operator',
  'mediator',
  'inspector',
  'viewer',
  'commune_officer',
];
export const WORKING_STAFF: Caller[] = ALL_STAFF.filter((c) => c !== 'viewer');
