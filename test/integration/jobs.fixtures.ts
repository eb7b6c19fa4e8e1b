import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/server/db/schema.ts';

/** A task row straight into the table (the tasks module's use cases are not under test here). */
export async function insertTask(
  db: Db,
  t: { title: string; leadUnitId: string; assigningUnitId: string; deadlineOn?: string | null; state?: string; submittedOn?: string | null; recurrence?: string; nextReportDueOn?: string | null; assignedOn?: string; classification?: string },
): Promise<{ id: string; number: number }> {
  const id = randomUUID();
  return db
    .insertInto('tasks')
    .values({
      id,
      title: t.title,
      source_kind: 'none',
      path: `/${id}/`,
      assigning_unit_id: t.assigningUnitId,
      lead_unit_id: t.leadUnitId,
      assigned_on: t.assignedOn ?? '2026-11-01',
      deadline_on: t.deadlineOn ?? null,
      state: t.state ?? 'open',
      submitted_on: t.submittedOn ?? null,
      recurrence: t.recurrence ?? 'none',
      next_report_due_on: t.nextReportDueOn ?? null,
      classification: t.classification ?? 'normal',
      search_text: t.title.toLowerCase(),
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
}
