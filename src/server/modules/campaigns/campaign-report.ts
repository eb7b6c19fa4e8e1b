import { CAMPAIGN_INDICATORS, INDICATOR_LABELS_VI, type Campaign, type CampaignRollup, type IndicatorDef, type IndicatorKey } from '../../../contracts/campaigns.ts';
import { DOCUMENT_KIND_INFO, type DocumentKind } from '../../../contracts/documents.ts';
import type { IncidentCategory } from '../../../contracts/incidents.ts';
import { vnToday } from '../../kernel/context.ts';
import type { Block, OfficialDocument, Section } from '../reports/official-document.ts';
import { issued, joinVi, paragraph, viPercent, type Issue } from '../reports/templates/common.ts';
import { CATEGORY_LABELS_VI } from '../statistics/statistics-export.ts';
import { viDate } from '../../kernel/calendar.ts';

/**
 * Báo cáo kết quả đợt cao điểm (the campaign's closing report, issue 6), built from the campaign
 * and its roll-up (campaignRollup: the same figures the campaign page shows) with the reports
 * module's builder in the NĐ 30/2020 format. Outline [M: common practice of campaign reports,
 * shared/domain §5]: I. TÌNH HÌNH (period, launching document, participating units, target
 * categories); II. KẾT QUẢ (indicators against targets and the same window of last season, the
 * window stated; clearance rate with its two counts; units with the ranking basis as the roll-up
 * states it); III. ĐÁNH GIÁ (the summary recorded when the campaign was closed). Without any
 * reported result the report says so instead of printing zeros. Pure.
 */

export interface LaunchingDocument {
  kind: string;
  symbol: string | null;
  issuedOn: string | null;
  summary: string;
}

export interface CampaignReportInput {
  campaign: Campaign;
  rollup: CampaignRollup;
  /** The launching document with its date (documents registry), when recorded and visible. */
  document: LaunchingDocument | null;
  issue: Issue;
}

/** Units of measure as printed in the report. */
export const UNIT_VI: Record<IndicatorDef['unit'], string> = { case: 'vụ', group: 'băng, nhóm', person: 'đối tượng', kg: 'kg', pill: 'viên', piece: 'khẩu, chiếc', vehicle: 'chiếc' };

const STATUS_VI = { no_target: 'không giao chỉ tiêu', met: 'đạt chỉ tiêu', on_track: 'đúng tiến độ', behind: 'chưa đạt' } as const;
const STATE_VI = { draft: 'chưa triển khai', running: 'đang triển khai', closed: 'đã kết thúc' } as const;

/** Vietnamese number: "." between thousands, "," before decimals (1234.5 → "1.234,5"). */
export function viNumber(x: number): string {
  const neg = x < 0;
  const [int, dec] = String(Math.abs(Math.round(x * 1000) / 1000)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '−' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

/** "số vụ phát hiện" → "Số vụ phát hiện (vụ)"; labels that carry their unit keep it once. */
export function indicatorName(k: IndicatorKey): string {
  const label = INDICATOR_LABELS_VI[k];
  const unit = UNIT_VI[CAMPAIGN_INDICATORS[k].unit];
  const name = label.charAt(0).toLocaleUpperCase('vi') + label.slice(1);
  return /\(.+\)$/.test(label) ? name : `${name} (${unit})`;
}

type IndicatorRow = CampaignRollup['city']['indicators'][number];

function changeCell(i: IndicatorRow): string {
  if (!i.change) return '—';
  const d = i.change.difference;
  const head = d === 0 ? 'bằng' : `${d > 0 ? '+' : '−'}${viNumber(Math.abs(d))}`;
  if (i.change.percent !== null) return `${head} (${i.change.percent > 0 ? '+' : i.change.percent < 0 ? '−' : ''}${viPercent(Math.abs(i.change.percent))})`;
  if (i.change.note === 'base_too_small') return `${head} (cùng kỳ dưới 10, không tính %)`;
  if (i.change.note === 'no_base') return `${head} (cùng kỳ không có)`;
  return head;
}

/** The row of one indicator, as printed: STT, name, target, result, progress, same window last season, change. */
export function indicatorRow(i: IndicatorRow, n: number): string[] {
  return [
    String(n),
    indicatorName(i.indicator),
    i.target === null ? '—' : viNumber(i.target),
    viNumber(i.value),
    i.progress.percent === null ? STATUS_VI.no_target : `${viPercent(i.progress.percent)} (${STATUS_VI[i.progress.status]})`,
    i.base === null ? '—' : viNumber(i.base),
    changeCell(i),
  ];
}

type Rate = { value: number | null; cleared: number; detected: number };
/** "78,5% (khám phá 157/200 vụ phát hiện)" or, below the small-number threshold, the counts only. */
export function rateText(r: Rate): string {
  const counts = `khám phá ${viNumber(r.cleared)}/${viNumber(r.detected)} vụ phát hiện`;
  return r.value === null ? `chưa tính tỷ lệ (${counts}; dưới 10 vụ phát hiện)` : `${viPercent(r.value)} (${counts})`;
}

function documentText(d: LaunchingDocument | null, campaign: Campaign): string {
  if (!d) return campaign.document ? `Văn bản phát động: ${campaign.document.summary}.` : 'Văn bản phát động: chưa ghi nhận trong hệ thống.';
  const name = DOCUMENT_KIND_INFO[d.kind as DocumentKind]?.name ?? 'Văn bản';
  const summary = d.summary.charAt(0).toLocaleLowerCase('vi') + d.summary.slice(1);
  return `Văn bản phát động: ${name}${d.symbol ? ` số ${d.symbol}` : ''}${d.issuedOn ? ` ngày ${viDate(d.issuedOn)}` : ''} ${summary.replace(/\.$/, '')}.`;
}

function situationSection(c: Campaign, r: CampaignRollup, d: LaunchingDocument | null): Section {
  const cats = c.targetCategories.map((k) => CATEGORY_LABELS_VI[k as IncidentCategory] ?? k);
  return {
    title: 'Tình hình',
    blocks: [
      paragraph(
        `Thời gian thực hiện: từ ngày ${viDate(c.fromOn)} đến ngày ${viDate(c.toOn)} (${r.period.totalDays} ngày); đợt cao điểm ${STATE_VI[c.state]}${c.state === 'closed' && c.closedAt ? ` (kết thúc trên hệ thống ngày ${viDate(vnToday(new Date(c.closedAt)))})` : ''}. Số liệu trong báo cáo: ${r.period.label}.`,
      ),
      paragraph(documentText(d, c)),
      paragraph(`Đơn vị chủ trì: ${c.ownerUnit.name}. Đơn vị tham gia (${c.units.length} đơn vị): ${joinVi(c.units.map((u) => u.name))}.`),
      paragraph(cats.length ? `Loại tội phạm, vụ việc trọng tâm: ${joinVi(cats)}.` : 'Loại tội phạm, vụ việc trọng tâm: mọi loại.'),
    ],
  };
}

const INDICATOR_COLUMNS = (baseHeader: string) => [
  { header: 'STT', width: 6, align: 'center' as const },
  { header: 'Chỉ tiêu', width: 28 },
  { header: 'Chỉ tiêu giao', width: 11, align: 'right' as const },
  { header: 'Kết quả', width: 11, align: 'right' as const },
  { header: 'Tiến độ so với chỉ tiêu', width: 16, align: 'right' as const },
  { header: baseHeader, width: 12, align: 'right' as const },
  { header: 'Tăng, giảm', width: 16, align: 'right' as const },
];

function indicatorBlocks(r: CampaignRollup): Block[] {
  const out: Block[] = [
    paragraph(
      r.base.basis === 'none'
        ? `So sánh cùng kỳ: ${r.base.label.replace(/\.$/, '')}; cột cùng kỳ để trống.`
        : `So sánh cùng kỳ với ${r.base.label} (${r.base.basis === 'aligned' ? 'cùng số ngày tính từ ngày bắt đầu đợt trước' : 'cùng ngày của năm trước'}). Tỷ lệ tăng, giảm chỉ tính khi số cùng kỳ từ 10 trở lên.`,
    ),
    {
      kind: 'table',
      columns: INDICATOR_COLUMNS('Cùng kỳ đợt trước'),
      rows: r.city.indicators.map((i, n) => indicatorRow(i, n + 1)),
    },
  ];
  const cr = r.city.clearanceRate;
  const target = cr.target === null ? '' : `; chỉ tiêu ${viPercent(cr.target)}, ${STATUS_VI[cr.status]}`;
  const base = cr.base ? `; cùng kỳ đợt trước: ${rateText(cr.base)}` : '';
  out.push(paragraph(`Tỷ lệ điều tra khám phá (số vụ điều tra khám phá, triệt phá trên số vụ phát hiện): ${rateText(cr)}${target}${base}.`));
  return out;
}

function unitBlocks(r: CampaignRollup): Block[] {
  const k = r.ranking.indicator;
  const out: Block[] = [paragraph(r.ranking.explanation)];
  if (!r.allUnitsVisible) out.push(paragraph('Bảng dưới đây chỉ gồm các đơn vị thuộc phạm vi của người lập báo cáo; thứ hạng vẫn tính trên tất cả đơn vị tham gia.'));
  out.push({
    kind: 'table',
    columns: [
      { header: 'Hạng', width: 7, align: 'center' },
      { header: 'Đơn vị', width: 27 },
      { header: `${indicatorName(k)}`, width: 14, align: 'right' },
      { header: 'Số vụ việc của địa bàn', width: 11, align: 'right' },
      { header: `Trên ${r.ranking.perSituations} vụ việc`, width: 10, align: 'right' },
      { header: 'Tỷ lệ điều tra khám phá', width: 21, align: 'right' },
      { header: 'Số lần báo cáo', width: 10, align: 'right' },
    ],
    rows: r.units.map((u) => [
      u.rank === null ? '—' : String(u.rank),
      u.unit.name,
      viNumber(u.values[k] ?? 0),
      u.caseLoad === null ? '—' : viNumber(u.caseLoad),
      u.score !== null ? viNumber(u.score) : u.notRankedReason === 'case_load_too_small' ? `không xếp hạng (dưới ${r.ranking.minCaseLoad} vụ việc)` : 'không xếp hạng (không có địa bàn)',
      u.clearanceRate.value === null ? `${viNumber(u.clearanceRate.cleared)}/${viNumber(u.clearanceRate.detected)}` : viPercent(u.clearanceRate.value),
      String(u.reports),
    ]),
    empty: 'Không có đơn vị nào trong phạm vi.',
  });
  return out;
}

function resultSection(c: Campaign, r: CampaignRollup): Section {
  if (r.city.reports === 0) {
    const targets = c.indicators.filter((i) => i.target !== null).map((i) => (i.indicator === 'clearance_rate' ? `tỷ lệ điều tra khám phá ${viPercent(i.target!)}` : `${INDICATOR_LABELS_VI[i.indicator]} ${viNumber(i.target!)}`));
    return {
      title: 'Kết quả',
      blocks: [
        paragraph(`${r.period.label.charAt(0).toLocaleUpperCase('vi')}${r.period.label.slice(1)}, chưa có đơn vị nào báo cáo kết quả trong hệ thống; báo cáo không nêu số liệu thay cho kết quả.`),
        ...(targets.length ? [paragraph(`Chỉ tiêu được giao: ${joinVi(targets)}.`)] : []),
      ],
    };
  }
  return {
    title: 'Kết quả',
    blocks: [paragraph(`${r.period.label.charAt(0).toLocaleUpperCase('vi')}${r.period.label.slice(1)}, ${r.city.unitsReporting}/${r.city.units} đơn vị tham gia đã gửi ${viNumber(r.city.reports)} báo cáo kết quả.`)],
    sections: [
      { title: 'Kết quả thực hiện các chỉ tiêu', blocks: indicatorBlocks(r) },
      { title: 'Kết quả theo đơn vị', blocks: unitBlocks(r) },
    ],
  };
}

function assessmentSection(c: Campaign): Section {
  if (c.state === 'closed' && c.closingSummary?.trim()) return { title: 'Đánh giá', blocks: c.closingSummary.trim().split(/\n+/).map((l) => paragraph(l.trim())) };
  return { title: 'Đánh giá', blocks: [paragraph(`Đợt cao điểm ${STATE_VI[c.state]}; chưa có đánh giá khi kết thúc đợt.`)] };
}

/** Nơi nhận: the participating units (by name up to ten, then as a group). */
function recipientsOf(c: Campaign): string[] {
  return c.units.length <= 10 ? c.units.map((u) => u.name) : ['Các đơn vị tham gia đợt cao điểm'];
}

export function campaignReport({ campaign: c, rollup: r, document: d, issue }: CampaignReportInput): OfficialDocument {
  // "Cao điểm tấn công … Tết 2026" → "Kết quả đợt cao điểm tấn công … Tết 2026" (not "đợt cao điểm cao điểm").
  // The rest of the name keeps its case ("Tết"); a name not starting so is lowered like running text.
  const full = c.name.trim();
  const rest = full.replace(/^(đợt\s+)?cao điểm\s+/iu, '');
  const subjectName = rest !== full ? rest : full.charAt(0).toLocaleLowerCase('vi') + full.slice(1);
  return {
    ...issued(issue, 'BC'),
    typeName: 'BÁO CÁO',
    subject: `Kết quả đợt cao điểm ${subjectName}`,
    opening: [paragraph(`${issue.issuerName} báo cáo kết quả đợt cao điểm ${subjectName} như sau:`)],
    sections: [situationSection(c, r, d), resultSection(c, r), assessmentSection(c)],
    recipients: recipientsOf(c),
  };
}
