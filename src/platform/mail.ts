/**
 * Email over SMTP (nodemailer). MAIL_URL=smtp://host:port sends for real; file://<dir> writes
 * each message as an .eml file (the default for `npm start`, so demos never send mail).
 * Transport options ride on the URL's query, parsed by nodemailer: e.g.
 * `smtp://relay:25?ignoreTLS=true` for a local relay without STARTTLS, `smtps://user:pass@host:465`.
 * Delivery runs in the outbox worker (`mail.send` jobs), never inside a request.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}
export interface MailSender {
  send(msg: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

export function createMailSender(url: string, from: string): MailSender {
  if (url.startsWith('file://')) {
    const dir = resolve(url.slice('file://'.length));
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      async send(msg) {
        const info = await transport.sendMail({ from, ...msg });
        await mkdir(dir, { recursive: true });
        const id = String(info.messageId).replace(/[^A-Za-z0-9.@_-]/g, '');
        await writeFile(join(dir, `${Date.now()}-${id}.eml`), info.message as Buffer);
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport(url);
  return {
    async send(msg) {
      const info = await transport.sendMail({ from, ...msg });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
