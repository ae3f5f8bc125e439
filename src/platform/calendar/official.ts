/**
 * Loader for the vendored official schedule data/holidays/vn-civil-service-2024-2026.json
 * (non-working weekdays and working weekend days of civil servants, as announced each year).
 *
 * The file is checked on load (a wrong weekday label, a holiday on a weekend or an unknown source
 * id throws CalendarDataError) because a silent data slip would move legal deadlines.
 * Entries under "pending" are NOT law (e.g. 24/11 Ngày Văn hóa Việt Nam needs an amendment of
 * Labour Code Art. 112(1)); they are returned separately and never become calendar rows.
 */
import { readFileSync } from 'node:fs';
import { daysFromCivil, formatIso, parseIsoDate, weekdayOf, type IsoDate } from './dates.js';
import { CalendarDataError, CalendarInputError } from './errors.js';
import type { CalendarDay, CalendarDayKind } from './types.js';

export const OFFICIAL_HOLIDAYS_FILE = new URL('../../../data/holidays/vn-civil-service-2024-2026.json', import.meta.url);

export interface PendingDay {
  date: IsoDate;
  note: string;
  source: string;
}

export interface OfficialCalendar {
  rows: CalendarDay[];
  pending: PendingDay[];
  /** Announcement status per year, e.g. { "2026": "announced for …; 24/11 PENDING" }. */
  status: Record<string, string>;
}

const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const WEEKDAY_VI: Record<string, string> = {
  Mon: 'Thứ Hai',
  Tue: 'Thứ Ba',
  Wed: 'Thứ Tư',
  Thu: 'Thứ Năm',
  Fri: 'Thứ Sáu',
  Sat: 'Thứ Bảy',
  Sun: 'Chủ nhật',
};
const KIND_MAP: Record<string, CalendarDayKind> = {
  holiday: 'holiday',
  compensatory: 'compensatory',
  swapped: 'swap_off',
};

/**
 * The JSON labels mix English glosses into Vietnamese names ("nghỉ bù (Tết day on Sat 10/02)").
 * Names are shown to citizens and quoted in explanations, so the few English patterns the file
 * uses are rendered in Vietnamese; anything else is kept as written.
 */
export function localizeName(name: string): string {
  return name
    .replace(/Tết day on /g, 'ngày Tết trùng ')
    .replace(/worked on /g, 'làm bù vào ')
    .replace(/ on (Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/g, ' trùng $1')
    .replace(/làm bù for /g, 'làm bù cho ')
    .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/g, (w) => WEEKDAY_VI[w] ?? w);
}

function fail(msg: string): never {
  throw new CalendarDataError(`Dữ liệu lịch nghỉ không hợp lệ: ${msg}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.length === 0) fail(`${where} phải là chuỗi`);
  return v;
}

function arr(v: unknown, where: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(`${where} phải là mảng`);
  return v;
}

function dayOf(date: string, where: string): number {
  try {
    const { y, m, d } = parseIsoDate(date);
    return daysFromCivil(y, m, d);
  } catch (e) {
    if (e instanceof CalendarInputError) fail(`${where}: ${e.message}`);
    throw e;
  }
}

/** Pure part: JSON value → rows. */
export function parseOfficialCalendar(json: unknown): OfficialCalendar {
  if (!isRecord(json) || !isRecord(json.years) || !isRecord(json.sources)) fail('thiếu "years" hoặc "sources"');
  const sources = json.sources;
  const sourceText = (ids: unknown, where: string): string => {
    const list = arr(ids, `${where}.sources`);
    if (list.length === 0) fail(`${where} không có nguồn`);
    const parts: string[] = [];
    for (const id of list) {
      const s = sources[str(id, `${where}.sources[]`)];
      if (!isRecord(s)) fail(`${where}: nguồn "${String(id)}" không có trong "sources"`);
      const text = typeof s.doc === 'string' && s.doc !== '-' ? s.doc : str(s.issuer, `sources.${String(id)}.issuer`);
      if (!parts.includes(text)) parts.push(text);
    }
    return parts.join('; ');
  };

  const rows: CalendarDay[] = [];
  const pending: PendingDay[] = [];
  const status: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [yearKey, yv] of Object.entries(json.years)) {
    if (!isRecord(yv)) fail(`years.${yearKey}`);
    status[yearKey] = typeof yv.status === 'string' ? yv.status : '';
    const entries: Array<[unknown, boolean]> = [
      ...arr(yv.non_working_weekdays, `years.${yearKey}.non_working_weekdays`).map((e): [unknown, boolean] => [e, false]),
      ...arr(yv.working_weekends, `years.${yearKey}.working_weekends`).map((e): [unknown, boolean] => [e, true]),
    ];
    for (const [e, workingWeekend] of entries) {
      if (!isRecord(e)) fail(`years.${yearKey}: mục không hợp lệ`);
      const date = str(e.date, `years.${yearKey}[].date`);
      const where = `${yearKey}/${date}`;
      const day = dayOf(date, where);
      if (date.slice(0, 4) !== yearKey) fail(`${where} không thuộc năm ${yearKey}`);
      const wd = weekdayOf(day);
      if (e.weekday !== undefined && e.weekday !== WEEKDAY_EN[wd]) {
        fail(`${where} ghi "${String(e.weekday)}" nhưng thực tế là ${WEEKDAY_EN[wd]}`);
      }
      const weekend = wd === 0 || wd === 6;
      if (workingWeekend !== weekend) {
        fail(`${where}: ${workingWeekend ? 'ngày làm bù phải là Thứ Bảy/Chủ nhật' : 'ngày nghỉ phải là ngày trong tuần'}`);
      }
      let kind: CalendarDayKind = 'makeup_workday';
      if (!workingWeekend) {
        const k = KIND_MAP[str(e.kind, `${where}.kind`)];
        if (k === undefined) fail(`${where}: loại "${String(e.kind)}" không được hỗ trợ`);
        kind = k;
      }
      if (seen.has(date)) fail(`${where} bị lặp`);
      seen.add(date);
      rows.push({
        date: formatIso(day),
        kind,
        name: localizeName(str(e.name, `${where}.name`)),
        source: sourceText(e.sources, where),
        provisional: false,
        provinceCode: null,
      });
    }
    for (const p of arr(yv.pending, `years.${yearKey}.pending`)) {
      if (!isRecord(p)) fail(`years.${yearKey}.pending`);
      const date = str(p.when, `years.${yearKey}.pending[].when`);
      dayOf(date, `${yearKey}/pending/${date}`);
      pending.push({
        date,
        note: typeof p.note === 'string' ? p.note : '',
        source: sourceText(p.sources, `${yearKey}/pending/${date}`),
      });
    }
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { rows, pending, status };
}

/** Reads the vendored file (the only I/O of the calendar module). */
export function loadOfficialCalendar(file: URL | string = OFFICIAL_HOLIDAYS_FILE): OfficialCalendar {
  return parseOfficialCalendar(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

/** Official rows only (provisional: false); pending entries are excluded because they are not law. */
export function loadOfficialDays(file: URL | string = OFFICIAL_HOLIDAYS_FILE): CalendarDay[] {
  return loadOfficialCalendar(file).rows;
}
