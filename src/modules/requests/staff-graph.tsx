/**
 * The "Hồ sơ liên quan" panel of the officer's case page (issue 5 point 6): the parent case, the
 * sub-cases with their roll-up, the form to split a sub-case, the case's group and the one-action
 * Art. 54(2) referral. Everything shown comes from `getCaseGraph`.
 */
import { CsrfField, type PageEnv } from '../../web/layout.js';
import type { getCaseGraph } from './graph.js';
import { childKindLabels, childKinds } from './sub-cases.js';
import { ActionForm, one, Section, Select, TextArea, type FieldError, type FormState, type Option } from './staff-components.js';

export type CaseGraph = Awaited<ReturnType<typeof getCaseGraph>>;

const kindOptions: Option[] = childKinds.map((k) => ({ id: k, label: childKindLabels[k] }));

export function RelatedSection(p: { env: PageEnv; g: CaseGraph; form: FormState | null; errors: FieldError[]; agencies: Option[] }) {
  const { env, g } = p;
  const v = p.form?.name === 'subcase' ? p.form.values : {};
  return (
    <Section id="related" title="Hồ sơ liên quan">
      {g.parent ? (
        <p>
          Hồ sơ con của {g.parent.canOpen ? <a href={`/requests/${g.parent.id}`}>{g.parent.code}</a> : g.parent.code} (
          {g.parent.statusLabel})
        </p>
      ) : null}
      {g.children.length > 0 ? (
        <>
          <p class="rollup">
            Trạng thái tổng hợp: <strong>{g.rollup.label}</strong> ({g.rollup.open}/{g.rollup.total} đang mở)
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Loại</th>
                <th scope="col">Cơ quan</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {g.children.map((c) => (
                <tr>
                  <td>{c.canOpen ? <a href={`/requests/${c.id}`}>{c.code}</a> : c.code}</td>
                  <td>{c.kindLabel}</td>
                  <td>{c.agency.name ?? ''}</td>
                  <td>
                    {c.statusLabel} {c.overdue ? <span class="tag err">Quá hạn</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>Chưa có hồ sơ con.</p>
      )}
      {g.group ? (
        <p>
          Thuộc nhóm <a href={`/requests/groups/${g.group.id}`}>{g.group.code}</a>: {g.group.title}
          {g.group.enforcementFlag ? <span class="tag err"> Chuyển xem xét xử lý vi phạm (Điều 54 khoản 2)</span> : null}
        </p>
      ) : null}
      {g.referralProposal && g.can.acceptReferral ? (
        <form method="post" action={`/requests/${g.id}/actions/referral`}>
          <CsrfField env={env} />
          <p class="hint">{g.referralProposal.reason}</p>
          <p>
            <button type="submit">Chuyển {g.referralProposal.agency?.name ?? 'cơ quan quản lý thị trường'} xử lý vi phạm</button>
          </p>
        </form>
      ) : null}
      {g.can.split ? (
        <ActionForm env={env} id={g.id} action="sub-case" title="Tách hồ sơ con" submit="Tạo hồ sơ con" open={p.form?.name === 'subcase'}>
          <Select
            id="subcase-kind"
            name="kind"
            label="Loại hồ sơ con"
            placeholder="Chọn loại"
            options={kindOptions}
            value={one(v.kind)}
            errors={p.errors}
          />
          <Select
            id="subcase-agencyId"
            name="agencyId"
            label="Cơ quan nhận"
            hint="Để trống: chuyển xử lý vi phạm về cơ quan quản lý thị trường, tranh chấp dân sự ở lại cơ quan hiện tại, loại khác về cơ quan chuyên ngành."
            placeholder="Theo loại hồ sơ (mặc định)"
            options={p.agencies}
            value={one(v.agencyId)}
            errors={p.errors}
          />
          <TextArea id="subcase-note" name="note" label="Ghi chú (không bắt buộc)" values={v} errors={p.errors} />
        </ActionForm>
      ) : null}
    </Section>
  );
}
