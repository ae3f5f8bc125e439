import { sql, type Kysely } from 'kysely';

/**
 * Negotiation support (issue 5; Law 19/2023 Arts. 56–60): one negotiation per request, forwarded
 * to a business identified by tax code; the business's answer, the consumer's feedback and the
 * remedy's delivery; potential violations when a business misses a statutory deadline (Decree
 * 98/2020 Art. 61), one per missed clock; and what closing a case records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table negotiation (
      request_id uuid primary key references request(id),
      business_tax_code text not null,
      business_name text not null,
      business_email text,
      forwarded_at timestamptz not null,
      forwarded_by uuid references app_user(id),
      forward_note text,
      eligibility_warning text,
      confidential boolean not null default false,
      acknowledged_at timestamptz,
      acknowledged_by uuid references app_user(id),
      outcome text check (outcome in ('explained','monetary_relief','non_monetary_relief','refused_with_reason','incorrect_business','in_progress')),
      explanation text,
      remedy jsonb,
      public_response text,
      responded_at timestamptz,
      responded_by uuid references app_user(id),
      result_reported_at timestamptz,
      result_report text,
      consumer_accepted boolean,
      consumer_rating integer check (consumer_rating between 1 and 5),
      consumer_comment text,
      feedback_at timestamptz,
      remedy_due_date date,
      remedy_received_at timestamptz,
      remedy_escalated_at timestamptz,
      reopened_at timestamptz,
      reopen_count integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index negotiation_business on negotiation (business_tax_code, forwarded_at desc)`.execute(db);
  await sql`create index negotiation_remedy_due on negotiation (remedy_due_date) where remedy_received_at is null and remedy_due_date is not null`.execute(
    db,
  );

  await sql`
    create table potential_violation (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references request(id),
      clock_id uuid not null unique,
      rule text not null,
      business_tax_code text not null,
      business_name text not null,
      legal_basis text not null,
      fine_min_vnd bigint not null,
      fine_max_vnd bigint not null,
      description text not null,
      status text not null default 'open' check (status in ('open','referred','dismissed')),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index potential_violation_business on potential_violation (business_tax_code, created_at desc)`.execute(db);

  await sql`alter table request add column closing_outcome text`.execute(db);
  await sql`alter table request add column closed_at timestamptz`.execute(db);
  await sql`alter table request add column stage_times jsonb`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
