import type { ReactNode } from 'react';
import { Group, Paper, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { INCIDENT_CATEGORIES, type IncidentCategory } from '../../../contracts/incidents.ts';
import { STAT_PERIOD_KINDS } from '../../../contracts/statistics.ts';
import { DateField } from '../../components/DateField.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { fold } from '../../lib/text.ts';
import { useCommunes } from '../jurisdictions/api.ts';
import { defaultIndex, MAX_INDEX, type PeriodKind, type StatsChoice } from './api.ts';

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The name of one index of a period kind: "Tháng 3", "Quý II", "6 tháng đầu năm". */
export function indexLabel(t: TFunction, kind: PeriodKind, index: number): string {
  switch (kind) {
    case 'quarter':
      return t('statistics.quarterN', { n: ROMAN[index - 1] });
    case 'half_year':
      return t(index === 1 ? 'statistics.half1' : 'statistics.half2');
    default:
      return t('statistics.monthN', { n: index });
  }
}

/** The chosen period in words with its dates, e.g. "tháng 3/2026 theo kỳ thống kê (từ 15/02/2026 đến 14/03/2026)". */
export function periodText(t: TFunction, c: StatsChoice, dates: { from: string; to: string }): string {
  const range = t('statistics.fromTo', { from: formatDate(dates.from), to: formatDate(dates.to) });
  if (c.period === 'custom') return range;
  const n = c.period === 'quarter' ? ROMAN[c.index - 1] : c.index;
  return `${t(`statistics.labels.${c.period}${c.period === 'half_year' ? c.index : ''}`, { n, year: c.year })} (${range})`;
}

interface Props {
  value: StatsChoice;
  onChange: (c: StatsChoice) => void;
  /** Further controls (grouping on the statistics page). */
  children?: ReactNode;
  /** Show the category and commune filters (default); the leaders' dashboard asks for the period only. */
  filters?: boolean;
}

/**
 * The choice of period (calendar month, quarter, half-year, year, the Ministry's statistical month
 * 15th–14th, or a custom range) and of the category and commune filters: one component for the
 * statistics page and the map, so both ask the same question.
 */
export function PeriodControls({ value, onChange, children, filters = true }: Props) {
  const { t } = useTranslation();
  const communes = useCommunes();
  const set = (patch: Partial<StatsChoice>) => onChange({ ...value, ...patch });
  const thisYear = Number(todayIso().slice(0, 4));
  const years = Array.from({ length: 11 }, (_, k) => String(thisYear + 1 - k));
  if (!years.includes(String(value.year))) years.push(String(value.year));
  const kind = value.period;
  const w = { base: '100%', sm: 'auto' };
  return (
    <Paper withBorder p="sm" mb="md" role="group" aria-label={t('statistics.choosePeriod')}>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('statistics.periodKind')}
          data={STAT_PERIOD_KINDS.map((k) => ({ value: k, label: t(`statistics.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => {
            const k = (v ?? 'month') as PeriodKind;
            const d = defaultIndex(k);
            set({ period: k, index: k === kind ? value.index : Math.min(d.index, MAX_INDEX[k]), year: value.year });
          }}
          allowDeselect={false}
          w={{ base: '100%', sm: 260 }}
        />
        {kind !== 'custom' && (
          <Select
            label={t('statistics.year')}
            data={years}
            value={String(value.year)}
            onChange={(v) => v && set({ year: Number(v) })}
            allowDeselect={false}
            w={{ base: '100%', sm: 100 }}
          />
        )}
        {kind !== 'custom' && kind !== 'year' && (
          <Select
            label={t(`statistics.indexOf.${kind}`)}
            data={Array.from({ length: MAX_INDEX[kind] }, (_, k) => ({ value: String(k + 1), label: indexLabel(t, kind, k + 1) }))}
            value={String(value.index)}
            onChange={(v) => v && set({ index: Number(v) })}
            allowDeselect={false}
            w={{ base: '100%', sm: kind === 'half_year' ? 180 : 150 }}
          />
        )}
        {kind === 'custom' && (
          <>
            <DateField label={t('statistics.from')} value={value.from} maxDate={value.to} onChange={(v) => set({ from: v })} required w={{ base: '100%', sm: 160 }} />
            <DateField label={t('statistics.to')} value={value.to} minDate={value.from} onChange={(v) => set({ to: v })} required w={{ base: '100%', sm: 160 }} />
          </>
        )}
        {filters && (
          <>
            <Select
              label={t('statistics.category')}
              placeholder={t('statistics.allCategories')}
              data={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: t(`incidents.categories.${c}`) }))}
              value={value.category || null}
              onChange={(v) => set({ category: (v ?? '') as IncidentCategory | '' })}
              clearable
              w={{ base: '100%', sm: 220 }}
            />
            <Select
              label={t('statistics.commune')}
              placeholder={t('statistics.allCommunes')}
              data={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.fullName }))}
              value={value.communeCode || null}
              onChange={(v) => set({ communeCode: v ?? '' })}
              searchable
              clearable
              filter={({ options, search }) => options.filter((o) => 'label' in o && fold(o.label).includes(fold(search.trim())))}
              nothingFoundMessage={t('common.noResults')}
              w={{ base: '100%', sm: 230 }}
            />
          </>
        )}
        {children && <Group w={w}>{children}</Group>}
      </Group>
    </Paper>
  );
}
