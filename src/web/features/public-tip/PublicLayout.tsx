import { useEffect, type ReactNode } from 'react';
import { Alert, Box, Button, Container, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPhoneCall, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LanguageToggle } from '../../components/LanguageToggle.tsx';

/**
 * Frame of the public pages: no navigation of the signed-in app, no call to /api/me; the city,
 * a language toggle and the page. Narrow and plain so that it reads well on a phone.
 */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} — ${t('publicTip.city')}`;
  }, [title, t]);
  return (
    <Box bg="gray.0" mih="100vh">
      <Box component="header" bg="red.9" c="white" py="xs">
        <Container size={720} px="sm">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Group gap={8} wrap="nowrap" miw={0}>
              <IconShieldCheck size={28} aria-hidden style={{ flexShrink: 0 }} />
              <Box miw={0}>
                <Text fw={700} size="sm" lh={1.25}>
                  {t('publicTip.portal')}
                </Text>
                <Text size="xs" lh={1.25} opacity={0.9}>
                  {t('publicTip.city')}
                </Text>
              </Box>
            </Group>
            <Box style={{ flexShrink: 0 }}>
              <LanguageToggle variant="white" />
            </Box>
          </Group>
        </Container>
      </Box>
      <Container component="main" size={720} px="sm" py="md">
        {children}
      </Container>
    </Box>
  );
}

/** The emergency notice: this form is not for emergencies, call 113. */
export function EmergencyNotice() {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="filled" icon={<IconAlertTriangle aria-hidden />} title={t('publicTip.emergencyTitle')} role="note">
      <Stack gap="xs">
        <Text size="sm" c="white">
          {t('publicTip.emergencyBody')}
        </Text>
        <div>
          <Button component="a" href="tel:113" variant="white" color="red" leftSection={<IconPhoneCall size={18} aria-hidden />}>
            {t('publicTip.call113')}
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}
