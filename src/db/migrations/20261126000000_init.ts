import { sql, type Kysely } from 'kysely';

/**
 * Platform kernel tables: extensions, folding function, identity, sessions, tokens,
 * audit trail, job outbox. Written for PostgreSQL 15 (no uuidv7) so it runs unchanged on PGlite 18.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create extension if not exists pgcrypto`.execute(db);
  // unaccent() is not IMMUTABLE; this wrapper is, so it can be used in generated columns and indexes.
  await sql`
    create or replace function f_unaccent(text) returns text
    language sql immutable parallel safe strict
    as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`.execute(db);
  await sql`
    create or replace function f_fold(text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.f_unaccent($1)) $$`.execute(db);

  await sql`
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      username text not null,
      display_name text not null,
      email text,
      phone text,
      password_hash text not null,
      kind text not null check (kind in ('staff', 'business')),
      role text not null check (role in ('admin','agency_manager','case_officer','hotline_operator','mediator','inspector','business','viewer')),
      agency_id uuid,
      commune_code text,
      business_tax_code text,
      active boolean not null default true,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint app_user_business_has_tax_code check (kind <> 'business' or business_tax_code is not null),
      constraint app_user_role_kind check ((kind = 'business') = (role = 'business'))
    )`.execute(db);
  await sql`create unique index app_user_username_uq on app_user (lower(username))`.execute(db);

  await sql`
    create table user_session (
      id text primary key,
      user_id uuid not null references app_user(id),
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index user_session_user_idx on user_session (user_id)`.execute(db);

  await sql`
    create table api_token (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id),
      name text not null,
      prefix text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  await sql`
    create table audit_event (
      seq bigint primary key,
      at timestamptz not null,
      actor_id uuid,
      actor_label text not null,
      action text not null,
      entity_type text not null,
      entity_id text,
      summary jsonb not null default '{}'::jsonb,
      request_id text,
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  await sql`create index audit_event_entity_idx on audit_event (entity_type, entity_id)`.execute(db);
  await sql`create index audit_event_at_idx on audit_event (at)`.execute(db);
  await sql`create index audit_event_actor_idx on audit_event (actor_id)`.execute(db);

  await sql`
    create table job (
      id bigserial primary key,
      kind text not null,
      payload jsonb not null,
      status text not null default 'queued' check (status in ('queued','running','done','failed')),
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 8,
      locked_by text,
      locked_at timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      done_at timestamptz
    )`.execute(db);
  await sql`create index job_queued_idx on job (run_at) where status = 'queued'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
