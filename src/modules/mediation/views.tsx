/** The mediation list (/mediation) with the opening form, and the register (/mediation/organisations). */
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import { ErrorSummary, Layout, Pager, type PageEnv } from '../../web/layout.js';
import { ActionForm, Checkbox, Input, Notice, Section, Select, type FieldError, type FormState, type Option } from './components.js';
import type { MediationSummaryView, MediatorView, OrganisationView } from './schema.js';
import { performanceLabels } from './texts.js';

export function StatusTag({ status, label }: { status: string; label: string }) {
  const tone = status === 'succeeded' ? 'ok' : status === 'failed' ? 'err' : '';
  return <span class={`tag ${tone}`}>{label}</span>;
}

export function ListPage(p: {
  env: PageEnv;
  result: { data: MediationSummaryView[]; page: { page: number; pageSize: number; total: number } };
  notice?: string;
  errors: FieldError[];
  form: FormState | null;
  canOpen: boolean;
  organisations: Option[];
}) {
  const { env, result } = p;
  const values = p.form?.name === 'open' ? p.form.values : {};
  return (
    <Layout env={env} title="Hòa giải">
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p>
        Hòa giải tranh chấp giữa người tiêu dùng và tổ chức, cá nhân kinh doanh (Điều 61–66 Luật Bảo vệ quyền lợi người tiêu dùng).{' '}
        <a href="/mediation/organisations">Tổ chức hòa giải và hòa giải viên</a>
      </p>
      <div class="table-wrap">
        <table class="cases">
          <caption>Các vụ hòa giải ({result.page.total})</caption>
          <thead>
            <tr>
              <th scope="col">Hồ sơ</th>
              <th scope="col">Tổ chức hòa giải</th>
              <th scope="col">Tình trạng</th>
              <th scope="col">Phiên tiếp theo</th>
              <th scope="col">Thực hiện</th>
            </tr>
          </thead>
          <tbody>
            {result.data.length === 0 ? (
              <tr>
                <td colSpan={5}>Chưa có vụ hòa giải nào.</td>
              </tr>
            ) : (
              result.data.map((m) => (
                <tr>
                  <th scope="row" data-label="Hồ sơ">
                    <a href={`/mediation/${m.id}`}>{m.requestCode}</a>
                  </th>
                  <td data-label="Tổ chức">{m.organisationName}</td>
                  <td data-label="Tình trạng">
                    <StatusTag status={m.status} label={m.statusLabel} />
                    {m.languageRuleBlocking ? <span class="tag warn">Cần phiên dịch / hòa giải viên biết tiếng (Điều 64.3)</span> : null}
                  </td>
                  <td data-label="Phiên tiếp theo">{m.nextSessionAt ? formatDateTime(m.nextSessionAt) : '—'}</td>
                  <td data-label="Thực hiện">
                    {m.performBy ? `Hạn ${formatDate(m.performBy)}` : '—'}
                    {m.performance ? <span class="tag">{performanceLabels[m.performance]}</span> : null}
                    {m.overdue ? <span class="tag err">Quá hạn</span> : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager env={env} page={result.page.page} pageSize={result.page.pageSize} total={result.page.total} query={{}} />
      {p.canOpen ? (
        <Section id="open" title="Mở hòa giải cho một hồ sơ">
          <ActionForm
            env={env}
            action="/mediation/open"
            name="open"
            title="Ghi nhận sự đồng ý của hai bên và mở hòa giải"
            submit="Mở hòa giải"
            open={p.form?.name === 'open' || !!values.requestCode}
          >
            <p class="hint">
              Chỉ hòa giải khi cả người tiêu dùng và tổ chức, cá nhân kinh doanh đồng ý. Không hòa giải vụ việc thuộc Điều 54 khoản 2 (gây
              thiệt hại lợi ích công cộng, vi phạm điều cấm, nhiều người tiêu dùng chưa xác định).
            </p>
            <Input
              id="open-requestCode"
              name="requestCode"
              label="Mã hồ sơ"
              hint="Ví dụ: YC-2026-000123"
              values={values}
              errors={p.errors}
              width="rq-w-10"
            />
            <Select
              id="open-organisationId"
              name="organisationId"
              label="Tổ chức hòa giải"
              placeholder="Chọn tổ chức hòa giải"
              options={p.organisations}
              values={values}
              errors={p.errors}
            />
            <Input
              id="open-consumerConsentOn"
              name="consumerConsentOn"
              type="date"
              label="Ngày người tiêu dùng đồng ý hòa giải"
              values={values}
              errors={p.errors}
            />
            <Input
              id="open-consumerConsentRef"
              name="consumerConsentRef"
              label="Cách thể hiện sự đồng ý của người tiêu dùng (không bắt buộc)"
              hint="Ví dụ: đơn đề nghị hòa giải, biên bản làm việc"
              values={values}
              errors={p.errors}
            />
            <Input
              id="open-businessConsentOn"
              name="businessConsentOn"
              type="date"
              label="Ngày doanh nghiệp đồng ý hòa giải"
              values={values}
              errors={p.errors}
            />
            <Input
              id="open-businessConsentRef"
              name="businessConsentRef"
              label="Cách thể hiện sự đồng ý của doanh nghiệp (không bắt buộc)"
              values={values}
              errors={p.errors}
            />
            <Input
              id="open-businessEmail"
              name="businessEmail"
              type="email"
              label="Email của doanh nghiệp (để gửi lịch và nhắc lịch)"
              values={values}
              errors={p.errors}
            />
            <Input
              id="open-partyLanguage"
              name="partyLanguage"
              label="Tiếng dân tộc của bên là người dân tộc thiểu số (nếu có)"
              hint="Ví dụ: Tày, Dao, H'Mông. Để trống nếu không biết."
              values={values}
              errors={p.errors}
              width="rq-w-10"
            />
            <Checkbox
              id="open-businessEthnicMinority"
              name="businessEthnicMinority"
              label="Bên kinh doanh là cá nhân người dân tộc thiểu số"
              values={values}
              errors={p.errors}
            />
          </ActionForm>
        </Section>
      ) : null}
    </Layout>
  );
}

function MediatorRow({ m }: { m: MediatorView }) {
  return (
    <tr>
      <th scope="row" data-label="Hòa giải viên">
        {m.fullName}
      </th>
      <td data-label="Ngôn ngữ">
        {m.languages.length > 0 ? m.languages.join(', ') : '—'}
        {m.ethnicMinority ? <span class="tag">Người dân tộc thiểu số{m.ethnicGroup ? ` (${m.ethnicGroup})` : ''}</span> : null}
      </td>
      <td data-label="Điều kiện (Điều 64.2)">
        {m.eligibility.eligible ? (
          <span class="tag ok">Đủ điều kiện</span>
        ) : (
          <>
            <span class="tag err">Chưa đủ điều kiện</span>
            <span class="hint"> Thiếu: {m.eligibility.missing.map((x) => x.label).join('; ')}</span>
          </>
        )}
      </td>
      <td data-label="Công bố">{m.recognisedAt ? `Đã công bố ${formatDate(m.recognisedAt)}` : 'Chưa công bố'}</td>
    </tr>
  );
}

export function RegisterPage(p: { env: PageEnv; organisations: (OrganisationView & { mediators: MediatorView[] })[] }) {
  return (
    <Layout env={p.env} title="Tổ chức hòa giải và hòa giải viên">
      <p>
        Tổ chức hòa giải loại (a) và (c) công nhận và công bố danh sách hòa giải viên (Điều 63 khoản 2); chỉ hòa giải viên đủ các điều kiện
        của Điều 64 khoản 2 và có tên trong danh sách mới được chỉ định. <a href="/mediation">Về danh sách vụ hòa giải</a>
      </p>
      {p.organisations.length === 0 ? <p>Chưa có tổ chức hòa giải nào.</p> : null}
      {p.organisations.map((o) => (
        <Section id={`org-${o.id}`} title={o.name}>
          <p class="hint">
            {o.typeLabel}
            {o.active ? null : ' · Ngừng hoạt động'}
          </p>
          <p>
            <a href={`/api/v1/mediation/organisations/${o.id}/published-mediators`}>Danh sách công bố (công khai)</a>
          </p>
          <div class="table-wrap">
            <table class="cases">
              <caption>Hòa giải viên ({o.mediators.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Hòa giải viên</th>
                  <th scope="col">Tiếng dân tộc thông thạo</th>
                  <th scope="col">Điều kiện</th>
                  <th scope="col">Công bố</th>
                </tr>
              </thead>
              <tbody>
                {o.mediators.map((m) => (
                  <MediatorRow m={m} />
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      ))}
    </Layout>
  );
}
