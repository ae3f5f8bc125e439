import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { seedDemoDirectory } from '../directory/index.js';
import { complaint } from '../../../test/request-fixtures.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { path?: string }[] };
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

function multipart(file: Buffer, filename: string, type = 'application/octet-stream') {
  const boundary = '----bvntdtest';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('requests API', () => {
  let t: TestApp;
  let dataDir: string;
  const agencies: Record<string, string> = {};
  let sct: string; // case officer of the Department of Industry and Trade (focal agency)
  let health: string; // case officer of the Department of Health
  let commune: string; // case officer of the People's Committee of ward 02215
  let manager: string;
  let hotline: string;
  let viewer: string;
  let business: string;
  let sctOfficerId: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bvntd-req-'));
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000, DATA_DIR: dataDir });
    await seedDemoDirectory(t.sysCtx(), '08');
    for (const a of await t.database.db.selectFrom('agency').select(['id', 'kind', 'commune_code']).execute())
      agencies[a.commune_code ? `${a.kind}:${a.commune_code}` : a.kind] = a.id;
    const db = t.database.db;
    const o = await buildUser(db, { role: 'case_officer', agencyId: agencies['so-cong-thuong'] });
    sctOfficerId = o.id;
    sct = await loginCookie(t.app, o.username);
    health = await loginCookie(t.app, (await buildUser(db, { role: 'case_officer', agencyId: agencies['so-y-te'] })).username);
    commune = await loginCookie(
      t.app,
      (await buildUser(db, { role: 'case_officer', agencyId: agencies['ubnd-xa:02215'], communeCode: '02215' })).username,
    );
    manager = await loginCookie(t.app, (await buildUser(db, { role: 'agency_manager', agencyId: agencies['so-cong-thuong'] })).username);
    hotline = await loginCookie(t.app, (await buildUser(db, { role: 'hotline_operator', agencyId: agencies['so-cong-thuong'] })).username);
    viewer = await loginCookie(t.app, (await buildUser(db, { role: 'viewer' })).username);
    business = await loginCookie(t.app, (await buildUser(db, { role: 'business' })).username);
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (url: string, payload: unknown, cookie?: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: { accept: 'application/json', ...(cookie ? { cookie } : {}), ...headers },
    });
  const get = (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) } });
  const code = (r: { body: string }) => (JSON.parse(r.body) as ErrorBody).error.code;
  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('request')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  interface Receipt {
    id: string;
    code: string;
    trackingSecret: string;
    status: string;
    routing: { agency: { kind: string; id: string | null; name: string }; reason: string; legalBasis: string };
    classification: { sector: string; violations: string[]; confidence: number; explanation: string };
    clocks: { rule: string; dueDate: string }[];
    missing: { code: string }[];
    vulnerable: string[];
    vulnerableSuggested: string[];
    enforcementFlag: boolean;
  }
  const officers = new Map<string, string>();
  /** A case officer of the agency the case was routed to. */
  const officerOf = async (r: { routing: { agency: { id: string | null } } }): Promise<string> => {
    const id = r.routing.agency.id;
    assert.ok(id, 'routed to a directory agency');
    let c = officers.get(id);
    if (!c) {
      const a = await t.database.db.selectFrom('agency').select(['commune_code']).where('id', '=', id).executeTakeFirstOrThrow();
      c = await loginCookie(
        t.app,
        (await buildUser(t.database.db, { role: 'case_officer', agencyId: id, communeCode: a.commune_code })).username,
      );
      officers.set(id, c);
    }
    return c;
  };
  const file = async (over: Record<string, unknown> = {}, cookie?: string): Promise<Receipt> => {
    const r = await post('/api/v1/requests', complaint(over), cookie);
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as Receipt;
  };

  test('a public complaint is received, classified, routed with a legal basis, and clocks start', async () => {
    const r = await file();
    assert.match(r.code, /^YC-2026-\d{6}$/);
    assert.ok(r.trackingSecret.length >= 20);
    assert.equal(r.status, 'received');
    assert.ok(r.classification.violations.includes('counterfeit'), JSON.stringify(r.classification));
    assert.ok(r.classification.explanation.length > 0);
    assert.ok(r.routing.agency.id, 'the directory agency is resolved');
    assert.match(r.routing.reason, /Căn cứ/);
    assert.ok(r.clocks.some((c) => c.rule === 'request.acknowledge'));
    assert.deepEqual(r.missing, []);
    assert.equal(r.enforcementFlag, true, 'counterfeit cannot be negotiated (Art. 54(2))');
    const row = await t.database.db.selectFrom('request').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    assert.equal(row.consumer_name, 'Nguyễn Thị Lan');
    assert.ok(row.next_due_at !== null);
    assert.notEqual(row.tracking_secret_hash, r.trackingSecret);
    // Receipt to the consumer (mail and SMS) and no personal data in the audit summary.
    const jobs = await t.database.db.selectFrom('job').select(['kind', 'payload']).execute();
    assert.ok(jobs.some((j) => j.kind === 'mail.send' && JSON.stringify(j.payload).includes(r.code)));
    assert.ok(jobs.some((j) => j.kind === 'sms.send'));
    const audit = await t.database.db.selectFrom('audit_event').select('summary').where('entity_id', '=', r.id).execute();
    assert.ok(audit.length > 0);
    assert.ok(!JSON.stringify(audit).includes('0912345678') && !JSON.stringify(audit).includes('Nguyễn Thị Lan'));
  });

  test('codes are sequential per province and year', async () => {
    const a = await file();
    const b = await file({ description: 'Cửa hàng bán điện thoại cũ nhưng nói là hàng mới, máy bị lỗi màn hình sau hai ngày sử dụng.' });
    assert.equal(Number(b.code.slice(-6)), Number(a.code.slice(-6)) + 1);
  });

  test('missing information is listed and a supplement clock starts (Art. 58, 11(4))', async () => {
    const r = await file({
      business: { name: 'Người bán trên chợ mạng' },
      transaction: undefined,
      consumer: { fullName: 'Trần Văn Bình', phone: '0987654321' },
    });
    assert.equal(r.status, 'awaiting_supplement');
    const missing = r.missing.map((m) => m.code);
    assert.ok(missing.includes('business_identification'));
    assert.ok(missing.includes('transaction_evidence'));
    assert.ok(missing.includes('requester_status'));
    assert.ok(r.clocks.some((c) => c.rule === 'consumer.supplement'));
  });

  test('the consumer supplies the missing items with the tracking secret; the case returns to received', async () => {
    const r = await file({ business: { name: 'Người bán trên chợ mạng' }, transaction: undefined });
    assert.equal(r.status, 'awaiting_supplement');
    const url = (secret: string) => `/api/v1/requests/track/${r.code}/supplement?secret=${encodeURIComponent(secret)}`;
    const wrong = await post(url('sai-ma-bi-mat-000000'), { note: 'Bổ sung' });
    assert.equal(wrong.statusCode, 404);
    assert.equal((await post(url(r.trackingSecret), {})).statusCode, 400);
    const part = await post(url(r.trackingSecret), { business: { address: 'Số 3 đường Bình Thuận' } });
    assert.equal(part.statusCode, 200, part.body);
    assert.deepEqual(
      (part.json() as { missing: { code: string }[] }).missing.map((m) => m.code),
      ['transaction_evidence'],
    );
    const done = await post(url(r.trackingSecret), {
      transaction: { date: '2026-11-15', productOrService: 'tai nghe', amountVnd: 300000 },
    });
    assert.equal(done.statusCode, 200, done.body);
    const v = done.json() as { status: string; missing: unknown[] };
    assert.equal(v.status, 'received');
    assert.deepEqual(v.missing, []);
    const clock = await t.database.db
      .selectFrom('clock')
      .select('state')
      .where('entity_id', '=', r.id)
      .where('rule', '=', 'consumer.supplement')
      .executeTakeFirstOrThrow();
    assert.equal(clock.state, 'met');
  });

  test('vulnerable categories are suggested from the age (Art. 8(1))', async () => {
    const old = await file({ consumer: { fullName: 'Lê Văn Cụ', phone: '0911111111', birthYear: 1950 } });
    assert.ok(old.vulnerable.includes('elderly'));
    assert.deepEqual(old.vulnerableSuggested, ['elderly']);
    const child = await file({ consumer: { fullName: 'Phạm Minh An', phone: '0911111112', birthDate: '2013-05-01' } });
    assert.ok(child.vulnerable.includes('child'));
  });

  test('an Idempotency-Key retry returns the same case; another body under the key is 409', async () => {
    const before = await count();
    const h = { 'idempotency-key': 'key-retry-0001' };
    const a = await post('/api/v1/requests', complaint(), undefined, h);
    const b = await post('/api/v1/requests', complaint(), undefined, h);
    assert.equal(a.statusCode, 201);
    assert.equal(b.statusCode, 200);
    assert.equal((a.json() as Receipt).id, (b.json() as Receipt).id);
    assert.equal(await count(), before + 1);
    const c = await post('/api/v1/requests', complaint({ desiredOutcome: 'Đổi sản phẩm khác' }), undefined, h);
    assert.equal(c.statusCode, 409);
    assert.equal(code(c), 'request.idempotency_key_reused');
    const parallel = await Promise.all(
      [1, 2, 3, 4].map(() => post('/api/v1/requests', complaint(), undefined, { 'idempotency-key': 'key-parallel-0001' })),
    );
    assert.equal(new Set(parallel.map((p) => (p.json() as Receipt).id)).size, 1);
    assert.equal(await count(), before + 2);
  });

  test('bad bodies get 400 with a stable code and create nothing', async () => {
    const before = await count();
    for (const body of [
      {},
      complaint({ kind: 'praise' }),
      complaint({ description: 'ngắn' }),
      complaint({ consumer: { fullName: 'A' } }),
      complaint({ consumer: { fullName: 'Nguyễn An', phone: '123' } }),
      complaint({ transaction: { amountVnd: 1.5 } }),
      complaint({ consents: {} }),
      complaint({ website2: 'http://spam.example' }),
      complaint({ extra: true }),
    ]) {
      const r = await post('/api/v1/requests', body);
      assert.equal(r.statusCode, 400, JSON.stringify(body));
      assert.equal(code(r), 'request.invalid');
    }
    const unknownCommune = await post(
      '/api/v1/requests',
      complaint({ transaction: { date: '2026-11-10', place: { communeCode: '99999' } } }),
    );
    assert.equal(unknownCommune.statusCode, 400);
    assert.equal(code(unknownCommune), 'request.unknown_commune');
    assert.equal(await count(), before);
  });

  test('staff channels need the intake permission; business accounts cannot file', async () => {
    const anon = await post('/api/v1/requests', complaint({ channel: 'hotline' }));
    assert.equal(anon.statusCode, 403);
    assert.equal(code(anon), 'request.channel_forbidden');
    const byViewer = await post('/api/v1/requests', complaint({ channel: 'hotline' }), viewer);
    assert.equal(byViewer.statusCode, 403);
    const byOperator = await post('/api/v1/requests', complaint({ channel: 'hotline' }), hotline);
    assert.equal(byOperator.statusCode, 201);
    const byBusiness = await post('/api/v1/requests', complaint(), business);
    assert.equal(byBusiness.statusCode, 403);
  });

  test('fraud goes to the police; a small local market dispute goes to the commune', async () => {
    const fraud = await file({
      description: 'Tôi bị lừa đảo chuyển khoản 5 triệu đồng cho một trang bán hàng giả mạo, sau đó họ chặn liên lạc và chiếm đoạt tiền.',
      business: { name: 'Trang Facebook Săn Sale', website: 'https://fb.example.com/sansale' },
    });
    assert.equal(fraud.routing.agency.kind, 'cong-an');
    const preview = await post('/api/v1/requests/preview-routing', {
      description: 'Mua rau ở chợ Minh Xuân bị cân thiếu, người bán hàng rong không có đăng ký kinh doanh, số tiền nhỏ.',
      transaction: { amountVnd: 50000, place: { communeCode: '02215' } },
    });
    assert.equal(preview.statusCode, 200, preview.body);
    const p = preview.json() as { agency: { kind: string; id: string | null }; explanation: string; alternatives: unknown[] };
    assert.equal(p.agency.kind, 'ubnd-xa', p.explanation);
    assert.equal(p.agency.id, agencies['ubnd-xa:02215']);
    const bad = await post('/api/v1/requests/preview-routing', { description: 1 });
    assert.equal(bad.statusCode, 400);
  });

  test('tracking shows status, agency, timeline and clocks without personal data; a wrong secret is 404', async () => {
    const r = await file();
    const ok = await get(`/api/v1/requests/track/${r.code}?secret=${encodeURIComponent(r.trackingSecret)}`);
    assert.equal(ok.statusCode, 200);
    const body = ok.body;
    assert.ok(!body.includes('Nguyễn Thị Lan') && !body.includes('0912345678') && !body.includes('lan@example.test'));
    const v = ok.json() as { status: string; agency: { name: string }; timeline: { type: string }[]; clocks: { dueDate: string }[] };
    assert.equal(v.status, 'received');
    assert.ok(v.agency.name.length > 0);
    assert.ok(v.timeline.some((e) => e.type === 'received'));
    assert.ok(v.clocks.length > 0);
    const wrong = await get(`/api/v1/requests/track/${r.code}?secret=${'x'.repeat(24)}`);
    assert.equal(wrong.statusCode, 404);
    assert.equal(code(wrong), 'request.not_found');
    assert.equal((await get(`/api/v1/requests/track/YC-2026-999999?secret=${'x'.repeat(24)}`)).statusCode, 404);
    assert.equal((await get(`/api/v1/requests/track/${r.code}`)).statusCode, 400);
  });

  test('the inbox is scoped, sorted vulnerable first, filtered, and searched without accents', async () => {
    const old = await file({
      consumer: { fullName: 'Cụ Hoàng Văn Tư', phone: '0922222222', birthYear: 1940 },
      description: 'Mua máy lọc nước tại cửa hàng điện máy, máy hỏng sau một tuần nhưng cửa hàng từ chối bảo hành như đã cam kết.',
    });
    const plain = await file({
      consumer: { fullName: 'Vũ Thị Mai', phone: '0944444444', birthYear: 1992 },
      description: 'Mua máy lọc nước tại cửa hàng điện máy, máy hỏng sau ba ngày nhưng cửa hàng từ chối bảo hành như đã cam kết.',
    });
    const oldOfficer = await officerOf(old);
    const list = await get('/api/v1/requests?pageSize=200', oldOfficer);
    assert.equal(list.statusCode, 200, list.body);
    const data = (list.json() as { data: { id: string; vulnerable: string[]; agencyKind: string }[] }).data;
    if (plain.routing.agency.id === old.routing.agency.id) {
      assert.ok(data.findIndex((d) => d.id === old.id) < data.findIndex((d) => d.id === plain.id), 'vulnerable consumers first');
    }
    assert.ok(
      data.every((d) => d.agencyKind === old.routing.agency.kind),
      'only the officer agency',
    );
    const fake = await file();
    const fakeOfficer = await officerOf(fake);
    const hits = (await get('/api/v1/requests?q=hang%20gia&pageSize=200', fakeOfficer)).json() as { data: { id: string }[] };
    assert.ok(
      hits.data.some((d) => d.id === fake.id),
      '"hang gia" finds "hàng giả"',
    );
    const anywhere = (await get(`/api/v1/requests?q=${encodeURIComponent('kem chong gia')}`, fakeOfficer)).json() as {
      data: { id: string }[];
    };
    assert.ok(
      anywhere.data.some((d) => d.id === fake.id),
      'every word, anywhere',
    );
    const phrase = (await get(`/api/v1/requests?q=${encodeURIComponent('"kem chong"')}`, fakeOfficer)).json() as { data: { id: string }[] };
    assert.ok(!phrase.data.some((d) => d.id === fake.id), 'quoted words must be adjacent');
    const byCode = (await get(`/api/v1/requests?q=${fake.code}`, fakeOfficer)).json() as { data: { id: string }[] };
    assert.deepEqual(
      byCode.data.map((d) => d.id),
      [fake.id],
    );
    const noHits = (await get('/api/v1/requests?q=zzzkhongcozzz', fakeOfficer)).json() as { page: { total: number } };
    assert.equal(noHits.page.total, 0);
    const vuln = (await get('/api/v1/requests?vulnerable=true&pageSize=200', oldOfficer)).json() as { data: { vulnerable: string[] }[] };
    assert.ok(vuln.data.length > 0 && vuln.data.every((d) => d.vulnerable.length > 0));
    assert.equal((await get('/api/v1/requests?status=nope', sct)).statusCode, 400);
    assert.equal((await get('/api/v1/requests')).statusCode, 401);
    assert.equal((await get('/api/v1/requests', business)).statusCode, 403);
    assert.equal((await get('/api/v1/requests', hotline)).statusCode, 403);
  });

  test('a commune officer sees only their commune; other agencies get 404 on the case', async () => {
    const local = await post('/api/v1/requests/preview-routing', {
      description: 'Người bán hàng rong ở chợ phường bán thiếu cân, không có đăng ký kinh doanh.',
      transaction: { amountVnd: 30000, productOrService: 'rau', place: { communeCode: '02215' } },
    });
    assert.equal((local.json() as { agency: { kind: string } }).agency.kind, 'ubnd-xa');
    const c = await file({
      description: 'Người bán hàng rong ở chợ phường bán thiếu cân, không có đăng ký kinh doanh.',
      business: { name: 'Người bán hàng rong', address: 'Chợ Minh Xuân' },
      transaction: { date: '2026-11-20', amountVnd: 30000, productOrService: 'rau', place: { communeCode: '02215' } },
    });
    assert.equal(c.routing.agency.id, agencies['ubnd-xa:02215']);
    const mine = (await get('/api/v1/requests?pageSize=200', commune)).json() as { data: { id: string; communeCode: string }[] };
    assert.ok(mine.data.some((d) => d.id === c.id));
    assert.ok(mine.data.every((d) => d.communeCode === '02215'));
    assert.equal((await get(`/api/v1/requests/${c.id}`, commune)).statusCode, 200);
    const other = await file({
      transaction: { date: '2026-11-10', amountVnd: 850000, productOrService: 'kem dưỡng da', place: { communeCode: '00694' } },
    });
    assert.equal((await get(`/api/v1/requests/${other.id}`, commune)).statusCode, 404);
    assert.equal((await get(`/api/v1/requests/${c.id}`, health)).statusCode, 404);
    assert.equal((await get(`/api/v1/requests/00000000-0000-4000-8000-000000000000`, sct)).statusCode, 404);
    assert.equal((await get(`/api/v1/requests/not-a-uuid`, sct)).statusCode, 400);
  });

  test('reading a case is audited as a personal-data read', async () => {
    const r = await file({
      description: 'Cửa hàng bán quần áo không cho đổi size dù còn nguyên tem mác và hóa đơn mua hàng, trái với cam kết.',
    });
    const routed = await officerOf(r);
    const v = await get(`/api/v1/requests/${r.id}`, routed);
    assert.equal(v.statusCode, 200, v.body);
    const body = v.json() as { consumer: { fullName: string }; can: Record<string, boolean>; timeline: unknown[]; clocks: unknown[] };
    assert.equal(body.consumer.fullName, 'Nguyễn Thị Lan');
    assert.ok(body.timeline.length >= 2 && body.clocks.length >= 1);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', r.id)
      .where('action', '=', 'personal_data.read')
      .execute();
    assert.equal(audit.length, 1);
  });

  test('status transitions follow the table: invalid ones are 409', async () => {
    const r = await file({
      kind: 'request',
      description: 'Tôi đề nghị hỗ trợ thương lượng với cửa hàng vì tủ lạnh mua mới bị hỏng, cửa hàng không bảo hành.',
    });
    const who = await officerOf(r);
    const bad = await post(`/api/v1/requests/${r.id}/status`, { to: 'resolved' }, who);
    assert.equal(bad.statusCode, 409, bad.body);
    assert.equal(code(bad), 'request.invalid_transition');
    const acc = await post(`/api/v1/requests/${r.id}/status`, { to: 'accepted' }, who);
    assert.equal(acc.statusCode, 200, acc.body);
    const clocks = await t.database.db.selectFrom('clock').select(['rule', 'state']).where('entity_id', '=', r.id).execute();
    assert.ok(clocks.some((c) => c.rule === 'request.acknowledge' && c.state === 'met'));
    assert.ok(clocks.some((c) => c.rule === 'request.forward_to_business'));
    assert.equal((await post(`/api/v1/requests/${r.id}/status`, { to: 'bogus' }, who)).statusCode, 400);
    assert.equal((await post(`/api/v1/requests/${r.id}/status`, { to: 'accepted' })).statusCode, 401);
    assert.equal((await post(`/api/v1/requests/${r.id}/status`, { to: 'accepted' }, viewer)).statusCode, 403);
    assert.equal(
      (await post(`/api/v1/requests/${r.id}/status`, { to: 'forwarded' }, who)).statusCode,
      400,
      'forwarding has its own action',
    );
    const fwd = await post(`/api/v1/requests/${r.id}/forward-to-business`, { taxCode: '5000123456' }, who);
    assert.equal(fwd.statusCode, 200, fwd.body);
    const met = await t.database.db
      .selectFrom('clock')
      .select(['state'])
      .where('entity_id', '=', r.id)
      .where('rule', '=', 'request.forward_to_business')
      .executeTakeFirstOrThrow();
    assert.equal(met.state, 'met');
  });

  test('refusal needs exactly one Art. 58 ground and notifies the consumer', async () => {
    const r = await file({
      description: 'Cửa hàng điện thoại bán máy cũ nói là mới, tôi muốn được đổi máy hoặc hoàn tiền theo đúng cam kết.',
    });
    const who = await officerOf(r);
    const none = await post(`/api/v1/requests/${r.id}/refuse`, { explanation: 'Thiếu căn cứ' }, who);
    assert.equal(none.statusCode, 400);
    const two = await post(
      `/api/v1/requests/${r.id}/refuse`,
      { ground: ['art58_3_insufficient_information', 'art58_4_outside_competence'], explanation: 'Hai căn cứ' },
      who,
    );
    assert.equal(two.statusCode, 400);
    const jobsBefore = await t.database.db.selectFrom('job').select('id').execute();
    const ok = await post(
      `/api/v1/requests/${r.id}/refuse`,
      { ground: 'art58_5_already_resolved', explanation: 'Vụ việc đã được Tòa án thụ lý.' },
      who,
    );
    assert.equal(ok.statusCode, 200, ok.body);
    const jobs = await t.database.db.selectFrom('job').select(['payload']).execute();
    assert.ok(jobs.length > jobsBefore.length);
    assert.ok(jobs.some((j) => JSON.stringify(j.payload).includes('Điều 58 khoản 5')));
    const again = await post(`/api/v1/requests/${r.id}/refuse`, { ground: 'art58_5_already_resolved', explanation: 'Lần nữa' }, who);
    assert.equal(again.statusCode, 409);
    const tracked = (await get(`/api/v1/requests/track/${r.code}?secret=${encodeURIComponent(r.trackingSecret)}`)).json() as {
      status: string;
      timeline: { type: string; text: string }[];
    };
    assert.equal(tracked.status, 'refused');
    assert.ok(tracked.timeline.some((e) => e.type === 'refused' && e.text.includes('Điều 58 khoản 5')));
  });

  test('re-routing notifies the consumer (Art. 11(3)) and bouncing returns to the focal agency; both are counted', async () => {
    const r = await file({
      description: 'Cửa hàng bán quạt điện không đúng công suất ghi trên hộp, tôi muốn đổi hàng nhưng cửa hàng không đồng ý.',
    });
    const who = await officerOf(r);
    const rr = await post(
      `/api/v1/requests/${r.id}/reroute`,
      { agencyId: agencies['so-y-te'], reason: 'Sản phẩm thuộc quản lý của ngành y tế.' },
      who,
    );
    assert.equal(rr.statusCode, 200, rr.body);
    const tracked = (await get(`/api/v1/requests/track/${r.code}?secret=${encodeURIComponent(r.trackingSecret)}`)).json() as {
      agency: { name: string };
      timeline: { type: string }[];
    };
    assert.match(tracked.agency.name, /Y tế/);
    assert.ok(tracked.timeline.some((e) => e.type === 'rerouted'));
    // The health officer now has it; the first officer no longer sees it.
    assert.equal((await get(`/api/v1/requests/${r.id}`, health)).statusCode, 200);
    assert.equal((await get(`/api/v1/requests/${r.id}`, sct)).statusCode, 404);
    const same = await post(`/api/v1/requests/${r.id}/reroute`, { agencyId: agencies['so-y-te'], reason: 'Lại chuyển.' }, health);
    assert.equal(same.statusCode, 409);
    const unknown = await post(
      `/api/v1/requests/${r.id}/reroute`,
      { agencyId: '00000000-0000-4000-8000-000000000000', reason: 'Không rõ.' },
      health,
    );
    assert.equal(unknown.statusCode, 404);
    const bounce = await post(`/api/v1/requests/${r.id}/bounce`, { reason: 'Không thuộc thẩm quyền của Sở Y tế.' }, health);
    assert.equal(bounce.statusCode, 200, bounce.body);
    assert.equal((bounce.json() as { agency: { id: string } }).agency.id, agencies['so-cong-thuong']);
    const clocks = await t.database.db.selectFrom('clock').select(['rule']).where('entity_id', '=', r.id).execute();
    assert.ok(clocks.some((c) => c.rule === 'request.forward_to_agency'));
    const stats = (await get('/api/v1/requests/stats/routing', manager)).json() as { rerouted: number; bounced: number; total: number };
    assert.ok(stats.rerouted >= 1 && stats.bounced >= 1 && stats.total >= stats.rerouted);
  });

  test('bulk assignment, notes, classification corrections and merges', async () => {
    const consumer = { fullName: 'Ngô Thị Thu', phone: '0955555555', birthYear: 1988 };
    const a = await file({
      consumer,
      description: 'Siêu thị bán sữa bột cho trẻ em đã hết hạn sử dụng, bé nhà tôi uống bị đau bụng, tôi muốn được bồi thường.',
    });
    const b = await file({
      consumer,
      description: 'Siêu thị bán sữa bột cho trẻ em đã hết hạn sử dụng, con tôi bị đau bụng, yêu cầu xử lý.',
    });
    const ids = [a.id, b.id].filter((_, i) => [a, b][i]!.routing.agency.id === agencies['so-cong-thuong']);
    if (ids.length > 0) {
      const bad = await post('/api/v1/requests/assign', { ids, assigneeId: '00000000-0000-4000-8000-000000000000' }, manager);
      assert.equal(bad.statusCode, 404);
      const asg = await post('/api/v1/requests/assign', { ids, assigneeId: sctOfficerId }, manager);
      assert.equal(asg.statusCode, 200, asg.body);
      assert.equal((asg.json() as { assigned: number }).assigned, ids.length);
      assert.equal((await post('/api/v1/requests/assign', { ids, assigneeId: sctOfficerId }, sct)).statusCode, 403);
      const mine = (await get('/api/v1/requests?assignedTo=me', sct)).json() as { data: { id: string }[] };
      assert.ok(ids.every((id) => mine.data.some((d) => d.id === id)));
    }
    const who = await officerOf(a);
    const note = await post(`/api/v1/requests/${a.id}/notes`, { body: 'Đã gọi điện cho siêu thị.' }, who);
    assert.equal(note.statusCode, 201, note.body);
    assert.equal((await post(`/api/v1/requests/${a.id}/notes`, { body: '' }, who)).statusCode, 400);
    const fix = await post(`/api/v1/requests/${a.id}/classification`, { sector: 'food', violations: ['unsafe', 'poor-quality'] }, who);
    assert.equal(fix.statusCode, 200, fix.body);
    const stored = await t.database.db.selectFrom('classification_correction').selectAll().where('request_id', '=', a.id).execute();
    assert.equal(stored.length, 1);
    assert.deepEqual(stored[0]!.violations, ['unsafe', 'poor-quality']);
    assert.equal((await post(`/api/v1/requests/${a.id}/classification`, { sector: 'nope', violations: [] }, who)).statusCode, 400);
    if (a.routing.agency.id === b.routing.agency.id) {
      const view = (await get(`/api/v1/requests/${b.id}`, who)).json() as { duplicates: { id: string }[] };
      assert.ok(
        view.duplicates.some((d) => d.id === a.id),
        'same consumer, business and transaction date',
      );
      const merge = await post(`/api/v1/requests/${b.id}/merge`, { intoId: a.id }, who);
      assert.equal(merge.statusCode, 200, merge.body);
      assert.equal((await post(`/api/v1/requests/${b.id}/merge`, { intoId: a.id }, who)).statusCode, 409);
      assert.equal((await post(`/api/v1/requests/${a.id}/merge`, { intoId: a.id }, who)).statusCode, 400);
    }
  });

  test('attachments: sniffed types, the tracking secret or a staff session, and limits', async () => {
    const r = await file({ transaction: undefined });
    assert.ok(r.missing.some((m) => m.code === 'transaction_evidence'));
    const up = (buf: Buffer, name: string, q = `?secret=${encodeURIComponent(r.trackingSecret)}`, cookie?: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/requests/${r.id}/attachments${q}`,
        ...multipart(buf, name),
        headers: { ...multipart(buf, name).headers, accept: 'application/json', ...(cookie ? { cookie } : {}) },
      });
    const ok = await up(PNG, 'hoa-don.png');
    assert.equal(ok.statusCode, 201, ok.body);
    const att = ok.json() as { id: string; mediaType: string };
    assert.equal(att.mediaType, 'image/png');
    const row = await t.database.db.selectFrom('request').select('missing').where('id', '=', r.id).executeTakeFirstOrThrow();
    assert.ok(!row.missing.includes('transaction_evidence'));
    const text = await up(Buffer.from('xin chào, đây không phải ảnh'), 'ghi-chu.png');
    assert.equal(text.statusCode, 415);
    assert.equal(code(text), 'attachment.unsupported_type');
    const anon = await up(PNG, 'a.png', '');
    assert.equal(anon.statusCode, 401);
    const wrong = await up(PNG, 'a.png', `?secret=${'y'.repeat(24)}`);
    assert.equal(wrong.statusCode, 401);
    const json = await post(`/api/v1/requests/${r.id}/attachments?secret=${encodeURIComponent(r.trackingSecret)}`, { a: 1 });
    assert.equal(json.statusCode, 415);
    const who = await officerOf(r);
    const dl = await get(`/api/v1/requests/${r.id}/attachments/${att.id}`, who);
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'image/png');
    assert.ok(Buffer.from(dl.rawPayload).equals(PNG));
    assert.equal((await get(`/api/v1/requests/${r.id}/attachments/${att.id}`)).statusCode, 401);
    assert.equal((await get(`/api/v1/requests/${r.id}/attachments/${att.id}`, health)).statusCode, 404);
    for (let i = 0; i < 19; i++) assert.equal((await up(PNG, `anh-${i}.png`)).statusCode, 201);
    const over = await up(PNG, 'thua.png');
    assert.equal(over.statusCode, 409);
    assert.equal(code(over), 'attachment.too_many');
  });

  test('hotline caller lookup by phone', async () => {
    await file({ channel: 'hotline', consumer: { fullName: 'Đỗ Thị Hạnh', phone: '0933333333', birthYear: 1990 } }, hotline);
    const r = await get('/api/v1/requests/by-phone?phone=0933%20333%20333', hotline);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((r.json() as { data: unknown[] }).data.length, 1);
    assert.equal((await get('/api/v1/requests/by-phone?phone=abc', hotline)).statusCode, 400);
    assert.equal((await get('/api/v1/requests/by-phone?phone=0933333333', viewer)).statusCode, 403);
  });
});
