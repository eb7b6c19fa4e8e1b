import type {
  ClauseInput,
  CreateDocumentInput,
  DocumentDetail,
  DocumentKind,
  DocumentListItem,
  DocumentListQuery,
  DocumentReference,
  DocumentSystem,
  ResolvedReference,
  RelationInput,
  SetClausesInput,
  UpdateDocumentInput,
} from '../../../contracts/documents.ts';
import type { Db, Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound, staleVersion } from '../../kernel/errors.ts';
import { findUnitById } from '../organisation/unit.service.ts';
import { assertFilesUsable, describeFiles } from '../files/file.service.ts';
import { dedupeReferences, findDocumentReferences } from './reference-finder.ts';
import { parseDocumentNumber } from './document-number.ts';
import { foldForSearch } from '../../kernel/text.ts';
import { assertRelation, documentSearchText, parseClauses, registerYear, resolveNumber, validateClauses } from './document.ts';
import { canCreateDocument, canEditDocument, canOwnSecret, canViewDocument } from './document.policy.ts';
import { presentDocumentDetail, presentDocumentListItem } from './document.presenter.ts';
import * as repo from './document.repository.ts';

export async function listDocuments(ctx: Ctx, actor: Actor, q: DocumentListQuery): Promise<{ total: number; limit: number; offset: number; items: DocumentListItem[] }> {
  const { total, items } = await repo.listDocuments(ctx.db, actor, q);
  return { total, limit: q.limit, offset: q.offset, items: items.map((r) => presentDocumentListItem(actor, r)) };
}

async function loadVisible(db: Db | Tx, actor: Actor, id: string): Promise<repo.DocumentRow> {
  const row = await repo.findDocumentById(db, id);
  if (!row) throw notFound('document', id);
  if (!canViewDocument(actor, row)) throw hiddenNotFound('document', id);
  return row;
}

async function detail(db: Db | Tx, actor: Actor, row: repo.DocumentRow): Promise<DocumentDetail> {
  const [body, clauses, relations, relatedBy, fileIds] = [
    await repo.findDocumentBody(db, row.id),
    await repo.listClauses(db, row.id),
    await repo.relationsFrom(db, row.id),
    await repo.relationsTo(db, row.id),
    await repo.attachmentIds(db, row.id),
  ];
  return presentDocumentDetail(actor, row, { body, clauses, relations, relatedBy, attachments: await describeFiles(db, fileIds) });
}

export async function getDocument(ctx: Ctx, actor: Actor, id: string): Promise<DocumentDetail> {
  return detail(ctx.db, actor, await loadVisible(ctx.db, actor, id));
}

const isUniqueViolation = (e: unknown): boolean => (e as { code?: string }).code === '23505';

async function assertUnit(trx: Tx, id: string | null | undefined, path: string) {
  if (!id) return null;
  const u = await findUnitById(trx, id);
  if (!u) throw new DomainError('organisation.unknown_unit', { id }, [{ path, code: 'unknown_unit' }]);
  return u;
}

async function assertNumberFree(trx: Tx, symbol: string | null, year: number | null, exceptId?: string): Promise<void> {
  if (!symbol) return;
  const other = await repo.findBySymbol(trx, symbol, year);
  if (other && other.id !== exceptId) throw new DomainError('document.duplicate_number', { symbol, registerYear: year }, [{ path: 'numberSymbol', code: 'duplicate' }]);
}

/**
 * Register a document. Inside another use case's transaction (conference import) pass that
 * transaction as `db`; the audit row joins it.
 */
export async function createDocument(ctx: Ctx | { db: Db | Tx }, actor: Actor, input: CreateDocumentInput): Promise<DocumentDetail> {
  if (!canCreateDocument(actor)) throw forbidden('document.create');
  const number = resolveNumber(input.kind, input.numberSymbol, input.system);
  const clauses = validateClauses(input.clauses ?? []);
  return inTransaction(ctx.db, async (trx) => {
    await assertUnit(trx, input.issuerUnitId, 'issuerUnitId');
    const ownerId = input.ownerUnitId === undefined ? actor.unitId : input.ownerUnitId;
    const owner = await assertUnit(trx, ownerId, 'ownerUnitId');
    const classification = input.classification ?? 'normal';
    if (classification === 'secret' && !canOwnSecret(actor, owner)) throw forbidden('document.create_secret');
    const regYear = registerYear(number, input.issuedOn);
    await assertNumberFree(trx, number.symbol, regYear);
    const values: repo.DocumentValues = {
      kind: input.kind,
      system: number.system,
      number: number.number,
      year: number.year,
      symbol: number.symbol,
      register_year: regYear,
      issuer_name: input.issuerName,
      issuer_unit_id: input.issuerUnitId ?? null,
      issued_on: input.issuedOn ?? null,
      summary: input.summary,
      term: input.term ?? null,
      plenum: input.plenum ?? null,
      body: input.body ?? null,
      classification,
      owner_unit_id: owner?.id ?? null,
      search_text: documentSearchText({ kind: input.kind, symbol: number.symbol, issuerName: input.issuerName, summary: input.summary, term: input.term ?? null, number: number.number }),
    };
    let id: string;
    try {
      id = await repo.insertDocument(trx, { ...values, created_by: actor.userId });
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError('document.duplicate_number', { symbol: number.symbol, registerYear: regYear }, [{ path: 'numberSymbol', code: 'duplicate' }]);
      throw e;
    }
    if (clauses.length) await repo.replaceClauses(trx, id, clauses, []);
    const fileIds = [...new Set(input.fileIds ?? [])];
    if (fileIds.length) {
      await assertFilesUsable(trx, actor, fileIds);
      await repo.attachFiles(trx, id, fileIds);
    }
    const { search_text: _s, body: _b, ...audited } = values;
    await writeAudit(trx, actor, { action: 'document.created', entityType: 'document', entityId: id, data: { ...audited, clauses: clauses.length, fileIds } });
    return detail(trx, actor, (await repo.findDocumentById(trx, id))!);
  });
}

export async function updateDocument(ctx: Ctx, actor: Actor, id: string, input: UpdateDocumentInput): Promise<DocumentDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, actor, id);
    if (!canEditDocument(actor, row)) throw forbidden('document.update');
    if (row.version !== input.version) throw staleVersion('document', id);
    const kind = (input.kind ?? row.kind) as DocumentKind;
    const changes: Partial<repo.DocumentValues> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const note = (k: string, b: unknown, a: unknown) => {
      if (b !== a) {
        before[k] = b;
        after[k] = a;
      }
    };
    const numberTouched = input.numberSymbol !== undefined || input.kind !== undefined || input.system !== undefined || input.issuedOn !== undefined;
    if (numberTouched) {
      const typed = input.numberSymbol !== undefined ? input.numberSymbol : row.symbol;
      const system = (input.system ?? (typed ? undefined : row.system)) as DocumentSystem | undefined;
      const n = resolveNumber(kind, typed, system);
      const issuedOn = input.issuedOn !== undefined ? input.issuedOn : row.issuedOn;
      const regYear = registerYear(n, issuedOn);
      await assertNumberFree(trx, n.symbol, regYear, id);
      Object.assign(changes, { kind, system: n.system, number: n.number, year: n.year, symbol: n.symbol, register_year: regYear, issued_on: issuedOn });
      note('kind', row.kind, kind);
      note('symbol', row.symbol, n.symbol);
      note('system', row.system, n.system);
      note('issuedOn', row.issuedOn, issuedOn);
    }
    if (input.issuerName !== undefined) {
      changes.issuer_name = input.issuerName;
      note('issuerName', row.issuerName, input.issuerName);
    }
    if (input.issuerUnitId !== undefined) {
      await assertUnit(trx, input.issuerUnitId, 'issuerUnitId');
      changes.issuer_unit_id = input.issuerUnitId;
      note('issuerUnitId', row.issuerUnitId, input.issuerUnitId);
    }
    if (input.summary !== undefined) {
      changes.summary = input.summary;
      note('summary', row.summary, input.summary);
    }
    if (input.term !== undefined) {
      changes.term = input.term;
      note('term', row.term, input.term);
    }
    if (input.plenum !== undefined) {
      changes.plenum = input.plenum;
      note('plenum', row.plenum, input.plenum);
    }
    if (input.body !== undefined) {
      changes.body = input.body;
      after.bodyChanged = true;
    }
    const classification = input.classification ?? row.classification;
    const ownerId = input.ownerUnitId !== undefined ? input.ownerUnitId : row.ownerUnitId;
    if (input.classification !== undefined || input.ownerUnitId !== undefined) {
      const owner = await assertUnit(trx, ownerId, 'ownerUnitId');
      if (classification === 'secret' && !canOwnSecret(actor, owner)) throw forbidden('document.classify');
      changes.classification = classification;
      changes.owner_unit_id = ownerId;
      note('classification', row.classification, classification);
      note('ownerUnitId', row.ownerUnitId, ownerId);
    }
    changes.search_text = documentSearchText({
      kind,
      symbol: changes.symbol !== undefined ? changes.symbol : row.symbol,
      issuerName: changes.issuer_name ?? row.issuerName,
      summary: changes.summary ?? row.summary,
      term: changes.term !== undefined ? changes.term : row.term,
      number: changes.number !== undefined ? changes.number : row.number,
    });
    let ok: boolean;
    try {
      ok = await repo.updateDocumentRow(trx, id, input.version, changes);
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError('document.duplicate_number', { symbol: changes.symbol }, [{ path: 'numberSymbol', code: 'duplicate' }]);
      throw e;
    }
    if (!ok) throw staleVersion('document', id);
    await writeAudit(trx, actor, { action: 'document.updated', entityType: 'document', entityId: id, data: { before, after } });
    return detail(trx, actor, (await repo.findDocumentById(trx, id))!);
  });
}

/**
 * Replace the numbered clauses. Clauses whose ref stays keep their id (tasks point at them); a
 * clause that disappears while a task or a conference conclusion points at it is refused.
 */
export async function setClauses(ctx: Ctx, actor: Actor, id: string, input: SetClausesInput): Promise<DocumentDetail> {
  const clauses = validateClauses(input.clauses);
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, actor, id);
    if (!canEditDocument(actor, row)) throw forbidden('document.set_clauses');
    if (row.version !== input.version) throw staleVersion('document', id);
    const current = await repo.listClauses(trx, id);
    const keep = new Set(clauses.map((c) => c.ref));
    const removed = current.filter((c) => !keep.has(c.ref));
    const inUse = await repo.clausesInUse(trx, removed.map((c) => c.id));
    if (inUse.length) {
      const refs = removed.filter((c) => inUse.includes(c.id)).map((c) => c.ref);
      throw new DomainError('document.clause_in_use', { refs }, refs.map((ref) => ({ path: 'clauses', code: 'in_use', params: { ref } })));
    }
    await repo.replaceClauses(trx, id, clauses, removed.map((c) => c.id));
    if (!(await repo.updateDocumentRow(trx, id, input.version, {}))) throw staleVersion('document', id);
    await writeAudit(trx, actor, {
      action: 'document.clauses_set',
      entityType: 'document',
      entityId: id,
      data: { count: clauses.length, removed: removed.map((c) => c.ref), added: clauses.filter((c) => !current.some((x) => x.ref === c.ref)).map((c) => c.ref) },
    });
    return detail(trx, actor, (await repo.findDocumentById(trx, id))!);
  });
}

/** Clauses recognised in a text (preview; nothing stored). */
export const previewClauses = (text: string): { clauses: ClauseInput[] } => ({ clauses: parseClauses(text) });

export async function addRelation(ctx: Ctx, actor: Actor, id: string, input: RelationInput): Promise<DocumentDetail> {
  assertRelation(id, input.toDocumentId);
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, actor, id);
    if (!canEditDocument(actor, row)) throw forbidden('document.relate');
    const to = await repo.findDocumentById(trx, input.toDocumentId);
    if (!to || !canViewDocument(actor, to)) throw new DomainError('document.unknown_document', { id: input.toDocumentId }, [{ path: 'toDocumentId', code: 'unknown_document' }]);
    if (await repo.relationExists(trx, id, to.id, input.relation))
      throw new DomainError('document.duplicate_relation', { relation: input.relation }, [{ path: 'toDocumentId', code: 'duplicate' }]);
    await repo.insertRelation(trx, id, to.id, input.relation);
    await writeAudit(trx, actor, { action: 'document.related', entityType: 'document', entityId: id, data: { relation: input.relation, to: to.id, toSymbol: to.symbol } });
    return detail(trx, actor, row);
  });
}

export async function removeRelation(ctx: Ctx, actor: Actor, id: string, input: RelationInput): Promise<DocumentDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, actor, id);
    if (!canEditDocument(actor, row)) throw forbidden('document.relate');
    if (!(await repo.deleteRelation(trx, id, input.toDocumentId, input.relation))) throw notFound('document_relation', input.toDocumentId);
    await writeAudit(trx, actor, { action: 'document.unrelated', entityType: 'document', entityId: id, data: { relation: input.relation, to: input.toDocumentId } });
    return detail(trx, actor, row);
  });
}

export async function attachFile(ctx: Ctx, actor: Actor, id: string, fileId: string): Promise<DocumentDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, actor, id);
    if (!canEditDocument(actor, row)) throw forbidden('document.attach');
    await assertFilesUsable(trx, actor, [fileId], 'fileId');
    if (await repo.attachFiles(trx, id, [fileId])) await writeAudit(trx, actor, { action: 'document.file_attached', entityType: 'document', entityId: id, data: { fileId } });
    return detail(trx, actor, row);
  });
}

export async function detachFile(ctx: Ctx, actor: Actor, id: string, fileId: string): Promise<DocumentDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, actor, id);
    if (!canEditDocument(actor, row)) throw forbidden('document.attach');
    if (!(await repo.detachFile(trx, id, fileId))) throw notFound('document_file', fileId);
    await writeAudit(trx, actor, { action: 'document.file_detached', entityType: 'document', entityId: id, data: { fileId } });
    return detail(trx, actor, row);
  });
}

/* Lookups for other modules (conferences, tasks) ---------------------------------------------- */

/** Every id names a document the actor may see; refused otherwise as `document.unknown_document` (nothing leaks). */
export async function assertDocumentsVisible(db: Db | Tx, actor: Actor, ids: readonly string[], path = 'documentIds'): Promise<void> {
  const unique = [...new Set(ids)];
  const rows = await repo.findDocumentsByIds(db, unique);
  const ok = new Set(rows.filter((r) => canViewDocument(actor, r)).map((r) => r.id));
  const bad = unique.filter((id) => !ok.has(id));
  if (bad.length) throw new DomainError('document.unknown_document', { ids: bad }, bad.map((id) => ({ path, code: 'unknown_document', params: { id } })));
}

/** The clause belongs to the document (a conference conclusion or a task pointing at "II.3"). */
export async function assertClauseOf(db: Db | Tx, clauseId: string, documentId: string | null, path = 'clauseId'): Promise<void> {
  const c = await repo.findClause(db, clauseId);
  if (!c || (documentId !== null && c.documentId !== documentId)) throw new DomainError('document.unknown_clause', { clauseId }, [{ path, code: 'unknown_clause' }]);
}

/** A clause cited on its own (without its document) must belong to a document the actor may see. */
export async function assertClauseVisible(db: Db | Tx, actor: Actor, clauseId: string, path = 'clauseId'): Promise<void> {
  const c = await repo.findClause(db, clauseId);
  const d = c ? await repo.findDocumentById(db, c.documentId) : undefined;
  if (!d || !canViewDocument(actor, d)) throw new DomainError('document.unknown_clause', { clauseId }, [{ path, code: 'unknown_clause' }]);
}

/* References in free text ------------------------------------------------------------------- */

const sameIssuer = (a: string, b: string): boolean => {
  const x = foldForSearch(a);
  const y = foldForSearch(b);
  return x.includes(y) || y.includes(x);
};

/** The one visible registry entry a reference names, if exactly one fits. */
async function matchReference(db: Db | Tx, actor: Actor, r: DocumentReference): Promise<repo.DocumentRow | null> {
  const year = r.date ? Number(r.date.slice(0, 4)) : undefined;
  const pick = (rows: repo.DocumentRow[]): repo.DocumentRow | null => {
    let c = rows;
    if (r.issuer) c = c.filter((d) => sameIssuer(d.issuerName, r.issuer!));
    if (r.term) c = c.filter((d) => d.term === null || d.term === r.term);
    if (c.length > 1 && year !== undefined) c = c.filter((d) => d.registerYear === year || d.issuedOn?.startsWith(String(year)));
    return c.length === 1 ? c[0]! : null;
  };
  if (r.symbol) return pick(await repo.findMatching(db, actor, { symbol: r.symbol }));
  if (r.plenum !== undefined && r.term) return pick(await repo.findMatching(db, actor, { kind: r.kind, plenum: r.plenum, term: r.term }));
  if (r.number !== undefined) return pick(await repo.findMatching(db, actor, { kind: r.kind, number: r.number, ...(year !== undefined ? { year } : {}) }));
  return null;
}

/**
 * Link each reference to the registry (by symbol; else by kind, number, issuer and year; else by
 * plenum and term) or propose the fields of a new entry for the user to review.
 */
export async function resolveReferences(db: Db | Tx, actor: Actor, refs: readonly DocumentReference[]): Promise<ResolvedReference[]> {
  const out: ResolvedReference[] = [];
  for (const r of refs) {
    const m = await matchReference(db, actor, r);
    const parsed = r.symbol ? parseDocumentNumber(r.symbol) : null;
    out.push({
      kind: r.kind,
      number: r.number ?? null,
      symbol: r.symbol ?? null,
      date: r.date ?? null,
      issuer: r.issuer ?? null,
      term: r.term ?? null,
      plenum: r.plenum ?? null,
      subject: r.subject ?? null,
      text: r.text,
      start: r.start,
      end: r.end,
      match: m ? { documentId: m.id, symbol: m.symbol, summary: m.summary } : null,
      proposal: m
        ? null
        : {
            kind: r.kind,
            system: parsed?.ok ? parsed.value.system : null,
            numberSymbol: r.symbol ?? null,
            issuerName: r.issuer ?? null,
            issuedOn: r.date ?? null,
            term: r.term ?? null,
            plenum: r.plenum ?? null,
            summary: r.subject ?? r.text,
          },
    });
  }
  return out;
}

/** References to documents in a text, each linked to the registry or with a proposed new entry. */
export async function findReferences(ctx: Ctx, actor: Actor, text: string): Promise<{ references: ResolvedReference[] }> {
  return { references: await resolveReferences(ctx.db, actor, dedupeReferences(findDocumentReferences(text))) };
}

/** Short descriptions of the visible documents among `ids`, in the order given (conference pages). */
export async function describeDocuments(db: Db | Tx, actor: Actor, ids: readonly string[]): Promise<{ id: string; kind: string; symbol: string | null; summary: string; issuedOn: string | null }[]> {
  const rows = new Map((await repo.findDocumentsByIds(db, ids)).filter((r) => canViewDocument(actor, r)).map((r) => [r.id, r]));
  return ids.filter((id) => rows.has(id)).map((id) => {
    const r = rows.get(id)!;
    return { id: r.id, kind: r.kind, symbol: r.symbol, summary: r.summary, issuedOn: r.issuedOn };
  });
}
