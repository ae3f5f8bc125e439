import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { silentLog, testEnv, type TestEnv } from '../../test/harness.js';
import { inTransaction } from './context.js';
import { createMailSender, type MailSender } from './mail.js';
import { enqueue } from './outbox.js';
import { createWorker } from './worker.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) in a header value. */
function decodeHeader(v: string): string {
  return v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** The headers (unfolded, lower-case names) and the decoded text body of a single-part message. */
function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const sep = raw.indexOf('\r\n\r\n') >= 0 ? '\r\n' : '\n';
  const [head = '', ...rest] = raw.split(`${sep}${sep}`);
  const headers = new Map<string, string>();
  for (const line of head.replace(new RegExp(`${sep}[ \\t]+`, 'g'), ' ').split(sep)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  let body = rest.join(`${sep}${sep}`);
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (cte === 'quoted-printable')
    body = Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return { headers, body };
}

describe('mail through the outbox and a real SMTP server', () => {
  let t: TestEnv;
  let server: SMTPServer;
  let port: number;
  let mail: MailSender;
  const received: Received[] = [];

  before(async () => {
    t = await testEnv();
    server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    port = (server.server.address() as AddressInfo).port;
    mail = createMailSender(`smtp://127.0.0.1:${port}`, 'BVNTD Thử nghiệm <no-reply@bvntd.test>');
  });
  after(async () => {
    mail.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.close();
  });
  beforeEach(() => {
    received.length = 0;
  });

  it('delivers a mail.send job enqueued with a change, after commit, with Vietnamese text intact', async () => {
    const worker = createWorker({ db: t.database.db, deps: { ...t.deps, mail }, log: silentLog });
    const subject = 'Xác nhận đã tiếp nhận yêu cầu hỗ trợ YC-2026-000123';
    const text =
      'Kính gửi ông Nguyễn Văn Đức,\nSở Công Thương đã tiếp nhận yêu cầu của ông. Thời hạn giải quyết: 7 ngày làm việc.\nTrân trọng.';
    const jobId = await inTransaction(t.sysCtx(), async (tx) => {
      await tx.db.updateTable('app_user').set({ updated_at: tx.now() }).where('id', '=', '00000000-0000-4000-8000-000000000000').execute();
      return enqueue(tx, 'mail.send', { to: 'duc.nguyen@example.test', subject, text });
    });
    assert.equal(received.length, 0, 'nothing is sent inside the transaction');

    assert.equal(await worker.runOnce(), 1);
    assert.equal(received.length, 1);
    const m = received[0]!;
    assert.deepEqual(m.to, ['duc.nguyen@example.test']);
    assert.equal(m.from, 'no-reply@bvntd.test');
    const parsed = parseMessage(m.raw);
    assert.equal(decodeHeader(parsed.headers.get('subject') ?? ''), subject);
    assert.match(parsed.headers.get('content-type') ?? '', /charset=utf-8/i);
    assert.equal(parsed.body.replace(/\r\n/g, '\n').trim(), text);

    const job = await t.database.db.selectFrom('job').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    assert.equal(job.status, 'done');
    assert.equal(job.attempts, 1);
    assert.equal(job.last_error, null);
    assert.equal(await worker.runOnce(), 0, 'a done job is not sent again');
    assert.equal(received.length, 1);
  });

  it('never sends a message whose transaction rolled back', async () => {
    const worker = createWorker({ db: t.database.db, deps: { ...t.deps, mail }, log: silentLog });
    await assert.rejects(
      inTransaction(t.sysCtx(), async (tx) => {
        await enqueue(tx, 'mail.send', { to: 'rollback@example.test', subject: 'Không được gửi', text: 'Giao dịch bị hủy' });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.equal(await worker.runOnce(), 0);
    assert.equal(received.length, 0);
    const left = await t.database.db
      .selectFrom('job')
      .select('id')
      .where(sql<string>`payload->>'to'`, '=', 'rollback@example.test')
      .execute();
    assert.equal(left.length, 0);
  });

  it('retries when the SMTP server refuses, and records the error without the address', async () => {
    const refusing = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(Object.assign(new Error(`Mailbox unavailable: ${address.address}`), { responseCode: 450 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve()));
    const refusingMail = createMailSender(`smtp://127.0.0.1:${(refusing.server.address() as AddressInfo).port}`, 'no-reply@bvntd.test');
    try {
      const worker = createWorker({ db: t.database.db, deps: { ...t.deps, mail: refusingMail }, log: silentLog });
      const id = await enqueue(t.sysCtx(), 'mail.send', { to: 'tam.tran@example.test', subject: 'Thử', text: 'Nội dung' });
      assert.equal(await worker.runOnce(), 1);
      const job = await t.database.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(job.status, 'queued');
      assert.equal(job.attempts, 1);
      assert.ok(job.last_error && job.last_error.length > 0);
      assert.ok(!job.last_error.includes('tam.tran@example.test'), `no address in last_error: ${job.last_error}`);
      assert.equal(job.run_at.getTime(), t.deps.now().getTime() + 30_000);
      await t.database.db.updateTable('job').set({ status: 'done' }).where('id', '=', id).execute();
    } finally {
      refusingMail.close();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});

describe('the file:// mail transport', () => {
  it('writes each message as an .eml file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bvntd-mail-'));
    try {
      const sender = createMailSender(`file://${dir}`, 'BVNTD <no-reply@bvntd.local>');
      const r = await sender.send({ to: 'a@example.test', subject: 'Thông báo kết quả hòa giải', text: 'Hòa giải thành công.' });
      sender.close();
      assert.ok(r.messageId);
      const files = (await readdir(dir)).filter((f) => f.endsWith('.eml'));
      assert.equal(files.length, 1);
      const parsed = parseMessage(await readFile(join(dir, files[0]!), 'utf8'));
      assert.equal(decodeHeader(parsed.headers.get('subject') ?? ''), 'Thông báo kết quả hòa giải');
      assert.equal(parsed.headers.get('to'), 'a@example.test');
      assert.equal(parsed.body.trim(), 'Hòa giải thành công.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
