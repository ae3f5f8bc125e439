/**
 * Bad input on every route answers 4xx with { error: { code, message, requestId } } and never 5xx:
 * malformed JSON, wrong types, oversized bodies, unknown fields, bad path and query values,
 * as an anonymous caller and as an administrator. New routes are covered automatically.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from './harness.js';
import { buildUser, loginCookie } from './factories.js';

const SKIP = [/^\/api\/docs/, /^\/static\//, /^\/api\/openapi\.json$/];

function concreteUrl(url: string, value: string): string {
  return url.replace(/:[A-Za-z_]+/g, value).replace(/\*/g, 'x');
}

describe('bad input on every route', () => {
  let t: TestApp;
  let admin: string;
  before(async () => {
    t = await testApp({ BODY_LIMIT_BYTES: 4096, RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000, RATE_LIMIT_LOGIN_PER_MIN: 1_000_000 });
    const u = await buildUser(t.database.db, { role: 'admin' });
    admin = await loginCookie(t.app, u.username);
  });
  after(() => t.close());

  const bodies: { name: string; payload: string; type: string }[] = [
    { name: 'malformed JSON', payload: '{oops', type: 'application/json' },
    { name: 'a JSON array', payload: '[1,2]', type: 'application/json' },
    { name: 'a JSON string', payload: '"x"', type: 'application/json' },
    {
      name: 'wrong types',
      payload: JSON.stringify({ username: 1, name: [], kind: {}, page: 'x', id: false, description: 5 }),
      type: 'application/json',
    },
    { name: 'unknown fields', payload: JSON.stringify({ totallyUnknownField: 'x', another: { nested: true } }), type: 'application/json' },
    { name: 'an oversized body', payload: JSON.stringify({ description: 'x'.repeat(10_000) }), type: 'application/json' },
    { name: 'an unsupported media type', payload: 'abc', type: 'text/plain' },
    { name: 'an empty JSON body', payload: '', type: 'application/json' },
    {
      name: 'a NUL character',
      payload: JSON.stringify({ description: 'a\u0000b', name: 'x', nested: { v: '\u0000' } }),
      type: 'application/json',
    },
    { name: 'a NUL character in a form', payload: 'name=a%00b&description=x', type: 'application/x-www-form-urlencoded' },
  ];

  it('never answers 5xx, and every 4xx has the stable error shape', async () => {
    const routes = t.app.routeList.filter((r) => !SKIP.some((re) => re.test(r.url)));
    assert.ok(routes.length > 10, 'the route list is collected');
    const problems: string[] = [];
    const check = (what: string, r: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
      if (r.statusCode >= 500) problems.push(`${what} → ${r.statusCode} ${r.body.slice(0, 120)}`);
      else if (r.statusCode >= 400 && String(r.headers['content-type'] ?? '').includes('json')) {
        const j = JSON.parse(r.body) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
        if (typeof j.error?.code !== 'string' || typeof j.error?.message !== 'string' || typeof j.error?.requestId !== 'string')
          problems.push(`${what} → ${r.statusCode} without the error shape: ${r.body.slice(0, 120)}`);
      }
    };
    for (const route of routes) {
      for (const cookie of [undefined, admin]) {
        const who = cookie ? 'admin' : 'anonymous';
        for (const param of ['not-a-valid-id', '00000000-0000-4000-8000-000000000000', '%00', '9'.repeat(40)]) {
          const url = concreteUrl(route.url, param);
          if (route.method === 'GET' || route.method === 'DELETE') {
            for (const q of [
              '',
              '?page=abc&pageSize=-5',
              '?page=1&pageSize=100000',
              '?q=' + 'x'.repeat(5000),
              '?from=2025-02-30&to=x&year=99999',
            ]) {
              const r = await t.app.inject({
                method: route.method,
                url: url + q,
                headers: { ...(cookie ? { cookie } : {}), accept: 'application/json' },
              });
              check(`${who} ${route.method} ${url}${q.slice(0, 40)}`, r);
            }
          } else {
            for (const b of bodies) {
              const r = await t.app.inject({
                method: route.method as 'POST',
                url,
                payload: b.payload,
                headers: { 'content-type': b.type, ...(cookie ? { cookie } : {}), accept: 'application/json' },
              });
              check(`${who} ${route.method} ${url} with ${b.name}`, r);
            }
          }
          if (!route.url.includes(':')) break;
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('refuses a NUL character in any body field with request.invalid_characters and creates nothing', async () => {
    const before = await t.database.db
      .selectFrom('request')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'nul-check-0001' },
      payload: JSON.stringify({ kind: 'complaint', consents: { privacyNoticeVersion: '\u0000\u0001' } }),
    });
    assert.equal(r.statusCode, 400, r.body);
    const e = (r.json() as { error: { code: string; details: { path: string }[] } }).error;
    assert.equal(e.code, 'request.invalid_characters');
    assert.equal(e.details[0]!.path, 'consents.privacyNoticeVersion');
    const after = await t.database.db
      .selectFrom('request')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
  });
});
