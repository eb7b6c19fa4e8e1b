import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, FileInput, Group, List, Modal, NumberInput, Radio, Slider, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StoredFile } from '../../../contracts/files.ts';
import { coordinatorResponseInput, evaluationInput, progressReportInput, taskLifecycleInput, type EvidenceInput, type TaskDetail } from '../../../contracts/tasks.ts';
import { DateField } from '../../components/DateField.tsx';
import { isApiError } from '../../lib/api.ts';
import { apiFieldErrors, errorMessage, zodFieldErrors, type FieldErrors } from '../../lib/errors.ts';
import { todayIso } from '../../lib/dates.ts';
import { uploadFile, useEvaluateTask, useReportProgress, useRespondToCoordination, useTaskLifecycle } from './api.ts';

/** The error line of an action dialog; a stale version says the task was reloaded. */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color={isApiError(error, 'stale_version') ? 'yellow' : 'red'} role="alert">
      {isApiError(error, 'stale_version') ? t('tasks.staleReloaded') : errorMessage(t, error)}
    </Alert>
  );
}

/* ── Progress report (and completion report) ─────────────────────────────────────────────── */

export function ReportModal({ task, submit, onClose }: { task: TaskDetail; submit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useReportProgress(task.id);
  const [percent, setPercent] = useState(submit ? 100 : task.progress);
  const [note, setNote] = useState('');
  const [askEvaluation, setAskEvaluation] = useState(submit);
  const [evidenceText, setEvidenceText] = useState('');
  const [link, setLink] = useState('');
  const [documentRef, setDocumentRef] = useState('');
  const [files, setFiles] = useState<StoredFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  const upload = async (picked: File[]) => {
    setUploadError(null);
    setUploading(true);
    try {
      for (const f of picked) {
        const stored = await uploadFile(f);
        setFiles((s) => (s.some((x) => x.id === stored.id) ? s : [...s, stored]));
      }
    } catch (e) {
      setUploadError(e);
    } finally {
      setUploading(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const evidence: EvidenceInput[] = [];
    if (evidenceText.trim()) evidence.push({ kind: 'text', text: evidenceText });
    if (link.trim()) evidence.push({ kind: 'link', url: link.trim() });
    if (documentRef.trim()) evidence.push({ kind: 'document', documentRef });
    for (const f of files) evidence.push({ kind: 'file', fileId: f.id });
    const input = { version: task.version, percent, note, evidence, submitForEvaluation: askEvaluation && percent === 100 };
    const parsed = progressReportInput.safeParse(input);
    if (!parsed.success) {
      const errs = zodFieldErrors(t, parsed.error);
      // Evidence problems are reported on the field that produced them.
      for (const issue of parsed.error.issues) {
        if (issue.path[0] !== 'evidence') continue;
        const item = evidence[Number(issue.path[1])];
        const field = item?.kind === 'link' ? 'link' : item?.kind === 'document' ? 'documentRef' : 'evidenceText';
        errs[field] ??= t('validation.invalid');
      }
      return setErrors(errs);
    }
    setErrors({});
    // The version is read at send time: after a stale answer the reloaded task brings the new one.
    report.mutate(parsed.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: parsed.data.submitForEvaluation ? t('taskActions.submittedDone') : t('taskActions.reported') });
        onClose();
      },
      onError: (err) => setErrors(apiFieldErrors(t, err)),
    });
  };

  return (
    <Modal opened onClose={onClose} title={submit ? t('taskActions.submit') : t('taskActions.report')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <ActionError error={report.error} />
          <NumberInput label={t('taskActions.percent')} min={0} max={100} step={5} clampBehavior="strict" value={percent} onChange={(v) => setPercent(typeof v === 'number' ? v : Number(v) || 0)} error={errors.percent} required />
          <Slider value={percent} onChange={setPercent} min={0} max={100} step={5} thumbLabel={t('taskActions.percentSlider')} label={(v) => `${v}%`} marks={[{ value: 0 }, { value: 50 }, { value: 100 }]} mb="sm" />
          <Textarea label={t('taskActions.note')} required autosize minRows={3} maxRows={10} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} data-autofocus />
          <Text fw={600} size="sm">
            {t('taskActions.evidence')}
          </Text>
          <Textarea label={t('taskActions.evidenceText')} autosize minRows={2} value={evidenceText} onChange={(e) => setEvidenceText(e.currentTarget.value)} error={errors.evidenceText} />
          <TextInput label={t('taskActions.evidenceLink')} type="url" placeholder="https://" value={link} onChange={(e) => setLink(e.currentTarget.value)} error={errors.link} />
          <TextInput label={t('taskActions.evidenceDocument')} placeholder="1478/QĐ-UBND" value={documentRef} onChange={(e) => setDocumentRef(e.currentTarget.value)} error={errors.documentRef} />
          <FileInput
            label={t('taskActions.evidenceFile')}
            multiple
            clearable
            leftSection={<IconPaperclip size={16} aria-hidden />}
            accept=".pdf,.docx,image/jpeg,image/png,image/webp"
            onChange={(picked) => void upload(picked)}
            disabled={uploading}
            description={uploading ? t('taskActions.uploading') : undefined}
            error={uploadError ? errorMessage(t, uploadError) : undefined}
          />
          {files.length > 0 && (
            <List size="sm" aria-live="polite">
              {files.map((f, i) => (
                <List.Item key={f.id}>
                  <Group gap="xs">
                    {t('taskActions.uploaded', { name: f.filename })}
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setFiles((s) => s.filter((x) => x.id !== f.id))} aria-label={t('taskActions.removeEvidence', { n: i + 1 })}>
                      ×
                    </Button>
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
          <Checkbox
            label={t('taskActions.submitForEvaluation')}
            description={percent < 100 ? t('taskActions.submitNeedsFull') : undefined}
            checked={askEvaluation && percent === 100}
            disabled={percent < 100}
            onChange={(e) => setAskEvaluation(e.currentTarget.checked)}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={report.isPending} disabled={uploading}>
              {t('taskActions.sendReport')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/* ── Evaluation by the assigner ──────────────────────────────────────────────────────────── */

export function EvaluateModal({ task, onClose }: { task: TaskDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const evaluate = useEvaluateTask(task.id);
  const [decision, setDecision] = useState<'accepted' | 'returned'>('accepted');
  const [reason, setReason] = useState('');
  const [newDeadlineOn, setNewDeadline] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input =
      decision === 'accepted'
        ? { version: task.version, decision, reason: reason.trim() ? reason : null }
        : { version: task.version, decision, reason, newDeadlineOn: newDeadlineOn || null };
    const parsed = evaluationInput.safeParse(input);
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
    setErrors({});
    evaluate.mutate(parsed.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: decision === 'accepted' ? t('taskActions.accepted') : t('taskActions.returned') });
        onClose();
      },
      onError: (err) => setErrors(apiFieldErrors(t, err)),
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('taskActions.evaluate')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <ActionError error={evaluate.error} />
          <Radio.Group label={t('taskActions.decision')} value={decision} onChange={(v) => setDecision(v as 'accepted' | 'returned')} required>
            <Stack gap="xs" mt={6}>
              <Radio value="accepted" label={t('taskActions.accept')} />
              <Radio value="returned" label={t('taskActions.return')} />
            </Stack>
          </Radio.Group>
          <Textarea label={t('taskActions.reason')} required={decision === 'returned'} autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
          {decision === 'returned' && (
            <DateField label={t('taskActions.newDeadline')} value={newDeadlineOn} minDate={todayIso()} onChange={setNewDeadline} error={errors.newDeadlineOn} />
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={decision === 'accepted' ? 'green' : 'orange'} loading={evaluate.isPending}>
              {t('taskActions.sendEvaluation')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/* ── A coordinating unit answers its request ─────────────────────────────────────────────── */

export function RespondModal({ task, unit, onClose }: { task: TaskDetail; unit: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const respond = useRespondToCoordination(task.id);
  const [response, setResponse] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = coordinatorResponseInput.safeParse({ response });
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
    setErrors({});
    respond.mutate(
      { unitId: unit.id, response: parsed.data.response },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('taskActions.responded') });
          onClose();
        },
        onError: (err) => setErrors(apiFieldErrors(t, err)),
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('taskActions.respondFor', { unit: unit.name })} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <ActionError error={respond.error} />
          <Textarea label={t('taskActions.responseText')} required autosize minRows={3} value={response} onChange={(e) => setResponse(e.currentTarget.value)} error={errors.response} data-autofocus />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={respond.isPending}>
              {t('taskActions.sendResponse')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/* ── Pause, resume, cancel (with a reason) ───────────────────────────────────────────────── */

const LIFECYCLE_TITLE = { pause: 'taskActions.confirmPause', resume: 'taskActions.confirmResume', cancel: 'taskActions.confirmCancel' } as const;

export function LifecycleModal({ task, action, onClose }: { task: TaskDetail; action: 'pause' | 'resume' | 'cancel'; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useTaskLifecycle(task.id);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = taskLifecycleInput.safeParse({ version: task.version, action, reason });
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
    setErrors({});
    change.mutate(parsed.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('taskActions.changed') });
        onClose();
      },
      onError: (err) => setErrors(apiFieldErrors(t, err)),
    });
  };
  return (
    <Modal opened onClose={onClose} title={t(LIFECYCLE_TITLE[action])}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <ActionError error={change.error} />
          <Textarea label={t('taskActions.lifecycleReason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} data-autofocus />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={action === 'cancel' ? 'red' : undefined} loading={change.isPending}>
              {t(LIFECYCLE_TITLE[action])}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
