/** Vietnamese explanation of a classification: which rules and which words decided, and how sure. */
import { percent, sectorLabels, violationLabels } from './labels.js';
import type { Sector, ViolationType } from './schema.js';
import { accentShare, type Token } from './text.js';
import { fold } from '../../platform/i18n.js';

export interface Evidence {
  label: { kind: 'sector'; value: Sector } | { kind: 'violation'; value: ViolationType };
  /** Curated rules that matched: the consumer's words, the rule phrase, its weight × match quality. */
  rules: Array<{ words: string; phrase: string; weight: number }>;
  /** Words the statistical model leaned on most for this label. */
  model: Array<{ words: string; weight: number }>;
}

interface Explained {
  sector: Sector;
  sectorConfidence: number;
  sectorScores: Array<{ sector: Sector; probability: number }>;
  violationScores: Array<{ violation: ViolationType; probability: number }>;
  violations: ViolationType[];
  confidence: number;
  evidence: Evidence[];
}

const LOW_CONFIDENCE = 0.5;

function quote(words: string[]): string {
  return words.map((w) => `«${w}»`).join(', ');
}

function basis(e: Evidence | undefined): string {
  if (e === undefined) return 'không có căn cứ rõ';
  const parts: string[] = [];
  const rules = [...e.rules].sort((a, b) => b.weight - a.weight).slice(0, 4);
  if (rules.length > 0)
    parts.push(`từ khóa ${quote(rules.map((r) => (fold(r.words) === fold(r.phrase) ? r.words : `${r.words} ≈ ${r.phrase}`)))}`);
  if (e.model.length > 0) parts.push(`mô hình thống kê dựa vào ${quote(e.model.map((m) => m.words))}`);
  return parts.length > 0 ? parts.join('; ') : 'chỉ dựa trên xác suất chung của mô hình (không có từ nào nổi bật)';
}

function teencodeNotes(tokens: readonly Token[]): string[] {
  const seen = new Map<string, string>();
  for (const t of tokens) if (t.expanded !== undefined && !seen.has(t.surface.toLowerCase())) seen.set(t.surface.toLowerCase(), t.expanded);
  return [...seen].slice(0, 5).map(([from, to]) => `«${from}» → «${to}»`);
}

export function explainClassification(c: Explained, tokens: readonly Token[]): string {
  const lines: string[] = [];
  const sectorEvidence = c.evidence.find((e) => e.label.kind === 'sector');
  let sectorLine = `Lĩnh vực: ${sectorLabels[c.sector]} (${percent(c.sectorConfidence)}) — ${basis(sectorEvidence)}.`;
  const runnerUp = c.sectorScores[1];
  if (runnerUp !== undefined && runnerUp.probability >= 0.1)
    sectorLine += ` Khả năng khác: ${sectorLabels[runnerUp.sector]} (${percent(runnerUp.probability)}).`;
  lines.push(sectorLine);
  for (const v of c.violations) {
    const p = c.violationScores.find((s) => s.violation === v)?.probability ?? 0;
    const e = c.evidence.find((x) => x.label.kind === 'violation' && x.label.value === v);
    lines.push(`Hành vi: ${violationLabels[v]} (${percent(p)}) — ${basis(e)}.`);
  }
  const notes: string[] = [];
  if (tokens.length > 0 && accentShare(tokens) < 0.5) notes.push('văn bản gõ không dấu nên được so khớp theo dạng bỏ dấu');
  const teen = teencodeNotes(tokens);
  if (teen.length > 0) notes.push(`đã hiểu từ viết tắt ${teen.join(', ')}`);
  if (notes.length > 0) lines.push(`Ghi chú: ${notes.join('; ')}.`);
  if (c.confidence < LOW_CONFIDENCE) lines.push(`Độ tin cậy chung thấp (${percent(c.confidence)}): cán bộ nên kiểm tra lại phân loại.`);
  return lines.join('\n');
}
