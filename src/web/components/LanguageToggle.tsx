import { Button } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../lib/i18n.ts';

/** One button that switches between Vietnamese and English; the choice is remembered. */
export function LanguageToggle({ variant = 'light' }: { variant?: 'light' | 'white' | 'default' }) {
  const { t } = useTranslation();
  const next = currentLanguage() === 'vi' ? 'en' : 'vi';
  return (
    <Button
      variant={variant}
      size="compact-sm"
      leftSection={<IconLanguage size={16} aria-hidden />}
      lang={next}
      aria-label={t('app.switchLanguageLabel')}
      onClick={() => setLanguage(next)}
    >
      {t('app.switchLanguage')}
    </Button>
  );
}
