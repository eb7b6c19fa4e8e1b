import { useState } from 'react';
import { Accordion, Alert, Badge, Button, Card, Drawer, Group, Loader, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { IncidentCategory } from '../../../contracts/incidents.ts';
import {
  CORRECTIVE_ACTION_KINDS,
  type CorrectiveAction,
  type CorrectiveActionKind,
  type CorrectiveActionStatus,
  REVIEW_FIGURES,
  type ReviewComparison,
  type ReviewCompilation,
  type ReviewCycle,
  type ReviewFigure,
  type ReviewFigureKey,
  type Scorecard,
} from '../../../contracts/reviews.ts';
import { DateField } from '../../components/DateField.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import { ReportRunButton } from './ReportRunButton.tsx';
import { RECORDS_PAGE_SIZE, useActionStatus, useCloseReview, useCompilation, useFigureRecords, useRecordAction, useReview, useSetAgenda } from './api.ts';

const VERDICT_COLOR: Record<ReviewComparison['verdict'], string> = { increase: 'red', decrease: 'green', no_significant_change: 'gray', too_few: 'gray' };

function Verdict({ c }: { c: ReviewComparison }) {
  const { t } = useTranslation();
  const pct = c.percent !== null ? ` (${c.percent > 0 ? '+' : ''}${c.percent}%)` : '';
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">
        {c.difference > 0 ? '+' : ''}
        {c.difference}
        {pct}
      </Text>
      <Badge size="sm" color={VERDICT_COLOR[c.verdict]} variant={c.verdict === 'too_few' ? 'outline' : 'light'} title={c.pValue !== null ? `p = ${c.pValue}` : undefined}>
        {t(`reviews.verdicts.${c.verdict}`)}
      </Badge>
    </Group>
  );
}

/** A number that opens its records. */
const Num = ({ f }: { f: ReviewFigure }) => <Link to={f.href}>{f.value}</Link>;

function Rate({ r }: { r: { numerator: number; denominator: number; percent: number | null } }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" span title={`${r.numerator}/${r.denominator}`}>
      {r.percent !== null ? `${r.percent}%` : <Text span c="dimmed" size="xs">{`${r.numerator}/${r.denominator} · ${t('reviews.scorecards.tooFew')}`}</Text>}
    </Text>
  );
}

function NoData({ span }: { span: number }) {
  const { t } = useTranslation();
  return (
    <Table.Td colSpan={span} c="dimmed" fz="xs" ta="center">
      {t('reviews.page.noData')}
    </Table.Td>
  );
}

function ScoreRow({ s }: { s: Scorecard }) {
  const { t } = useTranslation();
  const tk = s.tasks;
  const co = s.coordination;
  const si = s.situations?.total;
  const tp = s.tips;
  return (
    <Table.Tr fw={s.coverage === 'scope' ? 700 : undefined}>
      <Table.Td>
        {s.agendaPosition !== null && (
          <Badge size="xs" variant="outline" mr={4} title={t('reviews.scorecards.agendaNo', { n: s.agendaPosition })}>
            {s.agendaPosition}
          </Badge>
        )}
        {s.coverage === 'scope' ? `${t('reviews.scorecards.total')} — ${s.unit.name}` : s.unit.name}
      </Table.Td>
      {tk ? (
        <>
          <Table.Td ta="right"><Num f={tk.assigned} /></Table.Td>
          <Table.Td ta="right"><Num f={tk.completedOnTime} /></Table.Td>
          <Table.Td ta="right"><Num f={tk.completedLate} /></Table.Td>
          <Table.Td ta="right"><Num f={tk.notCompletedWithinDeadline} /></Table.Td>
          <Table.Td ta="right"><Num f={tk.notCompletedOverdue} /></Table.Td>
          <Table.Td ta="right"><Rate r={tk.onTimeRate} /></Table.Td>
        </>
      ) : (
        <NoData span={6} />
      )}
      {co ? (
        <>
          <Table.Td ta="right"><Num f={co.requests} /></Table.Td>
          <Table.Td ta="right"><Num f={co.unanswered} /></Table.Td>
          <Table.Td ta="right">{co.medianHoursToAnswer ?? '—'}</Table.Td>
        </>
      ) : (
        <NoData span={3} />
      )}
      {si ? (
        <>
          <Table.Td ta="right"><Num f={si.current} /></Table.Td>
          <Table.Td ta="right"><Num f={si.base} /></Table.Td>
          <Table.Td><Verdict c={si.comparison} /></Table.Td>
        </>
      ) : (
        <NoData span={3} />
      )}
      {tp ? (
        <>
          <Table.Td ta="right"><Num f={tp.resolved} /></Table.Td>
          <Table.Td ta="right"><Num f={tp.resolvedWithinDeadline} /></Table.Td>
          <Table.Td ta="right"><Num f={tp.resolvedLate} /></Table.Td>
        </>
      ) : (
        <NoData span={3} />
      )}
    </Table.Tr>
  );
}

function Scorecards({ c }: { c: ReviewCompilation }) {
  const { t } = useTranslation();
  const rows = [...(c.total ? [c.total] : []), ...c.scorecards];
  const th = (k: string) => <Table.Th ta="right" fz="xs">{t(`reviews.scorecards.${k}`)}</Table.Th>;
  return (
    <Table.ScrollContainer minWidth={1200}>
      <Table striped withTableBorder withColumnBorders fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th rowSpan={2}>{t('reviews.scorecards.unit')}</Table.Th>
            <Table.Th colSpan={6} ta="center">{t('reviews.scorecards.tasks')}</Table.Th>
            <Table.Th colSpan={3} ta="center">{t('reviews.scorecards.coordination')}</Table.Th>
            <Table.Th colSpan={3} ta="center">{t('reviews.scorecards.situations')}</Table.Th>
            <Table.Th colSpan={3} ta="center">{t('reviews.scorecards.tips')}</Table.Th>
          </Table.Tr>
          <Table.Tr>
            {th('assigned')}
            {th('completedOnTime')}
            {th('completedLate')}
            {th('notCompletedWithinDeadline')}
            {th('notCompletedOverdue')}
            {th('onTimeRate')}
            {th('requests')}
            {th('unanswered')}
            {th('medianHours')}
            {th('current')}
            {th('base')}
            <Table.Th />
            {th('resolved')}
            {th('withinDeadline')}
            {th('late')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((s) => (
            <ScoreRow key={`${s.coverage}-${s.unit.id}`} s={s} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Categories({ c }: { c: ReviewCompilation }) {
  const { t } = useTranslation();
  const withSituations = [...(c.total ? [c.total] : []), ...c.scorecards].filter((s) => s.situations);
  if (withSituations.length === 0) return null;
  return (
    <Accordion variant="separated" mt="md">
      {withSituations.map((s) => (
        <Accordion.Item key={`${s.coverage}-${s.unit.id}`} value={`${s.coverage}-${s.unit.id}`}>
          <Accordion.Control>
            {t('reviews.scorecards.byCategory')} — {s.coverage === 'scope' ? t('reviews.scorecards.total') : s.unit.name}
          </Accordion.Control>
          <Accordion.Panel>
            <Table fz="sm">
              <Table.Tbody>
                {s.situations!.byCategory.map((r) => (
                  <Table.Tr key={r.category}>
                    <Table.Td>{r.label}</Table.Td>
                    <Table.Td ta="right"><Num f={r.current} /></Table.Td>
                    <Table.Td ta="right"><Num f={r.base} /></Table.Td>
                    <Table.Td><Verdict c={r.comparison} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

/** The drill-down: the records behind a figure (?figure=…&unitId=…&category=…). */
function RecordsDrawer({ id }: { id: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('figure') ?? '';
  const figure = (REVIEW_FIGURES as readonly string[]).includes(raw) ? (raw as ReviewFigureKey) : '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const q = useFigureRecords(id, { unitId: params.get('unitId') ?? '', figure, category: (params.get('category') ?? '') as IncidentCategory | '', offset: (page - 1) * RECORDS_PAGE_SIZE });
  const close = () => setParams({});
  const goTo = (p: number) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('page', String(p));
      return next;
    });
  return (
    <Drawer opened={!!figure} onClose={close} position="right" size="xl" title={figure ? t(`reviews.records.figures.${figure}`) : ''}>
      {q.isLoading && <Loader size="sm" />}
      {q.error && <Alert color="red">{errorMessage(t, q.error)}</Alert>}
      {q.data && (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {q.data.unit.name} · {q.data.period.label} · {t('reviews.records.count', { total: q.data.total.toLocaleString('vi-VN') })}
          </Text>
          {q.data.items.length === 0 ? (
            <Text c="dimmed">{t('reviews.records.none')}</Text>
          ) : (
            <Table fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reviews.records.code')}</Table.Th>
                  <Table.Th>{t('reviews.records.name')}</Table.Th>
                  <Table.Th>{t('reviews.records.unit')}</Table.Th>
                  <Table.Th>{t('reviews.records.on')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((r, i) => (
                  <Table.Tr key={`${r.id}-${i}`}>
                    <Table.Td>
                      <Link to={r.href}>{r.code}</Link>
                    </Table.Td>
                    <Table.Td>{r.title}</Table.Td>
                    <Table.Td>{r.unitName}</Table.Td>
                    <Table.Td>{formatDate(r.on)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {q.data.total > RECORDS_PAGE_SIZE && <Pagination mt="sm" size="sm" total={Math.ceil(q.data.total / RECORDS_PAGE_SIZE)} value={page} onChange={goTo} />}
        </>
      )}
    </Drawer>
  );
}

const STATUS_COLOR: Record<CorrectiveActionStatus, string> = { open: 'orange', in_progress: 'blue', closed: 'green' };

function StatusChanger({ cycleId, a }: { cycleId: string; a: CorrectiveAction }) {
  const { t } = useTranslation();
  const m = useActionStatus(cycleId);
  const [status, setStatus] = useState<CorrectiveActionStatus | null>(null);
  const [note, setNote] = useState('');
  if (!a.abilities.progress && !a.abilities.close) return null;
  const options = (['open', 'in_progress', 'closed'] as const).filter((s) => s !== a.status && (s === 'closed' ? a.abilities.close : a.abilities.progress));
  return (
    <Stack gap={4} mt="xs">
      <Group gap="xs" align="flex-end">
        <Select size="xs" label={t('reviews.actions.changeStatus')} data={options.map((s) => ({ value: s, label: t(`reviews.actions.statuses.${s}`) }))} value={status} onChange={(v) => setStatus(v as CorrectiveActionStatus | null)} w={180} />
        <Button size="xs" disabled={!status} loading={m.isPending} onClick={() => status && m.mutate({ actionId: a.id, status, note: note.trim() || undefined, version: a.version }, { onSuccess: () => { setStatus(null); setNote(''); } })}>
          {t('reviews.actions.save')}
        </Button>
      </Group>
      {status && <Textarea size="xs" label={t('reviews.actions.note')} description={status === 'closed' ? t('reviews.actions.noteRequired') : undefined} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />}
      {m.error && <Alert color="red" p="xs">{errorMessage(t, m.error)}</Alert>}
    </Stack>
  );
}

function WhatHappened({ a, t }: { a: CorrectiveAction; t: TFunction }) {
  const changes = a.history.filter((h) => h.kind !== 'recorded');
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Badge color={STATUS_COLOR[a.status]} variant="light">{t(`reviews.actions.statuses.${a.status}`)}</Badge>
        {a.overdue && <Badge color="red" variant="filled">{t('reviews.actions.overdue')}</Badge>}
      </Group>
      {changes.length === 0 && <Text size="sm" c="dimmed">{t('reviews.actions.nothingHappened')}</Text>}
      {changes.map((h, i) => (
        <Text key={i} size="sm">
          {formatDate(h.at)} · {h.cycle.periodLabel}: {h.toStatus ? t(`reviews.actions.statuses.${h.toStatus}`) : t(`reviews.actions.history.${h.kind}`)}
          {h.note ? ` — ${h.note}` : ''}
        </Text>
      ))}
      {a.closedIn && <Text size="sm" fw={600}>{t('reviews.actions.closedIn', { cycle: a.closedIn.title })}</Text>}
    </Stack>
  );
}

function LastTime({ a, t }: { a: CorrectiveAction; t: TFunction }) {
  return (
    <Stack gap={4}>
      <Text size="sm">
        <b>{t(`reviews.actions.kinds.${a.kind}`)}:</b> {a.text}
      </Text>
      <Text size="sm">
        <b>{t('reviews.actions.measure')}:</b> {a.measure}
      </Text>
      <Text size="xs" c="dimmed">
        {t('reviews.actions.owner')}: {a.ownerUnit.name}
        {a.deadlineOn ? ` · ${t('reviews.actions.deadline')}: ${formatDate(a.deadlineOn)}` : ''} · {t('reviews.actions.recordedIn', { cycle: a.recordedIn.title })}
      </Text>
    </Stack>
  );
}

function NewAction({ cycle }: { cycle: ReviewCycle }) {
  const { t } = useTranslation();
  const m = useRecordAction(cycle.id);
  const [kind, setKind] = useState<CorrectiveActionKind>('limitation');
  const [text, setText] = useState('');
  const [measure, setMeasure] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [deadline, setDeadline] = useState('');
  return (
    <Paper withBorder p="sm" mt="sm">
      <Text fw={600} mb="xs">{t('reviews.actions.add')}</Text>
      <Stack gap="xs">
        <Select label={t('reviews.actions.kind')} data={CORRECTIVE_ACTION_KINDS.map((k) => ({ value: k, label: t(`reviews.actions.kinds.${k}`) }))} value={kind} onChange={(v) => v && setKind(v as CorrectiveActionKind)} allowDeselect={false} w={200} />
        <Textarea label={t('reviews.actions.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} required autosize minRows={2} />
        <Textarea label={t('reviews.actions.measure')} value={measure} onChange={(e) => setMeasure(e.currentTarget.value)} required autosize minRows={2} />
        <Group align="flex-end">
          <UnitPicker label={t('reviews.actions.owner')} value={owner} onChange={(id) => setOwner(id)} required />
          <DateField label={t('reviews.actions.deadline')} value={deadline} onChange={setDeadline} w={160} />
        </Group>
        {m.error && <Alert color="red">{errorMessage(t, m.error)}</Alert>}
        <Group>
          <Button
            disabled={!text.trim() || !measure.trim() || !owner}
            loading={m.isPending}
            onClick={() =>
              m.mutate(
                { kind, text, measure, ownerUnitId: owner!, deadlineOn: deadline || null },
                {
                  onSuccess: () => {
                    setText('');
                    setMeasure('');
                    setDeadline('');
                  },
                },
              )
            }
          >
            {t('reviews.actions.record')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Actions({ cycle, c }: { cycle: ReviewCycle; c: ReviewCompilation }) {
  const { t } = useTranslation();
  const { recorded, carriedForward } = c.correctiveActions;
  return (
    <Stack gap="sm">
      <Title order={3}>{t('reviews.actions.title')}</Title>
      <Title order={4}>{t('reviews.actions.carried')}</Title>
      {carriedForward.length === 0 && <Text c="dimmed">{t('reviews.actions.none')}</Text>}
      {carriedForward.map((a) => (
        <Card key={a.id} withBorder padding="sm">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <div>
              <Text size="xs" tt="uppercase" c="dimmed" fw={700}>{t('reviews.actions.lastTime')}</Text>
              <LastTime a={a} t={t} />
            </div>
            <div>
              <Text size="xs" tt="uppercase" c="dimmed" fw={700}>{t('reviews.actions.whatHappened')}</Text>
              <WhatHappened a={a} t={t} />
              <StatusChanger cycleId={cycle.id} a={a} />
            </div>
          </SimpleGrid>
        </Card>
      ))}
      <Title order={4}>{t('reviews.actions.recorded')}</Title>
      {recorded.length === 0 && <Text c="dimmed">{t('reviews.actions.none')}</Text>}
      {recorded.map((a) => (
        <Card key={a.id} withBorder padding="sm">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <LastTime a={a} t={t} />
            <div>
              <WhatHappened a={a} t={t} />
              <StatusChanger cycleId={cycle.id} a={a} />
            </div>
          </SimpleGrid>
        </Card>
      ))}
      {cycle.abilities.recordAction && <NewAction cycle={cycle} />}
    </Stack>
  );
}

function Agenda({ cycle }: { cycle: ReviewCycle }) {
  const { t } = useTranslation();
  const m = useSetAgenda(cycle.id);
  const [items, setItems] = useState(cycle.agenda.map((a) => ({ id: a.unit.id, name: a.unit.name })));
  const [picker, setPicker] = useState(0);
  const edit = cycle.abilities.setAgenda === true;
  const move = (i: number, d: number) => {
    const next = [...items];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    setItems(next);
  };
  return (
    <Stack gap="xs">
      <Title order={3}>{t('reviews.agenda.title')}</Title>
      {items.length === 0 && <Text c="dimmed">{t('reviews.agenda.empty')}</Text>}
      {items.map((u, i) => (
        <Group key={u.id} gap="xs">
          <Badge variant="outline">{i + 1}</Badge>
          <Text size="sm" style={{ flex: 1 }}>{u.name}</Text>
          {edit && (
            <>
              <Button size="compact-xs" variant="default" disabled={i === 0} onClick={() => move(i, -1)}>{t('reviews.agenda.up')}</Button>
              <Button size="compact-xs" variant="default" disabled={i === items.length - 1} onClick={() => move(i, 1)}>{t('reviews.agenda.down')}</Button>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => setItems(items.filter((x) => x.id !== u.id))}>{t('reviews.agenda.remove')}</Button>
            </>
          )}
        </Group>
      ))}
      {edit && (
        <Group align="flex-end">
          <UnitPicker key={picker} label={t('reviews.agenda.add')} value={null} onChange={(id, unit) => { if (id && unit && !items.some((x) => x.id === id)) setItems([...items, { id, name: unit.name }]); setPicker(picker + 1); }} />
          <Button onClick={() => m.mutate(items.map((x) => x.id))} loading={m.isPending}>{t('reviews.agenda.save')}</Button>
        </Group>
      )}
      {m.error && <Alert color="red">{errorMessage(t, m.error)}</Alert>}
    </Stack>
  );
}

/** /reviews/:id — the compiled review: scorecards with drill-down, comparisons, corrective actions, agenda. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const cycle = useReview(id);
  const comp = useCompilation(id);
  const close = useCloseReview(id);
  if (cycle.error) return <Alert color="red">{errorMessage(t, cycle.error)}</Alert>;
  if (!cycle.data) return <Loader />;
  const r = cycle.data;
  const c = comp.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Badge variant="light">{t(`reviews.kinds.${r.kind}`)}</Badge>
            <Badge color={r.state === 'open' ? 'blue' : 'gray'} variant="light">{t(`reviews.states.${r.state}`)}</Badge>
          </Group>
          <Title order={2} mt={4}>{r.title}</Title>
          <Text size="sm">{t('reviews.page.period', { period: r.period.label })} · {t('reviews.page.base', { base: r.base.label })}</Text>
          <Text size="sm">
            {t('reviews.page.scope', { scope: r.scopeUnit.name })}
            {c ? ` · ${t('reviews.page.cutoff', { date: formatDate(c.cutoffOn) })}` : ''}
          </Text>
        </div>
        <Group align="flex-start">
          {/* A draft of the báo cáo sơ kết/tổng kết (Nghị định 30/2020 format), generated in the background by the reports module. */}
          <ReportRunButton key={id} cycleId={id} />
          {r.abilities.close && (
            <Button variant="default" color="red" loading={close.isPending} onClick={() => window.confirm(t('reviews.page.closeConfirm')) && close.mutate()}>
              {t('reviews.page.close')}
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p="sm">
        <Text fw={600} size="sm">{t('reviews.page.programme')}</Text>
        {r.programme.documents.map((d) => (
          <Text key={d.id} size="sm">
            <Link to={`/documents/${d.id}`}>{d.symbol ?? d.kind}</Link> — {d.summary}
          </Text>
        ))}
        {r.programme.conferences.map((x) => (
          <Text key={x.id} size="sm">
            <Link to={`/conferences/${x.id}`}>{x.title}</Link> ({formatDate(x.heldOn)})
          </Text>
        ))}
      </Paper>
      <Title order={3}>{t('reviews.scorecards.title')}</Title>
      {comp.isLoading && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t('reviews.page.loading')}</Text>
        </Group>
      )}
      {comp.error && <Alert color="red">{errorMessage(t, comp.error)}</Alert>}
      {c && (
        <>
          {c.empty && <Alert color="yellow">{t('reviews.page.emptyReport')}</Alert>}
          {!c.empty && <Scorecards c={c} />}
          {!c.empty && <Categories c={c} />}
          <Text size="xs" c="dimmed">
            {t('reviews.scorecards.campaigns')}: {t('reviews.scorecards.campaignsPending')} · {t('reviews.page.compiledAt', { time: formatDateTime(c.compiledAt) })}
          </Text>
          <Accordion variant="contained">
            <Accordion.Item value="defs">
              <Accordion.Control>{t('reviews.page.definitions')}</Accordion.Control>
              <Accordion.Panel>
                {Object.entries(c.definitions).map(([k, v]) => (
                  <Text key={k} size="sm" mb={4}>{v}</Text>
                ))}
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
          <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg">
            <div style={{ gridColumn: 'span 2' }}>
              <Actions cycle={r} c={c} />
            </div>
            <Agenda key={r.version} cycle={r} />
          </SimpleGrid>
        </>
      )}
      <RecordsDrawer id={id} />
    </Stack>
  );
}
