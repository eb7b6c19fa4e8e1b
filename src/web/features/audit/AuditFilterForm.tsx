import { Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.tsx';
import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import type { AuditFilters } from './api.ts';

const ENTITY_TYPES = ['user', 'unit', 'person', 'jurisdiction', 'system', 'route'] as const;

export function AuditFilterForm({ value, onApply }: { value: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const { draft: f, set, setDraft } = useFilterDraft(value);
  const empty = { action: '', entityType: '', from: '', to: '' };
  return (
    <FilterBar
      framed={false}
      label={t('common.filter')}
      onApply={() => onApply({ ...f, action: f.action.trim() })}
      onClear={() => {
        setDraft(empty);
        onApply(empty);
      }}
    >
      <TextInput label={t('audit.action')} placeholder={t('audit.actionPlaceholder')} value={f.action} onChange={(e) => set('action', e.currentTarget.value)} w={{ base: '100%', xs: 220 }} />
      <Select
        label={t('audit.entityType')}
        data={[{ value: '', label: t('audit.anyEntity') }, ...ENTITY_TYPES.map((v) => ({ value: v, label: t(`entityType.${v}`) }))]}
        value={f.entityType}
        onChange={(v) => set('entityType', v ?? '')}
        allowDeselect={false}
        w={{ base: '100%', xs: 180 }}
      />
      <DateField label={t('audit.from')} value={f.from} maxDate={f.to} onChange={(v) => set('from', v)} w={{ base: '100%', xs: 160 }} />
      <DateField label={t('audit.to')} value={f.to} minDate={f.from} onChange={(v) => set('to', v)} w={{ base: '100%', xs: 160 }} />
    </FilterBar>
  );
}
