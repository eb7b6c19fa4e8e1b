import type { Actor } from '../../kernel/actor.ts';
import { isAdmin } from '../../kernel/actor.ts';

/** The audit trail is read by system administrators only. */
export const canReadAudit = (actor: Actor): boolean => isAdmin(actor);
