import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import { createUnit, getUnit, listUnits, updateUnit } from '../../src/server/modules/organisation/unit.service.ts';
import { getPerson, listPeople } from '../../src/server/modules/organisation/person.service.ts';
import { updateUser } from '../../src/server/modules/accounts/user.service.ts';
import { actorFor, makePerson, makeUnit, makeUser, uniqueCode } from '../../src/server/seed/factories.ts';
import { backends, countRows, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

const op = operatorActor('test');
const collator = new Intl.Collator('vi');
const page = { limit: 200, offset: 0 };

describe.each(backends())('organisation [%s]', (backend) => {
  let t: TestDb;
  let admin: Actor;
  beforeAll(async () => {
    t = await openTestDb(backend);
    admin = await actorFor(t.ctx, 'admin', DEMO_PASSWORD);
  });
  afterAll(async () => t?.close());

  describe('search', () => {
    it.each(['ben thanh', 'BEN THANH', 'Bến Thành', 'bến thành'.normalize('NFD'), '  ben   thanh ', 'phuong ben thanh', 'CAX-26743'])('%j finds Công an phường Bến Thành', async (q) => {
      const r = await listUnits(t.ctx, admin, { ...page, q });
      expect(r.items.map((u) => u.name)).toContain('Công an phường Bến Thành');
    });

    it('matches every word in any order', async () => {
      const r = await listUnits(t.ctx, admin, { ...page, q: 'thanh ben cong an' });
      expect(r.items.map((u) => u.name)).toContain('Công an phường Bến Thành');
      expect((await listUnits(t.ctx, admin, { ...page, q: 'ben thanh khong-co-tu-nay' })).total).toBe(0);
    });

    it('finds by short name and is not fooled by LIKE wildcards', async () => {
      expect((await listUnits(t.ctx, admin, { ...page, q: 'pc02' })).items.map((u) => u.code)).toContain('CATP-PC02');
      expect((await listUnits(t.ctx, admin, { ...page, q: '%' })).total).toBe(0);
      expect((await listUnits(t.ctx, admin, { ...page, q: '_' })).total).toBe(0);
    });

    it('sorts results in Vietnamese order on every page', async () => {
      const all: string[] = [];
      for (let offset = 0; ; offset += 50) {
        const r = await listUnits(t.ctx, admin, { limit: 50, offset, q: 'phuong' });
        all.push(...r.items.map((u) => u.name));
        if (r.items.length < 50) {
          expect(all.length).toBe(r.total);
          break;
        }
      }
      expect(all.length).toBeGreaterThan(100);
      expect(all).toEqual([...all].sort(collator.compare));
    });

    it('an ended unit is hidden unless history is asked for', async () => {
      const u = await makeUnit(t.ctx, { name: 'Đội đã giải thể', code: uniqueCode('END'), validFrom: '2025-07-01' });
      await updateUnit(t.ctx, op, u.id, { version: u.version, validTo: '2025-12-31' });
      expect((await listUnits(t.ctx, admin, { ...page, q: 'doi da giai the' })).total).toBe(0);
      expect((await listUnits(t.ctx, admin, { ...page, q: 'doi da giai the', includeEnded: 'true' })).total).toBe(1);
    });
  });

  describe('tree', () => {
    it('moving a unit re-roots its whole subtree', async () => {
      const hcm = await unitIdByCode(t.db, 'HCM');
      const a = await makeUnit(t.ctx, { parentId: hcm, name: 'Khối A' });
      const b = await makeUnit(t.ctx, { parentId: a.id, name: 'Phòng B' });
      const c = await makeUnit(t.ctx, { parentId: b.id, name: 'Đội C' });
      const d = await makeUnit(t.ctx, { parentId: hcm, name: 'Khối D' });
      const pathOf = async (id: string) => (await t.db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
      const dPath = await pathOf(d.id);
      const aPath = await pathOf(a.id);

      const moved = await updateUnit(t.ctx, admin, b.id, { version: b.version, parentId: d.id });
      expect(moved.parentId).toBe(d.id);
      expect(await pathOf(b.id)).toBe(`${dPath}${b.id}/`);
      expect(await pathOf(c.id)).toBe(`${dPath}${b.id}/${c.id}/`);
      expect(await pathOf(a.id)).toBe(aPath);
      expect((await getUnit(t.ctx, admin, a.id)).childCount).toBe(0);
      expect((await getUnit(t.ctx, admin, d.id)).childCount).toBe(1);

      // Every path is its parent's path plus its own id.
      const rows = await t.db.selectFrom('units as u').leftJoin('units as p', 'p.id', 'u.parent_id').select(['u.id', 'u.path', 'p.path as parentPath']).execute();
      for (const r of rows) expect(r.path).toBe(`${r.parentPath ?? '/'}${r.id}/`);
    });

    it('refuses a cycle and changes nothing', async () => {
      const hcm = await unitIdByCode(t.db, 'HCM');
      const top = await makeUnit(t.ctx, { parentId: hcm });
      const mid = await makeUnit(t.ctx, { parentId: top.id });
      const leaf = await makeUnit(t.ctx, { parentId: mid.id });
      const before = await t.db.selectFrom('units').select(['id', 'path', 'version', 'parent_id']).where('id', 'in', [top.id, mid.id, leaf.id]).orderBy('id').execute();
      const audit = await countRows(t.db, 'audit_log');
      for (const target of [leaf.id, mid.id, top.id]) {
        await expect(updateUnit(t.ctx, admin, top.id, { version: top.version, parentId: target })).rejects.toMatchObject({ code: 'organisation.cycle' });
      }
      await expect(updateUnit(t.ctx, admin, mid.id, { version: mid.version, parentId: leaf.id })).rejects.toMatchObject({ code: 'organisation.cycle' });
      const after = await t.db.selectFrom('units').select(['id', 'path', 'version', 'parent_id']).where('id', 'in', [top.id, mid.id, leaf.id]).orderBy('id').execute();
      expect(after).toEqual(before);
      expect(await countRows(t.db, 'audit_log')).toBe(audit);
    });

    it('refuses an unknown parent and an unknown commune', async () => {
      const u = await makeUnit(t.ctx);
      await expect(updateUnit(t.ctx, admin, u.id, { version: u.version, parentId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'organisation.unknown_unit' });
      await expect(updateUnit(t.ctx, admin, u.id, { version: u.version, communeCode: '99999' })).rejects.toMatchObject({ code: 'organisation.unknown_commune' });
      await expect(createUnit(t.ctx, admin, { code: uniqueCode(), name: 'x', type: 'department', level: 'city', parentId: null, communeCode: '00000' })).rejects.toMatchObject({ code: 'organisation.unknown_commune' });
    });

    it('refuses a duplicate code', async () => {
      await expect(createUnit(t.ctx, admin, { code: 'CATP', name: 'Trùng mã', type: 'department', level: 'city', parentId: null })).rejects.toMatchObject({ code: 'organisation.duplicate_code' });
    });
  });

  describe('optimistic concurrency', () => {
    it('a second update with the same version gets stale_version and the first one is kept', async () => {
      const u = await makeUnit(t.ctx, { name: 'Tên gốc' });
      const first = await updateUnit(t.ctx, admin, u.id, { version: u.version, name: 'Tên mới thứ nhất' });
      expect(first.version).toBe(u.version + 1);
      await expect(updateUnit(t.ctx, admin, u.id, { version: u.version, shortName: 'Thứ hai' })).rejects.toMatchObject({ code: 'stale_version' });
      const now = await getUnit(t.ctx, admin, u.id);
      expect(now).toMatchObject({ name: 'Tên mới thứ nhất', shortName: null, version: u.version + 1 });
    });

    it('of two concurrent updates with one version exactly one wins, nothing is silently overwritten', async () => {
      const u = await makeUnit(t.ctx, { name: 'Song song' });
      const results = await Promise.allSettled([
        updateUnit(t.ctx, admin, u.id, { version: u.version, name: 'Bản A' }),
        updateUnit(t.ctx, admin, u.id, { version: u.version, name: 'Bản B' }),
      ]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect(failed[0]!.reason).toMatchObject({ code: 'stale_version' });
      const winner = (ok[0] as PromiseFulfilledResult<{ name: string }>).value.name;
      expect((await getUnit(t.ctx, admin, u.id)).name).toBe(winner);
      const audits = await t.db.selectFrom('audit_log').select('data').where('entity_id', '=', u.id).where('action', '=', 'unit.updated').execute();
      expect(audits).toHaveLength(1);
    });
  });

  describe('scope of people', () => {
    it('a commune officer sees the people of their commune, not of another commune', async () => {
      const saigon = await actorFor(t.ctx, 'canbo.saigon', DEMO_PASSWORD);
      const benthanh = await actorFor(t.ctx, 'canbo.benthanh', DEMO_PASSWORD);
      const sg = await listPeople(t.ctx, saigon, page);
      const bt = await listPeople(t.ctx, benthanh, page);
      expect(sg.items.map((p) => p.fullName).sort()).toEqual(['Bùi Quốc Bảo', 'Lý Thanh Tâm']);
      expect(bt.items.map((p) => p.fullName).sort()).toEqual(['Huỳnh Thị Mai', 'Nguyễn Văn Đạt']);
      for (const p of sg.items) expect(p.abilities).toEqual({ view: true, update: false });
      const dat = bt.items.find((p) => p.fullName === 'Nguyễn Văn Đạt')!;
      await expect(getPerson(t.ctx, saigon, dat.id)).rejects.toMatchObject({ code: 'not_found' });
      expect((await getPerson(t.ctx, benthanh, dat.id)).fullName).toBe('Nguyễn Văn Đạt');
      // Search cannot reach outside the scope either.
      expect((await listPeople(t.ctx, saigon, { ...page, q: 'nguyen van dat' })).total).toBe(0);
    });

    it('the city leader sees everyone; the administrator sees a person added anywhere', async () => {
      const leader = await actorFor(t.ctx, 'lanhdao', DEMO_PASSWORD);
      const all = await listPeople(t.ctx, leader, page);
      expect(all.items.map((p) => p.fullName)).toEqual(expect.arrayContaining(['Nguyễn Văn Đạt', 'Bùi Quốc Bảo', 'Trần Minh Khôi']));
      const bt = await unitIdByCode(t.db, 'CAX-26743');
      const p = await makePerson(t.ctx, bt, 'Đinh Công Tráng', 'Thiếu úy', 'Cán bộ');
      expect((await getPerson(t.ctx, admin, p.id)).positions[0]).toMatchObject({ title: 'Cán bộ', fromOn: '2025-07-01' });
    });

    it('moving a user to another unit takes away the old unit’s subtree', async () => {
      const pv01 = await unitIdByCode(t.db, 'CATP-PV01');
      const pc02 = await unitIdByCode(t.db, 'CATP-PC02');
      const user = await makeUser(t.ctx, { unitId: pv01, roles: ['unit_officer'] });
      let actor = await actorFor(t.ctx, user.username);
      expect((await listPeople(t.ctx, actor, page)).items.map((p) => p.fullName)).toEqual(['Phạm Thị Lan']);
      await updateUser(t.ctx, op, user.id, { version: user.version, unitId: pc02 });
      actor = await actorFor(t.ctx, user.username);
      expect((await listPeople(t.ctx, actor, page)).items.map((p) => p.fullName)).toEqual(['Võ Thành Nam']);
    });
  });
});
