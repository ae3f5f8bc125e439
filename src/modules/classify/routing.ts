/**
 * Competence routing (pure): which agency should handle a request, from the dated competence table
 * (LAW.md §18 E rule 22: competence is data with effective dates, not code). The code only ranks
 * the kinds of rows, in the order the law implies:
 *   1. fraud-scam → police: a crime, and cases breaching legal prohibitions cannot be negotiated
 *      or mediated (Law 19/2023 Art. 54(2));
 *   2. negotiation support, when the consumer asks for it (Decree 146/2025 Art. 46(1));
 *   3. local matters for the commune of the place: markets, unregistered traders, off-premises
 *      sales, small local disputes (Decree 139/2025 Art. 18; Law Art. 77(3));
 *   4. a sector-specific rule for a violation (e.g. food + unsafe → health);
 *   5. goods crossing the border (customs);
 *   6. specialised violations: counterfeit, smuggled, measurement, personal data;
 *   7. the sector's agency (Law Art. 11(3), 74(3));
 *   8. other violations without a sector; 9. rows for everything (the focal agency).
 * Rows outside their dates are ignored; with no row left, the focal Department of Industry and
 * Trade receives the request and forwards it (Law Art. 11(3), 77(1)).
 */
import { detectSituations, type RouteOptions } from './situations.js';
import { agencyLabels, sectorLabels, situationLabels, violationLabels } from './labels.js';
import {
  agencyKind,
  agencyKinds,
  routingSituations,
  violationTypes,
  type AgencyKind,
  type AgencyLevel,
  type CompetenceRow,
  type RouteInput,
  type RoutingSituation,
  type Sector,
  type ViolationType,
} from './schema.js';
import { formatDate } from '../../platform/i18n.js';

export type { RouteOptions } from './situations.js';

export interface RouteAlternative {
  kind: AgencyKind;
  level: AgencyLevel;
  /** 0–1: the rank of the best matching row for this agency (see the module comment). */
  score: number;
  reason: string;
  legalBasis: string;
}

export interface RouteResult {
  agency: { kind: AgencyKind; level: AgencyLevel; communeCode?: string };
  score: number;
  /** Vietnamese, with the legal basis. */
  reason: string;
  legalBasis: string;
  alternatives: RouteAlternative[];
  situations: RoutingSituation[];
  /** True when no row of the table applied and the focal agency was chosen by default. */
  fallback: boolean;
  explanation: string;
}

const SPECIALISED = new Set<string>(['counterfeit', 'smuggled-origin', 'measurement-fraud', 'data-privacy']);
const COMMUNE_SITUATIONS = new Set<string>([
  'markets-commercial-centres',
  'unregistered-traders',
  'off-premises-sales',
  'small-local-dispute',
]);
const FALLBACK_BASIS = 'Luật BVQLNTD 2023 Điều 11(3), 77(1)';

/** Rank of a row by the kind of its key (see the module comment); higher wins. */
export function rowRank(row: Pick<CompetenceRow, 'sector' | 'violationType'>): number {
  const v = key(row.violationType);
  const sector = key(row.sector);
  const bonus = sector === null ? 0 : 1;
  if (v === 'fraud-scam') return 100 + bonus;
  if (v === 'negotiation-support') return 90 + bonus;
  // Local matters go to the commune of the place before any sector's department (issue 4;
  // Decree 139/2025 Art. 18; Law Art. 77(3)).
  if (v !== null && COMMUNE_SITUATIONS.has(v)) return 85 + bonus;
  if (v !== null && sector !== null && !COMMUNE_SITUATIONS.has(v) && v !== 'border-import') return 80;
  if (v === 'border-import') return 70 + bonus;
  if (v !== null && SPECIALISED.has(v)) return 65;
  if (v === null && sector !== null) return 50;
  if (v !== null) return 30;
  return 10;
}

/** validFrom ≤ onDate < validUntil (exclusive, as the directory stores it). */
export function inForce(row: Pick<CompetenceRow, 'validFrom' | 'validUntil'>, onDate: string): boolean {
  return row.validFrom <= onDate && (row.validUntil === null || onDate < row.validUntil);
}

/** null and 'any' both mean "any" (the directory stores 'any' in its NOT NULL columns). */
function key(v: string | null): string | null {
  return v === null || v === 'any' ? null : v;
}

function matches(row: CompetenceRow, sector: Sector, facts: ReadonlySet<string>): boolean {
  const s = key(row.sector);
  const v = key(row.violationType);
  return (s === null || s === sector) && (v === null || facts.has(v));
}

function why(row: CompetenceRow, kind: AgencyKind): string {
  const v = key(row.violationType);
  const s = key(row.sector);
  if (v === 'fraud-scam')
    return 'có dấu hiệu lừa đảo, chiếm đoạt tài sản: thuộc thẩm quyền điều tra của công an, không đưa vào thương lượng, hòa giải';
  if (v !== null && (routingSituations as readonly string[]).includes(v)) return situationLabels[v as RoutingSituation];
  const sector = s !== null && s in sectorLabels ? `lĩnh vực ${sectorLabels[s as Sector].toLowerCase()}` : '';
  const violation = v !== null && (violationTypes as readonly string[]).includes(v) ? `hành vi ${violationLabels[v as ViolationType]}` : '';
  if (sector !== '' || violation !== '')
    return [sector, violation].filter((x) => x !== '').join(', ') + ` thuộc phạm vi quản lý của ${agencyLabels[kind]}`;
  return kind === 'so-cong-thuong'
    ? 'cơ quan đầu mối bảo vệ quyền lợi người tiêu dùng của tỉnh'
    : 'tiếp nhận mọi yêu cầu của người tiêu dùng';
}

interface Candidate {
  row: CompetenceRow;
  kind: AgencyKind;
  rank: number;
  order: number;
}

function better(a: Candidate, b: Candidate): number {
  return b.rank - a.rank || agencyKinds.indexOf(a.kind) - agencyKinds.indexOf(b.kind) || a.order - b.order;
}

/** Legal bases of several rows, each citation once ("…Điều 11(3)" shared by two rows is cited once). */
function uniqueBases(rows: readonly CompetenceRow[]): string {
  return [...new Set(rows.flatMap((r) => r.legalBasis.split('; ')))].join('; ');
}

function reasons(rows: readonly CompetenceRow[], kind: AgencyKind): string {
  return [...new Set(rows.map((r) => why(r, kind)))].join('; ');
}

/**
 * Routes a request to the competent agency on `onDate` (YYYY-MM-DD) following the dated
 * competence table. Law 19/2023 Art. 11(3): a request in another agency's field is forwarded to it
 * and the requester informed; the reason and legal basis returned here go into that notice.
 */
export function routeRequest(input: RouteInput, table: readonly CompetenceRow[], onDate: string, options: RouteOptions = {}): RouteResult {
  const detected = detectSituations(input, options);
  const facts = new Set<string>([...input.violations, ...detected.situations]);
  const candidates: Candidate[] = [];
  const expired: CompetenceRow[] = [];
  const unknownKinds = new Set<string>();
  table.forEach((row, order) => {
    if (!matches(row, input.sector, facts)) return;
    if (!inForce(row, onDate)) {
      expired.push(row);
      return;
    }
    const kind = agencyKind.safeParse(row.agencyKind);
    if (!kind.success) {
      unknownKinds.add(row.agencyKind);
      return;
    }
    candidates.push({ row, kind: kind.data, rank: rowRank(row), order });
  });
  candidates.sort(better);
  const communeCode = input.transaction?.place?.communeCode;

  const lines: string[] = [];
  const factList = [
    `lĩnh vực ${sectorLabels[input.sector].toLowerCase()}`,
    input.violations.length > 0 ? `hành vi: ${input.violations.map((v) => violationLabels[v]).join(', ')}` : 'chưa xác định hành vi',
    ...detected.notes,
  ];
  lines.push(`Dữ kiện: ${factList.join('; ')}.`);

  const best = candidates[0];
  if (best === undefined) {
    lines.push(`Không có dòng nào của bảng thẩm quyền còn hiệu lực ngày ${formatDate(onDate)} khớp với vụ việc: chuyển cơ quan đầu mối.`);
    if (expired.length > 0)
      lines.push(`Hết hiệu lực nên không áp dụng: ${expired.map((r) => `${r.agencyKind} (${r.legalBasis})`).join('; ')}.`);
    const reason = `${agencyLabels['so-cong-thuong']}: không có quy tắc thẩm quyền nào áp dụng ngày ${formatDate(onDate)}, cơ quan đầu mối tiếp nhận, xem xét và chuyển cơ quan có thẩm quyền nếu cần. Căn cứ: ${FALLBACK_BASIS}.`;
    return {
      agency: { kind: 'so-cong-thuong', level: 'province' },
      score: 0,
      reason,
      legalBasis: FALLBACK_BASIS,
      alternatives: [],
      situations: detected.situations,
      fallback: true,
      explanation: lines.join('\n'),
    };
  }

  const winnerRows = candidates.filter((c) => c.kind === best.kind && c.rank === best.rank).map((c) => c.row);
  const legalBasis = uniqueBases(winnerRows);
  const level = best.row.level;
  const place = level === 'commune' ? (communeCode !== undefined ? ` nơi giao dịch (mã xã ${communeCode})` : ' nơi giao dịch') : '';
  const reason = `${agencyLabels[best.kind]}${place}: ${reasons(winnerRows, best.kind)}. Căn cứ: ${legalBasis}.`;

  const alternatives: RouteAlternative[] = [];
  for (const c of candidates) {
    if (c.kind === best.kind || alternatives.some((a) => a.kind === c.kind)) continue;
    const rows = candidates.filter((x) => x.kind === c.kind && x.rank === c.rank).map((x) => x.row);
    const basis = uniqueBases(rows);
    alternatives.push({
      kind: c.kind,
      level: c.row.level,
      score: c.rank / 100,
      reason: `${agencyLabels[c.kind]}: ${reasons(rows, c.kind)}. Căn cứ: ${basis}.`,
      legalBasis: basis,
    });
  }

  lines.push(
    `Bảng thẩm quyền ngày ${formatDate(onDate)}: ${candidates.length} dòng khớp. Chọn ${agencyLabels[best.kind]} (mức ưu tiên ${best.rank}/100) vì ${reasons(winnerRows, best.kind)}.`,
  );
  if (alternatives.length > 0)
    lines.push(`Cơ quan khác có liên quan: ${alternatives.map((a) => `${agencyLabels[a.kind]} (${a.score.toFixed(2)})`).join(', ')}.`);
  if (expired.length > 0)
    lines.push(
      `Hết hiệu lực nên không áp dụng: ${expired.map((r) => `${agencyLabels[r.agencyKind as AgencyKind] ?? r.agencyKind} — ${r.legalBasis} (từ ${formatDate(r.validFrom)}${r.validUntil === null ? '' : `, hết hiệu lực từ ${formatDate(r.validUntil)}`})`).join('; ')}.`,
    );
  if (unknownKinds.size > 0) lines.push(`Bỏ qua dòng có loại cơ quan không xác định: ${[...unknownKinds].join(', ')}.`);
  if (level === 'commune' && communeCode === undefined) lines.push('Cần xác định xã, phường nơi giao dịch để chuyển đúng UBND cấp xã.');
  if (best.kind !== 'so-cong-thuong') lines.push('Khi chuyển yêu cầu phải thông báo cho người yêu cầu (Luật BVQLNTD 2023 Điều 11(3)).');

  return {
    agency: level === 'commune' && communeCode !== undefined ? { kind: best.kind, level, communeCode } : { kind: best.kind, level },
    score: best.rank / 100,
    reason,
    legalBasis,
    alternatives,
    situations: detected.situations,
    fallback: false,
    explanation: lines.join('\n'),
  };
}
