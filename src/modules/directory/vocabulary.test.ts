import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { defaultCompetenceRows, routeRequest, type CompetenceRow } from '../classify/index.js';
import { competenceTable, findAgencyForRoute } from './competence.js';
import { createAgency, updateAgency } from './service.js';

/** One line per row, for set comparison; `'any'` and null are the same. */
const key = (r: CompetenceRow) =>
  JSON.stringify([r.sector ?? 'any', r.violationType ?? 'any', r.level, r.agencyKind, r.validFrom, r.validUntil, r.legalBasis]);

describe('competence table vocabulary', () => {
  let t: TestEnv;
  before(async () => {
    t = await testEnv();
  });
  after(() => t.close());

  it('equals classify defaultCompetenceRows after the migrations (change both together, in a new migration)', async () => {
    const table = await competenceTable(t.sysCtx());
    const inDb = table.map(key).sort();
    const curated = defaultCompetenceRows.map(key).sort();
    assert.deepEqual(inDb, curated);
    assert.ok(
      table.every((r) => r.sector !== 'any' && r.violationType !== 'any'),
      "competenceTable gives null, not 'any'",
    );
  });

  it('routes on the stored table as on the curated rows', async () => {
    const table = await competenceTable(t.sysCtx());
    const route = (sector: 'food' | 'banking-finance' | 'ecommerce', violations: ('unsafe' | 'fraud-scam' | 'poor-quality')[]) =>
      routeRequest({ sector, violations }, table, '2026-11-26').agency.kind;
    assert.equal(route('food', ['unsafe']), 'so-y-te');
    assert.equal(route('banking-finance', ['poor-quality']), 'ngan-hang-nn');
    assert.equal(route('ecommerce', ['fraud-scam']), 'cong-an');
    const dated = (on: string) => routeRequest({ sector: 'ecommerce', violations: [], negotiationSupport: true }, table, on);
    assert.equal(dated('2026-11-26').situations.includes('negotiation-support'), true);
    assert.match(dated('2026-11-26').legalBasis, /146\/2025/);
    assert.doesNotMatch(dated('2027-03-01').legalBasis, /146\/2025/, 'the decree row ends on 1 March 2027');
  });
});

describe('findAgencyForRoute', () => {
  let t: TestEnv;
  let sct: string;
  let commune: string;
  before(async () => {
    t = await testEnv();
    const ctx = t.sysCtx();
    sct = (
      await createAgency(ctx, { name: 'Sở Công Thương tỉnh Tuyên Quang', kind: 'so-cong-thuong', level: 'province', provinceCode: '08' })
    ).id;
    // A sub-unit of the same kind is not chosen over its parent.
    await createAgency(ctx, {
      name: 'Phòng Quản lý thương mại',
      kind: 'so-cong-thuong',
      level: 'province',
      provinceCode: '08',
      parentId: sct,
    });
    commune = (
      await createAgency(ctx, {
        name: 'Ủy ban nhân dân phường Minh Xuân',
        kind: 'ubnd-xa',
        level: 'commune',
        provinceCode: '08',
        communeCode: '02215',
      })
    ).id;
  });
  after(() => t.close());

  it('finds the province-level agency of a kind, top-level first', async () => {
    const a = await findAgencyForRoute(t.sysCtx(), { provinceCode: '08', kind: 'so-cong-thuong' });
    assert.deepEqual(a, { id: sct, name: 'Sở Công Thương tỉnh Tuyên Quang', kind: 'so-cong-thuong', level: 'province', communeCode: null });
  });

  it("finds a commune's agency only for that commune", async () => {
    const a = await findAgencyForRoute(t.sysCtx(), { provinceCode: '08', kind: 'ubnd-xa', communeCode: '02215' });
    assert.deepEqual(a, { id: commune, name: 'Ủy ban nhân dân phường Minh Xuân', kind: 'ubnd-xa', level: 'commune', communeCode: '02215' });
    assert.equal(await findAgencyForRoute(t.sysCtx(), { provinceCode: '08', kind: 'ubnd-xa', communeCode: '00694' }), undefined);
    assert.equal(
      await findAgencyForRoute(t.sysCtx(), { provinceCode: '08', kind: 'ubnd-xa', communeCode: null }),
      undefined,
      'no commune: no arbitrary commune is picked',
    );
  });

  it('gives undefined for another province, a missing kind, or an inactive agency', async () => {
    assert.equal(await findAgencyForRoute(t.sysCtx(), { provinceCode: '01', kind: 'so-cong-thuong' }), undefined);
    assert.equal(await findAgencyForRoute(t.sysCtx(), { provinceCode: '08', kind: 'so-y-te' }), undefined);
    await updateAgency(t.sysCtx(), commune, { active: false });
    assert.equal(await findAgencyForRoute(t.sysCtx(), { provinceCode: '08', kind: 'ubnd-xa', communeCode: '02215' }), undefined);
  });
});
