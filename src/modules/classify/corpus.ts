/**
 * The labelled corpus (`data/classify/corpus.jsonl`, one `{ id, text, sector, violations }` per
 * line) and its deterministic split: an item is held out when FNV-1a(id) mod 5 = 0 (about 20 %).
 */
import { readFileSync } from 'node:fs';
import { corpusItem, type CorpusItem } from './schema.js';

export const CORPUS_FILE = new URL('../../../data/classify/corpus.jsonl', import.meta.url);

export class CorpusError extends Error {
  override name = 'CorpusError';
}

/** Parses JSONL, validating every line; the error names the first bad line. */
export function parseCorpus(jsonl: string): CorpusItem[] {
  const items: CorpusItem[] = [];
  const ids = new Set<string>();
  jsonl.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new CorpusError(`corpus line ${i + 1}: not JSON`);
    }
    const parsed = corpusItem.safeParse(raw);
    if (!parsed.success) throw new CorpusError(`corpus line ${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    if (ids.has(parsed.data.id)) throw new CorpusError(`corpus line ${i + 1}: duplicate id ${parsed.data.id}`);
    ids.add(parsed.data.id);
    items.push({ ...parsed.data, text: parsed.data.text.normalize('NFC') });
  });
  return items;
}

export function loadCorpus(file: URL | string = CORPUS_FILE): CorpusItem[] {
  return parseCorpus(readFileSync(file, 'utf8'));
}

/** 32-bit FNV-1a over the UTF-8 bytes. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function isHeldOut(id: string): boolean {
  return fnv1a(id) % 5 === 0;
}

export function splitCorpus<T extends { id: string }>(items: readonly T[]): { train: T[]; heldOut: T[] } {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const it of items) (isHeldOut(it.id) ? heldOut : train).push(it);
  return { train, heldOut };
}
