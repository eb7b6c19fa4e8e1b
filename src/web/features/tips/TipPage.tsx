import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Divider, Group, List, Loader, Modal, Paper, SimpleGrid, Stack, Switch, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconArrowsExchange,
  IconBell,
  IconCalendarPlus,
  IconCategory,
  IconEye,
  IconEyeOff,
  IconFileText,
  IconGavel,
  IconLock,
  IconMessageQuestion,
  IconPaperclip,
  IconPlayerPause,
  IconPlayerPlay,
  IconShieldLock,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Tip, TipExtensionKind, TipOutcome } from '../../../contracts/tips.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { isApiError } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { useMe } from '../auth/session.ts';
import { tipFileUrl, useSetCommuneRemote, useTip, useTipReporter } from './api.ts';
import { TIP_ACTIONS, TipActionModal, type TipAction } from './TipActions.tsx';
import { TipIncidentPanel } from './TipIncident.tsx';
import { ClockBadge, Field, formatDue, STAGE_COLOR, tipErrorMessage, TipStateBadge } from './TipBits.tsx';

const ACTION_ICON: Record<TipAction, ReactNode> = {
  recordReceipt: <IconFileText size={16} aria-hidden />,
  classify: <IconCategory size={16} aria-hidden />,
  transfer: <IconArrowsExchange size={16} aria-hidden />,
  extend: <IconCalendarPlus size={16} aria-hidden />,
  suspend: <IconPlayerPause size={16} aria-hidden />,
  restore: <IconPlayerPlay size={16} aria-hidden />,
  decide: <IconGavel size={16} aria-hidden />,
  notifySender: <IconBell size={16} aria-hidden />,
  ask: <IconMessageQuestion size={16} aria-hidden />,
};

function Section({ id, title, children, aside }: { id: string; title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}

/** The buttons of the actions the server allows this viewer (abilities), in lifecycle order. */
function ActionBar({ tip, open }: { tip: Tip; open: (a: TipAction) => void }) {
  const { t } = useTranslation();
  const allowed = TIP_ACTIONS.filter((a) => tip.abilities[a] === true);
  if (!allowed.length) return null;
  return (
    <Group gap="xs" role="group" aria-label={t('tips.actions')} mb="md">
      {allowed.map((a, i) => (
        <Button key={a} variant={i === 0 && a !== 'ask' ? 'filled' : a === 'suspend' ? 'light' : 'default'} color={a === 'suspend' ? 'yellow' : undefined} leftSection={ACTION_ICON[a]} onClick={() => open(a)}>
          {t(`tips.act.${a}`)}
        </Button>
      ))}
    </Group>
  );
}

const occurred = (v: string | null): string => (v === null ? '' : v.includes('T') ? formatDateTime(v) : formatDate(v));
const sizeText = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function Facts({ tip }: { tip: Tip }) {
  const { t } = useTranslation();
  return (
    <Section id="tip-facts" title={t('tips.facts')}>
      <Stack gap="sm">
        <Field label={t('tips.what')}>
          <span className="pre-wrap" style={{ overflowWrap: 'anywhere' }}>
            {tip.what}
          </span>
        </Field>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Field label={t('tips.where')}>
            {tip.address}
            <Text size="xs" c="dimmed">
              {tip.communeName}
              {tip.point ? ` · ${t('tips.point')}: ${tip.point.lat.toFixed(5)}, ${tip.point.lng.toFixed(5)}` : ''}
            </Text>
          </Field>
          <Field label={t('tips.when')}>{tip.occurredAt ? occurred(tip.occurredAt) : <Text span c="dimmed" size="sm">{t('tips.whenUnknown')}</Text>}</Field>
          <Field label={t('tips.receivedAt')}>{formatDateTime(tip.receivedAt)}</Field>
          <Field label={t('tips.kind')}>{t(`tips.kinds.${tip.kind}`)}</Field>
        </SimpleGrid>
        <Field label={t('tips.files')}>
          {tip.files.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('tips.noFiles')}
            </Text>
          ) : (
            <List size="sm" spacing={4} icon={<IconPaperclip size={14} aria-hidden />}>
              {tip.files.map((f) => (
                <List.Item key={f.id}>
                  <Anchor href={tipFileUrl(tip.id, f.id)} download={f.filename} aria-label={t('tips.download', { name: f.filename })}>
                    {f.filename}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    ({sizeText(f.size)})
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </Field>
      </Stack>
    </Section>
  );
}

function extensionsOf(tip: Tip) {
  return tip.events
    .filter((e) => e.kind === 'extended')
    .map((e) => ({ kind: e.data.extensionKind as TipExtensionKind, until: String(e.data.until ?? ''), decisionNo: String(e.data.decisionNo ?? ''), decidedOn: String(e.data.decidedOn ?? '') }));
}

/** An administrator marks the tip's commune remote (48 h to transfer), for tips received later. */
function RemoteCommuneSwitch({ tip }: { tip: Tip }) {
  const { t } = useTranslation();
  const set = useSetCommuneRemote();
  const [remote, setRemote] = useState(tip.remoteCommune);
  return (
    <Stack gap={4}>
      <Switch
        label={t('tips.remote.label', { commune: tip.communeName })}
        description={t('tips.remote.hint')}
        checked={remote}
        disabled={set.isPending}
        onChange={(e) => {
          const next = e.currentTarget.checked;
          set.mutate(
            { communeCode: tip.communeCode, remote: next },
            {
              onSuccess: (r) => {
                setRemote(r.remote);
                notifications.show({ color: 'green', message: t('tips.remote.saved') });
              },
            },
          );
        }}
      />
      {set.isError && (
        <Text size="xs" c="red" role="alert">
          {tipErrorMessage(t, set.error)}
        </Text>
      )}
    </Stack>
  );
}

/** The legal clock: stage, due, days left, transfer SLA, art. 147 deadline, latest extension, legal basis. */
function ClockPanel({ tip }: { tip: Tip }) {
  const { t } = useTranslation();
  const me = useMe();
  const c = tip.clock;
  const exts = extensionsOf(tip);
  const lateTransfer = tip.events.some((e) => e.kind === 'transferred' && e.data.late === true);
  return (
    <Section id="tip-clock" title={t('tips.clockTitle')} aside={<ClockBadge clock={c} size="lg" />}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Field label={t('tips.stage')}>
            <Badge color={STAGE_COLOR[c.stage]} variant="light" tt="none">
              {t(`tips.stages.${c.stage}`)}
            </Badge>
          </Field>
          <Field label={t('tips.dueAt')}>
            {c.dueAt ? (
              <Text span fw={700} c={c.overdue ? 'red.8' : undefined}>
                {formatDue(c.dueAt)}
              </Text>
            ) : (
              t('common.none')
            )}
          </Field>
          <Field label={t('tips.transferDueAt')}>
            {formatDue(c.transferDueAt)}
            <Text size="xs" c="dimmed">
              {t('tips.transferHours', { hours: tip.remoteCommune ? 48 : 24 })}
              {tip.remoteCommune ? ` · ${t('tips.remoteCommune')}` : ''}
            </Text>
            {tip.transferredAt && (
              <Text size="xs" c={lateTransfer ? 'red.8' : 'dimmed'}>
                {t('tips.transferredAt')} {formatDateTime(tip.transferredAt)}
                {lateTransfer ? ` · ${t('tips.transferredLate')}` : ''}
              </Text>
            )}
          </Field>
          <Field label={t('tips.settlementDueAt')}>{c.settlementDueAt ? formatDue(c.settlementDueAt) : t('common.none')}</Field>
          <Field label={t('tips.maxExtensionUntil')}>{c.maxExtensionUntil ? formatDate(c.maxExtensionUntil) : <Text span c="dimmed" size="sm">{t('tips.noExtensionLeft')}</Text>}</Field>
          <Field label={t('tips.extensionsUsed')}>
            {exts.length === 0 ? (
              <Text span c="dimmed" size="sm">
                {t('tips.noExtensions')}
              </Text>
            ) : (
              <Stack gap={2}>
                {exts.map((x, i) => (
                  <Text key={i} size="sm">
                    {t('tips.extensionLine', { kind: t(`tips.extensionKindsShort.${x.kind}`), until: formatDate(x.until), decisionNo: x.decisionNo, decidedOn: formatDate(x.decidedOn) })}
                  </Text>
                ))}
              </Stack>
            )}
          </Field>
        </SimpleGrid>
        {c.stage === 'suspended' && (
          <Alert color="yellow" variant="light" icon={<IconPlayerPause size={16} aria-hidden />}>
            {t('tips.clockStopped')}
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          {c.stage === 'transfer' && `${t('tips.transferBasis')} `}
          {t('tips.legalBasis')}
        </Text>
        {me.user.roles.includes('system_admin') && (
          <>
            <Divider />
            <RemoteCommuneSwitch tip={tip} />
          </>
        )}
      </Stack>
    </Section>
  );
}

/** Shown only after the viewer asked for it; unmounting forgets it (gcTime 0, no refetch). */
function ReporterDetails({ tipId, onHide }: { tipId: string; onHide: () => void }) {
  const { t } = useTranslation();
  const r = useTipReporter(tipId);
  if (r.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (r.isError) return <ErrorState error={r.error} />;
  const v = (s: string | null) => s ?? <Text span c="dimmed" size="sm">{t('tips.notGiven')}</Text>;
  return (
    <Stack gap="sm">
      <Alert color="orange" variant="light" icon={<IconShieldLock size={16} aria-hidden />} role="status">
        {t('tips.reporterAudited')}
      </Alert>
      {r.data.keepSecret && (
        <Badge color="red" variant="filled" tt="none" leftSection={<IconLock size={12} aria-hidden />}>
          {t('tips.reporterKeepSecret')}
        </Badge>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Field label={t('tips.reporterName')}>{v(r.data.name)}</Field>
        <Field label={t('tips.reporterPhone')}>{v(r.data.phone)}</Field>
        <Field label={t('tips.reporterEmail')}>{v(r.data.email)}</Field>
        <Field label={t('tips.reporterAddress')}>{v(r.data.address)}</Field>
      </SimpleGrid>
      <Group>
        <Button variant="default" size="xs" leftSection={<IconEyeOff size={14} aria-hidden />} onClick={onHide}>
          {t('tips.hideReporter')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * The sender's identity, kept apart: a button for those the server allows (abilities.readReporter:
 * members of the handling unit), a confirmation that the read is audited, then the details.
 */
function ReporterPanel({ tip }: { tip: Tip }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'hidden' | 'confirm' | 'shown'>('hidden');
  const may = tip.abilities.readReporter === true;
  return (
    <Section id="tip-reporter" title={t('tips.reporter')}>
      {!tip.hasReporter ? (
        <Text size="sm" c="dimmed">
          {t('tips.reporterNone')}
        </Text>
      ) : view === 'shown' && may ? (
        <ReporterDetails tipId={tip.id} onHide={() => setView('hidden')} />
      ) : (
        <Stack gap="sm" align="flex-start">
          <Text size="sm" c="dimmed">
            {may ? t('tips.reporterHidden') : t('tips.reporterNotAllowed')}
          </Text>
          {may && (
            <Button variant="light" color="orange" leftSection={<IconEye size={16} aria-hidden />} onClick={() => setView('confirm')}>
              {t('tips.showReporter')}
            </Button>
          )}
        </Stack>
      )}
      {view === 'confirm' && (
        <Modal opened onClose={() => setView('hidden')} title={t('tips.reporterConfirmTitle')}>
          <Stack gap="sm">
            <Alert color="orange" icon={<IconShieldLock size={16} aria-hidden />}>
              {t('tips.reporterConfirmBody')}
            </Alert>
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setView('hidden')}>
                {t('common.cancel')}
              </Button>
              <Button color="orange" onClick={() => setView('shown')} data-autofocus>
                {t('tips.reporterConfirm')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Section>
  );
}

const decisionText = (t: TFunction, o: { decisionNo: string; decidedOn: string }) => t('tips.decisionLine', { decisionNo: o.decisionNo, decidedOn: formatDate(o.decidedOn) });

/** Biên bản, classification, transfer, outcome and the notification of the sender. */
function Handling({ tip }: { tip: Tip }) {
  const { t } = useTranslation();
  const r = tip.receipt;
  const classifiedNote = [...tip.events].reverse().find((e) => e.kind === 'classified')?.data.note;
  const transferNote = tip.events.find((e) => e.kind === 'transferred')?.data.note;
  return (
    <Section id="tip-handling" title={t('tips.handling')}>
      <Stack gap="sm">
        <Field label={t('tips.receipt')}>
          {r ? (
            <Stack gap={4}>
              <Text size="sm">
                {t('tips.recordedAt')} {formatDateTime(r.recordedAt)} · {t('tips.officerName')}: {r.officerName} · {t('tips.receiptForm')}:{' '}
                {t(`tips.receiptForms.${r.form}`, { defaultValue: r.form })}
              </Text>
              <Text size="sm" className="pre-wrap" style={{ overflowWrap: 'anywhere' }}>
                {r.content}
              </Text>
              {r.materials && (
                <Text size="sm" className="pre-wrap">
                  <Text span c="dimmed" size="xs">
                    {t('tips.materials')}:{' '}
                  </Text>
                  {r.materials}
                </Text>
              )}
            </Stack>
          ) : (
            <Text span c="dimmed" size="sm">
              {t('tips.noReceipt')}
            </Text>
          )}
        </Field>
        <Divider />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Field label={t('tips.classification')}>
            {tip.classification ? t(`tips.classifications.${tip.classification}`) : <Text span c="dimmed" size="sm">{t('tips.notClassified')}</Text>}
            {typeof classifiedNote === 'string' && classifiedNote && (
              <Text size="xs" c="dimmed" className="pre-wrap">
                {classifiedNote}
              </Text>
            )}
          </Field>
          <Field label={t('tips.transfer')}>
            {tip.transferredAt ? (
              <>
                {tip.handlingUnit.name}
                <Text size="xs" c="dimmed">
                  {t('tips.transferredAt')} {formatDateTime(tip.transferredAt)}
                </Text>
                {typeof transferNote === 'string' && transferNote && (
                  <Text size="xs" c="dimmed" className="pre-wrap">
                    {transferNote}
                  </Text>
                )}
              </>
            ) : (
              <Text span c="dimmed" size="sm">
                {t('tips.notTransferred')}
              </Text>
            )}
          </Field>
          <Field label={t('tips.receivingUnit')}>{tip.receivingUnit.name}</Field>
          <Field label={t('tips.handlingUnit')}>{tip.handlingUnit.name}</Field>
        </SimpleGrid>
        <Divider />
        <Field label={t('tips.outcome')}>
          {tip.outcome ? (
            <>
              <Text size="sm" fw={600}>
                {t(`tips.outcomes.${tip.outcome.kind}`)}
              </Text>
              <Text size="sm">{decisionText(t, tip.outcome)}</Text>
              <Text size="xs" c={tip.senderNotifiedAt ? 'dimmed' : 'orange.8'}>
                {tip.senderNotifiedAt ? t('tips.senderNotified', { at: formatDateTime(tip.senderNotifiedAt) }) : t('tips.senderNotNotified')}
              </Text>
            </>
          ) : (
            <Text span c="dimmed" size="sm">
              {t('tips.noOutcome')}
            </Text>
          )}
        </Field>
      </Stack>
    </Section>
  );
}

function Questions({ tip }: { tip: Tip }) {
  const { t } = useTranslation();
  return (
    <Section id="tip-questions" title={t('tips.questions')}>
      {tip.questions.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('tips.noQuestions')}
        </Text>
      ) : (
        <ul className="plain-list">
          {tip.questions.map((q, i) => (
            <li key={q.id}>
              {i > 0 && <Divider my="xs" />}
              <Text size="sm" fw={600} className="pre-wrap">
                {q.question}
              </Text>
              <Text size="xs" c="dimmed">
                {t('tips.askedAt', { at: formatDateTime(q.askedAt) })}
              </Text>
              {q.answer !== null ? (
                <Paper bg="gray.0" p="xs" mt={4} radius="sm">
                  <Text size="sm" className="pre-wrap">
                    {q.answer}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('tips.answeredAt', { at: formatDateTime(q.answeredAt) })}
                  </Text>
                </Paper>
              ) : (
                <Badge color="orange" variant="light" tt="none" mt={4}>
                  {t('tips.notAnswered')}
                </Badge>
              )}
            </li>
          ))}
        </ul>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t('tips.questionsHint')}
      </Text>
    </Section>
  );
}

const EVENT_COLOR: Record<string, string> = {
  submitted: 'blue',
  transferred: 'violet',
  extended: 'orange',
  suspended: 'yellow',
  restored: 'teal',
  decided: 'green',
  sender_notified: 'green',
  question_answered: 'cyan',
  incident_linked: 'grape',
};

const KNOWN_EVENTS = ['submitted', 'receipt_recorded', 'classified', 'transferred', 'extended', 'suspended', 'restored', 'decided', 'question_asked', 'question_answered', 'sender_notified', 'incident_linked'];

function EventDetail({ tip, e }: { tip: Tip; e: Tip['events'][number] }) {
  const { t } = useTranslation();
  const d = e.data;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  const lines: ReactNode[] = [];
  const decision = str('decisionNo') && str('decidedOn') ? decisionText(t, { decisionNo: str('decisionNo'), decidedOn: str('decidedOn') }) : '';
  switch (e.kind) {
    case 'submitted':
      if (typeof d.files === 'number' && d.files > 0) lines.push(t('tips.eventFiles', { count: d.files }));
      break;
    case 'receipt_recorded':
      if (str('form')) lines.push(t(`tips.receiptForms.${str('form')}`, { defaultValue: str('form') }));
      break;
    case 'classified':
      if (str('classification')) lines.push(t(`tips.classifications.${str('classification')}`, { defaultValue: str('classification') }));
      if (str('note')) lines.push(t('tips.eventNote', { note: str('note') }));
      break;
    case 'transferred':
      if (str('toUnitId') === tip.handlingUnit.id) lines.push(t('tips.eventTransferredTo', { unit: tip.handlingUnit.name }));
      if (d.late === true)
        lines.push(
          <Text span c="red.8" size="sm" fw={600} key="late">
            {t('tips.eventLate')}
          </Text>,
        );
      if (str('note')) lines.push(t('tips.eventNote', { note: str('note') }));
      break;
    case 'extended':
      lines.push(t('tips.extensionLine', { kind: t(`tips.extensionKindsShort.${str('extensionKind')}`, { defaultValue: str('extensionKind') }), until: formatDate(str('until')), decisionNo: str('decisionNo'), decidedOn: formatDate(str('decidedOn')) }));
      break;
    case 'suspended':
      lines.push(decision);
      if (str('reason')) lines.push(t('tips.eventReason', { reason: str('reason') }));
      break;
    case 'restored':
      lines.push(decision);
      break;
    case 'decided':
      if (str('outcome')) lines.push(`${t(`tips.outcomes.${str('outcome') as TipOutcome}`)} — ${decision}`);
      break;
    case 'sender_notified':
      if (str('outcome')) lines.push(t(`tips.outcomes.${str('outcome') as TipOutcome}`));
      break;
    case 'incident_linked':
      if (str('incidentId') && str('incidentCode'))
        lines.push(
          <Text span size="sm" key="incident">
            {d.opened === true ? t('tips.incident.linkedOpened') : t('tips.incident.linkedJoined')}{' '}
            <Anchor component={Link} to={`/incidents/${str('incidentId')}`} ff="monospace">
              {str('incidentCode')}
            </Anchor>
          </Text>,
        );
      break;
    case 'question_asked':
    case 'question_answered': {
      const q = tip.questions.find((x) => x.id === str('questionId'));
      if (q) lines.push(e.kind === 'question_asked' ? q.question : (q.answer ?? ''));
      break;
    }
  }
  return (
    <>
      {lines.filter(Boolean).map((l, i) => (
        <Text key={i} size="sm" className="pre-wrap" style={{ overflowWrap: 'anywhere' }}>
          {l}
        </Text>
      ))}
    </>
  );
}

function Events({ tip }: { tip: Tip }) {
  const { t } = useTranslation();
  return (
    <Section id="tip-timeline" title={t('tips.timeline')}>
      {tip.events.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('tips.noTimeline')}
        </Text>
      ) : (
        <Timeline active={tip.events.length - 1} bulletSize={14} lineWidth={2}>
          {tip.events.map((e, i) => (
            <Timeline.Item
              key={i}
              color={EVENT_COLOR[e.kind] ?? 'blue'}
              title={
                <Text fw={600} size="sm">
                  {KNOWN_EVENTS.includes(e.kind) ? t(`tips.events.${e.kind}`) : t('tips.events.other', { kind: e.kind })}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at)} · {e.actorName.startsWith('public:') ? t('tips.byPublic') : e.actorName}
              </Text>
              <EventDetail tip={tip} e={e} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Section>
  );
}

/** One tip: the facts, the legal clock, the sender (hidden), handling, questions, events, and the allowed actions. */
export function TipPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const tip = useTip(id);
  const [action, setAction] = useState<TipAction | null>(null);

  if (tip.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (tip.isError) return isApiError(tip.error, 'not_found') ? <NotFound /> : <ErrorState error={tip.error} onRetry={() => void tip.refetch()} />;
  const d = tip.data;

  return (
    <>
      <Anchor component={Link} to="/tips" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> {t('tips.back')}
      </Anchor>
      <Stack gap={6} mb="md">
        <Group gap="xs" wrap="wrap">
          <Title order={2} ff="monospace">
            {d.trackingCode}
          </Title>
          <TipStateBadge state={d.state} size="lg" />
          <ClockBadge clock={d.clock} size="lg" />
        </Group>
        <Text c="dimmed" size="sm">
          {t(`tips.kinds.${d.kind}`)} · {d.communeName} · {t('tips.receivedAt')} {formatDateTime(d.receivedAt)} · {t('tips.handlingUnit')}: {d.handlingUnit.name}
        </Text>
      </Stack>

      <ActionBar tip={d} open={setAction} />

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" mb="md">
        <Facts tip={d} />
        <Stack gap="md">
          <ClockPanel tip={d} />
          <ReporterPanel tip={d} />
          <TipIncidentPanel tip={d} />
        </Stack>
      </SimpleGrid>

      <Stack gap="md">
        <Handling tip={d} />
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <Questions tip={d} />
          <Events tip={d} />
        </SimpleGrid>
      </Stack>

      {action && <TipActionModal key={action} tip={d} action={action} onClose={() => setAction(null)} />}
    </>
  );
}
