/**
 * The mediation records as files (DOCX, PDF): the successful-mediation record of Law 19/2023
 * Art. 65(2)(a)–(h) and (3), and the unsuccessful record with the consumer's remaining options
 * (Arts. 67–71). The documents are built by the requests module's pure builders
 * (`mediationRecordDocument`, `unsuccessfulMediationDocument` in requests/records.ts) and rendered by
 * platform/documents. The builders are passed in (`MediationRecordBuilders`) because requests does
 * not export them from its index yet; the shapes below are the part of their input this module fills.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import type { Ctx } from '../../platform/context.js';
import { documentFileName, renderDocument, type DocumentFormat, type PrintableDocument } from '../../platform/documents/index.js';
import { AppError } from '../../platform/errors.js';
import { fold } from '../../platform/i18n.js';
import { getProvince } from '../directory/index.js';
import { appointedOf, findCase, findOrg, interpretersOf } from './repo.js';
import { sameLanguage } from './rules.js';
import { getMediation } from './service.js';

type When = Date | string;
type HeldForm = 'in_person' | 'online' | 'other';

interface RecordParties {
  header: { place: string; date: When };
  caseCode: string;
  organisation: { name: string; type: 'a' | 'b' | 'c'; address?: string };
  mediators: readonly { name: string; note?: string }[];
  interpreter?: { name: string; language: string };
  consumer: { name: string; address?: string };
  business: { name: string; taxCode?: string; address?: string; representative: { name: string } };
  session: { startedAt: When; location: string; form: HeldForm };
  content: { consumerRequest: string; transaction?: { description: string; date?: When; valueVnd?: string } };
  opinions: { consumer: string; business: string };
}

/** The input of requests' `mediationRecordDocument` that this module fills. */
export interface MediationRecordInput extends RecordParties {
  result: { summary: string; remedies: readonly { description: string }[] };
  performanceDeadline: When;
  otherTerms?: readonly string[];
}

/** The input of requests' `unsuccessfulMediationDocument` that this module fills. */
export interface UnsuccessfulMediationInput extends RecordParties {
  reason: string;
  transactionValueVnd?: number;
  arbitrationClause?: 'none' | 'agreed' | 'standard_form';
}

export interface MediationRecordBuilders {
  mediationRecordDocument(d: MediationRecordInput): PrintableDocument;
  unsuccessfulMediationDocument(d: UnsuccessfulMediationInput): PrintableDocument;
}

interface StoredRecord {
  heldAt?: string;
  place?: string;
  form?: HeldForm;
  parties?: { consumer?: { address?: string | null }; business?: { address?: string | null; representative?: string | null } };
  disputeContent?: string;
  consumerOpinion?: string;
  businessOpinion?: string;
  solution?: string;
  performBy?: string;
  otherTerms?: string;
  reason?: string;
  disputedAmountVnd?: number | null;
  arbitrationClause?: 'none' | 'agreed' | 'standard_form';
}

const notReady = () =>
  new AppError(
    'invalid_state',
    'mediation.record_not_ready',
    'Vụ hòa giải chưa kết thúc: chưa có biên bản hòa giải thành hoặc không thành.',
  );

const optional = <K extends string, V>(k: K, v: V | null | undefined): Partial<Record<K, V>> =>
  v === null || v === undefined || v === '' ? {} : ({ [k]: v } as Record<K, V>);

/** The record of a finished mediation as a file; the caller needs `mediation.read` and the mediation's scope. */
export async function mediationRecordFile(ctx: Ctx, id: string, format: DocumentFormat, builders: MediationRecordBuilders) {
  const view = await getMediation(ctx, id);
  if (!view.outcome) throw notReady();
  const [c, org, appointed, interpreters] = await Promise.all([
    findCase(ctx.db, view.request.id),
    findOrg(ctx.db, view.organisation.id),
    appointedOf(ctx.db, view.id),
    interpretersOf(ctx.db, view.id),
  ]);
  if (!c || !org) throw notReady();
  const r = view.outcome.record as StoredRecord;
  const rule = view.languageRule;
  const province = await getProvince(ctx, org.province_code).catch(() => null);
  const interpreter = interpreters.find((i) => !rule.partyLanguage || sameLanguage(i.language, rule.partyLanguage)) ?? interpreters[0];
  const parties: RecordParties = {
    header: { place: province?.name ?? org.name, date: view.outcome.recordedAt },
    caseCode: c.code,
    organisation: { name: org.name, type: org.type, ...optional('address', org.address) },
    mediators: appointed.map((a) => {
      const notes = [
        a.recognised_at ? `trong danh sách hòa giải viên công bố ngày ${localDay(a.recognised_at)}` : '',
        rule.applies && a.ethnic_minority ? 'người dân tộc thiểu số (khoản 3 Điều 64)' : '',
        rule.applies && rule.partyLanguage && a.languages.some((l) => sameLanguage(l, rule.partyLanguage!))
          ? `thông thạo tiếng ${rule.partyLanguage} (khoản 3 Điều 64)`
          : '',
      ].filter(Boolean);
      return { name: a.full_name, ...optional('note', notes.join('; ')) };
    }),
    ...(interpreter ? { interpreter: { name: interpreter.full_name, language: interpreter.language } } : {}),
    consumer: { name: c.consumer_name, ...optional('address', r.parties?.consumer?.address) },
    business: {
      name: c.business_name,
      ...optional('taxCode', c.business_tax_code),
      ...optional('address', r.parties?.business?.address),
      representative: { name: r.parties?.business?.representative ?? '' },
    },
    session: { startedAt: r.heldAt ?? view.outcome.recordedAt, location: r.place ?? '', form: r.form ?? 'in_person' },
    content: {
      consumerRequest: r.disputeContent ?? c.desired_outcome ?? '',
      ...(c.product_or_service
        ? {
            transaction: {
              description: c.product_or_service,
              ...optional('date', c.transaction_date),
              ...optional('valueVnd', c.amount_vnd),
            },
          }
        : {}),
    },
    opinions: { consumer: r.consumerOpinion ?? '', business: r.businessOpinion ?? '' },
  };
  const success = view.outcome.result === 'success';
  const doc = success
    ? builders.mediationRecordDocument({
        ...parties,
        result: { summary: r.solution ?? '', remedies: [] },
        performanceDeadline: r.performBy ?? '',
        otherTerms:
          r.otherTerms && !['khong co', 'khong', 'khong co thoa thuan khac'].includes(fold(r.otherTerms).replace(/[.]$/, ''))
            ? [r.otherTerms]
            : [],
      })
    : builders.unsuccessfulMediationDocument({
        ...parties,
        content: { ...parties.content, consumerRequest: r.disputeContent ?? c.desired_outcome ?? c.product_or_service ?? '—' },
        reason: r.reason ?? '',
        ...optional('transactionValueVnd', r.disputedAmountVnd),
        arbitrationClause: r.arbitrationClause ?? 'none',
      });
  const file = await renderDocument(doc, format);
  const base = success ? `bien-ban-hoa-giai-thanh-${c.code}` : `bien-ban-hoa-giai-khong-thanh-${c.code}`;
  return { ...file, filename: documentFileName(base, format) };
}

/** dd/mm/yyyy of an instant in Vietnam time. */
function localDay(d: Date): string {
  const [y, m, day] = new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10).split('-');
  return `${day}/${m}/${y}`;
}

export function registerMediationRecordRoute(root: FastifyInstance, builders: MediationRecordBuilders): void {
  const app = typed(root);
  app.get(
    '/api/v1/mediation/mediations/:id/record',
    {
      schema: {
        tags: ['mediation'],
        summary:
          'Biên bản hòa giải thành (Điều 65 khoản 2 điểm a–h, thời hạn thực hiện) hoặc biên bản hòa giải không thành (các phương thức còn lại), DOCX hoặc PDF',
        description: 'Tệp DOCX hoặc PDF tiếng Việt; vụ hòa giải chưa kết thúc: 409 mediation.record_not_ready.',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ format: z.enum(['docx', 'pdf']).default('docx') }),
      },
    },
    async (req, reply) => {
      const f = await mediationRecordFile(req.ctx, req.params.id, req.query.format, builders);
      return reply
        .type(f.contentType)
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .send(f.body);
    },
  );
}
