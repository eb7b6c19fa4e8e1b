import { Anchor, Button, Divider, Group, Loader, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { TIP_DEADLINE_FILTERS, TIP_STATES, type TipDeadlineFilter, type TipState } from '../../../contracts/tips.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { fold } from '../../lib/text.ts';
import { useCommunes } from '../jurisdictions/api.ts';
import { EMPTY_TIP_FILTERS, useTipList, type TipFilters, type TipListItem } from './api.ts';
import { ClockBadge, ClockCell, formatDue, TipStateBadge } from './TipBits.tsx';

const COMMUNE = /^\d{5}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function readFilters(p: URLSearchParams): TipFilters {
  const state = p.get('state') ?? '';
  const commune = p.get('communeCode') ?? '';
  const deadline = p.get('deadline') ?? '';
  const date = (k: string) => (ISO_DATE.test(p.get(k) ?? '') ? p.get(k)! : '');
  return {
    state: (TIP_STATES as readonly string[]).includes(state) ? (state as TipState) : '',
    communeCode: COMMUNE.test(commune) ? commune : '',
    receivedFrom: date('receivedFrom'),
    receivedTo: date('receivedTo'),
    deadline: (TIP_DEADLINE_FILTERS as readonly string[]).includes(deadline) ? (deadline as TipDeadlineFilter) : '',
  };
}

function toParams(f: TipFilters, offset = 0): URLSearchParams {
  const p = new URLSearchParams();
  if (f.state) p.set('state', f.state);
  if (f.communeCode) p.set('communeCode', f.communeCode);
  if (f.receivedFrom) p.set('receivedFrom', f.receivedFrom);
  if (f.receivedTo) p.set('receivedTo', f.receivedTo);
  if (f.deadline) p.set('deadline', f.deadline);
  if (offset) p.set('offset', String(offset));
  return p;
}

function Filters({ value, onChange }: { value: TipFilters; onChange: (f: TipFilters) => void }) {
  const { t } = useTranslation();
  const communes = useCommunes();
  const communeData = (communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.fullName }));
  const empty = !value.state && !value.communeCode && !value.receivedFrom && !value.receivedTo && !value.deadline;
  return (
    <Paper withBorder p="sm" mb="md" component="form" role="search" aria-label={t('tips.filters')} onSubmit={(e) => e.preventDefault()}>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('tips.filterState')}
          placeholder={t('tips.allStates')}
          data={TIP_STATES.map((s) => ({ value: s, label: t(`tips.states.${s}`) }))}
          value={value.state || null}
          onChange={(v) => onChange({ ...value, state: (v ?? '') as TipFilters['state'] })}
          clearable
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('tips.filterCommune')}
          placeholder={t('tips.allCommunes')}
          data={communeData}
          value={value.communeCode || null}
          onChange={(v) => onChange({ ...value, communeCode: v ?? '' })}
          searchable
          clearable
          filter={({ options, search }) => options.filter((o) => 'label' in o && fold(o.label).includes(fold(search.trim())))}
          nothingFoundMessage={t('common.noResults')}
          maxDropdownHeight={280}
          w={{ base: '100%', sm: 280 }}
        />
        <DateField label={t('tips.filterReceivedFrom')} value={value.receivedFrom} maxDate={value.receivedTo} onChange={(v) => onChange({ ...value, receivedFrom: v })} w={{ base: '100%', sm: 160 }} />
        <DateField label={t('tips.filterReceivedTo')} value={value.receivedTo} minDate={value.receivedFrom} onChange={(v) => onChange({ ...value, receivedTo: v })} w={{ base: '100%', sm: 160 }} />
        <Select
          label={t('tips.filterDeadline')}
          placeholder={t('tips.allDeadlines')}
          data={TIP_DEADLINE_FILTERS.map((d) => ({ value: d, label: t(`tips.deadlines.${d}`) }))}
          value={value.deadline || null}
          onChange={(v) => onChange({ ...value, deadline: (v ?? '') as TipFilters['deadline'] })}
          clearable
          w={{ base: '100%', sm: 260 }}
        />
        {!empty && (
          <Button variant="default" onClick={() => onChange(EMPTY_TIP_FILTERS)}>
            {t('common.clearFilters')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

/** A compact line for phones: code, state, clock, commune, handling unit. */
function TipLine({ tip }: { tip: TipListItem }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} py={6}>
      <Group gap="xs" wrap="wrap">
        <Anchor component={Link} to={`/tips/${tip.id}`} ff="monospace" fw={700} size="sm" aria-label={t('tips.open', { code: tip.trackingCode })}>
          {tip.trackingCode}
        </Anchor>
        <Text size="xs" c="dimmed">
          {t(`tips.kinds.${tip.kind}`)}
        </Text>
        <TipStateBadge state={tip.state} size="sm" />
        <ClockBadge clock={tip.clock} size="sm" />
      </Group>
      <Text size="xs" c="dimmed">
        {tip.communeName} · {formatDateTime(tip.receivedAt)}
        {tip.clock.dueAt ? ` · ${t('tips.dueAt')}: ${formatDue(tip.clock.dueAt)}` : ''}
      </Text>
      <Text size="xs" c="dimmed">
        {t('tips.handlingUnit')}: {tip.handlingUnit.name}
      </Text>
    </Stack>
  );
}

/** Nguồn tin: the tips within the viewer's scope, newest first, with their legal clock (never the sender). */
export function TipListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const list = useTipList(filters, offset);
  const narrow = useMediaQuery('(max-width: 48em)');

  return (
    <>
      <PageHeader title={t('tips.title')} subtitle={t('tips.subtitle')} />
      <Filters value={filters} onChange={(f) => setParams(toParams(f))} />
      {list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          {narrow ? (
            <ul className="plain-list" aria-label={t('tips.listLabel')}>
              {list.data.items.map((tip, i) => (
                <li key={tip.id}>
                  {i > 0 && <Divider />}
                  <TipLine tip={tip} />
                </li>
              ))}
            </ul>
          ) : (
            <Table.ScrollContainer minWidth={960}>
              <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('tips.listLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('tips.trackingCode')}</Table.Th>
                    <Table.Th scope="col">{t('tips.kind')}</Table.Th>
                    <Table.Th scope="col">{t('tips.commune')}</Table.Th>
                    <Table.Th scope="col">{t('tips.receivedAt')}</Table.Th>
                    <Table.Th scope="col">{t('tips.state')}</Table.Th>
                    <Table.Th scope="col">{t('tips.clock')}</Table.Th>
                    <Table.Th scope="col">{t('tips.handlingUnit')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((tip) => (
                    <Table.Tr key={tip.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Anchor component={Link} to={`/tips/${tip.id}`} ff="monospace" fw={600} size="sm" aria-label={t('tips.open', { code: tip.trackingCode })}>
                          {tip.trackingCode}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`tips.kinds.${tip.kind}`)}</Table.Td>
                      <Table.Td>{tip.communeName}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(tip.receivedAt)}</Table.Td>
                      <Table.Td>
                        <TipStateBadge state={tip.state} size="sm" />
                      </Table.Td>
                      <Table.Td>
                        <ClockCell clock={tip.clock} />
                      </Table.Td>
                      <Table.Td>{tip.handlingUnit.name}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {list.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
          <Pager {...list.data} onChange={(o) => setParams(toParams(filters, o))} />
        </>
      )}
    </>
  );
}
