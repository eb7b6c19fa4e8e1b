import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Box, Button, Divider, Group, Loader, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import {
  IconCheck,
  IconEdit,
  IconGitBranch,
  IconMessageReply,
  IconPlayerPause,
  IconPlayerPlay,
  IconReport,
  IconSend,
  IconX,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TaskDetail, TimelineEntry } from '../../../contracts/tasks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { isApiError } from '../../lib/api.ts';
import { useMe } from '../auth/session.ts';
import { useTask } from './api.ts';
import { Deadline, STATUS_COLOR, TaskLine, TaskProgress, TaskStatusBadge } from './TaskBits.tsx';
import { EvaluateModal, LifecycleModal, ReportModal, RespondModal } from './TaskActions.tsx';
import { TaskEditModal } from './TaskEditModal.tsx';

type Dialog =
  | { kind: 'report'; submit: boolean }
  | { kind: 'evaluate' }
  | { kind: 'edit' }
  | { kind: 'respond'; unit: { id: string; name: string } }
  | { kind: 'lifecycle'; action: 'pause' | 'resume' | 'cancel' }
  | null;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** Where the task comes from, linked: a document clause, a document, a conference conclusion, a parent task. */
function SourceLink({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const s = task.source;
  switch (s.kind) {
    case 'document_clause':
    case 'document':
      return s.documentId ? (
        <Anchor component={Link} to={`/documents/${s.documentId}${s.clauseId ? `#clause-${s.clauseId}` : ''}`}>
          {[s.documentLabel, s.clauseLabel].filter(Boolean).join(' — ') || t(`sourceKind.${s.kind}`)}
        </Anchor>
      ) : (
        <>{t(`sourceKind.${s.kind}`)}</>
      );
    case 'conference_item':
      return (
        <>
          {s.conferenceId ? (
            <Anchor component={Link} to={`/conferences/${s.conferenceId}${s.conferenceItemId ? `#item-${s.conferenceItemId}` : ''}`}>
              {t('tasks.conferenceItem')}
            </Anchor>
          ) : (
            t('tasks.conferenceItem')
          )}
          {s.documentId && (
            <>
              {' · '}
              <Anchor component={Link} to={`/documents/${s.documentId}${s.clauseId ? `#clause-${s.clauseId}` : ''}`}>
                {[s.documentLabel, s.clauseLabel].filter(Boolean).join(' — ')}
              </Anchor>
            </>
          )}
        </>
      );
    case 'parent_task':
      return s.parentId ? (
        <Anchor component={Link} to={`/tasks/${s.parentId}`}>
          {t('tasks.parentTask')}
        </Anchor>
      ) : (
        <>{t('tasks.parentTask')}</>
      );
    default:
      return <>{t('sourceKind.none')}</>;
  }
}

function Evidence({ items }: { items: TimelineEntry['evidence'] }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  return (
    <Box mt={4}>
      <Text size="xs" fw={600}>
        {t('tasks.evidence')}:
      </Text>
      <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
        {items.map((e, i) => (
          <li key={i}>
            <Text size="sm" span>
              <Text span c="dimmed" size="xs">
                {t(`evidenceKind.${e.kind}`)}:{' '}
              </Text>
              {e.kind === 'file' && e.fileId ? (
                <Anchor href={`/api/files/${e.fileId}`} download>
                  {e.fileName ?? e.fileId}
                </Anchor>
              ) : e.kind === 'link' && e.url ? (
                <Anchor href={e.url} target="_blank" rel="noopener noreferrer">
                  {e.url}
                </Anchor>
              ) : e.kind === 'document' ? (
                e.documentRef
              ) : e.kind === 'record' ? (
                `${e.recordType ?? ''} ${e.recordId ?? ''}`
              ) : (
                <span className="pre-wrap">{e.text}</span>
              )}
            </Text>
          </li>
        ))}
      </ul>
    </Box>
  );
}

const TIMELINE_COLOR: Partial<Record<TimelineEntry['kind'], string>> = {
  accepted: 'green',
  returned: 'pink',
  submitted: 'violet',
  cancelled: 'dark',
  paused: 'yellow',
  coordination_answered: 'teal',
};

function TaskTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  if (!entries.length) return <Text c="dimmed">{t('tasks.noTimeline')}</Text>;
  return (
    <Timeline active={entries.length - 1} bulletSize={14} lineWidth={2}>
      {entries.map((e, i) => (
        <Timeline.Item key={i} color={TIMELINE_COLOR[e.kind] ?? 'blue'} title={<Text fw={600} size="sm">{t(`timelineKind.${e.kind}`)}{e.percent !== null ? ` — ${e.percent}%` : ''}</Text>}>
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at)}
            {e.actorName ? ` · ${e.unitName ? t('tasks.byActor', { actor: e.actorName, unit: e.unitName }) : e.actorName}` : e.unitName ? ` · ${e.unitName}` : ''}
          </Text>
          {e.text && (
            <Text size="sm" className="pre-wrap">
              {e.text}
            </Text>
          )}
          {e.newDeadlineOn && (
            <Text size="sm" c="orange.8">
              {t('tasks.newDeadline', { date: formatDate(e.newDeadlineOn) })}
            </Text>
          )}
          <Evidence items={e.evidence} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function Coordinators({ task, onRespond }: { task: TaskDetail; onRespond: (u: { id: string; name: string }) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!task.coordinators.length) return <Text c="dimmed" size="sm">{t('tasks.noCoordinators')}</Text>;
  const unanswered = task.coordinators.filter((c) => c.respondedAt === null);
  // The server says whether the user may answer (abilities.respond); they answer for their own
  // unit when it is one of the coordinators, otherwise (an administrator) for any unanswered one.
  const answerable = !task.abilities.respond ? [] : unanswered.some((c) => c.unitId === me.user.unitId) ? unanswered.filter((c) => c.unitId === me.user.unitId) : unanswered;
  return (
    <ul className="plain-list">
      {task.coordinators.map((c, i) => (
        <li key={c.unitId} aria-label={c.unitName}>
          {i > 0 && <Divider my="xs" />}
          <Group justify="space-between" align="flex-start" gap="xs">
            <div style={{ minWidth: 0, flex: '1 1 260px' }}>
              <Text fw={600} size="sm">
                {c.unitName}
              </Text>
              <Text size="sm" className="pre-wrap">
                <Text span c="dimmed" size="xs">
                  {t('tasks.part')}:{' '}
                </Text>
                {c.part ?? t('common.none')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('tasks.requestedAt')} {formatDateTime(c.requestedAt)}
              </Text>
            </div>
            <div style={{ minWidth: 0, flex: '1 1 260px' }}>
              {c.respondedAt ? (
                <>
                  <Text size="sm" className="pre-wrap">
                    <Text span c="dimmed" size="xs">
                      {t('tasks.response')}:{' '}
                    </Text>
                    {c.response}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('tasks.respondedAt')} {formatDateTime(c.respondedAt)}
                    {c.responseHours !== null && ` · ${t('tasks.responseHours')}: ${t('tasks.hours', { count: Math.round(c.responseHours * 10) / 10 })}`}
                  </Text>
                </>
              ) : answerable.some((a) => a.unitId === c.unitId) ? (
                <Button size="compact-sm" variant="light" leftSection={<IconMessageReply size={14} aria-hidden />} onClick={() => onRespond({ id: c.unitId, name: c.unitName })}>
                  {t('taskActions.respond')}
                </Button>
              ) : (
                <Badge color="orange" variant="light" tt="none">
                  {t('tasks.notAnswered')}
                </Badge>
              )}
            </div>
          </Group>
        </li>
      ))}
    </ul>
  );
}

function ActionBar({ task, open }: { task: TaskDetail; open: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const a = task.abilities;
  const buttons: ReactNode[] = [];
  if (a.report) {
    buttons.push(
      <Button key="report" leftSection={<IconReport size={16} aria-hidden />} onClick={() => open({ kind: 'report', submit: false })}>
        {t('taskActions.report')}
      </Button>,
      <Button key="submit" variant="light" color="violet" leftSection={<IconSend size={16} aria-hidden />} onClick={() => open({ kind: 'report', submit: true })}>
        {t('taskActions.submit')}
      </Button>,
    );
  }
  if (a.evaluate)
    buttons.push(
      <Button key="evaluate" color="green" leftSection={<IconCheck size={16} aria-hidden />} onClick={() => open({ kind: 'evaluate' })}>
        {t('taskActions.evaluate')}
      </Button>,
    );
  if (a.update)
    buttons.push(
      <Button key="edit" variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => open({ kind: 'edit' })}>
        {t('taskActions.edit')}
      </Button>,
    );
  if (a.createSubtask)
    buttons.push(
      <Button key="sub" component={Link} to={`/tasks/new?parentId=${task.id}`} variant="default" leftSection={<IconGitBranch size={16} aria-hidden />}>
        {t('taskActions.createSubtask')}
      </Button>,
    );
  if (a.pause)
    buttons.push(
      <Button key="pause" variant="default" leftSection={<IconPlayerPause size={16} aria-hidden />} onClick={() => open({ kind: 'lifecycle', action: 'pause' })}>
        {t('taskActions.pause')}
      </Button>,
    );
  if (a.resume)
    buttons.push(
      <Button key="resume" variant="default" leftSection={<IconPlayerPlay size={16} aria-hidden />} onClick={() => open({ kind: 'lifecycle', action: 'resume' })}>
        {t('taskActions.resume')}
      </Button>,
    );
  if (a.cancel)
    buttons.push(
      <Button key="cancel" variant="subtle" color="red" leftSection={<IconX size={16} aria-hidden />} onClick={() => open({ kind: 'lifecycle', action: 'cancel' })}>
        {t('taskActions.cancel')}
      </Button>,
    );
  if (!buttons.length) return null;
  return (
    <Group gap="xs" role="group" aria-label={t('tasks.actions')} mb="md">
      {buttons}
    </Group>
  );
}

/** One task: header, details, coordinating units, actions allowed by the server, timeline and subtasks. */
export function TaskPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const task = useTask(id);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (task.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (task.isError) return isApiError(task.error, 'not_found') ? <NotFound /> : <ErrorState error={task.error} onRetry={() => void task.refetch()} />;
  const d = task.data;

  return (
    <>
      <Stack gap={6} mb="md">
        <Group gap="xs" wrap="wrap">
          <Text ff="monospace" fw={700} c="dimmed">
            {d.code}
          </Text>
          <TaskStatusBadge status={d.status} size="lg" />
          {d.classification === 'secret' && (
            <Badge color="red" variant="filled" tt="none">
              {t('classification.secret')}
            </Badge>
          )}
          {d.priority !== 'normal' && (
            <Badge color={d.priority === 'urgent' ? 'red' : 'orange'} variant="outline" tt="none">
              {t(`priority.${d.priority}`)}
            </Badge>
          )}
        </Group>
        <Title order={2} style={{ wordBreak: 'break-word' }}>
          {d.title}
        </Title>
        <Box maw={520}>
          <TaskProgress value={d.progress} status={d.status} size="lg" />
        </Box>
      </Stack>

      <ActionBar task={d} open={setDialog} />

      <Paper withBorder p="md" mb="md" component="section" aria-labelledby="task-details">
        <Title order={3} size="h5" id="task-details" mb="sm">
          {t('tasks.details')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Field label={t('tasks.leadUnit')}>{d.leadUnit.name}</Field>
          <Field label={t('tasks.assigningUnit')}>{d.assigningUnit.name}</Field>
          <Field label={t('tasks.deadlineOn')}>
            <Deadline task={d} />
            {d.nextReportDueOn && (
              <Text size="xs" c="dimmed">
                {t('tasks.nextReportDue', { date: formatDate(d.nextReportDueOn) })}
              </Text>
            )}
          </Field>
          <Field label={t('tasks.assignedOn')}>{formatDate(d.assignedOn)}</Field>
          <Field label={t('tasks.source')}>
            <SourceLink task={d} />
          </Field>
          <Field label={t('tasks.priority')}>
            {t(`priority.${d.priority}`)} · {t(`classification.${d.classification}`)}
          </Field>
        </SimpleGrid>
        {(d.submittedOn || d.completedOn) && (
          <Text size="sm" mt="sm" c={STATUS_COLOR[d.status]}>
            {d.completedOn ? t('tasks.completedOn', { date: formatDate(d.completedOn) }) : t('tasks.submittedOn', { date: formatDate(d.submittedOn) })}
          </Text>
        )}
        {d.description && (
          <>
            <Divider my="sm" />
            <Field label={t('tasks.description')}>
              <span className="pre-wrap">{d.description}</span>
            </Field>
          </>
        )}
      </Paper>

      <Paper withBorder p="md" mb="md" component="section" aria-labelledby="task-coordinators">
        <Title order={3} size="h5" id="task-coordinators" mb="sm">
          {t('tasks.coordinators')}
        </Title>
        <Coordinators task={d} onRespond={(unit) => setDialog({ kind: 'respond', unit })} />
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Paper withBorder p="md" component="section" aria-labelledby="task-timeline">
          <Title order={3} size="h5" id="task-timeline" mb="sm">
            {t('tasks.timeline')}
          </Title>
          <TaskTimeline entries={d.timeline} />
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="task-children">
          <Title order={3} size="h5" id="task-children" mb="sm">
            {t('tasks.subtasks')}
          </Title>
          {d.children.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('tasks.noSubtasks')}
            </Text>
          ) : (
            <ul className="plain-list">
              {d.children.map((c, i) => (
                <li key={c.id}>
                  {i > 0 && <Divider />}
                  <TaskLine task={c} />
                  <TaskProgress value={c.progress} status={c.status} size="sm" />
                </li>
              ))}
            </ul>
          )}
        </Paper>
      </SimpleGrid>

      {dialog?.kind === 'report' && <ReportModal task={d} submit={dialog.submit} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <TaskEditModal task={d} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'evaluate' && <EvaluateModal task={d} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'respond' && <RespondModal task={d} unit={dialog.unit} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'lifecycle' && <LifecycleModal task={d} action={dialog.action} onClose={() => setDialog(null)} />}
    </>
  );
}

