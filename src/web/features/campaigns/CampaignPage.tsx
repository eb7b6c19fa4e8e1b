import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Modal, MultiSelect, NumberInput, Progress, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CAMPAIGN_INDICATORS, INDICATOR_KEYS, type Campaign, type CampaignRollup, type IndicatorKey } from '../../../contracts/campaigns.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { apiDownload } from '../../lib/api.ts';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useMe } from '../auth/session.ts';
import { CampaignStateBadge } from './CampaignListPage.tsx';
import { useCampaign, useCommuneIncidents, useCommuneTips, useReportResult, useResults, useRollup, useTransition } from './api.ts';

/** The indicators a unit reports: those followed, and the two the clearance rate is derived from. */
function followed(c: Campaign): IndicatorKey[] {
  const keys = c.indicators.map((i) => i.indicator).filter((k): k is IndicatorKey => k !== 'clearance_rate');
  if (c.indicators.some((i) => i.indicator === 'clearance_rate')) for (const k of ['cases_dismantled', 'cases_detected'] as const) if (!keys.includes(k)) keys.unshift(k);
  return keys;
}

const STATUS_COLOR = { no_target: 'gray', met: 'green', on_track: 'blue', behind: 'orange' } as const;
const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toLocaleString('vi-VN'));

/** `/campaigns/:id`: overview, indicators against targets and last year, units and ranking, report form, close. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const campaign = useCampaign(id);
  const [base, setBase] = useState<'aligned' | 'calendar'>('aligned');
  const [rankBy, setRankBy] = useState<IndicatorKey>('cases_dismantled');
  const rollup = useRollup(id, base, rankBy);
  const [docxError, setDocxError] = useState<unknown>(null);
  if (campaign.isError) return <ErrorState error={campaign.error} onRetry={() => void campaign.refetch()} />;
  if (campaign.isPending) return <Loader />;
  const c = campaign.data;
  return (
    <Stack>
      <PageHeader
        title={c.name}
        subtitle={`${formatDate(c.fromOn)} – ${formatDate(c.toOn)} · ${t('campaigns.ownerUnit')}: ${c.ownerUnit.name}`}
        actions={<Actions campaign={c} />}
      />
      <Group gap="xs">
        <CampaignStateBadge state={c.state} />
        {c.template && <Badge variant="outline">{c.template.name}</Badge>}
        {c.document && (
          <Anchor component={Link} to={`/documents/${c.document.id}`} size="sm">
            {t('campaigns.document')}: {c.document.symbol ?? c.document.summary}
          </Anchor>
        )}
      </Group>
      {c.state === 'closed' && c.closingSummary && (
        <Alert color="green" title={c.closedAt ? t('campaigns.closedOn', { date: formatDate(c.closedAt) }) : undefined}>
          {c.closingSummary}
          <Group mt="xs">
            {/* The closing report (reports module, NĐ 30/2020) with the comparison and ranking chosen below. */}
            <Button size="xs" variant="light" onClick={() => { setDocxError(null); apiDownload(`/campaigns/${c.id}/report.docx`, { base, rankBy }, 'bao-cao-ket-qua-dot-cao-diem.docx').catch(setDocxError); }}>
              {t('campaigns.report')}
            </Button>
          </Group>
        </Alert>
      )}
      {docxError !== null && <Alert color="red">{errorMessage(t, docxError)}</Alert>}
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          value={base}
          onChange={(v) => setBase(v as 'aligned' | 'calendar')}
          data={[
            { value: 'aligned', label: t('campaigns.baseAligned') },
            { value: 'calendar', label: t('campaigns.baseCalendar') },
          ]}
          aria-label={t('campaigns.base')}
        />
        <Select
          label={t('campaigns.rankBy')}
          value={rankBy}
          onChange={(v) => v && setRankBy(v as IndicatorKey)}
          data={INDICATOR_KEYS.map((k) => ({ value: k, label: t(`campaigns.indicators.${k}`) }))}
          w={300}
        />
      </Group>
      {rollup.isError ? <ErrorState error={rollup.error} onRetry={() => void rollup.refetch()} /> : rollup.isPending ? <Loader /> : <RollupView r={rollup.data} />}
      {c.abilities.report && <ReportForm campaign={c} />}
      <ResultList id={c.id} />
    </Stack>
  );
}

function Actions({ campaign: c }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const tr = useTransition(c.id);
  const [closing, setClosing] = useState(false);
  const [summary, setSummary] = useState('');
  return (
    <Group gap="xs">
      {c.abilities.start && (
        <Button onClick={() => tr.mutate({ action: 'start', version: c.version })} loading={tr.isPending}>
          {t('campaigns.start')}
        </Button>
      )}
      {c.abilities.close && (
        <Button color="red" variant="light" onClick={() => setClosing(true)}>
          {t('campaigns.close')}
        </Button>
      )}
      {tr.isError && !closing && <Text c="red" size="sm">{errorMessage(t, tr.error)}</Text>}
      <Modal opened={closing} onClose={() => setClosing(false)} title={t('campaigns.closeTitle')}>
        <Stack>
          <Textarea label={t('campaigns.closingSummary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={4} required />
          {tr.isError && <Alert color="red">{errorMessage(t, tr.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setClosing(false)}>{t('campaigns.cancel')}</Button>
            <Button color="red" loading={tr.isPending} onClick={() => tr.mutate({ action: 'close', version: c.version, summary }, { onSuccess: () => setClosing(false) })}>
              {t('campaigns.close')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}

function RollupView({ r }: { r: CampaignRollup }) {
  const { t } = useTranslation();
  const unitOf = (k: IndicatorKey) => t(`campaigns.units_of.${CAMPAIGN_INDICATORS[k].unit}`);
  const cr = r.city.clearanceRate;
  return (
    <Stack>
      <Card withBorder>
        <Title order={4}>{t('campaigns.overview')}</Title>
        <Text size="sm" c="dimmed">{t('campaigns.countedPeriod', { label: r.period.label, days: r.period.days, total: r.period.totalDays })}</Text>
        <Text size="sm" c="dimmed">{t('campaigns.base')}: {r.base.label}</Text>
        <Table.ScrollContainer minWidth={760} mt="sm">
          <Table aria-label={t('campaigns.indicatorsTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.indicator')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.result')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.target')}</Table.Th>
                <Table.Th w={220}>{t('campaigns.progress')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.sameLastYear')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.city.indicators.map((i) => (
                <Table.Tr key={i.indicator}>
                  <Table.Td>{t(`campaigns.indicators.${i.indicator}`)} <Text span size="xs" c="dimmed">({unitOf(i.indicator)})</Text></Table.Td>
                  <Table.Td ta="right" fw={600}>{num(i.value)}</Table.Td>
                  <Table.Td ta="right">{num(i.target)}</Table.Td>
                  <Table.Td>
                    {i.progress.percent !== null && <Progress value={Math.min(100, i.progress.percent)} color={STATUS_COLOR[i.progress.status]} aria-label={`${i.progress.percent}%`} />}
                    <Text size="xs" c="dimmed">
                      {i.progress.percent !== null ? `${i.progress.percent}% · ` : ''}
                      {t(`campaigns.status.${i.progress.status}`)} · {t('campaigns.expected', { percent: i.progress.expectedPercent })}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{num(i.base)}</Table.Td>
                  <Table.Td ta="right">
                    {i.change ? (
                      <>
                        {i.change.difference >= 0 ? '+' : ''}
                        {num(i.change.difference)}
                        {i.change.percent !== null ? ` (${i.change.percent >= 0 ? '+' : ''}${i.change.percent}%)` : ''}
                        {i.change.note && <Text size="xs" c="dimmed">{t(i.change.note === 'no_base' ? 'campaigns.noBase' : 'campaigns.baseTooSmall')}</Text>}
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td>{t('campaigns.clearanceRate')}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {cr.value !== null ? t('campaigns.clearanceValue', { value: cr.value, cleared: cr.cleared, detected: cr.detected }) : t('campaigns.clearanceTooFew', { min: 10, cleared: cr.cleared, detected: cr.detected })}
                </Table.Td>
                <Table.Td ta="right">{cr.target !== null ? `${cr.target}%` : '—'}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[cr.status]} variant="light">{t(`campaigns.status.${cr.status}`)}</Badge>
                </Table.Td>
                <Table.Td ta="right">{cr.base?.value !== null && cr.base?.value !== undefined ? `${cr.base.value}%` : '—'}</Table.Td>
                <Table.Td />
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card withBorder>
        <Title order={4}>{t('campaigns.ranking')}</Title>
        <Text size="xs" c="dimmed">{r.ranking.explanation}</Text>
        {!r.allUnitsVisible && <Text size="xs" c="dimmed">{t('campaigns.onlyOwnUnits')}</Text>}
        <Table.ScrollContainer minWidth={760} mt="sm">
          <Table striped aria-label={t('campaigns.ranking')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.rank')}</Table.Th>
                <Table.Th>{t('campaigns.unit')}</Table.Th>
                <Table.Th ta="right">{t(`campaigns.indicators.${r.ranking.indicator}`)}</Table.Th>
                <Table.Th ta="right">{t('campaigns.caseLoad')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.score')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.clearanceRate')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.reports')}</Table.Th>
                <Table.Th>{t('campaigns.lastReport')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.units.map((u) => (
                <Table.Tr key={u.unit.id}>
                  <Table.Td>{u.rank ?? '—'}</Table.Td>
                  <Table.Td>{u.unit.name}</Table.Td>
                  <Table.Td ta="right">{num(u.values[r.ranking.indicator] ?? 0)}</Table.Td>
                  <Table.Td ta="right">{num(u.caseLoad)}</Table.Td>
                  <Table.Td ta="right">{u.score !== null ? num(u.score) : <Text span size="xs" c="dimmed">{t(`campaigns.notRanked.${u.notRankedReason ?? 'no_area'}`, { min: r.ranking.minCaseLoad })}</Text>}</Table.Td>
                  <Table.Td ta="right">{u.clearanceRate.value !== null ? `${u.clearanceRate.value}%` : `${u.clearanceRate.cleared}/${u.clearanceRate.detected}`}</Table.Td>
                  <Table.Td ta="right">{u.reports}</Table.Td>
                  <Table.Td>{formatDate(u.lastReportOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Stack>
  );
}

function ReportForm({ campaign: c }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const me = useMe();
  const own = c.units.find((u) => u.id === me.user.unitId);
  const [unitId, setUnitId] = useState<string | null>(own?.id ?? null);
  const today = todayIso();
  const [fromOn, setFromOn] = useState(today < c.toOn ? today : c.toOn);
  const [toOn, setToOn] = useState('');
  const [values, setValues] = useState<Partial<Record<IndicatorKey, number | string>>>({});
  const [note, setNote] = useState('');
  const [incidentIds, setIncidentIds] = useState<string[]>([]);
  const [tipIds, setTipIds] = useState<string[]>([]);
  const report = useReportResult(c.id);
  const unit = c.units.find((u) => u.id === unitId);
  const incidents = useCommuneIncidents(unit?.communeCode ?? null, fromOn, toOn || fromOn);
  const tips = useCommuneTips(unit?.communeCode ?? null, fromOn, toOn || fromOn);
  const chosen = followed(c);
  const [more, setMore] = useState(false);
  const shown = more ? [...chosen, ...INDICATOR_KEYS.filter((k) => !chosen.includes(k))] : chosen;
  const submit = () => {
    const v = Object.fromEntries(Object.entries(values).filter(([, x]) => x !== '' && x !== undefined).map(([k, x]) => [k, Number(x)]));
    report.mutate(
      { unitId: unitId ?? '', fromOn, ...(toOn ? { toOn } : {}), values: v, note: note || null, incidentIds, tipIds, fileIds: [] },
      {
        onSuccess: () => {
          setValues({});
          setNote('');
          setIncidentIds([]);
          setTipIds([]);
        },
      },
    );
  };
  const fieldError = (k: string) => {
    const e = report.error as { issues?: { path: string }[] } | null;
    return e?.issues?.some((i) => i.path === `values.${k}`) ? errorMessage(t, report.error) : undefined;
  };
  return (
    <Card withBorder component="form" onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label={t('campaigns.reportTitle')}>
      <Title order={4} mb="sm">{t('campaigns.reportTitle')}</Title>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select label={t('campaigns.reportUnit')} data={c.units.map((u) => ({ value: u.id, label: u.name }))} value={unitId} onChange={setUnitId} searchable w={{ base: '100%', sm: 340 }} required />
          <DateField label={t('campaigns.reportFrom')} value={fromOn} onChange={setFromOn} minDate={c.fromOn} maxDate={c.toOn < today ? c.toOn : today} w={170} required />
          <DateField label={t('campaigns.reportTo')} value={toOn} onChange={setToOn} minDate={fromOn} maxDate={c.toOn < today ? c.toOn : today} w={170} />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {shown.map((k) => (
            <NumberInput
              key={k}
              label={`${t(`campaigns.indicators.${k}`)} (${t(`campaigns.units_of.${CAMPAIGN_INDICATORS[k].unit}`)})`}
              description={t('campaigns.maxHint', { max: CAMPAIGN_INDICATORS[k].maxPerDay.toLocaleString('vi-VN') })}
              value={values[k] ?? ''}
              onChange={(v) => setValues((x) => ({ ...x, [k]: v }))}
              decimalScale={CAMPAIGN_INDICATORS[k].kind === 'amount' ? 3 : 0}
              decimalSeparator=","
              allowNegative
              error={fieldError(k)}
            />
          ))}
        </SimpleGrid>
        {!more && (
          <Anchor size="sm" onClick={() => setMore(true)} component="button" type="button">
            {t('campaigns.moreIndicators')}
          </Anchor>
        )}
        <MultiSelect
          label={t('campaigns.evidenceIncidents')}
          data={(incidents.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} — ${i.title}` }))}
          value={incidentIds}
          onChange={setIncidentIds}
          searchable
          clearable
        />
        <MultiSelect label={t('campaigns.evidenceTips')} data={(tips.data?.items ?? []).map((x) => ({ value: x.id, label: x.trackingCode }))} value={tipIds} onChange={setTipIds} searchable clearable />
        <Textarea label={t('campaigns.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
        {report.isError && <Alert color="red" role="alert">{errorMessage(t, report.error)}</Alert>}
        {report.isSuccess && <Text c="green" size="sm" role="status">{t('campaigns.submitted')}</Text>}
        <Group justify="flex-end">
          <Button type="submit" loading={report.isPending} disabled={!unitId}>
            {t('campaigns.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ResultList({ id }: { id: string }) {
  const { t } = useTranslation();
  const results = useResults(id);
  if (results.isPending) return null;
  if (results.isError) return <ErrorState error={results.error} />;
  return (
    <Card withBorder>
      <Title order={4} mb="sm">{t('campaigns.results')} ({results.data.total})</Title>
      {results.data.items.length === 0 ? (
        <Text c="dimmed">{t('campaigns.noResults')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.dates')}</Table.Th>
                <Table.Th>{t('campaigns.unit')}</Table.Th>
                <Table.Th>{t('campaigns.values')}</Table.Th>
                <Table.Th>{t('campaigns.evidence')}</Table.Th>
                <Table.Th>{t('campaigns.reportedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.fromOn === r.toOn ? formatDate(r.fromOn) : `${formatDate(r.fromOn)} – ${formatDate(r.toOn)}`}</Table.Td>
                  <Table.Td>{r.unit.name}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{Object.entries(r.values).map(([k, v]) => `${t(`campaigns.indicators.${k}`)}: ${num(v)}`).join('; ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {r.incidents.map((i) => (
                        <Anchor key={i.id} component={Link} to={`/incidents/${i.id}`} size="xs">#{i.number}</Anchor>
                      ))}
                      {r.tips.map((x) => (
                        <Anchor key={x.id} component={Link} to={`/tips/${x.id}`} size="xs">{x.trackingCode}</Anchor>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td><Text size="xs">{r.reportedBy}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
