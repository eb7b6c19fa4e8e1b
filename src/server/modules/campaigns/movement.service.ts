import type { MovementLists, MovementModelInput, MovementQuery, MovementSessionInput, MovementSummary, MovementTeamInput } from '../../../contracts/campaigns.ts';
import type { Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound } from '../../kernel/errors.ts';
import { compareVietnamese } from '../../kernel/text.ts';

import { actsForUnit, unitVisible } from './campaign.policy.ts';
import { communePoliceUnit, type UnitRow } from './campaign.repository.ts';
import { checkCount, MAX_AUDIENCE, MAX_TEAM_MEMBERS, withResults, zeroCounts, type MovementCounts } from './movement.ts';
import { tipCountsByCommune } from '../tips/tip.service.ts';
import * as repo from './movement.repository.ts';
import { viDate } from '../../kernel/calendar.ts';

/**
 * Use cases of the mass movement per commune: propaganda sessions, grassroots security and order
 * teams, model examples (recorded by the commune police or the levels above), and the per-commune
 * summary for a period with results beside counts (tips derived from the tips module).
 */

/** The commune police unit that records for a commune the actor may record for. */
async function recordingUnit(trx: Tx, actor: Actor, communeCode: string): Promise<UnitRow> {
  const unit = await communePoliceUnit(trx, communeCode);
  if (!unit) throw new DomainError('movement.unknown_commune', { communeCode }, [{ path: 'communeCode', code: 'unknown_commune' }]);
  if (!unitVisible(actor, unit) && !actor.communeCodes.includes(communeCode))
    throw new DomainError('movement.commune_outside_scope', { communeCode }, [{ path: 'communeCode', code: 'outside_scope' }]);
  if (!actsForUnit(actor, unit) && !(actor.communeCodes.includes(communeCode) && hasRole(actor, 'unit_officer', 'staff_officer', 'leader'))) throw forbidden('movement.record');
  return unit;
}

function checkOrThrow(value: number, max: number, path: string): void {
  const p = checkCount(value, max);
  if (p) throw new DomainError(p.code === 'negative_value' ? 'campaign.negative_value' : 'movement.implausible_value', { value, max }, [{ path, code: p.code, params: { max } }]);
}
function notFuture(d: string, today: string, path: string): void {
  if (d > today) throw new DomainError('movement.in_future', { date: d, today }, [{ path, code: 'in_future' }]);
}

export async function recordSession(ctx: Ctx, actor: Actor, input: MovementSessionInput): Promise<{ id: string }> {
  return inTransaction(ctx.db, async (trx) => {
    const unit = await recordingUnit(trx, actor, input.communeCode);
    notFuture(input.heldOn, ctx.today(), 'heldOn');
    checkOrThrow(input.audience, MAX_AUDIENCE, 'audience');
    const id = await repo.insertSession(trx, { ...input, unitId: unit.id, createdBy: actor.userId });
    await writeAudit(trx, actor, { action: 'movement.session_recorded', entityType: 'movement_session', entityId: id, data: { ...input } });
    return { id };
  });
}

export async function recordTeam(ctx: Ctx, actor: Actor, input: MovementTeamInput): Promise<{ id: string }> {
  return inTransaction(ctx.db, async (trx) => {
    const unit = await recordingUnit(trx, actor, input.communeCode);
    notFuture(input.establishedOn, ctx.today(), 'establishedOn');
    checkOrThrow(input.members, MAX_TEAM_MEMBERS, 'members');
    const id = await repo.insertTeam(trx, { ...input, unitId: unit.id, createdBy: actor.userId });
    await writeAudit(trx, actor, { action: 'movement.team_recorded', entityType: 'movement_team', entityId: id, data: { ...input } });
    return { id };
  });
}

export async function updateTeam(ctx: Ctx, actor: Actor, id: string, input: { members: number; dissolvedOn?: string | null | undefined }): Promise<{ id: string }> {
  return inTransaction(ctx.db, async (trx) => {
    const t = await repo.findTeam(trx, id);
    if (!t) throw notFound('movement_team', id);
    const unit = { id: t.unit_id, path: t.path, communeCode: t.unit_commune };
    if (!isAdmin(actor) && !unitVisible(actor, unit) && !actor.communeCodes.includes(t.commune_code)) throw hiddenNotFound('movement_team', id);
    await recordingUnit(trx, actor, t.commune_code);
    checkOrThrow(input.members, MAX_TEAM_MEMBERS, 'members');
    if (input.dissolvedOn) notFuture(input.dissolvedOn, ctx.today(), 'dissolvedOn');
    if (input.dissolvedOn && input.dissolvedOn < t.established_on) throw new DomainError('validation_failed', {}, [{ path: 'dissolvedOn', code: 'before_established' }]);
    await repo.updateTeam(trx, id, input.members, input.dissolvedOn, ctx.now());
    await writeAudit(trx, actor, { action: 'movement.team_updated', entityType: 'movement_team', entityId: id, data: { before: { members: t.members, dissolvedOn: t.dissolved_on }, after: input } });
    return { id };
  });
}

export async function recordModel(ctx: Ctx, actor: Actor, input: MovementModelInput): Promise<{ id: string }> {
  return inTransaction(ctx.db, async (trx) => {
    const unit = await recordingUnit(trx, actor, input.communeCode);
    notFuture(input.sinceOn, ctx.today(), 'sinceOn');
    const id = await repo.insertModel(trx, { ...input, description: input.description ?? null, unitId: unit.id, createdBy: actor.userId });
    await writeAudit(trx, actor, { action: 'movement.model_recorded', entityType: 'movement_model', entityId: id, data: { ...input } });
    return { id };
  });
}

const badPeriod = (q: MovementQuery) => new DomainError('statistics.invalid_period', { from: q.from, to: q.to }, [{ path: 'querystring.to', code: 'invalid_period' }]);

export async function movementLists(ctx: Ctx, actor: Actor, q: MovementQuery): Promise<MovementLists> {
  if (q.from > q.to) throw badPeriod(q);
  const r = await repo.listMovement(ctx.db, actor, q.from, q.to, q.communeCode);
  return {
    sessions: r.sessions.map((s) => ({ id: s.id, communeCode: s.commune_code, communeName: s.commune_name, heldOn: s.held_on, topic: s.topic, audience: s.audience })),
    teams: r.teams.map((t) => ({ id: t.id, communeCode: t.commune_code, communeName: t.commune_name, name: t.name, members: t.members, establishedOn: t.established_on, dissolvedOn: t.dissolved_on })),
    models: r.models.map((m) => ({ id: m.id, communeCode: m.commune_code, communeName: m.commune_name, name: m.name, sinceOn: m.since_on, description: m.description })),
  };
}

/**
 * Per commune and period, feeding the scorecards: sessions and their audience, active teams and
 * their members, model examples, and — beside these counts — the results: tips received from the
 * commune (and of them those that opened or joined a situation) per session and per 100 members.
 */
export async function movementSummary(ctx: Ctx, actor: Actor, q: MovementQuery): Promise<MovementSummary> {
  if (q.from > q.to) throw badPeriod(q);
  const counts = await repo.movementCounts(ctx.db, actor, q.from, q.to, q.communeCode);
  // Tips are counted, never typed: by commune of the place and day of receipt, under the tips module's visibility rule.
  for (const t of await tipCountsByCommune(ctx, actor, q.from, q.to, q.communeCode)) {
    const c = counts.get(t.communeCode) ?? zeroCounts();
    counts.set(t.communeCode, { ...c, tips: t.received, tipsLinked: t.linked });
  }
  const names = await repo.communeNames(ctx.db, [...counts.keys()]);
  const rows = [...counts.entries()]
    .map(([code, c]) => ({ communeCode: code, communeName: names.get(code)?.name ?? code, ...withResults(c) }))
    .sort((a, b) => compareVietnamese(a.communeName, b.communeName));
  const total = zeroCounts();
  for (const c of counts.values()) for (const k of Object.keys(total) as (keyof MovementCounts)[]) total[k] += c[k];
  return {
    period: { from: q.from, to: q.to, label: `từ ${viDate(q.from)} đến ${viDate(q.to)}` },
    rows,
    total: withResults(total),
    canRecord: isAdmin(actor) || hasRole(actor, 'leader', 'staff_officer', 'unit_officer'),
    explanation:
      'Tin báo, tố giác: đếm từ phân hệ tin báo theo xã, phường nơi xảy ra và ngày tiếp nhận (không nhập tay); "dẫn tới vụ việc": tin báo đã mở hoặc gắn với một vụ việc. ' +
      'Tổ bảo vệ ANTT: các tổ đang hoạt động trong kỳ (thành lập trước ngày cuối kỳ, chưa giải thể trước ngày đầu kỳ), số thành viên hiện tại. Mô hình: có từ trước ngày cuối kỳ.',
  };
}
