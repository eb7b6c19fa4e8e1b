import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { createUserInput } from '../../contracts/accounts.ts';
import { ROLES, type Role } from '../../contracts/roles.ts';
import type { Config } from '../config/env.ts';
import { openRuntime, prepareData, type Runtime } from '../bootstrap.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { operatorActor } from '../kernel/actor.ts';
import { DomainError } from '../kernel/errors.ts';
import { importAdminUnits, importBoundaries } from '../modules/organisation/jurisdiction.service.ts';
import { createUnit, listUnits, updateUnit } from '../modules/organisation/unit.service.ts';
import { createUnitInput, unitListQuery, updateUnitInput, UNIT_LEVELS, UNIT_TYPES } from '../../contracts/organisation.ts';
import { findUnitByCode } from '../modules/organisation/unit.repository.ts';
import { createUser, listUsers, resetPassword } from '../modules/accounts/user.service.ts';
import { findUserByUsername } from '../modules/accounts/user.repository.ts';
import { verifyAuditChain } from '../modules/audit/audit.service.ts';
import { loadDemoCity, loadOrganisation } from '../seed/demo-city.ts';
import { TASK_STATUSES, taskExportQuery, taskListQuery } from '../../contracts/tasks.ts';
import { exportTasks, listTasks } from '../modules/tasks/task-queries.service.ts';

import { backupEmbedded, restoreEmbedded } from './backup.ts';
import { findReferences } from '../modules/documents/document.service.ts';
import { confirmConferenceImport, draftConferenceImport } from '../modules/conferences/conference.service.ts';
import { confirmConferenceInput } from '../../contracts/conferences.ts';
import { jobsCommands } from './jobs.ts';
import { statisticsCommands } from '../modules/statistics/statistics.cli.ts';
import { tipCommands } from '../modules/tips/tip.cli.ts';
import { awardCommands } from '../modules/awards/award.cli.ts';
import { reportCommands } from '../modules/reports/report.cli.ts';
import { campaignCommands } from '../modules/campaigns/campaign.cli.ts';
import { reviewCommands } from '../modules/reviews/review.cli.ts';
import { serve } from './serve.ts';
import { viDate } from '../kernel/calendar.ts';

/** The operator CLI: each command is a thin adapter over a use case, acting as an audited operator. */
export function buildCli(config: Config): Command {
  const program = new Command('phoihop').description('Phối Hợp — operator commands').showHelpAfterError();
  const op = operatorActor(process.env.USER ?? 'cli');
  const withRuntime = async (fn: (rt: Runtime) => Promise<void>) => {
    const rt = await openRuntime(config);
    try {
      await fn(rt);
    } finally {
      await rt.database.close();
    }
  };
  const readJson = (file: string): unknown => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new DomainError('import.invalid_file', { file, reason: (e as Error).message });
    }
  };

  program.command('serve', { isDefault: true }).description('Start the web interface and the API').action(() => serve(config));

  program.command('migrate').description('Apply pending database migrations').action(() =>
    withRuntime(async (rt) => {
      const r = await migrateToLatest(rt.database.db);
      console.log(r.applied.length ? `Applied: ${r.applied.join(', ')}` : 'Database is up to date.');
    }),
  );

  const seed = program.command('seed').description('Load data');
  seed.command('reference').description('Load the 34 provinces and Ho Chi Minh City’s 168 communes').action(() =>
    withRuntime(async (rt) => {
      await prepareData({ ...rt, config: { ...rt.config, demo: '0' } });
      console.log('Reference data loaded.');
    }),
  );
  seed.command('organisation').description('Load the organisation of Ho Chi Minh City (units only, no people or accounts)').action(() =>
    withRuntime(async (rt) => {
      const ids = await loadOrganisation(rt.ctx);
      console.log(`Organisation present: ${ids.size} units.`);
    }),
  );
  seed.command('demo').description('Load the demo city with its demo accounts (DEMO_PASSWORD)').action(() =>
    withRuntime(async (rt) => {
      const r = await loadDemoCity(rt.ctx, config.demoPassword);
      console.log(r.units ? `Demo city loaded: ${r.units} units, ${r.users} accounts.` : 'The demo city is already loaded.');
    }),
  );

  const imp = program.command('import').description('Import reference files');
  imp
    .command('units <file>')
    .description('Import provinces and communes (format of units-2026.json)')
    .action((file: string) =>
      withRuntime(async (rt) => {
        const r = await importAdminUnits(rt.ctx, op, readJson(file));
        console.log(JSON.stringify(r, null, 2));
      }),
    );
  imp
    .command('boundaries <file>')
    .description('Import commune boundaries from GeoJSON (feature id or properties.code = commune code)')
    .action((file: string) =>
      withRuntime(async (rt) => {
        const r = await importBoundaries(rt.ctx, op, readJson(file));
        console.log(JSON.stringify({ stored: r.stored, invalid: r.invalid, unknownCodes: r.unknownCodes }, null, 2));
      }),
    );

  const exp = program.command('export').description('Export data as JSON');
  exp
    .command('units')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .description('Export the organisation (units) as JSON')
    .action((o: { out?: string }) =>
      withRuntime(async (rt) => {
        const all = [];
        for (let offset = 0; ; offset += 200) {
          const page = await listUnits(rt.ctx, op, unitListQuery.parse({ limit: 200, offset, includeEnded: 'true' }));
          all.push(...page.items.map(({ abilities: _a, ...u }) => u));
          if (page.items.length < 200) break;
        }
        const json = JSON.stringify(all, null, 2);
        if (o.out) fs.writeFileSync(o.out, json);
        else console.log(json);
      }),
    );

  const units = program.command('units').description('Browse and edit the organisation');
  units
    .command('search [query]')
    .description('Search units, accent-insensitive ("ben thanh" finds "Bến Thành")')
    .option('--limit <n>', 'how many', '50')
    .action((query: string | undefined, o: { limit: string }) =>
      withRuntime(async (rt) => {
        const r = await listUnits(rt.ctx, op, unitListQuery.parse({ q: query, limit: o.limit }));
        for (const u of r.items) console.log(`${u.code.padEnd(14)} ${u.name}${u.parentName ? `  (${u.parentName})` : ''}`);
        console.log(`${r.items.length} of ${r.total}`);
      }),
    );
  units
    .command('add')
    .requiredOption('--code <code>')
    .requiredOption('--name <name>')
    .addOption(new Option('--type <type>').choices([...UNIT_TYPES]).makeOptionMandatory())
    .addOption(new Option('--level <level>').choices([...UNIT_LEVELS]).makeOptionMandatory())
    .option('--parent <code>', 'code of the parent unit')
    .option('--commune <code>', '5-digit commune code')
    .option('--short-name <name>')
    .description('Add a unit')
    .action((o: { code: string; name: string; type: string; level: string; parent?: string; commune?: string; shortName?: string }) =>
      withRuntime(async (rt) => {
        const parent = o.parent ? await findUnitByCode(rt.ctx.db, o.parent.toUpperCase()) : null;
        if (o.parent && !parent) throw new DomainError('organisation.unknown_unit', { code: o.parent });
        const input = createUnitInput.parse({ code: o.code, name: o.name, type: o.type, level: o.level, parentId: parent?.id ?? null, communeCode: o.commune ?? null, shortName: o.shortName ?? null });
        const u = await createUnit(rt.ctx, op, input);
        console.log(`Created ${u.code} ${u.name}.`);
      }),
    );
  units
    .command('update <code>')
    .option('--name <name>')
    .option('--short-name <name>')
    .option('--parent <code>', 'move under another unit')
    .option('--valid-to <date>', 'end of validity (YYYY-MM-DD), e.g. after a reorganisation')
    .description('Change a unit')
    .action((code: string, o: { name?: string; shortName?: string; parent?: string; validTo?: string }) =>
      withRuntime(async (rt) => {
        const unit = await findUnitByCode(rt.ctx.db, code.toUpperCase());
        if (!unit) throw new DomainError('organisation.unknown_unit', { code });
        const parent = o.parent ? await findUnitByCode(rt.ctx.db, o.parent.toUpperCase()) : undefined;
        if (o.parent && !parent) throw new DomainError('organisation.unknown_unit', { code: o.parent });
        const input = updateUnitInput.parse({
          version: unit.version,
          ...(o.name ? { name: o.name } : {}),
          ...(o.shortName ? { shortName: o.shortName } : {}),
          ...(parent ? { parentId: parent.id } : {}),
          ...(o.validTo ? { validTo: o.validTo } : {}),
        });
        const u = await updateUnit(rt.ctx, op, unit.id, input);
        console.log(`Updated ${u.code} ${u.name} (version ${u.version}).`);
      }),
    );

  const users = program.command('users').description('Manage accounts');
  users
    .command('add')
    .requiredOption('-u, --username <username>')
    .requiredOption('-n, --name <displayName>')
    .requiredOption('--unit <code>', 'unit code, e.g. CATP-PV01')
    .addOption(new Option('-r, --role <role...>', 'roles').choices([...ROLES]).default(['system_admin']))
    .option('-p, --password <password>', 'password (default: PHOIHOP_PASSWORD from the environment)')
    .description('Add an account (the first administrator of a production install)')
    .action((o: { username: string; name: string; unit: string; role: Role[]; password?: string }) =>
      withRuntime(async (rt) => {
        const unit = await findUnitByCode(rt.ctx.db, o.unit.toUpperCase());
        if (!unit) throw new DomainError('organisation.unknown_unit', { code: o.unit });
        const password = o.password ?? process.env.PHOIHOP_PASSWORD;
        const input = createUserInput.parse({ username: o.username, displayName: o.name, unitId: unit.id, roles: o.role, password });
        const u = await createUser(rt.ctx, op, input);
        console.log(`Created ${u.username} (${u.roles.join(', ')}) in ${u.unitName}.`);
      }),
    );
  users
    .command('reset-password <username>')
    .option('-p, --password <password>', 'new password (default: PHOIHOP_PASSWORD from the environment)')
    .description('Set a new password, end the account’s sessions and lift any lock')
    .action((username: string, o: { password?: string }) =>
      withRuntime(async (rt) => {
        const u = await findUserByUsername(rt.ctx.db, username.toLowerCase());
        if (!u) throw new DomainError('not_found', { entity: 'user', username });
        const pw = o.password ?? process.env.PHOIHOP_PASSWORD;
        if (!pw || pw.length < 10) throw new DomainError('auth.password_too_weak', { reason: 'min_length_10' });
        await resetPassword(rt.ctx, op, u.id, pw);
        console.log(`Password of ${username} changed.`);
      }),
    );
  users
    .command('list')
    .description('List accounts')
    .action(() =>
      withRuntime(async (rt) => {
        const r = await listUsers(rt.ctx, op, { limit: 200, offset: 0 });
        for (const u of r.items) console.log(`${u.username.padEnd(20)} ${u.roles.join(',').padEnd(16)} ${u.disabled ? 'disabled ' : ''}${u.unitName}`);
      }),
    );

  // Documents and conferences (coordination loop).
  const readText = (file: string): string => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new DomainError('import.invalid_file', { file, reason: (e as Error).message });
    }
  };
  const documents = program.command('documents').description('Directive documents (văn bản)');
  documents
    .command('find-refs <file>')
    .description('Print the references to documents found in a text file, linked to the registry or with a proposed entry')
    .option('--json', 'print JSON')
    .action((file: string, o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        const { references } = await findReferences(rt.ctx, op, readText(file));
        if (o.json) return console.log(JSON.stringify(references, null, 2));
        for (const r of references) {
          const what = [r.symbol ?? (r.number !== null ? `số ${r.number}` : null), r.plenum !== null ? `Trung ương ${r.plenum}` : null, r.term ? `khóa ${r.term}` : null, r.date, r.issuer].filter(Boolean).join(' · ');
          console.log(`${r.kind.padEnd(12)} ${what}`);
          console.log(`             ${r.match ? `→ registry: ${r.match.symbol ?? ''} ${r.match.summary} (${r.match.documentId})` : '→ not registered: propose a new entry'}`);
        }
        console.log(`${references.length} reference(s).`);
      }),
    );
  const conferences = program.command('conferences').description('Conferences (hội nghị)');
  conferences
    .command('import <file>')
    .description('Draft a conference from a report or minutes; with --confirm create it (host: the first matched party)')
    .option('--confirm', 'create the conference, its new documents and items as the operator')
    .option('--held-on <date>', 'date of the conference (YYYY-MM-DD), required with --confirm')
    .action((file: string, o: { confirm?: boolean; heldOn?: string }) =>
      withRuntime(async (rt) => {
        const d = await draftConferenceImport(rt.ctx, op, readText(file));
        console.log(JSON.stringify(d, null, 2));
        if (!o.confirm) return console.log('Draft only: nothing was created (add --confirm --held-on YYYY-MM-DD to create it).');
        if (!d.hostUnitId) throw new DomainError('validation_failed', {}, [{ path: 'hostUnitId', code: 'no_party_matched' }]);
        const input = confirmConferenceInput.parse({
          kind: d.kind,
          title: d.title,
          heldOn: o.heldOn,
          hostUnitId: d.hostUnitId,
          chairs: d.chairs,
          units: d.parties.filter((p) => p.unitId).map((p) => ({ unitId: p.unitId, role: 'party' })),
          documents: d.documents.map((r) =>
            r.match
              ? { documentId: r.match.documentId }
              : { create: { kind: r.proposal!.kind, ...(r.proposal!.system ? { system: r.proposal!.system } : { system: 'party' }), numberSymbol: r.proposal!.numberSymbol, issuerName: r.proposal!.issuerName ?? 'Chưa rõ', issuedOn: r.proposal!.issuedOn, term: r.proposal!.term, plenum: r.proposal!.plenum, summary: r.proposal!.summary } },
          ),
          items: d.items.map((i) => ({ text: i.text, documentIndex: i.documentIndex })),
        });
        const c = await confirmConferenceImport(rt.ctx, op, input);
        console.log(`Created conference ${c.id} with ${c.items.length} item(s) and ${c.createdDocumentIds.length} new document(s).`);
      }),
    );

  const tasks = program.command('tasks').description('Tasks (nhiệm vụ): list and export');
  const taskFilter = async (rt: Runtime, o: { unit?: string; status?: string; q?: string }) => {
    const unit = o.unit ? await findUnitByCode(rt.ctx.db, o.unit.toUpperCase()) : undefined;
    if (o.unit && !unit) throw new DomainError('task.unknown_unit', { code: o.unit });
    return { ...(unit ? { unitId: unit.id } : {}), ...(o.status ? { status: o.status.split(',') } : {}), ...(o.q ? { q: o.q } : {}) };
  };
  tasks
    .command('list')
    .description('Visible tasks, most urgent first')
    .option('--unit <code>', 'a unit code (lead, coordinating or assigning)')
    .option('--status <status>', `derived status, comma-separated (${TASK_STATUSES.join(', ')})`)
    .option('--q <text>', 'accent-insensitive text')
    .option('--limit <n>', 'how many', '50')
    .action((o: { unit?: string; status?: string; q?: string; limit: string }) =>
      withRuntime(async (rt) => {
        const r = await listTasks(rt.ctx, op, taskListQuery.parse({ ...(await taskFilter(rt, o)), limit: o.limit }));
        for (const t of r.items)
          console.log(`${t.code.padEnd(9)} ${t.status.padEnd(19)} ${(t.deadlineOn ? viDate(t.deadlineOn) : '—').padEnd(10)} ${String(t.progress).padStart(3)}%  ${t.leadUnit.name} — ${t.title}`);
        console.log(`${r.items.length} of ${r.total}`);
      }),
    );
  tasks
    .command('export')
    .description('Export the filtered task list as XLSX')
    .requiredOption('--out <file>', 'output .xlsx file')
    .option('--unit <code>', 'a unit code (lead, coordinating or assigning)')
    .option('--status <status>', 'derived status, comma-separated')
    .option('--q <text>', 'accent-insensitive text')
    .action((o: { out: string; unit?: string; status?: string; q?: string }) =>
      withRuntime(async (rt) => {
        const x = await exportTasks(rt.ctx, op, taskExportQuery.parse(await taskFilter(rt, o)));
        fs.writeFileSync(o.out, x.bytes);
        console.log(`Exported ${x.count} tasks to ${o.out}`);
      }),
    );

  const audit = program.command('audit').description('Audit trail');
  audit
    .command('verify')
    .description('Verify the hash chain; exits 1 and names the first broken row when it is broken')
    .action(() =>
      withRuntime(async (rt) => {
        const r = await verifyAuditChain(rt.ctx, op);
        if (r.ok) console.log(`Audit chain intact: ${r.checked} rows verified.`);
        else {
          console.error(`Audit chain BROKEN at row seq=${r.firstBrokenSeq} (${r.reason}); ${r.checked} rows before it verified.`);
          process.exitCode = 1;
        }
      }),
    );

  jobsCommands(program, config, withRuntime, op);
  statisticsCommands(program, withRuntime, op);
  tipCommands(program, withRuntime, op);
  awardCommands(program, withRuntime, op);
  reportCommands(program, withRuntime, op, findUnitByCode);
  campaignCommands(program, withRuntime, op);
  reviewCommands(program, withRuntime, op);

  program
    .command('backup <file>')
    .description('Embedded database: write a consistent copy (gzip tarball). PostgreSQL: use pg_dump (see README)')
    .action(async (file: string) => {
      if (config.databaseUrl) {
        console.error('DATABASE_URL is set: back up PostgreSQL with `pg_dump -Fc "$DATABASE_URL" -f phoihop.dump` (see README).');
        process.exitCode = 2;
        return;
      }
      const bytes = await backupEmbedded(config.dataDir, path.resolve(file));
      console.log(`Backup written to ${file} (${bytes} bytes).`);
    });
  program
    .command('restore <file>')
    .option('--force', 'replace an existing data directory')
    .description('Embedded database: restore a backup into DATA_DIR. PostgreSQL: use pg_restore (see README)')
    .action(async (file: string, o: { force?: boolean }) => {
      if (config.databaseUrl) {
        console.error('DATABASE_URL is set: restore PostgreSQL with `pg_restore --clean --if-exists -d "$DATABASE_URL" phoihop.dump` (see README).');
        process.exitCode = 2;
        return;
      }
      await restoreEmbedded(config.dataDir, path.resolve(file), !!o.force);
      console.log(`Restored ${file} into ${config.dataDir}.`);
    });
  return program;
}
