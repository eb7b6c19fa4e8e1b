import { useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconMap2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CategoryChangeStats, IncidentStats } from '../../../contracts/statistics.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { choiceParams, choiceReady, exportStatistics, readChoice, useCategoryChanges, useIncidentStats, type StatsChoice } from './api.ts';
import { PeriodControls } from './PeriodControls.tsx';
import { ChangeCell, fmtInt, fmtSigned, PeriodStatement } from './StatsBits.tsx';

type Row = IncidentStats['total'];

/** Plain SVG bars: the period against the same period last year, for the rows that have any case. */
function Bars({ rows, label }: { rows: { key: string; label: string; cur: number; base: number }[]; label: string }) {
  const { t } = useTranslation();
  // The largest first (the table keeps its own order), at most 20.
  const shown = rows
    .filter((r) => r.cur || r.base)
    .sort((a, b) => b.cur - a.cur || b.base - a.base)
    .slice(0, 20);
  if (!shown.length) return null;
  const max = Math.max(1, ...shown.map((r) => Math.max(r.cur, r.base)));
  const lw = 210;
  const bw = 360;
  const rowH = 26;
  const h = shown.length * rowH + 28;
  return (
    <Paper withBorder p="sm" mb="md">
      <Text size="sm" fw={600} mb={4}>
        {label}
      </Text>
      <svg viewBox={`0 0 ${lw + bw + 60} ${h}`} width="100%" style={{ maxWidth: 720 }} role="img" aria-label={label}>
        <g fontSize="11" fill="currentColor">
          <rect x={lw} y={2} width={10} height={8} fill="#1c7ed6" />
          <text x={lw + 14} y={10}>
            {t('statistics.current')}
          </text>
          <rect x={lw + 110} y={2} width={10} height={8} fill="#adb5bd" />
          <text x={lw + 124} y={10}>
            {t('statistics.base')}
          </text>
        </g>
        {shown.map((r, i) => {
          const y = 22 + i * rowH;
          return (
            <g key={r.key} fontSize="11" fill="currentColor">
              <text x={lw - 6} y={y + 13} textAnchor="end">
                {r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label}
              </text>
              <rect x={lw} y={y + 2} width={Math.max(1, (r.cur / max) * bw)} height={10} fill="#1c7ed6" />
              <rect x={lw} y={y + 13} width={Math.max(1, (r.base / max) * bw)} height={8} fill="#adb5bd" />
              <text x={lw + Math.max(1, (r.cur / max) * bw) + 4} y={y + 11}>
                {fmtInt(r.cur)}
              </text>
              <text x={lw + Math.max(1, (r.base / max) * bw) + 4} y={y + 21} fill="#868e96">
                {fmtInt(r.base)}
              </text>
            </g>
          );
        })}
      </svg>
    </Paper>
  );
}

function StatsTable({ s, choice }: { s: IncidentStats; choice: StatsChoice }) {
  const { t } = useTranslation();
  const label = (r: Row) => (s.groupBy === 'category' ? t(`incidents.categories.${r.key}`, { defaultValue: r.label }) : r.label);
  const mapLink = (code: string) => `/map?${choiceParams({ ...choice, communeCode: code, groupBy: 'category' }).toString()}`;
  const line = (r: Row, i: number | null) => (
    <Table.Tr key={r.key} fw={i === null ? 700 : undefined}>
      <Table.Td>{i === null ? '' : i + 1}</Table.Td>
      <Table.Td>
        {i === null ? (
          t('statistics.total')
        ) : s.groupBy === 'commune' ? (
          <Anchor component={Link} to={mapLink(r.key)} title={t('statistics.showOnMap')}>
            {label(r)}
          </Anchor>
        ) : (
          label(r)
        )}
      </Table.Td>
      <Table.Td ta="right">{fmtInt(r.current.incidents)}</Table.Td>
      <Table.Td ta="right">{fmtInt(r.base.incidents)}</Table.Td>
      <Table.Td ta="right">{fmtSigned(r.change.difference)}</Table.Td>
      <Table.Td ta="right">
        <ChangeCell change={r.change} minBase={s.minBaseForPercent} />
      </Table.Td>
      <Table.Td ta="right">{fmtInt(r.current.dead)}</Table.Td>
      <Table.Td ta="right">{fmtInt(r.current.injured)}</Table.Td>
    </Table.Tr>
  );
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing="xs" withTableBorder aria-label={t('statistics.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={50}>
                {t('statistics.no')}
              </Table.Th>
              <Table.Th scope="col">{s.groupBy === 'category' ? t('statistics.category') : t('statistics.commune')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.current')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.base')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.difference')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.percent')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.dead')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.injured')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text c="dimmed" size="sm">
                    {t('statistics.noCases')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {s.rows.map((r, i) => line(r, i))}
          </Table.Tbody>
          <Table.Tfoot>{line(s.total, null)}</Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt={4} mb="md">
        {t('statistics.smallNumberRule', { n: s.minBaseForPercent })}
      </Text>
    </>
  );
}

function ChangesTable({ c }: { c: CategoryChangeStats }) {
  const { t } = useTranslation();
  const rate = (p: number | null) =>
    p === null ? (
      <Text span size="xs" c="dimmed">
        {t('statistics.rateTooFew', { n: c.minBaseForPercent })}
      </Text>
    ) : (
      `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(p)} %`
    );
  return (
    <>
      <Table.ScrollContainer minWidth={700}>
        <Table striped verticalSpacing="xs" withTableBorder aria-label={t('statistics.changesTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('statistics.leadUnit')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.cases')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.changed')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.changeRate')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.downgraded')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.downgradeRate')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text c="dimmed" size="sm">
                    {t('statistics.noCases')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {c.rows.map((r) => (
              <Table.Tr key={r.unitId}>
                <Table.Td>{r.unitName}</Table.Td>
                <Table.Td ta="right">{fmtInt(r.incidents)}</Table.Td>
                <Table.Td ta="right">{fmtInt(r.changed)}</Table.Td>
                <Table.Td ta="right">{rate(r.changeRatePercent)}</Table.Td>
                <Table.Td ta="right">{fmtInt(r.downgraded)}</Table.Td>
                <Table.Td ta="right">{rate(r.downgradeRatePercent)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt={4}>
        {t('statistics.changesHint', { n: c.minBaseForPercent })}
      </Text>
    </>
  );
}

/**
 * Thống kê: situations by category or commune for a period against the same period last year
 * (the statistical month 15th–14th included), with the XLSX of the same question and the share of
 * reclassified situations per lead unit. Every number is the server's; the page only shows it.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const choice = readChoice(params);
  const stats = useIncidentStats(choice);
  const changes = useCategoryChanges(choice);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const setChoice = (c: StatsChoice) => setParams(choiceParams(c), { replace: true });

  const doExport = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await exportStatistics(choice);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };
  const s = stats.data;
  const ready = choiceReady(choice);

  return (
    <>
      <PageHeader
        title={t('statistics.title')}
        subtitle={t('statistics.subtitle')}
        actions={
          <Group gap="xs">
            <Button variant="default" component={Link} to={`/map?${choiceParams({ ...choice, groupBy: 'category' }).toString()}`} leftSection={<IconMap2 size={16} aria-hidden />}>
              {t('statistics.openMap')}
            </Button>
            <Button leftSection={<IconFileSpreadsheet size={16} aria-hidden />} loading={exporting} disabled={!ready} onClick={() => void doExport()}>
              {t('statistics.exportXlsx')}
            </Button>
          </Group>
        }
      />
      {exportError !== null && (
        <Alert color="red" role="alert" mb="md" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setExportError(null)}>
          {t('statistics.exportFailed')} {errorMessage(t, exportError)}
        </Alert>
      )}
      <PeriodControls value={choice} onChange={setChoice}>
        <Stack gap={4}>
          <Text size="sm" fw={500} component="span" id="group-by-label">
            {t('statistics.groupBy')}
          </Text>
          <SegmentedControl
            aria-labelledby="group-by-label"
            data={[
              { value: 'category', label: t('statistics.byCategory') },
              { value: 'commune', label: t('statistics.byCommune') },
            ]}
            value={choice.groupBy}
            onChange={(v) => setChoice({ ...choice, groupBy: v === 'commune' ? 'commune' : 'category' })}
          />
        </Stack>
      </PeriodControls>
      {!ready && (
        <Alert color="blue" mb="md">
          {t('statistics.chooseDates')}
        </Alert>
      )}
      {ready && stats.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {stats.isError && <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />}
      {s && ready && (
        <section aria-labelledby="stats-heading">
          <Title order={3} size="h4" id="stats-heading" mb={4}>
            {s.groupBy === 'category' ? t('statistics.byCategoryTitle') : t('statistics.byCommuneTitle')}
          </Title>
          <PeriodStatement choice={choice} period={s.period} base={s.base} scope={s.scope} />
          <StatsTable s={s} choice={choice} />
          <Bars
            label={t('statistics.chartLabel')}
            rows={s.rows.map((r) => ({ key: r.key, label: s.groupBy === 'category' ? t(`incidents.categories.${r.key}`, { defaultValue: r.label }) : r.label, cur: r.current.incidents, base: r.base.incidents }))}
          />
        </section>
      )}
      {ready && (
        <section aria-labelledby="changes-heading">
          <Title order={3} size="h4" id="changes-heading" mt="lg" mb={4}>
            {t('statistics.changesTitle')}
          </Title>
          {changes.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
          {changes.isError && <ErrorState error={changes.error} onRetry={() => void changes.refetch()} />}
          {changes.data && (
            <>
              <PeriodStatement choice={choice} period={changes.data.period} scope={changes.data.scope} />
              <ChangesTable c={changes.data} />
            </>
          )}
        </section>
      )}
    </>
  );
}
