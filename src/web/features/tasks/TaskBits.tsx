import { Anchor, Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task, TaskStatus } from '../../../contracts/tasks.ts';
import { formatDate } from '../../lib/dates.ts';

/** One colour per derived status: overdue red, due soon orange, completed green… */
export const STATUS_COLOR: Record<TaskStatus, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  due_soon: 'orange',
  overdue: 'red',
  awaiting_evaluation: 'violet',
  completed_on_time: 'green',
  completed_late: 'lime',
  returned: 'pink',
  paused: 'yellow',
  cancelled: 'dark',
};

export function TaskStatusBadge({ status, size = 'md' }: { status: TaskStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant={status === 'not_started' ? 'outline' : 'light'} size={size} tt="none" style={{ flexShrink: 0 }}>
      {t(`taskStatus.${status}`)}
    </Badge>
  );
}

export function TaskProgress({ value, status, size = 'md' }: { value: number; status: TaskStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress
        value={value}
        color={STATUS_COLOR[status] === 'dark' ? 'gray' : STATUS_COLOR[status]}
        size={size}
        style={{ flex: 1, minWidth: 60 }}
        aria-label={t('tasks.progressLabel', { percent: value })}
      />
      <Text size="sm" fw={600} w={44} ta="right">
        {value}%
      </Text>
    </Group>
  );
}

export function Deadline({ task }: { task: Pick<Task, 'deadlineOn' | 'recurrence' | 'nextReportDueOn'> }) {
  const { t } = useTranslation();
  if (task.deadlineOn) return <>{formatDate(task.deadlineOn)}</>;
  if (task.recurrence !== 'none') return <>{t(`recurrence.${task.recurrence}`)}</>;
  return <>{t('tasks.noDeadline')}</>;
}

/** A compact, linked line for a task: code and title, then status, deadline, lead unit and progress. */
export function TaskLine({ task }: { task: Task }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} py={6}>
      <Anchor component={Link} to={`/tasks/${task.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
        <Text span ff="monospace" size="xs" c="dimmed" mr={6}>
          {task.code}
        </Text>
        {task.title}
      </Anchor>
      <Group gap="xs" wrap="wrap" style={{ rowGap: 2 }}>
        <TaskStatusBadge status={task.status} size="sm" />
        <Text size="xs" c="dimmed">
          {t('tasks.deadline')}: <Deadline task={task} />
        </Text>
        <Text size="xs" c="dimmed">
          {t('tasks.lead')}: {task.leadUnit.name}
        </Text>
        <Text size="xs" c="dimmed">
          {task.progress}%
        </Text>
      </Group>
    </Stack>
  );
}
