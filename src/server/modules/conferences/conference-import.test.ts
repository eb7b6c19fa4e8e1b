import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftConferenceFromText, type ConferenceDraft } from './conference-import.ts';

const fixture = fs.readFileSync(path.resolve(process.cwd(), '../shared/fixtures/hoi-nghi-phoi-hop-antt-tphcm.txt'), 'utf8');

const MINUTES = `THÔNG BÁO KẾT LUẬN
của Phó Chủ tịch Ủy ban nhân dân Thành phố Nguyễn Văn An tại cuộc họp về công tác phòng, chống tội phạm về ma túy

Ngày 12/5/2026, tại trụ sở Ủy ban nhân dân Thành phố, đồng chí Nguyễn Văn An, Phó Chủ tịch Ủy ban nhân dân Thành phố chủ trì cuộc họp về công tác phòng, chống tội phạm về ma túy. Tham dự có đại diện lãnh đạo Công an Thành phố, Sở Tư pháp, Sở Y tế và Ủy ban nhân dân các phường, xã, đặc khu.
Sau khi nghe Công an Thành phố báo cáo kết quả thực hiện Kế hoạch số 34/KH-UBND ngày 05/01/2026 và ý kiến của các đại biểu, Phó Chủ tịch Ủy ban nhân dân Thành phố kết luận như sau:
1. Đánh giá chung:
Ghi nhận, biểu dương Công an Thành phố đã chủ động tham mưu, triển khai nhiều giải pháp hiệu quả.
2. Giao Công an Thành phố chủ trì, phối hợp Sở Tư pháp, Ủy ban nhân dân các phường, xã, đặc khu rà soát, lập danh sách người sử dụng trái phép chất ma túy trên địa bàn, hoàn thành trước ngày 30/6/2026.
3. Giao Sở Y tế chủ trì, phối hợp Công an Thành phố triển khai điều trị nghiện bằng thuốc thay thế theo Nghị định 116/2021/NĐ-CP; báo cáo kết quả trước ngày 15/7/2026.
4. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố tăng cường tuyên truyền, vận động nhân dân tham gia phòng, chống ma túy.
Văn phòng Ủy ban nhân dân Thành phố thông báo để các cơ quan, đơn vị biết, thực hiện./.
Nơi nhận:
- Như trên;
- Lưu: VT, NC.
`;

const EMPTY: Omit<ConferenceDraft, 'title' | 'ignoredLines'> = { coChairs: [], parties: [], documents: [], conclusionItems: [], awards: [] };

describe('draftConferenceFromText: the TTXVN report (shared/fixtures)', () => {
  const draft = draftConferenceFromText(fixture);

  it('takes the headline as title', () => {
    expect(draft.title).toBe('Tăng cường phối hợp lãnh đạo, chỉ đạo bảo đảm an ninh trật tự trên địa bàn Thành phố Hồ Chí Minh');
  });

  it('reads the co-chairs with rank and positions', () => {
    expect(draft.coChairs).toEqual([
      { name: 'Nguyễn Thiện Nhân', titles: ['Ủy viên Bộ Chính trị', 'Bí thư Thành ủy Thành phố Hồ Chí Minh'] },
      { name: 'Tô Lâm', rank: 'Thượng tướng', titles: ['Ủy viên Bộ Chính trị', 'Bí thư Đảng ủy Công an Trung ương', 'Bộ trưởng Bộ Công an'] },
    ]);
  });

  it('reads the two parties', () => {
    expect(draft.parties).toEqual(['Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh', 'Ban Thường vụ Đảng ủy Công an Trung ương']);
  });

  it('lists the six documents referred to, once each', () => {
    expect(draft.documents.map(({ kind, number, symbol, plenum, term, issuer, date }) => ({ kind, number, symbol, plenum, term, issuer, date }))).toEqual([
      { kind: 'nghi_quyet', number: 16, symbol: '16-NQ/TW', plenum: undefined, term: 'XI', issuer: 'Bộ Chính trị', date: undefined },
      { kind: 'ket_luan', number: 21, symbol: undefined, plenum: undefined, term: undefined, issuer: 'Bộ Chính trị', date: '2017-10-24' },
      { kind: 'nghi_quyet', number: 54, symbol: undefined, plenum: undefined, term: undefined, issuer: 'Quốc hội', date: undefined },
      { kind: 'nghi_quyet', number: 28, symbol: undefined, plenum: undefined, term: 'XI', issuer: 'Ban Chấp hành Trung ương', date: undefined },
      { kind: 'chi_thi', number: 46, symbol: undefined, plenum: undefined, term: undefined, issuer: 'Bộ Chính trị', date: undefined },
      { kind: 'nghi_quyet', number: undefined, symbol: undefined, plenum: 4, term: 'XII', issuer: 'Ban Chấp hành Trung ương', date: undefined },
    ]);
    for (const d of draft.documents) expect(fixture.slice(d.start, d.end)).toBe(d.text);
  });

  it.each([
    // [start of the clause, end of the clause] — the agreed lines of work listed in shared/fixtures/README.md
    ['tuyên truyền, vận động cán bộ, đảng viên,', 'tích cực tham gia công tác phòng ngừa, đấu tranh, phòng, chống tội phạm, đảm bảo an ninh chính trị, trật tự an toàn xã hội'],
    ['Các cơ quan thường xuyên rà soát, đánh giá việc thực hiện', 'kịp thời chấn chỉnh, khắc phục những thiếu sót'],
    ['tăng cường công tác bảo vệ an ninh kinh tế', 'gây phương hại đến an ninh quốc gia'],
    ['tiếp tục chỉ đạo lực lượng công an Thành phố phối hợp với các ban, ngành, đoàn thể', 'thực hiện nhiệm vụ đảm bảo an ninh trật tự'],
    ['tham mưu cấp ủy, chính quyền các cấp', 'xử lý có hiệu quả mọi tình huống phức tạp về an ninh trật tự'],
    ['mở cao điểm tấn công trấn áp, truy nã tội phạm', 'mở cao điểm tấn công trấn áp, truy nã tội phạm'],
    ['tập trung chăm lo công tác xây dựng Đảng, xây dựng lực lượng Công an nhân dân', 'về tăng cường xây dựng, chỉnh đốn Đảng'],
  ])('agreed line of work: %s…', (start, end) => {
    const found = draft.conclusionItems.filter((c) => c.text.startsWith(start) && c.text.endsWith(end));
    expect(found).toEqual([expect.objectContaining({ source: 'agreed' })]);
  });

  it('keeps the leaders’ instructions as directed items and skips the purpose clause of the opening speech', () => {
    const directed = draft.conclusionItems.filter((c) => c.source === 'directed').map((c) => c.text);
    expect(directed).toContain('tiếp tục phối hợp sâu rộng, hiệu quả hơn nữa');
    expect(directed).toContain('thực hiện Nghị quyết 54 của Quốc hội về Quy chế đặc thù cho Thành phố Hồ Chí Minh');
    expect(draft.conclusionItems.some((c) => c.text.startsWith('chủ trương, phương hướng, nhiệm vụ, giải pháp'))).toBe(false);
    expect(draft.conclusionItems).toHaveLength(17);
    for (const c of draft.conclusionItems) expect(c.text).not.toMatch(/Ảnh:|^\s|[\s;,.]$/u);
  });

  it('reads the award from the body, not from the photo caption', () => {
    expect(draft.awards).toEqual([{ name: 'Kỷ niệm chương "Bảo vệ an ninh Tổ quốc"', count: 5, recipients: ['đồng chí lãnh đạo Thành phố'] }]);
  });

  it('drops photo captions, their wrapped first line and the trailing "Đề xuất"', () => {
    expect(draft.ignoredLines).toEqual([
      'Ông Nguyễn Thiện Nhân, Ủy viên Bộ Chính trị, Bí thư Thành ủy Thành phố',
      'Hồ Chí Minh phát biểu khai mạc Hội nghị. Ảnh: Xuân Khu - TTXVN',
      'Quang cảnh Hội nghị. Ảnh: Xuân Khu - TTXVN',
      'Thượng tướng Tô Lâm, Ủy viên Bộ Chính trị, Bí thư Đảng ủy Công an Trung ương, Bộ trưởng Bộ Công an phát biểu tại Hội nghị. Ảnh: Xuân Khu - TTXVN',
      expect.stringMatching(/^Bộ trưởng Bộ Công an Tô Lâm trao tặng kỷ niệm chương .* Ảnh: Xuân Khu - TTXVN$/u),
      'Đề xuất',
    ]);
  });

  it('reads NFD and CRLF input the same way', () => {
    const other = draftConferenceFromText(fixture.normalize('NFD').replace(/\n/g, '\r\n'));
    const strip = (d: ConferenceDraft) => ({ ...d, documents: d.documents.map(({ start: _s, end: _e, text: _t, subject, ...r }) => ({ ...r, subject: subject?.normalize('NFC') })) });
    expect(strip(other)).toEqual(strip(draft));
  });
});

describe('draftConferenceFromText: a conclusion notice (minutes)', () => {
  const draft = draftConferenceFromText(MINUTES);

  it('joins the printed heading and its summary into the title', () => {
    expect(draft.title).toBe(
      'THÔNG BÁO KẾT LUẬN của Phó Chủ tịch Ủy ban nhân dân Thành phố Nguyễn Văn An tại cuộc họp về công tác phòng, chống tội phạm về ma túy',
    );
  });

  it('reads the chair after a lead-in', () => {
    expect(draft.coChairs).toEqual([{ name: 'Nguyễn Văn An', titles: ['Phó Chủ tịch Ủy ban nhân dân Thành phố'] }]);
  });

  it('turns each numbered conclusion into one agreed item, deadline included; headings and the distribution list are not items', () => {
    expect(draft.conclusionItems).toEqual([
      {
        source: 'agreed',
        text: 'Giao Công an Thành phố chủ trì, phối hợp Sở Tư pháp, Ủy ban nhân dân các phường, xã, đặc khu rà soát, lập danh sách người sử dụng trái phép chất ma túy trên địa bàn, hoàn thành trước ngày 30/6/2026',
      },
      {
        source: 'agreed',
        text: 'Giao Sở Y tế chủ trì, phối hợp Công an Thành phố triển khai điều trị nghiện bằng thuốc thay thế theo Nghị định 116/2021/NĐ-CP; báo cáo kết quả trước ngày 15/7/2026',
      },
      { source: 'agreed', text: 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố tăng cường tuyên truyền, vận động nhân dân tham gia phòng, chống ma túy' },
    ]);
  });

  it('lists the documents and nothing else', () => {
    expect(draft.documents.map((d) => d.symbol)).toEqual(['34/KH-UBND', '116/2021/NĐ-CP']);
    expect(draft.parties).toEqual([]);
    expect(draft.awards).toEqual([]);
    expect(draft.ignoredLines).toEqual([]);
  });
});

describe('draftConferenceFromText: other texts', () => {
  it.each([
    ['', []],
    ['   \n\n\t', []],
    ['Dự báo thời tiết Thành phố Hồ Chí Minh\n\nTrời nắng, nhiệt độ cao nhất 35 độ C. Chiều tối có mưa rào.\nXem thêm\n', ['Xem thêm']],
    ['\u0000\ud800 ??? ,,, ;;; ...', []],
  ])('no conference content → an empty draft: %j', (text, ignored) => {
    expect(draftConferenceFromText(text)).toEqual({ title: '', ...EMPTY, ignoredLines: ignored });
  });

  it.each([
    [
      'Hội nghị do ông Phan Văn Mãi, Chủ tịch Ủy ban nhân dân Thành phố và Trung tướng Lê Hồng Nam, Giám đốc Công an Thành phố đồng chủ trì.',
      [
        { name: 'Phan Văn Mãi', titles: ['Chủ tịch Ủy ban nhân dân Thành phố'] },
        { name: 'Lê Hồng Nam', rank: 'Trung tướng', titles: ['Giám đốc Công an Thành phố'] },
      ],
    ],
    [
      'Dưới sự đồng chủ trì của đồng chí Nguyễn Văn Nên, Bí thư Thành ủy và Đại tướng Lương Tam Quang, Bộ trưởng Bộ Công an, Hội nghị đã thảo luận.',
      [
        { name: 'Nguyễn Văn Nên', titles: ['Bí thư Thành ủy'] },
        { name: 'Lương Tam Quang', rank: 'Đại tướng', titles: ['Bộ trưởng Bộ Công an'] },
      ],
    ],
    [
      'Đồng chủ trì Hội nghị có bà Nguyễn Thị Lệ, Chủ tịch Hội đồng nhân dân Thành phố và ông Võ Văn Hoan, Phó Chủ tịch Ủy ban nhân dân Thành phố.',
      [
        { name: 'Nguyễn Thị Lệ', titles: ['Chủ tịch Hội đồng nhân dân Thành phố'] },
        { name: 'Võ Văn Hoan', titles: ['Phó Chủ tịch Ủy ban nhân dân Thành phố'] },
      ],
    ],
    ['Giao Công an Thành phố chủ trì, phối hợp Sở Tư pháp thực hiện.', []],
  ])('co-chairs: %s', (text, coChairs) => {
    expect(draftConferenceFromText(`Hội nghị\n${text}`).coChairs).toEqual(coChairs);
  });

  it.each([
    ['Ban Thường vụ Thành ủy và Ban Cán sự đảng Ủy ban nhân dân Thành phố tổ chức hội nghị.', ['Ban Thường vụ Thành ủy', 'Ban Cán sự đảng Ủy ban nhân dân Thành phố']],
    ['Đảng ủy Công an Trung ương, Bộ Công an và Thành ủy Thành phố Hồ Chí Minh phối hợp.', ['Đảng ủy Công an Trung ương', 'Bộ Công an', 'Thành ủy Thành phố Hồ Chí Minh']],
    ['Ban Thường vụ Thành ủy ban hành Kế hoạch số 12-KH/TU.', []],
  ])('parties: %s', (text, parties) => {
    expect(draftConferenceFromText(`Hội nghị\n${text}`).parties).toEqual(parties);
  });

  it.each([
    ['Chủ tịch nước trao tặng Huân chương Bảo vệ Tổ quốc hạng Ba cho Công an phường Bến Thành.', [{ name: 'Huân chương Bảo vệ Tổ quốc hạng Ba', recipients: ['Công an phường Bến Thành'] }]],
    [
      'Dịp này, Ủy ban nhân dân Thành phố tặng Bằng khen cho 3 tập thể và 5 cá nhân có thành tích xuất sắc.',
      [{ name: 'Bằng khen', count: 8, recipients: ['3 tập thể', '5 cá nhân'] }],
    ],
    ['Bộ trưởng đã tặng Kỷ niệm chương «Bảo vệ an ninh Tổ quốc» cho năm đồng chí.', [{ name: 'Kỷ niệm chương "Bảo vệ an ninh Tổ quốc"', count: 5, recipients: ['đồng chí'] }]],
    ['Hội nghị nhận được nhiều ý kiến về danh hiệu thi đua.', []],
  ])('awards: %s', (text, awards) => {
    expect(draftConferenceFromText(`Hội nghị\n${text}`).awards).toEqual(awards);
  });

  it.each([
    ['Chia sẻ', true], ['Facebook Zalo Email', true], ['Tin liên quan:', true], ['Xem thêm >>', true], ['Ảnh: TTXVN', true],
    ['(Ảnh minh họa)', true], ['Lực lượng chức năng kiểm tra hành chính. Ảnh: CAND', true],
    ['Hội nghị đã thảo luận đề xuất của Công an Thành phố.', false], ['Các đại biểu chụp ảnh lưu niệm.', false],
  ])('noise line %j → %s', (line, ignored) => {
    const draft = draftConferenceFromText(`Hội nghị giao ban\nĐoạn mở đầu.\n${line}\nĐoạn kết.`);
    expect(draft.ignoredLines).toEqual(ignored ? [line] : []);
  });
});
