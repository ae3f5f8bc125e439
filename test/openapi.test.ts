import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from './harness.js';

describe('OpenAPI document', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('is OpenAPI 3.1 and lists every /api/v1 route with its method', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(r.statusCode, 200);
    const doc = r.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.match(doc.openapi, /^3\.1\./);
    const listed = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const routes = t.app.routeList
      .filter((x) => x.url.startsWith('/api/v1/'))
      .map((x) => `${x.method} ${x.url.replace(/:([A-Za-z_]+)/g, '{$1}')}`);
    assert.ok(routes.length > 20);
    assert.deepEqual(
      routes.filter((k) => !listed.has(k)),
      [],
    );
  });

  it('documents the business API with request examples', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            tags?: string[];
            requestBody?: { content: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> };
          }
        >
      >;
    };
    for (const p of ['/api/v1/requests/{id}/business/response', '/api/v1/requests/{id}/business/report']) {
      const op = doc.paths[p]?.post;
      assert.ok(op?.tags?.includes('business'), p);
      const media = op?.requestBody?.content['application/json'];
      const examples = [...Object.values(media?.examples ?? {}), ...(media?.example !== undefined ? [media.example] : [])];
      assert.ok(examples.length > 0, `${p} has examples`);
    }
    assert.ok(doc.paths['/api/v1/business/requests']?.get, 'the business list');
  });
});
