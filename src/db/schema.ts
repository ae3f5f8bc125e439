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

// ── modules/requests ─────────────────────────────────────────────────────────
type JsonOf<T extends object> = JSONColumnType<T, string, string>;
type JsonNullOf<T extends object> = JSONColumnType<T | null, string | null, string | null>;

export interface RequestCodeCounterTable {
  province_code: string;
  year: number;
  last: Generated<number>;
}

export interface RequestTable {
  id: Generated<string>;
  code: string;
  province_code: string;
  kind: string;
  channel: string;
  status: string;
  received_at: Timestamp;
  consumer: JsonOf<Record<string, unknown>>;
  consumer_name: string;
  consumer_phone: string | null;
  consumer_email: string | null;
  representative: JsonNullOf<Record<string, unknown>>;
  vulnerable: ColumnType<string[], string[] | undefined, string[]>;
  vulnerable_evidence: Generated<boolean>;
  business: JsonOf<Record<string, unknown>>;
  business_name: string;
  business_tax_code: string | null;
  txn: JsonNullOf<Record<string, unknown>>;
  amount_vnd: ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;
  transaction_date: ColumnType<string | null, string | null | undefined, string | null>;
  product_or_service: string | null;
  place_commune_code: string | null;
  online: Generated<boolean>;
  description: string;
  desired_outcome: string | null;
  prior_contact: JsonNullOf<Record<string, unknown>>;
  consents: JsonOf<Record<string, unknown>>;
  language: Generated<string>;
  sector: string | null;
  violations: ColumnType<string[], string[] | undefined, string[]>;
  classification: JsonNullOf<Record<string, unknown>>;
  agency_id: string | null;
  agency_kind: string | null;
  routing: JsonNullOf<Record<string, unknown>>;
  commune_code: string | null;
  assigned_to: string | null;
  tracking_secret_hash: string;
  missing: ColumnType<string[], string[] | undefined, string[]>;
  refusal_ground: string | null;
  enforcement_flag: Generated<boolean>;
  duplicate_of: string | null;
  reroute_count: Generated<number>;
  bounce_count: Generated<number>;
  next_due_at: TimestampNull;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  search_text: ColumnType<string, never, never>;
  search_tsv: ColumnType<string, never, never>;
  closing_outcome: string | null;
  closed_at: TimestampNull;
  stage_times: ColumnType<Record<string, number> | null, string | null | undefined, string | null>;
}

export interface RequestEventTable {
  id: Generated<string>;
  request_id: string;
  at: Timestamp;
  type: string;
  actor_id: string | null;
  actor_label: string;
  public: Generated<boolean>;
  data: Json;
}

export interface RequestNoteTable {
  id: Generated<string>;
  request_id: string;
  author_id: string;
  body: string;
  created_at: Generated<Date>;
}

export interface RequestAttachmentTable {
  id: Generated<string>;
  request_id: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  purpose: Generated<string>;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  body_hash: string;
  entity_id: string;
  response: Json;
  created_at: Generated<Date>;
}

export interface ClassificationCorrectionTable {
  id: Generated<string>;
  request_id: string;
  text: string;
  sector: string;
  violations: ColumnType<string[], string[], string[]>;
  corrected_by: string;
  created_at: Generated<Date>;
}

// ── modules/directory ────────────────────────────────────────────────────────
/** A `date` column; the directory repo selects it as 'YYYY-MM-DD' text (to_char), never as a JS Date. */
type DateText = ColumnType<string, string, string>;
type DateTextNull = ColumnType<string | null, string | null | undefined, string | null>;

export interface ProvinceTable {
  code: string;
  name: string;
  type: 'tinh' | 'thanh_pho';
  name_current: string;
  type_current: 'tinh' | 'thanh_pho';
  name_en: string;
  short_name: string;
  amended_on: DateTextNull;
  amended_basis: string | null;
  fold_key: ColumnType<string, never, never>;
}

export interface CommuneTable {
  code: string;
  province_code: string;
  name: string;
  type: 'xa' | 'phuong' | 'dac_khu';
  name_current: string;
  type_current: 'xa' | 'phuong' | 'dac_khu';
  name_en: string;
  amended_on: DateTextNull;
  amended_basis: string | null;
  fold_key: ColumnType<string, never, never>;
}

export interface CommuneSourceTable {
  id: Generated<number>;
  new_code: string;
  old_code: string | null;
  old_name: string;
  old_district_code: string | null;
  old_district: string | null;
  old_province_code: string | null;
  old_province: string | null;
  note: string | null;
}

export interface AgencyTable {
  id: Generated<string>;
  name: string;
  kind: string;
  level: 'province' | 'commune';
  province_code: string;
  commune_code: string | null;
  parent_id: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  fold_key: ColumnType<string, never, never>;
}

export interface AgencyAliasTable {
  id: Generated<string>;
  agency_id: string;
  alias: string;
  alias_fold: ColumnType<string, never, never>;
  created_at: Generated<Date>;
}

export interface CompetenceRuleTable {
  id: Generated<string>;
  sector: string;
  violation_type: string;
  level: 'province' | 'commune';
  agency_kind: string;
  valid_from: DateText;
  valid_until: DateTextNull;
  legal_basis: string;
  note: string | null;
  warned_at: TimestampNull;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

// ── platform/calendar (calendar_day) and platform/clocks (clock, clock_pause) ─────
/**
 * A `date` column (a local Asia/Ho_Chi_Minh calendar date). Always select it as `col::text`:
 * node-postgres would turn it into a Date at the server's local midnight.
 */
type LocalDate = ColumnType<string, string, string>;
export type ClockUnitColumn = 'working_days' | 'days' | 'hours';
export type ClockStateColumn = 'running' | 'due_soon' | 'overdue' | 'paused' | 'stopped' | 'met';

export interface CalendarDayTable {
  id: Generated<string>;
  date: LocalDate;
  kind: 'holiday' | 'compensatory' | 'swap_off' | 'makeup_workday' | 'local_holiday';
  name: string;
  source: string;
  provisional: Generated<boolean>;
  /** null = national row; set = a local row of that province only. */
  province_code: string | null;
  /** bigint from calendar_day_revision_seq, renewed on every write (cache change marker). */
  revision: ColumnType<string, never, string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: TimestampNull;
}

export interface ClockTable {
  id: Generated<string>;
  entity_type: string;
  entity_id: string;
  /** Human code of the entity (YC-2026-000123) for messages; never a person's name. */
  entity_label: string | null;
  rule: string;
  unit: ClockUnitColumn;
  amount: number;
  legal_basis: string;
  started_at: Timestamp;
  start_date: LocalDate;
  due_at: Timestamp;
  due_date: LocalDate;
  due_soon_at: Timestamp;
  due_soon_unit: ClockUnitColumn;
  due_soon_amount: number;
  state: ClockStateColumn;
  late: Generated<boolean>;
  met_at: TimestampNull;
  stopped_at: TimestampNull;
  stopped_reason: string | null;
  paused_at: TimestampNull;
  paused_reason: string | null;
  /** How many extensions the rule allows (0 = none) and the longest one. */
  extension_times: Generated<number>;
  extension_max_amount: number | null;
  extension_count: Generated<number>;
  extension_amount: Generated<number>;
  extension_reason: string | null;
  notify: JSONColumnType<{ userIds?: string[]; emails?: string[] }, string, string>;
  notified_due_soon_at: TimestampNull;
  notified_overdue_at: TimestampNull;
  province_code: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ClockPauseTable {
  id: Generated<string>;
  clock_id: string;
  reason: string;
  note: string | null;
  paused_at: Timestamp;
  resumed_at: TimestampNull;
  paused_by: string | null;
  resumed_by: string | null;
}

/** Owner: requests (issue 5). One negotiation per request, forwarded to a business. */
export interface NegotiationTable {
  request_id: string;
  business_tax_code: string;
  business_name: string;
  business_email: string | null;
  forwarded_at: Timestamp;
  forwarded_by: string | null;
  forward_note: string | null;
  eligibility_warning: string | null;
  confidential: Generated<boolean>;
  acknowledged_at: TimestampNull;
  acknowledged_by: string | null;
  outcome: string | null;
  explanation: string | null;
  remedy: ColumnType<{ description: string; amountVnd?: number; dueDate?: string } | null, string | null | undefined, string | null>;
  public_response: string | null;
  responded_at: TimestampNull;
  responded_by: string | null;
  result_reported_at: TimestampNull;
  result_report: string | null;
  consumer_accepted: boolean | null;
  consumer_rating: number | null;
  consumer_comment: string | null;
  feedback_at: TimestampNull;
  remedy_due_date: ColumnType<string | null, string | null | undefined, string | null>;
  remedy_received_at: TimestampNull;
  remedy_escalated_at: TimestampNull;
  reopened_at: TimestampNull;
  reopen_count: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Owner: requests. A business's missed statutory deadline, for the inspections module. */
export interface PotentialViolationTable {
  id: Generated<string>;
  request_id: string;
  clock_id: string;
  rule: string;
  business_tax_code: string;
  business_name: string;
  legal_basis: string;
  fine_min_vnd: ColumnType<string, string | number | bigint, string | number | bigint>;
  fine_max_vnd: ColumnType<string, string | number | bigint, string | number | bigint>;
  description: string;
  status: Generated<string>;
  created_at: Generated<Date>;
}

export interface DB {
  negotiation: NegotiationTable;
  potential_violation: PotentialViolationTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  job: JobTable;
  calendar_day: CalendarDayTable;
  clock: ClockTable;
  clock_pause: ClockPauseTable;
  province: ProvinceTable;
  commune: CommuneTable;
  commune_source: CommuneSourceTable;
  agency: AgencyTable;
  agency_alias: AgencyAliasTable;
  competence_rule: CompetenceRuleTable;
  request_code_counter: RequestCodeCounterTable;
  request: RequestTable;
  request_event: RequestEventTable;
  request_note: RequestNoteTable;
  request_attachment: RequestAttachmentTable;
  idempotency_key: IdempotencyKeyTable;
  classification_correction: ClassificationCorrectionTable;
  hotline_call: HotlineCallTable;
  callback: CallbackTable;
  kb_answer: KbAnswerTable;
}

// ── modules/hotline ──────────────────────────────────────────────────────────
export interface HotlineCallTable {
  id: Generated<string>;
  started_at: Timestamp;
  /** Personal data: never in audit summaries or logs. */
  phone: string | null;
  caller_name: string | null;
  outcome: 'case_created' | 'advice_only' | 'missed';
  request_id: string | null;
  /** The case's human code (YC-…), copied at creation: codes never change. */
  request_code: string | null;
  topic: string | null;
  sector: string | null;
  summary: string | null;
  answer_id: string | null;
  callback_id: string | null;
  operator_id: string | null;
  notes: string | null;
  created_at: Generated<Date>;
}

export interface CallbackAttemptEntry {
  at: string;
  result: string;
  note: string | null;
  operatorId: string | null;
  operatorName: string;
}

export interface CallbackTable {
  id: Generated<string>;
  phone: string;
  missed_at: Timestamp;
  last_missed_at: Timestamp;
  missed_count: Generated<number>;
  due_by: Timestamp;
  status: Generated<'open' | 'done' | 'failed'>;
  attempts: Generated<number>;
  last_attempt_at: TimestampNull;
  last_result: string | null;
  outcome: string | null;
  attempt_log: ColumnType<CallbackAttemptEntry[], string | undefined, string>;
  done_at: TimestampNull;
  operator_id: string | null;
  created_by: string | null;
  /** The province whose hotline owes the call-back (null only for rows older than the column). */
  province_code: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface KbAnswerTable {
  id: Generated<string>;
  slug: string;
  topic: string;
  question: string;
  answer: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  legal_basis: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

// ── mediation (issue 5 point 5) ──────────────────────────────────────────────
/** Owner: mediation. Mediation organisations of Law 19/2023 Art. 63(1)(a)–(c). */
export interface MediationOrgTable {
  id: Generated<string>;
  type: 'a' | 'b' | 'c';
  name: string;
  province_code: string;
  agency_id: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Owner: mediation. Personal data (name, contacts, ethnicity): never in audit summaries. */
export interface MediatorTable {
  id: Generated<string>;
  org_id: string;
  user_id: string | null;
  full_name: string;
  email: string | null;
  phone: string | null;
  ethnic_minority: Generated<boolean>;
  ethnic_group: string | null;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  recognised_at: TimestampNull;
  recognition_ref: string | null;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Owner: mediation. One Art. 64(2) eligibility attestation. */
export interface MediatorAttestationTable {
  id: Generated<string>;
  mediator_id: string;
  kind: string;
  document_ref: string;
  attested_on: ColumnType<string, string, string>;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

/** Owner: mediation. One mediation attempt on a request. */
export interface MediationTable {
  id: Generated<string>;
  request_id: string;
  org_id: string;
  status: Generated<'open' | 'succeeded' | 'failed'>;
  consumer_consent_on: ColumnType<string, string, string>;
  consumer_consent_ref: string | null;
  business_consent_on: ColumnType<string, string, string>;
  business_consent_ref: string | null;
  business_email: string | null;
  business_ethnic_minority: Generated<boolean>;
  party_language: string | null;
  opened_by: string | null;
  opened_at: Timestamp;
  outcome_at: TimestampNull;
  outcome_by: string | null;
  record: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  perform_by: ColumnType<string | null, string | null | undefined, string | null>;
  perform_due_at: TimestampNull;
  performance: 'pending' | 'performed' | 'not_performed' | null;
  performance_note: string | null;
  performance_at: TimestampNull;
  performance_by: string | null;
  overdue_at: TimestampNull;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Owner: mediation. */
export interface MediationMediatorTable {
  mediation_id: string;
  mediator_id: string;
  appointed_at: Timestamp;
  appointed_by: string | null;
}

/** Owner: mediation. Interpreters arranged under Art. 64(3). */
export interface MediationInterpreterTable {
  id: Generated<string>;
  mediation_id: string;
  full_name: string;
  language: string;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

/** Owner: mediation. */
export interface MediationSessionTable {
  id: Generated<string>;
  mediation_id: string;
  starts_at: Timestamp;
  mode: 'in_person' | 'online';
  place: string | null;
  link: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** Owner: mediation. Read-only view over `request` (owned by requests): the columns mediation needs. */
export interface MediationCaseView {
  id: ColumnType<string, never, never>;
  code: ColumnType<string, never, never>;
  province_code: ColumnType<string, never, never>;
  status: ColumnType<string, never, never>;
  agency_id: ColumnType<string | null, never, never>;
  commune_code: ColumnType<string | null, never, never>;
  vulnerable: ColumnType<string[], never, never>;
  enforcement_flag: ColumnType<boolean, never, never>;
  consumer_name: ColumnType<string, never, never>;
  consumer_email: ColumnType<string | null, never, never>;
  business_name: ColumnType<string, never, never>;
  business_tax_code: ColumnType<string | null, never, never>;
  amount_vnd: ColumnType<string | null, never, never>;
  language: ColumnType<string, never, never>;
  product_or_service: ColumnType<string | null, never, never>;
  /** 'YYYY-MM-DD' (the view casts the date to text). */
  transaction_date: ColumnType<string | null, never, never>;
  desired_outcome: ColumnType<string | null, never, never>;
}

// Interface merging keeps this section append-only.
export interface DB {
  mediation_org: MediationOrgTable;
  mediator: MediatorTable;
  mediator_attestation: MediatorAttestationTable;
  mediation: MediationTable;
  mediation_mediator: MediationMediatorTable;
  mediation_interpreter: MediationInterpreterTable;
  mediation_session: MediationSessionTable;
  mediation_case: MediationCaseView;
}

// ── modules/requests: business accounts ──────────────────────────────────────
/** Owner: requests. A one-time invitation for a business user (only the token's hash is kept). */
export interface BusinessInvitationTable {
  id: Generated<string>;
  token_hash: string;
  business_tax_code: string;
  business_name: string | null;
  /** Personal data: never in audit summaries or logs. */
  email: string;
  request_id: string | null;
  invited_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: TimestampNull;
  used_by: string | null;
  revoked_at: TimestampNull;
}

export interface DB {
  business_invitation: BusinessInvitationTable;
}

// ── modules/requests: the case graph (issue 5 point 6) ────────────────────────
// Interface merging adds the sub-case columns to `request` without touching its block above.
export interface RequestTable {
  /** The case this sub-case was split from; set together with `child_kind`. */
  parent_id: ColumnType<string | null, string | null | undefined, string | null>;
  child_kind: ColumnType<
    'civil_dispute' | 'violation_referral' | 'safety_signal' | 'price_complaint' | null,
    'civil_dispute' | 'violation_referral' | 'safety_signal' | 'price_complaint' | null | undefined,
    'civil_dispute' | 'violation_referral' | 'safety_signal' | 'price_complaint' | null
  >;
}

/** Owner: requests. Open cases about one business and a similar issue, handled together. */
export interface RequestGroupTable {
  id: Generated<string>;
  /** Human code NH-<year>-<6 digits>. */
  code: string;
  province_code: string;
  title: string;
  business_name: string;
  business_tax_code: string | null;
  sector: string | null;
  agency_id: string | null;
  commune_code: string | null;
  /** Art. 54(2) exception: every affected consumer is identified, so the threshold does not apply. */
  consumers_identified: Generated<boolean>;
  enforcement_flag: Generated<boolean>;
  enforcement_reason: 'threshold' | 'member_flagged' | null;
  flagged_at: TimestampNull;
  /** The accepted violation_referral sub-case (to the inspection agency). */
  referral_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Owner: requests. Membership is never deleted: `removed_at`; one active group per case. */
export interface RequestGroupMemberTable {
  group_id: string;
  request_id: string;
  added_by: string | null;
  added_at: Generated<Date>;
  removed_at: TimestampNull;
}

export interface DB {
  request_group: RequestGroupTable;
  request_group_member: RequestGroupMemberTable;
}

// ── modules/plans (issue 6) ──────────────────────────────────────────────────
/** Owner: plans. One day of a plan's reporting calendar ("trước ngày 10/11 hằng năm"). */
export interface PlanReportingDay {
  month: number;
  day: number;
  /** `agencies` report to the focal agency; the `focal` agency reports upwards. */
  audience: 'agencies' | 'focal';
  text?: string;
}

/** Owner: plans. Parsed timing of a task (src/modules/plans/schema.ts `timing`). */
export interface PlanTimingColumn {
  text: string;
  kind: string;
  due?: string;
  recurrence?: { every: string; on?: string };
  from?: string;
  until?: string;
  condition?: string;
  note?: string;
}

/** Owner: plans. A provincial plan. */
export interface PlanTable {
  id: Generated<string>;
  code: string;
  province_code: string;
  issuer: string | null;
  number: string | null;
  /** 'YYYY-MM-DD': select as `issued_on::text`. */
  issued_on: DateTextNull;
  year: number | null;
  place: string | null;
  title: string;
  legal_basis: ColumnType<string[], string | undefined, string>;
  reporting_calendar: ColumnType<PlanReportingDay[], string | undefined, string>;
  focal_agency_id: string | null;
  reminder_days: Generated<number>;
  source_format: 'text' | 'docx' | 'xlsx' | 'manual' | null;
  source_kind: 'table' | 'prose' | null;
  source_name: string | null;
  status: Generated<'active' | 'archived'>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Owner: plans. A task or a section (parent task) of a plan. */
export interface PlanTaskTable {
  id: Generated<string>;
  plan_id: string;
  parent_id: string | null;
  position: number;
  number: string;
  ref: string;
  level: number;
  is_section: boolean;
  content: string;
  details: string | null;
  deliverable: string;
  timing_text: string;
  timing: ColumnType<PlanTimingColumn, string, string>;
  timing_corrected: Generated<boolean>;
  responsible_person: string | null;
  authority: string | null;
  /** 'YYYY-MM-DD': select as `condition_met_on::text`. */
  condition_met_on: DateTextNull;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Owner: plans. A lead or co-operating agency of a task, as written and as matched. */
export interface PlanTaskAgencyTable {
  id: Generated<string>;
  task_id: string;
  role: 'lead' | 'co';
  position: number;
  text: string;
  agency_id: string | null;
  agency_name: string | null;
  is_group: boolean;
  kind: string | null;
  confidence: number | null;
  match: 'auto' | 'manual' | 'group' | 'unmatched';
  updated_at: Generated<Date>;
}

export type PlanReportStatus = 'not_started' | 'on_track' | 'at_risk' | 'done' | 'overdue';

/** Owner: plans. An agency's report on a task for one period (the agencies' deadline). */
/** A figure of a live indicator stored with a report (plans/indicators.ts). */
export interface PlanReportKpi {
  code: string;
  label: string;
  unit: string;
  value: number | null;
  breakdown?: { key: string | null; label: string; value: number }[];
}

export interface PlanReportTable {
  id: Generated<string>;
  task_id: string;
  agency_id: string;
  /** 'YYYY-MM-DD': select as `period::text`. */
  period: DateText;
  role: 'lead' | 'co';
  status: PlanReportStatus;
  narrative: string;
  /** The live indicators' values for the period when the report was submitted (IndicatorValue[]). */
  kpis: ColumnType<PlanReportKpi[], string | undefined, string>;
  submitted_by: string | null;
  submitted_at: Timestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Owner: plans. An evidence file of a report (bytes in platform/storage). */
export interface PlanReportEvidenceTable {
  id: Generated<string>;
  report_id: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** Owner: plans. A reminder, an escalation (each once per plan, agency and period) or an urging notice. */
export interface PlanNoticeTable {
  id: Generated<string>;
  plan_id: string;
  agency_id: string;
  period: DateText;
  kind: 'reminder' | 'escalation' | 'urge';
  task_refs: ColumnType<string[], string | undefined, string>;
  message: string | null;
  recipients: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DB {
  plan: PlanTable;
  plan_task: PlanTaskTable;
  plan_task_agency: PlanTaskAgencyTable;
  plan_report: PlanReportTable;
  plan_report_evidence: PlanReportEvidenceTable;
  plan_notice: PlanNoticeTable;
}

// ── modules/plans: live indicators bound to tasks (issue 6 point 5) ──────────
export interface PlanTaskTable {
  indicators: ColumnType<string[], string[] | undefined, string[]>;
}
