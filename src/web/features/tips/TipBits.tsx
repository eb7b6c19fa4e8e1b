import type { ReactNode } from 'react';
import { Alert, Badge, Stack, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Tip, TipClockStage, TipState } from '../../../contracts/tips.ts';
import { ApiError } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatTime } from '../../lib/dates.ts';
import { errorMessage, errorText } from '../../lib/errors.ts';

/** One colour per stored state. */
export const TIP_STATE_COLOR: Record<TipState, string> = {
  received: 'blue',
  recorded: 'cyan',
  classified: 'indigo',
  transferred: 'violet',
  suspended: 'yellow',
  decided: 'green',
  closed: 'gray',
};

export function TipStateBadge({ state, size = 'md' }: { state: TipState; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={TIP_STATE_COLOR[state]} variant="light" size={size} tt="none" style={{ flexShrink: 0 }}>
      {t(`tips.states.${state}`)}
    </Badge>
  );
}

export const STAGE_COLOR: Record<TipClockStage, string> = { transfer: 'orange', settlement: 'blue', suspended: 'yellow', done: 'gray' };

/**
 * A deadline instant as dd/mm/yyyy HH:mm. Day-counted periods end at 24:00 of their last day
 * (Asia/Ho_Chi_Minh), which is 00:00 of the next day: shown as 23:59 of the last day, so the date
 * read is the legal last day and the time is never later than the real end.
 */
export function formatDue(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return formatTime(d) === '00:00' ? formatDateTime(new Date(d.getTime() - 60_000)) : formatDateTime(d);
}

type Clock = Tip['clock'];

/** Urgency of the clock: overdue red, ≤ 3 days (and the 24/48 h transfer) orange, otherwise calm. */
export function clockColor(c: Clock): string {
  if (c.stage === 'done') return 'gray';
  if (c.stage === 'suspended') return 'yellow';
  if (c.overdue) return 'red';
  if (c.stage === 'transfer' || (c.daysLeft !== null && c.daysLeft <= 3)) return 'orange';
  return 'teal';
}

/** "Còn 5 ngày", "Còn 7 giờ" (transfer), "Hết hạn hôm nay", "Quá hạn 2 ngày"… */
export function clockText(t: TFunction, c: Clock, now: number = Date.now()): string {
  if (c.stage === 'done') return t('tips.clockBadge.done');
  if (c.stage === 'suspended') return t('tips.clockBadge.stopped');
  if (c.overdue) return c.daysLeft !== null && c.daysLeft < 0 ? t('tips.clockBadge.overdue', { count: -c.daysLeft }) : t('tips.clockBadge.overdueHours');
  if (c.stage === 'transfer' && c.dueAt) return t('tips.clockBadge.hours', { count: Math.max(1, Math.ceil((Date.parse(c.dueAt) - now) / 3_600_000)) });
  if (c.daysLeft === 0) return t('tips.clockBadge.today');
  return t('tips.clockBadge.days', { count: c.daysLeft ?? 0 });
}

/** The legal clock in one badge (days or hours left, overdue in red, ≤ 3 days in orange). */
export function ClockBadge({ clock, size = 'md' }: { clock: Clock; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={clockColor(clock)} variant={clock.overdue ? 'filled' : 'light'} size={size} tt="none" style={{ flexShrink: 0 }}>
      {clockText(t, clock)}
    </Badge>
  );
}

/** The clock in a table cell: stage, due date and time, and the badge. */
export function ClockCell({ clock }: { clock: Clock }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} align="flex-start">
      <Text size="xs" c="dimmed">
        {t(`tips.stages.${clock.stage}`)}
      </Text>
      {clock.dueAt && (
        <Tooltip label={t('tips.dueAt')} withArrow>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }} c={clock.overdue ? 'red.8' : undefined} fw={clock.overdue ? 600 : undefined}>
            {formatDue(clock.dueAt)}
          </Text>
        </Tooltip>
      )}
      <ClockBadge clock={clock} size="sm" />
    </Stack>
  );
}

/** A label above a value, as on the task page. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A translated error whose date parameters (the legal maximum, the current deadline…) read
 * dd/mm/yyyy rather than the API's YYYY-MM-DD.
 */
export function tipErrorMessage(t: TFunction, e: unknown): string {
  if (!(e instanceof ApiError) || e.code === 'auth.locked') return errorMessage(t, e);
  const params = Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, typeof v === 'string' && ISO_DATE.test(v) ? formatDate(v) : v]));
  return errorText(t, e.code, params);
}

/** The error line of an action dialog. */
export function TipActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {tipErrorMessage(t, error)}
    </Alert>
  );
}
