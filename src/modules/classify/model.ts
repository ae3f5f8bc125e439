/**
 * The statistical half of the classifier: logistic regression over sparse, L2-normalised feature
 * vectors — softmax over sectors, one sigmoid per violation type — trained by plain SGD in a fixed,
 * seeded order, so the same corpus always gives the same weights (no network, no randomness).
 */

export interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

export interface Vocabulary {
  index: Map<string, number>;
  names: string[];
}

export function createVocabulary(): Vocabulary {
  return { index: new Map(), names: [] };
}

/** Maps named features to indices (growing the vocabulary when `grow`) and scales to unit length. */
export function vectorize(features: ReadonlyMap<string, number>, vocab: Vocabulary, grow: boolean): SparseVector {
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [name, v] of features) {
    let i = vocab.index.get(name);
    if (i === undefined) {
      if (!grow) continue;
      i = vocab.names.length;
      vocab.index.set(name, i);
      vocab.names.push(name);
    }
    idx.push(i);
    val.push(v);
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { idx: Int32Array.from(idx), val: Float64Array.from(val, (v) => v * scale) };
}

export interface LinearModel {
  /** Number of outputs (classes for softmax, labels for sigmoid). */
  outputs: number;
  /** Row-major weights: weights[feature * outputs + output]. */
  weights: Float64Array;
  bias: Float64Array;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 shrinkage applied once per epoch (a cheap stand-in for per-step decay with sparse updates). */
  shrink: number;
  seed: number;
}

export const defaultTrainOptions: TrainOptions = { epochs: 6, learningRate: 1.5, shrink: 0.99, seed: 20_250_701 };

/** mulberry32: tiny deterministic PRNG for the visiting order. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function order(n: number, rand: () => number): number[] {
  const o = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [o[i], o[j]] = [o[j]!, o[i]!];
  }
  return o;
}

export function scores(model: LinearModel, x: SparseVector, out: Float64Array = new Float64Array(model.outputs)): Float64Array {
  const k = model.outputs;
  const w = model.weights;
  const idx = x.idx;
  const val = x.val;
  out.set(model.bias);
  for (let n = 0; n < idx.length; n++) {
    const base = idx[n]! * k;
    if (base + k > w.length) continue;
    const v = val[n]!;
    for (let c = 0; c < k; c++) out[c] = out[c]! + v * w[base + c]!;
  }
  return out;
}

/** w[idx·k + c] −= step · val · g[c] for every non-zero feature: the SGD update. */
function update(w: Float64Array, k: number, x: SparseVector, g: Float64Array, step: number): void {
  const idx = x.idx;
  const val = x.val;
  for (let n = 0; n < idx.length; n++) {
    const base = idx[n]! * k;
    const v = step * val[n]!;
    for (let c = 0; c < k; c++) w[base + c] = w[base + c]! - v * g[c]!;
  }
}

export function softmax(z: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i]!);
  const p = new Float64Array(z.length);
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += p[i] = Math.exp(z[i]! - max);
  for (let i = 0; i < z.length; i++) p[i]! /= sum;
  return p;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Trains either a softmax model (`targets` are class indices) or independent sigmoids (`targets`
 * are 0/1 rows). `weights` lets officer-corrected examples count more than corpus ones.
 */
export function trainLinear(
  xs: readonly SparseVector[],
  targets: { kind: 'softmax'; classes: number; y: readonly number[] } | { kind: 'sigmoid'; labels: number; y: readonly Uint8Array[] },
  featureCount: number,
  sampleWeights: readonly number[],
  opts: TrainOptions = defaultTrainOptions,
): LinearModel {
  const k = targets.kind === 'softmax' ? targets.classes : targets.labels;
  const model: LinearModel = { outputs: k, weights: new Float64Array(featureCount * k), bias: new Float64Array(k) };
  const rand = prng(opts.seed);
  const z = new Float64Array(k);
  const g = new Float64Array(k);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const lr = opts.learningRate / (1 + epoch * 0.25);
    for (const d of order(xs.length, rand)) {
      const x = xs[d]!;
      scores(model, x, z);
      if (targets.kind === 'softmax') {
        const p = softmax(z);
        for (let c = 0; c < k; c++) g[c] = p[c]! - (targets.y[d] === c ? 1 : 0);
      } else {
        const y = targets.y[d]!;
        for (let c = 0; c < k; c++) g[c] = sigmoid(z[c]!) - y[c]!;
      }
      const step = lr * (sampleWeights[d] ?? 1);
      for (let c = 0; c < k; c++) model.bias[c] = model.bias[c]! - step * g[c]! * 0.1;
      update(model.weights, k, x, g, step);
    }
    const w = model.weights;
    for (let i = 0; i < w.length; i++) w[i] = w[i]! * opts.shrink;
  }
  return model;
}

export interface NaiveBayesOptions {
  /** Additive (Lidstone) smoothing of feature counts. */
  alpha: number;
  /** Scales the summed log-likelihoods before the softmax; < 1 tempers NB's over-confidence. */
  temperature: number;
}

export const defaultNaiveBayesOptions: NaiveBayesOptions = { alpha: 0.1, temperature: 0.35 };

/**
 * Multinomial naive Bayes over the same unit-length vectors, returned in linear form
 * (weights = temperature · log P(feature | class), bias = log prior) so that scoring and
 * explanations are shared with the logistic models. One pass over the data: milliseconds.
 */
export function trainNaiveBayes(
  xs: readonly SparseVector[],
  y: readonly number[],
  classes: number,
  featureCount: number,
  sampleWeights: readonly number[],
  opts: NaiveBayesOptions = defaultNaiveBayesOptions,
): LinearModel {
  const k = classes;
  const counts = new Float64Array(featureCount * k);
  const totals = new Float64Array(k);
  const prior = new Float64Array(k);
  xs.forEach((x, d) => {
    const c = y[d]!;
    const w = sampleWeights[d] ?? 1;
    prior[c] = prior[c]! + w;
    for (let n = 0; n < x.idx.length; n++) {
      const add = w * x.val[n]!;
      counts[x.idx[n]! * k + c] = counts[x.idx[n]! * k + c]! + add;
      totals[c] = totals[c]! + add;
    }
  });
  const priorSum = prior.reduce((a, b) => a + b, 0);
  const bias = Float64Array.from(prior, (p) => Math.log((p + 1) / (priorSum + k)));
  const weights = new Float64Array(featureCount * k);
  for (let c = 0; c < k; c++) {
    const denom = Math.log(totals[c]! + opts.alpha * featureCount);
    for (let f = 0; f < featureCount; f++) weights[f * k + c] = opts.temperature * (Math.log(counts[f * k + c]! + opts.alpha) - denom);
  }
  return { outputs: k, weights, bias };
}
