import { useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail, DocumentKind, DocumentListItem } from '../../../contracts/documents.ts';
import { api, type Page } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';

/** "Nghị quyết 16-NQ/TW" — kind and number/symbol, or kind and date when unnumbered. */
export function documentTitle(t: TFunction, d: { kind: DocumentKind; symbol: string | null; issuedOn?: string | null }): string {
  const kind = t(`documentKind.${d.kind}`);
  if (d.symbol) return `${kind} ${d.symbol}`;
  return d.issuedOn ? `${kind} ${t('documents.noNumber').toLowerCase()} (${formatDate(d.issuedOn)})` : `${kind} (${t('documents.noNumber').toLowerCase()})`;
}

interface PickerProps {
  label: string;
  value: string | null;
  valueLabel?: string;
  onChange: (id: string | null, label: string | null) => void;
  error?: string;
  required?: boolean;
  w?: number | string | Record<string, number | string>;
}

/** Pick a registered document by typing part of its number, summary or issuer (accent-insensitive on the server). */
export function DocumentPicker({ label, value, valueLabel, onChange, error, required, w }: PickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ id: string; label: string } | null>(value && valueLabel ? { id: value, label: valueLabel } : null);
  const [debounced] = useDebouncedValue(search, 250);
  const typed = debounced && debounced !== picked?.label ? debounced : '';
  const docs = useQuery({
    queryKey: ['documents', 'picker', typed],
    queryFn: ({ signal }) => api<Page<DocumentListItem>>('/documents', { query: { q: typed || undefined, limit: 30 }, signal }),
  });
  const data = useMemo(() => {
    const items = (docs.data?.items ?? []).map((d) => ({ value: d.id, label: `${documentTitle(t, d)} — ${d.summary}`.slice(0, 160) }));
    if (picked && !items.some((i) => i.value === picked.id)) items.unshift({ value: picked.id, label: picked.label });
    return items;
  }, [docs.data, picked, t]);
  return (
    <Select
      label={label}
      placeholder={t('taskForm.pickDocument')}
      data={data}
      value={value}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={docs.isFetching ? t('app.loading') : t('common.noResults')}
      onChange={(id, option) => {
        const p = id && option ? { id, label: option.label } : null;
        setPicked(p);
        onChange(id, p?.label ?? null);
      }}
      error={error}
      required={required}
      maxDropdownHeight={280}
      w={w}
    />
  );
}

/** Choose one clause of a document ("Mục II.3 — …"). */
export function ClauseSelect({
  label,
  documentId,
  value,
  onChange,
  error,
  required,
  w,
}: {
  label: string;
  documentId: string | null;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  required?: boolean;
  w?: number | string | Record<string, number | string>;
}) {
  const { t } = useTranslation();
  const doc = useQuery({
    queryKey: ['documents', 'one', documentId],
    queryFn: ({ signal }) => api<DocumentDetail>(`/documents/${documentId}`, { signal }),
    enabled: !!documentId,
  });
  const clauses = doc.data?.clauses ?? [];
  const data = clauses.map((c) => ({ value: c.id, label: `${'  '.repeat(c.depth)}${c.label} — ${c.text}`.slice(0, 160) }));
  return (
    <Select
      label={label}
      placeholder={documentId && doc.data && clauses.length === 0 ? t('taskForm.noClauses') : t('taskForm.pickClause')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      disabled={!documentId || (doc.isSuccess && clauses.length === 0)}
      error={error}
      required={required}
      maxDropdownHeight={280}
      w={w}
    />
  );
}
