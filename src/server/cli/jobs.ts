import type { Command } from 'commander';
import type { Runtime } from '../bootstrap.ts';
import type { Config } from '../config/env.ts';
import { startJobs } from '../jobs/queue.ts';
import { JOBS } from '../jobs/schedule.ts';
import type { Actor } from '../kernel/actor.ts';
import { DomainError } from '../kernel/errors.ts';
import { scanTaskReminders } from '../modules/tasks/task.reminders.ts';

/** `phoihop jobs …`: run the reminder scan now, show the queues. */
export function jobsCommands(program: Command, config: Config, withRuntime: (fn: (rt: Runtime) => Promise<void>) => Promise<void>, op: Actor): void {
  const jobs = program.command('jobs').description('Background jobs (reminders, e-mail)');
  jobs
    .command('run-reminders')
    .option('--today <date>', 'scan as if today were YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh)')
    .description('Run the reminder and escalation scan now (idempotent: a second run the same day creates nothing)')
    .action((o: { today?: string }) =>
      withRuntime(async (rt) => {
        if (o.today !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(o.today) || Number.isNaN(Date.parse(`${o.today}T00:00:00Z`)) || new Date(`${o.today}T00:00:00Z`).toISOString().slice(0, 10) !== o.today))
          throw new DomainError('validation_failed', { today: o.today }, [{ path: 'today', code: 'invalid_date' }]);
        // The queue store is opened (not the workers) so that e-mail jobs can be enqueued for the
        // server to send.
        const handle = await startJobs(rt, { workers: false });
        try {
          const r = await scanTaskReminders(rt.ctx, op, {
            ...(o.today ? { today: o.today } : {}),
            settings: { daysBefore: config.jobs.reminderDaysBefore, escalationDays: config.jobs.escalationDays },
          });
          console.log(`Reminder scan for ${r.today}: ${r.tasksScanned} tasks examined, ${r.created} notifications created${r.emails ? `, ${r.emails} e-mails queued` : ''}.`);
          for (const [kind, n] of Object.entries(r.byKind)) console.log(`  ${kind.padEnd(22)} ${n}`);
        } finally {
          await handle.stop();
        }
      }),
    );
  jobs
    .command('status')
    .description('Queues, their schedules and how many jobs wait in each')
    .action(() =>
      withRuntime(async (rt) => {
        const handle = await startJobs(rt, { workers: false });
        try {
          const schedules = new Map((await handle.boss.getSchedules()).map((s) => [s.name, `${s.cron} ${s.options?.tz ?? ''}`.trim()]));
          for (const def of JOBS) {
            const waiting = await handle.boss.getQueueSize(def.name);
            console.log(`${def.name.padEnd(16)} waiting ${String(waiting).padStart(5)}  ${schedules.get(def.name) ? `schedule ${schedules.get(def.name)}` : ''}`);
          }
          console.log(`E-mail: ${config.smtp ? 'on' : 'off (SMTP_URL not set)'}; workers in serve: ${config.jobs.enabled ? 'on' : 'off (JOBS=0)'}.`);
        } finally {
          await handle.stop();
        }
      }),
    );
}
