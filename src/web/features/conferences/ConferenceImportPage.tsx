import { useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Badge, Button, Checkbox, Group, List, Paper, Radio, Select, Spoiler, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash, IconWand } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CONFERENCE_KINDS, confirmConferenceInput, type ConferenceDraft, type ConferenceKind } from '../../../contracts/conferences.ts';
import type { DocumentKind, DocumentSystem, ResolvedReference } from '../../../contracts/documents.ts';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/dates.ts';
import { apiPathErrors, errorMessage, zodPathErrors, type FieldErrors } from '../../lib/errors.ts';
import { documentTitle } from '../documents/DocumentBits.tsx';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import { useConferenceDraft, useConfirmConference } from './api.ts';

interface ChairRow {
  key: number;
  name: string;
  rank: string;
  titles: string;
  personId: string | null;
}
interface PartyRow {
  name: string;
  unitId: string | null;
  unitName: string;
}
interface DocRow {
  ref: ResolvedReference;
  keep: boolean;
  mode: 'link' | 'create';
  issuerName: string;
  summary: string;
}
interface ItemRow {
  key: number;
  text: string;
  /** Index into the draft's documents. */
  documentIndex: number | null;
}
interface Review {
  kind: ConferenceKind;
  title: string;
  heldOn: string;
  place: string;
  host: { id: string | null; name: string };
  chairs: ChairRow[];
  parties: PartyRow[];
  documents: DocRow[];
  items: ItemRow[];
}

let keySeq = 1;
const nextKey = () => keySeq++;

function reviewOf(d: ConferenceDraft): Review {
  const hostParty = d.parties.find((p) => p.unitId && p.unitId === d.hostUnitId);
  return {
    kind: d.kind,
    title: d.title,
    heldOn: d.heldOn ?? '',
    place: d.place ?? '',
    host: { id: d.hostUnitId, name: hostParty?.unitName ?? '' },
    chairs: d.chairs.map((c) => ({ key: nextKey(), name: c.name, rank: c.rank ?? '', titles: c.titles.join('\n'), personId: c.personId })),
    parties: d.parties.map((p) => ({ name: p.name, unitId: p.unitId, unitName: p.unitName ?? '' })),
    documents: d.documents.map((r) => ({
      ref: r,
      keep: true,
      mode: r.match ? 'link' : 'create',
      issuerName: r.proposal?.issuerName ?? r.issuer ?? '',
      summary: r.proposal?.summary ?? r.subject ?? '',
    })),
    items: d.items.map((i) => ({ key: nextKey(), text: i.text, documentIndex: i.documentIndex })),
  };
}

function refLabel(t: ReturnType<typeof useTranslation>['t'], r: ResolvedReference): string {
  const base = r.symbol ? documentTitle(t, { kind: r.kind, symbol: r.symbol }) : r.text;
  return [base, r.date ? formatDate(r.date) : null, r.issuer, r.term ? `${t('documents.term').toLowerCase()} ${r.term}` : null].filter(Boolean).join(' · ');
}

/** The review screen: edit everything the importer proposed, then confirm (one transaction on the server). */
function ReviewForm({ draft, onBack }: { draft: ConferenceDraft; onBack: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const confirm = useConfirmConference();
  const [r, setR] = useState<Review>(() => reviewOf(draft));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof Review>(k: K, v: Review[K]) => setR((s) => ({ ...s, [k]: v }));
  const setChair = (key: number, patch: Partial<ChairRow>) => set('chairs', r.chairs.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const setDoc = (i: number, patch: Partial<DocRow>) => set('documents', r.documents.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const setItem = (key: number, patch: Partial<ItemRow>) => set('items', r.items.map((it) => (it.key === key ? { ...it, ...patch } : it)));
  const moveItem = (i: number, by: -1 | 1) => {
    const items = [...r.items];
    const [it] = items.splice(i, 1);
    items.splice(i + by, 0, it!);
    set('items', items);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Documents kept, in order; items refer to them by their new index.
    const newIndex = new Map<number, number>();
    const documents: unknown[] = [];
    r.documents.forEach((d, i) => {
      if (!d.keep) return;
      newIndex.set(i, documents.length);
      if (d.mode === 'link' && d.ref.match) documents.push({ documentId: d.ref.match.documentId });
      else {
        const p = d.ref.proposal;
        documents.push({
          create: {
            kind: (p?.kind ?? d.ref.kind) as DocumentKind,
            ...(p?.system ? { system: p.system as DocumentSystem } : {}),
            numberSymbol: p?.numberSymbol ?? d.ref.symbol ?? null,
            issuerName: d.issuerName,
            issuedOn: p?.issuedOn ?? d.ref.date ?? null,
            summary: d.summary,
            term: p?.term ?? d.ref.term ?? null,
            plenum: p?.plenum ?? d.ref.plenum ?? null,
          },
        });
      }
    });
    const units = r.parties.filter((p) => p.unitId).map((p) => ({ unitId: p.unitId!, role: 'party' as const }));
    const input = {
      kind: r.kind,
      title: r.title,
      heldOn: r.heldOn,
      place: r.place.trim() ? r.place : null,
      hostUnitId: r.host.id ?? '',
      chairs: r.chairs.map((c) => ({
        name: c.name,
        rank: c.rank.trim() ? c.rank : null,
        titles: c.titles
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
        personId: c.personId,
      })),
      units: units.filter((u, i) => units.findIndex((x) => x.unitId === u.unitId) === i),
      documents,
      items: r.items.map((it) => ({ text: it.text, documentIndex: it.documentIndex !== null ? (newIndex.get(it.documentIndex) ?? null) : null })),
    };
    const parsed = confirmConferenceInput.safeParse(input);
    const errs: FieldErrors = parsed.success ? {} : zodPathErrors(t, parsed.error);
    if (!r.host.id) errs.hostUnitId = t('validation.required');
    if (!r.heldOn) errs.heldOn = t('validation.required');
    if (!parsed.success || Object.keys(errs).length) return setErrors(errs);
    setErrors({});
    confirm.mutate(parsed.data, {
      onSuccess: (c) => {
        notifications.show({ color: 'green', message: t('conferenceImport.created') });
        void navigate(`/conferences/${c.id}`);
      },
      onError: (err) => setErrors(apiPathErrors(t, err)),
    });
  };

  /** Messages for nested paths the fields below do not show (e.g. documents.2.create.summary). */
  const shown = new Set(['title', 'heldOn', 'place', 'hostUnitId', 'kind']);
  const other = Object.entries(errors).filter(([k]) => !shown.has(k) && !/^chairs\.\d+\.name$|^items\.\d+\.text$|^documents\.\d+/.test(k));
  const docError = (i: number) => Object.entries(errors).find(([k]) => k.startsWith(`documents.${i}.`) || k === `documents.${i}`)?.[1];

  // Errors on documents refer to the kept list; map them back to the rows.
  const keptIndex = (i: number) => r.documents.slice(0, i).filter((d) => d.keep).length;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="review-title">
      <Stack gap="md" maw={960}>
        <Title order={3} id="review-title">
          {t('conferenceImport.reviewTitle')}
        </Title>
        <Alert color="blue" role="status">
          {t('conferenceImport.nothingSaved')}
        </Alert>
        {confirm.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, confirm.error)}
          </Alert>
        )}
        {other.length > 0 && (
          <Alert color="red" role="alert">
            <List size="sm">
              {other.map(([k, m]) => (
                <List.Item key={k}>
                  {k}: {m}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Textarea label={t('conferenceImport.confTitle')} required autosize minRows={1} value={r.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} />
            <Group gap="sm" align="flex-start" wrap="wrap">
              <Select
                label={t('conferences.kind')}
                data={CONFERENCE_KINDS.map((k) => ({ value: k, label: t(`conferenceKind.${k}`) }))}
                value={r.kind}
                onChange={(v) => v && set('kind', v as ConferenceKind)}
                allowDeselect={false}
                w={{ base: '100%', sm: 220 }}
              />
              <DateField label={t('conferences.heldOn')} required value={r.heldOn} onChange={(v) => set('heldOn', v)} error={errors.heldOn} w={{ base: '100%', sm: 170 }} />
              <TextInput label={t('conferences.place')} value={r.place} onChange={(e) => set('place', e.currentTarget.value)} error={errors.place} w={{ base: '100%', sm: 320 }} />
            </Group>
            <div style={{ maxWidth: 480 }}>
              <UnitPicker label={t('conferences.hostUnit')} required value={r.host.id} valueLabel={r.host.name} onChange={(id, u) => set('host', { id, name: u?.name ?? '' })} error={errors.hostUnitId} />
            </div>
          </Stack>
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="review-chairs">
          <Title order={4} size="h5" id="review-chairs" mb="xs">
            {t('conferences.coChairs')}
          </Title>
          <Stack gap="sm">
            {r.chairs.map((c, i) => (
              <Paper key={c.key} withBorder p="sm" bg="gray.0" role="group" aria-label={t('conferenceImport.chair', { n: i + 1 })}>
                <Group align="flex-start" gap="sm" wrap="wrap">
                  <TextInput label={t('people.rank')} value={c.rank} onChange={(e) => setChair(c.key, { rank: e.currentTarget.value })} w={{ base: '100%', sm: 160 }} />
                  <TextInput label={t('conferenceImport.chairName')} required value={c.name} onChange={(e) => setChair(c.key, { name: e.currentTarget.value })} error={errors[`chairs.${i}.name`]} w={{ base: '100%', sm: 240 }} />
                  <Textarea label={t('conferenceImport.chairTitles')} autosize minRows={2} value={c.titles} onChange={(e) => setChair(c.key, { titles: e.currentTarget.value })} style={{ flex: '1 1 280px' }} />
                  <ActionIcon variant="subtle" color="red" mt={24} onClick={() => set('chairs', r.chairs.filter((x) => x.key !== c.key))} aria-label={t('conferenceImport.removeChair', { n: i + 1 })}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
                {c.personId && (
                  <Badge mt={4} size="xs" variant="light" color="green" tt="none">
                    {t('nav.people')} ✓
                  </Badge>
                )}
              </Paper>
            ))}
            <Button variant="light" w="fit-content" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => set('chairs', [...r.chairs, { key: nextKey(), name: '', rank: '', titles: '', personId: null }])}>
              {t('conferenceImport.addChair')}
            </Button>
          </Stack>
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="review-parties">
          <Title order={4} size="h5" id="review-parties" mb="xs">
            {t('conferences.parties')}
          </Title>
          <Stack gap="sm">
            {r.parties.map((p, i) => (
              <div key={i}>
                <Text size="sm" fw={600}>
                  {t('conferenceImport.party', { n: i + 1, name: p.name })}
                </Text>
                <div style={{ maxWidth: 480 }}>
                  <UnitPicker
                    label={t('conferenceImport.partyUnit', { name: p.name })}
                    value={p.unitId}
                    valueLabel={p.unitName}
                    onChange={(id, u) => set('parties', r.parties.map((x, j) => (j === i ? { ...x, unitId: id, unitName: u?.name ?? '' } : x)))}
                  />
                </div>
              </div>
            ))}
          </Stack>
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="review-docs">
          <Title order={4} size="h5" id="review-docs" mb="xs">
            {t('conferenceImport.documents')}
          </Title>
          <Stack gap="sm">
            {r.documents.map((d, i) => (
              <Paper key={i} withBorder p="sm" bg={d.keep ? undefined : 'gray.1'} role="group" aria-label={refLabel(t, d.ref)}>
                <Checkbox label={t('conferenceImport.keepDocument', { text: d.ref.text })} checked={d.keep} onChange={(e) => setDoc(i, { keep: e.currentTarget.checked })} />
                <Text size="xs" c="dimmed" ml={32}>
                  {refLabel(t, d.ref)}
                  {d.ref.subject ? ` — ${d.ref.subject}` : ''}
                </Text>
                {d.keep && (
                  <Stack gap="xs" ml={32} mt={6}>
                    <Radio.Group value={d.mode} onChange={(v) => setDoc(i, { mode: v as DocRow['mode'] })} aria-label={refLabel(t, d.ref)}>
                      <Group gap="md">
                        {d.ref.match && <Radio value="link" label={t('conferenceImport.linkTo', { symbol: d.ref.match.symbol ?? d.ref.match.summary })} />}
                        <Radio value="create" label={t('conferenceImport.createNew')} />
                      </Group>
                    </Radio.Group>
                    {d.mode === 'create' && (
                      <Group gap="sm" align="flex-start" wrap="wrap">
                        <TextInput label={t('documents.issuer')} required value={d.issuerName} onChange={(e) => setDoc(i, { issuerName: e.currentTarget.value })} w={{ base: '100%', sm: 260 }} />
                        <TextInput label={t('documents.summary')} required value={d.summary} onChange={(e) => setDoc(i, { summary: e.currentTarget.value })} style={{ flex: '1 1 300px' }} />
                      </Group>
                    )}
                    {docError(keptIndex(i)) && (
                      <Text c="red" size="sm" role="alert">
                        {docError(keptIndex(i))}
                      </Text>
                    )}
                  </Stack>
                )}
              </Paper>
            ))}
          </Stack>
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="review-items">
          <Title order={4} size="h5" id="review-items" mb="xs">
            {t('conferenceImport.items')}
          </Title>
          <Stack gap="sm">
            {r.items.map((it, i) => (
              <Group key={it.key} align="flex-start" gap="xs" wrap="nowrap">
                <Textarea
                  label={t('conferenceImport.item', { n: i + 1 })}
                  autosize
                  minRows={2}
                  maxRows={8}
                  required
                  value={it.text}
                  onChange={(e) => setItem(it.key, { text: e.currentTarget.value })}
                  error={errors[`items.${i}.text`]}
                  style={{ flex: 1 }}
                  description={it.documentIndex !== null && r.documents[it.documentIndex] ? refLabel(t, r.documents[it.documentIndex]!.ref) : undefined}
                />
                <Stack gap={2} mt={24}>
                  <ActionIcon variant="subtle" disabled={i === 0} onClick={() => moveItem(i, -1)} aria-label={t('conferenceImport.moveUp', { n: i + 1 })}>
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon variant="subtle" disabled={i === r.items.length - 1} onClick={() => moveItem(i, 1)} aria-label={t('conferenceImport.moveDown', { n: i + 1 })}>
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" onClick={() => set('items', r.items.filter((x) => x.key !== it.key))} aria-label={t('conferenceImport.dropItem', { n: i + 1 })}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Stack>
              </Group>
            ))}
            <Button variant="light" w="fit-content" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => set('items', [...r.items, { key: nextKey(), text: '', documentIndex: null }])}>
              {t('conferenceImport.addItem')}
            </Button>
          </Stack>
        </Paper>

        {(draft.awards.length > 0 || draft.ignoredLines.length > 0) && (
          <Paper withBorder p="md">
            {draft.awards.map((a, i) => (
              <Text key={i} size="sm">
                🏅 {a.name}
                {a.count ? ` × ${a.count}` : ''}
                {a.recipients.length ? ` — ${a.recipients.join(', ')}` : ''}
              </Text>
            ))}
            {draft.ignoredLines.length > 0 && (
              <>
                <Text size="sm" fw={600} mt="xs">
                  {t('conferenceImport.ignored')}
                </Text>
                <Spoiler maxHeight={60} showLabel={t('common.details')} hideLabel={t('common.close')}>
                  <List size="xs" c="dimmed">
                    {draft.ignoredLines.map((l, i) => (
                      <List.Item key={i}>{l}</List.Item>
                    ))}
                  </List>
                </Spoiler>
              </>
            )}
          </Paper>
        )}

        <Group gap="xs">
          <Button type="submit" loading={confirm.isPending}>
            {t('conferenceImport.confirm')}
          </Button>
          <Button variant="default" onClick={onBack}>
            {t('conferenceImport.back')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Import: paste a report → draft (nothing stored) → review → confirm. */
export function ConferenceImportPage() {
  const { t } = useTranslation();
  const draft = useConferenceDraft();
  const [text, setText] = useState('');
  const [reviewing, setReviewing] = useState(false);
  const analyse = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    draft.mutate(text, { onSuccess: () => setReviewing(true) });
  };
  return (
    <>
      <PageHeader title={t('conferenceImport.title')} subtitle={t('conferenceImport.intro')} />
      {!reviewing || !draft.data ? (
        <Paper withBorder p="md" maw={960}>
          <form onSubmit={analyse}>
            <Stack gap="sm">
              {draft.isError && (
                <Alert color="red" role="alert">
                  {errorMessage(t, draft.error)}
                </Alert>
              )}
              <Textarea label={t('conferenceImport.text')} required autosize minRows={10} maxRows={24} value={text} onChange={(e) => setText(e.currentTarget.value)} />
              <Button type="submit" w="fit-content" loading={draft.isPending} leftSection={<IconWand size={16} aria-hidden />}>
                {t('conferenceImport.analyse')}
              </Button>
            </Stack>
          </form>
        </Paper>
      ) : (
        <ReviewForm key={draft.submittedAt} draft={draft.data} onBack={() => setReviewing(false)} />
      )}
    </>
  );
}
