import { Loader, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Person } from '../../../contracts/organisation.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { api, type Page } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';

const PAGE_SIZE = 25;

/** People (cán bộ) within the user's scope, as the server decides. */
export function PeoplePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const people = useQuery({
    queryKey: ['people', q, offset],
    queryFn: ({ signal }) => api<Page<Person>>('/people', { query: { q, limit: PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t('people.title')} />
      <SearchBox label={t('people.searchLabel')} value={q} onChange={(v) => setParams(v ? { q: v } : {})} />
      {people.isPending && <Loader size="sm" mt="md" aria-label={t('app.loading')} />}
      {people.isError && <ErrorState error={people.error} onRetry={() => void people.refetch()} />}
      {people.data && (
        <>
          <Table.ScrollContainer minWidth={600} mt="sm">
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('people.fullName')}</Table.Th>
                  <Table.Th scope="col">{t('people.rank')}</Table.Th>
                  <Table.Th scope="col">{t('people.positions')}</Table.Th>
                  <Table.Th scope="col">{t('people.unit')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {people.data.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td fw={600}>{p.fullName}</Table.Td>
                    <Table.Td>{p.rank ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      {p.positions.length === 0
                        ? t('common.none')
                        : p.positions.map((pos) => (
                            <Text key={`${pos.unitId}-${pos.title}-${pos.fromOn}`} size="sm">
                              {pos.title}
                              {pos.unitId !== p.unitId ? `, ${pos.unitName}` : ''}{' '}
                              <Text span size="xs" c="dimmed">
                                ({t('people.since', { date: formatDate(pos.fromOn) })})
                              </Text>
                            </Text>
                          ))}
                    </Table.Td>
                    <Table.Td>{p.unitName}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {people.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
          <Pager {...people.data} onChange={(o) => setParams({ ...(q ? { q } : {}), ...(o ? { offset: String(o) } : {}) })} />
        </>
      )}
    </>
  );
}
