import { z } from 'zod';
import { isoDate, pageOf, pageQuery, uuid } from './common.ts';

/**
 * In-app notifications (thông báo). Each belongs to exactly one user; only that user sees it.
 * The server sends a kind and parameters, never display text: the web translates
 * `notification.kind.<kind>` with the params (src/web/i18n).
 */
export const NOTIFICATION_KINDS = [
  // Reminders of the daily scan (tasks module, task.reminders.ts)
  'due_soon', // sắp đến hạn: N days before the deadline (REMINDER_DAYS_BEFORE)
  'due_today', // đến hạn hôm nay
  'overdue', // quá hạn: the day after the deadline, then weekly
  'escalated', // báo cáo cấp trên: overdue by ESCALATION_DAYS, sent to the lead unit's superior
  'evaluation_pending', // chờ đánh giá quá 5 ngày: to the assigning unit
  'coordination_pending', // đơn vị phối hợp chưa trả lời sau 3 ngày
  // Events the tasks module may announce
  'task_assigned', // giao nhiệm vụ cho đơn vị
  'task_returned', // báo cáo bị trả lại
  'task_accepted', // nhiệm vụ được công nhận hoàn thành
  'evaluation_requested', // đơn vị chủ trì đề nghị đánh giá
  'coordination_requested', // đề nghị phối hợp
  // Citizen tips (tips module)
  'tip_received', // nguồn tin mới gửi qua cổng công khai: to the commune police
  'tip_transferred', // nguồn tin được chuyển đến đơn vị
  'tip_answered', // người báo tin trả lời câu hỏi
  'tip_transfer_due', // sắp hết / đã quá thời hạn chuyển 24 h (48 h) — scan
  'tip_deadline_soon', // thời hạn giải quyết (Điều 147) sắp hết — scan
  'tip_overdue', // quá thời hạn giải quyết — scan
  // Security and order situations (incidents module)
  'incident_assigned', // đơn vị được giao chủ trì / hỗ trợ xử lý vụ việc
  'incident_escalated', // vụ việc được chuyển lên cấp trên
  'incident_significance_proposed', // đề nghị xác định vụ việc nổi bật: chờ xác minh
  'incident_closing_reported', // đơn vị chủ trì báo cáo kết thúc: chờ xác nhận
  'incident_closure_returned', // cấp trên trả lại báo cáo kết thúc
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationListQuery = pageQuery.extend({
  /** `true` lists only unread notifications. */
  unread: z.enum(['true', 'false']).optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const notificationSchema = z.object({
  id: uuid,
  kind: z.enum(NOTIFICATION_KINDS),
  task: z.object({ id: uuid, code: z.string(), title: z.string() }).nullable(),
  /** Parameters for the message, e.g. { dueOn, daysOverdue, unitName }. */
  params: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationPage = pageOf(notificationSchema).extend({ unread: z.number().int() });
export type NotificationPage = z.infer<typeof notificationPage>;

export const unreadCountSchema = z.object({ unread: z.number().int() });
export const markAllReadSchema = z.object({ marked: z.number().int() });
export type MarkAllRead = z.infer<typeof markAllReadSchema>;

/** Parameters commonly carried by reminder notifications (documentation for the web). */
export const reminderParamsSchema = z.object({
  dueOn: isoDate.optional(),
  daysBefore: z.number().int().optional(),
  daysOverdue: z.number().int().optional(),
  leadUnitName: z.string().optional(),
  unitName: z.string().optional(),
  recurring: z.boolean().optional(),
});
