import { useState } from 'react';
import { Badge, Button, Group, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconEdit, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { User } from '../../../contracts/accounts.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useUserList } from './api.ts';
import { UserCreateModal } from './UserCreateModal.tsx';
import { UserEditModal } from './UserEditModal.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const users = useUserList(q, offset);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);

  const status = (u: User) =>
    u.disabled ? (
      <Badge color="gray" tt="none">{t('users.disabled')}</Badge>
    ) : u.lockedUntil ? (
      <Badge color="orange" tt="none">{t('users.locked', { time: formatDateTime(u.lockedUntil) })}</Badge>
    ) : (
      <Badge color="green" variant="light" tt="none">
        {t('users.active')}
      </Badge>
    );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        }
      />
      <SearchBox label={t('users.searchLabel')} value={q} onChange={(v) => setParams(v ? { q: v } : {})} />
      {users.isPending && <Loader size="sm" mt="md" aria-label={t('app.loading')} />}
      {users.isError && <ErrorState error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <>
          <Table.ScrollContainer minWidth={720} mt="sm">
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.username')}</Table.Th>
                  <Table.Th scope="col">{t('users.displayName')}</Table.Th>
                  <Table.Th scope="col">{t('users.unit')}</Table.Th>
                  <Table.Th scope="col">{t('users.roles')}</Table.Th>
                  <Table.Th scope="col">{t('users.status')}</Table.Th>
                  <Table.Th scope="col">{t('users.lastLogin')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td ff="monospace">{u.username}</Table.Td>
                    <Table.Td>{u.displayName}</Table.Td>
                    <Table.Td>{u.unitName}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {u.roles.map((r) => (
                          <Badge key={r} variant="outline" size="sm" tt="none">
                            {t(`role.${r}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{status(u)}</Table.Td>
                    <Table.Td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : <Text span c="dimmed" size="sm">{t('users.never')}</Text>}</Table.Td>
                    <Table.Td>
                      {u.abilities.update && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          leftSection={<IconEdit size={14} aria-hidden />}
                          onClick={() => setEditing(u)}
                          aria-label={`${t('common.edit')} ${u.username}`}
                        >
                          {t('common.edit')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {users.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
          <Pager {...users.data} onChange={(o) => setParams({ ...(q ? { q } : {}), ...(o ? { offset: String(o) } : {}) })} />
        </>
      )}
      {creating && <UserCreateModal onClose={() => setCreating(false)} />}
      {editing && <UserEditModal key={editing.id} user={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
