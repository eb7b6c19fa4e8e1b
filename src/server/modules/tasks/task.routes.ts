import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuid } from '../../../contracts/common.ts';
import {
  coordinatorResponseInput,
  createTaskInput,
  documentCoverageSchema,
  evaluationInput,
  myWorkSchema,
  progressReportInput,
  statusCountsQuery,
  statusCountsSchema,
  taskDetailSchema,
  taskExportQuery,
  taskLifecycleInput,
  taskListQuery,
  taskPage,
  taskSchema,
  updateTaskInput,
} from '../../../contracts/tasks.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { assignTask, changeTaskLifecycle, updateTask } from './task.service.ts';
import { evaluateTask, respondToCoordination, submitProgressReport } from './task-progress.service.ts';
import { documentCoverage, exportTasks, getTask, listTasks, myWork, statusCounts } from './task-queries.service.ts';

const idParams = z.object({ id: uuid });

export function taskRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['tasks'];
  r.get('/tasks', { schema: { tags, summary: 'Visible tasks with filters, most urgent first', querystring: taskListQuery, response: { 200: taskPage } } }, (req) =>
    listTasks(ctx, actorOf(req), req.query),
  );
  r.get('/tasks/export.xlsx', { schema: { tags, summary: 'The filtered task list as an XLSX workbook', querystring: taskExportQuery } }, async (req, reply) => {
    const x = await exportTasks(ctx, actorOf(req), req.query);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${x.filename}"`)
      .send(x.bytes);
  });
  r.get('/tasks/status-counts', { schema: { tags, summary: 'Counts per derived status of tasks led by a unit’s subtree', querystring: statusCountsQuery, response: { 200: statusCountsSchema } } }, (req) =>
    statusCounts(ctx, actorOf(req), req.query),
  );
  r.get('/me/work', { schema: { tags, summary: 'Việc của tôi: to do, to evaluate, coordination requests, overdue', response: { 200: myWorkSchema } } }, (req) => myWork(ctx, actorOf(req)));
  r.get('/documents/:id/coverage', { schema: { tags, summary: 'Clause coverage of a document (clauses without a task first)', params: idParams, response: { 200: documentCoverageSchema } } }, (req) =>
    documentCoverage(ctx, actorOf(req), req.params.id),
  );
  r.get('/tasks/:id', { schema: { tags, summary: 'One task with its timeline and subtasks', params: idParams, response: { 200: taskDetailSchema } } }, (req) => getTask(ctx, actorOf(req), req.params.id));
  r.post('/tasks', { schema: { tags, summary: 'Assign a task (or a subtask)', body: createTaskInput, response: { 201: taskSchema } } }, async (req, reply) =>
    reply.status(201).send(await assignTask(ctx, actorOf(req), req.body)),
  );
  r.patch('/tasks/:id', { schema: { tags, summary: 'Change a task (send version)', params: idParams, body: updateTaskInput, response: { 200: taskSchema } } }, (req) =>
    updateTask(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/tasks/:id/reports', { schema: { tags, summary: 'Report progress with evidence (lead unit)', params: idParams, body: progressReportInput, response: { 201: taskSchema } } }, async (req, reply) =>
    reply.status(201).send(await submitProgressReport(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.post('/tasks/:id/evaluations', { schema: { tags, summary: 'Accept or return a submitted task (assigner)', params: idParams, body: evaluationInput, response: { 201: taskSchema } } }, async (req, reply) =>
    reply.status(201).send(await evaluateTask(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.post(
    '/tasks/:id/coordination/:unitId/response',
    { schema: { tags, summary: 'Answer a coordination request (coordinating unit)', params: z.object({ id: uuid, unitId: uuid }), body: coordinatorResponseInput, response: { 200: taskSchema } } },
    (req) => respondToCoordination(ctx, actorOf(req), req.params.id, req.params.unitId, req.body),
  );
  r.post('/tasks/:id/lifecycle', { schema: { tags, summary: 'Pause, resume or cancel (assigner, with a reason)', params: idParams, body: taskLifecycleInput, response: { 200: taskSchema } } }, (req) =>
    changeTaskLifecycle(ctx, actorOf(req), req.params.id, req.body),
  );
}
