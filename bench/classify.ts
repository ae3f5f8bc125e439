/**
 * Classification and routing on the held-out split of data/classify/corpus.jsonl (FNV-1a(id) mod 5
 * = 0, never used for training here). Prints figures only; no assertion (tests assert behaviour).
 *   sector accuracy, violation micro-P/R/F1, per-sector accuracy, per-violation F1,
 *   ablations (model only, rules only), a typo-perturbed copy of the held-out texts,
 *   routing agreement: the agency routed from predicted labels vs. from the gold labels (same
 *   description, same dated table), and training / start-up time.
 * Usage: npx tsx bench/classify.ts
 */
import { applyRules, curatedRules, ruleScores } from '../src/modules/classify/rules.js';
import { tokenize } from '../src/modules/classify/text.js';
import {
  defaultClassifierOptions,
  defaultCompetenceRows,
  loadCorpus,
  routeRequest,
  sectors,
  splitCorpus,
  trainWith,
  violationTypes,
  type ClassifierOptions,
  type CorpusItem,
  type Sector,
  type ViolationType,
} from '../src/modules/classify/index.js';

const ON_DATE = '2026-05-04';
const corpus = loadCorpus();
const { train, heldOut } = splitCorpus(corpus);

interface Prediction {
  sector: Sector;
  violations: ViolationType[];
}

interface Scores {
  sectorAcc: number;
  p: number;
  r: number;
  f1: number;
  perSector: Map<Sector, [number, number]>;
  perViolation: Map<ViolationType, { tp: number; fp: number; fn: number }>;
}

function score(items: readonly CorpusItem[], predict: (text: string) => Prediction): Scores {
  let ok = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perSector = new Map<Sector, [number, number]>(sectors.map((s) => [s, [0, 0]]));
  const perViolation = new Map(violationTypes.map((v) => [v, { tp: 0, fp: 0, fn: 0 }]));
  for (const it of items) {
    const p = predict(it.text);
    const s = perSector.get(it.sector)!;
    s[1]++;
    if (p.sector === it.sector) {
      ok++;
      s[0]++;
    }
    for (const v of violationTypes) {
      const pred = p.violations.includes(v);
      const gold = it.violations.includes(v);
      const pv = perViolation.get(v)!;
      if (pred && gold) {
        tp++;
        pv.tp++;
      } else if (pred) {
        fp++;
        pv.fp++;
      } else if (gold) {
        fn++;
        pv.fn++;
      }
    }
  }
  return {
    sectorAcc: ok / items.length,
    p: tp / (tp + fp || 1),
    r: tp / (tp + fn || 1),
    f1: (2 * tp) / (2 * tp + fp + fn || 1),
    perSector,
    perViolation,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const line = (name: string, s: Scores): string =>
  `${name.padEnd(34)} sector accuracy ${pct(s.sectorAcc).padStart(6)}   violations micro-P ${pct(s.p)} R ${pct(s.r)} F1 ${pct(s.f1)}`;

function trained(opts: Partial<ClassifierOptions> = {}) {
  const c = trainWith(train, [], opts);
  return { c, predict: (text: string): Prediction => c.classify(text) };
}

// Rules alone: the sector with the most rule evidence; violations with evidence ≥ 2 (else the strongest).
const rules = curatedRules();
function rulesOnly(text: string): Prediction {
  const rs = ruleScores(applyRules(tokenize(text), rules));
  const sector = [...sectors].sort((a, b) => (rs.get(`sector:${b}`) ?? 0) - (rs.get(`sector:${a}`) ?? 0))[0]!;
  const ranked = [...violationTypes].sort((a, b) => (rs.get(`violation:${b}`) ?? 0) - (rs.get(`violation:${a}`) ?? 0));
  const chosen = ranked.filter((v) => (rs.get(`violation:${v}`) ?? 0) >= 2);
  return { sector, violations: chosen.length > 0 ? chosen : ranked.slice(0, 1) };
}

/** Deterministic typos: in every third word of four letters or more, drop, double or swap one letter. */
function perturb(text: string): string {
  let n = 0;
  return text.replace(/\p{L}{4,}/gu, (w) => {
    n++;
    if (n % 3 !== 0) return w;
    const i = 1 + (n % (w.length - 2));
    if (n % 9 === 0) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    if (n % 9 === 3) return w.slice(0, i) + w[i] + w.slice(i);
    return w.slice(0, i) + w.slice(i + 1);
  });
}

const unaccented = corpus.filter(
  (c) =>
    c.text ===
    c.text
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .replace(/[đĐ]/g, 'd'),
).length;
console.log(
  `corpus: ${corpus.length} texts (${pct(unaccented / corpus.length)} without diacritics); train ${train.length}, held-out ${heldOut.length}`,
);

const main = trained();
const held = score(heldOut, main.predict);
console.log(`training on the train split: ${main.c.trainingMs.toFixed(0)} ms`);
console.log();
console.log(line('rules + model (default)', held));
console.log(line('model only', score(heldOut, trained({ sectorRuleWeight: 0, violationRuleWeight: 0 }).predict)));
console.log(line('rules only', score(heldOut, rulesOnly)));
console.log(line('rules + model, no character n-grams', score(heldOut, trained({ features: { charWeight: 0 } }).predict)));
const typos = heldOut.map((it) => ({ ...it, text: perturb(it.text) }));
console.log(line('typo-perturbed held-out', score(typos, main.predict)));
console.log(line('typo-perturbed, no character n-grams', score(typos, trained({ features: { charWeight: 0 } }).predict)));

console.log('\nper-sector accuracy (held-out)');
for (const [s, [ok, n]] of held.perSector)
  console.log(`  ${s.padEnd(24)} ${String(ok).padStart(2)}/${String(n).padEnd(3)} ${n === 0 ? '—' : pct(ok / n)}`);
console.log('\nper-violation F1 (held-out)');
for (const [v, { tp, fp, fn }] of held.perViolation) {
  console.log(`  ${v.padEnd(24)} F1 ${pct((2 * tp) / (2 * tp + fp + fn || 1)).padStart(6)}  (gold ${tp + fn}, predicted ${tp + fp})`);
}

// Routing: the expected agency is what the dated table gives for the gold labels.
let agree = 0;
const byKind = new Map<string, [number, number]>();
for (const it of heldOut) {
  const p = main.c.classify(it.text);
  const gold = routeRequest({ sector: it.sector, violations: it.violations, description: it.text }, defaultCompetenceRows, ON_DATE).agency
    .kind;
  const got = routeRequest({ sector: p.sector, violations: p.violations, description: it.text }, defaultCompetenceRows, ON_DATE).agency
    .kind;
  const k = byKind.get(gold) ?? [0, 0];
  k[1]++;
  if (gold === got) {
    agree++;
    k[0]++;
  }
  byKind.set(gold, k);
}
console.log(
  `\nrouting accuracy on held-out (agency from predicted labels = agency from gold labels, table of ${ON_DATE}): ${pct(agree / heldOut.length)}`,
);
for (const [kind, [ok, n]] of [...byKind].sort((a, b) => b[1][1] - a[1][1])) console.log(`  ${kind.padEnd(16)} ${ok}/${n}`);

const conf = heldOut.map((it) => {
  const r = main.c.classify(it.text);
  return { high: r.sectorConfidence >= 0.5, ok: r.sector === it.sector };
});
const hi = conf.filter((c) => c.high);
const lo = conf.filter((c) => !c.high);
console.log(
  `\nsector confidence ≥ 50%: ${hi.length} texts, accuracy ${pct(hi.filter((c) => c.ok).length / (hi.length || 1))}; below: ${lo.length} texts, accuracy ${pct(lo.filter((c) => c.ok).length / (lo.length || 1))}`,
);

const t0 = performance.now();
trainWith(corpus, [], defaultClassifierOptions);
console.log(`start-up training on the whole corpus (${corpus.length} texts, warm process): ${(performance.now() - t0).toFixed(0)} ms`);
const t1 = performance.now();
for (const it of heldOut) main.c.classify(it.text);
console.log(`classification: ${((performance.now() - t1) / heldOut.length).toFixed(2)} ms per text`);
