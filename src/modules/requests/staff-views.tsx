/**
 * Views of the officers' pages (issue 4, point 7): the inbox and the case page. Pure components:
 * they show what `listInbox` and `getRequest` return, and the action forms that `can` allows
 * (the UI never re-derives roles). Every action is a plain POST form with the CSRF token.
 */
import type { VNode } from 'preact';
import { formatDate, formatDateTime, formatVnd } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, Pager, type PageEnv } from '../../web/layout.js';
import {
  agencyLabels,
  sectorLabels,
  sectors,
  violationLabels,
  violationTypes,
  type AgencyKind,
  type Sector,
  type ViolationType,
} from '../classify/index.js';
import type { listInbox } from './inbox.js';
import { statusLabel } from './lifecycle.js';
import { channels, refusalGrounds, requestKinds, requestStatuses, vulnerableCodes, type RequestStatus } from './schema.js';
import {
  ActionForm,
  describedBy,
  FieldError,
  label,
  many,
  one,
  Row,
  Section,
  Select,
  TextArea,
  type CaseView,
  type FormState,
  type FormValues,
  type Option,
} from './staff-components.js';
import { ClosingSection, CloseForm, ForwardForm, NegotiationSection, ViolationsSection } from './staff-negotiation.js';
import { refusalGroundLabels } from './texts.js';

export type { CaseView, FieldError, FormState, FormValues, Option } from './staff-components.js';
export type InboxResult = Awaited<ReturnType<typeof listInbox>>;

// ── labels (Vietnamese; to move into the i18n catalogue with the public pages) ──

export const kindLabels: Record<(typeof requestKinds)[number], string> = {
  request: 'Yêu cầu hỗ trợ',
  feedback: 'Phản ánh',
  complaint: 'Khiếu nại',
};
export const channelLabels: Record<(typeof channels)[number], string> = {
  web: 'Cổng trực tuyến',
  hotline: 'Tổng đài',
  in_person: 'Trực tiếp',
  post: 'Bưu chính',
  email: 'Thư điện tử',
  api: 'Kết nối API',
  ncc_referral: 'Cơ quan trung ương chuyển đến',
};
/** Law 19/2023 Art. 8(1). */
export const vulnerableLabels: Record<(typeof vulnerableCodes)[number], string> = {
  elderly: 'Người cao tuổi',
  disability: 'Người khuyết tật',
  child: 'Trẻ em',
  ethnic_minority: 'Người dân tộc thiểu số (vùng đặc biệt khó khăn)',
  pregnant_or_infant: 'Phụ nữ mang thai, nuôi con nhỏ',
  severe_illness: 'Người mắc bệnh hiểm nghèo',
  poor_household: 'Hộ nghèo, cận nghèo',
};
const clockStateLabels: Record<string, string> = {
  running: 'Đang tính',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
  paused: 'Tạm dừng',
  met: 'Đã hoàn thành',
  stopped: 'Đã dừng',
};
const replyLabels: Record<string, string> = {
  none: 'Doanh nghiệp không trả lời',
  refused: 'Doanh nghiệp từ chối',
  partial: 'Doanh nghiệp giải quyết một phần',
  unsatisfactory: 'Trả lời không thỏa đáng',
};
/** The status form's choices, in the order of the lifecycle, keyed by the `can` flag that allows each. */
const statusChoices: { can: string; to: RequestStatus }[] = [
  { can: 'accept', to: 'accepted' },
  { can: 'askSupplement', to: 'awaiting_supplement' },
  { can: 'startProgress', to: 'in_progress' },
  { can: 'resolve', to: 'resolved' },
];
// Closing has its own form (staff-negotiation.tsx): it needs an outcome.

export const sectorLabel = (s: string | null) => label<Sector>(sectorLabels, s);
export const violationLabel = (v: string) => label<ViolationType>(violationLabels, v);
export const statusText = (s: string) => ((requestStatuses as readonly string[]).includes(s) ? statusLabel(s as RequestStatus) : s);

/** Deadlines end at 24:00 of their last day (Civil Code Art. 148(1)), stored as the next midnight: show the last day. */
export function dueDay(iso: string): string {
  return formatDate(new Date(Date.parse(iso) - 1));
}

const str = (o: Record<string, unknown> | null | undefined, k: string): string | undefined => {
  const v = o?.[k];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
};

// ── small pieces ────────────────────────────────────────────────────────────

export function Notice({ message }: { message: string | undefined }) {
  return message ? (
    <div class="notice" role="status">
      {message}
    </div>
  ) : null;
}

function StatusTag({ status }: { status: string }) {
  const tone =
    status === 'refused' ? 'err' : status === 'resolved' || status === 'closed' ? 'ok' : status === 'awaiting_supplement' ? 'warn' : '';
  return <span class={`tag ${tone}`}>{statusText(status)}</span>;
}

export function VulnerableTag({ codes }: { codes: readonly string[] }) {
  if (codes.length === 0) return null;
  return <span class="tag warn">Ưu tiên: {codes.map((c) => label(vulnerableLabels, c)).join(', ')}</span>;
}

// ── inbox ───────────────────────────────────────────────────────────────────

export const filterKeys = [
  'q',
  'status',
  'sector',
  'violation',
  'channel',
  'kind',
  'vulnerable',
  'overdue',
  'commune',
  'assignedTo',
] as const;
export type Filters = Partial<Record<(typeof filterKeys)[number], string>>;

const yesNo = (yes: string, no: string): Option[] => [
  { id: 'true', label: yes },
  { id: 'false', label: no },
];

function FilterSelect({
  id,
  label: text,
  value,
  all,
  options,
}: {
  id: string;
  label: string;
  value?: string;
  all: string;
  options: Option[];
}) {
  return (
    <div>
      <label for={`f-${id}`}>{text}</label>
      <select id={`f-${id}`} name={id}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option value={o.id} selected={value === o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const opts = (keys: readonly string[], labelOf: (k: string) => string): Option[] => keys.map((k) => ({ id: k, label: labelOf(k) }));

export function InboxPage(p: {
  env: PageEnv;
  filters: Filters;
  result: InboxResult;
  errors: FieldError[];
  notice?: string;
  officers: Option[] | null;
  selected: ReadonlySet<string>;
  assigneeId: string;
  back: string;
  showCommune: boolean;
}) {
  const { env, filters: f, result } = p;
  const more = !!(f.sector || f.violation || f.channel || f.kind || f.commune || f.assignedTo);
  const filtered = filterKeys.some((k) => f[k]);
  const table = (
    <div class="table-wrap">
      <table class="cases">
        <caption>
          Hồ sơ trong phạm vi của bạn:{' '}
          {result.page.totalExact
            ? `${result.page.total} hồ sơ`
            : `hơn ${result.page.total.toLocaleString('vi-VN')} hồ sơ (hãy lọc hoặc tìm để thu hẹp)`}
          . Người tiêu dùng dễ bị tổn thương được xếp trước (Điều 8 khoản 2), sau đó theo hạn xử lý.
        </caption>
        <thead>
          <tr>
            {p.officers ? (
              <th scope="col">
                <span class="vh">Chọn</span>
              </th>
            ) : null}
            <th scope="col">Mã hồ sơ</th>
            <th scope="col">Ngày nhận</th>
            <th scope="col">Doanh nghiệp</th>
            <th scope="col">Lĩnh vực</th>
            <th scope="col">Trạng thái</th>
            <th scope="col">Hạn xử lý</th>
            <th scope="col">Cán bộ xử lý</th>
          </tr>
        </thead>
        <tbody>
          {result.data.map((r) => (
            <tr class={r.vulnerable.length > 0 ? 'priority' : undefined}>
              {p.officers ? (
                <td class="pick">
                  <input type="checkbox" id={`sel-${r.id}`} name="ids" value={r.id} checked={p.selected.has(r.id)} />
                  <label for={`sel-${r.id}`} class="vh">
                    Chọn hồ sơ {r.code}
                  </label>
                </td>
              ) : null}
              <th scope="row" data-label="Mã hồ sơ">
                <a href={`/requests/${r.id}`}>{r.code}</a> <span class="hint">{label(kindLabels, r.kind)}</span>
                {r.vulnerable.length > 0 ? (
                  <>
                    <br />
                    <VulnerableTag codes={r.vulnerable} />
                  </>
                ) : null}
              </th>
              <td data-label="Ngày nhận">{formatDate(r.receivedAt)}</td>
              <td data-label="Doanh nghiệp">{r.businessName}</td>
              <td data-label="Lĩnh vực">{sectorLabel(r.sector)}</td>
              <td data-label="Trạng thái">
                <StatusTag status={r.status} />
              </td>
              <td data-label="Hạn xử lý">
                {r.nextDueAt ? dueDay(r.nextDueAt) : '—'}
                {r.overdue ? (
                  <>
                    {' '}
                    <span class="tag err">Quá hạn</span>
                  </>
                ) : null}
              </td>
              <td data-label="Cán bộ xử lý">{r.assignedTo ? r.assignedTo.name : <span class="hint">Chưa giao</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <Layout env={env} title="Hộp hồ sơ">
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p>
        <a href="/requests/groups">Gợi ý nhóm hồ sơ cùng doanh nghiệp</a>
      </p>
      <form method="get" action="/requests" class="filters inbox-filters" role="search" aria-label="Tìm và lọc hồ sơ">
        <div class="grow">
          <label for="f-q">Tìm kiếm</label>
          <p class="hint" id="f-q-hint">
            Mã hồ sơ, tên người tiêu dùng, doanh nghiệp hoặc nội dung; gõ có dấu hay không dấu đều được.
          </p>
          <input type="search" id="f-q" name="q" value={f.q ?? ''} aria-describedby="f-q-hint" />
        </div>
        <FilterSelect
          id="status"
          label="Trạng thái"
          value={f.status}
          all="Đang xử lý (chưa kết thúc)"
          options={[{ id: 'all', label: 'Tất cả, kể cả đã kết thúc' }, ...opts(requestStatuses, statusText)]}
        />
        <FilterSelect id="overdue" label="Thời hạn" value={f.overdue} all="Tất cả" options={yesNo('Quá hạn', 'Còn hạn')} />
        <FilterSelect id="vulnerable" label="Đối tượng" value={f.vulnerable} all="Tất cả" options={yesNo('Dễ bị tổn thương', 'Khác')} />
        <details class="more-filters" open={more}>
          <summary>Bộ lọc khác</summary>
          <div class="filters">
            <FilterSelect id="sector" label="Lĩnh vực" value={f.sector} all="Tất cả lĩnh vực" options={opts(sectors, sectorLabel)} />
            <FilterSelect
              id="violation"
              label="Hành vi vi phạm"
              value={f.violation}
              all="Tất cả hành vi"
              options={opts(violationTypes, violationLabel)}
            />
            <FilterSelect
              id="channel"
              label="Kênh tiếp nhận"
              value={f.channel}
              all="Tất cả các kênh"
              options={opts(channels, (c) => label(channelLabels, c))}
            />
            <FilterSelect
              id="kind"
              label="Loại"
              value={f.kind}
              all="Tất cả các loại"
              options={opts(requestKinds, (k) => label(kindLabels, k))}
            />
            <FilterSelect
              id="assignedTo"
              label="Giao cho"
              value={f.assignedTo}
              all="Tất cả"
              options={[
                { id: 'me', label: 'Tôi' },
                { id: 'none', label: 'Chưa giao' },
              ]}
            />
            {p.showCommune ? (
              <div>
                <label for="f-commune">Mã xã, phường</label>
                <input type="text" id="f-commune" name="commune" value={f.commune ?? ''} inputMode="numeric" maxLength={5} size={6} />
              </div>
            ) : null}
          </div>
        </details>
        <div class="filter-buttons">
          <button type="submit">{env.t('common.filter')}</button>
          {filtered ? <a href="/requests">{env.t('common.clearFilters')}</a> : null}
        </div>
      </form>
      {result.data.length === 0 ? (
        <p class="notice empty">
          {filtered ? 'Không có hồ sơ nào khớp với bộ lọc. Hãy bỏ bớt điều kiện lọc.' : 'Chưa có hồ sơ nào trong phạm vi của bạn.'}
        </p>
      ) : p.officers ? (
        <form method="post" action="/requests/assign" novalidate>
          <CsrfField env={env} />
          <input type="hidden" name="back" value={p.back} />
          {table}
          <fieldset class="bulk">
            <legend>Giao các hồ sơ đã chọn</legend>
            <Select
              id="assigneeId"
              name="assigneeId"
              label="Cán bộ xử lý"
              placeholder="Chọn cán bộ"
              options={[...p.officers, { id: 'none', label: 'Bỏ giao (chưa giao ai)' }]}
              value={p.assigneeId}
              errors={p.errors}
            />
            <button type="submit">Giao hồ sơ đã chọn</button>
          </fieldset>
        </form>
      ) : (
        table
      )}
      <Pager env={env} page={result.page.page} pageSize={result.page.pageSize} total={result.page.total} query={{ ...f }} />
    </Layout>
  );
}

// ── case page ───────────────────────────────────────────────────────────────

function Summary({ c, communes }: { c: CaseView; communes: Record<string, string> }) {
  const consumer = c.consumer;
  const address = (consumer.address ?? null) as Record<string, unknown> | null;
  const rep = c.representative;
  const tx = c.transaction;
  const place = (tx?.place ?? null) as Record<string, unknown> | null;
  const commune = (code: string | undefined) => (code ? (communes[code] ? `${communes[code]} (${code})` : code) : undefined);
  const placeText = [commune(str(place, 'communeCode')), place?.online ? 'Trực tuyến' : undefined, str(place, 'url')]
    .filter(Boolean)
    .join(' · ');
  const prior = c.priorContact;
  return (
    <dl class="summary">
      <Row term="Loại, kênh">
        {label(kindLabels, c.kind)} · {label(channelLabels, c.channel)}
      </Row>
      <Row term="Ngày nhận">{formatDateTime(c.receivedAt)}</Row>
      <Row term="Người tiêu dùng">
        {[str(consumer, 'fullName'), str(consumer, 'birthYear') ? `sinh năm ${str(consumer, 'birthYear')}` : undefined]
          .concat(str(consumer, 'birthDate') ? [`sinh ngày ${formatDate(str(consumer, 'birthDate')!)}`] : [])
          .filter(Boolean)
          .join(', ')}
      </Row>
      <Row term="Liên lạc">{[str(consumer, 'phone'), str(consumer, 'email')].filter(Boolean).join(' · ')}</Row>
      <Row term="Địa chỉ">{[str(address, 'line'), commune(str(address, 'communeCode'))].filter(Boolean).join(', ')}</Row>
      <Row term="Dễ bị tổn thương">{c.vulnerable.length > 0 ? <VulnerableTag codes={c.vulnerable} /> : 'Không'}</Row>
      <Row term="Người đại diện">
        {rep ? [str(rep, 'fullName'), str(rep, 'relation'), str(rep, 'phone'), str(rep, 'email')].filter(Boolean).join(' · ') : undefined}
      </Row>
      <Row term="Doanh nghiệp">
        {[
          str(c.business, 'name'),
          str(c.business, 'taxCode') ? `MST ${str(c.business, 'taxCode')}` : undefined,
          str(c.business, 'address'),
          str(c.business, 'website'),
          str(c.business, 'platform'),
          str(c.business, 'phone'),
        ]
          .filter(Boolean)
          .join(' · ')}
        {/^\d{10}(-\d{3})?$/.test(str(c.business, 'taxCode') ?? '') ? (
          <>
            {' · '}
            <a href={`/requests/businesses/${str(c.business, 'taxCode')}`}>Các hồ sơ về doanh nghiệp này</a>
          </>
        ) : null}
      </Row>
      <Row term="Giao dịch">
        {tx
          ? [
              str(tx, 'productOrService'),
              str(tx, 'date') ? `ngày ${formatDate(str(tx, 'date')!)}` : undefined,
              typeof tx.amountVnd === 'number' ? formatVnd(tx.amountVnd) : undefined,
              placeText || undefined,
            ]
              .filter(Boolean)
              .join(' · ')
          : undefined}
      </Row>
      <Row term="Nội dung">
        <p class="prose">{c.description}</p>
      </Row>
      <Row term="Mong muốn">{c.desiredOutcome ?? undefined}</Row>
      <Row term="Đã liên hệ doanh nghiệp">
        {prior
          ? [label(replyLabels, str(prior, 'businessReply')), str(prior, 'date') ? `ngày ${formatDate(str(prior, 'date')!)}` : undefined]
              .filter(Boolean)
              .join(', ')
          : 'Chưa liên hệ'}
      </Row>
      <Row term="Cần bổ sung">
        {c.missing.length > 0 ? (
          <ul>
            {c.missing.map((m) => (
              <li>{m.label}</li>
            ))}
          </ul>
        ) : undefined}
      </Row>
      <Row term="Cán bộ xử lý">{c.assignedTo?.name ?? 'Chưa giao'}</Row>
    </dl>
  );
}

function Classification({ env, c, form, errors }: { env: PageEnv; c: CaseView; form: FormState | null; errors: FieldError[] }) {
  const k = c.classification;
  const values = form?.name === 'classification' ? form.values : { sector: k.sector, violations: k.violations };
  const chosen = new Set(many(values.violations));
  return (
    <Section id="classification" title="Phân loại">
      <dl class="summary">
        <Row term="Lĩnh vực">{sectorLabel(k.sector)}</Row>
        <Row term="Hành vi">{k.violations.map(violationLabel).join('; ') || 'Chưa xác định'}</Row>
        <Row term="Độ tin cậy">
          {Math.round(k.confidence * 100)}%{k.corrected ? <span class="tag ok">Cán bộ đã sửa</span> : null}
          {k.confidence < 0.5 && !k.corrected ? <span class="tag warn">Nên kiểm tra lại</span> : null}
        </Row>
      </dl>
      {k.explanation ? (
        <details>
          <summary>Vì sao hệ thống phân loại như vậy</summary>
          <p class="prose">{k.explanation}</p>
        </details>
      ) : null}
      {c.can.correct ? (
        <ActionForm
          env={env}
          id={c.id}
          action="classification"
          title="Sửa phân loại"
          submit="Lưu phân loại"
          tone="secondary"
          open={form?.name === 'classification'}
        >
          <p class="hint">Bản sửa được lưu lại để huấn luyện lại mô hình phân loại.</p>
          <Select
            id="classification-sector"
            name="sector"
            label="Lĩnh vực"
            placeholder="Chọn lĩnh vực"
            options={opts(sectors, sectorLabel)}
            value={one(values.sector)}
            errors={errors}
          />
          <fieldset class="checks" aria-describedby={describedBy('classification-violations', errors)}>
            <legend>Hành vi vi phạm (chọn một hoặc nhiều)</legend>
            <FieldError id="classification-violations" errors={errors} />
            {violationTypes.map((v, i) => (
              <div class="check">
                <input
                  type="checkbox"
                  id={i === 0 ? 'classification-violations' : `classification-violations-${v}`}
                  name="violations"
                  value={v}
                  checked={chosen.has(v)}
                />
                <label for={i === 0 ? 'classification-violations' : `classification-violations-${v}`}>{violationLabel(v)}</label>
              </div>
            ))}
          </fieldset>
        </ActionForm>
      ) : null}
    </Section>
  );
}

function Routing({ c }: { c: CaseView }) {
  const r = c.routing;
  return (
    <Section id="routing" title="Cơ quan xử lý">
      <dl class="summary">
        <Row term="Cơ quan">{r.agency.name}</Row>
        <Row term="Lý do">{r.reason}</Row>
        <Row term="Căn cứ">{r.legalBasis}</Row>
        <Row term="Đã chuyển lại">
          {r.rerouteCount > 0 || r.bounceCount > 0 ? `${r.rerouteCount} lần chuyển, ${r.bounceCount} lần trả về` : undefined}
        </Row>
      </dl>
      {r.alternatives.length > 0 ? (
        <>
          <h3>Cơ quan khác có thể có thẩm quyền</h3>
          <ol class="alternatives">
            {r.alternatives.map((a) => (
              <li>
                <strong>{label<AgencyKind>(agencyLabels, a.kind)}</strong> <span class="hint">({Math.round(a.score * 100)}%)</span>
                {a.reason ? <p class="hint">{a.reason}</p> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {r.explanation ? (
        <details>
          <summary>Cách xác định thẩm quyền</summary>
          <p class="prose">{r.explanation}</p>
        </details>
      ) : null}
    </Section>
  );
}

function Clocks({ c }: { c: CaseView }) {
  return (
    <Section id="clocks" title="Thời hạn">
      {c.clocks.length === 0 ? (
        <p class="hint">Không có thời hạn nào đang tính.</p>
      ) : (
        <ul class="clocks">
          {c.clocks.map((k) => (
            <li class={k.late ? 'late' : undefined}>
              <strong>{k.label}</strong>
              <br />
              Hạn: <strong>{formatDate(k.dueDate)}</strong>{' '}
              <span class={`tag ${k.late || k.state === 'overdue' ? 'err' : k.state === 'due_soon' ? 'warn' : ''}`}>
                {label(clockStateLabels, k.state)}
              </span>
              {k.late && k.state !== 'overdue' ? <span class="tag err">Trễ hạn</span> : null}
              {k.internalSla ? <span class="hint"> (chỉ tiêu nội bộ)</span> : null}
              <details>
                <summary>Cách tính thời hạn</summary>
                <p class="prose">{k.explanation}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Timeline({ c }: { c: CaseView }) {
  return (
    <Section id="timeline" title="Diễn biến">
      <ol class="timeline">
        {c.timeline.map((e) => (
          <li>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> · <strong>{e.label}</strong>
            {e.public ? null : <span class="tag">Nội bộ</span>}
            <span class="hint"> — {e.actor}</span>
            {e.text ? <p class="prose">{e.text}</p> : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function Attachments({ c }: { c: CaseView }) {
  return (
    <Section id="attachments" title="Tài liệu đính kèm">
      {c.attachments.length === 0 ? (
        <p class="hint">Chưa có tài liệu.</p>
      ) : (
        <ul>
          {c.attachments.map((a) => (
            <li>
              <a href={`/api/v1/requests/${c.id}/attachments/${a.id}`} download={a.filename}>
                {a.filename}
              </a>{' '}
              <span class="hint">
                ({a.mediaType}, {size(a.sizeBytes)}, {formatDate(a.createdAt)})
              </span>
            </li>
          ))}
        </ul>
      )}
      <p class="hint">Mỗi lần tải tài liệu được ghi vào nhật ký truy cập dữ liệu cá nhân.</p>
    </Section>
  );
}

function Notes({ env, c, form, errors }: { env: PageEnv; c: CaseView; form: FormState | null; errors: FieldError[] }) {
  return (
    <Section id="notes" title="Ghi chú nội bộ">
      {c.notes.length === 0 ? (
        <p class="hint">Chưa có ghi chú.</p>
      ) : (
        <ul class="notes">
          {c.notes.map((n) => (
            <li>
              <p class="prose">{n.body}</p>
              <span class="hint">
                {n.author}, {formatDateTime(n.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {c.can.note ? (
        <form method="post" action={`/requests/${c.id}/actions/note`} novalidate>
          <CsrfField env={env} />
          <TextArea
            id="note-body"
            name="body"
            label="Thêm ghi chú"
            hint="Chỉ cán bộ xem được; người tiêu dùng không thấy ghi chú này."
            values={form?.name === 'note' ? form.values : {}}
            errors={errors}
          />
          <p>
            <button type="submit" class="secondary">
              Thêm ghi chú
            </button>
          </p>
        </form>
      ) : null}
    </Section>
  );
}

function Duplicates({ env, c }: { env: PageEnv; c: CaseView }) {
  if (c.duplicates.length === 0 && !c.duplicateOf) return null;
  return (
    <Section id="duplicates" title="Hồ sơ có thể trùng">
      {c.duplicateOf ? (
        <p class="notice">
          Hồ sơ này đã được gộp vào <a href={`/requests/${c.duplicateOf}`}>một hồ sơ khác</a>.
        </p>
      ) : null}
      <p class="hint">Cùng người tiêu dùng, doanh nghiệp và giao dịch. Gộp vào hồ sơ trước thay cho việc từ chối theo Điều 58 khoản 5.</p>
      <ul class="duplicates">
        {c.duplicates.map((d) => (
          <li>
            <a href={`/requests/${d.id}`}>{d.code}</a> · {statusText(d.status)} · nhận ngày {formatDate(d.receivedAt)}
            {c.can.merge ? (
              <form method="post" action={`/requests/${c.id}/actions/merge`} class="inline-form">
                <CsrfField env={env} />
                <input type="hidden" name="intoId" value={d.id} />
                <button type="submit" class="secondary">
                  Gộp hồ sơ này vào {d.code}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Actions(p: { env: PageEnv; c: CaseView; form: FormState | null; errors: FieldError[]; agencies: Option[]; officers: Option[] }) {
  const { env, c, form, errors } = p;
  const can = c.can as Record<string, boolean>;
  const v = (name: string): FormValues => (form?.name === name ? form.values : {});
  const choices = statusChoices.filter((s) => can[s.can]);
  const any = choices.length > 0 || can.forwardToBusiness || can.close || can.refuse || can.reroute || can.bounce || can.assign;
  return (
    <Section id="actions" title="Thao tác">
      {!any ? <p class="hint">Bạn không có thao tác nào với hồ sơ này ở trạng thái hiện tại.</p> : null}
      {choices.length > 0 ? (
        <ActionForm
          env={env}
          id={c.id}
          action="status"
          title="Chuyển trạng thái"
          submit="Cập nhật trạng thái"
          open={form?.name === 'status' || !form}
        >
          <fieldset class="checks" aria-describedby={describedBy('status-to', errors)}>
            <legend>Trạng thái mới (hiện tại: {c.statusLabel})</legend>
            <FieldError id="status-to" errors={errors} />
            {choices.map((s, i) => (
              <div class="check">
                <input
                  type="radio"
                  id={i === 0 ? 'status-to' : `status-to-${s.to}`}
                  name="to"
                  value={s.to}
                  checked={one(v('status').to) === s.to}
                />
                <label for={i === 0 ? 'status-to' : `status-to-${s.to}`}>{statusLabel(s.to)}</label>
              </div>
            ))}
          </fieldset>
          <TextArea
            id="status-note"
            name="note"
            label={`Ghi chú nội bộ ${env.t('common.optional')}`}
            values={v('status')}
            errors={errors}
            rows={2}
          />
          <TextArea
            id="status-publicNote"
            name="publicNote"
            label={`Thông tin cho người tiêu dùng ${env.t('common.optional')}`}
            hint="Hiện trên trang tra cứu hồ sơ và trong thông báo gửi người tiêu dùng."
            values={v('status')}
            errors={errors}
            rows={2}
          />
        </ActionForm>
      ) : null}
      {can.forwardToBusiness ? <ForwardForm env={env} c={c} form={form} errors={errors} /> : null}
      {can.close ? <CloseForm env={env} c={c} form={form} errors={errors} /> : null}
      {can.assign ? (
        <ActionForm
          env={env}
          id={c.id}
          action="assign"
          title="Giao cán bộ xử lý"
          submit="Giao"
          tone="secondary"
          open={form?.name === 'assign'}
        >
          <Select
            id="assign-assigneeId"
            name="assigneeId"
            label="Cán bộ xử lý"
            placeholder="Chọn cán bộ"
            options={[...p.officers, { id: 'none', label: 'Bỏ giao (chưa giao ai)' }]}
            value={one(v('assign').assigneeId) || (c.assignedTo?.id ?? '')}
            errors={errors}
          />
        </ActionForm>
      ) : null}
      {can.reroute ? (
        <ActionForm
          env={env}
          id={c.id}
          action="reroute"
          title="Chuyển cơ quan khác xử lý"
          submit="Chuyển cơ quan"
          open={form?.name === 'reroute'}
        >
          <p class="hint">Người tiêu dùng được thông báo cơ quan mới và lý do (Điều 11 khoản 3 Luật BVQLNTD 2023).</p>
          <Select
            id="reroute-agencyId"
            name="agencyId"
            label="Cơ quan nhận"
            placeholder="Chọn cơ quan"
            options={p.agencies}
            value={one(v('reroute').agencyId)}
            errors={errors}
          />
          <TextArea
            id="reroute-reason"
            name="reason"
            label="Lý do chuyển"
            hint="Người tiêu dùng sẽ đọc lý do này."
            values={v('reroute')}
            errors={errors}
          />
        </ActionForm>
      ) : null}
      {can.bounce ? (
        <ActionForm
          env={env}
          id={c.id}
          action="bounce"
          title="Không thuộc thẩm quyền: trả về cơ quan đầu mối"
          submit="Trả về cơ quan đầu mối"
          tone="secondary"
          open={form?.name === 'bounce'}
        >
          <p class="hint">Hồ sơ trở về Sở Công Thương để chuyển đúng cơ quan có thẩm quyền.</p>
          <TextArea id="bounce-reason" name="reason" label="Lý do" values={v('bounce')} errors={errors} />
        </ActionForm>
      ) : null}
      {can.refuse ? (
        <ActionForm
          env={env}
          id={c.id}
          action="refuse"
          title="Từ chối (Điều 58)"
          submit="Từ chối hồ sơ"
          tone="danger"
          open={form?.name === 'refuse'}
        >
          <p class="hint">Chỉ được từ chối theo một trong năm căn cứ của Điều 58; người tiêu dùng nhận văn bản nêu rõ căn cứ.</p>
          <Select
            id="refuse-ground"
            name="ground"
            label="Căn cứ từ chối"
            placeholder="Chọn căn cứ"
            options={refusalGrounds.map((g) => ({ id: g, label: refusalGroundLabels[g] }))}
            value={one(v('refuse').ground)}
            errors={errors}
          />
          <TextArea
            id="refuse-explanation"
            name="explanation"
            label="Giải thích cho người tiêu dùng"
            values={v('refuse')}
            errors={errors}
          />
        </ActionForm>
      ) : null}
    </Section>
  );
}

export function CasePage(p: {
  env: PageEnv;
  c: CaseView;
  notice?: string;
  errors: FieldError[];
  form: FormState | null;
  agencies: Option[];
  officers: Option[];
  communes: Record<string, string>;
  /** The "Hồ sơ liên quan" panel (staff-graph.tsx). */
  related?: VNode | null;
}) {
  const { env, c } = p;
  const late = c.clocks.some((k) => k.late && k.state !== 'met' && k.state !== 'stopped');
  return (
    <Layout env={env} title={`Hồ sơ ${c.code}`}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p class="case-tags">
        <StatusTag status={c.status} /> <span class="tag">{label(kindLabels, c.kind)}</span> <VulnerableTag codes={c.vulnerable} />
        {late ? <span class="tag err">Quá hạn</span> : null}
        {c.enforcementFlag ? <span class="tag err">Chuyển xem xét xử lý vi phạm (Điều 54 khoản 2)</span> : null}
      </p>
      <nav class="case-nav" aria-label="Các phần của hồ sơ">
        <a href="#actions">Thao tác</a> ·{' '}
        {c.negotiation ? (
          <>
            <a href="#negotiation">Thương lượng</a> ·{' '}
          </>
        ) : null}
        <a href="#clocks">Thời hạn</a> · <a href="#timeline">Diễn biến</a> · <a href="#notes">Ghi chú</a> ·{' '}
        <a href="/requests">Về hộp hồ sơ</a>
      </nav>
      <div class="case-grid">
        <div class="case-main">
          <ClosingSection c={c} />
          <Section id="summary" title="Tóm tắt">
            <Summary c={c} communes={p.communes} />
          </Section>
          <NegotiationSection env={env} c={c} form={p.form} errors={p.errors} />
          {p.related ?? null}
          <ViolationsSection c={c} />
          <Classification env={env} c={c} form={p.form} errors={p.errors} />
          <Routing c={c} />
          <Timeline c={c} />
          <Attachments c={c} />
          <Notes env={env} c={c} form={p.form} errors={p.errors} />
          <Duplicates env={env} c={c} />
        </div>
        <div class="case-side">
          <Actions env={env} c={c} form={p.form} errors={p.errors} agencies={p.agencies} officers={p.officers} />
          <Clocks c={c} />
        </div>
      </div>
    </Layout>
  );
}
