/**
 * SMS goes through a gateway we cannot reach from here; this interface keeps the app honest
 * about that. The logging implementation records that a message would be sent, with the
 * phone number masked (no personal data in logs).
 */
export interface SmsSender {
  send(to: string, text: string): Promise<{ id: string }>;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 4 ? '****' : `${'*'.repeat(digits.length - 3)}${digits.slice(-3)}`;
}

export function createLoggingSmsSender(log: { info(obj: object, msg: string): void }): SmsSender {
  let n = 0;
  return {
    async send(to, text) {
      const id = `sms-local-${Date.now().toString(36)}-${++n}`;
      log.info({ sms: { id, to: maskPhone(to), length: text.length } }, 'SMS gửi qua cổng giả lập (logging sender)');
      return { id };
    },
  };
}
