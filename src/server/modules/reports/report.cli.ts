import fs from 'node:fs';
import type { Command } from 'commander';
import { REPORT_KINDS, SIGNATURE_PREFIXES, type IssueReportInput, type ReportKind, type ReportOptions } from '../../../contracts/reports.ts';
import type { Runtime } from '../../bootstrap.ts';
import type { Actor } from '../../kernel/actor.ts';
import { DomainError } from '../../kernel/errors.ts';
import { assignmentListDocx, conclusionNoticeDocx } from './report.service.ts';
import { reviewReportDocx } from './review-report.service.ts';
import { campaignReportDocx } from '../campaigns/campaign-report.service.ts';

interface Opts {
  out: string;
  issue?: boolean;
  number?: string;
  date?: string;
  system?: 'state' | 'party';
  issuer?: string;
  issuerSymbol?: string;
  parentBody?: string;
  signaturePrefix?: (typeof SIGNATURE_PREFIXES)[number];
  signatureAuthority?: string;
  signerTitle?: string;
  signerName?: string;
  unit?: string;
  status?: string;
}

/**
 * `phoihop reports generate <kind> [id] --out file.docx`: the official documents of the reports
 * module as the operator (drafts by default; `--issue` takes a number in the register). XLSX
 * statistics tables are the statistics module's own: `phoihop statistics incidents --out f.xlsx`.
 */
export function reportCommands(
  program: Command,
  withRuntime: (fn: (rt: Runtime) => Promise<void>) => Promise<void>,
  op: Actor,
  /** Unit by code (the CLI's own look-up). */
  findUnitByCode: (db: Runtime['ctx']['db'], code: string) => Promise<{ id: string } | undefined>,
): void {
  const reports = program.command('reports').description('Official documents (DOCX, NĐ 30/2020 or HD 36-HD/VPTW format)');
  reports
    .command('generate <kind> [id]')
    .description(`Generate ${REPORT_KINDS.join(' | ')}; id = conference id, review cycle id or campaign id (none for assignment-list)`)
    .requiredOption('--out <file>', 'output .docx file')
    .option('--issue', 'issue it: take a number in the register (documents registry) instead of a draft')
    .option('--number <n>', 'with --issue: this number (default: the next free one)')
    .option('--date <date>', 'with --issue: date YYYY-MM-DD (default: today)')
    .option('--system <s>', 'state | party (default from the issuing unit)')
    .option('--issuer <code>', 'issuing unit code (required for assignment-list)')
    .option('--issuer-symbol <s>', 'issuer part of the symbol, e.g. CATP or ĐU')
    .option('--parent-body <text>', 'cơ quan chủ quản printed above the issuing body')
    .option('--signature-prefix <p>', SIGNATURE_PREFIXES.join(' | '))
    .option('--signature-authority <text>', 'after the prefix, e.g. "Giám đốc"')
    .option('--signer-title <text>', 'e.g. "Phó Giám đốc"')
    .option('--signer-name <text>', 'rank and name')
    .option('--unit <code>', 'assignment-list: tasks of this unit')
    .option('--status <s>', 'assignment-list: derived statuses, comma-separated')
    .action((kind: string, id: string | undefined, o: Opts) =>
      withRuntime(async (rt) => {
        if (!(REPORT_KINDS as readonly string[]).includes(kind)) throw new DomainError('validation_failed', { kind }, [{ path: 'kind', code: 'invalid_enum_value' }]);
        const unitId = async (code: string | undefined) => {
          if (!code) return undefined;
          const u = await findUnitByCode(rt.ctx.db, code.toUpperCase());
          if (!u) throw new DomainError('organisation.unknown_unit', { code });
          return u.id;
        };
        const issuerUnitId = await unitId(o.issuer);
        const options: ReportOptions = {
          ...(o.system ? { system: o.system } : {}),
          ...(issuerUnitId ? { issuerUnitId } : {}),
          ...(o.issuerSymbol ? { issuerSymbol: o.issuerSymbol } : {}),
          ...(o.parentBody ? { parentBody: o.parentBody } : {}),
          ...(o.signaturePrefix ? { signaturePrefix: o.signaturePrefix } : {}),
          ...(o.signatureAuthority ? { signatureAuthority: o.signatureAuthority } : {}),
          ...(o.signerTitle ? { signerTitle: o.signerTitle } : {}),
          ...(o.signerName ? { signerName: o.signerName } : {}),
        };
        const issue: IssueReportInput | null = o.issue ? { ...options, ...(o.number ? { number: Number(o.number) } : {}), ...(o.date ? { issuedOn: o.date } : {}) } : null;
        const needId = () => {
          if (!id) throw new DomainError('validation_failed', {}, [{ path: 'id', code: 'required' }]);
          return id;
        };
        const generate = async (k: ReportKind) => {
          switch (k) {
            case 'conclusion-notice':
              return conclusionNoticeDocx(rt.ctx, op, needId(), options, issue);
            case 'review-report':
              return reviewReportDocx(rt.ctx, op, needId(), options, issue);
            case 'campaign-report':
              return campaignReportDocx(rt.ctx, op, needId(), options, issue);
            case 'assignment-list':
              return assignmentListDocx(rt.ctx, op, { ...options, ...(o.unit ? { unitId: await unitId(o.unit) } : {}), ...(o.status ? { status: o.status.split(',') as never } : {}) }, issue);
          }
        };
        const r = await generate(kind as ReportKind);
        fs.writeFileSync(o.out, r.bytes);
        console.log(`Wrote ${o.out} (${r.bytes.length} bytes)${r.numberSymbol ? `, số ${r.numberSymbol}, registry entry ${r.documentId}` : ', draft (no number)'}`);
      }),
    );
}
