import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { CHANGES_CHANNEL, decodeChange, openChangeFeed, publishChange, type ChangeEvent } from '../../src/server/db/events.ts';
import { backends, openTestDb, type TestDb } from '../support/db.ts';

const until = async (cond: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.each(backends())('live events: LISTEN/NOTIFY [%s]', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterAll(async () => t?.close());

  it('delivers a committed change, never a rolled-back one, and nothing before commit', async () => {
    const feed = await openChangeFeed(t.database);
    const got: string[] = [];
    feed.subscribe((e) => got.push('id' in e ? e.id : e.type));
    try {
      await t.db
        .transaction()
        .execute(async (trx) => {
          await publishChange(trx, { type: 'task', id: 'rolled-back', unitIds: ['u1'] });
          throw new Error('abort');
        })
        .catch(() => undefined);
      await t.db.transaction().execute(async (trx) => {
        await publishChange(trx, { type: 'task', id: 'committed', unitIds: ['u1', 'u1', 'u2'], communeCode: '26743' });
        await sql`select 1`.execute(trx);
        await new Promise((r) => setTimeout(r, 50));
        expect(got).toEqual([]); // queued with the transaction, not yet sent
      });
      await until(() => got.includes('committed'));
      // A later change proves the rolled-back one is not merely late.
      await t.db.transaction().execute((trx) => publishChange(trx, { type: 'task', id: 'after', unitIds: [] }));
      await until(() => got.includes('after'));
      expect(got).toEqual(['committed', 'after']);
    } finally {
      await feed.close();
    }
  });

  it('fans one listener out to several subscribers and stops after unsubscribe', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const unA = await t.database.listen(CHANGES_CHANNEL, (p) => a.push(decodeChange(p)?.id ?? '?'));
    const unB = await t.database.listen(CHANGES_CHANNEL, (p) => b.push(decodeChange(p)?.id ?? '?'));
    await t.db.transaction().execute((trx) => publishChange(trx, { type: 'task', id: 'one', unitIds: [] }));
    await until(() => a.length === 1 && b.length === 1);
    await unA();
    await t.db.transaction().execute((trx) => publishChange(trx, { type: 'task', id: 'two', unitIds: [] }));
    await until(() => b.length === 2);
    expect(a).toEqual(['one']);
    expect(b).toEqual(['one', 'two']);
    await unB();
  });

  it('keeps the payload under the NOTIFY limit and decodes it back', async () => {
    const many = Array.from({ length: 600 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const got: ChangeEvent[] = [];
    const feed = await openChangeFeed(t.database);
    feed.subscribe((e) => {
      if ('id' in e) got.push(e);
    });
    try {
      await t.db.transaction().execute((trx) => publishChange(trx, { type: 'tip', id: 'big', unitIds: many, restricted: true }));
      await until(() => got.length === 1);
      expect(got[0]!.unitIds.length).toBeGreaterThan(0);
      expect(got[0]!.unitIds.length).toBeLessThan(many.length);
      expect(got[0]!.restricted).toBe(true);
      expect(decodeChange('not json')).toBeNull();
      expect(decodeChange('{"t":"x"}')).toBeNull();
    } finally {
      await feed.close();
    }
  });

  // Only a server has a listening connection that can be lost (PGlite's listener lives in its worker):
  // the test exists for the PostgreSQL backend only, like the harness's other backend-specific cases.
  if (backend === 'postgres')
    it('reconnects after the listening connection is lost, and says so', async () => {
    const feed = await openChangeFeed(t.database);
    const got: string[] = [];
    feed.subscribe((e) => got.push('id' in e ? e.id : e.type));
    try {
      const killed = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`.execute(t.db);
      expect(killed.rows[0]!.n).toBe(1);
      await until(() => got.includes('resync'), 10_000);
      await t.db.transaction().execute((trx) => publishChange(trx, { type: 'task', id: 'after-reconnect', unitIds: [] }));
      await until(() => got.includes('after-reconnect'));
    } finally {
      await feed.close();
    }
  });
});
