import type { Command } from 'commander';
import type { Runtime } from '../../bootstrap.ts';
import type { Actor } from '../../kernel/actor.ts';
import { DomainError } from '../../kernel/errors.ts';
import { getPerson, listPeople } from '../organisation/person.service.ts';
import { listUnits } from '../organisation/unit.service.ts';
import { AWARD_TITLES_VI } from './award.ts';
import { awardHistory, checkNomination } from './award.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const vi = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** `phoihop awards …`: the history of a person or unit; the eligibility check of a nomination. */
export function awardCommands(program: Command, withRuntime: (fn: (rt: Runtime) => Promise<void>) => Promise<void>, op: Actor): void {
  const awards = program.command('awards').description('Emulation and awards (thi đua, khen thưởng)');
  awards
    .command('history <who>')
    .description('Awards and nominations of a person (id or name) or a unit (id or code, e.g. CAX-26743)')
    .option('--json', 'print JSON')
    .action((who: string, o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        let target: { personId?: string; unitId?: string };
        const unit = UUID.test(who) ? null : (await listUnits(rt.ctx, op, { q: who, limit: 50, offset: 0 })).items.find((u) => u.code.toUpperCase() === who.toUpperCase());
        if (unit) target = { unitId: unit.id };
        else if (UUID.test(who)) {
          const person = await getPerson(rt.ctx, op, who).catch(() => null);
          target = person ? { personId: who } : { unitId: who };
        } else {
          const found = await listPeople(rt.ctx, op, { q: who, limit: 5, offset: 0 });
          if (found.total !== 1) {
            for (const p of found.items) console.error(`  ${p.id}  ${p.fullName} — ${p.unitName}`);
            throw new DomainError('not_found', { entity: 'person', query: who, matches: found.total });
          }
          target = { personId: found.items[0]!.id };
        }
        const h = await awardHistory(rt.ctx, op, target);
        if (o.json) return void console.log(JSON.stringify(h, null, 2));
        console.log(`${h.name}: ${h.grants.length} award(s), ${h.nominations.length} nomination(s)`);
        for (const g of h.grants) console.log(`  ${vi(g.decision.decidedOn)}  ${AWARD_TITLES_VI[g.kind]} — Quyết định ${g.decision.symbol} (${g.decision.issuerName})`);
        for (const n of h.nominations) console.log(`  nomination ${n.id}  ${AWARD_TITLES_VI[n.kind]}  ${n.state}`);
      }),
    );
  awards
    .command('check <nominationId>')
    .description('Eligibility of a nomination against the rules, with the reasons and the measured achievements')
    .option('--json', 'print JSON')
    .action((id: string, o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        const n = await checkNomination(rt.ctx, op, id);
        if (o.json) return void console.log(JSON.stringify({ eligibility: n.eligibility, achievements: n.achievements }, null, 2));
        console.log(`${AWARD_TITLES_VI[n.kind]} — ${n.nominee.name} (${n.nominee.unitName}), ${vi(n.periodFrom)}–${vi(n.periodTo)}, state ${n.state}`);
        console.log(`Verdict: ${n.eligibility.verdict}`);
        for (const r of n.eligibility.reasons) console.log(`  ${r.ok ? 'OK  ' : 'FAIL'} ${r.code}${Object.keys(r.params).length ? ' ' + JSON.stringify(r.params) : ''} — ${r.basis}${r.toVerify ? ' [to verify]' : ''}`);
        for (const a of n.achievements) console.log(`  ${a.measure}: ${a.count}${a.unitName ? ` (${a.unitName})` : ''}`);
        if (n.eligibility.verdict !== 'eligible') process.exitCode = 1;
      }),
    );
}
