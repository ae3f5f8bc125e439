/** Stable error codes of the directory (agencies, administrative units, competence table). */
import { AppError, invalid, notFound } from '../../platform/errors.js';

export const directoryErrors = {
  provinceNotFound: () => notFound('province.not_found', 'Không tìm thấy tỉnh, thành phố.'),
  communeNotFound: () => notFound('commune.not_found', 'Không tìm thấy xã, phường, đặc khu.'),
  legacyNotFound: () => notFound('commune.legacy_not_found', 'Không tìm thấy đơn vị hành chính cũ với mã này.'),
  agencyNotFound: () => notFound('agency.not_found', 'Không tìm thấy cơ quan.'),
  ruleNotFound: () => notFound('competence_rule.not_found', 'Không tìm thấy quy tắc thẩm quyền.'),
  unknownProvince: () =>
    invalid('agency.province_unknown', 'Mã tỉnh không tồn tại.', [{ path: 'provinceCode', message: 'Mã tỉnh không tồn tại.' }]),
  communeRequired: () =>
    invalid('agency.commune_required', 'Cơ quan cấp xã phải có mã xã, phường.', [
      { path: 'communeCode', message: 'Cơ quan cấp xã phải có mã xã, phường.' },
    ]),
  communeNotAllowed: () =>
    invalid('agency.commune_not_allowed', 'Cơ quan cấp tỉnh không gắn với một xã.', [
      { path: 'communeCode', message: 'Cơ quan cấp tỉnh không gắn với một xã.' },
    ]),
  communeNotInProvince: () =>
    invalid('agency.commune_not_in_province', 'Xã, phường không thuộc tỉnh đã chọn.', [
      { path: 'communeCode', message: 'Xã, phường không thuộc tỉnh đã chọn.' },
    ]),
  kindNeedsCommuneLevel: () =>
    invalid('agency.kind_needs_commune_level', 'UBND xã, phường, đặc khu là cơ quan cấp xã.', [
      { path: 'level', message: 'UBND xã, phường, đặc khu là cơ quan cấp xã.' },
    ]),
  parentNotFound: () =>
    invalid('agency.parent_not_found', 'Cơ quan cấp trên không tồn tại.', [
      { path: 'parentId', message: 'Cơ quan cấp trên không tồn tại.' },
    ]),
  parentIsSelf: () =>
    invalid('agency.parent_cycle', 'Cơ quan không thể là cấp trên của chính nó.', [
      { path: 'parentId', message: 'Cơ quan không thể là cấp trên của chính nó.' },
    ]),
  duplicateName: () => new AppError('conflict', 'agency.duplicate_name', 'Trong tỉnh đã có cơ quan cùng tên.'),
  duplicateAlias: () => new AppError('conflict', 'agency.alias_duplicate', 'Cơ quan đã có tên gọi khác này.'),
  emptyPatch: () => invalid('request.empty_patch', 'Không có trường nào để cập nhật.'),
  invalidPeriod: () =>
    invalid('competence_rule.invalid_period', 'Ngày hết hiệu lực phải sau ngày có hiệu lực.', [
      { path: 'validUntil', message: 'Ngày hết hiệu lực phải sau ngày có hiệu lực.' },
    ]),
} as const;
