/**
 * Classification = statistical model + curated rules, added in log-odds space:
 *   sector:     softmax( z_model[s] + sectorRuleWeight · rules[s] )
 *   violation:  sigmoid( z_model[v] + violationRuleWeight · rules[v] ), reported at ≥ threshold,
 *               and always at least the most likely one.
 * Trained at start-up from the corpus plus officers' corrections (≈ 0.3 s for 760 texts).
 */
import { explainClassification, type Evidence } from './explain.js';
import {
  createVocabulary,
  defaultNaiveBayesOptions,
  defaultTrainOptions,
  scores,
  sigmoid,
  softmax,
  trainLinear,
  trainNaiveBayes,
  vectorize,
  type NaiveBayesOptions,
  type TrainOptions,
} from './model.js';
import { applyRules, curatedRules, ruleScores, type RuleHit } from './rules.js';
import { sectors, violationTypes, type CorpusItem, type LabelCorrection, type Sector, type ViolationType } from './schema.js';
import { defaultFeatureOptions, features, tokenize, type FeatureOptions, type Token } from './text.js';
import { loadCorpus } from './corpus.js';

export interface ClassifierOptions {
  features: FeatureOptions;
  train: TrainOptions;
  /** Logit added per unit of rule weight (a strong rule weighs 3). */
  sectorRuleWeight: number;
  violationRuleWeight: number;
  /** A violation is reported when its combined probability reaches this. */
  threshold: number;
  /** How much an officer's correction counts against one corpus text. */
  correctionWeight: number;
  sectorModel: 'naive-bayes' | 'logistic';
  /**
   * Multiplies the combined sector log-odds before the softmax: changes the confidence, never the
   * ranking. Fitted by log-likelihood in 4-fold cross-validation on the train split.
   */
  sectorSharpness: number;
  naiveBayes: NaiveBayesOptions;
}

export const defaultClassifierOptions: ClassifierOptions = {
  features: defaultFeatureOptions,
  train: defaultTrainOptions,
  sectorRuleWeight: 0.35,
  violationRuleWeight: 1,
  threshold: 0.35,
  correctionWeight: 2,
  sectorModel: 'naive-bayes',
  sectorSharpness: 4,
  naiveBayes: defaultNaiveBayesOptions,
};

export interface Classification {
  sector: Sector;
  violations: ViolationType[];
  /** Lowest of the sector probability and the probabilities of the reported violations. */
  confidence: number;
  sectorConfidence: number;
  /** The three most likely sectors. */
  sectorScores: Array<{ sector: Sector; probability: number }>;
  /** Every violation type, most likely first. */
  violationScores: Array<{ violation: ViolationType; probability: number }>;
  evidence: Evidence[];
  /** Vietnamese, naming the words and rules that decided. */
  explanation: string;
}

export interface Classifier {
  classify(text: string): Classification;
  readonly trainedOn: number;
  readonly corrections: number;
  readonly trainingMs: number;
}

interface Example {
  text: string;
  sector: Sector;
  violations: readonly ViolationType[];
  weight: number;
}

/** Corpus items with officers' corrections merged in: a correction with a corpus id replaces that item's labels; the latest correction per id wins. */
export function mergeCorrections(
  corpus: readonly CorpusItem[],
  corrections: readonly LabelCorrection[],
  correctionWeight: number,
): Example[] {
  const latest = new Map<string, LabelCorrection>();
  for (const c of corrections) {
    const prev = latest.get(c.id);
    if (prev === undefined || (c.correctedAt ?? '') >= (prev.correctedAt ?? '')) latest.set(c.id, c);
  }
  const out: Example[] = corpus
    .filter((it) => !latest.has(it.id))
    .map((it) => ({ text: it.text, sector: it.sector, violations: it.violations, weight: 1 }));
  for (const c of [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    out.push({ text: c.text.normalize('NFC'), sector: c.sector, violations: c.violations, weight: correctionWeight });
  }
  return out;
}

const MIN_CONTRIBUTION = 0.04;

/** Function syllables: they carry weight in the model but explain nothing to a reader. */
const FUNCTION_WORDS = new Set(
  (
    'toi minh em anh chi ban ho la va cua thi ma co khong duoc da dang se cho nhung roi nay do voi mot cac nhieu trong tren duoi o ' +
    'bi den ve ra vao nen lai cung con khi sau truoc nguoi an nhu the nao gi ay kia day vay hay hoac tu tai vi de len xuong qua rat'
  ).split(' '),
);

function explains(plains: readonly string[]): boolean {
  return plains.every((p) => !p.includes('#')) && plains.some((p) => !FUNCTION_WORDS.has(p));
}

function ruleEvidence(h: RuleHit): Evidence['rules'][number] {
  return { words: h.hit.surface, phrase: h.rule.phrase.text, weight: h.rule.weight * h.hit.quality };
}

/** The strongest word features pushing `score(i)` up, quoted as the consumer wrote them. */
function modelWords(tokens: readonly Token[], contribution: (feature: string) => number): Array<{ words: string; weight: number }> {
  const found = new Map<string, { words: string; weight: number }>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const candidates: Array<[string, string, string[]]> = [[`w:${t.plain}`, t.surface, [t.plain]]];
    if (next !== undefined) {
      candidates.push([
        `b:${t.plain}_${next.plain}`,
        next.src === t.src ? t.surface : `${t.surface} ${next.surface}`,
        [t.plain, next.plain],
      ]);
    }
    for (const [f, words, plains] of candidates) {
      if (found.has(f) || !explains(plains)) continue;
      const weight = contribution(f);
      if (weight >= MIN_CONTRIBUTION && /\p{L}/u.test(words)) found.set(f, { words, weight });
    }
  }
  const ranked = [...found.values()].sort((a, b) => b.weight - a.weight);
  const out: Array<{ words: string; weight: number }> = [];
  for (const r of ranked) {
    const lower = r.words.toLowerCase();
    if (out.some((o) => o.words.toLowerCase().includes(lower) || lower.includes(o.words.toLowerCase()))) continue;
    out.push(r);
    if (out.length === 4) break;
  }
  return out;
}

/**
 * Trains a classifier from the corpus and officers' corrections. Deterministic: the same inputs
 * give the same weights and the same answers.
 */
export function trainWith(
  corpus: readonly CorpusItem[],
  corrections: readonly LabelCorrection[] = [],
  options: Partial<ClassifierOptions> = {},
): Classifier {
  const opts: ClassifierOptions = { ...defaultClassifierOptions, ...options };
  const t0 = performance.now();
  const examples = mergeCorrections(corpus, corrections, opts.correctionWeight);
  const vocab = createVocabulary();
  const xs = examples.map((e) => vectorize(features(tokenize(e.text), opts.features), vocab, true));
  const weights = examples.map((e) => e.weight);
  const sectorY = examples.map((e) => sectors.indexOf(e.sector));
  const sectorModel =
    opts.sectorModel === 'naive-bayes'
      ? trainNaiveBayes(xs, sectorY, sectors.length, vocab.names.length, weights, opts.naiveBayes)
      : trainLinear(xs, { kind: 'softmax', classes: sectors.length, y: sectorY }, vocab.names.length, weights, opts.train);
  const violationModel = trainLinear(
    xs,
    {
      kind: 'sigmoid',
      labels: violationTypes.length,
      y: examples.map((e) => Uint8Array.from(violationTypes, (v) => (e.violations.includes(v) ? 1 : 0))),
    },
    vocab.names.length,
    weights,
    opts.train,
  );
  const rules = curatedRules();
  // Every syllable seen in training, plus the rules' own: words we know are never read as typos.
  const lexicon = new Set<string>(vocab.names.filter((n) => n.startsWith('w:')).map((n) => n.slice(2)));
  for (const r of rules.rules) for (const s of r.phrase.syllables) lexicon.add(s.plain);
  const trainingMs = performance.now() - t0;

  function weightOf(feature: string, output: number, outputs: number, model: { weights: Float64Array }): number {
    const i = vocab.index.get(feature);
    return i === undefined ? 0 : model.weights[i * outputs + output]!;
  }

  function classify(text: string): Classification {
    const tokens = tokenize(text);
    const feats = features(tokens, opts.features);
    const x = vectorize(feats, vocab, false);
    const scale = new Map<number, number>();
    for (let n = 0; n < x.idx.length; n++) scale.set(x.idx[n]!, x.val[n]!);
    const valueOf = (f: string): number => {
      const i = vocab.index.get(f);
      return i === undefined ? 0 : (scale.get(i) ?? 0);
    };
    const hits = applyRules(tokens, rules, lexicon);
    const rs = ruleScores(hits);

    const zs = scores(sectorModel, x);
    sectors.forEach((s, c) => (zs[c] = opts.sectorSharpness * (zs[c]! + opts.sectorRuleWeight * (rs.get(`sector:${s}`) ?? 0))));
    const ps = softmax(zs);
    const sectorRank = sectors.map((s, c) => ({ sector: s, probability: ps[c]! })).sort((a, b) => b.probability - a.probability);
    const best = sectorRank[0]!;
    const second = sectorRank[1]!;

    const zv = scores(violationModel, x);
    const violationScores = violationTypes
      .map((v, c) => ({ violation: v, probability: sigmoid(zv[c]! + opts.violationRuleWeight * (rs.get(`violation:${v}`) ?? 0)) }))
      .sort((a, b) => b.probability - a.probability);
    let chosen = violationScores.filter((v) => v.probability >= opts.threshold);
    if (chosen.length === 0) chosen = violationScores.slice(0, 1);

    const evidence: Evidence[] = [];
    const bestIdx = sectors.indexOf(best.sector);
    const secondIdx = sectors.indexOf(second.sector);
    const k = sectors.length;
    evidence.push({
      label: { kind: 'sector', value: best.sector },
      rules: hits.filter((h) => h.rule.label.kind === 'sector' && h.rule.label.value === best.sector).map(ruleEvidence),
      model: modelWords(tokens, (f) => valueOf(f) * (weightOf(f, bestIdx, k, sectorModel) - weightOf(f, secondIdx, k, sectorModel))),
    });
    for (const v of chosen) {
      const vi = violationTypes.indexOf(v.violation);
      evidence.push({
        label: { kind: 'violation', value: v.violation },
        rules: hits.filter((h) => h.rule.label.kind === 'violation' && h.rule.label.value === v.violation).map(ruleEvidence),
        model: modelWords(tokens, (f) => valueOf(f) * weightOf(f, vi, violationTypes.length, violationModel)),
      });
    }
    const confidence = Math.min(best.probability, ...chosen.map((v) => v.probability));
    const result = {
      sector: best.sector,
      violations: chosen.map((v) => v.violation),
      confidence,
      sectorConfidence: best.probability,
      sectorScores: sectorRank.slice(0, 3),
      violationScores,
      evidence,
    };
    return { ...result, explanation: explainClassification(result, tokens) };
  }

  return { classify, trainedOn: examples.length, corrections: corrections.length, trainingMs };
}

/** Reads the committed corpus and trains on all of it (the held-out split is for `bench/classify.ts`). */
export function createDefaultClassifier(corrections: readonly LabelCorrection[] = []): Classifier {
  return trainWith(loadCorpus(), corrections);
}
