/**
 * Rows for plans (src/modules/plans): its JSON API and pages. Plans are provincial: `plans.read`
 * (administrators, agency managers, case officers, inspectors, viewers; commune officers too) sees
 * them all; `plans.manage` (administrators, agency managers) imports and edits; `plans.report`
 * (those two and case officers) reports, for one's own agency. The matrix users have no agency,
 * so a case officer passes the permission but is refused a report (403 plan.no_agency): the
 * report rows allow the managers, who report on behalf of an assigned agency.
 */
import { createPlan, listTasks, submitReport } from '../../src/modules/plans/index.js';
import { listAgencies, seedDemoDirectory } from '../../src/modules/directory/index.js';
import type { Caller, RowsFile } from './types.js';

const READ: Caller[] = ['admin', 'agency_manager', 'case_officer', 'inspector', 'viewer', 'commune_officer'];
const MANAGE: Caller[] = ['admin', 'agency_manager'];
const REPORT: Caller[] = ['admin', 'agency_manager', 'case_officer', 'commune_officer'];
const json = { accept: 'application/json' };
const CONTRACT_TEXT =
  'PHỤ LỤC\nTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời gian\n' +
  '1\tTổ chức tập huấn về bảo vệ quyền lợi người tiêu dùng\tSở Công Thương\tSở Tư pháp\tLớp tập huấn\tQuý III/2026\n';

export const file: RowsFile = {
  setup: async (t, fx) => {
    const ctx = t.sysCtx();
    await seedDemoDirectory(ctx, '08');
    const sct = (await listAgencies(ctx, { kind: 'so-cong-thuong', provinceCode: '08', level: 'province', page: 1, pageSize: 1 })).data[0]!
      .id;
    const plan = await createPlan(ctx, {
      plan: {
        title: 'Kế hoạch ma trận phân quyền',
        legalBasis: [],
        reportingCalendar: [{ month: 12, day: 10, audience: 'agencies' }],
        year: 2026,
      },
      tasks: [
        {
          number: 'I',
          ref: 'I',
          section: null,
          level: 0,
          isSection: true,
          content: 'Tuyên truyền',
          leadAgencies: [],
          coAgencies: [],
          deliverable: '',
          timing: { text: '' },
        },
        {
          number: '1',
          ref: 'I.1',
          section: 'I',
          level: 1,
          isSection: false,
          content: 'Tập huấn cho tiểu thương',
          leadAgencies: [{ text: 'Sở Công Thương', group: false, agencyId: sct }],
          coAgencies: [{ text: 'UBND xã, phường', group: true }],
          deliverable: 'Lớp tập huấn',
          timing: { text: 'Hằng năm' },
        },
      ],
    });
    const tasks = (await listTasks(ctx, plan.id)).data;
    const task = tasks.find((x) => x.ref === 'I.1')!;
    fx.extra.planId = plan.id;
    fx.extra.planTaskId = task.id;
    fx.extra.planAgencyId = sct;
    const admin = t.ctxAs({
      type: 'user',
      userId: fx.userIds.admin,
      username: 'matrix-admin',
      displayName: 'Admin',
      role: 'admin',
      userKind: 'staff',
      agencyId: null,
      communeCode: null,
      businessTaxCode: null,
      via: 'session',
    });
    const r = await submitReport(admin, plan.id, task.id, {
      period: '2026-12-10',
      status: 'on_track',
      narrative: 'Ma trận',
      agencyId: sct,
    });
    fx.extra.planReportId = r.report.id;
  },
  rows: [
    {
      method: 'POST',
      route: '/api/v1/plans/import',
      allow: MANAGE,
      request: () => ({ url: '/api/v1/plans/import?dryRun=true', payload: { format: 'text', content: CONTRACT_TEXT } }),
    },
    { method: 'GET', route: '/api/v1/plans', allow: READ },
    {
      method: 'POST',
      route: '/api/v1/plans',
      allow: MANAGE,
      request: () => ({
        url: '/api/v1/plans',
        payload: {
          plan: { title: 'Kế hoạch' },
          tasks: [
            { number: '1', ref: '1', section: null, content: 'Tập huấn', leadAgencies: [], coAgencies: [], timing: { text: 'Năm 2026' } },
          ],
        },
      }),
    },
    { method: 'GET', route: '/api/v1/plans/:id', allow: READ, request: (fx) => ({ url: `/api/v1/plans/${fx.extra.planId}` }) },
    {
      method: 'PATCH',
      route: '/api/v1/plans/:id',
      allow: MANAGE,
      request: (fx) => ({ url: `/api/v1/plans/${fx.extra.planId}`, payload: { reminderDays: 7 } }),
    },
    { method: 'GET', route: '/api/v1/plans/:id/tasks', allow: READ, request: (fx) => ({ url: `/api/v1/plans/${fx.extra.planId}/tasks` }) },
    {
      method: 'GET',
      route: '/api/v1/plans/:id/tasks/:taskId',
      allow: READ,
      request: (fx) => ({ url: `/api/v1/plans/${fx.extra.planId}/tasks/${fx.extra.planTaskId}` }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/plans/:id/tasks/:taskId',
      allow: MANAGE,
      request: (fx) => ({
        url: `/api/v1/plans/${fx.extra.planId}/tasks/${fx.extra.planTaskId}`,
        payload: { responsiblePerson: 'Nguyễn Văn An' },
      }),
    },
    {
      method: 'GET',
      route: '/api/v1/plans/:id/tasks/:taskId/reports',
      allow: READ,
      request: (fx) => ({ url: `/api/v1/plans/${fx.extra.planId}/tasks/${fx.extra.planTaskId}/reports` }),
    },
    {
      method: 'POST',
      route: '/api/v1/plans/:id/tasks/:taskId/reports',
      allow: MANAGE,
      request: (fx) => ({
        url: `/api/v1/plans/${fx.extra.planId}/tasks/${fx.extra.planTaskId}/reports`,
        payload: { period: '2026-12-10', status: 'on_track', agencyId: fx.extra.planAgencyId },
      }),
      note: 'case officers pass plans.report, but the matrix users belong to no agency: 403 plan.no_agency',
    },
    {
      method: 'POST',
      route: '/api/v1/plans/:id/reports/:reportId/evidence',
      allow: REPORT,
      request: (fx) => ({ url: `/api/v1/plans/${fx.extra.planId}/reports/${fx.extra.planReportId}/evidence`, payload: {} }),
      note: 'a JSON body: a permitted caller gets 415 plan.not_multipart',
    },
    {
      method: 'GET',
      route: '/api/v1/plans/:id/reports/:reportId/evidence/:evidenceId',
      allow: READ,
      request: (fx) => ({ url: `/api/v1/plans/${fx.extra.planId}/reports/${fx.extra.planReportId}/evidence/${fx.extra.planId}` }),
      note: 'no such file: a permitted caller gets 404 plan.evidence_not_found',
    },
    { method: 'GET', route: '/api/v1/plans/:id/board', allow: READ, request: (fx) => ({ url: `/api/v1/plans/${fx.extra.planId}/board` }) },
    {
      method: 'POST',
      route: '/api/v1/plans/:id/urge',
      allow: MANAGE,
      request: (fx) => ({
        url: `/api/v1/plans/${fx.extra.planId}/urge`,
        payload: { agencyId: fx.extra.planAgencyId, period: '2026-12-10', message: 'Đề nghị báo cáo.' },
      }),
    },
    {
      method: 'GET',
      route: '/api/v1/plans/:id/report',
      allow: READ,
      request: (fx) => ({ url: `/api/v1/plans/${fx.extra.planId}/report?period=2026-12-10` }),
    },
    {
      method: 'GET',
      route: '/api/v1/plans/:id/report.xlsx',
      allow: READ,
      request: (fx) => ({ url: `/api/v1/plans/${fx.extra.planId}/report.xlsx?period=2026-12-10` }),
    },
    {
      method: 'GET',
      route: '/api/v1/plans/:id/indicators',
      allow: READ,
      request: (fx) => ({ url: `/api/v1/plans/${fx.extra.planId}/indicators?from=2026-01-01&to=2026-12-31` }),
    },
    {
      method: 'PUT',
      route: '/api/v1/plans/:id/tasks/:taskId/indicators',
      allow: MANAGE,
      request: (fx) => ({
        url: `/api/v1/plans/${fx.extra.planId}/tasks/${fx.extra.planTaskId}/indicators`,
        payload: { indicators: ['requests.received'] },
      }),
    },
    { method: 'GET', route: '/api/v1/plans/indicators', allow: READ },
    // Pages.
    { method: 'GET', route: '/plans', allow: READ },
    { method: 'GET', route: '/plans/import', allow: MANAGE },
    {
      method: 'POST',
      route: '/plans/import',
      allow: MANAGE,
      request: () => ({ url: '/plans/import', payload: {}, headers: json }),
      note: 'not multipart: the form again with its error',
    },
    {
      method: 'POST',
      route: '/plans/import/commit',
      allow: MANAGE,
      request: () => ({ url: '/plans/import/commit', payload: {}, headers: json }),
      note: 'no preview: 400 plan_import.preview_invalid',
    },
    { method: 'GET', route: '/plans/:id', allow: READ, request: (fx) => ({ url: `/plans/${fx.extra.planId}` }) },
    {
      method: 'POST',
      route: '/plans/:id/tasks/:taskId',
      allow: MANAGE,
      request: (fx) => ({ url: `/plans/${fx.extra.planId}/tasks/${fx.extra.planTaskId}`, payload: {}, headers: json }),
      note: 'nothing changed: a redirect back to the plan',
    },
    {
      method: 'POST',
      route: '/plans/:id/tasks/:taskId/indicators',
      allow: MANAGE,
      request: (fx) => ({
        url: `/plans/${fx.extra.planId}/tasks/${fx.extra.planTaskId}/indicators`,
        payload: { indicators: 'requests.received' },
        headers: json,
      }),
      note: 'binds one indicator, then a redirect back to the plan',
    },
    { method: 'GET', route: '/plans/:id/board', allow: READ, request: (fx) => ({ url: `/plans/${fx.extra.planId}/board` }) },
    {
      method: 'GET',
      route: '/plans/:id/tasks/:taskId/report',
      allow: MANAGE,
      request: (fx) => ({ url: `/plans/${fx.extra.planId}/tasks/${fx.extra.planTaskId}/report` }),
      note: 'case officers without an agency are not assigned to the task: 403 plan.not_assigned',
    },
    {
      method: 'POST',
      route: '/plans/:id/tasks/:taskId/report',
      allow: MANAGE,
      request: (fx) => ({
        url: `/plans/${fx.extra.planId}/tasks/${fx.extra.planTaskId}/report`,
        payload: { period: '2026-12-10', status: 'on_track', agencyId: fx.extra.planAgencyId },
        headers: json,
      }),
      note: 'case officers without an agency: 403 plan.no_agency',
    },
    {
      method: 'POST',
      route: '/plans/:id/urge',
      allow: MANAGE,
      request: (fx) => ({
        url: `/plans/${fx.extra.planId}/urge`,
        payload: { agencyId: fx.extra.planAgencyId, period: '2026-12-10', message: 'Đề nghị báo cáo.' },
        headers: json,
      }),
    },
  ],
};
