import nodemailer from 'nodemailer';
import PgBoss from 'pg-boss';
import type { Config } from '../config/env.ts';
import type { Database } from '../db/connect.ts';
import type { Ctx } from '../kernel/context.ts';
import type { Mailer } from '../modules/notifications/notification.mail.ts';
import { PoolAdapter, registerJobs } from './boss.ts';
import { JOBS, type JobDeps } from './schedule.ts';

/**
 * Start and stop the background jobs (pg-boss 10) on the application's own database connection.
 * See docs/decisions/007-jobs.md.
 *
 * - The pg-boss schema (`pgboss`) and our queues are created or migrated at start; after that
 *   any use case in this process can enqueue inside its transaction (`enqueue` in boss.ts).
 * - With `workers` (serve, unless JOBS=0) the process also polls the queues, runs pg-boss's
 *   maintenance and its cron timekeeper (the daily reminder scan).
 */

export interface JobsRuntime {
  config: Config;
  database: Database;
  ctx: Ctx;
}

export interface StartJobsOptions {
  /** Poll queues, run the schedule and maintenance (default: JOBS=1). */
  workers?: boolean;
  /** Replace the SMTP transport (tests: nodemailer's jsonTransport). Only used when SMTP_URL is set. */
  transport?: Mailer['transport'];
  /** Where job errors are reported (default: standard error unless LOG_LEVEL=silent). */
  onError?: (err: unknown, where: string) => void;
}

export interface JobsHandle {
  boss: PgBoss;
  workers: boolean;
  emailEnabled: boolean;
  stop(): Promise<void>;
}

let current: JobsHandle | null = null;

/** The running jobs of this process, if any. */
export const runningJobs = (): JobsHandle | null => current;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startJobs(rt: JobsRuntime, opts: StartJobsOptions = {}): Promise<JobsHandle> {
  if (current) throw new Error('Jobs are already started in this process');
  const { config } = rt;
  const workers = opts.workers ?? config.jobs.enabled;
  const poll = config.jobs.pollSeconds;
  const onError =
    opts.onError ??
    ((err: unknown, where: string) => {
      if (config.logLevel !== 'silent') console.error(`[jobs] ${where}:`, err instanceof Error ? err.message : err);
    });
  const adapter = new PoolAdapter(rt.database.pool);
  const boss = new PgBoss({
    db: adapter,
    schema: 'pgboss',
    migrate: true,
    supervise: workers,
    schedule: workers,
    pollingIntervalSeconds: poll,
    // The timekeeper must look at the cron table at least once a minute; its internal queue is
    // polled as often as ours. Maintenance (expiry, archive, purge) is rare: the embedded
    // database has one connection and it belongs to the users first.
    cronMonitorIntervalSeconds: Math.min(30, Math.max(1, Math.round(poll * 3))),
    cronWorkerIntervalSeconds: Math.min(45, Math.max(1, Math.round(poll))),
    clockMonitorIntervalSeconds: 600,
    maintenanceIntervalSeconds: 30 * 60,
    deleteAfterDays: 7,
  });
  boss.on('error', (err) => onError(err, 'pg-boss'));
  await boss.start();

  const active = new Set<Promise<unknown>>();
  const ownTransport = config.smtp && !opts.transport ? nodemailer.createTransport(config.smtp.url) : null;
  try {
    for (const def of JOBS) {
      await boss.createQueue(def.name, { name: def.name, ...def.queue });
      await boss.updateQueue(def.name, { name: def.name, ...def.queue });
    }
    const mailer: Mailer | null = config.smtp
      ? { from: config.smtp.from, transport: opts.transport ?? ownTransport! }
      : null;
    const deps: JobDeps = { ctx: rt.ctx, config, mailer };
    if (workers) {
      for (const def of JOBS) {
        if (def.schedule) await boss.schedule(def.name, def.schedule.cron, {}, { tz: def.schedule.tz });
        else await boss.unschedule(def.name);
        await boss.work<Record<string, unknown>>(def.name, { pollingIntervalSeconds: Math.min(poll, def.pollSeconds ?? poll), batchSize: def.batchSize }, async (jobs) => {
          // Each job of a batch succeeds or fails on its own: a failed one is handed back for a
          // retry, the others are completed by pg-boss when this returns.
          for (const job of jobs) {
            const run = def.handler(deps, job.data ?? {});
            active.add(run);
            try {
              await run;
            } catch (err) {
              onError(err, `${def.name} job ${job.id}`);
              await boss.fail(def.name, job.id, { message: err instanceof Error ? err.message : String(err) }).catch((e: unknown) => onError(e, 'fail'));
            } finally {
              active.delete(run);
            }
          }
        });
      }
    }
    registerJobs({ boss, emailEnabled: mailer !== null });
  } catch (err) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    adapter.close();
    ownTransport?.close();
    throw err;
  }

  let stopped = false;
  const handle: JobsHandle = {
    boss,
    workers,
    emailEnabled: config.smtp !== null,
    async stop() {
      if (stopped) return;
      stopped = true;
      registerJobs(null);
      if (current === handle) current = null;
      await boss.stop({ graceful: true, wait: true, timeout: 15_000 }).catch((e: unknown) => onError(e, 'stop'));
      // A poll may still be in flight and hand a job to a handler: wait until every handler and
      // every statement has finished, then refuse new statements, so the database can close.
      const deadline = Date.now() + 15_000;
      while ((active.size > 0 || adapter.inFlight > 0) && Date.now() < deadline) await sleep(20);
      adapter.close();
      ownTransport?.close();
    },
  };
  current = handle;
  return handle;
}

/** Stop the jobs of this process (no-op when none run). */
export async function stopJobs(): Promise<void> {
  await current?.stop();
}
