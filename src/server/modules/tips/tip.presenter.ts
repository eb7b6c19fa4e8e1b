import { incidentCode } from '../incidents/incident.ts';
import type { StoredFile } from '../../../contracts/files.ts';
import type { Tip, TipClassification, TipKind, TipOutcome, TipState } from '../../../contracts/tips.ts';
import type { Actor } from '../../kernel/actor.ts';
import { tipClock, type ClockEvent, type TipClock } from './tip-deadlines.ts';
import { tipAbilities, type TipAccessRecord } from './tip.policy.ts';
import type { TipRow } from './tip.repository.ts';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function accessRecord(r: TipRow): TipAccessRecord {
  return {
    state: r.state as TipState,
    classification: r.classification,
    receivingUnit: { id: r.ruId, path: r.ruPath, communeCode: r.ruCommune },
    handlingUnit: { id: r.huId, path: r.huPath, communeCode: r.huCommune },
    hasReporter: r.hasReporter,
    hasOutcome: r.outcomeKind !== null,
    senderNotified: r.senderNotifiedAt !== null,
    linked: r.incidentId !== null,
  };
}

const asData = (d: unknown): Record<string, unknown> => (d && typeof d === 'object' ? (d as Record<string, unknown>) : typeof d === 'string' ? (JSON.parse(d) as Record<string, unknown>) : {});

/** Tip events as the clock reads them. */
export const clockEvents = (events: readonly { kind: string; data: unknown }[]): ClockEvent[] => events.map((e) => ({ kind: e.kind, ...asData(e.data) }) as ClockEvent);

export function clockOf(r: TipRow, events: readonly { kind: string; data: unknown }[], now: Date): TipClock {
  return tipClock({ receivedAt: new Date(r.receivedAt), remote: r.remote, state: r.state as TipState, transferredAt: r.transferredAt ? new Date(r.transferredAt) : null }, clockEvents(events), now);
}

export function presentClock(c: TipClock): Tip['clock'] {
  return {
    stage: c.stage,
    dueAt: iso(c.dueAt),
    daysLeft: c.daysLeft,
    overdue: c.overdue,
    transferDueAt: c.transferDueAt.toISOString(),
    settlementDueAt: iso(c.settlementDueAt),
    maxExtensionUntil: c.maxExtensionUntil,
  };
}

export function presentTipListItem(actor: Actor, r: TipRow, events: readonly { kind: string; data: unknown }[], now: Date): Omit<Tip, 'files' | 'questions' | 'events' | 'receipt'> {
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    kind: r.kind as TipKind,
    state: r.state as TipState,
    what: r.what,
    communeCode: r.communeCode,
    communeName: r.communeName,
    remoteCommune: r.remote,
    address: r.address,
    point: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    occurredAt: r.occurredAt,
    receivedAt: new Date(r.receivedAt).toISOString(),
    receivingUnit: { id: r.ruId, name: r.ruName },
    handlingUnit: { id: r.huId, name: r.huName },
    hasReporter: r.hasReporter,
    classification: r.classification as TipClassification | null,
    transferredAt: iso(r.transferredAt),
    outcome: r.outcomeKind && r.outcomeDecisionNo && r.outcomeDecidedOn ? { kind: r.outcomeKind as TipOutcome, decisionNo: r.outcomeDecisionNo, decidedOn: r.outcomeDecidedOn } : null,
    senderNotifiedAt: iso(r.senderNotifiedAt),
    incident: r.incidentId && r.incidentNumber !== null ? { id: r.incidentId, code: incidentCode(Number(r.incidentNumber)) } : null,
    clock: presentClock(clockOf(r, events, now)),
    version: r.version,
    abilities: tipAbilities(actor, accessRecord(r)),
  };
}

export interface TipDetailParts {
  events: { kind: string; at: Date; actorName: string; data: unknown }[];
  questions: { id: string; question: string; askedAt: Date; answer: string | null; answeredAt: Date | null }[];
  files: StoredFile[];
}

export function presentTip(actor: Actor, r: TipRow, parts: TipDetailParts, now: Date): Tip {
  const receipt = r.receipt ? asData(r.receipt) : null;
  return {
    ...presentTipListItem(actor, r, parts.events, now),
    receipt: receipt
      ? {
          recordedAt: String(receipt.recordedAt),
          officerName: String(receipt.officerName),
          form: String(receipt.form),
          content: String(receipt.content),
          materials: receipt.materials === null || receipt.materials === undefined ? null : String(receipt.materials),
        }
      : null,
    files: parts.files,
    questions: parts.questions.map((q) => ({ id: q.id, question: q.question, askedAt: new Date(q.askedAt).toISOString(), answer: q.answer, answeredAt: iso(q.answeredAt) })),
    events: parts.events.map((e) => ({ kind: e.kind, at: new Date(e.at).toISOString(), actorName: e.actorName, data: asData(e.data) })),
  };
}
