/** Vietnamese names of the taxonomies, for explanations and pages (the codes stay English). */
import type { AgencyKind, RoutingSituation, Sector, ViolationType } from './schema.js';

export const sectorLabels: Readonly<Record<Sector, string>> = {
  ecommerce: 'Thương mại điện tử, mua bán trực tuyến',
  food: 'Thực phẩm, ăn uống',
  'health-products': 'Thuốc, mỹ phẩm, thực phẩm chức năng, thiết bị y tế',
  'health-services': 'Dịch vụ y tế, thẩm mỹ',
  agriculture: 'Nông sản, vật tư nông nghiệp',
  'fuel-energy': 'Xăng dầu, khí đốt, điện',
  water: 'Nước sinh hoạt',
  'telecom-internet': 'Viễn thông, internet',
  'banking-finance': 'Ngân hàng, tài chính',
  insurance: 'Bảo hiểm',
  'real-estate': 'Bất động sản, nhà ở',
  transport: 'Vận tải, giao thông',
  'tourism-hospitality': 'Du lịch, lưu trú, vui chơi',
  education: 'Giáo dục, đào tạo',
  vehicles: 'Ô tô, xe máy, phương tiện',
  'electronics-appliances': 'Điện tử, điện máy',
  'consumer-goods': 'Hàng tiêu dùng',
  'services-other': 'Dịch vụ khác',
};

export const violationLabels: Readonly<Record<ViolationType, string>> = {
  counterfeit: 'hàng giả, hàng nhái',
  'poor-quality': 'hàng kém chất lượng, hư hỏng',
  unsafe: 'không bảo đảm an toàn',
  'misleading-info': 'thông tin sai lệch, gây nhầm lẫn',
  'unfair-contract': 'hợp đồng, điều khoản không công bằng',
  pricing: 'giá, phí không minh bạch',
  'measurement-fraud': 'gian lận đo lường',
  warranty: 'vi phạm bảo hành',
  'fraud-scam': 'lừa đảo',
  'data-privacy': 'xâm phạm thông tin cá nhân',
  'service-failure': 'dịch vụ không đúng cam kết',
  'complaint-refusal': 'từ chối giải quyết khiếu nại, đổi trả, hoàn tiền',
  'smuggled-origin': 'hàng nhập lậu, không rõ nguồn gốc',
};

export const agencyLabels: Readonly<Record<AgencyKind, string>> = {
  'so-cong-thuong': 'Sở Công Thương',
  qltt: 'Chi cục Quản lý thị trường',
  'so-y-te': 'Sở Y tế',
  'so-nnmt': 'Sở Nông nghiệp và Môi trường',
  'so-khcn': 'Sở Khoa học và Công nghệ',
  'so-vhttdl': 'Sở Văn hóa, Thể thao và Du lịch',
  'so-xay-dung': 'Sở Xây dựng',
  'so-gddt': 'Sở Giáo dục và Đào tạo',
  'so-tai-chinh': 'Sở Tài chính',
  'ngan-hang-nn': 'Ngân hàng Nhà nước chi nhánh khu vực',
  'cong-an': 'Công an tỉnh',
  'hai-quan': 'Chi cục Hải quan khu vực',
  'ubnd-xa': 'UBND xã, phường, đặc khu',
  'hoi-bvqlntd': 'Hội Bảo vệ quyền lợi người tiêu dùng tỉnh',
};

export const situationLabels: Readonly<Record<RoutingSituation, string>> = {
  'negotiation-support': 'người tiêu dùng đề nghị hỗ trợ thương lượng',
  'markets-commercial-centres': 'giao dịch tại chợ, trung tâm thương mại ở địa phương',
  'unregistered-traders': 'cá nhân kinh doanh không đăng ký, bán rong',
  'off-premises-sales': 'bán hàng ngoài địa điểm kinh doanh (hội thảo, lưu động, tận nhà)',
  'small-local-dispute': 'tranh chấp nhỏ, trực tiếp tại địa phương',
  'border-import': 'hàng hóa qua biên giới, cửa khẩu',
};

export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}
