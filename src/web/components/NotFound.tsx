import { Button, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={560} mx="auto" mt="xl">
      <Title order={2}>{t('notFound.title')}</Title>
      <Text mt="xs">{t('notFound.body')}</Text>
      <Button component={Link} to="/" mt="md" variant="light">
        {t('notAllowed.back')}
      </Button>
    </Paper>
  );
}
