import type {
  Conference,
  ConferenceDraft,
  ConferenceListItem,
  ConferenceListQuery,
  ConfirmConferenceInput,
  CreateConferenceInput,
  SetConferenceItemsInput,
  UpdateConferenceInput,
} from '../../../contracts/conferences.ts';
import type { Db, Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound, staleVersion } from '../../kernel/errors.ts';
import { foldForSearch } from '../../kernel/text.ts';
import { findUnitById, listUnits as searchUnits } from '../organisation/unit.service.ts';
import { assertClauseOf, assertClauseVisible, assertDocumentsVisible, createDocument, describeDocuments, resolveReferences } from '../documents/document.service.ts';
import { canViewDocument } from '../documents/document.policy.ts';
import { findDocumentReferences } from '../documents/reference-finder.ts';
import { draftConferenceFromText } from './conference-import.ts';
import { assertUniqueUnits, citedReference, conferenceSearchText, sameName } from './conference.ts';
import { canEditConference, canHostConference, canImportConference, canViewConference, seesAllConferences } from './conference.policy.ts';
import { presentConference, presentConferenceListItem } from './conference.presenter.ts';
import * as repo from './conference.repository.ts';

export async function listConferences(ctx: Ctx, actor: Actor, q: ConferenceListQuery): Promise<{ total: number; limit: number; offset: number; items: ConferenceListItem[] }> {
  const { total, items } = await repo.listConferences(ctx.db, actor, seesAllConferences(actor), q);
  const out: ConferenceListItem[] = [];
  for (const r of items) out.push(presentConferenceListItem(actor, r, await repo.conferenceAccess(ctx.db, r)));
  return { total, limit: q.limit, offset: q.offset, items: out };
}

async function loadVisible(db: Db | Tx, actor: Actor, id: string) {
  const row = await repo.findConferenceById(db, id);
  if (!row) throw notFound('conference', id);
  const access = await repo.conferenceAccess(db, row);
  if (!canViewConference(actor, access)) throw hiddenNotFound('conference', id);
  return { row, access };
}

async function detail(db: Db | Tx, actor: Actor, id: string): Promise<Conference> {
  const row = (await repo.findConferenceById(db, id))!;
  const access = await repo.conferenceAccess(db, row);
  return presentConference(actor, row, access, {
    chairs: await repo.listChairs(db, id),
    units: await repo.listUnits(db, id),
    documents: await describeDocuments(db, actor, await repo.listDocumentIds(db, id)),
    // A conclusion citing a document the reader may not see (secret) does not name it.
    items: (await repo.listItems(db, id)).map((it) =>
      it.documentClassification !== null && !canViewDocument(actor, { classification: it.documentClassification, ownerUnitPath: it.documentOwnerPath, ownerUnitCommune: it.documentOwnerCommune })
        ? { ...it, documentSymbol: null, clauseRef: null }
        : it,
    ),
  });
}

/** For other modules (tasks citing a conclusion): whether the conference exists and the actor may see it. */
export async function isConferenceVisible(db: Db | Tx, actor: Actor, id: string): Promise<boolean> {
  const row = await repo.findConferenceById(db, id);
  return !!row && canViewConference(actor, await repo.conferenceAccess(db, row));
}

export async function getConference(ctx: Ctx, actor: Actor, id: string): Promise<Conference> {
  await loadVisible(ctx.db, actor, id);
  return detail(ctx.db, actor, id);
}

async function assertHost(trx: Tx, actor: Actor, hostUnitId: string) {
  const host = await findUnitById(trx, hostUnitId);
  if (!host) throw new DomainError('organisation.unknown_unit', { id: hostUnitId }, [{ path: 'hostUnitId', code: 'unknown_unit' }]);
  if (!canHostConference(actor, host)) throw forbidden('conference.host');
  return host;
}

async function assertUnits(trx: Tx, units: readonly { unitId: string }[]): Promise<void> {
  assertUniqueUnits(units);
  for (const [i, u] of units.entries())
    if (!(await findUnitById(trx, u.unitId))) throw new DomainError('organisation.unknown_unit', { id: u.unitId }, [{ path: `units.${i}.unitId`, code: 'unknown_unit' }]);
}

async function assertChairs(trx: Tx, chairs: readonly { personId?: string | null | undefined }[]): Promise<void> {
  const ids = chairs.map((c) => c.personId).filter((x): x is string => !!x);
  const found = new Set(await repo.peopleExist(trx, ids));
  chairs.forEach((c, i) => {
    if (c.personId && !found.has(c.personId)) throw new DomainError('conference.unknown_person', { id: c.personId }, [{ path: `chairs.${i}.personId`, code: 'unknown_person' }]);
  });
}

async function assertItems(trx: Tx, actor: Actor, items: readonly { documentId?: string | null | undefined; clauseId?: string | null | undefined }[]): Promise<void> {
  for (const [i, it] of items.entries()) {
    if (it.documentId) await assertDocumentsVisible(trx, actor, [it.documentId], `items.${i}.documentId`);
    if (it.clauseId) await assertClauseOf(trx, it.clauseId, it.documentId ?? null, `items.${i}.clauseId`);
    if (it.clauseId && !it.documentId) await assertClauseVisible(trx, actor, it.clauseId, `items.${i}.clauseId`);
  }
}

const chairValues = (chairs: CreateConferenceInput['chairs']) => chairs.map((c) => ({ name: c.name, rank: c.rank ?? null, titles: c.titles, personId: c.personId ?? null }));

/** Create inside a transaction (also used by the import confirmation). */
async function insertConference(trx: Tx, actor: Actor, input: CreateConferenceInput, audit: Record<string, unknown> = {}): Promise<{ id: string; itemIds: string[] }> {
  await assertHost(trx, actor, input.hostUnitId);
  await assertUnits(trx, input.units);
  await assertChairs(trx, input.chairs);
  const documentIds = [...new Set(input.documentIds)];
  await assertDocumentsVisible(trx, actor, documentIds);
  await assertItems(trx, actor, input.items);
  const id = await repo.insertConference(trx, {
    kind: input.kind,
    title: input.title,
    held_on: input.heldOn,
    place: input.place ?? null,
    host_unit_id: input.hostUnitId,
    agenda: input.agenda ?? null,
    minutes: input.minutes ?? null,
    search_text: conferenceSearchText(input),
    created_by: actor.userId,
  });
  await repo.replaceChairs(trx, id, chairValues(input.chairs));
  await repo.replaceUnits(trx, id, input.units);
  await repo.replaceDocuments(trx, id, documentIds);
  const itemIds = await repo.replaceItems(trx, id, input.items.map((it) => ({ text: it.text, documentId: it.documentId ?? null, clauseId: it.clauseId ?? null })), []);
  await writeAudit(trx, actor, {
    action: 'conference.created',
    entityType: 'conference',
    entityId: id,
    data: { kind: input.kind, title: input.title, heldOn: input.heldOn, hostUnitId: input.hostUnitId, chairs: input.chairs.map((c) => c.name), units: input.units, documentIds, items: itemIds.length, ...audit },
  });
  return { id, itemIds };
}

export async function createConference(ctx: Ctx, actor: Actor, input: CreateConferenceInput): Promise<Conference> {
  if (!canImportConference(actor)) throw forbidden('conference.create');
  return inTransaction(ctx.db, async (trx) => detail(trx, actor, (await insertConference(trx, actor, input)).id));
}

export async function updateConference(ctx: Ctx, actor: Actor, id: string, input: UpdateConferenceInput): Promise<Conference> {
  return inTransaction(ctx.db, async (trx) => {
    const { row, access } = await loadVisible(trx, actor, id);
    if (!canEditConference(actor, access)) throw forbidden('conference.update');
    if (row.version !== input.version) throw staleVersion('conference', id);
    const changes: Partial<repo.ConferenceValues> = {};
    const changed: string[] = [];
    if (input.hostUnitId !== undefined && input.hostUnitId !== row.hostUnitId) {
      await assertHost(trx, actor, input.hostUnitId);
      changes.host_unit_id = input.hostUnitId;
    }
    if (input.kind !== undefined) changes.kind = input.kind;
    if (input.title !== undefined) changes.title = input.title;
    if (input.heldOn !== undefined) changes.held_on = input.heldOn;
    if (input.place !== undefined) changes.place = input.place;
    if (input.agenda !== undefined) changes.agenda = input.agenda;
    if (input.minutes !== undefined) changes.minutes = input.minutes;
    changed.push(...Object.keys(changes));
    if (input.chairs !== undefined) {
      await assertChairs(trx, input.chairs);
      await repo.replaceChairs(trx, id, chairValues(input.chairs));
      changed.push('chairs');
    }
    if (input.units !== undefined) {
      await assertUnits(trx, input.units);
      await repo.replaceUnits(trx, id, input.units);
      changed.push('units');
    }
    if (input.documentIds !== undefined) {
      const ids = [...new Set(input.documentIds)];
      await assertDocumentsVisible(trx, actor, ids);
      await repo.replaceDocuments(trx, id, ids);
      changed.push('documentIds');
    }
    const chairs = input.chairs ?? (await repo.listChairs(trx, id));
    changes.search_text = conferenceSearchText({ title: changes.title ?? row.title, place: changes.place !== undefined ? changes.place : row.place, chairs });
    if (!(await repo.updateConferenceRow(trx, id, input.version, changes))) throw staleVersion('conference', id);
    await writeAudit(trx, actor, { action: 'conference.updated', entityType: 'conference', entityId: id, data: { changed, ...Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'minutes')) } });
    return detail(trx, actor, id);
  });
}

/**
 * Replace the numbered conclusion items. Items sent with their id keep it (tasks point at them);
 * removing an item from which tasks were created is refused (`conference.item_in_use`).
 */
export async function setConferenceItems(ctx: Ctx, actor: Actor, id: string, input: SetConferenceItemsInput): Promise<Conference> {
  return inTransaction(ctx.db, async (trx) => {
    const { row, access } = await loadVisible(trx, actor, id);
    if (!canEditConference(actor, access)) throw forbidden('conference.set_items');
    if (row.version !== input.version) throw staleVersion('conference', id);
    const current = await repo.listItems(trx, id);
    const currentIds = new Set(current.map((c) => c.id));
    input.items.forEach((it, i) => {
      if (it.id && !currentIds.has(it.id)) throw new DomainError('validation_failed', {}, [{ path: `items.${i}.id`, code: 'unknown_item' }]);
    });
    const kept = new Set(input.items.map((it) => it.id).filter(Boolean));
    const removed = current.filter((c) => !kept.has(c.id)).map((c) => c.id);
    const inUse = await repo.itemsInUse(trx, removed);
    if (inUse.length) throw new DomainError('conference.item_in_use', { ids: inUse }, inUse.map((x) => ({ path: 'items', code: 'in_use', params: { id: x } })));
    await assertItems(trx, actor, input.items);
    const ids = await repo.replaceItems(trx, id, input.items.map((it) => ({ id: it.id, text: it.text, documentId: it.documentId ?? null, clauseId: it.clauseId ?? null })), removed);
    if (!(await repo.updateConferenceRow(trx, id, input.version, {}))) throw staleVersion('conference', id);
    await writeAudit(trx, actor, { action: 'conference.items_set', entityType: 'conference', entityId: id, data: { count: ids.length, removed, added: ids.filter((x) => !currentIds.has(x)) } });
    return detail(trx, actor, id);
  });
}

/* Import ----------------------------------------------------------------------------------------- */

/**
 * Draft a conference from a pasted report or minutes. Reads only: nothing is stored. Co-chairs
 * are matched to people and parties to units by their folded names; documents are linked to the
 * registry or come with a proposal for a new entry.
 */
export async function draftConferenceImport(ctx: Ctx, actor: Actor, text: string): Promise<ConferenceDraft> {
  if (!canImportConference(actor)) throw forbidden('conference.import');
  const d = draftConferenceFromText(text);
  const parties: ConferenceDraft['parties'] = [];
  for (const name of d.parties) {
    const found = await searchUnits(ctx, actor, { q: name, limit: 20, offset: 0 });
    const exact = found.items.filter((u) => sameName(u.name, name) || (u.shortName !== null && sameName(u.shortName, name)));
    const unit = exact.length === 1 ? exact[0]! : null;
    parties.push({ name, unitId: unit?.id ?? null, unitCode: unit?.code ?? null, unitName: unit?.name ?? null });
  }
  const people = await repo.peopleByFoldedName(ctx.db, d.coChairs.map((c) => foldForSearch(c.name)));
  const chairs = d.coChairs.map((c) => {
    const hits = people.filter((p) => sameName(p.fullName, c.name));
    return { name: c.name, rank: c.rank ?? null, titles: c.titles, personId: hits.length === 1 ? hits[0]!.id : null };
  });
  const documents = await resolveReferences(ctx.db, actor, d.documents);
  const items = d.conclusionItems.map((it) => ({ text: it.text, source: it.source, documentIndex: citedReference(findDocumentReferences(it.text), d.documents) }));
  return {
    kind: 'coordination',
    title: d.title,
    heldOn: null,
    place: null,
    hostUnitId: parties.find((p) => p.unitId)?.unitId ?? null,
    chairs,
    parties,
    documents,
    items,
    awards: d.awards.map((a) => ({ name: a.name, count: a.count ?? null, recipients: a.recipients })),
    ignoredLines: d.ignoredLines,
  };
}

/**
 * Create, in one transaction, the reviewed draft: new documents the user kept, the conference,
 * its links, co-chairs, units and items. Any refusal leaves nothing behind.
 */
export async function confirmConferenceImport(ctx: Ctx, actor: Actor, input: ConfirmConferenceInput): Promise<Conference & { createdDocumentIds: string[] }> {
  if (!canImportConference(actor)) throw forbidden('conference.import');
  input.items.forEach((it, i) => {
    if (it.documentIndex !== undefined && it.documentIndex !== null && it.documentIndex >= input.documents.length)
      throw new DomainError('validation_failed', {}, [{ path: `items.${i}.documentIndex`, code: 'out_of_range' }]);
  });
  return inTransaction(ctx.db, async (trx) => {
    await assertHost(trx, actor, input.hostUnitId);
    const documentIds: string[] = [];
    const created: string[] = [];
    for (const [i, d] of input.documents.entries()) {
      if ('documentId' in d) {
        await assertDocumentsVisible(trx, actor, [d.documentId], `documents.${i}.documentId`);
        documentIds.push(d.documentId);
      } else {
        try {
          const doc = await createDocument({ db: trx }, actor, d.create);
          documentIds.push(doc.id);
          created.push(doc.id);
        } catch (e) {
          // Say which document of the draft was refused.
          if (e instanceof DomainError && e.issues) throw new DomainError(e.code, { ...e.params, document: i }, e.issues.map((x) => ({ ...x, path: `documents.${i}.create.${x.path}` })));
          throw e;
        }
      }
    }
    const { id } = await insertConference(
      trx,
      actor,
      {
        kind: input.kind,
        title: input.title,
        heldOn: input.heldOn,
        place: input.place ?? null,
        hostUnitId: input.hostUnitId,
        agenda: input.agenda ?? null,
        minutes: input.minutes ?? null,
        chairs: input.chairs,
        units: input.units,
        documentIds,
        items: input.items.map((it) => ({ text: it.text, documentId: it.documentIndex !== undefined && it.documentIndex !== null ? documentIds[it.documentIndex]! : null, clauseId: it.clauseId ?? null })),
      },
      { imported: true, createdDocumentIds: created },
    );
    return { ...(await detail(trx, actor, id)), createdDocumentIds: created };
  });
}
