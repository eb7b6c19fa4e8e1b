import type { OfficialDocument } from './official-document.ts';

/** Sample documents for tests and for the samples under artifacts/reports (invented content). */
export const STATE_SAMPLE: OfficialDocument = {
  system: 'state',
  parentBody: 'Bộ Công an',
  issuingBody: 'Công an Thành phố Hồ Chí Minh',
  issuerName: 'Công an Thành phố Hồ Chí Minh',
  number: 15,
  symbol: 'BC-CATP',
  place: 'Thành phố Hồ Chí Minh',
  date: '2026-01-05',
  typeName: 'Báo cáo',
  subject: 'Sơ kết công tác phối hợp bảo đảm an ninh, trật tự quý IV năm 2025',
  kinhGui: ['Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh'],
  opening: [{ kind: 'paragraph', text: 'Thực hiện Kế hoạch số 34/KH-UBND ngày 10 tháng 3 năm 2025 của Ủy ban nhân dân Thành phố, Công an Thành phố báo cáo như sau:' }],
  sections: [
    { title: 'Đặc điểm tình hình', blocks: [{ kind: 'paragraph', text: 'Tình hình an ninh, trật tự trên địa bàn cơ bản ổn định.' }] },
    {
      title: 'Kết quả thực hiện',
      sections: [
        {
          title: 'Kết quả thực hiện các nhiệm vụ',
          blocks: [
            {
              kind: 'table',
              columns: [
                { header: 'STT', width: 8, align: 'center' },
                { header: 'Đơn vị', width: 52 },
                { header: 'Nhiệm vụ', width: 20, align: 'right' },
                { header: 'Đúng hạn', width: 20, align: 'right' },
              ],
              rows: [
                ['1', 'Công an phường Bến Thành', '12', '10'],
                ['2', 'Công an phường Sài Gòn', '8', '8'],
              ],
            },
          ],
          sections: [{ title: 'Ưu điểm', blocks: [{ kind: 'paragraph', text: 'Các đơn vị phối hợp chặt chẽ.' }] }],
        },
      ],
    },
  ],
  closing: [{ kind: 'paragraph', text: 'Công an Thành phố báo cáo Ban Thường vụ Thành ủy.' }],
  recipients: ['Ban Thường vụ Thành ủy (để báo cáo)', 'Ủy ban nhân dân Thành phố'],
  archive: ['VT', 'PV01'],
  signature: { prefix: 'KT', authority: 'Giám đốc', title: 'Phó Giám đốc', signerName: 'Thiếu tướng Lê Quang Hưng' },
  appendices: [
    {
      title: 'Số liệu vụ việc theo loại',
      blocks: [{ kind: 'table', columns: [{ header: 'Loại', width: 60 }, { header: 'Kỳ này', width: 20, align: 'right' }, { header: 'Cùng kỳ', width: 20, align: 'right' }], rows: [['Trộm cắp tài sản', '41', '52']] }],
    },
  ],
};

export const PARTY_SAMPLE: OfficialDocument = {
  system: 'party',
  parentBody: 'Đảng bộ Thành phố Hồ Chí Minh',
  issuingBody: 'Đảng ủy Công an Thành phố',
  number: 12,
  symbol: 'BC/ĐU',
  place: 'Thành phố Hồ Chí Minh',
  date: '2026-03-15',
  typeName: 'Báo cáo',
  subject: 'Kết quả lãnh đạo công tác bảo đảm an ninh, trật tự quý I năm 2026',
  sections: [{ title: 'Tình hình', blocks: [{ kind: 'paragraph', text: 'Nội dung báo cáo.' }] }],
  recipients: ['Ban Thường vụ Thành ủy'],
  archive: ['Văn phòng Đảng ủy'],
  signature: { prefix: 'TM', authority: 'Ban Thường vụ', title: 'Phó Bí thư', signerName: 'Lê Quang Hưng' },
};
