/**
 * Property-based tests (fast-check): random and hostile bodies sent to the public intake and
 * preview endpoints never cause a 5xx, and no case is created from a body the schema refuses.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { complaint } from '../../../test/request-fixtures.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { requestInput } from './schema.js';

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    "'; drop table request; --",
    '<script>alert(1)</script>',
    '\u0000\u0001\u0002',
    'Nguyễn\u0301\u0303 Văn A',
    '𝕳𝖆𝖓𝖌 𝖌𝖎𝖆',
    '../../etc/passwd',
    '{"$where": "1"}',
    'x'.repeat(20_000),
    '   ',
    'YC-2026-000001',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

/** Paths of the valid body that a mutation may replace. */
const paths = [
  ['kind'],
  ['channel'],
  ['consumer'],
  ['consumer', 'fullName'],
  ['consumer', 'phone'],
  ['consumer', 'email'],
  ['consumer', 'birthYear'],
  ['consumer', 'vulnerable'],
  ['business'],
  ['business', 'name'],
  ['business', 'taxCode'],
  ['transaction'],
  ['transaction', 'date'],
  ['transaction', 'amountVnd'],
  ['transaction', 'place'],
  ['transaction', 'place', 'communeCode'],
  ['description'],
  ['priorContact'],
  ['consents'],
  ['consents', 'privacyNoticeVersion'],
  ['website2'],
  ['unexpected'],
];

function mutate(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let node: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
  return copy;
}

describe('intake and preview under random and hostile input', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000 });
  });
  after(() => t.close());

  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('request')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('POST /api/v1/requests: never 5xx; a refused body creates nothing; an accepted one creates exactly one case', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 1, arbitrary: fc.anything().map((v) => ({ raw: v })) },
          {
            weight: 4,
            arbitrary: fc
              .tuple(fc.constantFrom(...paths), hostile)
              .map(([p, v]) => ({ body: mutate(complaint() as Record<string, unknown>, p, v) })),
          },
        ),
        async (c) => {
          const body = 'raw' in c ? c.raw : c.body;
          const before = await count();
          const r = await t.app.inject({
            method: 'POST',
            url: '/api/v1/requests',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            payload: JSON.stringify(body) ?? 'null',
          });
          assert.ok(r.statusCode < 500, `${r.statusCode} ${r.body.slice(0, 200)}`);
          const after = await count();
          if (r.statusCode === 201) {
            assert.ok(requestInput.safeParse(body).success, 'accepted only what the schema accepts');
            assert.equal(after, before + 1);
          } else {
            assert.ok(r.statusCode >= 400, String(r.statusCode));
            assert.equal(typeof (r.json() as { error: { code: string } }).error.code, 'string');
            assert.equal(after, before, 'no case from a refused body');
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  test('POST /api/v1/requests/preview-routing: never 5xx, and an answer always names an agency', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          hostile.map((d) => ({ description: d })),
          fc.record({ description: fc.string({ minLength: 5, maxLength: 400 }), transaction: fc.record({ amountVnd: fc.integer() }) }),
        ),
        async (body) => {
          const r = await t.app.inject({
            method: 'POST',
            url: '/api/v1/requests/preview-routing',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            payload: JSON.stringify(body) ?? 'null',
          });
          assert.ok(r.statusCode < 500, `${r.statusCode} ${r.body.slice(0, 200)}`);
          if (r.statusCode === 200) assert.equal(typeof (r.json() as { agency: { kind: string } }).agency.kind, 'string');
          else assert.equal(r.statusCode, 400);
        },
      ),
      { numRuns: 120 },
    );
  });
});
