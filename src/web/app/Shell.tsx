import { AppShell, Box, Burger, Button, Group, NavLink, ScrollArea, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { startLive } from '../lib/live.ts';
import { IconLogout, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../features/auth/session.ts';
import { LanguageToggle } from '../components/LanguageToggle.tsx';
import { NotificationBell } from '../features/notifications/NotificationBits.tsx';
import { NAV_ITEMS } from './navigation.ts';

export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const queryClient = useQueryClient();
  // One live stream per signed-in tab: lists and the board refresh when records change (ADR 010).
  useEffect(() => startLive(queryClient), [queryClient]);
  const items = NAV_ITEMS.filter((i) => !i.visible || i.visible(me));
  const sections = [
    { key: 'work', label: t('nav.sectionWork') },
    { key: 'admin', label: t('nav.sectionAdmin') },
    { key: 'self', label: null },
  ] as const;
  const isActive = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to));

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header bg="red.9" c="white">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              color="white"
              aria-label={opened ? t('app.closeNavigation') : t('app.openNavigation')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Box visibleFrom="xs" display="flex" aria-hidden>
              <IconShieldCheck size={26} />
            </Box>
            <Title order={1} size="h4" c="yellow.3" style={{ whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Stack gap={0} visibleFrom="sm" align="flex-end" aria-label={t('app.userMenu')}>
              <Text size="sm" fw={600} lh={1.2}>
                {me.user.displayName}
              </Text>
              <Text size="xs" lh={1.2} c="red.1">
                {me.user.unitName}
              </Text>
            </Stack>
            <NotificationBell />
            <LanguageToggle variant="white" />
            <Button
              variant="subtle"
              color="white"
              c="white"
              size="compact-sm"
              leftSection={<IconLogout size={16} aria-hidden />}
              loading={logout.isPending}
              onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login') })}
            >
              <Text span visibleFrom="xs" inherit>
                {t('app.logout')}
              </Text>
              <VisuallyHidden hiddenFrom="xs">{t('app.logout')}</VisuallyHidden>
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="main-navigation" aria-label={t('app.mainNavigation')}>
        <AppShell.Section hiddenFrom="sm" px="xs" pb="xs">
          <Text size="sm" fw={600}>
            {me.user.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {me.user.unitName}
          </Text>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          {sections.map((s) => {
            const list = items.filter((i) => i.section === s.key);
            if (!list.length) return null;
            return (
              <Stack key={s.key} gap={2} mb="sm">
                {s.label && (
                  <Text size="xs" tt="uppercase" fw={700} c="dimmed" px="xs" mt="xs">
                    {s.label}
                  </Text>
                )}
                {list.map((i) => (
                  <NavLink
                    key={i.to}
                    component={Link}
                    to={i.to}
                    label={t(i.labelKey)}
                    leftSection={<i.icon size={18} stroke={1.6} />}
                    active={isActive(i.to)}
                    aria-current={isActive(i.to) ? 'page' : undefined}
                    onClick={close}
                  />
                ))}
              </Stack>
            );
          })}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
