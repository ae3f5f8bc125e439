/**
 * Authorization matrix: every route × role × scope. A caller outside `allow` must get 401/403
 * (pages: a redirect to /login or 403); a caller inside must pass the permission check; a
 * caller in `outOfScope` must get 403/404. A route without a row fails the test.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { testApp, type TestApp } from '../harness.js';
import { buildUser, loginCookie } from '../factories.js';
import { callers, type AuthzRow, type Caller, type Fixtures, type RowsFile } from './types.js';

const SKIP = [/^\/api\/docs/, /^\/static\//, /^\/api\/openapi\.json$/];

async function loadRows(): Promise<RowsFile[]> {
  const dir = new URL('./', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.rows.ts'))
    .sort();
  return Promise.all(files.map(async (f) => ((await import(new URL(f, dir).href)) as { file: RowsFile }).file));
}

describe('authorization matrix', () => {
  let t: TestApp;
  let files: RowsFile[];
  let fx: Fixtures;
  const cookies = new Map<Caller, string>();
  const usernames = new Map<Caller, string>();

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000, RATE_LIMIT_LOGIN_PER_MIN: 1_000_000 });
    files = await loadRows();
    const db = t.database.db;
    const userIds = {} as Fixtures['userIds'];
    for (const c of callers) {
      if (c === 'anonymous') continue;
      const role = c === 'commune_officer' ? 'case_officer' : c;
      const u = await buildUser(db, { role, communeCode: c === 'commune_officer' ? '02200' : null });
      userIds[c] = u.id;
      usernames.set(c, u.username);
      cookies.set(c, await loginCookie(t.app, u.username));
    }
    const other = await buildUser(db, { role: 'case_officer', communeCode: '02203' });
    const own = await buildUser(db, { role: 'case_officer', communeCode: '02200' });
    fx = { userIds, ownCommune: '02200', otherCommune: '02203', otherCommuneUserId: other.id, ownCommuneUserId: own.id, extra: {} };
    for (const f of files) await f.setup?.(t, fx);
  });
  after(() => t.close());

  it('has a row for every route', () => {
    const covered = new Set(files.flatMap((f) => f.rows.map((r) => `${r.method} ${r.route}`)));
    const missing = t.app.routeList
      .filter((r) => !SKIP.some((re) => re.test(r.url)))
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !covered.has(k));
    assert.deepEqual(missing, [], 'add rows for these routes in test/authz/<module>.rows.ts');
  });

  it('lets exactly the allowed callers through, and keeps commune officers in their commune', async () => {
    const problems: string[] = [];
    for (const f of files) {
      for (const row of f.rows) {
        for (const caller of callers) {
          const verdict = await probe(row, caller);
          const expected = expectation(row, caller);
          if (verdict !== expected) problems.push(`${row.method} ${row.route} as ${caller}: expected ${expected}, got ${verdict}`);
          if (row.endsSession && caller !== 'anonymous') cookies.set(caller, await loginCookie(t.app, usernames.get(caller)!));
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('shows that a commune officer can read a record of their own commune', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${fx.ownCommuneUserId}`,
      headers: { cookie: cookies.get('commune_officer')! },
    });
    assert.equal(r.statusCode, 200);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${fx.otherCommuneUserId}`,
      headers: { cookie: cookies.get('commune_officer')! },
    });
    assert.equal(other.statusCode, 404);
  });

  function expectation(row: AuthzRow, caller: Caller): 'allowed' | 'denied' | 'out_of_scope' {
    const allowed = row.allow === 'public' || (row.allow === 'signed-in' ? caller !== 'anonymous' : row.allow.includes(caller));
    if (!allowed) return 'denied';
    return row.outOfScope?.includes(caller) ? 'out_of_scope' : 'allowed';
  }

  async function probe(row: AuthzRow, caller: Caller): Promise<'allowed' | 'denied' | 'out_of_scope'> {
    const spec = row.request?.(fx) ?? { url: row.route };
    const cookie = caller === 'anonymous' ? undefined : cookies.get(caller);
    const isPage = !spec.url.startsWith('/api/') && spec.url !== '/health' && spec.url !== '/ready';
    const r = await t.app.inject({
      method: row.method,
      url: spec.url,
      ...(spec.payload !== undefined ? { payload: spec.payload as object } : {}),
      headers: { ...(cookie ? { cookie } : {}), accept: isPage ? 'text/html' : 'application/json', ...(spec.headers ?? {}) },
    });
    if (r.statusCode >= 500) return 'denied';
    const code = r.headers['content-type']?.toString().includes('json')
      ? (JSON.parse(r.body) as { error?: { code?: string } }).error?.code
      : undefined;
    const loginRedirect =
      r.statusCode >= 300 && r.statusCode < 400 && String(r.headers.location ?? '').startsWith('/login') && spec.url !== '/';
    if (r.statusCode === 401 && code !== 'auth.invalid_credentials') return 'denied';
    if (r.statusCode === 403 && code !== 'auth.csrf_failed') return 'denied';
    if (loginRedirect && row.method === 'GET' && !['/login', '/'].includes(row.route)) return 'denied';
    if (r.statusCode === 404 && row.outOfScope?.includes(caller)) return 'out_of_scope';
    return 'allowed';
  }
});
