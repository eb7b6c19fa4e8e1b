import type PgBoss from 'pg-boss';
import type { Config } from '../config/env.ts';
import { systemActor } from '../kernel/actor.ts';
import type { Ctx } from '../kernel/context.ts';
import { deliverNotificationEmail, type Mailer } from '../modules/notifications/notification.mail.ts';
import { scanTaskReminders } from '../modules/tasks/task.reminders.ts';
import { tipDeadlineJob } from '../modules/tips/tip.reminders.ts';
import { runReportJob } from '../modules/reports/report-run.service.ts';
import { QUEUES, type QueueName } from './boss.ts';

/**
 * The schedule table: every queue, its retry policy, its cron schedule (if any) and its handler.
 * Handlers are thin adapters over use cases, acting as an explicit system actor.
 */

export interface JobDeps {
  ctx: Ctx;
  config: Config;
  /** null when SMTP is not configured. */
  mailer: Mailer | null;
}

export interface JobDefinition {
  name: QueueName;
  /** pg-boss queue options (retries, expiry, policy). */
  queue: Omit<PgBoss.Queue, 'name'>;
  /** Cron in `tz`; pg-boss's timekeeper enqueues one job per tick across all instances. */
  schedule?: { cron: string; tz: string };
  /** Jobs fetched per poll. */
  batchSize: number;
  /** Poll this queue at least this often (seconds), for jobs a user is waiting for. */
  pollSeconds?: number;
  handler: (deps: JobDeps, data: Record<string, unknown>) => Promise<unknown>;
}

export const JOB_TIMEZONE = 'Asia/Ho_Chi_Minh';

export const JOBS: readonly JobDefinition[] = [
  {
    name: QUEUES.reminders,
    // One scan at a time; the scan is idempotent (dedupe keys), so a retry is harmless.
    queue: { policy: 'singleton', retryLimit: 3, retryDelay: 300, expireInSeconds: 3600 },
    schedule: { cron: '0 7 * * *', tz: JOB_TIMEZONE },
    batchSize: 1,
    handler: ({ ctx, config }, data) =>
      scanTaskReminders(ctx, systemActor('reminders'), {
        ...(typeof data.today === 'string' ? { today: data.today } : {}),
        settings: { daysBefore: config.jobs.reminderDaysBefore, escalationDays: config.jobs.escalationDays },
      }),
  },
  {
    name: QUEUES.email,
    // SMTP hiccups are retried with backoff for about an hour and a half.
    queue: { policy: 'standard', retryLimit: 6, retryDelay: 60, retryBackoff: true, expireInSeconds: 300 },
    batchSize: 5,
    handler: async ({ ctx, mailer }, data) => {
      if (!mailer) return { skipped: 'smtp_not_configured' };
      return { result: await deliverNotificationEmail(ctx, mailer, String(data.notificationId)) };
    },
  },
  tipDeadlineJob,
  {
    name: QUEUES.reports,
    // A user is waiting: polled every second. One report at a time per process (the embedded
    // database has one connection). One retry, which only marks a run interrupted by a stop.
    queue: { policy: 'standard', retryLimit: 1, retryDelay: 5, expireInSeconds: 15 * 60 },
    batchSize: 1,
    pollSeconds: 1,
    handler: ({ ctx }, data) => runReportJob(ctx, String(data.runId)),
  },
];
