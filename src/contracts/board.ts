import { z } from 'zod';
import { incidentSchema } from './incidents.ts';
import { tipListItem } from './tips.ts';

/**
 * The live board (bảng trực): what changed recently in the viewer's scope and what waits for the
 * viewer's own action. Kept current in the browser by GET /api/events (Server-Sent Events).
 * Every "needs action" reason is the ability the viewer has on that record, never a guess.
 */
export const BOARD_ACTION_REASONS = [
  'confirm_closure', // xác nhận kết thúc vụ việc (second key)
  'verify_significance', // xác minh vụ việc nổi bật
  'start_handling', // vụ việc mới: đơn vị chủ trì chưa ghi nhận xử lý
  'record_receipt', // lập biên bản tiếp nhận nguồn tin
  'classify', // phân loại nguồn tin
  'transfer', // chuyển nguồn tin (24 h / 48 h)
  'settle', // giải quyết nguồn tin đang trong hạn (Điều 147)
  'notify_sender', // thông báo kết quả cho người báo tin (Điều 145)
] as const;
export type BoardActionReason = (typeof BOARD_ACTION_REASONS)[number];

export const boardActionSchema = z.object({
  type: z.enum(['incident', 'tip']),
  id: z.string(),
  code: z.string(),
  title: z.string(),
  reason: z.enum(BOARD_ACTION_REASONS),
  /** The legal or working deadline when there is one (ISO). */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type BoardAction = z.infer<typeof boardActionSchema>;

export const boardSchema = z.object({
  generatedAt: z.string(),
  /** What waits for the viewer, most urgent first (overdue, then by deadline, then newest). */
  actions: z.array(boardActionSchema),
  /** True when more records were waiting than the board examines (BOARD_SCAN_LIMIT per kind). */
  actionsCapped: z.boolean(),
  counts: z.object({
    incidentActions: z.number().int(),
    tipActions: z.number().int(),
    tipsOverdue: z.number().int(),
    significantOpen: z.number().int(),
  }),
  /** The latest situations and tips in scope (newest first). */
  incidents: z.array(incidentSchema),
  tips: z.array(tipListItem),
});
export type Board = z.infer<typeof boardSchema>;
