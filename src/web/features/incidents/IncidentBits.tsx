import { useMemo, useState } from 'react';
import { Anchor, Badge, Group, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_SEVERITIES,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  type Incident,
  type IncidentLevel,
  type IncidentSeverity,
  type IncidentStatus,
  type Significance,
} from '../../../contracts/incidents.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { fold } from '../../lib/text.ts';
import { useCommunes } from '../jurisdictions/api.ts';
import { useCityUnits } from './api.ts';

type Size = 'xs' | 'sm' | 'md' | 'lg';

/** Badges show their whole label (a table column would otherwise squeeze it to "Đang…"). */
const NO_ELLIPSIS = { label: { overflow: 'visible' } } as const;

/** One colour per derived status: new outlined, escalated grape, awaiting confirmation violet, closed green… */
export const STATUS_COLOR: Record<IncidentStatus, string> = {
  new: 'gray',
  handling: 'blue',
  escalated: 'grape',
  awaiting_confirmation: 'violet',
  closed: 'green',
  reopened: 'orange',
};

const SEVERITY_COLOR: Record<IncidentSeverity, string> = { minor: 'gray', serious: 'yellow', very_serious: 'orange', especially_serious: 'red' };
const LEVEL_COLOR: Record<IncidentLevel, string> = { commune: 'teal', department: 'indigo', leadership: 'red' };

export function IncidentStatusBadge({ status, size = 'md' }: { status: IncidentStatus; size?: Size }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant={status === 'new' ? 'outline' : 'light'} size={size} tt="none" style={{ flexShrink: 0 }} styles={NO_ELLIPSIS}>
      {t(`incidents.statuses.${status}`)}
    </Badge>
  );
}

export function LevelBadge({ level, size = 'md' }: { level: IncidentLevel; size?: Size }) {
  const { t } = useTranslation();
  return (
    <Badge color={LEVEL_COLOR[level]} variant="outline" size={size} tt="none" style={{ flexShrink: 0 }} styles={NO_ELLIPSIS}>
      {t(`incidents.levels.${level}`)}
    </Badge>
  );
}

export function SeverityBadge({ severity, size = 'md' }: { severity: IncidentSeverity; size?: Size }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLOR[severity]} variant={severity === 'minor' ? 'outline' : 'light'} size={size} tt="none" style={{ flexShrink: 0 }} styles={NO_ELLIPSIS}>
      {t(`incidents.severities.${severity}`)}
    </Badge>
  );
}

/** Shown only when the situation is proposed or verified as significant. */
export function SignificanceBadge({ significance, size = 'md' }: { significance: Significance; size?: Size }) {
  const { t } = useTranslation();
  if (significance === 'none') return null;
  return (
    <Badge color="red" variant={significance === 'verified' ? 'filled' : 'outline'} size={size} tt="none" style={{ flexShrink: 0 }} styles={NO_ELLIPSIS}>
      {significance === 'verified' ? t('incidents.significantBadge') : t('incidents.proposedBadge')}
    </Badge>
  );
}

/** Select options for the enums, in the contract's order (the order of the official statistics). */
export function useIncidentOptions() {
  const { t } = useTranslation();
  return {
    categories: INCIDENT_CATEGORIES.map((c) => ({ value: c, label: t(`incidents.categories.${c}`) })),
    severities: INCIDENT_SEVERITIES.map((s) => ({ value: s, label: t(`incidents.severities.${s}`) })),
    sources: INCIDENT_SOURCES.map((s) => ({ value: s, label: t(`incidents.sources.${s}`) })),
    statuses: INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.statuses.${s}`) })),
  };
}

const vndFmt = new Intl.NumberFormat('vi-VN');
/** 12500000 → "12.500.000" (Vietnamese grouping whatever the interface language). */
export const formatVnd = (n: number): string => vndFmt.format(n);

/**
 * Pick one commune of the city (the same list and accent-insensitive matching as the
 * jurisdictions' CommunePicker, which picks several).
 */
export function CommuneSelect({
  label,
  value,
  onChange,
  error,
  required,
  placeholder,
  w,
}: {
  label: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
  required?: boolean;
  placeholder?: string;
  w?: number | string | Record<string, number | string>;
}) {
  const { t } = useTranslation();
  const communes = useCommunes();
  const data = useMemo(() => (communes.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.fullName} (${c.code})` })), [communes.data]);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchable
      clearable
      required={required}
      maxDropdownHeight={260}
      filter={({ options, search }) => options.filter((o) => 'label' in o && fold(o.label).includes(fold(search.trim())))}
      nothingFoundMessage={communes.isPending ? t('app.loading') : t('common.noResults')}
      error={error}
      w={w}
    />
  );
}

/**
 * Which city units may hold a level (a hint for the picker; the server decides, see
 * unitFitsLevel in the incidents module): departments and the fire police for `department`;
 * command and leadership bodies for `leadership`.
 */
function fitsLevel(level: IncidentLevel, type: string): boolean {
  if (level === 'department') return type === 'department' || type === 'fire_rescue_police';
  if (level === 'leadership') return ['police_unit', 'party_committee', 'state_body', 'steering_committee'].includes(type);
  return false;
}

/** Pick the city unit that receives an escalation to `level`. */
export function EscalationUnitPicker({
  level,
  value,
  onChange,
  error,
}: {
  level: IncidentLevel;
  value: string | null;
  onChange: (unit: { id: string; name: string } | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const [debounced] = useDebouncedValue(search, 250);
  const typed = debounced && debounced !== picked?.name ? debounced : '';
  const units = useCityUnits(typed);
  const data = useMemo(() => {
    const items = (units.data?.items ?? []).filter((u) => fitsLevel(level, u.type)).map((u) => ({ value: u.id, label: u.name }));
    if (picked && !items.some((i) => i.value === picked.id)) items.unshift({ value: picked.id, label: picked.name });
    return items;
  }, [units.data, picked, level]);
  return (
    <Select
      label={t('incidents.act.toUnit')}
      description={t('incidents.act.toUnitHint')}
      placeholder={t('incidents.act.toUnitPlaceholder')}
      data={data}
      value={value}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={units.isFetching ? t('app.loading') : t('common.noResults')}
      onChange={(id, option) => {
        const u = id && option ? { id, name: option.label } : null;
        setPicked(u);
        onChange(u);
      }}
      error={error}
      required
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** A compact, linked line for a situation (the list on a phone). */
export function IncidentLine({ incident: i }: { incident: Incident }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} py={6}>
      <Anchor component={Link} to={`/incidents/${i.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
        <Text span ff="monospace" size="xs" c="dimmed" mr={6}>
          {i.code}
        </Text>
        {i.title}
      </Anchor>
      <Group gap="xs" wrap="wrap" style={{ rowGap: 2 }}>
        <IncidentStatusBadge status={i.status} size="sm" />
        <LevelBadge level={i.level} size="sm" />
        <SignificanceBadge significance={i.significance} size="sm" />
        <Text size="xs" c="dimmed">
          {formatDateTime(i.occurredAt)} · {t(`incidents.categories.${i.category}`)} · {i.communeName}
        </Text>
        <Text size="xs" c="dimmed">
          {t('incidents.lead')}: {i.leadUnit.name}
        </Text>
      </Group>
    </Stack>
  );
}
