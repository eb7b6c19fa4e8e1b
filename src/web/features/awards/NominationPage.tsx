import { useState } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Button, Group, Loader, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { VOTES, type Nomination, type Vote } from '../../../contracts/awards.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { AchievementsTable, EligibilityPanel, NominationStateBadge } from './AwardBits.tsx';
import { downloadCertificate, downloadDecision, useDecision, useIssueDecision, useNomination, useRecordReview } from './api.ts';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

interface Row {
  memberName: string;
  memberTitle: string;
  vote: Vote;
  opinion: string;
}

function ReviewForm({ n }: { n: Nomination }) {
  const { t } = useTranslation();
  const record = useRecordReview(n.id);
  const [councilName, setCouncilName] = useState('Hội đồng Thi đua - Khen thưởng');
  const [metOn, setMetOn] = useState(today());
  const [memberCount, setMemberCount] = useState<number>(5);
  const [rows, setRows] = useState<Row[]>([{ memberName: '', memberTitle: '', vote: 'for', opinion: '' }]);
  const set = (i: number, r: Partial<Row>) => setRows((rs) => rs.map((x, k) => (k === i ? { ...x, ...r } : x)));
  return (
    <Stack gap="xs" component="form" aria-label={t('awards.recordReview')} onSubmit={(e) => e.preventDefault()}>
      <Group gap="sm" align="flex-end">
        <TextInput label={t('awards.councilName')} value={councilName} onChange={(e) => setCouncilName(e.currentTarget.value)} w={{ base: '100%', sm: 380 }} required />
        <DateField label={t('awards.metOn')} value={metOn} onChange={setMetOn} maxDate={today()} w={170} required />
        <NumberInput label={t('awards.memberCount')} min={1} max={100} value={memberCount} onChange={(v) => setMemberCount(typeof v === 'number' ? v : 1)} w={200} required />
      </Group>
      <Text size="sm" fw={600}>
        {t('awards.votes')}
      </Text>
      {rows.map((r, i) => (
        <Group key={i} gap="xs" align="flex-end" role="group" aria-label={`${t('awards.memberName')} ${i + 1}`}>
          <TextInput label={t('awards.memberName')} value={r.memberName} onChange={(e) => set(i, { memberName: e.currentTarget.value })} w={{ base: '100%', sm: 200 }} required />
          <TextInput label={t('awards.memberTitle')} value={r.memberTitle} onChange={(e) => set(i, { memberTitle: e.currentTarget.value })} w={{ base: '100%', sm: 180 }} />
          <Select label={t('awards.vote')} data={VOTES.map((v) => ({ value: v, label: t(`awards.voteValues.${v}`) }))} value={r.vote} onChange={(v) => set(i, { vote: (v ?? 'for') as Vote })} allowDeselect={false} w={170} />
          <TextInput label={t('awards.opinion')} value={r.opinion} onChange={(e) => set(i, { opinion: e.currentTarget.value })} w={{ base: '100%', sm: 260 }} />
          {rows.length > 1 && (
            <ActionIcon variant="subtle" color="red" aria-label={t('awards.removeMember', { n: i + 1 })} onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))} mb={4}>
              ✕
            </ActionIcon>
          )}
        </Group>
      ))}
      <Group>
        <Button variant="default" onClick={() => setRows((rs) => [...rs, { memberName: '', memberTitle: '', vote: 'for', opinion: '' }])}>
          {t('awards.addMember')}
        </Button>
      </Group>
      {record.isError && <Alert color="red">{errorMessage(t, record.error)}</Alert>}
      <Group>
        <Button
          loading={record.isPending}
          onClick={() =>
            record.mutate(
              {
                version: n.version,
                councilName,
                metOn,
                memberCount,
                votes: rows.map((r) => ({ memberName: r.memberName, memberTitle: r.memberTitle || null, vote: r.vote, opinion: r.opinion || null })),
              },
              { onSuccess: () => notifications.show({ color: 'green', message: t('awards.reviewRecorded') }) },
            )
          }
        >
          {t('awards.recordReview')}
        </Button>
      </Group>
    </Stack>
  );
}

function DecisionForm({ n }: { n: Nomination }) {
  const { t } = useTranslation();
  const issue = useIssueDecision();
  const { refetch } = useNomination(n.id);
  const bo = n.kind === 'bang_khen_bo_truong' || n.kind === 'knc_bv_antq';
  const [numberSymbol, setNumber] = useState('');
  const [decidedOn, setDecidedOn] = useState(today());
  const [issuerName, setIssuer] = useState(bo ? 'Bộ Công an' : n.kind === 'bang_khen_chu_tich_ubnd' ? 'Ủy ban nhân dân Thành phố Hồ Chí Minh' : 'Công an Thành phố Hồ Chí Minh');
  const [signerTitle, setSignerTitle] = useState(bo ? 'BỘ TRƯỞNG' : n.kind === 'bang_khen_chu_tich_ubnd' ? 'CHỦ TỊCH' : 'GIÁM ĐỐC');
  const [signerName, setSignerName] = useState('');
  return (
    <Stack gap="xs" component="form" aria-label={t('awards.issue')} onSubmit={(e) => e.preventDefault()}>
      <Group gap="sm" align="flex-end">
        <TextInput label={t('awards.numberSymbol')} placeholder={t('awards.numberHint')} value={numberSymbol} onChange={(e) => setNumber(e.currentTarget.value)} w={200} required />
        <DateField label={t('awards.decidedOn')} value={decidedOn} onChange={setDecidedOn} maxDate={today()} w={170} required />
        <TextInput label={t('awards.issuerName')} value={issuerName} onChange={(e) => setIssuer(e.currentTarget.value)} w={{ base: '100%', sm: 320 }} required />
      </Group>
      <Group gap="sm" align="flex-end">
        <TextInput label={t('awards.signerTitle')} value={signerTitle} onChange={(e) => setSignerTitle(e.currentTarget.value)} w={220} required />
        <TextInput label={t('awards.signerName')} value={signerName} onChange={(e) => setSignerName(e.currentTarget.value)} w={{ base: '100%', sm: 300 }} required />
      </Group>
      {issue.isError && <Alert color="red">{errorMessage(t, issue.error)}</Alert>}
      <Group>
        <Button
          loading={issue.isPending}
          onClick={() =>
            issue.mutate(
              { numberSymbol, decidedOn, issuerName, signerTitle, signerName, nominationIds: [n.id] },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('awards.issued') });
                  void refetch();
                },
              },
            )
          }
        >
          {t('awards.issue')}
        </Button>
      </Group>
    </Stack>
  );
}

function DecisionPanel({ n }: { n: Nomination }) {
  const { t } = useTranslation();
  const d = useDecision(n.decision?.id ?? null);
  const [err, setErr] = useState<unknown>(null);
  if (!n.decision) {
    if (n.abilities.issueDecision) return <DecisionForm n={n} />;
    return <Text c="dimmed">{n.state === 'proposed' ? t('awards.decisionWaitsReview') : t('awards.decisionNone')}</Text>;
  }
  return (
    <Stack gap="xs">
      <Text fw={600} data-testid="decision-line">
        {t('awards.decisionLine', { symbol: n.decision.symbol, date: formatDate(n.decision.decidedOn), issuer: n.decision.issuerName })}
      </Text>
      {d.data?.recorded && <Badge variant="light" tt="none">{t('awards.recordedDecision')}</Badge>}
      {d.data && (d.data.docx ? (
        <Group>
          <Button variant="light" onClick={() => downloadDecision(d.data).catch(setErr)}>
            {t('awards.downloadDecision')}
          </Button>
          {n.grantId && (
            <Button variant="default" onClick={() => downloadCertificate(n.grantId!).catch(setErr)}>
              {t('awards.downloadCertificate')}
            </Button>
          )}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('awards.docxPending')}
        </Text>
      ))}
      {err !== null && <Alert color="red">{errorMessage(t, err)}</Alert>}
    </Stack>
  );
}

/** /awards/nominations/:id — achievements with evidence, eligibility, the council's review, the decision and its DOCX files. */
export function NominationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useNomination(id);
  if (q.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const n = q.data;
  const rv = n.review;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/awards" size="sm">
        ← {t('awards.backToList')}
      </Anchor>
      <div>
        <Title order={2}>{t(`awards.kinds.${n.kind}`)}</Title>
        <Group gap="xs" mt={4}>
          <Text fw={600}>{n.nominee.name}</Text>
          <Text c="dimmed">{n.nominee.title ?? n.nominee.unitName}</Text>
          <NominationStateBadge state={n.state} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('awards.period')}: {formatDate(n.periodFrom)}–{formatDate(n.periodTo)}
          {n.proposingUnit ? ` · ${t('awards.proposer')}: ${n.proposingUnit.name}` : ''}
        </Text>
      </div>
      <Paper withBorder p="sm">
        <Text size="sm" fw={600}>
          {t('awards.summary')}
        </Text>
        <Text size="sm">{n.summary}</Text>
      </Paper>
      <Paper withBorder p="sm" role="region" aria-label={t('awards.achievements')}>
        <Title order={4}>{t('awards.achievements')}</Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('awards.achievementsNote')}
        </Text>
        <AchievementsTable items={n.achievements} />
      </Paper>
      <Paper withBorder p="sm">
        <EligibilityPanel e={n.eligibility} />
      </Paper>
      <Paper withBorder p="sm" role="region" aria-label={t('awards.review')}>
        <Title order={4} mb="xs">
          {t('awards.review')}
        </Title>
        {rv ? (
          <Stack gap="xs">
            <Text size="sm">
              {rv.councilName} — {t('awards.metOn')}: {formatDate(rv.metOn)}
            </Text>
            <Group gap="xs">
              <Badge color={rv.tally.result === 'approved' ? 'green' : 'red'} tt="none" size="lg">
                {t(`awards.results.${rv.tally.result}`)}
              </Badge>
              <Text size="sm" data-testid="tally">
                {t('awards.tally', { ...rv.tally })}
              </Text>
            </Group>
            <Table verticalSpacing={4} aria-label={t('awards.votes')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('awards.memberName')}</Table.Th>
                  <Table.Th scope="col">{t('awards.memberTitle')}</Table.Th>
                  <Table.Th scope="col">{t('awards.vote')}</Table.Th>
                  <Table.Th scope="col">{t('awards.opinion')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rv.votes.map((v, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{v.memberName}</Table.Td>
                    <Table.Td>{v.memberTitle ?? ''}</Table.Td>
                    <Table.Td>{t(`awards.voteValues.${v.vote}`)}</Table.Td>
                    <Table.Td>{v.opinion ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed">
              {t('awards.recordedBy', { name: rv.recordedBy, at: formatDateTime(rv.recordedAt) })}
            </Text>
          </Stack>
        ) : n.abilities.recordReview ? (
          <ReviewForm n={n} />
        ) : (
          <Text c="dimmed">{t('awards.reviewNone')}</Text>
        )}
      </Paper>
      <Paper withBorder p="sm" role="region" aria-label={t('awards.decision')}>
        <Title order={4} mb="xs">
          {t('awards.decision')}
        </Title>
        <DecisionPanel n={n} />
      </Paper>
    </Stack>
  );
}
