import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { DomainError } from '../../src/server/kernel/errors.ts';
import {
  confirmConferenceImport,
  createConference,
  draftConferenceImport,
  getConference,
  listConferences,
  setConferenceItems,
  updateConference,
} from '../../src/server/modules/conferences/conference.service.ts';
import { canViewConference } from '../../src/server/modules/conferences/conference.policy.ts';
import { conferenceAccess, findConferenceById } from '../../src/server/modules/conferences/conference.repository.ts';
import type { ConfirmConferenceInput } from '../../src/contracts/conferences.ts';
import { actorFor } from '../../src/server/seed/factories.ts';
import { DEMO_CONFERENCE } from '../../src/server/seed/demo-coordination.ts';
import { backends, countRows, DEMO_PASSWORD, openTestDb, rawSql, unitIdByCode, type TestDb } from '../support/db.ts';

const fixture = fs.readFileSync(path.resolve(process.cwd(), '../shared/fixtures/hoi-nghi-phoi-hop-antt-tphcm.txt'), 'utf8');
const page = { limit: 200, offset: 0 };
const TABLES = ['conferences', 'conference_chairs', 'conference_units', 'conference_documents', 'conference_items', 'documents', 'document_clauses', 'audit_log'];

async function counts(t: TestDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = await countRows(t.db, table);
  return out;
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe.each(backends())('conferences [%s]', (backend) => {
  let t: TestDb;
  let admin: Actor;
  let thammuu: Actor;
  let benthanh: Actor;
  let leader: Actor;
  let viewer: Actor;
  beforeAll(async () => {
    t = await openTestDb(backend);
    [admin, thammuu, benthanh, leader, viewer] = await Promise.all([actorFor(t.ctx, 'admin', DEMO_PASSWORD), actorFor(t.ctx, 'thammuu', DEMO_PASSWORD), actorFor(t.ctx, 'canbo.benthanh', DEMO_PASSWORD), actorFor(t.ctx, 'lanhdao', DEMO_PASSWORD), actorFor(t.ctx, 'theodoi', DEMO_PASSWORD)] as const);
  });
  afterAll(async () => t?.close());

  it('the demo conference: co-chairs with their positions, both parties, documents and anchored items', async () => {
    const list = await listConferences(t.ctx, leader, { ...page, q: 'phoi hop lanh dao' });
    const demo = list.items.find((c) => c.title === DEMO_CONFERENCE.title)!;
    expect(demo).toBeTruthy();
    const c = await getConference(t.ctx, leader, demo.id);
    expect(c.chairs.map((x) => [x.name, x.rank])).toEqual([['Nguyễn Thiện Nhân', null], ['Tô Lâm', 'Thượng tướng']]);
    expect(c.chairs[1]!.titles).toContain('Bộ trưởng Bộ Công an');
    expect(c.units.filter((u) => u.role === 'party').map((u) => u.code).sort()).toEqual(['DUCATW-BTV', 'TU-HCM-BTV']);
    expect(c.documents.map((d) => d.symbol)).toEqual(['16-NQ/TW', '21-KL/TW', '54/2017/QH14', '28-NQ/TW', '46-CT/TW', '04-NQ/TW']);
    expect(c.items.map((i) => i.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(c.items[6]).toMatchObject({ documentSymbol: '46-CT/TW', clauseRef: '3' });
    expect(c.abilities).toEqual({ view: true, update: true, setItems: true });
  });

  it('visibility: city leader and a participating unit see it; a commune officer does not; list scope agrees with canView', async () => {
    const id = (await listConferences(t.ctx, admin, { ...page, q: 'phoi hop lanh dao' })).items[0]!.id;
    expect((await getConference(t.ctx, thammuu, id)).abilities.update).toBe(false); // CATP participates; host TU-HCM-BTV is outside the staff officer's scope
    expect((await refusal(getConference(t.ctx, benthanh, id))).code).toBe('not_found');
    expect((await listConferences(t.ctx, benthanh, page)).items.map((c) => c.id)).not.toContain(id);
    for (const actor of [admin, thammuu, benthanh, leader, viewer]) {
      for (const item of (await listConferences(t.ctx, actor, page)).items) {
        const row = (await findConferenceById(t.db, item.id))!;
        expect(canViewConference(actor, await conferenceAccess(t.db, row))).toBe(true);
      }
    }
  });

  it('create, update with version, set items keeping ids; refusals write nothing', async () => {
    const catp = await unitIdByCode(t.db, 'CATP');
    const pc02 = await unitIdByCode(t.db, 'CATP-PC02');
    const c = await createConference(t.ctx, thammuu, {
      kind: 'so_ket',
      title: 'Sơ kết 6 tháng công tác phối hợp',
      heldOn: '2025-07-10',
      place: 'Hội trường Công an Thành phố',
      hostUnitId: catp,
      chairs: [{ name: 'Trần Minh Khôi', rank: 'Trung tướng', titles: ['Giám đốc Công an Thành phố'] }],
      units: [{ unitId: pc02, role: 'participant' }],
      documentIds: [],
      items: [{ text: 'Rà soát địa bàn trọng điểm' }, { text: 'Tăng cường tuần tra' }],
    });
    expect(c.items.map((i) => i.text)).toEqual(['Rà soát địa bàn trọng điểm', 'Tăng cường tuần tra']);
    const [first, second] = c.items;
    const u = await updateConference(t.ctx, thammuu, c.id, { version: c.version, title: 'Sơ kết 6 tháng đầu năm 2025' });
    expect((await refusal(updateConference(t.ctx, thammuu, c.id, { version: c.version, title: 'Cũ' }))).code).toBe('stale_version');
    const s = await setConferenceItems(t.ctx, thammuu, c.id, { version: u.version, items: [{ id: second!.id, text: 'Tăng cường tuần tra, kiểm soát' }, { text: 'Mục mới' }, { id: first!.id, text: first!.text }] });
    expect(s.items.map((i) => [i.ordinal, i.id === second!.id, i.id === first!.id])).toEqual([[1, true, false], [2, false, false], [3, false, true]]);

    // An item with tasks cannot be removed.
    await rawSql(t.db, `insert into tasks (title, source_kind, conference_item_id, path, assigning_unit_id, lead_unit_id, assigned_on, search_text) values ('Tuần tra', 'conference_item', '${second!.id}', '/x/', '${catp}', '${pc02}', '2025-07-11', 'tuan tra')`);
    const before = await counts(t);
    expect((await refusal(setConferenceItems(t.ctx, thammuu, c.id, { version: s.version, items: [{ text: 'Chỉ còn mục này' }] }))).code).toBe('conference.item_in_use');
    expect((await refusal(createConference(t.ctx, thammuu, { kind: 'giao_ban', title: 'x', heldOn: '2025-01-01', hostUnitId: catp, chairs: [], units: [{ unitId: pc02, role: 'party' }, { unitId: pc02, role: 'participant' }], documentIds: [], items: [] }))).code).toBe('conference.duplicate_unit');
    const ubnd = await unitIdByCode(t.db, 'UBND-HCM');
    expect((await refusal(createConference(t.ctx, thammuu, { kind: 'giao_ban', title: 'x', heldOn: '2025-01-01', hostUnitId: ubnd, chairs: [], units: [], documentIds: [], items: [] }))).code).toBe('forbidden');
    expect((await refusal(createConference(t.ctx, benthanh, { kind: 'giao_ban', title: 'x', heldOn: '2025-01-01', hostUnitId: catp, chairs: [], units: [], documentIds: [], items: [] }))).code).toBe('forbidden');
    expect(await counts(t)).toEqual(before);
  });

  describe('import', () => {
    it('drafts the founding report without writing anything', async () => {
      const before = await counts(t);
      const d = await draftConferenceImport(t.ctx, thammuu, fixture);
      expect(await counts(t)).toEqual(before);
      expect(d.title).toMatch(/^Tăng cường phối hợp lãnh đạo/);
      expect(d.chairs.map((c) => c.name)).toEqual(['Nguyễn Thiện Nhân', 'Tô Lâm']);
      expect(d.parties.map((p) => p.unitCode)).toEqual(['TU-HCM-BTV', 'DUCATW-BTV']);
      expect(d.hostUnitId).toBe(await unitIdByCode(t.db, 'TU-HCM-BTV'));
      expect(d.documents.map((r) => r.match?.symbol)).toEqual(['16-NQ/TW', '21-KL/TW', '54/2017/QH14', '28-NQ/TW', '46-CT/TW', '04-NQ/TW']);
      expect(d.items.length).toBeGreaterThan(5);
      const peak = d.items.find((i) => i.text.includes('truy nã tội phạm'));
      expect(peak).toBeTruthy();
      const partyBuilding = d.items.find((i) => i.text.includes('chỉnh đốn Đảng'))!;
      expect(d.documents[partyBuilding.documentIndex!]!.match?.symbol).toBe('04-NQ/TW');
      expect(d.ignoredLines.some((l) => l.includes('Ảnh: Xuân Khu'))).toBe(true);
      expect(d.items.some((i) => /Ảnh:|Đề xuất/.test(i.text))).toBe(false);
    });

    it('a unit officer or viewer may not import', async () => {
      expect((await refusal(draftConferenceImport(t.ctx, benthanh, fixture))).code).toBe('forbidden');
      expect((await refusal(draftConferenceImport(t.ctx, viewer, fixture))).code).toBe('forbidden');
    });

    it('confirm creates the reviewed draft in one transaction, including a new document the user kept', async () => {
      const d = await draftConferenceImport(t.ctx, admin, fixture);
      const input: ConfirmConferenceInput = {
        kind: 'coordination',
        title: `${d.title} (nhập thử)`,
        heldOn: '2018-01-06',
        place: null,
        hostUnitId: d.hostUnitId!,
        agenda: null,
        minutes: null,
        chairs: d.chairs.map((c) => ({ name: c.name, rank: c.rank, titles: c.titles, personId: c.personId })),
        units: d.parties.filter((p) => p.unitId).map((p) => ({ unitId: p.unitId!, role: 'party' as const })),
        documents: [
          ...d.documents.map((r) => ({ documentId: r.match!.documentId })),
          { create: { kind: 'ke_hoach', numberSymbol: '17/KH-BTV', issuerName: 'Ban Thường vụ Thành ủy', system: 'state', issuedOn: '2018-01-10', summary: 'Kế hoạch thực hiện kết luận hội nghị phối hợp' } },
        ],
        items: [
          ...d.items.slice(0, 3).map((i) => ({ text: i.text, documentIndex: i.documentIndex })),
          { text: 'Xây dựng kế hoạch thực hiện', documentIndex: d.documents.length },
        ],
      };
      // A refused confirmation (the kept new document has a malformed number) leaves nothing.
      const before = await counts(t);
      const bad = await refusal(confirmConferenceImport(t.ctx, admin, { ...input, documents: [...input.documents.slice(0, -1), { create: { kind: 'ke_hoach', numberSymbol: '17//KH', issuerName: 'x', summary: 'x' } }] }));
      expect(bad.code).toBe('document.invalid_number');
      expect(bad.issues?.[0]?.path).toBe(`documents.${d.documents.length}.create.numberSymbol`);
      expect(await counts(t)).toEqual(before);
      // A bad unit id after the new document was created rolls that document back too.
      const missingUnit = await refusal(confirmConferenceImport(t.ctx, admin, { ...input, units: [...input.units, { unitId: '00000000-0000-4000-8000-000000000000', role: 'participant' }] }));
      expect(missingUnit.code).toBe('organisation.unknown_unit');
      expect(await counts(t)).toEqual(before);

      const c = await confirmConferenceImport(t.ctx, admin, input);
      expect(c.createdDocumentIds).toHaveLength(1);
      expect(c.documents.map((x) => x.symbol)).toContain('17/KH-BTV');
      expect(c.items.at(-1)).toMatchObject({ documentId: c.createdDocumentIds[0], documentSymbol: '17/KH-BTV' });
      const after = await counts(t);
      expect(after.conferences).toBe(before.conferences! + 1);
      expect(after.documents).toBe(before.documents! + 1);
      expect(after.conference_items).toBe(before.conference_items! + 4);
      expect(after.conference_chairs).toBe(before.conference_chairs! + 2);
    });
  });
});
