import { useState, type FormEvent } from 'react';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.tsx';
import type { AuditFilters } from './api.ts';

const ENTITY_TYPES = ['user', 'unit', 'person', 'jurisdiction', 'system', 'route'] as const;

export function AuditFilterForm({ value, onApply }: { value: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState(value);
  const set = (k: keyof AuditFilters, v: string) => setF((s) => ({ ...s, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...f, action: f.action.trim() });
  };
  const empty = { action: '', entityType: '', from: '', to: '' };
  return (
    <form onSubmit={submit} role="search" aria-label={t('common.filter')}>
      <Group align="flex-end" gap="sm">
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
        <Group gap="xs">
          <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
            {t('common.filter')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setF(empty);
              onApply(empty);
            }}
          >
            {t('common.clearFilters')}
          </Button>
        </Group>
      </Group>
    </form>
  );
}
