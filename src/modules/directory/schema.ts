/** zod schemas and inferred types of the directory: administrative units, agencies, competence rules. */
import { z } from 'zod';
import { isoDate, nfcText, pageQuery } from '../../platform/api.js';

/** Stable agency kinds; the same list is a CHECK in the migration. */
export const agencyKinds = [
  'so-cong-thuong',
  'qltt',
  'so-y-te',
  'so-nnmt',
  'so-khcn',
  'so-vhttdl',
  'so-xay-dung',
  'so-gddt',
  'so-tai-chinh',
  'so-tu-phap',
  'so-noi-vu',
  'ngan-hang-nn',
  'cong-an',
  'hai-quan',
  'bien-phong',
  'ubnd-xa',
  'hoi-bvqlntd',
  'mttq',
  'bao-ptth',
  'hiep-hoi-dn',
  'other',
] as const;
export const agencyKind = z.enum(agencyKinds);
export type AgencyKind = z.infer<typeof agencyKind>;

export const agencyLevel = z.enum(['province', 'commune']);
export type AgencyLevel = z.infer<typeof agencyLevel>;

export const provinceCode = z.string().regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số');
export const communeCode = z.string().regex(/^\d{5}$/, 'Mã xã gồm 5 chữ số');

// ── administrative units ─────────────────────────────────────────────────────
export const provinceType = z.enum(['tinh', 'thanh_pho']);
export const communeType = z.enum(['xa', 'phuong', 'dac_khu']);

/** A province as the API shows it: the current (amended) name and type. */
export const provinceView = z.object({ code: z.string(), name: z.string(), type: provinceType });
export type ProvinceView = z.infer<typeof provinceView>;

export const communeView = z.object({ code: z.string(), name: z.string(), type: communeType });
export type CommuneView = z.infer<typeof communeView>;

export const legacySourceView = z.object({
  oldCode: z.string().nullable(),
  oldName: z.string(),
  oldDistrict: z.string().nullable(),
  oldProvince: z.string().nullable(),
  note: z.string().nullable(),
});
export type LegacySourceView = z.infer<typeof legacySourceView>;

export const communeDetailView = communeView.extend({
  nameEn: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  /** Name and type on 2025-07-01, before later amendments. */
  name2025: z.string(),
  type2025: communeType,
  amendedOn: z.string().nullable(),
  amendedBasis: z.string().nullable(),
  sources: z.array(legacySourceView),
});
export type CommuneDetailView = z.infer<typeof communeDetailView>;

export const legacyResolution = z.object({
  oldCode: z.string(),
  oldName: z.string(),
  /** More than one match: the old unit was split between several new ones. */
  split: z.boolean(),
  matches: z.array(communeView.extend({ provinceCode: z.string(), provinceName: z.string(), note: z.string().nullable() })),
});
export type LegacyResolution = z.infer<typeof legacyResolution>;

export const resolveLegacyQuery = z.strictObject({ oldCode: communeCode });

// ── agencies ─────────────────────────────────────────────────────────────────
const optionalText = (max: number) => nfcText(1, max).nullable().optional();
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+().\s-]{3,30}$/, 'Số điện thoại không hợp lệ')
  .nullable()
  .optional();
const email = z.email('Thư điện tử không hợp lệ').max(200).nullable().optional();
const website = z.url('Địa chỉ trang web không hợp lệ').max(300).nullable().optional();

export const agencyView = z.object({
  id: z.string(),
  name: z.string(),
  kind: agencyKind,
  level: agencyLevel,
  provinceCode: z.string(),
  communeCode: z.string().nullable(),
  parentId: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  active: z.boolean(),
  aliases: z.array(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
  can: z.object({ edit: z.boolean() }),
});
export type AgencyView = z.infer<typeof agencyView>;

export const agencyMatchInfo = z.object({ confidence: z.number().min(0).max(1), kind: agencyKind.nullable() });
export const agencyListItem = agencyView.extend({ match: agencyMatchInfo.nullable() });
export type AgencyListItem = z.infer<typeof agencyListItem>;

export const listAgenciesQuery = z.strictObject({
  kind: agencyKind.optional(),
  level: agencyLevel.optional(),
  provinceCode: provinceCode.optional(),
  communeCode: communeCode.optional(),
  q: z.string().trim().max(200).optional(),
  /** Inactive agencies are listed only for directory administrators. */
  includeInactive: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export type ListAgenciesQuery = z.infer<typeof listAgenciesQuery>;

export const createAgencyInput = z.strictObject({
  name: nfcText(2, 300),
  kind: agencyKind,
  level: agencyLevel,
  provinceCode,
  communeCode: communeCode.nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  address: optionalText(500),
  phone,
  email,
  website,
  aliases: z.array(nfcText(1, 300)).max(50).optional(),
});
export type CreateAgencyInput = z.infer<typeof createAgencyInput>;

export const updateAgencyInput = z.strictObject({
  name: nfcText(2, 300).optional(),
  kind: agencyKind.optional(),
  level: agencyLevel.optional(),
  provinceCode: provinceCode.optional(),
  communeCode: communeCode.nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  address: optionalText(500),
  phone,
  email,
  website,
  active: z.boolean().optional(),
});
export type UpdateAgencyInput = z.infer<typeof updateAgencyInput>;

export const addAliasInput = z.strictObject({ alias: nfcText(1, 300) });
export type AddAliasInput = z.infer<typeof addAliasInput>;

export const matchAgencyQuery = z.strictObject({ text: z.string().trim().min(1).max(300), provinceCode: provinceCode.optional() });

export const agencyMatchView = z.object({
  kind: agencyKind.nullable(),
  candidates: z.array(
    z.object({
      agencyId: z.string(),
      name: z.string(),
      kind: agencyKind,
      confidence: z.number().min(0).max(1),
      matchedBy: z.enum(['name', 'alias', 'kind']),
    }),
  ),
});
export type AgencyMatchView = z.infer<typeof agencyMatchView>;

// ── competence table ─────────────────────────────────────────────────────────
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Chữ thường không dấu, số và dấu gạch ngang');

export const competenceRuleView = z.object({
  id: z.string(),
  sector: z.string(),
  violationType: z.string(),
  level: agencyLevel,
  agencyKind,
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  legalBasis: z.string(),
  note: z.string().nullable(),
  /** Calendar days from today (Asia/Ho_Chi_Minh) to validUntil; null when open-ended. */
  expiresInDays: z.number().int().nullable(),
  /** In force and ending within the warning window (60 days). */
  expiring: z.boolean(),
  warnedAt: z.date().nullable(),
  can: z.object({ edit: z.boolean() }),
});
export type CompetenceRuleView = z.infer<typeof competenceRuleView>;

export const listCompetenceRulesQuery = z.strictObject({
  sector: slug.optional(),
  violationType: slug.optional(),
  level: agencyLevel.optional(),
  agencyKind: agencyKind.optional(),
  /** Only rules in force on this date. */
  on: isoDate.optional(),
  ...pageQuery,
});
export type ListCompetenceRulesQuery = z.infer<typeof listCompetenceRulesQuery>;

export const createCompetenceRuleInput = z.strictObject({
  sector: slug,
  violationType: slug,
  level: agencyLevel,
  agencyKind,
  validFrom: isoDate,
  validUntil: isoDate.nullable().optional(),
  legalBasis: nfcText(3, 1000),
  note: optionalText(2000),
});
export type CreateCompetenceRuleInput = z.infer<typeof createCompetenceRuleInput>;

export const updateCompetenceRuleInput = z.strictObject({
  sector: slug.optional(),
  violationType: slug.optional(),
  level: agencyLevel.optional(),
  agencyKind: agencyKind.optional(),
  validFrom: isoDate.optional(),
  validUntil: isoDate.nullable().optional(),
  legalBasis: nfcText(3, 1000).optional(),
  note: optionalText(2000),
});
export type UpdateCompetenceRuleInput = z.infer<typeof updateCompetenceRuleInput>;
