import { Alert, Button, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCircleCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TipReceipt as Receipt } from './api.ts';

function CodeRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Group gap="xs" wrap="wrap" align="center">
        <Paper withBorder bg="gray.0" px="sm" py={6} radius="sm" maw="100%">
          <Text
            component="output"
            ff="monospace"
            fw={700}
            fz={{ base: 19, xs: 24 }}
            lh={1.2}
            style={{ userSelect: 'all', overflowWrap: 'anywhere', letterSpacing: '0.02em' }}
            data-testid={testId}
          >
            {value}
          </Text>
        </Paper>
        <CopyButton value={value} timeout={2500}>
          {({ copied, copy }) => (
            <Button
              size="sm"
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'teal' : 'blue'}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              onClick={copy}
              aria-label={t('publicTip.receipt.copy', { what: label.toLowerCase() })}
            >
              {copied ? t('publicTip.receipt.copied') : t('publicTip.receipt.copyShort')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** What the sender gets once: the tracking code and the secret, with copy buttons and the warning. */
export function TipReceipt({ receipt, onAnother }: { receipt: Receipt; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md" shadow="xs">
        <Stack gap="md">
          <Group gap="xs" wrap="nowrap">
            <IconCircleCheck size={32} color="var(--mantine-color-teal-7)" aria-hidden style={{ flexShrink: 0 }} />
            <Title order={1} size="h2">
              {t('publicTip.receipt.title')}
            </Title>
          </Group>
          <Text>{t('publicTip.receipt.intro')}</Text>
          <CodeRow label={t('publicTip.receipt.code')} value={receipt.trackingCode} testId="tracking-code" />
          <CodeRow label={t('publicTip.receipt.secret')} value={receipt.secret} testId="tracking-secret" />
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('publicTip.receipt.warningTitle')} role="alert">
            {t('publicTip.receipt.warning')}
          </Alert>
        </Stack>
      </Paper>
      <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
        <Button component={Link} to={`/report/status?code=${encodeURIComponent(receipt.trackingCode)}`} size="md">
          {t('publicTip.receipt.statusLink')}
        </Button>
        <Button variant="default" size="md" onClick={onAnother}>
          {t('publicTip.receipt.another')}
        </Button>
      </Group>
    </Stack>
  );
}
