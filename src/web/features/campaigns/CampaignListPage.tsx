import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Modal, NumberInput, Paper, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CAMPAIGN_INDICATORS, TARGETABLE_INDICATORS, type CampaignState, type CreateCampaignInput, type TargetableIndicator } from '../../../contracts/campaigns.ts';
import { INCIDENT_CATEGORIES } from '../../../contracts/incidents.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import { fetchPrefill, useCampaigns, useCreateCampaign, useTemplates } from './api.ts';
import { MovementView } from './MovementView.tsx';

export const STATE_COLOR: Record<CampaignState, string> = { draft: 'gray', running: 'blue', closed: 'green' };

export function CampaignStateBadge({ state }: { state: CampaignState }) {
  const { t } = useTranslation();
  return <Badge color={STATE_COLOR[state]} variant="light">{t(`campaigns.states.${state}`)}</Badge>;
}

interface Draft {
  input: CreateCampaignInput;
  unitNames: Record<string, string>;
  notice: string | null;
}

/** `/campaigns`: campaigns (list, create from a template, create) and the mass movement. */
export function CampaignListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'movement' ? 'movement' : 'campaigns';
  return (
    <>
      <PageHeader title={t('campaigns.title')} subtitle={t('campaigns.subtitle')} />
      <Tabs value={tab} onChange={(v) => setParams(v === 'movement' ? { tab: 'movement' } : {})} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="campaigns">{t('campaigns.tabCampaigns')}</Tabs.Tab>
          <Tabs.Tab value="movement">{t('campaigns.tabMovement')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="campaigns">
          <CampaignList />
        </Tabs.Panel>
        <Tabs.Panel value="movement">
          <MovementView />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function CampaignList() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const list = useCampaigns(offset);
  const templates = useTemplates();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [prefillError, setPrefillError] = useState<string | null>(null);
  const [loadingPrefill, setLoadingPrefill] = useState(false);

  const fromTemplate = async () => {
    if (!templateId) return;
    setLoadingPrefill(true);
    setPrefillError(null);
    try {
      const p = await fetchPrefill(templateId);
      const notice =
        p.basis === 'previous_instance' && p.previousCampaign
          ? t('campaigns.prefillPrevious', { name: p.previousCampaign.name, from: formatDate(p.previousCampaign.fromOn), to: formatDate(p.previousCampaign.toOn) })
          : t('campaigns.prefillTemplate');
      setDraft({ input: { ...p.input, description: p.input.description }, unitNames: p.unitNames, notice });
    } catch (e) {
      setPrefillError(errorMessage(t, e));
    } finally {
      setLoadingPrefill(false);
    }
  };
  const blank = (): Draft => ({
    input: { name: '', fromOn: todayIso(), toOn: todayIso(), ownerUnitId: '', targetCategories: [], unitIds: [], indicators: [{ indicator: 'cases_dismantled', target: null }], templateId: null, documentId: null },
    unitNames: {},
    notice: null,
  });

  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const canCreate = list.data?.canCreate ?? false;
  const tpl = templates.data?.items.find((x) => x.id === templateId);
  return (
    <Stack>
      {canCreate && (
        <Paper withBorder p="sm">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label={t('campaigns.template')}
              data={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
              value={templateId}
              onChange={setTemplateId}
              w={{ base: '100%', sm: 420 }}
              description={tpl ? (tpl.lastCampaign ? t('campaigns.templateLast', { name: tpl.lastCampaign.name, from: formatDate(tpl.lastCampaign.fromOn), to: formatDate(tpl.lastCampaign.toOn) }) : t('campaigns.templateNoInstance')) : undefined}
            />
            <Button onClick={() => void fromTemplate()} disabled={!templateId} loading={loadingPrefill}>
              {t('campaigns.createFromTemplate')}
            </Button>
            <Button variant="default" onClick={() => setDraft(blank())}>
              {t('campaigns.create')}
            </Button>
          </Group>
          {prefillError && <Text c="red" size="sm" mt="xs">{prefillError}</Text>}
        </Paper>
      )}
      {list.isPending ? (
        <Loader />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('campaigns.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.name')}</Table.Th>
                <Table.Th>{t('campaigns.period')}</Table.Th>
                <Table.Th>{t('campaigns.state')}</Table.Th>
                <Table.Th>{t('campaigns.units')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/campaigns/${c.id}`} aria-label={t('campaigns.open', { name: c.name })}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(c.fromOn)} – {formatDate(c.toOn)}
                  </Table.Td>
                  <Table.Td>
                    <CampaignStateBadge state={c.state} />
                  </Table.Td>
                  <Table.Td>{t('campaigns.unitsCount', { count: c.units.length })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && <Pager total={list.data.total} limit={list.data.limit} offset={offset} onChange={setOffset} />}
      {draft && <CreateCampaignModal draft={draft} onClose={() => setDraft(null)} />}
    </Stack>
  );
}

function CreateCampaignModal({ draft, onClose }: { draft: Draft; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCampaign();
  const [input, setInput] = useState<CreateCampaignInput>(draft.input);
  const [names, setNames] = useState<Record<string, string>>(draft.unitNames);
  const [ownerName, setOwnerName] = useState(draft.unitNames[draft.input.ownerUnitId] ?? '');
  const set = (p: Partial<CreateCampaignInput>) => setInput((x) => ({ ...x, ...p }));
  const targetOf = (k: TargetableIndicator) => input.indicators.find((i) => i.indicator === k);
  const toggle = (k: TargetableIndicator, on: boolean) =>
    set({ indicators: on ? [...input.indicators, { indicator: k, target: null }] : input.indicators.filter((i) => i.indicator !== k) });
  const setTarget = (k: TargetableIndicator, v: number | null) => set({ indicators: input.indicators.map((i) => (i.indicator === k ? { ...i, target: v } : i)) });
  const submit = async () => {
    try {
      const c = await create.mutateAsync(input);
      onClose();
      void navigate(`/campaigns/${c.id}`);
    } catch {
      /* shown below */
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('campaigns.create')} size="xl">
      <Stack>
        {draft.notice && <Alert color="blue">{draft.notice}</Alert>}
        <TextInput label={t('campaigns.name')} value={input.name} onChange={(e) => set({ name: e.currentTarget.value })} required />
        <Group grow>
          <DateField label={t('campaigns.fromOn')} value={input.fromOn} onChange={(v) => set({ fromOn: v })} required />
          <DateField label={t('campaigns.toOn')} value={input.toOn} onChange={(v) => set({ toOn: v })} required />
        </Group>
        <UnitPicker label={t('campaigns.ownerUnit')} value={input.ownerUnitId || null} valueLabel={ownerName || undefined} onChange={(id, u) => { set({ ownerUnitId: id ?? '' }); setOwnerName(u?.name ?? ''); }} required />
        <Checkbox.Group label={t('campaigns.targetCategories')} value={input.targetCategories} onChange={(v) => set({ targetCategories: v as CreateCampaignInput['targetCategories'] })}>
          <Group gap="sm" mt={4}>
            {INCIDENT_CATEGORIES.map((c) => (
              <Checkbox key={c} value={c} label={t(`incidents.categories.${c}`, { defaultValue: c })} />
            ))}
          </Group>
        </Checkbox.Group>
        <Stack gap={4}>
          <Text fw={500} size="sm">{t('campaigns.units')} ({input.unitIds.length})</Text>
          <Group gap={6}>
            {input.unitIds.map((id) => (
              <Badge key={id} variant="outline" rightSection={<Anchor size="xs" onClick={() => set({ unitIds: input.unitIds.filter((x) => x !== id) })} aria-label={t('campaigns.remove')}>×</Anchor>}>
                {names[id] ?? id.slice(0, 8)}
              </Badge>
            ))}
          </Group>
          <UnitPicker
            label={t('campaigns.addUnit')}
            value={null}
            onChange={(id, u) => {
              if (id && !input.unitIds.includes(id)) {
                set({ unitIds: [...input.unitIds, id] });
                setNames((n) => ({ ...n, [id]: u?.name ?? id }));
              }
            }}
          />
        </Stack>
        <Stack gap={6}>
          <Text fw={500} size="sm">{t('campaigns.indicatorsTitle')}</Text>
          {TARGETABLE_INDICATORS.map((k) => {
            const cur = targetOf(k);
            const unit = k === 'clearance_rate' ? '%' : t(`campaigns.units_of.${CAMPAIGN_INDICATORS[k].unit}`);
            return (
              <Group key={k} gap="sm" wrap="nowrap">
                <Checkbox checked={!!cur} onChange={(e) => toggle(k, e.currentTarget.checked)} label={`${t(`campaigns.indicators.${k}`)} (${unit})`} style={{ flex: 1 }} />
                <NumberInput
                  aria-label={`${t('campaigns.target')}: ${t(`campaigns.indicators.${k}`)}`}
                  placeholder={t('campaigns.noTarget')}
                  disabled={!cur}
                  value={cur?.target ?? ''}
                  min={0}
                  max={k === 'clearance_rate' ? 100 : undefined}
                  onChange={(v) => setTarget(k, v === '' ? null : Number(v))}
                  w={140}
                />
              </Group>
            );
          })}
        </Stack>
        {create.isError && <Alert color="red">{errorMessage(t, create.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('campaigns.cancel')}</Button>
          <Button onClick={() => void submit()} loading={create.isPending}>{t('campaigns.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
