/** A valid intake body (POST /api/v1/requests) with overrides, for tests. */
export function complaint(over: Record<string, unknown> = {}) {
  return {
    kind: 'complaint',
    channel: 'web',
    consumer: { fullName: 'Nguyễn Thị Lan', phone: '0912345678', email: 'lan@example.test', birthYear: 1985 },
    business: { name: 'Cửa hàng mỹ phẩm Hoa Mai', address: '12 Đường Tân Trào, phường Minh Xuân', taxCode: '5000123456' },
    transaction: { date: '2026-11-10', amountVnd: 850000, productOrService: 'kem dưỡng da', place: { communeCode: '02215' } },
    description:
      'Tôi mua kem dưỡng da tại cửa hàng, về dùng thì phát hiện là hàng giả, không có tem chống hàng giả, bao bì khác hàng chính hãng.',
    desiredOutcome: 'Hoàn lại tiền',
    priorContact: { date: '2026-11-12', businessReply: 'refused' },
    consents: { privacyNoticeVersion: '2026-11', publishNarrative: false },
    ...over,
  };
}
