/**
 * The XLSX appendix of the periodic report (issue 6 point 6): the task table with progress for
 * the period chosen, from the same data as the DOCX report (report-doc.ts).
 */
import type { Ctx } from '../../platform/context.js';
import { formatDate } from '../../platform/i18n.js';
import { planReportData, type PlanReportData } from './report-doc.js';
import { STATUS_LABELS } from './texts.js';
import { buildXlsx } from './xlsx.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const APPENDIX_HEADER = ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Thời gian', 'Tiến độ', 'Kết quả báo cáo'];

export function planReportXlsx(d: PlanReportData): Buffer {
  const rows: (string | number | null)[][] = [
    [`PHỤ LỤC: TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH ${d.plan.code}`],
    [`Kỳ báo cáo từ ngày ${formatDate(d.period.start)} đến ngày ${formatDate(d.period.deadline)}`],
    APPENDIX_HEADER,
  ];
  for (const s of d.sections) {
    if (s.ref) rows.push([s.ref, s.content]);
    for (const t of s.tasks)
      rows.push([
        t.ref,
        t.content,
        t.leads.join('; '),
        t.timing,
        t.status === 'missing' ? 'Chưa báo cáo' : STATUS_LABELS[t.status],
        t.reports.map((r) => `${r.agency}: ${r.narrative}`).join('\n'),
      ]);
  }
  return buildXlsx([{ name: 'Phụ lục', rows, merges: ['A1:F1', 'A2:F2'] }]);
}

export async function planReportXlsxFile(ctx: Ctx, planId: string, period: string | undefined) {
  const data = await planReportData(ctx, planId, period);
  return { body: planReportXlsx(data), contentType: XLSX_TYPE, filename: `phu-luc-${data.plan.code}-${data.period.deadline}.xlsx` };
}
