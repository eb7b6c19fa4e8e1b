import {
  CAMPAIGN_INDICATORS,
  INDICATOR_KEYS,
  INDICATOR_LABELS_VI,
  type Campaign,
  type CampaignListQuery,
  type CampaignPrefill,
  type CampaignResult,
  type CampaignRollup,
  type CampaignRollupQuery,
  type CreateCampaignInput,
  type IndicatorKey,
  type ReportResultInput,
} from '../../../contracts/campaigns.ts';
import type { IncidentCategory } from '../../../contracts/incidents.ts';
import type { Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { systemActor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound, staleVersion } from '../../kernel/errors.ts';
import { assertDocumentsVisible, describeDocuments } from '../documents/document.service.ts';
import { assertFilesUsable } from '../files/file.service.ts';
import { loadVisibleIncident } from '../incidents/incident.service.ts';
import { incidentStatistics } from '../statistics/statistics.service.ts';
import { CATEGORY_LABELS_VI } from '../statistics/statistics-export.ts';
import { getTip } from '../tips/tip.service.ts';
import { baseWindow, changePercent, checkResultDates, checkResultValues, clearanceRate, countedUntil, daysIn, MIN_CASE_LOAD, nextInstance, PER_SITUATIONS, PREVIOUS_SEASON_GAP_DAYS, progressOf, rankUnits, rateStatus, viDate } from './campaign.ts';
import { accessRecord, presentCampaign, presentResult, presentUnit } from './campaign.presenter.ts';
import { actsForUnit, canCreateCampaigns, canOrganiseFor, canViewCampaign, seesAllUnits, unitVisible, type CampaignUnitRef } from './campaign.policy.ts';
import * as repo from './campaign.repository.ts';
import { addDays } from '../../kernel/calendar.ts';

/**
 * Use cases of campaigns (đợt cao điểm): create (optionally from a template, pre-filled from its
 * previous instance), start, close with a summary, report results with evidence, list, roll-up.
 * Every write authorizes, applies the rules of campaign.ts and writes its audit row in the same
 * transaction; refused input writes nothing.
 */

type Db = Ctx['db'] | Tx;

export async function loadVisibleCampaign(db: Db, actor: Actor, id: string): Promise<repo.CampaignRow> {
  const row = await repo.findCampaignById(db, id);
  if (!row) throw notFound('campaign', id);
  if (!canViewCampaign(actor, accessRecord(row))) throw hiddenNotFound('campaign', id);
  return row;
}

async function present(db: Db, actor: Actor, row: repo.CampaignRow): Promise<Campaign> {
  const [doc] = row.documentId ? await describeDocuments(db, actor, [row.documentId]) : [];
  return presentCampaign(actor, row, doc ? { id: doc.id, symbol: doc.symbol, summary: doc.summary } : null);
}

export async function listCampaigns(ctx: Ctx, actor: Actor, q: CampaignListQuery): Promise<{ total: number; limit: number; offset: number; items: Campaign[]; canCreate: boolean }> {
  const { total, items } = await repo.listCampaigns(ctx.db, actor, q);
  const docs = new Map((await describeDocuments(ctx.db, actor, items.flatMap((i) => (i.documentId ? [i.documentId] : [])))).map((d) => [d.id, d]));
  return {
    total,
    limit: q.limit,
    offset: q.offset,
    items: items.map((r) => {
      const d = r.documentId ? docs.get(r.documentId) : undefined;
      return presentCampaign(actor, r, d ? { id: d.id, symbol: d.symbol, summary: d.summary } : null);
    }),
    canCreate: canCreateCampaigns(actor),
  };
}

export async function getCampaign(ctx: Ctx, actor: Actor, id: string): Promise<Campaign> {
  return present(ctx.db, actor, await loadVisibleCampaign(ctx.db, actor, id));
}

export async function createCampaign(ctx: Ctx, actor: Actor, input: CreateCampaignInput): Promise<Campaign> {
  return inTransaction(ctx.db, async (trx) => {
    if (input.toOn < input.fromOn) throw new DomainError('campaign.invalid_period', { fromOn: input.fromOn, toOn: input.toOn }, [{ path: 'toOn', code: 'before_from' }]);
    const [owner] = await repo.findUnits(trx, [input.ownerUnitId]);
    if (!owner) throw new DomainError('campaign.unknown_unit', { id: input.ownerUnitId }, [{ path: 'ownerUnitId', code: 'unknown_unit' }]);
    if (!canOrganiseFor(actor, owner)) throw forbidden('campaign.create');
    const seen = new Set<string>();
    for (const [i, u] of input.unitIds.entries()) {
      if (seen.has(u)) throw new DomainError('campaign.duplicate_unit', { id: u }, [{ path: `unitIds.${i}`, code: 'duplicate' }]);
      seen.add(u);
    }
    const units = await repo.findUnits(trx, input.unitIds);
    const missing = input.unitIds.findIndex((u) => !units.some((x) => x.id === u));
    if (missing >= 0) throw new DomainError('campaign.unknown_unit', { id: input.unitIds[missing] }, [{ path: `unitIds.${missing}`, code: 'unknown_unit' }]);
    const seenInd = new Set<string>();
    for (const [i, ind] of input.indicators.entries()) {
      if (seenInd.has(ind.indicator)) throw new DomainError('validation_failed', {}, [{ path: `indicators.${i}.indicator`, code: 'duplicate' }]);
      seenInd.add(ind.indicator);
      if (ind.indicator === 'clearance_rate' && ind.target !== null && ind.target > 100) throw new DomainError('validation_failed', {}, [{ path: `indicators.${i}.target`, code: 'too_big', params: { maximum: 100 } }]);
    }
    if (input.templateId && !(await repo.findTemplate(trx, input.templateId)))
      throw new DomainError('campaign.unknown_template', { id: input.templateId }, [{ path: 'templateId', code: 'unknown_template' }]);
    if (input.documentId) await assertDocumentsVisible(trx, actor, [input.documentId], 'documentId');
    const id = await repo.insertCampaign(trx, {
      templateId: input.templateId ?? null,
      name: input.name,
      description: input.description ?? null,
      fromOn: input.fromOn,
      toOn: input.toOn,
      documentId: input.documentId ?? null,
      ownerUnitId: owner.id,
      targetCategories: [...new Set(input.targetCategories)],
      createdBy: actor.userId,
    });
    await repo.insertParticipants(trx, id, input.unitIds, input.indicators);
    await writeAudit(trx, actor, { action: 'campaign.created', entityType: 'campaign', entityId: id, data: { ...input } });
    return present(trx, actor, (await repo.findCampaignById(trx, id))!);
  });
}

async function transition(ctx: Ctx, actor: Actor, id: string, version: number, action: 'start' | 'close', summary?: string): Promise<Campaign> {
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    await repo.lockCampaign(trx, id);
    const row = await loadVisibleCampaign(trx, actor, id);
    if (!canOrganiseFor(actor, row.ownerUnit)) throw forbidden(`campaign.${action}`);
    const from = action === 'start' ? 'draft' : 'running';
    if (row.state !== from) throw new DomainError('campaign.invalid_transition', { state: row.state, action });
    if (row.version !== version) throw staleVersion('campaign', id);
    if (action === 'close' && !summary?.trim()) throw new DomainError('campaign.closing_summary_required', {}, [{ path: 'summary', code: 'required' }]);
    const changes = action === 'start' ? { state: 'running' } : { state: 'closed', closing_summary: summary!, closed_at: now, closed_by: actor.userId };
    if (!(await repo.setState(trx, id, version, changes, now))) throw staleVersion('campaign', id);
    await writeAudit(trx, actor, { action: action === 'start' ? 'campaign.started' : 'campaign.closed', entityType: 'campaign', entityId: id, data: { fromState: row.state, toState: changes.state, ...(summary ? { summary } : {}) } });
    return present(trx, actor, (await repo.findCampaignById(trx, id))!);
  });
}

export const startCampaign = (ctx: Ctx, actor: Actor, id: string, input: { version: number }) => transition(ctx, actor, id, input.version, 'start');
export const closeCampaign = (ctx: Ctx, actor: Actor, id: string, input: { version: number; summary: string }) => transition(ctx, actor, id, input.version, 'close', input.summary);

// ── Templates ─────────────────────────────────────────────────────────────────────────────────

/** A template of recurring campaigns (organiser side of its organising unit; seed and CLI). */
export async function createCampaignTemplate(
  ctx: Ctx,
  actor: Actor,
  input: { code: string; name: string; description: string | null; targetCategories: IncidentCategory[]; indicators: CreateCampaignInput['indicators']; ownerUnitId: string },
): Promise<{ id: string }> {
  return inTransaction(ctx.db, async (trx) => {
    const [owner] = await repo.findUnits(trx, [input.ownerUnitId]);
    if (!owner) throw new DomainError('campaign.unknown_unit', { id: input.ownerUnitId }, [{ path: 'ownerUnitId', code: 'unknown_unit' }]);
    if (!canOrganiseFor(actor, owner)) throw forbidden('campaign.create_template');
    const id = await repo.insertTemplate(trx, { ...input, ownerUnitId: owner.id });
    await writeAudit(trx, actor, { action: 'campaign.template_created', entityType: 'campaign_template', entityId: id, data: { ...input } });
    return { id };
  });
}

export async function listCampaignTemplates(ctx: Ctx, actor: Actor) {
  const items = [];
  for (const t of await repo.listTemplates(ctx.db)) {
    const last = await repo.previousOfTemplate(ctx.db, t.id, null);
    const visible = last && canViewCampaign(actor, accessRecord(last));
    items.push({ id: t.id, code: t.code, name: t.name, description: t.description, lastCampaign: visible ? { id: last.id, name: last.name, fromOn: last.fromOn, toOn: last.toOn } : null });
  }
  return { items };
}

/**
 * "Create from template": the next instance pre-filled from the template's last campaign the actor
 * can see (dates and the year in its name one year later, the same indicators and targets, units,
 * categories, organiser), or from the template's defaults when there is none. Nothing is written.
 */
export async function prefillFromTemplate(ctx: Ctx, actor: Actor, templateId: string): Promise<CampaignPrefill> {
  const t = await repo.findTemplate(ctx.db, templateId);
  if (!t) throw notFound('campaign_template', templateId);
  const last = await repo.previousOfTemplate(ctx.db, t.id, null);
  if (last && canViewCampaign(actor, accessRecord(last))) {
    const next = nextInstance(last);
    return {
      basis: 'previous_instance',
      previousCampaign: { id: last.id, name: last.name, fromOn: last.fromOn, toOn: last.toOn },
      unitNames: Object.fromEntries([last.ownerUnit, ...last.units].map((u) => [u.id, u.name])),
      input: {
        ...next,
        description: last.description,
        templateId: t.id,
        documentId: null,
        ownerUnitId: last.ownerUnit.id,
        targetCategories: last.targetCategories as IncidentCategory[],
        unitIds: last.units.map((u) => u.id),
        indicators: last.indicators,
      },
    };
  }
  const today = ctx.today();
  return {
    basis: 'template',
    previousCampaign: null,
    unitNames: {},
    input: {
      name: t.name,
      description: t.description,
      fromOn: today,
      toOn: today,
      templateId: t.id,
      documentId: null,
      ownerUnitId: t.ownerUnitId ?? actor.unitId ?? '',
      targetCategories: t.targetCategories as IncidentCategory[],
      unitIds: [],
      indicators: t.indicators,
    },
  };
}

// ── Results ───────────────────────────────────────────────────────────────────────────────────

/** The reporting unit as an actor of its own: evidence must be visible to the unit itself. */
const unitActor = (u: CampaignUnitRef): Actor => ({
  kind: 'user',
  userId: null,
  username: `unit:${u.id}`,
  unitId: u.id,
  roles: ['unit_officer'],
  scopeUnitIds: [u.id],
  scopePaths: [u.path],
  communeCodes: u.communeCode ? [u.communeCode] : [],
});

async function checkEvidence(ctx: Ctx, trx: Tx, actor: Actor, unit: CampaignUnitRef, input: ReportResultInput): Promise<void> {
  const seer = unitActor(unit);
  const unknown = (path: string, id: string) => new DomainError('campaign.unknown_evidence', { id }, [{ path, code: 'unknown_evidence' }]);
  for (const [i, id] of input.incidentIds.entries()) {
    try {
      await loadVisibleIncident(trx, seer, id);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'not_found') throw unknown(`incidentIds.${i}`, id);
      throw e;
    }
  }
  for (const [i, id] of input.tipIds.entries()) {
    try {
      await getTip({ ...ctx, db: trx }, seer, id);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'not_found') throw unknown(`tipIds.${i}`, id);
      throw e;
    }
  }
  if (input.fileIds.length) await assertFilesUsable(trx, actor, input.fileIds, 'fileIds');
}

export async function reportResult(ctx: Ctx, actor: Actor, id: string, input: ReportResultInput): Promise<CampaignResult> {
  const now = ctx.now();
  const today = ctx.today();
  return inTransaction(ctx.db, async (trx) => {
    // The row lock serialises reports of one campaign: the overlap check and the insert are one step.
    await repo.lockCampaign(trx, id);
    const c = await loadVisibleCampaign(trx, actor, id);
    const unit = c.units.find((u) => u.id === input.unitId);
    if (!unit) {
      throw new DomainError('campaign.not_participating', { unitId: input.unitId }, [{ path: 'unitId', code: 'not_participating' }]);
    }
    if (!actsForUnit(actor, unit)) throw forbidden('campaign.report');
    if (c.state === 'closed') throw new DomainError('campaign.closed', { id });
    if (c.state !== 'running') throw new DomainError('campaign.not_running', { id, state: c.state });
    const toOn = input.toOn ?? input.fromOn;
    const dateProblem = checkResultDates(input.fromOn, toOn, c, today);
    if (dateProblem) throw new DomainError(`campaign.${dateProblem.code}`, dateProblem.params, [{ path: dateProblem.code === 'result_too_long' ? 'toOn' : 'fromOn', code: dateProblem.code }]);
    const entries = Object.entries(input.values).filter(([, v]) => v !== undefined);
    if (entries.length === 0) throw new DomainError('campaign.result_empty', {}, [{ path: 'values', code: 'required' }]);
    const issues = checkResultValues(input.values, daysIn({ from: input.fromOn, to: toOn }));
    if (issues.length) throw new DomainError(`campaign.${issues[0]!.code}`, issues[0]!.params, issues);
    const clash = await repo.overlappingResult(trx, id, unit.id, input.fromOn, toOn);
    if (clash) {
      const date = viDate(clash.fromOn > input.fromOn ? clash.fromOn : input.fromOn);
      throw new DomainError('campaign.result_overlaps', { date, fromOn: clash.fromOn, toOn: clash.toOn }, [{ path: 'fromOn', code: 'overlaps' }]);
    }
    await checkEvidence(ctx, trx, actor, unit, input);
    const values = Object.fromEntries(entries) as Partial<Record<IndicatorKey, number>>;
    const resultId = await repo.insertResult(
      trx,
      { campaignId: id, unitId: unit.id, fromOn: input.fromOn, toOn, note: input.note ?? null, reportedBy: actor.userId, reportedByName: actor.username, at: now },
      values,
      { incidentIds: [...new Set(input.incidentIds)], tipIds: [...new Set(input.tipIds)], fileIds: [...new Set(input.fileIds)] },
    );
    await writeAudit(trx, actor, { action: 'campaign.result_reported', entityType: 'campaign', entityId: id, data: { resultId, unitId: unit.id, fromOn: input.fromOn, toOn, values, incidentIds: input.incidentIds, tipIds: input.tipIds, fileIds: input.fileIds } });
    const { items } = await repo.listResults(trx, id, null, { limit: 1, offset: 0, ids: [resultId] });
    return presentResult(items[0]!);
  });
}

export async function listCampaignResults(ctx: Ctx, actor: Actor, id: string, q: { unitId?: string | undefined; limit: number; offset: number }) {
  const c = await loadVisibleCampaign(ctx.db, actor, id);
  const visible = c.units.filter((u) => unitVisible(actor, u) || seesAllUnits(actor, accessRecord(c))).map((u) => u.id);
  const unitIds = q.unitId ? visible.filter((u) => u === q.unitId) : visible;
  const { total, items } = await repo.listResults(ctx.db, id, unitIds, q);
  return { total, limit: q.limit, offset: q.offset, items: items.map(presentResult) };
}

// ── Roll-up ───────────────────────────────────────────────────────────────────────────────────

type Sums = Map<string, Partial<Record<IndicatorKey, number>>>;
function bySum(rows: { unitId: string; indicator: IndicatorKey; total: number }[]): Sums {
  const m: Sums = new Map();
  for (const r of rows) {
    const u = m.get(r.unitId) ?? {};
    u[r.indicator] = (u[r.indicator] ?? 0) + r.total;
    m.set(r.unitId, u);
  }
  return m;
}
const round3 = (x: number) => Math.round(x * 1000) / 1000;
function totalOf(s: Sums, k: IndicatorKey): number {
  let t = 0;
  for (const v of s.values()) t += v[k] ?? 0;
  return round3(t);
}

/**
 * Situations in each commune from `from` to `to` (of the campaign's target categories, all when
 * none), through the statistics module over the whole city: the ranking compares every
 * participating unit, whatever the viewer's scope (who sees which rows is decided afterwards).
 */
async function caseLoads(ctx: Ctx, categories: readonly string[], from: string, to: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const system = systemActor('campaign-rollup');
  for (const category of categories.length ? categories : [undefined]) {
    const s = await incidentStatistics(ctx, system, { period: 'custom', from, to, groupBy: 'commune', ...(category ? { category: category as IncidentCategory } : {}) });
    for (const r of s.rows) out.set(r.key, (out.get(r.key) ?? 0) + r.current.incidents);
  }
  return out;
}

/**
 * The roll-up for the city and per unit: totals from the reports, progress against the targets
 * and the pace, the same period last year in the template's previous instance, the clearance rate,
 * and a ranking per case load with its basis stated. Reproducible: every figure is a sum of
 * stored reports over the stated window.
 */
export async function campaignRollup(ctx: Ctx, actor: Actor, id: string, q: CampaignRollupQuery): Promise<CampaignRollup> {
  const c = await loadVisibleCampaign(ctx.db, actor, id);
  const until = countedUntil(c, ctx.today(), q.asOf);
  const counted = until >= c.fromOn;
  const days = counted ? daysIn({ from: c.fromOn, to: until }) : 0;
  const totalDays = daysIn({ from: c.fromOn, to: c.toOn });
  const [sumRows, reportRows] = counted ? await Promise.all([repo.sumByUnit(ctx.db, c.id, c.fromOn, until), repo.reportsByUnit(ctx.db, c.id, c.fromOn, until)]) : [[], []];
  const sums = bySum(sumRows);

  const prev = c.templateId ? await repo.previousOfTemplate(ctx.db, c.templateId, addDays(c.fromOn, -PREVIOUS_SEASON_GAP_DAYS)) : undefined;
  const win = prev ? baseWindow(q.base, c, until, prev) : null;
  const baseSums = prev && win ? bySum(await repo.sumByUnit(ctx.db, prev.id, win.from, win.to)) : null;

  const targets = new Map(c.indicators.map((i) => [i.indicator, i.target]));
  const chosen = c.indicators.map((i) => i.indicator).filter((k): k is IndicatorKey => k !== 'clearance_rate');
  // The clearance rate is derived from these two: show them when it is followed.
  if (targets.has('clearance_rate')) for (const k of ['cases_detected', 'cases_dismantled'] as const) if (!chosen.includes(k)) chosen.push(k);
  const shown = [...chosen, ...INDICATOR_KEYS.filter((k) => !chosen.includes(k) && totalOf(sums, k) > 0)];
  const indicators = shown.map((k) => {
    const value = totalOf(sums, k);
    const target = targets.get(k) ?? null;
    const base = baseSums ? totalOf(baseSums, k) : null;
    return {
      indicator: k,
      value,
      target,
      progress: progressOf(value, target, days, totalDays),
      base,
      change: base === null ? null : { difference: round3(value - base), ...changePercent(value, base) },
    };
  });
  const rateTarget = targets.get('clearance_rate') ?? null;
  const cityRate = clearanceRate(totalOf(sums, 'cases_dismantled'), totalOf(sums, 'cases_detected'));
  const baseRate = baseSums ? clearanceRate(totalOf(baseSums, 'cases_dismantled'), totalOf(baseSums, 'cases_detected')) : null;

  // Ranking per case load over every participating unit.
  const loads = counted ? await caseLoads(ctx, c.targetCategories, c.fromOn, until) : new Map<string, number>();
  const ranks = new Map(
    rankUnits(c.units.map((u) => ({ unitId: u.id, value: sums.get(u.id)?.[q.rankBy] ?? 0, caseLoad: u.communeCode ? (loads.get(u.communeCode) ?? 0) : null }))).map((r) => [r.unitId, r]),
  );
  const all = seesAllUnits(actor, accessRecord(c));
  const reports = new Map(reportRows.map((r) => [r.unitId, r]));
  const units = c.units
    .filter((u) => all || unitVisible(actor, u))
    .map((u) => {
      const v = sums.get(u.id) ?? {};
      const r = ranks.get(u.id)!;
      return {
        unit: presentUnit(u),
        reports: reports.get(u.id)?.reports ?? 0,
        lastReportOn: reports.get(u.id)?.lastOn ?? null,
        values: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round3(x!)])),
        clearanceRate: clearanceRate(v.cases_dismantled ?? 0, v.cases_detected ?? 0),
        caseLoad: u.communeCode ? (loads.get(u.communeCode) ?? 0) : null,
        score: r.score,
        rank: r.rank,
        notRankedReason: r.notRankedReason,
      };
    })
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (b.values[q.rankBy] ?? 0) - (a.values[q.rankBy] ?? 0));

  const cats = c.targetCategories.length ? `thuộc loại: ${c.targetCategories.map((k) => CATEGORY_LABELS_VI[k as IncidentCategory] ?? k).join(', ')}` : 'mọi loại';
  const periodLabel = counted ? `từ ${viDate(c.fromOn)} đến ${viDate(until)}` : `chưa đến ngày bắt đầu (${viDate(c.fromOn)})`;
  return {
    campaign: { id: c.id, name: c.name, fromOn: c.fromOn, toOn: c.toOn, state: c.state as CampaignRollup['campaign']['state'] },
    period: { from: c.fromOn, to: until, days, totalDays, label: periodLabel },
    base: prev
      ? {
          basis: win ? q.base : 'none',
          campaign: { id: prev.id, name: prev.name, fromOn: prev.fromOn, toOn: prev.toOn },
          from: win?.from ?? null,
          to: win?.to ?? null,
          label: win
            ? `${prev.name}, ${q.base === 'aligned' ? `${daysIn(win)} ngày đầu` : 'cùng ngày năm trước'}: từ ${viDate(win.from)} đến ${viDate(win.to)}`
            : `${prev.name}: không có ngày tương ứng`,
        }
      : { basis: 'none', campaign: null, from: null, to: null, label: 'Không có đợt cùng mẫu năm trước để so sánh' },
    city: {
      reports: reportRows.reduce((s, r) => s + r.reports, 0),
      unitsReporting: reportRows.length,
      units: c.units.length,
      indicators,
      clearanceRate: { ...cityRate, target: rateTarget, status: rateStatus(cityRate.value, rateTarget), base: baseRate },
    },
    units,
    ranking: {
      indicator: q.rankBy,
      basis: 'case_load',
      perSituations: PER_SITUATIONS,
      minCaseLoad: MIN_CASE_LOAD,
      ranked: [...ranks.values()].filter((r) => r.rank !== null).length,
      explanation:
        `Xếp hạng theo ${INDICATOR_LABELS_VI[q.rankBy]} trên ${PER_SITUATIONS} vụ việc của địa bàn (số vụ việc ${cats} ghi nhận tại xã, phường của đơn vị ${periodLabel}, ` +
        `theo phân hệ vụ việc). Không xếp hạng theo dân số vì chưa có số liệu dân số từng xã, phường có nguồn chính thức. ` +
        `Đơn vị có dưới ${MIN_CASE_LOAD} vụ việc hoặc không có địa bàn (phòng nghiệp vụ) không được xếp hạng. Thứ hạng tính trên tất cả đơn vị tham gia.`,
    },
    allUnitsVisible: all,
  };
}

/** Indicators with their unit, for texts outside the web (CLI). */
export const indicatorUnit = (k: IndicatorKey): string => CAMPAIGN_INDICATORS[k].unit;
