/**
 * Pages of plans: the list (/plans), the import form and its editable preview (/plans/import),
 * one plan with its task tree, the "6 clears" markers and score (/plans/:id). Vietnamese first;
 * the labels live in texts.ts.
 */
import type { ComponentChildren } from 'preact';
import { formatDate } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, Pager, type PageEnv } from '../../web/layout.js';
import type { AssignmentView, ImportedAgency, PlanImportPreview, PlanView, TaskView, Timing } from './schema.js';
import { sixClears } from './six-clears.js';
import { CLEAR_LABELS, timingSummary } from './texts.js';

/** An indicator a task may bind (indicators.ts), for the binding form. */
export interface IndicatorOption {
  code: string;
  label: string;
  /** Province-wide figure, or one sector's. */
  perSector: boolean;
}

export interface FieldError {
  field?: string;
  message: string;
}
export interface AgencyOption {
  id: string;
  name: string;
}

export function Notice({ message }: { message: string | undefined }) {
  return message ? (
    <div class="notice" role="status">
      {message}
    </div>
  ) : null;
}

const pct = (score: number): string => `${Math.round(score * 100)}%`;

/** Six small markers, one per clear: ✓ clear, ✗ missing (with the missing ones spelled out for screen readers). */
export function ClearMarkers({ missing }: { missing: readonly string[] }) {
  return (
    <span class="clears" aria-label={missing.length ? `Thiếu: ${missing.map((c) => CLEAR_LABELS[c] ?? c).join(', ')}` : 'Đủ 6 rõ'}>
      {Object.entries(CLEAR_LABELS).map(([c, label]) => (
        <span class={`tag ${missing.includes(c) ? 'err' : 'ok'}`} title={label} aria-hidden="true">
          {missing.includes(c) ? '✗' : '✓'} {label.replace(/^Rõ /, '')}
        </span>
      ))}
    </span>
  );
}

function AgencyList({ list }: { list: readonly AssignmentView[] }) {
  if (list.length === 0) return <span class="hint">—</span>;
  return (
    <ul class="plain">
      {list.map((a) => (
        <li>
          {a.agencyName ?? a.text}
          {a.match === 'group' ? <span class="tag">nhóm</span> : null}
          {a.match === 'unmatched' ? <span class="tag warn">chưa khớp danh bạ</span> : null}
          {a.match === 'manual' ? <span class="tag ok">đã chọn</span> : null}
          {a.match === 'manual' ? <span class="hint"> (văn bản ghi: {a.text})</span> : null}
        </li>
      ))}
    </ul>
  );
}

// ── /plans ──────────────────────────────────────────────────────────────────

export function PlansListPage(p: {
  env: PageEnv;
  result: { data: PlanView[]; page: { page: number; pageSize: number; total: number } };
  canManage: boolean;
}) {
  const { env, result } = p;
  return (
    <Layout env={env} title="Kế hoạch">
      <p>
        Kế hoạch của tỉnh về bảo vệ quyền lợi người tiêu dùng: nhiệm vụ, cơ quan chủ trì, phối hợp, thời hạn và mức độ "6 rõ" (rõ người, rõ
        việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền).
      </p>
      {p.canManage ? (
        <p>
          <a class="button" href="/plans/import">
            Nhập kế hoạch từ tệp
          </a>
        </p>
      ) : null}
      <div class="table-wrap">
        <table class="cases">
          <caption>Kế hoạch ({result.page.total})</caption>
          <thead>
            <tr>
              <th scope="col">Mã</th>
              <th scope="col">Kế hoạch</th>
              <th scope="col">Nhiệm vụ</th>
              <th scope="col">6 rõ</th>
              <th scope="col">Cơ quan chưa khớp</th>
            </tr>
          </thead>
          <tbody>
            {result.data.length === 0 ? (
              <tr>
                <td colSpan={5}>Chưa có kế hoạch nào.</td>
              </tr>
            ) : (
              result.data.map((x) => (
                <tr>
                  <th scope="row" data-label="Mã">
                    <a href={`/plans/${x.id}`}>{x.code}</a>
                  </th>
                  <td data-label="Kế hoạch">
                    {x.title}
                    <br />
                    <span class="hint">
                      {[x.issuer, x.number ? `Số ${x.number}` : null, x.date ? formatDate(x.date) : null].filter(Boolean).join(' · ')}
                    </span>
                  </td>
                  <td data-label="Nhiệm vụ">{x.counts.tasks}</td>
                  <td data-label="6 rõ">
                    {pct(x.sixClears.score)} ({x.sixClears.complete}/{x.sixClears.tasks})
                  </td>
                  <td data-label="Chưa khớp">
                    {x.counts.unmatchedAgencies ? <span class="tag warn">{x.counts.unmatchedAgencies}</span> : '0'}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager env={env} page={result.page.page} pageSize={result.page.pageSize} total={result.page.total} query={{}} />
    </Layout>
  );
}

// ── /plans/import ───────────────────────────────────────────────────────────

export function ImportPage(p: { env: PageEnv; errors: FieldError[]; text?: string }) {
  const { env } = p;
  return (
    <Layout env={env} title="Nhập kế hoạch">
      <ErrorSummary env={env} errors={p.errors} />
      <p>
        Chọn tệp kế hoạch (Word .docx có bảng phụ lục, Excel .xlsx, hoặc văn bản .txt) hoặc dán nội dung kế hoạch. Hệ thống đọc bảng nhiệm
        vụ và cho xem trước; chưa có gì được lưu cho tới khi bạn bấm "Lưu kế hoạch".
      </p>
      <form
        method="post"
        action={`/plans/import?_csrf=${encodeURIComponent(env.csrf)}`}
        enctype="multipart/form-data"
        class="rq-form"
        novalidate
        data-upload-progress
      >
        <CsrfField env={env} />
        <div class="rq-group">
          <label for="file">Tệp kế hoạch</label>
          <p class="hint" id="file-hint">
            DOCX, XLSX hoặc TXT, tối đa 10 MB.
          </p>
          <input id="file" name="file" type="file" accept=".docx,.xlsx,.txt" aria-describedby="file-hint" />
        </div>
        <div class="rq-group">
          <label for="sheet">Trang tính (Excel, không bắt buộc)</label>
          <input id="sheet" name="sheet" type="text" class="rq-w-10" />
        </div>
        <div class="rq-group">
          <label for="content">Hoặc dán nội dung kế hoạch</label>
          <textarea id="content" name="content" rows={8}>
            {p.text ?? ''}
          </textarea>
        </div>
        <button type="submit" class="button">
          Đọc và xem trước
        </button>
        {/* Filled by /static/plan-import.js while a file uploads; without JavaScript it stays hidden. */}
        <div role="status" aria-live="polite" data-upload-status hidden style="margin-top:1rem" />
      </form>
      <script src="/static/plan-import.js" defer />
    </Layout>
  );
}

export interface PreviewEdits {
  title?: string;
  focalAgencyId?: string;
  reminderDays?: string;
  agency: Record<string, string>;
  timing: Record<string, string>;
  person: Record<string, string>;
}

function AgencySelect(p: {
  id: string;
  a: ImportedAgency;
  agencies: readonly AgencyOption[];
  value: string | undefined;
  role: string;
  task: string;
}) {
  const candidates = p.a.candidates ?? [];
  const rest = p.agencies.filter((o) => !candidates.some((c) => c.agencyId === o.id));
  return (
    <>
      <label class="vh" for={p.id}>
        Chọn cơ quan cho "{p.a.text}" ({p.role}, nhiệm vụ {p.task})
      </label>
      <select id={p.id} name={p.id} style="max-width:16rem">
        <option value="">— Để chưa khớp —</option>
        {candidates.length ? (
          <optgroup label="Gợi ý">
            {candidates.map((c) => (
              <option value={c.agencyId} selected={p.value === c.agencyId}>
                {c.name} ({Math.round(c.confidence * 100)}%)
              </option>
            ))}
          </optgroup>
        ) : null}
        <optgroup label="Danh bạ">
          {rest.map((o) => (
            <option value={o.id} selected={p.value === o.id}>
              {o.name}
            </option>
          ))}
        </optgroup>
      </select>
    </>
  );
}

function PreviewAgencies(p: {
  list: readonly ImportedAgency[];
  i: number;
  role: 'lead' | 'co';
  task: string;
  agencies: readonly AgencyOption[];
  edits: PreviewEdits;
}) {
  if (p.list.length === 0) return <span class="hint">—</span>;
  return (
    <ul class="plain">
      {p.list.map((a, j) => {
        const id = `agency.${p.i}.${p.role}.${j}`;
        if (a.agencyId || a.group)
          return (
            <li>
              {a.agencyId ? (p.agencies.find((o) => o.id === a.agencyId)?.name ?? a.text) : a.text}
              {a.group ? <span class="tag">nhóm</span> : null}
            </li>
          );
        return (
          <li>
            <span class="tag warn">chưa khớp</span> {a.text}
            <br />
            <AgencySelect
              id={id}
              a={a}
              agencies={p.agencies}
              value={p.edits.agency[id]}
              role={p.role === 'lead' ? 'chủ trì' : 'phối hợp'}
              task={p.task}
            />
          </li>
        );
      })}
    </ul>
  );
}

export function PreviewPage(p: {
  env: PageEnv;
  preview: PlanImportPreview;
  packed: string;
  fileName?: string | undefined;
  agencies: readonly AgencyOption[];
  focalDefault: string | undefined;
  edits: PreviewEdits;
  errors: FieldError[];
}) {
  const { env, preview } = p;
  const leaves = preview.tasks.filter((t) => !t.isSection);
  const unmatched = preview.tasks.flatMap((t) => [...t.leadAgencies, ...t.coAgencies]).filter((a) => !a.agencyId && !a.group).length;
  const focal = p.edits.focalAgencyId ?? p.focalDefault;
  const { warnings } = preview;
  const needsLook = warnings.filter((w) => w.severity === 'warning').length;
  return (
    <Layout env={env} title="Xem trước kế hoạch">
      <ErrorSummary env={env} errors={p.errors} />
      <p>
        Đọc được <strong>{leaves.length}</strong> nhiệm vụ trong {preview.tasks.length - leaves.length} mục
        {p.fileName ? ` từ tệp ${p.fileName}` : ''}.{' '}
        {unmatched
          ? `${unmatched} tên cơ quan chưa khớp danh bạ: chọn cơ quan trong bảng, hoặc để nguyên (được đánh dấu để sửa sau).`
          : 'Mọi cơ quan đã khớp danh bạ hoặc là nhóm cơ quan.'}
        {warnings.length
          ? ` ${warnings.length} lưu ý khi đọc tệp${needsLook ? `, ${needsLook} cần xem` : ''} (xem bên dưới).`
          : ' Không có lưu ý nào khi đọc tệp.'}
      </p>
      {preview.warnings.length ? (
        <details class="rq-details">
          <summary>Lưu ý khi đọc tệp ({preview.warnings.length})</summary>
          <ul>
            {preview.warnings.map((w) => (
              <li>
                {w.severity === 'warning' ? <span class="tag warn">cần xem</span> : null} {w.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <form method="post" action="/plans/import/commit" novalidate>
        <CsrfField env={env} />
        <input type="hidden" name="preview" value={p.packed} />
        {p.fileName ? <input type="hidden" name="fileName" value={p.fileName} /> : null}
        <div class="rq-group">
          <label for="title">Tên kế hoạch</label>
          <textarea id="title" name="title" rows={2} style="width:100%;max-width:40rem;font-family:inherit">
            {p.edits.title ?? preview.plan.title ?? ''}
          </textarea>
        </div>
        <dl class="summary">
          <dt>Cơ quan ban hành</dt>
          <dd>{preview.plan.issuer ?? '—'}</dd>
          <dt>Số, ngày</dt>
          <dd>
            {[preview.plan.number, preview.plan.date ? formatDate(preview.plan.date) : preview.plan.year].filter(Boolean).join(' · ') ||
              '—'}
          </dd>
          <dt>Căn cứ</dt>
          <dd>{preview.plan.legalBasis.join('; ') || '—'}</dd>
          <dt>Lịch báo cáo</dt>
          <dd>
            {preview.plan.reportingDeadlines.map((d) => `trước ${d.day}/${d.month} hằng năm`).join('; ') ||
              'Không thấy trong văn bản (đặt sau khi lưu).'}
          </dd>
        </dl>
        <div class="rq-group">
          <label for="focalAgencyId">Cơ quan đầu mối theo dõi, tổng hợp</label>
          <select id="focalAgencyId" name="focalAgencyId">
            {p.agencies.map((o) => (
              <option value={o.id} selected={focal === o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div class="rq-group">
          <label for="reminderDays">Nhắc báo cáo trước hạn (ngày)</label>
          <input id="reminderDays" name="reminderDays" type="number" min={0} max={60} class="rq-w-4" value={p.edits.reminderDays ?? '7'} />
        </div>
        <div class="table-wrap">
          <table class="cases plan-preview">
            <caption>Nhiệm vụ ({leaves.length})</caption>
            <thead>
              <tr>
                <th scope="col">TT</th>
                <th scope="col">Nội dung</th>
                <th scope="col">Chủ trì</th>
                <th scope="col">Phối hợp</th>
                <th scope="col">Sản phẩm</th>
                <th scope="col">Thời gian</th>
                <th scope="col">Người chịu trách nhiệm</th>
                <th scope="col">6 rõ</th>
              </tr>
            </thead>
            <tbody>
              {preview.tasks.map((t, i) =>
                t.isSection ? (
                  <tr class="section">
                    <th scope="row">{t.number}</th>
                    <td colSpan={7}>
                      <strong>{t.content}</strong>
                    </td>
                  </tr>
                ) : (
                  <tr id={`task-${i}`}>
                    <th scope="row">{t.ref}</th>
                    <td>{t.content}</td>
                    <td>
                      <PreviewAgencies list={t.leadAgencies} i={i} role="lead" task={t.ref} agencies={p.agencies} edits={p.edits} />
                    </td>
                    <td>
                      <PreviewAgencies list={t.coAgencies} i={i} role="co" task={t.ref} agencies={p.agencies} edits={p.edits} />
                    </td>
                    <td>{t.deliverable || <span class="hint">—</span>}</td>
                    <td>
                      <label class="vh" for={`timing.${i}`}>
                        Thời gian của nhiệm vụ {t.ref}
                      </label>
                      <input id={`timing.${i}`} name={`timing.${i}`} type="text" value={p.edits.timing[`timing.${i}`] ?? t.timing.text} />
                      <br />
                      <span class={`tag ${t.timing.kind === 'unparsed' ? 'warn' : ''}`}>{timingSummary(t.timing)}</span>
                    </td>
                    <td>
                      <label class="vh" for={`person.${i}`}>
                        Người chịu trách nhiệm nhiệm vụ {t.ref}
                      </label>
                      <input
                        id={`person.${i}`}
                        name={`person.${i}`}
                        type="text"
                        value={p.edits.person[`person.${i}`] ?? t.responsiblePerson ?? ''}
                      />
                    </td>
                    <td>
                      <ClearMarkers missing={sixClears(t).missing} />
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
        <button type="submit" class="button">
          Lưu kế hoạch
        </button>{' '}
        <a href="/plans/import">Chọn tệp khác</a>
      </form>
    </Layout>
  );
}

// ── /plans/:id ──────────────────────────────────────────────────────────────

function TaskFixForms(p: { env: PageEnv; plan: PlanView; t: TaskView; agencies: readonly AgencyOption[] }) {
  const { env, plan, t } = p;
  const unmatched = [...t.leadAgencies, ...t.coAgencies].filter((a) => a.match === 'unmatched');
  return (
    <details>
      <summary>Sửa nhiệm vụ {t.ref}</summary>
      <form method="post" action={`/plans/${plan.id}/tasks/${t.id}`} class="inline-form">
        <CsrfField env={env} />
        {unmatched.map((a) => (
          <div class="rq-group">
            <label for={`fix-${a.id}`}>Cơ quan cho "{a.text}"</label>
            <select id={`fix-${a.id}`} name={`agency.${a.id}`}>
              <option value="">— Để chưa khớp —</option>
              {p.agencies.map((o) => (
                <option value={o.id}>{o.name}</option>
              ))}
            </select>
          </div>
        ))}
        <div class="rq-group">
          <label for={`timing-${t.id}`}>Thời gian</label>
          <input id={`timing-${t.id}`} name="timingText" type="text" value={t.timing.text} />
        </div>
        <div class="rq-group">
          <label for={`person-${t.id}`}>Người chịu trách nhiệm</label>
          <input id={`person-${t.id}`} name="responsiblePerson" type="text" value={t.responsiblePerson ?? ''} />
        </div>
        <div class="rq-group">
          <label for={`authority-${t.id}`}>Thẩm quyền, căn cứ</label>
          <input id={`authority-${t.id}`} name="authority" type="text" value={t.authority ?? ''} />
        </div>
        {t.timing.kind === 'conditional' ? (
          <div class="rq-group">
            <label for={`cond-${t.id}`}>Ngày sự kiện điều kiện xảy ra</label>
            <input id={`cond-${t.id}`} name="conditionMetOn" type="date" value={t.conditionMetOn ?? ''} />
          </div>
        ) : null}
        <button type="submit" class="button">
          Lưu
        </button>
      </form>
    </details>
  );
}

/** Managers bind live indicators to a task; reports then carry their figures for the period. */
function IndicatorForm(p: { env: PageEnv; plan: PlanView; t: TaskView; options: readonly IndicatorOption[] }) {
  const { plan, t } = p;
  const bound = new Set(t.indicators);
  const box = (o: IndicatorOption) => (
    <div class="rq-choice">
      <input type="checkbox" id={`ind-${t.id}-${o.code}`} name="indicators" value={o.code} checked={bound.has(o.code)} />
      <label for={`ind-${t.id}-${o.code}`}>{o.label}</label>
    </div>
  );
  const sectors = p.options.filter((o) => o.perSector);
  return (
    <details>
      <summary>Chỉ số tự động của nhiệm vụ {t.ref}</summary>
      <form method="post" action={`/plans/${plan.id}/tasks/${t.id}/indicators`} class="inline-form">
        <CsrfField env={p.env} />
        <fieldset class="rq-group">
          <legend>Số liệu hệ thống đưa vào báo cáo của nhiệm vụ (tối đa 20)</legend>
          {p.options.filter((o) => !o.perSector).map(box)}
          <details open={sectors.some((o) => bound.has(o.code))}>
            <summary>Theo lĩnh vực</summary>
            {sectors.map(box)}
          </details>
        </fieldset>
        <button type="submit" class="button">
          Lưu chỉ số
        </button>
      </form>
    </details>
  );
}

function Facts({ children }: { children: ComponentChildren }) {
  return <dl class="summary">{children}</dl>;
}

export function PlanPage(p: {
  env: PageEnv;
  plan: PlanView;
  tasks: TaskView[];
  agencies: readonly AgencyOption[];
  indicators: readonly IndicatorOption[];
  notice?: string;
  errors: FieldError[];
  links?: ComponentChildren;
}) {
  const { env, plan } = p;
  const labelOf = new Map(p.indicators.map((o) => [o.code, o.label]));
  const s = plan.sixClears;
  const missing = Object.entries(s.missing)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${CLEAR_LABELS[c] ?? c}: ${n}`);
  return (
    <Layout env={env} title={`${plan.code} · Kế hoạch`}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p>
        <strong>{plan.title}</strong>
      </p>
      <Facts>
        <dt>Cơ quan ban hành</dt>
        <dd>{plan.issuer ?? '—'}</dd>
        <dt>Số, ngày</dt>
        <dd>{[plan.number, plan.date ? formatDate(plan.date) : plan.year].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>Căn cứ</dt>
        <dd>{plan.legalBasis.join('; ') || '—'}</dd>
        <dt>Cơ quan đầu mối</dt>
        <dd>{plan.focalAgency?.name ?? '—'}</dd>
        <dt>Lịch báo cáo</dt>
        <dd>
          {plan.reportingCalendar.length
            ? plan.reportingCalendar
                .map(
                  (d) =>
                    `${d.audience === 'agencies' ? 'Các cơ quan báo cáo' : 'Cơ quan đầu mối báo cáo'} trước ${d.day}/${d.month} hằng năm`,
                )
                .join('; ')
            : 'Chưa có lịch báo cáo'}
          {`. Nhắc trước hạn ${plan.reminderDays} ngày.`}
        </dd>
      </Facts>
      <div class="notice" id="score">
        <strong>Điểm "6 rõ" của kế hoạch: {pct(s.score)}</strong> — {s.complete}/{s.tasks} nhiệm vụ đủ 6 rõ.
        {missing.length ? ` Số nhiệm vụ còn thiếu: ${missing.join('; ')}.` : ''}
        {plan.counts.unmatchedAgencies ? (
          <>
            {' '}
            <span class="tag warn">{plan.counts.unmatchedAgencies} cơ quan chưa khớp danh bạ</span>
          </>
        ) : null}
      </div>
      {p.links}
      <div class="table-wrap">
        <table class="cases plan-tasks">
          <caption>Nhiệm vụ</caption>
          <thead>
            <tr>
              <th scope="col">TT</th>
              <th scope="col">Nội dung</th>
              <th scope="col">Chủ trì</th>
              <th scope="col">Phối hợp</th>
              <th scope="col">Sản phẩm</th>
              <th scope="col">Thời gian</th>
              <th scope="col">6 rõ</th>
            </tr>
          </thead>
          <tbody>
            {p.tasks.map((t) =>
              t.isSection ? (
                <tr id={`t-${t.ref}`} class="section">
                  <th scope="row">{t.number}</th>
                  <td colSpan={6} style={`padding-left:${t.level}rem`}>
                    <strong>{t.content}</strong>
                  </td>
                </tr>
              ) : (
                <tr id={`t-${t.ref}`}>
                  <th scope="row">{t.ref}</th>
                  <td style={`padding-left:${t.level}rem`}>
                    {t.content}
                    {t.responsiblePerson ? (
                      <>
                        <br />
                        <span class="hint">Người chịu trách nhiệm: {t.responsiblePerson}</span>
                      </>
                    ) : null}
                    {t.indicators.length ? (
                      <>
                        <br />
                        <span class="hint">Chỉ số tự động: {t.indicators.map((c) => labelOf.get(c) ?? c).join('; ')}</span>
                      </>
                    ) : null}
                    {t.can.edit ? <TaskFixForms env={env} plan={plan} t={t} agencies={p.agencies} /> : null}
                    {t.can.edit ? <IndicatorForm env={env} plan={plan} t={t} options={p.indicators} /> : null}
                    {t.can.report ? (
                      <p>
                        <a href={`/plans/${plan.id}/tasks/${t.id}/report`}>Báo cáo tiến độ</a>
                      </p>
                    ) : null}
                  </td>
                  <td>
                    <AgencyList list={t.leadAgencies} />
                  </td>
                  <td>
                    <AgencyList list={t.coAgencies} />
                  </td>
                  <td>{t.deliverable || <span class="hint">—</span>}</td>
                  <td>
                    {t.timing.text || '—'}
                    <br />
                    <span class={`tag ${t.timing.kind === 'unparsed' ? 'warn' : ''}`}>{timingSummary(t.timing as Timing)}</span>
                    {t.timingCorrected ? <span class="hint"> (đã sửa; văn bản ghi: {t.timingText})</span> : null}
                  </td>
                  <td>
                    <ClearMarkers missing={t.sixClears?.missing ?? []} />
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
