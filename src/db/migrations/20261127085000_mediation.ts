import { sql, type Kysely } from 'kysely';

/**
 * Mediation (module mediation; issue 5 point 5; Law 19/2023 Arts. 54(2), 61–66):
 *
 *  - mediation_org: mediation organisations of the three kinds of Art. 63(1): (a) social
 *    organisations taking part in consumer protection, (b) organisations under the laws on
 *    commercial, grassroots and court mediation, (c) other organisations with a consumer-mediation
 *    function. `agency_id` links the directory agency whose staff act for the organisation.
 *  - mediator: the organisation's mediators; `recognised_at` puts one on the published list of
 *    Art. 63(2); ethnic-minority status and languages serve Art. 64(3). Never deleted (`active`).
 *  - mediator_attestation: the Art. 64(2) eligibility conditions, one row per attestation (kind,
 *    document reference, date); a later row of the same kind supersedes an earlier one.
 *  - mediation: one per attempt on a request (at most one open per request), opened with both
 *    parties' consent; the outcome record (Art. 65(2) in `record`), the deadline to perform and
 *    its tracking (Art. 66(1)).
 *  - mediation_mediator, mediation_interpreter, mediation_session: appointments, interpreters
 *    (Art. 64(3)) and scheduled sessions (in person or online, Art. 54(3)).
 *  - mediation_case: a read-only view of the request columns mediation needs (the table is owned
 *    by requests; STYLE.md: other modules read it through the owner's functions or a SQL view).
 * Runs unchanged on PostgreSQL 15 and PGlite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mediation_org (
      id uuid primary key default gen_random_uuid(),
      type text not null check (type in ('a','b','c')),
      name text not null,
      province_code text not null,
      agency_id uuid references agency(id),
      address text,
      phone text,
      email text,
      website text,
      active boolean not null default true,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index mediation_org_name on mediation_org (province_code, lower(name))`.execute(db);
  await sql`create unique index mediation_org_agency on mediation_org (agency_id) where agency_id is not null`.execute(db);

  await sql`
    create table mediator (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references mediation_org(id),
      user_id uuid references app_user(id),
      full_name text not null,
      email text,
      phone text,
      ethnic_minority boolean not null default false,
      ethnic_group text,
      languages text[] not null default '{}',
      recognised_at timestamptz,
      recognition_ref text,
      active boolean not null default true,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index mediator_org on mediator (org_id, full_name)`.execute(db);
  await sql`create unique index mediator_org_user on mediator (org_id, user_id) where user_id is not null`.execute(db);

  await sql`
    create table mediator_attestation (
      id uuid primary key default gen_random_uuid(),
      mediator_id uuid not null references mediator(id),
      kind text not null check (kind in (
        'vietnamese_citizen','full_civil_capacity','good_ethics','skills_and_knowledge','no_criminal_record',
        'governing_law_qualification')),
      document_ref text not null,
      attested_on date not null,
      recorded_by uuid references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index mediator_attestation_mediator on mediator_attestation (mediator_id, kind, attested_on desc)`.execute(db);

  await sql`
    create table mediation (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references request(id),
      org_id uuid not null references mediation_org(id),
      status text not null default 'open' check (status in ('open','succeeded','failed')),
      consumer_consent_on date not null,
      consumer_consent_ref text,
      business_consent_on date not null,
      business_consent_ref text,
      business_email text,
      business_ethnic_minority boolean not null default false,
      party_language text,
      opened_by uuid references app_user(id),
      opened_at timestamptz not null,
      outcome_at timestamptz,
      outcome_by uuid references app_user(id),
      record jsonb,
      perform_by date,
      perform_due_at timestamptz,
      performance text check (performance in ('pending','performed','not_performed')),
      performance_note text,
      performance_at timestamptz,
      performance_by uuid references app_user(id),
      overdue_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'succeeded') = (perform_by is not null and perform_due_at is not null and performance is not null))
    )`.execute(db);
  await sql`create unique index mediation_open_per_request on mediation (request_id) where status = 'open'`.execute(db);
  await sql`create index mediation_request on mediation (request_id, opened_at desc)`.execute(db);
  await sql`create index mediation_org_status on mediation (org_id, status, opened_at desc)`.execute(db);
  await sql`create index mediation_perform_due on mediation (perform_due_at) where performance = 'pending' and overdue_at is null`.execute(
    db,
  );

  await sql`
    create table mediation_mediator (
      mediation_id uuid not null references mediation(id),
      mediator_id uuid not null references mediator(id),
      appointed_at timestamptz not null,
      appointed_by uuid references app_user(id),
      primary key (mediation_id, mediator_id)
    )`.execute(db);
  await sql`create index mediation_mediator_mediator on mediation_mediator (mediator_id)`.execute(db);

  await sql`
    create table mediation_interpreter (
      id uuid primary key default gen_random_uuid(),
      mediation_id uuid not null references mediation(id),
      full_name text not null,
      language text not null,
      recorded_by uuid references app_user(id),
      recorded_at timestamptz not null
    )`.execute(db);
  await sql`create index mediation_interpreter_mediation on mediation_interpreter (mediation_id)`.execute(db);

  await sql`
    create table mediation_session (
      id uuid primary key default gen_random_uuid(),
      mediation_id uuid not null references mediation(id),
      starts_at timestamptz not null,
      mode text not null check (mode in ('in_person','online')),
      place text,
      link text,
      note text,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      check ((mode = 'in_person' and place is not null) or (mode = 'online' and link is not null))
    )`.execute(db);
  await sql`create index mediation_session_mediation on mediation_session (mediation_id, starts_at)`.execute(db);

  await sql`
    create view mediation_case as
      select id, code, province_code, status, agency_id, commune_code, vulnerable, enforcement_flag,
             consumer_name, consumer_email, business_name, business_tax_code, amount_vnd, language,
             product_or_service, transaction_date::text as transaction_date, desired_outcome
      from request`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
