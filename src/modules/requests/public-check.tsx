/**
 * The check-your-answers page (GOV.UK pattern): every answer with a "Thay đổi" button that posts
 * the answers back to its step, where the request will go (the routing preview), the privacy
 * notice with the consent box, and the send button with the idempotency key of this page.
 */
import type { ComponentChildren } from 'preact';
import { ErrorSummary, Layout, type PageEnv } from '../../web/layout.js';
import { formatVnd } from '../../platform/i18n.js';
import { list, stateWithout, steps, str, type Field, type FieldError, type FormValues, type StepSlug } from './public-form.js';
import { Choices } from './public-fields.js';
import { PrivacyText } from './public-start.js';
import { pt, type PublicKey } from './public-texts.js';
import { errorOf, Form, Script, type Commune, type RoutePreview } from './public-views.js';

const tr = (env: PageEnv, key: PublicKey, params?: Record<string, string | number>) => pt(env.locale, key, params);

interface Row {
  key: string;
  value: ComponentChildren;
  step: StepSlug;
  field: Field;
}

function dateText(v: FormValues, d: Field, m: Field, y: Field): string {
  const [dd, mm, yy] = [str(v, d), str(v, m), str(v, y)];
  return dd && mm && yy ? `${dd.padStart(2, '0')}/${mm.padStart(2, '0')}/${yy}` : '';
}

function rowsOf(env: PageEnv, v: FormValues, communes: readonly Commune[]): Record<StepSlug, Row[]> {
  const t = (f: Field) => str(v, f);
  const communeName = (code: string) => communes.find((c) => c.code === code)?.name ?? code;
  const amount = t('txAmount').replace(/\D/g, '');
  const place =
    t('txPlace') === 'commune' || (!t('txPlace') && t('txCommune'))
      ? communeName(t('txCommune'))
      : t('txPlace') === 'online'
        ? [tr(env, 'check.place.online'), t('txUrl')].filter(Boolean).join(': ')
        : t('txPlace') === 'other'
          ? tr(env, 'check.place.other')
          : '';
  const reply = t('priorContact');
  const rep = [t('repName'), t('repRelation'), t('repPhone'), t('repEmail')].filter(Boolean).join(', ');
  const k = (key: PublicKey) => tr(env, key);
  const kind = t('kind');
  return {
    'su-viec': [
      { key: k('field.kind'), value: kind ? tr(env, `field.kind.${kind}` as PublicKey) : '', step: 'su-viec', field: 'kind' },
      { key: k('field.description'), value: <span class="rq-pre">{t('description')}</span>, step: 'su-viec', field: 'description' },
      {
        key: k('field.desiredOutcome'),
        value: <span class="rq-pre">{t('desiredOutcome')}</span>,
        step: 'su-viec',
        field: 'desiredOutcome',
      },
    ],
    'doanh-nghiep': [
      { key: k('field.businessName'), value: t('businessName'), step: 'doanh-nghiep', field: 'businessName' },
      { key: k('field.businessAddress'), value: t('businessAddress'), step: 'doanh-nghiep', field: 'businessAddress' },
      { key: k('field.businessPlatform'), value: t('businessPlatform'), step: 'doanh-nghiep', field: 'businessPlatform' },
      { key: k('field.businessWebsite'), value: t('businessWebsite'), step: 'doanh-nghiep', field: 'businessWebsite' },
      { key: k('field.businessTaxCode'), value: t('businessTaxCode'), step: 'doanh-nghiep', field: 'businessTaxCode' },
      { key: k('field.businessPhone'), value: t('businessPhone'), step: 'doanh-nghiep', field: 'businessPhone' },
    ],
    'giao-dich': [
      { key: k('field.txDate'), value: dateText(v, 'txDay', 'txMonth', 'txYear'), step: 'giao-dich', field: 'txDay' },
      { key: k('field.txProduct'), value: t('txProduct'), step: 'giao-dich', field: 'txProduct' },
      {
        key: k('field.txAmount'),
        value: /^\d{1,15}$/.test(amount) ? formatVnd(amount) : t('txAmount'),
        step: 'giao-dich',
        field: 'txAmount',
      },
      { key: k('field.txPlace'), value: place, step: 'giao-dich', field: 'txPlace' },
      {
        key: k('field.priorContact'),
        value: reply ? tr(env, `field.priorContact.${reply}` as PublicKey) : '',
        step: 'giao-dich',
        field: 'priorContact',
      },
      { key: k('field.pcDate'), value: dateText(v, 'pcDay', 'pcMonth', 'pcYear'), step: 'giao-dich', field: 'pcDay' },
    ],
    've-ban': [
      { key: k('field.fullName'), value: t('fullName'), step: 've-ban', field: 'fullName' },
      { key: k('field.phone'), value: t('phone'), step: 've-ban', field: 'phone' },
      { key: k('field.email'), value: t('email'), step: 've-ban', field: 'email' },
      { key: k('field.birthYear'), value: t('birthYear'), step: 've-ban', field: 'birthYear' },
      {
        key: k('field.addressLine'),
        value: [t('addressLine'), t('addressCommune') ? communeName(t('addressCommune')) : ''].filter(Boolean).join(', '),
        step: 've-ban',
        field: 'addressLine',
      },
      {
        key: k('field.vulnerable'),
        value: list(v, 'vulnerable')
          .map((c) => tr(env, `field.vulnerable.${c}` as PublicKey))
          .join(', '),
        step: 've-ban',
        field: 'vulnerable',
      },
      { key: k('field.representative'), value: rep, step: 've-ban', field: 'repName' },
    ],
  };
}

export interface CheckProps {
  env: PageEnv;
  values: FormValues;
  errors: readonly FieldError[];
  communes: readonly Commune[];
  province: string;
  preview: RoutePreview | null;
  idempotencyKey: string;
  consent: { given: boolean; publish: boolean };
  notice?: string;
}

export function CheckPage({ env, values, errors, communes, province, preview, idempotencyKey, consent, notice }: CheckProps) {
  const rows = rowsOf(env, values, communes);
  const warnings = [
    ...(str(values, 'kind') === 'request' && ['', 'no'].includes(str(values, 'priorContact'))
      ? [tr(env, 'check.warn.noContactBusiness')]
      : []),
    ...(!str(values, 'phone') && !str(values, 'email') && !str(values, 'addressLine') ? [tr(env, 'check.warn.noContact')] : []),
  ];
  // Errors of the earlier steps link to their "Thay đổi" button; the consent error to its box.
  const summary = errors.map((e) => (e.field === 'consent' ? e : { field: `change-${e.field}`, message: e.message }));
  return (
    <Layout env={env} title={tr(env, 'check.title')}>
      <ErrorSummary env={env} errors={summary} />
      {notice ? (
        <div class="notice" role="status">
          {notice}
        </div>
      ) : null}
      <Form env={env} action="/gui-yeu-cau/gui" state={stateWithout(values)}>
        {/* Enter in a field must not press the first "Thay đổi": a disabled default button stops implicit submission. */}
        <button type="submit" disabled hidden aria-hidden="true" tabindex={-1} />
        <input type="hidden" name="idem" value={idempotencyKey} />
        {warnings.map((w) => (
          <div class="rq-warning">
            <p>{w}</p>
          </div>
        ))}
        {steps.map((s) => (
          <section aria-labelledby={`check-${s.slug}`}>
            <h2 id={`check-${s.slug}`} class="rq-h-m">
              {tr(env, s.title)}
            </h2>
            <dl class="rq-summary">
              {rows[s.slug].map((r) => (
                <div class={errors.some((e) => e.field === r.field) ? 'rq-summary-row rq-summary-error' : 'rq-summary-row'}>
                  <dt>{r.key}</dt>
                  <dd>{r.value === '' ? <span class="rq-muted">{tr(env, 'check.notGiven')}</span> : r.value}</dd>
                  <dd class="rq-summary-action">
                    <button
                      type="submit"
                      id={`change-${r.field}`}
                      class="link"
                      formaction={`/gui-yeu-cau/sua/${r.step}#${r.field}`}
                      formnovalidate
                    >
                      {tr(env, 'check.change')}
                      <span class="rq-visually-hidden"> {r.key.toLocaleLowerCase('vi')}</span>
                    </button>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section aria-labelledby="check-route" class="rq-route">
          <h2 id="check-route" class="rq-h-m">
            {tr(env, 'check.route.title')}
          </h2>
          {preview ? (
            <>
              <p class="rq-route-agency">
                <strong>{preview.agencyName}</strong>
              </p>
              <p>{preview.reason}</p>
              <p class="hint">{tr(env, 'check.route.note')}</p>
            </>
          ) : (
            <p>{tr(env, 'check.route.unknown')}</p>
          )}
        </section>
        <section aria-labelledby="check-privacy">
          <h2 id="check-privacy" class="rq-h-m">
            {tr(env, 'check.privacy.title')}
          </h2>
          <details class="rq-details">
            <summary>{tr(env, 'privacy.title')}</summary>
            <PrivacyText env={env} province={province} />
          </details>
          <Choices
            id="consent"
            type="checkbox"
            label={tr(env, 'privacy.title')}
            legendClass="rq-visually-hidden"
            error={errorOf(errors, 'consent')}
            selected={[consent.given ? 'yes' : '']}
            choices={[{ value: 'yes', label: tr(env, 'field.consent') }]}
          />
          <Choices
            id="publish"
            type="checkbox"
            label={tr(env, 'field.publish')}
            legendClass="rq-visually-hidden"
            selected={[consent.publish ? 'yes' : '']}
            choices={[{ value: 'yes', label: tr(env, 'field.publish') }]}
          />
        </section>
        <h2 class="rq-h-m">{tr(env, 'check.submit.title')}</h2>
        <p>{tr(env, 'check.submit.lead')}</p>
        <div class="rq-buttons">
          <button type="submit" id="send">
            {tr(env, 'check.submit')}
          </button>
        </div>
      </Form>
      <Script />
    </Layout>
  );
}
