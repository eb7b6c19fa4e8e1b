import type { Command } from 'commander';
import type { Runtime } from '../../bootstrap.ts';
import type { Actor } from '../../kernel/actor.ts';
import { DomainError } from '../../kernel/errors.ts';
import { scanTipDeadlines } from './tip.reminders.ts';
import { setTipCommuneRemote } from './tip.service.ts';

/** `phoihop tips …`: run the deadline scan now; mark a commune remote (48 h to transfer). */
export function tipCommands(program: Command, withRuntime: (fn: (rt: Runtime) => Promise<void>) => Promise<void>, op: Actor): void {
  const tips = program.command('tips').description('Citizen tips (nguồn tin về tội phạm)');
  tips
    .command('scan-deadlines')
    .description('Notify handlers of tips near the transfer SLA or the art. 147 deadline (idempotent)')
    .action(() =>
      withRuntime(async (rt) => {
        const r = await scanTipDeadlines(rt.ctx, op);
        console.log(`Tip deadline scan: ${r.scanned} open tips examined, ${r.notified} notifications created.`);
      }),
    );
  tips
    .command('set-remote <communeCode> <remote>')
    .description('Mark a commune remote (true: 48 h to transfer) or not (false); applies to new tips')
    .action((code: string, remote: string) =>
      withRuntime(async (rt) => {
        if (remote !== 'true' && remote !== 'false') throw new DomainError('validation_failed', { remote }, [{ path: 'remote', code: 'boolean' }]);
        const r = await setTipCommuneRemote(rt.ctx, op, code, remote === 'true');
        console.log(`Commune ${r.communeCode}: remote=${String(r.remote)}`);
      }),
    );
}
