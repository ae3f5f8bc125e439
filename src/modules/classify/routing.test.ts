import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { competenceRow, defaultCompetenceRows, routeRequest, sectors, type CompetenceRow, type RouteInput } from './index.js';

const DAY = '2026-05-04';
const route = (input: RouteInput, onDate = DAY, table: readonly CompetenceRow[] = defaultCompetenceRows) =>
  routeRequest(input, table, onDate);

describe('competence routing', () => {
  test('fraud and scams go to the police, whatever the sector', () => {
    const r = route({
      sector: 'banking-finance',
      violations: ['fraud-scam', 'data-privacy'],
      description: 'giả danh ngân hàng lấy mã OTP',
    });
    assert.deepEqual(r.agency, { kind: 'cong-an', level: 'province' });
    assert.match(r.reason, /Điều 174/);
    assert.match(r.reason, /không đưa vào thương lượng, hòa giải/);
    assert.ok(r.alternatives.some((a) => a.kind === 'ngan-hang-nn'));
  });

  test('a negotiation-support request goes to the Department of Industry and Trade while Decree 146/2025 is in force', () => {
    const input: RouteInput = { sector: 'food', violations: ['poor-quality', 'complaint-refusal'], negotiationSupport: true };
    const r = route(input);
    assert.equal(r.agency.kind, 'so-cong-thuong');
    assert.match(r.legalBasis, /146\/2025.*Điều 46\(1\)/);
    assert.ok(r.situations.includes('negotiation-support'));

    const after = route(input, '2027-03-01');
    assert.equal(after.agency.kind, 'so-y-te', 'the dated row has lapsed: the sector decides');
    assert.match(after.explanation, /Hết hiệu lực nên không áp dụng: Sở Công Thương — Nghị định 146\/2025.*hết hiệu lực từ 01\/03\/2027/);
    assert.equal(route(input, '2027-02-28').agency.kind, 'so-cong-thuong', 'last day in force');
  });

  test('a small dispute at a place in the province goes to that commune; the threshold is configurable', () => {
    const input: RouteInput = {
      sector: 'consumer-goods',
      violations: ['poor-quality', 'complaint-refusal'],
      transaction: { amountVnd: 800_000, place: { communeCode: '00070' } },
      kind: 'complaint',
    };
    const r = route(input);
    assert.deepEqual(r.agency, { kind: 'ubnd-xa', level: 'commune', communeCode: '00070' });
    assert.match(r.reason, /139\/2025/);

    const big = { ...input, transaction: { amountVnd: 6_000_000, place: { communeCode: '00070' } } };
    assert.equal(route(big).agency.kind, 'so-cong-thuong');
    assert.equal(routeRequest(big, defaultCompetenceRows, DAY, { smallClaimMaxVnd: 10_000_000n }).agency.kind, 'ubnd-xa');
    assert.equal(
      route({ ...input, transaction: { amountVnd: '800000', place: { communeCode: '00070', online: true } } }).agency.kind,
      'so-cong-thuong',
    );
    assert.equal(route({ ...input, kind: 'feedback' }).agency.kind, 'so-cong-thuong', 'feedback is not a dispute');
    assert.equal(route({ ...input, sector: 'banking-finance' }).agency.kind, 'ngan-hang-nn', 'banks are not local matters');
  });

  test('local markets and unregistered traders go to the commune, read from the description', () => {
    const market = route({
      sector: 'food',
      violations: ['poor-quality'],
      description: 'Mua giò lụa ở chợ Xóm Chiếu bị ôi',
      transaction: { place: { communeCode: '26734' } },
    });
    assert.equal(market.agency.kind, 'ubnd-xa');
    assert.match(market.explanation, /«ở chợ»/);
    const vendor = route({ sector: 'food', violations: ['poor-quality'], description: 'xôi mua của gánh hàng rong ven đường bị thiu' });
    assert.equal(vendor.agency.kind, 'ubnd-xa');
    assert.match(vendor.explanation, /Cần xác định xã, phường nơi giao dịch/);
    const registered = route({
      sector: 'food',
      violations: ['poor-quality'],
      description: 'bánh mua ở xe đẩy ven đường',
      business: { taxCode: '0101234567' },
    });
    assert.equal(registered.agency.kind, 'so-y-te');
  });

  test('specialised violations go to the specialised force', () => {
    assert.equal(route({ sector: 'fuel-energy', violations: ['measurement-fraud'] }).agency.kind, 'so-khcn');
    assert.equal(route({ sector: 'consumer-goods', violations: ['counterfeit'] }).agency.kind, 'qltt');
    const border = route({ sector: 'food', violations: ['smuggled-origin'], description: 'bánh kẹo nhập lậu qua cửa khẩu' });
    assert.equal(border.agency.kind, 'hai-quan');
    assert.equal(border.alternatives[0]?.kind, 'qltt');
    assert.equal(route({ sector: 'food', violations: ['unsafe', 'counterfeit'] }).agency.kind, 'so-y-te', 'a food-safety incident first');
    assert.equal(route({ sector: 'vehicles', violations: ['unsafe'] }).agency.kind, 'so-xay-dung');
  });

  test('each sector goes to its agency (LAW.md §10.3)', () => {
    const expected: Record<string, string> = {
      food: 'so-y-te',
      'health-products': 'so-y-te',
      'health-services': 'so-y-te',
      agriculture: 'so-nnmt',
      'tourism-hospitality': 'so-vhttdl',
      'real-estate': 'so-xay-dung',
      transport: 'so-xay-dung',
      education: 'so-gddt',
      'banking-finance': 'ngan-hang-nn',
      insurance: 'so-tai-chinh',
      'telecom-internet': 'so-khcn',
      ecommerce: 'so-cong-thuong',
      'consumer-goods': 'so-cong-thuong',
    };
    for (const [sector, kind] of Object.entries(expected)) {
      assert.equal(route({ sector: sector as RouteInput['sector'], violations: ['poor-quality'] }).agency.kind, kind, sector);
    }
  });

  test('personal data follows the dated rows: Decree 13/2023, then Law 91/2025', () => {
    assert.match(route({ sector: 'telecom-internet', violations: ['data-privacy'] }, '2025-09-01').legalBasis, /13\/2023/);
    assert.match(route({ sector: 'telecom-internet', violations: ['data-privacy'] }, '2025-12-31').legalBasis, /13\/2023/);
    assert.match(route({ sector: 'telecom-internet', violations: ['data-privacy'] }, '2026-01-01').legalBasis, /91\/2025/);
  });

  test('with no row in force, the focal agency receives the request and the reason says so; "any" is a wildcard', () => {
    const only: CompetenceRow[] = [
      {
        sector: 'food',
        violationType: 'any',
        level: 'province',
        agencyKind: 'so-y-te',
        validFrom: '2024-07-01',
        validUntil: '2026-01-01',
        legalBasis: 'x',
      },
    ];
    const r = route({ sector: 'food', violations: ['unsafe'] }, '2026-01-01', only);
    assert.equal(r.fallback, true);
    assert.deepEqual(r.agency, { kind: 'so-cong-thuong', level: 'province' });
    assert.match(r.reason, /không có quy tắc thẩm quyền nào áp dụng ngày 01\/01\/2026/);
    assert.equal(
      route({ sector: 'food', violations: ['unsafe'] }, '2025-12-31', only).agency.kind,
      'so-y-te',
      'validUntil is exclusive: the day before is still in force',
    );
    assert.equal(route({ sector: 'food', violations: ['unsafe'] }, '2024-06-30', only).fallback, true, 'not yet in force');
    assert.equal(route({ sector: 'food', violations: [] }, DAY, []).fallback, true);
  });

  test('rows naming an unknown agency are skipped and reported', () => {
    const table: CompetenceRow[] = [
      ...defaultCompetenceRows,
      {
        sector: 'food',
        violationType: 'unsafe',
        level: 'province',
        agencyKind: 'so-bi-an',
        validFrom: '2024-01-01',
        validUntil: null,
        legalBasis: 'x',
      },
    ];
    const r = route({ sector: 'food', violations: ['unsafe'] }, DAY, table);
    assert.equal(r.agency.kind, 'so-y-te');
    assert.match(r.explanation, /so-bi-an/);
  });

  test('alternatives are ranked, distinct and never the chosen agency', () => {
    const r = route({
      sector: 'food',
      violations: ['counterfeit', 'smuggled-origin', 'unsafe', 'misleading-info'],
      negotiationSupport: true,
    });
    const kinds = r.alternatives.map((a) => a.kind);
    assert.ok(!kinds.includes(r.agency.kind));
    assert.equal(new Set(kinds).size, kinds.length);
    for (let i = 1; i < r.alternatives.length; i++) assert.ok(r.alternatives[i - 1]!.score >= r.alternatives[i]!.score);
    assert.ok(r.alternatives.every((a) => a.reason.includes('Căn cứ:')));
  });

  test('the curated rows are valid table rows covering every sector', () => {
    for (const row of defaultCompetenceRows) assert.ok(competenceRow.safeParse(row).success, JSON.stringify(row));
    for (const s of sectors)
      assert.ok(
        defaultCompetenceRows.some((r) => r.sector === s && r.violationType === null),
        s,
      );
    for (const s of sectors) assert.equal(route({ sector: s, violations: [] }).fallback, false, s);
  });
});
