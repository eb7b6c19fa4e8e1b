import { useState } from 'react';
import { Anchor, Button, Divider, Group, Loader, Modal, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLink, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Incident, IncidentCategory, IncidentSeverity } from '../../../contracts/incidents.ts';
import { linkTipIncidentInput, type Tip } from '../../../contracts/tips.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { zodPathErrors, type FieldErrors } from '../../lib/errors.ts';
import { IncidentStatusBadge, SeverityBadge, useIncidentOptions } from '../incidents/IncidentBits.tsx';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import { useLinkIncident, useRelatedIncidents } from './api.ts';
import { TipActionError } from './TipBits.tsx';

/** A first title for the new situation: the beginning of what the sender wrote, on one line. */
function suggestedTitle(tip: Tip): string {
  const line = tip.what.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117).trimEnd()}…` : line;
}

/** Open a new situation from the tip: the server takes place, time and text from the tip. */
function OpenIncidentModal({ tip, onClose }: { tip: Tip; onClose: () => void }) {
  const { t } = useTranslation();
  const link = useLinkIncident(tip.id);
  const options = useIncidentOptions();
  const [title, setTitle] = useState(suggestedTitle(tip));
  const [category, setCategory] = useState<IncidentCategory | null>(null);
  const [severity, setSeverity] = useState<IncidentSeverity>('minor');
  const [lead, setLead] = useState<{ id: string; name: string } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = () => {
    const input = { open: { title, category, severity, ...(lead ? { leadUnitId: lead.id } : {}) } };
    const parsed = linkTipIncidentInput.safeParse(input);
    if (!parsed.success) {
      const e = zodPathErrors(t, parsed.error);
      // The union reports the branch that failed: keep the field names of the `open` branch.
      return setErrors(Object.fromEntries(Object.entries(e).map(([k, v]) => [k.replace(/^open\./, ''), v])));
    }
    setErrors({});
    link.mutate(parsed.data, {
      onSuccess: (r) => {
        notifications.show({ color: 'green', message: t('tips.incident.opened', { code: r.incident?.code ?? '' }) });
        onClose();
      },
    });
  };
  return (
    <Modal opened onClose={onClose} title={t('tips.incident.openTitle')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TipActionError error={link.error} />
          <Text size="sm" c="dimmed">
            {t('tips.incident.openHint')}
          </Text>
          <TextInput label={t('tips.incident.name')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} data-autofocus />
          <Group grow align="flex-start" gap="sm">
            <Select label={t('tips.incident.category')} required data={options.categories} value={category} onChange={(v) => setCategory(v as IncidentCategory | null)} error={errors.category} />
            <Select label={t('tips.incident.severity')} data={options.severities} value={severity} onChange={(v) => setSeverity((v ?? 'minor') as IncidentSeverity)} allowDeselect={false} />
          </Group>
          <UnitPicker label={t('tips.incident.lead')} value={lead?.id ?? null} onChange={(_id, u) => setLead(u)} />
          <Text size="xs" c="dimmed" mt={-6}>
            {t('tips.incident.leadHint', { unit: tip.receivingUnit.name })}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={link.isPending} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('tips.incident.open')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Join one of the suggested situations, after confirmation. */
function JoinModal({ tip, incident, onClose }: { tip: Tip; incident: Incident; onClose: () => void }) {
  const { t } = useTranslation();
  const link = useLinkIncident(tip.id);
  const join = () =>
    link.mutate(
      { incidentId: incident.id },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('tips.incident.joined', { code: incident.code }) });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('tips.incident.joinTitle')}>
      <Stack gap="sm">
        <TipActionError error={link.error} />
        <Text size="sm">{t('tips.incident.joinBody', { code: incident.code, title: incident.title })}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={link.isPending} leftSection={<IconLink size={16} aria-hidden />} onClick={join} data-autofocus>
            {t('tips.incident.join')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Candidates({ tip, onJoin }: { tip: Tip; onJoin: (i: Incident) => void }) {
  const { t } = useTranslation();
  const related = useRelatedIncidents(tip.id, true);
  if (related.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (related.isError) return <ErrorState error={related.error} onRetry={() => void related.refetch()} />;
  const { items, windowHours } = related.data;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('tips.incident.related', { hours: windowHours })}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tips.incident.noRelated')}
        </Text>
      ) : (
        <ul className="plain-list" aria-label={t('tips.incident.related', { hours: windowHours })}>
          {items.map((i, n) => (
            <li key={i.id}>
              {n > 0 && <Divider />}
              <Group justify="space-between" align="center" gap="xs" py={6} wrap="wrap">
                <Stack gap={2} style={{ minWidth: 0, flex: '1 1 300px' }}>
                  <Anchor component={Link} to={`/incidents/${i.id}`} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    <Text span ff="monospace" size="xs" c="dimmed" mr={6}>
                      {i.code}
                    </Text>
                    {i.title}
                  </Anchor>
                  <Group gap="xs" wrap="wrap" style={{ rowGap: 2 }}>
                    <IncidentStatusBadge status={i.status} size="sm" />
                    <SeverityBadge severity={i.severity} size="sm" />
                    <Text size="xs" c="dimmed">
                      {formatDateTime(i.occurredAt)} · {t(`incidents.categories.${i.category}`)} · {i.address ?? i.communeName}
                    </Text>
                  </Group>
                </Stack>
                <Button size="compact-sm" variant="light" leftSection={<IconLink size={14} aria-hidden />} onClick={() => onJoin(i)} aria-label={t('tips.incident.joinLabel', { code: i.code })}>
                  {t('tips.incident.join')}
                </Button>
              </Group>
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

/**
 * Tip ↔ situation (vụ việc): the situation it opened or joined, linked; otherwise, for its handlers
 * (abilities.linkIncident), the likely situations of the same commune and time, and a new one.
 */
export function TipIncidentPanel({ tip }: { tip: Tip }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<{ kind: 'open' } | { kind: 'join'; incident: Incident } | null>(null);
  const linked = tip.incident;
  const may = tip.abilities.linkIncident === true && !linked;
  const event = tip.events.find((e) => e.kind === 'incident_linked');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tip-incident">
      <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
        <Title order={3} size="h5" id="tip-incident">
          {t('tips.incident.title')}
        </Title>
        {may && (
          <Button size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setDialog({ kind: 'open' })}>
            {t('tips.incident.open')}
          </Button>
        )}
      </Group>
      {linked ? (
        <Stack gap={2}>
          <Text size="sm">
            {event?.data.opened === true ? t('tips.incident.linkedOpened') : t('tips.incident.linkedJoined')}{' '}
            <Anchor component={Link} to={`/incidents/${linked.id}`} ff="monospace" fw={700}>
              {linked.code}
            </Anchor>
          </Text>
          {event && (
            <Text size="xs" c="dimmed">
              {formatDateTime(event.at)} · {event.actorName}
            </Text>
          )}
        </Stack>
      ) : may ? (
        <Candidates tip={tip} onJoin={(incident) => setDialog({ kind: 'join', incident })} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('tips.incident.none')}
        </Text>
      )}
      {dialog?.kind === 'open' && <OpenIncidentModal tip={tip} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'join' && <JoinModal tip={tip} incident={dialog.incident} onClose={() => setDialog(null)} />}
    </Paper>
  );
}
