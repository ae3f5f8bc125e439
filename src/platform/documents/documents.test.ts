import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  cleanText,
  contentTypes,
  documentFileName,
  formatDong,
  listMarker,
  placeDateLine,
  renderDocument,
  renderDocx,
  renderPdf,
  shippedFonts,
  type PrintableDocument,
} from './index.js';
import { docxText, flat, pdfText, unzip } from './testing.js';

const nfd = (s: string): string => s.normalize('NFD');
const LONG = 'Người tiêu dùng yêu cầu đổi tủ lạnh bị hỏng máy nén, hoàn trả chi phí vận chuyển và bồi thường thực phẩm hư hỏng. ';

/** Every kind of block, with the names given in NFD (as some keyboards and imports produce them). */
function sample(): PrintableDocument {
  return {
    issuer: ['ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK', nfd('SỞ CÔNG THƯƠNG')],
    reference: 'Số: 12/BB-SCT',
    placeDate: { place: 'Đắk Lắk', date: '2026-11-27' },
    title: 'BIÊN BẢN THƯƠNG LƯỢNG',
    subtitle: 'Hồ sơ YC-2026-000123',
    blocks: [
      { kind: 'paragraph', text: 'Căn cứ Điều 60 Luật Bảo vệ quyền lợi người tiêu dùng;', italic: true },
      { kind: 'heading', text: 'I. CÁC BÊN' },
      {
        kind: 'fields',
        items: [
          { label: 'Họ và tên', value: nfd('Nguyễn Thị Hồng') },
          { label: 'Địa chỉ', value: '12 Lê Duẩn, phường Buôn Ma Thuột' },
        ],
      },
      { kind: 'list', style: 'letters', items: ['một', 'hai', 'ba', 'bốn', 'năm: đến điểm đ'] },
      {
        kind: 'table',
        columns: [
          { header: 'STT', width: 1, align: 'center' },
          { header: 'Nội dung', width: 5 },
          { header: 'Số tiền', width: 3, align: 'right' },
        ],
        rows: Array.from({ length: 45 }, (_, i) => [String(i + 1), `Hóa đơn số ${i + 1}`, formatDong(1_250_000n)]),
      },
      { kind: 'paragraph', text: [{ text: 'Kết quả: ', bold: true }, { text: LONG.repeat(20) }] },
      { kind: 'pageBreak' },
      { kind: 'heading', text: 'II. KÝ TÊN' },
      {
        kind: 'signatures',
        signers: [
          { title: 'NGƯỜI TIÊU DÙNG', hint: '(Ký hoặc điểm chỉ, ghi rõ họ tên)', name: nfd('Nguyễn Thị Hồng') },
          { title: 'ĐẠI DIỆN DOANH NGHIỆP', hint: '(Ký, đóng dấu nếu có)', name: 'Trần Văn Phát' },
          { title: 'CÁN BỘ HỖ TRỢ', name: 'Lê Minh Đức' },
        ],
      },
    ],
    footerNote: 'Hồ sơ YC-2026-000123',
    meta: { subject: 'Thử nghiệm', keywords: ['YC-2026-000123'] },
  };
}

const EXPECTED = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK',
  'SỞ CÔNG THƯƠNG',
  'Đắk Lắk, ngày 27 tháng 11 năm 2026',
  'BIÊN BẢN THƯƠNG LƯỢNG',
  'Căn cứ Điều 60 Luật Bảo vệ quyền lợi người tiêu dùng;',
  'Họ và tên: Nguyễn Thị Hồng',
  'đ) năm: đến điểm đ',
  '1.250.000 đồng',
  'Hóa đơn số 45',
  'Kết quả: Người tiêu dùng yêu cầu đổi tủ lạnh bị hỏng máy nén',
  'NGƯỜI TIÊU DÙNG',
  '(Ký hoặc điểm chỉ, ghi rõ họ tên)',
  'Lê Minh Đức',
];

function assertContainsAll(text: string, expected: readonly string[]): void {
  const f = flat(text);
  for (const s of expected) assert.ok(f.includes(s), `missing ${JSON.stringify(s)}`);
}

describe('document helpers', () => {
  it('writes money, dates and enumerations the Vietnamese way', () => {
    assert.equal(formatDong(1_250_000n), '1.250.000 đồng');
    assert.equal(formatDong('99999999'), '99.999.999 đồng');
    assert.throws(() => formatDong(1.5), RangeError, 'a float is never money');
    // 17:30 UTC on the 26th is already the 27th in Asia/Ho_Chi_Minh.
    assert.equal(placeDateLine('Đắk Lắk', new Date('2026-11-26T17:30:00Z')), 'Đắk Lắk, ngày 27 tháng 11 năm 2026');
    assert.deepEqual(
      [0, 3, 4, 5, 6].map((i) => listMarker('letters', i)),
      ['a)', 'd)', 'đ)', 'e)', 'g)'],
    );
    assert.equal(listMarker('numbered', 2), '3.');
  });

  it('cleans text: NFC, no control characters, LF line ends', () => {
    assert.equal(cleanText(`${nfd('Hồng')}\u0007\r\nx`), 'Hồng\nx');
    assert.equal(documentFileName('Biên bản thương lượng YC-2026-000123', 'pdf'), 'Bien-ban-thuong-luong-YC-2026-000123.pdf');
    assert.equal(documentFileName('Đơn', 'docx'), 'Don.docx');
  });
});

describe('DOCX', () => {
  it('carries the Vietnamese text exactly, in NFC, with the footer and page fields', async () => {
    const buf = await renderDocx(sample());
    assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK');
    const { body, footers, xml } = docxText(buf);
    assertContainsAll(body, EXPECTED);
    assert.equal(xml, xml.normalize('NFC'), 'document.xml is NFC');
    assert.ok(!xml.includes(nfd('Hồng')), 'the NFD input was normalised');
    assert.match(footers, /Hồ sơ YC-2026-000123 · Trang/);
    assert.ok(xml.includes('<w:tblHeader/>'), 'the table header repeats on each page');
    const styles = unzip(buf).get('word/styles.xml')?.toString('utf8') ?? '';
    assert.ok(styles.includes('w:val="vi-VN"'), 'language vi-VN');
    assert.ok(styles.includes('Times New Roman'));
  });

  it('drops control characters that would make the XML invalid', async () => {
    const doc: PrintableDocument = { title: 'Thử', blocks: [{ kind: 'paragraph', text: 'a\u0001b\u000Bc' }] };
    const { body, xml } = docxText(await renderDocx(doc));
    assert.ok(body.includes('abc'));
    assert.ok(!/[\u0001\u000B]/.test(xml));
  });
});

describe('PDF', () => {
  it('carries the Vietnamese text exactly, in NFC, over several A4 pages with page numbers', async () => {
    const buf = await renderPdf(sample());
    assert.equal(buf.subarray(0, 5).toString('latin1'), '%PDF-');
    const { text, pages } = await pdfText(buf);
    assertContainsAll(text, EXPECTED);
    assert.equal(text, text.normalize('NFC'));
    assert.ok(pages >= 3, `the long table and text and the page break make several pages (got ${pages})`);
    assert.ok(flat(text).includes(`Hồ sơ YC-2026-000123 · Trang 1/${pages}`));
    assert.ok(flat(text).includes(`Trang ${pages}/${pages}`));
    assert.match(buf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/, 'A4');
  });

  it('embeds the shipped Noto Sans, not a system font', async () => {
    const raw = (await renderPdf(sample())).toString('latin1');
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+NotoSans-Bold/);
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+NotoSans-Italic/);
    assert.match(raw, /\/FontFile2/, 'the font program is embedded');
  });

  it('the text check fails without the shipped font (pdfkit Helvetica cannot encode Vietnamese)', async () => {
    const helvetica = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };
    const { text } = await pdfText(await renderPdf(sample(), { fonts: helvetica }));
    assert.ok(!flat(text).includes('Nguyễn Thị Hồng'), 'garbled without Noto Sans');
    assert.ok(!flat(text).includes('1.250.000 đồng'));
  });

  it('wraps a long paragraph within the page and loses no word', async () => {
    const words = Array.from({ length: 1500 }, (_, i) => `từ${i}`);
    const doc: PrintableDocument = { title: 'Văn bản dài', nationalHeader: false, blocks: [{ kind: 'paragraph', text: words.join(' ') }] };
    const { text, pages } = await pdfText(await renderPdf(doc));
    assert.ok(pages >= 2);
    const got = new Set(flat(text).split(' '));
    for (const w of words) assert.ok(got.has(w), `missing ${w}`);
  });
});

describe('shipped fonts', () => {
  it('are TrueType files in assets/fonts with their licence', () => {
    for (const path of Object.values(shippedFonts)) {
      const head = readFileSync(path).subarray(0, 4);
      assert.deepEqual([...head], [0, 1, 0, 0], `${path} is TrueType`);
    }
    const ofl = readFileSync(new URL('../../../assets/fonts/OFL.txt', import.meta.url), 'utf8');
    assert.match(ofl, /SIL OPEN FONT LICENSE/);
    assert.match(ofl, /Copyright 2015 Google LLC/);
  });
});

describe('renderDocument', () => {
  it('gives the bytes with their content type', async () => {
    const doc: PrintableDocument = { title: 'Thử', blocks: [] };
    const docx = await renderDocument(doc, 'docx');
    const pdf = await renderDocument(doc, 'pdf');
    assert.equal(docx.contentType, contentTypes.docx);
    assert.equal(pdf.contentType, 'application/pdf');
    assert.ok(docx.body.length > 1000 && pdf.body.length > 1000);
  });
});
