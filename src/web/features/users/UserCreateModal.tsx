import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { createUserInput, PASSWORD_MIN_LENGTH } from '../../../contracts/accounts.ts';
import type { Role } from '../../../contracts/roles.ts';
import { apiFieldErrors, errorMessage, zodFieldErrors, type FieldErrors } from '../../lib/errors.ts';
import { CommunePicker } from '../jurisdictions/CommunePicker.tsx';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import { useCreateUser } from './api.ts';
import { roleOptions } from './roleOptions.ts';

export function UserCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [values, setValues] = useState({
    username: '',
    displayName: '',
    unitId: null as string | null,
    roles: [] as Role[],
    communeCodes: [] as string[],
    password: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof typeof values>(k: K, v: (typeof values)[K]) => setValues((s) => ({ ...s, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = { ...values, unitId: values.unitId ?? '', communeCodes: values.communeCodes };
    const parsed = createUserInput.safeParse(input);
    if (!parsed.success) {
      const errs = zodFieldErrors(t, parsed.error);
      if (!values.unitId) errs.unitId = t('validation.required');
      return setErrors(errs);
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (u) => {
        notifications.show({ color: 'green', message: t('users.created', { username: u.username }) });
        onClose();
      },
      onError: (err) => setErrors(apiFieldErrors(t, err)),
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('users.createTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {create.isError && (
            <Alert color="red" role="alert">
              {errorMessage(t, create.error)}
            </Alert>
          )}
          <TextInput
            label={t('users.username')}
            description={t('users.usernameHint')}
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={values.username}
            onChange={(e) => set('username', e.currentTarget.value)}
            error={errors.username}
            data-autofocus
          />
          <TextInput label={t('users.displayName')} required value={values.displayName} onChange={(e) => set('displayName', e.currentTarget.value)} error={errors.displayName} />
          <UnitPicker label={t('users.unit')} required value={values.unitId} onChange={(id) => set('unitId', id)} error={errors.unitId} />
          <MultiSelect
            label={t('users.roles')}
            required
            data={roleOptions(t)}
            searchable
            value={values.roles}
            onChange={(v) => set('roles', v as Role[])}
            error={errors.roles}
          />
          <CommunePicker label={t('users.communes')} value={values.communeCodes} onChange={(v) => set('communeCodes', v)} error={errors.communeCodes} />
          <PasswordInput
            label={t('users.password')}
            description={t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            required
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errors.password}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
