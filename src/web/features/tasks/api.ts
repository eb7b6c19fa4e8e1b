import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateTaskInput,
  DocumentCoverage,
  EvaluationInput,
  MyWork,
  ProgressReportInput,
  Task,
  TaskDetail,
  TaskStatus,
  UpdateTaskInput,
} from '../../../contracts/tasks.ts';
import type { StoredFile } from '../../../contracts/files.ts';
import { api, apiDownload, apiUpload, type Page, type Query } from '../../lib/api.ts';

export const TASK_PAGE_SIZE = 25;

/** Filters of the task list, as kept in the address bar. */
export interface TaskFilters {
  q: string;
  unitId: string;
  unitName: string;
  unitRole: '' | 'lead' | 'coordinating' | 'assigning' | 'any';
  status: TaskStatus[];
  documentId: string;
  clauseId: string;
  deadlineFrom: string;
  deadlineTo: string;
}

export const EMPTY_FILTERS: TaskFilters = { q: '', unitId: '', unitName: '', unitRole: '', status: [], documentId: '', clauseId: '', deadlineFrom: '', deadlineTo: '' };

/** The query the API understands (unitName is only for display). */
export function filterQuery(f: TaskFilters): Query {
  return {
    q: f.q,
    unitId: f.unitId,
    unitRole: f.unitId ? f.unitRole : '',
    status: f.status,
    documentId: f.documentId,
    clauseId: f.clauseId,
    deadlineFrom: f.deadlineFrom,
    deadlineTo: f.deadlineTo,
  };
}

export const taskKeys = {
  all: ['tasks'] as const,
  work: ['tasks', 'work'] as const,
  one: (id: string) => ['tasks', 'one', id] as const,
  coverage: (documentId: string) => ['tasks', 'coverage', documentId] as const,
};

export function useMyWork() {
  return useQuery({ queryKey: taskKeys.work, queryFn: ({ signal }) => api<MyWork>('/me/work', { signal }) });
}

export function useTaskList(filters: TaskFilters, offset: number) {
  const query = filterQuery(filters);
  return useQuery({
    queryKey: ['tasks', 'list', query, offset],
    queryFn: ({ signal }) => api<Page<Task>>('/tasks', { query: { ...query, limit: TASK_PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export const exportTasks = (filters: TaskFilters) => apiDownload('/tasks/export.xlsx', filterQuery(filters), 'nhiem-vu.xlsx');
/** A draft of the task assignment list (THÔNG BÁO, Nghị định 30/2020 format) with the same filters. */
export const assignmentListDocx = (filters: TaskFilters) => apiDownload('/tasks/assignment-list.docx', filterQuery(filters), 'danh-sach-nhiem-vu.docx');

export function useTask(id: string) {
  return useQuery({ queryKey: taskKeys.one(id), queryFn: ({ signal }) => api<TaskDetail>(`/tasks/${id}`, { signal }), enabled: !!id });
}

export function useDocumentCoverage(documentId: string) {
  return useQuery({ queryKey: taskKeys.coverage(documentId), queryFn: ({ signal }) => api<DocumentCoverage>(`/documents/${documentId}/coverage`, { signal }) });
}

export function useCreateTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTaskInput) => api<Task>('/tasks', { method: 'POST', body: input }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      void qc.invalidateQueries({ queryKey: ['conferences'] });
    },
  });
}

/** Every action on one task answers the task; the page reloads its detail (timeline included). */
function useTaskAction<I>(id: string, call: (input: I) => Promise<Task>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      void qc.invalidateQueries({ queryKey: ['notifications'] });
    },
    meta: { taskId: id },
  });
}

/** Change the task (title, deadline, coordinating units, parent…); the version is sent for optimistic concurrency. */
export const useUpdateTask = (id: string) => useTaskAction(id, (input: UpdateTaskInput) => api<Task>(`/tasks/${id}`, { method: 'PATCH', body: input }));

export const useReportProgress = (id: string) =>
  useTaskAction(id, (input: ProgressReportInput) => api<Task>(`/tasks/${id}/reports`, { method: 'POST', body: input }));

export const useEvaluateTask = (id: string) => useTaskAction(id, (input: EvaluationInput) => api<Task>(`/tasks/${id}/evaluations`, { method: 'POST', body: input }));

export const useRespondToCoordination = (id: string) =>
  useTaskAction(id, ({ unitId, response }: { unitId: string; response: string }) =>
    api<Task>(`/tasks/${id}/coordination/${unitId}/response`, { method: 'POST', body: { response } }),
  );

export const useTaskLifecycle = (id: string) =>
  useTaskAction(id, (input: { version: number; action: 'pause' | 'resume' | 'cancel'; reason: string }) =>
    api<Task>(`/tasks/${id}/lifecycle`, { method: 'POST', body: input }),
  );

export const uploadFile = (file: File) => apiUpload<StoredFile>('/files', file, file.name);
