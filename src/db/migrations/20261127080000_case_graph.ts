import { sql, type Kysely } from 'kysely';

/**
 * The case graph (module requests; issue 5 point 6):
 *
 *  - request.parent_id + request.child_kind: a sub-case split from a case (a civil dispute, a
 *    violation referral to an inspection agency, a product-safety signal, a price complaint). A
 *    child is a full request row with its own code, owner and clocks; both columns are set
 *    together. A parent may not close while a child is open (checked in the service).
 *  - request_group + request_group_member: open cases about the same business and a similar issue
 *    handled together. Members are never deleted (`removed_at`); a case is in at most one active
 *    group. When a group reaches the [CONFIG] number of consumers (or a member is flagged) its
 *    cases cannot be negotiated or mediated (Law 19/2023 Art. 54(2)) and the group may be referred
 *    to the inspection agency through one violation_referral child (`referral_id`).
 * Runs unchanged on PostgreSQL 15 and PGlite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table request add column parent_id uuid references request(id)`.execute(db);
  await sql`
    alter table request add column child_kind text
      check (child_kind in ('civil_dispute','violation_referral','safety_signal','price_complaint'))`.execute(db);
  await sql`alter table request add constraint request_child_kind_with_parent check ((parent_id is null) = (child_kind is null))`.execute(
    db,
  );
  await sql`create index request_parent on request (parent_id) where parent_id is not null`.execute(db);
  // The business-name key of grouping: folded (f_fold: unaccented, lower case) and reduced to
  // letters and digits separated by single spaces, so "CỬA HÀNG  Hoa-Mai" = "Cửa hàng Hoa Mai".
  await sql`
    create function f_business_key(text) returns text
    language sql immutable parallel safe strict
    as $$ select btrim(regexp_replace(public.f_fold($1), '[^[:alnum:]]+', ' ', 'g')) $$`.execute(db);
  // Grouping suggestions and the business page look cases up by tax code (request_dup) or this key.
  await sql`create index request_business_key on request (f_business_key(business_name))`.execute(db);

  await sql`create sequence request_group_number`.execute(db);
  await sql`
    create table request_group (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      province_code text not null,
      title text not null,
      business_name text not null,
      business_tax_code text,
      sector text,
      agency_id uuid references agency(id),
      commune_code text,
      consumers_identified boolean not null default false,
      enforcement_flag boolean not null default false,
      enforcement_reason text check (enforcement_reason in ('threshold','member_flagged')),
      flagged_at timestamptz,
      referral_id uuid references request(id),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index request_group_business on request_group (business_tax_code)`.execute(db);
  await sql`create index request_group_name on request_group (f_business_key(business_name))`.execute(db);

  await sql`
    create table request_group_member (
      group_id uuid not null references request_group(id),
      request_id uuid not null references request(id),
      added_by uuid references app_user(id),
      added_at timestamptz not null default now(),
      removed_at timestamptz,
      primary key (group_id, request_id)
    )`.execute(db);
  await sql`create unique index request_group_member_active on request_group_member (request_id) where removed_at is null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
