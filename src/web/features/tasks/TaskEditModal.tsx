import { useState, type FormEvent } from 'react';
import { Badge, Button, Divider, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS, PRIORITIES, updateTaskInput, type TaskDetail } from '../../../contracts/tasks.ts';
import { DateField } from '../../components/DateField.tsx';
import { apiPathErrors, errorUnder, zodPathErrors, type FieldErrors } from '../../lib/errors.ts';
import { useTask, useUpdateTask } from './api.ts';
import { ActionError } from './TaskActions.tsx';
import { TaskPicker } from './TaskPicker.tsx';
import { CoordinatorRows, type CoordinatorRow } from './CoordinatorRows.tsx';


type Priority = (typeof PRIORITIES)[number];
type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * Sửa nhiệm vụ (assigner): title, content, deadline or none, priority, classification, weight,
 * coordinating units added or removed, and the parent task (re-parenting). Only what changed is
 * sent, against the version of the task shown: after a stale answer the page reloads the task and
 * the form keeps what the user typed, to be reviewed and saved again.
 */
export function TaskEditModal({ task, onClose }: { task: TaskDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const update = useUpdateTask(task.id);
  const currentParentId = task.source.parentId;
  const currentParent = useTask(currentParentId ?? '');

  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description ?? '');
  const [deadlineMode, setDeadlineMode] = useState<'fixed' | 'none'>(task.deadlineOn ? 'fixed' : 'none');
  const [deadlineOn, setDeadlineOn] = useState(task.deadlineOn ?? '');
  const [priority, setPriority] = useState<Priority>(task.priority);
  const [classification, setClassification] = useState<Classification>(task.classification);
  const [weight, setWeight] = useState<number>(task.weight);
  const [parentPick, setParentPick] = useState<{ id: string; label: string } | null | undefined>(undefined);
  const [removed, setRemoved] = useState<string[]>([]);
  const [added, setAdded] = useState<CoordinatorRow[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});

  // undefined: the parent is left as it is; null: no parent (a top-level task).
  const parentId = parentPick === undefined ? currentParentId : (parentPick?.id ?? null);
  const parentLabel = parentPick ? parentPick.label : currentParent.data ? `${currentParent.data.code} — ${currentParent.data.title}`.slice(0, 160) : undefined;
  const parentDeadline = parentPick === undefined || parentPick?.id === currentParentId ? (currentParent.data?.deadlineOn ?? undefined) : undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // Compared with the task as now shown (reloaded after a stale answer).
    const input: Record<string, unknown> = { version: task.version };
    if (title !== task.title) input.title = title;
    const desc = description.trim() ? description : null;
    if (desc !== task.description) input.description = desc;
    const deadline = deadlineMode === 'fixed' ? deadlineOn : null;
    if (deadline !== task.deadlineOn) input.deadlineOn = deadline;
    if (priority !== task.priority) input.priority = priority;
    if (classification !== task.classification) input.classification = classification;
    if (weight !== task.weight) input.weight = weight;
    const stillThere = removed.filter((u) => task.coordinators.some((c) => c.unitId === u));
    if (stillThere.length) input.removeCoordinatorUnitIds = stillThere;
    if (added.length) input.addCoordinators = added.map((c) => ({ unitId: c.unitId ?? '', part: c.part.trim() ? c.part : null }));
    if (parentId !== currentParentId) input.parentId = parentId;

    const parsed = updateTaskInput.safeParse(input);
    const errs: FieldErrors = parsed.success ? {} : zodPathErrors(t, parsed.error);
    const required = t('validation.required');
    if (deadlineMode === 'fixed' && !deadlineOn) errs.deadlineOn = required;
    added.forEach((c, i) => {
      if (!c.unitId) errs[`addCoordinators.${i}.unitId`] = required;
    });
    if (!parsed.success || Object.keys(errs).length) return setErrors(errs);
    setErrors({});
    if (Object.keys(parsed.data).length === 1) {
      notifications.show({ color: 'gray', message: t('taskEdit.unchanged') });
      return onClose();
    }
    update.mutate(parsed.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('taskEdit.saved') });
        onClose();
      },
      onError: (err) => setErrors(apiPathErrors(t, err)),
    });
  };

  const w = { base: '100%', sm: 240 };
  return (
    <Modal opened onClose={onClose} title={t('taskEdit.title', { code: task.code })} size="xl" fullScreen={phone}>
      <form onSubmit={onSubmit} noValidate aria-label={t('taskEdit.title', { code: task.code })}>
        <Stack gap="sm">
          <ActionError error={update.error} />
          <TextInput label={t('taskEdit.name')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} data-autofocus />
          <Textarea label={t('taskEdit.description')} autosize minRows={3} maxRows={10} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />

          <div>
            <Text fw={600} size="sm" id="edit-deadline-mode" mb={4}>
              {t('taskEdit.deadlineMode')}
            </Text>
            <SegmentedControl
              aria-labelledby="edit-deadline-mode"
              value={deadlineMode}
              onChange={(v) => setDeadlineMode(v as 'fixed' | 'none')}
              data={[
                { value: 'fixed', label: t('taskEdit.deadlineFixed') },
                { value: 'none', label: t('taskEdit.deadlineNone') },
              ]}
            />
          </div>
          {deadlineMode === 'fixed' && (
            <DateField label={t('taskEdit.deadlineOn')} required value={deadlineOn} minDate={task.assignedOn} maxDate={parentDeadline} onChange={setDeadlineOn} error={errors.deadlineOn} w={w} />
          )}
          {deadlineMode === 'none' && errors.deadlineOn && (
            <Text c="red" size="sm" role="alert">
              {errors.deadlineOn}
            </Text>
          )}
          <Group gap="sm" wrap="wrap" align="flex-start">
            <Select
              label={t('taskEdit.priority')}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
              value={priority}
              onChange={(v) => v && setPriority(v as Priority)}
              allowDeselect={false}
              error={errors.priority}
              w={w}
            />
            <Select
              label={t('taskEdit.classification')}
              data={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))}
              value={classification}
              onChange={(v) => v && setClassification(v as Classification)}
              allowDeselect={false}
              error={errors.classification}
              w={w}
            />
          </Group>

          <Divider />
          <TaskPicker
            label={t('taskEdit.parentTask')}
            description={t('taskEdit.parentHint')}
            clearable
            value={parentId}
            valueLabel={parentLabel}
            onChange={(p) => setParentPick(p)}
            error={errors.parentId}
          />
          {parentId && (
            <NumberInput label={t('taskEdit.weight')} min={0.1} max={1000} step={0.5} decimalScale={2} value={weight} onChange={(v) => setWeight(Number(v) || 1)} error={errors.weight} w={w} />
          )}

          <Divider />
          <Text fw={600} size="sm">
            {t('taskEdit.coordinators')}
          </Text>
          {task.coordinators.length === 0 && added.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('taskEdit.noCoordinators')}
            </Text>
          )}
          {errorUnder(errors, 'removeCoordinatorUnitIds') && (
            <Text c="red" size="sm" role="alert">
              {errorUnder(errors, 'removeCoordinatorUnitIds')}
            </Text>
          )}
          {task.coordinators.length > 0 && (
            <ul className="plain-list">
              {task.coordinators.map((c) => {
                const gone = removed.includes(c.unitId);
                return (
                  <li key={c.unitId}>
                    <Group justify="space-between" gap="xs" wrap="nowrap" py={4}>
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" fw={600} td={gone ? 'line-through' : undefined} c={gone ? 'dimmed' : undefined}>
                          {c.unitName}
                        </Text>
                        {c.part && (
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {c.part}
                          </Text>
                        )}
                        {gone && (
                          <Badge color="red" variant="light" tt="none" size="sm">
                            {t('taskEdit.willRemove')}
                          </Badge>
                        )}
                      </div>
                      {gone ? (
                        <Button size="compact-sm" variant="subtle" leftSection={<IconArrowBackUp size={14} aria-hidden />} onClick={() => setRemoved((s) => s.filter((u) => u !== c.unitId))} aria-label={t('taskEdit.keepCoordinator', { unit: c.unitName })}>
                          {t('common.cancel')}
                        </Button>
                      ) : (
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoved((s) => [...s, c.unitId])} aria-label={t('taskEdit.removeCoordinator', { unit: c.unitName })}>
                          <IconTrash size={16} aria-hidden />
                        </Button>
                      )}
                    </Group>
                  </li>
                );
              })}
            </ul>
          )}
          <CoordinatorRows
            rows={added}
            onChange={setAdded}
            labels={{
              unit: (n) => t('taskEdit.newCoordinatorUnit', { n }),
              part: (n) => t('taskEdit.newCoordinatorPart', { n }),
              remove: (n) => t('taskEdit.removeNew', { n }),
              add: t('taskEdit.addCoordinator'),
            }}
            unitError={(i) => errorUnder(errors, `addCoordinators.${i}`)}
            partError={(i) => errors[`addCoordinators.${i}.part`]}
          />

          <Group justify="flex-end" gap="xs" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('taskEdit.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
