import { useState, type FormEvent } from 'react';
import { Alert, Button, Divider, Group, Modal, MultiSelect, PasswordInput, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, resetPasswordInput, updateUserInput, type User } from '../../../contracts/accounts.ts';
import type { Role } from '../../../contracts/roles.ts';
import { isApiError } from '../../lib/api.ts';
import { apiFieldErrors, errorMessage, zodFieldErrors, type FieldErrors } from '../../lib/errors.ts';
import { CommunePicker } from '../jurisdictions/CommunePicker.tsx';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import { useResetPassword, useUpdateUser } from './api.ts';
import { roleOptions } from './roleOptions.ts';

/** Change an account (fields follow the record's abilities) and reset its password. */
export function UserEditModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser(user.id);
  const reset = useResetPassword(user.id);
  const [values, setValues] = useState({
    displayName: user.displayName,
    unitId: user.unitId,
    roles: user.roles,
    communeCodes: user.communeCodes,
    disabled: user.disabled,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [newPassword, setNewPassword] = useState('');
  const [pwError, setPwError] = useState<string | undefined>();
  const set = <K extends keyof typeof values>(k: K, v: (typeof values)[K]) => setValues((s) => ({ ...s, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = { version: user.version, ...values };
    if (!user.abilities.disable) delete (input as Partial<typeof input>).disabled;
    const parsed = updateUserInput.safeParse(input);
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
    setErrors({});
    update.mutate(parsed.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('common.saved') });
        onClose();
      },
      onError: (err) => setErrors(apiFieldErrors(t, err)),
    });
  };

  const submitPassword = (e: FormEvent) => {
    e.preventDefault();
    const parsed = resetPasswordInput.safeParse({ newPassword });
    if (!parsed.success) return setPwError(zodFieldErrors(t, parsed.error).newPassword);
    setPwError(undefined);
    reset.mutate(newPassword, {
      onSuccess: () => {
        setNewPassword('');
        notifications.show({ color: 'green', message: t('users.passwordReset', { username: user.username }) });
      },
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('users.editTitle', { username: user.username })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {update.isError && (
            <Alert color={isApiError(update.error, 'stale_version') ? 'yellow' : 'red'} role="alert">
              {errorMessage(t, update.error)}
            </Alert>
          )}
          <TextInput label={t('users.displayName')} required value={values.displayName} onChange={(e) => set('displayName', e.currentTarget.value)} error={errors.displayName} />
          <UnitPicker label={t('users.unit')} required value={values.unitId} valueLabel={user.unitName} onChange={(id) => id && set('unitId', id)} error={errors.unitId} />
          <MultiSelect label={t('users.roles')} required searchable data={roleOptions(t)} value={values.roles} onChange={(v) => set('roles', v as Role[])} error={errors.roles} />
          <CommunePicker label={t('users.communes')} value={values.communeCodes} onChange={(v) => set('communeCodes', v)} error={errors.communeCodes} />
          {user.abilities.disable && (
            <Switch label={t('users.disableAccount')} checked={values.disabled} onChange={(e) => set('disabled', e.currentTarget.checked)} />
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      {user.abilities.resetPassword && (
        <>
          <Divider my="md" />
          <form onSubmit={submitPassword} noValidate>
            <Title order={3} size="h5" mb="xs">
              {t('users.resetPasswordTitle')}
            </Title>
            {reset.isError && (
              <Alert color="red" role="alert" mb="xs">
                {errorMessage(t, reset.error)}
              </Alert>
            )}
            {reset.isSuccess && (
              <Text c="green" size="sm" role="status" mb="xs">
                {t('users.passwordReset', { username: user.username })}
              </Text>
            )}
            <Group align="flex-end" gap="xs">
              <PasswordInput
                label={t('users.newPassword')}
                description={t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH })}
                autoComplete="new-password"
                value={newPassword}
                onChange={(e) => setNewPassword(e.currentTarget.value)}
                error={pwError}
                style={{ flex: 1, minWidth: 200 }}
              />
              <Button type="submit" variant="light" loading={reset.isPending}>
                {t('users.resetPassword')}
              </Button>
            </Group>
          </form>
        </>
      )}
    </Modal>
  );
}
