/**
 * Curated competence rows (LAW.md §10.3, §16, §18 E rule 22): who handles what, from when, on what
 * legal basis. Reference data for tests and for seeding the directory's `competence_rule` table;
 * in production routing reads the administrator-maintained table, not this list.
 *
 * Dates: Law 19/2023 applies from 2024-07-01. Decrees 139/2025 and 146/2025 apply from 2025-07-01
 * and cease on 2027-03-01 (Decree 146 Art. 60(2); Decree 139 Art. 21(2)), so their rows end
 * (exclusively) on 2027-03-01 unless an administrator extends them. The provincial departments merged on
 * 2025-03-01 (Agriculture and Environment; Science and Technology taking over information and
 * communications; Construction taking over transport); the decree organising them is not
 * confirmed in LAW.md, so those rows cite the consumer law and name the field only.
 */
import type { CompetenceRow } from './schema.js';

const LAW = 'Luật BVQLNTD 2023';
const FORWARD = `${LAW} Điều 11(2)–(3), 74(3)`;
const D146_END = '2027-03-01';

function row(
  sector: string | null,
  violationType: string | null,
  agencyKind: string,
  legalBasis: string,
  validFrom = '2024-07-01',
  validUntil: string | null = null,
  level: 'province' | 'commune' = 'province',
): CompetenceRow {
  return { sector, violationType, level, agencyKind, validFrom, validUntil, legalBasis };
}

export const defaultCompetenceRows: readonly CompetenceRow[] = [
  // Focal agency and the consumer association for everything.
  row(null, null, 'so-cong-thuong', `${LAW} Điều 77(1): UBND tỉnh (Sở Công Thương) là đầu mối; Điều 11(3): chuyển cơ quan có thẩm quyền`),
  row(null, null, 'hoi-bvqlntd', `${LAW} Điều 50(1)(a), (đ), 56(3): tổ chức xã hội tư vấn, hỗ trợ thương lượng, hòa giải`),

  // Criminal fraud and personal data: police.
  row(null, 'fraud-scam', 'cong-an', `Bộ luật Hình sự 2015 Điều 174 (lừa đảo chiếm đoạt tài sản); ${LAW} Điều 11(3), 54(2)`),
  row(
    null,
    'data-privacy',
    'cong-an',
    'Nghị định 13/2023/NĐ-CP: cơ quan chuyên trách bảo vệ dữ liệu cá nhân là Bộ Công an',
    '2023-07-01',
    '2026-01-01',
  ),
  row(
    null,
    'data-privacy',
    'cong-an',
    'Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; Nghị định 356/2025/NĐ-CP: cơ quan chuyên trách là Bộ Công an',
    '2026-01-01',
  ),

  // Negotiation support (Decree 146 Art. 46(1)). Who receives it after the decree ceases is not
  // confirmed (LAW.md §17.10): no row then, so sector and focal rows decide. The association's
  // row above stays as an alternative (it may support negotiation under Art. 50(1)(đ), 56(3)).
  row(null, 'negotiation-support', 'so-cong-thuong', `Nghị định 146/2025/NĐ-CP Điều 46(1); ${LAW} Điều 56(3), 57`, '2025-07-01', D146_END),

  // Commune: former district duties (Decree 139 Art. 18) and its own duties (Law Art. 77(3)).
  row(null, 'small-local-dispute', 'ubnd-xa', `Nghị định 139/2025/NĐ-CP Điều 18 → ${LAW} Điều 77(2)(a)`, '2025-07-01', D146_END, 'commune'),
  row(
    null,
    'markets-commercial-centres',
    'ubnd-xa',
    `Nghị định 139/2025/NĐ-CP Điều 18 → ${LAW} Điều 77(2)(d): quản lý chợ, trung tâm thương mại`,
    '2025-07-01',
    D146_END,
    'commune',
  ),
  row(null, 'markets-commercial-centres', 'ubnd-xa', `${LAW} Điều 77(3): kiểm tra ban quản lý chợ`, '2024-07-01', null, 'commune'),
  row(
    null,
    'unregistered-traders',
    'ubnd-xa',
    `${LAW} Điều 77(3): quản lý cá nhân kinh doanh không đăng ký ngoài chợ`,
    '2024-07-01',
    null,
    'commune',
  ),
  row(
    null,
    'off-premises-sales',
    'ubnd-xa',
    `${LAW} Điều 77(3); Nghị định 55/2024/NĐ-CP Điều 26–27: tiếp nhận thông báo, giám sát bán hàng ngoài địa điểm kinh doanh`,
    '2024-07-01',
    null,
    'commune',
  ),

  // Specialised forces.
  row(null, 'counterfeit', 'qltt', `Pháp lệnh Quản lý thị trường 2016; Nghị định 98/2020/NĐ-CP (hàng giả); ${LAW} Điều 11(3)`),
  row(
    null,
    'smuggled-origin',
    'qltt',
    `Pháp lệnh Quản lý thị trường 2016; Nghị định 98/2020/NĐ-CP (hàng nhập lậu, không rõ nguồn gốc); ${LAW} Điều 11(3)`,
  ),
  row(
    null,
    'border-import',
    'hai-quan',
    `Luật Hải quan 2014: kiểm soát hàng hóa xuất nhập khẩu tại địa bàn hoạt động hải quan; ${LAW} Điều 11(3)`,
  ),
  row(null, 'measurement-fraud', 'so-khcn', `Luật Đo lường 2011; ${FORWARD}`),
  row(
    null,
    'unfair-contract',
    'so-cong-thuong',
    `${LAW} Điều 25; Nghị định 146/2025/NĐ-CP Điều 47 (hợp đồng theo mẫu, điều kiện giao dịch chung)`,
    '2025-07-01',
    D146_END,
  ),
  row(null, 'unsafe', 'so-cong-thuong', `${LAW} Điều 32(2): giám sát thu hồi sản phẩm khuyết tật trong tỉnh`),
  row(null, 'misleading-info', 'so-vhttdl', `Luật Quảng cáo 2012: Sở VHTTDL quản lý quảng cáo; ${FORWARD}`),

  // Sectors (Law Art. 11(3), 74(3): requests in another agency's field are forwarded to it).
  row('ecommerce', null, 'so-cong-thuong', `${LAW} Điều 77(1); thương mại điện tử thuộc ngành Công Thương`),
  row('food', null, 'so-y-te', `Luật An toàn thực phẩm 2010; ${FORWARD}`),
  row('health-products', null, 'so-y-te', `Luật Dược 2016 (thuốc); quản lý mỹ phẩm, thực phẩm chức năng, trang thiết bị y tế; ${FORWARD}`),
  row('health-services', null, 'so-y-te', `Luật Khám bệnh, chữa bệnh 2023; ${FORWARD}`),
  row('agriculture', null, 'so-nnmt', `Luật Trồng trọt 2018, Luật Chăn nuôi 2018 (vật tư, nông lâm thủy sản); ${FORWARD}`, '2025-03-01'),
  row('fuel-energy', null, 'so-cong-thuong', `Điện, xăng dầu, khí thuộc ngành Công Thương; ${LAW} Điều 77(1)`),
  row('water', null, 'so-xay-dung', `Cấp nước sạch đô thị thuộc ngành Xây dựng; ${FORWARD}`),
  row('telecom-internet', null, 'so-khcn', `Luật Viễn thông 2023; Sở KH&CN quản lý viễn thông, internet từ 2025; ${FORWARD}`, '2025-03-01'),
  row('banking-finance', null, 'ngan-hang-nn', `Luật Các tổ chức tín dụng 2024; ${FORWARD}`),
  row('insurance', null, 'so-tai-chinh', `Luật Kinh doanh bảo hiểm 2022; ${FORWARD}`),
  row('real-estate', null, 'so-xay-dung', `Kinh doanh bất động sản, nhà ở thuộc ngành Xây dựng; ${FORWARD}`),
  row('transport', null, 'so-xay-dung', `Giao thông vận tải thuộc ngành Xây dựng từ 2025; ${FORWARD}`, '2025-03-01'),
  row('tourism-hospitality', null, 'so-vhttdl', `Luật Du lịch 2017; ${FORWARD}`),
  row('education', null, 'so-gddt', `Luật Giáo dục 2019; ${FORWARD}`),
  row('vehicles', null, 'so-cong-thuong', `${LAW} Điều 77(1); kinh doanh, bảo hành phương tiện thuộc ngành Công Thương`),
  row('electronics-appliances', null, 'so-cong-thuong', `${LAW} Điều 77(1)`),
  row('consumer-goods', null, 'so-cong-thuong', `${LAW} Điều 77(1)`),
  row('services-other', null, 'so-cong-thuong', `${LAW} Điều 77(1)`),

  // Sector + violation exceptions.
  row('food', 'unsafe', 'so-y-te', `Luật An toàn thực phẩm 2010: điều tra ngộ độc thực phẩm; ${FORWARD}`),
  row('health-products', 'unsafe', 'so-y-te', `Luật Dược 2016; ${FORWARD}`),
  row('agriculture', 'unsafe', 'so-nnmt', `An toàn thực phẩm nông lâm thủy sản, vật tư nông nghiệp; ${FORWARD}`, '2025-03-01'),
  row(
    'vehicles',
    'unsafe',
    'so-xay-dung',
    `An toàn kỹ thuật, triệu hồi phương tiện (đăng kiểm) thuộc ngành Xây dựng từ 2025; ${FORWARD}`,
    '2025-03-01',
  ),
];
