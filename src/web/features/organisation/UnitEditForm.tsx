import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { updateUnitInput, type Unit, type UnitType } from '../../../contracts/organisation.ts';
import { DateField } from '../../components/DateField.tsx';
import { isApiError } from '../../lib/api.ts';
import { apiFieldErrors, errorMessage, zodFieldErrors, type FieldErrors } from '../../lib/errors.ts';
import { useUpdateUnit } from './api.ts';
import { unitTypeOptions } from './options.ts';

interface Values {
  name: string;
  shortName: string;
  type: UnitType;
  validTo: string;
}

const valuesOf = (u: Unit): Values => ({ name: u.name, shortName: u.shortName ?? '', type: u.type, validTo: u.validTo ?? '' });

/** Edit name, short name, type and end of validity, validated with the shared contract. */
export function UnitEditForm({ unit, onDone }: { unit: Unit; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const update = useUpdateUnit(unit.id);
  const [values, setValues] = useState<Values>(() => valuesOf(unit));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [stale, setStale] = useState(false);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((s) => ({ ...s, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      version: unit.version,
      name: values.name,
      shortName: values.shortName.trim() ? values.shortName : null,
      type: values.type,
      validTo: values.validTo || null,
    };
    const parsed = updateUnitInput.safeParse(input);
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
    setErrors({});
    setStale(false);
    update.mutate(input, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('common.saved') });
        onDone();
      },
      onError: async (err) => {
        setErrors(apiFieldErrors(t, err));
        if (isApiError(err, 'stale_version')) {
          // Someone else saved first: load their version and let the user review it.
          setStale(true);
          const fresh = await qc.fetchQuery({ queryKey: ['units', 'one', unit.id], staleTime: 0 });
          setValues(valuesOf(fresh as Unit));
        }
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('organisation.editTitle')}>
      <Stack gap="sm">
        {update.isError && (
          <Alert color={stale ? 'yellow' : 'red'} role="alert">
            {errorMessage(t, update.error)}
          </Alert>
        )}
        <TextInput label={t('organisation.name')} required value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
        <TextInput label={t('organisation.shortName')} value={values.shortName} onChange={(e) => set('shortName', e.currentTarget.value)} error={errors.shortName} />
        <Select
          label={t('organisation.type')}
          data={unitTypeOptions(t)}
          value={values.type}
          onChange={(v) => v && set('type', v as UnitType)}
          allowDeselect={false}
          error={errors.type}
        />
        <DateField label={t('organisation.validTo')} value={values.validTo} minDate={unit.validFrom} onChange={(v) => set('validTo', v)} error={errors.validTo} />
        <Group gap="xs">
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
