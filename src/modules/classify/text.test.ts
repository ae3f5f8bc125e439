import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fold } from '../../platform/i18n.js';
import { compilePhrase, findPhrases, indexPhrases, withinOneEdit } from './phrases.js';
import { applyRules, curatedRules } from './rules.js';
import { foldSyllable, normalise, tokenize, toneKey } from './text.js';

describe('text normalisation', () => {
  test('folding agrees with the platform fold() for every Vietnamese letter', () => {
    const letters = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';
    for (const ch of letters) {
      assert.equal(foldSyllable(ch), fold(ch), ch);
      assert.equal(foldSyllable(ch.toUpperCase()), fold(ch.toUpperCase()), ch.toUpperCase());
    }
  });

  test('old and new tone placement give the same key, different tones do not', () => {
    assert.equal(toneKey('hoà'), toneKey('hòa'));
    assert.equal(toneKey('thuỷ'), toneKey('thủy'));
    assert.notEqual(toneKey('giá'), toneKey('giả'));
    assert.equal(toneKey('Đ'), toneKey('đ'));
  });

  test('teencode is expanded to the words it stands for', () => {
    assert.equal(normalise('ko đc hàg sp j mik bn'), 'khong duoc hang san pham gi minh bao nhieu');
    assert.equal(normalise('shop k rep, dc 2 ngay r'), 'shop khong tra loi duoc # ngay roi');
  });

  test('amounts become one token and a "k" after a number stays a unit', () => {
    assert.equal(normalise('ck 650k'), 'chuyen khoan #');
    assert.equal(normalise('giá 650 k'), 'gia # k');
  });

  test('stretched letters collapse and decomposed input is read like composed input', () => {
    assert.equal(normalise('đắt quáaaaa'), 'dat qua');
    assert.equal(normalise('ngonnnn quáa'), 'ngon qua');
    assert.equal(normalise('cái xoong'), 'cai xoong');
    assert.deepEqual(normalise('hàng giả'.normalize('NFD')), normalise('hàng giả'));
  });

  test('tokens remember the words as written', () => {
    const t = tokenize('Shop ko trả lời');
    assert.deepEqual(
      t.map((x) => x.surface),
      ['Shop', 'ko', 'trả', 'lời'],
    );
    assert.equal(t[1]!.expanded, 'không');
    assert.equal(t[2]!.marked, true);
  });
});

describe('phrase matching', () => {
  const index = indexPhrases([compilePhrase('hàng giả', ['re']), compilePhrase('nhập viện'), compilePhrase('=lỗi')]);
  const lexicon = new Set(['nhan', 'vien', 'nhap', 'loi', 'noi', 'cua', 'ban', 'hang', 'gia', 'con', 'toi', 'phai']);
  const found = (text: string): string[] => findPhrases(tokenize(text), index, lexicon).map((h) => h.phrase.text);

  test('accented text must match exactly; unaccented text matches on the folded form', () => {
    assert.deepEqual(found('bán hàng giả'), ['hàng giả']);
    assert.deepEqual(found('ban hang gia'), ['hàng giả']);
    assert.deepEqual(found('bán hàng giá cao'), []);
  });

  test('an unaccented "hang gia re" is a price, not fake goods', () => {
    assert.deepEqual(found('ban hang gia re'), []);
  });

  test('accent-exact phrases ignore unaccented look-alikes', () => {
    assert.deepEqual(found('máy bị lỗi'), ['lỗi']);
    assert.deepEqual(found('loi noi cua nhan vien'), []);
  });

  test('one syllable of four letters or more may carry a one-letter typo', () => {
    const hits = findPhrases(tokenize('con toi phai nhap vienn'), index, lexicon);
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.quality, 0.6);
    assert.equal(hits[0]!.surface, 'nhap vienn');
    assert.ok(withinOneEdit('vien', 'vine'));
    assert.ok(!withinOneEdit('vien', 'vnie'));
  });

  test('a known word is never taken for a typo', () => {
    assert.deepEqual(found('goi nhan vien'), []);
    assert.deepEqual(findPhrases(tokenize('con toi phai nhap vienn'), index).length, 0, 'no lexicon, no typos');
  });

  test('a sector word inside a longer sector phrase does not count for its own sector', () => {
    const hits = applyRules(tokenize('điện thoại bị vỡ màn hình'), curatedRules());
    const sectors = hits.filter((h) => h.rule.label.kind === 'sector').map((h) => h.rule.label.value);
    assert.ok(sectors.includes('electronics-appliances'));
    assert.ok(!sectors.includes('fuel-energy'));
  });
});

test('words that are names of Object.prototype members are ordinary words, not teencode', () => {
  for (const w of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    const tokens = tokenize(`${w} hàng`);
    assert.deepEqual(
      tokens.map((t) => t.plain),
      [w.toLowerCase(), 'hang'],
    );
    assert.ok(tokens.every((t) => t.expanded === undefined));
  }
});
