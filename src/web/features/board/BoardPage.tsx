import { Alert, Anchor, Badge, Card, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconBroadcast, IconMessageReport } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BoardAction } from '../../../contracts/board.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useLiveChanges, useLiveStatus, type LiveStatus } from '../../lib/live.ts';
import { IncidentStatusBadge, SeverityBadge } from '../incidents/IncidentBits.tsx';
import { ClockBadge, TipStateBadge } from '../tips/TipBits.tsx';
import { useBoard } from './api.ts';

const STATUS_COLOR: Record<LiveStatus, string> = { live: 'green', connecting: 'gray', reconnecting: 'orange', off: 'red' };

function LiveIndicator() {
  const { t } = useTranslation();
  const status = useLiveStatus();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" leftSection={<IconBroadcast size={14} aria-hidden />} role="status" data-testid="live-status" data-status={status}>
      {t(`board.live.${status}`)}
    </Badge>
  );
}

function Figure({ label, value, color, testId }: { label: string; value: ReactNode; color?: string; testId: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

const actionHref = (a: BoardAction) => (a.type === 'incident' ? `/incidents/${a.id}` : `/tips/${a.id}`);

/**
 * Bảng trực: what waits for the viewer's action and the latest situations and tips in scope,
 * updated without reload from the live stream (Server-Sent Events, ADR 010). Records that changed
 * while the page is open are marked "vừa cập nhật".
 */
export function BoardPage() {
  const { t } = useTranslation();
  const board = useBoard();
  const changed = useLiveChanges(['incident', 'tip']);
  const fresh = new Set(changed.map((c) => c.id));
  const freshBadge = (id: string) =>
    fresh.has(id) ? (
      <Badge size="xs" color="red" variant="filled" ml={6}>
        {t('board.justChanged')}
      </Badge>
    ) : null;

  if (board.isError) return <ErrorState error={board.error} onRetry={() => void board.refetch()} />;
  const b = board.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('board.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('board.subtitle')}
          </Text>
        </div>
        <Group gap="xs">
          {board.isFetching && <Loader size="xs" aria-label={t('app.loading')} />}
          <LiveIndicator />
        </Group>
      </Group>
      {!b ? (
        <Loader aria-label={t('app.loading')} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure label={t('board.counts.actions')} value={b.actions.length + (b.actionsCapped ? '+' : '')} color={b.actions.length ? 'red' : undefined} testId="board-actions-count" />
            <Figure label={t('board.counts.tipActions')} value={b.counts.tipActions} testId="board-tip-actions" />
            <Figure label={t('board.counts.tipsOverdue')} value={b.counts.tipsOverdue} color={b.counts.tipsOverdue ? 'red' : undefined} testId="board-tips-overdue" />
            <Figure label={t('board.counts.significantOpen')} value={b.counts.significantOpen} testId="board-significant" />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('board.asOf', { time: formatDateTime(b.generatedAt) })}
          </Text>

          <Card withBorder radius="md">
            <Title order={3} size="h4" mb="sm">
              {t('board.actionsTitle')}
            </Title>
            {b.actions.length === 0 ? (
              <Text c="dimmed">{t('board.noActions')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table striped highlightOnHover data-testid="board-actions">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('board.col.what')}</Table.Th>
                      <Table.Th>{t('board.col.record')}</Table.Th>
                      <Table.Th>{t('board.col.due')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {b.actions.map((a) => (
                      <Table.Tr key={`${a.type}-${a.id}-${a.reason}`}>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            {a.type === 'incident' ? <IconAlertTriangle size={16} aria-hidden /> : <IconMessageReport size={16} aria-hidden />}
                            <Text size="sm">{t(`board.reason.${a.reason}`)}</Text>
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={actionHref(a)} size="sm">
                            {a.code} · {a.title}
                          </Anchor>
                          {freshBadge(a.id)}
                        </Table.Td>
                        <Table.Td>
                          {a.dueAt ? (
                            <Text size="sm" c={a.overdue ? 'red' : undefined} fw={a.overdue ? 700 : undefined}>
                              {formatDateTime(a.dueAt)}
                              {a.overdue ? ` · ${t('board.overdue')}` : ''}
                            </Text>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {b.actionsCapped && (
              <Alert color="yellow" mt="sm">
                {t('board.capped')}
              </Alert>
            )}
          </Card>

          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card withBorder radius="md">
              <Group justify="space-between" mb="sm">
                <Title order={3} size="h4">
                  {t('board.latestIncidents')}
                </Title>
                <Anchor component={Link} to="/incidents" size="sm">
                  {t('board.seeAll')}
                </Anchor>
              </Group>
              {b.incidents.length === 0 ? (
                <Text c="dimmed">{t('board.none')}</Text>
              ) : (
                <Stack gap="xs" data-testid="board-incidents">
                  {b.incidents.map((i) => (
                    <Paper key={i.id} withBorder p="xs" radius="sm" bg={fresh.has(i.id) ? 'red.0' : undefined}>
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Anchor component={Link} to={`/incidents/${i.id}`} size="sm" fw={600} lineClamp={1}>
                          {i.code} · {i.title}
                        </Anchor>
                        {freshBadge(i.id)}
                      </Group>
                      <Group gap={6} mt={4}>
                        <IncidentStatusBadge status={i.status} size="sm" />
                        <SeverityBadge severity={i.severity} size="sm" />
                        <Text size="xs" c="dimmed">
                          {i.communeName} · {formatDateTime(i.occurredAt)}
                        </Text>
                      </Group>
                    </Paper>
                  ))}
                </Stack>
              )}
            </Card>
            <Card withBorder radius="md">
              <Group justify="space-between" mb="sm">
                <Title order={3} size="h4">
                  {t('board.latestTips')}
                </Title>
                <Anchor component={Link} to="/tips" size="sm">
                  {t('board.seeAll')}
                </Anchor>
              </Group>
              {b.tips.length === 0 ? (
                <Text c="dimmed">{t('board.none')}</Text>
              ) : (
                <Stack gap="xs" data-testid="board-tips">
                  {b.tips.map((x) => (
                    <Paper key={x.id} withBorder p="xs" radius="sm" bg={fresh.has(x.id) ? 'red.0' : undefined}>
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Anchor component={Link} to={`/tips/${x.id}`} size="sm" fw={600}>
                          {x.trackingCode} · {x.communeName}
                        </Anchor>
                        {freshBadge(x.id)}
                      </Group>
                      <Group gap={6} mt={4}>
                        <TipStateBadge state={x.state} size="sm" />
                        <ClockBadge clock={x.clock} size="sm" />
                        <Text size="xs" c="dimmed">
                          {formatDateTime(x.receivedAt)}
                        </Text>
                      </Group>
                    </Paper>
                  ))}
                </Stack>
              )}
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
