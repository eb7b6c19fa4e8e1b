import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Box, Button, Checkbox, Divider, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconArrowUpRight,
  IconCategory,
  IconCircleCheck,
  IconFlag,
  IconLockOpen,
  IconReport,
  IconShieldCheck,
  IconUsersPlus,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { logEntryInput, type IncidentDetail } from '../../../contracts/incidents.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../../lib/errors.ts';
import { useMe } from '../auth/session.ts';
import { useAddLogEntry, useIncident } from './api.ts';
import {
  ActionError,
  AddSupportingModal,
  CategoryModal,
  ClosingReportModal,
  ClosureModal,
  DeescalateModal,
  EscalateModal,
  ReopenModal,
  SignificanceModal,
} from './IncidentActions.tsx';
import { IncidentDuplicates } from './IncidentDuplicates.tsx';
import { formatVnd, IncidentStatusBadge, LevelBadge, SeverityBadge, SignificanceBadge, STATUS_COLOR } from './IncidentBits.tsx';

type Dialog =
  | { kind: 'escalate' }
  | { kind: 'deescalate' }
  | { kind: 'category' }
  | { kind: 'significance'; mode: 'propose' | 'verify' }
  | { kind: 'closingReport' }
  | { kind: 'closure' }
  | { kind: 'reopen' }
  | { kind: 'supporting' }
  | null;

type Event = IncidentDetail['events'][number];

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

/** The buttons of the actions the server allows (abilities); nothing else is shown. */
function ActionBar({ incident, open }: { incident: IncidentDetail; open: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const a = incident.abilities;
  const b: ReactNode[] = [];
  const add = (key: string, label: string, icon: ReactNode, d: Dialog, props: { variant?: string; color?: string } = { variant: 'default' }) =>
    b.push(
      <Button key={key} leftSection={icon} onClick={() => open(d)} {...props}>
        {label}
      </Button>,
    );
  if (a.decideClosure) add('closure', t('incidents.act.decideClosure'), <IconCircleCheck size={16} aria-hidden />, { kind: 'closure' }, { color: 'green' });
  if (a.reportClosing) add('closing', t('incidents.act.reportClosing'), <IconReport size={16} aria-hidden />, { kind: 'closingReport' }, { color: 'violet' });
  if (a.escalate) add('escalate', t('incidents.act.escalate'), <IconArrowUpRight size={16} aria-hidden />, { kind: 'escalate' }, { variant: 'light', color: 'grape' });
  if (a.deescalate) add('deescalate', t('incidents.act.deescalate'), <IconArrowBackUp size={16} aria-hidden />, { kind: 'deescalate' });
  if (a.addSupporting) add('supporting', t('incidents.act.addSupporting'), <IconUsersPlus size={16} aria-hidden />, { kind: 'supporting' });
  if (a.verifySignificant) add('verify', t('incidents.act.verifySignificant'), <IconShieldCheck size={16} aria-hidden />, { kind: 'significance', mode: 'verify' }, { variant: 'light', color: 'red' });
  if (a.proposeSignificant) add('propose', t('incidents.act.proposeSignificant'), <IconFlag size={16} aria-hidden />, { kind: 'significance', mode: 'propose' });
  if (a.changeCategory) add('category', t('incidents.act.changeCategory'), <IconCategory size={16} aria-hidden />, { kind: 'category' });
  if (a.reopen) add('reopen', t('incidents.act.reopen'), <IconLockOpen size={16} aria-hidden />, { kind: 'reopen' }, { color: 'orange' });
  if (!b.length) return null;
  return (
    <Group gap="xs" role="group" aria-label={t('incidents.actions')} mb="md">
      {b}
    </Group>
  );
}

/** What an event says beyond its kind: the levels of an escalation, the categories of a change. */
function EventDetail({ e, incident }: { e: Event; incident: IncidentDetail }) {
  const { t } = useTranslation();
  const d = e.data;
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  if (e.kind === 'opened')
    return (
      <Text size="sm">
        {t('incidents.openedDetail', { assigning: e.unitName ?? '', lead: s('leadUnitId') === incident.leadUnit.id ? incident.leadUnit.name : '' })}
      </Text>
    );
  if ((e.kind === 'escalated' || e.kind === 'deescalated') && s('fromLevel') && s('toLevel'))
    return (
      <Text size="sm">
        {t('incidents.escalatedTo', { from: t(`incidents.levels.${s('fromLevel')}`), to: t(`incidents.levels.${s('toLevel')}`), unit: e.unitName ?? '' })}
      </Text>
    );
  if (e.kind === 'tip_linked' && typeof d.tipId === 'string')
    return (
      <Anchor component={Link} to={`/tips/${d.tipId}`} size="sm">
        {s('trackingCode')}
      </Anchor>
    );
  if ((e.kind === 'merged_into' || e.kind === 'merged_from') && s('intoId'))
    return (
      <Text size="sm">
        <Anchor component={Link} to={`/incidents/${e.kind === 'merged_into' ? s('intoId') : s('fromId')}`}>
          {e.kind === 'merged_into' ? s('intoCode') : s('fromCode')}
        </Anchor>
      </Text>
    );
  if (e.kind === 'category_changed' && s('from') && s('to'))
    return (
      <Group gap="xs">
        <Text size="sm">{t('incidents.categoryChangedTo', { from: t(`incidents.categories.${s('from')}`), to: t(`incidents.categories.${s('to')}`) })}</Text>
        {d.downgrade === true && (
          <Badge color="orange" variant="light" size="sm" tt="none">
            {t('incidents.downgrade')}
          </Badge>
        )}
      </Group>
    );
  return null;
}

const EVENT_COLOR: Record<string, string> = {
  log: 'blue',
  escalated: 'grape',
  deescalated: 'gray',
  closing_reported: 'violet',
  closure_confirmed: 'green',
  closure_returned: 'orange',
  reopened: 'orange',
  significance_verified: 'red',
  category_changed: 'yellow',
  tip_linked: 'teal',
  merged_into: 'gray',
  merged_from: 'gray',
};

/**
 * Time order, oldest first. Events of the same instant (a situation opened with its supporting
 * units) keep the opening first, then the server's order.
 */
function ordered(events: Event[]): Event[] {
  return events
    .map((e, k) => ({ e, k }))
    .sort((a, b) => a.e.at.localeCompare(b.e.at) || Number(b.e.kind === 'opened') - Number(a.e.kind === 'opened') || a.k - b.k)
    .map((x) => x.e);
}

/** The joint log: every event in time order (oldest first, newest last), optionally one unit's or only the log entries. */
function JointLog({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [onlyEntries, setOnlyEntries] = useState(false);
  const units = useMemo(() => {
    const m = new Map<string, string>();
    for (const e of incident.events) if (e.unitId && e.unitName) m.set(e.unitId, e.unitName);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [incident.events]);
  const shown = ordered(incident.events).filter((e) => (!unitId || e.unitId === unitId) && (!onlyEntries || e.kind === 'log'));
  return (
    <>
      <Group gap="sm" align="flex-end" mb="sm" wrap="wrap">
        <Select
          label={t('incidents.logUnitFilter')}
          placeholder={t('incidents.logAllUnits')}
          data={units}
          value={unitId}
          onChange={setUnitId}
          clearable
          w={{ base: '100%', sm: 320 }}
        />
        <Checkbox label={t('incidents.logOnlyEntries')} checked={onlyEntries} onChange={(e) => setOnlyEntries(e.currentTarget.checked)} mb={8} />
      </Group>
      {shown.length === 0 ? (
        <Text c="dimmed" size="sm">
          {unitId || onlyEntries ? t('incidents.noEventsForUnit') : t('incidents.noEvents')}
        </Text>
      ) : (
        <Timeline active={shown.length - 1} bulletSize={14} lineWidth={2}>
          {shown.map((e) => (
            <Timeline.Item
              key={e.id}
              color={EVENT_COLOR[e.kind] ?? 'blue'}
              title={
                <Text fw={600} size="sm">
                  {t(`incidents.events.${e.kind}`, { defaultValue: t('incidents.events.other') })}
                  {e.unitName && !['opened', 'escalated', 'deescalated'].includes(e.kind) ? ` — ${e.unitName}` : ''}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                {e.actorName ? ` · ${t('incidents.byActor', { actor: e.actorName })}` : ''}
              </Text>
              <EventDetail e={e} incident={incident} />
              {e.reason && (
                <Text size="sm" className="pre-wrap">
                  {e.reason}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </>
  );
}

/**
 * A log entry for one of the viewer's participating units. A unit officer writes for their own
 * unit; leaders, staff officers and administrators may write for any participating unit they act
 * for (the server checks the scope).
 */
function LogForm({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const addLog = useAddLogEntry(incident.id);
  const participants = useMemo(() => {
    const m = new Map<string, string>([[incident.leadUnit.id, incident.leadUnit.name]]);
    m.set(incident.overseeingUnit.id, incident.overseeingUnit.name);
    for (const s of incident.supporting) m.set(s.unitId, s.unitName);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [incident]);
  const broad = me.user.roles.some((r) => r === 'system_admin' || r === 'leader' || r === 'staff_officer');
  const choices = broad ? participants : participants.filter((p) => p.value === me.user.unitId);
  const initial = choices.find((c) => c.value === me.user.unitId)?.value ?? (choices.length === 1 ? choices[0]!.value : null);
  const [unitId, setUnitId] = useState<string | null>(initial);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = logEntryInput.safeParse({ unitId: unitId ?? '', text });
    const errs = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    if (!unitId) errs.unitId = t('validation.required');
    if (!parsed.success) return setErrors(errs);
    setErrors({});
    addLog.mutate(parsed.data, {
      onSuccess: () => {
        setText('');
        notifications.show({ color: 'green', message: t('incidents.logged') });
      },
      onError: (err) => setErrors(apiFieldErrors(t, err)),
    });
  };

  return (
    <Paper withBorder p="sm" bg="gray.0">
      <form onSubmit={submit} noValidate aria-label={t('incidents.addLog')}>
        <Stack gap="xs">
          <ActionError error={addLog.error} />
          <Select label={t('incidents.logFor')} data={choices} value={unitId} onChange={setUnitId} required allowDeselect={false} error={errors.unitId} w={{ base: '100%', sm: 420 }} />
          <Textarea
            label={t('incidents.logText')}
            placeholder={t('incidents.logPlaceholder')}
            required
            autosize
            minRows={2}
            maxRows={10}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={errors.text}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={addLog.isPending}>
              {t('incidents.logSend')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** One situation: header, facts, units, the actions the server allows, and the joint log. */
export function IncidentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const incident = useIncident(id);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (incident.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (incident.isError) return isApiError(incident.error, 'not_found') ? <NotFound /> : <ErrorState error={incident.error} onRetry={() => void incident.refetch()} />;
  const d = incident.data;
  const close = () => setDialog(null);
  const hasCounts = d.peopleInvolved + d.injured + d.dead + d.damageVnd > 0;

  return (
    <>
      <Stack gap={6} mb="md">
        <Group gap="xs" wrap="wrap">
          <Text ff="monospace" fw={700} c="dimmed">
            {d.code}
          </Text>
          <IncidentStatusBadge status={d.status} size="lg" />
          <LevelBadge level={d.level} size="lg" />
          <SignificanceBadge significance={d.significance} size="lg" />
        </Group>
        <Title order={2} style={{ wordBreak: 'break-word' }}>
          {d.title}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600}>
            {t(`incidents.categories.${d.category}`)}
          </Text>
          <SeverityBadge severity={d.severity} size="sm" />
          <Text size="sm" c="dimmed">
            {formatDateTime(d.occurredAt)} · {d.communeName}
          </Text>
          {d.reopenCount > 0 && (
            <Badge color="orange" variant="outline" size="sm" tt="none">
              {t('incidents.reopenedTimes', { count: d.reopenCount })}
            </Badge>
          )}
        </Group>
      </Stack>

      {d.status === 'awaiting_confirmation' && (
        <Alert color="violet" mb="md" role="status">
          {t('incidents.awaitingConfirmation', { unit: d.overseeingUnit.name })}
        </Alert>
      )}

      <ActionBar incident={d} open={setDialog} />
      <IncidentDuplicates incident={d} />

      <Paper withBorder p="md" mb="md" component="section" aria-labelledby="incident-facts">
        <Title order={3} size="h5" id="incident-facts" mb="sm">
          {t('incidents.facts')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Field label={t('incidents.occurredAt')}>{formatDateTime(d.occurredAt)}</Field>
          <Field label={t('incidents.place')}>
            {d.communeName}
            <Text size="sm" c={d.address ? undefined : 'dimmed'}>
              {d.address ?? t('incidents.noAddress')}
            </Text>
            {d.point && (
              <Text size="xs" c="dimmed">
                {t('incidents.point')}: {d.point.lat.toFixed(5)}, {d.point.lon.toFixed(5)}
              </Text>
            )}
          </Field>
          <Field label={t('incidents.source')}>{t(`incidents.sources.${d.source}`)}</Field>
          <Field label={t('incidents.category')}>{t(`incidents.categories.${d.category}`)}</Field>
          <Field label={t('incidents.severity')}>{t(`incidents.severities.${d.severity}`)}</Field>
          <Field label={t('incidents.counts')}>
            {hasCounts ? (
              <>
                {t('incidents.peopleInvolved')}: {d.peopleInvolved} · {t('incidents.injured')}: {d.injured} · {t('incidents.dead')}: {d.dead}
                <br />
                {t('incidents.damageVnd')}: {formatVnd(d.damageVnd)}
              </>
            ) : (
              t('common.none')
            )}
          </Field>
        </SimpleGrid>
        <Divider my="sm" />
        <Field label={t('incidents.description')}>
          <span className="pre-wrap">{d.description}</span>
        </Field>
        {d.closingReport && (
          <>
            <Divider my="sm" />
            <Field label={t('incidents.closingReport')}>
              <span className="pre-wrap">{d.closingReport}</span>
            </Field>
          </>
        )}
        {d.closedAt && (
          <Text size="sm" mt="sm" c={STATUS_COLOR.closed}>
            {t('incidents.closedAt', { time: formatDateTime(d.closedAt) })}
          </Text>
        )}
      </Paper>

      <Paper withBorder p="md" mb="md" component="section" aria-labelledby="incident-units">
        <Title order={3} size="h5" id="incident-units" mb="sm">
          {t('incidents.units')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Field label={t('incidents.leadUnit')}>{d.leadUnit.name}</Field>
          <Field label={t('incidents.assigningUnit')}>{d.assigningUnit.name}</Field>
          <Field label={t('incidents.overseeingUnit')}>
            <Group gap={6} wrap="wrap">
              <span>{d.overseeingUnit.name}</span>
              <LevelBadge level={d.level} size="sm" />
            </Group>
            <Text size="xs" c="dimmed">
              {t('incidents.overseeingHint')}
            </Text>
          </Field>
        </SimpleGrid>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="md" mb={4}>
          {t('incidents.supporting')}
        </Text>
        {d.supporting.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('incidents.noSupporting')}
          </Text>
        ) : (
          <ul className="plain-list">
            {d.supporting.map((s, i) => (
              <li key={s.unitId} aria-label={s.unitName}>
                {i > 0 && <Divider my="xs" />}
                <Text fw={600} size="sm">
                  {s.unitName}
                </Text>
                <Text size="sm" className="pre-wrap">
                  <Text span c="dimmed" size="xs">
                    {t('incidents.assignment')}:{' '}
                  </Text>
                  {s.assignment}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('incidents.assignedAt', { time: formatDateTime(s.assignedAt) })}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="incident-log">
        <Title order={3} size="h5" id="incident-log">
          {t('incidents.log')}
        </Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t('incidents.logHint')}
        </Text>
        <Box mb="md">
          <JointLog incident={d} />
        </Box>
        {d.abilities.log && <LogForm key={d.id} incident={d} />}
      </Paper>

      {dialog?.kind === 'escalate' && <EscalateModal incident={d} onClose={close} />}
      {dialog?.kind === 'deescalate' && <DeescalateModal incident={d} onClose={close} />}
      {dialog?.kind === 'category' && <CategoryModal incident={d} onClose={close} />}
      {dialog?.kind === 'significance' && <SignificanceModal incident={d} mode={dialog.mode} onClose={close} />}
      {dialog?.kind === 'closingReport' && <ClosingReportModal incident={d} onClose={close} />}
      {dialog?.kind === 'closure' && <ClosureModal incident={d} onClose={close} />}
      {dialog?.kind === 'reopen' && <ReopenModal incident={d} onClose={close} />}
      {dialog?.kind === 'supporting' && <AddSupportingModal incident={d} onClose={close} />}
    </>
  );
}
