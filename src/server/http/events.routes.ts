import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { openChangeFeed, type ChangeEvent, type ChangeFeed } from '../db/events.ts';
import type { Db } from '../db/schema.ts';
import type { Actor } from '../kernel/actor.ts';
import { isAdmin } from '../kernel/actor.ts';
import { DomainError } from '../kernel/errors.ts';
import { pathInScope } from '../kernel/scope.ts';
import { resolveSession } from '../modules/accounts/auth.service.ts';
import { actorOf, SESSION_COOKIE } from './auth.ts';
import type { RouteDeps } from './routes.ts';

/**
 * GET /api/events — the live board's Server-Sent Events stream (docs/decisions/010-live-events.md).
 * Each committed change whose units (or commune) lie in the viewer's scope is sent as
 * `data: {"type","id"}`; the browser refetches the record through the normal API. A `resync`
 * tells it to refetch everything (the database listener reconnected and may have missed changes).
 * A heartbeat comment every 25 s keeps proxies from closing the stream; at each heartbeat the
 * session is checked again (a signed-out or expired session ends the stream, and scope changes
 * apply).
 */
export const HEARTBEAT_MS = 25_000;
export const MAX_STREAMS_PER_USER = 5;
const UNIT_CACHE_MS = 5 * 60_000;
const UNIT_CACHE_MAX = 20_000;
const MAX_BUFFERED_BYTES = 1024 * 1024;

interface UnitRef {
  path: string;
  communeCode: string | null;
}

interface Stream {
  res: ServerResponse;
  actor: Actor;
  token: string;
  heartbeat: NodeJS.Timeout;
}

/** Whether a change may be shown to the actor: its units or its commune in scope; restricted changes only to members of its units. */
export function changeVisibleTo(actor: Actor, e: ChangeEvent, units: readonly UnitRef[]): boolean {
  if (isAdmin(actor)) return true;
  if (e.restricted) return actor.unitId !== null && e.unitIds.includes(actor.unitId);
  if (units.some((u) => pathInScope(actor, u.path, u.communeCode))) return true;
  return e.communeCode !== null && actor.communeCodes.includes(e.communeCode);
}

/** Unit paths by id, cached: paths change only when the organisation is restructured. */
function unitLookup(db: Db) {
  const cache = new Map<string, UnitRef & { at: number }>();
  return async (ids: readonly string[]): Promise<UnitRef[]> => {
    const now = Date.now();
    const missing = ids.filter((id) => {
      const c = cache.get(id);
      return !c || now - c.at > UNIT_CACHE_MS;
    });
    if (missing.length > 0) {
      const uuidLike = missing.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
      const rows = uuidLike.length ? await db.selectFrom('units').select(['id', 'path', 'commune_code']).where('id', 'in', uuidLike).execute() : [];
      if (cache.size + rows.length > UNIT_CACHE_MAX) cache.clear();
      for (const r of rows) cache.set(r.id, { path: r.path, communeCode: r.commune_code, at: now });
    }
    return ids.flatMap((id) => {
      const c = cache.get(id);
      return c ? [{ path: c.path, communeCode: c.communeCode }] : [];
    });
  };
}

export function eventRoutes(api: FastifyInstance, { ctx, database }: RouteDeps): void {
  const streams = new Set<Stream>();
  const perUser = new Map<string, number>();
  const units = unitLookup(ctx.db);
  let feed: Promise<ChangeFeed> | null = null;
  let closing = false;
  // Events are handled one after the other so that each stream receives them in commit order.
  let queue: Promise<void> = Promise.resolve();

  const send = (s: Stream, data: string) => {
    if (s.res.writableLength > MAX_BUFFERED_BYTES) {
      // A client that does not read: drop it rather than buffer without bound; it reconnects.
      s.res.destroy();
      return;
    }
    s.res.write(data);
  };

  const deliver = async (e: ChangeEvent | { type: 'resync' }) => {
    if (streams.size === 0) return;
    if (!('id' in e)) {
      for (const s of streams) send(s, `data: {"type":"resync"}\n\n`);
      return;
    }
    const refs = await units(e.unitIds);
    const line = `data: ${JSON.stringify({ type: e.type, id: e.id })}\n\n`;
    for (const s of streams) if (changeVisibleTo(s.actor, e, refs)) send(s, line);
  };

  const ensureFeed = (): Promise<ChangeFeed> => {
    if (!feed) {
      feed = openChangeFeed(database).then((f) => {
        f.subscribe((e) => {
          queue = queue.then(() => deliver(e)).catch((err: unknown) => api.log.error({ err }, 'live event delivery failed'));
        });
        return f;
      });
      feed.catch(() => {
        feed = null;
      });
    }
    return feed;
  };

  const drop = (s: Stream) => {
    if (!streams.delete(s)) return;
    clearInterval(s.heartbeat);
    const uid = s.actor.userId ?? s.actor.username;
    const n = (perUser.get(uid) ?? 1) - 1;
    if (n <= 0) perUser.delete(uid);
    else perUser.set(uid, n);
    if (!s.res.writableEnded) s.res.end();
  };

  api.get('/events', { schema: { tags: ['events'], summary: 'Live changes in the viewer’s scope (Server-Sent Events: data {type, id})' } }, async (req, reply) => {
    const actor = actorOf(req);
    if (closing) throw new DomainError('rate_limited', { reason: 'shutting_down' });
    const uid = actor.userId ?? actor.username;
    if ((perUser.get(uid) ?? 0) >= MAX_STREAMS_PER_USER) throw new DomainError('rate_limited', { reason: 'too_many_streams', max: MAX_STREAMS_PER_USER });
    await ensureFeed();
    perUser.set(uid, (perUser.get(uid) ?? 0) + 1);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string | string[] | number>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    const s: Stream = { res, actor, token: req.cookies[SESSION_COOKIE] ?? '', heartbeat: setInterval(() => void beat(), HEARTBEAT_MS) };
    s.heartbeat.unref();
    const beat = async () => {
      try {
        const session = await resolveSession(ctx, s.token);
        if (!session) return drop(s);
        s.actor = session.actor;
        send(s, `: heartbeat\n\n`);
      } catch (err) {
        req.log.warn({ err }, 'live events: session check failed');
      }
    };
    streams.add(s);
    res.on('close', () => drop(s));
    res.write(`retry: 10000\n: connected\n\n`);
  });

  // End the streams before the server stops listening, or close() would wait for them.
  api.addHook('preClose', async () => {
    closing = true;
    for (const s of [...streams]) drop(s);
  });
  api.addHook('onClose', async () => {
    closing = true;
    for (const s of [...streams]) drop(s);
    const f = feed;
    feed = null;
    if (f) await f.then((x) => x.close()).catch(() => undefined);
    await queue;
  });
}
