import { TASK_STATUS_LABELS_VI, type Task } from '../../../../contracts/tasks.ts';
import type { OfficialDocument } from '../official-document.ts';
import { issued, paragraph, viLongDate, type Issue } from './common.ts';
import { viDate } from '../../../kernel/calendar.ts';

/**
 * Danh sách nhiệm vụ phân công (task assignment list) as a THÔNG BÁO (NĐ 30/2020 Phụ lục III,
 * TB) whose body is a table: STT, nhiệm vụ (code and title), đơn vị chủ trì, đơn vị phối hợp,
 * hạn hoàn thành, trạng thái — the status vocabulary of QĐ 42/2014/QĐ-TTg (contracts/tasks.ts).
 * Built from the filtered task list (the same filters as GET /api/tasks). Pure.
 */

export interface AssignmentListInput {
  tasks: readonly Task[];
  /** The filters in words ("đơn vị chủ trì: Công an phường Bến Thành; trạng thái: Quá hạn"). */
  filters: string;
  asOf: string;
  issue: Issue;
}

export const ASSIGNMENT_COLUMNS = [
  { header: 'STT', width: 6, align: 'center' as const },
  { header: 'Nhiệm vụ', width: 34 },
  { header: 'Đơn vị chủ trì', width: 17 },
  { header: 'Đơn vị phối hợp', width: 19 },
  { header: 'Hạn hoàn thành', width: 11, align: 'center' as const },
  { header: 'Trạng thái', width: 13 },
];

export function assignmentList(input: AssignmentListInput): OfficialDocument {
  const { tasks, issue } = input;
  const rows = tasks.map((t, i) => [
    String(i + 1),
    `${t.title} (${t.code})`,
    t.leadUnit.name,
    t.coordinators.map((c) => c.unitName).join('; '),
    t.deadlineOn ? viDate(t.deadlineOn) : 'Không có hạn',
    TASK_STATUS_LABELS_VI[t.status],
  ]);
  return {
    ...issued(issue, 'TB'),
    typeName: 'THÔNG BÁO',
    subject: 'Danh sách nhiệm vụ phân công',
    opening: [
      paragraph(
        tasks.length
          ? `Tính đến ${viLongDate(input.asOf)}, ${tasks.length} nhiệm vụ (${input.filters}) được phân công như sau:`
          : `Tính đến ${viLongDate(input.asOf)}, không có nhiệm vụ nào (${input.filters}).`,
      ),
    ],
    sections: [],
    closing: [
      ...(tasks.length ? [{ kind: 'table' as const, columns: ASSIGNMENT_COLUMNS, rows }] : []),
      paragraph(`${issue.issuerName} thông báo để các cơ quan, đơn vị biết, thực hiện.`),
    ],
    recipients: [...new Set(tasks.flatMap((t) => [t.leadUnit.name, ...t.coordinators.map((c) => c.unitName)]))],
  };
}
