/**
 * The consolidated periodic report of a plan (issue 6 point 6) as a Vietnamese administrative
 * document in the format of Decree 30/2020/NĐ-CP: the issuing body and the national motto, number
 * and symbol, place and date, the title "BÁO CÁO", a body with one part per plan item (status and
 * what each agency reported), a summary table, the agencies that did not report, the recipients
 * ("Nơi nhận") and the signature block. The figures come from the system, not from the agencies:
 * part II is the province's live indicators for the period (with requests by sector), and each task
 * bound to indicators shows their values for the period (indicators.ts). `planReportDocument` is
 * pure; `planReportFile` gathers the data for a period and renders DOCX (or PDF) through
 * platform/documents.
 */
import { requirePermission } from '../../platform/auth/permissions.js';
import { localDateOf } from '../../platform/clocks/index.js';
import type { Ctx } from '../../platform/context.js';
import {
  documentFileName,
  renderDocument,
  type Block,
  type DocumentFormat,
  type PrintableDocument,
} from '../../platform/documents/index.js';
import { formatDate } from '../../platform/i18n.js';
import { getAgency, getProvince } from '../directory/index.js';
import { planErrors as E } from './errors.js';
import { computeIndicators, PROVINCE_WIDE_CODES, rangeOfPeriod, type IndicatorCache } from './indicators.js';
import { loadPlanData, missingByAgency, periodsOf, isActive } from './progress.js';
import { reportsOfPlan } from './repo.js';
import { reportStatuses, type IndicatorValue, type PeriodView, type ReportStatus, type Timing } from './schema.js';
import { loadPlan } from './service.js';
import { STATUS_LABELS, timingSummary } from './texts.js';

export interface PlanReportData {
  /** "Tuyên Quang" and its type ("tỉnh", "thành phố"). */
  province: { name: string; type: string };
  focalAgencyName: string | null;
  plan: { code: string; title: string; number: string | null; date: string | null };
  period: { start: string; deadline: string };
  /** The day the report is drawn up (YYYY-MM-DD). */
  date: string;
  sections: {
    ref: string | null;
    content: string;
    tasks: {
      ref: string;
      content: string;
      leads: string[];
      timing: string;
      status: ReportStatus | 'missing';
      reports: { agency: string; role: 'lead' | 'co'; status: ReportStatus; narrative: string }[];
      /** The bound live indicators' values for the period. */
      indicators: IndicatorValue[];
    }[];
  }[];
  /** The province's live indicators for the period (part II of the report). */
  figures: IndicatorValue[];
  missing: { agency: string; refs: string[] }[];
}

/** "66.7" → "66,7"; thousands with dots; null → "—" (no data in the period). */
export function figureText(v: IndicatorValue): string {
  if (v.value === null) return 'chưa có số liệu';
  const n = v.value.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  return v.unit === '%' ? `${n}%` : `${n} ${v.unit}`;
}

const upper = (s: string): string => s.toLocaleUpperCase('vi');

/** "Sở Công Thương tỉnh Tuyên Quang" → "Sở Công Thương" (the locality is on the line above). */
function shortName(name: string): string {
  return name.replace(/\s+(tỉnh|thành phố)\s+.+$/u, '').trim();
}

/** The symbol of the issuing body: "Sở Công Thương" → "SCT". */
function symbolOf(name: string): string {
  return shortName(name)
    .split(/[\s,]+/)
    .filter((w) => w && w !== 'và')
    .map((w) => upper(w[0]!))
    .join('')
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/Đ/g, 'D');
}

function statusText(s: ReportStatus | 'missing'): string {
  return s === 'missing' ? 'Chưa báo cáo' : STATUS_LABELS[s];
}

export function planReportDocument(d: PlanReportData): PrintableDocument {
  const focal = d.focalAgencyName ? shortName(d.focalAgencyName) : 'Cơ quan đầu mối';
  const locality = `${d.province.type} ${d.province.name}`;
  const planRef = [
    d.plan.number && /\d/.test(d.plan.number) ? `số ${d.plan.number}` : null,
    d.plan.date ? `ngày ${formatDate(d.plan.date)}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      align: 'justify',
      text: `Thực hiện ${d.plan.title}${planRef ? ` (${planRef})` : ''}, ${focal} báo cáo kết quả thực hiện kỳ từ ngày ${formatDate(d.period.start)} đến ngày ${formatDate(d.period.deadline)} như sau:`,
    },
    { kind: 'heading', text: 'I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ' },
  ];
  for (const s of d.sections) {
    if (s.ref) blocks.push({ kind: 'paragraph', bold: true, text: `${s.ref}. ${s.content}` });
    for (const t of s.tasks) {
      blocks.push({ kind: 'paragraph', align: 'justify', text: [{ text: `${t.ref}. `, bold: true }, { text: t.content }] });
      blocks.push({
        kind: 'fields',
        items: [
          { label: 'Cơ quan chủ trì', value: t.leads.join('; ') || '—' },
          { label: 'Thời gian', value: t.timing },
          { label: 'Tiến độ', value: statusText(t.status) },
          ...t.indicators.map((v) => ({ label: v.label, value: `${figureText(v)} (số liệu hệ thống)` })),
        ],
      });
      if (t.reports.length)
        blocks.push({
          kind: 'list',
          style: 'dash',
          items: t.reports.map((r) => [
            {
              text: `${r.agency} (${r.role === 'lead' ? 'chủ trì' : 'phối hợp'}, ${STATUS_LABELS[r.status].toLowerCase()}): `,
              italic: true,
            },
            { text: r.narrative || 'không có nội dung.' },
          ]),
        });
    }
  }
  const counts = new Map<string, number>();
  for (const s of d.sections) for (const t of s.tasks) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const bySector = d.figures.filter((f) => f.breakdown);
  const sectorKeys = [...new Map(bySector.flatMap((f) => f.breakdown!.map((b) => [b.key, b.label] as const))).entries()];
  blocks.push(
    { kind: 'heading', text: 'II. SỐ LIỆU TỪ HỆ THỐNG' },
    {
      kind: 'paragraph',
      align: 'justify',
      text: `Số liệu do hệ thống tổng hợp từ dữ liệu tiếp nhận, giải quyết yêu cầu, khiếu nại và đường dây nóng trong kỳ (từ ngày ${formatDate(d.period.start)} đến ngày ${formatDate(d.period.deadline)}):`,
    },
    {
      kind: 'table',
      columns: [
        { header: 'Chỉ số', width: 3 },
        { header: 'Kết quả', width: 1, align: 'center' },
      ],
      rows: d.figures.map((f) => [f.label, figureText(f)]),
    },
    ...(sectorKeys.length
      ? [
          { kind: 'paragraph' as const, italic: true, text: 'Yêu cầu, khiếu nại theo lĩnh vực:' },
          {
            kind: 'table' as const,
            columns: [
              { header: 'Lĩnh vực', width: 3 },
              ...bySector.map((f) => ({
                header: f.code === 'requests.received' ? 'Tiếp nhận' : 'Giải quyết xong',
                width: 1,
                align: 'center' as const,
              })),
            ],
            rows: sectorKeys.map(([key, label]) => [
              label,
              ...bySector.map((f) => String(f.breakdown!.find((b) => b.key === key)?.value ?? 0)),
            ]),
          },
        ]
      : []),
    { kind: 'heading', text: 'III. TỔNG HỢP TIẾN ĐỘ' },
    {
      kind: 'table',
      columns: [
        { header: 'Tình trạng', width: 3 },
        { header: 'Số nhiệm vụ', width: 1, align: 'center' },
      ],
      rows: [
        ...[...reportStatuses, 'missing' as const].map((s) => [statusText(s), String(counts.get(s) ?? 0)]),
        ['Tổng số', String(total)],
      ],
    },
    { kind: 'heading', text: 'IV. CƠ QUAN CHƯA BÁO CÁO' },
    d.missing.length
      ? { kind: 'list', style: 'dash', items: d.missing.map((m) => `${m.agency}: nhiệm vụ ${m.refs.join(', ')}.`) }
      : { kind: 'paragraph', text: 'Các cơ quan chủ trì đã báo cáo đầy đủ.' },
    { kind: 'paragraph', text: `${focal} báo cáo để Ủy ban nhân dân ${locality} và Bộ Công Thương biết, chỉ đạo./.` },
    { kind: 'paragraph', bold: true, italic: true, text: 'Nơi nhận:' },
    { kind: 'list', style: 'dash', items: ['Bộ Công Thương;', `UBND ${locality};`, 'Các sở, ban, ngành liên quan;', 'Lưu: VT.'] },
    { kind: 'signatures', signers: [{ title: 'GIÁM ĐỐC', hint: '(Ký, ghi rõ họ tên, đóng dấu)' }] },
  );
  return {
    issuer: [upper(`Ủy ban nhân dân ${locality}`), upper(focal)],
    reference: `Số:      /BC-${symbolOf(focal)}`,
    placeDate: { place: d.province.name, date: d.date },
    title: 'BÁO CÁO',
    subtitle: `Kết quả thực hiện kế hoạch ${d.plan.code} kỳ báo cáo đến ngày ${formatDate(d.period.deadline)}`,
    blocks,
    footerNote: d.plan.code,
    meta: { author: focal, subject: d.plan.title, keywords: ['báo cáo', d.plan.code] },
  };
}

/** The data of the report for one period (default: the current one). Needs `plans.read`. */
export async function planReportData(ctx: Ctx, planId: string, period?: string): Promise<PlanReportData> {
  requirePermission(ctx, 'plans.read');
  const plan = await loadPlan(ctx, planId);
  const today = localDateOf(ctx.now());
  const periods: PeriodView[] = periodsOf(plan, period && period > today ? period : today);
  const p = period ? periods.find((x) => x.deadline === period) : (periods.find((x) => x.deadline >= today) ?? periods[periods.length - 1]);
  if (!p) throw period ? E.periodNotInPlan(period) : E.noReportingCalendar();
  const data = await loadPlanData(ctx, plan);
  const reports = await reportsOfPlan(ctx.db, plan.id, p.deadline);
  const p0 = await getProvince(ctx, plan.province_code).catch(() => ({ name: plan.province_code, type: 'tinh' }));
  const province = { name: p0.name.replace(/^(Tỉnh|Thành phố)\s+/u, ''), type: p0.type === 'thanh_pho' ? 'thành phố' : 'tỉnh' };
  const focalName =
    [...data.assignments.values()].flat().find((a) => a.agency_id === plan.focal_agency_id)?.agency_name ??
    (plan.focal_agency_id
      ? await getAgency(ctx, plan.focal_agency_id).then(
          (a) => a.name,
          () => null,
        )
      : null);
  const ic = { ctx, provinceCode: plan.province_code };
  const range = rangeOfPeriod(p);
  const cache: IndicatorCache = new Map();
  const rank: Record<ReportStatus, number> = { overdue: 0, at_risk: 1, not_started: 2, on_track: 3, done: 4 };
  const sections = new Map<string | null, PlanReportData['sections'][number]>();
  for (const t of data.tasks) {
    if (t.is_section || (!isActive(t, p) && !reports.some((r) => r.task_id === t.id))) continue;
    const parent = t.parent_id ? data.tasks.find((x) => x.id === t.parent_id) : undefined;
    const key = parent?.ref ?? null;
    let s = sections.get(key);
    if (!s) sections.set(key, (s = { ref: parent ? parent.number : null, content: parent?.content ?? '', tasks: [] }));
    const own = reports.filter((r) => r.task_id === t.id);
    const lead = own.filter((r) => r.role === 'lead').map((r) => r.status);
    // Group members ("UBND xã, phường" → each commune) report under the group: their names come from the directory.
    const names = new Map<string, string>([
      ...[...data.members.values()].flat().map((m) => [m.id, m.name] as const),
      ...(data.assignments.get(t.id) ?? []).filter((a) => a.agency_id).map((a) => [a.agency_id!, a.agency_name ?? a.text] as const),
    ]);
    s.tasks.push({
      ref: t.ref,
      content: t.content,
      leads: (data.assignments.get(t.id) ?? []).filter((a) => a.role === 'lead').map((a) => a.agency_name ?? a.text),
      timing: `${(t.timing as Timing).text || '—'} (${timingSummary(t.timing as Timing)})`,
      status: lead.length ? lead.sort((a, b) => rank[a] - rank[b])[0]! : 'missing',
      reports: own.map((r) => ({ agency: names.get(r.agency_id) ?? '', role: r.role, status: r.status, narrative: r.narrative })),
      indicators: t.indicators.length ? await computeIndicators(ic, range, t.indicators, cache) : [],
    });
  }
  const missing = [...missingByAgency(data, p, reports).values()].map((m) => ({ agency: m.name, refs: m.refs }));
  return {
    province: { name: province.name, type: province.type },
    focalAgencyName: focalName,
    plan: { code: plan.code, title: plan.title, number: plan.number, date: plan.issued_on },
    period: { start: p.start, deadline: p.deadline },
    date: today,
    sections: [...sections.values()],
    figures: await computeIndicators(ic, range, PROVINCE_WIDE_CODES, cache),
    missing,
  };
}

export async function planReportFile(ctx: Ctx, planId: string, period: string | undefined, format: DocumentFormat) {
  const data = await planReportData(ctx, planId, period);
  const doc = await renderDocument(planReportDocument(data), format);
  return { ...doc, filename: documentFileName(`bao-cao-${data.plan.code}-${data.period.deadline}`, format) };
}
