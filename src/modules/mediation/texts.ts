/** Vietnamese labels and legal texts of the mediation module (one place, so pages and API agree). */
import { formatVnd } from '../../platform/i18n.js';
import type { AttestationKind, MediationStatus, OptionView, OrganisationType } from './schema.js';

export const LAW = 'Luật Bảo vệ quyền lợi người tiêu dùng số 19/2023/QH15';

export const organisationTypeLabels: Record<OrganisationType, string> = {
  a: 'Tổ chức xã hội tham gia bảo vệ quyền lợi người tiêu dùng (Điều 63 khoản 1 điểm a)',
  b: 'Tổ chức hòa giải theo pháp luật về hòa giải thương mại, hòa giải ở cơ sở, hòa giải tại Tòa án (Điều 63 khoản 1 điểm b)',
  c: 'Tổ chức khác có chức năng hòa giải tranh chấp giữa người tiêu dùng và tổ chức, cá nhân kinh doanh (Điều 63 khoản 1 điểm c)',
};

export const attestationLabels: Record<AttestationKind, string> = {
  vietnamese_citizen: 'là công dân Việt Nam',
  full_civil_capacity: 'có năng lực hành vi dân sự đầy đủ',
  good_ethics: 'có phẩm chất đạo đức tốt, uy tín',
  skills_and_knowledge: 'có kỹ năng hòa giải và hiểu biết pháp luật về bảo vệ quyền lợi người tiêu dùng',
  no_criminal_record: 'không đang bị truy cứu trách nhiệm hình sự, không có án tích hoặc đã được xóa án tích',
  governing_law_qualification:
    'đủ điều kiện làm hòa giải viên theo pháp luật về hòa giải thương mại, hòa giải ở cơ sở hoặc hòa giải tại Tòa án',
};

export const statusLabels: Record<MediationStatus, string> = {
  open: 'Đang hòa giải',
  succeeded: 'Hòa giải thành',
  failed: 'Hòa giải không thành',
};

export const performanceLabels = {
  pending: 'Đang chờ thực hiện',
  performed: 'Đã thực hiện',
  not_performed: 'Không thực hiện',
} as const;

export const sessionModeLabels = { in_person: 'Trực tiếp', online: 'Trực tuyến' } as const;

export const SIMPLIFIED_PROCEDURE_LIMIT_VND = 100_000_000;

/**
 * What the consumer can still do after an unsuccessful mediation (LAW.md §18 rule 26): arbitration
 * (Arts. 67–68, a standard-form arbitration clause does not bind the consumer, Art. 67(2)), court
 * (Art. 70; burden of proof Art. 69), the simplified procedure under 100 million đồng (Art. 70(2)),
 * no court-fee advance (Art. 71(2)), or a social organisation suing for them (Arts. 4(7), 50(1)(g)).
 */
export function remainingOptions(amountVnd: number | null): OptionView[] {
  const simplified: OptionView =
    amountVnd === null
      ? {
          code: 'simplified_procedure',
          title: 'Thủ tục rút gọn',
          text: `Nếu giá trị giao dịch dưới ${formatVnd(SIMPLIFIED_PROCEDURE_LIMIT_VND)}, Tòa án giải quyết vụ án theo thủ tục rút gọn.`,
          legalBasis: `Điều 70 khoản 2 ${LAW}`,
        }
      : amountVnd < SIMPLIFIED_PROCEDURE_LIMIT_VND
        ? {
            code: 'simplified_procedure',
            title: 'Thủ tục rút gọn',
            text: `Giá trị giao dịch ${formatVnd(amountVnd)}, dưới ${formatVnd(SIMPLIFIED_PROCEDURE_LIMIT_VND)}: vụ án được Tòa án giải quyết theo thủ tục rút gọn.`,
            legalBasis: `Điều 70 khoản 2 ${LAW}`,
          }
        : {
            code: 'ordinary_procedure',
            title: 'Thủ tục thông thường',
            text: `Giá trị giao dịch ${formatVnd(amountVnd)}, từ ${formatVnd(SIMPLIFIED_PROCEDURE_LIMIT_VND)} trở lên: vụ án được giải quyết theo thủ tục thông thường.`,
            legalBasis: `Điều 70 khoản 2 ${LAW}`,
          };
  return [
    {
      code: 'arbitration',
      title: 'Trọng tài',
      text: 'Có thể yêu cầu trọng tài giải quyết nếu các bên có thỏa thuận trọng tài. Điều khoản trọng tài trong hợp đồng theo mẫu hoặc điều kiện giao dịch chung không ngăn người tiêu dùng chọn phương thức khác.',
      legalBasis: `Điều 67, 68 ${LAW}`,
    },
    {
      code: 'court',
      title: 'Khởi kiện tại Tòa án',
      text: 'Người tiêu dùng có thể khởi kiện vụ án dân sự. Người tiêu dùng chứng minh yêu cầu của mình nhưng không phải chứng minh lỗi của tổ chức, cá nhân kinh doanh.',
      legalBasis: `Điều 69, Điều 70 khoản 1 ${LAW}`,
    },
    simplified,
    {
      code: 'no_court_fee_advance',
      title: 'Không phải nộp tạm ứng án phí',
      text: 'Người tiêu dùng khởi kiện không phải nộp tiền tạm ứng án phí.',
      legalBasis: `Điều 71 khoản 2 ${LAW}`,
    },
    {
      code: 'social_organisation_suit',
      title: 'Đề nghị tổ chức xã hội khởi kiện',
      text: 'Người tiêu dùng có thể đề nghị tổ chức xã hội tham gia bảo vệ quyền lợi người tiêu dùng khởi kiện thay mình.',
      legalBasis: `Điều 4 khoản 7, Điều 50 khoản 1 điểm g ${LAW}`,
    },
  ];
}
