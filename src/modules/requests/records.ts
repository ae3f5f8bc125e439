/**
 * The legal records of dispute resolution, as printable documents (pure: typed data in, a
 * `PrintableDocument` out; no database, no clock). Render them with `renderDocument` from
 * platform/documents. Texts are Vietnamese only: these are records the parties sign.
 *
 * - `negotiationRecordDocument`: the written result of a negotiation, Law 19/2023 Art. 60(2)(a)–(đ),
 *   signed or fingerprinted by the parties (Art. 60(3)); or, when the parties agreed on no written
 *   result (Art. 60(1)), the agency's note of it. Confidentiality on request (Art. 59(1)(d), 55(2)).
 * - `mediationRecordDocument`: the record of successful mediation with all of Art. 65(2)(a)–(h),
 *   the parties', mediators' and organisation's signatures (Art. 65(3)) and the duty to perform by
 *   the deadline (Art. 66). Refuses to build when a mandatory item is empty.
 * - `unsuccessfulMediationDocument`: the record of failed mediation with the consumer's remaining
 *   options (Arts. 67–71), also available alone as `remainingDisputeOptions`.
 */
import { AppError } from '../../platform/errors.js';
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import { formatDong, twoDigits, type Block, type PrintableDocument, type Signer } from '../../platform/documents/index.js';

/** Integer đồng: bigint, a safe integer, or a numeric string from a `bigint` column. Never a float. */
export type Dong = bigint | number | string;
/** A timestamp, or a calendar date 'YYYY-MM-DD'. */
export type When = Date | string;

/** Top of the document: issuing body and number (top left), place and date of the record. */
export interface RecordHeader {
  /** E.g. ['ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK', 'SỞ CÔNG THƯƠNG']; the last line is bold. */
  issuer?: readonly string[];
  /** E.g. 'Số: 12/BB-SCT'. */
  reference?: string;
  place: string;
  date: When;
}

export interface ConsumerParty {
  name: string;
  birthYear?: number;
  /** Số định danh cá nhân / CCCD: printed only when given. */
  idNumber?: string;
  address?: string;
  phone?: string;
  email?: string;
  /** Legal or authorised representative who acts and signs for the consumer (Art. 58(1)–(2)). */
  representative?: { name: string; basis: string; phone?: string };
}

export interface BusinessParty {
  name: string;
  taxCode?: string;
  address?: string;
  phone?: string;
  email?: string;
  representative: { name: string; position?: string; basis?: string };
}

/** The state agency or social organisation supporting the negotiation (Art. 56(3), 57(3)–(5)). */
export interface SupportingAgency {
  name: string;
  address?: string;
  officers: readonly { name: string; position?: string }[];
}

/** Art. 54(3): in person, online or another lawful form. */
export type DisputeForm = 'in_person' | 'online' | 'other';

export interface SessionInfo {
  startedAt: When;
  endedAt?: When;
  /** Address, or the platform and meeting room when online. */
  location: string;
  form: DisputeForm;
  /** What the "other" form is, or details of the online one. */
  formNote?: string;
}

/** One thing a party undertakes to do. */
export interface Remedy {
  description: string;
  amountVnd?: Dong;
  dueDate?: When;
  /** Who performs it (default: the business). */
  by?: 'business' | 'consumer';
}

export interface DisputeContent {
  /** What the consumer asks for. */
  consumerRequest: string;
  /** The goods or service and the transaction in dispute. */
  transaction?: { description: string; date?: When; valueVnd?: Dong };
}

export interface NegotiationRecordData {
  header: RecordHeader;
  /** Human code of the case, e.g. 'YC-2026-000123'. */
  caseCode: string;
  consumer: ConsumerParty;
  business: BusinessParty;
  /** Absent when the parties negotiated without support. */
  supportingAgency?: SupportingAgency;
  session: SessionInfo;
  content: DisputeContent & { businessResponse?: string };
  result: { outcome: 'agreed' | 'partially_agreed' | 'not_agreed'; summary: string; remedies?: readonly Remedy[] };
  /** Art. 60(2)(đ): other terms the parties agreed. */
  otherTerms?: readonly string[];
  /** Art. 60(1): the parties agreed not to put the result in writing; the document is then the agency's note. */
  agreedWithoutWrittenRecord: boolean;
  /** Art. 59(1)(d): a party asked that the negotiation be kept confidential. */
  confidential: boolean;
  /** Originals made (default: one per party, plus one for the supporting agency). */
  copies?: number;
}

export interface MediationOrganisation {
  name: string;
  /** Art. 63(1)(a) social organisation, (b) under the mediation laws, (c) other organisation with the function. */
  type: 'a' | 'b' | 'c';
  address?: string;
}

export interface Mediator {
  name: string;
  /** E.g. 'Hòa giải viên trong Danh sách công bố ngày 01/03/2026', 'thông thạo tiếng Ê Đê (khoản 3 Điều 64)'. */
  note?: string;
}

export interface MediationRecordData {
  header: RecordHeader;
  caseCode: string;
  /** Art. 65(2)(a). */
  organisation: MediationOrganisation;
  mediators: readonly Mediator[];
  /** Art. 64(3): arranged when no mediator speaks an ethnic-minority party's language. */
  interpreter?: { name: string; language: string };
  /** Art. 65(2)(b). */
  consumer: ConsumerParty;
  business: BusinessParty;
  /** Art. 65(2)(c). */
  session: SessionInfo;
  /** Art. 65(2)(d). */
  content: DisputeContent;
  /** Art. 65(2)(đ). */
  opinions: { consumer: string; business: string };
  /** Art. 65(2)(e): result and how it will be carried out. */
  result: { summary: string; remedies: readonly Remedy[] };
  /** Art. 65(2)(g): the deadline to perform the agreed result (Art. 66(1)). */
  performanceDeadline: When;
  /** Art. 65(2)(h). */
  otherTerms?: readonly string[];
  /** Art. 62(2): mediation is confidential unless the parties agree otherwise. */
  confidentialityWaived?: boolean;
  copies?: number;
}

/** Whether the contract has an arbitration clause, and where it came from (Art. 67). */
export type ArbitrationClause = 'none' | 'agreed' | 'standard_form';

export interface RemainingOptionsInput {
  transactionValueVnd?: Dong;
  arbitrationClause?: ArbitrationClause;
}

export interface UnsuccessfulMediationData extends RemainingOptionsInput {
  header: RecordHeader;
  caseCode: string;
  organisation: MediationOrganisation;
  mediators: readonly Mediator[];
  interpreter?: { name: string; language: string };
  consumer: ConsumerParty;
  business: BusinessParty;
  session: SessionInfo;
  content: DisputeContent;
  opinions: { consumer: string; business: string };
  /** Why no agreement was reached. */
  reason: string;
  copies?: number;
}

const LAW = 'Luật Bảo vệ quyền lợi người tiêu dùng';
const LAW_BASIS = `Căn cứ ${LAW} số 19/2023/QH15 ngày 20 tháng 6 năm 2023;`;
const SIMPLIFIED_LIMIT = 100_000_000n;

const formLabels: Record<DisputeForm, string> = { in_person: 'Trực tiếp', online: 'Trực tuyến', other: 'Hình thức khác' };
const organisationTypes: Record<MediationOrganisation['type'], string> = {
  a: 'Tổ chức xã hội tham gia bảo vệ quyền lợi người tiêu dùng (điểm a khoản 1 Điều 63)',
  b: 'Tổ chức hòa giải theo pháp luật về hòa giải thương mại, hòa giải tại cơ sở, hòa giải tại tòa án (điểm b khoản 1 Điều 63)',
  c: 'Tổ chức khác có chức năng hòa giải tranh chấp giữa người tiêu dùng và tổ chức, cá nhân kinh doanh (điểm c khoản 1 Điều 63)',
};
const outcomeLabels: Record<NegotiationRecordData['result']['outcome'], string> = {
  agreed: 'Thương lượng thành',
  partially_agreed: 'Thương lượng thành một phần',
  not_agreed: 'Thương lượng không thành',
};

const isDateOnly = (w: When): boolean => typeof w === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(w);

/** "09:00 ngày 27/11/2026" (Asia/Ho_Chi_Minh), or "ngày 27/11/2026" for a calendar date. */
function moment(w: When): string {
  if (isDateOnly(w)) return `ngày ${formatDate(w)}`;
  const [date, time] = formatDateTime(w).split(' ');
  return `${time} ngày ${date}`;
}

function sessionTime(s: SessionInfo): string {
  if (s.endedAt === undefined) return `Từ ${moment(s.startedAt)}`;
  const [a, b] = [moment(s.startedAt), moment(s.endedAt)];
  const sameDay = !isDateOnly(s.startedAt) && formatDate(s.startedAt) === formatDate(s.endedAt);
  return sameDay ? `Từ ${a.split(' ngày ')[0]} đến ${b}` : `Từ ${a} đến ${b}`;
}

function sessionFields(s: SessionInfo): Block {
  const form = formLabels[s.form] + (s.formNote ? `: ${s.formNote}` : '');
  return {
    kind: 'fields',
    items: [
      { label: 'Thời gian', value: sessionTime(s) },
      { label: 'Địa điểm', value: s.location },
      { label: 'Hình thức', value: `${form} (khoản 3 Điều 54)` },
    ],
  };
}

type Field = { label: string; value: string };
const field = (label: string, value: string | number | undefined): Field[] =>
  value === undefined || value === '' ? [] : [{ label, value: String(value) }];

function consumerFields(c: ConsumerParty): Block {
  const rep = c.representative;
  return {
    kind: 'fields',
    items: [
      ...field('Họ và tên', c.name),
      ...field('Năm sinh', c.birthYear),
      ...field('Số định danh cá nhân', c.idNumber),
      ...field('Địa chỉ', c.address),
      ...field('Điện thoại', c.phone),
      ...field('Thư điện tử', c.email),
      ...(rep ? field('Người đại diện', `${rep.name} (${rep.basis})${rep.phone ? `, điện thoại ${rep.phone}` : ''}`) : []),
    ],
  };
}

function businessFields(b: BusinessParty): Block {
  const r = b.representative;
  return {
    kind: 'fields',
    items: [
      ...field('Tên', b.name),
      ...field('Mã số thuế', b.taxCode),
      ...field('Địa chỉ', b.address),
      ...field('Điện thoại', b.phone),
      ...field('Thư điện tử', b.email),
      ...field('Người đại diện', r.name + (r.position ? `, ${r.position}` : '')),
      ...field('Căn cứ đại diện', r.basis),
    ],
  };
}

function transactionFields(c: DisputeContent): Block[] {
  const t = c.transaction;
  if (!t) return [];
  return [
    {
      kind: 'fields',
      items: [
        ...field('Sản phẩm, hàng hóa, dịch vụ', t.description),
        ...field('Ngày giao dịch', t.date === undefined ? undefined : formatDate(t.date)),
        ...field('Giá trị giao dịch', t.valueVnd === undefined ? undefined : formatDong(t.valueVnd)),
      ],
    },
  ];
}

function remediesTable(remedies: readonly Remedy[]): Block[] {
  if (remedies.length === 0) return [];
  return [
    {
      kind: 'table',
      columns: [
        { header: 'STT', width: 0.9, align: 'center' },
        { header: 'Nội dung thực hiện', width: 4 },
        { header: 'Bên thực hiện', width: 2.1 },
        { header: 'Số tiền', width: 2.2, align: 'right' },
        { header: 'Thời hạn', width: 1.8, align: 'center' },
      ],
      rows: remedies.map((r, i) => [
        String(i + 1),
        r.description,
        r.by === 'consumer' ? 'Người tiêu dùng' : 'Tổ chức, cá nhân kinh doanh',
        r.amountVnd === undefined ? '' : formatDong(r.amountVnd),
        r.dueDate === undefined ? '' : formatDate(r.dueDate),
      ]),
    },
  ];
}

function termsList(terms: readonly string[] | undefined, extra: string[] = []): Block {
  const items = [...(terms ?? []), ...extra];
  return items.length ? { kind: 'list', style: 'dash', items } : { kind: 'paragraph', text: 'Không có.' };
}

function consumerSigner(c: ConsumerParty): Signer {
  return {
    title: c.representative ? 'NGƯỜI ĐẠI DIỆN CỦA NGƯỜI TIÊU DÙNG' : 'NGƯỜI TIÊU DÙNG',
    hint: '(Ký hoặc điểm chỉ, ghi rõ họ tên)',
    name: c.representative?.name ?? c.name,
  };
}

function businessSigner(b: BusinessParty): Signer {
  return {
    title: 'ĐẠI DIỆN TỔ CHỨC, CÁ NHÂN KINH DOANH',
    hint: '(Ký hoặc điểm chỉ, ghi rõ họ tên; đóng dấu nếu có)',
    name: b.representative.name,
  };
}

const mediatorSigners = (ms: readonly Mediator[]): Signer[] =>
  ms.map((m) => ({ title: 'HÒA GIẢI VIÊN', hint: '(Ký, ghi rõ họ tên)', name: m.name }));

function copiesLine(what: string, copies: number, holders: string): Block {
  return {
    kind: 'paragraph',
    text: `${what} được lập thành ${twoDigits(copies)} bản có giá trị như nhau, ${holders}. Các bên đã đọc lại, thống nhất với nội dung trên và cùng ký hoặc điểm chỉ dưới đây.`,
  };
}

function mediatorBlocks(
  o: MediationOrganisation,
  mediators: readonly Mediator[],
  interpreter?: { name: string; language: string },
): Block[] {
  return [
    {
      kind: 'fields',
      items: [...field('Tổ chức hòa giải', o.name), ...field('Loại tổ chức', organisationTypes[o.type]), ...field('Địa chỉ', o.address)],
    },
    { kind: 'list', style: 'dash', items: mediators.map((m) => `Hòa giải viên: ${m.name}${m.note ? ` (${m.note})` : ''}`) },
    ...(interpreter
      ? [{ kind: 'paragraph', text: `Người phiên dịch: ${interpreter.name}, tiếng ${interpreter.language} (khoản 3 Điều 64).` } as const]
      : []),
  ];
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** Items of Art. 60(2)(a)–(d) that are empty; a written negotiation result needs them all. */
export function missingNegotiationItems(d: NegotiationRecordData): string[] {
  const missing: string[] = [];
  if (blank(d.consumer.name) || blank(d.business.name) || blank(d.business.representative.name)) missing.push('a');
  if (blank(String(d.session.startedAt)) || blank(d.session.location)) missing.push('b');
  if (blank(d.content.consumerRequest)) missing.push('c');
  if (blank(d.result.summary)) missing.push('d');
  return missing;
}

/** Items of Art. 65(2)(a)–(g) that are empty ((h) may be "none"); the record is valid only with all of them. */
export function missingMediationItems(d: MediationRecordData): string[] {
  const missing: string[] = [];
  if (blank(d.organisation.name) || d.mediators.length === 0 || d.mediators.some((m) => blank(m.name))) missing.push('a');
  if (blank(d.consumer.name) || blank(d.business.name) || blank(d.business.representative.name)) missing.push('b');
  if (blank(String(d.session.startedAt)) || blank(d.session.location)) missing.push('c');
  if (blank(d.content.consumerRequest)) missing.push('d');
  if (blank(d.opinions.consumer) || blank(d.opinions.business)) missing.push('đ');
  if (blank(d.result.summary)) missing.push('e');
  if (blank(String(d.performanceDeadline))) missing.push('g');
  return missing;
}

function incomplete(code: string, article: string, missing: string[]): AppError {
  return new AppError(
    'invalid_state',
    code,
    `Văn bản chưa đủ nội dung bắt buộc theo ${article}: điểm ${missing.join(', ')}.`,
    missing.map((m) => ({ path: m, code: 'required', message: `Thiếu nội dung điểm ${m} ${article}.` })),
  );
}

function footer(caseCode: string, confidential: boolean): string {
  return `Hồ sơ ${caseCode}${confidential ? ' · Bảo mật theo yêu cầu của các bên (điểm d khoản 1 Điều 59)' : ''}`;
}

/** The written result of a negotiation (Art. 60), or the agency's note when the parties agreed on none. */
export function negotiationRecordDocument(d: NegotiationRecordData): PrintableDocument {
  const missing = missingNegotiationItems(d);
  if (missing.length) throw incomplete('negotiation.record_incomplete', `khoản 2 Điều 60 ${LAW}`, missing);
  const agency = d.supportingAgency;
  const written = !d.agreedWithoutWrittenRecord;
  const confidentiality = d.confidential
    ? [
        `Theo yêu cầu của bên tham gia thương lượng, việc thương lượng được giữ bí mật (điểm d khoản 1 Điều 59 ${LAW}); cơ quan, tổ chức hỗ trợ bảo mật thông tin, tài liệu được cung cấp (khoản 2 Điều 55).`,
      ]
    : [];
  const blocks: Block[] = [
    { kind: 'paragraph', text: LAW_BASIS, italic: true },
    ...(written
      ? []
      : [
          {
            kind: 'paragraph',
            bold: true,
            text: `Các bên đã thỏa thuận không lập văn bản về kết quả thương lượng (khoản 1 Điều 60 ${LAW}). Phiếu này ghi nhận kết quả theo thông tin các bên cung cấp để theo dõi hồ sơ; phiếu không phải văn bản về kết quả thương lượng và không cần chữ ký của các bên.`,
          } as const,
        ]),
    { kind: 'heading', text: 'I. CÁC BÊN THAM GIA THƯƠNG LƯỢNG (điểm a khoản 2 Điều 60)' },
    { kind: 'paragraph', text: [{ text: '1. Người tiêu dùng', bold: true }] },
    consumerFields(d.consumer),
    { kind: 'paragraph', text: [{ text: '2. Tổ chức, cá nhân kinh doanh', bold: true }] },
    businessFields(d.business),
    ...(agency
      ? ([
          { kind: 'paragraph', text: [{ text: '3. Cơ quan, tổ chức hỗ trợ thương lượng (khoản 3 Điều 56)', bold: true }] },
          {
            kind: 'fields',
            items: [
              ...field('Tên', agency.name),
              ...field('Địa chỉ', agency.address),
              ...agency.officers.map((o) => ({ label: 'Cán bộ hỗ trợ', value: o.name + (o.position ? `, ${o.position}` : '') })),
            ],
          },
        ] as const)
      : []),
    { kind: 'heading', text: 'II. THỜI GIAN, ĐỊA ĐIỂM THƯƠNG LƯỢNG (điểm b khoản 2 Điều 60)' },
    sessionFields(d.session),
    { kind: 'heading', text: 'III. NỘI DUNG THƯƠNG LƯỢNG (điểm c khoản 2 Điều 60)' },
    ...transactionFields(d.content),
    {
      kind: 'fields',
      items: [
        ...field('Yêu cầu của người tiêu dùng', d.content.consumerRequest),
        ...field('Ý kiến của tổ chức, cá nhân kinh doanh', d.content.businessResponse),
      ],
    },
    { kind: 'heading', text: 'IV. KẾT QUẢ THƯƠNG LƯỢNG (điểm d khoản 2 Điều 60)' },
    { kind: 'fields', items: [{ label: 'Kết quả', value: outcomeLabels[d.result.outcome] }] },
    { kind: 'paragraph', text: d.result.summary },
    ...remediesTable(d.result.remedies ?? []),
    { kind: 'heading', text: 'V. NỘI DUNG KHÁC THEO THỎA THUẬN CỦA CÁC BÊN (điểm đ khoản 2 Điều 60)' },
    termsList(d.otherTerms, confidentiality),
  ];
  if (written) {
    const copies = d.copies ?? (agency ? 3 : 2);
    const holders = agency ? 'mỗi bên giữ 01 bản, cơ quan hỗ trợ thương lượng giữ 01 bản' : 'mỗi bên giữ 01 bản';
    blocks.push(copiesLine('Biên bản thương lượng', copies, holders));
    blocks.push({
      kind: 'signatures',
      signers: [
        consumerSigner(d.consumer),
        businessSigner(d.business),
        ...(agency ? [{ title: 'CÁN BỘ HỖ TRỢ THƯƠNG LƯỢNG', hint: '(Ký, ghi rõ họ tên)', name: agency.officers[0]?.name }] : []),
      ],
    });
  } else {
    blocks.push({
      kind: 'signatures',
      signers: [{ title: 'NGƯỜI GHI NHẬN', hint: '(Ký, ghi rõ họ tên)', name: agency?.officers[0]?.name }],
    });
  }
  return {
    issuer: d.header.issuer,
    reference: d.header.reference,
    placeDate: { place: d.header.place, date: d.header.date },
    title: written ? 'BIÊN BẢN THƯƠNG LƯỢNG' : 'PHIẾU GHI NHẬN KẾT QUẢ THƯƠNG LƯỢNG',
    subtitle: `Giải quyết tranh chấp giữa người tiêu dùng và tổ chức, cá nhân kinh doanh (hồ sơ ${d.caseCode})`,
    blocks,
    footerNote: footer(d.caseCode, d.confidential),
    meta: { subject: `Kết quả thương lượng theo Điều 60 ${LAW}`, keywords: [d.caseCode, 'thương lượng'] },
  };
}

/** The record of successful mediation with Art. 65(2)(a)–(h); throws `mediation.record_incomplete` when (a)–(g) is not all there. */
export function mediationRecordDocument(d: MediationRecordData): PrintableDocument {
  const missing = missingMediationItems(d);
  if (missing.length) throw incomplete('mediation.record_incomplete', `khoản 2 Điều 65 ${LAW}`, missing);
  const confidentiality = d.confidentialityWaived
    ? []
    : [`Tổ chức, cá nhân tiến hành hòa giải và các bên bảo đảm bí mật thông tin liên quan đến việc hòa giải (khoản 2 Điều 62 ${LAW}).`];
  const copies = d.copies ?? 3;
  const blocks: Block[] = [
    { kind: 'paragraph', text: LAW_BASIS, italic: true },
    {
      kind: 'paragraph',
      text: `Các bên tham gia hòa giải đã đạt được kết quả hòa giải thành và lập văn bản này với các nội dung sau (khoản 1 và khoản 2 Điều 65 ${LAW}):`,
    },
    { kind: 'heading', text: 'a) Tổ chức, cá nhân tiến hành hòa giải' },
    ...mediatorBlocks(d.organisation, d.mediators, d.interpreter),
    { kind: 'heading', text: 'b) Các bên tham gia hòa giải' },
    { kind: 'paragraph', text: [{ text: 'Người tiêu dùng', bold: true }] },
    consumerFields(d.consumer),
    { kind: 'paragraph', text: [{ text: 'Tổ chức, cá nhân kinh doanh', bold: true }] },
    businessFields(d.business),
    { kind: 'heading', text: 'c) Thời gian, địa điểm tiến hành hòa giải' },
    sessionFields(d.session),
    { kind: 'heading', text: 'd) Nội dung hòa giải' },
    ...transactionFields(d.content),
    { kind: 'fields', items: field('Yêu cầu của người tiêu dùng', d.content.consumerRequest) },
    { kind: 'heading', text: 'đ) Ý kiến của các bên tham gia hòa giải' },
    {
      kind: 'fields',
      items: [
        { label: 'Người tiêu dùng', value: d.opinions.consumer },
        { label: 'Tổ chức, cá nhân kinh doanh', value: d.opinions.business },
      ],
    },
    { kind: 'heading', text: 'e) Kết quả hòa giải và giải pháp thực hiện' },
    { kind: 'paragraph', text: d.result.summary },
    // A remedy without its own date is due by the deadline of point (g).
    ...remediesTable(d.result.remedies.map((r) => ({ ...r, dueDate: r.dueDate ?? d.performanceDeadline }))),
    { kind: 'heading', text: 'g) Thời hạn thực hiện kết quả hòa giải thành' },
    {
      kind: 'paragraph',
      text: [
        { text: 'Các bên thực hiện kết quả hòa giải thành chậm nhất vào ' },
        { text: moment(d.performanceDeadline), bold: true },
        { text: ` (khoản 1 Điều 66 ${LAW}).` },
      ],
    },
    { kind: 'heading', text: 'h) Nội dung khác theo thỏa thuận của các bên' },
    termsList(d.otherTerms, confidentiality),
    {
      kind: 'paragraph',
      text: `Một trong các bên có quyền yêu cầu Tòa án ra quyết định công nhận kết quả hòa giải thành theo quy định của pháp luật về tố tụng dân sự (khoản 2 và khoản 3 Điều 66 ${LAW}).`,
    },
    copiesLine('Biên bản hòa giải thành', copies, 'mỗi bên giữ 01 bản, tổ chức hòa giải giữ 01 bản'),
    {
      kind: 'signatures',
      signers: [
        consumerSigner(d.consumer),
        businessSigner(d.business),
        ...mediatorSigners(d.mediators),
        ...(d.interpreter ? [{ title: 'NGƯỜI PHIÊN DỊCH', hint: '(Ký, ghi rõ họ tên)', name: d.interpreter.name }] : []),
        { title: 'XÁC NHẬN CỦA TỔ CHỨC HÒA GIẢI', hint: '(Ký, ghi rõ họ tên, đóng dấu nếu có)', name: undefined },
      ],
    },
  ];
  return {
    issuer: d.header.issuer ?? [d.organisation.name.toLocaleUpperCase('vi')],
    reference: d.header.reference,
    placeDate: { place: d.header.place, date: d.header.date },
    title: 'BIÊN BẢN HÒA GIẢI THÀNH',
    subtitle: `Tranh chấp giữa người tiêu dùng và tổ chức, cá nhân kinh doanh (hồ sơ ${d.caseCode})`,
    blocks,
    footerNote: footer(d.caseCode, false),
    meta: { subject: `Văn bản về kết quả hòa giải thành theo Điều 65 ${LAW}`, keywords: [d.caseCode, 'hòa giải'] },
  };
}

/** What the consumer can still do when mediation failed: arbitration (Arts. 67–68) and court (Arts. 69–71). */
export function remainingDisputeOptions(input: RemainingOptionsInput): string[] {
  const value = input.transactionValueVnd === undefined ? undefined : BigInt(input.transactionValueVnd);
  const arbitration: Record<ArbitrationClause, string> = {
    none: 'Trọng tài: chỉ khi các bên có thỏa thuận trọng tài; trình tự theo pháp luật về trọng tài thương mại (Điều 68).',
    agreed:
      'Trọng tài: theo điều khoản trọng tài đã được thông báo trước khi giao kết hợp đồng và được người tiêu dùng chấp thuận (khoản 1 Điều 67); trình tự theo pháp luật về trọng tài thương mại (Điều 68).',
    standard_form:
      'Trọng tài: có thể giải quyết theo điều khoản trọng tài; vì điều khoản này do tổ chức, cá nhân kinh doanh đưa vào hợp đồng theo mẫu hoặc điều kiện giao dịch chung, người tiêu dùng vẫn có quyền lựa chọn phương thức giải quyết tranh chấp khác (khoản 2 Điều 67).',
  };
  const simplified =
    value === undefined
      ? 'Thủ tục rút gọn: vụ án có giá trị giao dịch dưới 100 triệu đồng được giải quyết theo thủ tục rút gọn mà không phải đáp ứng các điều kiện quy định tại khoản 1 Điều 317 Bộ luật Tố tụng dân sự (khoản 2 Điều 70).'
      : value < SIMPLIFIED_LIMIT
        ? `Thủ tục rút gọn: giá trị giao dịch là ${formatDong(value)}, dưới 100 triệu đồng: vụ án được giải quyết theo thủ tục rút gọn mà không phải đáp ứng các điều kiện quy định tại khoản 1 Điều 317 Bộ luật Tố tụng dân sự (khoản 2 Điều 70).`
        : `Thủ tục rút gọn: giá trị giao dịch là ${formatDong(value)}, từ 100 triệu đồng trở lên: vụ án được giải quyết theo thủ tục rút gọn chỉ khi đáp ứng đủ các điều kiện quy định tại khoản 1 Điều 317 Bộ luật Tố tụng dân sự (khoản 3 Điều 70).`;
  return [
    arbitration[input.arbitrationClause ?? 'none'],
    'Tòa án: khởi kiện vụ án dân sự về bảo vệ quyền lợi người tiêu dùng (khoản 1 Điều 70).',
    simplified,
    'Án phí: người tiêu dùng khởi kiện để bảo vệ quyền, lợi ích hợp pháp của mình không phải nộp tiền tạm ứng án phí (khoản 2 Điều 71).',
    'Nghĩa vụ chứng minh: người tiêu dùng không phải chứng minh lỗi của tổ chức, cá nhân kinh doanh; tổ chức, cá nhân kinh doanh có nghĩa vụ chứng minh mình không có lỗi gây ra thiệt hại (Điều 69).',
    'Đại diện khởi kiện: tổ chức xã hội tham gia bảo vệ quyền lợi người tiêu dùng có thể đại diện người tiêu dùng khởi kiện theo ủy quyền (điểm g khoản 1 Điều 50).',
  ];
}

/** The record of failed mediation, with the consumer's remaining options. */
export function unsuccessfulMediationDocument(d: UnsuccessfulMediationData): PrintableDocument {
  const blocks: Block[] = [
    { kind: 'paragraph', text: LAW_BASIS, italic: true },
    { kind: 'heading', text: 'I. TỔ CHỨC, CÁ NHÂN TIẾN HÀNH HÒA GIẢI' },
    ...mediatorBlocks(d.organisation, d.mediators, d.interpreter),
    { kind: 'heading', text: 'II. CÁC BÊN THAM GIA HÒA GIẢI' },
    { kind: 'paragraph', text: [{ text: 'Người tiêu dùng', bold: true }] },
    consumerFields(d.consumer),
    { kind: 'paragraph', text: [{ text: 'Tổ chức, cá nhân kinh doanh', bold: true }] },
    businessFields(d.business),
    { kind: 'heading', text: 'III. THỜI GIAN, ĐỊA ĐIỂM TIẾN HÀNH HÒA GIẢI' },
    sessionFields(d.session),
    { kind: 'heading', text: 'IV. NỘI DUNG HÒA GIẢI VÀ Ý KIẾN CỦA CÁC BÊN' },
    ...transactionFields(d.content),
    {
      kind: 'fields',
      items: [
        { label: 'Yêu cầu của người tiêu dùng', value: d.content.consumerRequest },
        { label: 'Ý kiến của người tiêu dùng', value: d.opinions.consumer },
        { label: 'Ý kiến của tổ chức, cá nhân kinh doanh', value: d.opinions.business },
      ],
    },
    { kind: 'heading', text: 'V. KẾT QUẢ: HÒA GIẢI KHÔNG THÀNH' },
    { kind: 'fields', items: [{ label: 'Lý do', value: d.reason }] },
    { kind: 'heading', text: 'VI. CÁC PHƯƠNG THỨC NGƯỜI TIÊU DÙNG CÓ THỂ TIẾP TỤC LỰA CHỌN' },
    {
      kind: 'paragraph',
      text: `Người tiêu dùng có thể tiếp tục thương lượng hoặc hòa giải nếu các bên đồng ý, hoặc lựa chọn một trong các phương thức sau (Điều 54 và Mục 4, Mục 5 Chương V ${LAW}):`,
    },
    { kind: 'list', style: 'letters', items: remainingDisputeOptions(d) },
    copiesLine('Biên bản hòa giải không thành', d.copies ?? 3, 'mỗi bên giữ 01 bản, tổ chức hòa giải giữ 01 bản'),
    {
      kind: 'signatures',
      signers: [consumerSigner(d.consumer), businessSigner(d.business), ...mediatorSigners(d.mediators)],
    },
  ];
  return {
    issuer: d.header.issuer ?? [d.organisation.name.toLocaleUpperCase('vi')],
    reference: d.header.reference,
    placeDate: { place: d.header.place, date: d.header.date },
    title: 'BIÊN BẢN HÒA GIẢI KHÔNG THÀNH',
    subtitle: `Tranh chấp giữa người tiêu dùng và tổ chức, cá nhân kinh doanh (hồ sơ ${d.caseCode})`,
    blocks,
    footerNote: footer(d.caseCode, false),
    meta: { subject: 'Kết quả hòa giải không thành', keywords: [d.caseCode, 'hòa giải'] },
  };
}
