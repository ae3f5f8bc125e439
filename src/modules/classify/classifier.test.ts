import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeCorrections } from './classifier.js';
import {
  createDefaultClassifier,
  loadCorpus,
  parseCorpus,
  sectors,
  splitCorpus,
  trainWith,
  violationTypes,
  CorpusError,
  type LabelCorrection,
} from './index.js';

const classifier = createDefaultClassifier();
const classify = (text: string) => classifier.classify(text);

describe('classification', () => {
  test('"hàng giả" and "hang gia" both read as counterfeit goods', () => {
    assert.ok(classify('Tôi mua phải hàng giả ở cửa hàng gần nhà').violations.includes('counterfeit'));
    assert.ok(classify('toi mua phai hang gia o cua hang gan nha').violations.includes('counterfeit'));
  });

  test('an obvious food-poisoning text is food and unsafe', () => {
    const r = classify(
      'Cả nhà tôi ăn bún chả ở quán đầu ngõ xong bị đau bụng, nôn mửa, con tôi phải nhập viện cấp cứu vì ngộ độc thực phẩm.',
    );
    assert.equal(r.sector, 'food');
    assert.ok(r.violations.includes('unsafe'));
  });

  test('the same text without diacritics and in teencode gives the same reading', () => {
    const r = classify('ca nha an bun cha o quan xong bi dau bung, non mua, con toi phai nhap vien vi ngo doc thuc pham, quan ko nhan');
    assert.equal(r.sector, 'food');
    assert.ok(r.violations.includes('unsafe'));
  });

  test('a scam call is fraud', () => {
    const r = classify(
      'Có người gọi điện xưng là nhân viên ngân hàng, bảo tôi đọc mã OTP để hủy giao dịch, sau đó tài khoản bị rút hết tiền.',
    );
    assert.ok(r.violations.includes('fraud-scam'));
    assert.equal(r.sector, 'banking-finance');
  });

  test('the explanation names the decisive words, in Vietnamese', () => {
    const r = classify('Ăn lẩu ở quán xong cả bàn bị ngộ độc');
    assert.match(r.explanation, /Lĩnh vực: Thực phẩm/);
    assert.match(r.explanation, /«ngộ độc»/);
    const unsafe = r.evidence.find((e) => e.label.kind === 'violation' && e.label.value === 'unsafe');
    assert.ok(unsafe?.rules.some((x) => x.phrase === 'ngộ độc'));
  });

  test('teencode is understood and said so', () => {
    const r = classify('shop ko cho đổi hàg, sp bị lỗi mà nhắn ko rep');
    assert.ok(r.violations.includes('complaint-refusal'));
    assert.match(r.explanation, /«ko» → «không»/);
  });

  test('a typo in a key phrase still counts, and the explanation shows the match', () => {
    const r = classify('con toi phai nhap vienj cap cuu sau khi an banh o cang tin');
    assert.ok(r.violations.includes('unsafe'));
    assert.match(r.explanation, /nhap vienj ≈ nhập viện/);
  });

  test('a price is not a fake: "hàng giá rẻ" gives no counterfeit rule', () => {
    const r = classify('Cửa hàng bán hàng giá rẻ nhưng tính thêm phí giao hàng không báo trước');
    const counterfeit = r.evidence.find((e) => e.label.kind === 'violation' && e.label.value === 'counterfeit');
    assert.ok(counterfeit === undefined || counterfeit.rules.length === 0);
  });

  test('every answer has a sector, at least one violation and probabilities in [0, 1]', () => {
    for (const text of ['', '???', 'xin chào', 'Tôi muốn hỏi về quyền lợi của mình']) {
      const r = classify(text);
      assert.ok(sectors.includes(r.sector));
      assert.ok(r.violations.length >= 1);
      assert.ok(r.confidence >= 0 && r.confidence <= 1);
      assert.equal(r.violationScores.length, violationTypes.length);
    }
    assert.match(classify('xin chào').explanation, /Độ tin cậy chung thấp/);
  });

  test('training is deterministic', () => {
    const { train } = splitCorpus(loadCorpus());
    const a = trainWith(train).classify('cây xăng bơm thiếu, đổ 100k mà bình không lên');
    const b = trainWith(train).classify('cây xăng bơm thiếu, đổ 100k mà bình không lên');
    assert.deepEqual(a.violationScores, b.violationScores);
    assert.deepEqual(a.sectorScores, b.sectorScores);
  });
});

describe("officers' corrections", () => {
  const corpus = loadCorpus();

  test('corrections teach the classifier words it did not know', () => {
    const word = 'zorblax';
    const before = trainWith(corpus).classify(`${word} ${word}`);
    const corrections: LabelCorrection[] = [1, 2, 3, 4, 5, 6].map((i) => ({
      id: `YC-2026-00000${i}`,
      text: `${word} nhà tôi có vấn đề lần ${i}`,
      sector: before.sector === 'water' ? 'education' : 'water',
      violations: ['service-failure'],
    }));
    const after = trainWith(corpus, corrections).classify(`${word} ${word}`);
    assert.equal(after.sector, corrections[0]!.sector);
  });

  test('a correction of a corpus item replaces its labels; the latest correction wins', () => {
    const item = corpus[0]!;
    const c = trainWith(corpus, [
      { id: item.id, text: item.text, sector: 'water', violations: ['pricing'], correctedAt: '2026-01-01T00:00:00Z' },
      { id: item.id, text: item.text, sector: 'transport', violations: ['pricing'], correctedAt: '2026-02-01T00:00:00Z' },
    ]);
    assert.equal(c.trainedOn, corpus.length);
    assert.equal(c.corrections, 2);
    const merged = mergeCorrections(
      corpus,
      [
        { id: item.id, text: item.text, sector: 'transport', violations: ['pricing'], correctedAt: '2026-02-01T00:00:00Z' },
        { id: item.id, text: item.text, sector: 'water', violations: ['pricing'], correctedAt: '2026-01-01T00:00:00Z' },
      ],
      2,
    );
    const mine = merged.filter((m) => m.text === item.text);
    assert.deepEqual(
      mine.map((m) => [m.sector, m.weight]),
      [['transport', 2]],
    );
  });
});

describe('corpus', () => {
  const corpus = loadCorpus();

  test('has at least 40 labelled texts per sector and 720 in all, with unique ids', () => {
    assert.ok(corpus.length >= 720);
    for (const s of sectors) assert.ok(corpus.filter((c) => c.sector === s).length >= 40, s);
    assert.equal(new Set(corpus.map((c) => c.id)).size, corpus.length);
  });

  test('the train / held-out split is deterministic and disjoint', () => {
    const a = splitCorpus(corpus);
    const b = splitCorpus(corpus);
    assert.deepEqual(
      a.heldOut.map((x) => x.id),
      b.heldOut.map((x) => x.id),
    );
    assert.equal(a.train.length + a.heldOut.length, corpus.length);
    assert.ok(a.heldOut.length > 0 && a.train.length > a.heldOut.length);
    const held = new Set(a.heldOut.map((x) => x.id));
    assert.ok(a.train.every((x) => !held.has(x.id)));
  });

  test('a bad line is reported with its number', () => {
    const good = JSON.stringify({ id: 'a', text: 'x', sector: 'food', violations: ['unsafe'] });
    assert.throws(
      () => parseCorpus(`${good}\n{"id":"b","text":"y","sector":"nope","violations":["unsafe"]}`),
      (e: unknown) => e instanceof CorpusError && /line 2/.test(e.message),
    );
    assert.throws(() => parseCorpus(`${good}\n${good}`), /duplicate id a/);
  });
});
