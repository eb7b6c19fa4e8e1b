import { lazy, Suspense, useMemo } from 'react';
import { Alert, Anchor, Badge, Box, Button, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconMap, IconPrinter } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Compared, Dashboard, Figure } from '../../../contracts/dashboard.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { choiceParams, choiceReady, readChoice, useIncidentMap, type StatsChoice } from '../statistics/api.ts';
import type { MapTexts } from '../statistics/MapCanvas.tsx';
import { PeriodControls } from '../statistics/PeriodControls.tsx';
import { fmtInt, fmtPercent } from '../statistics/StatsBits.tsx';
import { useDashboard } from './api.ts';
import './dashboard.css';

const MapCanvas = lazy(() => import('../statistics/MapCanvas.tsx'));

const range = (f: { from: string | null; to: string | null }) => (f.from && f.to ? `${formatDate(f.from)} – ${formatDate(f.to)}` : '');

/** A number that opens the records behind it. */
function N({ f, size, label }: { f: Figure; size?: 'lg'; label?: string }) {
  return (
    <Anchor component={Link} to={f.path} className={size === 'lg' ? 'ld-figure' : undefined} aria-label={label ? `${label}: ${fmtInt(f.count)}` : undefined} data-path={f.path}>
      {fmtInt(f.count)}
    </Anchor>
  );
}

/** "tăng 3 (+20 %)" or the difference with the reason no percentage is given. */
function ChangeText({ c, minBase }: { c: Compared; minBase: number }) {
  const { t } = useTranslation();
  const d = fmtInt(Math.abs(c.difference));
  const words = c.difference > 0 ? t('leaderDashboard.increase', { d }) : c.difference < 0 ? t('leaderDashboard.decrease', { d }) : t('leaderDashboard.unchanged');
  return (
    <Text size="sm">
      <strong>{words}</strong> {c.percent !== null && t('leaderDashboard.percent', { p: fmtPercent(c.percent) })}
      {c.note && (
        <Text span size="xs" c="dimmed" display="block">
          {c.note === 'no_base' ? t('leaderDashboard.noBase') : t('leaderDashboard.baseTooSmall', { n: minBase })}
        </Text>
      )}
    </Text>
  );
}

function ComparedCard({ title, c, minBase, children }: { title: string; c: Compared; minBase: number; children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" className="ld-section">
      <Text fw={600} size="sm">
        {title}
      </Text>
      <Text size="xs" c="dimmed">
        {range(c.current)}
      </Text>
      <N f={c.current} size="lg" label={title} />
      <Text size="sm">
        {t('leaderDashboard.basePeriod', { from: formatDate(c.base.from), to: formatDate(c.base.to) })} <N f={c.base} label={t('leaderDashboard.base')} />
      </Text>
      <ChangeText c={c} minBase={minBase} />
      {children}
    </Paper>
  );
}

function Line({ label, f, basis }: { label: string; f: Figure; basis?: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm">
        {label}
        {basis && (
          <Text span size="xs" c="dimmed" display="block">
            {basis}
          </Text>
        )}
      </Text>
      <N f={f} label={label} />
    </Group>
  );
}

function KeyFigures({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const asOf = formatDate(d.asOf);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mb="md">
      <ComparedCard title={t('leaderDashboard.situations')} c={d.situations.total} minBase={d.minBaseForPercent}>
        <Stack gap={2} mt="xs">
          <Line label={t('leaderDashboard.significantOpen')} f={d.situations.significantOpen} basis={t('leaderDashboard.significantOpenBasis', { asOf })} />
        </Stack>
      </ComparedCard>
      <ComparedCard title={t('leaderDashboard.tips')} c={d.tips.received} minBase={d.minBaseForPercent}>
        <Stack gap={2} mt="xs">
          <Text size="xs" c="dimmed">
            {t('leaderDashboard.tipsSettledBasis', { asOf })}
          </Text>
          <Line label={t('leaderDashboard.tipsSettledOnTime')} f={d.tips.settledOnTime} />
          <Line label={t('leaderDashboard.tipsSettledLate')} f={d.tips.settledLate} />
          <Line label={t('leaderDashboard.tipsOverdue')} f={d.tips.overdue} basis={t('leaderDashboard.tipsOverdueBasis', { asOf })} />
        </Stack>
      </ComparedCard>
      <Paper withBorder p="sm" className="ld-section" style={{ gridColumn: 'span 2' }}>
        <Text fw={600} size="sm">
          {t('leaderDashboard.tasks')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('leaderDashboard.tasksBasis', { from: formatDate(d.period.from), to: formatDate(d.period.to), asOf })}
        </Text>
        <Group align="flex-start" gap="xl" mt={4}>
          <div>
            <N f={d.tasks.total} size="lg" label={t('leaderDashboard.tasks')} />
            <Text size="sm" mt={4}>
              {t('leaderDashboard.onTimeRate')}:{' '}
              <strong>{d.tasks.onTimeRatePercent === null ? t('leaderDashboard.noRate', { n: d.minBaseForPercent }) : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(d.tasks.onTimeRatePercent)} %`}</strong>
            </Text>
            <Text size="xs" c="dimmed" maw={260}>
              {t('leaderDashboard.onTimeRateBasis', { n: d.minBaseForPercent })}
            </Text>
          </div>
          <Stack gap={2} style={{ flex: '1 1 220px' }}>
            <Line label={t('leaderDashboard.completedOnTime')} f={d.tasks.completedOnTime} />
            <Line label={t('leaderDashboard.completedLate')} f={d.tasks.completedLate} />
            <Line label={t('leaderDashboard.inTime')} f={d.tasks.inTime} />
            <Line label={t('leaderDashboard.overdue')} f={d.tasks.overdue} />
            <Line label={t('leaderDashboard.excluded')} f={d.tasks.excluded} />
          </Stack>
        </Group>
      </Paper>
    </SimpleGrid>
  );
}

/** Twelve months as bars (this year) and a dashed line (the same months a year earlier); every bar opens its situations. */
function TrendChart({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const months = d.trend.months;
  const W = 720;
  const H = 200;
  const pad = { l: 36, r: 8, t: 12, b: 28 };
  const max = Math.max(1, ...months.flatMap((m) => [m.current.count, m.base.count]));
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  const top = Math.ceil(max / step) * step;
  const x = (i: number) => pad.l + ((W - pad.l - pad.r) / months.length) * i;
  const bw = ((W - pad.l - pad.r) / months.length) * 0.6;
  const y = (v: number) => H - pad.b - ((H - pad.t - pad.b) * v) / top;
  const label = (m: (typeof months)[number]) => t('leaderDashboard.monthShort', { m: m.month, y: String(m.year).slice(2) });
  const line = months.map((m, i) => `${x(i) + bw / 2 + (W - pad.l - pad.r) / months.length / 5},${y(m.base.count)}`).join(' ');
  return (
    <Paper withBorder p="sm" mb="md" className="ld-section">
      <Title order={3} size="h5">
        {d.trend.kind === 'stat_month' ? t('leaderDashboard.trendStat') : t('leaderDashboard.trend')}
      </Title>
      <Group gap="md" my={4}>
        <Group gap={4}>
          <Box w={12} h={12} bg="blue.6" aria-hidden />
          <Text size="xs">{t('leaderDashboard.trendLegendCurrent')}</Text>
        </Group>
        <Group gap={4}>
          <svg width="20" height="12" aria-hidden>
            <line x1="0" y1="6" x2="20" y2="6" stroke="#c92a2a" strokeWidth="2" strokeDasharray="4 3" />
          </svg>
          <Text size="xs">{t('leaderDashboard.trendLegendBase')}</Text>
        </Group>
      </Group>
      <svg className="ld-trend" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('leaderDashboard.trendChartLabel')} style={{ maxHeight: 240 }}>
        {[0, 0.5, 1].map((k) => (
          <g key={k}>
            <line x1={pad.l} x2={W - pad.r} y1={y(top * k)} y2={y(top * k)} stroke="#dee2e6" />
            <text x={pad.l - 4} y={y(top * k) + 4} fontSize="11" textAnchor="end" fill="#495057">
              {fmtInt(Math.round(top * k))}
            </text>
          </g>
        ))}
        {months.map((m, i) => (
          <a
            key={`${m.year}-${m.month}`}
            href={m.current.path}
            onClick={(e) => {
              e.preventDefault();
              void navigate(m.current.path);
            }}
          >
            <title>{`${m.label}: ${fmtInt(m.current.count)} — ${t('leaderDashboard.base')}: ${fmtInt(m.base.count)}`}</title>
            <rect className="ld-bar" x={x(i) + 4} y={y(m.current.count)} width={bw} height={Math.max(0, H - pad.b - y(m.current.count))} fill="#228be6" />
            <text x={x(i) + 4 + bw / 2} y={y(m.current.count) - 3} fontSize="10" textAnchor="middle" fill="#212529">
              {fmtInt(m.current.count)}
            </text>
            <text x={x(i) + 4 + bw / 2} y={H - pad.b + 14} fontSize="10.5" textAnchor="middle" fill="#495057">
              {label(m)}
            </text>
          </a>
        ))}
        <polyline points={line} fill="none" stroke="#c92a2a" strokeWidth="2" strokeDasharray="5 4" />
      </svg>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={2} horizontalSpacing={4}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">{t('leaderDashboard.month')}</Table.Th>
              {months.map((m) => (
                <Table.Th key={`${m.year}-${m.month}`} scope="col" ta="center" title={range(m.current)}>
                  {label(m)}
                </Table.Th>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('leaderDashboard.current')}</Table.Th>
              {months.map((m) => (
                <Table.Td key={`${m.year}-${m.month}`} ta="center">
                  <N f={m.current} />
                </Table.Td>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('leaderDashboard.base')}</Table.Th>
              {months.map((m) => (
                <Table.Td key={`${m.year}-${m.month}`} ta="center">
                  <N f={m.base} />
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

const rate = (p: number | null) => (p === null ? '—' : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(p)} %`);

function UnitsTable({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" mb="md" className="ld-section">
      <Title order={3} size="h5">
        {t('leaderDashboard.units')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('leaderDashboard.unitsBasis', { n: d.minBaseForPercent })} {range(d.period)}
      </Text>
      {d.units.length === 0 ? (
        <Text size="sm">{t('leaderDashboard.noUnits')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder fz="sm" verticalSpacing={4} data-testid="dashboard-units">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('leaderDashboard.rank')}</Table.Th>
                <Table.Th scope="col">{t('leaderDashboard.unit')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('leaderDashboard.total')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('leaderDashboard.completedOnTime')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('leaderDashboard.completedLate')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('leaderDashboard.inTime')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('leaderDashboard.overdue')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('leaderDashboard.onTimeRate')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.units.map((u) => (
                <Table.Tr key={u.unitId}>
                  <Table.Td>{u.rank ?? '—'}</Table.Td>
                  <Table.Td>
                    {u.unitName}
                    {u.tooFew && (
                      <Badge ml={6} size="xs" variant="outline" color="gray" title={t('leaderDashboard.noRate', { n: d.minBaseForPercent })}>
                        {t('leaderDashboard.tooFew')}
                      </Badge>
                    )}
                  </Table.Td>
                  {[u.total, u.completedOnTime, u.completedLate, u.inTime, u.overdue].map((f, k) => (
                    <Table.Td key={k} ta="right">
                      <N f={f} />
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={600}>
                    {rate(u.onTimeRatePercent)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** Corrective actions recorded at reviews and not yet closed; each links to the review that keeps its history. */
function CorrectiveActions({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const c = d.correctiveActions;
  return (
    <Paper withBorder p="sm" mb="md" className="ld-section">
      <Title order={3} size="h5">
        {t('leaderDashboard.actions.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('leaderDashboard.actions.basis', { asOf: formatDate(d.asOf), open: c.open, overdue: c.overdue })}{' '}
        <Anchor component={Link} to="/reviews">
          {t('leaderDashboard.actions.allReviews')}
        </Anchor>
      </Text>
      {c.items.length === 0 ? (
        <Text size="sm">{t('leaderDashboard.actions.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder fz="sm" verticalSpacing={4} data-testid="dashboard-actions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('leaderDashboard.actions.text')}</Table.Th>
                <Table.Th scope="col">{t('leaderDashboard.actions.owner')}</Table.Th>
                <Table.Th scope="col">{t('leaderDashboard.actions.deadline')}</Table.Th>
                <Table.Th scope="col">{t('leaderDashboard.actions.recordedIn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.items.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{x.text}</Table.Td>
                  <Table.Td>{x.ownerUnit.name}</Table.Td>
                  <Table.Td c={x.overdue ? 'red.8' : undefined} fw={x.overdue ? 600 : undefined}>
                    {x.deadlineOn ? formatDate(x.deadlineOn) : '—'}
                    {x.overdue ? ` · ${t('leaderDashboard.actions.overdue')}` : ''}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={x.path}>
                      {x.recordedIn.title}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function OverdueTasks({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const o = d.overdueTasks;
  return (
    <Paper withBorder p="sm" mb="md" className="ld-section">
      <Title order={3} size="h5">
        {t('leaderDashboard.overdueTasks')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('leaderDashboard.overdueTasksBasis', { asOf: formatDate(d.asOf) })} <N f={o.total} label={t('leaderDashboard.overdueTasks')} />
      </Text>
      {o.items.length === 0 ? (
        <Text size="sm">{t('leaderDashboard.overdueNone')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('leaderDashboard.code')}</Table.Th>
                <Table.Th scope="col">{t('leaderDashboard.task')}</Table.Th>
                <Table.Th scope="col">{t('leaderDashboard.leadUnit')}</Table.Th>
                <Table.Th scope="col">{t('leaderDashboard.dueOn')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('leaderDashboard.daysOverdue')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.items.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td ff="monospace">
                    <Anchor component={Link} to={x.path}>
                      {x.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{x.title}</Table.Td>
                  <Table.Td>{x.leadUnit.name}</Table.Td>
                  <Table.Td>{formatDate(x.dueOn)}</Table.Td>
                  <Table.Td ta="right" c="red.8" fw={600}>
                    {t('leaderDashboard.days', { n: x.daysOverdue })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function mapTexts(t: TFunction): MapTexts {
  return {
    commune: (p) => ({ title: p.name, lines: [`${fmtInt(p.count)} · ${t('leaderDashboard.base')}: ${fmtInt(p.baseCount)}`], link: { href: `/incidents?commune=${p.code}`, label: t('statistics.popupOpen') } }),
    point: (p) => ({ title: `${p.code} — ${p.title}`, lines: [`${t(`incidents.categories.${p.category}`)} · ${formatDate(p.occurredOn)}`], link: { href: `/incidents/${p.id}`, label: t('statistics.popupOpen') } }),
    noWebgl: t('statistics.noWebgl'),
    mapLabel: t('statistics.mapLabel'),
  };
}

/** The situation map of the period, compact; the full map page has the legend and the list. */
function DashboardMap({ choice }: { choice: StatsChoice }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const map = useIncidentMap({ ...choice, category: '', communeCode: '' });
  const texts = useMemo(() => mapTexts(t), [t]);
  return (
    <Paper withBorder p="sm" mb="md" className="ld-section">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t('leaderDashboard.map')}
        </Title>
        <Button className="ld-no-print" size="xs" variant="default" component={Link} to={`/map?${choiceParams({ ...choice, category: '', communeCode: '' }).toString()}`} leftSection={<IconMap size={14} aria-hidden />}>
          {t('leaderDashboard.openMap')}
        </Button>
      </Group>
      {map.isError && <ErrorState error={map.error} onRetry={() => void map.refetch()} />}
      {map.data && (
        <Box className="ld-map" style={{ height: 360 }}>
          <Suspense fallback={<Loader size="sm" aria-label={t('app.loading')} />}>
            <MapCanvas data={map.data} texts={texts} focus={null} onNavigate={(href) => void navigate(href)} />
          </Suspense>
        </Box>
      )}
    </Paper>
  );
}

/**
 * Bảng điều hành: the leaders' dashboard for a period (default: the current statistical month).
 * Every number is a link to the records that produce it; the period, comparison base and the
 * date statuses were read are stated with each figure. Printable (A4, black on white).
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const choice = readChoice(params);
  const dash = useDashboard(choice);
  const setChoice = (c: StatsChoice) => setParams(choiceParams({ ...c, category: '', communeCode: '', groupBy: 'category' }), { replace: true });
  const d = dash.data;
  const empty = d && d.situations.total.current.count === 0 && d.tips.received.current.count === 0 && d.tasks.total.count === 0;
  return (
    <div className="leader-dashboard">
      <div className="ld-no-print">
        <PageHeader
          title={t('leaderDashboard.title')}
          subtitle={t('leaderDashboard.subtitle')}
          actions={
            <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()} disabled={!d}>
              {t('leaderDashboard.print')}
            </Button>
          }
        />
        <PeriodControls value={choice} onChange={setChoice} filters={false} />
      </div>
      {!choiceReady(choice) && (
        <Alert color="blue" mb="md">
          {t('statistics.chooseDates')}
        </Alert>
      )}
      {dash.isError && <ErrorState error={dash.error} onRetry={() => void dash.refetch()} />}
      {choiceReady(choice) && dash.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {d && (
        <>
          <Box mb="sm" data-testid="dashboard-statement">
            <Text className="ld-print-only" fw={700} size="lg">
              {t('leaderDashboard.printTitle', { scope: d.scope.wholeCity ? t('statistics.wholeCity') : d.scope.label.replace(/^trong phạm vi: /, '') })}
            </Text>
            <Text size="sm">
              {t('leaderDashboard.periodLine', {
                period: d.period.label,
                base: `${formatDate(d.base.from)} – ${formatDate(d.base.to)}`,
              })}{' '}
              <span className="ld-no-print">{t('leaderDashboard.scope', { scope: d.scope.wholeCity ? t('statistics.wholeCity') : d.scope.label.replace(/^trong phạm vi: /, '') })}.</span>
            </Text>
            {d.asOf < d.period.to && (
              <Text size="xs" fw={600}>
                {t('leaderDashboard.unfinished', { asOf: formatDate(d.asOf) })}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t('leaderDashboard.generatedAt', { at: formatDateTime(d.generatedAt), asOf: formatDate(d.asOf) })}
            </Text>
          </Box>
          {empty && (
            <Alert color="gray" mb="md">
              {t('leaderDashboard.noData')}
            </Alert>
          )}
          <KeyFigures d={d} />
          {d.situations.byCategory.length > 0 && (
            <Paper withBorder p="sm" mb="md" className="ld-section">
              <Title order={3} size="h5" mb={4}>
                {t('leaderDashboard.byCategory')} <Text span size="xs" c="dimmed">({range(d.period)} · {t('leaderDashboard.base')}: {range(d.base)})</Text>
              </Title>
              <Group gap="lg">
                {d.situations.byCategory.map((c) => (
                  <Text key={c.category} size="sm">
                    {t(`incidents.categories.${c.category}`)}: <N f={c.current} /> / <N f={c.base} />
                  </Text>
                ))}
              </Group>
            </Paper>
          )}
          <TrendChart d={d} />
          <UnitsTable d={d} />
          <OverdueTasks d={d} />
          <CorrectiveActions d={d} />
          <DashboardMap choice={choice} />
        </>
      )}
    </div>
  );
}
