import { Button, Divider, Loader, Paper, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { useMarkAllRead, useNotifications } from './api.ts';
import { NotificationItem } from './NotificationBits.tsx';

export function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const list = useNotifications(unreadOnly, offset);
  const markAll = useMarkAllRead();
  return (
    <>
      <PageHeader
        title={t('notification.title')}
        actions={
          <Button variant="light" onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={!list.data?.unread}>
            {t('notification.markAllRead')}
          </Button>
        }
      />
      <Switch label={t('notification.onlyUnread')} checked={unreadOnly} onChange={(e) => setParams(e.currentTarget.checked ? { unread: '1' } : {})} mb="md" />
      {list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <Paper withBorder p="sm" maw={760}>
          {list.data.items.length === 0 ? (
            <Text c="dimmed">{t('notification.empty')}</Text>
          ) : (
            <ul className="plain-list">
              {list.data.items.map((n, i) => (
                <li key={n.id}>
                  {i > 0 && <Divider />}
                  <NotificationItem n={n} />
                </li>
              ))}
            </ul>
          )}
          <Pager {...list.data} onChange={(o) => setParams({ ...(unreadOnly ? { unread: '1' } : {}), ...(o ? { offset: String(o) } : {}) })} />
        </Paper>
      )}
    </>
  );
}
