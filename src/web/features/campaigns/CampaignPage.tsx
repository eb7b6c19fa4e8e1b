import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder: being built (issue 6). */
export function CampaignPage() {
  const { t } = useTranslation();
  return <Title order={2}>{t('campaigns.title')}</Title>;
}
