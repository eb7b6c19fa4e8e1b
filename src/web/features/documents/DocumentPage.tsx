import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Divider, FileInput, Group, List, Loader, Paper, SimpleGrid, Spoiler, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconEdit, IconPaperclip, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { DocumentDetail } from '../../../contracts/documents.ts';
import { TASK_STATUSES } from '../../../contracts/tasks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { isApiError } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useMe } from '../auth/session.ts';
import { uploadFile, useDocumentCoverage } from '../tasks/api.ts';
import { Deadline, STATUS_COLOR, TaskStatusBadge } from '../tasks/TaskBits.tsx';
import { useAttachFile, useDocument } from './api.ts';
import { documentTitle } from './DocumentBits.tsx';

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  if (!value) return null;
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

const formatSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function Relations({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const rows = [
    ...doc.relations.map((r) => ({ label: t(`documentRelation.${r.relation}`), d: r.document })),
    ...doc.relatedBy.map((r) => ({ label: t(`documentRelationBy.${r.relation}`), d: r.document })),
  ];
  if (!rows.length) return <Text size="sm" c="dimmed">{t('documents.noRelations')}</Text>;
  return (
    <List size="sm" spacing={4}>
      {rows.map((r, i) => (
        <List.Item key={i}>
          <Text span size="sm" c="dimmed">
            {r.label}:{' '}
          </Text>
          <Anchor component={Link} to={`/documents/${r.d.id}`} size="sm">
            {documentTitle(t, r.d)}
          </Anchor>
          {r.d.issuedOn && ` (${formatDate(r.d.issuedOn)})`} — {r.d.summary}
        </List.Item>
      ))}
    </List>
  );
}

function Attachments({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const attach = useAttachFile(doc.id);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onPick = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const stored = await uploadFile(file);
      await attach.mutateAsync(stored.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      {doc.attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('documents.noAttachments')}
        </Text>
      ) : (
        <List size="sm" spacing={4}>
          {doc.attachments.map((a) => (
            <List.Item key={a.id} icon={<IconDownload size={14} aria-hidden />}>
              <Anchor href={`/api/files/${a.id}`} download={a.filename} aria-label={t('documents.download', { name: a.filename })}>
                {a.filename}
              </Anchor>{' '}
              <Text span size="xs" c="dimmed">
                ({formatSize(a.size)})
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {doc.abilities.attach && (
        <FileInput
          label={t('documents.attach')}
          leftSection={<IconPaperclip size={16} aria-hidden />}
          accept=".pdf,.docx"
          value={null}
          onChange={(f) => void onPick(f)}
          disabled={busy}
          description={busy ? t('taskActions.uploading') : undefined}
          error={error ? errorMessage(t, error) : undefined}
          maw={420}
        />
      )}
    </Stack>
  );
}

/** Clause coverage: clauses with no task first, tasks per clause with their status counts. */
function Coverage({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const coverage = useDocumentCoverage(doc.id);
  const canAssign = me.can.assignTasks === true;
  const docLabel = documentTitle(t, doc);
  const createLink = (clauseId?: string) =>
    `/tasks/new?${new URLSearchParams({ documentId: doc.id, documentLabel: `${docLabel} — ${doc.summary}`.slice(0, 160), ...(clauseId ? { clauseId } : {}) }).toString()}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="coverage-title">
      <Title order={3} size="h4" id="coverage-title" mb="xs">
        {t('coverage.title')}
      </Title>
      {coverage.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {coverage.isError && <ErrorState error={coverage.error} onRetry={() => void coverage.refetch()} />}
      {coverage.data && (
        <Stack gap="sm">
          <Text size="sm" role="status">
            {t('coverage.summary', { uncovered: coverage.data.uncoveredCount, total: coverage.data.clauseCount, date: formatDate(coverage.data.asOf) })}
          </Text>
          {coverage.data.clauses.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('documents.noClauses')}
            </Text>
          )}
          {coverage.data.clauses.map((c) => (
            <Paper key={c.clauseId} withBorder p="sm" role="group" aria-label={`${c.label} (${c.ref})`} bg={c.taskCount === 0 ? 'orange.0' : undefined}>
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Text fw={700} size="sm">
                    {c.label}{' '}
                    <Text span c="dimmed" size="xs">
                      ({c.ref})
                    </Text>
                  </Text>
                  <Text size="sm" lineClamp={3}>
                    {c.text}
                  </Text>
                </div>
                {c.taskCount === 0 ? (
                  <Badge color="orange" tt="none" style={{ flexShrink: 0 }}>
                    {t('coverage.uncovered')}
                  </Badge>
                ) : (
                  <Badge color="blue" variant="light" tt="none" style={{ flexShrink: 0 }}>
                    {t('coverage.covered', { count: c.taskCount })}
                  </Badge>
                )}
              </Group>
              {c.taskCount > 0 && (
                <Group gap={4} mt={6}>
                  {TASK_STATUSES.filter((s) => (c.counts[s] ?? 0) > 0).map((s) => (
                    <Badge key={s} color={STATUS_COLOR[s]} variant="dot" tt="none" size="sm">
                      {t(`taskStatus.${s}`)}: {c.counts[s]}
                    </Badge>
                  ))}
                </Group>
              )}
              {c.tasks.length > 0 && (
                <ul className="plain-list" style={{ marginTop: 6 }}>
                  {c.tasks.map((task) => (
                    <li key={task.id}>
                      <Group gap="xs" wrap="wrap" py={2}>
                        <Anchor component={Link} to={`/tasks/${task.id}`} size="sm">
                          <Text span ff="monospace" size="xs" c="dimmed" mr={4}>
                            {task.code}
                          </Text>
                          {task.title}
                        </Anchor>
                        <TaskStatusBadge status={task.status} size="sm" />
                        <Text size="xs" c="dimmed">
                          {task.leadUnitName} · <Deadline task={{ deadlineOn: task.deadlineOn, recurrence: 'none', nextReportDueOn: null }} /> · {task.progress}%
                        </Text>
                      </Group>
                    </li>
                  ))}
                </ul>
              )}
              {canAssign && (
                <Button component={Link} to={createLink(c.clauseId)} size="compact-sm" variant="subtle" mt={6} leftSection={<IconPlus size={14} aria-hidden />}>
                  {t('coverage.createTask', { ref: c.label })}
                </Button>
              )}
            </Paper>
          ))}
          {coverage.data.documentTasks.length > 0 && (
            <>
              <Text fw={600} size="sm">
                {t('coverage.documentTasks')}
              </Text>
              <ul className="plain-list">
                {coverage.data.documentTasks.map((task) => (
                  <li key={task.id}>
                    <Group gap="xs" py={2}>
                      <Anchor component={Link} to={`/tasks/${task.id}`} size="sm">
                        {task.code} {task.title}
                      </Anchor>
                      <TaskStatusBadge status={task.status} size="sm" />
                    </Group>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/** One document: identity, relations both ways, attachments, clauses and their coverage by tasks. */
export function DocumentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const doc = useDocument(id);

  // Follow a "#clause-…" link once the clauses are on the page.
  useEffect(() => {
    if (doc.data && location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [doc.data, location.hash]);

  if (doc.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (doc.isError) return isApiError(doc.error, 'not_found') ? <NotFound /> : <ErrorState error={doc.error} onRetry={() => void doc.refetch()} />;
  const d = doc.data;
  const title = documentTitle(t, d);

  return (
    <>
      <Group justify="space-between" align="flex-start" mb="md" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Text c="dimmed" size="sm">
            {d.issuerName}
            {d.issuedOn ? ` · ${formatDate(d.issuedOn)}` : ''}
          </Text>
          <Title order={2}>{title}</Title>
          <Text mt={4}>{d.summary}</Text>
        </div>
        {d.abilities.update && (
          <Button component={Link} to={`/documents/${d.id}/edit`} variant="light" leftSection={<IconEdit size={16} aria-hidden />}>
            {t('common.edit')}
          </Button>
        )}
      </Group>
      {d.classification === 'secret' && (
        <Alert color="red" mb="md">
          {t('classification.secret')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Stack gap="md">
          <Paper withBorder p="md" component="section" aria-label={t('tasks.details')}>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <Field label={t('documents.numberSymbol')} value={d.symbol ?? t('documents.noNumber')} />
              <Field label={t('documents.kind')} value={t(`documentKind.${d.kind}`)} />
              <Field label={t('documents.system')} value={t(`documentSystem.${d.system}`)} />
              <Field label={t('documents.issuer')} value={d.issuerUnitName ? `${d.issuerName} (${d.issuerUnitName})` : d.issuerName} />
              <Field label={t('documents.issuedOn')} value={formatDate(d.issuedOn)} />
              <Field label={t('documents.term')} value={d.term} />
              <Field label={t('documents.plenum')} value={d.plenum !== null ? String(d.plenum) : null} />
              <Field label={t('documents.classification')} value={t(`classification.${d.classification}`)} />
              <Field label={t('documents.owner')} value={d.ownerUnitName} />
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="doc-relations">
            <Title order={3} size="h5" id="doc-relations" mb="xs">
              {t('documents.relations')}
            </Title>
            <Relations doc={d} />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="doc-files">
            <Title order={3} size="h5" id="doc-files" mb="xs">
              {t('documents.attachments')}
            </Title>
            <Attachments doc={d} />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="doc-clauses">
            <Title order={3} size="h5" id="doc-clauses" mb="xs">
              {t('documents.clauses')}
            </Title>
            {d.clauses.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('documents.noClauses')}
              </Text>
            ) : (
              <ul className="plain-list">
                {d.clauses.map((c, i) => (
                  <li key={c.id} id={`clause-${c.id}`} style={{ paddingLeft: c.depth * 16 }}>
                    {i > 0 && <Divider my={4} />}
                    <Text size="sm">
                      <b>{c.label}.</b> <span className="pre-wrap">{c.text}</span>
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </Paper>
          {d.body && (
            <Paper withBorder p="md" component="section" aria-labelledby="doc-body">
              <Title order={3} size="h5" id="doc-body" mb="xs">
                {t('documents.body')}
              </Title>
              <Spoiler maxHeight={200} showLabel={t('common.details')} hideLabel={t('common.close')}>
                <Text size="sm" className="pre-wrap">
                  {d.body}
                </Text>
              </Spoiler>
            </Paper>
          )}
        </Stack>
        <Coverage doc={d} />
      </SimpleGrid>
    </>
  );
}
