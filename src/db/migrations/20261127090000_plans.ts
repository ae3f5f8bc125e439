import { sql, type Kysely } from 'kysely';

/**
 * Plans under the "6 clears" (module plans; issue 6):
 *
 *  - plan: a provincial plan (issuer, number and symbol, date, title, the documents it carries out),
 *    its reporting calendar (`[{ month, day, audience: 'agencies' | 'focal', text }]`, e.g. agencies
 *    report before 10/11 each year, the focal agency before 25/11), the focal agency that follows
 *    up, and `reminder_days`: how many days before an agencies' deadline the reminder goes out.
 *    Human code KH-<year>-<4 digits> from a sequence. Never deleted (`status`).
 *  - plan_task: the numbered, nested tasks ("I", "1", "2.1"; sections are parent tasks). The
 *    timing is kept as written (`timing_text`) next to its parsed form (`timing`, jsonb
 *    `{ text, kind, due?, recurrence?, from?, until?, condition? }`); `timing_corrected` when an
 *    officer corrected it. A conditional task waits for `condition_met_on`.
 *  - plan_task_agency: lead (`lead`) and co-operating (`co`) assignments in the order written. A
 *    name matched to the directory carries `agency_id` (`match` auto or manual, `agency_name` is the
 *    directory's name when matched); a generic group ("UBND xã, phường") is `is_group` with the
 *    kind read from its text; an unmatched name is kept with `match = 'unmatched'`, never dropped.
 *  - plan_report: one report per task, agency and period (the agencies' deadline it answers,
 *    'YYYY-MM-DD'): status, narrative; the lead agency's report or a co-operating contribution.
 *  - plan_report_evidence: evidence files (stored outside the database, platform/storage).
 *  - plan_notice: reminders before a deadline, escalations of overdue reports to the focal agency
 *    (each at most once per plan, agency, period: unique index) and urging notices (đôn đốc).
 * Runs unchanged on PostgreSQL 15 and PGlite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence plan_code_seq`.execute(db);
  await sql`
    create table plan (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      province_code text not null,
      issuer text,
      number text,
      issued_on date,
      year int,
      place text,
      title text not null,
      legal_basis jsonb not null default '[]',
      reporting_calendar jsonb not null default '[]',
      focal_agency_id uuid references agency(id),
      reminder_days int not null default 7 check (reminder_days between 0 and 60),
      source_format text check (source_format in ('text','docx','xlsx','manual')),
      source_kind text check (source_kind in ('table','prose')),
      source_name text,
      status text not null default 'active' check (status in ('active','archived')),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index plan_province on plan (province_code, created_at desc)`.execute(db);

  await sql`
    create table plan_task (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan(id),
      parent_id uuid references plan_task(id),
      position int not null,
      number text not null,
      ref text not null,
      level int not null default 0,
      is_section boolean not null default false,
      content text not null,
      details text,
      deliverable text not null default '',
      timing_text text not null default '',
      timing jsonb not null,
      timing_corrected boolean not null default false,
      responsible_person text,
      authority text,
      condition_met_on date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (plan_id, ref),
      unique (plan_id, position)
    )`.execute(db);
  await sql`create index plan_task_parent on plan_task (parent_id)`.execute(db);

  await sql`
    create table plan_task_agency (
      id uuid primary key default gen_random_uuid(),
      task_id uuid not null references plan_task(id),
      role text not null check (role in ('lead','co')),
      position int not null,
      text text not null,
      agency_id uuid references agency(id),
      agency_name text,
      is_group boolean not null default false,
      kind text,
      confidence real,
      match text not null check (match in ('auto','manual','group','unmatched')),
      updated_at timestamptz not null default now(),
      unique (task_id, role, position),
      check ((match in ('auto','manual')) = (agency_id is not null))
    )`.execute(db);
  await sql`create index plan_task_agency_agency on plan_task_agency (agency_id) where agency_id is not null`.execute(db);

  await sql`
    create table plan_report (
      id uuid primary key default gen_random_uuid(),
      task_id uuid not null references plan_task(id),
      agency_id uuid not null references agency(id),
      period date not null,
      role text not null check (role in ('lead','co')),
      status text not null check (status in ('not_started','on_track','at_risk','done','overdue')),
      narrative text not null default '',
      submitted_by uuid references app_user(id),
      submitted_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (task_id, agency_id, period)
    )`.execute(db);
  await sql`create index plan_report_period on plan_report (period, agency_id)`.execute(db);

  await sql`
    create table plan_report_evidence (
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references plan_report(id),
      filename text not null,
      media_type text not null,
      size_bytes int not null,
      sha256 text not null,
      storage_key text not null,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index plan_report_evidence_report on plan_report_evidence (report_id)`.execute(db);

  await sql`
    create table plan_notice (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan(id),
      agency_id uuid not null references agency(id),
      period date not null,
      kind text not null check (kind in ('reminder','escalation','urge')),
      task_refs jsonb not null default '[]',
      message text,
      recipients int not null default 0,
      created_by uuid references app_user(id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create unique index plan_notice_once on plan_notice (plan_id, agency_id, period, kind) where kind in ('reminder','escalation')`.execute(
    db,
  );
  await sql`create index plan_notice_plan on plan_notice (plan_id, created_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
