import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../../kernel/actor.ts';
import { visibleMovementScope } from './campaign.policy.ts';
import { zeroCounts, type MovementCounts } from './movement.ts';

type Q = Db | Tx;

export async function insertSession(trx: Tx, s: { communeCode: string; unitId: string; heldOn: string; topic: string; audience: number; createdBy: string | null }): Promise<string> {
  const r = await trx
    .insertInto('movement_sessions')
    .values({ commune_code: s.communeCode, unit_id: s.unitId, held_on: s.heldOn, topic: s.topic, audience: s.audience, created_by: s.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertTeam(trx: Tx, t: { communeCode: string; unitId: string; name: string; members: number; establishedOn: string; createdBy: string | null }): Promise<string> {
  const r = await trx
    .insertInto('movement_teams')
    .values({ commune_code: t.communeCode, unit_id: t.unitId, name: t.name, members: t.members, established_on: t.establishedOn, dissolved_on: null, created_by: t.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findTeam(db: Q, id: string) {
  return db
    .selectFrom('movement_teams as t')
    .innerJoin('units as mu', 'mu.id', 't.unit_id')
    .select(['t.id', 't.commune_code', 't.members', 't.dissolved_on', 't.established_on', 'mu.id as unit_id', 'mu.code as unit_code', 'mu.name as unit_name', 'mu.path', 'mu.commune_code as unit_commune'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export async function updateTeam(trx: Tx, id: string, members: number, dissolvedOn: string | null | undefined, now: Date): Promise<void> {
  await trx
    .updateTable('movement_teams')
    .set({ members, ...(dissolvedOn !== undefined ? { dissolved_on: dissolvedOn } : {}), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function insertModel(trx: Tx, m: { communeCode: string; unitId: string; name: string; sinceOn: string; description: string | null; createdBy: string | null }): Promise<string> {
  const r = await trx
    .insertInto('movement_models')
    .values({ commune_code: m.communeCode, unit_id: m.unitId, name: m.name, since_on: m.sinceOn, description: m.description, created_by: m.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Sessions, teams and models in the actor's scope for the period (teams and models active in it). */
export async function listMovement(db: Q, actor: Actor, from: string, to: string, communeCode: string | undefined) {
  let s = db
    .selectFrom('movement_sessions as s')
    .innerJoin('units as mu', 'mu.id', 's.unit_id')
    .innerJoin('jurisdictions as j', 'j.code', 's.commune_code')
    .select(['s.id', 's.commune_code', 'j.name as commune_name', 's.held_on', 's.topic', 's.audience'])
    .where((eb) => visibleMovementScope(eb, actor))
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<=', to);
  let t = db
    .selectFrom('movement_teams as t')
    .innerJoin('units as mu', 'mu.id', 't.unit_id')
    .innerJoin('jurisdictions as j', 'j.code', 't.commune_code')
    .select(['t.id', 't.commune_code', 'j.name as commune_name', 't.name', 't.members', 't.established_on', 't.dissolved_on'])
    .where((eb) => visibleMovementScope(eb, actor))
    .where('t.established_on', '<=', to)
    .where((eb) => eb.or([eb('t.dissolved_on', 'is', null), eb('t.dissolved_on', '>=', from)]));
  let m = db
    .selectFrom('movement_models as m')
    .innerJoin('units as mu', 'mu.id', 'm.unit_id')
    .innerJoin('jurisdictions as j', 'j.code', 'm.commune_code')
    .select(['m.id', 'm.commune_code', 'j.name as commune_name', 'm.name', 'm.since_on', 'm.description'])
    .where((eb) => visibleMovementScope(eb, actor))
    .where('m.since_on', '<=', to);
  if (communeCode) {
    s = s.where('s.commune_code', '=', communeCode);
    t = t.where('t.commune_code', '=', communeCode);
    m = m.where('m.commune_code', '=', communeCode);
  }
  const [sessions, teams, models] = await Promise.all([s.orderBy('s.held_on', 'desc').limit(500).execute(), t.orderBy('j.sort_key').limit(500).execute(), m.orderBy('j.sort_key').limit(500).execute()]);
  return { sessions, teams, models };
}

type Counts = Map<string, MovementCounts>;

/** Per commune in the actor's scope: sessions and audience, active teams and members, models (tips: the service adds them). */
export async function movementCounts(db: Q, actor: Actor, from: string, to: string, communeCode: string | undefined): Promise<Counts> {
  const out: Counts = new Map();
  const get = (c: string) => out.get(c) ?? out.set(c, zeroCounts()).get(c)!;
  let s = db
    .selectFrom('movement_sessions as s')
    .innerJoin('units as mu', 'mu.id', 's.unit_id')
    .select(['s.commune_code', sql<number>`count(*)::int`.as('n'), sql<number>`coalesce(sum(s.audience), 0)::int`.as('audience')])
    .where((eb) => visibleMovementScope(eb, actor))
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<=', to)
    .groupBy('s.commune_code');
  let t = db
    .selectFrom('movement_teams as t')
    .innerJoin('units as mu', 'mu.id', 't.unit_id')
    .select(['t.commune_code', sql<number>`count(*)::int`.as('n'), sql<number>`coalesce(sum(t.members), 0)::int`.as('members')])
    .where((eb) => visibleMovementScope(eb, actor))
    .where('t.established_on', '<=', to)
    .where((eb) => eb.or([eb('t.dissolved_on', 'is', null), eb('t.dissolved_on', '>=', from)]))
    .groupBy('t.commune_code');
  let m = db
    .selectFrom('movement_models as m')
    .innerJoin('units as mu', 'mu.id', 'm.unit_id')
    .select(['m.commune_code', sql<number>`count(*)::int`.as('n')])
    .where((eb) => visibleMovementScope(eb, actor))
    .where('m.since_on', '<=', to)
    .groupBy('m.commune_code');
  if (communeCode) {
    s = s.where('s.commune_code', '=', communeCode);
    t = t.where('t.commune_code', '=', communeCode);
    m = m.where('m.commune_code', '=', communeCode);
  }
  for (const r of await s.execute()) Object.assign(get(r.commune_code), { sessions: r.n, audience: r.audience });
  for (const r of await t.execute()) Object.assign(get(r.commune_code), { teams: r.n, teamMembers: r.members });
  for (const r of await m.execute()) get(r.commune_code).models = r.n;
  return out;
}

export async function communeNames(db: Q, codes: readonly string[]): Promise<Map<string, { name: string; sortKey: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('jurisdictions').select(['code', 'full_name', 'sort_key']).where('code', 'in', [...codes]).execute();
  return new Map(rows.map((r) => [r.code, { name: r.full_name, sortKey: r.sort_key }]));
}
