/**
 * Rows for the public request form and tracking pages (src/modules/requests/public-pages.tsx):
 * everyone may use them, signed in or not. Form posts without the page's `_csrf` answer 400
 * (the body is not a form) or 403 auth.csrf_failed, which the matrix reads as "reached"; a
 * wrong tracking code or secret answers 404, also "reached".
 */
import type { RowsFile } from './types.js';

const CODE = 'YC-2026-999999';

export const file: RowsFile = {
  rows: [
    { method: 'GET', route: '/gui-yeu-cau', allow: 'public' },
    { method: 'GET', route: '/gui-yeu-cau/quyen-rieng-tu', allow: 'public' },
    { method: 'GET', route: '/gui-yeu-cau/:step', allow: 'public', request: () => ({ url: '/gui-yeu-cau/su-viec' }) },
    {
      method: 'POST',
      route: '/gui-yeu-cau/:step',
      allow: 'public',
      request: () => ({ url: '/gui-yeu-cau/su-viec' }),
      note: 'form post: CSRF protects it',
    },
    {
      method: 'POST',
      route: '/gui-yeu-cau/sua/:step',
      allow: 'public',
      request: () => ({ url: '/gui-yeu-cau/sua/doanh-nghiep' }),
      note: 'form post: CSRF protects it',
    },
    { method: 'POST', route: '/gui-yeu-cau/gui', allow: 'public', note: 'form post: CSRF protects it' },
    {
      method: 'GET',
      route: '/gui-yeu-cau/da-gui/:code',
      allow: 'public',
      request: () => ({ url: `/gui-yeu-cau/da-gui/${CODE}?secret=khong-dung-ma-bi-mat` }),
      note: 'the code and secret are the credential: a wrong pair answers 404',
    },
    { method: 'GET', route: '/tra-cuu', allow: 'public' },
    {
      method: 'GET',
      route: '/tra-cuu/:code',
      allow: 'public',
      request: () => ({ url: `/tra-cuu/${CODE}?secret=khong-dung-ma-bi-mat` }),
      note: 'the code and secret are the credential: a wrong pair answers 404',
    },
    {
      method: 'POST',
      route: '/tra-cuu/:code/tai-lieu',
      allow: 'public',
      request: () => ({ url: `/tra-cuu/${CODE}/tai-lieu` }),
      note: 'multipart form post with the tracking secret; not multipart → 415',
    },
  ],
};
