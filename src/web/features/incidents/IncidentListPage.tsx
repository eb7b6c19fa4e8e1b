import { Anchor, Button, Divider, Loader, Select, Table, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES, type IncidentCategory, type IncidentStatus } from '../../../contracts/incidents.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useMe } from '../auth/session.ts';
import { EMPTY_FILTERS, useIncidentList, type IncidentFilters } from './api.ts';
import { CommuneSelect, IncidentLine, IncidentStatusBadge, LevelBadge, SeverityBadge, SignificanceBadge, useIncidentOptions } from './IncidentBits.tsx';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | '' => ((list as readonly string[]).includes(v ?? '') ? (v as T) : '');

function readFilters(p: URLSearchParams): IncidentFilters {
  const date = (k: string) => (ISO_DATE.test(p.get(k) ?? '') ? p.get(k)! : '');
  const sig = p.get('significant');
  const bool = (k: string): '' | 'true' | 'false' => (p.get(k) === 'true' || p.get(k) === 'false' ? (p.get(k) as 'true' | 'false') : '');
  return {
    q: p.get('q') ?? '',
    category: oneOf<IncidentCategory>(INCIDENT_CATEGORIES, p.get('category')),
    communeCode: /^\d{5}$/.test(p.get('commune') ?? '') ? p.get('commune')! : '',
    status: oneOf<IncidentStatus>(INCIDENT_STATUSES, p.get('status')),
    significant: sig === 'true' || sig === 'false' ? sig : '',
    from: date('from'),
    to: date('to'),
    open: bool('open'),
    merged: bool('merged'),
  };
}

/** The filters in the address bar (the commune as `commune`), so a filtered list can be bookmarked and shared. */
function toParams(f: IncidentFilters, offset = 0): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.category) p.set('category', f.category);
  if (f.communeCode) p.set('commune', f.communeCode);
  if (f.status) p.set('status', f.status);
  if (f.significant) p.set('significant', f.significant);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.open) p.set('open', f.open);
  if (f.merged) p.set('merged', f.merged);
  if (offset) p.set('offset', String(offset));
  return p;
}

function FilterForm({ value, onApply }: { value: IncidentFilters; onApply: (f: IncidentFilters) => void }) {
  const { t } = useTranslation();
  const options = useIncidentOptions();
  const { draft: f, set, setDraft } = useFilterDraft(value);
  const w = { base: '100%', sm: 220 };
  return (
    <FilterBar
      label={t('incidents.filters')}
      onApply={() => onApply({ ...f, q: f.q.trim() })}
      onClear={() => {
        setDraft(EMPTY_FILTERS);
        onApply(EMPTY_FILTERS);
      }}
    >
      <TextInput
        type="search"
        label={t('incidents.searchLabel')}
        description={t('incidents.searchHint')}
        placeholder={t('common.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={f.q}
        onChange={(e) => set('q', e.currentTarget.value)}
        w={{ base: '100%', sm: 280 }}
      />
      <Select
        label={t('incidents.filterCategory')}
        placeholder={t('incidents.all')}
        data={options.categories}
        value={f.category || null}
        onChange={(v) => set('category', (v ?? '') as IncidentFilters['category'])}
        clearable
        w={w}
      />
      <CommuneSelect label={t('incidents.filterCommune')} placeholder={t('incidents.all')} value={f.communeCode} onChange={(v) => set('communeCode', v)} w={{ base: '100%', sm: 260 }} />
      <Select
        label={t('incidents.filterStatus')}
        placeholder={t('incidents.all')}
        data={options.statuses}
        value={f.status || null}
        onChange={(v) => set('status', (v ?? '') as IncidentFilters['status'])}
        clearable
        w={w}
      />
      <Select
        label={t('incidents.filterSignificant')}
        data={[
          { value: 'any', label: t('incidents.significantAny') },
          { value: 'true', label: t('incidents.significantYes') },
          { value: 'false', label: t('incidents.significantNo') },
        ]}
        value={f.significant || 'any'}
        onChange={(v) => set('significant', v === 'true' || v === 'false' ? v : '')}
        allowDeselect={false}
        w={{ base: '100%', sm: 200 }}
      />
      <Select
        label={t('incidents.filterOpen')}
        data={[
          { value: 'any', label: t('incidents.openAny') },
          { value: 'true', label: t('incidents.openYes') },
          { value: 'false', label: t('incidents.openNo') },
        ]}
        value={f.open || 'any'}
        onChange={(v) => set('open', v === 'true' || v === 'false' ? v : '')}
        allowDeselect={false}
        w={{ base: '100%', sm: 160 }}
      />
      <Select
        label={t('incidents.filterMerged')}
        data={[
          { value: 'any', label: t('incidents.mergedAny') },
          { value: 'false', label: t('incidents.mergedNo') },
          { value: 'true', label: t('incidents.mergedYes') },
        ]}
        value={f.merged || 'any'}
        onChange={(v) => set('merged', v === 'true' || v === 'false' ? v : '')}
        allowDeselect={false}
        w={{ base: '100%', sm: 220 }}
      />
      <DateField label={t('incidents.filterFrom')} value={f.from} maxDate={f.to} onChange={(v) => set('from', v)} w={{ base: '100%', sm: 160 }} />
      <DateField label={t('incidents.filterTo')} value={f.to} minDate={f.from} onChange={(v) => set('to', v)} w={{ base: '100%', sm: 160 }} />
    </FilterBar>
  );
}

/** Vụ việc ANTT: the filtered, paginated list of visible situations, newest first. */
export function IncidentListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const offset = Number(params.get('offset') ?? 0) || 0;
  const list = useIncidentList(filters, offset);
  // A phone gets a compact list rather than a wide table.
  const narrow = useMediaQuery('(max-width: 48em)');
  // No ability for recording situations is published yet (Me.can): the button shows unless the
  // server says no, and the server's 403 speaks for itself.
  const mayRecord = me.can.recordIncidents !== false;

  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        actions={
          mayRecord && (
            <Button component={Link} to="/incidents/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('incidents.create')}
            </Button>
          )
        }
      />
      <FilterForm key={params.toString()} value={filters} onApply={(f) => setParams(toParams(f))} />
      {list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <section aria-label={t('incidents.list')} aria-busy={list.isFetching} style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          {narrow ? (
            <ul className="plain-list">
              {list.data.items.map((i, k) => (
                <li key={i.id}>
                  {k > 0 && <Divider />}
                  <IncidentLine incident={i} />
                </li>
              ))}
            </ul>
          ) : (
            <Table.ScrollContainer minWidth={1240}>
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('incidents.code')}</Table.Th>
                    <Table.Th scope="col">{t('incidents.name')}</Table.Th>
                    <Table.Th scope="col">{t('incidents.category')}</Table.Th>
                    <Table.Th scope="col">{t('incidents.severity')}</Table.Th>
                    <Table.Th scope="col">{t('incidents.commune')}</Table.Th>
                    <Table.Th scope="col">{t('incidents.leadUnit')}</Table.Th>
                    <Table.Th scope="col">{t('incidents.level')}</Table.Th>
                    <Table.Th scope="col">{t('incidents.status')}</Table.Th>
                    <Table.Th scope="col">{t('incidents.occurredAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                        {i.code}
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/incidents/${i.id}`} size="sm">
                          {i.title}
                        </Anchor>
                        {i.significance !== 'none' && (
                          <div>
                            <SignificanceBadge significance={i.significance} size="xs" />
                          </div>
                        )}
                      </Table.Td>
                      <Table.Td>{t(`incidents.categories.${i.category}`)}</Table.Td>
                      <Table.Td>
                        <SeverityBadge severity={i.severity} size="sm" />
                      </Table.Td>
                      <Table.Td>{i.communeName}</Table.Td>
                      <Table.Td>{i.leadUnit.name}</Table.Td>
                      <Table.Td>
                        <LevelBadge level={i.level} size="sm" />
                      </Table.Td>
                      <Table.Td>
                        <IncidentStatusBadge status={i.status} size="sm" />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i.occurredAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {list.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
          <Pager {...list.data} onChange={(o) => setParams(toParams(filters, o))} />
        </section>
      )}
    </>
  );
}
