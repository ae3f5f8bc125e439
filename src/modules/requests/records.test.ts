import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors.js';
import { renderDocx, renderPdf, type PrintableDocument } from '../../platform/documents/index.js';
import { docxText, flat, pdfText } from '../../platform/documents/testing.js';
import {
  mediationRecordDocument,
  negotiationRecordDocument,
  remainingDisputeOptions,
  unsuccessfulMediationDocument,
  type BusinessParty,
  type ConsumerParty,
  type MediationRecordData,
  type NegotiationRecordData,
  type UnsuccessfulMediationData,
} from './records.js';

const consumer: ConsumerParty = {
  // As some keyboards type it (NFD): the documents must still carry NFC.
  name: 'Nguyễn Thị Hồng'.normalize('NFD'),
  birthYear: 1958,
  address: '12 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
  phone: '0912345678',
};
const business: BusinessParty = {
  name: 'Công ty TNHH Điện máy Minh Phát',
  taxCode: '5000123456',
  address: '45 Nguyễn Tất Thành, phường Tân An, tỉnh Đắk Lắk',
  representative: { name: 'Trần Văn Phát', position: 'Giám đốc' },
};
const header = {
  issuer: ['ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK', 'SỞ CÔNG THƯƠNG'],
  reference: 'Số: 12/BB-SCT',
  place: 'Đắk Lắk',
  date: '2026-11-27',
};

function negotiation(over: Partial<NegotiationRecordData> = {}): NegotiationRecordData {
  return {
    header,
    caseCode: 'YC-2026-000123',
    consumer,
    business,
    supportingAgency: { name: 'Sở Công Thương tỉnh Đắk Lắk', officers: [{ name: 'Lê Minh Đức', position: 'chuyên viên' }] },
    // 02:00 UTC = 09:00 in Asia/Ho_Chi_Minh.
    session: {
      startedAt: new Date('2026-11-27T02:00:00Z'),
      endedAt: new Date('2026-11-27T03:30:00Z'),
      location: 'Trụ sở Sở Công Thương',
      form: 'in_person',
    },
    content: {
      consumerRequest: 'Đổi tủ lạnh mới hoặc hoàn tiền vì máy nén hỏng sau 10 ngày sử dụng.',
      businessResponse: 'Đồng ý hoàn tiền sau khi kiểm tra.',
      transaction: { description: 'Tủ lạnh Inverter 320 lít', date: '2026-10-30', valueVnd: 8_990_000n },
    },
    result: {
      outcome: 'agreed',
      summary: 'Doanh nghiệp hoàn trả một phần tiền và thu hồi sản phẩm.',
      remedies: [{ description: 'Hoàn trả tiền cho người tiêu dùng', amountVnd: 1_250_000n, dueDate: '2026-12-04' }],
    },
    otherTerms: ['Doanh nghiệp chịu chi phí vận chuyển tủ lạnh.'],
    agreedWithoutWrittenRecord: false,
    confidential: false,
    ...over,
  };
}

function mediation(over: Partial<MediationRecordData> = {}): MediationRecordData {
  return {
    header: { place: 'Đắk Lắk', date: '2026-11-27' },
    caseCode: 'YC-2026-000123',
    organisation: { name: 'Hội Bảo vệ quyền lợi người tiêu dùng tỉnh Đắk Lắk', type: 'a', address: '10 Phan Bội Châu' },
    mediators: [{ name: 'Y Bhin Niê', note: 'thông thạo tiếng Ê Đê (khoản 3 Điều 64)' }],
    interpreter: { name: "H'Nhi Êban", language: 'Ê Đê' },
    consumer,
    business,
    session: { startedAt: new Date('2026-11-27T02:00:00Z'), location: 'Trụ sở Hội', form: 'online', formNote: 'họp trực tuyến' },
    content: {
      consumerRequest: 'Bồi thường thực phẩm hư hỏng do tủ lạnh lỗi.',
      transaction: { description: 'Tủ lạnh', valueVnd: '8990000' },
    },
    opinions: { consumer: 'Yêu cầu bồi thường 1.500.000 đồng.', business: 'Đồng ý bồi thường 1.250.000 đồng.' },
    result: { summary: 'Các bên thống nhất mức bồi thường.', remedies: [{ description: 'Bồi thường thiệt hại', amountVnd: 1_250_000 }] },
    performanceDeadline: '2026-12-11',
    ...over,
  };
}

function unsuccessful(over: Partial<UnsuccessfulMediationData> = {}): UnsuccessfulMediationData {
  const { performanceDeadline: _d, result: _r, otherTerms: _o, confidentialityWaived: _c, ...base } = mediation();
  return { ...base, reason: 'Doanh nghiệp không đồng ý bồi thường.', transactionValueVnd: 8_990_000n, ...over };
}

/** The text of both renderings, whitespace flattened; asserts both are NFC. */
async function texts(doc: PrintableDocument): Promise<{ docx: string; pdf: string }> {
  const { body } = docxText(await renderDocx(doc));
  const { text } = await pdfText(await renderPdf(doc));
  for (const t of [body, text]) assert.equal(t, t.normalize('NFC'), 'extracted text is NFC');
  return { docx: flat(body), pdf: flat(text) };
}

async function assertBoth(doc: PrintableDocument, expected: readonly string[], absent: readonly string[] = []): Promise<void> {
  const t = await texts(doc);
  for (const [format, text] of Object.entries(t)) {
    for (const s of expected) assert.ok(text.includes(s), `${format}: missing ${JSON.stringify(s)}`);
    for (const s of absent) assert.ok(!text.includes(s), `${format}: unexpected ${JSON.stringify(s)}`);
  }
}

describe('negotiation record (Law Art. 60)', () => {
  it('prints every Art. 60(2) element and the signatures, in DOCX and PDF', async () => {
    await assertBoth(
      negotiationRecordDocument(negotiation()),
      [
        'BIÊN BẢN THƯƠNG LƯỢNG',
        'Biên bản thương lượng được lập thành 03 bản',
        'Đắk Lắk, ngày 27 tháng 11 năm 2026',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 12/BB-SCT',
        'CÁC BÊN THAM GIA THƯƠNG LƯỢNG (điểm a khoản 2 Điều 60)',
        'Họ và tên: Nguyễn Thị Hồng',
        'Tên: Công ty TNHH Điện máy Minh Phát',
        'Mã số thuế: 5000123456',
        'Cán bộ hỗ trợ: Lê Minh Đức, chuyên viên',
        'THỜI GIAN, ĐỊA ĐIỂM THƯƠNG LƯỢNG (điểm b khoản 2 Điều 60)',
        'Thời gian: Từ 09:00 đến 10:30 ngày 27/11/2026',
        'Địa điểm: Trụ sở Sở Công Thương',
        'Hình thức: Trực tiếp (khoản 3 Điều 54)',
        'NỘI DUNG THƯƠNG LƯỢNG (điểm c khoản 2 Điều 60)',
        'Giá trị giao dịch: 8.990.000 đồng',
        'Ngày giao dịch: 30/10/2026',
        'KẾT QUẢ THƯƠNG LƯỢNG (điểm d khoản 2 Điều 60)',
        'Kết quả: Thương lượng thành',
        '1.250.000 đồng',
        '04/12/2026',
        'NỘI DUNG KHÁC THEO THỎA THUẬN CỦA CÁC BÊN (điểm đ khoản 2 Điều 60)',
        'Doanh nghiệp chịu chi phí vận chuyển tủ lạnh.',
        'NGƯỜI TIÊU DÙNG',
        '(Ký hoặc điểm chỉ, ghi rõ họ tên)',
        'ĐẠI DIỆN TỔ CHỨC, CÁ NHÂN KINH DOANH',
        'Trần Văn Phát',
        'CÁN BỘ HỖ TRỢ THƯƠNG LƯỢNG',
      ],
      ['điểm d khoản 1 Điều 59'],
    );
  });

  it('adds the confidentiality line when a party asked for it (Art. 59(1)(d))', async () => {
    const doc = negotiationRecordDocument(negotiation({ confidential: true }));
    await assertBoth(doc, ['việc thương lượng được giữ bí mật (điểm d khoản 1 Điều 59', 'khoản 2 Điều 55']);
    assert.match(doc.footerNote ?? '', /Bảo mật theo yêu cầu của các bên/);
  });

  it('lets the representative sign for the consumer', async () => {
    const doc = negotiationRecordDocument(
      negotiation({
        consumer: { ...consumer, representative: { name: 'Phạm Văn Nam', basis: 'con, theo giấy ủy quyền ngày 20/11/2026' } },
      }),
    );
    await assertBoth(doc, ['NGƯỜI ĐẠI DIỆN CỦA NGƯỜI TIÊU DÙNG', 'Người đại diện: Phạm Văn Nam (con, theo giấy ủy quyền ngày 20/11/2026)']);
  });

  it('without a supporting agency, two originals and two signers', () => {
    const doc = negotiationRecordDocument(negotiation({ supportingAgency: undefined }));
    const sig = doc.blocks.find((b) => b.kind === 'signatures');
    assert.equal(sig?.kind === 'signatures' ? sig.signers.length : 0, 2);
    assert.ok(doc.blocks.some((b) => b.kind === 'paragraph' && typeof b.text === 'string' && b.text.includes('lập thành 02 bản')));
  });

  it('when the parties agreed on no written result, is the agency note, without the parties signatures', async () => {
    const doc = negotiationRecordDocument(negotiation({ agreedWithoutWrittenRecord: true }));
    await assertBoth(
      doc,
      ['PHIẾU GHI NHẬN KẾT QUẢ THƯƠNG LƯỢNG', 'thỏa thuận không lập văn bản về kết quả thương lượng (khoản 1 Điều 60', 'NGƯỜI GHI NHẬN'],
      ['BIÊN BẢN THƯƠNG LƯỢNG', 'ĐẠI DIỆN TỔ CHỨC, CÁ NHÂN KINH DOANH', 'Ký hoặc điểm chỉ'],
    );
  });

  it('refuses a written result without its mandatory content', () => {
    assert.throws(
      () => negotiationRecordDocument(negotiation({ result: { outcome: 'agreed', summary: '  ' } })),
      (e: unknown) => e instanceof AppError && e.code === 'negotiation.record_incomplete' && e.details?.[0]?.path === 'd',
    );
  });
});

describe('successful mediation record (Law Art. 65)', () => {
  it('prints all of Art. 65(2)(a)–(h), the deadline, and the signatures of Art. 65(3)', async () => {
    await assertBoth(mediationRecordDocument(mediation()), [
      'HỘI BẢO VỆ QUYỀN LỢI NGƯỜI TIÊU DÙNG TỈNH ĐẮK LẮK',
      'BIÊN BẢN HÒA GIẢI THÀNH',
      'a) Tổ chức, cá nhân tiến hành hòa giải',
      'Loại tổ chức: Tổ chức xã hội tham gia bảo vệ quyền lợi người tiêu dùng (điểm a khoản 1 Điều 63)',
      'Hòa giải viên: Y Bhin Niê (thông thạo tiếng Ê Đê (khoản 3 Điều 64))',
      "Người phiên dịch: H'Nhi Êban, tiếng Ê Đê (khoản 3 Điều 64).",
      'b) Các bên tham gia hòa giải',
      'Họ và tên: Nguyễn Thị Hồng',
      'Công ty TNHH Điện máy Minh Phát',
      'c) Thời gian, địa điểm tiến hành hòa giải',
      'Thời gian: Từ 09:00 ngày 27/11/2026',
      'Hình thức: Trực tuyến: họp trực tuyến (khoản 3 Điều 54)',
      'd) Nội dung hòa giải',
      'đ) Ý kiến của các bên tham gia hòa giải',
      'Tổ chức, cá nhân kinh doanh: Đồng ý bồi thường 1.250.000 đồng.',
      'e) Kết quả hòa giải và giải pháp thực hiện',
      'Bồi thường thiệt hại',
      'g) Thời hạn thực hiện kết quả hòa giải thành',
      'chậm nhất vào ngày 11/12/2026 (khoản 1 Điều 66',
      'h) Nội dung khác theo thỏa thuận của các bên',
      'bảo đảm bí mật thông tin liên quan đến việc hòa giải (khoản 2 Điều 62',
      'yêu cầu Tòa án ra quyết định công nhận kết quả hòa giải thành',
      'HÒA GIẢI VIÊN',
      'NGƯỜI PHIÊN DỊCH',
      'XÁC NHẬN CỦA TỔ CHỨC HÒA GIẢI',
      '(Ký, ghi rõ họ tên, đóng dấu nếu có)',
    ]);
  });

  it('cannot be made without the deadline to perform or without a mediator', () => {
    const code = (e: unknown): string[] =>
      e instanceof AppError && e.code === 'mediation.record_incomplete' ? (e.details ?? []).map((d) => d.path ?? '') : [];
    assert.throws(
      () => mediationRecordDocument(mediation({ performanceDeadline: '' })),
      (e) => code(e).join() === 'g',
    );
    assert.throws(
      () => mediationRecordDocument(mediation({ mediators: [] })),
      (e) => code(e).join() === 'a',
    );
    assert.throws(
      () => mediationRecordDocument(mediation({ opinions: { consumer: '', business: 'x' } })),
      (e) => code(e).join() === 'đ',
    );
  });

  it('dates a remedy without its own date by the deadline of point (g)', () => {
    const table = mediationRecordDocument(mediation()).blocks.find((b) => b.kind === 'table');
    assert.equal(table?.kind === 'table' ? table.rows[0]?.[4] : undefined, '11/12/2026');
  });

  it('leaves the confidentiality line out when the parties waived it', () => {
    const doc = mediationRecordDocument(mediation({ confidentialityWaived: true }));
    assert.ok(!JSON.stringify(doc).includes('khoản 2 Điều 62'));
  });
});

describe('unsuccessful mediation', () => {
  it("lists the consumer's remaining options in the record", async () => {
    await assertBoth(unsuccessfulMediationDocument(unsuccessful()), [
      'BIÊN BẢN HÒA GIẢI KHÔNG THÀNH',
      'Lý do: Doanh nghiệp không đồng ý bồi thường.',
      'a) Trọng tài: chỉ khi các bên có thỏa thuận trọng tài',
      'b) Tòa án: khởi kiện vụ án dân sự về bảo vệ quyền lợi người tiêu dùng (khoản 1 Điều 70).',
      'Thủ tục rút gọn: giá trị giao dịch là 8.990.000 đồng, dưới 100 triệu đồng: vụ án được giải quyết theo thủ tục rút gọn',
      'không phải nộp tiền tạm ứng án phí (khoản 2 Điều 71)',
      'không phải chứng minh lỗi của tổ chức, cá nhân kinh doanh',
      'Biên bản hòa giải không thành được lập thành 03 bản',
    ]);
  });

  it('uses the simplified procedure only under 100 million VND (Art. 70(2)–(3))', () => {
    const under = remainingDisputeOptions({ transactionValueVnd: 99_999_999n }).join('\n');
    assert.match(under, /99\.999\.999 đồng, dưới 100 triệu đồng: .*khoản 2 Điều 70/);
    const at = remainingDisputeOptions({ transactionValueVnd: '100000000' }).join('\n');
    assert.match(at, /100\.000\.000 đồng, từ 100 triệu đồng trở lên: .*khoản 3 Điều 70/);
    assert.doesNotMatch(at, /khoản 2 Điều 70/);
    const unknown = remainingDisputeOptions({}).join('\n');
    assert.match(unknown, /dưới 100 triệu đồng được giải quyết theo thủ tục rút gọn.*khoản 2 Điều 70/);
    for (const text of [under, at, unknown]) assert.match(text, /không phải nộp tiền tạm ứng án phí \(khoản 2 Điều 71\)/);
    assert.throws(() => remainingDisputeOptions({ transactionValueVnd: 1.5 }), RangeError, 'never a float');
  });

  it('tells the consumer a standard-form arbitration clause does not bind them (Art. 67(2))', () => {
    assert.match(remainingDisputeOptions({ arbitrationClause: 'standard_form' })[0]!, /khoản 2 Điều 67/);
    assert.match(remainingDisputeOptions({ arbitrationClause: 'agreed' })[0]!, /khoản 1 Điều 67/);
  });
});
