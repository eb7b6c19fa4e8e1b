import { useState } from 'react';
import { ActionIcon, Anchor, Box, Button, Divider, Group, Indicator, Loader, Popover, Stack, Text } from '@mantine/core';
import { IconBell, IconCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Notification } from '../../../contracts/notifications.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from './api.ts';

/** The sentence of a notification, from its kind and parameters (the server sends no text). */
export function notificationText(t: TFunction, n: Notification): string {
  const p: Record<string, unknown> = { ...n.params };
  for (const k of ['dueOn', 'newDeadlineOn', 'deadlineOn']) if (typeof p[k] === 'string') p[k] = formatDate(p[k]);
  p.task = n.task ? `${n.task.code} «${n.task.title}»` : '';
  return t(`notification.kind.${n.kind}`, { ...p, defaultValue: n.kind });
}

/** Where a notification leads: its task, situation or tip (ids come from the server's params). */
export function notificationTarget(n: Notification): string | null {
  if (n.task) return `/tasks/${n.task.id}`;
  const { incidentId, tipId } = n.params;
  if (typeof incidentId === 'string') return `/incidents/${incidentId}`;
  if (typeof tipId === 'string') return `/tips/${tipId}`;
  return null;
}

export function NotificationItem({ n, compact, onOpen }: { n: Notification; compact?: boolean; onOpen?: () => void }) {
  const { t } = useTranslation();
  const markRead = useMarkRead();
  const unread = n.readAt === null;
  const target = notificationTarget(n);
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" py={6}>
      <Box w={8} h={8} mt={6} style={{ borderRadius: 4, flexShrink: 0, background: unread ? 'var(--mantine-color-red-6)' : 'transparent' }} aria-hidden />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={unread ? 600 : 400} style={{ overflowWrap: 'anywhere' }}>
          {target ? (
            <Anchor component={Link} to={target} inherit onClick={() => { if (unread) markRead.mutate(n.id); onOpen?.(); }}>
              {notificationText(t, n)}
            </Anchor>
          ) : (
            notificationText(t, n)
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(n.createdAt)}
          {unread && !compact && ` · ${t('notification.unread')}`}
        </Text>
      </Stack>
      {unread && (
        <ActionIcon variant="subtle" size="sm" onClick={() => markRead.mutate(n.id)} loading={markRead.isPending} aria-label={`${t('notification.markRead')}: ${notificationText(t, n)}`}>
          <IconCheck size={14} aria-hidden />
        </ActionIcon>
      )}
    </Group>
  );
}

/** The bell in the header: unread count (refreshed every minute) and the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const count = useUnreadCount();
  const list = useNotifications(false, 0, 8, opened);
  const markAll = useMarkAllRead();
  const unread = count.data?.unread ?? 0;
  return (
    <Popover opened={opened} onChange={setOpened} width={360} position="bottom-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} color="yellow.4" disabled={unread === 0} offset={4} styles={{ indicator: { color: 'var(--mantine-color-dark-9)', fontWeight: 700 } }}>
          <ActionIcon variant="subtle" color="white" size="lg" onClick={() => setOpened((o) => !o)} aria-label={t('notification.bell', { count: unread })} aria-expanded={opened} aria-haspopup="dialog">
            <IconBell size={22} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="sm" role="dialog" aria-label={t('notification.title')} maw="calc(100vw - 16px)">
        <Group justify="space-between" mb={4}>
          <Text fw={700}>{t('notification.title')}</Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => markAll.mutate()} loading={markAll.isPending}>
              {t('notification.markAllRead')}
            </Button>
          )}
        </Group>
        {list.isPending && <Loader size="xs" aria-label={t('app.loading')} />}
        {list.isError && (
          <Text size="sm" c="red">
            {errorMessage(t, list.error)}
          </Text>
        )}
        {list.data && list.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('notification.empty')}
          </Text>
        )}
        {list.data && list.data.items.length > 0 && (
          <ul className="plain-list" style={{ maxHeight: 360, overflowY: 'auto' }}>
            {list.data.items.map((n, i) => (
              <li key={n.id}>
                {i > 0 && <Divider />}
                <NotificationItem n={n} compact onOpen={() => setOpened(false)} />
              </li>
            ))}
          </ul>
        )}
        <Divider my={6} />
        <Anchor component={Link} to="/notifications" size="sm" onClick={() => setOpened(false)}>
          {t('notification.viewAll')}
        </Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}
