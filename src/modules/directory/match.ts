/**
 * Agency name matcher. Plans and letters write one agency many ways ("Hội BVQL NTD tỉnh",
 * "Hội Bảo vệ quyền lợi người tiêu dùng tỉnh", "Sở KH&CN", "UBND các xã, phường"): the text is
 * folded (accents, đ), abbreviations are expanded, the locality ("tỉnh Tuyên Quang") is dropped,
 * and the result is compared with each agency's name and aliases. The agency kind is also read
 * from the text, so "Sở KH&CN" finds the so-khcn agency even without an alias for it.
 * Pure functions first; `matchAgency` loads the candidates.
 */
import type { Ctx } from '../../platform/context.js';
import { fold } from '../../platform/i18n.js';
import { aliasesOf, listAgencyRows, provinceShortNames } from './repo.js';
import type { AgencyKind, AgencyMatchView } from './schema.js';

/** Builds a pattern for an abbreviation written in parts: "kh&cn", "kh & cn", "kh-cn", "khcn", "kh và cn". */
function abbr(parts: string[]): RegExp {
  const sep = '(?:\\s*(?:&|\\.|-|,|/|\\bva\\b)\\s*|\\s*)';
  return new RegExp(`(?<![a-z0-9])${parts.join(sep)}\\.?(?![a-z0-9])`, 'g');
}

/** Abbreviations seen in provincial plans, longest first. Expansions are folded text. */
const ABBREVIATIONS: [RegExp, string][] = [
  [abbr(['bv', 'ql', 'ntd']), 'bao ve quyen loi nguoi tieu dung'],
  [abbr(['bv', 'qlntd']), 'bao ve quyen loi nguoi tieu dung'],
  [abbr(['ql', 'ntd']), 'quyen loi nguoi tieu dung'],
  [abbr(['bv', 'ntd']), 'bao ve nguoi tieu dung'],
  [abbr(['ntd']), 'nguoi tieu dung'],
  [abbr(['ql', 'tt']), 'quan ly thi truong'],
  [abbr(['kh', 'cn']), 'khoa hoc va cong nghe'],
  [abbr(['kh', 'dt']), 'ke hoach va dau tu'],
  [abbr(['nn', 'ptnt']), 'nong nghiep va phat trien nong thon'],
  [abbr(['nn', 'mt']), 'nong nghiep va moi truong'],
  [abbr(['tn', 'mt']), 'tai nguyen va moi truong'],
  [abbr(['vh', 'tt', 'dl']), 'van hoa the thao va du lich'],
  [abbr(['gd', 'dt']), 'giao duc va dao tao'],
  [abbr(['tt', 'tt']), 'thong tin va truyen thong'],
  [abbr(['ld', 'tb', 'xh']), 'lao dong thuong binh va xa hoi'],
  [abbr(['gt', 'vt']), 'giao thong van tai'],
  [abbr(['pt', 'th']), 'phat thanh truyen hinh'],
  [abbr(['hd', 'nd']), 'hoi dong nhan dan'],
  [abbr(['ub', 'nd']), 'uy ban nhan dan'],
  [abbr(['mttq', 'vn']), 'mat tran to quoc viet nam'],
  [abbr(['mttq']), 'mat tran to quoc'],
  [abbr(['bd', 'bp']), 'bo doi bien phong'],
  [abbr(['bch', 'qs']), 'bo chi huy quan su'],
  [abbr(['nhnn']), 'ngan hang nha nuoc'],
  [abbr(['hq']), 'hai quan'],
  [abbr(['sct']), 'so cong thuong'],
  [abbr(['dn']), 'doanh nghiep'],
  [abbr(['tp']), 'thanh pho'],
];

/**
 * Kinds read from the expanded text. The earliest match in the text wins ("Chi cục QLTT thuộc
 * Sở Công Thương" is QLTT). `weight` < 1 marks names of departments merged away in 2025, whose
 * duties moved to the kind given.
 */
const KIND_PATTERNS: { kind: AgencyKind; re: RegExp; weight: number }[] = [
  { kind: 'qltt', re: /quan ly thi truong/, weight: 1 },
  { kind: 'hoi-bvqlntd', re: /\bhoi (bao ve )?(quyen loi )?nguoi tieu dung/, weight: 1 },
  { kind: 'hiep-hoi-dn', re: /\b(hiep hoi|hoi) (cac )?doanh nghiep|\bhiep hoi\b/, weight: 1 },
  { kind: 'ubnd-xa', re: /uy ban nhan dan (cac |cap )?(xa|phuong|dac khu)/, weight: 1 },
  { kind: 'mttq', re: /mat tran to quoc/, weight: 1 },
  { kind: 'so-cong-thuong', re: /cong thuong/, weight: 1 },
  { kind: 'so-khcn', re: /khoa hoc (va )?cong nghe/, weight: 1 },
  { kind: 'so-khcn', re: /thong tin (va )?truyen thong/, weight: 0.8 },
  { kind: 'so-y-te', re: /\by te\b/, weight: 1 },
  { kind: 'so-nnmt', re: /nong nghiep (va )?moi truong/, weight: 1 },
  { kind: 'so-nnmt', re: /nong nghiep (va )?phat trien nong thon|tai nguyen (va )?moi truong/, weight: 0.8 },
  { kind: 'so-vhttdl', re: /van hoa the thao (va )?du lich/, weight: 1 },
  { kind: 'so-xay-dung', re: /\bso xay dung\b/, weight: 1 },
  { kind: 'so-xay-dung', re: /giao thong van tai/, weight: 0.8 },
  { kind: 'so-gddt', re: /giao duc (va )?dao tao/, weight: 1 },
  { kind: 'so-tai-chinh', re: /\btai chinh\b/, weight: 1 },
  { kind: 'so-tai-chinh', re: /ke hoach (va )?dau tu/, weight: 0.8 },
  { kind: 'so-tu-phap', re: /\btu phap\b/, weight: 1 },
  { kind: 'so-noi-vu', re: /\bnoi vu\b/, weight: 1 },
  { kind: 'so-noi-vu', re: /lao dong thuong binh/, weight: 0.8 },
  { kind: 'ngan-hang-nn', re: /ngan hang nha nuoc/, weight: 1 },
  { kind: 'cong-an', re: /\bcong an\b/, weight: 1 },
  { kind: 'hai-quan', re: /\bhai quan\b/, weight: 1 },
  { kind: 'bien-phong', re: /\bbien phong\b/, weight: 1 },
  { kind: 'bao-ptth', re: /phat thanh (va )?truyen hinh|\bdai phat thanh\b|^bao\b/, weight: 1 },
];

/** Folded, abbreviations expanded, punctuation removed, single spaces. */
export function canonicalName(text: string): string {
  let s = fold(text.normalize('NFC')).replace(/[“”"'’()[\]]/g, ' ');
  for (const [re, full] of ABBREVIATIONS) s = s.replace(re, ` ${full} `);
  return s
    .replace(/&/g, ' va ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The agency kind named by the text, if any, with how sure the reading is. */
export function detectKind(text: string): { kind: AgencyKind; weight: number } | null {
  const s = canonicalName(text);
  let best: { kind: AgencyKind; weight: number; at: number; len: number } | null = null;
  for (const p of KIND_PATTERNS) {
    const m = p.re.exec(s);
    if (!m) continue;
    if (!best || m.index < best.at || (m.index === best.at && m[0].length > best.len)) {
      best = { kind: p.kind, weight: p.weight, at: m.index, len: m[0].length };
    }
  }
  return best ? { kind: best.kind, weight: best.weight } : null;
}

const STOP = new Set(['va', 'cac', 'cua', 'truc', 'thuoc', 'tinh', 'thanh', 'pho', 'so']);

/** Drops the locality ("tỉnh Tuyên Quang", "thành phố Hà Nội", a bare trailing "tỉnh"). */
export function stripLocality(canonical: string, provinceNames: readonly string[]): string {
  let s = ` ${canonical} `;
  for (const n of provinceNames) {
    if (!n) continue;
    s = s.replace(new RegExp(` (tinh|thanh pho) ${n}(?= )`, 'g'), ' ').replace(new RegExp(` ${n} $`), ' ');
  }
  return s
    .replace(/ (tinh|thanh pho)(?= $)/, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function words(s: string): Set<string> {
  return new Set(s.split(' ').filter((w) => w && !STOP.has(w)));
}

/** Dice coefficient over the significant words of two canonical names. */
export function wordSimilarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return (2 * common) / (x.size + y.size);
}

export interface MatchCandidate {
  id: string;
  name: string;
  kind: AgencyKind;
  aliases: readonly string[];
}

export interface RankedCandidate {
  agencyId: string;
  name: string;
  kind: AgencyKind;
  confidence: number;
  matchedBy: 'name' | 'alias' | 'kind';
}

/**
 * Scores each candidate 0..1: 1 for the same name or alias after folding and expansion, 0.97
 * when only the locality differs, otherwise word overlap, lifted into 0.6..0.95 when the kind
 * read from the text is the candidate's kind and pushed down when it is another kind.
 */
export function rankCandidates(
  text: string,
  candidates: readonly MatchCandidate[],
  provinceNames: readonly string[] = [],
): RankedCandidate[] {
  const q = canonicalName(text);
  const qs = stripLocality(q, provinceNames);
  const detected = detectKind(text);
  const out: RankedCandidate[] = [];
  for (const c of candidates) {
    let best = 0;
    let by: RankedCandidate['matchedBy'] = 'name';
    const names: [string, 'name' | 'alias'][] = [[c.name, 'name'], ...c.aliases.map((a): [string, 'alias'] => [a, 'alias'])];
    for (const [n, source] of names) {
      const cn = canonicalName(n);
      const cs = stripLocality(cn, provinceNames);
      let score: number;
      if (cn === q) score = 1;
      else if (cs === qs && qs !== '') score = 0.97;
      else {
        const sim = wordSimilarity(qs, cs);
        if (detected?.kind === c.kind) score = 0.6 + 0.35 * sim;
        else if (detected) score = 0.3 * sim;
        else score = 0.8 * sim;
      }
      if (score > best) {
        best = score;
        by = score >= 0.97 ? source : detected?.kind === c.kind ? 'kind' : source;
      }
    }
    if (detected?.kind === c.kind && best < 0.97) best *= detected.weight;
    out.push({ agencyId: c.id, name: c.name, kind: c.kind, confidence: Math.round(best * 1000) / 1000, matchedBy: by });
  }
  return out.sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name, 'vi'));
}

/** Folded words worth a substring search in SQL (preselection before ranking). */
export function searchWords(text: string): string[] {
  return [...words(canonicalName(text))].filter((w) => w.length >= 3).slice(0, 12);
}

export const MIN_CONFIDENCE = 0.3;

/**
 * Maps a written agency name to agencies of the directory, best first, with a confidence 0..1
 * and the kind read from the text. Used by the agencies list (`q`) and by plan import.
 */
export async function matchAgency(
  ctx: Ctx,
  text: string,
  opts: {
    provinceCode?: string | undefined;
    communeCode?: string | undefined;
    kind?: string | undefined;
    level?: string | undefined;
    includeInactive?: boolean;
    limit?: number;
  } = {},
): Promise<AgencyMatchView> {
  const detected = detectKind(text);
  const rows = await listAgencyRows(ctx.db, {
    kind: opts.kind,
    level: opts.level,
    provinceCode: opts.provinceCode,
    communeCode: opts.communeCode,
    includeInactive: opts.includeInactive ?? false,
    match: { kinds: detected ? [detected.kind] : [], words: searchWords(text) },
  });
  const aliases = await aliasesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const provinces = await provinceShortNames(ctx.db);
  const names = provinces.flatMap((p) => [canonicalName(p.short_name), canonicalName(p.name_en)]);
  const ranked = rankCandidates(
    text,
    rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as AgencyKind, aliases: aliases.get(r.id) ?? [] })),
    [...new Set(names)].sort((a, b) => b.length - a.length),
  ).filter((c) => c.confidence >= MIN_CONFIDENCE);
  return { kind: detected?.kind ?? null, candidates: opts.limit ? ranked.slice(0, opts.limit) : ranked };
}
