/**
 * Staff pages of plans: GET /plans (list), GET /plans/import (upload form), POST /plans/import (the
 * upload → an editable preview: choose an agency for each unmatched name, correct a timing, name
 * the responsible person), POST /plans/import/commit (creates the plan in one transaction), GET
 * /plans/:id (the task tree with the "6 clears" and the plan score), POST /plans/:id/tasks/:taskId
 * (corrections). Plain forms without JavaScript; each post calls the same service function as the
 * JSON API, which checks the permission again. The preview travels in the form (gzip + base64):
 * nothing is stored before the officer commits.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { localDateOf } from '../../platform/clocks/index.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, httpStatusOf, invalid } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { pageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import { listAgencies } from '../directory/index.js';
import { createInputOf, previewPlanImport } from './import-service.js';
import { INDICATORS, setTaskIndicators } from './indicators.js';
import {
  ImportPage,
  PlanPage,
  PlansListPage,
  PreviewPage,
  type AgencyOption,
  type FieldError,
  type IndicatorOption,
  type PreviewEdits,
} from './plan-views.js';
import { readImportUpload } from './routes.js';
import { createPlanInput, planImportPreview, updateTaskInput, type PlanImportPreview } from './schema.js';
import { createPlan, getPlan, getTask, listPlans, listTasks, updateTask } from './service.js';
import { pt } from './texts.js';
import { parseTiming } from './timing.js';

const idParams = z.object({ id: z.uuid() });
const taskParams = z.object({ id: z.uuid(), taskId: z.uuid() });
const formBody = z
  .object({ _csrf: z.string().max(100).optional() })
  .catchall(z.union([z.string().max(2_000_000), z.array(z.string().max(10_000)).max(50)]))
  .nullish();
type FormBody = z.infer<typeof formBody>;

/** `?done=` after a redirect: the notice texts are `done.<key>` in texts.ts. */
const DONE = ['created', 'task', 'unchanged', 'indicators'] as const;

const INDICATOR_OPTIONS: IndicatorOption[] = INDICATORS.map((i) => ({ code: i.code, label: i.label, perSector: i.code.includes(':') }));
const planQuery = z.object({
  done: z.enum(DONE).optional().catch(undefined),
  lang: z.string().max(5).optional(),
});

function send(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(node));
}

/** The error as lines of the error summary (its message, then its details). */
function errorsOf(e: AppError): FieldError[] {
  return [
    { message: e.message },
    ...(e.details ?? []).filter((d) => d.message && d.code !== 'corrupt').map((d) => ({ message: d.message })),
  ];
}

/** The province's agencies for the selects, by name. */
export async function agencyOptions(ctx: Ctx): Promise<AgencyOption[]> {
  const r = await listAgencies(ctx, { provinceCode: ctx.deps.config.PROVINCE_CODE, level: 'province', page: 1, pageSize: 200 });
  return r.data.map((a) => ({ id: a.id, name: a.name })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

const pack = (p: PlanImportPreview): string => gzipSync(Buffer.from(JSON.stringify(p))).toString('base64');
function unpack(s: string | undefined, locale: Locale): PlanImportPreview {
  try {
    const json = gunzipSync(Buffer.from(s ?? '', 'base64'), { maxOutputLength: 20 * 1024 * 1024 }).toString('utf8');
    return planImportPreview.parse(JSON.parse(json));
  } catch {
    throw invalid('plan_import.preview_invalid', pt(locale, 'error.previewInvalid'));
  }
}

const str = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

function editsOf(body: FormBody): PreviewEdits {
  const e: PreviewEdits = { agency: {}, timing: {}, person: {} };
  for (const [k, raw] of Object.entries(body ?? {})) {
    const v = str(raw)?.trim();
    if (v === undefined) continue;
    if (k === 'title') e.title = v;
    else if (k === 'focalAgencyId') e.focalAgencyId = v;
    else if (k === 'reminderDays') e.reminderDays = v;
    else if (/^agency\.\d+\.(lead|co)\.\d+$/.test(k)) e.agency[k] = v;
    else if (/^timing\.\d+$/.test(k)) e.timing[k] = v;
    else if (/^person\.\d+$/.test(k)) e.person[k] = v;
  }
  return e;
}

/** The preview with the officer's choices applied: chosen agencies, corrected timings (original kept), persons. */
function applyEdits(preview: PlanImportPreview, e: PreviewEdits, planYear: number): PlanImportPreview & { originals: Map<number, string> } {
  const originals = new Map<number, string>();
  const tasks = preview.tasks.map((t, i) => {
    const pick = (role: 'lead' | 'co') => (a: PlanImportPreview['tasks'][number]['leadAgencies'][number], j: number) => {
      const chosen = e.agency[`agency.${i}.${role}.${j}`];
      return chosen && !a.agencyId && !a.group ? { text: a.text, group: a.group, agencyId: chosen } : a;
    };
    const typed = e.timing[`timing.${i}`];
    const timing = typed !== undefined && typed !== '' && typed !== t.timing.text ? parseTiming(typed, { planYear }) : t.timing;
    if (timing !== t.timing) originals.set(i, t.timing.text);
    const person = e.person[`person.${i}`];
    return {
      ...t,
      leadAgencies: t.leadAgencies.map(pick('lead')),
      coAgencies: t.coAgencies.map(pick('co')),
      timing,
      ...(person ? { responsiblePerson: person } : {}),
    };
  });
  return { ...preview, tasks, originals };
}

export function registerPlanPages(root: FastifyInstance): void {
  const app = typed(root);
  const hide = { hide: true } as const;

  app.get(
    '/plans',
    {
      schema: {
        ...hide,
        querystring: z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1).default(1), lang: z.string().max(5).optional() }),
      },
    },
    async (req, reply) => {
      const result = await listPlans(req.ctx, { page: req.query.page, pageSize: 50, status: 'active' });
      return send(reply, <PlansListPage env={pageEnv(req)} result={result} canManage={can(req.ctx.actor, 'plans.manage')} />);
    },
  );

  app.get('/plans/import', { schema: { ...hide, querystring: z.object({ lang: z.string().max(5).optional() }) } }, async (req, reply) => {
    requirePermission(req.ctx, 'plans.manage');
    return send(reply, <ImportPage env={pageEnv(req)} errors={[]} />);
  });

  app.post('/plans/import', { schema: hide, bodyLimit: 16 * 1024 * 1024 }, async (req, reply) => {
    requirePermission(req.ctx, 'plans.manage');
    try {
      if (!req.isMultipart()) throw invalid('plan_import.empty', pt(req.ctx.locale, 'error.empty'));
      const input = await readImportUpload(req);
      const preview = await previewPlanImport(req.ctx, input);
      const agencies = await agencyOptions(req.ctx);
      const focal = agencies.find((a) => /^Sở Công Thương/.test(a.name))?.id;
      return send(
        reply,
        <PreviewPage
          env={pageEnv(req)}
          preview={preview}
          packed={pack(preview)}
          fileName={input.fileName}
          agencies={agencies}
          focalDefault={focal}
          edits={{ agency: {}, timing: {}, person: {} }}
          errors={[]}
        />,
      );
    } catch (e) {
      if (!(e instanceof AppError) || e.kind === 'forbidden' || e.kind === 'unauthenticated') throw e;
      return send(reply, <ImportPage env={pageEnv(req)} errors={errorsOf(e)} />, httpStatusOf(e.kind));
    }
  });

  app.post('/plans/import/commit', { schema: { ...hide, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'plans.manage');
    const body = req.body ?? {};
    const preview = unpack(str(body.preview), req.ctx.locale);
    const edits = editsOf(body);
    const year = preview.plan.year ?? (preview.plan.date ? +preview.plan.date.slice(0, 4) : +localDateOf(req.ctx.now()).slice(0, 4));
    const edited = applyEdits(preview, edits, year);
    const fileName = str(body.fileName)?.slice(0, 300);
    const input = createInputOf(edited, fileName);
    input.tasks = input.tasks.map((t, i) => (edited.originals.has(i) ? { ...t, originalTimingText: edited.originals.get(i)! } : t));
    if (edits.title) input.plan.title = edits.title.normalize('NFC');
    if (edits.focalAgencyId) input.plan.focalAgencyId = edits.focalAgencyId;
    const days = Number(edits.reminderDays);
    if (edits.reminderDays && Number.isInteger(days) && days >= 0 && days <= 60) input.plan.reminderDays = days;
    try {
      const valid = createPlanInput.safeParse(input);
      if (!valid.success)
        throw invalid(
          'request.invalid',
          pt(req.ctx.locale, 'error.invalid'),
          valid.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      const created = await createPlan(req.ctx, valid.data, { warnings: preview.warnings });
      return reply.redirect(`/plans/${created.id}?done=created`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.kind === 'forbidden' || e.kind === 'unauthenticated') throw e;
      const agencies = await agencyOptions(req.ctx);
      return send(
        reply,
        <PreviewPage
          env={pageEnv(req)}
          preview={preview}
          packed={pack(preview)}
          fileName={fileName}
          agencies={agencies}
          focalDefault={edits.focalAgencyId}
          edits={edits}
          errors={errorsOf(e)}
        />,
        httpStatusOf(e.kind),
      );
    }
  });

  const renderPlan = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    opts: { notice?: string; errors?: FieldError[]; status?: number } = {},
  ) => {
    const plan = await getPlan(req.ctx, id);
    const tasks = (await listTasks(req.ctx, id)).data;
    const agencies = plan.can.manage ? await agencyOptions(req.ctx) : [];
    return send(
      reply,
      <PlanPage
        env={pageEnv(req)}
        plan={plan}
        tasks={tasks}
        agencies={agencies}
        indicators={INDICATOR_OPTIONS}
        notice={opts.notice}
        errors={opts.errors ?? []}
        links={
          <p>
            <a href={`/plans/${plan.id}/board`}>{pt(req.ctx.locale, 'plan.boardLink')}</a>
          </p>
        }
      />,
      opts.status,
    );
  };

  app.get('/plans/:id', { schema: { ...hide, params: idParams, querystring: planQuery } }, async (req, reply) =>
    renderPlan(req, reply, req.params.id, { notice: req.query.done ? pt(req.ctx.locale, `done.${req.query.done}`) : undefined }),
  );

  app.post('/plans/:id/tasks/:taskId', { schema: { ...hide, params: taskParams, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'plans.manage');
    const { id, taskId } = req.params;
    const cur = await getTask(req.ctx, id, taskId);
    const body = req.body ?? {};
    const input: Record<string, unknown> = {};
    const agencies = Object.entries(body)
      .filter(([k, v]) => /^agency\.[0-9a-f-]{36}$/.test(k) && str(v)?.trim())
      .map(([k, v]) => ({ id: k.slice('agency.'.length), agencyId: str(v)!.trim() }));
    if (agencies.length) input.agencies = agencies;
    const text = (k: string) => str(body[k])?.trim();
    const timingText = text('timingText');
    if (timingText && timingText !== cur.timing.text) input.timingText = timingText;
    const person = text('responsiblePerson');
    if (person !== undefined && person !== (cur.responsiblePerson ?? '')) input.responsiblePerson = person || null;
    const authority = text('authority');
    if (authority !== undefined && authority !== (cur.authority ?? '')) input.authority = authority || null;
    const met = text('conditionMetOn');
    if (met !== undefined && met !== (cur.conditionMetOn ?? '')) input.conditionMetOn = met || null;
    if (Object.keys(input).length === 0) return reply.redirect(`/plans/${id}?done=unchanged#t-${encodeURIComponent(cur.ref)}`, 303);
    try {
      const parsed = updateTaskInput.safeParse(input);
      if (!parsed.success)
        throw invalid(
          'request.invalid',
          pt(req.ctx.locale, 'error.invalid'),
          parsed.error.issues.map((i) => ({ message: `${i.path.join('.')}: ${i.message}` })),
        );
      await updateTask(req.ctx, id, taskId, parsed.data);
      return reply.redirect(`/plans/${id}?done=task#t-${encodeURIComponent(cur.ref)}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.kind === 'forbidden' || e.kind === 'unauthenticated' || e.kind === 'not_found') throw e;
      return renderPlan(req, reply, id, { errors: errorsOf(e), status: httpStatusOf(e.kind) });
    }
  });

  app.post('/plans/:id/tasks/:taskId/indicators', { schema: { ...hide, params: taskParams, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'plans.manage');
    const { id, taskId } = req.params;
    const raw = req.body?.indicators;
    const codes = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    try {
      if (codes.length > 20) throw invalid('request.invalid', pt(req.ctx.locale, 'error.tooManyIndicators'));
      await setTaskIndicators(req.ctx, id, taskId, codes);
      const cur = await getTask(req.ctx, id, taskId);
      return reply.redirect(`/plans/${id}?done=indicators#t-${encodeURIComponent(cur.ref)}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.kind === 'forbidden' || e.kind === 'unauthenticated' || e.kind === 'not_found') throw e;
      return renderPlan(req, reply, id, { errors: errorsOf(e), status: httpStatusOf(e.kind) });
    }
  });
}
