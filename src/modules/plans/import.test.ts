import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { AppError, httpStatusOf } from '../../platform/errors.js';
import { testMatcher } from '../../../test/fixtures/plans/agencies.js';
import { splitAgencies } from './agencies.js';
import { IMPORT_LIMITS } from './errors.js';
import { importPlan } from './import.js';
import { importPlanText } from './import-text.js';
import { matchImportedAgencies } from './match.js';
import type { ImportedTask, PlanImportPreview } from './schema.js';

const seed = (name: string): string => readFileSync(new URL(`../../../test/fixtures/plans/seeds/${name}`, import.meta.url), 'utf8');

const leaves = (p: PlanImportPreview): ImportedTask[] => p.tasks.filter((t) => !t.isSection);
const sections = (p: PlanImportPreview): ImportedTask[] => p.tasks.filter((t) => t.isSection);
const byRef = (p: PlanImportPreview, ref: string): ImportedTask => {
  const t = p.tasks.find((x) => x.ref === ref);
  assert.ok(t, `task ${ref} exists`);
  return t;
};
const names = (t: ImportedTask, role: 'leadAgencies' | 'coAgencies'): string[] => t[role].map((a) => a.text);

/** Asserts that `fn` throws an AppError with this code (and answers 4xx). */
function assertImportError(fn: () => unknown, code: string): AppError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, `an AppError, got ${String(e)}`);
    assert.equal(e.code, code);
    const status = httpStatusOf(e.kind);
    assert.ok(status >= 400 && status < 500, `4xx, got ${status}`);
    return e;
  }
  assert.fail(`expected ${code}`);
}

/** Every leaf task has a lead agency, or the preview warns that it has none. */
function assertLeadOrWarning(p: PlanImportPreview): void {
  for (const t of leaves(p)) {
    const warned = p.warnings.some((w) => w.code === 'task.no_lead_agency' && w.ref === t.ref);
    assert.ok(t.leadAgencies.length > 0 || warned, `task ${t.ref} has a lead agency or a warning`);
    assert.ok(!(t.leadAgencies.length > 0 && warned), `task ${t.ref} is not warned when it has a lead agency`);
  }
}

/** Every lead agency is matched to the directory, a group assignment, or flagged `agency.unmatched`. */
async function assertMatchedOrFlagged(p: PlanImportPreview): Promise<PlanImportPreview> {
  const m = await matchImportedAgencies(p, testMatcher);
  for (const t of m.tasks) {
    for (const a of [...t.leadAgencies, ...t.coAgencies]) {
      const flagged = m.warnings.some((w) => w.code === 'agency.unmatched' && w.ref === t.ref && w.text === a.text);
      assert.ok(a.agencyId || a.group || flagged, `"${a.text}" of ${t.ref} is matched, a group or flagged`);
      assert.equal(typeof a.confidence, 'number');
    }
  }
  return m;
}

describe('import of the four seed plans', () => {
  it('000 Bắc Ninh (no appendix): the five focus tasks of part II, each warned for its missing lead agency', async () => {
    // Counted by hand: "II- NHIỆM VỤ TRỌNG TÂM" has items 1. to 5. (no sub-items, no bullets) before
    // "III- TỔ CHỨC THỰC HIỆN"; the paragraphs under each item are its details.
    const p = importPlanText(seed('000_9ec07ca9f085bd2c.txt'));
    assert.equal(p.source, 'prose');
    assert.equal(p.tasks.length, 5);
    assert.equal(sections(p).length, 0);
    assert.deepEqual(
      p.tasks.map((t) => t.ref),
      ['1', '2', '3', '4', '5'],
    );
    assert.match(byRef(p, '5').content, /^Đổi mới, nâng cao hiệu quả công tác tuyên truyền$/);
    // A paragraph cut by a page break ("… trong đó, tập" / "trung điều tra …") is joined.
    assert.match(byRef(p, '2').details ?? '', /trong đó, tập trung điều tra, xử lý nghiêm/);
    assert.equal(p.warnings.filter((w) => w.code === 'task.no_lead_agency').length, 5);
    assertLeadOrWarning(p);
    assert.equal(p.plan.issuer, 'Ban Thường vụ Tỉnh ủy Bắc Ninh');
    assert.deepEqual(p.plan.legalBasis, ['Kết luận số 207-KL/TW ngày 10/11/2025', 'Chỉ thị số 30-CT/TW ngày 22/01/2019']);
    await assertMatchedOrFlagged(p);
  });

  it('001 Lào Cai (no appendix): 20 tasks in 6 sections, with their lead bodies and deadlines', async () => {
    // Counted by hand in "II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU": 1.1–1.5 (5 tasks under "1. Các nhiệm vụ
    // cần làm ngay"); under "2. Nhiệm vụ thường xuyên": 2.1 (2 bullets), 2.2 (3), 2.3 (4), 2.4 (no
    // bullet: 1), 2.5 (4), 2.6 (1) = 15. 5 + 15 = 20 tasks, one "Trách nhiệm …:" line each (20 such
    // lines). Sections: 1, 2, 2.1, 2.2, 2.3, 2.5 = 6. Items: 26.
    const p = importPlanText(seed('001_5414fbd2099fb4e6.txt'));
    assert.equal(p.source, 'prose');
    assert.equal(leaves(p).length, 20);
    assert.deepEqual(
      sections(p).map((t) => t.ref),
      ['1', '2', '2.1', '2.2', '2.3', '2.5'],
    );
    assert.equal(p.tasks.length, 26);
    const t13 = byRef(p, '1.3');
    assert.deepEqual(names(t13, 'leadAgencies'), ['Ban Tuyên giáo và Dân vận Tỉnh ủy']);
    assert.deepEqual(t13.timing, { text: 'Xong trước ngày 30/12/2025', kind: 'once', due: '2025-12-30' });
    assert.deepEqual(byRef(p, '1.4').timing, { text: 'Xong trước ngày 20/12/2025', kind: 'once', due: '2025-12-20' });
    assert.deepEqual(byRef(p, '1.1').leadAgencies, [{ text: 'Các cấp ủy, tổ chức Đảng', group: true }], 'a generic group is kept whole');
    const bullet = byRef(p, '2.5.b');
    assert.equal(bullet.section, '2.5');
    assert.deepEqual(names(bullet, 'leadAgencies'), ['Đảng ủy Ủy ban nhân dân tỉnh', 'Đảng ủy các xã, phường']);
    assert.equal(bullet.timing.kind, 'continuous', 'takes the timing of "2. Nhiệm vụ thường xuyên"');
    assert.ok(p.warnings.some((w) => w.code === 'task.timing_from_section' && w.ref === '2.5.b'));
    assertLeadOrWarning(p);
    assert.equal(p.warnings.filter((w) => w.severity === 'warning').length, 0);
    assert.equal(p.plan.issuer, 'Ban Thường vụ Tỉnh ủy Lào Cai');
    await assertMatchedOrFlagged(p);
  });

  it('002 Tuyên Quang: the appendix gives 16 tasks in 6 sections; the row split by a page break is joined', async () => {
    // Counted by hand in "PHỤ LỤC": sections I–VI (6 rows "I\t" … "VI\t"); numbered rows under them:
    // I: 2, II: 2, III: 5, IV: 3, V: 2, VI: 2 = 16 (17 lines start with a number and a tab; one is
    // the column-number row "1 2 3 4 5"). The line "\tdịch vụ liên quan …" continues III.2.
    const p = importPlanText(seed('002_97866cbfb5cfd824.txt'));
    assert.equal(p.source, 'table');
    assert.equal(leaves(p).length, 16);
    assert.deepEqual(
      sections(p).map((t) => t.ref),
      ['I', 'II', 'III', 'IV', 'V', 'VI'],
    );
    assert.equal(p.tasks.length, 22);
    const split = byRef(p, 'III.2');
    assert.match(split.content, /đặc biệt đối với sản phẩm, hàng hóa, dịch vụ liên quan đến sức khỏe, thực phẩm/);
    assert.equal(split.number, '2');
    assert.equal(split.section, 'III');
    assert.ok(p.warnings.some((w) => w.code === 'row.joined' && w.ref === 'III.2'));
    // HTML left in cells is removed.
    const html = byRef(p, 'VI.1');
    assert.doesNotMatch(JSON.stringify(html), /<\/?p>/);
    assert.deepEqual(names(html, 'coAgencies'), [
      'Các Sở, ban, ngành',
      'Ủy ban nhân dân xã, phường',
      'Hội Bảo vệ quyền lợi người tiêu dùng tỉnh',
      'Hiệp hội doanh nghiệp tỉnh',
      'Các đơn vị liên quan',
    ]);
    assert.equal(html.timing.kind, 'conditional');
    assert.deepEqual(names(byRef(p, 'I.2'), 'leadAgencies'), [
      'Sở Văn hóa, Thể thao và Du lịch',
      'Báo và Phát thanh, truyền hình Tuyên Quang',
    ]);
    assert.deepEqual(names(byRef(p, 'II.1'), 'leadAgencies'), ['Sở Công Thương', 'Sở Tư pháp']);
    assert.deepEqual(byRef(p, 'II.2').timing, { text: 'Năm 2026 và các năm tiếp theo', kind: 'range', from: '2026-01-01' });
    assert.deepEqual(
      byRef(p, 'I.1').leadAgencies.map((a) => a.group),
      [true, true],
    );
    assertLeadOrWarning(p);
    assert.equal(p.warnings.filter((w) => w.severity === 'warning').length, 0);
    assert.equal(p.plan.number, '/KH-UBND');
    assert.equal(p.plan.year, 2026);
    assert.equal(p.plan.date, undefined);
    assert.equal(p.plan.issuer, 'Ủy ban nhân dân tỉnh Tuyên Quang');
    assert.match(p.plan.title ?? '', /^Kế hoạch thực hiện Nghị quyết số 87\/NQ-CP/);
    assert.deepEqual(p.plan.legalBasis, [
      'Nghị quyết số 87/NQ-CP ngày 05 tháng 4 năm 2026',
      'Kết luận số 207-KL/TW ngày 10 tháng 11 năm 2025',
      'Chỉ thị số 30-CT/TW ngày 22 tháng 01 năm 2019',
    ]);
    assert.deepEqual(
      p.plan.reportingDeadlines.map((d) => [d.day, d.month]),
      [[10, 12]],
    );
    assert.ok(p.warnings.some((w) => w.code === 'plan.number_blank') && p.warnings.some((w) => w.code === 'plan.date_blank'));

    const m = await assertMatchedOrFlagged(p);
    const lead = byRef(m, 'III.5').leadAgencies[0]!;
    assert.equal(lead.agencyId, 'hq', '"Chi cục Hải quan khu vực XVI" is the directory agency');
    const ubnd = byRef(m, 'I.1').leadAgencies[1]!;
    assert.equal(ubnd.agencyId, undefined);
    assert.equal(ubnd.kind, 'ubnd-xa', 'a group assignment keeps the kind read from the text');
  });

  it('003 Hưng Yên: the appendix gives 19 tasks in 6 sections, the unnumbered row under 1 included', async () => {
    // Counted by hand in "Phụ lục": section rows "1\t" … "6\t" (6, cells empty); under 1 a row with
    // no number (1 task, numbered 1.a); rows 2.1–2.5 (5), 3.1–3.4 (4), 4.1–4.3 (3), 5.1–5.4 (4),
    // 6.1–6.2 (2): 18 numbered rows. 1 + 18 = 19 tasks; 25 items.
    const p = importPlanText(seed('003_e21fd4eedbe4de61.txt'));
    assert.equal(leaves(p).length, 19);
    assert.deepEqual(
      sections(p).map((t) => t.ref),
      ['1', '2', '3', '4', '5', '6'],
    );
    assert.equal(p.tasks.length, 25);
    const first = byRef(p, '1.a');
    assert.equal(first.section, '1');
    assert.deepEqual(names(first, 'leadAgencies'), ['Sở Công Thương']);
    assert.equal(first.deliverable, 'Quyết định của UBND tỉnh/Mẫu báo cáo/Văn bản; Tổ chức đánh giá');
    assert.deepEqual(names(byRef(p, '2.2'), 'leadAgencies'), [
      'Sở Công Thương',
      'Sở Y tế',
      'Sở Khoa học và Công nghệ',
      'Sở Nông nghiệp và Môi trường',
    ]);
    assert.ok(leaves(p).every((t) => t.timing.kind === 'recurring' && t.timing.recurrence?.every === 'year'));
    assert.ok(leaves(p).every((t) => t.deliverable !== ''));
    assertLeadOrWarning(p);
    assert.equal(p.warnings.filter((w) => w.severity === 'warning').length, 0);
    assert.equal(p.plan.issuer, 'Ủy ban nhân dân tỉnh Hưng Yên');
    assert.equal(p.plan.legalBasis[0], 'Kế hoạch số 34-KH/TU ngày 14/01/2026');
    assert.deepEqual(
      p.plan.reportingDeadlines.map((d) => [d.day, d.month]),
      [
        [10, 11],
        [25, 11],
      ],
    );
    const m = await assertMatchedOrFlagged(p);
    assert.equal(byRef(m, '5.3').leadAgencies[0]!.agencyId, 'hoi', '"Hội BVQLNTD tỉnh" is matched by its alias');
  });

  it('the text is NFC whatever the seed is written in', () => {
    const p = importPlanText(seed('002_97866cbfb5cfd824.txt').normalize('NFD'));
    assert.equal(leaves(p).length, 16);
    assert.equal(byRef(p, 'I.2').leadAgencies[0]!.text, 'Sở Văn hóa, Thể thao và Du lịch');
    assert.ok(JSON.stringify(p) === JSON.stringify(p).normalize('NFC'));
  });
});

describe('import of the contract example and small tables', () => {
  const contract =
    'PHỤ LỤC\nTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời gian\n1\tTổ chức tập huấn về bảo vệ quyền lợi người tiêu dùng\tSở Công Thương\tSở Tư pháp\tLớp tập huấn\tQuý III/2026\n2\tTuyên truyền Ngày Quyền của người tiêu dùng Việt Nam\tSở Văn hóa, Thể thao và Du lịch\tUBND xã, phường\tTin bài\tHằng năm\n';

  it('answers the shape the API contract checks', () => {
    const p = importPlan({ format: 'text', content: contract });
    const [t1, t2] = p.tasks;
    assert.deepEqual(
      { number: t1!.number, lead: t1!.leadAgencies, co: t1!.coAgencies, deliverable: t1!.deliverable, timing: t1!.timing },
      {
        number: '1',
        lead: [{ text: 'Sở Công Thương', group: false }],
        co: [{ text: 'Sở Tư pháp', group: false }],
        deliverable: 'Lớp tập huấn',
        timing: { text: 'Quý III/2026', kind: 'once', due: '2026-09-30' },
      },
    );
    assert.deepEqual(t2!.timing, { text: 'Hằng năm', kind: 'recurring', recurrence: { every: 'year' } });
    assert.deepEqual(t2!.coAgencies, [{ text: 'UBND xã, phường', group: true }]);
    assert.equal(t1!.section, null);
  });

  it('joins a cell that goes on over the next line, and rows that lost their trailing tabs', () => {
    const text = [
      'TT\tNội dung\tChủ trì\tPhối hợp\tThời gian',
      '1\tKiểm tra thị trường\tSở Công Thương\tCông an tỉnh;',
      'Sở Y tế\tQuý II/2026',
      'A. NHIỆM VỤ KHÁC',
      '2\tTuyên truyền\tSở Văn hóa, Thể thao và Du lịch',
      '3\tTổng hợp báo cáo\tSở Công Thương\t\tTrước ngày 10/12 hằng năm',
    ].join('\n');
    const p = importPlanText(text);
    const t1 = byRef(p, '1');
    assert.deepEqual(names(t1, 'coAgencies'), ['Công an tỉnh', 'Sở Y tế']);
    assert.equal(t1.timing.due, '2026-06-30');
    assert.equal(byRef(p, 'A').isSection, true);
    assert.equal(byRef(p, 'A.2').leadAgencies[0]!.text, 'Sở Văn hóa, Thể thao và Du lịch');
    assert.deepEqual(byRef(p, 'A.3').timing.recurrence, { every: 'year', on: '12-10' });
  });

  it('warns about a task whose timing cannot be read or is missing', () => {
    const p = importPlanText('TT\tNhiệm vụ\tCơ quan chủ trì\tThời gian\n1\tA a a a\t\tKhi nào xong thì báo\n2\tB b b b\tSở Tư pháp\t\n');
    assert.ok(p.warnings.some((w) => w.code === 'task.unparsed_timing' && w.ref === '1' && w.text === 'Khi nào xong thì báo'));
    assert.ok(p.warnings.some((w) => w.code === 'task.no_lead_agency' && w.ref === '1'));
    assert.ok(p.warnings.some((w) => w.code === 'task.no_timing' && w.ref === '2'));
  });
});

describe('splitAgencies', () => {
  const cases: [string, string[]][] = [
    ['Sở Công Thương, Sở Tư pháp', ['Sở Công Thương', 'Sở Tư pháp']],
    [
      'Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, truyền hình Tuyên Quang.',
      ['Sở Văn hóa, Thể thao và Du lịch', 'Báo và Phát thanh, truyền hình Tuyên Quang'],
    ],
    [
      'Công an, Sở Công Thương; Ủy ban nhân dân các xã, phường và các đơn vị liên quan',
      ['Công an', 'Sở Công Thương', '*Ủy ban nhân dân các xã, phường', '*Các đơn vị liên quan'],
    ],
    [
      'Các sở: Công Thương, Y tế, Khoa học và Công nghệ, Nông nghiệp và Môi trường',
      ['Sở Công Thương', 'Sở Y tế', 'Sở Khoa học và Công nghệ', 'Sở Nông nghiệp và Môi trường'],
    ],
    ['Ủy ban MTTQVN tỉnh và các tổ chức chính trị, xã hội tỉnh', ['Ủy ban MTTQVN tỉnh', '*Các tổ chức chính trị, xã hội tỉnh']],
    [
      'Các sở, ban, ngành, đoàn thể tỉnh, UBND xã/phường, Hội BVQL NTD',
      ['*Các sở, ban, ngành, đoàn thể tỉnh', '*UBND xã/phường', 'Hội BVQL NTD'],
    ],
    ['Sở Công Thương\nSở Y tế<br>Sở Tư pháp', ['Sở Công Thương', 'Sở Y tế', 'Sở Tư pháp']],
    ['Sở Công Thương, Sở Công Thương', ['Sở Công Thương']],
    ['-', []],
    ['', []],
  ];
  for (const [cell, want] of cases) {
    it(`splits "${cell.replace(/\n/g, '\\n')}"`, () => {
      assert.deepEqual(
        splitAgencies(cell).map((a) => (a.group ? `*${a.text}` : a.text)),
        want,
      );
    });
  }
});

describe('bad input answers a typed error with a stable code', () => {
  it('an empty text', () => {
    assertImportError(() => importPlanText(''), 'plan_import.empty');
    assertImportError(() => importPlanText(' \n\t\n '), 'plan_import.empty');
    assertImportError(() => importPlan({ format: 'docx', content: '' }), 'plan_import.empty');
  });
  it('a text that is not a plan table', () => {
    const e = assertImportError(() => importPlanText('Xin chào\nĐây không phải là kế hoạch.'), 'plan_import.not_a_table');
    assert.equal(e.kind, 'validation');
    assertImportError(() => importPlanText('a\tb\tc\n1\t2\t3\n'), 'plan_import.not_a_table');
  });
  it('a table header without rows', () => {
    assertImportError(() => importPlanText('TT\tNhiệm vụ\tCơ quan chủ trì\tThời gian\n'), 'plan_import.not_a_table');
  });
  it('a text over the size limit', () => {
    const e = assertImportError(() => importPlanText('x'.repeat(IMPORT_LIMITS.maxBytes + 1)), 'plan_import.too_large');
    assert.equal(httpStatusOf(e.kind), 413);
  });
  it('an unknown format', () => {
    const e = assertImportError(() => importPlan({ format: 'pdf', content: 'x' }), 'plan_import.unsupported_format');
    assert.equal(httpStatusOf(e.kind), 415);
  });
  it('base64 that is not a workbook, and content that is not base64', () => {
    assertImportError(() => importPlan({ format: 'xlsx', content: 'bm90IGEgd29ya2Jvb2s=' }), 'plan_import.corrupt_file');
    assertImportError(() => importPlan({ format: 'docx', content: '!!! not base64 !!!' }), 'plan_import.corrupt_file');
  });
});

describe('any text either imports or answers a plan_import error', () => {
  const pieces = [
    '\t',
    '\n',
    '\n\n',
    'I',
    'II',
    '1',
    '2.1',
    'a)',
    'TT',
    'Nhiệm vụ',
    'Cơ quan chủ trì',
    'Thời gian',
    'Sở Công Thương',
    'Hằng năm',
    '<p>',
    '</p>',
    '**',
    'Quý II/2026',
    '-',
    ';',
    ',',
  ];
  const arbitraryText = fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 })), { maxLength: 80 })
    .map((a) => a.join(''));
  const lines002 = seed('002_97866cbfb5cfd824.txt').split('\n');

  const importsOrRefuses = (text: string): void => {
    try {
      const p = importPlanText(text);
      assert.ok(p.tasks.length > 0);
      assert.equal(new Set(p.tasks.map((t) => t.ref)).size, p.tasks.length, 'refs are unique');
    } catch (e) {
      assert.ok(e instanceof AppError && e.code.startsWith('plan_import.'), `unexpected ${String(e)}`);
    }
  };

  it('random texts built from table pieces', () => {
    fc.assert(fc.property(arbitraryText, importsOrRefuses), { numRuns: 300 });
  });
  it('seed 002 with lines dropped or duplicated', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(lines002.length - 1), { maxLength: 30 }), fc.boolean(), (picks, duplicate) => {
        const lines = [...lines002];
        for (const i of picks) {
          if (duplicate) lines.splice(i, 0, lines[i]!);
          else lines.splice(i, 1);
        }
        importsOrRefuses(lines.join('\n'));
      }),
      { numRuns: 100 },
    );
  });
});
