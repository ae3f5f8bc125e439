/**
 * The mediation records as files, built with the requests module's real builders (a test may import
 * requests/records.ts directly; the app will pass them once requests exports them, see index.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { docxText, flat, pdfText } from '../../platform/documents/testing.js';
import { installHttpKernel } from '../../platform/http.js';
import { seedDemoDirectory } from '../directory/index.js';
import { changeStatus, receiveRequest, requestInput } from '../requests/index.js';
import { mediationRecordDocument, unsuccessfulMediationDocument } from '../requests/records.js';
import { appointMediator, openMediation, recordInterpreter, recordOutcome, seedDemoMediation } from './index.js';
import { mediationRecordFile, registerMediationRecordRoute, type MediationRecordBuilders } from './record.js';

const builders: MediationRecordBuilders = { mediationRecordDocument, unsuccessfulMediationDocument };

describe('mediation records (DOCX, PDF)', () => {
  let t: TestApp;
  let files: FastifyInstance;
  let mediatorCookie: string;
  let ids: { success: string; failure: string; open: string };

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000 });
    await seedDemoDirectory(t.sysCtx(), '08');
    const hoi = await t.database.db.selectFrom('agency').select('id').where('kind', '=', 'hoi-bvqlntd').executeTakeFirstOrThrow();
    const mu = await buildUser(t.database.db, { role: 'mediator', agencyId: hoi.id, username: 'hoagiai' });
    mediatorCookie = await loginCookie(t.app, mu.username);
    await seedDemoMediation(t.sysCtx());
    const ctx = t.sysCtx();
    const org = await t.database.db.selectFrom('mediation_org').select('id').where('type', '=', 'a').executeTakeFirstOrThrow();
    const hoa = await t.database.db.selectFrom('mediator').select('id').where('full_name', '=', 'Hoàng Văn Hòa').executeTakeFirstOrThrow();
    const open = async () => {
      const { receipt } = await receiveRequest(
        ctx,
        requestInput.parse({
          kind: 'complaint',
          channel: 'web',
          consumer: { fullName: 'Nông Thị Hoa', email: 'hoa@example.test', vulnerable: ['ethnic_minority'], preferredLanguage: 'Tày' },
          business: { name: 'Công ty TNHH Điện máy Sao Việt', taxCode: '5000765432', website: 'https://saoviet.example.vn' },
          transaction: { date: '2026-11-18', amountVnd: 7_490_000, productOrService: 'tủ lạnh', place: { online: true } },
          description:
            'Tôi mua tủ lạnh trên trang thương mại điện tử, tủ không lạnh sau ba ngày, cửa hàng không đổi và không hoàn tiền cho tôi.',
          consents: { privacyNoticeVersion: '2026-11' },
        }),
      );
      await changeStatus(ctx, receipt.id, { to: 'accepted' });
      const m = await openMediation(ctx, {
        requestId: receipt.id,
        organisationId: org.id,
        consents: { consumer: { on: '2026-11-25' }, business: { on: '2026-11-25' } },
        businessEthnicMinority: false,
        mediatorIds: [],
      });
      await appointMediator(ctx, m.id, { mediatorId: hoa.id });
      await recordInterpreter(ctx, m.id, { fullName: 'Hà Thị Mai', language: 'Tày' });
      return m.id;
    };
    const held = { heldAt: '2026-11-26T09:00:00+07:00', place: 'Trụ sở Hội, số 5 đường Tân Trào', form: 'in_person' as const };
    ids = { success: await open(), failure: await open(), open: await open() };
    await recordOutcome(ctx, ids.success, {
      result: 'success',
      ...held,
      businessRepresentative: 'Trần Văn Nam, trưởng phòng chăm sóc khách hàng',
      disputeContent: 'Tủ lạnh không lạnh sau ba ngày; cửa hàng từ chối đổi.',
      consumerOpinion: 'Đề nghị đổi tủ lạnh mới cùng loại.',
      businessOpinion: 'Đồng ý đổi tủ lạnh mới.',
      solution: 'Công ty đổi tủ lạnh mới cùng loại cho người tiêu dùng.',
      performBy: '2026-12-10',
      otherTerms: 'Không có',
      partiesSigned: true,
      mediatorSigned: true,
      sealApplied: false,
    });
    await recordOutcome(ctx, ids.failure, {
      result: 'unsuccessful',
      ...held,
      consumerOpinion: 'Đề nghị đổi tủ lạnh mới.',
      businessOpinion: 'Chỉ đồng ý sửa.',
      reason: 'Doanh nghiệp không đồng ý đổi tủ lạnh.',
      arbitrationClause: 'standard_form',
    });

    // The download route on an app with the HTTP kernel and the builders.
    files = Fastify({ logger: false });
    files.setValidatorCompiler(validatorCompiler);
    files.setSerializerCompiler(serializerCompiler);
    await files.register(cookie);
    installHttpKernel(files, t.database.db, t.deps);
    registerMediationRecordRoute(files, builders);
    await files.ready();
  });
  after(async () => {
    await files.close();
    await t.close();
  });

  test('the successful record carries Art. 65(2)(a)–(h), the interpreter and the deadline to perform, in DOCX and PDF', async () => {
    const docx = await mediationRecordFile(t.sysCtx(), ids.success, 'docx', builders);
    assert.equal(docx.filename, `bien-ban-hoa-giai-thanh-${await code(ids.success)}.docx`);
    const pdf = await mediationRecordFile(t.sysCtx(), ids.success, 'pdf', builders);
    for (const text of [flat(docxText(docx.body).body), flat((await pdfText(pdf.body)).text)]) {
      for (const phrase of [
        'BIÊN BẢN HÒA GIẢI THÀNH',
        'Hội Bảo vệ quyền lợi người tiêu dùng',
        'Hòa giải viên: Hoàng Văn Hòa',
        'Người phiên dịch: Hà Thị Mai, tiếng Tày (khoản 3 Điều 64)',
        'Nông Thị Hoa',
        'Trần Văn Nam',
        'Trụ sở Hội, số 5 đường Tân Trào',
        'Tủ lạnh không lạnh sau ba ngày',
        'Đồng ý đổi tủ lạnh mới.',
        'Công ty đổi tủ lạnh mới cùng loại cho người tiêu dùng.',
        'chậm nhất vào ngày 10/12/2026',
      ])
        assert.ok(text.includes(phrase), `"${phrase}" in ${text.slice(0, 200)}…`);
    }
  });

  test('the unsuccessful record lists the consumer’s remaining options', async () => {
    const f = await mediationRecordFile(t.sysCtx(), ids.failure, 'docx', builders);
    const text = flat(docxText(f.body).body);
    assert.match(text, /BIÊN BẢN HÒA GIẢI KHÔNG THÀNH/);
    assert.match(text, /Lý do: Doanh nghiệp không đồng ý đổi tủ lạnh\./);
    assert.match(text, /7\.490\.000 đồng, dưới 100 triệu đồng/);
    assert.match(text, /khoản 2 Điều 67/);
    assert.match(text, /không phải nộp tiền tạm ứng án phí \(khoản 2 Điều 71\)/);
  });

  test('the route: 401 signed out, 409 before the outcome, the file for the organisation’s mediator', async () => {
    const url = (id: string, format = 'docx') => `/api/v1/mediation/mediations/${id}/record?format=${format}`;
    assert.equal((await files.inject({ url: url(ids.success) })).statusCode, 401);
    const early = await files.inject({ url: url(ids.open), headers: { cookie: mediatorCookie } });
    assert.equal(early.statusCode, 409);
    assert.equal((early.json() as { error: { code: string } }).error.code, 'mediation.record_not_ready');
    const r = await files.inject({ url: url(ids.success, 'pdf'), headers: { cookie: mediatorCookie } });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.match(String(r.headers['content-disposition']), /bien-ban-hoa-giai-thanh-YC-\d{4}-\d{6}\.pdf/);
    assert.equal(r.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  const code = async (id: string) =>
    (
      await t.database.db
        .selectFrom('mediation as m')
        .innerJoin('request as r', 'r.id', 'm.request_id')
        .select('r.code')
        .where('m.id', '=', id)
        .executeTakeFirstOrThrow()
    ).code;
});
