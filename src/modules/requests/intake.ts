/**
 * Pure intake rules: what Art. 58 and Art. 11(4) need that a request lacks, vulnerable
 * suggestions by age (Art. 8(1)), the refusal ground a minor without representative suggests
 * (rule 9), and the human code YC-<year>-<6 digits>.
 */
import type { RequestInput, VulnerableCode } from './schema.js';

export type MissingItem = 'business_identification' | 'transaction_evidence' | 'requester_status' | 'contact';

/** Law 19/2023 Art. 58(2)–(3), Art. 11(4); LAW.md §18 rule 6 (b)–(d). */
export function missingFor(input: RequestInput, attachmentCount = 0): MissingItem[] {
  const out: MissingItem[] = [];
  const b = input.business;
  // (c) business identification: name plus at least one of address, tax ID or website.
  if (!b.address && !b.taxCode && !b.website && !b.platform) out.push('business_identification');
  // (d) evidence of the transaction: a date and what was bought, or an attached receipt.
  const t = input.transaction;
  if (attachmentCount === 0 && !(t?.date && (t.productOrService || t.amountVnd !== undefined))) out.push('transaction_evidence');
  // (b) requester status: a consumer with an age, or a named representative.
  if (!input.representative && input.consumer.birthDate === undefined && input.consumer.birthYear === undefined) {
    out.push('requester_status');
  }
  if (!input.consumer.phone && !input.consumer.email && !input.consumer.address?.line) out.push('contact');
  return out;
}

export const missingLabels: Record<MissingItem, string> = {
  business_identification: 'Thông tin nhận diện doanh nghiệp (địa chỉ, mã số thuế hoặc trang web)',
  transaction_evidence: 'Bằng chứng giao dịch (ngày giao dịch và sản phẩm/dịch vụ, hoặc hóa đơn, biên nhận)',
  requester_status: 'Tư cách người yêu cầu (năm sinh của người tiêu dùng hoặc người đại diện hợp pháp)',
  contact: 'Cách liên lạc (số điện thoại, email hoặc địa chỉ)',
};

/** Age in whole years on a local date (YYYY-MM-DD); from a birth year, the age reached this year. */
export function ageOn(today: string, birthDate?: string, birthYear?: number): number | undefined {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  if (birthDate) {
    const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  }
  return birthYear === undefined ? undefined : y - birthYear;
}

/** Art. 8(1): suggest `elderly` at 60 and over and `child` under 16 (LAW.md §18 rule 12). */
export function suggestVulnerable(age: number | undefined): VulnerableCode[] {
  if (age === undefined) return [];
  if (age >= 60) return ['elderly'];
  if (age < 16) return ['child'];
  return [];
}

export function formatRequestCode(year: number, n: number): string {
  return `YC-${year}-${String(n).padStart(6, '0')}`;
}
