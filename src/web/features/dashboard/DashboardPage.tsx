import { Alert, Anchor, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth/session.ts';

/** Placeholder until the business modules arrive: says so plainly and links to what exists. */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const links = [
    { to: '/organisation', title: t('nav.organisation'), text: t('dashboard.linkOrganisation') },
    { to: '/communes', title: t('nav.communes'), text: t('dashboard.linkCommunes') },
    { to: '/people', title: t('nav.people'), text: t('dashboard.linkPeople') },
    ...(me.can.manageUsers ? [{ to: '/users', title: t('nav.users'), text: t('dashboard.linkUsers') }] : []),
    ...(me.can.viewAudit ? [{ to: '/audit', title: t('nav.audit'), text: t('dashboard.linkAudit') }] : []),
  ];
  return (
    <>
      <Title order={2} mb="xs">
        {t('dashboard.title')}
      </Title>
      <Text mb="md">{t('dashboard.welcome', { name: me.user.displayName })}</Text>
      <Alert icon={<IconInfoCircle aria-hidden />} title={t('dashboard.comingTitle')} color="blue" mb="lg">
        {t('dashboard.comingBody')}
      </Alert>
      <Title order={3} size="h4" mb="sm">
        {t('dashboard.linksTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {links.map((l) => (
          <Paper key={l.to} withBorder p="md">
            <Anchor component={Link} to={l.to} fw={600}>
              {l.title}
            </Anchor>
            <Text size="sm" c="dimmed" mt={4}>
              {l.text}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </>
  );
}
