import ExcelJS from 'exceljs';
import { CLASSIFICATION_LABELS_VI, PRIORITY_LABELS_VI, TASK_STATUS_LABELS_VI, type Task, type TaskExportQuery } from '../../../contracts/tasks.ts';
import { viDate } from '../../kernel/calendar.ts';

/**
 * XLSX rendering of a task list: a title row, a row stating the filters and the date, then a
 * table with Vietnamese headers, dd/mm/yyyy dates and status labels in the vocabulary of
 * Vietnamese task tracking (QĐ 42/2014/QĐ-TTg; see contracts/tasks.ts).
 */
const ROLE_VI = { lead: 'chủ trì', coordinating: 'phối hợp', assigning: 'giao', any: 'liên quan' } as const;

export const EXPORT_HEADERS = [
  'STT',
  'Mã nhiệm vụ',
  'Tên nhiệm vụ',
  'Nguồn giao',
  'Đơn vị giao',
  'Đơn vị chủ trì',
  'Đơn vị phối hợp',
  'Ngày giao',
  'Hạn hoàn thành',
  'Trạng thái',
  'Tiến độ (%)',
  'Ngày hoàn thành',
  'Mức ưu tiên',
  'Độ mật',
] as const;

/** dd/mm/yyyy from YYYY-MM-DD. */
const asDate = (iso: string | null): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export function describeFilters(q: TaskExportQuery, unitName: string | null): string {
  const parts: string[] = [];
  if (unitName) parts.push(`đơn vị ${ROLE_VI[q.unitRole ?? 'any']}: ${unitName}`);
  if (q.status !== undefined) parts.push(`trạng thái: ${(Array.isArray(q.status) ? q.status : [q.status]).map((s) => TASK_STATUS_LABELS_VI[s]).join(', ')}`);
  if (q.q) parts.push(`từ khóa: “${q.q}”`);
  if (q.documentId) parts.push('theo văn bản');
  if (q.clauseId) parts.push('theo điều, khoản');
  if (q.conferenceId) parts.push('theo hội nghị');
  if (q.parentId) parts.push('nhiệm vụ con');
  if (q.deadlineFrom) parts.push(`hạn từ ${viDate(q.deadlineFrom)}`);
  if (q.deadlineTo) parts.push(`hạn đến ${viDate(q.deadlineTo)}`);
  return parts.length ? parts.join('; ') : 'tất cả nhiệm vụ trong phạm vi';
}

function sourceLabel(t: Task): string {
  const s = t.source;
  if (s.kind === 'document_clause') return [s.documentLabel, s.clauseLabel].filter(Boolean).join(', ');
  if (s.kind === 'document') return s.documentLabel ?? '';
  if (s.kind === 'conference_item') return 'Kết luận hội nghị';
  if (s.kind === 'parent_task') return 'Nhiệm vụ cấp trên';
  return '';
}

export async function buildTaskWorkbook(tasks: Task[], opts: { asOf: string; query: TaskExportQuery; unitName: string | null }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Phối Hợp';
  wb.created = new Date(`${opts.asOf}T00:00:00Z`);
  const ws = wb.addWorksheet('Nhiệm vụ', { views: [{ state: 'frozen', ySplit: 3 }] });
  const lastCol = EXPORT_HEADERS.length;
  ws.mergeCells(1, 1, 1, lastCol);
  ws.getCell(1, 1).value = 'DANH SÁCH NHIỆM VỤ';
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, lastCol);
  ws.getCell(2, 1).value = `Tính đến ngày ${viDate(opts.asOf)} — Bộ lọc: ${describeFilters(opts.query, opts.unitName)} — ${tasks.length} nhiệm vụ`;
  ws.getCell(2, 1).font = { italic: true };
  const header = ws.getRow(3);
  EXPORT_HEADERS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  tasks.forEach((t, i) => {
    ws.addRow([
      i + 1,
      t.code,
      t.title,
      sourceLabel(t),
      t.assigningUnit.name,
      t.leadUnit.name,
      t.coordinators.map((c) => c.unitName).join('; '),
      asDate(t.assignedOn),
      asDate(t.deadlineOn),
      TASK_STATUS_LABELS_VI[t.status],
      t.progress,
      asDate(t.completedOn),
      PRIORITY_LABELS_VI[t.priority],
      CLASSIFICATION_LABELS_VI[t.classification],
    ]);
  });
  for (const col of [8, 9, 12]) ws.getColumn(col).numFmt = 'dd/mm/yyyy';
  const widths = [6, 12, 60, 24, 32, 32, 40, 12, 14, 24, 10, 14, 12, 10];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
