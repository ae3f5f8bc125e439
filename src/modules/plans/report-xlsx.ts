/**
 * The XLSX appendix of the periodic report (issue 6 point 6): the task table with progress and
 * the bound indicators' figures for the period chosen, and a second sheet with the province's
 * live indicators and requests by sector; from the same data as the DOCX report (report-doc.ts).
 */
import type { Ctx } from '../../platform/context.js';
import { formatDate } from '../../platform/i18n.js';
import { figureText, planReportData, type PlanReportData } from './report-doc.js';
import { STATUS_LABELS } from './texts.js';
import { buildXlsx } from './xlsx.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const APPENDIX_HEADER = ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Thời gian', 'Tiến độ', 'Kết quả báo cáo', 'Số liệu hệ thống'];

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
        t.indicators.map((v) => `${v.label}: ${figureText(v)}`).join('\n'),
      ]);
  }
  const figures: (string | number | null)[][] = [
    [`SỐ LIỆU TỪ HỆ THỐNG: KỲ TỪ NGÀY ${formatDate(d.period.start)} ĐẾN NGÀY ${formatDate(d.period.deadline)}`],
    ['Mã', 'Chỉ số', 'Giá trị', 'Đơn vị'],
    ...d.figures.map((f) => [f.code, f.label, f.value, f.unit]),
  ];
  for (const f of d.figures.filter((x) => x.breakdown?.length)) {
    figures.push([], [f.label, 'Lĩnh vực', 'Số lượng']);
    for (const b of f.breakdown!) figures.push([f.code, b.label, b.value]);
  }
  return buildXlsx([
    { name: 'Phụ lục', rows, merges: ['A1:G1', 'A2:G2'] },
    { name: 'Số liệu', rows: figures, merges: ['A1:D1'] },
  ]);
}

export async function planReportXlsxFile(ctx: Ctx, planId: string, period: string | undefined) {
  const data = await planReportData(ctx, planId, period);
  return { body: planReportXlsx(data), contentType: XLSX_TYPE, filename: `phu-luc-${data.plan.code}-${data.period.deadline}.xlsx` };
}
