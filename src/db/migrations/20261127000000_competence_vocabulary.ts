import { sql, type Kysely } from 'kysely';

/**
 * Competence table in the classifier's vocabulary (modules/directory owns `competence_rule`,
 * modules/classify routes over it). The directory migration seeded rows keyed by agency fields
 * ('consumer-protection', 'food-safety', 'banking', …) that the router, which speaks the issue's
 * sectors ('ecommerce', 'food', 'banking-finance', …, see classify/schema.ts) and violation and
 * situation keys, never matched. This migration removes those seed rows and inserts a frozen copy
 * of classify's `defaultCompetenceRows` ('any' where the curated row has null). The copy is written
 * out here on purpose: a migration must not change when code changes. A test
 * (directory/vocabulary.test.ts) keeps the two from drifting apart silently: change both together,
 * in a new migration.
 *
 * Every agency kind used below is in the table's CHECK list, and every sector and violation key
 * matches its pattern, so the constraints stay as they are.
 */

/** The rows 20261126010000_directory inserted: (sector, violation_type, level, agency_kind). */
const OLD_SEED: [string, string, 'province' | 'commune', string][] = [
  ['consumer-protection', 'negotiation-support', 'province', 'so-cong-thuong'],
  ['consumer-protection', 'standard-form-contract', 'province', 'so-cong-thuong'],
  ['consumer-protection', 'testing-and-warning', 'province', 'so-cong-thuong'],
  ['consumer-protection', 'multi-level-marketing', 'province', 'so-cong-thuong'],
  ['consumer-protection', 'recall-single-province', 'province', 'so-cong-thuong'],
  ['consumer-protection', 'violator-list', 'province', 'so-cong-thuong'],
  ['consumer-protection', 'markets-commercial-centres', 'commune', 'ubnd-xa'],
  ['consumer-protection', 'inspection-complaints', 'commune', 'ubnd-xa'],
  ['consumer-protection', 'off-premises-sales', 'commune', 'ubnd-xa'],
  ['consumer-protection', 'unregistered-traders', 'commune', 'ubnd-xa'],
  ['consumer-protection', 'administrative-sanction', 'commune', 'ubnd-xa'],
  ['consumer-protection', 'administrative-sanction', 'province', 'qltt'],
  ['food-safety', 'any', 'province', 'so-y-te'],
  ['agriculture', 'any', 'province', 'so-nnmt'],
  ['standards-quality', 'any', 'province', 'so-khcn'],
  ['advertising-tourism', 'any', 'province', 'so-vhttdl'],
  ['construction-transport', 'any', 'province', 'so-xay-dung'],
  ['banking', 'any', 'province', 'ngan-hang-nn'],
];

/** Frozen copy of classify/competence.ts `defaultCompetenceRows` on 27 Nov 2026 (null → 'any'). */
const ROWS: [string, string, 'province' | 'commune', string, string, string | null, string][] = [
  [
    'any',
    'any',
    'province',
    'so-cong-thuong',
    '2024-07-01',
    null,
    'Luật BVQLNTD 2023 Điều 77(1): UBND tỉnh (Sở Công Thương) là đầu mối; Điều 11(3): chuyển cơ quan có thẩm quyền',
  ],
  [
    'any',
    'any',
    'province',
    'hoi-bvqlntd',
    '2024-07-01',
    null,
    'Luật BVQLNTD 2023 Điều 50(1)(a), (đ), 56(3): tổ chức xã hội tư vấn, hỗ trợ thương lượng, hòa giải',
  ],
  [
    'any',
    'fraud-scam',
    'province',
    'cong-an',
    '2024-07-01',
    null,
    'Bộ luật Hình sự 2015 Điều 174 (lừa đảo chiếm đoạt tài sản); Luật BVQLNTD 2023 Điều 11(3), 54(2)',
  ],
  [
    'any',
    'data-privacy',
    'province',
    'cong-an',
    '2023-07-01',
    '2026-01-01',
    'Nghị định 13/2023/NĐ-CP: cơ quan chuyên trách bảo vệ dữ liệu cá nhân là Bộ Công an',
  ],
  [
    'any',
    'data-privacy',
    'province',
    'cong-an',
    '2026-01-01',
    null,
    'Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; Nghị định 356/2025/NĐ-CP: cơ quan chuyên trách là Bộ Công an',
  ],
  [
    'any',
    'negotiation-support',
    'province',
    'so-cong-thuong',
    '2025-07-01',
    '2027-03-01',
    'Nghị định 146/2025/NĐ-CP Điều 46(1); Luật BVQLNTD 2023 Điều 56(3), 57',
  ],
  [
    'any',
    'small-local-dispute',
    'commune',
    'ubnd-xa',
    '2025-07-01',
    '2027-03-01',
    'Nghị định 139/2025/NĐ-CP Điều 18 → Luật BVQLNTD 2023 Điều 77(2)(a)',
  ],
  [
    'any',
    'markets-commercial-centres',
    'commune',
    'ubnd-xa',
    '2025-07-01',
    '2027-03-01',
    'Nghị định 139/2025/NĐ-CP Điều 18 → Luật BVQLNTD 2023 Điều 77(2)(d): quản lý chợ, trung tâm thương mại',
  ],
  ['any', 'markets-commercial-centres', 'commune', 'ubnd-xa', '2024-07-01', null, 'Luật BVQLNTD 2023 Điều 77(3): kiểm tra ban quản lý chợ'],
  [
    'any',
    'unregistered-traders',
    'commune',
    'ubnd-xa',
    '2024-07-01',
    null,
    'Luật BVQLNTD 2023 Điều 77(3): quản lý cá nhân kinh doanh không đăng ký ngoài chợ',
  ],
  [
    'any',
    'off-premises-sales',
    'commune',
    'ubnd-xa',
    '2024-07-01',
    null,
    'Luật BVQLNTD 2023 Điều 77(3); Nghị định 55/2024/NĐ-CP Điều 26–27: tiếp nhận thông báo, giám sát bán hàng ngoài địa điểm kinh doanh',
  ],
  [
    'any',
    'counterfeit',
    'province',
    'qltt',
    '2024-07-01',
    null,
    'Pháp lệnh Quản lý thị trường 2016; Nghị định 98/2020/NĐ-CP (hàng giả); Luật BVQLNTD 2023 Điều 11(3)',
  ],
  [
    'any',
    'smuggled-origin',
    'province',
    'qltt',
    '2024-07-01',
    null,
    'Pháp lệnh Quản lý thị trường 2016; Nghị định 98/2020/NĐ-CP (hàng nhập lậu, không rõ nguồn gốc); Luật BVQLNTD 2023 Điều 11(3)',
  ],
  [
    'any',
    'border-import',
    'province',
    'hai-quan',
    '2024-07-01',
    null,
    'Luật Hải quan 2014: kiểm soát hàng hóa xuất nhập khẩu tại địa bàn hoạt động hải quan; Luật BVQLNTD 2023 Điều 11(3)',
  ],
  ['any', 'measurement-fraud', 'province', 'so-khcn', '2024-07-01', null, 'Luật Đo lường 2011; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)'],
  [
    'any',
    'unfair-contract',
    'province',
    'so-cong-thuong',
    '2025-07-01',
    '2027-03-01',
    'Luật BVQLNTD 2023 Điều 25; Nghị định 146/2025/NĐ-CP Điều 47 (hợp đồng theo mẫu, điều kiện giao dịch chung)',
  ],
  [
    'any',
    'unsafe',
    'province',
    'so-cong-thuong',
    '2024-07-01',
    null,
    'Luật BVQLNTD 2023 Điều 32(2): giám sát thu hồi sản phẩm khuyết tật trong tỉnh',
  ],
  [
    'any',
    'misleading-info',
    'province',
    'so-vhttdl',
    '2024-07-01',
    null,
    'Luật Quảng cáo 2012: Sở VHTTDL quản lý quảng cáo; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  [
    'ecommerce',
    'any',
    'province',
    'so-cong-thuong',
    '2024-07-01',
    null,
    'Luật BVQLNTD 2023 Điều 77(1); thương mại điện tử thuộc ngành Công Thương',
  ],
  ['food', 'any', 'province', 'so-y-te', '2024-07-01', null, 'Luật An toàn thực phẩm 2010; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)'],
  [
    'health-products',
    'any',
    'province',
    'so-y-te',
    '2024-07-01',
    null,
    'Luật Dược 2016 (thuốc); quản lý mỹ phẩm, thực phẩm chức năng, trang thiết bị y tế; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  [
    'health-services',
    'any',
    'province',
    'so-y-te',
    '2024-07-01',
    null,
    'Luật Khám bệnh, chữa bệnh 2023; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  [
    'agriculture',
    'any',
    'province',
    'so-nnmt',
    '2025-03-01',
    null,
    'Luật Trồng trọt 2018, Luật Chăn nuôi 2018 (vật tư, nông lâm thủy sản); Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  [
    'fuel-energy',
    'any',
    'province',
    'so-cong-thuong',
    '2024-07-01',
    null,
    'Điện, xăng dầu, khí thuộc ngành Công Thương; Luật BVQLNTD 2023 Điều 77(1)',
  ],
  [
    'water',
    'any',
    'province',
    'so-xay-dung',
    '2024-07-01',
    null,
    'Cấp nước sạch đô thị thuộc ngành Xây dựng; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  [
    'telecom-internet',
    'any',
    'province',
    'so-khcn',
    '2025-03-01',
    null,
    'Luật Viễn thông 2023; Sở KH&CN quản lý viễn thông, internet từ 2025; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  [
    'banking-finance',
    'any',
    'province',
    'ngan-hang-nn',
    '2024-07-01',
    null,
    'Luật Các tổ chức tín dụng 2024; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  [
    'insurance',
    'any',
    'province',
    'so-tai-chinh',
    '2024-07-01',
    null,
    'Luật Kinh doanh bảo hiểm 2022; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  [
    'real-estate',
    'any',
    'province',
    'so-xay-dung',
    '2024-07-01',
    null,
    'Kinh doanh bất động sản, nhà ở thuộc ngành Xây dựng; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  [
    'transport',
    'any',
    'province',
    'so-xay-dung',
    '2025-03-01',
    null,
    'Giao thông vận tải thuộc ngành Xây dựng từ 2025; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  ['tourism-hospitality', 'any', 'province', 'so-vhttdl', '2024-07-01', null, 'Luật Du lịch 2017; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)'],
  ['education', 'any', 'province', 'so-gddt', '2024-07-01', null, 'Luật Giáo dục 2019; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)'],
  [
    'vehicles',
    'any',
    'province',
    'so-cong-thuong',
    '2024-07-01',
    null,
    'Luật BVQLNTD 2023 Điều 77(1); kinh doanh, bảo hành phương tiện thuộc ngành Công Thương',
  ],
  ['electronics-appliances', 'any', 'province', 'so-cong-thuong', '2024-07-01', null, 'Luật BVQLNTD 2023 Điều 77(1)'],
  ['consumer-goods', 'any', 'province', 'so-cong-thuong', '2024-07-01', null, 'Luật BVQLNTD 2023 Điều 77(1)'],
  ['services-other', 'any', 'province', 'so-cong-thuong', '2024-07-01', null, 'Luật BVQLNTD 2023 Điều 77(1)'],
  [
    'food',
    'unsafe',
    'province',
    'so-y-te',
    '2024-07-01',
    null,
    'Luật An toàn thực phẩm 2010: điều tra ngộ độc thực phẩm; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  ['health-products', 'unsafe', 'province', 'so-y-te', '2024-07-01', null, 'Luật Dược 2016; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)'],
  [
    'agriculture',
    'unsafe',
    'province',
    'so-nnmt',
    '2025-03-01',
    null,
    'An toàn thực phẩm nông lâm thủy sản, vật tư nông nghiệp; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
  [
    'vehicles',
    'unsafe',
    'province',
    'so-xay-dung',
    '2025-03-01',
    null,
    'An toàn kỹ thuật, triệu hồi phương tiện (đăng kiểm) thuộc ngành Xây dựng từ 2025; Luật BVQLNTD 2023 Điều 11(2)–(3), 74(3)',
  ],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // By key, not id (ids are random): an administrator's edits to a seed row (a moved end date)
  // go with it; rows administrators added under other keys stay, and the router ignores them
  // until they are re-keyed to the classifier's vocabulary on /admin/competence.
  await sql`
    delete from competence_rule r
    using unnest(
      ${OLD_SEED.map((o) => o[0])}::text[], ${OLD_SEED.map((o) => o[1])}::text[],
      ${OLD_SEED.map((o) => o[2])}::text[], ${OLD_SEED.map((o) => o[3])}::text[]
    ) as o(sector, violation_type, level, agency_kind)
    where r.sector = o.sector and r.violation_type = o.violation_type and r.level = o.level and r.agency_kind = o.agency_kind`.execute(db);

  await sql`
    insert into competence_rule (sector, violation_type, level, agency_kind, valid_from, valid_until, legal_basis)
    select * from unnest(
      ${ROWS.map((r) => r[0])}::text[], ${ROWS.map((r) => r[1])}::text[], ${ROWS.map((r) => r[2])}::text[],
      ${ROWS.map((r) => r[3])}::text[], ${ROWS.map((r) => r[4])}::date[], ${ROWS.map((r) => r[5])}::date[],
      ${ROWS.map((r) => r[6])}::text[]
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
