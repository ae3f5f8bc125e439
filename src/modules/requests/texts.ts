/** Vietnamese texts of the requests module: refusal grounds (Law Art. 58) and timeline events. */
import type { RefusalGround } from './schema.js';

export const refusalGroundLabels: Record<RefusalGround, string> = {
  art58_1_incapable_no_representative:
    'Điều 58 khoản 1 Luật BVQLNTD 2023: người tiêu dùng mất năng lực hành vi dân sự, hạn chế năng lực hành vi dân sự hoặc có khó khăn trong nhận thức, làm chủ hành vi mà không có người đại diện hợp pháp',
  art58_2_not_consumer_or_representative:
    'Điều 58 khoản 2 Luật BVQLNTD 2023: người yêu cầu không phải là người tiêu dùng hoặc người đại diện hợp pháp của người tiêu dùng',
  art58_3_insufficient_information:
    'Điều 58 khoản 3 Luật BVQLNTD 2023: yêu cầu không có đủ thông tin, tài liệu theo quy định (tên, địa chỉ của người tiêu dùng và tổ chức, cá nhân kinh doanh, nội dung yêu cầu và tài liệu chứng minh)',
  art58_4_outside_competence: 'Điều 58 khoản 4 Luật BVQLNTD 2023: yêu cầu không thuộc thẩm quyền của cơ quan tiếp nhận',
  art58_5_already_resolved: 'Điều 58 khoản 5 Luật BVQLNTD 2023: vụ việc đã được giải quyết hoặc đang được giải quyết bằng phương thức khác',
};

export const eventLabels: Record<string, string> = {
  received: 'Đã tiếp nhận hồ sơ',
  routed: 'Chuyển cơ quan có thẩm quyền',
  rerouted: 'Chuyển cơ quan khác xử lý (Điều 11 khoản 3)',
  bounced: 'Trả về cơ quan đầu mối: không thuộc thẩm quyền',
  supplement_requested: 'Đề nghị bổ sung thông tin, tài liệu',
  supplemented: 'Người tiêu dùng đã bổ sung',
  status_changed: 'Cập nhật trạng thái',
  refused: 'Từ chối tiếp nhận',
  assigned: 'Giao cán bộ xử lý',
  classification_corrected: 'Sửa phân loại',
  merged: 'Gộp vào hồ sơ trùng',
  duplicate_attached: 'Có hồ sơ trùng được gộp vào',
  flagged_enforcement: 'Chuyển xem xét xử lý vi phạm (không thương lượng được, Điều 54 khoản 2)',
  attachment_added: 'Bổ sung tài liệu đính kèm',
  split_from: 'Tách từ hồ sơ gốc',
  sub_case_created: 'Tách hồ sơ con',
  grouped: 'Đưa vào nhóm hồ sơ',
  group_referred: 'Nhóm hồ sơ được chuyển xử lý vi phạm',
  forwarded_to_business: 'Chuyển doanh nghiệp thương lượng (Điều 57 khoản 4)',
  business_acknowledged: 'Doanh nghiệp xác nhận đã tiếp nhận',
  business_progress: 'Doanh nghiệp cập nhật tiến độ',
  business_responded: 'Doanh nghiệp trả lời',
  business_incorrect: 'Doanh nghiệp cho rằng không liên quan: trả về cơ quan',
  business_reported: 'Doanh nghiệp báo cáo kết quả thương lượng',
  consumer_accepted: 'Người tiêu dùng đồng ý với trả lời',
  consumer_rejected: 'Người tiêu dùng không đồng ý với trả lời',
  remedy_received: 'Người tiêu dùng xác nhận đã nhận biện pháp khắc phục',
  remedy_overdue: 'Quá hạn thực hiện biện pháp khắc phục',
  reopened: 'Người tiêu dùng mở lại hồ sơ',
  potential_violation: 'Doanh nghiệp quá hạn: ghi nhận dấu hiệu vi phạm',
};
