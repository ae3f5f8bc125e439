/** The agency form fields, shared by the create form on the list page and the edit page. */
import type { Ctx } from '../../platform/context.js';
import type { PageEnv } from '../../web/layout.js';
import { describedBy, Field, type FieldError, type FormValues, type InputType } from './components.js';
import { agencyKinds, type AgencyListItem, type AgencyView } from './schema.js';
import { listAgencies, listProvincesWithCounts, type ProvinceWithCount } from './service.js';

export interface FormContext {
  provinces: ProvinceWithCount[];
  parents: AgencyListItem[];
}

export async function formContext(ctx: Ctx, provinceCode: string): Promise<FormContext> {
  const provinces = await listProvincesWithCounts(ctx);
  const parents = (await listAgencies(ctx, { level: 'province', provinceCode, includeInactive: 'true', page: 1, pageSize: 200 })).data;
  return { provinces, parents };
}

export function AgencyFormFields({
  env,
  values,
  errors,
  fc,
  mode,
  selfId,
}: {
  env: PageEnv;
  values: FormValues;
  errors: FieldError[];
  fc: FormContext;
  mode: 'create' | 'edit';
  selfId?: string;
}) {
  const text = (id: string, label: string, type: InputType = 'text', hint?: string) => (
    <Field id={id} label={label} errors={errors} {...(hint ? { hint } : {})}>
      <input
        // Preact types `type` as a discriminated union; these are all plain text-like inputs.
        type={type as 'text'}
        id={id}
        name={id}
        value={values[id] ?? ''}
        aria-describedby={describedBy(id, errors, !!hint)}
      />
    </Field>
  );
  return (
    <>
      {text('name', env.t('directory.agency.name'))}
      <Field id="kind" label={env.t('directory.agency.kind')} errors={errors}>
        <select id="kind" name="kind" aria-describedby={describedBy('kind', errors)}>
          {agencyKinds.map((k) => (
            <option value={k} selected={values.kind === k}>
              {env.t(`agencyKind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="level" label={env.t('directory.agency.level')} errors={errors}>
        <select id="level" name="level" aria-describedby={describedBy('level', errors)}>
          <option value="province" selected={values.level !== 'commune'}>
            {env.t('agencyLevel.province')}
          </option>
          <option value="commune" selected={values.level === 'commune'}>
            {env.t('agencyLevel.commune')}
          </option>
        </select>
      </Field>
      <Field id="provinceCode" label={env.t('directory.agency.province')} errors={errors}>
        <select id="provinceCode" name="provinceCode" aria-describedby={describedBy('provinceCode', errors)}>
          {fc.provinces.map((p) => (
            <option value={p.code} selected={values.provinceCode === p.code}>
              {p.code} · {p.name}
            </option>
          ))}
        </select>
      </Field>
      {text('communeCode', env.t('directory.agency.commune'), 'text', env.t('directory.agency.communeHint'))}
      <Field id="parentId" label={env.t('directory.agency.parent')} errors={errors}>
        <select id="parentId" name="parentId" aria-describedby={describedBy('parentId', errors)}>
          <option value="">{env.t('directory.agency.noParent')}</option>
          {fc.parents
            .filter((p) => p.id !== selfId)
            .map((p) => (
              <option value={p.id} selected={values.parentId === p.id}>
                {p.name}
              </option>
            ))}
        </select>
      </Field>
      {text('address', env.t('directory.agency.address'))}
      {text('phone', env.t('directory.agency.phone'), 'tel')}
      {text('email', env.t('directory.agency.email'), 'email')}
      {text('website', env.t('directory.agency.website'), 'url')}
      {mode === 'create' ? (
        <Field id="aliases" label={env.t('directory.agency.aliases')} hint={env.t('directory.agency.aliasesHint')} errors={errors}>
          <textarea id="aliases" name="aliases" rows={3} aria-describedby={describedBy('aliases', errors, true)}>
            {values.aliases ?? ''}
          </textarea>
        </Field>
      ) : (
        <div class="field">
          <label>
            <input type="checkbox" name="active" value="on" checked={values.active === 'on'} /> {env.t('directory.agency.active')}
          </label>
        </div>
      )}
    </>
  );
}

export const valuesOf = (a: AgencyView): FormValues => ({
  name: a.name,
  kind: a.kind,
  level: a.level,
  provinceCode: a.provinceCode,
  communeCode: a.communeCode ?? '',
  parentId: a.parentId ?? '',
  address: a.address ?? '',
  phone: a.phone ?? '',
  email: a.email ?? '',
  website: a.website ?? '',
  active: a.active ? 'on' : '',
});
