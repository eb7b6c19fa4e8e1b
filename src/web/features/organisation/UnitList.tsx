import { Badge, Button, Group, Loader, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Pager } from '../../components/Pager.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useUnitList, type UnitBrowse } from './api.ts';

interface Props {
  browse: UnitBrowse;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onOffset: (offset: number) => void;
}

export function UnitList({ browse, selectedId, onSelect, onOpen, onOffset }: Props) {
  const { t } = useTranslation();
  const list = useUnitList(browse);
  if (list.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const page = list.data;
  return (
    <div aria-busy={list.isFetching}>
      {page.items.length === 0 ? (
        <Text c="dimmed">{t('common.noResults')}</Text>
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {page.items.map((u) => {
            const selected = u.id === selectedId;
            return (
              <Paper
                component="li"
                key={u.id}
                withBorder
                px="sm"
                py={6}
                bg={selected ? 'blue.0' : undefined}
                style={selected ? { borderColor: 'var(--mantine-color-blue-5)' } : undefined}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <UnstyledButton onClick={() => onSelect(u.id)} aria-pressed={selected} style={{ flex: 1, minWidth: 0 }}>
                    <Text fw={600} size="sm">
                      {u.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      <span aria-hidden>{u.code} · </span>
                      {t(`unitType.${u.type}`)} · {t(`unitLevel.${u.level}`)}
                      {u.validTo ? ` · ${t('organisation.validTo')} ${formatDate(u.validTo)}` : ''}
                    </Text>
                  </UnstyledButton>
                  {u.childCount > 0 && (
                    <Button
                      variant="subtle"
                      size="compact-xs"
                      rightSection={<IconChevronRight size={14} aria-hidden />}
                      onClick={() => onOpen(u.id)}
                      aria-label={t('organisation.openChildren', { count: u.childCount, name: u.name })}
                    >
                      <Badge variant="light" size="sm" style={{ cursor: 'inherit' }}>
                        {t('organisation.childrenCount', { count: u.childCount })}
                      </Badge>
                    </Button>
                  )}
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
      <Pager total={page.total} limit={page.limit} offset={page.offset} onChange={onOffset} />
    </div>
  );
}
