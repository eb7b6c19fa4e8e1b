import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Box, Button, Code, Group, Loader, Paper, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { INCIDENT_SEVERITIES } from '../../../contracts/incidents.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/dates.ts';
import { choiceParams, choiceReady, readChoice, useIncidentMap, type StatsChoice } from './api.ts';
import type { MapTexts } from './MapCanvas.tsx';
import { countClasses, SEVERITY_COLOURS, ZERO_COLOUR } from './mapScale.ts';
import { PeriodControls, periodText } from './PeriodControls.tsx';
import { fmtInt, fmtSigned, PeriodStatement } from './StatsBits.tsx';

/** MapLibre lives in its own chunk, loaded when the map is first shown. */
const MapCanvas = lazy(() => import('./MapCanvas.tsx'));

function Swatch({ colour, round }: { colour: string; round?: boolean }) {
  return <Box component="span" aria-hidden w={14} h={14} style={{ display: 'inline-block', background: colour, border: '1px solid #adb5bd', borderRadius: round ? 7 : 2, flex: 'none' }} />;
}

/**
 * Bản đồ: the communes of the viewer's scope coloured by the number of situations of the chosen
 * period and category, and the located situations as points coloured by severity. Without
 * imported boundaries it shows the points only and says how to import them.
 */
export function MapPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const choice = readChoice(params);
  const map = useIncidentMap(choice);
  const [focus, setFocus] = useState<string | null>(null);
  const setChoice = (c: StatsChoice) => {
    setFocus(null);
    setParams(choiceParams({ ...c, groupBy: 'category' }), { replace: true });
  };
  const d = map.data;
  const ready = choiceReady(choice);
  const categoryName = choice.category ? t(`incidents.categories.${choice.category}`) : t('statistics.allCategories');
  const statsHref = (communeCode: string) => `/statistics?${choiceParams({ ...choice, communeCode, groupBy: 'category' }).toString()}`;

  const texts: MapTexts = useMemo(
    () => ({
      commune: (p) => ({
        title: p.name,
        lines: [t('statistics.popupCount', { n: fmtInt(p.count) }), t('statistics.popupBase', { n: fmtInt(p.baseCount) }), t('statistics.popupDifference', { d: fmtSigned(p.count - p.baseCount) })],
        link: { href: statsHref(p.code), label: t('statistics.popupStats') },
      }),
      point: (p) => ({
        title: `${p.code} — ${p.title}`,
        lines: [
          `${t(`incidents.categories.${p.category}`)} · ${t(`incidents.severities.${p.severity}`)}`,
          `${t(`incidents.statuses.${p.status}`)} · ${formatDate(p.occurredOn)}`,
        ],
        link: { href: `/incidents/${p.id}`, label: t('statistics.popupOpen') },
      }),
      noWebgl: t('statistics.noWebgl'),
      mapLabel: t('statistics.mapLabel'),
    }),
    // statsHref depends on the choice, which is in the address bar.
    [t, params.toString()],
  );

  const max = d ? Math.max(0, ...d.communes.features.map((f) => f.properties.count)) : 0;
  const classes = countClasses(max);
  const ranked = d ? [...d.communes.features].filter((f) => f.properties.count > 0 || f.properties.baseCount > 0).sort((a, b) => b.properties.count - a.properties.count || a.properties.name.localeCompare(b.properties.name, 'vi')) : [];
  const located = d ? d.pointsTotal : 0;
  const unlocated = d ? d.total.count - d.pointsTotal : 0;

  return (
    <>
      <PageHeader
        title={t('statistics.mapTitle')}
        subtitle={t('statistics.mapSubtitle')}
        actions={
          <Button variant="default" component={Link} to={`/statistics?${choiceParams(choice).toString()}`} leftSection={<IconChartBar size={16} aria-hidden />}>
            {t('statistics.openStatistics')}
          </Button>
        }
      />
      <PeriodControls value={choice} onChange={setChoice} />
      {!ready && (
        <Alert color="blue" mb="md">
          {t('statistics.chooseDates')}
        </Alert>
      )}
      {map.isError && <ErrorState error={map.error} onRetry={() => void map.refetch()} />}
      {ready && map.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {d && ready && (
        <>
          <PeriodStatement choice={choice} period={d.period} base={d.base} scope={d.scope} />
          {d.boundaries === 'missing' && (
            <Alert color="yellow" mb="sm" title={t('statistics.noBoundariesTitle')}>
              {t('statistics.noBoundaries')} <Code>npm run cli -- import boundaries &lt;file.geojson&gt;</Code>
            </Alert>
          )}
          {d.pointsTruncated && (
            <Alert color="blue" mb="sm">
              {t('statistics.pointsTruncated', { shown: fmtInt(d.points.features.length), total: fmtInt(d.pointsTotal) })}
            </Alert>
          )}
          <Group align="stretch" gap="md" wrap="wrap">
            <Box style={{ flex: '1 1 520px', minWidth: 0, height: 'max(420px, calc(100vh - 330px))' }}>
              <Suspense fallback={<Loader size="sm" aria-label={t('app.loading')} />}>
                <MapCanvas data={d} texts={texts} focus={focus} onNavigate={(href) => void navigate(href)} />
              </Suspense>
            </Box>
            <Paper withBorder p="sm" w={{ base: '100%', sm: 300 }} style={{ flex: 'none' }}>
              <Stack gap="xs">
                <div>
                  <Text fw={600} size="sm">
                    {t('statistics.legendTitle', { category: categoryName })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {periodText(t, choice, d.period)}
                  </Text>
                </div>
                {d.boundaries === 'imported' && (
                  <Stack gap={2} aria-label={t('statistics.legendCounts')}>
                    <Group gap={6} wrap="nowrap">
                      <Swatch colour={ZERO_COLOUR} />
                      <Text size="xs">{t('statistics.legendZero')}</Text>
                    </Group>
                    {classes.map((c) => (
                      <Group key={c.min} gap={6} wrap="nowrap">
                        <Swatch colour={c.colour} />
                        <Text size="xs">{c.min === c.max ? t('statistics.legendOne', { n: fmtInt(c.min) }) : t('statistics.legendRange', { min: fmtInt(c.min), max: fmtInt(c.max) })}</Text>
                      </Group>
                    ))}
                  </Stack>
                )}
                <Stack gap={2} aria-label={t('statistics.legendSeverity')}>
                  <Text size="xs" fw={600}>
                    {t('statistics.legendPoints')}
                  </Text>
                  {INCIDENT_SEVERITIES.map((s) => (
                    <Group key={s} gap={6} wrap="nowrap">
                      <Swatch colour={SEVERITY_COLOURS[s]} round />
                      <Text size="xs">{t(`incidents.severities.${s}`)}</Text>
                    </Group>
                  ))}
                </Stack>
                <Text size="xs">
                  {t('statistics.mapTotals', { total: fmtInt(d.total.count), base: fmtInt(d.total.baseCount), located: fmtInt(located) })}
                  {unlocated > 0 && ` ${t('statistics.unlocated', { n: fmtInt(unlocated) })}`}
                  {d.boundaries === 'imported' && d.outsideBoundaries > 0 && ` ${t('statistics.outsideBoundaries', { n: fmtInt(d.outsideBoundaries) })}`}
                </Text>
                {d.boundaries === 'imported' && (
                  <>
                    <Text size="xs" fw={600}>
                      {t('statistics.communeList')}
                    </Text>
                    {ranked.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        {t('statistics.noCases')}
                      </Text>
                    ) : (
                      <ScrollArea.Autosize mah={300} type="auto">
                        <ol className="plain-list" aria-label={t('statistics.communeList')}>
                          {ranked.map((f) => (
                            <li key={f.id}>
                              <UnstyledButton
                                onClick={() => setFocus(f.id)}
                                aria-pressed={focus === f.id}
                                w="100%"
                                px={4}
                                py={2}
                                style={{ borderRadius: 4, background: focus === f.id ? 'var(--mantine-color-blue-light)' : undefined }}
                              >
                                <Group justify="space-between" gap={4} wrap="nowrap">
                                  <Text size="xs" truncate>
                                    {f.properties.name}
                                  </Text>
                                  <Text size="xs" fw={600}>
                                    {fmtInt(f.properties.count)}
                                    <Text span size="xs" c="dimmed" fw={400}>
                                      {' '}
                                      ({fmtInt(f.properties.baseCount)})
                                    </Text>
                                  </Text>
                                </Group>
                              </UnstyledButton>
                            </li>
                          ))}
                        </ol>
                      </ScrollArea.Autosize>
                    )}
                    <Text size="xs" c="dimmed">
                      {t('statistics.communeListHint')}
                    </Text>
                  </>
                )}
              </Stack>
            </Paper>
          </Group>
        </>
      )}
    </>
  );
}
