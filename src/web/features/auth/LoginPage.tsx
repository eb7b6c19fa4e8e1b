import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { LanguageToggle } from '../../components/LanguageToggle.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useLogin, useMeQuery } from './session.ts';

/** Only same-site paths are followed after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const me = useMeQuery();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [sessionEnded] = useState(() => {
    const v = sessionStorage.getItem('phoihop.sessionEnded') === '1';
    sessionStorage.removeItem('phoihop.sessionEnded');
    return v;
  });

  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate({ username: username.trim(), password });
  };

  return (
    <Box bg="gray.1" mih="100vh">
      <Group justify="flex-end" p="sm" component="header">
        <LanguageToggle />
      </Group>
      <Center component="main" px="md" pb="xl">
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
          <Stack gap={4} align="center" mb="lg">
            <IconShieldCheck size={44} color="var(--mantine-color-red-8)" aria-hidden />
            <Title order={1} size="h2">
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm" ta="center">
              {t('auth.subtitle')}
            </Text>
          </Stack>
          <form onSubmit={submit} noValidate aria-labelledby="login-title">
            <Title order={2} size="h4" id="login-title" mb="sm">
              {t('auth.title')}
            </Title>
            <Stack>
              {sessionEnded && !login.isError && (
                <Alert color="yellow" role="status">
                  {t('auth.sessionEnded')}
                </Alert>
              )}
              {(login.isError || missing) && (
                <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
                  {missing ? t('auth.required') : errorMessage(t, login.error)}
                </Alert>
              )}
              <TextInput
                label={t('auth.username')}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                autoFocus
              />
              <PasswordInput
                label={t('auth.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={login.isPending} fullWidth>
                {t('auth.submit')}
              </Button>
            </Stack>
          </form>
          <Text size="sm" ta="center" mt="lg">
            {t('auth.citizenPrompt')}{' '}
            <Anchor component={Link} to="/report" fw={600}>
              {t('auth.citizenLink')}
            </Anchor>
          </Text>
        </Paper>
      </Center>
    </Box>
  );
}
