/**
 * Facts that decide competence besides sector and violations (see schema.ts routingSituations),
 * read from the request's fields and, for places and sellers, from its description.
 */
import { situationLabels } from './labels.js';
import { compilePhrase, findPhrases, indexPhrases, type Phrase } from './phrases.js';
import type { RouteInput, RoutingSituation, Sector } from './schema.js';
import { tokenize } from './text.js';
import { formatVnd } from '../../platform/i18n.js';

export interface RouteOptions {
  /**
   * [CONFIG] Largest transaction value, in đồng, of a "small local dispute" that goes to the commune
   * of the place (no statutory value; default 5,000,000 đ, the commune chairman's fine ceiling for an
   * individual under Decree 98/2020 Art. 81 as originally worded).
   */
  smallClaimMaxVnd?: bigint | number;
}

export const DEFAULT_SMALL_CLAIM_MAX_VND = 5_000_000n;

/**
 * Sectors served through networks or licences supervised above the commune (banks, insurers,
 * carriers, water utilities) and online sales: never a "small local dispute" whatever the amount.
 */
const NOT_LOCAL_SECTORS: ReadonlySet<Sector> = new Set<Sector>(['banking-finance', 'insurance', 'telecom-internet', 'water', 'ecommerce']);

const PHRASES: ReadonlyArray<[RoutingSituation, string[]]> = [
  [
    'markets-commercial-centres',
    [
      '=chợ',
      'ở chợ',
      'ngoài chợ',
      'tại chợ',
      'trong chợ',
      'chợ đầu mối',
      'chợ phiên',
      'chợ đêm',
      'chợ dân sinh',
      'ban quản lý chợ',
      '=sạp',
      'ki ốt',
      'tiểu thương',
    ],
  ],
  [
    'unregistered-traders',
    [
      'hàng rong',
      'bán rong',
      'bán dạo',
      'gánh hàng',
      '=gánh',
      'xe đẩy',
      'ven đường',
      'vỉa hè',
      'không có biển hiệu',
      'không đăng ký kinh doanh',
      'không có giấy phép kinh doanh',
    ],
  ],
  [
    'off-premises-sales',
    [
      'hội thảo',
      'bán hàng lưu động',
      'lưu động',
      'đến tận nhà mời',
      'đến tận nhà bán',
      'đến tận nhà tư vấn',
      'đến từng nhà',
      'khám bệnh miễn phí',
      'khám sức khỏe miễn phí',
    ],
  ],
  ['border-import', ['qua biên giới', 'cửa khẩu', 'hải quan', 'tạm nhập tái xuất', 'lối mở', 'đường mòn biên giới']],
];

function amountOf(v: bigint | number | string | undefined): bigint | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? BigInt(v) : undefined;
  return /^\d+$/.test(v) ? BigInt(v) : undefined;
}

export interface DetectedSituations {
  situations: RoutingSituation[];
  /** Vietnamese notes: which fact or words revealed each situation. */
  notes: string[];
}

export function detectSituations(input: RouteInput, options: RouteOptions = {}): DetectedSituations {
  const found = new Map<RoutingSituation, string>();
  if (input.negotiationSupport === true) found.set('negotiation-support', situationLabels['negotiation-support']);

  const place = input.transaction?.place;
  const online =
    place?.online === true || (place?.url ?? '') !== '' || (input.business?.platform ?? '') !== '' || input.sector === 'ecommerce';
  const text = [input.description, input.business?.name, input.business?.address].filter((x) => x !== undefined).join('. ');
  const tokens = tokenize(text);
  const phrases: Phrase[] = [];
  const owner = new Map<Phrase, RoutingSituation>();
  for (const [situation, list] of PHRASES) {
    for (const p of list) {
      const phrase = compilePhrase(p);
      phrases.push(phrase);
      owner.set(phrase, situation);
    }
  }
  const hits = findPhrases(tokens, indexPhrases(phrases)).filter((h) => h.quality === 1);
  const registered = (input.business?.taxCode ?? '').trim() !== '';
  const bordersMatter = input.violations.includes('smuggled-origin') || input.violations.includes('counterfeit');
  for (const h of hits) {
    const s = owner.get(h.phrase)!;
    if (found.has(s)) continue;
    if ((s === 'markets-commercial-centres' || s === 'off-premises-sales') && online) continue;
    if (s === 'unregistered-traders' && (registered || online)) continue;
    if (s === 'border-import' && !bordersMatter) continue;
    found.set(s, `${situationLabels[s]} («${h.surface}»)`);
  }

  const max = options.smallClaimMaxVnd === undefined ? DEFAULT_SMALL_CLAIM_MAX_VND : BigInt(options.smallClaimMaxVnd);
  const amount = amountOf(input.transaction?.amountVnd);
  const communeCode = place?.communeCode;
  if (
    amount !== undefined &&
    amount <= max &&
    !online &&
    communeCode !== undefined &&
    input.kind !== 'feedback' &&
    !NOT_LOCAL_SECTORS.has(input.sector)
  ) {
    found.set(
      'small-local-dispute',
      `${situationLabels['small-local-dispute']} (${formatVnd(amount)} ≤ ngưỡng ${formatVnd(max)}, tại xã mã ${communeCode})`,
    );
  }
  const situations = [...found.keys()];
  return { situations, notes: situations.map((s) => found.get(s)!) };
}
