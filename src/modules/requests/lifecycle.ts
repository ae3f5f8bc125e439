/**
 * The status lifecycle of a request: one transition table checked by `assertTransition`.
 * received → (awaiting_supplement) → accepted → forwarded / in_progress → resolved / refused → closed.
 * Part 2 (negotiation, mediation) adds states here.
 */
import { AppError } from '../../platform/errors.js';
import type { RequestStatus } from './schema.js';

const transitions: Record<RequestStatus, readonly RequestStatus[]> = {
  received: ['awaiting_supplement', 'accepted', 'forwarded', 'in_progress', 'refused', 'closed'],
  awaiting_supplement: ['received', 'accepted', 'refused', 'closed'],
  accepted: ['forwarded', 'in_progress', 'resolved', 'refused', 'awaiting_supplement'],
  forwarded: ['in_progress', 'resolved', 'closed', 'accepted'],
  in_progress: ['resolved', 'forwarded', 'refused'],
  resolved: ['closed', 'in_progress'],
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
  forwarded: 'Đã chuyển xử lý',
  in_progress: 'Đang giải quyết',
  resolved: 'Đã giải quyết',
  refused: 'Từ chối',
  closed: 'Đã đóng',
};

export function statusLabel(s: RequestStatus): string {
  return labels[s];
}
