import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRun } from '../../src/contracts/reports.ts';
import { startJobs, stopJobs } from '../../src/server/jobs/queue.ts';
import { runReportJob } from '../../src/server/modules/reports/report-run.service.ts';
import { compileReview } from '../../src/server/modules/reviews/review-compilation.service.ts';
import { reviewReportDocx } from '../../src/server/modules/reports/review-report.service.ts';
import { actorFor } from '../../src/server/seed/factories.ts';
import { backends, DEMO_PASSWORD, loginAs, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';
import { createReviewCycle } from '../../src/server/modules/reviews/review.service.ts';
import { zipText } from '../support/zip.ts';
import { waitFor } from '../support/wait.ts';

/**
 * The review report generated in the background (report runs): requested over HTTP, run by the
 * pg-boss worker of this process, followed by its requester only, downloaded when done.
 */
describe.each(backends())('HTTP report runs [%s]', (backend) => {
  let t: TestApp;
  let lanhdao: Session;
  let benthanh: Session;
  let cycleId: string;
  let title: string;
  const get = (url: string, s: Session) => t.app.inject({ method: 'GET', url, headers: s.read });
  const post = (url: string, payload: object, s: Session) => t.app.inject({ method: 'POST', url, payload, headers: s.write });
  const runOf = (id: string, s: Session) => get(`/api/report-runs/${id}`, s).then((r) => r.json() as ReportRun);
  const audits = (action: string, id: string) => t.db.selectFrom('audit_log').select(['actor_user_id', 'data']).where('action', '=', action).where('entity_id', '=', id).execute();

  beforeAll(async () => {
    t = await testApp(backend);
    [lanhdao, benthanh] = await Promise.all([loginAs(t.app, 'lanhdao'), loginAs(t.app, 'canbo.benthanh')]);
    const c = await t.db.selectFrom('review_cycles').select(['id', 'title']).where('state', '=', 'open').executeTakeFirstOrThrow();
    cycleId = c.id;
    title = c.title;
  });
  afterAll(async () => {
    await stopJobs();
    await t?.close();
  });

  it('without a job queue in the process the request is refused (503) and nothing is written', async () => {
    const before = await t.db.selectFrom('report_runs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await post(`/api/reviews/${cycleId}/report-runs`, {}, lanhdao);
    expect(r.statusCode, r.body).toBe(503);
    expect((r.json() as { error: { code: string } }).error.code).toBe('report.jobs_unavailable');
    const after = await t.db.selectFrom('report_runs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a draft: 202 at once, queued → done by the worker, the DOCX downloads; only the requester sees the run', async () => {
    await startJobs({ config: { ...t.config, jobs: { ...t.config.jobs, enabled: true, pollSeconds: 0.5 } }, database: t.database, ctx: t.ctx });
    const r = await post(`/api/reviews/${cycleId}/report-runs`, {}, lanhdao);
    expect(r.statusCode, r.body).toBe(202);
    const run = r.json() as ReportRun;
    expect(run).toMatchObject({ kind: 'review-report', entityId: cycleId, issue: false, state: 'queued', step: 'queued', fileHref: null, progress: { done: 0, total: 8 } });
    const done = await waitFor(() => runOf(run.id, lanhdao), (x) => x.state === 'done' || x.state === 'failed', 30_000);
    expect(done).toMatchObject({ state: 'done', step: null, error: null, progress: { done: 8, total: 8 }, fileHref: `/api/report-runs/${run.id}/file`, numberSymbol: null });
    expect(done.finishedAt! >= done.startedAt!).toBe(true);
    const f = await get(done.fileHref!, lanhdao);
    expect(f.statusCode).toBe(200);
    expect(String(f.headers['content-disposition'])).toContain('bao-cao-so-ket-du-thao.docx');
    const xml = zipText(f.rawPayload, 'word/document.xml');
    expect(xml).toContain('BÁO CÁO');
    expect(xml.replace(/<[^>]+>/g, '')).toContain(title.slice(0, 20));
    // Reopening the page finds the viewer's own latest run; another user's list does not show it.
    expect(((await get(`/api/reviews/${cycleId}/report-runs`, lanhdao)).json() as { items: ReportRun[] }).items[0]?.id).toBe(run.id);
    expect(((await get(`/api/reviews/${cycleId}/report-runs`, benthanh)).json() as { items: ReportRun[] }).items.map((x) => x.id)).not.toContain(run.id);
    // Another user: the run does not exist for them (404, and the refusal is logged).
    for (const url of [`/api/report-runs/${run.id}`, `/api/report-runs/${run.id}/file`]) expect((await get(url, benthanh)).statusCode, url).toBe(404);
    // Audited: the request, the generation (as the requester), the finish.
    expect(await audits('report.requested', run.id)).toHaveLength(1);
    expect((await audits('report.run_finished', run.id))[0]?.actor_user_id).toBe(lanhdao.userId);
  });

  it('a review the requester cannot see is 404 and queues nothing', async () => {
    const before = await t.db.selectFrom('report_runs').select('id').execute();
    const r = await post('/api/reviews/00000000-0000-4000-8000-000000000000/report-runs', {}, benthanh);
    expect(r.statusCode).toBe(404);
    expect(await t.db.selectFrom('report_runs').select('id').execute()).toHaveLength(before.length);
  });

  it('issuing with a number already in the register: the run fails with the registry’s code, nothing is issued', async () => {
    const first = (await post(`/api/reviews/${cycleId}/report-runs`, { issue: true, number: 731, issuedOn: '2026-04-10' }, lanhdao)).json() as ReportRun;
    const a = await waitFor(() => runOf(first.id, lanhdao), (x) => x.state === 'done' || x.state === 'failed', 30_000);
    expect(a.state, JSON.stringify(a.error)).toBe('done');
    expect(a.numberSymbol).toMatch(/^731\//);
    expect(a.documentId).not.toBeNull();
    const again = (await post(`/api/reviews/${cycleId}/report-runs`, { issue: true, number: 731, issuedOn: '2026-05-02' }, lanhdao)).json() as ReportRun;
    const b = await waitFor(() => runOf(again.id, lanhdao), (x) => x.state === 'done' || x.state === 'failed', 30_000);
    expect(b).toMatchObject({ state: 'failed', error: { code: 'document.duplicate_number' }, documentId: null, fileHref: null });
    expect((await get(`/api/report-runs/${again.id}/file`, lanhdao)).statusCode).toBe(409);
    expect(await audits('report.run_failed', again.id)).toHaveLength(1);
  });

  it('a run found running when its job is retried (the process stopped) is marked interrupted; a finished run is left alone', async () => {
    await stopJobs();
    const done = await t.db.selectFrom('report_runs').select('id').where('state', '=', 'done').executeTakeFirstOrThrow();
    const stuck = await t.db
      .insertInto('report_runs')
      .values({ kind: 'review-report', entity_id: cycleId, input: '{}', issue: false, requested_by: lanhdao.userId, state: 'running', step: 'tips', started_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await runReportJob(t.ctx, stuck.id)).toEqual({ state: 'failed' });
    expect(await runOf(stuck.id, lanhdao)).toMatchObject({ state: 'failed', error: { code: 'report.interrupted' } });
    expect(await runReportJob(t.ctx, done.id)).toEqual({ state: 'done' });
    expect((await runOf(done.id, lanhdao)).state).toBe('done');
  });

  it('a run left running past the bound is shown as interrupted; asking again while a draft waits answers with that run', async () => {
    const old = await t.db
      .insertInto('report_runs')
      .values({ kind: 'review-report', entity_id: cycleId, input: '{}', issue: false, requested_by: lanhdao.userId, state: 'running', step: 'tasks', started_at: new Date(Date.now() - 20 * 60_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await runOf(old.id, lanhdao)).toMatchObject({ state: 'failed', error: { code: 'report.interrupted' } });
    // Queue without a worker: the second request gets the first run back.
    await startJobs({ config: { ...t.config, jobs: { ...t.config.jobs, enabled: false } }, database: t.database, ctx: t.ctx }, { workers: false });
    try {
      const a = (await post(`/api/reviews/${cycleId}/report-runs`, {}, lanhdao)).json() as ReportRun;
      const b = await post(`/api/reviews/${cycleId}/report-runs`, {}, lanhdao);
      expect(b.statusCode).toBe(202);
      expect((b.json() as ReportRun).id).toBe(a.id);
      expect(a.state).toBe('queued');
    } finally {
      await stopJobs();
    }
  });

  it('a run of a review its requester no longer sees is 404, file included', async () => {
    // A review of Sài Gòn's commune police: the Bến Thành officer does not see it; a run of theirs on it (as if made before they moved) is hidden.
    const admin = await actorFor(t.ctx, 'admin', DEMO_PASSWORD);
    const doc = await t.db.selectFrom('documents').select('id').where('symbol', '=', '16-NQ/TW').executeTakeFirstOrThrow();
    const saigon = await createReviewCycle(t.ctx, admin, {
      kind: 'so_ket',
      title: 'Sơ kết phường Sài Gòn (kiểm thử)',
      scopeUnitId: await unitIdByCode(t.db, 'CAX-26740'),
      documentIds: [doc.id],
      conferenceIds: [],
      period: { kind: 'quarter', year: 2026, index: 1 },
    });
    expect((await get(`/api/reviews/${saigon.id}`, benthanh)).statusCode).toBe(404);
    const run = await t.db
      .insertInto('report_runs')
      .values({ kind: 'review-report', entity_id: saigon.id, input: '{}', issue: false, requested_by: benthanh.userId, state: 'done', filename: 'x.docx', bytes: Buffer.from('PK'), finished_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const url of [`/api/report-runs/${run.id}`, `/api/report-runs/${run.id}/file`]) expect((await get(url, benthanh)).statusCode, url).toBe(404);
  });

  it('the compilation and the document report their steps in order', async () => {
    const actor = await actorFor(t.ctx, 'lanhdao', DEMO_PASSWORD);
    const steps: string[] = [];
    await compileReview(t.ctx, actor, cycleId, {}, (p) => steps.push(p.step));
    expect([...new Set(steps)]).toEqual(['tasks', 'coordination', 'situations', 'tips', 'scorecards']);
    const withDoc: string[] = [];
    await reviewReportDocx(t.ctx, actor, cycleId, {}, null, (p) => withDoc.push(p.step));
    expect(withDoc.at(-1)).toBe('rendering');
  });
});
