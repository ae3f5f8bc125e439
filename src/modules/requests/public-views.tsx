/**
 * The steps of the public request form, one page each (GOV.UK pattern: a few questions per page,
 * error summary, inline errors). The answers of the other steps travel in the hidden `state`
 * field (no drafts on the server); public-check.tsx shows them all before sending.
 */
import type { ComponentChildren } from 'preact';
import { CsrfField, ErrorSummary, Layout, type PageEnv } from '../../web/layout.js';
import {
  kindOptions,
  list,
  replyOptions,
  stateWithout,
  stepIndex,
  steps,
  str,
  vulnerableOptions,
  type Field,
  type FieldError,
  type FormValues,
  type Step,
} from './public-form.js';
import { Choices, DateInput, FieldLocale, Honeypot, Select, TextArea, TextField } from './public-fields.js';
import { pt, type PublicKey } from './public-texts.js';

export interface Commune {
  code: string;
  name: string;
}

export interface RoutePreview {
  agencyName: string;
  reason: string;
}

const tr = (env: PageEnv, key: PublicKey, params?: Record<string, string | number>) => pt(env.locale, key, params);

export function Script() {
  return <script src="/static/request-form.js" defer />;
}

export function errorOf(errors: readonly FieldError[], f: Field | 'consent'): string | undefined {
  return errors.find((e) => e.field === f)?.message;
}

interface StepProps {
  env: PageEnv;
  step: Step;
  values: FormValues;
  errors: readonly FieldError[];
  returnTo?: 'check';
  communes: readonly Commune[];
}

function StepFields({ env, step, values: v, errors, communes }: StepProps) {
  const e = (f: Field | 'consent') => errorOf(errors, f);
  const label = (k: PublicKey, optional = false) => (optional ? `${tr(env, k)} ${tr(env, 'step.optional')}` : tr(env, k));
  const t = (f: Field) => str(v, f);
  const communeOptions = communes.map((c) => ({ value: c.code, label: c.name }));
  const dateLabels = [tr(env, 'field.date.day'), tr(env, 'field.date.month'), tr(env, 'field.date.year')] as const;
  switch (step.slug) {
    case 'su-viec':
      return (
        <>
          <Choices
            id="kind"
            type="radio"
            label={tr(env, 'field.kind')}
            legendClass="rq-legend-m"
            error={e('kind')}
            selected={[t('kind')]}
            choices={(['request', 'complaint', 'feedback'] as const)
              .filter((k) => kindOptions.includes(k))
              .map((k) => ({ value: k, label: tr(env, `field.kind.${k}`), hint: tr(env, `field.kind.${k}.hint`) }))}
          />
          <TextArea
            id="description"
            label={label('field.description')}
            hint={tr(env, 'field.description.hint')}
            error={e('description')}
            value={t('description')}
            rows={8}
            max={10_000}
            counterText={tr(env, 'js.counter')}
          />
          <TextArea
            id="desiredOutcome"
            label={label('field.desiredOutcome', true)}
            hint={tr(env, 'field.desiredOutcome.hint')}
            error={e('desiredOutcome')}
            value={t('desiredOutcome')}
            rows={3}
            max={2000}
            counterText={tr(env, 'js.counter')}
          />
          <RoutingHint env={env} />
        </>
      );
    case 'doanh-nghiep':
      return (
        <>
          <TextField
            id="businessName"
            label={label('field.businessName')}
            hint={tr(env, 'field.businessName.hint')}
            error={e('businessName')}
            value={t('businessName')}
          />
          <p class="rq-inset">{tr(env, 'field.business.identify')}</p>
          <TextField
            id="businessAddress"
            label={label('field.businessAddress', true)}
            error={e('businessAddress')}
            value={t('businessAddress')}
          />
          <TextField
            id="businessPlatform"
            label={label('field.businessPlatform', true)}
            hint={tr(env, 'field.businessPlatform.hint')}
            error={e('businessPlatform')}
            value={t('businessPlatform')}
            width="rq-w-20"
          />
          <TextField
            id="businessWebsite"
            label={label('field.businessWebsite', true)}
            hint={tr(env, 'field.businessWebsite.hint')}
            error={e('businessWebsite')}
            value={t('businessWebsite')}
            inputmode="url"
            spellcheck={false}
          />
          <TextField
            id="businessTaxCode"
            label={label('field.businessTaxCode', true)}
            hint={tr(env, 'field.businessTaxCode.hint')}
            error={e('businessTaxCode')}
            value={t('businessTaxCode')}
            inputmode="numeric"
            width="rq-w-10"
          />
          <TextField
            id="businessPhone"
            label={label('field.businessPhone', true)}
            error={e('businessPhone')}
            value={t('businessPhone')}
            type="tel"
            width="rq-w-10"
          />
          <RoutingHint env={env} />
        </>
      );
    case 'giao-dich':
      return (
        <>
          <DateInput
            id="txDay"
            ids={['txDay', 'txMonth', 'txYear']}
            label={label('field.txDate', true)}
            hint={tr(env, 'field.txDate.hint')}
            error={e('txDay')}
            values={[t('txDay'), t('txMonth'), t('txYear')]}
            labels={dateLabels}
          />
          <TextField id="txProduct" label={label('field.txProduct', true)} error={e('txProduct')} value={t('txProduct')} />
          <TextField
            id="txAmount"
            label={label('field.txAmount', true)}
            hint={tr(env, 'field.txAmount.hint')}
            error={e('txAmount')}
            value={t('txAmount')}
            inputmode="numeric"
            width="rq-w-10"
          />
          <Choices
            id="txPlace"
            type="radio"
            label={label('field.txPlace', true)}
            error={e('txPlace')}
            selected={[t('txPlace')]}
            choices={[
              { value: 'commune', label: tr(env, 'field.txPlace.commune') },
              { value: 'online', label: tr(env, 'field.txPlace.online') },
              { value: 'other', label: tr(env, 'field.txPlace.other') },
            ]}
          >
            <div class="rq-conditional">
              <Select
                id="txCommune"
                label={tr(env, 'field.txCommune')}
                error={e('txCommune')}
                value={t('txCommune')}
                options={communeOptions}
                placeholder={tr(env, 'field.choose')}
              />
              <TextField
                id="txUrl"
                label={tr(env, 'field.txUrl')}
                error={e('txUrl')}
                value={t('txUrl')}
                inputmode="url"
                spellcheck={false}
              />
            </div>
          </Choices>
          <Choices
            id="priorContact"
            type="radio"
            label={label('field.priorContact', true)}
            hint={tr(env, 'field.priorContact.hint')}
            error={e('priorContact')}
            selected={[t('priorContact')]}
            choices={replyOptions.map((r) => ({ value: r, label: tr(env, `field.priorContact.${r}`) }))}
          />
          <DateInput
            id="pcDay"
            ids={['pcDay', 'pcMonth', 'pcYear']}
            label={label('field.pcDate', true)}
            error={e('pcDay')}
            values={[t('pcDay'), t('pcMonth'), t('pcYear')]}
            labels={dateLabels}
          />
          <RoutingHint env={env} />
        </>
      );
    case 've-ban':
      return (
        <>
          <TextField
            id="fullName"
            label={label('field.fullName')}
            hint={tr(env, 'field.fullName.hint')}
            error={e('fullName')}
            value={t('fullName')}
            autocomplete="name"
            spellcheck={false}
          />
          <TextField
            id="phone"
            label={label('field.phone', true)}
            hint={tr(env, 'field.phone.hint')}
            error={e('phone')}
            value={t('phone')}
            type="tel"
            autocomplete="tel"
            width="rq-w-10"
          />
          <TextField
            id="email"
            label={label('field.email', true)}
            error={e('email')}
            value={t('email')}
            type="email"
            autocomplete="email"
            spellcheck={false}
          />
          <TextField
            id="birthYear"
            label={label('field.birthYear', true)}
            hint={tr(env, 'field.birthYear.hint')}
            error={e('birthYear')}
            value={t('birthYear')}
            inputmode="numeric"
            autocomplete="bday-year"
            width="rq-w-4"
          />
          <TextField
            id="addressLine"
            label={label('field.addressLine', true)}
            error={e('addressLine')}
            value={t('addressLine')}
            autocomplete="street-address"
          />
          <Select
            id="addressCommune"
            label={label('field.addressCommune', true)}
            error={e('addressCommune')}
            value={t('addressCommune')}
            options={communeOptions}
            placeholder={tr(env, 'field.commune.none')}
          />
          <Choices
            id="vulnerable"
            type="checkbox"
            label={label('field.vulnerable', true)}
            hint={tr(env, 'field.vulnerable.hint')}
            error={e('vulnerable')}
            selected={list(v, 'vulnerable')}
            choices={vulnerableOptions.map((c) => ({ value: c, label: tr(env, `field.vulnerable.${c}`) }))}
          />
          <fieldset class="rq-group" aria-describedby="representative-hint">
            <legend>{label('field.representative', true)}</legend>
            <p class="hint" id="representative-hint">
              {tr(env, 'field.representative.hint')}
            </p>
            <TextField id="repName" label={tr(env, 'field.repName')} error={e('repName')} value={t('repName')} spellcheck={false} />
            <TextField
              id="repRelation"
              label={tr(env, 'field.repRelation')}
              hint={tr(env, 'field.repRelation.hint')}
              error={e('repRelation')}
              value={t('repRelation')}
              width="rq-w-20"
            />
            <TextField
              id="repPhone"
              label={tr(env, 'field.repPhone')}
              error={e('repPhone')}
              value={t('repPhone')}
              type="tel"
              width="rq-w-10"
            />
            <TextField
              id="repEmail"
              label={tr(env, 'field.repEmail')}
              error={e('repEmail')}
              value={t('repEmail')}
              type="email"
              spellcheck={false}
            />
          </fieldset>
        </>
      );
  }
}

/** Filled in by request-form.js (POST /api/v1/requests/preview-routing); empty without JavaScript. */
function RoutingHint({ env }: { env: PageEnv }) {
  return <div class="rq-route-hint" id="routing-hint" aria-live="polite" data-title={tr(env, 'js.hint.title')} hidden />;
}

export function Form({ env, action, state, children }: { env: PageEnv; action: string; state: string; children: ComponentChildren }) {
  return (
    <FieldLocale.Provider value={env.locale}>
      <form method="post" action={action} novalidate class="rq-form" data-rq-form="">
        <CsrfField env={env} />
        <input type="hidden" name="state" value={state} />
        <Honeypot />
        {children}
      </form>
    </FieldLocale.Provider>
  );
}

export function StepPage(p: StepProps) {
  const { env, step, values, errors, returnTo } = p;
  const n = stepIndex(step.slug) + 1;
  return (
    <Layout env={env} title={tr(env, step.title)}>
      <p class="rq-caption">{tr(env, 'step.caption', { n, total: steps.length })}</p>
      <ErrorSummary env={env} errors={[...errors]} />
      <Form env={env} action={`/gui-yeu-cau/${step.slug}`} state={stateWithout(values, step.fields)}>
        {returnTo ? <input type="hidden" name="return" value={returnTo} /> : null}
        <StepFields {...p} />
        <div class="rq-buttons">
          <button type="submit" name="action" value="next">
            {returnTo ? tr(env, 'step.backToCheck') : tr(env, 'step.continue')}
          </button>
          {n > 1 && !returnTo ? (
            <button type="submit" name="action" value="back" class="secondary">
              {tr(env, 'step.back')}
            </button>
          ) : null}
        </div>
      </Form>
      {n === 1 ? (
        <p>
          <a href="/gui-yeu-cau">{tr(env, 'step.back')}</a>
        </p>
      ) : null}
      <Script />
    </Layout>
  );
}
