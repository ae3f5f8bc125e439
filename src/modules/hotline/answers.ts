/** Quick answers (the knowledge base) and the advice-only statistics of the hotline. */
import { requirePermission } from '../../platform/auth/permissions.js';
import { localDateOf } from '../../platform/clocks/index.js';
import type { Ctx } from '../../platform/context.js';
import { fold } from '../../platform/i18n.js';
import { sectorLabels } from '../classify/index.js';
import { hotlineErrors as E } from './errors.js';
import { adviceCounts, listAnswers, searchAnswers as searchAnswerRows, type AnswerRow } from './repo.js';
import type { AdviceStatsView, AnswerQuery, AnswerView, CallOutcome, StatsQuery } from './schema.js';
import { topicLabel } from './texts.js';

function answerView(r: AnswerRow): AnswerView {
  return {
    id: r.id,
    slug: r.slug,
    topic: r.topic,
    topicLabel: topicLabel(r.topic),
    question: r.question,
    answer: r.answer,
    tags: r.tags,
    legalBasis: r.legal_basis,
  };
}

/** Quick answers, accent-insensitive ("doi tra hang" finds "đổi trả hàng"); no words lists them by topic. */
export async function searchAnswers(ctx: Ctx, q: AnswerQuery): Promise<{ data: AnswerView[] }> {
  requirePermission(ctx, 'requests.intake');
  const tokens = [...new Set(fold(q.q ?? '').split(/[^a-z0-9]+/))].filter(Boolean).slice(0, 16);
  const rows = tokens.length ? await searchAnswerRows(ctx.db, tokens, q.topic, q.limit) : await listAnswers(ctx.db, q.topic, q.limit);
  return { data: rows.map(answerView) };
}

const DAY_MS = 86_400_000;

/**
 * Advice-only calls by topic and sector over a period of local dates (Asia/Ho_Chi_Minh, both ends
 * included; default: this month to today), with the calls by outcome and how the call-backs of
 * calls missed in the period ended (LAW.md §18 rule 61: statistics for the provincial reports).
 */
export async function adviceStats(ctx: Ctx, q: StatsQuery): Promise<AdviceStatsView> {
  requirePermission(ctx, 'requests.intake');
  const to = q.to ?? localDateOf(ctx.now());
  const from = q.from ?? `${to.slice(0, 8)}01`;
  if (from > to) throw E.invalidPeriod();
  const start = new Date(`${from}T00:00:00+07:00`);
  // Asia/Ho_Chi_Minh has no daylight saving: the end of `to` is its midnight plus one day.
  const until = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + DAY_MS);
  if (until.getTime() - start.getTime() > 366 * DAY_MS) throw E.periodTooLong();
  const c = await adviceCounts(ctx.db, start, until);
  const rows = (list: { key: string | null; n: string }[], label: (k: string) => string) =>
    list
      .filter((r): r is { key: string; n: string } => r.key !== null)
      .map((r) => ({ key: r.key, label: label(r.key), count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const outcome = (o: CallOutcome) => Number(c.byOutcome.find((r) => r.key === o)?.n ?? 0);
  return {
    from,
    to,
    adviceTotal: outcome('advice_only'),
    byTopic: rows(c.byTopic, topicLabel),
    bySector: rows(c.bySector, (k) => (k in sectorLabels ? sectorLabels[k as keyof typeof sectorLabels] : k)),
    calls: { caseCreated: outcome('case_created'), adviceOnly: outcome('advice_only'), missed: outcome('missed') },
    callbacks: {
      created: Number(c.callbacks.created),
      open: Number(c.callbacks.open),
      done: Number(c.callbacks.done),
      doneOnTime: Number(c.callbacks.done_on_time),
      failed: Number(c.callbacks.failed),
    },
  };
}
