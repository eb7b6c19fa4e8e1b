import { useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../contracts/tasks.ts';
import { api, type Page } from '../../lib/api.ts';

interface Props {
  label: string;
  value: string | null;
  /** "NV-… — title" of the current task, shown before any search. */
  valueLabel?: string;
  onChange: (task: { id: string; label: string } | null) => void;
  error?: string;
  required?: boolean;
  clearable?: boolean;
  description?: string;
}

/** Pick a visible task by code or words of its title. */
export function TaskPicker({ label, value, valueLabel, onChange, error, required, clearable, description }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const typed = debounced && debounced !== valueLabel ? debounced : '';
  const tasks = useQuery({
    queryKey: ['tasks', 'picker', typed],
    queryFn: ({ signal }) => api<Page<Task>>('/tasks', { query: { q: typed || undefined, limit: 30 }, signal }),
  });
  const data = useMemo(() => {
    const items = (tasks.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.code} — ${x.title}`.slice(0, 160) }));
    if (value && valueLabel && !items.some((i) => i.value === value)) items.unshift({ value, label: valueLabel });
    return items;
  }, [tasks.data, value, valueLabel]);
  return (
    <Select
      label={label}
      description={description}
      required={required}
      clearable={clearable}
      data={data}
      value={value}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={tasks.isFetching ? t('app.loading') : t('common.noResults')}
      onChange={(id, option) => onChange(id && option ? { id, label: option.label } : null)}
      error={error}
      maxDropdownHeight={280}
    />
  );
}
