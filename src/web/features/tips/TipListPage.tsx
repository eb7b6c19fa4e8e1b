import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder: being built (issue 4). */
export function TipListPage() {
  const { t } = useTranslation();
  return <Title order={2}>{t('nav.tips')}</Title>;
}
