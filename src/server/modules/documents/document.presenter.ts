import type { Clause, DocumentDetail, DocumentListItem, DocumentRelation } from '../../../contracts/documents.ts';
import type { StoredFile } from '../../../contracts/files.ts';
import type { Actor } from '../../kernel/actor.ts';
import { canViewDocument, documentAbilities } from './document.policy.ts';
import type { ClauseRow, DocumentRow, RelationRow } from './document.repository.ts';

export function presentDocumentListItem(actor: Actor, r: DocumentRow): DocumentListItem {
  return {
    id: r.id,
    kind: r.kind as DocumentListItem['kind'],
    system: r.system as DocumentListItem['system'],
    number: r.number,
    symbol: r.symbol,
    issuerName: r.issuerName,
    issuerUnitId: r.issuerUnitId,
    issuedOn: r.issuedOn,
    summary: r.summary,
    term: r.term,
    plenum: r.plenum,
    classification: r.classification as DocumentListItem['classification'],
    ownerUnitId: r.ownerUnitId,
    version: r.version,
    abilities: documentAbilities(actor, r),
  };
}

export function presentClauses(rows: readonly ClauseRow[]): Clause[] {
  return rows.map((c) => ({ id: c.id, parentId: c.parentId, label: c.label, ref: c.ref, depth: c.ref.split('.').length - 1, text: c.text }));
}

/** Related documents the actor may not see are left out. */
function presentRelations(actor: Actor, rows: readonly RelationRow[]): DocumentDetail['relations'] {
  return rows
    .filter((r) => canViewDocument(actor, r))
    .map((r) => ({
      relation: r.relation as DocumentRelation,
      document: { id: r.id, kind: r.kind as DocumentListItem['kind'], symbol: r.symbol, summary: r.summary, issuedOn: r.issuedOn },
    }));
}

export function presentDocumentDetail(
  actor: Actor,
  r: DocumentRow,
  extra: { body: string | null; clauses: readonly ClauseRow[]; relations: readonly RelationRow[]; relatedBy: readonly RelationRow[]; attachments: readonly StoredFile[] },
): DocumentDetail {
  return {
    ...presentDocumentListItem(actor, r),
    registerYear: r.registerYear,
    year: r.year,
    issuerUnitName: r.issuerUnitName,
    ownerUnitName: r.ownerUnitName,
    body: extra.body,
    clauses: presentClauses(extra.clauses),
    relations: presentRelations(actor, extra.relations),
    relatedBy: presentRelations(actor, extra.relatedBy),
    attachments: [...extra.attachments],
  };
}
