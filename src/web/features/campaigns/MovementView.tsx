import { useState } from 'react';
import { Alert, Button, Group, Loader, NumberInput, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { CommuneSelect } from '../incidents/IncidentBits.tsx';
import { useMovementRecords, useMovementSummary, useRecordSession } from './api.ts';

const fmt = (x: number | null) => (x === null ? '—' : x.toLocaleString('vi-VN'));

/** The mass movement per commune and period: counts and, beside them, the results (tips). */
export function MovementView() {
  const { t } = useTranslation();
  const today = todayIso();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [commune, setCommune] = useState<string | null>(null);
  const summary = useMovementSummary(from, to);
  const records = useMovementRecords(from, to, commune);
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('campaigns.movement.hint')}</Text>
      <Group align="flex-end" gap="sm">
        <DateField label={t('campaigns.fromOn')} value={from} onChange={setFrom} w={170} />
        <DateField label={t('campaigns.toOn')} value={to} onChange={setTo} w={170} />
      </Group>
      {summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : summary.isPending ? (
        <Loader />
      ) : summary.data.rows.length === 0 ? (
        <Text c="dimmed">{t('campaigns.movement.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label={t('campaigns.movement.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.movement.commune')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.movement.sessions')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.movement.audience')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.movement.teams')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.movement.members')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.movement.models')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.movement.tips')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.movement.tipsLinked')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.movement.tipsPerSession')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.movement.tipsPer100')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...summary.data.rows.map((r) => ({ key: r.communeCode, label: r.communeName, r })), { key: 'total', label: t('campaigns.movement.total'), r: summary.data.total }].map(({ key, label, r }) => (
                <Table.Tr key={key} fw={key === 'total' ? 700 : undefined} style={{ cursor: key === 'total' ? undefined : 'pointer' }} onClick={() => key !== 'total' && setCommune(key)}>
                  <Table.Td>{label}</Table.Td>
                  <Table.Td ta="right">{fmt(r.sessions)}</Table.Td>
                  <Table.Td ta="right">{fmt(r.audience)}</Table.Td>
                  <Table.Td ta="right">{fmt(r.teams)}</Table.Td>
                  <Table.Td ta="right">{fmt(r.teamMembers)}</Table.Td>
                  <Table.Td ta="right">{fmt(r.models)}</Table.Td>
                  <Table.Td ta="right">{fmt(r.tips)}</Table.Td>
                  <Table.Td ta="right">{fmt(r.tipsLinked)}</Table.Td>
                  <Table.Td ta="right">{fmt(r.tipsPerSession)}</Table.Td>
                  <Table.Td ta="right">{fmt(r.tipsPer100Members)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {summary.data && <Text size="xs" c="dimmed">{summary.data.period.label}. {summary.data.explanation}</Text>}
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">{t('campaigns.movement.details')}</Text>
        <CommuneSelect label={t('campaigns.movement.commune')} value={commune ?? ''} onChange={(v) => setCommune(v || null)} />
        {records.data && (
          <Stack gap={4} mt="sm">
            {records.data.sessions.map((s) => (
              <Text key={s.id} size="sm">{formatDate(s.heldOn)} — {s.topic} ({s.audience} {t('campaigns.movement.audience').toLowerCase()})</Text>
            ))}
            {records.data.teams.map((x) => (
              <Text key={x.id} size="sm">{x.name}: {x.members} {t('campaigns.movement.members').toLowerCase()}</Text>
            ))}
            {records.data.models.map((m) => (
              <Text key={m.id} size="sm">{m.name} ({t('campaigns.movement.since')} {formatDate(m.sinceOn)})</Text>
            ))}
          </Stack>
        )}
        {commune && summary.data?.canRecord && <RecordSession communeCode={commune} />}
      </Paper>
    </Stack>
  );
}

function RecordSession({ communeCode }: { communeCode: string }) {
  const { t } = useTranslation();
  const rec = useRecordSession();
  const [heldOn, setHeldOn] = useState(todayIso());
  const [topic, setTopic] = useState('');
  const [audience, setAudience] = useState<number | string>('');
  return (
    <Stack gap="xs" mt="md">
      <Text fw={500} size="sm">{t('campaigns.movement.record')}</Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <DateField label={t('campaigns.movement.heldOn')} value={heldOn} onChange={setHeldOn} maxDate={todayIso()} w={170} />
        <TextInput label={t('campaigns.movement.topic')} value={topic} onChange={(e) => setTopic(e.currentTarget.value)} w={{ base: '100%', sm: 320 }} />
        <NumberInput label={t('campaigns.movement.audience')} value={audience} onChange={setAudience} min={0} w={140} />
        <Button onClick={() => rec.mutate({ communeCode, heldOn, topic, audience: Number(audience) })} loading={rec.isPending} disabled={!topic || audience === ''}>
          {t('campaigns.movement.record')}
        </Button>
      </Group>
      {rec.isError && <Alert color="red">{errorMessage(t, rec.error)}</Alert>}
      {rec.isSuccess && <Text size="sm" c="green">{t('campaigns.movement.saved')}</Text>}
    </Stack>
  );
}
