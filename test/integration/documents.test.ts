import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { DomainError } from '../../src/server/kernel/errors.ts';
import {
  addRelation,
  attachFile,
  createDocument,
  findReferences,
  getDocument,
  listDocuments,
  removeRelation,
  setClauses,
  updateDocument,
} from '../../src/server/modules/documents/document.service.ts';
import { canViewDocument } from '../../src/server/modules/documents/document.policy.ts';
import { findDocumentById } from '../../src/server/modules/documents/document.repository.ts';
import { downloadFile, getFile, uploadFile } from '../../src/server/modules/files/file.service.ts';
import { createConference } from '../../src/server/modules/conferences/conference.service.ts';
import { loadDemoCoordination } from '../../src/server/seed/demo-coordination.ts';
import { actorFor, makeUser } from '../../src/server/seed/factories.ts';
import { backends, countRows, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

const page = { limit: 200, offset: 0 };
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const COUNTED = ['documents', 'document_clauses', 'document_relations', 'document_files', 'files', 'file_blobs', 'audit_log'];
async function counts(t: TestDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of COUNTED) out[table] = await countRows(t.db, table);
  return out;
}

describe.each(backends())('documents [%s]', (backend) => {
  let t: TestDb;
  let admin: Actor;
  let thammuu: Actor;
  let benthanh: Actor;
  let saigon: Actor;
  let leader: Actor;
  beforeAll(async () => {
    t = await openTestDb(backend);
    [admin, thammuu, benthanh, saigon, leader] = await Promise.all([actorFor(t.ctx, 'admin', DEMO_PASSWORD), actorFor(t.ctx, 'thammuu', DEMO_PASSWORD), actorFor(t.ctx, 'canbo.benthanh', DEMO_PASSWORD), actorFor(t.ctx, 'canbo.saigon', DEMO_PASSWORD), actorFor(t.ctx, 'lanhdao', DEMO_PASSWORD)] as const);
  });
  afterAll(async () => t?.close());

  describe('demo city', () => {
    it('registers the documents of the founding report with clauses and the review relation', async () => {
      const all = await listDocuments(t.ctx, benthanh, page);
      const symbols = all.items.map((d) => d.symbol);
      for (const s of ['16-NQ/TW', '21-KL/TW', '54/2017/QH14', '28-NQ/TW', '46-CT/TW', '04-NQ/TW']) expect(symbols).toContain(s);
      const kl = all.items.find((d) => d.symbol === '21-KL/TW')!;
      const detail = await getDocument(t.ctx, benthanh, kl.id);
      expect(detail).toMatchObject({ kind: 'ket_luan', number: 21, issuedOn: '2017-10-24', issuerName: 'Bộ Chính trị', abilities: { view: true, update: false } });
      expect(detail.relations).toEqual([{ relation: 'reviews', document: expect.objectContaining({ symbol: '16-NQ/TW' }) }]);
      const nq = await getDocument(t.ctx, benthanh, all.items.find((d) => d.symbol === '16-NQ/TW')!.id);
      expect(nq.relatedBy).toEqual([{ relation: 'reviews', document: expect.objectContaining({ symbol: '21-KL/TW' }) }]);
      expect(nq.clauses.map((c) => c.ref)).toEqual(['I', 'II', 'III', 'III.1', 'III.2', 'III.3', 'IV']);
      expect(nq.clauses.find((c) => c.ref === 'III.2')!.parentId).toBe(nq.clauses.find((c) => c.ref === 'III')!.id);
    });

    it('loading it again changes nothing and returns the same ids', async () => {
      const before = await counts(t);
      const a = await loadDemoCoordination(t.ctx);
      const b = await loadDemoCoordination(t.ctx);
      expect(b).toEqual(a);
      expect(a.itemIds).toHaveLength(8);
      expect(Object.keys(a.documents)).toHaveLength(6);
      expect(await counts(t)).toEqual(before);
    });
  });

  describe('references', () => {
    it('links the references of the founding report to the registry', async () => {
      const text =
        'góp phần thực hiện thắng lợi Nghị quyết số 16 - NQ/TW và Kết luận số 21 ngày 24/10/2017 của Bộ Chính trị về sơ kết 5 năm thực hiện Nghị quyết 16-NQ/TW; ' +
        'thực hiện Nghị quyết 54 của Quốc hội về Quy chế đặc thù cho Thành phố Hồ Chí Minh; Nghị quyết 28 của Ban Chấp hành Trung ương Đảng khóa XI về Chiến lược bảo vệ Tổ quốc trong tình hình mới, ' +
        'Chỉ thị 46 của Bộ Chính trị về tăng cường sự lãnh đạo của Đảng; gắn với thực hiện Nghị quyết Trung ương 4 (khóa XII) về tăng cường xây dựng, chỉnh đốn Đảng.';
      const { references } = await findReferences(t.ctx, benthanh, text);
      const linked = references.map((r) => r.match?.symbol ?? null);
      expect(linked).toEqual(['16-NQ/TW', '21-KL/TW', '54/2017/QH14', '28-NQ/TW', '46-CT/TW', '04-NQ/TW']);
      expect(references.every((r) => r.proposal === null)).toBe(true);
    });

    it('proposes a new entry for a reference the registry does not hold', async () => {
      const { references } = await findReferences(t.ctx, benthanh, 'Thực hiện Chỉ thị số 03/CT-BCA-X11, ngày 10-4-2009 của Bộ Công an về công tác tiếp công dân.');
      expect(references).toHaveLength(1);
      expect(references[0]).toMatchObject({ symbol: '03/CT-BCA-X11', date: '2009-04-10', match: null, proposal: { kind: 'chi_thi', system: 'state', numberSymbol: '03/CT-BCA-X11', issuedOn: '2009-04-10' } });
    });
  });

  describe('register', () => {
    it('parses and canonicalises the number, finds it accent-insensitively, and audits in the same transaction', async () => {
      const before = await countRows(t.db, 'audit_log');
      const d = await createDocument(t.ctx, thammuu, {
        kind: 'quyet_dinh',
        numberSymbol: 'Số: 1478 / qđ-ubnd',
        issuerName: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
        issuedOn: '2025-09-15',
        summary: 'Về việc ban hành Quy chế phối hợp bảo đảm trật tự đô thị',
        body: 'I. QUY ĐỊNH CHUNG\n1. Phạm vi\n2. Đối tượng\nII. TỔ CHỨC THỰC HIỆN\na) Công an',
      });
      expect(d).toMatchObject({ symbol: '1478/QĐ-UBND', system: 'state', number: 1478, registerYear: 2025, classification: 'normal', abilities: { update: true } });
      expect(await countRows(t.db, 'audit_log')).toBe(before + 1);
      const found = await listDocuments(t.ctx, saigon, { ...page, q: 'quy che phoi hop bao dam trat tu do thi' });
      expect(found.items.map((x) => x.id)).toEqual([d.id]);
      expect((await listDocuments(t.ctx, saigon, { ...page, q: '1478/qd-ubnd' })).total).toBe(1);
      expect((await listDocuments(t.ctx, saigon, { ...page, issuer: 'uy ban nhan dan thanh pho', year: 2025 })).items.map((x) => x.id)).toContain(d.id);
      expect((await listDocuments(t.ctx, saigon, { ...page, kind: 'ket_luan' })).items.every((x) => x.kind === 'ket_luan')).toBe(true);
      expect((await listDocuments(t.ctx, saigon, { ...page, q: '%' })).total).toBe(0);
    });

    it.each([
      ['16', 'missing_symbol'],
      ['16/NQ/TW', 'mixed_systems'],
      ['16-XYZ/TW', 'unknown_type'],
      ['54/3017/QH14', 'year_out_of_range'],
      ['NQ/TW', 'no_number'],
    ])('a malformed number %j is refused with reason %s, nothing written', async (numberSymbol, reason) => {
      const before = await counts(t);
      const e = await refusal(createDocument(t.ctx, thammuu, { kind: 'nghi_quyet', numberSymbol, issuerName: 'Bộ Chính trị', summary: 'Thử' }));
      expect(e.code).toBe('document.invalid_number');
      expect(e.params.reason).toBe(reason);
      expect(e.issues?.[0]).toMatchObject({ path: 'numberSymbol', code: reason });
      expect(await counts(t)).toEqual(before);
    });

    it('a number and symbol is unique in its register year (409), free in another year', async () => {
      const input = { kind: 'ke_hoach' as const, numberSymbol: '125/KH-CAT-PV01', issuerName: 'Công an Thành phố Hồ Chí Minh', summary: 'Kế hoạch cao điểm', issuedOn: '2025-03-02' };
      const first = await createDocument(t.ctx, thammuu, input);
      const before = await counts(t);
      const e = await refusal(createDocument(t.ctx, thammuu, { ...input, numberSymbol: '125/kh-cat-pv01', issuedOn: '2025-11-30' }));
      expect(e.code).toBe('document.duplicate_number');
      expect(await counts(t)).toEqual(before);
      const next = await createDocument(t.ctx, thammuu, { ...input, issuedOn: '2026-01-05' });
      expect(next.id).not.toBe(first.id);
      // Moving the second into the first one's year collides too.
      const moved = await refusal(updateDocument(t.ctx, thammuu, next.id, { version: next.version, issuedOn: '2025-06-01' }));
      expect(moved.code).toBe('document.duplicate_number');
    });

    it('refuses creation by a unit officer (forbidden) and a kind that contradicts the symbol', async () => {
      expect((await refusal(createDocument(t.ctx, benthanh, { kind: 'nghi_quyet', numberSymbol: '99-NQ/TW', issuerName: 'Bộ Chính trị', summary: 'x' }))).code).toBe('forbidden');
      expect((await refusal(createDocument(t.ctx, thammuu, { kind: 'nghi_quyet', numberSymbol: '99-KL/TW', issuerName: 'Bộ Chính trị', summary: 'x' }))).code).toBe('document.kind_mismatch');
    });

    it('optimistic concurrency: the second writer with the old version gets stale_version', async () => {
      const d = await createDocument(t.ctx, thammuu, { kind: 'thong_bao', numberSymbol: '77/TB-UBND', issuerName: 'UBND Thành phố', summary: 'Thông báo kết luận', issuedOn: '2025-08-01' });
      await updateDocument(t.ctx, thammuu, d.id, { version: d.version, summary: 'Thông báo kết luận (sửa)' });
      expect((await refusal(updateDocument(t.ctx, leader, d.id, { version: d.version, summary: 'Ghi đè' }))).code).toBe('stale_version');
      expect((await getDocument(t.ctx, admin, d.id)).summary).toBe('Thông báo kết luận (sửa)');
    });
  });

  describe('secret documents', () => {
    it('are visible only within the owner unit scope; list scope agrees with canView', async () => {
      const catp = await unitIdByCode(t.db, 'CATP');
      const secret = await createDocument(t.ctx, thammuu, { kind: 'ke_hoach', numberSymbol: '9/KH-CAT', issuerName: 'Công an Thành phố', summary: 'Kế hoạch mật', issuedOn: '2025-05-05', classification: 'secret', ownerUnitId: catp });
      expect((await getDocument(t.ctx, thammuu, secret.id)).classification).toBe('secret');
      const e = await refusal(getDocument(t.ctx, benthanh, secret.id));
      expect(e.code).toBe('not_found');
      expect((await listDocuments(t.ctx, benthanh, { ...page, q: 'ke hoach mat' })).total).toBe(0);
      for (const actor of [admin, thammuu, benthanh, saigon, leader]) {
        const listed = await listDocuments(t.ctx, actor, page);
        for (const item of listed.items) expect(canViewDocument(actor, (await findDocumentById(t.db, item.id))!)).toBe(true);
      }
      // A staff officer cannot file a secret document under a unit outside their scope.
      const ubnd = await unitIdByCode(t.db, 'UBND-HCM');
      expect((await refusal(createDocument(t.ctx, thammuu, { kind: 'ke_hoach', issuerName: 'UBND', system: 'state', summary: 'x', classification: 'secret', ownerUnitId: ubnd }))).code).toBe('forbidden');
    });
  });

  describe('clauses', () => {
    it('replacing the list keeps ids by ref; a clause a conference item points at cannot go', async () => {
      const d = await createDocument(t.ctx, thammuu, {
        kind: 'ke_hoach',
        numberSymbol: '300/KH-UBND',
        issuerName: 'UBND Thành phố',
        summary: 'Kế hoạch thực hiện',
        issuedOn: '2025-04-04',
        clauses: [
          { ref: 'I', label: 'Mục I', text: 'Mục đích' },
          { ref: 'II', label: 'Mục II', text: 'Nhiệm vụ' },
          { ref: 'II.1', label: 'Khoản 1', text: 'Tuyên truyền' },
          { ref: 'II.2', label: 'Khoản 2', text: 'Phòng ngừa' },
        ],
      });
      const id21 = d.clauses.find((c) => c.ref === 'II.1')!.id;
      const next = await setClauses(t.ctx, thammuu, d.id, {
        version: d.version,
        clauses: [
          { ref: 'II', label: 'Mục II', text: 'Nhiệm vụ, giải pháp' },
          { ref: 'II.1', label: 'Khoản 1', text: 'Tuyên truyền, vận động' },
          { ref: 'II.1.a', label: 'Điểm a', text: 'Trong trường học' },
          { ref: 'III', label: 'Mục III', text: 'Tổ chức thực hiện' },
        ],
      });
      expect(next.clauses.map((c) => c.ref)).toEqual(['II', 'II.1', 'II.1.a', 'III']);
      expect(next.clauses.find((c) => c.ref === 'II.1')!.id).toBe(id21);
      expect(next.clauses.find((c) => c.ref === 'II.1.a')!.parentId).toBe(id21);
      expect(next.version).toBe(d.version + 1);

      const host = await unitIdByCode(t.db, 'CATP');
      await createConference(t.ctx, thammuu, { kind: 'giao_ban', title: 'Giao ban tháng', heldOn: '2025-05-01', hostUnitId: host, chairs: [], units: [], documentIds: [d.id], items: [{ text: 'Tuyên truyền', documentId: d.id, clauseId: id21 }] });
      const before = await counts(t);
      const e = await refusal(setClauses(t.ctx, thammuu, d.id, { version: next.version, clauses: [{ ref: 'III', label: 'Mục III', text: 'x' }] }));
      expect(e.code).toBe('document.clause_in_use');
      expect(e.params.refs).toEqual(['II.1']);
      expect(await counts(t)).toEqual(before);
      const dup = await refusal(setClauses(t.ctx, thammuu, d.id, { version: next.version, clauses: [{ ref: 'III', label: 'a', text: '' }, { ref: 'III', label: 'b', text: '' }] }));
      expect(dup.code).toBe('document.duplicate_clause_ref');
    });
  });

  describe('relations and attachments', () => {
    it('refuses self and duplicate relations; shows both directions; removes', async () => {
      const a = await createDocument(t.ctx, thammuu, { kind: 'ke_hoach', numberSymbol: '41/KH-UBND', issuerName: 'UBND Thành phố', summary: 'Kế hoạch thực hiện Chỉ thị', issuedOn: '2025-02-02' });
      const ct46 = (await listDocuments(t.ctx, thammuu, { ...page, q: '46-CT/TW' })).items[0]!;
      expect((await refusal(addRelation(t.ctx, thammuu, a.id, { relation: 'implements', toDocumentId: a.id }))).code).toBe('document.self_relation');
      const r = await addRelation(t.ctx, thammuu, a.id, { relation: 'implements', toDocumentId: ct46.id });
      expect(r.relations).toEqual([{ relation: 'implements', document: expect.objectContaining({ id: ct46.id }) }]);
      expect((await refusal(addRelation(t.ctx, thammuu, a.id, { relation: 'implements', toDocumentId: ct46.id }))).code).toBe('document.duplicate_relation');
      expect((await getDocument(t.ctx, benthanh, ct46.id)).relatedBy.map((x) => x.document.id)).toContain(a.id);
      expect((await removeRelation(t.ctx, thammuu, a.id, { relation: 'implements', toDocumentId: ct46.id })).relations).toEqual([]);
    });

    it('attaches an uploaded file; the file is then visible to whoever sees the document', async () => {
      const staff = await makeUser(t.ctx, { unitId: await unitIdByCode(t.db, 'SO-TP'), roles: ['staff_officer'], username: 'vanthu.sotp' });
      const clerk = await actorFor(t.ctx, staff.username);
      const f = await uploadFile(t.ctx, clerk, { filename: 'Kế hoạch 42.pdf', bytes: PDF });
      // Before it is attached, a commune officer outside the uploader's scope does not see it.
      expect((await refusal(getFile(t.ctx, benthanh, f.id))).code).toBe('not_found');
      const d = await createDocument(t.ctx, clerk, { kind: 'ke_hoach', numberSymbol: '42/KH-STP', issuerName: 'Sở Tư pháp', summary: 'Kế hoạch phổ biến pháp luật', issuedOn: '2025-02-03', fileIds: [f.id] });
      expect(d.attachments).toEqual([{ id: f.id, filename: 'Kế hoạch 42.pdf', mime: 'application/pdf', size: PDF.length }]);
      const got = await downloadFile(t.ctx, benthanh, f.id);
      expect(got.bytes.equals(PDF)).toBe(true);
      // Same bytes again: one blob.
      const again = await uploadFile(t.ctx, clerk, { filename: 'ban-sao.pdf', bytes: PDF });
      expect(again.id).not.toBe(f.id);
      expect(Number((await t.db.selectFrom('file_blobs').select((eb) => eb.fn.countAll().as('n')).where('size', '=', PDF.length).executeTakeFirstOrThrow()).n)).toBe(1);
      // Attaching a file the actor cannot see is refused like an unknown one.
      const other = await uploadFile(t.ctx, benthanh, { filename: 'anh.pdf', bytes: Buffer.concat([PDF, Buffer.from('x')]) });
      expect((await refusal(attachFile(t.ctx, clerk, d.id, other.id))).code).toBe('file.unknown');
    });
  });
});
