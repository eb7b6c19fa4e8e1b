import { z } from 'zod';
import { isoDate, pageOf, pageQuery, text, uuid } from './common.ts';
import { createDocumentInput, documentRefSchema, resolvedReferenceSchema } from './documents.ts';

/**
 * Conferences (hội nghị): coordination conferences, reviews (sơ kết, tổng kết) and briefings
 * (giao ban), with their co-chairs, participating units, documents and numbered conclusion items
 * (each item may become tasks). Browser-safe.
 */
export const CONFERENCE_KINDS = ['coordination', 'so_ket', 'tong_ket', 'giao_ban'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];

/** 'party': a body that co-holds the conference; 'participant': attends. */
export const CONFERENCE_UNIT_ROLES = ['party', 'participant'] as const;
export type ConferenceUnitRole = (typeof CONFERENCE_UNIT_ROLES)[number];

export const chairInput = z.strictObject({
  name: text(120),
  rank: text(60).nullable().optional(),
  /** Positions held at the time of the conference ("Ủy viên Bộ Chính trị", "Bí thư Thành ủy …"). */
  titles: z.array(text(200)).max(10).default([]),
  personId: uuid.nullable().optional(),
});
export type ChairInput = z.infer<typeof chairInput>;

export const conferenceUnitInput = z.strictObject({ unitId: uuid, role: z.enum(CONFERENCE_UNIT_ROLES) });

export const conferenceItemInput = z.strictObject({
  /** Keep the id of an existing item (tasks point at it); omit for a new item. */
  id: uuid.optional(),
  text: text(4000),
  documentId: uuid.nullable().optional(),
  clauseId: uuid.nullable().optional(),
});
export type ConferenceItemInput = z.infer<typeof conferenceItemInput>;

const conferenceFields = {
  kind: z.enum(CONFERENCE_KINDS),
  title: text(500),
  heldOn: isoDate,
  place: text(300).nullable().optional(),
  hostUnitId: uuid,
  agenda: text(20_000, 0).nullable().optional(),
  minutes: text(200_000, 0).nullable().optional(),
};

export const createConferenceInput = z.strictObject({
  ...conferenceFields,
  chairs: z.array(chairInput).max(10).default([]),
  units: z.array(conferenceUnitInput).max(200).default([]),
  documentIds: z.array(uuid).max(100).default([]),
  items: z.array(conferenceItemInput.omit({ id: true })).max(300).default([]),
});
export type CreateConferenceInput = z.infer<typeof createConferenceInput>;

export const updateConferenceInput = z.strictObject({
  version: z.number().int(),
  kind: conferenceFields.kind.optional(),
  title: text(500).optional(),
  heldOn: isoDate.optional(),
  place: conferenceFields.place,
  hostUnitId: uuid.optional(),
  agenda: conferenceFields.agenda,
  minutes: conferenceFields.minutes,
  chairs: z.array(chairInput).max(10).optional(),
  units: z.array(conferenceUnitInput).max(200).optional(),
  documentIds: z.array(uuid).max(100).optional(),
});
export type UpdateConferenceInput = z.infer<typeof updateConferenceInput>;

export const setConferenceItemsInput = z.strictObject({ version: z.number().int(), items: z.array(conferenceItemInput).max(300) });
export type SetConferenceItemsInput = z.infer<typeof setConferenceItemsInput>;

export const conferenceListQuery = pageQuery.extend({
  q: z.string().max(200).optional(),
  kind: z.enum(CONFERENCE_KINDS).optional(),
  year: z.coerce.number().int().min(1945).max(2099).optional(),
  /** Hosted by or attended by this unit. */
  unitId: uuid.optional(),
});
export type ConferenceListQuery = z.infer<typeof conferenceListQuery>;

const abilities = z.record(z.string(), z.boolean());

export const conferenceListItem = z.object({
  id: uuid,
  kind: z.enum(CONFERENCE_KINDS),
  title: z.string(),
  heldOn: isoDate,
  place: z.string().nullable(),
  hostUnitId: uuid,
  hostUnitName: z.string(),
  itemCount: z.number().int(),
  version: z.number().int(),
  abilities,
});
export type ConferenceListItem = z.infer<typeof conferenceListItem>;
export const conferencePage = pageOf(conferenceListItem);

export const conferenceItemSchema = z.object({
  id: uuid,
  ordinal: z.number().int(),
  text: z.string(),
  documentId: uuid.nullable(),
  documentSymbol: z.string().nullable(),
  clauseId: uuid.nullable(),
  clauseRef: z.string().nullable(),
});
export type ConferenceItem = z.infer<typeof conferenceItemSchema>;

export const conferenceSchema = conferenceListItem.extend({
  agenda: z.string().nullable(),
  minutes: z.string().nullable(),
  chairs: z.array(z.object({ ordinal: z.number().int(), name: z.string(), rank: z.string().nullable(), titles: z.array(z.string()), personId: uuid.nullable() })),
  units: z.array(z.object({ unitId: uuid, code: z.string(), name: z.string(), role: z.enum(CONFERENCE_UNIT_ROLES) })),
  documents: z.array(documentRefSchema),
  items: z.array(conferenceItemSchema),
});
export type Conference = z.infer<typeof conferenceSchema>;

/* Import: text → draft (nothing stored) → reviewed draft → confirm (one transaction). -------- */

export const conferenceDraftInput = z.strictObject({ text: z.string().min(1).max(200_000) });

export const conferenceDraftSchema = z.object({
  kind: z.enum(CONFERENCE_KINDS),
  title: z.string(),
  heldOn: isoDate.nullable(),
  place: z.string().nullable(),
  /** The first party matched to a unit, as a suggestion. */
  hostUnitId: uuid.nullable(),
  chairs: z.array(z.object({ name: z.string(), rank: z.string().nullable(), titles: z.array(z.string()), personId: uuid.nullable() })),
  parties: z.array(z.object({ name: z.string(), unitId: uuid.nullable(), unitCode: z.string().nullable(), unitName: z.string().nullable() })),
  /** References found, each linked to the registry (`match`) or with a `proposal` for a new entry. */
  documents: z.array(resolvedReferenceSchema),
  /** Candidate conclusion items; `documentIndex` points into `documents` when the item cites one. */
  items: z.array(z.object({ text: z.string(), source: z.enum(['agreed', 'directed']), documentIndex: z.number().int().nullable() })),
  awards: z.array(z.object({ name: z.string(), count: z.number().int().nullable(), recipients: z.array(z.string()) })),
  ignoredLines: z.array(z.string()),
});
export type ConferenceDraft = z.infer<typeof conferenceDraftSchema>;

/** A document of the reviewed draft: an existing registry entry, or a new one to create. */
export const confirmDocumentInput = z.union([z.strictObject({ documentId: uuid }), z.strictObject({ create: createDocumentInput })]);

export const confirmConferenceInput = z.strictObject({
  ...conferenceFields,
  chairs: z.array(chairInput).max(10).default([]),
  units: z.array(conferenceUnitInput).max(200).default([]),
  documents: z.array(confirmDocumentInput).max(100).default([]),
  items: z
    .array(
      z.strictObject({
        text: text(4000),
        /** Index into `documents` (an entry created in this same confirmation is referred to this way). */
        documentIndex: z.number().int().min(0).nullable().optional(),
        clauseId: uuid.nullable().optional(),
      }),
    )
    .max(300)
    .default([]),
});
export type ConfirmConferenceInput = z.infer<typeof confirmConferenceInput>;


export const confirmedConferenceSchema = conferenceSchema.extend({ createdDocumentIds: z.array(uuid) });
