/**
 * Synthetic consumer cases for demos and benchmarks (issue 4, point 11): `seedSynthetic(ctx, { requests })`
 * writes N realistic cases of the province, spread over its communes, the 18 sectors, the channels,
 * kinds and statuses, received over the last two years. The texts are the labelled corpus
 * (data/classify/corpus.jsonl) wrapped in generated Vietnamese names, businesses, products, amounts
 * in đồng and dates; about 5 % are typed without diacritics. Deterministic for a given seed (and the
 * same counter state and clock).
 *
 * The fast path writes straight into `request` with multi-row `insert … select from unnest(…)`, one
 * statement per batch that also writes the `received` timeline event (a failure leaves whole
 * batches). All case codes are reserved first from `request_code_counter` (one short statement per
 * year), so later intake continues the sequence.
 * Tracking secrets are not kept: the stored hashes are random, so synthetic cases cannot be tracked.
 * Every synthetic row carries `"synthetic": true` in `classification` and `routing`.
 *
 * For large loads (`rebuildIndexes`), the secondary indexes of `request` are dropped and rebuilt
 * around the load, all in one transaction: nothing is left half-done if the load fails, but the
 * table is locked for the whole load.
 */
import { sql } from 'kysely';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { agencyKinds, loadCorpus, routeRequest, type CorpusItem, type RouteResult, type Sector } from '../classify/index.js';
import { competenceTable, findAgencyForRoute, seedDemoDirectory, todayInVietnam } from '../directory/index.js';
import { formatRequestCode, missingFor } from './intake.js';
import { resolveAgency, type ResolvedAgency } from './triage.js';
import type { Channel, RequestInput, RequestKind, RequestStatus, VulnerableCode } from './schema.js';

export interface SyntheticOptions {
  requests: number;
  /** PRNG seed; the same seed gives the same cases. Default 1. */
  seed?: number;
  /** Rows per statement (default 2,000). */
  batchSize?: number;
  /** Drop and rebuild the secondary indexes of `request` around the load (one transaction). */
  rebuildIndexes?: boolean;
  /** Days back from now over which cases are received (default 730). */
  spanDays?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SyntheticResult {
  inserted: number;
  /** Codes used per year: first and last number. */
  codes: Record<string, { first: number; last: number }>;
  ms: number;
}

const ENFORCEMENT = new Set(['fraud-scam', 'counterfeit', 'smuggled-origin', 'unsafe']);
const CLOSED = new Set<RequestStatus>(['resolved', 'refused', 'closed']);
const DAY = 86_400_000;

// ── deterministic randomness ────────────────────────────────────────────────

/** sfc32: small, fast, good enough for test data; seeded through splitmix32. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  const mix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
function weighted<T extends string>(r: Rand, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1]![0];
}
const digits = (r: Rand, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const hex = (r: Rand, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');

// ── vocabulary ──────────────────────────────────────────────────────────────

const FAMILY = [
  ...Array<string>(12).fill('Nguyễn'),
  ...Array<string>(4).fill('Trần'),
  ...Array<string>(4).fill('Lê'),
  'Phạm',
  'Phạm',
  'Hoàng',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Ma',
  'Nông',
  'Hà',
  'Lương',
  'Triệu',
  'Lò',
  'Giàng',
  'Sùng',
  'Vàng',
  'Quan',
];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Xuân', 'Công', 'Mạnh', 'Tiến', 'Ngọc', 'Duy'];
const MIDDLE_F = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Hồng', 'Minh', 'Kim', 'Thanh', 'Phương', 'Mai', 'Bích'];
const GIVEN_M = [
  'Anh',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Đông',
  'Hải',
  'Hùng',
  'Huy',
  'Khánh',
  'Long',
  'Lộc',
  'Minh',
  'Nam',
  'Phong',
  'Quân',
  'Sơn',
  'Thắng',
  'Trung',
  'Tuấn',
  'Việt',
  'Toàn',
  'Hiếu',
  'Kiên',
];
const GIVEN_F = [
  'Anh',
  'Chi',
  'Giang',
  'Hà',
  'Hạnh',
  'Hoa',
  'Hương',
  'Huyền',
  'Lan',
  'Linh',
  'Mai',
  'Ngọc',
  'Nhung',
  'Phương',
  'Tâm',
  'Thảo',
  'Thủy',
  'Trang',
  'Vân',
  'Yến',
  'Loan',
  'Duyên',
  'Oanh',
  'Quyên',
];
const BRAND = [
  'Minh Phát',
  'Thành Công',
  'Hoàng Long',
  'An Khang',
  'Phú Quý',
  'Tân Tiến',
  'Việt Hưng',
  'Đại Nam',
  'Bảo Ngọc',
  'Kim Cương',
  'Hồng Hà',
  'Sao Mai',
  'Thiên Phúc',
  'Hải Đăng',
  'Toàn Thắng',
  'Gia Bảo',
  'Ngọc Lan',
  'Trường Sơn',
  'Phương Đông',
  'Hưng Thịnh',
  'Lô Gâm',
  'Sông Lô',
  'Tân Trào',
  'Hàm Yên',
  'Đồng Tâm',
  'Quang Minh',
  'Vạn Xuân',
  'Nhật Tân',
  'Bình An',
  'Đức Thành',
];
const TRADE = ['Thương mại', 'Dịch vụ', 'Thương mại và Dịch vụ', 'Xuất nhập khẩu', 'Đầu tư', 'Công nghệ', 'Sản xuất'];
const PLATFORMS = ['Shopee', 'Lazada', 'TikTok Shop', 'Tiki', 'Facebook', 'Zalo'];
const STREETS = [
  'Quang Trung',
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Trãi',
  'Tân Trào',
  'Bình Thuận',
  'Chiến Thắng Sông Lô',
  '17 tháng 8',
  'Phan Thiết',
];

interface SectorVocab {
  products: readonly string[];
  /** Shop words for "Cửa hàng X", "Đại lý X"… */
  shops: readonly string[];
  min: number;
  max: number;
  service?: boolean;
}

const VOCAB: Record<Sector, SectorVocab> = {
  ecommerce: {
    products: [
      'tai nghe bluetooth',
      'ốp lưng điện thoại',
      'áo khoác nữ',
      'giày thể thao',
      'son môi',
      'nồi chiên không dầu',
      'bình giữ nhiệt',
      'sữa bột',
      'đồng hồ thông minh',
      'sạc dự phòng',
      'kem chống nắng',
    ],
    shops: ['Shop', 'Cửa hàng online'],
    min: 50_000,
    max: 5_000_000,
  },
  food: {
    products: [
      'sữa bột',
      'nước mắm',
      'bánh trung thu',
      'giò chả',
      'rượu ngô',
      'thịt lợn',
      'dầu ăn',
      'bánh kẹo',
      'trà sữa',
      'cà phê bột',
      'mật ong',
      'nước đóng chai',
    ],
    shops: ['Cửa hàng thực phẩm', 'Tạp hóa', 'Quán ăn', 'Siêu thị mini'],
    min: 20_000,
    max: 2_000_000,
  },
  'health-products': {
    products: [
      'thực phẩm chức năng',
      'thuốc giảm cân',
      'sữa bột cho trẻ',
      'máy đo huyết áp',
      'khẩu trang y tế',
      'viên uống bổ gan',
      'mỹ phẩm trị nám',
      'thuốc cảm',
    ],
    shops: ['Nhà thuốc', 'Quầy thuốc', 'Cửa hàng mỹ phẩm'],
    min: 100_000,
    max: 10_000_000,
  },
  'health-services': {
    products: ['khám răng', 'gói khám sức khỏe', 'phẫu thuật thẩm mỹ', 'tiêm chủng dịch vụ', 'xét nghiệm máu', 'điều trị da liễu'],
    shops: ['Phòng khám', 'Nha khoa', 'Thẩm mỹ viện'],
    min: 200_000,
    max: 50_000_000,
    service: true,
  },
  agriculture: {
    products: ['phân bón NPK', 'giống lúa lai', 'thuốc trừ sâu', 'thức ăn chăn nuôi', 'cây giống cam sành', 'gà giống'],
    shops: ['Đại lý vật tư nông nghiệp', 'Cửa hàng phân bón', 'Đại lý thức ăn chăn nuôi'],
    min: 100_000,
    max: 30_000_000,
  },
  'fuel-energy': {
    products: ['xăng RON95', 'dầu diesel', 'bình gas', 'tiền điện', 'pin năng lượng mặt trời'],
    shops: ['Cửa hàng xăng dầu', 'Đại lý gas'],
    min: 50_000,
    max: 5_000_000,
  },
  water: {
    products: ['tiền nước sinh hoạt', 'nước sinh hoạt', 'lắp đặt đồng hồ nước', 'máy lọc nước'],
    shops: ['Công ty cấp nước', 'Cửa hàng máy lọc nước'],
    min: 50_000,
    max: 2_000_000,
    service: true,
  },
  'telecom-internet': {
    products: ['gói cước 4G', 'cáp quang internet', 'truyền hình cáp', 'sim số đẹp', 'dịch vụ giá trị gia tăng'],
    shops: ['Cửa hàng viễn thông', 'Đại lý sim thẻ'],
    min: 50_000,
    max: 3_000_000,
    service: true,
  },
  'banking-finance': {
    products: ['khoản vay tiêu dùng', 'thẻ tín dụng', 'ví điện tử', 'vay trả góp', 'phí chuyển tiền'],
    shops: ['Công ty tài chính', 'Phòng giao dịch ngân hàng'],
    min: 500_000,
    max: 200_000_000,
    service: true,
  },
  insurance: {
    products: ['bảo hiểm nhân thọ', 'bảo hiểm xe máy', 'bảo hiểm sức khỏe', 'bảo hiểm khoản vay'],
    shops: ['Đại lý bảo hiểm', 'Văn phòng bảo hiểm'],
    min: 1_000_000,
    max: 100_000_000,
    service: true,
  },
  'real-estate': {
    products: ['căn hộ chung cư', 'đất nền dự án', 'nhà phố liền kề', 'phí quản lý chung cư'],
    shops: ['Sàn giao dịch bất động sản', 'Ban quản lý tòa nhà'],
    min: 100_000_000,
    max: 3_000_000_000,
  },
  transport: {
    products: ['vé xe khách', 'vé máy bay', 'cước taxi công nghệ', 'dịch vụ chuyển phát', 'vé tàu hỏa'],
    shops: ['Nhà xe', 'Hãng taxi', 'Bưu cục'],
    min: 50_000,
    max: 5_000_000,
    service: true,
  },
  'tourism-hospitality': {
    products: ['tour Hà Giang', 'phòng khách sạn', 'tour Hạ Long', 'vé khu vui chơi', 'homestay Na Hang'],
    shops: ['Công ty du lịch', 'Khách sạn', 'Homestay'],
    min: 500_000,
    max: 50_000_000,
    service: true,
  },
  education: {
    products: ['khóa học tiếng Anh', 'khóa học lái xe', 'lớp luyện thi', 'học phí mầm non tư thục', 'khóa học kỹ năng sống'],
    shops: ['Trung tâm ngoại ngữ', 'Trung tâm đào tạo lái xe', 'Trung tâm luyện thi'],
    min: 1_000_000,
    max: 50_000_000,
    service: true,
  },
  vehicles: {
    products: ['xe máy tay ga', 'ô tô cũ', 'xe đạp điện', 'lốp xe', 'bảo dưỡng ô tô'],
    shops: ['Đại lý xe máy', 'Salon ô tô', 'Gara'],
    min: 5_000_000,
    max: 1_500_000_000,
  },
  'electronics-appliances': {
    products: ['điện thoại di động', 'tủ lạnh', 'máy giặt', 'điều hòa', 'tivi', 'laptop', 'máy lọc không khí'],
    shops: ['Siêu thị điện máy', 'Cửa hàng điện thoại', 'Cửa hàng điện máy'],
    min: 500_000,
    max: 40_000_000,
  },
  'consumer-goods': {
    products: ['nước giặt', 'dầu gội', 'mỹ phẩm', 'đồ chơi trẻ em', 'quần áo', 'nồi cơm điện', 'sữa bột', 'giày dép'],
    shops: ['Cửa hàng tạp hóa', 'Siêu thị', 'Cửa hàng'],
    min: 50_000,
    max: 5_000_000,
  },
  'services-other': {
    products: ['sửa chữa điện nước', 'giặt là', 'dịch vụ cưới hỏi', 'phòng tập gym', 'dịch vụ spa', 'vệ sinh nhà cửa'],
    shops: ['Cơ sở dịch vụ', 'Spa', 'Phòng tập'],
    min: 100_000,
    max: 10_000_000,
    service: true,
  },
};

const OUTCOMES = [
  'Đề nghị hoàn lại tiền.',
  'Đề nghị đổi sản phẩm mới.',
  'Đề nghị doanh nghiệp bồi thường thiệt hại.',
  'Đề nghị cơ quan chức năng kiểm tra, xử lý.',
  'Đề nghị hỗ trợ thương lượng với doanh nghiệp.',
  'Mong được xin lỗi công khai và bồi thường.',
];
const CLOSINGS = [
  '',
  ' Đề nghị cơ quan chức năng xem xét, giải quyết.',
  ' Mong cơ quan sớm xử lý để bảo vệ quyền lợi cho người tiêu dùng.',
  ' Tôi có giữ hóa đơn và tin nhắn trao đổi.',
  ' Rất mong được hỗ trợ.',
  ' Tôi còn giữ ảnh chụp và tin nhắn với người bán.',
  ' Xin cảm ơn.',
  '',
  ' Kính đề nghị cơ quan giúp đỡ.',
];
const KINDS: readonly (readonly [RequestKind, number])[] = [
  ['complaint', 50],
  ['request', 35],
  ['feedback', 15],
];
const CHANNELS: readonly (readonly [Channel, number])[] = [
  ['web', 45],
  ['hotline', 25],
  ['in_person', 9],
  ['email', 7],
  ['api', 5],
  ['ncc_referral', 5],
  ['post', 4],
];
const OTHER_VULNERABLE: readonly VulnerableCode[] = [
  'disability',
  'ethnic_minority',
  'pregnant_or_infant',
  'severe_illness',
  'poor_household',
];

/** Statuses by the age of the case: young cases are open, old ones mostly finished. */
function statusFor(r: Rand, ageDays: number, missing: boolean): RequestStatus {
  if (ageDays < 3)
    return missing
      ? 'awaiting_supplement'
      : weighted(r, [
          ['received', 70],
          ['accepted', 30],
        ]);
  if (ageDays < 30)
    return weighted(r, [
      ['awaiting_supplement', missing ? 30 : 5],
      ['accepted', 25],
      ['forwarded', 20],
      ['in_progress', 35],
      ['resolved', 5],
    ]);
  if (ageDays < 90)
    return weighted(r, [
      ['in_progress', 25],
      ['forwarded', 10],
      ['resolved', 45],
      ['refused', 5],
      ['closed', 15],
    ]);
  return weighted(r, [
    ['in_progress', 2],
    ['forwarded', 1],
    ['resolved', 25],
    ['refused', 7],
    ['closed', 65],
  ]);
}

const vnd = (n: number): string => n.toLocaleString('de-DE');
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
/** A bump on [0, 1] peaking near 0.35: the age mix of people who complain. */
const betaish = (r: Rand): number => Math.min(1, Math.max(0, (r() + r() + r()) / 3 - 0.15 + (r() < 0.1 ? 0.35 : 0)));
const dmy = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
export const stripDiacritics = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
/** A Postgres array literal of plain words (codes only: no quoting needed). */
const pgArray = (xs: readonly string[]): string => `{${xs.join(',')}}`;

// ── the generator ───────────────────────────────────────────────────────────

interface Commune {
  code: string;
  name: string;
}

/** One insertable row, as the text values of the unnest() columns. */
type Row = (string | null)[];

/** Columns of `request` written by the fast path, with their SQL types. */
const COLUMNS: readonly (readonly [string, string])[] = [
  ['code', 'text'],
  ['province_code', 'text'],
  ['kind', 'text'],
  ['channel', 'text'],
  ['status', 'text'],
  ['received_at', 'timestamptz'],
  ['consumer', 'jsonb'],
  ['consumer_name', 'text'],
  ['consumer_phone', 'text'],
  ['consumer_email', 'text'],
  ['vulnerable', 'text[]'],
  ['business', 'jsonb'],
  ['business_name', 'text'],
  ['business_tax_code', 'text'],
  ['txn', 'jsonb'],
  ['amount_vnd', 'bigint'],
  ['transaction_date', 'date'],
  ['product_or_service', 'text'],
  ['place_commune_code', 'text'],
  ['online', 'boolean'],
  ['description', 'text'],
  ['desired_outcome', 'text'],
  ['prior_contact', 'jsonb'],
  ['consents', 'jsonb'],
  ['language', 'text'],
  ['sector', 'text'],
  ['violations', 'text[]'],
  ['classification', 'jsonb'],
  ['agency_id', 'uuid'],
  ['agency_kind', 'text'],
  ['routing', 'jsonb'],
  ['commune_code', 'text'],
  ['tracking_secret_hash', 'text'],
  ['missing', 'text[]'],
  ['enforcement_flag', 'boolean'],
  ['next_due_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];

const INSERT_SQL = (() => {
  const names = COLUMNS.map(([n]) => n).join(', ');
  const casts = COLUMNS.map(([, t], i) => `t.c${i}::${t}`).join(', ');
  const aliases = COLUMNS.map((_, i) => `c${i}`).join(', ');
  return { names, casts, aliases };
})();

interface Context {
  province: string;
  now: Date;
  spanMs: number;
  corpus: CorpusItem[];
  communes: Commune[];
  communeAgency: Map<string, ResolvedAgency>;
  routeFor: (
    item: number,
    kind: RequestKind,
    local: boolean,
    small: boolean,
    registered: boolean,
  ) => { route: RouteResult; agency: ResolvedAgency };
}

async function prepare(ctx: Ctx, spanDays: number): Promise<Context> {
  const province = ctx.deps.config.PROVINCE_CODE;
  const now = ctx.now();
  const corpus = loadCorpus();
  const communes = (
    await ctx.db
      .selectFrom('commune')
      .select(['code', 'name_current as name'])
      .where('province_code', '=', province)
      .orderBy('code')
      .execute()
  ).map((c) => ({ code: c.code, name: c.name }));
  if (communes.length === 0) throw new Error(`no commune of province ${province} in the directory`);
  const communeAgency = new Map<string, ResolvedAgency>();
  for (const c of communes) {
    const a = await findAgencyForRoute(ctx, { provinceCode: province, kind: 'ubnd-xa', communeCode: c.code });
    if (a) communeAgency.set(c.code, { kind: a.kind, id: a.id, name: a.name, level: a.level, communeCode: a.communeCode });
  }
  // The province-level agency of every kind (or the focal agency the directory falls back to).
  const byKind = new Map<string, ResolvedAgency>();
  for (const kind of agencyKinds) byKind.set(kind, await resolveAgency(ctx, { agency: { kind, level: 'province' } }));
  const table = await competenceTable(ctx);
  const today = todayInVietnam(now);
  const routes = new Map<string, { route: RouteResult; agency: ResolvedAgency }>();
  const routeFor: Context['routeFor'] = (i, kind, local, small, registered) => {
    const key = `${i}|${kind}|${local}|${small}|${registered}`;
    let hit = routes.get(key);
    if (!hit) {
      const item = corpus[i]!;
      const route = routeRequest(
        {
          sector: item.sector,
          violations: item.violations,
          description: item.text,
          kind,
          negotiationSupport: kind === 'request',
          ...(registered ? { business: { taxCode: '0100000000' } } : {}),
          transaction: { amountVnd: small ? 500_000 : 500_000_000, place: local ? { communeCode: '00000' } : { online: true } },
        },
        table,
        today,
      );
      hit = { route, agency: byKind.get(route.agency.kind)! };
      routes.set(key, hit);
    }
    return hit;
  };
  return { province, now, spanMs: spanDays * DAY, corpus, communes, communeAgency, routeFor };
}

function personName(r: Rand): { name: string; female: boolean } {
  const female = r() < 0.52;
  const family = pick(r, FAMILY);
  const middle = pick(r, female ? MIDDLE_F : MIDDLE_M);
  const given = pick(r, female ? GIVEN_F : GIVEN_M);
  return { name: `${family} ${middle} ${given}`, female };
}

function businessName(r: Rand, v: SectorVocab, online: boolean): string {
  const brand = pick(r, BRAND);
  const x = r();
  if (online && x < 0.5) return `Shop ${stripDiacritics(brand).replace(/\s/g, '')} ${pick(r, ['Store', 'Official', 'Mall', 'House'])}`;
  if (x < 0.35) return `Công ty TNHH ${pick(r, TRADE)} ${brand}`;
  if (x < 0.5) return `Công ty Cổ phần ${pick(r, TRADE)} ${brand}`;
  if (x < 0.6) return `Hộ kinh doanh ${personName(r).name}`;
  return `${pick(r, v.shops)} ${brand}`;
}

function amountFor(r: Rand, v: SectorVocab): number {
  const x = Math.exp(Math.log(v.min) + r() * (Math.log(v.max) - Math.log(v.min)));
  const step = x >= 10_000_000 ? 100_000 : x >= 1_000_000 ? 10_000 : 1_000;
  return Math.max(step, Math.round(x / step) * step);
}

function makeRow(c: Context, r: Rand, receivedAt: Date, code: string): Row {
  const itemIndex = Math.floor(r() * c.corpus.length);
  const item = c.corpus[itemIndex]!;
  const v = VOCAB[item.sector];
  const kind = weighted(r, KINDS);
  const channel = weighted(r, CHANNELS);
  const online = item.sector === 'ecommerce' || (channel !== 'in_person' && r() < 0.12);
  const home = pick(r, c.communes);
  const place = r() < 0.75 ? home : pick(r, c.communes);
  const receivedIso = receivedAt.toISOString();
  const today = todayInVietnam(receivedAt);
  const ageDays = (c.now.getTime() - receivedAt.getTime()) / DAY;

  // consumer
  const person = personName(r);
  // Ages 15–85, mostly 25–55 (about 10 % are 60 or over).
  const birthYear = r() < 0.7 ? Number(today.slice(0, 4)) - Math.round(15 + 70 * betaish(r)) : undefined;
  const age = birthYear === undefined ? undefined : Number(today.slice(0, 4)) - birthYear;
  const vulnerable: VulnerableCode[] = [];
  if (age !== undefined && age >= 60) vulnerable.push('elderly');
  if (age !== undefined && age < 16) vulnerable.push('child');
  if (r() < 0.04) vulnerable.push(pick(r, OTHER_VULNERABLE));
  const phone = r() < 0.9 ? `0${pick(r, ['3', '8', '9', '7', '5'])}${digits(r, 8)}` : undefined;
  const email =
    r() < 0.35
      ? `${stripDiacritics(person.name).toLowerCase().replace(/\s+/g, '.')}${Math.floor(r() * 1000)}@${pick(r, ['gmail.com', 'yahoo.com', 'outlook.com'])}`
      : undefined;
  const consumer: RequestInput['consumer'] = {
    fullName: person.name,
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(birthYear !== undefined ? { birthYear } : {}),
    address: {
      ...(r() < 0.8 ? { line: `Số ${1 + Math.floor(r() * 200)}, ${pick(r, ['thôn', 'tổ', 'xóm'])} ${1 + Math.floor(r() * 20)}` } : {}),
      communeCode: home.code,
    },
    ...(vulnerable.length ? { vulnerable: [...new Set(vulnerable)] } : {}),
  };

  // business and transaction
  const bizName = businessName(r, v, online);
  const taxCode = r() < 0.5 ? `${pick(r, ['01', '03', '50', '51', '52'])}${digits(r, 8)}` : undefined;
  const platform = online ? pick(r, PLATFORMS) : undefined;
  const business: RequestInput['business'] = {
    name: bizName,
    ...(taxCode ? { taxCode } : {}),
    ...(!online && r() < 0.7 ? { address: `${1 + Math.floor(r() * 300)} ${pick(r, STREETS)}, ${lowerFirst(place.name)}` } : {}),
    ...(platform ? { platform } : {}),
  };
  const product = pick(r, v.products);
  const amount = amountFor(r, v);
  const txnDate = todayInVietnam(new Date(receivedAt.getTime() - Math.floor(r() * 60) * DAY));
  const hasTxn = r() < 0.85;
  const transaction: RequestInput['transaction'] = hasTxn
    ? {
        ...(r() < 0.85 ? { date: txnDate } : {}),
        ...(r() < 0.8 ? { amountVnd: amount } : {}),
        productOrService: product,
        place: online ? { online: true } : { communeCode: place.code },
      }
    : undefined;
  const priorContact: RequestInput['priorContact'] =
    r() < 0.5
      ? {
          date: txnDate,
          businessReply: weighted(r, [
            ['none', 35],
            ['refused', 30],
            ['partial', 15],
            ['unsatisfactory', 20],
          ]),
        }
      : undefined;

  // the text
  const intro = weighted(r, [
    ['none', 35],
    ['name', 30],
    ['buy', 35],
  ]);
  const verb = v.service ? 'sử dụng dịch vụ' : 'mua';
  const parts: string[] = [];
  if (intro === 'name') parts.push(`Tôi là ${person.name}, ở ${lowerFirst(place.name)}.`);
  if (intro !== 'none')
    parts.push(
      `Ngày ${dmy(txnDate)} tôi ${verb} ${product} ${online ? `của ${bizName} trên ${platform}` : `tại ${bizName}`}, ${pick(r, ['giá', 'hết', 'thanh toán', 'trả'])} ${vnd(amount)} đồng.`,
    );
  parts.push(item.text);
  if (item.violations.includes('counterfeit') && r() < 0.7)
    parts.push(
      pick(r, ['Tôi nghi là hàng giả.', 'Nhiều khả năng đây là hàng giả, hàng nhái.', 'Đề nghị kiểm tra vì có dấu hiệu hàng giả.']),
    );
  let description = parts.join(' ') + pick(r, CLOSINGS);
  if (r() < 0.05) description = stripDiacritics(description);
  description = description.normalize('NFC');

  const input = { kind, channel, consumer, business, description, consents: { privacyNoticeVersion: '2026-01' } } as RequestInput;
  if (transaction) input.transaction = transaction;
  const missing = missingFor(input, 0);
  const status = statusFor(r, ageDays, missing.length > 0);

  // routing: from the corpus labels through the real competence table
  const small = (transaction?.amountVnd ?? amount) <= 10_000_000;
  const { route, agency: provincial } = c.routeFor(itemIndex, kind, !online, small, taxCode !== undefined);
  const agency = route.agency.level === 'commune' ? (c.communeAgency.get(place.code) ?? provincial) : provincial;
  const routing = {
    agencyName: agency.name,
    routedKind: route.agency.kind,
    reason: route.reason,
    legalBasis: route.legalBasis,
    explanation: route.explanation,
    alternatives: route.alternatives.map((a) => ({ kind: a.kind, score: a.score, reason: a.reason })),
    fallback: route.fallback,
    situations: route.situations,
    synthetic: true,
  };
  const enforcement = item.violations.some((x) => ENFORCEMENT.has(x));

  // due dates: open cases wait on a clock; closed ones do not
  let nextDue: Date | null = null;
  if (!CLOSED.has(status)) {
    const days = status === 'received' ? 3 : status === 'awaiting_supplement' ? 7 : 7 + Math.floor(r() * 38);
    nextDue = new Date(receivedAt.getTime() + days * DAY);
  }
  const updated = CLOSED.has(status)
    ? new Date(Math.min(c.now.getTime(), receivedAt.getTime() + (5 + Math.floor(r() * 60)) * DAY))
    : receivedAt;

  return [
    code,
    c.province,
    kind,
    channel,
    status,
    receivedIso,
    JSON.stringify(consumer),
    person.name,
    phone ?? null,
    email ?? null,
    pgArray(consumer.vulnerable ?? []),
    JSON.stringify(business),
    bizName,
    taxCode ?? null,
    transaction ? JSON.stringify(transaction) : null,
    transaction?.amountVnd !== undefined ? String(transaction.amountVnd) : null,
    transaction?.date ?? null,
    transaction?.productOrService ?? null,
    online ? null : place.code,
    String(online),
    description,
    r() < 0.8 ? pick(r, OUTCOMES) : null,
    priorContact ? JSON.stringify(priorContact) : null,
    JSON.stringify({ privacyNoticeVersion: '2026-01', publishNarrative: r() < 0.2, recordedAt: receivedIso }),
    'vi',
    item.sector,
    pgArray(item.violations),
    JSON.stringify({
      sector: item.sector,
      violations: item.violations,
      confidence: Math.round((0.55 + r() * 0.44) * 1000) / 1000,
      explanation: 'Dữ liệu tổng hợp (synthetic): nhãn của văn bản mẫu.',
      synthetic: true,
    }),
    agency.id,
    agency.kind,
    JSON.stringify(routing),
    agency.level === 'commune' ? agency.communeCode : null,
    hex(r, 64),
    pgArray(missing),
    String(enforcement),
    nextDue ? nextDue.toISOString() : null,
    receivedIso,
    updated.toISOString(),
  ];
}

/** Reserves `count` numbers of the province's yearly code sequence; returns the first. */
async function reserveCodes(ctx: Ctx, province: string, year: number, count: number): Promise<number> {
  const r = await ctx.db
    .insertInto('request_code_counter')
    .values({ province_code: province, year, last: count })
    .onConflict((oc) => oc.columns(['province_code', 'year']).doUpdateSet({ last: sql`request_code_counter.last + ${count}` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last - count + 1;
}

async function insertBatch(ctx: Ctx, rows: Row[]): Promise<void> {
  const params = COLUMNS.map((_, i) => rows.map((row) => row[i] ?? null));
  const arrays = sql.join(params.map((p) => sql`${p}::text[]`));
  await sql`
    with ins as (
      insert into request (${sql.raw(INSERT_SQL.names)})
      select ${sql.raw(INSERT_SQL.casts)} from unnest(${arrays}) as t(${sql.raw(INSERT_SQL.aliases)})
      returning id, received_at, channel
    )
    insert into request_event (request_id, at, type, actor_id, actor_label, public, data)
    select id, received_at, 'received', null,
           case when channel in ('web', 'api') then 'Người tiêu dùng' else 'Cán bộ tiếp nhận' end,
           true, jsonb_build_object('channel', channel, 'synthetic', true)
    from ins`.execute(ctx.db);
}

/** Definitions of the secondary indexes of `request` (not primary key, not unique). */
async function secondaryIndexes(ctx: Ctx): Promise<{ name: string; def: string }[]> {
  const r = await sql<{ name: string; def: string }>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = 'request'::regclass and not i.indisprimary and not i.indisunique
    order by c.relname`.execute(ctx.db);
  return r.rows;
}

/**
 * Writes `requests` synthetic cases (see the module comment). Runs as the system: the caller
 * decides who may seed (a script, a test, a benchmark).
 */
export async function seedSynthetic(ctx: Ctx, opts: SyntheticOptions): Promise<SyntheticResult> {
  const started = performance.now();
  const total = Math.max(0, Math.floor(opts.requests));
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 2000, 20_000));
  const seed = opts.seed ?? 1;
  const c = await prepare(ctx, opts.spanDays ?? 730);
  const r = prng(seed);

  // Received instants: stratified over the span (so sorted), within 06:30–21:30 Vietnam time.
  const rt = prng(seed ^ 0x5bd1e995);
  const start = c.now.getTime() - c.spanMs;
  const times = new Float64Array(total);
  const years = new Uint16Array(total);
  for (let i = 0; i < total; i++) {
    const t = start + ((i + rt()) / total) * c.spanMs;
    const dayStart = Math.floor((t + 7 * 3600_000) / DAY) * DAY - 7 * 3600_000;
    const at = Math.min(dayStart + (6.5 + ((t - dayStart) / DAY) * 15) * 3600_000, c.now.getTime() - 60_000);
    times[i] = at;
    years[i] = Number(todayInVietnam(new Date(at)).slice(0, 4));
  }

  const run = async (tx: Ctx): Promise<SyntheticResult['codes']> => {
    // All codes are reserved first, in one short statement per year: live intake is never blocked
    // for long, and continues after the last synthetic number.
    const perYear = new Map<number, number>();
    for (const y of years) perYear.set(y, (perYear.get(y) ?? 0) + 1);
    const codes: SyntheticResult['codes'] = {};
    const next = new Map<number, number>();
    for (const [y, count] of [...perYear].sort((a, b) => a[0] - b[0])) {
      const first = await reserveCodes(tx, c.province, y, count);
      next.set(y, first);
      codes[String(y)] = { first, last: first + count - 1 };
    }
    let pending: Promise<void> | undefined;
    for (let done = 0; done < total; done += batchSize) {
      const n = Math.min(batchSize, total - done);
      const rows: Row[] = [];
      for (let k = done; k < done + n; k++) {
        const y = years[k]!;
        const num = next.get(y)!;
        next.set(y, num + 1);
        rows.push(makeRow(c, r, new Date(times[k]!), formatRequestCode(y, num)));
      }
      // One statement in flight while the next batch is generated.
      if (pending) await pending;
      const upTo = done + n;
      pending = insertBatch(tx, rows).then(() => opts.onProgress?.(upTo, total));
    }
    if (pending) await pending;
    return codes;
  };

  let codes: SyntheticResult['codes'];
  if (opts.rebuildIndexes) {
    codes = await inTransaction(ctx, async (tx) => {
      const indexes = await secondaryIndexes(tx);
      for (const ix of indexes) await sql`drop index ${sql.id(ix.name)}`.execute(tx.db);
      const out = await run(tx);
      if (ctx.deps.dbKind === 'postgres') await sql`set local maintenance_work_mem = '512MB'`.execute(tx.db);
      for (const ix of indexes) await sql.raw(ix.def).execute(tx.db);
      return out;
    });
  } else {
    // Each batch is one statement (cases and their events together); a failure leaves whole batches.
    codes = await run(ctx);
  }
  await sql`analyze request`.execute(ctx.db);
  await sql`analyze request_event`.execute(ctx.db);
  return { inserted: total, codes, ms: Math.round(performance.now() - started) };
}

/**
 * Cases need agencies to land in an inbox: when the province has no active agency (a database that
 * was only migrated), the directory's demo agencies are created, as on the first `npm start`.
 * Returns the number of agencies created.
 */
export async function ensureAgencies(ctx: Ctx): Promise<number> {
  const province = ctx.deps.config.PROVINCE_CODE;
  const any = await ctx.db
    .selectFrom('agency')
    .select('id')
    .where('province_code', '=', province)
    .where('active', '=', true)
    .executeTakeFirst();
  if (any) return 0;
  return inTransaction(ctx, async (tx) => (await seedDemoDirectory(tx, province)).created);
}
