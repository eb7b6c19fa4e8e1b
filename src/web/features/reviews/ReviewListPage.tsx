import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder: being built (issue 5). */
export function ReviewListPage() {
  const { t } = useTranslation();
  return <Title order={2}>{t('reviews.title')}</Title>;
}
