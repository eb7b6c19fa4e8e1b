import type { z } from 'zod';
import type {
  addSupportingInput,
  categoryChangeInput,
  closingReportInput,
  closureDecisionInput,
  CreateIncidentInput,
  deescalateInput,
  escalateInput,
  Incident,
  IncidentCategory,
  IncidentLevel,
  logEntryInput,
  mergeIncidentInput,
  reopenInput,
  significanceInput,
} from '../../../contracts/incidents.ts';
import type { Tx } from '../../db/schema.ts';
import { publishChange } from '../../db/events.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import { vnToday, type Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound, staleVersion } from '../../kernel/errors.ts';
import { foldForSearch } from '../../kernel/text.ts';
import type { NotificationKind } from '../../../contracts/notifications.ts';
import { notifyUnitMembers } from '../notifications/notification.service.ts';
import { canEscalateTo, incidentCode, isDowngrade, pointInCity, previousLevel, unitFitsLevel, type LevelStep } from './incident.ts';
import {
  actsFor,
  canAddSupporting,
  canChangeCategory,
  canCreateIncident,
  canDeescalate,
  canEscalate,
  canLogFor,
  canMergeIncident,
  canProposeSignificant,
  canReportClosing,
  canVerifySignificant,
  canViewIncident,
  isOverseer,
} from './incident.policy.ts';
import { accessRecord, presentIncident } from './incident.presenter.ts';
import * as repo from './incident.repository.ts';

/**
 * Use cases that change situations: open, add supporting units, log, escalate / de-escalate,
 * change category, significance (propose → verify), closure (report → confirm or return), reopen.
 * Every change: load visible (404) → ability (403) → rule (422) → optimistic version (409) →
 * write + event + audit in one transaction. Reads are in incident-queries.service.ts.
 */

const searchTextOf = (n: number, i: { title: string; description: string; address?: string | null | undefined }) =>
  foldForSearch([incidentCode(n), i.title, i.description, i.address ?? ''].join(' '));

export async function loadVisibleIncident(db: Ctx['db'] | Tx, actor: Actor, id: string): Promise<repo.IncidentRow> {
  const row = await repo.findIncidentById(db, id);
  if (!row) throw notFound('incident', id);
  if (!canViewIncident(actor, accessRecord(row))) throw hiddenNotFound('incident', id);
  return row;
}

async function unitOrFail(trx: Tx, id: string, path: string) {
  const u = await repo.unitForIncident(trx, id);
  if (!u) throw new DomainError('incident.unknown_unit', { id }, [{ path, code: 'unknown_unit' }]);
  return u;
}

/**
 * Re-read after a change and announce it on the live board (sent on commit): the units that take
 * part and the commune of the place decide who receives it (ADR 010).
 */
async function reload(trx: Tx, actor: Actor, id: string): Promise<Incident> {
  return presentIncident(actor, await publishIncident(trx, id));
}

/** Announce a situation's change (sent on commit) to its units and the commune of the place; the row re-read. */
export async function publishIncident(trx: Tx, id: string): Promise<repo.IncidentRow> {
  const row = (await repo.findIncidentById(trx, id))!;
  const unitIds = [row.leadUnit.id, row.assigningUnit.id, row.overseeingUnit.id, ...row.supporting.map((s) => s.id)];
  await publishChange(trx, { type: 'incident', id, unitIds, communeCode: row.communeCode });
  return row;
}

/** Tell the members of some units about a situation (never the acting user). */
function notify(trx: Tx, actor: Actor, kind: NotificationKind, unitIds: readonly string[], row: { id: string; number: number; title: string }, params: Record<string, unknown> = {}) {
  return notifyUnitMembers(trx, actor, { unitIds, kind, params: { incidentId: row.id, code: incidentCode(row.number), title: row.title, ...params } });
}

export async function createIncident(ctx: Ctx, actor: Actor, input: CreateIncidentInput): Promise<Incident> {
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => reload(trx, actor, (await openIncidentIn(trx, actor, input, now)).id));
}

/** Open a situation inside the caller's transaction (also used when a tip opens one). */
export async function openIncidentIn(trx: Tx, actor: Actor, input: CreateIncidentInput, now: Date): Promise<{ id: string; number: number }> {
  if (!(await repo.communeOfCity(trx, input.communeCode)))
    throw new DomainError('incident.unknown_commune', { communeCode: input.communeCode }, [{ path: 'communeCode', code: 'unknown_commune' }]);
  if (input.point && !pointInCity(input.point)) throw new DomainError('incident.point_outside_city', { ...input.point }, [{ path: 'point', code: 'outside_city' }]);
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > now.getTime() + 5 * 60_000) throw new DomainError('incident.occurred_in_future', { occurredAt: input.occurredAt }, [{ path: 'occurredAt', code: 'in_future' }]);
  const lead = await unitOrFail(trx, input.leadUnitId, 'leadUnitId');
  const assigningId = input.assigningUnitId ?? lead.parentId ?? lead.id;
  const assigning = await unitOrFail(trx, assigningId, 'assigningUnitId');
  const seen = new Set([lead.id]);
  for (const [k, s] of input.supporting.entries()) {
    if (seen.has(s.unitId)) throw new DomainError('incident.duplicate_unit', { unitId: s.unitId }, [{ path: `supporting.${k}.unitId`, code: 'duplicate' }]);
    seen.add(s.unitId);
    await unitOrFail(trx, s.unitId, `supporting.${k}.unitId`);
  }
  if (!canCreateIncident(actor, lead, assigning)) throw forbidden('incident.create');

  const { id, number } = await repo.insertIncident(
    trx,
    {
      title: input.title,
      category: input.category,
      severity: input.severity,
      occurredAt,
      occurredOn: vnToday(occurredAt),
      communeCode: input.communeCode,
      address: input.address ?? null,
      lat: input.point?.lat ?? null,
      lon: input.point?.lon ?? null,
      source: input.source,
      description: input.description,
      peopleInvolved: input.peopleInvolved,
      injured: input.injured,
      dead: input.dead,
      damageVnd: input.damageVnd,
      leadUnitId: lead.id,
      assigningUnitId: assigning.id,
      createdBy: actor.userId,
      now,
    },
    (n) => searchTextOf(n, input),
  );
  await repo.insertSupporting(trx, id, input.supporting, now);
  await repo.insertEvent(trx, { incidentId: id, kind: 'opened', actor, unitId: assigning.id, data: { leadUnitId: lead.id, level: 'commune' }, at: now });
  for (const s of input.supporting) await repo.insertEvent(trx, { incidentId: id, kind: 'supporting_added', actor, unitId: s.unitId, reason: s.assignment, at: now });
  await writeAudit(trx, actor, { action: 'incident.opened', entityType: 'incident', entityId: id, data: { ...input, assigningUnitId: assigning.id, number } });
  await notify(trx, actor, 'incident_assigned', [lead.id, ...input.supporting.map((s) => s.unitId)], { id, number, title: input.title }, { assigningUnitName: assigning.name });
  return { id, number };
}

/**
 * Common frame of a change: lock, load visible (404), then `fn` checks the ability (403), the rule
 * (422) and the version (409, in `apply`) in that order, writes, and the result is re-read.
 */
async function change(ctx: Ctx, actor: Actor, id: string, fn: (trx: Tx, row: repo.IncidentRow, now: Date) => Promise<void>): Promise<Incident> {
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    await repo.lockIncident(trx, id);
    const row = await loadVisibleIncident(trx, actor, id);
    await fn(trx, row, now);
    return reload(trx, actor, id);
  });
}

const invalid = (state: string, action: string) => new DomainError('incident.invalid_transition', { state, action });

async function apply(trx: Tx, row: repo.IncidentRow, version: number, changes: repo.IncidentChanges, now: Date, extra: { reopened?: boolean } = {}) {
  if (row.version !== version || !(await repo.updateIncidentRow(trx, row.id, version, changes, now, extra))) throw staleVersion('incident', row.id);
}

export function addSupportingUnit(ctx: Ctx, actor: Actor, id: string, input: z.infer<typeof addSupportingInput>): Promise<Incident> {
  return change(ctx, actor, id, async (trx, row, now) => {
    const rec = accessRecord(row);
    if (!actsFor(actor, rec.leadUnit) && !isOverseer(actor, rec)) throw forbidden('incident.add_supporting');
    if (!canAddSupporting(actor, rec)) throw invalid(row.state, 'add_supporting');
    if (input.unitId === row.leadUnit.id || row.supporting.some((s) => s.id === input.unitId))
      throw new DomainError('incident.duplicate_unit', { unitId: input.unitId }, [{ path: 'unitId', code: 'duplicate' }]);
    await unitOrFail(trx, input.unitId, 'unitId');
    await apply(trx, row, input.version, {}, now);
    await repo.insertSupporting(trx, id, [{ unitId: input.unitId, assignment: input.assignment }], now);
    await repo.insertEvent(trx, { incidentId: id, kind: 'supporting_added', actor, unitId: input.unitId, reason: input.assignment, at: now });
    await writeAudit(trx, actor, { action: 'incident.supporting_added', entityType: 'incident', entityId: id, data: input });
    await notify(trx, actor, 'incident_assigned', [input.unitId], row, { assigningUnitName: row.overseeingUnit.name });
  });
}

/** A time-stamped entry of the joint activity log, for one participating unit. Not versioned: the log is append-only. */
export function addLogEntry(ctx: Ctx, actor: Actor, id: string, input: z.infer<typeof logEntryInput>): Promise<Incident> {
  return change(ctx, actor, id, async (trx, row, now) => {
    const rec = accessRecord(row);
    const participant = [rec.leadUnit, rec.overseeingUnit, ...rec.supporting].find((u) => u.id === input.unitId);
    if (!participant) throw new DomainError('incident.not_participant', { unitId: input.unitId }, [{ path: 'unitId', code: 'not_participant' }]);
    if (!actsFor(actor, participant)) throw forbidden('incident.log');
    if (!canLogFor(actor, rec, input.unitId)) throw invalid(row.state, 'log');
    await repo.insertEvent(trx, { incidentId: id, kind: 'log', actor, unitId: input.unitId, reason: input.text, at: now });
    await repo.bumpLogCount(trx, id, now);
    await writeAudit(trx, actor, { action: 'incident.logged', entityType: 'incident', entityId: id, data: input });
  });
}

/** The level history: the assigning level, then each escalation pushed and each de-escalation popped. */
export async function levelHistory(db: Ctx['db'] | Tx, row: repo.IncidentRow): Promise<LevelStep[]> {
  const steps: LevelStep[] = [{ level: 'commune', unitId: row.assigningUnit.id }];
  for (const e of await repo.levelEvents(db, row.id)) {
    const d = e.data as { toLevel: IncidentLevel; unitId: string };
    if (e.kind === 'escalated') steps.push({ level: d.toLevel, unitId: d.unitId });
    else if (steps.length > 1) steps.pop();
  }
  return steps;
}

export function escalateIncident(ctx: Ctx, actor: Actor, id: string, input: z.infer<typeof escalateInput>): Promise<Incident> {
  return change(ctx, actor, id, async (trx, row, now) => {
    const rec = accessRecord(row);
    if (!actsFor(actor, rec.leadUnit) && !isOverseer(actor, rec)) throw forbidden('incident.escalate');
    if (!canEscalate(actor, rec)) throw invalid(row.state, 'escalate');
    const target = await unitOrFail(trx, input.unitId, 'unitId');
    const from = row.level as IncidentLevel;
    if (!canEscalateTo(from, input.toLevel) || !unitFitsLevel(input.toLevel, target))
      throw new DomainError('incident.invalid_escalation', { fromLevel: from, toLevel: input.toLevel, unitId: target.id }, [{ path: 'toLevel', code: 'invalid_escalation' }]);
    await apply(trx, row, input.version, { level: input.toLevel, overseeing_unit_id: target.id }, now);
    const data = { fromLevel: from, toLevel: input.toLevel, fromUnitId: row.overseeingUnit.id, unitId: target.id };
    await repo.insertEvent(trx, { incidentId: id, kind: 'escalated', actor, unitId: target.id, reason: input.reason, data, at: now });
    await writeAudit(trx, actor, { action: 'incident.escalated', entityType: 'incident', entityId: id, data: { ...data, reason: input.reason } });
    await notify(trx, actor, 'incident_escalated', [target.id], row, { fromUnitName: row.overseeingUnit.name, level: input.toLevel });
  });
}

export function deescalateIncident(ctx: Ctx, actor: Actor, id: string, input: z.infer<typeof deescalateInput>): Promise<Incident> {
  return change(ctx, actor, id, async (trx, row, now) => {
    const rec = accessRecord(row);
    if (!isOverseer(actor, rec)) throw forbidden('incident.deescalate');
    if (!canDeescalate(actor, rec)) throw invalid(row.state, 'deescalate');
    const prev = previousLevel(await levelHistory(trx, row));
    if (!prev) throw invalid(row.state, 'deescalate');
    await apply(trx, row, input.version, { level: prev.level, overseeing_unit_id: prev.unitId }, now);
    const data = { fromLevel: row.level, toLevel: prev.level, fromUnitId: row.overseeingUnit.id, unitId: prev.unitId };
    await repo.insertEvent(trx, { incidentId: id, kind: 'deescalated', actor, unitId: prev.unitId, reason: input.reason, data, at: now });
    await writeAudit(trx, actor, { action: 'incident.deescalated', entityType: 'incident', entityId: id, data: { ...data, reason: input.reason } });
  });
}

export function changeIncidentCategory(ctx: Ctx, actor: Actor, id: string, input: z.infer<typeof categoryChangeInput>): Promise<Incident> {
  return change(ctx, actor, id, async (trx, row, now) => {
    const rec = accessRecord(row);
    if (!actsFor(actor, rec.leadUnit) && !isOverseer(actor, rec)) throw forbidden('incident.change_category');
    if (!canChangeCategory(actor, rec)) throw invalid(row.state, 'change_category');
    if (input.category === row.category) throw new DomainError('incident.same_category', { category: input.category }, [{ path: 'category', code: 'unchanged' }]);
    const from = row.category as IncidentCategory;
    const downgrade = isDowngrade(from, input.category);
    await apply(trx, row, input.version, { category: input.category }, now);
    await repo.insertCategoryChange(trx, { incidentId: id, leadUnitId: row.leadUnit.id, from, to: input.category, downgrade, reason: input.reason, actorUserId: actor.userId, at: now });
    const data = { from, to: input.category, downgrade };
    await repo.insertEvent(trx, { incidentId: id, kind: 'category_changed', actor, unitId: row.leadUnit.id, reason: input.reason, data, at: now });
    await writeAudit(trx, actor, { action: 'incident.category_changed', entityType: 'incident', entityId: id, data: { ...data, reason: input.reason } });
  });
}

/** The verification gate: propose → verify (or reject) before a situation is flagged significant for leaders. */
export function decideSignificance(ctx: Ctx, actor: Actor, id: string, input: z.infer<typeof significanceInput>): Promise<Incident> {
  return change(ctx, actor, id, async (trx, row, now) => {
    const rec = accessRecord(row);
    let significance: string;
    if (input.action === 'propose') {
      const side = actsFor(actor, rec.leadUnit) || isOverseer(actor, rec) || rec.supporting.some((s) => actsFor(actor, s));
      if (!side) throw forbidden('incident.propose_significant');
      if (!canProposeSignificant(actor, rec)) throw invalid(`${row.state}/${row.significance}`, 'propose_significant');
      significance = 'proposed';
    } else {
      const allowed = canVerifySignificant(actor, { ...rec, significance: 'proposed' });
      if (!allowed) throw forbidden('incident.verify_significant');
      if (row.significance !== 'proposed') throw invalid(row.significance, `${input.action}_significant`);
      if (input.action === 'reject' && !input.reason) throw new DomainError('incident.reason_required', {}, [{ path: 'reason', code: 'required' }]);
      significance = input.action === 'verify' ? 'verified' : 'none';
    }
    await apply(trx, row, input.version, { significance }, now);
    const kind = { propose: 'significance_proposed', verify: 'significance_verified', reject: 'significance_rejected' }[input.action];
    await repo.insertEvent(trx, { incidentId: id, kind, actor, unitId: actor.unitId, reason: input.reason ?? null, at: now });
    await writeAudit(trx, actor, { action: `incident.${kind}`, entityType: 'incident', entityId: id, data: { reason: input.reason ?? null } });
    if (input.action === 'propose') await notify(trx, actor, 'incident_significance_proposed', [row.overseeingUnit.id], row);
  });
}

/** First key: the lead unit's closing report. */
export function reportClosing(ctx: Ctx, actor: Actor, id: string, input: z.infer<typeof closingReportInput>): Promise<Incident> {
  return change(ctx, actor, id, async (trx, row, now) => {
    const rec = accessRecord(row);
    if (!actsFor(actor, rec.leadUnit)) throw forbidden('incident.report_closing');
    if (!canReportClosing(actor, rec)) throw invalid(row.state, 'report_closing');
    await apply(trx, row, input.version, { state: 'closing', closing_report: input.report, closing_reported_by: actor.userId }, now);
    await repo.insertEvent(trx, { incidentId: id, kind: 'closing_reported', actor, unitId: row.leadUnit.id, reason: input.report, at: now });
    await writeAudit(trx, actor, { action: 'incident.closing_reported', entityType: 'incident', entityId: id, data: input });
    await notify(trx, actor, 'incident_closing_reported', [row.overseeingUnit.id], row, { leadUnitName: row.leadUnit.name });
  });
}

/** Second key: the level that assigned or escalated the situation confirms the closure or returns it. */
export function decideClosure(ctx: Ctx, actor: Actor, id: string, input: z.infer<typeof closureDecisionInput>): Promise<Incident> {
  return change(ctx, actor, id, async (trx, row, now) => {
    const rec = accessRecord(row);
    if (!isOverseer(actor, rec)) throw forbidden('incident.decide_closure');
    if (row.state === 'open') throw new DomainError('incident.closing_report_required', { state: row.state });
    if (row.state !== 'closing') throw invalid(row.state, 'decide_closure');
    if (actor.userId !== null && actor.userId === row.closingReportedBy) throw forbidden('incident.confirm_own_report');
    if (input.decision === 'return' && !input.reason) throw new DomainError('incident.reason_required', {}, [{ path: 'reason', code: 'required' }]);
    const changes: repo.IncidentChanges =
      input.decision === 'confirm' ? { state: 'closed', closed_at: now } : { state: 'open', closing_report: null, closing_reported_by: null };
    await apply(trx, row, input.version, changes, now);
    const kind = input.decision === 'confirm' ? 'closure_confirmed' : 'closure_returned';
    await repo.insertEvent(trx, { incidentId: id, kind, actor, unitId: row.overseeingUnit.id, reason: input.reason ?? null, at: now });
    await writeAudit(trx, actor, { action: `incident.${kind}`, entityType: 'incident', entityId: id, data: { reason: input.reason ?? null } });
    if (input.decision === 'return') await notify(trx, actor, 'incident_closure_returned', [row.leadUnit.id], row, { reason: input.reason ?? '' });
  });
}

/** Reopening a closed situation (counted). */
export function reopenIncident(ctx: Ctx, actor: Actor, id: string, input: z.infer<typeof reopenInput>): Promise<Incident> {
  return change(ctx, actor, id, async (trx, row, now) => {
    const rec = accessRecord(row);
    if (!isOverseer(actor, rec)) throw forbidden('incident.reopen');
    if (row.state !== 'closed') throw invalid(row.state, 'reopen');
    await apply(trx, row, input.version, { state: 'open', closed_at: null, closing_report: null, closing_reported_by: null }, now, { reopened: true });
    await repo.insertEvent(trx, { incidentId: id, kind: 'reopened', actor, unitId: row.overseeingUnit.id, reason: input.reason, data: { reopenCount: row.reopenCount + 1 }, at: now });
    await writeAudit(trx, actor, { action: 'incident.reopened', entityType: 'incident', entityId: id, data: { reason: input.reason, reopenCount: row.reopenCount + 1 } });
  });
}

/**
 * Merge a duplicate into the situation that is kept: the duplicate is closed with a pointer to the
 * kept one (and leaves the statistics), tips linked to it move over, both logs say so. Only the
 * level overseeing the duplicate may merge, and it must see the kept situation.
 */
export function mergeIncident(ctx: Ctx, actor: Actor, id: string, input: z.infer<typeof mergeIncidentInput>): Promise<Incident> {
  return change(ctx, actor, id, async (trx, row, now) => {
    const rec = accessRecord(row);
    if (!isOverseer(actor, rec)) throw forbidden('incident.merge');
    if (!canMergeIncident(actor, rec)) throw invalid(row.state, 'merge');
    if (input.intoId === id) throw new DomainError('incident.invalid_merge', { reason: 'self' }, [{ path: 'intoId', code: 'invalid_merge' }]);
    await repo.lockIncident(trx, input.intoId);
    const into = await loadVisibleIncident(trx, actor, input.intoId);
    if (into.mergedIntoId) throw new DomainError('incident.invalid_merge', { reason: 'target_merged', code: incidentCode(into.number) }, [{ path: 'intoId', code: 'invalid_merge' }]);
    await apply(trx, row, input.version, { state: 'closed', closed_at: now, merged_into_id: into.id }, now);
    const movedTips = await repo.moveTips(trx, id, into.id);
    const data = { intoId: into.id, intoCode: incidentCode(into.number), fromId: id, fromCode: incidentCode(row.number), movedTips };
    await repo.insertEvent(trx, { incidentId: id, kind: 'merged_into', actor, unitId: row.overseeingUnit.id, reason: input.reason, data, at: now });
    await repo.insertEvent(trx, { incidentId: into.id, kind: 'merged_from', actor, unitId: row.overseeingUnit.id, reason: input.reason, data, at: now });
    await writeAudit(trx, actor, { action: 'incident.merged', entityType: 'incident', entityId: id, data: { ...data, reason: input.reason } });
    await publishIncident(trx, into.id); // the kept situation changed too
  });
}

/** A tip joined or opened this situation (called by the tips module inside its transaction). */
export async function logTipLinked(trx: Tx, actor: Actor, incidentId: string, tip: { tipId: string; trackingCode: string; unitId: string }, now: Date): Promise<void> {
  await repo.insertEvent(trx, { incidentId, kind: 'tip_linked', actor, unitId: tip.unitId, data: { tipId: tip.tipId, trackingCode: tip.trackingCode }, at: now });
  await publishIncident(trx, incidentId);
}
