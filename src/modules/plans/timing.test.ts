import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importPlanText } from './import-text.js';
import type { Timing } from './schema.js';
import { planSixClears, sixClears } from './six-clears.js';
import { parseTiming } from './timing.js';

const seed = (name: string): string => readFileSync(new URL(`../../../test/fixtures/plans/seeds/${name}`, import.meta.url), 'utf8');
const SEEDS = ['000_9ec07ca9f085bd2c.txt', '001_5414fbd2099fb4e6.txt', '002_97866cbfb5cfd824.txt', '003_e21fd4eedbe4de61.txt'];

/** Parsed form without the text, for compact expectations. */
const parsed = (phrase: string, planYear?: number): Omit<Timing, 'text'> => {
  const { text: _text, ...rest } = parseTiming(phrase, { planYear });
  return rest;
};

describe('parseTiming: the phrases of issue 6', () => {
  const cases: [string, Omit<Timing, 'text'>][] = [
    ['Xong trước ngày 30/12/2025', { kind: 'once', due: '2025-12-30' }],
    ['Xong trước ngày 20/12/2025', { kind: 'once', due: '2025-12-20' }],
    ['Tháng 1/2026', { kind: 'once', due: '2026-01-31' }],
    ['Tháng 2/2028', { kind: 'once', due: '2028-02-29' }],
    ['Quý II/2026', { kind: 'once', due: '2026-06-30' }],
    ['Quý III/2026', { kind: 'once', due: '2026-09-30' }],
    ['Năm 2026', { kind: 'once', due: '2026-12-31' }],
    ['Hàng năm', { kind: 'recurring', recurrence: { every: 'year' } }],
    ['Hằng năm', { kind: 'recurring', recurrence: { every: 'year' } }],
    ['Hàng quý', { kind: 'recurring', recurrence: { every: 'quarter' } }],
    ['Định kỳ 6 tháng', { kind: 'recurring', recurrence: { every: 'half-year' } }],
    ['Thường xuyên', { kind: 'continuous' }],
    ['Năm 2026 và các năm tiếp theo', { kind: 'range', from: '2026-01-01' }],
    ['Giai đoạn 2026-2030', { kind: 'range', from: '2026-01-01', until: '2030-12-31' }],
    ['Sau khi Thủ tướng Chính phủ ban hành …', { kind: 'conditional', condition: 'Thủ tướng Chính phủ ban hành …' }],
    [
      'Theo kế hoạch được phê duyệt (Dự kiến từ 01-02 Hội nghị, hội thảo/năm)',
      { kind: 'conditional', condition: 'Theo kế hoạch được phê duyệt', note: 'Dự kiến từ 01-02 Hội nghị, hội thảo/năm' },
    ],
  ];
  for (const [phrase, expected] of cases) {
    it(`reads "${phrase}"`, () => {
      const t = parseTiming(phrase);
      assert.equal(t.text, phrase, 'the original text is kept next to the parsed form');
      assert.deepEqual(parsed(phrase), expected);
    });
  }
});

describe('parseTiming: variants of case, accents, spacing and wording', () => {
  const cases: [string, Omit<Timing, 'text'>, number?][] = [
    ['HẰNG NĂM', { kind: 'recurring', recurrence: { every: 'year' } }],
    ['hang  nam', { kind: 'recurring', recurrence: { every: 'year' } }],
    ['Định kỳ hằng năm', { kind: 'recurring', recurrence: { every: 'year' } }],
    ['Hằng quý', { kind: 'recurring', recurrence: { every: 'quarter' } }],
    ['Hằng tháng', { kind: 'recurring', recurrence: { every: 'month' } }],
    ['Định kỳ 06 tháng', { kind: 'recurring', recurrence: { every: 'half-year' } }],
    ['6 tháng/lần', { kind: 'recurring', recurrence: { every: 'half-year' } }],
    ['Định kỳ 6 tháng, hằng năm', { kind: 'recurring', recurrence: { every: 'half-year' } }],
    ['Hàng năm và đột xuất', { kind: 'recurring', recurrence: { every: 'year' } }],
    ['Trước ngày 10/12 hằng năm', { kind: 'recurring', recurrence: { every: 'year', on: '12-10' } }],
    ['trước ngày 10 tháng 11 hằng năm', { kind: 'recurring', recurrence: { every: 'year', on: '11-10' } }],
    ['Hằng năm, trước ngày 25/11', { kind: 'recurring', recurrence: { every: 'year', on: '11-25' } }],
    ['<p>Thường xuyên</p>', { kind: 'continuous' }],
    ['Thường xuyên, liên tục', { kind: 'continuous' }],
    ['Nhiệm vụ thường xuyên', { kind: 'continuous' }],
    ['Thời gian hoàn thành: Xong trước ngày 30/12/2025.', { kind: 'once', due: '2025-12-30' }],
    ['Trước ngày 31/3/2026', { kind: 'once', due: '2026-03-31' }],
    ['Ngày 15 tháng 3 năm 2026', { kind: 'once', due: '2026-03-15' }],
    ['Trong tháng 01 năm 2026', { kind: 'once', due: '2026-01-31' }],
    ['Quý 2/2026', { kind: 'once', due: '2026-06-30' }],
    ['Quý IV năm 2026', { kind: 'once', due: '2026-12-31' }],
    ['6 tháng đầu năm 2026', { kind: 'once', due: '2026-06-30' }],
    ['Trước tháng 6/2026', { kind: 'once', due: '2026-05-31' }],
    ['Quý II', { kind: 'once', due: '2026-06-30' }, 2026],
    ['Tháng 9', { kind: 'once', due: '2026-09-30' }, 2026],
    ['Năm 2027 và các năm tiếp theo', { kind: 'range', from: '2027-01-01' }],
    ['Từ năm 2026 trở đi', { kind: 'range', from: '2026-01-01' }],
    ['Giai đoạn 2026 – 2030', { kind: 'range', from: '2026-01-01', until: '2030-12-31' }],
    ['Giai đoạn từ năm 2026 đến năm 2030', { kind: 'range', from: '2026-01-01', until: '2030-12-31' }],
    ['Từ tháng 3/2026 đến tháng 6/2026', { kind: 'range', from: '2026-03-01', until: '2026-06-30' }],
    ['Sau khi UBND tỉnh phê duyệt Đề án', { kind: 'conditional', condition: 'UBND tỉnh phê duyệt Đề án' }],
    ['Khi có yêu cầu', { kind: 'conditional', condition: 'Khi có yêu cầu' }],
    ['Đột xuất', { kind: 'conditional', condition: 'Đột xuất' }],
    ['Theo chỉ đạo của UBND tỉnh', { kind: 'conditional', condition: 'Theo chỉ đạo của UBND tỉnh' }],
  ];
  for (const [phrase, expected, planYear] of cases) {
    it(`reads "${phrase}"${planYear ? ` in a ${planYear} plan` : ''}`, () => {
      assert.deepEqual(parsed(phrase, planYear), expected);
    });
  }
});

describe('parseTiming: what it cannot read is unparsed, never an exception', () => {
  for (const phrase of [
    '',
    '   ',
    'Sớm nhất có thể',
    '31/02/2026',
    'Quý V/2026',
    'Tháng 13/2026',
    'Quý II',
    'Giai đoạn 2030-2026',
    'Tuần đầu tiên',
  ]) {
    it(`"${phrase}" → unparsed`, () => {
      const t = parseTiming(phrase);
      assert.equal(t.kind, 'unparsed');
      assert.equal(t.due, undefined);
    });
  }
  it('survives hostile input', () => {
    for (const s of ['('.repeat(5000), 'năm '.repeat(10000), '\u0000\uffff', 'Quý II/2026'.normalize('NFD')]) {
      assert.doesNotThrow(() => parseTiming(s));
    }
    assert.equal(parseTiming('Quý II/2026'.normalize('NFD')).due, '2026-06-30', 'NFD input is read as NFC');
  });
});

describe('parseTiming: every distinct timing phrase of the four seeds', () => {
  // The phrases the importer finds in the seeds, with their meaning. If a seed changes and a new
  // phrase appears, the first test fails until it is added here.
  const expected: Record<string, Omit<Timing, 'text'>> = {
    // 001 (Lào Cai): "Thời gian hoàn thành: …" / "Thời gian thực hiện: …" lines.
    'Xong trước ngày 30/12/2025': { kind: 'once', due: '2025-12-30' },
    'Xong trước ngày 20/12/2025': { kind: 'once', due: '2025-12-20' },
    // 001: the tasks under "2. Nhiệm vụ thường xuyên" take their section's timing.
    'Thường xuyên': { kind: 'continuous' },
    // 002 (Tuyên Quang) appendix, column "Thời gian hoàn thành".
    'Hàng năm': { kind: 'recurring', recurrence: { every: 'year' } },
    'Năm 2026 và các năm tiếp theo': { kind: 'range', from: '2026-01-01' },
    'Năm 2027 và các năm tiếp theo': { kind: 'range', from: '2027-01-01' },
    'Theo kế hoạch được phê duyệt (Dự kiến từ 01-02 Hội nghị, hội thảo/năm)': {
      kind: 'conditional',
      condition: 'Theo kế hoạch được phê duyệt',
      note: 'Dự kiến từ 01-02 Hội nghị, hội thảo/năm',
    },
    // 003 (Hưng Yên) appendix: every row says "Hàng năm". 000 (Bắc Ninh) has no timing.
  };

  const found = new Map<string, Timing>();
  for (const name of SEEDS) for (const t of importPlanText(seed(name)).tasks) if (t.timing.text) found.set(t.timing.text, t.timing);

  it('the seeds use exactly these phrases', () => {
    assert.deepEqual([...found.keys()].sort(), Object.keys(expected).sort());
  });
  for (const [phrase, want] of Object.entries(expected)) {
    it(`"${phrase}" is read as ${want.kind}`, () => {
      const { text: _t, ...got } = found.get(phrase) ?? parseTiming(phrase);
      assert.deepEqual(got, want);
    });
  }
  it("reads the reporting dates written in the plans' text", () => {
    assert.deepEqual(parsed('Trước ngày 10/12 hằng năm'), { kind: 'recurring', recurrence: { every: 'year', on: '12-10' } }); // 002
    assert.deepEqual(parsed('trước ngày 25 tháng 11 hằng năm'), { kind: 'recurring', recurrence: { every: 'year', on: '11-25' } }); // 003
  });
});

describe('sixClears', () => {
  const full = {
    content: 'Tổ chức tập huấn về bảo vệ quyền lợi người tiêu dùng',
    responsiblePerson: 'Nguyễn Văn A, Phó Giám đốc',
    timing: parseTiming('Quý III/2026'),
    leadAgencies: [{ text: 'Sở Công Thương', group: false }],
    deliverable: 'Lớp tập huấn',
    authority: 'Quyết định số 12/QĐ-UBND',
  };

  it('a task with all six is complete', () => {
    assert.deepEqual(sixClears(full), { missing: [], score: 6 });
  });
  it('lists what is missing, in the order of the slogan', () => {
    const r = sixClears({ content: 'Tuyên truyền', leadAgencies: [], timing: parseTiming('Sớm') });
    assert.deepEqual(r.missing, ['person', 'time', 'responsibility', 'deliverable', 'authority']);
    assert.equal(r.score, 1);
  });
  it('an empty task lacks all six', () => {
    assert.deepEqual(sixClears({}), { missing: ['person', 'task', 'time', 'responsibility', 'deliverable', 'authority'], score: 0 });
  });
  it('a legal basis counts for authority; blank strings do not count', () => {
    assert.ok(!sixClears({ ...full, authority: null, legalBasis: ['Kết luận số 207-KL/TW'] }).missing.includes('authority'));
    assert.ok(sixClears({ ...full, authority: '  ', legalBasis: [] }).missing.includes('authority'));
    assert.ok(sixClears({ ...full, responsiblePerson: ' ' }).missing.includes('person'));
  });
  it('the plan score averages the leaf tasks and counts what each clear lacks', () => {
    const s = planSixClears([
      { ...full },
      { content: 'Tuyên truyền', leadAgencies: [{}], timing: parseTiming('Hằng năm') },
      { isSection: true },
    ]);
    assert.equal(s.tasks, 2);
    assert.equal(s.complete, 1);
    assert.equal(s.score, 0.75); // (6 + 3) / 12
    assert.deepEqual(s.missing, { person: 1, task: 0, time: 0, responsibility: 0, deliverable: 1, authority: 1 });
  });
  it('an imported seed plan scores what its appendix gives', () => {
    const preview = importPlanText(seed('003_e21fd4eedbe4de61.txt'));
    const s = planSixClears(preview.tasks);
    assert.equal(s.tasks, 19);
    // The appendix names content, lead agency, deliverable and a timing for every task; no person, no authority.
    assert.deepEqual(s.missing, { person: 19, task: 0, time: 0, responsibility: 0, deliverable: 0, authority: 19 });
  });
});
