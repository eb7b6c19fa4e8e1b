import { DOCUMENT_KIND_INFO, type DocumentKind } from '../../../../contracts/documents.ts';
import type { CorrectiveAction, ReviewCompilation, ReviewComparison, Scorecard, TrendVerdict } from '../../../../contracts/reviews.ts';
import type { Block, OfficialDocument, Section } from '../official-document.ts';
import { issued, joinVi, paragraph, viPercent, type Issue } from './common.ts';
import { viDate } from '../../../kernel/calendar.ts';

/**
 * Báo cáo sơ kết / tổng kết built from a review compilation (contracts/reviews.ts), with the
 * outline of shared/domain §6.1 [M: common practice]: I. ĐẶC ĐIỂM TÌNH HÌNH; II. KẾT QUẢ THỰC
 * HIỆN (tasks with the scorecard table, coordination, tips, comparisons that state their period
 * and base, then hạn chế — the corrective actions, and what was said last time beside what
 * happened); III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI; IV. ĐỀ XUẤT, KIẾN NGHỊ; Phụ lục with the
 * statistics table. A compilation without data says so instead of printing zeros. Pure.
 */

export interface ReviewReportInput {
  compilation: ReviewCompilation;
  issue: Issue;
  /** Kính gửi (a report to a superior, NĐ 30/2020 Phụ lục I ô 9a). */
  kinhGui?: readonly string[];
  recipients?: readonly string[];
}

const VERDICT_VI: Record<TrendVerdict, string> = {
  increase: 'tăng có ý nghĩa thống kê',
  decrease: 'giảm có ý nghĩa thống kê',
  no_significant_change: 'thay đổi không vượt quá mức dao động ngẫu nhiên',
  too_few: 'số vụ quá ít để kết luận về xu hướng',
};

/** "tăng 5 vụ (+12,5%)", "giảm 3 vụ", "bằng cùng kỳ" — with the percent only when the base allows it. */
export function changeText(c: ReviewComparison, unit = 'vụ'): string {
  if (c.difference === 0) return 'bằng cùng kỳ';
  const word = c.difference > 0 ? 'tăng' : 'giảm';
  const pct = c.percent !== null ? ` (${c.difference > 0 ? '+' : '−'}${viPercent(Math.abs(c.percent))})` : '';
  return `${word} ${Math.abs(c.difference)} ${unit}${pct}`;
}

/**
 * A comparison sentence that states its period and its base:
 * "Trong quý I/2026 (từ 01/01/2026 đến 31/03/2026) xảy ra 41 vụ; so với cùng kỳ quý I/2025 (52 vụ),
 * giảm 11 vụ (−21,2%); giảm có ý nghĩa thống kê."
 */
export function comparisonSentence(what: string, current: number, base: number, c: ReviewComparison, period: ReviewCompilation['period'], basePeriod: ReviewCompilation['base']): string {
  return `Trong ${period.label} (từ ${viDate(period.from)} đến ${viDate(period.to)}), ${what} ${current} vụ; so với cùng kỳ ${basePeriod.label} (${base} vụ), ${changeText(c)}; ${VERDICT_VI[c.verdict]}.`;
}

const rate = (r: { percent: number | null; numerator: number; denominator: number }): string => (r.percent === null ? `— (${r.numerator}/${r.denominator})` : viPercent(r.percent));

export const SCORECARD_COLUMNS = [
  { header: 'STT', width: 6, align: 'center' as const },
  { header: 'Đơn vị', width: 25 },
  { header: 'Nhiệm vụ', width: 10, align: 'right' as const },
  { header: 'HT đúng hạn', width: 10, align: 'right' as const },
  { header: 'HT quá hạn', width: 10, align: 'right' as const },
  { header: 'Chưa HT, trong hạn', width: 11, align: 'right' as const },
  { header: 'Chưa HT, quá hạn', width: 11, align: 'right' as const },
  { header: 'Tỷ lệ đúng hạn', width: 17, align: 'right' as const },
];

function scorecardRow(s: Scorecard, label: string): string[] {
  const t = s.tasks!;
  return [label, s.unit.name, String(t.assigned.value), String(t.completedOnTime.value), String(t.completedLate.value), String(t.notCompletedWithinDeadline.value), String(t.notCompletedOverdue.value), rate(t.onTimeRate)];
}

/** The scorecard table: units with programme tasks, in agenda order, and the whole scope last. */
export function scorecardTable(c: ReviewCompilation): Block | null {
  const withTasks = c.scorecards.filter((s) => s.tasks !== null);
  if (withTasks.length === 0) return null;
  const rows = withTasks.map((s, i) => scorecardRow(s, String(i + 1)));
  if (c.total?.tasks) rows.push(scorecardRow({ ...c.total, unit: { ...c.total.unit, name: `Toàn phạm vi (${c.total.unit.name})` } }, ''));
  return { kind: 'table', columns: SCORECARD_COLUMNS, rows, boldLastRow: !!c.total?.tasks };
}

function actionLine(a: CorrectiveAction): string {
  return `${a.text} Biện pháp khắc phục: ${a.measure.replace(/\.$/, '')}; ${a.ownerUnit.name} thực hiện${a.deadlineOn ? `, hạn ${viDate(a.deadlineOn)}` : ''}.`;
}

const STATUS_VI = { open: 'chưa thực hiện', in_progress: 'đang thực hiện', closed: 'đã khắc phục' } as const;

/** "Kỳ trước đã nêu" beside "kết quả": the carried-forward action with its status now. */
function carriedLine(a: CorrectiveAction): string {
  const result = a.status === 'closed' ? `đã khắc phục${a.closingNote ? `: ${a.closingNote.replace(/\.$/, '')}` : ''}` : `${STATUS_VI[a.status]}${a.overdue ? ', quá hạn' : ''}`;
  return `Tại ${a.recordedIn.title} (${a.recordedIn.periodLabel}) đã nêu: ${a.text.replace(/\.$/, '')}; biện pháp: ${a.measure.replace(/\.$/, '')} (${a.ownerUnit.name}${a.deadlineOn ? `, hạn ${viDate(a.deadlineOn)}` : ''}). Kết quả: ${result}.`;
}

function situationParagraphs(c: ReviewCompilation): Block[] {
  const s = c.total?.situations ?? null;
  if (!s) return [paragraph(`Trong ${c.period.label}, không có số liệu vụ việc về an ninh, trật tự trong phạm vi báo cáo.`)];
  const out: Block[] = [paragraph(comparisonSentence('trên địa bàn xảy ra', s.total.current.value, s.total.base.value, s.total.comparison, c.period, c.base))];
  const notable = s.byCategory.filter((r) => r.comparison.verdict === 'increase' || r.comparison.verdict === 'decrease');
  if (notable.length)
    out.push(paragraph(`Những loại có thay đổi có ý nghĩa thống kê: ${notable.map((r) => `${r.label} ${r.current.value} vụ, ${changeText(r.comparison)}`).join('; ')}.`));
  out.push(paragraph(`${c.definitions.situations} ${c.definitions.comparison}`));
  return out;
}

function taskParagraphs(c: ReviewCompilation): Block[] {
  const t = c.total?.tasks ?? null;
  const table = scorecardTable(c);
  if (!t && !table) return [paragraph(`Trong ${c.period.label}, không có nhiệm vụ nào của chương trình phối hợp đến hạn hoặc được giao trong phạm vi báo cáo.`)];
  const out: Block[] = [];
  if (t)
    out.push(
      paragraph(
        `Tính đến ngày ${viDate(c.cutoffOn)}, toàn phạm vi có ${t.assigned.value} nhiệm vụ: hoàn thành đúng hạn ${t.completedOnTime.value}, hoàn thành quá hạn ${t.completedLate.value}; chưa hoàn thành trong hạn ${t.notCompletedWithinDeadline.value}, chưa hoàn thành quá hạn ${t.notCompletedOverdue.value}; tỷ lệ đúng hạn ${rate(t.onTimeRate)}.`,
      ),
    );
  out.push(paragraph(`${c.definitions.tasks} ${c.definitions.onTimeRate}`));
  if (table) out.push(table);
  return out;
}

function coordinationParagraphs(c: ReviewCompilation): Block[] {
  const rows = c.scorecards.filter((s) => s.coordination !== null);
  if (rows.length === 0) return [paragraph('Trong kỳ không có yêu cầu phối hợp nào trong phạm vi báo cáo.')];
  return [
    paragraph(c.definitions.coordination),
    {
      kind: 'table',
      columns: [
        { header: 'STT', width: 6, align: 'center' },
        { header: 'Đơn vị', width: 40 },
        { header: 'Yêu cầu phối hợp', width: 14, align: 'right' },
        { header: 'Đã phản hồi', width: 13, align: 'right' },
        { header: 'Chưa phản hồi', width: 13, align: 'right' },
        { header: 'Thời gian phản hồi (trung vị, giờ)', width: 14, align: 'right' },
      ],
      rows: rows.map((s, i) => {
        const x = s.coordination!;
        return [String(i + 1), s.unit.name, String(x.requests.value), String(x.answered.value), String(x.unanswered.value), x.medianHoursToAnswer === null ? '—' : String(Math.round(x.medianHoursToAnswer * 10) / 10).replace('.', ',')];
      }),
    },
  ];
}

function tipParagraphs(c: ReviewCompilation): Block[] {
  const t = c.total?.tips ?? null;
  if (!t) return [paragraph(`Trong ${c.period.label}, không có tố giác, tin báo về tội phạm được giải quyết trong phạm vi báo cáo.`)];
  return [paragraph(`Đã giải quyết ${t.resolved.value} tố giác, tin báo về tội phạm; trong thời hạn luật định ${t.resolvedWithinDeadline.value}, quá hạn ${t.resolvedLate.value}; tỷ lệ trong hạn ${rate(t.withinDeadlineRate)}. ${c.definitions.tips}`)];
}

function limitationSection(c: ReviewCompilation): Section {
  const { recorded, carriedForward } = c.correctiveActions;
  const blocks: Block[] = [];
  const limitations = recorded.filter((a) => a.kind === 'limitation');
  const obstacles = recorded.filter((a) => a.kind === 'obstacle');
  if (limitations.length) blocks.push(...limitations.map((a) => paragraph(`- ${actionLine(a)}`)));
  if (obstacles.length) blocks.push(paragraph('Vướng mắc:'), ...obstacles.map((a) => paragraph(`- ${actionLine(a)}`)));
  if (!recorded.length) blocks.push(paragraph('Kỳ này chưa ghi nhận hạn chế, vướng mắc.'));
  if (carriedForward.length) blocks.push(paragraph('Những hạn chế nêu tại các kỳ trước:'), ...carriedForward.map((a) => paragraph(`- ${carriedLine(a)}`)));
  return { title: 'Hạn chế, vướng mắc', blocks };
}

function appendixTable(c: ReviewCompilation): Block | null {
  const s = c.total?.situations;
  if (!s) return null;
  const row = (r: typeof s.total, i: string) => [i, r.label, String(r.current.value), String(r.base.value), changeText(r.comparison).replace(/^tăng /, '+').replace(/^giảm /, '−').replace(' vụ', ''), VERDICT_VI[r.comparison.verdict]];
  return {
    kind: 'table',
    columns: [
      { header: 'STT', width: 6, align: 'center' },
      { header: 'Loại vụ việc', width: 34 },
      { header: `Kỳ này (${c.period.label})`, width: 13, align: 'right' },
      { header: `Cùng kỳ (${c.base.label})`, width: 13, align: 'right' },
      { header: 'Tăng, giảm', width: 14, align: 'right' },
      { header: 'Đánh giá', width: 20 },
    ],
    rows: [...s.byCategory.map((r, i) => row(r, String(i + 1))), row({ ...s.total, label: 'Tổng số' }, '')],
    boldLastRow: true,
  };
}

export function reviewReport(input: ReviewReportInput): OfficialDocument {
  const { compilation: c, issue } = input;
  const kindWord = c.cycle.kind === 'so_ket' ? 'Sơ kết' : 'Tổng kết';
  const title = c.cycle.title.trim();
  const subject = /^(sơ kết|tổng kết)/iu.test(title) ? title : `${kindWord} ${title.charAt(0).toLocaleLowerCase('vi')}${title.slice(1)}`;
  // "Nghị quyết số 16-NQ/TW ngày 10/08/2012 về …" (the kind's name, number and date, then the trích yếu).
  const docs = c.cycle.programme.documents.map((d) => {
    const name = DOCUMENT_KIND_INFO[d.kind as DocumentKind]?.name ?? 'Văn bản';
    const summary = d.summary.charAt(0).toLocaleLowerCase('vi') + d.summary.slice(1);
    return `${name}${d.symbol ? ` số ${d.symbol}` : ''}${d.issuedOn ? ` ngày ${viDate(d.issuedOn)}` : ''} ${summary}`;
  });
  const opening: Block[] = [
    paragraph(
      `${docs.length ? `Thực hiện ${joinVi(docs)}, ` : ''}${issue.issuerName} báo cáo ${kindWord.toLocaleLowerCase('vi')} ${c.period.label} (từ ${viDate(c.period.from)} đến ${viDate(c.period.to)}; số liệu tính đến ngày ${viDate(c.cutoffOn)}) như sau:`,
    ),
  ];
  if (c.empty) opening.push(paragraph('Trong kỳ báo cáo không có số liệu trong hệ thống về các nội dung dưới đây; báo cáo không nêu số liệu thay cho kết quả.'));
  const { recorded, carriedForward } = c.correctiveActions;
  const next = [...recorded, ...carriedForward].filter((a) => a.status !== 'closed');
  const obstacles = recorded.filter((a) => a.kind === 'obstacle');
  const sections: Section[] = [
    { title: 'Đặc điểm tình hình', blocks: situationParagraphs(c) },
    {
      title: 'Kết quả thực hiện',
      sections: [
        { title: 'Kết quả thực hiện các nhiệm vụ', blocks: taskParagraphs(c) },
        { title: 'Công tác phối hợp', blocks: coordinationParagraphs(c) },
        { title: 'Tiếp nhận, giải quyết tố giác, tin báo về tội phạm', blocks: tipParagraphs(c) },
        limitationSection(c),
      ],
    },
    {
      title: 'Phương hướng, nhiệm vụ thời gian tới',
      blocks: next.length
        ? [paragraph('Tập trung khắc phục các hạn chế, vướng mắc đã nêu:'), ...next.map((a) => paragraph(`- ${a.measure.replace(/\.$/, '')} (${a.ownerUnit.name}${a.deadlineOn ? `, hạn ${viDate(a.deadlineOn)}` : ''});`))]
        : [paragraph('Tiếp tục thực hiện các nhiệm vụ của chương trình phối hợp.')],
    },
    {
      title: 'Đề xuất, kiến nghị',
      blocks: obstacles.length ? obstacles.map((a) => paragraph(`- Đề nghị tháo gỡ vướng mắc: ${a.text.replace(/\.$/, '')}.`)) : [paragraph('Không có.')],
    },
  ];
  const appendix = appendixTable(c);
  return {
    ...issued(issue, 'BC'),
    typeName: 'BÁO CÁO',
    subject,
    ...(input.kinhGui?.length ? { kinhGui: input.kinhGui } : {}),
    opening,
    sections,
    recipients: input.recipients ?? [],
    appendices: appendix ? [{ title: `Số liệu vụ việc về an ninh, trật tự theo loại, ${c.period.label} so với cùng kỳ`, blocks: [appendix] }] : [],
  };
}
