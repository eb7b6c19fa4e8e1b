import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NumberInput, Paper, Radio, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { CLASSIFICATIONS, createTaskInput, PRIORITIES, RECURRENCES, type CreateTaskInput, type Recurrence } from '../../../contracts/tasks.ts';
import type { ConferenceListItem } from '../../../contracts/conferences.ts';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, type Page } from '../../lib/api.ts';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { apiPathErrors, errorMessage, errorUnder, zodPathErrors, type FieldErrors } from '../../lib/errors.ts';
import { useMe } from '../auth/session.ts';
import { useConference } from '../conferences/api.ts';
import { ClauseSelect, DocumentPicker } from '../documents/DocumentBits.tsx';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import { useCreateTask, useTask } from './api.ts';
import { TaskPicker } from './TaskPicker.tsx';
import { CoordinatorRows, type CoordinatorRow } from './CoordinatorRows.tsx';

type SourceKind = 'document' | 'conference_item' | 'parent_task' | 'none';
type DeadlineMode = 'fixed' | 'none' | 'recurring';

/** Pick a conference, then one of its numbered conclusions. */
function ConferenceItemPicker({
  conferenceId,
  itemId,
  onChange,
  error,
}: {
  conferenceId: string | null;
  itemId: string | null;
  onChange: (conferenceId: string | null, itemId: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['conferences', 'picker'],
    queryFn: ({ signal }) => api<Page<ConferenceListItem>>('/conferences', { query: { limit: 100 }, signal }),
  });
  const conf = useConference(conferenceId);
  const confData = (list.data?.items ?? []).map((c) => ({ value: c.id, label: `${formatDate(c.heldOn)} — ${c.title}`.slice(0, 160) }));
  if (conf.data && !confData.some((c) => c.value === conf.data.id)) confData.unshift({ value: conf.data.id, label: `${formatDate(conf.data.heldOn)} — ${conf.data.title}`.slice(0, 160) });
  const items = (conf.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.ordinal}. ${i.text}`.slice(0, 200) }));
  const picked = conf.data?.items.find((i) => i.id === itemId);
  return (
    <Stack gap="xs">
      {list.isError && !conf.data && (
        <Alert color="yellow" role="status">
          {errorMessage(t, list.error)}
        </Alert>
      )}
      <Select
        label={t('taskForm.conference')}
        placeholder={t('taskForm.pickConference')}
        data={confData}
        value={conferenceId}
        onChange={(v) => onChange(v, null)}
        searchable
        required
        maxDropdownHeight={280}
      />
      <Select label={t('taskForm.conferenceItem')} placeholder={t('taskForm.pickItem')} data={items} value={itemId} onChange={(v) => onChange(conferenceId, v)} searchable required disabled={!conf.data} error={error} maxDropdownHeight={320} />
      {picked && (
        <Text size="sm" c="dimmed" className="pre-wrap">
          {picked.text}
        </Text>
      )}
    </Stack>
  );
}

/** Giao nhiệm vụ: source, assigning and lead units, coordinating units with their parts, time limit, priority, classification. */
export function TaskCreatePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateTask();
  const parentParam = params.get('parentId');
  const parent = useTask(parentParam ?? '');
  const initialKind: SourceKind = parentParam ? 'parent_task' : params.get('conferenceItemId') ? 'conference_item' : params.get('documentId') ? 'document' : 'none';

  const [sourceKind, setSourceKind] = useState<SourceKind>(initialKind);
  const [documentId, setDocumentId] = useState<string | null>(params.get('documentId'));
  const [documentLabel, setDocumentLabel] = useState(params.get('documentLabel') ?? '');
  const [clauseId, setClauseId] = useState<string | null>(params.get('clauseId'));
  const [conferenceId, setConferenceId] = useState<string | null>(params.get('conferenceId'));
  const [itemId, setItemId] = useState<string | null>(params.get('conferenceItemId'));
  const [parentPick, setParentPick] = useState<{ id: string; label: string } | null>(null);
  const parentId = parentPick?.id ?? parentParam;
  const parentLabel = parentPick?.label ?? (parent.data ? `${parent.data.code} — ${parent.data.title}` : undefined);

  const [title, setTitle] = useState(params.get('title') ?? '');
  const [description, setDescription] = useState('');
  // A subtask is assigned by the unit that leads the parent (cascade); otherwise by the user's unit.
  const [assigning, setAssigning] = useState<{ id: string | null; name: string } | null>(null);
  const defaultAssigning = parentParam && parent.data ? { id: parent.data.leadUnit.id, name: parent.data.leadUnit.name } : { id: me.user.unitId, name: me.user.unitName };
  const assigningUnit = assigning ?? defaultAssigning;
  const [lead, setLead] = useState<{ id: string | null; name: string }>({ id: null, name: '' });
  const [coordinators, setCoordinators] = useState<CoordinatorRow[]>([]);
  const [deadlineMode, setDeadlineMode] = useState<DeadlineMode>('fixed');
  const [deadlineOn, setDeadlineOn] = useState('');
  const [recurrence, setRecurrence] = useState<Exclude<Recurrence, 'none'>>('monthly');
  const [priority, setPriority] = useState<(typeof PRIORITIES)[number]>('normal');
  const [classification, setClassification] = useState<(typeof CLASSIFICATIONS)[number]>('normal');
  const [weight, setWeight] = useState<number>(1);
  const [errors, setErrors] = useState<FieldErrors>({});

  const source = (): CreateTaskInput['source'] | Record<string, unknown> => {
    if (sourceKind === 'document') return clauseId ? { kind: 'document_clause', documentId: documentId ?? '', clauseId } : { kind: 'document', documentId: documentId ?? '' };
    if (sourceKind === 'conference_item') return { kind: 'conference_item', conferenceItemId: itemId ?? '' };
    if (sourceKind === 'parent_task') return { kind: 'parent_task', parentId: parentId ?? '' };
    return { kind: 'none' };
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      title,
      description: description.trim() ? description : null,
      source: source(),
      assigningUnitId: assigningUnit.id ?? '',
      leadUnitId: lead.id ?? '',
      coordinators: coordinators.map((c) => ({ unitId: c.unitId ?? '', part: c.part.trim() ? c.part : null })),
      deadlineOn: deadlineMode === 'fixed' ? deadlineOn : null,
      recurrence: deadlineMode === 'recurring' ? recurrence : 'none',
      priority,
      classification,
      ...(sourceKind === 'parent_task' ? { weight } : {}),
    };
    const parsed = createTaskInput.safeParse(input);
    const errs: FieldErrors = parsed.success ? {} : zodPathErrors(t, parsed.error);
    // Empty pickers say "required" rather than "invalid".
    const required = t('validation.required');
    if (!assigningUnit.id) errs.assigningUnitId = required;
    if (!lead.id) errs.leadUnitId = required;
    if (deadlineMode === 'fixed' && !deadlineOn) errs.deadlineOn = required;
    if (sourceKind === 'document' && !documentId) errs['source.documentId'] = required;
    if (sourceKind === 'conference_item' && !itemId) errs['source.conferenceItemId'] = required;
    if (sourceKind === 'parent_task' && !parentId) errs['source.parentId'] = required;
    coordinators.forEach((c, i) => {
      if (!c.unitId) errs[`coordinators.${i}.unitId`] = required;
    });
    if (!parsed.success || Object.keys(errs).length) return setErrors(errs);
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (task) => {
        notifications.show({ color: 'green', message: t('taskForm.created', { code: task.code }) });
        void navigate(`/tasks/${task.id}`);
      },
      onError: (err) => setErrors(apiPathErrors(t, err)),
    });
  };

  const heading = parentParam && parent.data ? t('taskForm.subtaskTitle', { code: parent.data.code }) : t('taskForm.title');
  const w = { base: '100%', sm: 260 };

  return (
    <>
      <PageHeader title={heading} />
      <form onSubmit={submit} noValidate aria-label={heading}>
        <Stack gap="md" maw={880}>
          {create.isError && (
            <Alert color="red" role="alert">
              {errorMessage(t, create.error)}
            </Alert>
          )}
          <Paper withBorder p="md">
            <Stack gap="sm">
              <TextInput label={t('taskForm.name')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
              <Textarea label={t('taskForm.description')} autosize minRows={3} maxRows={12} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
            </Stack>
          </Paper>

          <Paper withBorder p="md" component="fieldset" style={{ margin: 0 }}>
            <Title order={3} size="h5" component="legend" px={4}>
              {t('taskForm.sourceKind')}
            </Title>
            <Stack gap="sm">
              <Radio.Group value={sourceKind} onChange={(v) => setSourceKind(v as SourceKind)} aria-label={t('taskForm.sourceKind')}>
                <Group gap="md" mt={4}>
                  <Radio value="document" label={t('sourceKind.document_clause')} />
                  <Radio value="conference_item" label={t('sourceKind.conference_item')} />
                  <Radio value="parent_task" label={t('sourceKind.parent_task')} />
                  <Radio value="none" label={t('sourceKind.none')} />
                </Group>
              </Radio.Group>
              {sourceKind === 'document' && (
                <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
                  <DocumentPicker
                    label={t('taskForm.document')}
                    required
                    value={documentId}
                    valueLabel={documentLabel}
                    onChange={(id, label) => {
                      setDocumentId(id);
                      setDocumentLabel(label ?? '');
                      setClauseId(null);
                    }}
                    error={errors['source.documentId']}
                    w={{ base: '100%', sm: 380 }}
                  />
                  <ClauseSelect label={t('taskForm.clause')} documentId={documentId} value={clauseId} onChange={setClauseId} error={errors['source.clauseId']} w={{ base: '100%', sm: 380 }} />
                </Group>
              )}
              {sourceKind === 'conference_item' && (
                <ConferenceItemPicker
                  conferenceId={conferenceId}
                  itemId={itemId}
                  onChange={(c, i) => {
                    setConferenceId(c);
                    setItemId(i);
                  }}
                  error={errors['source.conferenceItemId']}
                />
              )}
              {sourceKind === 'parent_task' && (
                <>
                  <TaskPicker label={t('taskForm.parentTask')} required value={parentId} valueLabel={parentLabel} onChange={setParentPick} error={errors['source.parentId']} />
                  <NumberInput label={t('taskForm.weight')} min={0.1} max={1000} step={0.5} decimalScale={2} value={weight} onChange={(v) => setWeight(Number(v) || 1)} error={errors.weight} w={w} />
                </>
              )}
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
                <div style={{ minWidth: 240 }}>
                  <UnitPicker
                    key={`assigning-${defaultAssigning.id}`}
                    label={t('taskForm.assigningUnit')}
                    required
                    value={assigningUnit.id}
                    valueLabel={assigningUnit.name}
                    onChange={(id, u) => setAssigning({ id, name: u?.name ?? '' })}
                    error={errors.assigningUnitId}
                  />
                </div>
                <div style={{ minWidth: 240 }}>
                  <UnitPicker label={t('taskForm.leadUnit')} required value={lead.id} valueLabel={lead.name} onChange={(id, u) => setLead({ id, name: u?.name ?? '' })} error={errors.leadUnitId} />
                </div>
              </Group>
              <Text fw={600} size="sm" mt="xs">
                {t('taskForm.coordinators')}
              </Text>
              {errors.coordinators && (
                <Text c="red" size="sm" role="alert">
                  {errors.coordinators}
                </Text>
              )}
              <CoordinatorRows
                rows={coordinators}
                onChange={setCoordinators}
                labels={{
                  unit: (n) => t('taskForm.coordinatorUnit', { n }),
                  part: (n) => t('taskForm.coordinatorPart', { n }),
                  remove: (n) => t('taskForm.removeCoordinator', { n }),
                  add: t('taskForm.addCoordinator'),
                }}
                unitError={(i) => errorUnder(errors, `coordinators.${i}.unitId`) ?? (errors[`coordinators.${i}`] || undefined)}
                partError={(i) => errors[`coordinators.${i}.part`]}
              />
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <div>
                <Text fw={600} size="sm" id="deadline-mode-label" mb={4}>
                  {t('taskForm.deadlineMode')}
                </Text>
                <SegmentedControl
                  aria-labelledby="deadline-mode-label"
                  value={deadlineMode}
                  onChange={(v) => setDeadlineMode(v as DeadlineMode)}
                  data={[
                    { value: 'fixed', label: t('taskForm.deadlineFixed') },
                    { value: 'none', label: t('taskForm.deadlineNone') },
                    { value: 'recurring', label: t('taskForm.deadlineRecurring') },
                  ]}
                  orientation="horizontal"
                  fullWidth
                  styles={{ label: { whiteSpace: 'normal' } }}
                />
              </div>
              {deadlineMode === 'fixed' && (
                <DateField label={t('taskForm.deadlineOn')} required value={deadlineOn} minDate={todayIso()} maxDate={parent.data?.deadlineOn ?? undefined} onChange={setDeadlineOn} error={errors.deadlineOn} w={w} />
              )}
              {deadlineMode === 'recurring' && (
                <Select
                  label={t('taskForm.recurrence')}
                  data={RECURRENCES.filter((r) => r !== 'none').map((r) => ({ value: r, label: t(`recurrence.${r}`) }))}
                  value={recurrence}
                  onChange={(v) => v && setRecurrence(v as Exclude<Recurrence, 'none'>)}
                  allowDeselect={false}
                  error={errors.recurrence}
                  w={w}
                />
              )}
              <Group gap="sm" wrap="wrap">
                <Select
                  label={t('taskForm.priority')}
                  data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
                  value={priority}
                  onChange={(v) => v && setPriority(v as (typeof PRIORITIES)[number])}
                  allowDeselect={false}
                  w={w}
                />
                <Select
                  label={t('taskForm.classification')}
                  data={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))}
                  value={classification}
                  onChange={(v) => v && setClassification(v as (typeof CLASSIFICATIONS)[number])}
                  allowDeselect={false}
                  w={w}
                />
              </Group>
            </Stack>
          </Paper>
          <Group gap="xs">
            <Button type="submit" loading={create.isPending}>
              {t('taskForm.submit')}
            </Button>
            <Button variant="default" onClick={() => void navigate(-1)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
