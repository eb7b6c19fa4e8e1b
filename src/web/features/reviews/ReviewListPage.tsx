import { useState } from 'react';
import { Alert, Badge, Button, CloseButton, Group, MultiSelect, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { REVIEW_KINDS, REVIEW_PERIOD_KINDS, type ReviewKind, type ReviewPeriodKind } from '../../../contracts/reviews.ts';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { todayIso } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { isApiError } from '../../lib/api.ts';
import { useMe } from '../auth/session.ts';
import { useConferenceList } from '../conferences/api.ts';
import { DocumentPicker } from '../documents/DocumentBits.tsx';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import { indexLabel } from '../statistics/PeriodControls.tsx';
import { REVIEW_PAGE_SIZE, useCreateReview, useReviewList } from './api.ts';

const MAX_INDEX: Record<ReviewPeriodKind, number> = { month: 12, stat_month: 12, quarter: 4, half_year: 2, year: 1, custom: 1 };

/** Period choice of a review: calendar kinds with year and index, or a date range (several years). */
function ReviewPeriodFields({
  value,
  onChange,
  error,
}: {
  value: { kind: ReviewPeriodKind; year: number; index: number; from: string; to: string };
  onChange: (v: { kind: ReviewPeriodKind; year: number; index: number; from: string; to: string }) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const thisYear = Number(todayIso().slice(0, 4));
  const years = Array.from({ length: 11 }, (_, k) => String(thisYear - k));
  const set = (p: Partial<typeof value>) => onChange({ ...value, ...p });
  return (
    <Group align="flex-end" gap="sm">
      <Select
        label={t('reviews.form.periodKind')}
        data={REVIEW_PERIOD_KINDS.map((k) => ({ value: k, label: t(`reviews.form.periodKinds.${k}`) }))}
        value={value.kind}
        onChange={(v) => v && set({ kind: v as ReviewPeriodKind, index: Math.min(value.index, MAX_INDEX[v as ReviewPeriodKind]) })}
        allowDeselect={false}
        w={{ base: '100%', sm: 240 }}
      />
      {value.kind !== 'custom' && (
        <Select label={t('reviews.form.year')} data={years} value={String(value.year)} onChange={(v) => v && set({ year: Number(v) })} allowDeselect={false} w={{ base: '100%', sm: 100 }} />
      )}
      {value.kind !== 'custom' && value.kind !== 'year' && (
        <Select
          label={t('reviews.form.index')}
          data={Array.from({ length: MAX_INDEX[value.kind] }, (_, k) => ({ value: String(k + 1), label: indexLabel(t, value.kind as 'month', k + 1) }))}
          value={String(value.index)}
          onChange={(v) => v && set({ index: Number(v) })}
          allowDeselect={false}
          w={{ base: '100%', sm: 170 }}
        />
      )}
      {value.kind === 'custom' && (
        <>
          <DateField label={t('reviews.form.from')} value={value.from} onChange={(v) => set({ from: v })} required w={{ base: '100%', sm: 160 }} />
          <DateField label={t('reviews.form.to')} value={value.to} onChange={(v) => set({ to: v })} required error={error} w={{ base: '100%', sm: 160 }} />
        </>
      )}
    </Group>
  );
}

function CreateReviewForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateReview();
  const today = todayIso();
  const [kind, setKind] = useState<ReviewKind>('so_ket');
  const [title, setTitle] = useState('');
  const [scope, setScope] = useState<string | null>(null);
  const [documents, setDocuments] = useState<{ id: string; label: string }[]>([]);
  const [conferenceIds, setConferenceIds] = useState<string[]>([]);
  const conferences = useConferenceList({ q: '', kind: '' }, 0);
  const [period, setPeriod] = useState({ kind: 'quarter' as ReviewPeriodKind, year: Number(today.slice(0, 4)), index: Math.ceil(Number(today.slice(5, 7)) / 3), from: '', to: '' });
  const err = create.error;
  const issue = (path: string) => (isApiError(err) && err.issues.some((i) => i.path === path) ? errorMessage(t, err) : undefined);
  const submit = () =>
    create.mutate(
      {
        kind,
        title,
        scopeUnitId: scope ?? '',
        documentIds: documents.map((d) => d.id),
        conferenceIds,
        period:
          period.kind === 'custom'
            ? { kind: 'custom', from: period.from || undefined, to: period.to || undefined }
            : { kind: period.kind, year: period.year, ...(period.kind === 'year' ? {} : { index: period.index }) },
      },
      { onSuccess: (c) => navigate(`/reviews/${c.id}`) },
    );
  return (
    <Paper withBorder p="md" mb="md">
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <Select label={t('reviews.form.kind')} data={REVIEW_KINDS.map((k) => ({ value: k, label: t(`reviews.kinds.${k}`) }))} value={kind} onChange={(v) => v && setKind(v as ReviewKind)} allowDeselect={false} w={160} />
          <TextInput label={t('reviews.form.title')} placeholder={t('reviews.form.titlePlaceholder')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required style={{ flex: 1, minWidth: 260 }} />
        </Group>
        <UnitPicker label={t('reviews.form.scope')} value={scope} onChange={(id) => setScope(id)} required />
        <div>
          <DocumentPicker
            label={t('reviews.form.documents')}
            value={null}
            onChange={(id, label) => id && !documents.some((d) => d.id === id) && setDocuments([...documents, { id, label: label ?? id }])}
            error={issue('documentIds')}
          />
          <Group gap="xs" mt={4}>
            {documents.map((d) => (
              <Badge key={d.id} variant="light" rightSection={<CloseButton size="xs" aria-label={t('reviews.agenda.remove')} onClick={() => setDocuments(documents.filter((x) => x.id !== d.id))} />}>
                {d.label.slice(0, 60)}
              </Badge>
            ))}
          </Group>
        </div>
        <MultiSelect
          label={t('reviews.form.conferences')}
          data={(conferences.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
          value={conferenceIds}
          onChange={setConferenceIds}
          searchable
          clearable
        />
        <Text size="xs" c="dimmed">
          {t('reviews.form.programmeHint')}
        </Text>
        <ReviewPeriodFields value={period} onChange={setPeriod} error={issue('period.to')} />
        {err && <Alert color="red">{errorMessage(t, err)}</Alert>}
        <Group>
          <Button onClick={submit} loading={create.isPending} disabled={!title.trim() || !scope}>
            {t('reviews.form.create')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('reviews.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** /reviews: the review cycles in scope, latest period first; open a new one (leaders, staff officers). */
export function ReviewListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const list = useReviewList(offset);
  const [creating, setCreating] = useState(false);
  const mayCreate = me.user.roles.some((r) => r === 'system_admin' || r === 'leader' || r === 'staff_officer');
  return (
    <>
      <PageHeader
        title={t('reviews.title')}
        subtitle={t('reviews.subtitle')}
        actions={mayCreate && !creating ? <Button onClick={() => setCreating(true)}>{t('reviews.newCycle')}</Button> : undefined}
      />
      {creating && <CreateReviewForm onDone={() => setCreating(false)} />}
      {list.error && <Alert color="red">{errorMessage(t, list.error)}</Alert>}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('reviews.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reviews.columns.title')}</Table.Th>
                <Table.Th>{t('reviews.columns.kind')}</Table.Th>
                <Table.Th>{t('reviews.columns.period')}</Table.Th>
                <Table.Th>{t('reviews.columns.scope')}</Table.Th>
                <Table.Th>{t('reviews.columns.state')}</Table.Th>
                <Table.Th ta="right">{t('reviews.columns.openActions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Link to={`/reviews/${c.id}`}>{c.title}</Link>
                  </Table.Td>
                  <Table.Td>{t(`reviews.kinds.${c.kind}`)}</Table.Td>
                  <Table.Td>{c.period.label}</Table.Td>
                  <Table.Td>{c.scopeUnit.name}</Table.Td>
                  <Table.Td>
                    <Badge color={c.state === 'open' ? 'blue' : 'gray'} variant="light">
                      {t(`reviews.states.${c.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{c.openActions}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && <Pager total={list.data.total} limit={REVIEW_PAGE_SIZE} offset={offset} onChange={(o) => setParams(o ? { offset: String(o) } : {})} />}
    </>
  );
}
