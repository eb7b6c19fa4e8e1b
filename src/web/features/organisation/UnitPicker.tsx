import { useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../contracts/organisation.ts';
import { api, type Page } from '../../lib/api.ts';

interface Props {
  label: string;
  value: string | null;
  /** Name of the current unit, shown before any search. */
  valueLabel?: string;
  onChange: (id: string | null, unit: { id: string; name: string } | null) => void;
  error?: string;
  required?: boolean;
}

/** Pick a unit by typing part of its name (accent-insensitive search on the server). */
export function UnitPicker({ label, value, valueLabel, onChange, error, required }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(value && valueLabel ? { id: value, name: valueLabel } : null);
  const [debounced] = useDebouncedValue(search, 250);
  const typed = debounced && debounced !== picked?.name ? debounced : '';
  const units = useQuery({
    queryKey: ['units', 'picker', typed],
    queryFn: ({ signal }) => api<Page<Unit>>('/units', { query: { q: typed || undefined, limit: 30 }, signal }),
  });
  const data = useMemo(() => {
    const items = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
    if (picked && !items.some((i) => i.value === picked.id)) items.unshift({ value: picked.id, label: picked.name });
    return items;
  }, [units.data, picked]);

  return (
    <Select
      label={label}
      placeholder={t('organisation.pickerPlaceholder')}
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
        onChange(id, u);
      }}
      error={error}
      required={required}
      maxDropdownHeight={280}
    />
  );
}
