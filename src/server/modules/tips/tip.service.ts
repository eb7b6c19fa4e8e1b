import type {
  ClassifyTipInput,
  ExtendTipInput,
  RecordReceiptInput,
  RestoreTipInput,
  SuspendTipInput,
  Tip,
  TipDeadlineFilter,
  TipListQuery,
  TipOutcomeInput,
  TipPage,
  TipReporter,
  TipState,
  TransferTipInput,
  LinkTipIncidentInput,
  TipRelatedIncidents,
} from '../../../contracts/tips.ts';
import { incidentCode } from '../incidents/incident.ts';
import { incidentsNear } from '../incidents/incident-queries.service.ts';
import { loadVisibleIncident, logTipLinked, openIncidentIn } from '../incidents/incident.service.ts';
import type { StoredFile } from '../../../contracts/files.ts';
import type { Db, Tx } from '../../db/schema.ts';
import { publishChange } from '../../db/events.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { isAdmin } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound } from '../../kernel/errors.ts';
import { describeFiles, readAttachedFile } from '../files/file.service.ts';
import { notifyUnitMembers } from '../notifications/notification.service.ts';
import { HCMC_PROVINCE_CODE } from '../organisation/reference/admin-units.ts';
import { findUnitById } from '../organisation/unit.service.ts';
import { checkExtension, settledWithinDeadline } from './tip-deadlines.ts';
import {
  canAsk,
  canClassify,
  canLinkIncident,
  canDecide,
  canExtend,
  canNotifySender,
  canReadReporter,
  canRecordReceipt,
  canRestore,
  canSuspend,
  canTransfer,
  canViewTip,
  isTipHandler,
  type TipAccessRecord,
} from './tip.policy.ts';
import { accessRecord, clockEvents, clockOf, presentTip, presentTipListItem } from './tip.presenter.ts';
import * as repo from './tip.repository.ts';
import { vnToday } from '../../kernel/context.ts';

/** Handling of tips by the police (authenticated): reads, transitions, the sender's identity. */

async function loadVisible(db: Db | Tx, actor: Actor, id: string, lock = false): Promise<repo.TipRow> {
  const row = await repo.findTipById(db, id, lock);
  if (!row) throw notFound('tip', id);
  if (!canViewTip(actor, accessRecord(row))) throw hiddenNotFound('tip', id);
  return row;
}

async function detail(db: Db | Tx, actor: Actor, row: repo.TipRow, now: Date): Promise<Tip> {
  const [events, questions, fileIds] = await Promise.all([repo.eventsOf(db, row.id), repo.questionsOf(db, row.id), repo.fileIdsOf(db, row.id)]);
  return presentTip(actor, row, { events, questions, files: await describeFiles(db, fileIds) }, now);
}

/** The states in which a clock filter can hold (the rest are not even read). */
const DEADLINE_STATES: Record<TipDeadlineFilter, readonly TipState[]> = {
  overdue: ['received', 'recorded', 'classified', 'transferred'],
  settled_on_time: ['decided', 'suspended'],
  settled_late: ['decided', 'suspended'],
};

/** Whether a tip matches a clock filter, read from the same clock as the tip page. */
function matchesDeadline(f: TipDeadlineFilter, r: repo.TipRow, events: readonly { kind: string; data: unknown }[], now: Date): boolean {
  const clock = clockOf(r, events, now);
  if (f === 'overdue') return clock.overdue;
  const settled = settledWithinDeadline(clock, r.state as TipState, r.outcomeDecidedOn, vnToday(now));
  return f === 'settled_on_time' ? settled === true : settled === false;
}

/**
 * Visible tips, newest first, by state, commune, day of receipt (Asia/Ho_Chi_Minh) and the legal
 * clock. The clock filter is evaluated on the clock the tip page shows (extensions, suspensions),
 * over the tips of the states where it can hold, then paged.
 */
export async function listTips(ctx: Ctx, actor: Actor, q: TipListQuery): Promise<TipPage> {
  const now = ctx.now();
  const filter: repo.TipListFilter = {
    state: q.state,
    communeCode: q.communeCode,
    receivedFrom: q.receivedFrom ? new Date(`${q.receivedFrom}T00:00:00+07:00`) : undefined,
    receivedBefore: q.receivedTo ? new Date(Date.parse(`${q.receivedTo}T00:00:00+07:00`) + 86_400_000) : undefined,
  };
  let total: number;
  let items: repo.TipRow[];
  let events: Awaited<ReturnType<typeof repo.eventsOfMany>>;
  if (q.deadline) {
    const f = q.deadline;
    const all = await repo.listTips(ctx.db, actor, { ...filter, states: DEADLINE_STATES[f] }, null);
    const allEvents = await repo.eventsOfMany(ctx.db, all.items.map((i) => i.id));
    const byTip = new Map<string, typeof allEvents>();
    for (const e of allEvents) {
      const list = byTip.get(e.tipId);
      if (list) list.push(e);
      else byTip.set(e.tipId, [e]);
    }
    const matching = all.items.filter((r) => matchesDeadline(f, r, byTip.get(r.id) ?? [], now));
    total = matching.length;
    items = matching.slice(q.offset, q.offset + q.limit);
    events = items.flatMap((r) => byTip.get(r.id) ?? []);
  } else {
    ({ total, items } = await repo.listTips(ctx.db, actor, filter, { limit: q.limit, offset: q.offset }));
    events = await repo.eventsOfMany(ctx.db, items.map((i) => i.id));
  }
  return { total, limit: q.limit, offset: q.offset, items: items.map((r) => presentTipListItem(actor, r, events.filter((e) => e.tipId === r.id), now)) };
}

export async function getTip(ctx: Ctx, actor: Actor, id: string): Promise<Tip> {
  return detail(ctx.db, actor, await loadVisible(ctx.db, actor, id), ctx.now());
}

/** A file sent with a tip, for whoever can see the tip (the investigating unit after transfer too). */
export async function getTipFile(ctx: Ctx, actor: Actor, id: string, fileId: string): Promise<StoredFile & { bytes: Buffer }> {
  await loadVisible(ctx.db, actor, id);
  const ids = await repo.fileIdsOf(ctx.db, id);
  const f = ids.includes(fileId) ? await readAttachedFile(ctx.db, fileId) : undefined;
  if (!f) throw notFound('file', fileId);
  return f;
}

/**
 * The sender's identity: only for members of the handling unit (policy), never in lists or the
 * tip record; every read is audited in the same transaction as the read.
 */
export async function getTipReporter(ctx: Ctx, actor: Actor, id: string): Promise<TipReporter> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, actor, id);
    if (!canReadReporter(actor, accessRecord(row))) throw forbidden('tip.read_reporter');
    const r = await repo.reporterOf(trx, id);
    if (!r) throw notFound('tip_reporter', id);
    await writeAudit(trx, actor, { action: 'tip.reporter_read', entityType: 'tip', entityId: id, data: { handlingUnitId: row.huId } });
    return r;
  });
}

/**
 * Announce a change on the live board (sent on commit). Only units: a tip is seen through the
 * receiving and handling units' scope, never through the commune of the place alone (ADR 010).
 */
export function publishTip(trx: Tx, id: string, unitIds: readonly (string | null | undefined)[]): Promise<void> {
  return publishChange(trx, { type: 'tip', id, unitIds: unitIds.filter((u): u is string => !!u) });
}

type Step = (trx: Tx, row: repo.TipRow, now: Date) => Promise<{ event: string; data: Record<string, unknown>; changes: repo.TipChanges }>;

/**
 * One audited transition: load and lock the tip, 404 outside scope, 403 for non-handlers, 409 when
 * the state does not allow it, then change, log the event and audit in one transaction.
 */
async function transition(ctx: Ctx, actor: Actor, id: string, action: string, allowed: (a: Actor, t: TipAccessRecord) => boolean, step: Step): Promise<Tip> {
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, actor, id, true);
    const access = accessRecord(row);
    if (!isTipHandler(actor, access)) throw forbidden(`tip.${action}`);
    if (!allowed(actor, access)) throw new DomainError('tip.invalid_transition', { state: row.state, action });
    const { event, data, changes } = await step(trx, row, now);
    await repo.updateTip(trx, id, changes, now);
    await repo.insertEvent(trx, { tipId: id, kind: event, actor, unitId: actor.unitId, data, at: now });
    await writeAudit(trx, actor, { action: `tip.${event}`, entityType: 'tip', entityId: id, data: { from: row.state, ...(changes.state ? { to: changes.state } : {}), ...data } });
    await publishTip(trx, id, [row.ruId, row.huId, changes.handlingUnitId]);
    return detail(trx, actor, (await repo.findTipById(trx, id))!, now);
  });
}

/** A decision's date: not before the receipt date, not after today (Asia/Ho_Chi_Minh). */
function checkDecisionDate(row: repo.TipRow, decidedOn: string, today: string, notBefore?: string): void {
  const min = notBefore && notBefore > vnToday(new Date(row.receivedAt)) ? notBefore : vnToday(new Date(row.receivedAt));
  if (decidedOn < min || decidedOn > today) throw new DomainError('tip.decision_date_invalid', { min, max: today }, [{ path: 'decidedOn', code: 'out_of_range' }]);
}

export const recordTipReceipt = (ctx: Ctx, actor: Actor, id: string, input: RecordReceiptInput) =>
  transition(ctx, actor, id, 'record_receipt', canRecordReceipt, async (_trx, _row, now) => {
    const receipt = { recordedAt: now.toISOString(), officerName: input.officerName, form: input.form, content: input.content, materials: input.materials ?? null };
    return { event: 'receipt_recorded', data: { form: input.form }, changes: { state: 'recorded', receipt: JSON.stringify(receipt) } };
  });

export const classifyTip = (ctx: Ctx, actor: Actor, id: string, input: ClassifyTipInput) =>
  transition(ctx, actor, id, 'classify', canClassify, async () => ({
    event: 'classified',
    data: { classification: input.classification, note: input.note ?? null },
    changes: { state: input.classification === 'not_crime_source' ? 'closed' : 'classified', classification: input.classification },
  }));

/** Transfer to the investigating (or competent) unit; late when past the 24/48 h of art. 146. */
export const transferTip = (ctx: Ctx, actor: Actor, id: string, input: TransferTipInput) =>
  transition(ctx, actor, id, 'transfer', canTransfer, async (trx, row, now) => {
    const target = await findUnitById(trx, input.unitId);
    if (!target || target.validTo !== null) throw new DomainError('tip.unknown_unit', { id: input.unitId }, [{ path: 'unitId', code: 'unknown_unit' }]);
    const clock = clockOf(row, [], now);
    await notifyUnitMembers(trx, actor, { unitIds: [target.id], kind: 'tip_transferred', params: { tipId: row.id, trackingCode: row.trackingCode, fromUnitName: row.huName } });
    return {
      event: 'transferred',
      data: { fromUnitId: row.huId, toUnitId: target.id, late: now.getTime() > clock.transferDueAt.getTime(), note: input.note ?? null },
      changes: { state: 'transferred', handlingUnitId: target.id, transferredAt: now },
    };
  });

export const extendTip = (ctx: Ctx, actor: Actor, id: string, input: ExtendTipInput) =>
  transition(ctx, actor, id, 'extend', canExtend, async (trx, row, now) => {
    const events = clockEvents(await repo.eventsOf(trx, row.id));
    checkDecisionDate(row, input.decidedOn, vnToday(now));
    checkExtension({ receivedAt: new Date(row.receivedAt), remote: row.remote, state: 'transferred', transferredAt: row.transferredAt }, events, { kind: input.kind, until: input.until }, now);
    return { event: 'extended', data: { extensionKind: input.kind, until: input.until, decisionNo: input.decisionNo, decidedOn: input.decidedOn }, changes: {} };
  });

/** Tạm đình chỉ (art. 147(1)(c), art. 148): the clock stops; it is the decision the sender may be told. */
export const suspendTip = (ctx: Ctx, actor: Actor, id: string, input: SuspendTipInput) =>
  transition(ctx, actor, id, 'suspend', canSuspend, async (_trx, row, now) => {
    checkDecisionDate(row, input.decidedOn, vnToday(now));
    return {
      event: 'suspended',
      data: { decidedOn: input.decidedOn, decisionNo: input.decisionNo, reason: input.reason },
      changes: { state: 'suspended', outcomeKind: 'suspension', outcomeDecisionNo: input.decisionNo, outcomeDecidedOn: input.decidedOn, senderNotifiedAt: null },
    };
  });

/** Phục hồi (art. 149): the clock continues with the remaining time (tip-deadlines.ts). */
export const restoreTip = (ctx: Ctx, actor: Actor, id: string, input: RestoreTipInput) =>
  transition(ctx, actor, id, 'restore', canRestore, async (_trx, row, now) => {
    checkDecisionDate(row, input.decidedOn, vnToday(now), row.outcomeDecidedOn ?? undefined);
    return {
      event: 'restored',
      data: { decidedOn: input.decidedOn, decisionNo: input.decisionNo },
      changes: { state: 'transferred', outcomeKind: null, outcomeDecisionNo: null, outcomeDecidedOn: null, senderNotifiedAt: null },
    };
  });

export const decideTip = (ctx: Ctx, actor: Actor, id: string, input: TipOutcomeInput) =>
  transition(ctx, actor, id, 'decide', canDecide, async (_trx, row, now) => {
    checkDecisionDate(row, input.decidedOn, vnToday(now));
    return {
      event: 'decided',
      data: { outcome: input.kind, decisionNo: input.decisionNo, decidedOn: input.decidedOn },
      changes: { state: 'decided', outcomeKind: input.kind, outcomeDecisionNo: input.decisionNo, outcomeDecidedOn: input.decidedOn, senderNotifiedAt: null },
    };
  });

/** Art. 145: the result is notified to the sender; the public status page then shows it. */
export const markSenderNotified = (ctx: Ctx, actor: Actor, id: string) =>
  transition(ctx, actor, id, 'notify_sender', canNotifySender, async (_trx, row, now) => ({
    event: 'sender_notified',
    data: { outcome: row.outcomeKind },
    changes: { senderNotifiedAt: now },
  }));

export const askTipQuestion = (ctx: Ctx, actor: Actor, id: string, input: { question: string }) =>
  transition(ctx, actor, id, 'ask', canAsk, async (trx, row, now) => {
    const questionId = await repo.insertQuestion(trx, row.id, input.question, actor.userId, now);
    return { event: 'question_asked', data: { questionId }, changes: {} };
  });

/** Mark a commune remote (48 h to transfer) or not; administrators only. Applies to new tips. */
export async function setTipCommuneRemote(ctx: Ctx, actor: Actor, communeCode: string, remote: boolean): Promise<{ communeCode: string; remote: boolean }> {
  if (!isAdmin(actor)) throw forbidden('tip.set_remote');
  return inTransaction(ctx.db, async (trx) => {
    const c = await repo.communeForTips(trx, communeCode, HCMC_PROVINCE_CODE);
    if (!c) throw new DomainError('tip.unknown_commune', { communeCode }, [{ path: 'communeCode', code: 'unknown_commune' }]);
    await repo.setCommuneRemote(trx, communeCode, remote);
    await writeAudit(trx, actor, { action: 'tip.commune_remote_set', entityType: 'jurisdiction', entityId: communeCode, data: { remote } });
    return { communeCode, remote };
  });
}

/** How far around the tip's time situations are looked for (either side). */
export const TIP_INCIDENT_WINDOW_HOURS = 72;

/** When the tip says it happened (a date means the whole day, read as noon in Vietnam), else when it arrived. */
function tipMoment(row: repo.TipRow): Date {
  const o = row.occurredAt;
  if (o) return /^\d{4}-\d{2}-\d{2}$/.test(o) ? new Date(`${o}T12:00:00+07:00`) : new Date(o);
  return new Date(row.receivedAt);
}

/** Situations this tip may belong to: visible ones in the same commune close in time, nearest first. */
export async function relatedIncidentsForTip(ctx: Ctx, actor: Actor, id: string): Promise<TipRelatedIncidents> {
  const row = await loadVisible(ctx.db, actor, id);
  return { windowHours: TIP_INCIDENT_WINDOW_HOURS, items: await incidentsNear(ctx.db, actor, row.communeCode, tipMoment(row), TIP_INCIDENT_WINDOW_HOURS) };
}

/**
 * A tip opens a new situation (source "tip"; place, time and text from the tip) or joins an
 * existing one the handler can see. Once per tip; both records log it; one transaction.
 */
export function linkTipIncident(ctx: Ctx, actor: Actor, id: string, input: LinkTipIncidentInput): Promise<Tip> {
  const stateAllows = (a: Actor, t: TipAccessRecord) => canLinkIncident(a, { ...t, linked: false });
  return transition(ctx, actor, id, 'link_incident', stateAllows, async (trx, row, now) => {
    if (row.incidentId) throw new DomainError('tip.already_linked', { code: row.incidentNumber === null ? '' : incidentCode(Number(row.incidentNumber)) });
    let incidentId: string;
    let number: number;
    if ('incidentId' in input) {
      const inc = await loadVisibleIncident(trx, actor, input.incidentId);
      if (inc.mergedIntoId) throw new DomainError('incident.invalid_merge', { reason: 'target_merged', code: incidentCode(inc.number) }, [{ path: 'incidentId', code: 'invalid_merge' }]);
      ({ id: incidentId, number } = inc);
    } else {
      const at = tipMoment(row);
      ({ id: incidentId, number } = await openIncidentIn(
        trx,
        actor,
        {
          title: input.open.title,
          category: input.open.category,
          severity: input.open.severity,
          occurredAt: (at.getTime() > now.getTime() ? now : at).toISOString(),
          communeCode: row.communeCode,
          address: row.address,
          point: row.lat !== null && row.lng !== null ? { lat: row.lat, lon: row.lng } : null,
          source: 'tip',
          description: row.what,
          peopleInvolved: 0,
          injured: 0,
          dead: 0,
          damageVnd: 0,
          leadUnitId: input.open.leadUnitId ?? row.ruId,
          supporting: [],
        },
        now,
      ));
    }
    await repo.setTipIncident(trx, row.id, incidentId, now);
    await logTipLinked(trx, actor, incidentId, { tipId: row.id, trackingCode: row.trackingCode, unitId: row.huId }, now);
    return { event: 'incident_linked', data: { incidentId, incidentCode: incidentCode(number), opened: !('incidentId' in input) }, changes: {} };
  });
}

/** Tips received per commune of the place in a period (scope of the tips module; for the mass movement's results). */
export function tipCountsByCommune(ctx: Ctx, actor: Actor, from: string, to: string, communeCode?: string) {
  return repo.countTipsByCommune(ctx.db, actor, from, to, communeCode);
}
