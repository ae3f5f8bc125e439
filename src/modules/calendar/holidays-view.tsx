/**
 * The holiday admin page as TSX: 12 month tables (weekends, days off and make-up days marked in
 * text as well as colour; each special day's name and source in its title), the list of special
 * days with their sources, and the form to add a row. Routes are in pages.tsx.
 */
import {
  daysFromCivil,
  formatIso,
  formatVn,
  isoToDay,
  weekdayOf,
  CALENDAR_DAY_KINDS,
  type CalendarDay,
  type CalendarDayKind,
} from '../../platform/calendar/index.js';
import type { CalendarDayRecord } from '../../platform/calendar/store.js';
import type { MessageKey } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, type PageEnv } from '../../web/layout.js';
import type { HolidayAdminView } from './service.js';

const STYLE = `
.year-nav{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-end;margin-bottom:1rem}
.months{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:1rem}
table.month{border-collapse:collapse;width:100%;font-size:.9rem}
table.month caption{font-weight:700;text-align:left;padding:.25rem 0}
table.month th,table.month td{border:1px solid var(--line);text-align:center;padding:.15rem;vertical-align:top;height:2.6rem}
table.month td.weekend{background:#f3f2f1}
table.month td.off{background:#fde8e7;font-weight:700}
table.month td.makeup{background:#e6f4ea;font-weight:700}
table.month .mark{display:block;font-size:.7rem;font-weight:400}
table.days{border-collapse:collapse;width:100%;margin:1rem 0}
table.days th,table.days td{border-bottom:1px solid var(--line);text-align:left;padding:.35rem;vertical-align:top}
table.days caption{font-weight:700;text-align:left;padding:.5rem 0}
.notice{border-left:6px solid var(--ok);padding:.5rem 1rem;margin:1rem 0}
`;

export interface FormValues {
  date?: string;
  kind?: string;
  name?: string;
  source?: string;
  provisional?: boolean;
  provinceCode?: string;
}

const kindKey = (k: string): MessageKey => `holidays.kind.${k as CalendarDayKind}`;
const wdKey = (i: number): MessageKey => `holidays.wd.${i}` as MessageKey;
const wdLongKey = (i: number): MessageKey => `holidays.wdLong.${i}` as MessageKey;
/** 1 = Monday … 7 = Sunday. */
const isoWeekday = (day: number): number => ((weekdayOf(day) + 6) % 7) + 1;

function yearHref(env: PageEnv, year: number, province: string | null): string {
  return `/admin/holidays?year=${year}${province ? `&province=${province}` : ''}`;
}

function Month({ env, view, month }: { env: PageEnv; view: HolidayAdminView; month: number }) {
  const first = daysFromCivil(view.year, month, 1);
  const next = month === 12 ? daysFromCivil(view.year + 1, 1, 1) : daysFromCivil(view.year, month + 1, 1);
  const cells: (number | null)[] = Array.from({ length: isoWeekday(first) - 1 }, () => null);
  for (let d = first; d < next; d++) cells.push(d);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return (
    <table class="month">
      <caption>{env.t('holidays.month', { month, year: view.year })}</caption>
      <thead>
        <tr>
          {[1, 2, 3, 4, 5, 6, 7].map((i) => (
            <th scope="col">
              <abbr title={env.t(wdLongKey(i))}>{env.t(wdKey(i))}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr>
            {w.map((day) => {
              if (day === null) return <td aria-hidden="true"></td>;
              const iso = formatIso(day);
              const info = view.calendar.isWorkingDay(iso);
              const weekend = isoWeekday(day) >= 6;
              const special = info.kind !== undefined;
              const cls = [weekend ? 'weekend' : '', special ? (info.working ? 'makeup' : 'off') : ''].filter(Boolean).join(' ');
              const title = special
                ? `${info.reason ?? ''} — ${info.source ?? ''}${info.provisional ? ` (${env.t('holidays.mark.provisional')})` : ''}`
                : undefined;
              return (
                <td class={cls || undefined} title={title}>
                  <time datetime={iso}>{civilDay(day)}</time>
                  {special ? (
                    <span class="mark">
                      {info.working ? env.t('holidays.mark.makeup') : env.t('holidays.mark.off')}
                      {info.provisional ? <abbr title={env.t('holidays.mark.provisional')}>*</abbr> : null}
                    </span>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function civilDay(day: number): string {
  return String(Number(formatIso(day).slice(8, 10)));
}

function RemoveButton({ env, row, view }: { env: PageEnv; row: CalendarDayRecord; view: HolidayAdminView }) {
  return (
    <form method="post" action={`/admin/holidays/${row.id}/remove`} class="inline">
      <CsrfField env={env} />
      <input type="hidden" name="year" value={String(view.year)} />
      {view.provinceCode ? <input type="hidden" name="province" value={view.provinceCode} /> : null}
      <button type="submit" class="secondary" aria-label={env.t('holidays.removeLabel', { date: formatVn(isoToDay(row.date)) })}>
        {env.t('holidays.remove')}
      </button>
    </form>
  );
}

function DayRows({ env, view, days }: { env: PageEnv; view: HolidayAdminView; days: (CalendarDay | CalendarDayRecord)[] }) {
  const byKey = new Map(view.rows.map((r) => [`${r.date}|${r.provinceCode ?? ''}`, r]));
  return (
    <tbody>
      {days.map((d) => {
        const row = 'id' in d ? d : byKey.get(`${d.date}|${d.provinceCode ?? ''}`);
        const day = isoToDay(d.date);
        return (
          <tr>
            <td>
              <time datetime={d.date}>{formatVn(day)}</time>
            </td>
            <td>{env.t(wdLongKey(isoWeekday(day)))}</td>
            <td>{env.t(kindKey(d.kind))}</td>
            <td>{d.name}</td>
            <td>{d.source}</td>
            <td>{d.provisional ? env.t('holidays.status.provisional') : env.t('holidays.status.official')}</td>
            <td>{d.provinceCode ? env.t('holidays.scope.province', { code: d.provinceCode }) : env.t('holidays.scope.national')}</td>
            <td>{row ? <RemoveButton env={env} row={row} view={view} /> : env.t('holidays.derived')}</td>
          </tr>
        );
      })}
    </tbody>
  );
}

function DaysTable({
  env,
  view,
  days,
  caption,
}: {
  env: PageEnv;
  view: HolidayAdminView;
  days: (CalendarDay | CalendarDayRecord)[];
  caption: string;
}) {
  return (
    <table class="days">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{env.t('holidays.col.date')}</th>
          <th scope="col">{env.t('holidays.col.weekday')}</th>
          <th scope="col">{env.t('holidays.col.kind')}</th>
          <th scope="col">{env.t('holidays.col.name')}</th>
          <th scope="col">{env.t('holidays.col.source')}</th>
          <th scope="col">{env.t('holidays.col.status')}</th>
          <th scope="col">{env.t('holidays.col.scope')}</th>
          <th scope="col">{env.t('holidays.col.actions')}</th>
        </tr>
      </thead>
      <DayRows env={env} view={view} days={days} />
    </table>
  );
}

function AddForm({
  env,
  view,
  values,
  errors,
}: {
  env: PageEnv;
  view: HolidayAdminView;
  values: FormValues;
  errors: { field?: string; message: string }[];
}) {
  const fieldError = (f: string) => errors.find((e) => e.field === f)?.message;
  const Err = ({ f }: { f: string }) =>
    fieldError(f) ? (
      <p class="field-error" id={`${f}-error`}>
        {fieldError(f)}
      </p>
    ) : null;
  const describedBy = (f: string, hint?: string) => [hint, fieldError(f) ? `${f}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <section aria-labelledby="add-title">
      <h2 id="add-title">{env.t('holidays.add.title')}</h2>
      <p class="hint">{env.t('holidays.add.hint')}</p>
      <form method="post" action="/admin/holidays" novalidate>
        <CsrfField env={env} />
        <input type="hidden" name="year" value={String(view.year)} />
        <label for="date">{env.t('holidays.field.date')}</label>
        <Err f="date" />
        <input type="date" id="date" name="date" required value={values.date ?? ''} aria-describedby={describedBy('date')} />
        <label for="kind">{env.t('holidays.field.kind')}</label>
        <Err f="kind" />
        <select id="kind" name="kind" aria-describedby={describedBy('kind')}>
          {CALENDAR_DAY_KINDS.map((k) => (
            <option value={k} selected={values.kind === k}>
              {env.t(kindKey(k))}
            </option>
          ))}
        </select>
        <label for="name">{env.t('holidays.field.name')}</label>
        <p class="hint" id="name-hint">
          {env.t('holidays.field.nameHint')}
        </p>
        <Err f="name" />
        <input
          type="text"
          id="name"
          name="name"
          required
          maxLength={300}
          value={values.name ?? ''}
          aria-describedby={describedBy('name', 'name-hint')}
        />
        <label for="source">{env.t('holidays.field.source')}</label>
        <p class="hint" id="source-hint">
          {env.t('holidays.field.sourceHint')}
        </p>
        <Err f="source" />
        <input
          type="text"
          id="source"
          name="source"
          required
          maxLength={500}
          value={values.source ?? ''}
          aria-describedby={describedBy('source', 'source-hint')}
        />
        <label for="provinceCode">{env.t('holidays.field.province')}</label>
        <p class="hint" id="provinceCode-hint">
          {env.t('holidays.field.provinceHint')}
        </p>
        <Err f="provinceCode" />
        <input
          type="text"
          id="provinceCode"
          name="provinceCode"
          inputMode="numeric"
          pattern="[0-9]{2}"
          maxLength={2}
          value={values.provinceCode ?? ''}
          aria-describedby={describedBy('provinceCode', 'provinceCode-hint')}
        />
        <p>
          <label for="provisional" style="display:inline;font-weight:400">
            <input type="checkbox" id="provisional" name="provisional" value="on" checked={values.provisional ?? false} />{' '}
            {env.t('holidays.field.provisional')}
          </label>
        </p>
        <p>
          <button type="submit">{env.t('holidays.add.submit')}</button>
        </p>
      </form>
    </section>
  );
}

export function HolidaysPage({
  env,
  view,
  saved,
  values = {},
  errors = [],
}: {
  env: PageEnv;
  view: HolidayAdminView;
  saved?: boolean;
  values?: FormValues;
  errors?: { field?: string; message: string }[];
}) {
  const otherLocal = view.rows.filter((r) => r.provinceCode !== null && r.provinceCode !== view.provinceCode);
  return (
    <Layout env={env} title={env.t('holidays.title', { year: view.year })}>
      {/* A constant, not user input: safe to inline (the page CSP allows inline styles). */}
      <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      <ErrorSummary env={env} errors={errors} />
      {saved ? (
        <p class="notice" role="status">
          {env.t('holidays.saved')}
        </p>
      ) : null}
      <p>{env.t('holidays.intro')}</p>
      <nav class="year-nav" aria-label={env.t('holidays.choose')}>
        <a href={yearHref(env, view.year - 1, view.provinceCode)} rel="prev">
          ← {env.t('holidays.previousYear')} ({view.year - 1})
        </a>
        <form method="get" action="/admin/holidays">
          <label for="year-pick">{env.t('holidays.year')}</label>
          <input type="number" id="year-pick" name="year" min={1900} max={2199} value={String(view.year)} />
          <label for="province-pick">{env.t('holidays.province')}</label>
          <p class="hint" id="province-pick-hint">
            {env.t('holidays.provinceHint')}
          </p>
          <input
            type="text"
            id="province-pick"
            name="province"
            inputMode="numeric"
            pattern="[0-9]{2}"
            maxLength={2}
            value={view.provinceCode ?? ''}
            aria-describedby="province-pick-hint"
          />{' '}
          <button type="submit" class="secondary">
            {env.t('holidays.show')}
          </button>
        </form>
        <a href={yearHref(env, view.year + 1, view.provinceCode)} rel="next">
          {env.t('holidays.nextYear')} ({view.year + 1}) →
        </a>
      </nav>
      <section aria-labelledby="legend-title">
        <h2 id="legend-title">{env.t('holidays.legend')}</h2>
        <ul>
          <li>
            <strong>{env.t('holidays.mark.off')}</strong> — {env.t('holidays.legend.off')}
          </li>
          <li>
            <strong>{env.t('holidays.mark.makeup')}</strong> — {env.t('holidays.legend.makeup')}
          </li>
          <li>{env.t('holidays.legend.weekend')}</li>
          <li>{env.t('holidays.legend.provisional')}</li>
          <li>{env.t('holidays.legend.hover')}</li>
        </ul>
      </section>
      <div class="months">
        {Array.from({ length: 12 }, (_, i) => (
          <Month env={env} view={view} month={i + 1} />
        ))}
      </div>
      {view.effective.length > 0 ? (
        <DaysTable env={env} view={view} days={view.effective} caption={env.t('holidays.list.caption', { year: view.year })} />
      ) : (
        <p>{env.t('holidays.none')}</p>
      )}
      {otherLocal.length > 0 ? (
        <DaysTable env={env} view={view} days={otherLocal} caption={env.t('holidays.otherLocal.caption', { year: view.year })} />
      ) : null}
      <AddForm env={env} view={view} values={values} errors={errors} />
    </Layout>
  );
}
