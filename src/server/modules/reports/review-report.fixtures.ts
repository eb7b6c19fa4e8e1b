import { INCIDENT_CATEGORIES } from '../../../contracts/incidents.ts';
import type { CorrectiveAction, ReviewCompilation, ReviewFigureKey, Scorecard } from '../../../contracts/reviews.ts';

/**
 * A synthetic review compilation (invented figures) for tests, samples and the timing of a big
 * report: `units` scorecards, every situation category, `actions` corrective actions.
 */
const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const fig = (key: ReviewFigureKey, value: number, recordKind: 'task' | 'incident' | 'tip' = 'task') => ({ key, value, recordKind, href: '/reviews' });
const cycleRef = { id: id(900), title: 'Sơ kết quý IV năm 2025', kind: 'so_ket' as const, periodLabel: 'quý IV/2025' };

function scorecard(n: number, name: string, coverage: 'unit' | 'scope', scale = 1): Scorecard {
  const a = (7 + (n % 9)) * scale;
  const onTime = Math.floor(a * 0.6);
  const late = Math.floor(a * 0.15);
  const within = Math.floor(a * 0.15);
  const overdue = a - onTime - late - within;
  const cur = (3 + (n % 5)) * scale;
  const base = (4 + (n % 3)) * scale;
  const row = (label: string, c: number, b: number, category: (typeof INCIDENT_CATEGORIES)[number] | null) => ({
    category,
    label,
    current: fig('situations.current', c, 'incident'),
    base: fig('situations.base', b, 'incident'),
    comparison: { difference: c - b, percent: b >= 10 ? Math.round(((c - b) / b) * 1000) / 10 : null, percentNote: b === 0 ? ('no_base' as const) : b < 10 ? ('base_too_small' as const) : null, verdict: c + b < 10 ? ('too_few' as const) : c > b * 1.5 ? ('increase' as const) : c < b * 0.6 ? ('decrease' as const) : ('no_significant_change' as const), pValue: c + b < 10 ? null : 0.2 },
  });
  return {
    unit: { id: id(n), name, code: `U${n}` },
    coverage,
    agendaPosition: coverage === 'unit' ? n : null,
    tasks: {
      assigned: fig('tasks.assigned', a),
      completedOnTime: fig('tasks.completedOnTime', onTime),
      completedLate: fig('tasks.completedLate', late),
      notCompletedWithinDeadline: fig('tasks.notCompletedWithinDeadline', within),
      notCompletedOverdue: fig('tasks.notCompletedOverdue', overdue),
      withoutDeadline: fig('tasks.withoutDeadline', 0),
      onTimeRate: { numerator: onTime, denominator: onTime + late + overdue, percent: onTime + late + overdue >= 5 ? Math.round((onTime / (onTime + late + overdue)) * 1000) / 10 : null, note: onTime + late + overdue >= 5 ? null : ('too_few' as const) },
    },
    coordination: { requests: fig('coordination.requests', 4 * scale), answered: fig('coordination.answered', 3 * scale), unanswered: fig('coordination.unanswered', scale), medianHoursToAnswer: 18.5 },
    situations: {
      total: row('Tổng số', cur * INCIDENT_CATEGORIES.length, base * INCIDENT_CATEGORIES.length, null),
      byCategory: INCIDENT_CATEGORIES.map((c, i) => row(`Loại ${i + 1} (${c})`, cur + (i % 4) * scale, base + (i % 3) * scale, c)),
    },
    tips: { resolved: fig('tips.resolved', 10 * scale, 'tip'), resolvedWithinDeadline: fig('tips.resolvedWithinDeadline', 9 * scale, 'tip'), resolvedLate: fig('tips.resolvedLate', scale, 'tip'), withinDeadlineRate: { numerator: 9 * scale, denominator: 10 * scale, percent: 90, note: null } },
    campaignResults: null,
  };
}

function action(n: number, status: CorrectiveAction['status']): CorrectiveAction {
  return {
    id: id(1000 + n),
    kind: n % 4 === 3 ? 'obstacle' : 'limitation',
    text: `Hạn chế số ${n}: việc cập nhật tiến độ nhiệm vụ của một số đơn vị còn chậm.`,
    measure: `Cập nhật tiến độ hằng tuần, báo cáo kết quả trước ngày 15 hằng tháng`,
    ownerUnit: { id: id(n % 50), name: `Công an phường số ${n % 50}`, code: `U${n % 50}` },
    deadlineOn: '2026-03-31',
    status,
    closingNote: status === 'closed' ? 'Đã cập nhật đầy đủ' : null,
    recordedIn: cycleRef,
    closedIn: status === 'closed' ? cycleRef : null,
    closedAt: status === 'closed' ? '2026-01-02T00:00:00Z' : null,
    overdue: false,
    history: [],
    version: 1,
    abilities: {},
  };
}

export function sampleCompilation(opts: { units?: number; actions?: number; empty?: boolean } = {}): ReviewCompilation {
  const units = opts.units ?? 3;
  const scope = { id: id(0), name: 'Công an Thành phố Hồ Chí Minh', code: 'CATP' };
  const cards = opts.empty ? [] : Array.from({ length: units }, (_, i) => scorecard(i + 1, `Công an phường số ${i + 1}`, 'unit'));
  const nActions = opts.empty ? 0 : (opts.actions ?? 3);
  return {
    cycle: {
      id: id(901),
      kind: 'so_ket',
      title: 'Sơ kết quý I năm 2026 thực hiện Chương trình phối hợp bảo đảm an ninh, trật tự',
      state: 'open',
      scopeUnit: scope,
      programme: { documents: [{ id: id(950), symbol: '34/KH-UBND', kind: 'ke_hoach', summary: 'Kế hoạch bảo đảm an ninh, trật tự năm 2026', issuedOn: '2026-01-10' }], conferences: [] },
    },
    period: { kind: 'quarter', year: 2026, index: 1, from: '2026-01-01', to: '2026-03-31', label: 'quý I/2026' },
    base: { kind: 'quarter', year: 2025, index: 1, from: '2025-01-01', to: '2025-03-31', label: 'quý I/2025' },
    cutoffOn: '2026-03-31',
    compiledAt: '2026-04-02T01:00:00Z',
    definitions: {
      tasks: 'Nhiệm vụ của chương trình do đơn vị chủ trì, có hạn trong kỳ hoặc chưa hoàn thành.',
      onTimeRate: 'Tỷ lệ đúng hạn = hoàn thành đúng hạn / (hoàn thành + chưa hoàn thành quá hạn).',
      coordination: 'Yêu cầu phối hợp gửi đến đơn vị trong kỳ; thời gian phản hồi tính từ khi giao.',
      situations: 'Vụ việc do đơn vị chủ trì, xảy ra trong kỳ.',
      tips: 'Tố giác, tin báo có quyết định giải quyết trong kỳ (Điều 147 BLTTHS).',
      comparison: 'So sánh với cùng kỳ năm trước bằng kiểm định nhị thức chính xác (mức ý nghĩa 5%); dưới 10 vụ không kết luận xu hướng.',
    },
    significance: { test: 'conditional_binomial_exact', alpha: 0.05, minTotal: 10 },
    minBaseForPercent: 10,
    agenda: cards.map((c, i) => ({ position: i + 1, unit: c.unit })),
    scorecards: cards,
    total: opts.empty ? null : scorecard(0, scope.name, 'scope', units),
    correctiveActions: {
      recorded: Array.from({ length: nActions }, (_, i) => action(i + 1, 'open')),
      carriedForward: opts.empty ? [] : [action(90, 'closed'), action(91, 'in_progress')],
    },
    empty: !!opts.empty,
  };
}
