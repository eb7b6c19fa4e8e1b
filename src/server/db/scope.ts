import { type ExpressionBuilder, type Expression, type SqlBool, sql } from 'kysely';
import type { Actor } from '../kernel/actor.ts';
import { isAdmin } from '../kernel/actor.ts';
import { escapeLike } from '../kernel/text.ts';

/**
 * The list scope of units for an actor, as a SQL condition on a table that has `path` and
 * `commune_code` columns (the units table, aliased `u`). Administrators see everything; others see
 * the subtrees rooted at their scope units and the units of the communes assigned to them.
 */
export function unitInScope(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- used from queries over any table aliased with a path and a commune column
  eb: ExpressionBuilder<any, any>,
  actor: Actor,
  ref: { path: string; commune: string } = { path: 'u.path', commune: 'u.commune_code' },
): Expression<SqlBool> {
  if (isAdmin(actor)) return sql<boolean>`true`;
  const ors: Expression<SqlBool>[] = actor.scopePaths.map((p) => eb(sql.ref(ref.path), 'like', `${escapeLike(p)}%`));
  if (actor.communeCodes.length > 0) ors.push(eb(sql.ref(ref.commune), 'in', [...actor.communeCodes]));
  if (ors.length === 0) return sql<boolean>`false`;
  return eb.or(ors);
}
