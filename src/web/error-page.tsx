import type { FastifyRequest } from 'fastify';
import type { ErrorBody } from '../platform/http.js';
import { Layout, pageEnv } from './layout.js';
import { html } from './render.js';

/** The HTML answer for errors on pages: plain message and the request id to quote. */
export function renderErrorPage(req: FastifyRequest, status: number, body: ErrorBody): string {
  const env = pageEnv(req);
  const message = status === 404 ? env.t('error.notFound') : status === 403 ? env.t('error.forbidden') : body.error.message;
  return html(
    <Layout env={env} title={env.t('error.title')}>
      <p>{message}</p>
      {status === 403 || status === 404 ? null : <p>{body.error.message}</p>}
      <p class="hint">
        {env.t('error.requestId')}: <code>{body.error.requestId}</code>
      </p>
    </Layout>,
  );
}
