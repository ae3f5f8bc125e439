/**
 * Pages of plan progress: GET/POST /plans/:id/tasks/:taskId/report (an agency reports on a task
 * for a period, with an evidence file; multipart, the CSRF token in the action URL), GET
 * /plans/:id/board (the focal agency's consolidated board: by agency, by section, timeline, the
 * DOCX report) and POST /plans/:id/urge (đôn đốc). The same service functions as the JSON API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { AppError, httpStatusOf, invalid } from '../../platform/errors.js';
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, type PageEnv } from '../../web/layout.js';
import { pageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import { planErrors } from './errors.js';
import { computeIndicators, rangeOfPeriod } from './indicators.js';
import { figureText } from './report-doc.js';
import { Notice, tr, type FieldError } from './plan-views.js';
import { addEvidence, listTaskReports, MAX_EVIDENCE_BYTES, planBoard, submitReport, urgeAgency } from './reports.js';
import { reportInput, reportStatuses, urgeInput, type BoardView, type IndicatorValue, type ReportView, type TaskView } from './schema.js';
import { getPlan, getTask } from './service.js';
import { pt, statusLabel, timelineText, urgeDraft } from './texts.js';

const taskParams = z.object({ id: z.uuid(), taskId: z.uuid() });
const idParams = z.object({ id: z.uuid() });
const looseBody = z.record(z.string(), z.unknown()).nullish();

function send(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(node));
}

const errorsOf = (e: AppError): FieldError[] => [{ message: e.message }, ...(e.details ?? []).map((d) => ({ message: d.message }))];

// ── report form ─────────────────────────────────────────────────────────────

function ReportPage(p: {
  env: PageEnv;
  planId: string;
  planCode: string;
  task: TaskView;
  periods: BoardView['periods'];
  current: string | undefined;
  reports: ReportView[];
  agencies: { id: string; name: string }[];
  /** The task's live indicators for the current period, as the report will carry them. */
  figures: IndicatorValue[];
  values: Record<string, string>;
  errors: FieldError[];
  notice?: string;
}) {
  const { env, task } = p;
  const current = p.periods.find((x) => x.deadline === p.current);
  const v = p.values;
  return (
    <Layout env={env} title={tr(env, 'report.title', { ref: task.ref })}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p>
        <a href={`/plans/${p.planId}#t-${encodeURIComponent(task.ref)}`}>← {p.planCode}</a>
      </p>
      <p>
        <strong>{task.ref}.</strong> {task.content}
      </p>
      <form
        method="post"
        action={`/plans/${p.planId}/tasks/${task.id}/report?_csrf=${encodeURIComponent(env.csrf)}`}
        enctype="multipart/form-data"
        class="rq-form"
        novalidate
      >
        <CsrfField env={env} />
        <div class="rq-group">
          <label for="period">{tr(env, 'report.period')}</label>
          <select id="period" name="period">
            {p.periods.map((x) => (
              <option value={x.deadline} selected={(v.period ?? p.current) === x.deadline}>
                {formatDate(x.start)} – {formatDate(x.deadline)}
              </option>
            ))}
          </select>
        </div>
        {p.agencies.length > 1 ? (
          <div class="rq-group">
            <label for="agencyId">{tr(env, 'report.agency')}</label>
            <select id="agencyId" name="agencyId">
              {p.agencies.map((a) => (
                <option value={a.id} selected={v.agencyId === a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <fieldset class="rq-group">
          <legend>{tr(env, 'report.status')}</legend>
          <div class="rq-radios">
            {reportStatuses.map((s) => (
              <div class="rq-choice">
                <input type="radio" id={`status-${s}`} name="status" value={s} checked={(v.status ?? 'on_track') === s} />
                <label for={`status-${s}`}>{statusLabel(env.locale, s)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {p.figures.length ? (
          <div class="rq-group" id="figures">
            <h2>{tr(env, 'report.figures')}</h2>
            <p class="hint">
              {tr(env, 'report.figuresHint')}
              {current ? ` ${tr(env, 'report.current', { from: formatDate(current.start), to: formatDate(current.deadline) })}` : ''}
            </p>
            <dl class="summary">
              {p.figures.map((f) => (
                <>
                  <dt>{f.label}</dt>
                  <dd>{figureText(f)}</dd>
                </>
              ))}
            </dl>
          </div>
        ) : null}
        <div class="rq-group">
          <label for="narrative">{tr(env, 'report.narrative')}</label>
          <textarea id="narrative" name="narrative" rows={6}>
            {v.narrative ?? ''}
          </textarea>
        </div>
        <div class="rq-group">
          <label for="evidence">{tr(env, 'report.evidence')}</label>
          <p class="hint" id="evidence-hint">
            {tr(env, 'report.evidenceHint')}
          </p>
          <input id="evidence" name="file" type="file" accept=".jpg,.jpeg,.png,.pdf,.docx" aria-describedby="evidence-hint" />
        </div>
        <button type="submit" class="button">
          {tr(env, 'report.submit')}
        </button>
      </form>
      <h2>{tr(env, 'report.sent')}</h2>
      {p.reports.length === 0 ? (
        <p>{tr(env, 'report.none')}</p>
      ) : (
        <ul>
          {p.reports.map((r) => (
            <li>
              {tr(env, 'report.due', { date: formatDate(r.period) })} · {r.agency.name} (
              {tr(env, r.role === 'lead' ? 'role.lead' : 'role.co')}) · <span class="tag">{statusLabel(env.locale, r.status)}</span> ·{' '}
              {formatDateTime(r.submittedAt)}
              {r.narrative ? <p>{r.narrative}</p> : null}
              {r.kpis.length ? (
                <p class="hint">{tr(env, 'report.kpis', { list: r.kpis.map((k) => `${k.label}: ${figureText(k)}`).join('; ') })}</p>
              ) : null}
              {r.evidence.map((e) => (
                <a href={`/api/v1/plans/${p.planId}/reports/${r.id}/evidence/${e.id}`}>{e.filename} </a>
              ))}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

// ── board ───────────────────────────────────────────────────────────────────

function BoardPage(p: { env: PageEnv; board: BoardView; canUrge: boolean; errors: FieldError[]; notice?: string }) {
  const { env, board } = p;
  const period = board.period;
  return (
    <Layout env={env} title={tr(env, 'board.title', { code: board.plan.code })}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p>
        <a href={`/plans/${board.plan.id}`}>← {board.plan.title}</a>
      </p>
      {period ? (
        <>
          <form method="get" action={`/plans/${board.plan.id}/board`} class="filters">
            <label for="board-period">{tr(env, 'board.period')}</label>{' '}
            <select id="board-period" name="period">
              {board.periods.map((x) => (
                <option value={x.deadline} selected={x.deadline === period.deadline}>
                  {formatDate(x.start)} – {formatDate(x.deadline)}
                </option>
              ))}
            </select>{' '}
            <button type="submit" class="button">
              {tr(env, 'board.show')}
            </button>
          </form>
          <p>
            {tr(env, 'board.periodRange', { from: formatDate(period.start), to: formatDate(period.deadline) })}
            {period.focalDeadline ? tr(env, 'board.focalDeadline', { date: formatDate(period.focalDeadline) }) : ''}
            {tr(env, 'board.remindFrom', { date: formatDate(period.reminderOn) })}{' '}
            {board.closed ? <span class="tag err">{tr(env, 'board.closed')}</span> : <span class="tag">{tr(env, 'board.open')}</span>}{' '}
            <a class="button" href={`/api/v1/plans/${board.plan.id}/report?period=${period.deadline}`} download>
              {tr(env, 'board.download')}
            </a>
          </p>
          <div class="table-wrap">
            <table class="cases">
              <caption>{tr(env, 'board.byAgency')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr(env, 'col.agency')}</th>
                  <th scope="col">{tr(env, 'col.expected')}</th>
                  <th scope="col">{tr(env, 'col.reported')}</th>
                  <th scope="col">{tr(env, 'col.status')}</th>
                  <th scope="col">{tr(env, 'col.missing')}</th>
                  <th scope="col">{tr(env, 'col.reminders')}</th>
                </tr>
              </thead>
              <tbody>
                {board.byAgency.map((a) => (
                  <tr>
                    <th scope="row">{a.agencyName}</th>
                    <td>{a.expected}</td>
                    <td>
                      {a.reported}
                      {a.contributions ? (
                        <span class="hint">{` ${tr(env, 'board.contributions', { count: a.contributions })}`}</span>
                      ) : null}
                    </td>
                    <td>
                      {reportStatuses
                        .filter((s) => a.statuses[s] > 0)
                        .map((s) => (
                          <span class={`tag ${s === 'done' ? 'ok' : s === 'overdue' || s === 'at_risk' ? 'warn' : ''}`}>
                            {statusLabel(env.locale, s)}: {a.statuses[s]}
                          </span>
                        ))}
                    </td>
                    <td>{a.missing.length ? <span class={`tag ${board.closed ? 'err' : 'warn'}`}>{a.missing.join(', ')}</span> : '—'}</td>
                    <td>
                      {a.reminded ? <span class="tag">{tr(env, 'board.reminded')}</span> : null}
                      {a.escalated ? <span class="tag err">{tr(env, 'board.escalated')}</span> : null}
                      {a.urged ? <span class="tag">{tr(env, 'board.urged', { count: a.urged })}</span> : null}
                      {p.canUrge && a.missing.length ? (
                        <form method="post" action={`/plans/${board.plan.id}/urge`} class="inline-form">
                          <CsrfField env={env} />
                          <input type="hidden" name="agencyId" value={a.agencyId} />
                          <input type="hidden" name="period" value={period.deadline} />
                          <label class="vh" for={`urge-${a.agencyId}`}>
                            {tr(env, 'board.urgeLabel', { agency: a.agencyName })}
                          </label>
                          <input id={`urge-${a.agencyId}`} name="message" type="text" value={urgeDraft(a.agencyName, a.missing)} />
                          <button type="submit" class="button">
                            {tr(env, 'board.urge')}
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="table-wrap">
            <table class="cases">
              <caption>{tr(env, 'board.bySection')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr(env, 'col.section')}</th>
                  <th scope="col">{tr(env, 'col.tasks')}</th>
                  <th scope="col">{tr(env, 'col.reported')}</th>
                  <th scope="col">{tr(env, 'col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {board.bySection.map((s) => (
                  <tr>
                    <th scope="row">
                      {s.ref ? `${s.ref}. ` : ''}
                      {s.content}
                    </th>
                    <td>{s.tasks}</td>
                    <td>{s.reported}</td>
                    <td>
                      {reportStatuses
                        .filter((x) => s.statuses[x] > 0)
                        .map((x) => (
                          <span class="tag">
                            {statusLabel(env.locale, x)}: {s.statuses[x]}
                          </span>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{tr(env, 'board.timeline')}</h2>
          {board.timeline.length ? (
            <ol class="rq-timeline">
              {board.timeline.map((e) => (
                <li>
                  <span class="rq-timeline-when">{formatDateTime(e.at)}</span>{' '}
                  <span class="rq-timeline-what">
                    {e.agencyName}: {timelineText(env.locale, e)}
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <p>{tr(env, 'board.noEvents')}</p>
          )}
        </>
      ) : (
        <p>{tr(env, 'board.noCalendar')}</p>
      )}
    </Layout>
  );
}

/** Text fields (and at most one file) of a multipart form, or the fields of a plain form. */
async function readForm(req: FastifyRequest): Promise<{ fields: Record<string, string>; file?: { filename: string; bytes: Buffer } }> {
  const fields: Record<string, string> = {};
  if (!req.isMultipart()) {
    for (const [k, v] of Object.entries((req.body as Record<string, unknown> | null) ?? {})) if (typeof v === 'string') fields[k] = v;
    return { fields };
  }
  let file: { filename: string; bytes: Buffer } | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 20 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (bytes.length > 0) file = { filename: part.filename, bytes };
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw planErrors.evidenceTooLarge();
    throw e;
  }
  return file ? { fields, file } : { fields };
}

export function registerPlanReportPages(root: FastifyInstance): void {
  const app = typed(root);
  const hide = { hide: true } as const;

  const renderReport = async (
    req: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    taskId: string,
    o: { values?: Record<string, string>; errors?: FieldError[]; status?: number; notice?: string } = {},
  ) => {
    const plan = await getPlan(req.ctx, planId);
    const task = await getTask(req.ctx, planId, taskId);
    if (!task.can.report) throw planErrors.notAssigned();
    const board = await planBoard(req.ctx, planId);
    if (!board.period) throw planErrors.noReportingCalendar();
    const reports = (await listTaskReports(req.ctx, planId, taskId)).data;
    const assigned = [...task.leadAgencies, ...task.coAgencies]
      .filter((a) => a.agencyId)
      .map((a) => ({ id: a.agencyId!, name: a.agencyName ?? a.text }));
    const manager = can(req.ctx.actor, 'plans.manage');
    const agencies = manager ? assigned : [];
    const figures = task.indicators.length
      ? await computeIndicators({ ctx: req.ctx, provinceCode: plan.provinceCode }, rangeOfPeriod(board.period), task.indicators)
      : [];
    return send(
      reply,
      <ReportPage
        env={pageEnv(req)}
        planId={plan.id}
        planCode={plan.code}
        task={task}
        periods={board.periods}
        current={board.period.deadline}
        reports={reports}
        agencies={agencies}
        figures={figures}
        values={o.values ?? {}}
        errors={o.errors ?? []}
        notice={o.notice}
      />,
      o.status,
    );
  };

  app.get(
    '/plans/:id/tasks/:taskId/report',
    {
      schema: {
        ...hide,
        params: taskParams,
        querystring: z.object({ done: z.literal('1').optional().catch(undefined), lang: z.string().max(5).optional() }),
      },
    },
    async (req, reply) => {
      requirePermission(req.ctx, 'plans.report');
      return renderReport(req, reply, req.params.id, req.params.taskId, {
        notice: req.query.done ? pt(req.ctx.locale, 'report.done') : undefined,
      });
    },
  );

  app.post('/plans/:id/tasks/:taskId/report', { schema: { ...hide, params: taskParams, body: looseBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'plans.report');
    const { id, taskId } = req.params;
    let fields: Record<string, string> = {};
    try {
      const form = await readForm(req);
      fields = form.fields;
      const parsed = reportInput.safeParse({
        period: fields.period,
        status: fields.status,
        narrative: fields.narrative ?? '',
        ...(fields.agencyId ? { agencyId: fields.agencyId } : {}),
      });
      if (!parsed.success) throw invalid('request.invalid', pt(req.ctx.locale, 'error.report'));
      const { report } = await submitReport(req.ctx, id, taskId, parsed.data);
      if (form.file) await addEvidence(req.ctx, id, report.id, form.file);
      return reply.redirect(`/plans/${id}/tasks/${taskId}/report?done=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.kind === 'forbidden' || e.kind === 'unauthenticated' || e.kind === 'not_found') throw e;
      return renderReport(req, reply, id, taskId, { values: fields, errors: errorsOf(e), status: httpStatusOf(e.kind) });
    }
  });

  app.get(
    '/plans/:id/board',
    {
      schema: {
        ...hide,
        params: idParams,
        querystring: z.object({
          period: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional()
            .catch(undefined),
          done: z.literal('urged').optional().catch(undefined),
          lang: z.string().max(5).optional(),
        }),
      },
    },
    async (req, reply) => {
      const board = await planBoard(req.ctx, req.params.id, req.query.period);
      return send(
        reply,
        <BoardPage
          env={pageEnv(req)}
          board={board}
          canUrge={can(req.ctx.actor, 'plans.manage')}
          errors={[]}
          notice={req.query.done ? pt(req.ctx.locale, 'board.urgedDone') : undefined}
        />,
      );
    },
  );

  app.post('/plans/:id/urge', { schema: { ...hide, params: idParams, body: looseBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'plans.manage');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = urgeInput.safeParse({ agencyId: body.agencyId, period: body.period, message: body.message });
    try {
      if (!parsed.success) throw invalid('request.invalid', pt(req.ctx.locale, 'error.urge'));
      await urgeAgency(req.ctx, req.params.id, parsed.data);
      return reply.redirect(`/plans/${req.params.id}/board?period=${parsed.data.period}&done=urged`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.kind === 'forbidden' || e.kind === 'unauthenticated' || e.kind === 'not_found') throw e;
      const board = await planBoard(req.ctx, req.params.id);
      return send(reply, <BoardPage env={pageEnv(req)} board={board} canUrge errors={errorsOf(e)} />, httpStatusOf(e.kind));
    }
  });
}
