import { useState } from 'react';
import { Alert, Anchor, Button, Divider, Group, Loader, MultiSelect, Select, Table, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconFileSpreadsheet, IconFileText, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { TASK_STATUSES, type TaskStatus } from '../../../contracts/tasks.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useMe } from '../auth/session.ts';
import { ClauseSelect, DocumentPicker } from '../documents/DocumentBits.tsx';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import { assignmentListDocx, EMPTY_FILTERS, exportTasks, useTaskList, type TaskFilters } from './api.ts';
import { Deadline, TaskLine, TaskProgress, TaskStatusBadge } from './TaskBits.tsx';

const ROLES = ['any', 'lead', 'coordinating', 'assigning'] as const;

function readFilters(p: URLSearchParams): TaskFilters {
  const role = p.get('unitRole');
  return {
    q: p.get('q') ?? '',
    unitId: p.get('unitId') ?? '',
    unitName: p.get('unitName') ?? '',
    unitRole: (ROLES as readonly string[]).includes(role ?? '') ? (role as TaskFilters['unitRole']) : '',
    status: p.getAll('status').filter((s): s is TaskStatus => (TASK_STATUSES as readonly string[]).includes(s)),
    documentId: p.get('documentId') ?? '',
    clauseId: p.get('clauseId') ?? '',
    deadlineFrom: p.get('deadlineFrom') ?? '',
    deadlineTo: p.get('deadlineTo') ?? '',
  };
}

function toParams(f: TaskFilters, offset = 0, documentLabel = ''): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (Array.isArray(v)) for (const s of v) p.append(k, s);
    else if (v) p.set(k, String(v));
  }
  if (documentLabel && f.documentId) p.set('documentLabel', documentLabel);
  if (offset) p.set('offset', String(offset));
  return p;
}

function FilterForm({ value, documentLabel, onApply }: { value: TaskFilters; documentLabel: string; onApply: (f: TaskFilters, documentLabel: string) => void }) {
  const { t } = useTranslation();
  const { draft: f, set, setDraft: setF } = useFilterDraft(value);
  const [docLabel, setDocLabel] = useState(documentLabel);
  const w = { base: '100%', sm: 220 };
  return (
    <FilterBar
      label={t('tasks.filters')}
      onApply={() => onApply({ ...f, q: f.q.trim() }, docLabel)}
      onClear={() => {
        setF(EMPTY_FILTERS);
        setDocLabel('');
        onApply(EMPTY_FILTERS, '');
      }}
    >
      <TextInput
        type="search"
        label={t('tasks.searchLabel')}
        placeholder={t('common.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={f.q}
        onChange={(e) => set('q', e.currentTarget.value)}
        w={{ base: '100%', sm: 280 }}
      />
      <div style={{ width: '100%', maxWidth: 280 }}>
        <UnitPicker
          label={t('tasks.filterUnit')}
          value={f.unitId || null}
          valueLabel={f.unitName}
          onChange={(id, u) => setF((s) => ({ ...s, unitId: id ?? '', unitName: u?.name ?? '' }))}
        />
      </div>
      <Select
        label={t('tasks.filterUnitRole')}
        data={ROLES.map((r) => ({ value: r, label: t(`unitRole.${r}`) }))}
        value={f.unitRole || 'any'}
        onChange={(v) => set('unitRole', (v ?? '') as TaskFilters['unitRole'])}
        allowDeselect={false}
        disabled={!f.unitId}
        w={{ base: '100%', sm: 160 }}
      />
      <MultiSelect
        label={t('tasks.filterStatus')}
        data={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
        value={f.status}
        onChange={(v) => set('status', v as TaskStatus[])}
        clearable
        w={{ base: '100%', sm: 300 }}
      />
      <DocumentPicker
        label={t('tasks.filterDocument')}
        value={f.documentId || null}
        valueLabel={docLabel}
        onChange={(id, label) => {
          setDocLabel(label ?? '');
          setF((s) => ({ ...s, documentId: id ?? '', clauseId: '' }));
        }}
        w={{ base: '100%', sm: 280 }}
      />
      <ClauseSelect label={t('tasks.filterClause')} documentId={f.documentId || null} value={f.clauseId || null} onChange={(v) => set('clauseId', v ?? '')} w={w} />
      <DateField label={t('tasks.filterDeadlineFrom')} value={f.deadlineFrom} maxDate={f.deadlineTo} onChange={(v) => set('deadlineFrom', v)} w={{ base: '100%', sm: 160 }} />
      <DateField label={t('tasks.filterDeadlineTo')} value={f.deadlineTo} minDate={f.deadlineFrom} onChange={(v) => set('deadlineTo', v)} w={{ base: '100%', sm: 160 }} />
    </FilterBar>
  );
}

/** Nhiệm vụ: the filtered, paginated list of visible tasks, with the XLSX export of the same filters. */
export function TaskListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const documentLabel = params.get('documentLabel') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const list = useTaskList(filters, offset);
  // A phone gets a compact list rather than a wide table.
  const narrow = useMediaQuery('(max-width: 48em)');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const doExport = async (kind: 'xlsx' | 'docx' = 'xlsx') => {
    setExporting(true);
    setExportError(null);
    try {
      await (kind === 'docx' ? assignmentListDocx(filters) : exportTasks(filters));
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        actions={
          <Group gap="xs">
            <Button variant="default" leftSection={<IconFileSpreadsheet size={16} aria-hidden />} loading={exporting} onClick={() => void doExport()}>
              {t('tasks.export')}
            </Button>
            <Button variant="default" leftSection={<IconFileText size={16} aria-hidden />} loading={exporting} onClick={() => void doExport('docx')}>
              {t('tasks.assignmentListDocx')}
            </Button>
            {me.can.assignTasks === true && (
              <Button component={Link} to="/tasks/new" leftSection={<IconPlus size={16} aria-hidden />}>
                {t('tasks.create')}
              </Button>
            )}
          </Group>
        }
      />
      {exportError !== null && (
        <Alert color="red" role="alert" mb="md" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setExportError(null)}>
          {t('tasks.exportFailed')} {errorMessage(t, exportError)}
        </Alert>
      )}
      <FilterForm key={params.toString()} value={filters} documentLabel={documentLabel} onApply={(f, label) => setParams(toParams(f, 0, label))} />
      {list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && narrow && (
        <ul className="plain-list">
          {list.data.items.map((task, i) => (
            <li key={task.id}>
              {i > 0 && <Divider />}
              <TaskLine task={task} />
            </li>
          ))}
        </ul>
      )}
      {list.data && (
        <>
          {!narrow && (
          <Table.ScrollContainer minWidth={860}>
            <Table striped highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('tasks.code')}</Table.Th>
                  <Table.Th scope="col">{t('tasks.name')}</Table.Th>
                  <Table.Th scope="col">{t('tasks.status')}</Table.Th>
                  <Table.Th scope="col" w={150}>
                    {t('tasks.progress')}
                  </Table.Th>
                  <Table.Th scope="col">{t('tasks.leadUnit')}</Table.Th>
                  <Table.Th scope="col">{t('tasks.deadline')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((task) => (
                  <Table.Tr key={task.id}>
                    <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                      {task.code}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/tasks/${task.id}`} size="sm">
                        {task.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <TaskStatusBadge status={task.status} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <TaskProgress value={task.progress} status={task.status} size="sm" />
                    </Table.Td>
                    <Table.Td>{task.leadUnit.name}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Deadline task={task} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          )}
          {list.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
          <Pager {...list.data} onChange={(o) => setParams(toParams(filters, o, documentLabel))} />
        </>
      )}
    </>
  );
}
