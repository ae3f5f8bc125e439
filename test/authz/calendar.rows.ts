import { addCalendarDay } from '../../src/platform/calendar/store.js';
import { startClock } from '../../src/platform/clocks/index.js';
import { ALL_STAFF, type Caller, type RowsFile } from './types.js';

const CLOCK_MANAGERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'commune_officer'];
// Page form posts are probed with a JSON body and a JSON Accept header: the JSON error (401/403)
// is what the matrix reads; a browser would be sent to /login instead.
const json = { accept: 'application/json' };

export const file: RowsFile = {
  setup: async (t, fx) => {
    const ctx = t.sysCtx();
    const day = (date: string) => addCalendarDay(ctx, { date, kind: 'holiday', name: 'Ma trận', source: 'Thử nghiệm', provisional: true });
    fx.extra.calendarDayId = (await day('2031-03-03')).id;
    fx.extra.calendarDayDeleteId = (await day('2031-03-04')).id;
    fx.extra.calendarDayRemoveId = (await day('2031-03-05')).id;
    const startedAt = t.deps.now();
    fx.extra.clockId = (await startClock(ctx, { entityType: 'matrix', entityId: 'm-1', rule: 'request.decide', startedAt })).id;
  },
  rows: [
    {
      method: 'GET',
      route: '/api/v1/calendar/add-working-days',
      allow: 'public',
      request: () => ({ url: '/api/v1/calendar/add-working-days?from=2025-04-28&days=3' }),
    },
    {
      method: 'GET',
      route: '/api/v1/calendar/add-days',
      allow: 'public',
      request: () => ({ url: '/api/v1/calendar/add-days?from=2025-01-01&days=30' }),
    },
    { method: 'GET', route: '/api/v1/calendar/holidays', allow: 'public', request: () => ({ url: '/api/v1/calendar/holidays?year=2025' }) },
    {
      method: 'GET',
      route: '/api/v1/calendar/is-working-day',
      allow: 'public',
      request: () => ({ url: '/api/v1/calendar/is-working-day?date=2025-04-26' }),
    },
    { method: 'GET', route: '/api/v1/calendar/days', allow: ['admin'], request: () => ({ url: '/api/v1/calendar/days?year=2025' }) },
    {
      method: 'POST',
      route: '/api/v1/calendar/days',
      allow: ['admin'],
      request: () => ({
        url: '/api/v1/calendar/days',
        payload: { date: '2031-03-06', kind: 'holiday', name: 'Ma trận', source: 'Thử nghiệm', provisional: true },
      }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/calendar/days/:id',
      allow: ['admin'],
      request: (fx) => ({ url: `/api/v1/calendar/days/${fx.extra.calendarDayId}`, payload: { name: 'Ma trận (sửa)' } }),
    },
    {
      method: 'DELETE',
      route: '/api/v1/calendar/days/:id',
      allow: ['admin'],
      request: (fx) => ({ url: `/api/v1/calendar/days/${fx.extra.calendarDayDeleteId}` }),
    },
    { method: 'GET', route: '/admin/holidays', allow: ['admin'], request: () => ({ url: '/admin/holidays?year=2025' }) },
    {
      method: 'POST',
      route: '/admin/holidays',
      allow: ['admin'],
      request: () => ({
        url: '/admin/holidays',
        payload: { date: '2031-03-07', kind: 'holiday', name: 'Ma trận', source: 'Thử nghiệm', provisional: 'on' },
        headers: json,
      }),
    },
    {
      method: 'POST',
      route: '/admin/holidays/:id/remove',
      allow: ['admin'],
      request: (fx) => ({ url: `/admin/holidays/${fx.extra.calendarDayRemoveId}/remove`, payload: { year: '2031' }, headers: json }),
    },
    {
      method: 'GET',
      route: '/api/v1/clocks',
      allow: ALL_STAFF,
      request: () => ({ url: '/api/v1/clocks?entityType=matrix&entityId=m-1' }),
    },
    {
      method: 'POST',
      route: '/api/v1/clocks/:id/pause',
      allow: CLOCK_MANAGERS,
      request: (fx) => ({ url: `/api/v1/clocks/${fx.extra.clockId}/pause`, payload: { reason: 'lab_test' } }),
      note: 'the first allowed caller pauses the clock; the others reach the service and get 409 clock.invalid_transition',
    },
    {
      method: 'POST',
      route: '/api/v1/clocks/:id/resume',
      allow: CLOCK_MANAGERS,
      request: (fx) => ({ url: `/api/v1/clocks/${fx.extra.clockId}/resume`, payload: {} }),
    },
    {
      method: 'POST',
      route: '/api/v1/clocks/:id/extend',
      allow: CLOCK_MANAGERS,
      request: (fx) => ({ url: `/api/v1/clocks/${fx.extra.clockId}/extend`, payload: { amount: 1, reason: 'Ma trận' } }),
      note: 'once only: later allowed callers get 409 clock.extension_used',
    },
  ],
};
