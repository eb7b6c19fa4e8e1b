import type { ClauseInput, CreateDocumentInput } from '../../contracts/documents.ts';
import { operatorActor } from '../kernel/actor.ts';
import type { Ctx } from '../kernel/context.ts';
import { addRelation, createDocument } from '../modules/documents/document.service.ts';
import { createConference } from '../modules/conferences/conference.service.ts';
import { findUnitByCode } from '../modules/organisation/unit.repository.ts';

/**
 * The coordination part of the demo city: the documents named in the founding news report
 * (shared/fixtures/hoi-nghi-phoi-hop-antt-tphcm.txt), a few numbered clauses each, the relation
 * 21-KL/TW reviews 16-NQ/TW, and the coordination conference of the Standing Boards of the City
 * Party Committee and of the Central Public Security Party Committee with its conclusion items.
 * The data is written out here (the project must not read ../shared at run time).
 *
 * NOTE (shared/domain §9): the numbers, titles and dates below were taken from the fixture and
 * from memory; they need checking against the primary sources before they are shown as fact.
 * In particular the issue dates of 16-NQ/TW, 28-NQ/TW, 46-CT/TW, 04-NQ/TW and 54/2017/QH14, the
 * symbol "21-KL/TW" (the report only says "Kết luận số 21 ngày 24/10/2017 của Bộ Chính trị"), and
 * the conference date (the report gives none; the date below is a placeholder). Clause texts are
 * abridged paraphrases for demonstration, not quotations.
 */

interface DemoDocument {
  input: CreateDocumentInput;
  clauses: ClauseInput[];
}

const c = (ref: string, label: string, text: string): ClauseInput => ({ ref, label, text });

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    input: {
      kind: 'nghi_quyet',
      numberSymbol: '16-NQ/TW',
      issuerName: 'Bộ Chính trị',
      issuedOn: '2012-08-10',
      term: 'XI',
      summary: 'Về phương hướng, nhiệm vụ phát triển Thành phố Hồ Chí Minh đến năm 2020',
    },
    clauses: [
      c('I', 'Mục I', 'Tình hình và kết quả thực hiện'),
      c('II', 'Mục II', 'Quan điểm, mục tiêu phát triển Thành phố đến năm 2020'),
      c('III', 'Mục III', 'Nhiệm vụ, giải pháp chủ yếu'),
      c('III.1', 'Khoản 1', 'Phát triển kinh tế nhanh, bền vững'),
      c('III.2', 'Khoản 2', 'Bảo đảm quốc phòng, an ninh, giữ vững ổn định chính trị, trật tự an toàn xã hội trên địa bàn'),
      c('III.3', 'Khoản 3', 'Xây dựng Đảng bộ, hệ thống chính trị trong sạch, vững mạnh'),
      c('IV', 'Mục IV', 'Tổ chức thực hiện'),
    ],
  },
  {
    input: {
      kind: 'ket_luan',
      numberSymbol: '21-KL/TW',
      issuerName: 'Bộ Chính trị',
      issuedOn: '2017-10-24',
      term: 'XII',
      summary: 'Về sơ kết 5 năm thực hiện Nghị quyết 16-NQ/TW của Bộ Chính trị khóa XI về phương hướng, nhiệm vụ phát triển Thành phố Hồ Chí Minh đến năm 2020',
    },
    clauses: [
      c('1', 'Khoản 1', 'Đánh giá kết quả 5 năm thực hiện Nghị quyết 16-NQ/TW'),
      c('2', 'Khoản 2', 'Tiếp tục thực hiện Nghị quyết 16-NQ/TW đến năm 2020; bảo đảm an ninh chính trị, trật tự an toàn xã hội'),
      c('3', 'Khoản 3', 'Tổ chức thực hiện'),
    ],
  },
  {
    input: {
      kind: 'nghi_quyet',
      numberSymbol: '54/2017/QH14',
      issuerName: 'Quốc hội',
      issuedOn: '2017-11-24',
      term: 'XIV',
      summary: 'Về thí điểm cơ chế, chính sách đặc thù phát triển Thành phố Hồ Chí Minh',
    },
    clauses: [
      c('1', 'Điều 1', 'Phạm vi điều chỉnh và đối tượng áp dụng'),
      c('2', 'Điều 2', 'Quản lý đất đai, đầu tư, tài chính – ngân sách'),
      c('3', 'Điều 3', 'Tổ chức bộ máy chính quyền Thành phố'),
      c('4', 'Điều 4', 'Tổ chức thực hiện'),
    ],
  },
  {
    input: {
      kind: 'nghi_quyet',
      numberSymbol: '28-NQ/TW',
      issuerName: 'Ban Chấp hành Trung ương',
      issuedOn: '2013-10-25',
      term: 'XI',
      plenum: 8,
      summary: 'Về Chiến lược bảo vệ Tổ quốc trong tình hình mới',
    },
    clauses: [
      c('I', 'Mục I', 'Tình hình, nguyên nhân'),
      c('II', 'Mục II', 'Quan điểm chỉ đạo, mục tiêu'),
      c('III', 'Mục III', 'Nhiệm vụ, giải pháp'),
      c('III.1', 'Khoản 1', 'Giữ vững ổn định chính trị, bảo đảm an ninh quốc gia, trật tự an toàn xã hội'),
      c('III.2', 'Khoản 2', 'Kết hợp chặt chẽ phát triển kinh tế - xã hội với tăng cường quốc phòng, an ninh'),
    ],
  },
  {
    input: {
      kind: 'chi_thi',
      numberSymbol: '46-CT/TW',
      issuerName: 'Bộ Chính trị',
      issuedOn: '2015-06-22',
      term: 'XI',
      summary: 'Về tăng cường sự lãnh đạo của Đảng đối với công tác bảo đảm an ninh, trật tự trong tình hình mới',
    },
    clauses: [
      c('1', 'Khoản 1', 'Tăng cường tuyên truyền, giáo dục, nâng cao nhận thức về công tác bảo đảm an ninh, trật tự'),
      c('2', 'Khoản 2', 'Phát huy sức mạnh tổng hợp của cả hệ thống chính trị và toàn dân'),
      c('3', 'Khoản 3', 'Chủ động phòng ngừa, đấu tranh, trấn áp tội phạm'),
      c('4', 'Khoản 4', 'Xây dựng lực lượng Công an nhân dân trong sạch, vững mạnh'),
    ],
  },
  {
    input: {
      kind: 'nghi_quyet',
      numberSymbol: '04-NQ/TW',
      issuerName: 'Ban Chấp hành Trung ương',
      issuedOn: '2016-10-30',
      term: 'XII',
      plenum: 4,
      summary: 'Về tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện "tự diễn biến", "tự chuyển hóa" trong nội bộ',
    },
    clauses: [
      c('I', 'Mục I', 'Tình hình'),
      c('II', 'Mục II', 'Mục tiêu, quan điểm'),
      c('III', 'Mục III', 'Nhiệm vụ, giải pháp'),
    ],
  },
];

/** The conference of the report. Co-chairs with their positions at that time (as the report gives them). */
export const DEMO_CONFERENCE = {
  kind: 'coordination' as const,
  title: 'Hội nghị tăng cường phối hợp lãnh đạo, chỉ đạo bảo đảm an ninh trật tự trên địa bàn Thành phố Hồ Chí Minh',
  /** Placeholder: the report gives no date (see the note at the top). */
  heldOn: '2018-01-06',
  place: 'Thành phố Hồ Chí Minh',
  hostUnit: 'TU-HCM-BTV',
  chairs: [
    { name: 'Nguyễn Thiện Nhân', rank: null, titles: ['Ủy viên Bộ Chính trị', 'Bí thư Thành ủy Thành phố Hồ Chí Minh'] },
    { name: 'Tô Lâm', rank: 'Thượng tướng', titles: ['Ủy viên Bộ Chính trị', 'Bí thư Đảng ủy Công an Trung ương', 'Bộ trưởng Bộ Công an'] },
  ],
  units: [
    { code: 'TU-HCM-BTV', role: 'party' as const },
    { code: 'DUCATW-BTV', role: 'party' as const },
    { code: 'CATP', role: 'participant' as const },
  ],
  documents: ['16-NQ/TW', '21-KL/TW', '54/2017/QH14', '28-NQ/TW', '46-CT/TW', '04-NQ/TW'],
  /** Conclusion items agreed by the two sides, in the report's order; `document` and `clause` anchor the item. */
  items: [
    { text: 'Tiếp tục quán triệt, tổ chức thực hiện hiệu quả Nghị quyết 28-NQ/TW về Chiến lược bảo vệ Tổ quốc trong tình hình mới và Chỉ thị 46-CT/TW về tăng cường sự lãnh đạo của Đảng đối với công tác bảo đảm an ninh trật tự', document: '46-CT/TW', clause: null },
    { text: 'Tuyên truyền, vận động cán bộ, đảng viên và nhân dân nâng cao nhận thức, tích cực tham gia phòng ngừa, đấu tranh, phòng, chống tội phạm', document: '46-CT/TW', clause: '1' },
    { text: 'Các cơ quan thường xuyên rà soát, đánh giá việc thực hiện chủ trương, chính sách phát triển kinh tế - văn hóa - xã hội gắn với tăng cường tiềm lực quốc phòng - an ninh, kịp thời chấn chỉnh, khắc phục thiếu sót', document: '28-NQ/TW', clause: 'III.2' },
    { text: 'Tăng cường bảo vệ an ninh kinh tế, kịp thời ngăn chặn hoạt động lợi dụng hợp tác kinh tế, thương mại, du lịch, đầu tư gây phương hại đến an ninh quốc gia', document: '28-NQ/TW', clause: 'III.1' },
    { text: 'Lực lượng công an Thành phố phối hợp với các ban, ngành, đoàn thể trong hệ thống chính trị Thành phố thực hiện nhiệm vụ bảo đảm an ninh trật tự', document: '46-CT/TW', clause: '2' },
    { text: 'Tham mưu cấp ủy, chính quyền các cấp lãnh đạo, chỉ đạo, xử lý có hiệu quả mọi tình huống phức tạp về an ninh trật tự', document: '16-NQ/TW', clause: 'III.2' },
    { text: 'Mở cao điểm tấn công trấn áp, truy nã tội phạm', document: '46-CT/TW', clause: '3' },
    { text: 'Chăm lo xây dựng Đảng, xây dựng lực lượng Công an nhân dân trong sạch, vững mạnh, gắn với thực hiện Nghị quyết Trung ương 4 (khóa XII)', document: '04-NQ/TW', clause: null },
  ],
};

export interface DemoCoordinationIds {
  /** Document ids by canonical symbol ("16-NQ/TW"). */
  documents: Record<string, string>;
  /** Clause ids by "<symbol> <ref>" ("46-CT/TW 3"). */
  clauses: Record<string, string>;
  conferenceId: string;
  /** Conclusion item ids in order. */
  itemIds: string[];
}

/**
 * Register the demo documents and the conference, through the same use cases as the API, acting
 * as the demo operator. Idempotent: what exists already (by symbol, by conference title) is
 * reused, and the ids are returned either way (the tasks of the demo year hang off them).
 */
export async function loadDemoCoordination(ctx: Ctx): Promise<DemoCoordinationIds> {
  const op = operatorActor('demo');
  const documents: Record<string, string> = {};
  const clauses: Record<string, string> = {};
  for (const d of DEMO_DOCUMENTS) {
    const symbol = d.input.numberSymbol!;
    const existing = await ctx.db.selectFrom('documents').select('id').where('symbol', '=', symbol).executeTakeFirst();
    const id = existing?.id ?? (await createDocument(ctx, op, { ...d.input, clauses: d.clauses })).id;
    documents[symbol] = id;
    for (const cl of await ctx.db.selectFrom('document_clauses').select(['id', 'ref']).where('document_id', '=', id).execute()) clauses[`${symbol} ${cl.ref}`] = cl.id;
  }
  const reviews = await ctx.db
    .selectFrom('document_relations')
    .select('relation')
    .where('from_document_id', '=', documents['21-KL/TW']!)
    .where('to_document_id', '=', documents['16-NQ/TW']!)
    .executeTakeFirst();
  if (!reviews) await addRelation(ctx, op, documents['21-KL/TW']!, { relation: 'reviews', toDocumentId: documents['16-NQ/TW']! });

  const existing = await ctx.db.selectFrom('conferences').select('id').where('title', '=', DEMO_CONFERENCE.title).executeTakeFirst();
  let conferenceId = existing?.id;
  if (!conferenceId) {
    const unit = async (code: string) => (await findUnitByCode(ctx.db, code))!.id;
    const created = await createConference(ctx, op, {
      kind: DEMO_CONFERENCE.kind,
      title: DEMO_CONFERENCE.title,
      heldOn: DEMO_CONFERENCE.heldOn,
      place: DEMO_CONFERENCE.place,
      hostUnitId: await unit(DEMO_CONFERENCE.hostUnit),
      chairs: DEMO_CONFERENCE.chairs.map((x) => ({ ...x, personId: null })),
      units: await Promise.all(DEMO_CONFERENCE.units.map(async (u) => ({ unitId: await unit(u.code), role: u.role }))),
      documentIds: DEMO_CONFERENCE.documents.map((s) => documents[s]!),
      items: DEMO_CONFERENCE.items.map((it) => ({ text: it.text, documentId: documents[it.document]!, clauseId: it.clause ? clauses[`${it.document} ${it.clause}`]! : null })),
    });
    conferenceId = created.id;
  }
  const items = await ctx.db.selectFrom('conference_items').select('id').where('conference_id', '=', conferenceId).orderBy('ordinal').execute();
  return { documents, clauses, conferenceId, itemIds: items.map((i) => i.id) };
}
