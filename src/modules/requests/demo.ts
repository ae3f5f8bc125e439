/**
 * Demo cases for `npm start`: a handful of realistic requests on different channels, sectors and
 * communes of the demo province, received through the same use case as real ones (triage,
 * clocks, timeline), so that the inbox, the case page and tracking have something to show.
 */
import type { Ctx } from '../../platform/context.js';
import { requestInput, type RequestInput } from './schema.js';
import { forwardToBusiness } from './negotiation.js';
import { receiveRequest } from './receive.js';

const consents = { privacyNoticeVersion: '2026-11' };
/** The demo business of the portal (issue 5); the demo user `doanhnghiep` has its tax code. */
export const DEMO_BUSINESS = { name: 'Công ty TNHH Điện máy Minh Phát', taxCode: '5000123456', email: 'cskh@dienmayminhphat.example.vn' };

const DEMO: Array<Omit<RequestInput, 'consents'>> = [
  {
    kind: 'complaint',
    channel: 'web',
    consumer: { fullName: 'Nguyễn Thị Hồng', phone: '0912000101', email: 'hong.demo@example.test', birthYear: 1987 },
    business: { name: 'Cửa hàng mỹ phẩm Ngọc Lan', address: 'Tổ 5, phường Minh Xuân', taxCode: '5000200101' },
    transaction: { date: '2026-11-02', amountVnd: 650000, productOrService: 'kem chống nắng', place: { communeCode: '02215' } },
    description:
      'Tôi mua kem chống nắng tại cửa hàng, về dùng bị dị ứng, kiểm tra thì không có tem nhãn tiếng Việt, nghi là hàng giả. Cửa hàng không nhận lại.',
    desiredOutcome: 'Hoàn tiền và kiểm tra cửa hàng',
    priorContact: { date: '2026-11-04', businessReply: 'refused' },
  },
  {
    kind: 'request',
    channel: 'web',
    consumer: { fullName: 'Trần Văn Quý', phone: '0912000102', birthYear: 1958 },
    business: { name: DEMO_BUSINESS.name, address: 'Đường 17/8, phường Minh Xuân', taxCode: DEMO_BUSINESS.taxCode },
    transaction: { date: '2026-10-15', amountVnd: 12500000, productOrService: 'tủ lạnh', place: { communeCode: '02215' } },
    description:
      'Tủ lạnh mua được ba tuần thì không làm lạnh, còn trong thời hạn bảo hành 24 tháng nhưng cửa hàng hẹn mãi không đến sửa. Tôi đề nghị Sở hỗ trợ thương lượng với doanh nghiệp.',
    desiredOutcome: 'Đổi tủ lạnh mới',
    priorContact: { date: '2026-10-25', businessReply: 'none' },
  },
  {
    kind: 'complaint',
    channel: 'hotline',
    consumer: { fullName: 'Hoàng Thị Mai', phone: '0912000103', birthYear: 1995 },
    business: { name: 'Shop Thời Trang Xinh', platform: 'Shopee', website: 'https://shopee.vn/thoitrangxinh' },
    transaction: { date: '2026-11-10', amountVnd: 450000, productOrService: 'áo khoác', place: { online: true } },
    description:
      'Đặt mua áo khoác trên sàn thương mại điện tử, hàng giao không đúng mẫu, chất liệu kém, shop không cho đổi trả dù còn trong 7 ngày như quảng cáo.',
    desiredOutcome: 'Được trả hàng, hoàn tiền',
    priorContact: { date: '2026-11-12', businessReply: 'unsatisfactory' },
  },
  {
    kind: 'feedback',
    channel: 'web',
    consumer: { fullName: 'Lý Văn Pao', phone: '0912000104', birthYear: 1979, vulnerable: ['ethnic_minority'] },
    business: { name: 'Người bán hàng rong chợ Đồng Văn', address: 'Chợ Đồng Văn' },
    transaction: { date: '2026-11-18', amountVnd: 80000, productOrService: 'thịt lợn', place: { communeCode: '00721' } },
    description: 'Người bán hàng rong ở chợ phiên cân thiếu, 1 kg thịt chỉ được khoảng 8 lạng, không có đăng ký kinh doanh.',
  },
  {
    kind: 'complaint',
    channel: 'web',
    consumer: { fullName: 'Phạm Thu Trang', email: 'trang.demo@example.test', birthYear: 1990 },
    business: { name: 'Trang Săn Vé Máy Bay Giá Rẻ', website: 'https://vemaybay-gia-re.example' },
    transaction: { date: '2026-11-20', amountVnd: 4200000, productOrService: 'vé máy bay' },
    description:
      'Tôi chuyển khoản 4,2 triệu đồng mua vé máy bay qua một trang mạng, sau đó không nhận được vé, số điện thoại chặn liên lạc. Tôi nghi bị lừa đảo chiếm đoạt tiền.',
    desiredOutcome: 'Lấy lại tiền',
  },
  {
    kind: 'complaint',
    channel: 'in_person',
    consumer: { fullName: 'Đặng Văn Bảy', phone: '0912000106', birthYear: 1962 },
    business: { name: 'Nhà mạng VinaTel chi nhánh Tuyên Quang', address: 'Phường Minh Xuân' },
    transaction: { date: '2026-11-01', productOrService: 'gói cước di động' },
    description:
      'Nhà mạng tự động đăng ký dịch vụ giá trị gia tăng và trừ tiền trong tài khoản điện thoại của tôi mà tôi không hề đăng ký.',
    desiredOutcome: 'Hoàn lại tiền cước bị trừ',
    priorContact: { date: '2026-11-05', businessReply: 'partial' },
  },
];

/**
 * Files the demo cases (first start only; the caller runs it once). The fridge case is forwarded
 * to the demo business, so that the business portal has a case waiting for its acknowledgement.
 */
export async function seedDemoRequests(ctx: Ctx): Promise<number> {
  let n = 0;
  for (const d of DEMO) {
    const { receipt } = await receiveRequest(ctx, requestInput.parse({ ...d, consents }));
    if (d.business.taxCode === DEMO_BUSINESS.taxCode) await forwardToBusiness(ctx, receipt.id, { businessEmail: DEMO_BUSINESS.email });
    n++;
  }
  return n;
}
