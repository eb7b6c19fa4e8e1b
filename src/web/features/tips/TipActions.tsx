import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  askQuestionInput,
  classifyTipInput,
  extendTipInput,
  recordReceiptInput,
  restoreTipInput,
  suspendTipInput,
  TIP_CLASSIFICATIONS,
  TIP_EXTENSION_KINDS,
  tipOutcomeInput,
  transferTipInput,
  type Tip,
  type TipClassification,
  type TipExtensionKind,
} from '../../../contracts/tips.ts';
import { DateField } from '../../components/DateField.tsx';
import { ApiError } from '../../lib/api.ts';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../../lib/errors.ts';
import { useMe } from '../auth/session.ts';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import {
  useAskSender,
  useClassifyTip,
  useDecideTip,
  useExtendTip,
  useNotifySender,
  useRecordReceipt,
  useRestoreTip,
  useSuspendTip,
  useTransferTip,
} from './api.ts';
import { formatDue, TipActionError } from './TipBits.tsx';

export type TipAction = 'recordReceipt' | 'classify' | 'transfer' | 'extend' | 'suspend' | 'restore' | 'decide' | 'ask' | 'notifySender';

/** The order in which the allowed actions are offered (the lifecycle's order). */
export const TIP_ACTIONS: readonly TipAction[] = ['recordReceipt', 'classify', 'transfer', 'extend', 'suspend', 'restore', 'decide', 'notifySender', 'ask'];

const RECEIPT_FORMS = ['portal', 'in_person', 'phone', 'post', 'document', 'forwarded'] as const;

/** Calendar date (Asia/Ho_Chi_Minh) of the day a deadline instant closes (24:00 → that day). */
export const dueDay = (iso: string | null): string => (iso ? todayIso(new Date(Date.parse(iso) - 1)) : '');

/** The tip's receipt date (Asia/Ho_Chi_Minh): no decision may be dated earlier. */
const receiptDay = (tip: Tip): string => todayIso(new Date(tip.receivedAt));

/** Extension kinds already used, from the tip's events. */
export function usedExtensions(tip: Tip): TipExtensionKind[] {
  return tip.events.filter((e) => e.kind === 'extended').map((e) => e.data.extensionKind as TipExtensionKind);
}

/**
 * Field errors of a failed action: per-field texts for validation_failed; for a domain error that
 * names fields (the legal maximum on `until`…) the field is only marked, the sentence is in the alert.
 */
function serverFieldErrors(t: TFunction, e: unknown): Record<string, string | true> {
  if (!(e instanceof ApiError)) return {};
  if (e.code === 'validation_failed') return apiFieldErrors(t, e);
  const out: Record<string, string | true> = {};
  for (const i of e.issues) out[i.path.replace(/^(body|querystring|params)\.?/, '').split('.')[0] || '_'] = true;
  return out;
}

/** Shared frame of every action dialog: the error alert, the fields, cancel and submit. */
function ActionModal({
  title,
  onClose,
  onSubmit,
  pending,
  error,
  submitLabel,
  color,
  size = 'lg',
  children,
}: {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  submitLabel?: string;
  color?: string;
  size?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened onClose={onClose} title={title} size={size}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TipActionError error={error} />
          {children}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={pending}>
              {submitLabel ?? t('tips.act.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Client check with the contract schema, then the call; field errors from either side.
 * Returns the field-error getter for the form.
 */
function useActionForm<S extends z.ZodType>(schema: S, mutation: UseMutationResult<Tip, Error, z.output<S>>, onClose: () => void) {
  const { t } = useTranslation();
  const [local, setLocal] = useState<FieldErrors>({});
  const server = serverFieldErrors(t, mutation.error);
  const run = (input: unknown) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return setLocal(zodFieldErrors(t, parsed.error));
    setLocal({});
    mutation.mutate(parsed.data as z.output<S>, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('tips.act.done') });
        onClose();
      },
    });
  };
  const err = (field: string): string | boolean | undefined => local[field] ?? server[field];
  return { run, err, pending: mutation.isPending, error: mutation.error };
}

/** A date field marked by a domain error shows no second copy of the sentence already in the alert. */
const dateErr = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : v ? ' ' : undefined);

/** Decision number and date: the pair every decision of arts. 147–149 carries. */
function DecisionFields({
  tip,
  decisionNo,
  setDecisionNo,
  decidedOn,
  setDecidedOn,
  err,
  minDate,
}: {
  tip: Tip;
  decisionNo: string;
  setDecisionNo: (v: string) => void;
  decidedOn: string;
  setDecidedOn: (v: string) => void;
  err: (f: string) => string | boolean | undefined;
  minDate?: string;
}) {
  const { t } = useTranslation();
  const min = minDate && minDate > receiptDay(tip) ? minDate : receiptDay(tip);
  return (
    <Group grow align="flex-start" gap="sm">
      <TextInput label={t('tips.form.decisionNo')} placeholder={t('tips.form.decisionNoPlaceholder')} required value={decisionNo} onChange={(e) => setDecisionNo(e.currentTarget.value)} error={err('decisionNo')} />
      <DateField label={t('tips.form.decidedOn')} required value={decidedOn} onChange={setDecidedOn} minDate={min} maxDate={todayIso()} error={dateErr(err('decidedOn'))} />
    </Group>
  );
}


/* ── Biên bản tiếp nhận ──────────────────────────────────────────────────────────────────── */

function RecordReceiptModal({ tip, onClose }: { tip: Tip; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const f = useActionForm(recordReceiptInput, useRecordReceipt(tip.id), onClose);
  const [officerName, setOfficerName] = useState(me.user.displayName);
  const [form, setForm] = useState<(typeof RECEIPT_FORMS)[number]>('portal');
  const [content, setContent] = useState(tip.what);
  const [materials, setMaterials] = useState('');
  return (
    <ActionModal title={t('tips.act.recordReceipt')} onClose={onClose} pending={f.pending} error={f.error} onSubmit={() => f.run({ officerName, form, content, materials: materials.trim() ? materials : null })}>
      <Group grow align="flex-start" gap="sm">
        <TextInput label={t('tips.form.officerName')} required value={officerName} onChange={(e) => setOfficerName(e.currentTarget.value)} error={f.err('officerName')} data-autofocus />
        <Select
          label={t('tips.form.form')}
          data={RECEIPT_FORMS.map((v) => ({ value: v, label: t(`tips.receiptForms.${v}`) }))}
          value={form}
          onChange={(v) => setForm((v ?? 'portal') as typeof form)}
          allowDeselect={false}
          error={f.err('form')}
        />
      </Group>
      <Textarea label={t('tips.form.content')} description={t('tips.form.contentHint')} required autosize minRows={5} maxRows={14} value={content} onChange={(e) => setContent(e.currentTarget.value)} error={f.err('content')} />
      <Textarea label={t('tips.form.materials')} autosize minRows={2} value={materials} onChange={(e) => setMaterials(e.currentTarget.value)} error={f.err('materials')} />
    </ActionModal>
  );
}

/* ── Phân loại ───────────────────────────────────────────────────────────────────────────── */

function ClassifyModal({ tip, onClose }: { tip: Tip; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useActionForm(classifyTipInput, useClassifyTip(tip.id), onClose);
  const [classification, setClassification] = useState<TipClassification | ''>('');
  const [note, setNote] = useState('');
  return (
    <ActionModal
      title={t('tips.act.classify')}
      onClose={onClose}
      pending={f.pending}
      error={f.error}
      color={classification === 'not_crime_source' ? 'red' : undefined}
      onSubmit={() => f.run({ classification, note: note.trim() ? note : null })}
    >
      <Radio.Group label={t('tips.form.classification')} required value={classification} onChange={(v) => setClassification(v as TipClassification)} error={f.err('classification')}>
        <Stack gap="xs" mt={6}>
          {TIP_CLASSIFICATIONS.map((c) => (
            <Radio key={c} value={c} label={t(`tips.classifications.${c}`)} />
          ))}
        </Stack>
      </Radio.Group>
      {classification === 'not_crime_source' && (
        <Alert color="orange" variant="light">
          {t('tips.form.notCrimeWarning')}
        </Alert>
      )}
      <Textarea label={t('tips.form.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={f.err('note')} />
    </ActionModal>
  );
}

/* ── Chuyển Cơ quan điều tra (24 h / 48 h) ───────────────────────────────────────────────── */

function TransferModal({ tip, onClose }: { tip: Tip; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useActionForm(transferTipInput, useTransferTip(tip.id), onClose);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const late = Date.now() > Date.parse(tip.clock.transferDueAt);
  const unitError = f.err('unitId');
  return (
    <ActionModal title={t('tips.act.transfer')} onClose={onClose} pending={f.pending} error={f.error} onSubmit={() => f.run({ unitId: unitId ?? '', note: note.trim() ? note : null })}>
      <Alert color={late ? 'red' : 'orange'} variant="light">
        {late ? t('tips.form.transferOverdue', { at: formatDue(tip.clock.transferDueAt) }) : t('tips.form.transferDue', { at: formatDue(tip.clock.transferDueAt) })}
      </Alert>
      <UnitPicker label={t('tips.form.unit')} required value={unitId} onChange={(id) => setUnitId(id)} error={typeof unitError === 'string' ? unitError : unitError ? t('validation.invalid') : undefined} />
      <Textarea label={t('tips.form.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={f.err('note')} />
    </ActionModal>
  );
}

/* ── Gia hạn (art. 147(2)) ───────────────────────────────────────────────────────────────── */

function ExtendModal({ tip, onClose }: { tip: Tip; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useActionForm(extendTipInput, useExtendTip(tip.id), onClose);
  const used = usedExtensions(tip);
  const available = (k: TipExtensionKind) => !used.includes(k) && !used.includes('procuracy') && (k === 'complex' || used.includes('complex'));
  const [kind, setKind] = useState<TipExtensionKind | ''>(TIP_EXTENSION_KINDS.find(available) ?? '');
  const [until, setUntil] = useState('');
  const [decisionNo, setDecisionNo] = useState('');
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const current = dueDay(tip.clock.settlementDueAt);
  const max = tip.clock.maxExtensionUntil;
  return (
    <ActionModal title={t('tips.act.extend')} onClose={onClose} pending={f.pending} error={f.error} onSubmit={() => f.run({ kind, until, decisionNo, decidedOn })}>
      <Text size="sm" c="dimmed">
        {t('tips.legalBasis')}
      </Text>
      <Radio.Group label={t('tips.form.extensionKind')} required value={kind} onChange={(v) => setKind(v as TipExtensionKind)} error={f.err('kind')}>
        <Stack gap="xs" mt={6}>
          {TIP_EXTENSION_KINDS.map((k) => (
            <Radio key={k} value={k} label={t(`tips.extensionKinds.${k}`)} disabled={!available(k)} />
          ))}
        </Stack>
      </Radio.Group>
      {/* No upper bound in the picker: the server judges the legal maximum and says why it refuses. */}
      <div>
        <DateField label={t('tips.form.until')} required value={until} onChange={setUntil} minDate={current} error={dateErr(f.err('until'))} />
        <Text size="xs" c="dimmed" mt={4}>
          {max ? t('tips.form.untilHint', { current: formatDate(current), max: formatDate(max) }) : t('tips.form.untilHintNoMax', { current: formatDate(current) })}
        </Text>
      </div>
      <DecisionFields tip={tip} decisionNo={decisionNo} setDecisionNo={setDecisionNo} decidedOn={decidedOn} setDecidedOn={setDecidedOn} err={f.err} />
    </ActionModal>
  );
}

/* ── Tạm đình chỉ (art. 148) / phục hồi (art. 149) ───────────────────────────────────────── */

function SuspendModal({ tip, onClose }: { tip: Tip; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useActionForm(suspendTipInput, useSuspendTip(tip.id), onClose);
  const [reason, setReason] = useState('');
  const [decisionNo, setDecisionNo] = useState('');
  const [decidedOn, setDecidedOn] = useState(todayIso());
  return (
    <ActionModal title={t('tips.act.suspend')} color="yellow" onClose={onClose} pending={f.pending} error={f.error} onSubmit={() => f.run({ reason, decisionNo, decidedOn })}>
      <Alert color="yellow" variant="light">
        {t('tips.form.suspendEffect')}
      </Alert>
      <Textarea label={t('tips.form.reason')} description={t('tips.form.reasonHint')} required autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={f.err('reason')} data-autofocus />
      <DecisionFields tip={tip} decisionNo={decisionNo} setDecisionNo={setDecisionNo} decidedOn={decidedOn} setDecidedOn={setDecidedOn} err={f.err} />
    </ActionModal>
  );
}

function RestoreModal({ tip, onClose }: { tip: Tip; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useActionForm(restoreTipInput, useRestoreTip(tip.id), onClose);
  const [decisionNo, setDecisionNo] = useState('');
  const [decidedOn, setDecidedOn] = useState(todayIso());
  return (
    <ActionModal title={t('tips.act.restore')} onClose={onClose} pending={f.pending} error={f.error} onSubmit={() => f.run({ decisionNo, decidedOn })}>
      <Alert color="blue" variant="light">
        {t('tips.form.restoreEffect')}
      </Alert>
      <DecisionFields tip={tip} decisionNo={decisionNo} setDecisionNo={setDecisionNo} decidedOn={decidedOn} setDecidedOn={setDecidedOn} err={f.err} minDate={tip.outcome?.decidedOn} />
    </ActionModal>
  );
}

/* ── Khởi tố / không khởi tố ─────────────────────────────────────────────────────────────── */

function DecideModal({ tip, onClose }: { tip: Tip; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useActionForm(tipOutcomeInput, useDecideTip(tip.id), onClose);
  const [kind, setKind] = useState<'prosecution' | 'no_prosecution' | ''>('');
  const [decisionNo, setDecisionNo] = useState('');
  const [decidedOn, setDecidedOn] = useState(todayIso());
  return (
    <ActionModal title={t('tips.act.decide')} onClose={onClose} pending={f.pending} error={f.error} onSubmit={() => f.run({ kind, decisionNo, decidedOn })}>
      <Radio.Group label={t('tips.form.outcomeKind')} required value={kind} onChange={(v) => setKind(v as typeof kind)} error={f.err('kind')}>
        <Stack gap="xs" mt={6}>
          <Radio value="prosecution" label={t('tips.outcomes.prosecution')} />
          <Radio value="no_prosecution" label={t('tips.outcomes.no_prosecution')} />
        </Stack>
      </Radio.Group>
      <DecisionFields tip={tip} decisionNo={decisionNo} setDecisionNo={setDecisionNo} decidedOn={decidedOn} setDecidedOn={setDecidedOn} err={f.err} />
    </ActionModal>
  );
}

/* ── Hỏi người gửi; thông báo kết quả (art. 145) ─────────────────────────────────────────── */

function AskModal({ tip, onClose }: { tip: Tip; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useActionForm(askQuestionInput, useAskSender(tip.id), onClose);
  const [question, setQuestion] = useState('');
  return (
    <ActionModal title={t('tips.act.ask')} onClose={onClose} pending={f.pending} error={f.error} onSubmit={() => f.run({ question })}>
      <Textarea label={t('tips.form.question')} description={t('tips.form.questionHint')} required autosize minRows={3} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} error={f.err('question')} data-autofocus />
    </ActionModal>
  );
}

function NotifySenderModal({ tip, onClose }: { tip: Tip; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotifySender(tip.id);
  const o = tip.outcome;
  const send = () =>
    notify.mutate(
      {},
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('tips.act.done') });
          onClose();
        },
      },
    );
  return (
    <ActionModal title={t('tips.act.notifySender')} size="md" onClose={onClose} pending={notify.isPending} error={notify.error} onSubmit={send}>
      <Text size="sm">
        {t('tips.form.notifyBody', {
          outcome: o ? t(`tips.outcomes.${o.kind}`) : '',
          decision: o ? t('tips.decisionLine', { decisionNo: o.decisionNo, decidedOn: formatDate(o.decidedOn) }) : '',
        })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('tips.form.notifyBasis')}
      </Text>
    </ActionModal>
  );
}

const MODALS: Record<TipAction, (p: { tip: Tip; onClose: () => void }) => ReactNode> = {
  recordReceipt: RecordReceiptModal,
  classify: ClassifyModal,
  transfer: TransferModal,
  extend: ExtendModal,
  suspend: SuspendModal,
  restore: RestoreModal,
  decide: DecideModal,
  ask: AskModal,
  notifySender: NotifySenderModal,
};

/** The dialog of one action. */
export function TipActionModal({ tip, action, onClose }: { tip: Tip; action: TipAction; onClose: () => void }) {
  const M = MODALS[action];
  return <M tip={tip} onClose={onClose} />;
}
