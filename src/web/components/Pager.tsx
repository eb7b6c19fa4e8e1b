import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}

/** Total count and page buttons for a `{total, limit, offset}` list. */
export function Pager({ total, limit, offset, onChange }: Props) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  return (
    <Group justify="space-between" mt="sm" gap="xs">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('common.total', { count: total })}
        {pages > 1 ? ` · ${t('common.pageOf', { page, pages })}` : ''}
      </Text>
      {pages > 1 && (
        <nav aria-label={t('common.pagination')}>
          <Pagination size="sm" total={pages} value={page} onChange={(p) => onChange((p - 1) * limit)} siblings={1} boundaries={1} />
        </nav>
      )}
    </Group>
  );
}
