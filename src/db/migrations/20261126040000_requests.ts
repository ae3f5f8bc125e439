import { sql, type Kysely } from 'kysely';

/**
 * Consumer requests (module requests): one case model for every channel, the timeline,
 * internal notes, attachments, idempotency keys and per-province yearly code counters.
 * Personal data (consumer, representative) sits in JSONB columns that only the service reads
 * and audits; public views never select them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table request_code_counter (
      province_code text not null,
      year integer not null,
      last integer not null default 0,
      primary key (province_code, year)
    )`.execute(db);

  await sql`
    create table request (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      province_code text not null,
      kind text not null check (kind in ('request','feedback','complaint')),
      channel text not null check (channel in ('web','hotline','in_person','post','email','api','ncc_referral')),
      status text not null,
      received_at timestamptz not null,
      consumer jsonb not null,
      consumer_name text not null,
      consumer_phone text,
      consumer_email text,
      representative jsonb,
      vulnerable text[] not null default '{}',
      vulnerable_evidence boolean not null default false,
      business jsonb not null,
      business_name text not null,
      business_tax_code text,
      txn jsonb,
      amount_vnd bigint,
      transaction_date date,
      product_or_service text,
      place_commune_code text,
      online boolean not null default false,
      description text not null,
      desired_outcome text,
      prior_contact jsonb,
      consents jsonb not null,
      language text not null default 'vi',
      sector text,
      violations text[] not null default '{}',
      classification jsonb,
      agency_id uuid,
      agency_kind text,
      routing jsonb,
      commune_code text,
      assigned_to uuid references app_user(id),
      tracking_secret_hash text not null,
      missing text[] not null default '{}',
      refusal_ground text,
      enforcement_flag boolean not null default false,
      duplicate_of uuid references request(id),
      reroute_count integer not null default 0,
      bounce_count integer not null default 0,
      next_due_at timestamptz,
      overdue boolean not null default false,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search_text text generated always as (
        f_fold(code || ' ' || consumer_name || ' ' || business_name || ' ' || coalesce(business_tax_code, '') || ' ' || coalesce(product_or_service, '') || ' ' || description)
      ) stored
    )`.execute(db);
  await sql`create index request_search_fts on request using gin (to_tsvector('simple', search_text))`.execute(db);
  await sql`create index request_search_trgm on request using gin (search_text gin_trgm_ops)`.execute(db);
  await sql`create index request_agency_status on request (agency_id, status, received_at desc)`.execute(db);
  await sql`create index request_commune on request (commune_code, received_at desc)`.execute(db);
  await sql`create index request_queue on request (agency_id, next_due_at) where status not in ('resolved','refused','closed')`.execute(db);
  await sql`create index request_consumer_phone on request (consumer_phone) where consumer_phone is not null`.execute(db);
  await sql`create index request_dup on request (business_tax_code, consumer_phone)`.execute(db);

  await sql`
    create table request_event (
      id bigserial primary key,
      request_id uuid not null references request(id),
      at timestamptz not null,
      type text not null,
      actor_id uuid,
      actor_label text not null,
      public boolean not null default false,
      data jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index request_event_request on request_event (request_id, at)`.execute(db);

  await sql`
    create table request_note (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references request(id),
      author_id uuid not null references app_user(id),
      body text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table request_attachment (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references request(id),
      filename text not null,
      media_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      storage_key text not null,
      purpose text not null default 'evidence',
      uploaded_by uuid references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index request_attachment_request on request_attachment (request_id)`.execute(db);

  await sql`
    create table idempotency_key (
      scope text not null,
      key text not null,
      body_hash text not null,
      entity_id uuid not null,
      response jsonb not null,
      created_at timestamptz not null default now(),
      primary key (scope, key)
    )`.execute(db);

  await sql`
    create table classification_correction (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references request(id),
      text text not null,
      sector text not null,
      violations text[] not null,
      corrected_by uuid not null references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
