import { useState, type FormEvent } from 'react';
import { Alert, Button, Paper, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../contracts/accounts.ts';
import { api } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () => api('/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
      setConfirm('');
      notifications.show({ color: 'green', message: t('auth.passwordChanged') });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (newPassword.length < PASSWORD_MIN_LENGTH) return setLocalError(t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH }));
    if (newPassword !== confirm) return setLocalError(t('auth.passwordsDiffer'));
    setLocalError(null);
    change.mutate();
  };
  return (
    <>
      <PageHeader title={t('auth.changePassword')} />
      <Paper withBorder p="md" maw={480}>
        <form onSubmit={submit} noValidate>
          <Stack>
            {(localError || change.isError) && (
              <Alert color="red" role="alert">
                {localError ?? errorMessage(t, change.error)}
              </Alert>
            )}
            {change.isSuccess && !localError && (
              <Alert color="green" role="status">
                {t('auth.passwordChanged')}
              </Alert>
            )}
            <PasswordInput label={t('auth.currentPassword')} autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} />
            <PasswordInput
              label={t('auth.newPassword')}
              description={t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH })}
              autoComplete="new-password"
              required
              value={newPassword}
              onChange={(e) => setNew(e.currentTarget.value)}
            />
            <PasswordInput label={t('auth.confirmPassword')} autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} />
            <Button type="submit" loading={change.isPending} w="fit-content">
              {t('common.save')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
