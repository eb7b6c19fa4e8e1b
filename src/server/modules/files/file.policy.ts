import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';
import { canViewDocument, type DocumentAccess } from '../documents/document.policy.ts';
import { canViewTask, type TaskAccessRecord } from '../tasks/task.policy.ts';

/**
 * Who may see a stored file. A file is visible to the person who uploaded it, to users whose scope
 * contains the uploader's unit (owner unit), and to whoever can see a record that references it:
 * a document it is attached to (document_files) or a progress report that cites it as evidence
 * (progress_evidence → task: visible when the actor can see the task, `canViewTask`). A file that a
 * secret (mật) document or task references is visible only to its uploader and through such a
 * record: the owner-unit rule would otherwise hand it to everyone above the uploader's unit.
 * Uploading is for every role that writes (not viewers).
 */
export interface UnitRef {
  path: string;
  communeCode: string | null;
}

export interface FileAccess {
  uploadedBy: string | null;
  owner: UnitRef | null;
  /** Documents that attach the file. */
  documents: DocumentAccess[];
  /** Each task whose progress evidence cites the file. */
  tasks: TaskAccessRecord[];
}

export function canViewFile(actor: Actor, f: FileAccess): boolean {
  if (isAdmin(actor)) return true;
  if (f.uploadedBy !== null && f.uploadedBy === actor.userId) return true;
  const secret = f.documents.some((d) => d.classification === 'secret') || f.tasks.some((t) => t.classification === 'secret');
  if (!secret && f.owner && pathInScope(actor, f.owner.path, f.owner.communeCode)) return true;
  if (f.documents.some((d) => canViewDocument(actor, d))) return true;
  return f.tasks.some((t) => canViewTask(actor, t));
}

export const canUploadFile = (actor: Actor): boolean => hasRole(actor, 'system_admin', 'leader', 'staff_officer', 'unit_officer');
