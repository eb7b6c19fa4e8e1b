import type { Actor } from './actor.ts';
import { isAdmin } from './actor.ts';

/** Whether a unit (by its materialised path and commune) lies in the actor's scope. Mirrors db/scope.ts. */
export function pathInScope(actor: Actor, path: string, communeCode: string | null): boolean {
  if (isAdmin(actor)) return true;
  if (actor.scopePaths.some((p) => path.startsWith(p))) return true;
  return communeCode !== null && actor.communeCodes.includes(communeCode);
}
