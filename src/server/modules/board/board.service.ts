import type { Board, BoardAction } from '../../../contracts/board.ts';
import type { Incident, IncidentListQuery } from '../../../contracts/incidents.ts';
import type { TipListQuery, TipPage, TipState } from '../../../contracts/tips.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { Ctx } from '../../kernel/context.ts';
import { listIncidents } from '../incidents/incident-queries.service.ts';
import { listTips } from '../tips/tip.service.ts';

/** How many records of each kind and stage the board examines for the viewer's actions. */
export const BOARD_SCAN_LIMIT = 200;
/** How many of the latest situations and tips the board shows. */
export const BOARD_RECENT = 15;
/** A tip being settled needs attention from this many days before its art. 147 deadline. */
export const SETTLE_WARNING_DAYS = 5;

type TipItem = TipPage['items'][number];

const incidentAction = (i: Incident, reason: BoardAction['reason']): BoardAction => ({ type: 'incident', id: i.id, code: i.code, title: i.title, reason, dueAt: null, overdue: false });
const tipAction = (t: TipItem, reason: BoardAction['reason']): BoardAction => ({
  type: 'tip',
  id: t.id,
  code: t.trackingCode,
  title: t.communeName,
  reason,
  dueAt: t.clock.dueAt,
  overdue: t.clock.overdue,
});

/** Most urgent first: overdue, then the nearest deadline, then the rest in the order found. */
export function sortActions(actions: readonly BoardAction[]): BoardAction[] {
  return actions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => Number(y.a.overdue) - Number(x.a.overdue) || (x.a.dueAt ?? '9999').localeCompare(y.a.dueAt ?? '9999') || x.i - y.i)
    .map((x) => x.a);
}

/**
 * The live board for one viewer: the records waiting for the viewer's own action (read from the
 * same abilities the detail pages show), a few counts, and the latest situations and tips in
 * scope. Everything goes through the modules' list use cases, so the scope rules are theirs.
 */
export async function getBoard(ctx: Ctx, actor: Actor): Promise<Board> {
  const page = { limit: BOARD_SCAN_LIMIT, offset: 0 };
  const incidents = (q: Partial<IncidentListQuery>) => listIncidents(ctx, actor, { ...page, ...q } as IncidentListQuery);
  const tips = (state: TipState) => listTips(ctx, actor, { ...page, state } as TipListQuery);

  const [closing, proposed, fresh, significant, significantClosed, received, recorded, classified, transferred, decided, suspended, recentIncidents, recentTips] = await Promise.all([
    incidents({ status: 'awaiting_confirmation' }),
    incidents({ significance: 'proposed' }),
    incidents({ status: 'new' }),
    incidents({ significant: 'true', limit: 1 }),
    incidents({ significant: 'true', status: 'closed', limit: 1 }),
    tips('received'),
    tips('recorded'),
    tips('classified'),
    tips('transferred'),
    tips('decided'),
    tips('suspended'),
    incidents({ limit: BOARD_RECENT }),
    listTips(ctx, actor, { limit: BOARD_RECENT, offset: 0 } as TipListQuery),
  ]);

  const incidentActions = [
    ...closing.items.filter((i) => i.abilities.decideClosure).map((i) => incidentAction(i, 'confirm_closure')),
    ...proposed.items.filter((i) => i.abilities.verifySignificant).map((i) => incidentAction(i, 'verify_significance')),
    ...fresh.items.filter((i) => i.abilities.reportClosing).map((i) => incidentAction(i, 'start_handling')),
  ];
  const settling = transferred.items.filter((t) => t.abilities.decide && (t.clock.overdue || (t.clock.daysLeft !== null && t.clock.daysLeft <= SETTLE_WARNING_DAYS)));
  const tipActions = [
    ...received.items.filter((t) => t.abilities.recordReceipt).map((t) => tipAction(t, 'record_receipt')),
    ...recorded.items.filter((t) => t.abilities.classify).map((t) => tipAction(t, 'classify')),
    ...classified.items.filter((t) => t.abilities.transfer).map((t) => tipAction(t, 'transfer')),
    ...settling.map((t) => tipAction(t, 'settle')),
    ...[...decided.items, ...suspended.items].filter((t) => t.abilities.notifySender).map((t) => tipAction(t, 'notify_sender')),
  ];
  const scanned = [closing, proposed, fresh, received, recorded, classified, transferred, decided, suspended];
  const openTips = [...received.items, ...recorded.items, ...classified.items, ...transferred.items];
  return {
    generatedAt: ctx.now().toISOString(),
    actions: sortActions([...tipActions, ...incidentActions]),
    actionsCapped: scanned.some((p) => p.total > p.items.length),
    counts: {
      incidentActions: incidentActions.length,
      tipActions: tipActions.length,
      tipsOverdue: openTips.filter((t) => t.clock.overdue).length,
      significantOpen: significant.total - significantClosed.total,
    },
    incidents: recentIncidents.items,
    tips: recentTips.items,
  };
}
