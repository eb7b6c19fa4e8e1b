import type { CreatePersonInput, Person } from '../../../contracts/organisation.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound } from '../../kernel/errors.ts';
import { foldForSearch, vietnameseSortKey } from '../../kernel/text.ts';
import { canEditPerson, canViewPerson, personAbilities } from './person.policy.ts';
import * as repo from './person.repository.ts';
import { findUnitById } from './unit.repository.ts';


async function present(ctx: Ctx, actor: Actor, rows: repo.PersonRow[]): Promise<Person[]> {
  const positions = await repo.positionsOf(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    fullName: r.fullName,
    rank: r.rank,
    unitId: r.unitId,
    unitName: r.unitName,
    positions: positions.filter((p) => p.personId === r.id).map(({ personId: _p, ...rest }) => rest),
    abilities: personAbilities(actor, r),
  }));
}

export async function listPeople(ctx: Ctx, actor: Actor, q: { q?: string | undefined; unitId?: string | undefined; limit: number; offset: number }) {
  const r = await repo.listPeople(ctx.db, actor, q);
  return { total: r.total, limit: q.limit, offset: q.offset, items: await present(ctx, actor, r.items) };
}

export async function getPerson(ctx: Ctx, actor: Actor, id: string): Promise<Person> {
  const row = await repo.findPerson(ctx.db, id);
  if (!row) throw notFound('person', id);
    if (!canViewPerson(actor, row)) throw hiddenNotFound('person', id);
  return (await present(ctx, actor, [row]))[0]!;
}

export async function createPerson(ctx: Ctx, actor: Actor, input: CreatePersonInput): Promise<Person> {
  const id = await inTransaction(ctx.db, async (trx) => {
    const unit = await findUnitById(trx, input.unitId);
    if (!unit) throw new DomainError('organisation.unknown_unit', { id: input.unitId }, [{ path: 'unitId', code: 'unknown_unit' }]);
    if (!canEditPerson(actor, { unitPath: unit.path, unitCommune: unit.communeCode })) throw forbidden('person.create');
    const personId = await repo.insertPerson(trx, {
      fullName: input.fullName,
      rank: input.rank ?? null,
      unitId: unit.id,
      searchText: foldForSearch(`${input.fullName} ${input.rank ?? ''}`),
      sortKey: vietnameseSortKey(input.fullName.split(' ').slice(-1)[0] + ' ' + input.fullName),
    });
    if (input.position) await repo.insertPosition(trx, { personId, unitId: unit.id, title: input.position.title, fromOn: input.position.fromOn, toOn: null });
    await writeAudit(trx, actor, { action: 'person.created', entityType: 'person', entityId: personId, data: { ...input } });
    return personId;
  });
  return getPerson(ctx, actor, id);
}
