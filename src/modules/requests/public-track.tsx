/**
 * The receipt after sending, the tracking form and the tracking page. They show only what
 * `trackRequest` returns (status, agency, public timeline, clocks, missing items): no personal
 * data. The evidence upload form posts multipart to /tra-cuu/:code/tai-lieu with the secret.
 */
import { CsrfField, ErrorSummary, Layout, type PageEnv } from '../../web/layout.js';
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import type { trackRequest } from './tracking.js';
import { Options } from './public-start.js';
import { basisVi } from './legal-basis.js';
import { pt, type PublicKey } from './public-texts.js';
import { ClosingPanel, NegotiationPanel, type FeedbackState } from './public-negotiation.js';

export type TrackData = Awaited<ReturnType<typeof trackRequest>>;
const CLOSED = new Set(['refused', 'closed']);

const tr = (env: PageEnv, key: PublicKey, params?: Record<string, string | number>) => pt(env.locale, key, params);

function statusClass(status: string): string {
  if (status === 'resolved' || status === 'closed') return 'tag ok';
  if (status === 'refused') return 'tag err';
  if (status === 'awaiting_supplement') return 'tag warn';
  return 'tag';
}

function Clocks({ env, clocks }: { env: PageEnv; clocks: TrackData['clocks'] }) {
  if (clocks.length === 0) return null;
  const state = (c: TrackData['clocks'][number]) =>
    c.state === 'met' ? (
      <span class="tag ok">{tr(env, 'track.clock.met')}</span>
    ) : c.late ? (
      <span class="tag err">{tr(env, 'track.clock.late')}</span>
    ) : c.state === 'paused' ? (
      <span class="tag warn">{tr(env, 'track.clock.paused')}</span>
    ) : c.state === 'stopped' ? (
      <span class="tag">{tr(env, 'track.clock.stopped')}</span>
    ) : null;
  return (
    <section aria-labelledby="clocks-title">
      <h2 id="clocks-title">{tr(env, 'track.clocks')}</h2>
      <ul class="rq-clocks">
        {clocks.map((c) => (
          <li>
            <span class="rq-clock-label">{c.label}</span>{' '}
            <span class="rq-clock-due">
              {tr(env, 'track.clock.due')}: <strong>{formatDate(c.dueDate || c.dueAt)}</strong>
            </span>{' '}
            {state(c)}
            <span class="hint rq-clock-basis">
              {tr(env, 'track.clock.basis')}: {c.internalSla ? tr(env, 'track.clock.internal') : basisVi(c.legalBasis)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface UploadState {
  error?: string;
  done?: boolean;
}

function Upload({
  env,
  code,
  secret,
  back,
  upload,
}: {
  env: PageEnv;
  code: string;
  secret: string;
  back: 'receipt' | 'track';
  upload: UploadState;
}) {
  return (
    <section aria-labelledby="upload-title" class="rq-upload">
      <h2 id="upload-title">{tr(env, 'upload.title')}</h2>
      {upload.done ? (
        <div class="notice" role="status">
          {tr(env, 'upload.done')}
        </div>
      ) : null}
      <ErrorSummary env={env} errors={upload.error ? [{ field: 'file', message: upload.error }] : []} />
      <form method="post" action={`/tra-cuu/${code}/tai-lieu`} enctype="multipart/form-data" novalidate class="rq-form">
        <CsrfField env={env} />
        <input type="hidden" name="secret" value={secret} />
        <input type="hidden" name="back" value={back} />
        <div class={upload.error ? 'rq-group rq-group-error' : 'rq-group'}>
          <label for="file">{tr(env, 'upload.file')}</label>
          <p class="hint" id="file-hint">
            {tr(env, 'upload.lead')}
          </p>
          {upload.error ? (
            <p class="field-error" id="file-error">
              {upload.error}
            </p>
          ) : null}
          <input
            type="file"
            id="file"
            name="file"
            accept=".jpg,.jpeg,.png,.pdf,.docx,image/jpeg,image/png,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-describedby={upload.error ? 'file-hint file-error' : 'file-hint'}
          />
        </div>
        <div class="rq-buttons">
          <button type="submit" class="secondary">
            {tr(env, 'upload.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function Missing({ env, missing }: { env: PageEnv; missing: TrackData['missing'] }) {
  if (missing.length === 0) return null;
  return (
    <div class="rq-warning" role="note">
      <h2 class="rq-h-m">{tr(env, 'track.missing')}</h2>
      <p>{tr(env, 'track.missing.lead')}</p>
      <ul class="rq-list">
        {missing.map((m) => (
          <li>{m.label}</li>
        ))}
      </ul>
    </div>
  );
}

function Evidence({
  env,
  data,
  secret,
  back,
  upload,
}: {
  env: PageEnv;
  data: TrackData;
  secret: string;
  back: 'receipt' | 'track';
  upload: UploadState;
}) {
  if (CLOSED.has(data.status)) return <p>{tr(env, 'upload.closed')}</p>;
  return <Upload env={env} code={data.code} secret={secret} back={back} upload={upload} />;
}

export function ReceiptPage({
  env,
  data,
  secret,
  trackingUrl,
  upload,
}: {
  env: PageEnv;
  data: TrackData;
  secret: string;
  trackingUrl: string;
  upload: UploadState;
}) {
  const trackPath = `/tra-cuu/${data.code}?secret=${encodeURIComponent(secret)}`;
  return (
    <Layout env={env} title={tr(env, 'receipt.title')}>
      <div class="rq-panel">
        <p class="rq-panel-label">{tr(env, 'receipt.code')}</p>
        <p class="rq-panel-code">{data.code}</p>
      </div>
      <h2>{tr(env, 'receipt.link.title')}</h2>
      <p>{tr(env, 'receipt.link.lead')}</p>
      <p class="rq-link-box">
        <a href={trackPath} id="tracking-link">
          {trackingUrl}
        </a>
      </p>
      <p>{tr(env, 'receipt.secret', { secret })}</p>
      <p>{tr(env, 'receipt.sent')}</p>
      <Missing env={env} missing={data.missing} />
      <h2>{tr(env, 'receipt.next.title')}</h2>
      <ol class="rq-list">
        <li>{tr(env, 'receipt.next.agency', { agency: data.agency.name })}</li>
        <li>{tr(env, 'receipt.next.ack')}</li>
        <li>{tr(env, data.kind === 'request' ? 'receipt.next.forward' : 'receipt.next.decide')}</li>
        <li>{tr(env, 'receipt.next.track')}</li>
      </ol>
      <Clocks env={env} clocks={data.clocks} />
      <Evidence env={env} data={data} secret={secret} back="receipt" upload={upload} />
      <Options env={env} />
      <p>
        <a href={trackPath}>{tr(env, 'receipt.track')}</a>
      </p>
    </Layout>
  );
}

export function TrackFormPage({ env, code, errors }: { env: PageEnv; code: string; errors: { field: string; message: string }[] }) {
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  return (
    <Layout env={env} title={tr(env, 'track.title')}>
      <ErrorSummary env={env} errors={errors} />
      <p>{tr(env, 'track.lead')}</p>
      <form method="get" action="/tra-cuu" novalidate class="rq-form">
        {(['code', 'secret'] as const).map((f) => (
          <div class={err(f) ? 'rq-group rq-group-error' : 'rq-group'}>
            <label for={f}>{tr(env, `track.${f}`)}</label>
            <p class="hint" id={`${f}-hint`}>
              {tr(env, `track.${f}.hint`)}
            </p>
            {err(f) ? (
              <p class="field-error" id={`${f}-error`}>
                {err(f)}
              </p>
            ) : null}
            <input
              type="text"
              id={f}
              name={f}
              value={f === 'code' ? code : ''}
              class={f === 'code' ? 'rq-w-10' : 'rq-w-20'}
              autocomplete="off"
              spellcheck={false}
              aria-describedby={err(f) ? `${f}-hint ${f}-error` : `${f}-hint`}
            />
          </div>
        ))}
        <div class="rq-buttons">
          <button type="submit">{tr(env, 'track.submit')}</button>
        </div>
      </form>
      <p>
        <a href="/gui-yeu-cau">{tr(env, 'start.title')}</a>
      </p>
    </Layout>
  );
}

export function TrackPage({
  env,
  data,
  secret,
  upload,
  feedback = {},
  reopenDays = 30,
}: {
  env: PageEnv;
  data: TrackData;
  secret: string;
  upload: UploadState;
  /** The negotiation forms' errors or notice (issue 5). */
  feedback?: FeedbackState;
  reopenDays?: number;
}) {
  return (
    <Layout env={env} title={tr(env, 'track.case.title', { code: data.code })}>
      <ErrorSummary env={env} errors={feedback.errors ?? []} />
      <dl class="summary rq-facts">
        <dt>{tr(env, 'track.status')}</dt>
        <dd>
          <span class={statusClass(data.status)}>{data.statusLabel}</span>
        </dd>
        <dt>{tr(env, 'track.kind')}</dt>
        <dd>{tr(env, `kind.${data.kind}` as PublicKey)}</dd>
        <dt>{tr(env, 'track.agency')}</dt>
        <dd>{data.agency.name}</dd>
        <dt>{tr(env, 'track.received')}</dt>
        <dd>{formatDate(data.receivedAt)}</dd>
      </dl>
      <ClosingPanel env={env} data={data} />
      <Missing env={env} missing={data.missing} />
      <NegotiationPanel env={env} data={data} secret={secret} state={feedback} reopenDays={reopenDays} />
      <Clocks env={env} clocks={data.clocks} />
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{tr(env, 'track.timeline')}</h2>
        <ol class="rq-timeline">
          {data.timeline.map((e) => (
            <li>
              <p class="rq-timeline-when">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </p>
              <p class="rq-timeline-what">{e.label}</p>
              {e.text ? <p class="rq-timeline-text">{e.text}</p> : null}
            </li>
          ))}
        </ol>
      </section>
      <Evidence env={env} data={data} secret={secret} back="track" upload={upload} />
      <p>
        <a href="/tra-cuu">{tr(env, 'track.another')}</a>
      </p>
    </Layout>
  );
}

export function TrackNotFoundPage({ env }: { env: PageEnv }) {
  return (
    <Layout env={env} title={tr(env, 'track.notFound.title')}>
      <p>{tr(env, 'track.notFound')}</p>
      <p>
        <a href="/tra-cuu">{tr(env, 'track.another')}</a>
      </p>
    </Layout>
  );
}
