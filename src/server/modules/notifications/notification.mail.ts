import type { NotificationKind } from '../../../contracts/notifications.ts';
import type { Ctx } from '../../kernel/context.ts';
import { taskCode } from '../tasks/task.ts';
import * as repo from './notification.repository.ts';

/**
 * Notification e-mails: a short Vietnamese message per notification, sent by the `email.send`
 * job. The in-app notification is the record; the e-mail is a courtesy copy, so a user without
 * an address (or disabled) is simply skipped.
 */

/** What the job needs to send: anything with nodemailer's `sendMail` (SMTP, or JSON in tests). */
export interface Mailer {
  from: string;
  /** Link to the web interface in the message, when known. */
  baseUrl?: string | undefined;
  transport: { sendMail(message: MailMessage): Promise<unknown> };
}

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** 2026-12-05 → 05/12/2026 (dates are shown the Vietnamese way). */
export const dmy = (iso: unknown): string => {
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};

const HEADLINES: Record<NotificationKind, (p: Record<string, unknown>) => string> = {
  due_soon: (p) => `sắp đến hạn (hạn ${dmy(p.dueOn)}, còn ${String(p.daysBefore ?? '')} ngày)`,
  due_today: (p) => `đến hạn hôm nay (${dmy(p.dueOn)})`,
  overdue: (p) => `đã quá hạn ${String(p.daysOverdue ?? '')} ngày (hạn ${dmy(p.dueOn)})`,
  escalated: (p) => `của ${String(p.leadUnitName ?? 'đơn vị cấp dưới')} đã quá hạn ${String(p.daysOverdue ?? '')} ngày — báo cáo cấp trên`,
  evaluation_pending: (p) => `chờ đánh giá đã ${String(p.daysWaiting ?? '')} ngày`,
  coordination_pending: (p) => `chờ ${String(p.unitName ?? 'đơn vị')} trả lời phối hợp đã ${String(p.daysWaiting ?? '')} ngày`,
  task_assigned: () => 'được giao cho đơn vị',
  task_returned: () => 'có báo cáo bị trả lại',
  task_accepted: () => 'được công nhận hoàn thành',
  evaluation_requested: () => 'được đề nghị đánh giá kết quả',
  coordination_requested: () => 'cần đơn vị phối hợp thực hiện',
  // Tips: never the content or the sender, only that something needs the unit's attention.
  tip_received: () => 'có nguồn tin về tội phạm mới cần tiếp nhận',
  tip_transferred: () => 'có nguồn tin về tội phạm được chuyển đến đơn vị',
  tip_answered: () => 'người báo tin đã trả lời câu hỏi',
  tip_transfer_due: (p) => `nguồn tin ${String(p.trackingCode ?? '')} sắp hết hoặc đã quá thời hạn chuyển cơ quan điều tra`,
  tip_deadline_soon: (p) => `nguồn tin ${String(p.trackingCode ?? '')} sắp hết thời hạn giải quyết (hạn ${dmy(p.dueOn)})`,
  tip_overdue: (p) => `nguồn tin ${String(p.trackingCode ?? '')} đã quá thời hạn giải quyết (hạn ${dmy(p.dueOn)})`,
  // Situations: the code only (titles may describe people and places; they stay in the application).
  incident_assigned: (p) => `đơn vị được giao xử lý vụ việc ${String(p.code ?? '')}`,
  incident_escalated: (p) => `vụ việc ${String(p.code ?? '')} được chuyển lên đơn vị`,
  incident_significance_proposed: (p) => `vụ việc ${String(p.code ?? '')} được đề nghị xác định là nổi bật, cần xác minh`,
  incident_closing_reported: (p) => `vụ việc ${String(p.code ?? '')} có báo cáo kết thúc, chờ xác nhận`,
  incident_closure_returned: (p) => `báo cáo kết thúc vụ việc ${String(p.code ?? '')} bị trả lại`,
};

/** Build the message (pure). A secret task's title never leaves the application. */
export function buildNotificationEmail(
  n: { kind: NotificationKind; taskNumber: number | null; taskTitle: string | null; taskClassification: string | null; params: Record<string, unknown> },
  to: { email: string; displayName: string },
  mailer: Pick<Mailer, 'from' | 'baseUrl'>,
): MailMessage {
  const code = n.taskNumber !== null ? taskCode(n.taskNumber) : null;
  const secret = n.taskClassification === 'secret';
  const subject = `[Phối Hợp] ${code ? `Nhiệm vụ ${code} ` : 'Thông báo: '}${HEADLINES[n.kind](n.params)}`.replace(/\s+/g, ' ').trim();
  const lines = [
    `Kính gửi đồng chí ${to.displayName},`,
    '',
    code ? `Nhiệm vụ ${code}${secret ? ' (mật)' : `: ${n.taskTitle ?? ''}`}` : 'Thông báo từ hệ thống Phối Hợp.',
    `Tình trạng: ${HEADLINES[n.kind](n.params)}.`,
    '',
    mailer.baseUrl ? `Xem chi tiết trên hệ thống: ${mailer.baseUrl}` : 'Vui lòng đăng nhập hệ thống Phối Hợp để xem chi tiết.',
    '',
    'Thư này được gửi tự động, vui lòng không trả lời.',
  ];
  return { from: mailer.from, to: to.email, subject, text: lines.join('\n') };
}

export type DeliveryResult = 'sent' | 'no_address' | 'gone';

/** The `email.send` job: load the notification and its recipient, build the message, send it. */
export async function deliverNotificationEmail(ctx: Ctx, mailer: Mailer, notificationId: string): Promise<DeliveryResult> {
  const n = await repo.findForEmail(ctx.db, notificationId);
  if (!n) return 'gone';
  if (!n.email || n.disabled) return 'no_address';
  const message = buildNotificationEmail({ ...n, kind: n.kind as NotificationKind }, { email: n.email, displayName: n.displayName }, mailer);
  await mailer.transport.sendMail(message);
  return 'sent';
}
