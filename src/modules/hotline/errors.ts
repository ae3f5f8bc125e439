/** Stable error codes of the hotline module (the message is Vietnamese, the code never changes). */
import { AppError, invalid, notFound } from '../../platform/errors.js';

export const hotlineErrors = {
  callNotFound: () => notFound('hotline.call_not_found', 'Không tìm thấy cuộc gọi.'),
  callbackNotFound: () => notFound('hotline.callback_not_found', 'Không tìm thấy yêu cầu gọi lại.'),
  unknownAnswer: () =>
    invalid('hotline.unknown_answer', 'Câu trả lời nhanh không tồn tại hoặc đã ngừng sử dụng.', [
      { path: 'answerId', code: 'unknown_answer', message: 'Câu trả lời nhanh không tồn tại' },
    ]),
  startedInFuture: () =>
    invalid('hotline.started_in_future', 'Thời điểm cuộc gọi không được ở tương lai.', [
      { path: 'startedAt', code: 'in_future', message: 'Thời điểm cuộc gọi ở tương lai' },
    ]),
  callNotMissed: () => new AppError('invalid_state', 'hotline.call_not_missed', 'Chỉ tạo yêu cầu gọi lại cho cuộc gọi nhỡ.'),
  callbackOpenExists: () =>
    new AppError('conflict', 'hotline.callback_open_exists', 'Số điện thoại này đã có một yêu cầu gọi lại đang chờ xử lý.'),
  callbackClosed: () => new AppError('invalid_state', 'hotline.callback_closed', 'Yêu cầu gọi lại đã đóng, không ghi nhận thêm lần gọi.'),
  outcomeRequired: () =>
    invalid('hotline.outcome_required', 'Khi đã liên lạc được, hãy ghi kết quả cuộc gọi lại.', [
      { path: 'note', code: 'required', message: 'Ghi kết quả cuộc gọi lại' },
    ]),
  invalidPeriod: () =>
    invalid('hotline.invalid_period', 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', [
      { path: 'from', code: 'after_to', message: 'Ngày bắt đầu sau ngày kết thúc' },
    ]),
  periodTooLong: () =>
    invalid('hotline.period_too_long', 'Khoảng thời gian thống kê tối đa 366 ngày.', [
      { path: 'to', code: 'too_long', message: 'Khoảng thời gian quá dài' },
    ]),
};
