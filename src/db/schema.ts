/**
 * Kysely table types. Each table has one owning module (named in the comment above it);
 * other modules read it only through the owner's functions. Keep in step with migrations.
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type Json = JSONColumnType<Record<string, unknown>, string, string>;

// ── platform/auth ────────────────────────────────────────────────────────────
export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  kind: 'staff' | 'business';
  role: string;
  agency_id: string | null;
  commune_code: string | null;
  business_tax_code: string | null;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: TimestampNull;
  last_login_at: TimestampNull;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  last_seen_at: Generated<Date>;
  revoked_at: TimestampNull;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: TimestampNull;
  last_used_at: TimestampNull;
  revoked_at: TimestampNull;
}

// ── platform/audit ───────────────────────────────────────────────────────────
export interface AuditEventTable {
  seq: ColumnType<string, string | number, never>;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: Json;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

// ── platform/outbox ──────────────────────────────────────────────────────────
export interface JobTable {
  id: Generated<string>;
  kind: string;
  payload: Json;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_at: TimestampNull;
  last_error: string | null;
  created_at: Generated<Date>;
  done_at: TimestampNull;
}

export interface DB {
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  job: JobTable;
}
