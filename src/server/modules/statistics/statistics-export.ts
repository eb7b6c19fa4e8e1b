import ExcelJS from 'exceljs';
import type { IncidentCategory } from '../../../contracts/incidents.ts';
import type { IncidentStats } from '../../../contracts/statistics.ts';

/**
 * XLSX rendering of incident statistics: a title row, a row stating the period, the comparison
 * base and the scope, then a table with Vietnamese headers. Percent cells are left empty where the
 * base is too small, with the reason in the note column.
 */
export const CATEGORY_LABELS_VI: Record<IncidentCategory, string> = {
  social_order: 'Phạm tội về trật tự xã hội',
  economic: 'Phạm tội về trật tự quản lý kinh tế',
  drugs: 'Phạm tội về ma túy',
  environment: 'Phạm tội về môi trường, an toàn thực phẩm',
  corruption: 'Tham nhũng, chức vụ',
  high_tech: 'Tội phạm sử dụng công nghệ cao, lừa đảo trực tuyến',
  traffic_accident: 'Tai nạn giao thông',
  fire_explosion: 'Cháy, nổ',
  mass_gathering: 'Tụ tập đông người, phức tạp',
  other: 'Vụ việc khác',
};

export const STATS_HEADERS = [
  'STT',
  'Nhóm',
  'Số vụ kỳ này',
  'Số vụ cùng kỳ',
  'Tăng (+), giảm (−) số vụ',
  'Tỷ lệ tăng, giảm (%)',
  'Ghi chú',
  'Số người chết kỳ này',
  'Số người chết cùng kỳ',
  'Số người bị thương kỳ này',
  'Số người bị thương cùng kỳ',
  'Thiệt hại tài sản kỳ này (đồng)',
  'Thiệt hại tài sản cùng kỳ (đồng)',
  'Số vụ mở lại kỳ này',
] as const;

export const NOTE_VI = { no_base: 'Cùng kỳ không có vụ nào', base_too_small: 'Cùng kỳ dưới {n} vụ: không tính tỷ lệ' } as const;

export function statsTitle(s: IncidentStats): string {
  return `Kỳ báo cáo: ${s.period.label} — so với cùng kỳ: ${s.base.label} — phạm vi: ${s.scope.label}`;
}

export async function buildStatsWorkbook(s: IncidentStats, asOf: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Phối Hợp';
  wb.created = new Date(`${asOf}T00:00:00Z`);
  const ws = wb.addWorksheet('Thống kê vụ việc', { views: [{ state: 'frozen', ySplit: 3 }] });
  const last = STATS_HEADERS.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = `THỐNG KÊ VỤ VIỆC AN NINH, TRẬT TỰ THEO ${s.groupBy === 'category' ? 'LĨNH VỰC' : 'XÃ, PHƯỜNG, ĐẶC KHU'}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, last);
  const filters = [s.filters.category ? `lĩnh vực: ${CATEGORY_LABELS_VI[s.filters.category as IncidentCategory]}` : null, s.filters.communeCode ? `mã xã: ${s.filters.communeCode}` : null].filter(Boolean);
  ws.getCell(2, 1).value = `${statsTitle(s)}${filters.length ? ` — lọc: ${filters.join('; ')}` : ''} — tỷ lệ chỉ tính khi cùng kỳ từ ${s.minBaseForPercent} vụ`;
  ws.getCell(2, 1).font = { italic: true };
  const header = ws.getRow(3);
  STATS_HEADERS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  const note = (n: 'no_base' | 'base_too_small' | null) => (n ? NOTE_VI[n].replace('{n}', String(s.minBaseForPercent)) : '');
  const line = (stt: number | string, r: IncidentStats['total']) => [
    stt,
    r.label,
    r.current.incidents,
    r.base.incidents,
    r.change.difference,
    r.change.percent,
    note(r.change.note),
    r.current.dead,
    r.base.dead,
    r.current.injured,
    r.base.injured,
    r.current.damageVnd,
    r.base.damageVnd,
    r.current.reopened,
  ];
  s.rows.forEach((r, i) => ws.addRow(line(i + 1, r)));
  const total = ws.addRow(line('', s.total));
  total.font = { bold: true };
  for (const c of [12, 13]) ws.getColumn(c).numFmt = '#,##0';
  ws.getColumn(6).numFmt = '0.0';
  [6, 44, 12, 12, 14, 14, 30, 12, 12, 12, 12, 20, 20, 12].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
