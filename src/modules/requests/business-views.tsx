/**
 * Views of the business portal (issue 5): the business's list of forwarded cases and one case
 * with its clocks and the forms that `can` allows (acknowledge, answer, "not our case", report).
 * Pure components over what `listBusinessRequests` and `getBusinessRequest` return; every form is
 * a plain POST with the CSRF token, so the portal works without JavaScript.
 */
import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime, formatVnd } from '../../platform/i18n.js';
import { Row, Section } from '../../web/forms.js';
import { CsrfField, ErrorSummary, Layout, Pager, type PageEnv } from '../../web/layout.js';
import type { getBusinessRequest, listBusinessRequests } from './negotiation.js';
import { businessOutcomes, outcomeLabels, publicResponseLabels, publicResponses } from './negotiation-view.js';
import { basisVi } from './legal-basis.js';
import { Choices, Select, TextArea, TextField } from './public-fields.js';

export type BusinessList = Awaited<ReturnType<typeof listBusinessRequests>>;
export type BusinessCase = Awaited<ReturnType<typeof getBusinessRequest>>;
export type Values = Record<string, string>;
export interface PageError {
  field?: string;
  message: string;
}

/** Deadlines end at 24:00 of their last day, stored as the next midnight: show the last day. */
export const lastDay = (iso: string) => formatDate(new Date(Date.parse(iso) - 1));

const clockStates: Record<string, { text: string; tone: string }> = {
  running: { text: 'Đang tính', tone: '' },
  due_soon: { text: 'Sắp đến hạn', tone: 'warn' },
  overdue: { text: 'Quá hạn', tone: 'err' },
  paused: { text: 'Tạm dừng', tone: 'warn' },
  met: { text: 'Đã hoàn thành', tone: 'ok' },
  stopped: { text: 'Đã dừng', tone: '' },
};

/** What the business should do next, from the case's status (the forms come from `can`). */
function nextStep(r: { status: string; acknowledgedAt: string | null; outcome: string | null }): string {
  if (r.status === 'forwarded' && !r.acknowledgedAt) return 'Xác nhận đã tiếp nhận';
  if (r.status === 'forwarded' || r.status === 'business_acknowledged') return 'Thương lượng, trả lời người tiêu dùng';
  if (r.status === 'business_responded') return 'Chờ người tiêu dùng cho ý kiến';
  if (r.status === 'resolved') return 'Thực hiện cam kết, báo cáo kết quả';
  return '—';
}

export function Notice({ message }: { message?: string | undefined }) {
  return message ? (
    <div class="notice" role="status">
      {message}
    </div>
  ) : null;
}

export function BusinessLinks() {
  return (
    <p class="case-nav">
      <a href="/doanh-nghiep">Hồ sơ của doanh nghiệp</a> · <a href="/doanh-nghiep/nguoi-dung">Người dùng của doanh nghiệp</a> ·{' '}
      <a href="/account/tokens">Khóa API để kết nối hệ thống</a> · <a href="/api/docs">Tài liệu API</a>
    </p>
  );
}

export function BusinessListPage(p: { env: PageEnv; list: BusinessList; open: boolean; now: string; notice?: string; taxCode: string }) {
  const { env, list } = p;
  return (
    <Layout env={env} title="Hồ sơ người tiêu dùng chuyển đến doanh nghiệp">
      <Notice message={p.notice} />
      <BusinessLinks />
      <p>
        Mã số thuế: <strong>{p.taxCode}</strong>. Doanh nghiệp thông báo đã tiếp nhận trong 3 ngày làm việc (Điều 31 khoản 2), thương lượng
        với người tiêu dùng trong 7 ngày làm việc và báo cáo kết quả trong 5 ngày làm việc sau khi thương lượng xong (Điều 57 khoản 5 Luật
        Bảo vệ quyền lợi người tiêu dùng 2023). Quá hạn có thể bị xử phạt theo Điều 61 Nghị định 98/2020/NĐ-CP.
      </p>
      <nav aria-label="Lọc hồ sơ" class="case-nav">
        <a href="/doanh-nghiep" aria-current={p.open ? 'page' : undefined}>
          Đang giải quyết
        </a>{' '}
        ·{' '}
        <a href="/doanh-nghiep?open=0" aria-current={p.open ? undefined : 'page'}>
          Tất cả
        </a>
      </nav>
      {list.data.length === 0 ? (
        <p class="notice empty">
          {p.open ? 'Không có hồ sơ nào đang chờ doanh nghiệp.' : 'Chưa có hồ sơ nào được chuyển đến doanh nghiệp.'}
        </p>
      ) : (
        <div class="table-wrap">
          <table class="cases">
            <caption>{list.page.total} hồ sơ, mới chuyển trước.</caption>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Ngày chuyển</th>
                <th scope="col">Sản phẩm, dịch vụ</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Việc cần làm</th>
                <th scope="col">Hạn tiếp theo</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => {
                const late = r.nextDueAt !== null && r.nextDueAt < p.now;
                return (
                  <tr>
                    <th scope="row" data-label="Mã hồ sơ">
                      <a href={`/doanh-nghiep/ho-so/${r.id}`}>{r.code}</a>
                    </th>
                    <td data-label="Ngày chuyển">{formatDate(r.forwardedAt)}</td>
                    <td data-label="Sản phẩm, dịch vụ">{r.productOrService ?? '—'}</td>
                    <td data-label="Trạng thái">
                      <span class="tag">{r.statusLabel}</span>
                    </td>
                    <td data-label="Việc cần làm">{nextStep(r)}</td>
                    <td data-label="Hạn tiếp theo">
                      {r.nextDueAt ? lastDay(r.nextDueAt) : '—'}
                      {late ? (
                        <>
                          {' '}
                          <span class="tag err">Quá hạn</span>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager env={env} page={list.page.page} pageSize={list.page.pageSize} total={list.page.total} query={p.open ? {} : { open: '0' }} />
    </Layout>
  );
}

// ── one case ────────────────────────────────────────────────────────────────

function Clocks({ c }: { c: BusinessCase }) {
  return (
    <Section id="clocks" title="Thời hạn của doanh nghiệp">
      {c.clocks.length === 0 ? (
        <p class="hint">Không có thời hạn nào đang tính.</p>
      ) : (
        <ul class="clocks">
          {c.clocks.map((k) => {
            const s = clockStates[k.state] ?? { text: k.state, tone: '' };
            return (
              <li class={k.state === 'overdue' ? 'late' : undefined}>
                <strong>{k.label}</strong>
                <br />
                Hạn: <strong>{formatDate(k.dueDate)}</strong> <span class={`tag ${s.tone}`}>{s.text}</span>
                <br />
                <span class="hint">Căn cứ: {basisVi(k.legalBasis)}</span>
                <details>
                  <summary>Cách tính thời hạn</summary>
                  <p class="prose">{k.explanation}</p>
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

function Remedy({ r }: { r: { description: string; amountVnd?: number; dueDate?: string } }) {
  return (
    <>
      {r.description}
      {r.amountVnd !== undefined ? `, ${formatVnd(r.amountVnd)}` : ''}
      {r.dueDate ? `, trước hết ngày ${formatDate(r.dueDate)}` : ''}
    </>
  );
}

function Answer({ c }: { c: BusinessCase }) {
  const n = c.negotiation;
  return (
    <Section id="answer" title="Thương lượng">
      <dl class="summary">
        <Row term="Chuyển đến doanh nghiệp">{formatDateTime(n.forwardedAt)}</Row>
        <Row term="Đã xác nhận tiếp nhận">{n.acknowledgedAt ? formatDateTime(n.acknowledgedAt) : 'Chưa'}</Row>
        {n.confidential ? <Row term="Bảo mật">Các bên yêu cầu giữ bí mật việc thương lượng (Điều 59 khoản 1 điểm d)</Row> : null}
        <Row term="Kết quả doanh nghiệp trả lời">{n.outcomeLabel ?? undefined}</Row>
        <Row term="Giải thích">{n.explanation ? <p class="prose">{n.explanation}</p> : undefined}</Row>
        <Row term="Biện pháp khắc phục">{n.remedy ? <Remedy r={n.remedy} /> : undefined}</Row>
        <Row term="Trả lời công khai">
          {n.publicResponse ? (publicResponseLabels as Record<string, string>)[n.publicResponse] : undefined}
        </Row>
        <Row term="Ý kiến người tiêu dùng">
          {n.consumerAccepted === null
            ? n.respondedAt
              ? 'Chưa có'
              : undefined
            : `${n.consumerAccepted ? 'Đồng ý' : 'Không đồng ý'}${n.consumerRating ? `, đánh giá ${n.consumerRating}/5` : ''}`}
        </Row>
        <Row term="Người tiêu dùng đã nhận">{n.remedyReceivedAt ? formatDateTime(n.remedyReceivedAt) : undefined}</Row>
        <Row term="Đã báo cáo kết quả">{n.resultReportedAt ? formatDateTime(n.resultReportedAt) : undefined}</Row>
      </dl>
    </Section>
  );
}

function Consumer({ c }: { c: BusinessCase }) {
  const t = (c.transaction ?? {}) as { productOrService?: string; date?: string; amountVnd?: number };
  return (
    <Section id="request" title="Yêu cầu của người tiêu dùng">
      <dl class="summary">
        <Row term="Ngày cơ quan nhận">{formatDate(c.receivedAt)}</Row>
        <Row term="Người tiêu dùng">{c.consumer.fullName}</Row>
        <Row term="Liên lạc">{[c.consumer.phone, c.consumer.email].filter(Boolean).join(' · ') || undefined}</Row>
        <Row term="Giao dịch">
          {[
            t.productOrService,
            t.date ? `ngày ${formatDate(t.date)}` : undefined,
            t.amountVnd !== undefined ? formatVnd(t.amountVnd) : undefined,
          ]
            .filter(Boolean)
            .join(' · ') || undefined}
        </Row>
        <Row term="Nội dung">
          <p class="prose">{c.description}</p>
        </Row>
        <Row term="Người tiêu dùng mong muốn">{c.desiredOutcome ?? undefined}</Row>
      </dl>
      <p class="hint">
        Thông tin liên lạc chỉ dùng để thương lượng với người tiêu dùng về hồ sơ này; mỗi lần xem được ghi nhật ký (Nghị định
        13/2023/NĐ-CP).
      </p>
    </Section>
  );
}

function Form(p: { env: PageEnv; action: string; submit: string; tone?: 'danger' | 'secondary'; children?: ComponentChildren }) {
  return (
    <form method="post" action={p.action} novalidate class="rq-form">
      <CsrfField env={p.env} />
      {p.children}
      <div class="rq-buttons">
        <button type="submit" class={p.tone}>
          {p.submit}
        </button>
      </div>
    </form>
  );
}

const counter = 'Bạn đã nhập {n} trên {max} ký tự';
const dong = new Intl.NumberFormat('vi-VN');

function currentAnswer(n: BusinessCase['negotiation']): Values {
  if (!n.outcome || n.outcome === 'incorrect_business') return {};
  return {
    outcome: n.outcome,
    ...(n.explanation ? { explanation: n.explanation } : {}),
    ...(n.remedy ? { remedyDescription: n.remedy.description } : {}),
    ...(n.remedy?.amountVnd !== undefined ? { remedyAmount: dong.format(n.remedy.amountVnd) } : {}),
    ...(n.remedy?.dueDate ? { remedyDueDate: formatDate(n.remedy.dueDate) } : {}),
    ...(n.publicResponse ? { publicResponse: n.publicResponse } : {}),
  };
}

export function BusinessCasePage(p: {
  env: PageEnv;
  c: BusinessCase;
  errors: PageError[];
  form: { name: string; values: Values } | null;
  notice?: string;
  recordReady: boolean;
}) {
  const { env, c } = p;
  const base = `/doanh-nghiep/ho-so/${c.id}`;
  const v = (name: string): Values => (p.form?.name === name ? p.form.values : {});
  const err = (field: string) => p.errors.find((e) => e.field === field)?.message;
  const n = c.negotiation;
  const answered = n.respondedAt !== null && n.outcome !== null && n.outcome !== 'in_progress';
  // The answer form starts from the current answer, so that a business can correct it.
  const rv = p.form?.name === 'respond' ? p.form.values : currentAnswer(n);
  const overdue = c.clocks.some((k) => k.state === 'overdue');
  const answerForm = (
    <Form env={env} action={`${base}/tra-loi`} submit="Gửi trả lời">
      <Choices
        id="outcome"
        type="radio"
        label="Kết quả"
        choices={businessOutcomes.filter((o) => o !== 'incorrect_business').map((o) => ({ value: o, label: outcomeLabels[o] }))}
        selected={rv.outcome ? [rv.outcome] : []}
        error={err('outcome')}
      />
      <TextArea
        id="explanation"
        label="Giải thích cho người tiêu dùng"
        hint="Người tiêu dùng đọc được nội dung này trên trang theo dõi hồ sơ."
        value={rv.explanation ?? ''}
        rows={5}
        max={5000}
        counterText={counter}
        error={err('explanation')}
      />
      <fieldset class="rq-group">
        <legend>Biện pháp khắc phục đề xuất {env.t('common.optional')}</legend>
        <TextField
          id="remedyDescription"
          label="Nội dung"
          hint="Ví dụ: hoàn tiền qua chuyển khoản, đổi sản phẩm mới, sửa chữa miễn phí."
          value={rv.remedyDescription ?? ''}
          error={err('remedyDescription')}
        />
        <TextField
          id="remedyAmount"
          label="Số tiền (đồng)"
          hint="Ví dụ: 1.250.000"
          value={rv.remedyAmount ?? ''}
          inputmode="numeric"
          width="rq-w-10"
          error={err('remedyAmount')}
        />
        <TextField
          id="remedyDueDate"
          label="Thực hiện trước ngày"
          hint="Dạng ngày/tháng/năm, ví dụ 04/12/2026."
          value={rv.remedyDueDate ?? ''}
          inputmode="numeric"
          width="rq-w-10"
          error={err('remedyDueDate')}
        />
      </fieldset>
      <Select
        id="publicResponse"
        label={`Trả lời công khai ${env.t('common.optional')}`}
        hint="Có thể được công bố cùng số liệu về hồ sơ của doanh nghiệp."
        placeholder="Không chọn"
        options={publicResponses.map((r) => ({ value: r, label: publicResponseLabels[r] }))}
        value={rv.publicResponse ?? ''}
        error={err('publicResponse')}
      />
    </Form>
  );
  return (
    <Layout env={env} title={`Hồ sơ ${c.code}`}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p class="case-tags">
        <span class="tag">{c.statusLabel}</span> {overdue ? <span class="tag err">Quá hạn</span> : null}
      </p>
      <BusinessLinks />
      <div class="case-grid">
        <div class="case-main">
          <Consumer c={c} />
          <Answer c={c} />
          {p.recordReady ? (
            <Section id="record" title="Biên bản thương lượng">
              <p>
                <a href={`/api/v1/requests/${c.id}/negotiation-record?format=docx`} download>
                  Tải biên bản (DOCX)
                </a>{' '}
                · <a href={`/api/v1/requests/${c.id}/negotiation-record?format=pdf`}>Tải biên bản (PDF)</a>
              </p>
            </Section>
          ) : null}
        </div>
        <div class="case-side">
          <Section id="actions" title="Việc cần làm">
            {!c.can.acknowledge && !c.can.respond && !c.can.report ? (
              <p class="hint">Không có việc nào cần doanh nghiệp làm với hồ sơ này lúc này.</p>
            ) : null}
            {c.can.acknowledge ? (
              <>
                <h3>Xác nhận đã tiếp nhận</h3>
                <p class="hint">Người tiêu dùng được thông báo ngay. Thời hạn: 3 ngày làm việc (Điều 31 khoản 2).</p>
                <Form env={env} action={`${base}/xac-nhan`} submit="Xác nhận đã tiếp nhận" />
              </>
            ) : null}
            {c.can.respond ? (
              <>
                {answered ? (
                  <details class="action" id="respond-form" open={p.form?.name === 'respond'}>
                    <summary>Sửa câu trả lời</summary>
                    <p class="hint">Người tiêu dùng được hỏi ý kiến lại về câu trả lời mới.</p>
                    {answerForm}
                  </details>
                ) : (
                  <>
                    <h3 id="respond">Trả lời người tiêu dùng</h3>
                    {answerForm}
                  </>
                )}
                <details class="action" id="incorrect-form" open={p.form?.name === 'incorrect'}>
                  <summary>Không phải doanh nghiệp liên quan</summary>
                  <p class="hint">Hồ sơ được trả về cơ quan để xác định đúng doanh nghiệp; doanh nghiệp sẽ không xem được hồ sơ này nữa.</p>
                  <Form env={env} action={`${base}/khong-lien-quan`} submit="Trả hồ sơ về cơ quan" tone="danger">
                    <TextArea
                      id="reason"
                      label="Lý do"
                      value={v('incorrect').reason ?? ''}
                      rows={3}
                      max={5000}
                      counterText={counter}
                      error={err('reason')}
                    />
                  </Form>
                </details>
              </>
            ) : null}
            {c.can.report ? (
              <>
                <h3 id="report">Báo cáo kết quả thương lượng</h3>
                <p class="hint">Trong 5 ngày làm việc sau khi thương lượng xong (Điều 57 khoản 5).</p>
                <Form env={env} action={`${base}/bao-cao`} submit="Gửi báo cáo kết quả" tone="secondary">
                  <TextArea
                    id="summary"
                    label="Kết quả thương lượng"
                    hint="Hai bên đã thống nhất gì, đã thực hiện đến đâu."
                    value={v('report').summary ?? ''}
                    rows={4}
                    max={5000}
                    counterText={counter}
                    error={err('summary')}
                  />
                </Form>
              </>
            ) : null}
          </Section>
          <Clocks c={c} />
        </div>
      </div>
    </Layout>
  );
}
