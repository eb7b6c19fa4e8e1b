import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Conference } from '../../src/contracts/conferences.ts';
import type { Task } from '../../src/contracts/tasks.ts';
import { buildOfficialDocx, type OfficialDocument } from '../../src/server/modules/reports/official-document.ts';
import { sampleCompilation } from '../../src/server/modules/reports/review-report.fixtures.ts';
import { assignmentList } from '../../src/server/modules/reports/templates/assignment-list.ts';
import type { Issue } from '../../src/server/modules/reports/templates/common.ts';
import { conclusionNotice } from '../../src/server/modules/reports/templates/conclusion-notice.ts';
import { reviewReport } from '../../src/server/modules/reports/templates/review-report.ts';

/**
 * LibreOffice opens what we write: one document of each template is converted to PDF with
 * `soffice --headless --convert-to pdf` and the PDF's text (pdftotext, poppler-utils) is checked.
 * CI installs both (.ci/run); there a missing tool fails the run. Elsewhere the test is skipped
 * with the reason printed. The PDFs and DOCX files are kept under artifacts/reports/.
 */
const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const TOOLS = has('soffice') && has('pdftotext');
const IN_CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const ARTIFACTS = path.resolve('artifacts/reports');
if (!TOOLS && !IN_CI)
  console.warn('\n⚠ reports-pdf: SKIPPED — soffice and/or pdftotext not installed (apt-get install --no-install-recommends libreoffice-writer-nogui poppler-utils). CI runs it.\n');

const issue = (system: 'state' | 'party'): Issue => ({
  system,
  ...(system === 'party' ? { parentBody: 'Đảng bộ Thành phố Hồ Chí Minh', issuingBody: 'Ban Thường vụ Thành ủy', issuerName: 'Ban Thường vụ Thành ủy', issuerSymbol: 'TU' } : { parentBody: 'Bộ Công an', issuingBody: 'Công an Thành phố Hồ Chí Minh', issuerName: 'Công an Thành phố Hồ Chí Minh', issuerSymbol: 'CATP' }),
  number: 15,
  place: 'Thành phố Hồ Chí Minh',
  date: '2026-01-05',
  draftYear: 2026,
  signature: system === 'party' ? { prefix: 'TM', authority: 'Ban Thường vụ', title: 'Phó Bí thư', signerName: 'Hoàng Gia Minh' } : { prefix: 'KT', authority: 'Giám đốc', title: 'Phó Giám đốc', signerName: 'Thiếu tướng Lê Quang Hưng' },
  archive: ['VT'],
});

const unit = (n: number, name: string) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, name });
const task = (n: number, title: string, itemId: string | null): Task =>
  ({
    id: `00000000-0000-4000-9000-00000000000${n}`,
    number: n,
    code: `NV-${n}`,
    title,
    description: null,
    source: { kind: itemId ? 'conference_item' : 'none', documentId: null, documentLabel: null, clauseId: null, clauseLabel: null, conferenceItemId: itemId, conferenceId: null, parentId: null },
    assigningUnit: unit(1, 'Ban Thường vụ Thành ủy'),
    leadUnit: unit(2, 'Công an Thành phố Hồ Chí Minh'),
    coordinators: [{ unitId: unit(3, 'x').id, unitName: 'Sở Tư pháp' }, { unitId: unit(4, 'x').id, unitName: 'Ủy ban nhân dân phường Bến Thành' }],
    assignedOn: '2026-01-05',
    deadlineOn: '2026-03-31',
    status: 'in_progress',
  }) as unknown as Task;

const conference = {
  id: '00000000-0000-4000-8000-000000000100',
  kind: 'coordination',
  title: 'Hội nghị phối hợp bảo đảm an ninh, trật tự dịp Tết Nguyên đán',
  heldOn: '2026-01-03',
  place: 'Hội trường Thành ủy',
  chairs: [{ ordinal: 0, name: 'Hoàng Gia Minh', rank: null, titles: ['Phó Bí thư Thành ủy'], personId: null }],
  units: [{ unitId: unit(2, 'x').id, code: 'CATP', name: 'Công an Thành phố Hồ Chí Minh', role: 'participant' }],
  items: [{ id: '00000000-0000-4000-8000-000000000200', ordinal: 0, text: 'Tăng cường tuần tra, kiểm soát dịp Tết', documentId: null, documentSymbol: null, clauseId: null, clauseRef: null }],
} as unknown as Conference;

const DOCS: [name: string, doc: OfficialDocument, texts: string[]][] = [
  ['conclusion-notice', conclusionNotice({ conference, tasks: [task(1, 'Tuần tra Tết', '00000000-0000-4000-8000-000000000200')], issue: issue('party') }), ['ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 15-TB/TU', 'THÔNG BÁO', 'Giao Công an Thành phố Hồ Chí Minh chủ trì', 'T/M BAN THƯỜNG VỤ']],
  ['assignment-list', assignmentList({ tasks: [task(1, 'Tuần tra Tết', null), task(2, 'Tuyên truyền phòng, chống tội phạm', null)], filters: 'tất cả nhiệm vụ trong phạm vi', asOf: '2026-01-05', issue: issue('state') }), ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 15/TB-CATP', 'Danh sách nhiệm vụ phân công', 'Tuần tra Tết (NV-1)', 'KT. GIÁM ĐỐC']],
  ['review-report', reviewReport({ compilation: sampleCompilation({ units: 12, actions: 4 }), issue: issue('state') }), ['BÁO CÁO', 'ĐẶC ĐIỂM TÌNH HÌNH', 'KẾT QUẢ THỰC HIỆN', 'PHƯƠNG HƯỚNG', 'ĐỀ XUẤT, KIẾN NGHỊ', 'Phụ lục', 'Nơi nhận:']],
];

describe('official documents open in LibreOffice (PDF text)', () => {
  it.runIf(!TOOLS && IN_CI)('CI has soffice and pdftotext', () => {
    expect.fail('soffice or pdftotext missing in CI: .ci/run installs libreoffice-writer-nogui and poppler-utils');
  });
  it.skipIf(!TOOLS).each(DOCS)('%s converts to PDF with its texts', async (name, doc, texts) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-lo-'));
    try {
      const docx = path.join(dir, `${name}.docx`);
      fs.writeFileSync(docx, await buildOfficialDocx(doc));
      // A private LibreOffice profile: parallel runs never share (and lock) one.
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 120_000, stdio: 'pipe' });
      const pdf = path.join(dir, `${name}.pdf`);
      expect(fs.existsSync(pdf)).toBe(true);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const s of texts) expect(text, s).toContain(s);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.copyFileSync(docx, path.join(ARTIFACTS, `${name}.docx`));
      fs.copyFileSync(pdf, path.join(ARTIFACTS, `${name}.pdf`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
