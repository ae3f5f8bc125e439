import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { buildUser } from '../../../test/factories.js';
import { sectors, violationTypes } from '../classify/index.js';
import { listInbox } from './inbox.js';
import { nextCodeNumber } from './repo.js';
import { channels, inboxQuery, requestKinds, requestStatuses, vulnerableCodes } from './schema.js';
import { ensureAgencies, prng, seedSynthetic } from './synthetic.js';

const N = 300;
const DAY = 86_400_000;

describe('synthetic cases (seed:synthetic)', () => {
  let t: TestEnv;
  let codes: Awaited<ReturnType<typeof seedSynthetic>>['codes'];

  before(async () => {
    t = await testEnv();
    assert.ok((await ensureAgencies(t.sysCtx())) > 0, 'demo agencies created on an empty directory');
    assert.equal(await ensureAgencies(t.sysCtx()), 0, 'and only once');
    const r = await seedSynthetic(t.sysCtx(), { requests: N, seed: 42, batchSize: 128 });
    assert.equal(r.inserted, N);
    codes = r.codes;
  });
  after(async () => {
    await t.close();
  });

  test('N cases with valid codes and fields, one received event each', async () => {
    const db = t.database.db;
    const rows = await db.selectFrom('request').selectAll().execute();
    assert.equal(rows.length, N);
    const now = t.deps.now().getTime();
    const seen = new Set<string>();
    for (const r of rows) {
      assert.match(r.code, /^YC-\d{4}-\d{6}$/);
      assert.ok(!seen.has(r.code), `duplicate code ${r.code}`);
      seen.add(r.code);
      assert.equal(r.province_code, '08');
      assert.ok((requestKinds as readonly string[]).includes(r.kind), r.kind);
      assert.ok((channels as readonly string[]).includes(r.channel), r.channel);
      assert.ok((requestStatuses as readonly string[]).includes(r.status), r.status);
      assert.ok((sectors as readonly string[]).includes(r.sector!), r.sector ?? 'null');
      assert.ok(r.violations.length > 0 && r.violations.every((v) => (violationTypes as readonly string[]).includes(v)));
      assert.ok(r.vulnerable.every((v) => (vulnerableCodes as readonly string[]).includes(v)));
      const age = now - r.received_at.getTime();
      assert.ok(age > 0 && age <= 731 * DAY, `received ${r.received_at.toISOString()}`);
      assert.equal(r.code.slice(3, 7), String(new Date(r.received_at.getTime() + 7 * 3600_000).getUTCFullYear()));
      assert.ok(r.consumer_name.length >= 2 && r.business_name.length >= 2);
      assert.ok(r.description.length >= 20);
      assert.equal(r.description, r.description.normalize('NFC'));
      if (r.amount_vnd !== null) assert.ok(Number.isInteger(Number(r.amount_vnd)) && Number(r.amount_vnd) > 0);
      assert.match(r.tracking_secret_hash, /^[0-9a-f]{64}$/);
      assert.ok(r.agency_id !== null, 'routed to an agency of the directory');
      if (r.place_commune_code !== null) assert.match(r.place_commune_code, /^\d{5}$/);
      if (['resolved', 'refused', 'closed'].includes(r.status)) assert.equal(r.next_due_at, null);
      else assert.ok(r.next_due_at !== null);
    }
    // Spread: several statuses, channels, sectors and communes; both recent and old cases.
    assert.ok(new Set(rows.map((r) => r.status)).size >= 5);
    assert.ok(new Set(rows.map((r) => r.channel)).size >= 5);
    assert.ok(new Set(rows.map((r) => r.sector)).size >= 15);
    assert.ok(new Set(rows.map((r) => r.place_commune_code)).size >= 50);
    assert.ok(rows.some((r) => now - r.received_at.getTime() < 30 * DAY));
    assert.ok(rows.some((r) => now - r.received_at.getTime() > 600 * DAY));
    const vulnerable = rows.filter((r) => r.vulnerable.length > 0).length;
    assert.ok(vulnerable > 0 && vulnerable < N / 3, `vulnerable ${vulnerable}`);

    const events = await db.selectFrom('request_event').select(['request_id', 'type', 'at']).execute();
    assert.equal(events.length, N);
    assert.ok(events.every((e) => e.type === 'received'));
    assert.equal(new Set(events.map((e) => e.request_id)).size, N);
  });

  test('the code counter continues after the synthetic codes', async () => {
    const db = t.database.db;
    for (const [year, c] of Object.entries(codes)) {
      const max = await db
        .selectFrom('request')
        .select((eb) => eb.fn.max('code').as('code'))
        .where('code', 'like', `YC-${year}-%`)
        .executeTakeFirstOrThrow();
      assert.equal(Number(String(max.code).slice(-6)), c.last);
      const counter = await db
        .selectFrom('request_code_counter')
        .select('last')
        .where('province_code', '=', '08')
        .where('year', '=', Number(year))
        .executeTakeFirstOrThrow();
      assert.equal(counter.last, c.last);
    }
    const year = Math.max(...Object.keys(codes).map(Number));
    assert.equal(await nextCodeNumber(db, '08', year), codes[String(year)]!.last + 1);
  });

  test('the inbox lists them, filters and searches without accents', async () => {
    const admin = await buildUser(t.database.db, { role: 'admin' });
    const ctx = t.ctxAs(admin.actor);
    const all = await listInbox(ctx, inboxQuery.parse({ includeClosed: 'true', pageSize: '200' }));
    assert.equal(all.page.total, N);
    assert.equal(all.page.totalExact, true);
    assert.equal(all.data.length, 200);
    const capped = await listInbox(ctx, inboxQuery.parse({ includeClosed: 'true', pageSize: '20' }), { countCap: 100 });
    assert.deepEqual([capped.page.total, capped.page.totalExact, capped.data.length], [100, false, 20]);
    const atCap = await listInbox(ctx, inboxQuery.parse({ includeClosed: 'true', pageSize: '20' }), { countCap: N });
    assert.deepEqual([atCap.page.total, atCap.page.totalExact], [N, true], 'exactly the cap is still exact');
    const open = await listInbox(ctx, inboxQuery.parse({}));
    assert.ok(open.page.total > 0 && open.page.total < N);
    assert.ok(open.data.every((r) => !['resolved', 'refused', 'closed'].includes(r.status)));

    const sample = await t.database.db
      .selectFrom('request')
      .select(['code', 'product_or_service', 'sector'])
      .where('product_or_service', 'is not', null)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const word = sample
      .product_or_service!.normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .replace(/đ/g, 'd');
    const found = await listInbox(ctx, inboxQuery.parse({ q: word, includeClosed: 'true', pageSize: '200' }));
    assert.ok(found.page.total >= 1 && found.page.total < N, `"${word}" found ${found.page.total}`);
    const bySector = await listInbox(ctx, inboxQuery.parse({ sector: sample.sector, includeClosed: 'true', pageSize: '200' }));
    assert.ok(bySector.page.total >= 1 && bySector.data.every((r) => r.sector === sample.sector));
    const byCode = await listInbox(ctx, inboxQuery.parse({ q: sample.code.toLowerCase(), includeClosed: 'true' }));
    assert.deepEqual(
      byCode.data.map((r) => r.code),
      [sample.code],
    );

    // A case officer sees the cases routed to their agency only.
    const agency = await t.database.db
      .selectFrom('request')
      .select('agency_id')
      .where('agency_kind', '=', 'so-cong-thuong')
      .executeTakeFirstOrThrow();
    const officer = await buildUser(t.database.db, { role: 'case_officer', agencyId: agency.agency_id });
    const mine = await listInbox(t.ctxAs(officer.actor), inboxQuery.parse({ includeClosed: 'true', pageSize: '200' }));
    assert.ok(mine.page.total > 0 && mine.page.total < N);
  });

  test('deterministic: the same seed gives the same cases', async () => {
    const db = t.database.db;
    const casesOf = async (c: Awaited<ReturnType<typeof seedSynthetic>>['codes']) => {
      const out: { description: string; at: string; status: string }[] = [];
      for (const [year, { first, last }] of Object.entries(c)) {
        const rows = await db
          .selectFrom('request')
          .select(['description', 'received_at', 'status'])
          .where('code', '>=', `YC-${year}-${String(first).padStart(6, '0')}`)
          .where('code', '<=', `YC-${year}-${String(last).padStart(6, '0')}`)
          .orderBy('received_at')
          .execute();
        out.push(...rows.map((r) => ({ description: r.description, at: r.received_at.toISOString(), status: r.status })));
      }
      return out;
    };
    const a = await casesOf((await seedSynthetic(t.sysCtx(), { requests: 20, seed: 42, batchSize: 7 })).codes);
    const b = await casesOf((await seedSynthetic(t.sysCtx(), { requests: 20, seed: 42 })).codes);
    const c = await casesOf((await seedSynthetic(t.sysCtx(), { requests: 20, seed: 43 })).codes);
    assert.equal(a.length, 20);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    const r1 = prng(7);
    const r2 = prng(7);
    assert.deepEqual(
      Array.from({ length: 5 }, () => r1()),
      Array.from({ length: 5 }, () => r2()),
    );
  });
});
