/** The outcome part of the mediation page: the two outcome forms (Art. 65 record, failure) and the recorded outcome with performance. */
import { formatDate, formatDateTime, formatVnd } from '../../platform/i18n.js';
import {
  ActionForm,
  Checkbox,
  Input,
  Radios,
  Row,
  Section,
  TextArea,
  valuesOf,
  type MediationPageProps as P,
  type Option,
} from './components.js';
import { performanceLabels } from './texts.js';

const heldFormOptions: Option[] = [
  { id: 'in_person', label: 'Trực tiếp' },
  { id: 'online', label: 'Trực tuyến' },
  { id: 'other', label: 'Hình thức khác' },
];

export function OutcomeForms(p: P) {
  const { m } = p;
  const s = valuesOf(p, 'success');
  const u = valuesOf(p, 'unsuccessful');
  return (
    <Section id="outcome" title="Kết quả hòa giải">
      <ActionForm
        env={p.env}
        action={`/mediation/${m.id}/actions/success`}
        name="success"
        title="Hòa giải thành: lập biên bản (Điều 65)"
        submit="Lưu biên bản hòa giải thành"
        open={p.form?.name === 'success'}
      >
        <p class="hint">
          Biên bản có đủ các nội dung của Điều 65 khoản 2 (điểm a–h). Hòa giải viên, tổ chức hòa giải và các bên được lấy từ hồ sơ:{' '}
          {m.organisation.name}; {m.mediators.map((x) => x.fullName).join(', ') || 'chưa có hòa giải viên'}; {m.parties.consumer.name} và{' '}
          {m.parties.business.name}.
        </p>
        <Input id="success-heldDate" name="heldDate" type="date" label="(c) Ngày hòa giải" values={s} errors={p.errors} />
        <Input id="success-heldTime" name="heldTime" label="Giờ hòa giải" hint="Ví dụ: 09:00" values={s} errors={p.errors} width="rq-w-4" />
        <Input
          id="success-place"
          name="place"
          label="(c) Địa điểm hòa giải"
          hint="Hòa giải trực tuyến: ghi nền tảng, phòng họp."
          values={s}
          errors={p.errors}
        />
        <Radios
          id="success-form"
          name="form"
          label="(c) Hình thức hòa giải"
          options={heldFormOptions}
          values={{ form: 'in_person', ...s }}
          errors={p.errors}
        />
        <Input
          id="success-consumerAddress"
          name="consumerAddress"
          label="(b) Địa chỉ người tiêu dùng (không bắt buộc)"
          values={s}
          errors={p.errors}
        />
        <Input
          id="success-businessAddress"
          name="businessAddress"
          label="(b) Địa chỉ tổ chức, cá nhân kinh doanh (không bắt buộc)"
          values={s}
          errors={p.errors}
        />
        <Input
          id="success-businessRepresentative"
          name="businessRepresentative"
          label="(b) Người đại diện của doanh nghiệp ký biên bản"
          hint="Họ tên, chức vụ"
          values={s}
          errors={p.errors}
        />
        <TextArea id="success-disputeContent" name="disputeContent" label="(d) Nội dung tranh chấp" values={s} errors={p.errors} />
        <TextArea id="success-consumerOpinion" name="consumerOpinion" label="(đ) Ý kiến của người tiêu dùng" values={s} errors={p.errors} />
        <TextArea
          id="success-businessOpinion"
          name="businessOpinion"
          label="(đ) Ý kiến của tổ chức, cá nhân kinh doanh"
          values={s}
          errors={p.errors}
        />
        <TextArea
          id="success-solution"
          name="solution"
          label="(e) Kết quả hòa giải và giải pháp các bên thống nhất"
          values={s}
          errors={p.errors}
        />
        <Input
          id="success-performBy"
          name="performBy"
          type="date"
          label="(g) Thời hạn thực hiện kết quả hòa giải"
          hint="Hệ thống theo dõi việc thực hiện theo thời hạn này (Điều 66 khoản 1)."
          values={s}
          errors={p.errors}
        />
        <TextArea
          id="success-otherTerms"
          name="otherTerms"
          label="(h) Thỏa thuận khác"
          hint="Ghi “Không có” nếu các bên không có thỏa thuận khác."
          values={s}
          errors={p.errors}
          rows={2}
        />
        <Checkbox
          id="success-partiesSigned"
          name="partiesSigned"
          label="Các bên đã ký hoặc điểm chỉ vào biên bản (Điều 65 khoản 3)"
          values={s}
          errors={p.errors}
        />
        <Checkbox id="success-mediatorSigned" name="mediatorSigned" label="Hòa giải viên đã ký biên bản" values={s} errors={p.errors} />
        <Checkbox
          id="success-sealApplied"
          name="sealApplied"
          label="Đã đóng dấu của tổ chức hòa giải (nếu có)"
          values={s}
          errors={p.errors}
        />
      </ActionForm>
      <ActionForm
        env={p.env}
        action={`/mediation/${m.id}/actions/unsuccessful`}
        name="unsuccessful"
        title="Hòa giải không thành"
        submit="Ghi nhận hòa giải không thành"
        tone="secondary"
        open={p.form?.name === 'unsuccessful'}
      >
        <p class="hint">
          Người tiêu dùng được thông báo các cách giải quyết còn lại: trọng tài, Tòa án (thủ tục rút gọn dưới 100 triệu đồng, không phải nộp
          tạm ứng án phí).
        </p>
        <Input id="unsuccessful-heldDate" name="heldDate" type="date" label="Ngày hòa giải" values={u} errors={p.errors} />
        <Input
          id="unsuccessful-heldTime"
          name="heldTime"
          label="Giờ hòa giải"
          hint="Ví dụ: 09:00"
          values={u}
          errors={p.errors}
          width="rq-w-4"
        />
        <Input
          id="unsuccessful-place"
          name="place"
          label="Địa điểm hòa giải"
          hint="Hòa giải trực tuyến: ghi nền tảng, phòng họp."
          values={u}
          errors={p.errors}
        />
        <Radios
          id="unsuccessful-form"
          name="form"
          label="Hình thức hòa giải"
          options={heldFormOptions}
          values={{ form: 'in_person', ...u }}
          errors={p.errors}
        />
        <Input
          id="unsuccessful-businessRepresentative"
          name="businessRepresentative"
          label="Người đại diện của doanh nghiệp (không bắt buộc)"
          values={u}
          errors={p.errors}
        />
        <TextArea
          id="unsuccessful-consumerOpinion"
          name="consumerOpinion"
          label="Ý kiến của người tiêu dùng"
          values={u}
          errors={p.errors}
        />
        <TextArea
          id="unsuccessful-businessOpinion"
          name="businessOpinion"
          label="Ý kiến của tổ chức, cá nhân kinh doanh"
          values={u}
          errors={p.errors}
        />
        <TextArea id="unsuccessful-reason" name="reason" label="Lý do không thành" values={u} errors={p.errors} />
        <Radios
          id="unsuccessful-arbitrationClause"
          name="arbitrationClause"
          label="Thỏa thuận trọng tài (Điều 67)"
          options={[
            { id: 'none', label: 'Không có thỏa thuận trọng tài' },
            { id: 'agreed', label: 'Có thỏa thuận trọng tài được người tiêu dùng chấp thuận trước khi giao kết' },
            { id: 'standard_form', label: 'Điều khoản trọng tài trong hợp đồng theo mẫu, điều kiện giao dịch chung' },
          ]}
          values={{ arbitrationClause: 'none', ...u }}
          errors={p.errors}
        />
        <Input
          id="unsuccessful-disputedAmount"
          name="disputedAmount"
          label="Giá trị tranh chấp, đồng (không bắt buộc)"
          hint="Để trống để dùng giá trị giao dịch trong hồ sơ."
          values={u}
          errors={p.errors}
          inputmode="numeric"
          width="rq-w-10"
        />
      </ActionForm>
    </Section>
  );
}

type Rec = Record<string, unknown> & {
  parties?: {
    consumer?: { name?: string; address?: string | null };
    business?: { name?: string; address?: string | null; representative?: string | null };
  };
  mediators?: string[];
  signatures?: { partiesSigned?: boolean; mediatorSigned?: boolean; sealApplied?: boolean };
};
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function Outcome(p: P & { downloads: { href: string; label: string }[] }) {
  const { m } = p;
  const o = m.outcome;
  if (!o) return null;
  const r = o.record as Rec;
  const perf = m.performance;
  return (
    <Section id="outcome" title={o.result === 'success' ? 'Biên bản hòa giải thành' : 'Hòa giải không thành'}>
      <dl class="summary">
        <Row term="Tổ chức, hòa giải viên">{`${m.organisation.name}; ${(r.mediators ?? []).join(', ')}`}</Row>
        <Row term="Các bên">{`${r.parties?.consumer?.name ?? ''} — ${r.parties?.business?.name ?? ''}`}</Row>
        <Row term="Địa chỉ người tiêu dùng">{r.parties?.consumer?.address ?? undefined}</Row>
        <Row term="Địa chỉ doanh nghiệp">{r.parties?.business?.address ?? undefined}</Row>
        <Row term="Người đại diện doanh nghiệp">{r.parties?.business?.representative ?? undefined}</Row>
        <Row term="Thời gian, địa điểm">{`${str(r.heldAt) ? formatDateTime(str(r.heldAt)!) : ''}, ${str(r.place) ?? ''}`}</Row>
        <Row term="Nội dung tranh chấp">{str(r.disputeContent)}</Row>
        <Row term="Ý kiến người tiêu dùng">{str(r.consumerOpinion)}</Row>
        <Row term="Ý kiến doanh nghiệp">{str(r.businessOpinion)}</Row>
        <Row term="Kết quả, giải pháp">{str(r.solution)}</Row>
        <Row term="Thời hạn thực hiện">{str(r.performBy) ? formatDate(str(r.performBy)!) : undefined}</Row>
        <Row term="Thỏa thuận khác">{str(r.otherTerms)}</Row>
        <Row term="Chữ ký (Điều 65 khoản 3)">
          {r.signatures
            ? [
                r.signatures.partiesSigned ? 'các bên đã ký hoặc điểm chỉ' : '',
                r.signatures.mediatorSigned ? 'hòa giải viên đã ký' : '',
                r.signatures.sealApplied ? 'đã đóng dấu tổ chức hòa giải' : '',
              ]
                .filter(Boolean)
                .join('; ')
            : undefined}
        </Row>
        <Row term="Lý do không thành">{str(r.reason)}</Row>
        <Row term="Giá trị tranh chấp">{typeof r.disputedAmountVnd === 'number' ? formatVnd(r.disputedAmountVnd) : undefined}</Row>
      </dl>
      {o.options.length > 0 ? (
        <>
          <h3>Các cách giải quyết còn lại của người tiêu dùng</h3>
          <ul>
            {o.options.map((x) => (
              <li>
                <strong>{x.title}</strong>: {x.text} <span class="hint">({x.legalBasis})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.downloads.length > 0 ? (
        <p>
          {p.downloads.map((d, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={d.href}>{d.label}</a>
            </>
          ))}
        </p>
      ) : null}
      {perf ? (
        <>
          <h3>Thực hiện kết quả hòa giải (Điều 66 khoản 1)</h3>
          <p>
            Hạn: <strong>{formatDate(perf.performBy)}</strong> <span class="tag">{performanceLabels[perf.state]}</span>
            {perf.overdue ? <span class="tag err">Quá hạn</span> : null}
            {perf.late ? <span class="tag warn">Thực hiện trễ hạn</span> : null}
          </p>
          <p class="hint">{perf.explanation}</p>
          {perf.note ? <p class="prose">{perf.note}</p> : null}
          {m.can.recordPerformance ? (
            <ActionForm
              env={p.env}
              action={`/mediation/${m.id}/actions/performance`}
              name="performance"
              title="Ghi nhận việc thực hiện"
              submit="Ghi nhận"
              open={p.form?.name === 'performance'}
            >
              <Radios
                id="performance-performed"
                name="performed"
                label="Doanh nghiệp đã thực hiện kết quả hòa giải?"
                options={[
                  { id: 'yes', label: 'Đã thực hiện' },
                  { id: 'no', label: 'Không thực hiện' },
                ]}
                values={valuesOf(p, 'performance')}
                errors={p.errors}
              />
              <TextArea
                id="performance-note"
                name="note"
                label="Ghi chú (không bắt buộc)"
                values={valuesOf(p, 'performance')}
                errors={p.errors}
                rows={2}
              />
            </ActionForm>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
