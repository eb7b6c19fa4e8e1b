import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconPlus, IconTextScan2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResolvedReference } from '../../../contracts/documents.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useMe } from '../auth/session.ts';
import { useFindReferences } from './api.ts';

/** Address of the create form prefilled with the finder's proposal. */
export function proposalLink(r: ResolvedReference): string {
  const p = r.proposal;
  const q = new URLSearchParams();
  q.set('kind', p?.kind ?? r.kind);
  if (p?.system) q.set('system', p.system);
  const fields = { numberSymbol: p?.numberSymbol ?? r.symbol, issuerName: p?.issuerName ?? r.issuer, issuedOn: p?.issuedOn ?? r.date, term: p?.term ?? r.term, summary: p?.summary ?? r.subject };
  for (const [k, v] of Object.entries(fields)) if (v) q.set(k, v);
  const plenum = p?.plenum ?? r.plenum;
  if (plenum) q.set('plenum', String(plenum));
  return `/documents/new?${q.toString()}`;
}

/** "Tìm văn bản trong đoạn văn": recognise document mentions in a text and match them with the registry. */
export function ReferenceFinderPage() {
  const { t } = useTranslation();
  const me = useMe();
  const find = useFindReferences();
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) find.mutate(text);
  };
  const refs = find.data?.references ?? [];
  return (
    <>
      <PageHeader title={t('references.title')} subtitle={t('references.intro')} />
      <Paper withBorder p="md" mb="md">
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Textarea label={t('references.text')} autosize minRows={6} maxRows={20} value={text} onChange={(e) => setText(e.currentTarget.value)} required />
            <Button type="submit" w="fit-content" loading={find.isPending} leftSection={<IconTextScan2 size={16} aria-hidden />}>
              {t('references.find')}
            </Button>
          </Stack>
        </form>
      </Paper>
      {find.isError && (
        <Alert color="red" role="alert">
          {errorMessage(t, find.error)}
        </Alert>
      )}
      {find.isSuccess && (
        <Paper withBorder p="md" component="section" aria-label={t('references.found', { count: refs.length })}>
          <Text role="status" mb="sm" fw={600}>
            {refs.length ? t('references.found', { count: refs.length }) : t('references.none')}
          </Text>
          {refs.length > 0 && (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('references.mention')}</Table.Th>
                    <Table.Th scope="col">{t('documents.kind')}</Table.Th>
                    <Table.Th scope="col">{t('documents.numberSymbol')}</Table.Th>
                    <Table.Th scope="col">{t('documents.issuer')}</Table.Th>
                    <Table.Th scope="col">{t('references.date')}</Table.Th>
                    <Table.Th scope="col">{t('documents.title')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {refs.map((r, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>
                        <Text size="sm">«{r.text}»</Text>
                        {r.subject && (
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {r.subject}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{t(`documentKind.${r.kind}`)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.symbol ?? (r.number !== null ? String(r.number) : '')}</Table.Td>
                      <Table.Td>
                        {r.issuer}
                        {r.term ? ` (${t('documents.term').toLowerCase()} ${r.term})` : ''}
                        {r.plenum ? ` · ${t('documents.plenum')} ${r.plenum}` : ''}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.date)}</Table.Td>
                      <Table.Td>
                        {r.match ? (
                          <Anchor component={Link} to={`/documents/${r.match.documentId}`} size="sm">
                            {t('references.matched', { symbol: r.match.symbol ?? r.match.summary })}
                          </Anchor>
                        ) : (
                          <Group gap={4}>
                            <Badge color="orange" variant="light" tt="none">
                              {t('references.notRegistered')}
                            </Badge>
                            {me.can.createDocument === true && (
                              <Button component={Link} to={proposalLink(r)} size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} aria-hidden />}>
                                {t('references.register')}
                              </Button>
                            )}
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}
    </>
  );
}
