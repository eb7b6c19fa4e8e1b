import { useEffect, useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Button, Divider, FileInput, Group, List, Loader, Modal, Paper, Select, SimpleGrid, Spoiler, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconEdit, IconLink, IconPaperclip, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { DOCUMENT_RELATIONS, relationInput, type DocumentDetail, type DocumentRelation } from '../../../contracts/documents.ts';
import { TASK_STATUSES } from '../../../contracts/tasks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { isApiError } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';
import { apiPathErrors, errorMessage, zodFieldErrors, type FieldErrors } from '../../lib/errors.ts';
import { useMe } from '../auth/session.ts';
import { uploadFile, useDocumentCoverage } from '../tasks/api.ts';
import { Deadline, STATUS_COLOR, TaskStatusBadge } from '../tasks/TaskBits.tsx';
import { useAddRelation, useAttachFile, useDetachFile, useDocument, useRemoveRelation } from './api.ts';
import { DocumentPicker, documentTitle } from './DocumentBits.tsx';

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
  const remove = useRemoveRelation(doc.id);
  const canRelate = doc.abilities.relate === true;
  const rows = [
    ...doc.relations.map((r) => ({ key: `to-${r.relation}-${r.document.id}`, label: t(`documentRelation.${r.relation}`), d: r.document, own: r })),
    ...doc.relatedBy.map((r) => ({ key: `by-${r.relation}-${r.document.id}`, label: t(`documentRelationBy.${r.relation}`), d: r.document, own: null })),
  ];
  const onRemove = (relation: DocumentRelation, toDocumentId: string) =>
    remove.mutate({ relation, toDocumentId }, { onSuccess: () => notifications.show({ color: 'green', message: t('documents.relationRemoved') }) });
  return (
    <Stack gap="sm">
      {remove.isError && (
        <Alert color="red" role="alert">
          {errorMessage(t, remove.error)}
        </Alert>
      )}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('documents.noRelations')}
        </Text>
      ) : (
        <ul className="plain-list">
          {rows.map((r) => (
            <li key={r.key}>
              <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between" py={2}>
                <Text size="sm" style={{ minWidth: 0 }}>
                  <Text span size="sm" c="dimmed">
                    {r.label}:{' '}
                  </Text>
                  <Anchor component={Link} to={`/documents/${r.d.id}`} size="sm">
                    {documentTitle(t, r.d)}
                  </Anchor>
                  {r.d.issuedOn && ` (${formatDate(r.d.issuedOn)})`} — {r.d.summary}
                </Text>
                {canRelate && r.own && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => r.own && onRemove(r.own.relation, r.d.id)}
                    loading={remove.isPending && remove.variables?.toDocumentId === r.d.id && remove.variables.relation === r.own.relation}
                    aria-label={t('documents.removeRelation', { relation: r.label, document: documentTitle(t, r.d) })}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            </li>
          ))}
        </ul>
      )}
      {canRelate && <AddRelation doc={doc} />}
    </Stack>
  );
}

/** Relate this document to another one of the registry: implements, reviews, amends, replaces. */
function AddRelation({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const add = useAddRelation(doc.id);
  const [relation, setRelation] = useState<DocumentRelation>('implements');
  const [target, setTarget] = useState<string | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = relationInput.safeParse({ relation, toDocumentId: target ?? '' });
    if (!parsed.success) return setErrors(target ? zodFieldErrors(t, parsed.error) : { toDocumentId: t('validation.required') });
    setErrors({});
    add.mutate(parsed.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('documents.relationAdded') });
        setTarget(null);
        setPickerKey((k) => k + 1);
      },
      onError: (err) => setErrors(apiPathErrors(t, err)),
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('documents.addRelation')}>
      <Paper withBorder p="sm" bg="gray.0">
        <Text fw={600} size="sm" mb={6}>
          {t('documents.addRelation')}
        </Text>
        {add.isError && !Object.keys(errors).length && (
          <Alert color="red" role="alert" mb="xs">
            {errorMessage(t, add.error)}
          </Alert>
        )}
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('documents.relationKind')}
            data={DOCUMENT_RELATIONS.map((r) => ({ value: r, label: t(`documentRelation.${r}`) }))}
            value={relation}
            onChange={(v) => v && setRelation(v as DocumentRelation)}
            allowDeselect={false}
            error={errors.relation}
            w={{ base: '100%', sm: 200 }}
          />
          <div style={{ flex: '1 1 240px', minWidth: 0 }}>
            <DocumentPicker key={pickerKey} label={t('documents.relationTarget')} required value={target} onChange={(id) => setTarget(id)} error={errors.toDocumentId} />
          </div>
          <Button type="submit" variant="light" loading={add.isPending} leftSection={<IconLink size={16} aria-hidden />}>
            {t('documents.relationSubmit')}
          </Button>
        </Group>
      </Paper>
    </form>
  );
}

function Attachments({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const attach = useAttachFile(doc.id);
  const detach = useDetachFile(doc.id);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<{ id: string; filename: string } | null>(null);
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
  const onDetach = () => {
    if (!confirm) return;
    detach.mutate(confirm.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('documents.detached', { name: confirm.filename }) });
        setConfirm(null);
      },
    });
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
              <Group gap={4} wrap="nowrap">
                <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  <Anchor href={`/api/files/${a.id}`} download={a.filename} aria-label={t('documents.download', { name: a.filename })}>
                    {a.filename}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    ({formatSize(a.size)})
                  </Text>
                </span>
                {doc.abilities.attach && (
                  <ActionIcon variant="subtle" color="red" size="sm" onClick={() => setConfirm({ id: a.id, filename: a.filename })} aria-label={t('documents.detach', { name: a.filename })}>
                    <IconTrash size={14} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
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
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={t('documents.detachTitle')}>
        <Stack gap="sm">
          {detach.isError && (
            <Alert color="red" role="alert">
              {errorMessage(t, detach.error)}
            </Alert>
          )}
          <Text size="sm">{t('documents.detachConfirm', { name: confirm?.filename ?? '' })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={detach.isPending} onClick={onDetach}>
              {t('documents.detach', { name: confirm?.filename ?? '' })}
            </Button>
          </Group>
        </Stack>
      </Modal>
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
