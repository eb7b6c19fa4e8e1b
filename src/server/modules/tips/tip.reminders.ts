import type { QueueName } from '../../jobs/boss.ts';
import type { JobDefinition } from '../../jobs/schedule.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { systemActor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { notifyUnitMembers } from '../notifications/notification.service.ts';
import { tipClock } from './tip-deadlines.ts';
import { clockEvents } from './tip.presenter.ts';
import * as repo from './tip.repository.ts';
import type { TipState } from '../../../contracts/tips.ts';
import { vnToday } from '../../kernel/context.ts';

/**
 * The tip deadline scan (hourly job): tells the handling unit's working members about
 * - the transfer SLA (art. 146 / TTLT 01/2017: 24 h, 48 h remote) from TRANSFER_WARN_HOURS before it
 *   and once it has passed (`tip_transfer_due`);
 * - the art. 147 settlement deadline from DEADLINE_WARN_DAYS days before (`tip_deadline_soon`) and
 *   once it has passed (`tip_overdue`).
 * Idempotent: dedupe keys are stable per tip and due date, so hourly runs and retries notify once
 * per deadline (a new deadline after an extension or a restoration notifies again).
 */
export const TRANSFER_WARN_HOURS = 6;
export const DEADLINE_WARN_DAYS = 3;
const PAGE = 500;

export interface TipScanReport {
  scanned: number;
  notified: number;
}

export async function scanTipDeadlines(ctx: Ctx, actor: Actor, opts: { now?: Date } = {}): Promise<TipScanReport> {
  const now = opts.now ?? ctx.now();
  let after: string | null = null;
  const report: TipScanReport = { scanned: 0, notified: 0 };
  for (;;) {
    const page = await repo.openTipsForScan(ctx.db, after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const events = await repo.eventsOfMany(
      ctx.db,
      page.map((t) => t.id),
    );
    await inTransaction(ctx.db, async (trx) => {
      let notified = 0;
      for (const t of page) {
        const clock = tipClock(
          { receivedAt: new Date(t.receivedAt), remote: t.remote, state: t.state as TipState, transferredAt: t.transferredAt ? new Date(t.transferredAt) : null },
          clockEvents(events.filter((e) => e.tipId === t.id)),
          now,
        );
        const base = { unitIds: [t.handlingUnitId], taskId: null };
        if (clock.stage === 'transfer' && clock.dueAt && clock.dueAt.getTime() - now.getTime() <= TRANSFER_WARN_HOURS * 3_600_000) {
          const r = await notifyUnitMembers(trx, actor, {
            ...base,
            kind: 'tip_transfer_due',
            dedupeKey: `tip:${t.id}:transfer_due:${clock.overdue ? 'late' : 'soon'}`,
            params: { tipId: t.id, trackingCode: t.trackingCode, dueAt: clock.dueAt.toISOString(), overdue: clock.overdue },
          });
          notified += r.created;
        } else if (clock.stage === 'settlement' && clock.dueAt && clock.daysLeft !== null && clock.daysLeft <= DEADLINE_WARN_DAYS) {
          const dueOn = vnToday(new Date(clock.dueAt.getTime() - 1));
          const r = await notifyUnitMembers(trx, actor, {
            ...base,
            kind: clock.overdue ? 'tip_overdue' : 'tip_deadline_soon',
            dedupeKey: `tip:${t.id}:${clock.overdue ? 'overdue' : 'deadline_soon'}:${dueOn}`,
            params: { tipId: t.id, trackingCode: t.trackingCode, dueOn, daysLeft: clock.daysLeft },
          });
          notified += r.created;
        }
      }
      report.scanned += page.length;
      report.notified += notified;
      if (notified > 0) await writeAudit(trx, actor, { action: 'tip.deadline_scan', entityType: 'tip', entityId: null, data: { scanned: page.length, notified } });
    });
    if (page.length < PAGE) break;
  }
  return report;
}

/** The queue of the scan (registered in jobs/schedule.ts). */
export const TIP_DEADLINES_QUEUE = 'tips.deadlines' as QueueName;

export const tipDeadlineJob: JobDefinition = {
  name: TIP_DEADLINES_QUEUE,
  // One scan at a time; idempotent (dedupe keys), so a retry is harmless. Hourly: the transfer SLA is in hours.
  queue: { policy: 'singleton', retryLimit: 3, retryDelay: 300, expireInSeconds: 1800 },
  schedule: { cron: '5 * * * *', tz: 'Asia/Ho_Chi_Minh' },
  batchSize: 1,
  handler: ({ ctx }) => scanTipDeadlines(ctx, systemActor('tip-deadlines')),
};
