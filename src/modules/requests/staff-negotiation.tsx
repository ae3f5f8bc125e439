/**
 * The negotiation part of the officer's case page (issue 5): the form to forward the case to the
 * business (Art. 57(4)), the negotiation panel (the business's answer, the consumer's feedback,
 * the remedy, the report, the record), potential violations of missed business deadlines
 * (Decree 98/2020 Art. 61), the close form with its required outcome, and the hours per stage of
 * a closed case. Forms appear from `can`; the panel only shows what `getRequest` returns.
 */
import { formatDate, formatDateTime, formatVnd } from '../../platform/i18n.js';
import type { PageEnv } from '../../web/layout.js';
import { recordReady } from './negotiation-record.js';
import { publicResponseLabels } from './negotiation-view.js';
import { closingOutcomes } from './schema.js';
import { closingOutcomeLabels } from './status.js';
import {
  ActionForm,
  describedBy,
  FieldError,
  label,
  one,
  Row,
  Section,
  Select,
  TextArea,
  type CaseView,
  type FieldError as FieldErrorT,
  type FormState,
  type FormValues,
} from './staff-components.js';

type FormProps = { env: PageEnv; c: CaseView; form: FormState | null; errors: FieldErrorT[] };

const violationRules: Record<string, string> = {
  'business.acknowledge': 'Không thông báo đã tiếp nhận trong 3 ngày làm việc',
  'business.negotiate': 'Không thương lượng trong 7 ngày làm việc',
  'business.report_result': 'Không thông báo kết quả thương lượng trong 5 ngày làm việc',
  'business.reopen_answer': 'Không trả lời khi người tiêu dùng mở lại hồ sơ',
};
const violationStatus: Record<string, string> = {
  open: 'Chưa xử lý',
  referred: 'Đã chuyển cơ quan kiểm tra, xử phạt',
  dismissed: 'Không xử lý',
};
const stageNames: Record<string, string> = {
  received: 'Tiếp nhận',
  accepted: 'Thụ lý',
  forwarded: 'Chuyển doanh nghiệp',
  answered: 'Doanh nghiệp trả lời',
  resolved: 'Giải quyết xong',
  closed: 'Đóng hồ sơ',
};

/** 30 → "30 giờ"; 50 → "2 ngày 2 giờ" (calendar hours, as stored). */
export function hoursText(h: number): string {
  if (h < 24) return `${h} giờ`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} ngày` : `${d} ngày ${h % 24} giờ`;
}

const str = (o: Record<string, unknown> | null | undefined, k: string): string => (typeof o?.[k] === 'string' ? (o[k] as string) : '');

function TextInput(p: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  values: FormValues;
  fallback?: string;
  errors: FieldErrorT[];
  type?: 'text' | 'email';
}) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <FieldError id={p.id} errors={p.errors} />
      <input
        type={(p.type ?? 'text') as 'text'}
        id={p.id}
        name={p.name}
        value={p.name in p.values ? one(p.values[p.name]) : (p.fallback ?? '')}
        aria-describedby={describedBy(p.id, p.errors, !!p.hint)}
      />
    </div>
  );
}

/** Forward to the business (Art. 57(4)): the tax code defaults to the case's. */
export function ForwardForm({ env, c, form, errors }: FormProps) {
  const v = form?.name === 'forward' ? form.values : {};
  return (
    <ActionForm
      env={env}
      id={c.id}
      action="forward"
      title="Chuyển doanh nghiệp thương lượng"
      submit="Chuyển doanh nghiệp"
      open={form?.name === 'forward'}
    >
      <p class="hint">
        Doanh nghiệp có 3 ngày làm việc để xác nhận tiếp nhận và 7 ngày làm việc để thương lượng (Điều 31 khoản 2, Điều 57 khoản 5). Nếu
        người tiêu dùng đề nghị doanh nghiệp chưa đủ 7 ngày làm việc mà chưa được trả lời, hệ thống cảnh báo nhưng vẫn chuyển (Điều 57 khoản
        2).
      </p>
      <TextInput
        id="forward-taxCode"
        name="taxCode"
        label="Mã số thuế của doanh nghiệp"
        hint="Doanh nghiệp đăng nhập bằng tài khoản gắn với mã số thuế này để trả lời."
        values={v}
        fallback={str(c.business, 'taxCode')}
        errors={errors}
      />
      <TextInput
        id="forward-businessEmail"
        name="businessEmail"
        type="email"
        label={`Email liên hệ của doanh nghiệp ${env.t('common.optional')}`}
        hint="Thư báo có đường dẫn trả lời; nếu doanh nghiệp chưa có tài khoản, thư mời tạo tài khoản được gửi kèm."
        values={v}
        errors={errors}
      />
      <TextArea id="forward-note" name="note" label={`Ghi chú ${env.t('common.optional')}`} values={v} errors={errors} rows={2} />
      <div class="check">
        <input type="checkbox" id="forward-confidential" name="confidential" value="yes" checked={one(v.confidential) === 'yes'} />
        <label for="forward-confidential">Các bên yêu cầu giữ bí mật việc thương lượng (Điều 59 khoản 1 điểm d)</label>
      </div>
    </ActionForm>
  );
}

/** Closing needs an outcome (issue 5); the consumer receives it and what to do next. */
export function CloseForm({ env, c, form, errors }: FormProps) {
  const v = form?.name === 'close' ? form.values : {};
  return (
    <ActionForm env={env} id={c.id} action="close" title="Đóng hồ sơ" submit="Đóng hồ sơ" tone="secondary" open={form?.name === 'close'}>
      <p class="hint">Người tiêu dùng nhận kết quả và các cách giải quyết tiếp theo (hòa giải, trọng tài, Tòa án).</p>
      <Select
        id="close-outcome"
        name="outcome"
        label="Kết quả giải quyết"
        placeholder="Chọn kết quả"
        options={closingOutcomes.map((o) => ({ id: o, label: closingOutcomeLabels[o] }))}
        value={one(v.outcome)}
        errors={errors}
      />
      <TextArea
        id="close-publicNote"
        name="publicNote"
        label={`Thông tin cho người tiêu dùng ${env.t('common.optional')}`}
        values={v}
        errors={errors}
        rows={2}
      />
      <TextArea id="close-note" name="note" label={`Ghi chú nội bộ ${env.t('common.optional')}`} values={v} errors={errors} rows={2} />
    </ActionForm>
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

/** The business's side of the case, the consumer's feedback, the record, and the invitation form. */
export function NegotiationSection({ env, c, form, errors }: FormProps) {
  const n = c.negotiation;
  if (!n) return null;
  const v = form?.name === 'invite' ? form.values : {};
  const feedback =
    n.consumerAccepted === null
      ? n.respondedAt
        ? 'Chưa có ý kiến'
        : undefined
      : `${n.consumerAccepted ? 'Đồng ý' : 'Không đồng ý'}${n.consumerRating ? `; đánh giá ${n.consumerRating}/5` : ''}${n.feedbackAt ? ` (${formatDateTime(n.feedbackAt)})` : ''}`;
  return (
    <Section id="negotiation" title="Thương lượng với doanh nghiệp">
      {n.eligibilityWarning ? (
        <p class="notice" role="note">
          <strong>Lưu ý khi chuyển:</strong> {n.eligibilityWarning}
        </p>
      ) : null}
      {c.confidentialHidden ? (
        <p class="notice" role="note">
          Việc thương lượng được giữ bí mật theo yêu cầu của các bên (Điều 59 khoản 1 điểm d): nội dung và tài liệu chỉ người tham gia hồ sơ
          xem được (Điều 55 khoản 2).
        </p>
      ) : null}
      <dl class="summary">
        <Row term="Doanh nghiệp">
          {n.businessName} · MST {n.businessTaxCode}
          {n.confidential ? <span class="tag warn">Bảo mật</span> : null}
        </Row>
        <Row term="Đã chuyển">{formatDateTime(n.forwardedAt)}</Row>
        <Row term="Doanh nghiệp xác nhận tiếp nhận">{n.acknowledgedAt ? formatDateTime(n.acknowledgedAt) : 'Chưa'}</Row>
        <Row term="Kết quả doanh nghiệp trả lời">
          {n.outcomeLabel ? `${n.outcomeLabel}${n.respondedAt ? ` (${formatDateTime(n.respondedAt)})` : ''}` : undefined}
        </Row>
        <Row term="Giải thích">{n.explanation ? <p class="prose">{n.explanation}</p> : undefined}</Row>
        <Row term="Biện pháp khắc phục">{n.remedy ? <Remedy r={n.remedy} /> : undefined}</Row>
        <Row term="Trả lời công khai">{n.publicResponse ? label(publicResponseLabels, n.publicResponse) : undefined}</Row>
        <Row term="Ý kiến người tiêu dùng">{feedback}</Row>
        <Row term="Người tiêu dùng đã nhận">
          {n.remedyReceivedAt ? formatDateTime(n.remedyReceivedAt) : n.remedy && n.consumerAccepted ? 'Chưa xác nhận' : undefined}
        </Row>
        <Row term="Báo cáo kết quả">
          {n.resultReportedAt ? `Đã báo cáo ${formatDateTime(n.resultReportedAt)}` : n.respondedAt ? 'Chưa' : undefined}
        </Row>
        <Row term="Mở lại">{n.reopenCount > 0 ? `${n.reopenCount} lần` : undefined}</Row>
      </dl>
      {recordReady(n) && !c.confidentialHidden ? (
        <p>
          Biên bản thương lượng (Điều 60):{' '}
          <a href={`/api/v1/requests/${c.id}/negotiation-record?format=docx`} download>
            Tải DOCX
          </a>{' '}
          · <a href={`/api/v1/requests/${c.id}/negotiation-record?format=pdf`}>Tải PDF</a>
        </p>
      ) : null}
      {c.can.note ? (
        <ActionForm
          env={env}
          id={c.id}
          action="invite-business"
          title="Mời doanh nghiệp tạo tài khoản"
          submit="Gửi thư mời"
          tone="secondary"
          open={form?.name === 'invite'}
        >
          <p class="hint">
            Người nhận được đường dẫn dùng một lần (hết hạn sau 7 ngày) để tạo tài khoản của doanh nghiệp có mã số thuế {n.businessTaxCode}.
          </p>
          <TextInput id="invite-email" name="email" type="email" label="Email người nhận" values={v} errors={errors} />
        </ActionForm>
      ) : null}
    </Section>
  );
}

/** Missed business deadlines (Decree 98/2020 Art. 61), ready for the inspections module. */
export function ViolationsSection({ c }: { c: CaseView }) {
  if (c.potentialViolations.length === 0) return null;
  return (
    <Section id="violations" title="Dấu hiệu vi phạm của doanh nghiệp">
      <ul class="notes">
        {c.potentialViolations.map((v) => (
          <li>
            <strong>{violationRules[v.rule] ?? v.rule}</strong> <span class="tag err">{violationStatus[v.status] ?? v.status}</span>
            <br />
            Căn cứ: {v.legalBasis}
            <br />
            Mức phạt tiền: {formatVnd(v.fineMinVnd)} – {formatVnd(v.fineMaxVnd)}{' '}
            <span class="hint">(đối với cá nhân; tổ chức gấp đôi, Điều 4 khoản 4 Nghị định 98/2020/NĐ-CP)</span>
            <br />
            <span class="hint">Ghi nhận ngày {formatDate(v.createdAt)}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The closing outcome and the hours spent in each stage. */
export function ClosingSection({ c }: { c: CaseView }) {
  if (!c.closedAt) return null;
  // jsonb does not keep key order: the stages in the order of the lifecycle.
  const order = Object.keys(stageNames);
  const at = (k: string) => order.indexOf(k.split('_to_')[0] ?? '');
  const stages = Object.entries(c.stageTimes ?? {})
    .filter(([k]) => k !== 'total')
    .sort(([a], [b]) => at(a) - at(b));
  return (
    <Section id="closing" title="Kết quả giải quyết">
      <dl class="summary">
        <Row term="Kết quả">{c.closingOutcome ? label(closingOutcomeLabels, c.closingOutcome) : undefined}</Row>
        <Row term="Ngày đóng">{formatDateTime(c.closedAt)}</Row>
        <Row term="Tổng thời gian">{c.stageTimes?.total !== undefined ? hoursText(c.stageTimes.total) : undefined}</Row>
      </dl>
      {stages.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="hint">Thời gian theo giai đoạn (tính theo giờ lịch)</caption>
            <thead>
              <tr>
                <th scope="col">Giai đoạn</th>
                <th scope="col">Thời gian</th>
              </tr>
            </thead>
            <tbody>
              {stages.map(([k, h]) => {
                const [from, to] = k.split('_to_');
                return (
                  <tr>
                    <th scope="row">
                      {stageNames[from ?? ''] ?? from} → {stageNames[to ?? ''] ?? to}
                    </th>
                    <td>{hoursText(h)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
