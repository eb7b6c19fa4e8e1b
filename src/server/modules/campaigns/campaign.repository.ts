import { sql } from 'kysely';
import type { CampaignListQuery, IndicatorKey, TargetableIndicator } from '../../../contracts/campaigns.ts';
import type { Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../../kernel/actor.ts';
import { visibleCampaignsScope } from './campaign.policy.ts';

type Q = Db | Tx;

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  path: string;
  communeCode: string | null;
}

export interface CampaignRow {
  id: string;
  templateId: string | null;
  template: { id: string; code: string; name: string } | null;
  name: string;
  description: string | null;
  fromOn: string;
  toOn: string;
  documentId: string | null;
  ownerUnit: UnitRow;
  targetCategories: string[];
  state: string;
  closingSummary: string | null;
  closedAt: Date | null;
  version: number;
  units: UnitRow[];
  indicators: { indicator: TargetableIndicator; target: number | null }[];
}

const unitCols = ['u.id', 'u.code', 'u.name', 'u.path', 'u.commune_code'] as const;
const toUnit = (r: { id: string; code: string; name: string; path: string; commune_code: string | null }): UnitRow => ({
  id: r.id,
  code: r.code,
  name: r.name,
  path: r.path,
  communeCode: r.commune_code,
});

export async function findUnits(db: Q, ids: readonly string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('units as u').select(unitCols).where('u.id', 'in', [...ids]).execute()).map(toUnit);
}

/** The police unit of a commune (Công an xã, phường), current. */
export async function communePoliceUnit(db: Q, communeCode: string): Promise<UnitRow | undefined> {
  const r = await db
    .selectFrom('units as u')
    .select(unitCols)
    .where('u.commune_code', '=', communeCode)
    .where('u.level', '=', 'commune')
    .where('u.type', '=', 'police_unit')
    .where('u.valid_to', 'is', null)
    .orderBy('u.created_at')
    .executeTakeFirst();
  return r ? toUnit(r) : undefined;
}

async function hydrate(db: Q, rows: { id: string }[]): Promise<Map<string, Pick<CampaignRow, 'units' | 'indicators'>>> {
  const ids = rows.map((r) => r.id);
  const out = new Map<string, Pick<CampaignRow, 'units' | 'indicators'>>(ids.map((id) => [id, { units: [], indicators: [] }]));
  if (ids.length === 0) return out;
  const units = await db
    .selectFrom('campaign_units as cu')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .select(['cu.campaign_id', ...unitCols, 'u.sort_key'])
    .where('cu.campaign_id', 'in', ids)
    .orderBy(sql`u.sort_key collate "C"`)
    .execute();
  for (const u of units) out.get(u.campaign_id)!.units.push(toUnit(u));
  const inds = await db.selectFrom('campaign_indicators').selectAll().where('campaign_id', 'in', ids).orderBy('ordinal').execute();
  for (const i of inds) out.get(i.campaign_id)!.indicators.push({ indicator: i.indicator as TargetableIndicator, target: i.target === null ? null : Number(i.target) });
  return out;
}

function baseQuery(db: Q) {
  return db
    .selectFrom('campaigns as c')
    .innerJoin('units as ou', 'ou.id', 'c.owner_unit_id')
    .leftJoin('campaign_templates as ct', 'ct.id', 'c.template_id')
    .select([
      'c.id',
      'c.template_id',
      'ct.code as template_code',
      'ct.name as template_name',
      'c.name',
      'c.description',
      'c.from_on',
      'c.to_on',
      'c.document_id',
      'c.target_categories',
      'c.state',
      'c.closing_summary',
      'c.closed_at',
      'c.version',
      'ou.id as ou_id',
      'ou.code as ou_code',
      'ou.name as ou_name',
      'ou.path as ou_path',
      'ou.commune_code as ou_commune_code',
    ]);
}
type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toRow(r: BaseRow, extra: Pick<CampaignRow, 'units' | 'indicators'>): CampaignRow {
  return {
    id: r.id,
    templateId: r.template_id,
    template: r.template_id ? { id: r.template_id, code: r.template_code!, name: r.template_name! } : null,
    name: r.name,
    description: r.description,
    fromOn: r.from_on,
    toOn: r.to_on,
    documentId: r.document_id,
    ownerUnit: { id: r.ou_id, code: r.ou_code, name: r.ou_name, path: r.ou_path, communeCode: r.ou_commune_code },
    targetCategories: r.target_categories,
    state: r.state,
    closingSummary: r.closing_summary,
    closedAt: r.closed_at,
    version: r.version,
    ...extra,
  };
}

export async function findCampaignById(db: Q, id: string): Promise<CampaignRow | undefined> {
  const r = await baseQuery(db).where('c.id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return toRow(r, (await hydrate(db, [r])).get(r.id)!);
}

export async function lockCampaign(trx: Tx, id: string): Promise<void> {
  await trx.selectFrom('campaigns').select('id').where('id', '=', id).forUpdate().execute();
}

export async function listCampaigns(db: Q, actor: Actor, q: CampaignListQuery): Promise<{ total: number; items: CampaignRow[] }> {
  let base = db.selectFrom('campaigns as c').innerJoin('units as ou', 'ou.id', 'c.owner_unit_id').where((eb) => visibleCampaignsScope(eb, actor));
  if (q.state) base = base.where('c.state', '=', q.state);
  const total = Number((await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
  let page = baseQuery(db).where((eb) => visibleCampaignsScope(eb, actor));
  if (q.state) page = page.where('c.state', '=', q.state);
  const rows = await page.orderBy('c.from_on', 'desc').orderBy('c.id').limit(q.limit).offset(q.offset).execute();
  const extra = await hydrate(db, rows);
  return { total, items: rows.map((r) => toRow(r, extra.get(r.id)!)) };
}

export async function insertCampaign(
  trx: Tx,
  c: { templateId: string | null; name: string; description: string | null; fromOn: string; toOn: string; documentId: string | null; ownerUnitId: string; targetCategories: string[]; createdBy: string | null },
): Promise<string> {
  const r = await trx
    .insertInto('campaigns')
    .values({
      template_id: c.templateId,
      name: c.name,
      description: c.description,
      from_on: c.fromOn,
      to_on: c.toOn,
      document_id: c.documentId,
      owner_unit_id: c.ownerUnitId,
      target_categories: c.targetCategories,
      created_by: c.createdBy,
      closing_summary: null,
      closed_at: null,
      closed_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertParticipants(trx: Tx, campaignId: string, unitIds: readonly string[], indicators: readonly { indicator: string; target: number | null }[]): Promise<void> {
  if (unitIds.length) await trx.insertInto('campaign_units').values(unitIds.map((unit_id) => ({ campaign_id: campaignId, unit_id }))).execute();
  if (indicators.length)
    await trx
      .insertInto('campaign_indicators')
      .values(indicators.map((i, ordinal) => ({ campaign_id: campaignId, indicator: i.indicator, ordinal, target: i.target })))
      .execute();
}

export async function setState(trx: Tx, id: string, version: number, changes: { state: string; closing_summary?: string; closed_at?: Date; closed_by?: string | null }, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('campaigns')
    .set({ ...changes, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── Templates ─────────────────────────────────────────────────────────────────────────────────

export interface TemplateRow {
  id: string;
  code: string;
  name: string;
  description: string | null;
  targetCategories: string[];
  indicators: { indicator: TargetableIndicator; target: number | null }[];
  ownerUnitId: string | null;
}

export async function listTemplates(db: Q): Promise<TemplateRow[]> {
  const rows = await db.selectFrom('campaign_templates').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    targetCategories: r.target_categories,
    indicators: r.indicators as TemplateRow['indicators'],
    ownerUnitId: r.owner_unit_id,
  }));
}

export async function findTemplate(db: Q, id: string): Promise<TemplateRow | undefined> {
  return (await listTemplates(db)).find((t) => t.id === id);
}

export async function insertTemplate(trx: Tx, t: Omit<TemplateRow, 'id'>): Promise<string> {
  const r = await trx
    .insertInto('campaign_templates')
    .values({ code: t.code, name: t.name, description: t.description, target_categories: t.targetCategories, indicators: JSON.stringify(t.indicators), owner_unit_id: t.ownerUnitId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The latest campaign of a template starting on or before `startedBy` (null: the latest of all). */
export async function previousOfTemplate(db: Q, templateId: string, startedBy: string | null): Promise<CampaignRow | undefined> {
  let q = db.selectFrom('campaigns').select('id').where('template_id', '=', templateId);
  if (startedBy) q = q.where('from_on', '<=', startedBy);
  const r = await q.orderBy('from_on', 'desc').limit(1).executeTakeFirst();
  return r ? findCampaignById(db, r.id) : undefined;
}

// ── Results ───────────────────────────────────────────────────────────────────────────────────

export async function overlappingResult(trx: Tx, campaignId: string, unitId: string, from: string, to: string): Promise<{ fromOn: string; toOn: string } | undefined> {
  const r = await trx
    .selectFrom('campaign_results')
    .select(['from_on', 'to_on'])
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .where('from_on', '<=', to)
    .where('to_on', '>=', from)
    .orderBy('from_on')
    .executeTakeFirst();
  return r ? { fromOn: r.from_on, toOn: r.to_on } : undefined;
}

export async function insertResult(
  trx: Tx,
  r: { campaignId: string; unitId: string; fromOn: string; toOn: string; note: string | null; reportedBy: string | null; reportedByName: string; at: Date },
  values: Partial<Record<IndicatorKey, number>>,
  evidence: { incidentIds: readonly string[]; tipIds: readonly string[]; fileIds: readonly string[] },
): Promise<string> {
  const { id } = await trx
    .insertInto('campaign_results')
    .values({ campaign_id: r.campaignId, unit_id: r.unitId, from_on: r.fromOn, to_on: r.toOn, note: r.note, reported_by: r.reportedBy, reported_by_name: r.reportedByName, created_at: r.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const vals = Object.entries(values).map(([indicator, value]) => ({ result_id: id, indicator, value: value! }));
  if (vals.length) await trx.insertInto('campaign_result_values').values(vals).execute();
  const ev = [
    ...evidence.incidentIds.map((x) => ({ result_id: id, kind: 'incident', incident_id: x, tip_id: null, file_id: null })),
    ...evidence.tipIds.map((x) => ({ result_id: id, kind: 'tip', incident_id: null, tip_id: x, file_id: null })),
    ...evidence.fileIds.map((x) => ({ result_id: id, kind: 'file', incident_id: null, tip_id: null, file_id: x })),
  ];
  if (ev.length) await trx.insertInto('campaign_result_evidence').values(ev).execute();
  return id;
}

export interface ResultRow {
  id: string;
  campaignId: string;
  unit: UnitRow;
  fromOn: string;
  toOn: string;
  note: string | null;
  reportedByName: string;
  createdAt: Date;
  values: Partial<Record<IndicatorKey, number>>;
  incidents: { id: string; number: number; title: string }[];
  tips: { id: string; trackingCode: string }[];
  files: { id: string; filename: string }[];
}

export async function listResults(db: Q, campaignId: string, unitIds: readonly string[] | null, page: { limit: number; offset: number; ids?: string[] }): Promise<{ total: number; items: ResultRow[] }> {
  let base = db.selectFrom('campaign_results as r').where('r.campaign_id', '=', campaignId);
  if (unitIds) base = unitIds.length ? base.where('r.unit_id', 'in', [...unitIds]) : base.where(sql<boolean>`false`);
  if (page.ids) base = base.where('r.id', 'in', page.ids);
  const total = Number((await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.campaign_id', 'r.from_on', 'r.to_on', 'r.note', 'r.reported_by_name', 'r.created_at', 'u.id as unit_id', 'u.code', 'u.name', 'u.path', 'u.commune_code'])
    .orderBy('r.from_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const ids = rows.map((r) => r.id);
  const items: ResultRow[] = rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    unit: toUnit({ ...r, id: r.unit_id }),
    fromOn: r.from_on,
    toOn: r.to_on,
    note: r.note,
    reportedByName: r.reported_by_name,
    createdAt: r.created_at,
    values: {},
    incidents: [],
    tips: [],
    files: [],
  }));
  if (ids.length === 0) return { total, items };
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const v of await db.selectFrom('campaign_result_values').selectAll().where('result_id', 'in', ids).execute()) byId.get(v.result_id)!.values[v.indicator as IndicatorKey] = Number(v.value);
  const ev = await db
    .selectFrom('campaign_result_evidence as e')
    .leftJoin('incidents as i', 'i.id', 'e.incident_id')
    .leftJoin('files as f', 'f.id', 'e.file_id')
    .select(['e.result_id', 'e.kind', 'i.id as incident_id', 'i.number', 'i.title', 'e.tip_id',
      // tips are typed inside the tips module; only the tracking code is shown next to the link
      sql<string | null>`(select t.tracking_code from tips t where t.id = e.tip_id)`.as('tracking_code'), 'f.id as file_id', 'f.filename'])
    .where('e.result_id', 'in', ids)
    .execute();
  for (const e of ev) {
    const item = byId.get(e.result_id)!;
    if (e.kind === 'incident' && e.incident_id) item.incidents.push({ id: e.incident_id, number: e.number!, title: e.title! });
    else if (e.kind === 'tip' && e.tip_id) item.tips.push({ id: e.tip_id, trackingCode: e.tracking_code! });
    else if (e.kind === 'file' && e.file_id) item.files.push({ id: e.file_id, filename: e.filename! });
  }
  return { total, items };
}

/**
 * The roll-up's one aggregate: per unit and indicator, the sum of the figures of the reports whose
 * days lie within [from, to] (a weekly report counts once all its days are in the window).
 */
export async function sumByUnit(db: Q, campaignId: string, from: string, to: string): Promise<{ unitId: string; indicator: IndicatorKey; total: number }[]> {
  const rows = await db
    .selectFrom('campaign_results as r')
    .innerJoin('campaign_result_values as v', 'v.result_id', 'r.id')
    .select(['r.unit_id', 'v.indicator', sql<number>`sum(v.value)::float8`.as('total')])
    .where('r.campaign_id', '=', campaignId)
    .where('r.from_on', '>=', from)
    .where('r.to_on', '<=', to)
    .groupBy(['r.unit_id', 'v.indicator'])
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, indicator: r.indicator as IndicatorKey, total: Number(r.total) }));
}

export async function reportsByUnit(db: Q, campaignId: string, from: string, to: string): Promise<{ unitId: string; reports: number; lastOn: string | null }[]> {
  const rows = await db
    .selectFrom('campaign_results as r')
    .select(['r.unit_id', sql<number>`count(*)::int`.as('n'), sql<string>`max(r.to_on)::text`.as('last')])
    .where('r.campaign_id', '=', campaignId)
    .where('r.from_on', '>=', from)
    .where('r.to_on', '<=', to)
    .groupBy('r.unit_id')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, reports: Number(r.n), lastOn: r.last }));
}
