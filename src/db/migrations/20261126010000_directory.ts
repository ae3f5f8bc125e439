import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';

/**
 * Directory (modules/directory): the 34 provinces and 3,321 communes of the 2025 reform with
 * their old→new mapping, loaded from the vendored CSVs in data/adminunits (see its README and
 * NOTICE); agencies with aliases; the competence table with effective dates (LAW.md §10.3, §13,
 * §16, §18 rule 22). Self-contained on purpose: a migration must not change behaviour when a
 * shared helper does, so the small CSV reader lives here. Runs unchanged on PostgreSQL 15 and
 * PGlite (no COPY: bulk inserts are `insert … select from unnest(arrays)` in batches).
 */
const DATA_DIR = new URL('../../../data/adminunits/', import.meta.url);

const AGENCY_KINDS = [
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
];

/** RFC 4180 CSV: quoted fields with "" escapes and embedded commas or newlines. Every value NFC. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  if (!header) return [];
  return body.map((r, n) => {
    if (r.length !== header.length) throw new Error(`CSV row ${n + 2}: ${r.length} fields, expected ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]!.normalize('NFC').trim()]));
  });
}

function readCsv(name: string, expectedRows: number): Record<string, string>[] {
  const rows = parseCsv(readFileSync(new URL(name, DATA_DIR), 'utf8'));
  if (rows.length !== expectedRows) throw new Error(`data/adminunits/${name}: ${rows.length} rows, expected ${expectedRows}`);
  return rows;
}

const orNull = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);

async function inBatches<T>(rows: T[], size: number, fn: (batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const kinds = sql.join(AGENCY_KINDS.map((k) => sql.lit(k)));

  await sql`
    create table province (
      code text primary key check (code ~ '^[0-9]{2}$'),
      name text not null,
      type text not null check (type in ('tinh', 'thanh_pho')),
      name_current text not null,
      type_current text not null check (type_current in ('tinh', 'thanh_pho')),
      name_en text not null,
      short_name text not null,
      amended_on date,
      amended_basis text,
      fold_key text generated always as (f_fold(name_current || ' ' || name_en)) stored
    )`.execute(db);

  await sql`
    create table commune (
      code text primary key check (code ~ '^[0-9]{5}$'),
      province_code text not null references province(code),
      name text not null,
      type text not null check (type in ('xa', 'phuong', 'dac_khu')),
      name_current text not null,
      type_current text not null check (type_current in ('xa', 'phuong', 'dac_khu')),
      name_en text not null,
      amended_on date,
      amended_basis text,
      fold_key text generated always as (f_fold(name_current || ' ' || name_en)) stored,
      constraint commune_code_province_uq unique (code, province_code)
    )`.execute(db);
  await sql`create index commune_province_idx on commune (province_code, code)`.execute(db);
  await sql`create index commune_fold_idx on commune using gin (fold_key gin_trgm_ops)`.execute(db);

  await sql`
    create table commune_source (
      id serial primary key,
      new_code text not null references commune(code),
      old_code text check (old_code ~ '^[0-9]{5}$'),
      old_name text not null,
      old_district_code text,
      old_district text,
      old_province_code text,
      old_province text,
      note text
    )`.execute(db);
  await sql`create index commune_source_old_idx on commune_source (old_code)`.execute(db);
  await sql`create index commune_source_new_idx on commune_source (new_code)`.execute(db);

  await sql`
    create table agency (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 2 and 300),
      kind text not null check (kind in (${kinds})),
      level text not null check (level in ('province', 'commune')),
      province_code text not null references province(code),
      commune_code text,
      parent_id uuid references agency(id),
      address text,
      phone text,
      email text,
      website text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      fold_key text generated always as (f_fold(name)) stored,
      constraint agency_commune_level check ((level = 'commune') = (commune_code is not null)),
      constraint agency_commune_in_province foreign key (commune_code, province_code) references commune(code, province_code),
      constraint agency_not_own_parent check (parent_id is null or parent_id <> id)
    )`.execute(db);
  await sql`create unique index agency_name_uq on agency (province_code, fold_key)`.execute(db);
  await sql`create index agency_kind_idx on agency (province_code, kind)`.execute(db);
  await sql`create index agency_commune_idx on agency (commune_code) where commune_code is not null`.execute(db);

  await sql`
    create table agency_alias (
      id uuid primary key default gen_random_uuid(),
      agency_id uuid not null references agency(id),
      alias text not null check (length(alias) between 1 and 300),
      alias_fold text generated always as (f_fold(alias)) stored,
      created_at timestamptz not null default now(),
      constraint agency_alias_uq unique (agency_id, alias_fold)
    )`.execute(db);

  await sql`
    create table competence_rule (
      id uuid primary key default gen_random_uuid(),
      sector text not null check (sector ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      violation_type text not null check (violation_type ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      level text not null check (level in ('province', 'commune')),
      agency_kind text not null check (agency_kind in (${kinds})),
      valid_from date not null,
      valid_until date,
      legal_basis text not null check (length(legal_basis) between 3 and 1000),
      note text,
      warned_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint competence_rule_period check (valid_until is null or valid_until > valid_from)
    )`.execute(db);
  await sql`create index competence_rule_lookup_idx on competence_rule (sector, violation_type, valid_from)`.execute(db);

  // ── data ────────────────────────────────────────────────────────────────────
  const amendments = new Map<string, { on: string; basis: string }>();
  for (const a of readCsv('amendments_since_2025-07-01.csv', 25))
    amendments.set(`${a.level}:${a.code}`, { on: a.effective!, basis: a.basis! });

  const provinces = readCsv('provinces.csv', 34);
  const pa = (p: Record<string, string>) => amendments.get(`province:${p.code}`);
  await sql`
    insert into province (code, name, type, name_current, type_current, name_en, short_name, amended_on, amended_basis)
    select * from unnest(
      ${provinces.map((p) => p.code)}::text[], ${provinces.map((p) => p.name)}::text[], ${provinces.map((p) => p.type)}::text[],
      ${provinces.map((p) => p.name_current)}::text[], ${provinces.map((p) => p.type_current)}::text[],
      ${provinces.map((p) => p.name_en)}::text[], ${provinces.map((p) => p.short_name)}::text[],
      ${provinces.map((p) => pa(p)?.on ?? null)}::date[], ${provinces.map((p) => pa(p)?.basis ?? null)}::text[]
    )`.execute(db);

  const communes = readCsv('communes.csv', 3321);
  const ca = (c: Record<string, string>) => amendments.get(`commune:${c.code}`);
  await inBatches(communes, 1000, async (b) => {
    await sql`
      insert into commune (code, province_code, name, type, name_current, type_current, name_en, amended_on, amended_basis)
      select * from unnest(
        ${b.map((c) => c.code)}::text[], ${b.map((c) => c.province_code)}::text[], ${b.map((c) => c.name)}::text[],
        ${b.map((c) => c.type)}::text[], ${b.map((c) => c.name_current)}::text[], ${b.map((c) => c.type_current)}::text[],
        ${b.map((c) => c.name_en)}::text[], ${b.map((c) => ca(c)?.on ?? null)}::date[], ${b.map((c) => ca(c)?.basis ?? null)}::text[]
      )`.execute(db);
  });

  const sources = readCsv('commune_sources.csv', 10571);
  await inBatches(sources, 2000, async (b) => {
    await sql`
      insert into commune_source (new_code, old_code, old_name, old_district_code, old_district, old_province_code, old_province, note)
      select * from unnest(
        ${b.map((s) => s.new_code)}::text[], ${b.map((s) => orNull(s.old_code))}::text[], ${b.map((s) => s.old_name)}::text[],
        ${b.map((s) => orNull(s.old_district_code))}::text[], ${b.map((s) => orNull(s.old_district))}::text[],
        ${b.map((s) => orNull(s.old_province_code))}::text[], ${b.map((s) => orNull(s.old_province))}::text[],
        ${b.map((s) => orNull(s.note))}::text[]
      )`.execute(db);
  });

  // ── competence table (LAW.md §10.3, §13, §16, §18 rule 22) ───────────────────
  const SUNSET = '2027-03-01'; // Decree 146/2025 Art. 60(2); Decree 139/2025 Art. 21(2)
  const rules: [string, string, 'province' | 'commune', string, string, string | null, string, string][] = [
    [
      'consumer-protection',
      'negotiation-support',
      'province',
      'so-cong-thuong',
      '2025-07-01',
      SUNSET,
      'Nghị định 146/2025/NĐ-CP, Điều 46 khoản 1; Luật BVQLNTD 19/2023/QH15, Điều 57',
      'Tiếp nhận yêu cầu hỗ trợ thương lượng: UBND cấp tỉnh (Sở Công Thương) trong mọi trường hợp. Hết hiệu lực 01/3/2027 nếu không được gia hạn (NĐ 146, Điều 60 khoản 2).',
    ],
    [
      'consumer-protection',
      'standard-form-contract',
      'province',
      'so-cong-thuong',
      '2025-07-01',
      SUNSET,
      'Nghị định 146/2025/NĐ-CP, Điều 47; Nghị định 55/2024/NĐ-CP, Điều 7–16',
      'Đăng ký, kiểm soát hợp đồng theo mẫu, điều kiện giao dịch chung và báo cáo hằng năm: cấp tỉnh trong mọi trường hợp (NĐ 146 ưu tiên áp dụng so với NĐ 55 Điều 14 khi còn hiệu lực).',
    ],
    [
      'consumer-protection',
      'testing-and-warning',
      'province',
      'so-cong-thuong',
      '2025-07-01',
      SUNSET,
      'Nghị định 146/2025/NĐ-CP, Điều 46',
      'Kiểm tra, thử nghiệm và cảnh báo người tiêu dùng; giao nhiệm vụ cho tổ chức xã hội; quản lý tổ chức xã hội và tổ chức hòa giải.',
    ],
    [
      'consumer-protection',
      'multi-level-marketing',
      'province',
      'so-cong-thuong',
      '2025-07-01',
      SUNSET,
      'Nghị định 146/2025/NĐ-CP, Điều 48',
      'Thủ tục về kinh doanh theo phương thức đa cấp.',
    ],
    [
      'consumer-protection',
      'recall-single-province',
      'province',
      'so-cong-thuong',
      '2024-07-01',
      null,
      'Luật BVQLNTD 19/2023/QH15, Điều 32 khoản 2',
      'Giám sát thu hồi sản phẩm có khuyết tật trong phạm vi một tỉnh; thu hồi nhiều tỉnh do Bộ Công Thương giám sát (NĐ 55/2024, Điều 21 khoản 3).',
    ],
    [
      'consumer-protection',
      'violator-list',
      'province',
      'so-cong-thuong',
      '2024-07-01',
      null,
      'Luật BVQLNTD 19/2023/QH15, Điều 40 khoản 2 điểm a; Nghị định 55/2024/NĐ-CP, Điều 24',
      'Công bố danh sách tổ chức, cá nhân kinh doanh vi phạm.',
    ],
    [
      'consumer-protection',
      'markets-commercial-centres',
      'commune',
      'ubnd-xa',
      '2025-07-01',
      SUNSET,
      'Nghị định 139/2025/NĐ-CP, Điều 18; Luật BVQLNTD 19/2023/QH15, Điều 77 khoản 2 điểm d',
      'Nhiệm vụ trước đây của cấp huyện chuyển cho UBND cấp xã: quản lý chợ, trung tâm thương mại. Hết hiệu lực 01/3/2027 nếu không được gia hạn (NĐ 139, Điều 21 khoản 2).',
    ],
    [
      'consumer-protection',
      'inspection-complaints',
      'commune',
      'ubnd-xa',
      '2025-07-01',
      SUNSET,
      'Nghị định 139/2025/NĐ-CP, Điều 18; Luật BVQLNTD 19/2023/QH15, Điều 77 khoản 2 điểm a, b, c, đ, g',
      'Nhiệm vụ trước đây của cấp huyện chuyển cho UBND cấp xã: kiểm tra, giải quyết khiếu nại, tố cáo, xử lý vi phạm trong thẩm quyền; tuyên truyền, tư vấn; báo cáo định kỳ.',
    ],
    [
      'consumer-protection',
      'off-premises-sales',
      'commune',
      'ubnd-xa',
      '2024-07-01',
      null,
      'Luật BVQLNTD 19/2023/QH15, Điều 77 khoản 3; Nghị định 55/2024/NĐ-CP, Điều 26–27',
      'Tiếp nhận thông báo và theo dõi hoạt động bán hàng không tại địa điểm giao dịch thường xuyên.',
    ],
    [
      'consumer-protection',
      'unregistered-traders',
      'commune',
      'ubnd-xa',
      '2024-07-01',
      null,
      'Luật BVQLNTD 19/2023/QH15, Điều 77 khoản 3',
      'Cá nhân hoạt động thương mại độc lập, thường xuyên, không phải đăng ký kinh doanh; kiểm tra ban quản lý chợ.',
    ],
    [
      'consumer-protection',
      'administrative-sanction',
      'commune',
      'ubnd-xa',
      '2025-02-21',
      null,
      'Nghị định 98/2020/NĐ-CP (sửa đổi bởi NĐ 17/2022/NĐ-CP và NĐ 24/2025/NĐ-CP), Mục 9 Điều 46–61b; thẩm quyền Chủ tịch UBND cấp xã: Điều 81',
      'Cảnh cáo; phạt tiền đến 5 triệu đồng (cá nhân), 10 triệu đồng (tổ chức). Mức thẩm quyền theo Điều 81 bản gốc, có thể đã thay đổi: chưa xác nhận.',
    ],
    [
      'consumer-protection',
      'administrative-sanction',
      'province',
      'qltt',
      '2025-02-21',
      null,
      'Nghị định 98/2020/NĐ-CP (sửa đổi bởi NĐ 17/2022/NĐ-CP và NĐ 24/2025/NĐ-CP), Mục 9 Điều 46–61b; thẩm quyền: Điều 82–87',
      'Lực lượng Quản lý thị trường và các lực lượng khác theo Điều 82–87; Chủ tịch UBND tỉnh xử phạt đến mức tối đa.',
    ],
    [
      'food-safety',
      'any',
      'province',
      'so-y-te',
      '2024-07-01',
      null,
      'Luật BVQLNTD 19/2023/QH15, Điều 11 khoản 2–3, Điều 74 khoản 3',
      'An toàn thực phẩm, thuốc, mỹ phẩm, trang thiết bị y tế: chuyển Sở Y tế và báo người yêu cầu.',
    ],
    [
      'agriculture',
      'any',
      'province',
      'so-nnmt',
      '2024-07-01',
      null,
      'Luật BVQLNTD 19/2023/QH15, Điều 11 khoản 2–3, Điều 74 khoản 3',
      'Nông, lâm, thủy sản và vật tư nông nghiệp: chuyển Sở Nông nghiệp và Môi trường.',
    ],
    [
      'standards-quality',
      'any',
      'province',
      'so-khcn',
      '2024-07-01',
      null,
      'Luật BVQLNTD 19/2023/QH15, Điều 11 khoản 2–3, Điều 74 khoản 3',
      'Tiêu chuẩn, đo lường, chất lượng, truy xuất nguồn gốc: chuyển Sở Khoa học và Công nghệ.',
    ],
    [
      'advertising-tourism',
      'any',
      'province',
      'so-vhttdl',
      '2024-07-01',
      null,
      'Luật BVQLNTD 19/2023/QH15, Điều 11 khoản 2–3, Điều 74 khoản 3',
      'Quảng cáo, du lịch, báo chí: chuyển Sở Văn hóa, Thể thao và Du lịch.',
    ],
    [
      'construction-transport',
      'any',
      'province',
      'so-xay-dung',
      '2024-07-01',
      null,
      'Luật BVQLNTD 19/2023/QH15, Điều 11 khoản 2–3, Điều 74 khoản 3',
      'Xây dựng, nhà ở, giao thông vận tải: chuyển Sở Xây dựng.',
    ],
    [
      'banking',
      'any',
      'province',
      'ngan-hang-nn',
      '2024-07-01',
      null,
      'Luật BVQLNTD 19/2023/QH15, Điều 11 khoản 2–3, Điều 74 khoản 3',
      'Ngân hàng, tín dụng: chuyển Ngân hàng Nhà nước (chi nhánh khu vực).',
    ],
  ];
  await sql`
    insert into competence_rule (sector, violation_type, level, agency_kind, valid_from, valid_until, legal_basis, note)
    select * from unnest(
      ${rules.map((r) => r[0])}::text[], ${rules.map((r) => r[1])}::text[], ${rules.map((r) => r[2])}::text[],
      ${rules.map((r) => r[3])}::text[], ${rules.map((r) => r[4])}::date[], ${rules.map((r) => r[5])}::date[],
      ${rules.map((r) => r[6])}::text[], ${rules.map((r) => r[7])}::text[]
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
