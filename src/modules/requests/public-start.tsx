/**
 * The start page of the public request form and the privacy notice, with the consumer's options
 * for settling a dispute (Law 19/2023 Art. 54(1), 57, 61–67, 69–71), shown again on the receipt.
 */
import { Layout, type PageEnv } from '../../web/layout.js';
import { PRIVACY_NOTICE_VERSION } from './public-form.js';
import { pt, type PublicKey } from './public-texts.js';

const tr = (env: PageEnv, key: PublicKey, params?: Record<string, string | number>) => pt(env.locale, key, params);

export function Options({ env }: { env: PageEnv }) {
  return (
    <section aria-labelledby="options-title">
      <h2 id="options-title">{tr(env, 'options.title')}</h2>
      <p>{tr(env, 'options.lead')}</p>
      <ul class="rq-list">
        <li>{tr(env, 'options.negotiation')}</li>
        <li>{tr(env, 'options.mediation')}</li>
        <li>{tr(env, 'options.arbitration')}</li>
        <li>{tr(env, 'options.court')}</li>
      </ul>
      <p>{tr(env, 'options.proof')}</p>
    </section>
  );
}

export function StartPage({ env, province }: { env: PageEnv; province: string }) {
  return (
    <Layout env={env} title={tr(env, 'start.title')}>
      <p class="rq-lead">{tr(env, 'start.lead', { province })}</p>
      <h2>{tr(env, 'start.canSend')}</h2>
      <ul class="rq-list">
        <li>{tr(env, 'start.canSend.request')}</li>
        <li>{tr(env, 'start.canSend.complaint')}</li>
        <li>{tr(env, 'start.canSend.feedback')}</li>
      </ul>
      <h2>{tr(env, 'start.need')}</h2>
      <ul class="rq-list">
        <li>{tr(env, 'start.need.business')}</li>
        <li>{tr(env, 'start.need.transaction')}</li>
        <li>{tr(env, 'start.need.contact')}</li>
        <li>{tr(env, 'start.need.evidence')}</li>
      </ul>
      <p>{tr(env, 'start.time')}</p>
      <p>
        <a href="/gui-yeu-cau/su-viec" class="button rq-start" role="button" draggable={false}>
          {tr(env, 'start.button')}
          <span aria-hidden="true"> →</span>
        </a>
      </p>
      <div class="rq-warning">
        <p>{tr(env, 'start.urgent')}</p>
      </div>
      <h2>{tr(env, 'start.next')}</h2>
      <ol class="rq-list">
        <li>{tr(env, 'start.next.code')}</li>
        <li>{tr(env, 'start.next.route')}</li>
        <li>{tr(env, 'start.next.ack')}</li>
        <li>{tr(env, 'start.next.forward')}</li>
      </ol>
      <Options env={env} />
      <p>
        {tr(env, 'start.tracking', { link: '\u0000' })
          .split('\u0000')
          .flatMap((part, i) => (i === 0 ? [part] : [<a href="/tra-cuu">{tr(env, 'start.tracking.link')}</a>, part]))}
      </p>
      <p>
        <a href="/gui-yeu-cau/quyen-rieng-tu">{tr(env, 'start.privacy')}</a>
      </p>
    </Layout>
  );
}

export function PrivacyText({ env, province }: { env: PageEnv; province: string }) {
  return (
    <div class="rq-privacy">
      <p>{tr(env, 'privacy.controller', { province })}</p>
      <p>{tr(env, 'privacy.data')}</p>
      <p>{tr(env, 'privacy.purpose')}</p>
      <p>{tr(env, 'privacy.basis')}</p>
      <p>{tr(env, 'privacy.sharing')}</p>
      <p>{tr(env, 'privacy.sensitive')}</p>
      <p>{tr(env, 'privacy.rights')}</p>
      <p>{tr(env, 'privacy.retention')}</p>
      <p class="hint">{tr(env, 'privacy.version', { version: PRIVACY_NOTICE_VERSION })}</p>
    </div>
  );
}

export function PrivacyPage({ env, province }: { env: PageEnv; province: string }) {
  return (
    <Layout env={env} title={tr(env, 'privacy.title')}>
      <PrivacyText env={env} province={province} />
      <p>
        <a href="/gui-yeu-cau">{tr(env, 'start.title')}</a>
      </p>
    </Layout>
  );
}
