import { useState, type ReactNode } from 'react';
import { Button, Group, Paper } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * The filter form of a list page: its fields in a row, then "Lọc" and "Xóa bộ lọc". The fields
 * edit a draft (`useFilterDraft`); nothing changes in the list until the form is submitted, so
 * the filters in the address bar always describe what the list shows. `framed` puts it in a
 * bordered box (list pages); the audit log's sits in its own card.
 */
export function FilterBar({ label, onApply, onClear, children, framed = true }: { label: string; onApply: () => void; onClear: () => void; children: ReactNode; framed?: boolean }) {
  const { t } = useTranslation();
  const form = (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onApply();
      }}
      role="search"
      aria-label={label}
    >
      <Group align="flex-end" gap="sm">
        {children}
        <Group gap="xs">
          <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
            {t('common.filter')}
          </Button>
          <Button variant="default" onClick={onClear}>
            {t('common.clearFilters')}
          </Button>
        </Group>
      </Group>
    </form>
  );
  return framed ? (
    <Paper withBorder p="sm" mb="md">
      {form}
    </Paper>
  ) : (
    form
  );
}

/** The draft a FilterBar edits: starts from the applied filters; `set` one field, `reset` to a value. */
export function useFilterDraft<T extends object>(applied: T) {
  const [draft, setDraft] = useState(applied);
  const set = <K extends keyof T>(k: K, v: T[K]) => setDraft((s) => ({ ...s, [k]: v }));
  return { draft, set, setDraft };
}
