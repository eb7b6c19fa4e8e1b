import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Paper, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import {
  addSupportingInput,
  categoryChangeInput,
  closingReportInput,
  deescalateInput,
  escalateInput,
  INCIDENT_LEVELS,
  reopenInput,
  type IncidentCategory,
  type IncidentDetail,
  type IncidentLevel,
} from '../../../contracts/incidents.ts';
import { isApiError } from '../../lib/api.ts';
import { apiFieldErrors, errorMessage, zodFieldErrors, type FieldErrors } from '../../lib/errors.ts';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import {
  useAddSupporting,
  useChangeCategory,
  useDecideClosure,
  useDecideSignificance,
  useDeescalate,
  useEscalate,
  useReopen,
  useReportClosing,
} from './api.ts';
import { EscalationUnitPicker, useIncidentOptions } from './IncidentBits.tsx';

/** The error line of an action dialog; a stale version says the situation was reloaded. */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const stale = isApiError(error, 'stale_version');
  return (
    <Alert color={stale ? 'yellow' : 'red'} role="alert">
      {stale ? t('incidents.staleReloaded') : errorMessage(t, error)}
    </Alert>
  );
}

/** The frame of every action dialog: title, error, fields, cancel and send. */
function ActionModal({
  title,
  error,
  pending,
  submitLabel,
  color,
  onClose,
  onSubmit,
  children,
}: {
  title: string;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  color?: string;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ActionError error={error} />
          {children}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface Props {
  incident: IncidentDetail;
  onClose: () => void;
}

/** Shared wiring: validate, send, say so and close; server field errors land on the fields. */
function useSend(setErrors: (e: FieldErrors) => void, onClose: () => void) {
  const { t } = useTranslation();
  return (message: string) => ({
    onSuccess: () => {
      notifications.show({ color: 'green', message });
      onClose();
    },
    onError: (err: unknown) => setErrors(apiFieldErrors(t, err)),
  });
}

const required = (s: string) => s.trim().length > 0;

/* ── Escalation (commune → department → leadership) ──────────────────────────────────────── */

export function EscalateModal({ incident, onClose }: Props) {
  const { t } = useTranslation();
  const escalate = useEscalate(incident.id);
  const above = INCIDENT_LEVELS.filter((l) => INCIDENT_LEVELS.indexOf(l) > INCIDENT_LEVELS.indexOf(incident.level));
  const [toLevel, setToLevel] = useState<IncidentLevel>(above[0] ?? 'leadership');
  const [unit, setUnit] = useState<{ id: string; name: string } | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const send = useSend(setErrors, onClose);
  const onSubmit = () => {
    const parsed = escalateInput.safeParse({ version: incident.version, toLevel, unitId: unit?.id ?? '', reason });
    const errs = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    if (!unit) errs.unitId = t('validation.required');
    if (!parsed.success || !unit) return setErrors(errs);
    setErrors({});
    escalate.mutate(parsed.data, send(t('incidents.act.escalated', { unit: unit.name })));
  };
  return (
    <ActionModal title={t('incidents.act.escalate')} error={escalate.error} pending={escalate.isPending} submitLabel={t('incidents.act.escalateSend')} color="grape" onClose={onClose} onSubmit={onSubmit}>
      <Radio.Group
        label={t('incidents.act.toLevel')}
        value={toLevel}
        onChange={(v) => {
          setToLevel(v as IncidentLevel);
          setUnit(null);
        }}
        error={errors.toLevel}
        required
      >
        <Stack gap="xs" mt={6}>
          {above.map((l) => (
            <Radio key={l} value={l} label={t(`incidents.levels.${l}`)} />
          ))}
        </Stack>
      </Radio.Group>
      <EscalationUnitPicker key={toLevel} level={toLevel} value={unit?.id ?? null} onChange={setUnit} error={errors.unitId} />
      <Textarea label={t('incidents.act.reason')} required autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
    </ActionModal>
  );
}

/** The level a de-escalation returns to: the step before the current one (each escalation pushes, each de-escalation pops). */
function previousLevel(incident: IncidentDetail): IncidentLevel {
  const steps: IncidentLevel[] = ['commune'];
  for (const e of incident.events) {
    if (e.kind === 'escalated' && typeof e.data.toLevel === 'string') steps.push(e.data.toLevel as IncidentLevel);
    else if (e.kind === 'deescalated' && steps.length > 1) steps.pop();
  }
  return steps.length >= 2 ? steps[steps.length - 2]! : 'commune';
}

export function DeescalateModal({ incident, onClose }: Props) {
  const { t } = useTranslation();
  const deescalate = useDeescalate(incident.id);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const send = useSend(setErrors, onClose);
  const onSubmit = () => {
    const parsed = deescalateInput.safeParse({ version: incident.version, reason });
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
    setErrors({});
    deescalate.mutate(parsed.data, send(t('incidents.act.deescalated')));
  };
  return (
    <ActionModal title={t('incidents.act.deescalate')} error={deescalate.error} pending={deescalate.isPending} submitLabel={t('incidents.act.deescalateSend')} onClose={onClose} onSubmit={onSubmit}>
      <Text size="sm">{t('incidents.act.deescalateNote', { level: t(`incidents.levels.${previousLevel(incident)}`) })}</Text>
      <Textarea label={t('incidents.act.reason')} required autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} data-autofocus />
    </ActionModal>
  );
}

/* ── Category change (with a reason; counted) ────────────────────────────────────────────── */

export function CategoryModal({ incident, onClose }: Props) {
  const { t } = useTranslation();
  const change = useChangeCategory(incident.id);
  const options = useIncidentOptions();
  const [category, setCategory] = useState<IncidentCategory | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const send = useSend(setErrors, onClose);
  const onSubmit = () => {
    const parsed = categoryChangeInput.safeParse({ version: incident.version, category: category ?? '', reason });
    const errs = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    if (!category) errs.category = t('validation.required');
    if (!parsed.success) return setErrors(errs);
    setErrors({});
    change.mutate(parsed.data, send(t('incidents.act.categoryChanged')));
  };
  return (
    <ActionModal title={t('incidents.act.changeCategory')} error={change.error} pending={change.isPending} submitLabel={t('incidents.act.categorySend')} onClose={onClose} onSubmit={onSubmit}>
      <Text size="sm">{t('incidents.act.currentCategory', { category: t(`incidents.categories.${incident.category}`) })}</Text>
      <Select
        label={t('incidents.act.newCategory')}
        data={options.categories.filter((c) => c.value !== incident.category)}
        value={category}
        onChange={(v) => setCategory(v as IncidentCategory | null)}
        required
        error={errors.category}
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea label={t('incidents.act.reason')} required autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
      <Text size="xs" c="dimmed">
        {t('incidents.act.categoryNote')}
      </Text>
    </ActionModal>
  );
}

/* ── Significance: propose, then verify or reject (the verification gate) ─────────────────── */

export function SignificanceModal({ incident, mode, onClose }: Props & { mode: 'propose' | 'verify' }) {
  const { t } = useTranslation();
  const decide = useDecideSignificance(incident.id);
  const [action, setAction] = useState<'propose' | 'verify' | 'reject'>(mode);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const send = useSend(setErrors, onClose);
  // A proposal and a refusal must say why; a confirmation may add a comment.
  const needsReason = action !== 'verify';
  const onSubmit = () => {
    if (needsReason && !required(reason)) return setErrors({ reason: t('validation.required') });
    setErrors({});
    const message = { propose: 'incidents.act.proposed', verify: 'incidents.act.verified', reject: 'incidents.act.rejected' }[action];
    decide.mutate({ version: incident.version, action, reason: required(reason) ? reason : null }, send(t(message)));
  };
  return (
    <ActionModal
      title={mode === 'propose' ? t('incidents.act.proposeSignificant') : t('incidents.act.verifySignificant')}
      error={decide.error}
      pending={decide.isPending}
      submitLabel={mode === 'propose' ? t('incidents.act.proposeSend') : t('incidents.act.verifySend')}
      color={action === 'reject' ? 'orange' : 'red'}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <Text size="sm">{t('incidents.act.proposeNote')}</Text>
      {mode === 'verify' && (
        <Radio.Group label={t('incidents.act.verifyDecision')} value={action} onChange={(v) => setAction(v as 'verify' | 'reject')} required>
          <Stack gap="xs" mt={6}>
            <Radio value="verify" label={t('incidents.act.verify')} />
            <Radio value="reject" label={t('incidents.act.reject')} />
          </Stack>
        </Radio.Group>
      )}
      <Textarea
        label={mode === 'propose' ? t('incidents.act.proposeReason') : t('incidents.act.verifyReason')}
        required={needsReason}
        autosize
        minRows={3}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.reason}
      />
    </ActionModal>
  );
}

/* ── Two-key closure: the lead unit's report, then the overseeing level's decision ────────── */

export function ClosingReportModal({ incident, onClose }: Props) {
  const { t } = useTranslation();
  const report = useReportClosing(incident.id);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const send = useSend(setErrors, onClose);
  const onSubmit = () => {
    const parsed = closingReportInput.safeParse({ version: incident.version, report: text });
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
    setErrors({});
    report.mutate(parsed.data, send(t('incidents.act.closingReported')));
  };
  return (
    <ActionModal title={t('incidents.act.reportClosing')} error={report.error} pending={report.isPending} submitLabel={t('incidents.act.closingSend')} color="violet" onClose={onClose} onSubmit={onSubmit}>
      <Text size="sm">{t('incidents.act.closingNote', { unit: incident.overseeingUnit.name })}</Text>
      <Textarea
        label={t('incidents.act.closingReport')}
        placeholder={t('incidents.act.closingPlaceholder')}
        required
        autosize
        minRows={4}
        maxRows={14}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={errors.report}
        data-autofocus
      />
    </ActionModal>
  );
}

export function ClosureModal({ incident, onClose }: Props) {
  const { t } = useTranslation();
  const decide = useDecideClosure(incident.id);
  const [decision, setDecision] = useState<'confirm' | 'return'>('confirm');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const send = useSend(setErrors, onClose);
  const onSubmit = () => {
    if (decision === 'return' && !required(reason)) return setErrors({ reason: t('validation.required') });
    setErrors({});
    decide.mutate(
      { version: incident.version, decision, reason: required(reason) ? reason : null },
      send(decision === 'confirm' ? t('incidents.act.confirmed') : t('incidents.act.returned')),
    );
  };
  return (
    <ActionModal
      title={t('incidents.act.decideClosure')}
      error={decide.error}
      pending={decide.isPending}
      submitLabel={t('incidents.act.closureSend')}
      color={decision === 'confirm' ? 'green' : 'orange'}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      {incident.closingReport && (
        <Paper withBorder p="sm" bg="gray.0">
          <Text size="xs" c="dimmed" fw={600}>
            {t('incidents.closingReport')} — {incident.leadUnit.name}
          </Text>
          <Text size="sm" className="pre-wrap">
            {incident.closingReport}
          </Text>
        </Paper>
      )}
      <Radio.Group label={t('incidents.act.closureDecision')} value={decision} onChange={(v) => setDecision(v as 'confirm' | 'return')} required>
        <Stack gap="xs" mt={6}>
          <Radio value="confirm" label={t('incidents.act.confirm')} />
          <Radio value="return" label={t('incidents.act.return')} />
        </Stack>
      </Radio.Group>
      <Textarea label={t('incidents.act.closureReason')} required={decision === 'return'} autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
    </ActionModal>
  );
}

export function ReopenModal({ incident, onClose }: Props) {
  const { t } = useTranslation();
  const reopen = useReopen(incident.id);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const send = useSend(setErrors, onClose);
  const onSubmit = () => {
    const parsed = reopenInput.safeParse({ version: incident.version, reason });
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
    setErrors({});
    reopen.mutate(parsed.data, send(t('incidents.act.reopened')));
  };
  return (
    <ActionModal title={t('incidents.act.reopen')} error={reopen.error} pending={reopen.isPending} submitLabel={t('incidents.act.reopenSend')} color="orange" onClose={onClose} onSubmit={onSubmit}>
      <Text size="sm">{t('incidents.act.reopenNote')}</Text>
      <Textarea label={t('incidents.act.reason')} required autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} data-autofocus />
    </ActionModal>
  );
}

/* ── A supporting unit with its assignment ───────────────────────────────────────────────── */

export function AddSupportingModal({ incident, onClose }: Props) {
  const { t } = useTranslation();
  const add = useAddSupporting(incident.id);
  const [unit, setUnit] = useState<{ id: string | null; name: string }>({ id: null, name: '' });
  const [assignment, setAssignment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const send = useSend(setErrors, onClose);
  const onSubmit = () => {
    const parsed = addSupportingInput.safeParse({ version: incident.version, unitId: unit.id ?? '', assignment });
    const errs = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    if (!unit.id) errs.unitId = t('validation.required');
    if (!parsed.success) return setErrors(errs);
    setErrors({});
    add.mutate(parsed.data, send(t('incidents.act.supportingAdded')));
  };
  return (
    <ActionModal title={t('incidents.act.addSupporting')} error={add.error} pending={add.isPending} submitLabel={t('incidents.act.supportingSend')} onClose={onClose} onSubmit={onSubmit}>
      <UnitPicker label={t('incidents.act.supportingUnit')} required value={unit.id} valueLabel={unit.name} onChange={(id, u) => setUnit({ id, name: u?.name ?? '' })} error={errors.unitId} />
      <TextInput label={t('incidents.act.supportingAssignment')} required value={assignment} onChange={(e) => setAssignment(e.currentTarget.value)} error={errors.assignment} />
    </ActionModal>
  );
}
