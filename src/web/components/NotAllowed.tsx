import { Button, Paper, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Shown when the signed-in user may not use a page (the server decides, via Me.can). */
export function NotAllowed() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={560} mx="auto" mt="xl" role="alert" aria-labelledby="not-allowed-title">
      <IconLock size={40} aria-hidden color="var(--mantine-color-red-7)" />
      <Title order={2} id="not-allowed-title" mt="sm">
        {t('notAllowed.title')}
      </Title>
      <Text mt="xs">{t('notAllowed.body')}</Text>
      <Button component={Link} to="/" mt="md" variant="light">
        {t('notAllowed.back')}
      </Button>
    </Paper>
  );
}
