import type { viBoard } from './vi.board.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of the live board: same keys as vi.board.ts (the type checker enforces it). */
export const enBoard: Shape<typeof viBoard> = {
  board: {
    title: 'Live board',
    subtitle: 'Situations and tips within your scope, updated as they change without reloading.',
    live: { live: 'Live', connecting: 'Connecting…', reconnecting: 'Connection lost, reconnecting…', off: 'Not live' },
    counts: {
      actions: 'Waiting for your action',
      tipActions: 'Tips to handle',
      tipsOverdue: 'Tips past their deadline',
      significantOpen: 'Significant situations open',
    },
    asOf: 'Figures as of {{time}}, from the records within your scope.',
    actionsTitle: 'Waiting for your action',
    noActions: 'Nothing is waiting for you.',
    capped: 'More records are waiting than the board examines; see the full situation and tip lists.',
    col: { what: 'To do', record: 'Record', due: 'Deadline' },
    reason: {
      confirm_closure: 'Confirm the closure of a situation',
      verify_significance: 'Verify a significant situation',
      start_handling: 'New situation: start handling',
      record_receipt: 'Record the receipt of a tip',
      classify: 'Classify a tip',
      transfer: 'Transfer a tip (24 h / 48 h)',
      settle: 'Settle a tip near its deadline (art. 147)',
      notify_sender: 'Notify the sender of the result (art. 145)',
    },
    overdue: 'overdue',
    justChanged: 'just changed',
    latestIncidents: 'Latest situations',
    latestTips: 'Latest tips',
    seeAll: 'See all',
    none: 'None yet.',
  },
};
