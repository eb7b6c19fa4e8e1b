import { createHash } from 'node:crypto';
import type { AssignmentListQuery, IssueReportInput, ReportKind, ReportOptions } from '../../../contracts/reports.ts';
import type { DocumentKind } from '../../../contracts/documents.ts';
import type { Db, Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden } from '../../kernel/errors.ts';
import { pathInScope } from '../../kernel/scope.ts';
import { findUnitById } from '../organisation/unit.service.ts';
import { getConference } from '../conferences/conference.service.ts';
import { createDocument } from '../documents/document.service.ts';
import { canCreateDocument } from '../documents/document.policy.ts';
import { storeCheckedFile } from '../files/file.service.ts';
import { listTasks } from '../tasks/task-queries.service.ts';
import { describeFilters } from '../tasks/task-export.ts';
import { TASK_EXPORT_MAX, type Task } from '../../../contracts/tasks.ts';
import { canonicalNumber, DOCX_MIME, type OfficialDocument } from './official-document.ts';
import { renderDocx } from './docx-render.ts';
import type { Issue } from './templates/common.ts';
import { typedSymbol } from './templates/common.ts';
import { conclusionNotice } from './templates/conclusion-notice.ts';
import { assignmentList } from './templates/assignment-list.ts';
import { maxNumberInRegister } from './report.repository.ts';

/**
 * Use cases that generate official documents (DOCX) from records. Scope goes through the owning
 * modules' use cases (getConference, listTasks, compileReview: 404 outside scope). A draft (GET)
 * is audited; issuing (POST) also registers the number in the documents registry with the file
 * attached, in the same transaction as the audit row.
 */

export interface GeneratedReport {
  filename: string;
  bytes: Buffer;
  /** Canonical number and symbol when issued ("15/BC-CATP"); null for a draft. */
  numberSymbol: string | null;
  documentId: string | null;
}

/** Without a number and a date: what the templates need from the issuing unit and the options. */
type IssueBase = Omit<Issue, 'number' | 'date' | 'draftYear'> & { unitId: string; inScope: boolean };

const PLACE = 'Thành phố Hồ Chí Minh';

/** The issuing unit and how it signs. Issuing for a unit needs that unit in the actor's scope. */
export async function issuerOf(db: Db | Tx, actor: Actor, unitId: string | null, o: ReportOptions, signer: { title: string; name: string } | null): Promise<IssueBase> {
  const id = o.issuerUnitId ?? unitId;
  if (!id) throw new DomainError('validation_failed', {}, [{ path: 'issuerUnitId', code: 'required' }]);
  const unit = await findUnitById(db, id);
  if (!unit) throw new DomainError('organisation.unknown_unit', { id }, [{ path: 'issuerUnitId', code: 'unknown_unit' }]);
  if (o.issuerUnitId && !pathInScope(actor, unit.path, unit.communeCode)) throw forbidden('report.issuer');
  const parent = unit.parentId ? await findUnitById(db, unit.parentId) : undefined;
  const system = o.system ?? (unit.type === 'party_committee' ? 'party' : 'state');
  return {
    unitId: unit.id,
    inScope: pathInScope(actor, unit.path, unit.communeCode),
    system,
    ...(o.parentBody ? { parentBody: o.parentBody } : parent && parent.type !== 'administrative_area' ? { parentBody: parent.name } : {}),
    issuingBody: unit.name,
    issuerName: unit.name,
    issuerSymbol: o.issuerSymbol ?? unit.code,
    place: PLACE,
    signature: {
      ...(o.signaturePrefix ? { prefix: o.signaturePrefix, authority: o.signatureAuthority ?? '' } : {}),
      title: o.signerTitle ?? signer?.title ?? 'Thủ trưởng đơn vị',
      signerName: o.signerName ?? signer?.name ?? '',
    },
    archive: ['VT'],
  };
}

export interface Template {
  kind: ReportKind;
  entityType: string;
  entityId: string | null;
  documentKind: DocumentKind;
  typeAbbr: string;
  filename: string;
  build: (issue: Issue) => OfficialDocument;
}

/** Build, and for an issue register the number; audit either way. */
export async function emitReport(ctx: Ctx, actor: Actor, base: IssueBase, t: Template, issueInput: IssueReportInput | null): Promise<GeneratedReport> {
  if (!issueInput) {
    const doc = t.build({ ...base, number: null, date: null, draftYear: Number(ctx.today().slice(0, 4)) });
    const bytes = await renderDocx(doc);
    await inTransaction(ctx.db, (trx) =>
      writeAudit(trx, actor, { action: 'report.generated', entityType: t.entityType, entityId: t.entityId, data: { kind: t.kind, draft: true, system: doc.system, issuerUnitId: base.unitId, sha256: sha(bytes), size: bytes.length } }),
    );
    return { filename: `${t.filename}-du-thao.docx`, bytes, numberSymbol: null, documentId: null };
  }
  // Issuing is registry work (documents policy) for a unit the actor answers for.
  if (!canCreateDocument(actor) || !base.inScope) throw forbidden('report.issue');
  const date = issueInput.issuedOn ?? ctx.today();
  const year = Number(date.slice(0, 4));
  const symbol = typedSymbol(base.system, t.typeAbbr, base.issuerSymbol);
  canonicalNumber(base.system, 1, symbol); // refuse a bad symbol before reading the register
  const number = issueInput.number ?? (await maxNumberInRegister(ctx.db, base.system, symbol, year)) + 1;
  const canonical = canonicalNumber(base.system, number, symbol);
  const doc = t.build({ ...base, number, date, draftYear: year });
  const bytes = await renderDocx(doc);
  const filename = `${t.filename}-${canonical.replace(/[/]/g, '-')}.docx`;
  return inTransaction(ctx.db, async (trx) => {
    const file = await storeCheckedFile(trx, { filename, mime: DOCX_MIME, bytes, ownerUnitId: base.unitId });
    // The registry refuses a number and symbol already used in the register year (document.duplicate_number).
    const registered = await createDocument({ db: trx }, actor, {
      kind: t.documentKind,
      system: base.system,
      numberSymbol: canonical,
      issuerName: base.issuerName,
      issuerUnitId: base.unitId,
      issuedOn: date,
      summary: `${doc.typeName} ${doc.subject}`.slice(0, 2000),
      ownerUnitId: base.unitId,
      fileIds: [file.id],
    });
    await writeAudit(trx, actor, {
      action: 'report.generated',
      entityType: t.entityType,
      entityId: t.entityId,
      data: { kind: t.kind, draft: false, system: base.system, numberSymbol: canonical, registerYear: year, documentId: registered.id, fileId: file.id, issuerUnitId: base.unitId, sha256: sha(bytes), size: bytes.length },
    });
    return { filename, bytes, numberSymbol: canonical, documentId: registered.id };
  });
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Every visible task matching the filters (the task list's own use case and limits). */
async function allTasks(ctx: Ctx, actor: Actor, q: Omit<AssignmentListQuery, keyof ReportOptions>): Promise<Task[]> {
  const r = await listTasks(ctx, actor, { ...q, limit: TASK_EXPORT_MAX, offset: 0 });
  if (r.total > TASK_EXPORT_MAX) throw new DomainError('task.export_too_large', { total: r.total, max: TASK_EXPORT_MAX });
  return r.items;
}

/** Thông báo kết luận of a conference (404 when the conference is outside the actor's scope). */
export async function conclusionNoticeDocx(ctx: Ctx, actor: Actor, conferenceId: string, o: ReportOptions, issue: IssueReportInput | null = null): Promise<GeneratedReport> {
  const conference = await getConference(ctx, actor, conferenceId);
  const tasks = (await allTasks(ctx, actor, { conferenceId })).filter((t) => t.source.conferenceItemId !== null && t.source.parentId === null);
  const chair = [...conference.chairs].sort((a, b) => a.ordinal - b.ordinal)[0];
  const base = await issuerOf(ctx.db, actor, conference.hostUnitId, issue ?? o, chair ? { title: chair.titles[chair.titles.length - 1] ?? 'Chủ trì hội nghị', name: [chair.rank, chair.name].filter(Boolean).join(' ') } : null);
  return emitReport(ctx, actor, base, { kind: 'conclusion-notice', entityType: 'conference', entityId: conferenceId, documentKind: 'thong_bao', typeAbbr: 'TB', filename: 'thong-bao-ket-luan', build: (i) => conclusionNotice({ conference, tasks, issue: i }) }, issue);
}

/** Danh sách nhiệm vụ phân công from the filtered task list (the same filters as GET /api/tasks). */
export async function assignmentListDocx(ctx: Ctx, actor: Actor, q: AssignmentListQuery, issue: IssueReportInput | null = null): Promise<GeneratedReport> {
  const { system, issuerUnitId, parentBody, issuerSymbol, signaturePrefix, signatureAuthority, signerTitle, signerName, ...filters } = q;
  const o: ReportOptions = { system, issuerUnitId, parentBody, issuerSymbol, signaturePrefix, signatureAuthority, signerTitle, signerName };
  const tasks = await allTasks(ctx, actor, filters);
  const unitName = filters.unitId ? ((await findUnitById(ctx.db, filters.unitId))?.name ?? null) : null;
  const base = await issuerOf(ctx.db, actor, actor.unitId, issue ? { ...o, ...issue } : o, null);
  const asOf = ctx.today();
  return emitReport(ctx, actor, base, { kind: 'assignment-list', entityType: 'task_list', entityId: null, documentKind: 'thong_bao', typeAbbr: 'TB', filename: 'danh-sach-nhiem-vu', build: (i) => assignmentList({ tasks, filters: describeFilters(filters, unitName), asOf, issue: i }) }, issue);
}
