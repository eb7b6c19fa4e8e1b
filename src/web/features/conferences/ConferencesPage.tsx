import { Anchor, Button, Divider, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CONFERENCE_KINDS, type ConferenceKind } from '../../../contracts/conferences.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useMe } from '../auth/session.ts';
import { useConferenceList } from './api.ts';

/** Hội nghị: conferences visible to the user, newest first. */
export function ConferencesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kindParam = params.get('kind') ?? '';
  const kind = (CONFERENCE_KINDS as readonly string[]).includes(kindParam) ? (kindParam as ConferenceKind) : '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const list = useConferenceList({ q, kind }, offset);
  const narrow = useMediaQuery('(max-width: 48em)');
  const apply = (next: { q?: string; kind?: string; offset?: number }) => {
    const merged = { q, kind: kind as string, ...next };
    const out: Record<string, string> = {};
    if (merged.q) out.q = merged.q;
    if (merged.kind) out.kind = merged.kind;
    if (next.offset) out.offset = String(next.offset);
    setParams(out);
  };
  return (
    <>
      <PageHeader
        title={t('conferences.title')}
        actions={
          me.can.importConference === true && (
            <Button component={Link} to="/conferences/import" leftSection={<IconFileImport size={16} aria-hidden />}>
              {t('conferences.import')}
            </Button>
          )
        }
      />
      <Group align="flex-end" gap="sm" mb="md" grow={narrow} preventGrowOverflow={false} wrap="wrap">
        <SearchBox label={t('conferences.searchLabel')} value={q} onChange={(v) => apply({ q: v })} />
        <Select
          label={t('conferences.kind')}
          data={[{ value: '', label: t('documents.anyKind') }, ...CONFERENCE_KINDS.map((k) => ({ value: k, label: t(`conferenceKind.${k}`) }))]}
          value={kind}
          onChange={(v) => apply({ kind: v ?? '' })}
          allowDeselect={false}
          w={{ base: '100%', sm: 220 }}
        />
      </Group>
      {list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && narrow && (
        <ul className="plain-list">
          {list.data.items.map((c, i) => (
            <li key={c.id}>
              {i > 0 && <Divider />}
              <Stack gap={2} py={6}>
                <Anchor component={Link} to={`/conferences/${c.id}`} size="sm" fw={600}>
                  {c.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDate(c.heldOn)} · {t(`conferenceKind.${c.kind}`)} · {c.hostUnitName} · {t('conferences.items')}: {c.itemCount}
                </Text>
              </Stack>
            </li>
          ))}
        </ul>
      )}
      {list.data && (
        <>
          {!narrow && (
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('conferences.heldOn')}</Table.Th>
                  <Table.Th scope="col">{t('conferenceImport.confTitle')}</Table.Th>
                  <Table.Th scope="col">{t('conferences.kind')}</Table.Th>
                  <Table.Th scope="col">{t('conferences.hostUnit')}</Table.Th>
                  <Table.Th scope="col">{t('conferences.items')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(c.heldOn)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/conferences/${c.id}`} size="sm" fw={600}>
                        {c.title}
                      </Anchor>
                      {c.place && (
                        <Text size="xs" c="dimmed">
                          {c.place}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`conferenceKind.${c.kind}`)}</Table.Td>
                    <Table.Td>{c.hostUnitName}</Table.Td>
                    <Table.Td>{c.itemCount}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          )}
          {list.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
          <Pager {...list.data} onChange={(o) => apply({ offset: o })} />
        </>
      )}
    </>
  );
}
