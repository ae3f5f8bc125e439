import { sql, type Kysely } from 'kysely';
// The one upward import of db/: the seed goes through the engine's checked loader (wrong weekday
// labels, unknown sources and weekend "holidays" throw) instead of a second, unchecked parser.
import { loadOfficialDays } from '../../platform/calendar/official.js';

/**
 * Legal time (platform/calendar, platform/clocks): the admin-maintained holiday table, seeded
 * with the official 2024–2026 civil-service schedules, and the statutory clocks with their pauses.
 * PostgreSQL 15 compatible (no NULLS NOT DISTINCT in use, no uuidv7).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Every insert/update takes a fresh value: (count, sum(revision)) is the cheap change marker the
  // per-process calendar cache is keyed by; timestamps alone can repeat under a fixed test clock.
  await sql`create sequence calendar_day_revision_seq`.execute(db);
  await sql`
    create table calendar_day (
      id uuid primary key default gen_random_uuid(),
      date date not null,
      kind text not null check (kind in ('holiday','compensatory','swap_off','makeup_workday','local_holiday')),
      name text not null check (length(name) between 1 and 300),
      source text not null check (length(source) between 1 and 500),
      provisional boolean not null default false,
      province_code text check (province_code ~ '^[0-9]{2}$'),
      revision bigint not null default nextval('calendar_day_revision_seq'),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz,
      constraint calendar_day_local_has_province check (kind <> 'local_holiday' or province_code is not null)
    )`.execute(db);
  await sql`
    create unique index calendar_day_active_uq on calendar_day (date, coalesce(province_code, ''))
    where deleted_at is null`.execute(db);

  const rows = loadOfficialDays();
  if (rows.length > 0) {
    await sql`
      insert into calendar_day (date, kind, name, source, provisional, province_code)
      values ${sql.join(rows.map((r) => sql`(${r.date}::date, ${r.kind}, ${r.name}, ${r.source}, ${r.provisional}, null)`))}`.execute(db);
  }

  await sql`
    create table clock (
      id uuid primary key default gen_random_uuid(),
      entity_type text not null check (length(entity_type) between 1 and 64),
      entity_id text not null check (length(entity_id) between 1 and 100),
      entity_label text,
      rule text not null,
      unit text not null check (unit in ('working_days','days','hours')),
      amount integer not null check (amount >= 0),
      legal_basis text not null,
      started_at timestamptz not null,
      start_date date not null,
      due_at timestamptz not null,
      due_date date not null,
      due_soon_at timestamptz not null,
      due_soon_unit text not null check (due_soon_unit in ('working_days','days','hours')),
      due_soon_amount integer not null check (due_soon_amount >= 0),
      state text not null check (state in ('running','due_soon','overdue','paused','stopped','met')),
      late boolean not null default false,
      met_at timestamptz,
      stopped_at timestamptz,
      stopped_reason text,
      paused_at timestamptz,
      paused_reason text check (paused_reason in ('awaiting_consumer_supplement','awaiting_other_agency','lab_test','force_majeure','other')),
      extension_times integer not null default 0 check (extension_times >= 0),
      extension_max_amount integer,
      extension_count integer not null default 0 check (extension_count >= 0),
      extension_amount integer not null default 0 check (extension_amount >= 0),
      extension_reason text,
      notify jsonb not null default '{}'::jsonb,
      notified_due_soon_at timestamptz,
      notified_overdue_at timestamptz,
      province_code text check (province_code ~ '^[0-9]{2}$'),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint clock_paused_has_reason check ((state = 'paused') = (paused_at is not null and paused_reason is not null)),
      constraint clock_met_has_time check ((state = 'met') = (met_at is not null))
    )`.execute(db);
  await sql`create index clock_entity_idx on clock (entity_type, entity_id)`.execute(db);
  await sql`create index clock_due_idx on clock (due_at) where state in ('running','due_soon','overdue')`.execute(db);
  await sql`create index clock_due_soon_idx on clock (due_soon_at) where state in ('running','due_soon')`.execute(db);

  await sql`
    create table clock_pause (
      id uuid primary key default gen_random_uuid(),
      clock_id uuid not null references clock(id),
      reason text not null check (reason in ('awaiting_consumer_supplement','awaiting_other_agency','lab_test','force_majeure','other')),
      note text,
      paused_at timestamptz not null,
      resumed_at timestamptz,
      paused_by uuid references app_user(id),
      resumed_by uuid references app_user(id),
      check (resumed_at is null or resumed_at >= paused_at)
    )`.execute(db);
  await sql`create index clock_pause_clock_idx on clock_pause (clock_id, paused_at)`.execute(db);
  // At most one open pause per clock.
  await sql`create unique index clock_pause_open_uq on clock_pause (clock_id) where resumed_at is null`.execute(db);
}
