/**
 * The status lifecycle of a request: one transition table checked by `assertTransition`.
 * received → (awaiting_supplement) → accepted → forwarded / in_progress → resolved / refused → closed.
 * Negotiation support (part 2): forwarded (to the business) → business_acknowledged →
 * business_responded → resolved (the consumer accepts) or in_progress / in_mediation (rejects);
 * "not our case" returns a forwarded case to accepted; a resolved case may be reopened.
 */
import { AppError } from '../../platform/errors.js';
import type { RequestStatus } from './schema.js';

const transitions: Record<RequestStatus, readonly RequestStatus[]> = {
  received: ['awaiting_supplement', 'accepted', 'forwarded', 'in_progress', 'refused', 'closed'],
  awaiting_supplement: ['received', 'accepted', 'refused', 'closed'],
  accepted: ['forwarded', 'in_progress', 'resolved', 'refused', 'awaiting_supplement', 'in_mediation'],
  forwarded: ['business_acknowledged', 'business_responded', 'in_progress', 'resolved', 'closed', 'accepted'],
  business_acknowledged: ['business_responded', 'in_progress', 'in_mediation', 'resolved', 'closed', 'accepted'],
  business_responded: ['resolved', 'in_progress', 'in_mediation', 'business_responded', 'closed', 'accepted'],
  in_mediation: ['resolved', 'in_progress', 'closed'],
  in_progress: ['resolved', 'forwarded', 'refused', 'in_mediation', 'closed'],
  resolved: ['closed', 'in_progress', 'business_acknowledged'],
  refused: ['closed'],
  closed: [],
};

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return transitions[from].includes(to);
}

export function assertTransition(from: RequestStatus, to: RequestStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError(
      'invalid_state',
      'request.invalid_transition',
      `Không thể chuyển hồ sơ từ trạng thái "${statusLabel(from)}" sang "${statusLabel(to)}".`,
    );
  }
}

const labels: Record<RequestStatus, string> = {
  received: 'Đã tiếp nhận',
  awaiting_supplement: 'Chờ bổ sung thông tin',
  accepted: 'Đã thụ lý',
  forwarded: 'Đã chuyển doanh nghiệp',
  business_acknowledged: 'Doanh nghiệp đã tiếp nhận',
  business_responded: 'Doanh nghiệp đã trả lời',
  in_mediation: 'Đang hòa giải',
  in_progress: 'Đang giải quyết',
  resolved: 'Đã giải quyết',
  refused: 'Từ chối',
  closed: 'Đã đóng',
};

export function statusLabel(s: RequestStatus): string {
  return labels[s];
}
