import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  /** YYYY-MM-DD or '' */
  value: string;
  onChange: (value: string) => void;
  minDate?: string;
  maxDate?: string;
  error?: string;
  required?: boolean;
  w?: number | string | Record<string, number | string>;
}

/** A labelled date field shown as dd/mm/yyyy whatever the browser's locale; the value stays YYYY-MM-DD. */
export function DateField({ label, value, onChange, minDate, maxDate, error, required, w }: Props) {
  const { i18n } = useTranslation();
  return (
    <DateInput
      label={label}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      valueFormat="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      locale={i18n.language === 'en' ? 'en' : 'vi'}
      dateParser={(input) => {
        const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input.trim());
        return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
      }}
      clearable
      minDate={minDate || undefined}
      maxDate={maxDate || undefined}
      error={error}
      required={required}
      w={w}
    />
  );
}
