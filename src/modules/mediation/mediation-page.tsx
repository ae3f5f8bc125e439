/** The page of one mediation (/mediation/:id): parties and consents, the Art. 64(3) rule, mediators, interpreters, sessions, outcome, performance. */
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import { ErrorSummary, Layout } from '../../web/layout.js';
import {
  ActionForm,
  Input,
  Notice,
  Radios,
  Row,
  Section,
  Select,
  TextArea,
  valuesOf,
  type MediationPageProps,
  type Option,
} from './components.js';
import type { MediationView } from './schema.js';
import { sessionModeLabels } from './texts.js';
import { Outcome, OutcomeForms } from './outcome-view.js';
import { StatusTag } from './views.js';

type P = MediationPageProps;

function LanguageRule({ m }: { m: MediationView }) {
  const r = m.languageRule;
  if (!r.applies) return null;
  return (
    <Section id="language" title="Bên là người dân tộc thiểu số (Điều 64 khoản 3)">
      <p>
        {r.satisfied ? <span class="tag ok">Đã đáp ứng</span> : <span class="tag warn">Chưa thể xếp lịch hòa giải</span>} {r.message}
      </p>
      {r.partyLanguage ? <p class="hint">Tiếng của bên tranh chấp: {r.partyLanguage}.</p> : null}
    </Section>
  );
}

function Mediators(p: P & { candidates: Option[] }) {
  const { m } = p;
  return (
    <Section id="mediators" title="Hòa giải viên">
      {m.mediators.length === 0 ? (
        <p class="hint">Chưa chỉ định hòa giải viên.</p>
      ) : (
        <ul>
          {m.mediators.map((x) => (
            <li>
              {x.fullName}
              {x.ethnicMinority ? <span class="tag">Người dân tộc thiểu số</span> : null}
              {x.languages.length > 0 ? <span class="hint"> · Thông thạo tiếng {x.languages.join(', ')}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {m.can.appoint ? (
        <ActionForm
          env={p.env}
          action={`/mediation/${m.id}/actions/appoint`}
          name="appoint"
          title="Chỉ định hòa giải viên"
          submit="Chỉ định"
          tone="secondary"
          open={p.form?.name === 'appoint'}
        >
          <p class="hint">Chỉ hòa giải viên có tên trong danh sách đã công bố và đủ điều kiện của Điều 64 khoản 2.</p>
          <Select
            id="appoint-mediatorId"
            name="mediatorId"
            label="Hòa giải viên"
            placeholder="Chọn hòa giải viên"
            options={p.candidates}
            values={valuesOf(p, 'appoint')}
            errors={p.errors}
          />
        </ActionForm>
      ) : null}
    </Section>
  );
}

function Interpreters(p: P) {
  const { m } = p;
  if (!m.languageRule.applies && m.interpreters.length === 0) return null;
  return (
    <Section id="interpreters" title="Người phiên dịch">
      {m.interpreters.length === 0 ? (
        <p class="hint">Chưa có người phiên dịch.</p>
      ) : (
        <ul>
          {m.interpreters.map((i) => (
            <li>
              {i.fullName} — tiếng {i.language} <span class="hint">({formatDateTime(i.recordedAt)})</span>
            </li>
          ))}
        </ul>
      )}
      {m.can.recordInterpreter ? (
        <ActionForm
          env={p.env}
          action={`/mediation/${m.id}/actions/interpreter`}
          name="interpreter"
          title="Ghi nhận người phiên dịch"
          submit="Ghi nhận người phiên dịch"
          tone="secondary"
          open={p.form?.name === 'interpreter' || !m.languageRule.satisfied}
        >
          <Input
            id="interpreter-fullName"
            name="fullName"
            label="Họ và tên người phiên dịch"
            values={valuesOf(p, 'interpreter')}
            errors={p.errors}
          />
          <Input
            id="interpreter-language"
            name="language"
            label="Ngôn ngữ phiên dịch"
            hint={
              m.languageRule.partyLanguage ? `Tiếng của bên tranh chấp: ${m.languageRule.partyLanguage}` : 'Ví dụ: Tày, Dao, H\u2019Mông'
            }
            values={valuesOf(p, 'interpreter')}
            errors={p.errors}
            width="rq-w-10"
          />
        </ActionForm>
      ) : null}
    </Section>
  );
}

function Sessions(p: P) {
  const { m } = p;
  const v = valuesOf(p, 'session');
  return (
    <Section id="sessions" title="Lịch hòa giải">
      {m.sessions.length === 0 ? (
        <p class="hint">Chưa có phiên hòa giải nào.</p>
      ) : (
        <ul>
          {m.sessions.map((s) => (
            <li>
              <strong>{formatDateTime(s.startsAt)}</strong> · {sessionModeLabels[s.mode]}: {s.mode === 'in_person' ? s.place : s.link}
              {s.note ? <p class="hint">{s.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {m.can.schedule ? (
        <ActionForm
          env={p.env}
          action={`/mediation/${m.id}/actions/session`}
          name="session"
          title="Xếp lịch phiên hòa giải"
          submit="Xếp lịch"
          open={p.form?.name === 'session'}
        >
          <p class="hint">Các bên và hòa giải viên nhận thư mời ngay và thư nhắc lịch trước 1 ngày.</p>
          <Input id="session-date" name="date" type="date" label="Ngày" values={v} errors={p.errors} />
          <Input id="session-time" name="time" label="Giờ (giờ Việt Nam)" hint="Ví dụ: 09:00" values={v} errors={p.errors} width="rq-w-4" />
          <Radios
            id="session-mode"
            name="mode"
            label="Hình thức"
            options={[
              { id: 'in_person', label: 'Trực tiếp' },
              { id: 'online', label: 'Trực tuyến' },
            ]}
            values={v}
            errors={p.errors}
          />
          <Input id="session-place" name="place" label="Địa điểm (hòa giải trực tiếp)" values={v} errors={p.errors} />
          <Input
            id="session-link"
            name="link"
            label="Đường liên kết (hòa giải trực tuyến)"
            hint="Bắt đầu bằng https://"
            values={v}
            errors={p.errors}
          />
          <TextArea id="session-note" name="note" label="Ghi chú cho các bên (không bắt buộc)" values={v} errors={p.errors} rows={2} />
        </ActionForm>
      ) : null}
    </Section>
  );
}

export function MediationPage(
  p: P & { notice?: string; candidates: Option[]; caseLink: boolean; downloads: { href: string; label: string }[] },
) {
  const { env, m } = p;
  return (
    <Layout env={env} title={`Hòa giải hồ sơ ${m.request.code}`}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p class="case-tags">
        <StatusTag status={m.status} label={m.statusLabel} />
        {m.languageRule.applies && !m.languageRule.satisfied ? (
          <span class="tag warn">Cần phiên dịch hoặc hòa giải viên biết tiếng</span>
        ) : null}
      </p>
      <nav class="case-nav" aria-label="Liên kết">
        <a href="/mediation">Về danh sách hòa giải</a>
        {p.caseLink ? (
          <>
            {' · '}
            <a href={`/requests/${m.request.id}`}>Mở hồ sơ {m.request.code}</a>
          </>
        ) : null}
      </nav>
      <div class="case-grid">
        <div class="case-main">
          <Section id="summary" title="Tóm tắt">
            <dl class="summary">
              <Row term="Tổ chức hòa giải">{`${m.organisation.name} — ${m.organisation.typeLabel}`}</Row>
              <Row term="Người tiêu dùng">{`${m.parties.consumer.name}${m.parties.consumer.ethnicMinority ? ' (người dân tộc thiểu số)' : ''}`}</Row>
              <Row term="Tổ chức, cá nhân kinh doanh">{`${m.parties.business.name}${m.parties.business.taxCode ? `, MST ${m.parties.business.taxCode}` : ''}`}</Row>
              <Row term="Đồng ý hòa giải">
                {`Người tiêu dùng ngày ${formatDate(m.consents.consumer.on)}${m.consents.consumer.ref ? ` (${m.consents.consumer.ref})` : ''}; doanh nghiệp ngày ${formatDate(m.consents.business.on)}${m.consents.business.ref ? ` (${m.consents.business.ref})` : ''}`}
              </Row>
              <Row term="Mở ngày">{formatDateTime(m.openedAt)}</Row>
            </dl>
          </Section>
          {m.status === 'open' ? <OutcomeForms {...p} /> : <Outcome {...p} />}
        </div>
        <div class="case-side">
          <LanguageRule m={m} />
          <Mediators {...p} />
          <Interpreters {...p} />
          <Sessions {...p} />
        </div>
      </div>
    </Layout>
  );
}
