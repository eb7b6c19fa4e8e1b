import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Divider, Group, List, Loader, Paper, SimpleGrid, Spoiler, Stack, Text, Title } from '@mantine/core';
import { IconEdit, IconFileText, IconListNumbers, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { Task } from '../../../contracts/tasks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { apiDownload, isApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate } from '../../lib/dates.ts';
import { useMe } from '../auth/session.ts';
import { documentTitle } from '../documents/DocumentBits.tsx';
import { TaskLine } from '../tasks/TaskBits.tsx';
import { useConference, useConferenceTasks } from './api.ts';
import { ConferenceEditModal, ConferenceItemsModal } from './ConferenceEdit.tsx';

/** One conference: co-chairs with their positions then, parties and participants, documents, conclusions and their tasks. */
export function ConferencePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const location = useLocation();
  const conf = useConference(id);
  const tasks = useConferenceTasks(id);
  const [dialog, setDialog] = useState<'edit' | 'items' | null>(null);
  const [noticeError, setNoticeError] = useState<unknown>(null);

  useEffect(() => {
    if (conf.data && location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [conf.data, location.hash]);

  if (conf.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (conf.isError) return isApiError(conf.error, 'not_found') ? <NotFound /> : <ErrorState error={conf.error} onRetry={() => void conf.refetch()} />;
  const c = conf.data;
  const byItem = new Map<string, Task[]>();
  for (const task of tasks.data?.items ?? []) {
    const key = task.source.conferenceItemId;
    if (key) byItem.set(key, [...(byItem.get(key) ?? []), task]);
  }
  const canAssign = me.can.assignTasks === true;
  const parties = c.units.filter((u) => u.role === 'party');
  const participants = c.units.filter((u) => u.role === 'participant');

  return (
    <>
      <Stack gap={4} mb="md">
        <Group gap="xs">
          <Badge variant="light" tt="none">
            {t(`conferenceKind.${c.kind}`)}
          </Badge>
          <Text c="dimmed" size="sm">
            {formatDate(c.heldOn)}
            {c.place ? ` · ${c.place}` : ''}
          </Text>
        </Group>
        <Title order={2}>{c.title}</Title>
        <Text size="sm">
          {t('conferences.hostUnit')}: <b>{c.hostUnitName}</b>
        </Text>
        <Group gap="xs" mt="xs">
          {/* A draft of the thông báo kết luận (Nghị định 30/2020 format) built from the conference and its tasks. */}
          <Button
            variant="default"
            leftSection={<IconFileText size={16} aria-hidden />}
            onClick={() => {
              setNoticeError(null);
              apiDownload(`/conferences/${c.id}/conclusion-notice.docx`, undefined, 'thong-bao-ket-luan.docx').catch(setNoticeError);
            }}
          >
            {t('conferences.conclusionNoticeDocx')}
          </Button>
          {noticeError !== null && (
            <Text size="sm" c="red" role="alert">
              {errorMessage(t, noticeError)}
            </Text>
          )}
            {c.abilities.update && (
              <Button variant="light" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setDialog('edit')}>
                {t('conferenceEdit.edit')}
              </Button>
            )}
            {c.abilities.setItems && (
              <Button variant="default" leftSection={<IconListNumbers size={16} aria-hidden />} onClick={() => setDialog('items')}>
                {t('conferenceEdit.editItems')}
              </Button>
            )}
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mb="md">
        <Paper withBorder p="md" component="section" aria-labelledby="conf-chairs">
          <Title order={3} size="h5" id="conf-chairs" mb="xs">
            {t('conferences.coChairs')}
          </Title>
          <List size="sm" spacing={6}>
            {c.chairs.map((ch) => (
              <List.Item key={ch.ordinal}>
                <Text size="sm" fw={600} span>
                  {ch.rank ? `${ch.rank} ` : ''}
                  {ch.personId ? (
                    <Anchor component={Link} to={`/people?q=${encodeURIComponent(ch.name)}`} inherit>
                      {ch.name}
                    </Anchor>
                  ) : (
                    ch.name
                  )}
                </Text>
                {ch.titles.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {ch.titles.join('; ')}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="conf-units">
          <Title order={3} size="h5" id="conf-units" mb="xs">
            {t('conferences.parties')}
          </Title>
          <List size="sm" spacing={4}>
            {parties.map((u) => (
              <List.Item key={u.unitId}>{u.name}</List.Item>
            ))}
          </List>
          {participants.length > 0 && (
            <>
              <Text fw={600} size="sm" mt="sm">
                {t('conferences.units')}
              </Text>
              <List size="sm" spacing={4}>
                {participants.map((u) => (
                  <List.Item key={u.unitId}>{u.name}</List.Item>
                ))}
              </List>
            </>
          )}
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md" component="section" aria-labelledby="conf-docs" mb="md">
        <Title order={3} size="h5" id="conf-docs" mb="xs">
          {t('conferences.documents')}
        </Title>
        <List size="sm" spacing={4}>
          {c.documents.map((d) => (
            <List.Item key={d.id}>
              <Anchor component={Link} to={`/documents/${d.id}`} size="sm">
                {documentTitle(t, d)}
              </Anchor>
              {d.issuedOn ? ` (${formatDate(d.issuedOn)})` : ''} — {d.summary}
            </List.Item>
          ))}
        </List>
      </Paper>
      {(c.agenda || c.minutes) && (
        <SimpleGrid cols={{ base: 1, md: c.agenda && c.minutes ? 2 : 1 }} spacing="md" mb="md">
          {c.agenda && (
            <Paper withBorder p="md" component="section" aria-labelledby="conf-agenda">
              <Title order={3} size="h5" id="conf-agenda" mb="xs">
                {t('conferences.agenda')}
              </Title>
              <Spoiler maxHeight={160} showLabel={t('common.details')} hideLabel={t('common.close')}>
                <Text size="sm" className="pre-wrap">
                  {c.agenda}
                </Text>
              </Spoiler>
            </Paper>
          )}
          {c.minutes && (
            <Paper withBorder p="md" component="section" aria-labelledby="conf-minutes">
              <Title order={3} size="h5" id="conf-minutes" mb="xs">
                {t('conferences.minutes')}
              </Title>
              <Spoiler maxHeight={160} showLabel={t('common.details')} hideLabel={t('common.close')}>
                <Text size="sm" className="pre-wrap">
                  {c.minutes}
                </Text>
              </Spoiler>
            </Paper>
          )}
        </SimpleGrid>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="conf-items">
        <Title order={3} size="h4" id="conf-items" mb="sm">
          {t('conferences.items')}
        </Title>
        {tasks.isError && <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />}
        <ol className="plain-list">
          {c.items.map((item, i) => {
            const list = byItem.get(item.id) ?? [];
            return (
              <li key={item.id} id={`item-${item.id}`} aria-label={t('conferenceImport.item', { n: item.ordinal })}>
                {i > 0 && <Divider my="sm" />}
                <Group align="flex-start" gap="sm" wrap="nowrap">
                  <Badge circle size="lg" variant="light" style={{ flexShrink: 0 }} aria-hidden>
                    {item.ordinal}
                  </Badge>
                  <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" className="pre-wrap">
                      {item.text}
                    </Text>
                    {item.documentId && (
                      <Anchor component={Link} to={`/documents/${item.documentId}${item.clauseId ? `#clause-${item.clauseId}` : ''}`} size="xs">
                        {[item.documentSymbol, item.clauseRef].filter(Boolean).join(' — ')}
                      </Anchor>
                    )}
                    <Text size="xs" fw={600} c="dimmed" mt={4}>
                      {t('conferences.itemTasks', { n: item.ordinal })}
                    </Text>
                    {list.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        {t('conferences.noItemTasks')}
                      </Text>
                    ) : (
                      <ul className="plain-list">
                        {list.map((task) => (
                          <li key={task.id}>
                            <TaskLine task={task} />
                          </li>
                        ))}
                      </ul>
                    )}
                    {canAssign && (
                      <Button
                        component={Link}
                        to={`/tasks/new?${new URLSearchParams({ conferenceId: c.id, conferenceItemId: item.id }).toString()}`}
                        size="compact-sm"
                        variant="light"
                        w="fit-content"
                        leftSection={<IconPlus size={14} aria-hidden />}
                      >
                        {t('conferences.createTaskFromItem', { n: item.ordinal })}
                      </Button>
                    )}
                  </Stack>
                </Group>
              </li>
            );
          })}
        </ol>
      </Paper>
      {dialog === 'edit' && <ConferenceEditModal conference={c} onClose={() => setDialog(null)} />}
      {dialog === 'items' && <ConferenceItemsModal conference={c} taskCounts={new Map([...byItem].map(([k, v]) => [k, v.length]))} onClose={() => setDialog(null)} />}
    </>
  );
}
