import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { canonicalName, detectKind, matchAgency, rankCandidates } from './match.js';
import { seedDemoDirectory } from './demo.js';

describe('agency name matcher (pure)', () => {
  const variants: [string, string][] = [
    ['Hội BVQL NTD tỉnh', 'hoi-bvqlntd'],
    ['Hội BVQLNTD tỉnh', 'hoi-bvqlntd'],
    ['Hội Bảo vệ QLNTD tỉnh', 'hoi-bvqlntd'],
    ['Hội Bảo vệ quyền lợi người tiêu dùng tỉnh', 'hoi-bvqlntd'],
    ['HOI BAO VE QUYEN LOI NGUOI TIEU DUNG', 'hoi-bvqlntd'],
    ['Sở KH&CN', 'so-khcn'],
    ['Sở KH & CN tỉnh', 'so-khcn'],
    ['Sở Khoa học và Công nghệ', 'so-khcn'],
    ['so khoa hoc va cong nghe', 'so-khcn'],
    ['UBND xã/phường', 'ubnd-xa'],
    ['UBND các xã, phường', 'ubnd-xa'],
    ['Ủy ban nhân dân xã, phường', 'ubnd-xa'],
    ['Sở NN&MT', 'so-nnmt'],
    ['Sở Nông nghiệp và Môi trường', 'so-nnmt'],
    ['Sở VHTTDL', 'so-vhttdl'],
    ['Sở VH,TT&DL', 'so-vhttdl'],
    ['Sở Văn hóa, Thể thao và Du lịch', 'so-vhttdl'],
    ['QLTT', 'qltt'],
    ['Chi cục QLTT', 'qltt'],
    ['Chi cục Quản lý thị trường thuộc Sở Công Thương', 'qltt'],
    ['Công an tỉnh', 'cong-an'],
    ['Chi cục Hải quan khu vực XVI', 'hai-quan'],
    ['Ban Chỉ huy Bộ đội biên phòng trực thuộc Bộ Chỉ huy quân sự tỉnh', 'bien-phong'],
    ['Báo và PT-TH tỉnh', 'bao-ptth'],
    ['Báo và Phát thanh, truyền hình Tuyên Quang', 'bao-ptth'],
    ['Ủy ban MTTQ tỉnh', 'mttq'],
    ['Ủy ban MTTQVN tỉnh và các tổ chức chính trị, xã hội tỉnh', 'mttq'],
    ['Hiệp hội doanh nghiệp tỉnh', 'hiep-hoi-dn'],
    ['Sở GD&ĐT', 'so-gddt'],
    ['Sở Công Thương', 'so-cong-thuong'],
    ['Sở Y tế', 'so-y-te'],
    ['Sở Tư pháp', 'so-tu-phap'],
    ['Sở Tài chính', 'so-tai-chinh'],
    ['Sở Nội vụ', 'so-noi-vu'],
    ['Sở Xây dựng', 'so-xay-dung'],
  ];
  for (const [text, kind] of variants) {
    it(`reads "${text}" as ${kind}`, () => {
      assert.equal(detectKind(text)?.kind, kind);
    });
  }

  it('reads no kind from a name it does not know', () => {
    assert.equal(detectKind('Văn phòng Tỉnh ủy'), null);
    assert.equal(detectKind('UBND tỉnh'), null, 'the provincial People’s Committee is not a commune one');
  });

  it('folds accents and đ and expands abbreviations the same way on both sides', () => {
    assert.equal(canonicalName('Sở GD&ĐT'), canonicalName('Sở Giáo dục và Đào tạo'));
    assert.equal(canonicalName('Hội BVQL NTD tỉnh'), canonicalName('Hội Bảo vệ quyền lợi người tiêu dùng tỉnh'));
    assert.equal(canonicalName('UBND xã/phường'), 'uy ban nhan dan xa phuong');
  });

  it('ranks the agency of the named kind first, with a confidence between 0 and 1', () => {
    const candidates = [
      { id: 'a', name: 'Sở Công Thương tỉnh Tuyên Quang', kind: 'so-cong-thuong' as const, aliases: [] },
      { id: 'b', name: 'Sở Khoa học và Công nghệ tỉnh Tuyên Quang', kind: 'so-khcn' as const, aliases: [] },
      { id: 'c', name: 'Công an tỉnh Tuyên Quang', kind: 'cong-an' as const, aliases: [] },
    ];
    const ranked = rankCandidates('Sở KH&CN', candidates, ['tuyen quang']);
    assert.equal(ranked[0]!.agencyId, 'b');
    assert.equal(ranked[0]!.kind, 'so-khcn');
    assert.equal(ranked[0]!.confidence, 0.97, 'same name once the locality is dropped');
    for (const r of ranked) assert.ok(r.confidence >= 0 && r.confidence <= 1);
    assert.ok(ranked[1]!.confidence < 0.3);
  });

  it('gives 1 for an exact alias, whatever the accents and case', () => {
    const ranked = rankCandidates('hoi bvql ntd tinh', [
      { id: 'h', name: 'Hội Bảo vệ quyền lợi người tiêu dùng tỉnh Tuyên Quang', kind: 'hoi-bvqlntd', aliases: ['Hội BVQL NTD tỉnh'] },
    ]);
    assert.equal(ranked[0]!.confidence, 1);
    assert.equal(ranked[0]!.matchedBy, 'alias');
  });
});

describe('agency name matcher against the directory', () => {
  let t: TestEnv;
  before(async () => {
    t = await testEnv();
    await seedDemoDirectory(t.sysCtx(), '08');
  });
  after(() => t.close());

  const expectations: [string, string, RegExp][] = [
    ['Hội BVQL NTD tỉnh', 'hoi-bvqlntd', /^Hội Bảo vệ quyền lợi người tiêu dùng tỉnh Tuyên Quang$/],
    ['Hội Bảo vệ quyền lợi người tiêu dùng tỉnh', 'hoi-bvqlntd', /^Hội Bảo vệ/],
    ['Sở KH&CN', 'so-khcn', /^Sở Khoa học và Công nghệ/],
    ['Sở Khoa học và Công nghệ', 'so-khcn', /^Sở Khoa học và Công nghệ/],
    ['Sở NN&MT', 'so-nnmt', /^Sở Nông nghiệp và Môi trường/],
    ['Sở VHTTDL', 'so-vhttdl', /^Sở Văn hóa, Thể thao và Du lịch/],
    ['QLTT', 'qltt', /^Chi cục Quản lý thị trường/],
    ['Công an tỉnh', 'cong-an', /^Công an tỉnh Tuyên Quang$/],
    ['Chi cục Hải quan khu vực XVI', 'hai-quan', /^Chi cục Hải quan khu vực XVI$/],
    ['UBND xã/phường', 'ubnd-xa', /^Ủy ban nhân dân (xã|phường) /],
    ['UBND các xã, phường', 'ubnd-xa', /^Ủy ban nhân dân (xã|phường) /],
    ['UBND phường Minh Xuân', 'ubnd-xa', /^Ủy ban nhân dân phường Minh Xuân$/],
    ['Báo và PTTH tỉnh', 'bao-ptth', /^Báo và Phát thanh, truyền hình Tuyên Quang$/],
    ['Ủy ban MTTQ tỉnh', 'mttq', /^Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Tuyên Quang$/],
  ];
  for (const [text, kind, name] of expectations) {
    it(`maps "${text}" to the ${kind} agency`, async () => {
      const m = await matchAgency(t.sysCtx(), text, { provinceCode: '08' });
      assert.equal(m.kind, kind);
      const top = m.candidates[0];
      assert.ok(top, 'a candidate is found');
      assert.equal(top.kind, kind);
      assert.match(top.name, name);
      assert.ok(top.confidence >= 0.6, `confidence ${top.confidence}`);
    });
  }

  it('finds nothing for a name unrelated to any agency', async () => {
    const m = await matchAgency(t.sysCtx(), 'Nhà máy thủy điện Na Hang', { provinceCode: '08' });
    assert.deepEqual(m.candidates, []);
  });
});
