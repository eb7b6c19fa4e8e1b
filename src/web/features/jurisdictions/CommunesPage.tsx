import { Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { compareVi } from '../../lib/text.ts';
import { useCommunes } from './api.ts';

/** The 168 communes of Ho Chi Minh City (one page: the list is small). */
export function CommunesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const communes = useCommunes(q);
  const items = [...(communes.data?.items ?? [])].sort((a, b) => compareVi(a.name, b.name));
  return (
    <>
      <PageHeader title={t('communes.title')} subtitle={t('communes.subtitle')} />
      <SearchBox label={t('communes.searchLabel')} value={q} onChange={(v) => setParams(v ? { q: v } : {})} />
      {communes.isPending && <Loader size="sm" mt="md" aria-label={t('app.loading')} />}
      {communes.isError && <ErrorState error={communes.error} onRetry={() => void communes.refetch()} />}
      {communes.data && (
        <>
          <Text size="sm" c="dimmed" mt="sm" aria-live="polite">
            {t('common.total', { count: communes.data.total })}
          </Text>
          <Table.ScrollContainer minWidth={360} mt="xs">
            <Table striped highlightOnHover stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('communes.code')}</Table.Th>
                  <Table.Th scope="col">{t('communes.name')}</Table.Th>
                  <Table.Th scope="col">{t('communes.type')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.code}>
                    <Table.Td ff="monospace">{c.code}</Table.Td>
                    <Table.Td>
                      {c.name}
                      {c.nameEn && c.nameEn !== c.name && (
                        <Text span size="xs" c="dimmed" ml={6} lang="en">
                          {c.nameEn}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{c.type}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
        </>
      )}
    </>
  );
}
