import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STREAMS_PER_USER } from '../../src/server/http/events.routes.ts';
import { backends, loginAs, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';

/** An SSE client over a real socket: collects `data:` messages and comments. */
async function openStream(base: string, s?: Session) {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: s?.read ?? {}, signal: ac.signal });
  const messages: { type: string; id?: string }[] = [];
  const comments: string[] = [];
  let done = false;
  if (res.ok && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buf = '';
      try {
        for (;;) {
          const { value, done: end } = await reader.read();
          if (end) break;
          buf += value;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            for (const line of block.split('\n')) {
              if (line.startsWith('data: ')) messages.push(JSON.parse(line.slice(6)) as { type: string; id?: string });
              else if (line.startsWith(':')) comments.push(line.slice(1).trim());
            }
          }
        }
      } catch {
        /* aborted */
      }
      done = true;
    })();
  }
  return { res, messages, comments, ended: () => done, close: () => ac.abort() };
}

const until = async (cond: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.each(backends())('HTTP live events (SSE) [%s]', (backend) => {
  let t: TestApp;
  let base: string;
  let thammuu: Session;
  let benthanh: Session;
  let saigon: Session;
  let admin: Session;
  const u: Record<string, string> = {};

  const createTask = async (leadCode: string, title: string): Promise<string> => {
    const res = await fetch(`${base}/api/tasks`, {
      method: 'POST',
      headers: { ...thammuu.write, 'content-type': 'application/json' },
      body: JSON.stringify({ title, source: { kind: 'none' }, assigningUnitId: u['CATP'], leadUnitId: u[leadCode], coordinators: [], deadlineOn: '2099-12-31' }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  beforeAll(async () => {
    t = await testApp(backend);
    for (const c of ['CATP', 'CAX-26743', 'CAX-26740']) u[c] = await unitIdByCode(t.db, c);
    [thammuu, benthanh, saigon, admin] = await Promise.all([loginAs(t.app, 'thammuu'), loginAs(t.app, 'canbo.benthanh'), loginAs(t.app, 'canbo.saigon'), loginAs(t.app, 'admin')]);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t?.close());

  it('answers 401 without a session', async () => {
    const s = await openStream(base);
    expect(s.res.status).toBe(401);
    expect(((await s.res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('streams in-scope task changes as {type, id} only, and nothing outside the scope', async () => {
    const bt = await openStream(base, benthanh);
    const sg = await openStream(base, saigon);
    const ad = await openStream(base, admin);
    try {
      expect(bt.res.status).toBe(200);
      expect(bt.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await until(() => bt.comments.includes('connected') && sg.comments.includes('connected') && ad.comments.includes('connected'));

      const saigonTask = await createTask('CAX-26740', 'Việc chỉ của phường Sài Gòn');
      const benthanhTask = await createTask('CAX-26743', 'Việc của phường Bến Thành');
      await until(() => bt.messages.length >= 1 && ad.messages.length >= 2 && sg.messages.length >= 1);
      // Events are delivered in commit order: had the Sài Gòn task leaked, it would have come first.
      expect(bt.messages).toEqual([{ type: 'task', id: benthanhTask }]);
      expect(sg.messages).toEqual([{ type: 'task', id: saigonTask }]);
      expect(ad.messages).toEqual([
        { type: 'task', id: saigonTask },
        { type: 'task', id: benthanhTask },
      ]);

      // A state change (pause by the assigner) is published too; a refused change is not.
      const before = bt.messages.length;
      const refused = await fetch(`${base}/api/tasks/${benthanhTask}/lifecycle`, {
        method: 'POST',
        headers: { ...thammuu.write, 'content-type': 'application/json' },
        body: JSON.stringify({ version: 999, action: 'pause', reason: 'Sai phiên bản' }),
      });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      const paused = await fetch(`${base}/api/tasks/${benthanhTask}/lifecycle`, {
        method: 'POST',
        headers: { ...thammuu.write, 'content-type': 'application/json' },
        body: JSON.stringify({ version: 1, action: 'pause', reason: 'Tạm dừng để kiểm tra' }),
      });
      expect(paused.status, await paused.clone().text()).toBeLessThan(300);
      await until(() => bt.messages.length === before + 1);
      expect(bt.messages.at(-1)).toEqual({ type: 'task', id: benthanhTask });
    } finally {
      bt.close();
      sg.close();
      ad.close();
    }
  });

  it('caps concurrent streams per user and frees a slot when a client disconnects', async () => {
    const open: Awaited<ReturnType<typeof openStream>>[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) open.push(await openStream(base, saigon));
    await until(() => open.every((s) => s.comments.includes('connected')));
    const extra = await openStream(base, saigon);
    expect(extra.res.status).toBe(429);
    open[0]!.close();
    let again: Awaited<ReturnType<typeof openStream>> | undefined;
    const end = Date.now() + 5_000;
    while (!again || again.res.status !== 200) {
      if (Date.now() > end) throw new Error('slot not freed');
      await new Promise((r) => setTimeout(r, 20));
      again = await openStream(base, saigon);
    }
    for (const s of [...open.slice(1), again]) s.close();
  });

  it('ends open streams when the server shuts down', async () => {
    const s = await openStream(base, benthanh);
    await until(() => s.comments.includes('connected'));
    const closing = t.app.close();
    // The stream ends at shutdown (preClose), before other connections are waited for.
    await until(() => s.ended(), 2_000);
    await closing;
  });
});
