/**
 * The one registry of clock rules (LAW.md §18). Data, not code: each rule names its unit, amount,
 * legal basis (or `[CONFIG]` where no statute sets a value), whether it may be extended, and when it
 * counts as "due soon". Amounts of `[CONFIG]` rules may be overridden through
 * `createClockRegistry(overrides)`; statutory amounts may not (a province cannot shorten the law).
 *
 * "ngày làm việc" → unit working_days; "ngày" → unit days (calendar days, LAW.md §7.3 note);
 * "giờ" → unit hours (runs from the exact instant, Civil Code Art. 147(1)).
 */
import { MAX_CALENDAR_DAYS, MAX_HOURS } from '../calendar/engine.js';

export type ClockUnit = 'working_days' | 'days' | 'hours';

export interface ClockRule {
  readonly code: string;
  /** Vietnamese name of the duty, shown in explanations and messages. */
  readonly label: string;
  readonly unit: ClockUnit;
  readonly amount: number;
  /** Citation as in LAW.md, or '[CONFIG]' where no statute sets the value. */
  readonly legalBasis: string;
  /** The same basis written out in Vietnamese for explanations. */
  readonly legalBasisVi: string;
  /** A [CONFIG] rule that is the agency's own service level: the UI labels it "internal SLA". */
  readonly internalSla?: boolean;
  /** Extension allowed `times` times (only ever once here), each by at most `maxAmount` units. */
  readonly extendable?: { readonly times: 1; readonly maxAmount: number };
  /** From when the clock counts as due soon: this much before the due instant. */
  readonly dueSoon: { readonly unit: ClockUnit; readonly amount: number };
  /** The amount is set by the record that starts the clock (e.g. a deadline agreed in mediation); `amount` is the default. */
  readonly amountFromRecord?: boolean;
}

const LAW = 'Luật Bảo vệ quyền lợi người tiêu dùng 19/2023/QH15';
const ND55 = 'Nghị định 55/2024/NĐ-CP';
const CONFIG_VI = 'Cấu hình của cơ quan (không có thời hạn luật định)';
const SLA_VI = 'Chỉ tiêu nội bộ của cơ quan (không phải thời hạn luật định)';
const WD2 = { unit: 'working_days', amount: 2 } as const;
const WD1 = { unit: 'working_days', amount: 1 } as const;

/** Default rules. Sources: LAW.md §§4, 7.3, 8.2, 9.1, 10.2 and §18 rules 7, 16–18, 21, 23, 31–32, 36, 39, 41–42. */
const RULES = [
  {
    code: 'request.forward_to_business',
    label: 'Chuyển yêu cầu hỗ trợ thương lượng cho doanh nghiệp',
    unit: 'working_days',
    amount: 7,
    legalBasis: 'Law 19/2023 Art. 57(4)',
    legalBasisVi: `Điều 57 khoản 4 ${LAW}`,
    dueSoon: WD2, // LAW.md §18 rule 16: alert after 5 of the 7 working days
  },
  {
    code: 'consumer.supplement',
    label: 'Người tiêu dùng bổ sung thông tin, tài liệu',
    unit: 'working_days',
    amount: 5,
    legalBasis: '[CONFIG]',
    legalBasisVi: `${CONFIG_VI}; mặc định theo Điều 21 khoản 2 Nghị định 99/2011/NĐ-CP (đã hết hiệu lực)`,
    dueSoon: WD2,
  },
  {
    code: 'request.acknowledge',
    label: 'Cơ quan xác nhận đã tiếp nhận yêu cầu',
    unit: 'working_days',
    amount: 3,
    legalBasis: '[CONFIG]',
    legalBasisVi: `${SLA_VI}; tương tự Điều 31 khoản 2 ${LAW}`,
    internalSla: true,
    dueSoon: WD1,
  },
  {
    code: 'request.decide',
    label: 'Cơ quan giải quyết yêu cầu',
    unit: 'working_days',
    amount: 15,
    legalBasis: '[CONFIG]',
    legalBasisVi: `${SLA_VI}; mặc định theo Nghị định 99/2011/NĐ-CP (đã hết hiệu lực)`,
    internalSla: true,
    extendable: { times: 1, maxAmount: 15 },
    dueSoon: WD2,
  },
  {
    code: 'request.forward_to_agency',
    label: 'Chuyển yêu cầu đến cơ quan có thẩm quyền',
    unit: 'days',
    amount: 10,
    legalBasis: '[CONFIG]',
    legalBasisVi: `${CONFIG_VI}; mặc định theo thời hạn xử lý đơn (Điều 11 khoản 3 ${LAW} không quy định thời hạn)`,
    dueSoon: WD2,
  },
  {
    code: 'business.acknowledge',
    label: 'Doanh nghiệp thông báo đã tiếp nhận khiếu nại',
    unit: 'working_days',
    amount: 3,
    legalBasis: 'Law 19/2023 Art. 31(2)',
    legalBasisVi: `Điều 31 khoản 2 ${LAW}`,
    dueSoon: WD1,
  },
  {
    code: 'business.negotiate',
    label: 'Doanh nghiệp thương lượng với người tiêu dùng',
    unit: 'working_days',
    amount: 7,
    legalBasis: 'Law 19/2023 Art. 57(5)',
    legalBasisVi: `Điều 57 khoản 5 ${LAW}`,
    dueSoon: WD2,
  },
  {
    code: 'business.refuse_in_writing',
    label: 'Doanh nghiệp trả lời từ chối bằng văn bản, nêu rõ lý do',
    unit: 'working_days',
    amount: 7,
    legalBasis: 'Law 19/2023 Art. 57(6)',
    legalBasisVi: `Điều 57 khoản 6 ${LAW}`,
    dueSoon: WD2,
  },
  {
    code: 'business.report_result',
    label: 'Doanh nghiệp thông báo kết quả thương lượng bằng văn bản',
    unit: 'working_days',
    amount: 5,
    legalBasis: 'Law 19/2023 Art. 57(5)',
    legalBasisVi: `Điều 57 khoản 5 ${LAW}`,
    dueSoon: WD2,
  },
  {
    code: 'mediation.perform',
    label: 'Thực hiện kết quả hòa giải thành',
    unit: 'days',
    amount: 30,
    legalBasis: 'Law 19/2023 Art. 65(2)(g), 66(1)',
    legalBasisVi: `Điều 65 khoản 2 điểm g, Điều 66 khoản 1 ${LAW}: thời hạn do biên bản hòa giải thành ấn định`,
    amountFromRecord: true,
    dueSoon: { unit: 'days', amount: 3 },
  },
  {
    code: 'business.reopen_answer',
    label: 'Doanh nghiệp trả lời khi người tiêu dùng mở lại hồ sơ',
    unit: 'working_days',
    amount: 3,
    legalBasis: '[CONFIG]',
    legalBasisVi: `${SLA_VI}; ngắn hơn thời hạn thương lượng 7 ngày làm việc (Điều 57 khoản 5 ${LAW})`,
    internalSla: true,
    dueSoon: WD1,
  },
  {
    code: 'recall.stop_supply',
    label: 'Doanh nghiệp tiến hành biện pháp ngừng cung cấp sản phẩm có khuyết tật',
    unit: 'hours',
    amount: 24,
    legalBasis: 'Decree 55/2024 Art. 17',
    legalBasisVi: `Điều 17 ${ND55}`,
    dueSoon: { unit: 'hours', amount: 6 },
  },
  {
    code: 'recall.publish_group_a',
    label: 'Niêm yết, đăng tải thông tin thu hồi (nhóm A)',
    unit: 'working_days',
    amount: 3,
    legalBasis: 'Decree 55/2024 Art. 18; Law 19/2023 Art. 33(2)(b)',
    legalBasisVi: `Điều 18 ${ND55}; Điều 33 khoản 2 điểm b ${LAW}`,
    dueSoon: WD1,
  },
  {
    code: 'recall.publish_group_b',
    label: 'Niêm yết, đăng tải thông tin thu hồi (nhóm B)',
    unit: 'working_days',
    amount: 5,
    legalBasis: 'Decree 55/2024 Art. 18; Law 19/2023 Art. 33(3)',
    legalBasisVi: `Điều 18 ${ND55}; Điều 33 khoản 3 ${LAW}`,
    dueSoon: WD2,
  },
  {
    code: 'recall.report_result',
    label: 'Báo cáo kết quả thu hồi (Mẫu 09)',
    unit: 'working_days',
    amount: 5,
    legalBasis: 'Decree 55/2024 Art. 19(2)',
    legalBasisVi: `Điều 19 khoản 2 ${ND55}`,
    dueSoon: WD2,
  },
  {
    code: 'contract.completeness_check',
    label: 'Kiểm tra tính đầy đủ, hợp lệ của hồ sơ đăng ký hợp đồng theo mẫu',
    unit: 'working_days',
    amount: 5,
    legalBasis: 'Decree 55/2024 Art. 9(2)',
    legalBasisVi: `Điều 9 khoản 2 ${ND55}`,
    dueSoon: WD2,
  },
  {
    code: 'contract.review',
    label: 'Thẩm định hợp đồng theo mẫu, điều kiện giao dịch chung',
    unit: 'days',
    amount: 30,
    legalBasis: 'Decree 55/2024 Art. 10(1)',
    legalBasisVi: `Điều 10 khoản 1 ${ND55}`,
    extendable: { times: 1, maxAmount: 30 },
    dueSoon: { unit: 'working_days', amount: 5 },
  },
  {
    code: 'contract.consultation_reply',
    label: 'Cơ quan chuyên ngành trả lời ý kiến (Mẫu 07)',
    unit: 'working_days',
    amount: 5,
    legalBasis: 'Decree 55/2024 Art. 16(2)',
    legalBasisVi: `Điều 16 khoản 2 ${ND55}`,
    dueSoon: WD2,
  },
  {
    code: 'contract.amend_on_request',
    label: 'Doanh nghiệp hủy bỏ, sửa đổi hợp đồng theo yêu cầu của cơ quan',
    unit: 'days',
    amount: 30,
    legalBasis: 'Decree 55/2024 Art. 15(3)',
    legalBasisVi: `Điều 15 khoản 3 ${ND55}`,
    extendable: { times: 1, maxAmount: 90 },
    dueSoon: { unit: 'working_days', amount: 5 },
  },
] as const satisfies readonly ClockRule[];

/** Codes of the built-in rules. */
export type ClockRuleCode = (typeof RULES)[number]['code'];
export const CLOCK_RULE_CODES: readonly ClockRuleCode[] = RULES.map((r) => r.code);

export interface ClockRuleOverride {
  /** Only for '[CONFIG]' rules. */
  amount?: number;
  dueSoon?: { unit: ClockUnit; amount: number };
}

export interface ClockRegistry {
  readonly rules: readonly ClockRule[];
  get(code: string): ClockRule | undefined;
}

const MAX_BY_UNIT: Record<ClockUnit, number> = { working_days: 400, days: MAX_CALENDAR_DAYS, hours: MAX_HOURS };

function checkAmount(code: string, unit: ClockUnit, amount: number): void {
  if (!Number.isInteger(amount) || amount < 0 || amount > MAX_BY_UNIT[unit]) {
    throw new Error(`clock rule ${code}: amount ${String(amount)} is outside 0..${MAX_BY_UNIT[unit]} ${unit}`);
  }
}

/**
 * Builds a registry from the defaults plus configuration (e.g. a province's own service levels,
 * Law Art. 77(1)(b)). Throws at start-up on an unknown code or an override of a statutory amount.
 */
export function createClockRegistry(overrides: Partial<Record<ClockRuleCode, ClockRuleOverride>> = {}): ClockRegistry {
  const byCode = new Map<string, ClockRule>();
  for (const base of RULES as readonly ClockRule[]) byCode.set(base.code, base);
  for (const [code, o] of Object.entries(overrides) as [string, ClockRuleOverride | undefined][]) {
    const base = byCode.get(code);
    if (!base) throw new Error(`clock rule override for unknown code ${code}`);
    if (!o) continue;
    if (o.amount !== undefined && base.legalBasis !== '[CONFIG]') {
      throw new Error(`clock rule ${code} is statutory (${base.legalBasis}); its amount cannot be configured`);
    }
    const next: ClockRule = {
      ...base,
      ...(o.amount !== undefined ? { amount: o.amount } : {}),
      ...(o.dueSoon ? { dueSoon: o.dueSoon } : {}),
    };
    checkAmount(code, next.unit, next.amount);
    checkAmount(`${code}.dueSoon`, next.dueSoon.unit, next.dueSoon.amount);
    byCode.set(code, next);
  }
  const rules = Object.freeze([...byCode.values()]);
  return { rules, get: (code) => byCode.get(code) };
}

/** The registry with the default values. */
export const defaultClockRegistry: ClockRegistry = createClockRegistry();
