import { useState, type ReactNode } from 'react';
import { Anchor, Button, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { IconEdit, IconPlus, IconSitemap } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useCommuneNames } from '../jurisdictions/api.ts';
import { useUnit } from './api.ts';
import { UnitCreateModal } from './UnitCreateModal.tsx';
import { UnitEditForm } from './UnitEditForm.tsx';

interface Props {
  id: string;
  onSelect: (id: string) => void;
  onBrowse: (id: string) => void;
}

/** Details of one unit; edit and create-child appear only when the server's abilities allow. */
export function UnitDetail({ id, onSelect, onBrowse }: Props) {
  const { t } = useTranslation();
  const unit = useUnit(id);
  const communes = useCommuneNames();
  const [editing, setEditing] = useState(false);
  const [creating, setCreating] = useState(false);

  if (unit.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (unit.isError) return <ErrorState error={unit.error} onRetry={() => void unit.refetch()} />;
  const u = unit.data;
  const rows: [string, ReactNode][] = [
    [
      t('organisation.parent'),
      u.parentId ? (
        <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onSelect(u.parentId!)}>
          {u.parentName}
        </Anchor>
      ) : (
        t('common.none')
      ),
    ],
    [t('organisation.code'), <Text span ff="monospace" size="sm">{u.code}</Text>],
    [t('organisation.shortName'), u.shortName ?? t('common.none')],
    [t('organisation.type'), t(`unitType.${u.type}`)],
    [t('organisation.level'), t(`unitLevel.${u.level}`)],
    [t('organisation.commune'), u.communeCode ? `${communes.get(u.communeCode) ?? ''} (${u.communeCode})`.trim() : t('common.none')],
    [
      t('organisation.validity'),
      u.validTo
        ? t('organisation.validityRange', { from: formatDate(u.validFrom), to: formatDate(u.validTo) })
        : t('organisation.validityOpen', { from: formatDate(u.validFrom) }),
    ],
  ];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="unit-detail-title">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {t('organisation.detail')}
      </Text>
      <Title order={3} id="unit-detail-title" mb="sm">
        {u.name}
      </Title>
      {editing ? (
        <UnitEditForm unit={u} onDone={() => setEditing(false)} />
      ) : (
        <>
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              {rows.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w="40%">{label}</Table.Th>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group mt="md" gap="xs">
            {u.childCount > 0 && (
              <Button variant="default" size="xs" leftSection={<IconSitemap size={16} aria-hidden />} onClick={() => onBrowse(u.id)}>
                {t('organisation.browseHere')} ({u.childCount})
              </Button>
            )}
            {u.abilities.update && (
              <Button size="xs" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {u.abilities.createChild && (
              <Button size="xs" variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                {t('organisation.createChild')}
              </Button>
            )}
          </Group>
        </>
      )}
      {creating && <UnitCreateModal parent={u} onClose={() => setCreating(false)} onCreated={(child) => onSelect(child.id)} />}
    </Paper>
  );
}
