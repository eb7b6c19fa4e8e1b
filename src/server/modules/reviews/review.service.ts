import type {
  ActionStatusInput,
  AgendaInput,
  CorrectiveAction,
  CorrectiveActionStatus,
  CreateActionInput,
  CreateReviewInput,
  ReviewCycle,
  ReviewListQuery,
  UpdateActionInput,
} from '../../../contracts/reviews.ts';
import type { Db, Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound, staleVersion } from '../../kernel/errors.ts';
import { canViewDocument } from '../documents/document.policy.ts';
import { checkActionTransition, cutoffOf, isCarriedForward, resolveReviewPeriod } from './review.ts';
import { canCloseAction, canEditCycle, canOpenCycle, canProgressAction, canSeeUnit, canUpdateAction, canViewCycle, seesWholeCycle } from './review.policy.ts';
import { cycleAccess, presentAction, presentCycle, presentPeriod } from './review.presenter.ts';
import * as repo from './review.repository.ts';

/**
 * Use cases of review cycles: open a cycle, list and read cycles, set the agenda, close a cycle,
 * record / edit corrective actions and change their status. Every write is audited in its own
 * transaction. The compilation is in review-compilation.service.ts.
 */

/** A cycle the actor may see, or 404 (hidden when it exists outside their scope). */
export async function loadVisibleCycle(db: Db | Tx, actor: Actor, id: string): Promise<repo.CycleRow> {
  const c = await repo.findCycle(db, id);
  if (!c) throw notFound('review', id);
  if (!canViewCycle(actor, cycleAccess(c))) throw hiddenNotFound('review', id);
  return c;
}

function requireEditable(actor: Actor, c: repo.CycleRow, action: string): void {
  if (c.state === 'closed') throw new DomainError('review.closed', { id: c.id });
  if (!canEditCycle(actor, cycleAccess(c))) throw forbidden(action);
}

async function presentFull(db: Db | Tx, actor: Actor, c: repo.CycleRow): Promise<ReviewCycle> {
  return presentCycle(actor, c, await repo.programmeOf(db, c.id), await repo.agendaOf(db, c.id));
}

/** A unit of the cycle's scope (its subtree), or a coded error naming the field. */
async function unitInCycleScope(db: Db | Tx, c: repo.CycleRow, unitId: string, field: string): Promise<repo.UnitInfo> {
  const u = (await repo.unitsByIds(db, [unitId])).get(unitId);
  if (!u) throw new DomainError('review.unknown_unit', { unitId }, [{ path: field, code: 'unknown_unit' }]);
  if (!u.path.startsWith(c.scopeUnit.path)) throw new DomainError('review.unit_outside_scope', { unitId, scopeUnitId: c.scopeUnit.id }, [{ path: field, code: 'unit_outside_scope' }]);
  return u;
}

// ── Cycles ──────────────────────────────────────────────────────────────────────────────────

/**
 * The programme's documents and conferences must exist and be visible to the actor (a secret
 * document they may not see answers like an unknown one).
 */
export async function checkProgramme(db: Db | Tx, actor: Actor, documentIds: readonly string[], conferenceIds: readonly string[]): Promise<void> {
  if (documentIds.length + conferenceIds.length === 0) throw new DomainError('review.empty_programme', {}, [{ path: 'documentIds', code: 'empty_programme' }]);
  const s = await repo.sourcesByIds(db, documentIds, conferenceIds);
  const docs = new Map(s.documents.map((d) => [d.id, d]));
  documentIds.forEach((id, i) => {
    const d = docs.get(id);
    if (!d || !canViewDocument(actor, { classification: d.classification, ownerUnitPath: d.ownerPath, ownerUnitCommune: d.ownerCommune }))
      throw new DomainError('review.unknown_source', { documentId: id }, [{ path: `documentIds.${i}`, code: 'unknown_source' }]);
  });
  const confs = new Set(s.conferences.map((c) => c.id));
  conferenceIds.forEach((id, i) => {
    if (!confs.has(id)) throw new DomainError('review.unknown_source', { conferenceId: id }, [{ path: `conferenceIds.${i}`, code: 'unknown_source' }]);
  });
}

export async function createReviewCycle(ctx: Ctx, actor: Actor, input: CreateReviewInput): Promise<ReviewCycle> {
  const period = resolveReviewPeriod(input.period, ctx.today());
  const documentIds = [...new Set(input.documentIds)];
  const conferenceIds = [...new Set(input.conferenceIds)];
  return inTransaction(ctx.db, async (trx) => {
    const scope = (await repo.unitsByIds(trx, [input.scopeUnitId])).get(input.scopeUnitId);
    if (!scope) throw new DomainError('review.unknown_unit', { unitId: input.scopeUnitId }, [{ path: 'scopeUnitId', code: 'unknown_unit' }]);
    if (!canOpenCycle(actor, scope)) throw forbidden('review.create');
    await checkProgramme(trx, actor, documentIds, conferenceIds);
    const id = await repo.insertCycle(
      trx,
      { kind: input.kind, title: input.title, scopeUnitId: scope.id, period, createdBy: actor.userId, createdByName: actor.username, now: ctx.now() },
      documentIds,
      conferenceIds,
    );
    await writeAudit(trx, actor, {
      action: 'review.created',
      entityType: 'review_cycle',
      entityId: id,
      data: { kind: input.kind, title: input.title, scopeUnitId: scope.id, period: presentPeriod(period), documentIds, conferenceIds },
    });
    return presentFull(trx, actor, (await repo.findCycle(trx, id))!);
  });
}

export async function listReviewCycles(ctx: Ctx, actor: Actor, q: ReviewListQuery) {
  const r = await repo.listCycles(ctx.db, actor, q);
  return {
    total: r.total,
    limit: q.limit,
    offset: q.offset,
    items: r.items.map((c) => {
      const { programme: _p, agenda: _a, ...rest } = presentCycle(actor, c, { documents: [], conferences: [] }, []);
      return { ...rest, documentCount: c.documentCount, conferenceCount: c.conferenceCount, openActions: c.openActions };
    }),
  };
}

export async function getReviewCycle(ctx: Ctx, actor: Actor, id: string): Promise<ReviewCycle> {
  return presentFull(ctx.db, actor, await loadVisibleCycle(ctx.db, actor, id));
}

/** Replace the agenda (the order in which units report). */
export async function setReviewAgenda(ctx: Ctx, actor: Actor, id: string, input: AgendaInput): Promise<ReviewCycle> {
  return inTransaction(ctx.db, async (trx) => {
    const c = await loadVisibleCycle(trx, actor, id);
    requireEditable(actor, c, 'review.set_agenda');
    await repo.lockCycle(trx, id);
    const seen = new Set<string>();
    for (const [i, unitId] of input.unitIds.entries()) {
      if (seen.has(unitId)) throw new DomainError('validation_failed', { in: 'body' }, [{ path: `unitIds.${i}`, code: 'duplicate' }]);
      seen.add(unitId);
      await unitInCycleScope(trx, c, unitId, `unitIds.${i}`);
    }
    await repo.replaceAgenda(trx, id, input.unitIds);
    await repo.touchCycle(trx, id, ctx.now());
    await writeAudit(trx, actor, { action: 'review.agenda_set', entityType: 'review_cycle', entityId: id, data: { unitIds: input.unitIds } });
    return presentFull(trx, actor, (await repo.findCycle(trx, id))!);
  });
}

/** Close the cycle: no more edits to its agenda and actions (open actions stay open and are carried forward). */
export async function closeReviewCycle(ctx: Ctx, actor: Actor, id: string): Promise<ReviewCycle> {
  return inTransaction(ctx.db, async (trx) => {
    const c = await loadVisibleCycle(trx, actor, id);
    requireEditable(actor, c, 'review.close');
    await repo.lockCycle(trx, id);
    await repo.closeCycleRow(trx, id, ctx.now());
    await writeAudit(trx, actor, { action: 'review.closed', entityType: 'review_cycle', entityId: id, data: {} });
    return presentFull(trx, actor, (await repo.findCycle(trx, id))!);
  });
}

// ── Corrective actions ──────────────────────────────────────────────────────────────────────

/**
 * The corrective actions a review shows: recorded at it, and carried forward from earlier reviews
 * (isCarriedForward). Users who do not see the whole review see the actions of owners in their scope.
 */
export async function actionsOfCycle(db: Db | Tx, actor: Actor, c: repo.CycleRow, today: string, shownIn: ReturnType<typeof cycleAccess> | null = cycleAccess(c)) {
  const rows = await repo.actionsForCycle(db, { id: c.id, periodTo: c.periodTo, scopePath: c.scopeUnit.path });
  const whole = seesWholeCycle(actor, cycleAccess(c));
  const visible = rows.filter((a) => whole || canSeeUnit(actor, { id: a.ownerUnitId, path: a.ownerPath, communeCode: a.ownerCommune }));
  const events = await repo.actionEvents(
    db,
    visible.map((a) => a.id),
  );
  const cutoff = cutoffOf({ to: c.periodTo }, today);
  const cyc = { id: c.id, periodTo: c.periodTo, scopePath: c.scopeUnit.path };
  const recorded: CorrectiveAction[] = [];
  const carriedForward: CorrectiveAction[] = [];
  for (const a of visible) {
    if (a.cycleId === c.id) recorded.push(presentAction(actor, a, events, shownIn, cutoff));
    else if (
      isCarriedForward(cyc, {
        recordedIn: { id: a.cycleId, periodTo: a.recordedPeriodTo, scopePath: a.recordedScopePath },
        ownerPath: a.ownerPath,
        status: a.status as CorrectiveActionStatus,
        closedInPeriodTo: a.closedPeriodTo,
      })
    )
      carriedForward.push(presentAction(actor, a, events, shownIn, cutoff));
  }
  return { recorded, carriedForward };
}

export async function listCycleActions(ctx: Ctx, actor: Actor, id: string) {
  const c = await loadVisibleCycle(ctx.db, actor, id);
  return actionsOfCycle(ctx.db, actor, c, ctx.today());
}

async function presentOne(trx: Tx, actor: Actor, c: repo.CycleRow, actionId: string, today: string): Promise<CorrectiveAction> {
  const a = (await repo.findAction(trx, actionId))!;
  return presentAction(actor, a, await repo.actionEvents(trx, [actionId]), cycleAccess(c), cutoffOf({ to: c.periodTo }, today));
}

export async function recordCorrectiveAction(ctx: Ctx, actor: Actor, cycleId: string, input: CreateActionInput): Promise<CorrectiveAction> {
  return inTransaction(ctx.db, async (trx) => {
    const c = await loadVisibleCycle(trx, actor, cycleId);
    requireEditable(actor, c, 'review.record_action');
    await unitInCycleScope(trx, c, input.ownerUnitId, 'ownerUnitId');
    const now = ctx.now();
    const id = await repo.insertAction(trx, { cycleId, kind: input.kind, text: input.text, measure: input.measure, ownerUnitId: input.ownerUnitId, deadlineOn: input.deadlineOn ?? null, createdBy: actor.userId, now });
    await repo.insertActionEvent(trx, { actionId: id, cycleId, kind: 'recorded', toStatus: 'open', actor, at: now });
    await writeAudit(trx, actor, {
      action: 'review.action_recorded',
      entityType: 'review_action',
      entityId: id,
      data: { cycleId, kind: input.kind, text: input.text, measure: input.measure, ownerUnitId: input.ownerUnitId, deadlineOn: input.deadlineOn ?? null },
    });
    return presentOne(trx, actor, c, id, ctx.today());
  });
}

/** The action and the review it is acted on from: the review must show it (recorded or carried forward). */
async function loadActionIn(trx: Tx, actor: Actor, cycleId: string, actionId: string, today: string) {
  const c = await loadVisibleCycle(trx, actor, cycleId);
  const a = await repo.findAction(trx, actionId);
  if (!a) throw notFound('review_action', actionId);
  const shown = await actionsOfCycle(trx, actor, c, today);
  if (![...shown.recorded, ...shown.carriedForward].some((x) => x.id === actionId)) throw hiddenNotFound('review_action', actionId);
  const access = { status: a.status, recordedInCycleId: a.cycleId, owner: { id: a.ownerUnitId, path: a.ownerPath, communeCode: a.ownerCommune } };
  return { c, a, access };
}

export async function updateCorrectiveAction(ctx: Ctx, actor: Actor, cycleId: string, actionId: string, input: UpdateActionInput): Promise<CorrectiveAction> {
  return inTransaction(ctx.db, async (trx) => {
    const { c, a, access } = await loadActionIn(trx, actor, cycleId, actionId, ctx.today());
    if (c.state === 'closed') throw new DomainError('review.closed', { id: c.id });
    if (!canUpdateAction(actor, cycleAccess(c), access)) throw forbidden('review.update_action');
    if (input.ownerUnitId) await unitInCycleScope(trx, c, input.ownerUnitId, 'ownerUnitId');
    const changes: repo.ActionChanges = {};
    if (input.text !== undefined) changes.text = input.text;
    if (input.measure !== undefined) changes.measure = input.measure;
    if (input.ownerUnitId !== undefined) changes.owner_unit_id = input.ownerUnitId;
    if (input.deadlineOn !== undefined) changes.deadline_on = input.deadlineOn;
    const now = ctx.now();
    if (!(await repo.updateActionRow(trx, actionId, input.version, changes, now))) throw staleVersion('review_action', actionId);
    await repo.insertActionEvent(trx, { actionId, cycleId, kind: 'updated', note: null, actor, at: now });
    await writeAudit(trx, actor, {
      action: 'review.action_updated',
      entityType: 'review_action',
      entityId: actionId,
      data: { cycleId, before: { text: a.text, measure: a.measure, ownerUnitId: a.ownerUnitId, deadlineOn: a.deadlineOn }, changes },
    });
    return presentOne(trx, actor, c, actionId, ctx.today());
  });
}

/**
 * Change the status of an action from a review that shows it: open ⇄ in progress (managers or the
 * owner unit), → closed with a closing note (managers); closing records the review it was closed in.
 */
export async function changeCorrectiveActionStatus(ctx: Ctx, actor: Actor, cycleId: string, actionId: string, input: ActionStatusInput): Promise<CorrectiveAction> {
  return inTransaction(ctx.db, async (trx) => {
    const { c, a, access } = await loadActionIn(trx, actor, cycleId, actionId, ctx.today());
    if (c.state === 'closed') throw new DomainError('review.closed', { id: c.id });
    const allowed = input.status === 'closed' ? canCloseAction(actor, cycleAccess(c), access) : canProgressAction(actor, cycleAccess(c), access);
    if (!allowed && a.status !== 'closed') throw forbidden('review.change_action_status');
    checkActionTransition(a.status as CorrectiveActionStatus, input.status, input.note);
    const now = ctx.now();
    const closing = input.status === 'closed';
    const changes: repo.ActionChanges = { status: input.status, ...(closing ? { closing_note: input.note!, closed_in_cycle_id: cycleId, closed_at: now } : {}) };
    if (!(await repo.updateActionRow(trx, actionId, input.version, changes, now))) throw staleVersion('review_action', actionId);
    await repo.insertActionEvent(trx, { actionId, cycleId, kind: 'status_changed', fromStatus: a.status, toStatus: input.status, note: input.note ?? null, actor, at: now });
    await writeAudit(trx, actor, {
      action: 'review.action_status_changed',
      entityType: 'review_action',
      entityId: actionId,
      data: { cycleId, from: a.status, to: input.status, note: input.note ?? null },
    });
    return presentOne(trx, actor, c, actionId, ctx.today());
  });
}

/**
 * The corrective actions still open in the viewer's scope, across reviews (for the leaders'
 * dashboard): earliest deadline first, with how many are past their deadline today.
 */
export async function listOpenCorrectiveActions(ctx: Ctx, actor: Actor, limit = 10): Promise<{ total: number; overdue: number; items: CorrectiveAction[] }> {
  const { total, overdue, items } = await repo.openActionsInScope(ctx.db, actor, ctx.today(), limit);
  const events = await repo.actionEvents(
    ctx.db,
    items.map((a) => a.id),
  );
  return { total, overdue, items: items.map((a) => presentAction(actor, a, events, null, ctx.today())) };
}
