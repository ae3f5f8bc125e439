/**
 * Vietnamese first, English second. Every UI string goes through `t(locale, key, params)`.
 * Dates are shown dd/mm/yyyy in Asia/Ho_Chi_Minh; amounts in đồng.
 */
import { vi } from './i18n/vi.js';
import { en } from './i18n/en.js';

export type Locale = 'vi' | 'en';
export const locales: readonly Locale[] = ['vi', 'en'];
export type MessageKey = keyof typeof vi;

const catalogs: Record<Locale, Record<MessageKey, string>> = { vi, en };

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? vi[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function parseLocale(v: unknown): Locale | undefined {
  return v === 'vi' || v === 'en' ? v : undefined;
}

const TZ = 'Asia/Ho_Chi_Minh';
const dateFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });

/** dd/mm/yyyy in Asia/Ho_Chi_Minh. */
export function formatDate(d: Date | string): string {
  if (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)) {
    const [y, m, day] = d.split('-');
    return `${day}/${m}/${y}`;
  }
  return dateFmt.format(new Date(d));
}

/** dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh. */
export function formatDateTime(d: Date | string): string {
  const x = new Date(d);
  return `${dateFmt.format(x)} ${timeFmt.format(x)}`;
}

const vnd = new Intl.NumberFormat('vi-VN');
/** Integer đồng, e.g. 1.250.000 đ. Accepts bigint or numeric strings: never a float. */
export function formatVnd(amount: bigint | string | number): string {
  return `${vnd.format(BigInt(amount))} đ`;
}

/** Accent-insensitive fold for search; handles đ/Đ, which NFD does not decompose. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đð]/g, 'd')
    .replace(/[ĐÐ]/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
