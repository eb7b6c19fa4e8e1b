import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { inTransaction } from '../../src/server/db/tx.ts';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import type { Ctx } from '../../src/server/kernel/context.ts';
import { createUnit, updateUnit } from '../../src/server/modules/organisation/unit.service.ts';
import { createPerson } from '../../src/server/modules/organisation/person.service.ts';
import { createUser, resetPassword, updateUser } from '../../src/server/modules/accounts/user.service.ts';
import { changeOwnPassword, login, logout, resolveSession } from '../../src/server/modules/accounts/auth.service.ts';
import { importAdminUnits } from '../../src/server/modules/organisation/jurisdiction.service.ts';
import { listAuditEntries, verifyAuditChain } from '../../src/server/modules/audit/audit.service.ts';
import { actorFor, makeUnit, makeUser, TEST_PASSWORD, uniqueCode } from '../../src/server/seed/factories.ts';
import { backends, countRows, DEMO_PASSWORD, openTestDb, rawSql, unitIdByCode, type TestDb } from '../support/db.ts';

const op = operatorActor('test');
const settings = { sessionTtlMs: 3600_000, maxFailures: 5, lockMs: 60_000 };

async function lastAudit(t: TestDb) {
  return t.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
}

describe.each(backends())('audit trail [%s]', (backend) => {
  let t: TestDb;
  let admin: Actor;
  beforeAll(async () => {
    t = await openTestDb(backend);
    admin = await actorFor(t.ctx, 'admin', DEMO_PASSWORD);
  });
  afterAll(async () => t?.close());

  type Change = [label: string, action: string, run: (ctx: Ctx) => Promise<string | null>];
  const changes: Change[] = [
    ['create a unit', 'unit.created', async (ctx) => (await createUnit(ctx, admin, { code: uniqueCode('A'), name: 'Đơn vị kiểm toán', type: 'department', level: 'city', parentId: null })).id],
    ['update a unit', 'unit.updated', async (ctx) => {
      const u = await makeUnit(ctx);
      return (await updateUnit(ctx, admin, u.id, { version: u.version, name: 'Đổi tên' })).id;
    }],
    ['add a person', 'person.created', async (ctx) => (await createPerson(ctx, admin, { fullName: 'Ngô Thị Thu', unitId: await unitIdByCode(ctx.db, 'CATP-PC02'), rank: 'Đại úy' })).id],
    ['create a user', 'user.created', async (ctx) => (await createUser(ctx, admin, { username: `u${Date.now()}${Math.floor(Math.random() * 1e6)}`, displayName: 'Người mới', unitId: await unitIdByCode(ctx.db, 'CATP'), roles: ['viewer'], password: TEST_PASSWORD })).id],
    ['update a user', 'user.updated', async (ctx) => {
      const u = await makeUser(ctx);
      return (await updateUser(ctx, admin, u.id, { version: u.version, displayName: 'Tên mới' })).id;
    }],
    ['reset a password', 'user.password_reset', async (ctx) => {
      const u = await makeUser(ctx);
      await resetPassword(ctx, admin, u.id, 'Mot-mat-khau-moi-1');
      return u.id;
    }],
    ['sign in', 'auth.login', async (ctx) => (await login(ctx, settings, { username: 'theodoi', password: DEMO_PASSWORD, ip: '10.0.0.1', userAgent: null })).userId],
    ['sign out', 'auth.logout', async (ctx) => {
      const r = await login(ctx, settings, { username: 'theodoi', password: DEMO_PASSWORD, ip: null, userAgent: null });
      const s = (await resolveSession(ctx, r.sessionToken))!;
      await logout(ctx, s.actor, s.sessionId);
      return r.userId;
    }],
    ['change own password', 'auth.password_changed', async (ctx) => {
      const u = await makeUser(ctx);
      const r = await login(ctx, settings, { username: u.username, password: TEST_PASSWORD, ip: null, userAgent: null });
      const s = (await resolveSession(ctx, r.sessionToken))!;
      await changeOwnPassword(ctx, s.actor, s.sessionId, TEST_PASSWORD, 'Hoan-toan-khac-99');
      return u.id;
    }],
    ['import administrative units', 'jurisdictions.imported', async (ctx) => {
      await importAdminUnits(ctx, admin, [{ code: '98', name: 'Tỉnh Kiểm Thử', fullName: 'Tỉnh Kiểm Thử', type: 'Tỉnh', units: [{ code: `98${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`, name: 'Xã Thử', fullName: 'Xã Thử', type: 'Xã' }] }]);
      return null;
    }],
  ];

  it.each(changes)('%s writes an audit row (%s) naming the record', async (_label, action, run) => {
    const before = (await lastAudit(t)).seq;
    const id = await run(t.ctx);
    const rows = await t.db.selectFrom('audit_log').selectAll().where('seq', '>', before).where('action', '=', action).execute();
    expect(rows).toHaveLength(1);
    if (id) expect(rows[0]!.entity_id).toBe(id);
  });

  it.each(changes)('%s inside a transaction that then fails leaves neither the change nor its audit row', async (_label, _action, run) => {
    const before = { audit: await countRows(t.db, 'audit_log'), units: await countRows(t.db, 'units'), users: await countRows(t.db, 'users'), people: await countRows(t.db, 'people'), sessions: await countRows(t.db, 'sessions'), jurisdictions: await countRows(t.db, 'jurisdictions') };
    await expect(
      inTransaction(t.db, async (trx) => {
        await run({ ...t.ctx, db: trx });
        throw new Error('boom after the change');
      }),
    ).rejects.toThrow('boom after the change');
    const after = { audit: await countRows(t.db, 'audit_log'), units: await countRows(t.db, 'units'), users: await countRows(t.db, 'users'), people: await countRows(t.db, 'people'), sessions: await countRows(t.db, 'sessions'), jurisdictions: await countRows(t.db, 'jurisdictions') };
    expect(after).toEqual(before);
  });

  it('a refused change writes no audit row', async () => {
    const audit = await countRows(t.db, 'audit_log');
    await expect(createUnit(t.ctx, admin, { code: 'CATP', name: 'Trùng', type: 'department', level: 'city', parentId: null })).rejects.toMatchObject({ code: 'organisation.duplicate_code' });
    const u = await makeUnit(t.ctx);
    const afterMake = await countRows(t.db, 'audit_log');
    expect(afterMake).toBe(audit + 1);
    await expect(updateUnit(t.ctx, admin, u.id, { version: u.version + 7, name: 'x' })).rejects.toMatchObject({ code: 'stale_version' });
    await expect(updateUnit(t.ctx, admin, u.id, { version: u.version, validTo: '2000-01-01' })).rejects.toMatchObject({ code: 'organisation.invalid_validity' });
    expect(await countRows(t.db, 'audit_log')).toBe(afterMake);
  });

  it('concurrent changes keep the chain linear', async () => {
    await Promise.all(Array.from({ length: 8 }, () => makeUnit(t.ctx)));
    const r = await verifyAuditChain(t.ctx, op);
    expect(r).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('administrators list and filter the trail; others are refused', async () => {
    const r = await listAuditEntries(t.ctx, admin, { action: 'unit.', limit: 5, offset: 0 });
    expect(r.items.length).toBe(5);
    for (const i of r.items) expect(i.action.startsWith('unit.')).toBe(true);
    expect(r.items.map((i) => i.seq)).toEqual([...r.items.map((i) => i.seq)].sort((a, b) => b - a));
    const viewer = await actorFor(t.ctx, 'theodoi', DEMO_PASSWORD);
    await expect(listAuditEntries(t.ctx, viewer, { limit: 5, offset: 0 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(verifyAuditChain(t.ctx, viewer)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('the append-only trigger blocks UPDATE and DELETE', async () => {
    const n = await countRows(t.db, 'audit_log');
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await countRows(t.db, 'audit_log')).toBe(n);
  });

  describe('tampering', () => {
    async function tamper(statement: string): Promise<void> {
      await rawSql(t.db, 'alter table audit_log disable trigger audit_log_no_change');
      try {
        await rawSql(t.db, statement);
      } finally {
        await rawSql(t.db, 'alter table audit_log enable trigger audit_log_no_change');
      }
    }

    it('the intact chain verifies', async () => {
      const r = await verifyAuditChain(t.ctx, op);
      expect(r.ok).toBe(true);
      expect(r.checked).toBe(await countRows(t.db, 'audit_log'));
    });

    const cases: [string, (seq: number) => string, string][] = [
      ['its data', (seq) => `update audit_log set data = jsonb_set(data, '{tampered}', 'true') where seq = ${seq}`, 'content_mismatch'],
      ['its action', (seq) => `update audit_log set action = 'unit.viewed' where seq = ${seq}`, 'content_mismatch'],
      ['its time', (seq) => `update audit_log set at = at - interval '1 day' where seq = ${seq}`, 'content_mismatch'],
      ['its actor', (seq) => `update audit_log set actor_name = 'someone-else' where seq = ${seq}`, 'content_mismatch'],
      ['its hash (recomputed by hand)', (seq) => `update audit_log set hash = repeat('a', 64) where seq = ${seq}`, 'content_mismatch'],
      ['its link', (seq) => `update audit_log set prev_hash = repeat('b', 64) where seq = ${seq}`, 'prev_hash_mismatch'],
    ];
    it.each(cases)('changing %s is detected at exactly that row', async (_label, statement, reason) => {
      const seqs = (await t.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => r.seq);
      const target = seqs[Math.floor(seqs.length / 2)]!;
      const original = await t.db.selectFrom('audit_log').selectAll().where('seq', '=', target).executeTakeFirstOrThrow();
      await tamper(statement(target));
      try {
        const r = await verifyAuditChain(t.ctx, op);
        expect(r).toEqual({ ok: false, firstBrokenSeq: target, reason, checked: seqs.indexOf(target) });
      } finally {
        await tamper(
          `update audit_log set data = '${JSON.stringify(original.data).replace(/'/g, "''")}'::jsonb, action = '${original.action}', at = '${original.at.toISOString()}', actor_name = '${original.actor_name.replace(/'/g, "''")}', hash = '${original.hash}', prev_hash = '${original.prev_hash}' where seq = ${target}`,
        );
      }
      expect((await verifyAuditChain(t.ctx, op)).ok).toBe(true);
    });

    it('a deleted row is detected at the row after it', async () => {
      const seqs = (await t.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => r.seq);
      const victim = seqs[5]!;
      await tamper(`delete from audit_log where seq = ${victim}`);
      const r = await verifyAuditChain(t.ctx, op);
      expect(r).toMatchObject({ ok: false, firstBrokenSeq: seqs[6], reason: 'prev_hash_mismatch' });
    });
  });
});
