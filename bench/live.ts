/**
 * Live board benchmark (`--section live`): commit-to-browser latency of `GET /api/events`
 * (Server-Sent Events, ADR 010) with many connected clients.
 *
 * The real app listens on a port; K clients (default 200) whose scope covers the changes and a few
 * (default 20) whose scope does not are connected over real sockets with Node's http client, each
 * with the session of a user created for the run (`makeUser`, logged in through
 * `POST /api/auth/login`; at most 5 streams per user, so users = clients / 5). The in-scope users
 * see the changes in three ways: members of the lead unit (commune police A), leaders of the city
 * police (their subtree holds the lead and assigning units) and viewers of another unit with
 * commune A assigned; the out-of-scope ones are members of commune police B and viewers with
 * commune B assigned.
 *
 * Then E situations are opened one after the other through the use case (`createIncident`, lead =
 * commune police A, assigned by the city police; its transaction publishes the change with
 * `pg_notify`, delivered on commit). For each event and each in-scope client:
 *   latency = arrival of the client's `data: {"type":"incident","id":…}` line
 *             − t0 = just before calling `createIncident` (`fromCallMs`, the headline number:
 *               it includes the use case's own transaction);
 *   also from the moment the use case's promise resolved (`fromResolveMs`: the commit has
 *   returned to the caller; may be negative — the listener can hear the NOTIFY before the
 *   committing connection's answer is processed).
 * The next situation is opened once every in-scope client has received the previous one (or after
 * the watchdog), so latencies do not queue behind each other. The clients run in the same Node
 * process as the server (one event loop, 2 cores shared with the database): the latency includes
 * the client's parsing, as a browser's would include its own.
 *
 * Checks (errors, exit 1): every in-scope client received every situation exactly once, in commit
 * order, and nothing else; every out-of-scope client received nothing (1 s grace after the last).
 */
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { CreateIncidentInput, IncidentCategory } from '../src/contracts/incidents.ts';
import { INCIDENT_CATEGORIES } from '../src/contracts/incidents.ts';
import { MAX_STREAMS_PER_USER } from '../src/server/http/events.routes.ts';
import { operatorActor } from '../src/server/kernel/actor.ts';
import type { Ctx } from '../src/server/kernel/context.ts';
import { createIncident } from '../src/server/modules/incidents/incident.service.ts';
import { makeUser, TEST_PASSWORD } from '../src/server/seed/factories.ts';
import { clientAddress, note, stats, within } from './lib.ts';

export interface LiveBenchOptions {
  /** Connected clients whose scope covers the changes. */
  clients: number;
  /** Connected clients whose scope does not. */
  outsiders: number;
  /** Situations opened (after one warm-up situation). */
  events: number;
  /** Watchdog per event, ms. */
  timeoutMs: number;
}

type App = FastifyInstance;

interface Client {
  kind: string;
  inScope: boolean;
  req: http.ClientRequest;
  /** Arrival time (performance.now()) of each data message, with its payload. */
  messages: { at: number; type: string; id?: string }[];
  connected: boolean;
  ended: boolean;
}

/** An SSE client over a real socket (Node's http client), recording when each `data:` line arrives. */
function openStream(base: string, cookie: string, kind: string, inScope: boolean): Promise<Client> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/events`, { headers: { cookie, accept: 'text/event-stream' }, agent: false });
    const c: Client = { kind, inScope, req, messages: [], connected: false, ended: false };
    req.on('error', (e) => (c.connected ? undefined : reject(e)));
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`GET /api/events answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          for (const line of block.split('\n')) {
            if (line.startsWith('data: ')) c.messages.push({ at, ...(JSON.parse(line.slice(6)) as { type: string; id?: string }) });
            else if (line === ': connected' && !c.connected) {
              c.connected = true;
              resolve(c);
            }
          }
        }
      });
      res.on('end', () => (c.ended = true));
      res.on('error', () => (c.ended = true));
    });
  });
}

const until = async (cond: () => boolean, ms: number): Promise<boolean> => {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) return false;
    await new Promise((r) => setImmediate(r));
  }
  return true;
};

export async function measureLive(app: App, ctx: Ctx, db: pg.Pool, o: LiveBenchOptions) {
  const errors: string[] = [];
  const unit = async (sqlText: string): Promise<{ id: string; name: string; commune_code: string | null }> => {
    const r = (await db.query<{ id: string; name: string; commune_code: string | null }>(sqlText)).rows[0];
    if (!r) throw new Error(`live: no unit for ${sqlText}`);
    return r;
  };
  const communePolice = `select u.id, u.name, u.commune_code from units u join units p on p.id = u.parent_id
    where u.code like 'SYN-%' and u.level = 'commune' and u.type = 'police_unit' and p.short_name = 'Công an TP' order by u.code`;
  const a = await unit(`${communePolice} limit 1`);
  const b = await unit(`${communePolice} offset 1 limit 1`);
  const catp = await unit(`select id, name, commune_code from units where short_name = 'Công an TP' and code like 'SYN-%'`);
  const so = await unit(`select id, name, commune_code from units where name = 'Sở Tư pháp' and code like 'SYN-%'`);

  // ── Users and sessions: clients / 5 users in scope, outsiders / 5 out of scope ──
  const per = MAX_STREAMS_PER_USER;
  const inUsers = Math.ceil(o.clients / per);
  const outUsers = Math.ceil(o.outsiders / per);
  type Spec = { kind: string; inScope: boolean; unitId: string; roles: ('unit_officer' | 'leader' | 'viewer')[]; communeCodes?: string[] };
  const specs: Spec[] = [];
  for (let i = 0; i < inUsers; i++) {
    const k = i % 10;
    // 7 in 10 members of the lead unit, 2 in 10 leaders of the city police, 1 in 10 viewers with commune A assigned.
    if (k < 7) specs.push({ kind: 'member of the lead unit', inScope: true, unitId: a.id, roles: ['unit_officer'] });
    else if (k < 9) specs.push({ kind: 'leader of the city police', inScope: true, unitId: catp.id, roles: ['leader'] });
    else specs.push({ kind: 'viewer with the commune assigned', inScope: true, unitId: so.id, roles: ['viewer'], communeCodes: [a.commune_code!] });
  }
  for (let i = 0; i < outUsers; i++) {
    if (i % 2 === 0) specs.push({ kind: 'member of another commune police', inScope: false, unitId: b.id, roles: ['unit_officer'] });
    else specs.push({ kind: 'viewer with another commune assigned', inScope: false, unitId: so.id, roles: ['viewer'], communeCodes: [b.commune_code!] });
  }
  note(`live: creating ${specs.length} users (${inUsers} in scope, ${outUsers} out of scope) and logging them in…`);
  const cookies: string[] = [];
  for (const [i, s] of specs.entries()) {
    const username = `bench.live.${String(i + 1).padStart(3, '0')}`;
    await makeUser(ctx, { username, displayName: `Người xem bảng trực tuyến ${i + 1} (bench)`, unitId: s.unitId, roles: s.roles, ...(s.communeCodes ? { communeCodes: s.communeCodes } : {}) });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD }, remoteAddress: clientAddress(192, i + 1) });
    if (res.statusCode !== 200) throw new Error(`live: login ${username} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    cookies.push(res.cookies.map((c) => `${c.name}=${c.value}`).join('; '));
  }

  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const clients: Client[] = [];
  try {
    // ── Connect: in-scope streams first (users in order, 5 each), then the outsiders ──
    const t0 = performance.now();
    let left = o.clients;
    let leftOut = o.outsiders;
    for (const [i, s] of specs.entries()) {
      for (let k = 0; k < per; k++) {
        if (s.inScope ? left <= 0 : leftOut <= 0) break;
        clients.push(await within(30_000, 'open SSE stream', openStream(base, cookies[i]!, s.kind, s.inScope)));
        if (s.inScope) left--;
        else leftOut--;
      }
    }
    const connectMs = performance.now() - t0;
    const inScope = clients.filter((c) => c.inScope);
    const outside = clients.filter((c) => !c.inScope);
    note(`live: ${inScope.length} in-scope and ${outside.length} out-of-scope clients connected in ${Math.round(connectMs)} ms`);

    // ── Events ──
    const actor = operatorActor('bench-live');
    const input = (k: number): CreateIncidentInput => ({
      title: `Tình huống trực tuyến số ${k} (bench)`,
      category: INCIDENT_CATEGORIES[k % INCIDENT_CATEGORIES.length] as IncidentCategory,
      severity: 'minor',
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      communeCode: a.commune_code!,
      address: `Số ${k} đường số 1`,
      point: { lat: 10.77, lon: 106.7 },
      source: 'call_113',
      description: 'Tình huống phát sinh để đo độ trễ của bảng trực tuyến.',
      peopleInvolved: 0,
      injured: 0,
      dead: 0,
      damageVnd: 0,
      leadUnitId: a.id,
      assigningUnitId: catp.id,
      supporting: [],
    });
    const ids: string[] = [];
    const fromCall: number[] = [];
    const fromResolve: number[] = [];
    const useCase: number[] = [];
    let timedOut = 0;
    for (let k = 0; k <= o.events; k++) {
      const tCall = performance.now();
      const inc = await within(o.timeoutMs, 'createIncident', createIncident(ctx, actor, input(k)));
      const tResolved = performance.now();
      ids.push(inc.id);
      const got = (c: Client) => c.messages.find((m) => m.type === 'incident' && m.id === inc.id);
      if (!(await until(() => inScope.every((c) => got(c) !== undefined), o.timeoutMs))) timedOut++;
      if (k === 0) continue; // warm-up: the unit-path cache, the statements, the listener
      useCase.push(tResolved - tCall);
      for (const c of inScope) {
        const m = got(c);
        if (!m) continue;
        fromCall.push(m.at - tCall);
        fromResolve.push(m.at - tResolved);
      }
    }
    await new Promise((r) => setTimeout(r, 1000)); // grace for anything late or leaked

    // ── Checks ──
    let incomplete = 0;
    let extra = 0;
    let outOfOrder = 0;
    for (const c of inScope) {
      const seen = c.messages.filter((m) => m.type === 'incident' && m.id !== undefined && ids.includes(m.id)).map((m) => m.id!);
      if (new Set(seen).size !== ids.length) incomplete++;
      if (c.messages.length !== seen.length || seen.length !== new Set(seen).size) extra++;
      else if (seen.join() !== ids.join() && new Set(seen).size === ids.length) outOfOrder++;
    }
    const leaked = outside.filter((c) => c.messages.length > 0).length;
    const ended = clients.filter((c) => c.ended).length;
    if (incomplete) errors.push(`live: ${incomplete} of ${inScope.length} in-scope clients missed at least one of the ${ids.length} situations`);
    if (extra) errors.push(`live: ${extra} in-scope clients received a message other than the situations opened, or one twice`);
    if (outOfOrder) errors.push(`live: ${outOfOrder} in-scope clients received the situations out of commit order`);
    if (leaked) errors.push(`live: ${leaked} of ${outside.length} out-of-scope clients received a message`);
    if (ended) errors.push(`live: ${ended} streams ended during the run`);
    const byKind: Record<string, number> = {};
    for (const c of clients) byKind[`${c.inScope ? 'in scope' : 'out of scope'}: ${c.kind}`] = (byKind[`${c.inScope ? 'in scope' : 'out of scope'}: ${c.kind}`] ?? 0) + 1;
    const call = stats(fromCall);
    note(`live: ${o.events} events × ${inScope.length} clients: from call p50 ${call.p50} / p95 ${call.p95} / p99 ${call.p99} / max ${call.max} ms; use case p50 ${stats(useCase).p50} ms`);
    return {
      what:
        'GET /api/events over real sockets (app.listen; Node http clients in the same process), sessions of users created for the run; situations opened one after the other with createIncident (lead = commune police A, assigning = city police); ' +
        'latency = arrival of the matching data line at each in-scope client − t0 just before calling the use case (fromCallMs) or − the moment its promise resolved (fromResolveMs)',
      clients: { inScope: inScope.length, outOfScope: outside.length, byKind, users: specs.length, connectMs: Math.round(connectMs) },
      events: o.events,
      deliveries: fromCall.length,
      expectedDeliveries: o.events * inScope.length,
      fromCallMs: call,
      fromResolveMs: stats(fromResolve),
      useCaseMs: stats(useCase),
      checks: { incompleteClients: incomplete, clientsWithExtraMessages: extra, clientsOutOfOrder: outOfOrder, outOfScopeClientsWithMessages: leaked, streamsEnded: ended, eventsTimedOut: timedOut },
      match: errors.length === 0,
      errors,
    };
  } finally {
    for (const c of clients) c.req.destroy();
  }
}
