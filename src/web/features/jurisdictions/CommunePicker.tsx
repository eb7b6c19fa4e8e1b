import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fold } from '../../lib/text.ts';
import { useCommunes } from './api.ts';

interface Props {
  label: string;
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string;
}

/** Pick communes of the city; typing without accents works ("ben thanh"). */
export function CommunePicker({ label, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const communes = useCommunes();
  const data = (communes.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.fullName} (${c.code})` }));
  return (
    <MultiSelect
      label={label}
      placeholder={value.length ? undefined : t('users.communesPlaceholder')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      hidePickedOptions
      maxDropdownHeight={260}
      filter={({ options, search }) => options.filter((o) => 'label' in o && fold(o.label).includes(fold(search.trim())))}
      nothingFoundMessage={t('common.noResults')}
      error={error}
    />
  );
}
