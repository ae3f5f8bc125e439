/**
 * classify — reads a consumer's free text into a sector and violation types (curated rules plus a
 * statistical model trained at start-up from data/classify/corpus.jsonl and officers' corrections),
 * and routes a request to the competent agency from the dated competence table (pure, no DB).
 * Tables owned: none (corrections are stored by requests; competence rows by directory).
 * May call: platform only.
 */
export * from './schema.js';
export { agencyLabels, sectorLabels, situationLabels, violationLabels } from './labels.js';
export { normalise, tokenize, type Token } from './text.js';
export { CORPUS_FILE, CorpusError, isHeldOut, loadCorpus, parseCorpus, splitCorpus } from './corpus.js';
export {
  createDefaultClassifier,
  defaultClassifierOptions,
  trainWith,
  type Classification,
  type Classifier,
  type ClassifierOptions,
} from './classifier.js';
export type { Evidence } from './explain.js';
export { defaultCompetenceRows } from './competence.js';
export { DEFAULT_SMALL_CLAIM_MAX_VND, detectSituations, type DetectedSituations } from './situations.js';
export { inForce, routeRequest, rowRank, type RouteAlternative, type RouteOptions, type RouteResult } from './routing.js';
