/** Stable error codes of the mediation module (the message is Vietnamese, the code never changes). */
import { AppError, invalid, notFound, type ErrorDetail } from '../../platform/errors.js';

const state = (code: string, message: string, details?: ErrorDetail[]) => new AppError('invalid_state', code, message, details);

export const mediationErrors = {
  notFound: () => notFound('mediation.not_found', 'Không tìm thấy vụ hòa giải.'),
  caseNotFound: () => notFound('mediation.case_not_found', 'Không tìm thấy hồ sơ trong phạm vi của bạn.'),
  organisationNotFound: () => notFound('mediation.organisation_not_found', 'Không tìm thấy tổ chức hòa giải.'),
  mediatorNotFound: () => notFound('mediation.mediator_not_found', 'Không tìm thấy hòa giải viên.'),
  registerForbidden: () =>
    new AppError('forbidden', 'mediation.register_forbidden', 'Bạn chỉ được cập nhật danh sách hòa giải viên của tổ chức mình.'),
  organisationExists: () => new AppError('conflict', 'mediation.organisation_exists', 'Tổ chức hòa giải này đã có trong danh sách.'),
  agencyTaken: () =>
    new AppError('conflict', 'mediation.agency_taken', 'Cơ quan, tổ chức này đã gắn với một tổ chức hòa giải khác.', [
      { path: 'agencyId', code: 'taken', message: 'Đã gắn với tổ chức hòa giải khác' },
    ]),
  unknownAgency: () =>
    invalid('mediation.unknown_agency', 'Cơ quan, tổ chức không có trong danh bạ.', [
      { path: 'agencyId', code: 'unknown', message: 'Không có trong danh bạ' },
    ]),
  userTaken: () =>
    new AppError('conflict', 'mediation.user_taken', 'Tài khoản này đã gắn với một hòa giải viên của tổ chức.', [
      { path: 'userId', code: 'taken', message: 'Đã gắn với hòa giải viên khác' },
    ]),
  unknownUser: () =>
    invalid('mediation.unknown_user', 'Tài khoản không tồn tại hoặc không phải cán bộ.', [
      { path: 'userId', code: 'unknown', message: 'Tài khoản không hợp lệ' },
    ]),
  dateInFuture: (path: string) =>
    invalid('mediation.date_in_future', 'Ngày đã xảy ra không được ở tương lai.', [
      { path, code: 'in_future', message: 'Ngày ở tương lai' },
    ]),
  organisationInactive: () => state('mediation.organisation_inactive', 'Tổ chức hòa giải đã ngừng hoạt động.'),
  /** Law 19/2023 Art. 54(2). */
  notMediable: () =>
    state(
      'mediation.not_mediable',
      'Vụ việc này không được hòa giải (Điều 54 khoản 2 Luật Bảo vệ quyền lợi người tiêu dùng): vụ việc gây thiệt hại đến lợi ích công cộng, vi phạm điều cấm của luật hoặc gây thiệt hại cho nhiều người tiêu dùng. Đề nghị chuyển cơ quan có thẩm quyền xử lý vi phạm.',
    ),
  caseClosed: () => state('mediation.case_closed', 'Hồ sơ đã bị từ chối hoặc đã đóng, không thể mở hòa giải.'),
  alreadyOpen: () => new AppError('conflict', 'mediation.already_open', 'Hồ sơ này đang có một vụ hòa giải chưa kết thúc.'),
  notOpen: () => state('mediation.not_open', 'Vụ hòa giải đã kết thúc, không thể thực hiện thao tác này.'),
  /** Law 19/2023 Art. 64(2). */
  mediatorNotEligible: (missing: string[]) =>
    state(
      'mediation.mediator_not_eligible',
      `Hòa giải viên chưa đủ điều kiện để được chỉ định (Điều 64 khoản 2): còn thiếu xác nhận ${missing.join('; ')}.`,
      missing.map((m) => ({ path: 'attestations', code: 'missing', message: m })),
    ),
  /** Law 19/2023 Art. 63(2). */
  mediatorNotListed: () =>
    state(
      'mediation.mediator_not_listed',
      'Hòa giải viên chưa có tên trong danh sách hòa giải viên đã công bố của tổ chức (Điều 63 khoản 2).',
    ),
  mediatorInactive: () => state('mediation.mediator_inactive', 'Hòa giải viên đã thôi hoạt động.'),
  mediatorOtherOrg: () =>
    invalid('mediation.mediator_other_organisation', 'Hòa giải viên không thuộc tổ chức hòa giải của vụ việc.', [
      { path: 'mediatorId', code: 'other_organisation', message: 'Thuộc tổ chức khác' },
    ]),
  alreadyAppointed: () => new AppError('conflict', 'mediation.mediator_already_appointed', 'Hòa giải viên đã được chỉ định cho vụ này.'),
  mediatorRequired: () => state('mediation.mediator_required', 'Cần chỉ định ít nhất một hòa giải viên trước.'),
  /** Law 19/2023 Art. 64(3); LAW.md §18 rule 14. */
  interpreterRequired: (language: string | null) =>
    state(
      'mediation.interpreter_required',
      `Bên tranh chấp là người dân tộc thiểu số: chưa thể xếp lịch hòa giải khi chưa có ít nhất một hòa giải viên là người dân tộc thiểu số hoặc thông thạo ${language ? `tiếng ${language}` : 'tiếng dân tộc của bên đó'}, hoặc người phiên dịch${language ? ` tiếng ${language}` : ''} (Điều 64 khoản 3 Luật Bảo vệ quyền lợi người tiêu dùng).`,
    ),
  sessionInPast: () =>
    invalid('mediation.session_in_past', 'Thời điểm phiên hòa giải phải ở tương lai.', [
      { path: 'startsAt', code: 'in_past', message: 'Thời điểm đã qua' },
    ]),
  heldInFuture: () =>
    invalid('mediation.held_in_future', 'Thời điểm hòa giải không được ở tương lai.', [
      { path: 'heldAt', code: 'in_future', message: 'Thời điểm ở tương lai' },
    ]),
  performByBeforeHeld: () =>
    invalid('mediation.perform_by_before_held', 'Thời hạn thực hiện phải từ ngày hòa giải trở đi.', [
      { path: 'performBy', code: 'before_held', message: 'Trước ngày hòa giải' },
    ]),
  notSucceeded: () => state('mediation.not_succeeded', 'Chỉ theo dõi việc thực hiện đối với vụ hòa giải thành.'),
  performanceRecorded: () => state('mediation.performance_recorded', 'Kết quả thực hiện đã được ghi nhận.'),
};
