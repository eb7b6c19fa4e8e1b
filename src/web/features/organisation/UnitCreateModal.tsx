import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { createUnitInput, type Unit, type UnitLevel, type UnitType } from '../../../contracts/organisation.ts';
import { DateField } from '../../components/DateField.tsx';
import { todayIso } from '../../lib/dates.ts';
import { apiFieldErrors, errorMessage, zodFieldErrors, type FieldErrors } from '../../lib/errors.ts';
import { fold } from '../../lib/text.ts';
import { useCommunes } from '../jurisdictions/api.ts';
import { useCreateUnit } from './api.ts';
import { unitLevelOptions, unitTypeOptions } from './options.ts';

interface Props {
  parent: Unit;
  onClose: () => void;
  onCreated: (u: Unit) => void;
}

/** Create a unit under `parent` (shown only when the parent's `abilities.createChild` is true). */
export function UnitCreateModal({ parent, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const create = useCreateUnit();
  const communes = useCommunes();
  const [values, setValues] = useState({
    code: '',
    name: '',
    shortName: '',
    type: parent.type === 'administrative_area' ? ('state_body' as UnitType) : parent.type,
    level: parent.level as UnitLevel,
    communeCode: parent.communeCode ?? '',
    validFrom: todayIso(),
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof typeof values>(k: K, v: (typeof values)[K]) => setValues((s) => ({ ...s, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      code: values.code,
      name: values.name,
      shortName: values.shortName.trim() ? values.shortName : null,
      type: values.type,
      level: values.level,
      parentId: parent.id,
      communeCode: values.communeCode || null,
      validFrom: values.validFrom || undefined,
    };
    const parsed = createUnitInput.safeParse(input);
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (u) => {
        notifications.show({ color: 'green', message: t('organisation.created', { name: u.name }) });
        onCreated(u);
        onClose();
      },
      onError: (err) => setErrors(apiFieldErrors(t, err)),
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('organisation.createChildTitle', { name: parent.name })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {create.isError && (
            <Alert color="red" role="alert">
              {errorMessage(t, create.error)}
            </Alert>
          )}
          <TextInput label={t('organisation.code')} required value={values.code} onChange={(e) => set('code', e.currentTarget.value.toUpperCase())} error={errors.code} data-autofocus />
          <TextInput label={t('organisation.name')} required value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
          <TextInput label={t('organisation.shortName')} value={values.shortName} onChange={(e) => set('shortName', e.currentTarget.value)} error={errors.shortName} />
          <Group grow align="flex-start">
            <Select label={t('organisation.type')} data={unitTypeOptions(t)} value={values.type} onChange={(v) => v && set('type', v as UnitType)} allowDeselect={false} error={errors.type} />
            <Select label={t('organisation.level')} data={unitLevelOptions(t)} value={values.level} onChange={(v) => v && set('level', v as UnitLevel)} allowDeselect={false} error={errors.level} />
          </Group>
          <Select
            label={t('organisation.commune')}
            data={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.fullName} (${c.code})` }))}
            value={values.communeCode || null}
            onChange={(v) => set('communeCode', v ?? '')}
            searchable
            clearable
            filter={({ options, search }) => options.filter((o) => 'label' in o && fold(o.label).includes(fold(search)))}
            error={errors.communeCode}
          />
          <DateField label={t('organisation.validFrom')} value={values.validFrom} onChange={(v) => set('validFrom', v)} error={errors.validFrom} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
