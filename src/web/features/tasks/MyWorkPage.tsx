import { Anchor, Badge, Button, Divider, Group, Loader, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { IconListCheck, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyWork, Task } from '../../../contracts/tasks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../auth/session.ts';
import { useMyWork } from './api.ts';
import { TaskLine } from './TaskBits.tsx';

const SECTIONS: { key: keyof MyWork; color: string }[] = [
  { key: 'toDo', color: 'blue' },
  { key: 'toEvaluate', color: 'violet' },
  { key: 'coordinationRequests', color: 'teal' },
  { key: 'overdue', color: 'red' },
];

function Section({ id, title, color, tasks }: { id: string; title: string; color: string; tasks: Task[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        <Badge color={color} variant="filled" circle={tasks.length < 10} aria-hidden>
          {tasks.length}
        </Badge>
      </Group>
      {tasks.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('work.empty')}
        </Text>
      ) : (
        <ul className="plain-list">
          {tasks.map((task, i) => (
            <li key={task.id}>
              {i > 0 && <Divider />}
              <TaskLine task={task} />
            </li>
          ))}
        </ul>
      )}
    </Paper>
  );
}

/** "Việc của tôi": the four queues of the signed-in user's work; the landing page. */
export function MyWorkPage() {
  const { t } = useTranslation();
  const me = useMe();
  const work = useMyWork();
  return (
    <>
      <PageHeader
        title={t('work.title')}
        subtitle={t('work.subtitle', { unit: me.user.unitName })}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/tasks" variant="default" leftSection={<IconListCheck size={16} aria-hidden />}>
              {t('work.allTasks')}
            </Button>
            {me.can.assignTasks === true && (
              <Button component={Link} to="/tasks/new" leftSection={<IconPlus size={16} aria-hidden />}>
                {t('tasks.create')}
              </Button>
            )}
          </Group>
        }
      />
      {work.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {work.isError && <ErrorState error={work.error} onRetry={() => void work.refetch()} />}
      {work.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {SECTIONS.map((s) => (
            <Section key={s.key} id={`work-${s.key}`} title={t(`work.${s.key}`)} color={s.color} tasks={work.data[s.key]} />
          ))}
        </SimpleGrid>
      )}
      <Text size="sm" mt="lg">
        <Anchor component={Link} to="/dashboard">
          {t('work.dashboard')}
        </Anchor>
      </Text>
    </>
  );
}
