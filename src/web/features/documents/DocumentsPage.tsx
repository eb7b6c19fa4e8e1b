import { Anchor, Button, Divider, Group, Loader, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus, IconSearch, IconTextScan2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../contracts/documents.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useMe } from '../auth/session.ts';
import { useDocumentList, type DocumentFilters } from './api.ts';
import { documentTitle } from './DocumentBits.tsx';

const EMPTY: DocumentFilters = { q: '', kind: '', issuer: '', year: '' };

function readFilters(p: URLSearchParams): DocumentFilters {
  const kind = p.get('kind') ?? '';
  return { q: p.get('q') ?? '', kind: (DOCUMENT_KINDS as readonly string[]).includes(kind) ? (kind as DocumentKind) : '', issuer: p.get('issuer') ?? '', year: p.get('year') ?? '' };
}

function toParams(f: DocumentFilters, offset = 0): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v) out[k] = v;
  if (offset) out.offset = String(offset);
  return out;
}

function FilterForm({ value, onApply }: { value: DocumentFilters; onApply: (f: DocumentFilters) => void }) {
  const { t } = useTranslation();
  const { draft: f, set, setDraft } = useFilterDraft(value);
  return (
    <FilterBar
      label={t('common.filter')}
      onApply={() => onApply({ q: f.q.trim(), kind: f.kind, issuer: f.issuer.trim(), year: /^\d{4}$/.test(f.year.trim()) ? f.year.trim() : '' })}
      onClear={() => {
        setDraft(EMPTY);
        onApply(EMPTY);
      }}
    >
      <TextInput
        type="search"
        label={t('documents.searchLabel')}
        placeholder={t('common.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={f.q}
        onChange={(e) => set('q', e.currentTarget.value)}
        w={{ base: '100%', sm: 300 }}
      />
      <Select
        label={t('documents.kind')}
        data={[{ value: '', label: t('documents.anyKind') }, ...DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documentKind.${k}`) }))]}
        value={f.kind}
        onChange={(v) => set('kind', (v ?? '') as DocumentKind | '')}
        allowDeselect={false}
        searchable
        w={{ base: '100%', sm: 200 }}
      />
      <TextInput label={t('documents.issuerFilter')} value={f.issuer} onChange={(e) => set('issuer', e.currentTarget.value)} w={{ base: '100%', sm: 240 }} />
      <TextInput label={t('documents.year')} inputMode="numeric" maxLength={4} value={f.year} onChange={(e) => set('year', e.currentTarget.value)} w={{ base: '100%', sm: 100 }} />
    </FilterBar>
  );
}

/** Văn bản: the registry of directive documents with filters and search. */
export function DocumentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const offset = Number(params.get('offset') ?? 0) || 0;
  const list = useDocumentList(filters, offset);
  const narrow = useMediaQuery('(max-width: 48em)');
  return (
    <>
      <PageHeader
        title={t('documents.title')}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/documents/references" variant="default" leftSection={<IconTextScan2 size={16} aria-hidden />}>
              {t('documents.findReferences')}
            </Button>
            {me.can.createDocument === true && (
              <Button component={Link} to="/documents/new" leftSection={<IconPlus size={16} aria-hidden />}>
                {t('documents.create')}
              </Button>
            )}
          </Group>
        }
      />
      <FilterForm key={params.toString()} value={filters} onApply={(f) => setParams(toParams(f))} />
      {list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && narrow && (
        <ul className="plain-list">
          {list.data.items.map((d, i) => (
            <li key={d.id}>
              {i > 0 && <Divider />}
              <Stack gap={2} py={6}>
                <Anchor component={Link} to={`/documents/${d.id}`} size="sm" fw={600}>
                  {documentTitle(t, d)}
                </Anchor>
                <Text size="sm" lineClamp={2}>
                  {d.summary}
                </Text>
                <Text size="xs" c="dimmed">
                  {d.issuerName}
                  {d.issuedOn ? ` · ${formatDate(d.issuedOn)}` : ''}
                </Text>
              </Stack>
            </li>
          ))}
        </ul>
      )}
      {list.data && (
        <>
          {!narrow && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('documents.numberSymbol')}</Table.Th>
                  <Table.Th scope="col">{t('documents.summary')}</Table.Th>
                  <Table.Th scope="col">{t('documents.issuer')}</Table.Th>
                  <Table.Th scope="col">{t('documents.issuedOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={`/documents/${d.id}`} fw={600} size="sm">
                        {documentTitle(t, d)}
                      </Anchor>
                      {d.classification === 'secret' && (
                        <Text span c="red" size="xs" fw={700} ml={6}>
                          {t('classification.secret')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {d.summary}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {d.issuerName}
                      {d.term ? ` (${t('documents.term').toLowerCase()} ${d.term})` : ''}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(d.issuedOn)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          )}
          {list.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
          <Pager {...list.data} onChange={(o) => setParams(toParams(filters, o))} />
        </>
      )}
    </>
  );
}
