/**
 * Texts of the plans pages, Vietnamese first, English second, like the hotline's catalogue: they
 * live in the module (the shared catalogues in platform/i18n have one owner) and `pt` has the
 * contract of platform `t`, so moving them there later is mechanical.
 *
 * Only the pages speak English. The DOCX/XLSX reports are legal documents and stay Vietnamese:
 * they use `STATUS_LABELS` and `timingSummary` with the default locale. The API speaks codes; its
 * error messages (errors.ts) are not in this catalogue.
 */
import { formatDate, type Locale } from '../../platform/i18n.js';
import { reportStatuses, type ReportStatus, type Timing } from './schema.js';

const vi = {
  // The "6 clears" (6 rõ) and report statuses.
  'clear.person': 'Rõ người',
  'clear.task': 'Rõ việc',
  'clear.time': 'Rõ thời gian',
  'clear.responsibility': 'Rõ trách nhiệm',
  'clear.deliverable': 'Rõ sản phẩm',
  'clear.authority': 'Rõ thẩm quyền',
  'clearShort.person': 'người',
  'clearShort.task': 'việc',
  'clearShort.time': 'thời gian',
  'clearShort.responsibility': 'trách nhiệm',
  'clearShort.deliverable': 'sản phẩm',
  'clearShort.authority': 'thẩm quyền',
  'clears.missing': 'Thiếu: {list}',
  'clears.all': 'Đủ 6 rõ',
  'status.not_started': 'Chưa triển khai',
  'status.on_track': 'Đúng tiến độ',
  'status.at_risk': 'Có nguy cơ chậm',
  'status.done': 'Hoàn thành',
  'status.overdue': 'Quá hạn',
  // What the system understood of a timing phrase.
  'timing.due': 'Hạn {date}',
  'timing.once': 'Một lần',
  'timing.recurring': 'Định kỳ {every}',
  'timing.recurringOn': ' (ngày {day})',
  'every.year': 'hằng năm',
  'every.half-year': '6 tháng một lần',
  'every.quarter': 'hằng quý',
  'every.month': 'hằng tháng',
  'timing.continuous': 'Thường xuyên',
  'timing.continuousUntil': 'Thường xuyên, đến {date}',
  'timing.from': 'Từ {date}',
  'timing.fromTo': ' đến {date}',
  'timing.onwards': ' trở đi',
  'timing.until': 'đến {date}',
  'timing.conditional': 'Theo điều kiện (chờ sự kiện)',
  'timing.unparsed': 'Chưa đọc được thời gian',
  // Agencies of a task.
  'agency.group': 'nhóm',
  'agency.unmatched': 'chưa khớp danh bạ',
  'agency.unmatchedShort': 'chưa khớp',
  'agency.chosen': 'đã chọn',
  'agency.written': '(văn bản ghi: {text})',
  'role.lead': 'chủ trì',
  'role.co': 'phối hợp',
  // Columns and facts shared by the pages.
  'col.code': 'Mã',
  'col.plan': 'Kế hoạch',
  'col.tasks': 'Nhiệm vụ',
  'col.clears': '6 rõ',
  'col.unmatched': 'Cơ quan chưa khớp',
  'col.unmatchedShort': 'Chưa khớp',
  'col.no': 'TT',
  'col.content': 'Nội dung',
  'col.lead': 'Chủ trì',
  'col.co': 'Phối hợp',
  'col.deliverable': 'Sản phẩm',
  'col.timing': 'Thời gian',
  'col.person': 'Người chịu trách nhiệm',
  'col.agency': 'Cơ quan',
  'col.expected': 'Phải báo cáo',
  'col.reported': 'Đã báo cáo',
  'col.status': 'Tình trạng',
  'col.missing': 'Chưa báo cáo',
  'col.reminders': 'Nhắc, đôn đốc',
  'col.section': 'Mục',
  'facts.issuer': 'Cơ quan ban hành',
  'facts.numberDate': 'Số, ngày',
  'facts.basis': 'Căn cứ',
  'facts.calendar': 'Lịch báo cáo',
  'facts.focal': 'Cơ quan đầu mối',
  // /plans
  'list.title': 'Kế hoạch',
  'list.intro':
    'Kế hoạch của tỉnh về bảo vệ quyền lợi người tiêu dùng: nhiệm vụ, cơ quan chủ trì, phối hợp, thời hạn và mức độ "6 rõ" (rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền).',
  'list.import': 'Nhập kế hoạch từ tệp',
  'list.caption': 'Kế hoạch ({count})',
  'list.empty': 'Chưa có kế hoạch nào.',
  'list.number': 'Số {number}',
  // /plans/import
  'import.title': 'Nhập kế hoạch',
  'import.intro':
    'Chọn tệp kế hoạch (Word .docx có bảng phụ lục, Excel .xlsx, hoặc văn bản .txt) hoặc dán nội dung kế hoạch. Hệ thống đọc bảng nhiệm vụ và cho xem trước; chưa có gì được lưu cho tới khi bạn bấm "Lưu kế hoạch".',
  'import.file': 'Tệp kế hoạch',
  'import.fileHint': 'DOCX, XLSX hoặc TXT, tối đa 10 MB.',
  'import.sheet': 'Trang tính (Excel, không bắt buộc)',
  'import.content': 'Hoặc dán nội dung kế hoạch',
  'import.submit': 'Đọc và xem trước',
  // The preview of an import.
  'preview.title': 'Xem trước kế hoạch',
  'preview.read': 'Đọc được {tasks} nhiệm vụ trong {sections} mục',
  'preview.fromFile': ' từ tệp {file}',
  'preview.unmatched': '{count} tên cơ quan chưa khớp danh bạ: chọn cơ quan trong bảng, hoặc để nguyên (được đánh dấu để sửa sau).',
  'preview.allMatched': 'Mọi cơ quan đã khớp danh bạ hoặc là nhóm cơ quan.',
  'preview.notes': '{count} lưu ý khi đọc tệp{toCheck} (xem bên dưới).',
  'preview.notesToCheck': ', {count} cần xem',
  'preview.noNotes': 'Không có lưu ý nào khi đọc tệp.',
  'preview.notesTitle': 'Lưu ý khi đọc tệp ({count})',
  'preview.toCheck': 'cần xem',
  'preview.planTitle': 'Tên kế hoạch',
  'preview.deadline': 'trước {day}/{month} hằng năm',
  'preview.noCalendar': 'Không thấy trong văn bản (đặt sau khi lưu).',
  'preview.focal': 'Cơ quan đầu mối theo dõi, tổng hợp',
  'preview.reminderDays': 'Nhắc báo cáo trước hạn (ngày)',
  'preview.caption': 'Nhiệm vụ ({count})',
  'preview.timingLabel': 'Thời gian của nhiệm vụ {ref}',
  'preview.personLabel': 'Người chịu trách nhiệm nhiệm vụ {ref}',
  'preview.save': 'Lưu kế hoạch',
  'preview.otherFile': 'Chọn tệp khác',
  'select.label': 'Chọn cơ quan cho "{text}" ({role}, nhiệm vụ {task})',
  'select.leave': '— Để chưa khớp —',
  'select.suggested': 'Gợi ý',
  'select.directory': 'Danh bạ',
  // /plans/:id
  'plan.title': '{code} · Kế hoạch',
  'plan.calendarAgencies': 'Các cơ quan báo cáo',
  'plan.calendarFocal': 'Cơ quan đầu mối báo cáo',
  'plan.calendarEntry': '{who} trước {day}/{month} hằng năm',
  'plan.noCalendar': 'Chưa có lịch báo cáo',
  'plan.reminder': 'Nhắc trước hạn {days} ngày.',
  'plan.score': 'Điểm "6 rõ" của kế hoạch: {score}',
  'plan.complete': '{complete}/{tasks} nhiệm vụ đủ 6 rõ.',
  'plan.missing': 'Số nhiệm vụ còn thiếu: {list}.',
  'plan.unmatched': '{count} cơ quan chưa khớp danh bạ',
  'plan.caption': 'Nhiệm vụ',
  'plan.person': 'Người chịu trách nhiệm: {name}',
  'plan.indicators': 'Chỉ số tự động: {list}',
  'plan.report': 'Báo cáo tiến độ',
  'plan.corrected': '(đã sửa; văn bản ghi: {text})',
  'plan.boardLink': 'Bảng tổng hợp tiến độ và báo cáo định kỳ',
  'fix.summary': 'Sửa nhiệm vụ {ref}',
  'fix.agency': 'Cơ quan cho "{text}"',
  'fix.timing': 'Thời gian',
  'fix.person': 'Người chịu trách nhiệm',
  'fix.authority': 'Thẩm quyền, căn cứ',
  'fix.conditionMet': 'Ngày sự kiện điều kiện xảy ra',
  'fix.save': 'Lưu',
  'ind.summary': 'Chỉ số tự động của nhiệm vụ {ref}',
  'ind.legend': 'Số liệu hệ thống đưa vào báo cáo của nhiệm vụ (tối đa 20)',
  'ind.bySector': 'Theo lĩnh vực',
  'ind.save': 'Lưu chỉ số',
  'done.created': 'Đã lưu kế hoạch. Các tên cơ quan chưa khớp được đánh dấu để sửa.',
  'done.task': 'Đã lưu thay đổi của nhiệm vụ.',
  'done.unchanged': 'Không có thay đổi nào.',
  'done.indicators': 'Đã lưu chỉ số tự động của nhiệm vụ.',
  // The progress report form.
  'report.title': 'Báo cáo nhiệm vụ {ref}',
  'report.period': 'Kỳ báo cáo (hạn)',
  'report.agency': 'Cơ quan báo cáo',
  'report.status': 'Tình trạng',
  'report.figures': 'Số liệu tự động từ hệ thống',
  'report.figuresHint': 'Không cần nhập: báo cáo tự kèm số liệu của kỳ đã chọn, tính khi gửi.',
  'report.current': 'Kỳ hiện tại ({from} – {to}), đến nay:',
  'report.narrative': 'Kết quả thực hiện',
  'report.evidence': 'Tệp minh chứng (không bắt buộc)',
  'report.evidenceHint': 'JPEG, PNG, PDF hoặc DOCX, tối đa 10 MB.',
  'report.submit': 'Gửi báo cáo',
  'report.sent': 'Các báo cáo đã gửi',
  'report.none': 'Chưa có báo cáo.',
  'report.due': 'Hạn {date}',
  'report.kpis': 'Số liệu hệ thống: {list}',
  'report.done': 'Đã gửi báo cáo.',
  // The board.
  'board.title': 'Bảng tổng hợp · {code}',
  'board.period': 'Kỳ báo cáo',
  'board.show': 'Xem',
  'board.periodRange': 'Kỳ từ {from} đến {to}',
  'board.focalDeadline': '; cơ quan đầu mối báo cáo trước {date}',
  'board.remindFrom': '; nhắc từ {date}.',
  'board.closed': 'Đã qua hạn',
  'board.open': 'Đang trong kỳ',
  'board.download': 'Tải báo cáo tổng hợp (DOCX)',
  'board.byAgency': 'Theo cơ quan chủ trì',
  'board.contributions': '(+{count} phối hợp)',
  'board.reminded': 'đã nhắc',
  'board.escalated': 'quá hạn',
  'board.urged': 'đôn đốc {count} lần',
  'board.urgeLabel': 'Nội dung đôn đốc {agency}',
  'board.urge': 'Đôn đốc',
  'board.bySection': 'Theo mục của kế hoạch',
  'board.timeline': 'Dòng thời gian',
  'board.noEvents': 'Chưa có báo cáo hay nhắc nhở trong kỳ.',
  'timeline.report': 'Báo cáo nhiệm vụ {ref}: {status}',
  'timeline.contribution': 'Đóng góp nhiệm vụ {ref}: {status}',
  'timeline.reminder': 'Nhắc báo cáo ({refs})',
  'timeline.escalation': 'Quá hạn, báo cơ quan đầu mối ({refs})',
  'timeline.urge': 'Đôn đốc: {message}',
  'board.noCalendar': 'Kế hoạch chưa có lịch báo cáo, nên chưa có kỳ báo cáo.',
  'board.urgedDone': 'Đã gửi đôn đốc.',
  // Errors raised by the page handlers themselves (the services' errors keep their own messages).
  'error.previewInvalid': 'Bản xem trước không còn hợp lệ. Vui lòng chọn lại tệp.',
  'error.empty': 'Chưa chọn tệp hay dán nội dung kế hoạch.',
  'error.invalid': 'Dữ liệu chưa hợp lệ.',
  'error.tooManyIndicators': 'Chọn tối đa 20 chỉ số cho một nhiệm vụ.',
  'error.report': 'Chọn kỳ báo cáo và tình trạng.',
  'error.urge': 'Cần cơ quan, kỳ báo cáo và nội dung đôn đốc.',
};

export type PlanTextKey = keyof typeof vi;

/** English, plain and short. `{n|one|other}` picks a word by the number `n` (English plurals). */
const en: Record<PlanTextKey, string> = {
  'clear.person': 'Clear person',
  'clear.task': 'Clear task',
  'clear.time': 'Clear time',
  'clear.responsibility': 'Clear responsibility',
  'clear.deliverable': 'Clear output',
  'clear.authority': 'Clear authority',
  'clearShort.person': 'person',
  'clearShort.task': 'task',
  'clearShort.time': 'time',
  'clearShort.responsibility': 'responsibility',
  'clearShort.deliverable': 'output',
  'clearShort.authority': 'authority',
  'clears.missing': 'Missing: {list}',
  'clears.all': 'All 6 clears met',
  'status.not_started': 'Not started',
  'status.on_track': 'On track',
  'status.at_risk': 'At risk of delay',
  'status.done': 'Done',
  'status.overdue': 'Overdue',
  'timing.due': 'Due {date}',
  'timing.once': 'Once',
  'timing.recurring': 'Recurring, {every}',
  'timing.recurringOn': ' (on {day})',
  'every.year': 'every year',
  'every.half-year': 'every 6 months',
  'every.quarter': 'every quarter',
  'every.month': 'every month',
  'timing.continuous': 'Ongoing',
  'timing.continuousUntil': 'Ongoing, until {date}',
  'timing.from': 'From {date}',
  'timing.fromTo': ' to {date}',
  'timing.onwards': ' onwards',
  'timing.until': 'Until {date}',
  'timing.conditional': 'When a condition is met (waiting for the event)',
  'timing.unparsed': 'Timing not understood',
  'agency.group': 'group',
  'agency.unmatched': 'not in the directory',
  'agency.unmatchedShort': 'not matched',
  'agency.chosen': 'chosen',
  'agency.written': '(the document says: {text})',
  'role.lead': 'lead',
  'role.co': 'supporting',
  'col.code': 'Code',
  'col.plan': 'Plan',
  'col.tasks': 'Tasks',
  'col.clears': '6 clears',
  'col.unmatched': 'Unmatched agencies',
  'col.unmatchedShort': 'Unmatched',
  'col.no': 'No.',
  'col.content': 'Task',
  'col.lead': 'Lead',
  'col.co': 'Supporting',
  'col.deliverable': 'Output',
  'col.timing': 'Timing',
  'col.person': 'Responsible person',
  'col.agency': 'Agency',
  'col.expected': 'Reports due',
  'col.reported': 'Reported',
  'col.status': 'Status',
  'col.missing': 'Not reported',
  'col.reminders': 'Reminders and chasing',
  'col.section': 'Section',
  'facts.issuer': 'Issued by',
  'facts.numberDate': 'Number and date',
  'facts.basis': 'Legal basis',
  'facts.calendar': 'Reporting dates',
  'facts.focal': 'Focal agency',
  'list.title': 'Plans',
  'list.intro':
    'The province’s consumer protection plans: tasks, lead and supporting agencies, deadlines, and how well each task meets the "6 clears" (clear person, task, time, responsibility, output and authority).',
  'list.import': 'Import a plan from a file',
  'list.caption': 'Plans ({count})',
  'list.empty': 'There are no plans yet.',
  'list.number': 'No. {number}',
  'import.title': 'Import a plan',
  'import.intro':
    'Choose the plan file (Word .docx with the appendix table, Excel .xlsx or text .txt) or paste the text of the plan. The system reads the task table and shows you a preview. Nothing is saved until you select "Save plan".',
  'import.file': 'Plan file',
  'import.fileHint': 'DOCX, XLSX or TXT, up to 10 MB.',
  'import.sheet': 'Worksheet (Excel, optional)',
  'import.content': 'Or paste the text of the plan',
  'import.submit': 'Read and preview',
  'preview.title': 'Plan preview',
  'preview.read': 'Found {tasks} {taskCount|task|tasks} in {sections} {sections|section|sections}',
  'preview.fromFile': ' of the file {file}',
  'preview.unmatched':
    '{count} agency {count|name does|names do} not match the directory: choose the agency in the table, or leave {count|it|them} (marked to correct later).',
  'preview.allMatched': 'Every agency matches the directory or is a group of agencies.',
  'preview.notes': '{count} {count|note|notes} from reading the file{toCheck} (see below).',
  'preview.notesToCheck': ', {count} to check',
  'preview.noNotes': 'No notes from reading the file.',
  'preview.notesTitle': 'Notes from reading the file ({count})',
  'preview.toCheck': 'to check',
  'preview.planTitle': 'Plan title',
  'preview.deadline': 'by {day}/{month} each year',
  'preview.noCalendar': 'Not found in the document (set it after saving).',
  'preview.focal': 'Focal agency (follows up and consolidates)',
  'preview.reminderDays': 'Reminder before the reporting deadline (days)',
  'preview.caption': 'Tasks ({count})',
  'preview.timingLabel': 'Timing of task {ref}',
  'preview.personLabel': 'Person responsible for task {ref}',
  'preview.save': 'Save plan',
  'preview.otherFile': 'Choose another file',
  'select.label': 'Choose the agency for "{text}" ({role}, task {task})',
  'select.leave': '— Leave unmatched —',
  'select.suggested': 'Suggested',
  'select.directory': 'Directory',
  'plan.title': '{code} · Plan',
  'plan.calendarAgencies': 'Agencies report',
  'plan.calendarFocal': 'The focal agency reports',
  'plan.calendarEntry': '{who} by {day}/{month} each year',
  'plan.noCalendar': 'No reporting dates yet',
  'plan.reminder': 'Reminder {days} {days|day|days} before the deadline.',
  'plan.score': '"6 clears" score of the plan: {score}',
  'plan.complete': '{complete} of {tasks} {tasks|task meets|tasks meet} all 6 clears.',
  'plan.missing': 'Tasks still missing: {list}.',
  'plan.unmatched': '{count} {count|agency|agencies} not in the directory',
  'plan.caption': 'Tasks',
  'plan.person': 'Responsible person: {name}',
  'plan.indicators': 'Automatic figures: {list}',
  'plan.report': 'Report progress',
  'plan.corrected': '(corrected; the document says: {text})',
  'plan.boardLink': 'Progress board and periodic reports',
  'fix.summary': 'Correct task {ref}',
  'fix.agency': 'Agency for "{text}"',
  'fix.timing': 'Timing',
  'fix.person': 'Responsible person',
  'fix.authority': 'Authority and legal basis',
  'fix.conditionMet': 'Date the condition was met',
  'fix.save': 'Save',
  'ind.summary': 'Automatic figures for task {ref}',
  'ind.legend': 'System figures to include in the task’s reports (up to 20)',
  'ind.bySector': 'By sector',
  'ind.save': 'Save figures',
  'done.created': 'Plan saved. Agency names that did not match are marked for correction.',
  'done.task': 'Task changes saved.',
  'done.unchanged': 'Nothing was changed.',
  'done.indicators': 'Automatic figures for the task saved.',
  'report.title': 'Report on task {ref}',
  'report.period': 'Reporting period (deadline)',
  'report.agency': 'Reporting agency',
  'report.status': 'Status',
  'report.figures': 'Automatic figures from the system',
  'report.figuresHint': 'You do not need to enter these: the report adds the figures for the chosen period when you send it.',
  'report.current': 'Current period ({from} – {to}) so far:',
  'report.narrative': 'Progress made',
  'report.evidence': 'Evidence file (optional)',
  'report.evidenceHint': 'JPEG, PNG, PDF or DOCX, up to 10 MB.',
  'report.submit': 'Send report',
  'report.sent': 'Reports sent',
  'report.none': 'No reports yet.',
  'report.due': 'Due {date}',
  'report.kpis': 'System figures: {list}',
  'report.done': 'Report sent.',
  'board.title': 'Progress board · {code}',
  'board.period': 'Reporting period',
  'board.show': 'Show',
  'board.periodRange': 'Period from {from} to {to}',
  'board.focalDeadline': '; the focal agency reports by {date}',
  'board.remindFrom': '; reminders from {date}.',
  'board.closed': 'Deadline passed',
  'board.open': 'Period open',
  'board.download': 'Download the consolidated report (DOCX)',
  'board.byAgency': 'By lead agency',
  'board.contributions': '(+{count} supporting)',
  'board.reminded': 'reminded',
  'board.escalated': 'overdue',
  'board.urged': 'chased {count} {count|time|times}',
  'board.urgeLabel': 'Message chasing {agency}',
  'board.urge': 'Chase',
  'board.bySection': 'By section of the plan',
  'board.timeline': 'Timeline',
  'board.noEvents': 'No reports or reminders in this period yet.',
  'timeline.report': 'Report on task {ref}: {status}',
  'timeline.contribution': 'Contribution to task {ref}: {status}',
  'timeline.reminder': 'Reminder to report ({refs})',
  'timeline.escalation': 'Overdue, escalated to the coordinating agency ({refs})',
  'timeline.urge': 'Chased: {message}',
  'board.noCalendar': 'The plan has no reporting dates, so it has no reporting periods yet.',
  'board.urgedDone': 'Chaser sent.',
  'error.previewInvalid': 'The preview is no longer valid. Choose the file again.',
  'error.empty': 'Choose a file or paste the text of the plan.',
  'error.invalid': 'Some of the data is not valid.',
  'error.tooManyIndicators': 'Choose up to 20 figures for a task.',
  'error.report': 'Choose the reporting period and the status.',
  'error.urge': 'Give the agency, the reporting period and the message.',
};

const catalogs: Record<Locale, Record<PlanTextKey, string>> = { vi, en };

/**
 * Same contract as platform `t`: `{name}` placeholders, Vietnamese as the fallback; a placeholder
 * without a value is left as it is (the pages put markup there). `{n|one|other}` is `one` when the
 * number `n` is 1, else `other`; only the English texts use it.
 */
export function pt(locale: Locale, key: PlanTextKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? vi[key];
  return template.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return one === undefined ? String(v) : Number(v) === 1 ? one : (other ?? '');
  });
}

/** The six clears, in the order the markers show them. */
export const CLEAR_CODES = ['person', 'task', 'time', 'responsibility', 'deliverable', 'authority'] as const;
type ClearCode = (typeof CLEAR_CODES)[number];
const isClear = (c: string): c is ClearCode => (CLEAR_CODES as readonly string[]).includes(c);

/** "Rõ người", "Clear person"; an unknown code as it is. */
export const clearLabel = (locale: Locale, c: string): string => (isClear(c) ? pt(locale, `clear.${c}`) : c);
/** "người", "person": the marker's word. */
export const clearShortLabel = (locale: Locale, c: string): string => (isClear(c) ? pt(locale, `clearShort.${c}`) : c);

/** Vietnamese labels of the six clears (reports and the default locale). */
export const CLEAR_LABELS: Record<string, string> = Object.fromEntries(CLEAR_CODES.map((c) => [c, vi[`clear.${c}`]]));

/** Vietnamese labels of report statuses: the DOCX/XLSX reports and the board's timeline use these. */
export const STATUS_LABELS: Record<ReportStatus, string> = Object.fromEntries(reportStatuses.map((s) => [s, vi[`status.${s}`]])) as Record<
  ReportStatus,
  string
>;

/** A report status in the page's language. */
export const statusLabel = (locale: Locale, s: ReportStatus): string => pt(locale, `status.${s}`);

/**
 * The draft of an urging message (đôn đốc), which the officer may edit: it goes to the agency's
 * staff and into the plan's record, so it is Vietnamese whatever the page's language.
 */
export const urgeDraft = (agencyName: string, taskRefs: readonly string[]): string =>
  `Đề nghị ${agencyName} báo cáo các nhiệm vụ ${taskRefs.join(', ')}.`;

/** What the system understood of a timing phrase, in a few words (Vietnamese unless asked). */
export function timingSummary(t: Timing, locale: Locale = 'vi'): string {
  const x = (key: PlanTextKey, params?: Record<string, string | number>) => pt(locale, key, params);
  switch (t.kind) {
    case 'once':
      return t.due ? x('timing.due', { date: formatDate(t.due) }) : x('timing.once');
    case 'recurring': {
      const every = `every.${t.recurrence?.every ?? 'year'}`;
      const on = t.recurrence?.on ? x('timing.recurringOn', { day: t.recurrence.on.split('-').reverse().join('/') }) : '';
      return x('timing.recurring', { every: every in vi ? x(every as PlanTextKey) : '' }) + on;
    }
    case 'continuous':
      return t.until ? x('timing.continuousUntil', { date: formatDate(t.until) }) : x('timing.continuous');
    case 'range':
      if (t.from)
        return (
          x('timing.from', { date: formatDate(t.from) }) +
          (t.until ? x('timing.fromTo', { date: formatDate(t.until) }) : x('timing.onwards'))
        );
      return t.until ? x('timing.until', { date: formatDate(t.until) }) : x('timing.onwards').trim();
    case 'conditional':
      return x('timing.conditional');
    default:
      return x('timing.unparsed');
  }
}

/** One event of the board's timeline in a language (the API's `text` is the Vietnamese one). */
export function timelineText(
  locale: Locale,
  e: {
    kind: 'report' | 'reminder' | 'escalation' | 'urge';
    refs: readonly string[];
    role?: 'lead' | 'co';
    status?: ReportStatus;
    message?: string;
  },
): string {
  if (e.kind === 'report')
    return pt(locale, e.role === 'co' ? 'timeline.contribution' : 'timeline.report', {
      ref: e.refs[0] ?? '',
      status: e.status ? statusLabel(locale, e.status) : '',
    });
  if (e.kind === 'urge') return pt(locale, 'timeline.urge', { message: e.message ?? '' });
  return pt(locale, e.kind === 'reminder' ? 'timeline.reminder' : 'timeline.escalation', { refs: e.refs.join(', ') });
}
