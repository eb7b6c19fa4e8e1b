import { useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowMerge } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Incident, IncidentDetail } from '../../../contracts/incidents.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useIncidentDuplicates, useMergeIncident } from './api.ts';
import { ActionError } from './IncidentActions.tsx';
import { IncidentStatusBadge } from './IncidentBits.tsx';

/**
 * Likely duplicates (same commune and category within 48 hours), suggested — never merged
 * automatically. The overseeing level may merge this situation into one of them: this one is then
 * closed, counted once (as the one kept), and its tips move over.
 */
export function IncidentDuplicates({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const open = incident.state !== 'closed' && !incident.mergedInto;
  const dups = useIncidentDuplicates(incident.id, open);
  const [target, setTarget] = useState<Incident | null>(null);
  if (incident.mergedInto)
    return (
      <Alert color="gray" mb="md" role="status">
        {t('incidents.merge.mergedInto')}{' '}
        <Anchor component={Link} to={`/incidents/${incident.mergedInto.id}`}>
          {incident.mergedInto.code}
        </Anchor>
      </Alert>
    );
  const items = dups.data?.items ?? [];
  if (!open || items.length === 0) return null;
  return (
    <Paper withBorder p="md" mb="md" component="section" aria-labelledby="incident-duplicates" bg="yellow.0">
      <Title order={3} size="h5" id="incident-duplicates">
        {t('incidents.merge.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('incidents.merge.hint', { hours: dups.data?.windowHours ?? 48 })}
      </Text>
      <Stack gap="xs" data-testid="incident-duplicates">
        {items.map((x) => (
          <Group key={x.id} justify="space-between" wrap="wrap" gap="xs">
            <div>
              <Anchor component={Link} to={`/incidents/${x.id}`} size="sm" fw={600}>
                {x.code} · {x.title}
              </Anchor>
              <Group gap={6}>
                <IncidentStatusBadge status={x.status} size="sm" />
                <Text size="xs" c="dimmed">
                  {formatDateTime(x.occurredAt)} · {x.leadUnit.name}
                </Text>
              </Group>
            </div>
            {incident.abilities.merge && (
              <Button size="xs" variant="light" leftSection={<IconArrowMerge size={14} aria-hidden />} onClick={() => setTarget(x)}>
                {t('incidents.merge.action', { code: x.code })}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
      {target && <MergeModal incident={incident} into={target} onClose={() => setTarget(null)} />}
    </Paper>
  );
}

function MergeModal({ incident, into, onClose }: { incident: IncidentDetail; into: Incident; onClose: () => void }) {
  const { t } = useTranslation();
  const merge = useMergeIncident(incident.id);
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('incidents.merge.modalTitle', { from: incident.code, into: into.code })} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          merge.mutate({ version: incident.version, intoId: into.id, reason }, { onSuccess: onClose });
        }}
      >
        <Stack>
          <Text size="sm">{t('incidents.merge.explain', { from: incident.code, into: into.code })}</Text>
          <Textarea label={t('incidents.act.reason')} required minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <ActionError error={merge.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={merge.isPending} disabled={!reason.trim()}>
              {t('incidents.merge.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
