import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AWARD_KINDS, NOMINATION_STATES, type AwardKind, type NominationFacts, type NominationState, type NomineeType, type Prefill } from '../../../contracts/awards.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { AchievementsTable, EligibilityPanel, NominationStateBadge } from './AwardBits.tsx';
import { useAwardHistory, useAwardKinds, useCreateNomination, useNominations, usePeopleSearch, usePrefill, useUnitSearch, type NominationFilters } from './api.ts';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

function readFilters(p: URLSearchParams): NominationFilters {
  const state = p.get('state') ?? '';
  const kind = p.get('kind') ?? '';
  return {
    state: (NOMINATION_STATES as readonly string[]).includes(state) ? (state as NominationState) : '',
    kind: (AWARD_KINDS as readonly string[]).includes(kind) ? (kind as AwardKind) : '',
    q: p.get('q') ?? '',
  };
}

function NominationList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const f = readFilters(params);
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const list = useNominations(f, offset);
  const set = (nf: NominationFilters, o = 0) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(nf)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if (o) p.set('offset', String(o));
    else p.delete('offset');
    setParams(p);
  };
  return (
    <>
      <Paper withBorder p="sm" mb="md" component="form" role="search" aria-label={t('awards.filters')} onSubmit={(e) => e.preventDefault()}>
        <Group align="flex-end" gap="sm">
          <Select label={t('awards.filterState')} placeholder={t('awards.allStates')} data={NOMINATION_STATES.map((s) => ({ value: s, label: t(`awards.states.${s}`) }))} value={f.state || null} onChange={(v) => set({ ...f, state: (v ?? '') as NominationFilters['state'] })} clearable w={{ base: '100%', sm: 220 }} />
          <Select label={t('awards.filterKind')} placeholder={t('awards.allKinds')} data={AWARD_KINDS.map((k) => ({ value: k, label: t(`awards.kinds.${k}`) }))} value={f.kind || null} onChange={(v) => set({ ...f, kind: (v ?? '') as NominationFilters['kind'] })} clearable w={{ base: '100%', sm: 320 }} />
          <TextInput label={t('awards.search')} defaultValue={f.q} onBlur={(e) => set({ ...f, q: e.currentTarget.value.trim() })} onKeyDown={(e) => e.key === 'Enter' && set({ ...f, q: e.currentTarget.value.trim() })} w={{ base: '100%', sm: 260 }} />
        </Group>
      </Paper>
      {list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('awards.listLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('awards.nominee')}</Table.Th>
                  <Table.Th scope="col">{t('awards.kind')}</Table.Th>
                  <Table.Th scope="col">{t('awards.period')}</Table.Th>
                  <Table.Th scope="col">{t('awards.state')}</Table.Th>
                  <Table.Th scope="col">{t('awards.decision')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((n) => (
                  <Table.Tr key={n.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/awards/nominations/${n.id}`} fw={600} size="sm" aria-label={t('awards.open', { name: n.nominee.name })}>
                        {n.nominee.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {n.nominee.title ?? n.nominee.unitName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`awards.kinds.${n.kind}`)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(n.periodFrom)}–{formatDate(n.periodTo)}
                    </Table.Td>
                    <Table.Td>
                      <NominationStateBadge state={n.state} />
                    </Table.Td>
                    <Table.Td>{n.decision ? `${n.decision.symbol} (${formatDate(n.decision.decidedOn)})` : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
          <Pager {...list.data} onChange={(o) => set(f, o)} />
        </>
      )}
    </>
  );
}

function CreateNomination() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kind, setKind] = useState<AwardKind>('bang_khen_bo_truong');
  const [type, setType] = useState<NomineeType>('person');
  const [personQ, setPersonQ] = useState('');
  const [unitQ, setUnitQ] = useState('');
  const [personId, setPersonId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [from, setFrom] = useState(`${Number(today().slice(0, 4)) - 1}-01-01`);
  const [to, setTo] = useState(today());
  const [facts, setFacts] = useState<NominationFacts>({});
  const [summary, setSummary] = useState('');
  const [prefilled, setPrefilled] = useState<Prefill | null>(null);
  const people = usePeopleSearch(personQ);
  const units = useUnitSearch(unitQ);
  const prefill = usePrefill();
  const create = useCreateNomination();
  const nominee = type === 'person' ? { personId } : { unitId };
  const input = { kind, nomineeType: type, ...nominee, periodFrom: from, periodTo: to, facts };
  const fact = <K extends keyof NominationFacts>(k: K, v: NominationFacts[K] | undefined) => {
    setFacts((f) => {
      const n = { ...f };
      if (v === undefined || v === false) delete n[k];
      else n[k] = v;
      return n;
    });
    setPrefilled(null);
  };
  const reset = () => setPrefilled(null);
  const personData = (people.data?.items ?? []).map((p) => ({ value: p.id, label: `${[p.rank, p.fullName].filter(Boolean).join(' ')} — ${p.positions[0]?.title ?? ''}, ${p.unitName}` }));
  const unitData = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Stack gap="md" maw={980} component="form" aria-label={t('awards.tabCreate')} onSubmit={(e) => e.preventDefault()}>
      <Select label={t('awards.kind')} data={AWARD_KINDS.map((k) => ({ value: k, label: t(`awards.kinds.${k}`) }))} value={kind} onChange={(v) => { setKind((v ?? 'bang_khen_bo_truong') as AwardKind); setFacts({}); reset(); }} allowDeselect={false} />
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t('awards.nomineeType')}
        </Text>
        <SegmentedControl aria-label={t('awards.nomineeType')} data={(['person', 'unit'] as const).map((v) => ({ value: v, label: t(`awards.nomineeTypes.${v}`) }))} value={type} onChange={(v) => { setType(v as NomineeType); reset(); }} />
      </div>
      {type === 'person' ? (
        <Select label={t('awards.person')} placeholder={t('awards.personPlaceholder')} searchable data={personData} value={personId} onChange={(v) => { setPersonId(v); reset(); }} searchValue={personQ} onSearchChange={setPersonQ} filter={({ options }) => options} nothingFoundMessage={t('common.noResults')} />
      ) : (
        <Select label={t('awards.unit')} placeholder={t('awards.unitPlaceholder')} searchable data={unitData} value={unitId} onChange={(v) => { setUnitId(v); reset(); }} searchValue={unitQ} onSearchChange={setUnitQ} filter={({ options }) => options} nothingFoundMessage={t('common.noResults')} />
      )}
      <Group gap="sm">
        <DateField label={t('awards.periodFrom')} value={from} onChange={(v) => { setFrom(v); reset(); }} maxDate={to} w={180} />
        <DateField label={t('awards.periodTo')} value={to} onChange={(v) => { setTo(v); reset(); }} maxDate={today()} w={180} />
      </Group>
      <Paper withBorder p="sm">
        <Text size="sm" fw={600} mb="xs">
          {t('awards.facts')}
        </Text>
        <Stack gap="xs">
          {kind === 'knc_bv_antq' && (
            <>
              <Select label={t('awards.factsKnc.category')} data={(['leader', 'security_team_member'] as const).map((v) => ({ value: v, label: t(`awards.factsKnc.${v}`) }))} value={facts.kncCategory ?? null} onChange={(v) => fact('kncCategory', (v ?? undefined) as NominationFacts['kncCategory'])} clearable />
              <NumberInput label={t('awards.factsKnc.yearsInPost')} min={0} max={70} value={facts.yearsInPost ?? ''} onChange={(v) => fact('yearsInPost', typeof v === 'number' ? v : undefined)} w={{ base: '100%', sm: 420 }} />
              {facts.kncCategory === 'security_team_member' && (
                <>
                  <Select label={t('awards.factsKnc.gender')} data={(['male', 'female'] as const).map((v) => ({ value: v, label: t(`awards.factsKnc.${v}`) }))} value={facts.gender ?? null} onChange={(v) => fact('gender', (v ?? undefined) as NominationFacts['gender'])} w={200} />
                  <Checkbox label={t('awards.factsKnc.hardshipArea')} checked={facts.hardshipArea === true} onChange={(e) => fact('hardshipArea', e.currentTarget.checked)} />
                </>
              )}
              {facts.kncCategory === 'leader' && (
                <>
                  <Checkbox label={t('awards.factsKnc.priorAntqCommendation')} checked={facts.priorAntqCommendation === true} onChange={(e) => fact('priorAntqCommendation', e.currentTarget.checked)} />
                  <Checkbox label={t('awards.factsKnc.seriousIncidentsInArea')} checked={facts.seriousIncidentsInArea === true} onChange={(e) => fact('seriousIncidentsInArea', e.currentTarget.checked)} />
                </>
              )}
              <Checkbox label={t('awards.factsKnc.holdsExcludingDecoration')} checked={facts.holdsExcludingDecoration === true} onChange={(e) => fact('holdsExcludingDecoration', e.currentTarget.checked)} />
            </>
          )}
          {kind !== 'knc_bv_antq' && <NumberInput label={t('awards.excellentYears')} min={0} max={50} value={facts.excellentYears ?? ''} onChange={(v) => fact('excellentYears', typeof v === 'number' ? v : undefined)} w={{ base: '100%', sm: 360 }} />}
          {kind === 'co_thi_dua' && <Checkbox label={t('awards.leadsEmulationBloc')} checked={facts.leadsEmulationBloc === true} onChange={(e) => fact('leadsEmulationBloc', e.currentTarget.checked)} />}
          <Checkbox label={t('awards.underReview')} checked={facts.underReview === true} onChange={(e) => fact('underReview', e.currentTarget.checked)} />
          <Checkbox label={t('awards.disqualified')} checked={facts.disqualified === true} onChange={(e) => fact('disqualified', e.currentTarget.checked)} />
        </Stack>
      </Paper>
      <Group>
        <Button variant="light" loading={prefill.isPending} disabled={!(personId || unitId) || !from || !to} onClick={() => prefill.mutate(input, { onSuccess: setPrefilled })}>
          {t('awards.prefill')}
        </Button>
      </Group>
      {prefill.isError && <Alert color="red">{errorMessage(t, prefill.error)}</Alert>}
      {prefilled && (
        <Paper withBorder p="sm" role="region" aria-label={t('awards.achievements')}>
          <Title order={4}>{t('awards.achievements')}</Title>
          <Text size="xs" c="dimmed" mb="xs">
            {prefilled.nominee.name} — {prefilled.nominee.title ?? prefilled.nominee.unitName}. {t('awards.achievementsNote')}
          </Text>
          <AchievementsTable items={prefilled.achievements} />
          <EligibilityPanel e={prefilled.eligibility} />
        </Paper>
      )}
      <Textarea label={t('awards.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={3} required />
      {create.isError && <Alert color="red">{errorMessage(t, create.error)}</Alert>}
      <Group>
        <Button
          disabled={!prefilled || prefilled.eligibility.verdict !== 'eligible' || summary.trim() === ''}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              { ...input, summary },
              {
                onSuccess: (n) => {
                  notifications.show({ color: 'green', message: t('awards.created') });
                  void navigate(`/awards/nominations/${n.id}`);
                },
              },
            )
          }
        >
          {t('awards.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

function KindRules() {
  const { t } = useTranslation();
  const kinds = useAwardKinds();
  if (kinds.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (kinds.isError) return <ErrorState error={kinds.error} onRetry={() => void kinds.refetch()} />;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('awards.rulesIntro')}
      </Text>
      {kinds.data.items.map((k) => (
        <Paper withBorder p="sm" key={k.kind}>
          <Group gap="xs" mb={4}>
            <Title order={4}>{t(`awards.kinds.${k.kind}`)}</Title>
            {k.nominees.map((n) => (
              <Badge key={n} variant="outline" tt="none">
                {t(`awards.nomineeTypes.${n}`)}
              </Badge>
            ))}
            {k.oncePerPerson && (
              <Badge color="orange" variant="light" tt="none">
                {t('awards.oncePerPerson')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('awards.basis')}: {k.basis} · {t('awards.threshold', { percent: k.thresholdPercent })}
          </Text>
          <ul>
            {k.conditions.map((c) => (
              <li key={c.code}>
                <Text size="sm" span>
                  {t(`awards.reasons.${c.code}`, { required: '…', years: '…', measured: '…', counted: '…', excellentYears: '…' })}
                </Text>{' '}
                <Text size="xs" c="dimmed" span>
                  ({c.basis}
                  {c.toVerify ? `; ${t('awards.toVerify')}` : ''})
                </Text>
              </li>
            ))}
          </ul>
        </Paper>
      ))}
      <Text size="sm">
        <b>{t('awards.quorumRule')}:</b> {kinds.data.quorum}
      </Text>
    </Stack>
  );
}

function History() {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'person' | 'unit'>('person');
  const [q, setQ] = useState('');
  const [uq, setUq] = useState('');
  const [who, setWho] = useState<{ personId?: string; unitId?: string }>({});
  const people = usePeopleSearch(q);
  const units = useUnitSearch(uq);
  const h = useAwardHistory(who);
  return (
    <Stack gap="sm" maw={980}>
      <SegmentedControl aria-label={t('awards.historySearch')} data={[{ value: 'person', label: t('awards.historyPerson') }, { value: 'unit', label: t('awards.historyUnit') }]} value={mode} onChange={(v) => setMode(v as 'person' | 'unit')} w="fit-content" />
      {mode === 'person' ? (
        <Select label={t('awards.person')} placeholder={t('awards.personPlaceholder')} searchable searchValue={q} onSearchChange={setQ} filter={({ options }) => options} data={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.fullName} — ${p.unitName}` }))} onChange={(v) => setWho(v ? { personId: v } : {})} />
      ) : (
        <Select label={t('awards.unit')} placeholder={t('awards.unitPlaceholder')} searchable searchValue={uq} onSearchChange={setUq} filter={({ options }) => options} data={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} onChange={(v) => setWho(v ? { unitId: v } : {})} />
      )}
      {h.isError && <ErrorState error={h.error} onRetry={() => void h.refetch()} />}
      {h.data && (
        <Paper withBorder p="sm" role="region" aria-label={t('awards.historyAwards')}>
          <Title order={4}>{h.data.name}</Title>
          <Text fw={600} mt="xs">
            {t('awards.historyAwards')}
          </Text>
          {h.data.grants.length === 0 ? (
            <Text c="dimmed">{t('awards.historyNone')}</Text>
          ) : (
            <ul>
              {h.data.grants.map((g) => (
                <li key={g.id}>
                  {t(`awards.kinds.${g.kind}`)} — {t('awards.decisionLine', { symbol: g.decision.symbol, date: formatDate(g.decision.decidedOn), issuer: g.decision.issuerName })}
                </li>
              ))}
            </ul>
          )}
          {h.data.nominations.length > 0 && (
            <>
              <Text fw={600}>{t('awards.historyNominations')}</Text>
              <ul>
                {h.data.nominations.map((n) => (
                  <li key={n.id}>
                    <Anchor component={Link} to={`/awards/nominations/${n.id}`}>
                      {t(`awards.kinds.${n.kind}`)}
                    </Anchor>{' '}
                    — {t(`awards.states.${n.state}`)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Paper>
      )}
    </Stack>
  );
}

/** /awards: nominations with filters, nominate (pre-filled from the records), kinds and their rules, history. */
export function AwardsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'nominations';
  return (
    <>
      <PageHeader title={t('awards.title')} subtitle={t('awards.subtitle')} />
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'nominations' ? { tab: v } : {})} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="nominations">{t('awards.tabNominations')}</Tabs.Tab>
          <Tabs.Tab value="create">{t('awards.tabCreate')}</Tabs.Tab>
          <Tabs.Tab value="kinds">{t('awards.tabKinds')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('awards.tabHistory')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="nominations">
          <NominationList />
        </Tabs.Panel>
        <Tabs.Panel value="create">
          <CreateNomination />
        </Tabs.Panel>
        <Tabs.Panel value="kinds">
          <KindRules />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <History />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
