import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder: being built (issue 4). */
export function PublicTipStatusPage() {
  const { t } = useTranslation();
  return <Title order={2}>{t('publicTip.title')}</Title>;
}
