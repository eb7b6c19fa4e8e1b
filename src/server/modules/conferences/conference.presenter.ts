import type { Conference, ConferenceListItem } from '../../../contracts/conferences.ts';
import type { DocumentKind } from '../../../contracts/documents.ts';
import type { Actor } from '../../kernel/actor.ts';
import { conferenceAbilities, type ConferenceAccess } from './conference.policy.ts';
import type { ChairRow, ConferenceRow, ItemRow } from './conference.repository.ts';

export function presentConferenceListItem(actor: Actor, r: ConferenceRow, access: ConferenceAccess): ConferenceListItem {
  return {
    id: r.id,
    kind: r.kind as ConferenceListItem['kind'],
    title: r.title,
    heldOn: r.heldOn,
    place: r.place,
    hostUnitId: r.hostUnitId,
    hostUnitName: r.hostUnitName,
    itemCount: r.itemCount,
    version: r.version,
    abilities: conferenceAbilities(actor, access),
  };
}

export function presentConference(
  actor: Actor,
  r: ConferenceRow,
  access: ConferenceAccess,
  extra: {
    chairs: readonly ChairRow[];
    units: readonly { unitId: string; code: string; name: string; role: string }[];
    documents: readonly { id: string; kind: string; symbol: string | null; summary: string; issuedOn: string | null }[];
    items: readonly ItemRow[];
  },
): Conference {
  return {
    ...presentConferenceListItem(actor, r, access),
    agenda: r.agenda,
    minutes: r.minutes,
    chairs: extra.chairs.map((c) => ({ ordinal: c.ordinal, name: c.name, rank: c.rank, titles: c.titles, personId: c.personId })),
    units: extra.units.map((u) => ({ unitId: u.unitId, code: u.code, name: u.name, role: u.role as Conference['units'][number]['role'] })),
    documents: extra.documents.map((d) => ({ id: d.id, kind: d.kind as DocumentKind, symbol: d.symbol, summary: d.summary, issuedOn: d.issuedOn })),
    items: extra.items.map((i) => ({ id: i.id, ordinal: i.ordinal, text: i.text, documentId: i.documentId, documentSymbol: i.documentSymbol, clauseId: i.clauseId, clauseRef: i.clauseRef })),
  };
}
