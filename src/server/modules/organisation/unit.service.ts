import type { CreateUnitInput, Unit, UnitListQuery, UpdateUnitInput } from '../../../contracts/organisation.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound, staleVersion } from '../../kernel/errors.ts';
import { assertNoCycle, assertValidity, unitSearchText, unitSortKey } from './unit.ts';
import { canCreateUnitUnder, canEditUnit, canViewUnit } from './unit.policy.ts';
import { presentUnit } from './unit.presenter.ts';
import * as repo from './unit.repository.ts';
import { jurisdictionExists } from './jurisdiction.repository.ts';

/** Lookups the organisation module offers other modules (they must not reach into its repositories). */
export { findUnitById, pathsOf, unitsExist } from './unit.repository.ts';

export async function listUnits(ctx: Ctx, actor: Actor, q: UnitListQuery): Promise<{ total: number; limit: number; offset: number; items: Unit[] }> {
  const { total, items } = await repo.listUnits(ctx.db, {
    q: q.q,
    parentId: q.parentId,
    roots: q.roots === 'true',
    type: q.type,
    level: q.level,
    includeEnded: q.includeEnded === 'true',
    limit: q.limit,
    offset: q.offset,
  });
  return { total, limit: q.limit, offset: q.offset, items: items.map((r) => presentUnit(actor, r)) };
}

export async function getUnit(ctx: Ctx, actor: Actor, id: string): Promise<Unit> {
  const row = await repo.findUnitById(ctx.db, id);
  if (!row) throw notFound('unit', id);
    if (!canViewUnit(actor, row)) throw hiddenNotFound('unit', id);
  return presentUnit(actor, row);
}

export async function createUnit(ctx: Ctx, actor: Actor, input: CreateUnitInput): Promise<Unit> {
  return inTransaction(ctx.db, async (trx) => {
    const parent = input.parentId ? await repo.findUnitById(trx, input.parentId) : null;
    if (input.parentId && !parent) throw new DomainError('organisation.unknown_unit', { id: input.parentId }, [{ path: 'parentId', code: 'unknown_unit' }]);
    if (!canCreateUnitUnder(actor, parent ?? null)) throw forbidden('unit.create');
    if (await repo.findUnitByCode(trx, input.code)) throw new DomainError('organisation.duplicate_code', { code: input.code }, [{ path: 'code', code: 'duplicate' }]);
    if (input.communeCode && !(await jurisdictionExists(trx, input.communeCode)))
      throw new DomainError('organisation.unknown_commune', { code: input.communeCode }, [{ path: 'communeCode', code: 'unknown_commune' }]);
    const validFrom = input.validFrom ?? ctx.today();
    assertValidity(validFrom, null);
    const id = await repo.insertUnit(trx, {
      code: input.code,
      name: input.name,
      shortName: input.shortName ?? null,
      type: input.type,
      level: input.level,
      parentId: parent?.id ?? null,
      parentPath: parent?.path ?? null,
      communeCode: input.communeCode ?? null,
      validFrom,
      searchText: unitSearchText(input),
      sortKey: unitSortKey(input.name),
    });
    await writeAudit(trx, actor, { action: 'unit.created', entityType: 'unit', entityId: id, data: { ...input, validFrom } });
    return presentUnit(actor, (await repo.findUnitById(trx, id))!);
  });
}

export async function updateUnit(ctx: Ctx, actor: Actor, id: string, input: UpdateUnitInput): Promise<Unit> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await repo.findUnitById(trx, id);
    if (!row) throw notFound('unit', id);
    if (!canViewUnit(actor, row)) throw hiddenNotFound('unit', id);
    if (!canEditUnit(actor, row)) throw forbidden('unit.update');
    if (row.version !== input.version) throw staleVersion('unit', id);
    const changes: repo.UnitChanges = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const note = (k: string, b: unknown, a: unknown) => {
      if (b !== a) {
        before[k] = b;
        after[k] = a;
      }
    };
    if (input.name !== undefined) {
      changes.name = input.name;
      changes.sort_key = unitSortKey(input.name);
      note('name', row.name, input.name);
    }
    if (input.shortName !== undefined) {
      changes.short_name = input.shortName;
      note('shortName', row.shortName, input.shortName);
    }
    if (input.name !== undefined || input.shortName !== undefined)
      changes.search_text = unitSearchText({ code: row.code, name: input.name ?? row.name, shortName: input.shortName === undefined ? row.shortName : input.shortName });
    if (input.type !== undefined) {
      changes.type = input.type;
      note('type', row.type, input.type);
    }
    if (input.communeCode !== undefined) {
      if (input.communeCode && !(await jurisdictionExists(trx, input.communeCode)))
        throw new DomainError('organisation.unknown_commune', { code: input.communeCode }, [{ path: 'communeCode', code: 'unknown_commune' }]);
      changes.commune_code = input.communeCode;
      note('communeCode', row.communeCode, input.communeCode);
    }
    if (input.validTo !== undefined) {
      assertValidity(row.validFrom, input.validTo);
      changes.valid_to = input.validTo;
      note('validTo', row.validTo, input.validTo);
    }
    let newPath: string | null = null;
    if (input.parentId !== undefined && input.parentId !== row.parentId) {
      const parent = input.parentId ? await repo.findUnitById(trx, input.parentId) : null;
      if (input.parentId && !parent) throw new DomainError('organisation.unknown_unit', { id: input.parentId }, [{ path: 'parentId', code: 'unknown_unit' }]);
      if (!canCreateUnitUnder(actor, parent ?? null)) throw forbidden('unit.move');
      assertNoCycle(row.path, parent?.path ?? null);
      changes.parent_id = parent?.id ?? null;
      newPath = `${parent?.path ?? '/'}${row.id}/`;
      note('parentId', row.parentId, input.parentId);
    }
    if (!(await repo.updateUnitRow(trx, id, input.version, changes))) throw staleVersion('unit', id);
    if (newPath) await repo.movePaths(trx, row.path, newPath);
    await writeAudit(trx, actor, { action: 'unit.updated', entityType: 'unit', entityId: id, data: { before, after } });
    return presentUnit(actor, (await repo.findUnitById(trx, id))!);
  });
}
