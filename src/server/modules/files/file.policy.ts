import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';
import { canViewDocument, type DocumentAccess } from '../documents/document.policy.ts';

/**
 * Who may see a stored file. A file is visible to the person who uploaded it, to users whose scope
 * contains the uploader's unit (owner unit), and to whoever can see a record that references it:
 * a document it is attached to (document_files) or a progress report that cites it as evidence
 * (progress_evidence → task: visible when the task's lead, assigning or a coordinating unit is in
 * scope). Uploading is for every role that writes (not viewers).
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
  /** For each task whose progress evidence cites the file, the units of that task. */
  tasks: UnitRef[][];
}

export function canViewFile(actor: Actor, f: FileAccess): boolean {
  if (isAdmin(actor)) return true;
  if (f.uploadedBy !== null && f.uploadedBy === actor.userId) return true;
  if (f.owner && pathInScope(actor, f.owner.path, f.owner.communeCode)) return true;
  if (f.documents.some((d) => canViewDocument(actor, d))) return true;
  return f.tasks.some((units) => units.some((u) => pathInScope(actor, u.path, u.communeCode)));
}

export const canUploadFile = (actor: Actor): boolean => hasRole(actor, 'system_admin', 'leader', 'staff_officer', 'unit_officer');
