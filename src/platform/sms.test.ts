import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createLoggingSmsSender, maskPhone } from './sms.js';

describe('the logging SMS sender', () => {
  it('logs that a message would be sent, with the phone number masked and no text', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString('utf8'));
        cb();
      },
    });
    const sender = createLoggingSmsSender(pino({ level: 'info' }, sink));
    const text = 'Yêu cầu YC-2026-000123 đã được chuyển đến doanh nghiệp.';
    const r = await sender.send('+84 912 345 678', text);
    assert.match(r.id, /^sms-local-/);
    const out = lines.join('');
    assert.equal(lines.length, 1);
    for (const secret of ['912345678', '84912345678', '912 345 678', '0912345678'])
      assert.ok(!out.includes(secret), `no ${secret} in ${out}`);
    assert.ok(!out.includes(text), 'the message text is not logged');
    const logged = JSON.parse(out) as { sms: { to: string; length: number } };
    assert.equal(logged.sms.to, '********678');
    assert.equal(logged.sms.length, text.length);
  });

  it('masks every digit but the last three, and short numbers entirely', () => {
    assert.equal(maskPhone('0912345678'), '*******678');
    assert.equal(maskPhone('1900'), '****');
    assert.ok(!maskPhone('0912-345-678').includes('345'));
  });
});
