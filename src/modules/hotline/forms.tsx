/**
 * The three call forms of the console: create a case with the caller (the essential fields of the
 * intake body, in the order a caller tells the story), advice only, and a missed call. Plain HTML
 * forms: they work without JavaScript. Field ids carry the form's prefix (one page, four forms).
 */
import { sectors } from '../classify/schema.js';
import { sectorLabels } from '../classify/index.js';
import { businessReplies, requestKinds, vulnerableCodes } from '../requests/schema.js';
import { CsrfField, type PageEnv } from '../../web/layout.js';
import { describedBy, Field, FieldErrorText, S, str, list, tr, type FieldError, type FormValues } from './components.js';
import { adviceTopics, type AnswerView } from './schema.js';

interface FormProps {
  env: PageEnv;
  values: FormValues;
  errors: FieldError[];
}

/** Inputs are all type="text" (styled by app.css; dates typed dd/mm/yyyy as people say them); `mode` picks the phone keypad. */
type InputMode = 'tel' | 'numeric';

function TextInput(p: { id: string; name: string; value: string; errors: FieldError[]; hint?: boolean; mode?: InputMode }) {
  return (
    <input
      type="text"
      id={p.id}
      name={p.name}
      value={p.value}
      autocomplete="off"
      aria-describedby={describedBy(p.id, p.errors, !!p.hint)}
      aria-invalid={p.errors.some((e) => e.field === p.id) ? 'true' : undefined}
      {...(p.mode ? { inputMode: p.mode } : {})}
    />
  );
}

function Checkbox({ id, name, value, checked, label }: { id: string; name: string; value: string; checked: boolean; label: string }) {
  return (
    <div style={S.check}>
      <input type="checkbox" id={id} name={name} value={value} checked={checked} />
      <label for={id} style={S.checkLabel}>
        {label}
      </label>
    </div>
  );
}

export function CaseForm({ env, values, errors, idem, started }: FormProps & { idem: string; started: string | undefined }) {
  const p = 'case-';
  const opt = tr(env, 'common.optional');
  const text = (
    name: string,
    label: Parameters<typeof tr>[1],
    o: { mode?: InputMode; hint?: Parameters<typeof tr>[1]; optional?: boolean } = {},
  ) => (
    <Field
      id={p + name}
      label={tr(env, label)}
      hint={o.hint ? tr(env, o.hint) : undefined}
      optional={o.optional ? opt : undefined}
      errors={errors}
    >
      <TextInput
        id={p + name}
        name={name}
        value={str(values[name])}
        errors={errors}
        hint={!!o.hint}
        {...(o.mode ? { mode: o.mode } : {})}
      />
    </Field>
  );
  const area = (
    name: string,
    label: Parameters<typeof tr>[1],
    o: { hint?: Parameters<typeof tr>[1]; optional?: boolean; rows?: number } = {},
  ) => (
    <Field
      id={p + name}
      label={tr(env, label)}
      hint={o.hint ? tr(env, o.hint) : undefined}
      optional={o.optional ? opt : undefined}
      errors={errors}
    >
      <textarea id={p + name} name={name} rows={o.rows ?? 3} aria-describedby={describedBy(p + name, errors, !!o.hint)}>
        {str(values[name])}
      </textarea>
    </Field>
  );
  const vulnerable = list(values.vulnerable);
  const kind = str(values.kind) || 'request';
  return (
    <form method="post" action="/hotline/case" novalidate aria-labelledby="case">
      <CsrfField env={env} />
      <input type="hidden" name="idem" value={idem} />
      {started ? <input type="hidden" name="startedAt" value={started} /> : null}
      <fieldset style={S.fieldset}>
        <legend style={S.legend}>{tr(env, 'case.person')}</legend>
        {text('fullName', 'case.fullName')}
        {text('phone', 'case.phone', { mode: 'tel' })}
        {text('birthYear', 'case.birthYear', { hint: 'case.birthYearHint', optional: true, mode: 'numeric' })}
        {text('addressLine', 'case.addressLine', { optional: true })}
        {text('communeCode', 'case.communeCode', { hint: 'case.communeHint', optional: true, mode: 'numeric' })}
      </fieldset>
      <fieldset style={S.fieldset} aria-describedby={describedBy(`${p}vulnerable`, errors)}>
        <legend style={S.legend} id={`${p}vulnerable`}>
          {tr(env, 'case.vulnerable')} <span class="hint">{opt}</span>
        </legend>
        <FieldErrorText id={`${p}vulnerable`} errors={errors} />
        {vulnerableCodes.map((v) => (
          <Checkbox id={`${p}v-${v}`} name="vulnerable" value={v} checked={vulnerable.includes(v)} label={tr(env, `vulnerable.${v}`)} />
        ))}
      </fieldset>
      <fieldset style={S.fieldset}>
        <legend style={S.legend} id={`${p}kind`}>
          {tr(env, 'case.kind')}
        </legend>
        <FieldErrorText id={`${p}kind`} errors={errors} />
        {requestKinds.map((k) => (
          <div style={S.check}>
            <input type="radio" id={`${p}k-${k}`} name="kind" value={k} checked={kind === k} />
            <label for={`${p}k-${k}`} style={S.checkLabel}>
              {tr(env, `kind.${k}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset style={S.fieldset}>
        <legend style={S.legend}>{tr(env, 'case.business')}</legend>
        {text('businessName', 'case.businessName')}
        {text('businessAddress', 'case.businessAddress', { optional: true })}
        {text('businessPhone', 'case.businessPhone', { mode: 'tel', optional: true })}
        {text('businessPlatform', 'case.businessPlatform', { hint: 'case.businessPlatformHint', optional: true })}
      </fieldset>
      <fieldset style={S.fieldset}>
        <legend style={S.legend}>{tr(env, 'case.transaction')}</legend>
        {text('txnDate', 'case.txnDate', { hint: 'case.dateHint', optional: true })}
        {text('product', 'case.product', { optional: true })}
        {text('amount', 'case.amount', { optional: true, mode: 'numeric' })}
        <Checkbox id={`${p}online`} name="online" value="on" checked={str(values.online) === 'on'} label={tr(env, 'case.online')} />
      </fieldset>
      {area('description', 'case.description', { hint: 'case.descriptionHint', rows: 5 })}
      {area('desiredOutcome', 'case.desiredOutcome', { optional: true, rows: 2 })}
      <Field id={`${p}priorReply`} label={tr(env, 'case.priorReply')} errors={errors}>
        <select id={`${p}priorReply`} name="priorReply" aria-describedby={describedBy(`${p}priorReply`, errors)}>
          <option value="">{tr(env, 'case.priorNone')}</option>
          {businessReplies.map((r) => (
            <option value={r} selected={str(values.priorReply) === r}>
              {tr(env, `reply.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      {text('priorDate', 'case.priorDate', { hint: 'case.dateHint', optional: true })}
      {area('notes', 'case.notes', { optional: true, rows: 2 })}
      <details style="margin-top:1rem">
        <summary style="cursor:pointer;font-weight:600">{tr(env, 'case.noticeTitle')}</summary>
        <p class="hint" id={`${p}notice`}>
          {tr(env, 'case.noticeScript')}
        </p>
      </details>
      <div class="field">
        <FieldErrorText id={`${p}consent`} errors={errors} />
        <Checkbox id={`${p}consent`} name="consent" value="on" checked={str(values.consent) === 'on'} label={tr(env, 'case.consent')} />
      </div>
      <p>
        <button type="submit">{tr(env, 'case.submit')}</button>
      </p>
    </form>
  );
}

export function AdviceForm({
  env,
  values,
  errors,
  started,
  answer,
}: FormProps & { started: string | undefined; answer: AnswerView | undefined }) {
  const p = 'advice-';
  const opt = tr(env, 'common.optional');
  const topic = str(values.topic) || answer?.topic || '';
  return (
    <form method="post" action="/hotline/advice" novalidate aria-labelledby="advice">
      <CsrfField env={env} />
      {started ? <input type="hidden" name="startedAt" value={started} /> : null}
      {answer ? (
        <>
          <input type="hidden" name="answerId" value={answer.id} />
          <p class="hint">
            {tr(env, 'advice.answer')}: {answer.question}
          </p>
        </>
      ) : null}
      <Field id={`${p}phone`} label={tr(env, 'case.phone')} optional={opt} errors={errors}>
        <TextInput id={`${p}phone`} name="phone" mode="tel" value={str(values.phone)} errors={errors} />
      </Field>
      <Field id={`${p}callerName`} label={tr(env, 'advice.callerName')} optional={opt} errors={errors}>
        <TextInput id={`${p}callerName`} name="callerName" value={str(values.callerName)} errors={errors} />
      </Field>
      <Field id={`${p}topic`} label={tr(env, 'advice.topic')} errors={errors}>
        <select id={`${p}topic`} name="topic" aria-describedby={describedBy(`${p}topic`, errors)}>
          <option value="">{tr(env, 'common.choose')}</option>
          {adviceTopics.map((t) => (
            <option value={t} selected={topic === t}>
              {tr(env, `topic.${t}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${p}sector`} label={tr(env, 'advice.sector')} optional={opt} errors={errors}>
        <select id={`${p}sector`} name="sector" aria-describedby={describedBy(`${p}sector`, errors)}>
          <option value="">{tr(env, 'common.choose')}</option>
          {sectors.map((s) => (
            <option value={s} selected={str(values.sector) === s}>
              {sectorLabels[s]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${p}summary`} label={tr(env, 'advice.summary')} errors={errors}>
        <textarea id={`${p}summary`} name="summary" rows={3} aria-describedby={describedBy(`${p}summary`, errors)}>
          {str(values.summary)}
        </textarea>
      </Field>
      <p>
        <button type="submit">{tr(env, 'advice.submit')}</button>
      </p>
    </form>
  );
}

export function MissedForm({ env, values, errors }: FormProps) {
  const p = 'missed-';
  return (
    <form method="post" action="/hotline/missed" novalidate aria-labelledby="missed">
      <CsrfField env={env} />
      <Field id={`${p}phone`} label={tr(env, 'missed.phone')} errors={errors}>
        <TextInput id={`${p}phone`} name="phone" mode="tel" value={str(values.phone)} errors={errors} />
      </Field>
      <Field
        id={`${p}missedAt`}
        label={tr(env, 'missed.at')}
        hint={tr(env, 'missed.atHint')}
        optional={tr(env, 'common.optional')}
        errors={errors}
      >
        <TextInput id={`${p}missedAt`} name="missedAt" value={str(values.missedAt)} errors={errors} hint />
      </Field>
      <Field id={`${p}notes`} label={tr(env, 'case.notes')} optional={tr(env, 'common.optional')} errors={errors}>
        <TextInput id={`${p}notes`} name="notes" value={str(values.notes)} errors={errors} />
      </Field>
      <p>
        <button type="submit" class="secondary">
          {tr(env, 'missed.submit')}
        </button>
      </p>
    </form>
  );
}
