import type { Decision, Grant } from '../../../contracts/awards.ts';
import type { Block, OfficialDocument } from '../reports/official-document.ts';
import { symbolOf } from '../reports/official-document.ts';
import { AWARD_TITLES_VI } from './award.ts';
import { viDate } from '../../kernel/calendar.ts';

/**
 * The decision (quyết định khen thưởng) and the certificate as official documents, built with the
 * reports module's builder in the state format of Nghị định 30/2020/NĐ-CP (Phụ lục I; Mẫu 1.4
 * "văn bản có tên loại"). The decision's body follows the usual shape of a quyết định cá biệt
 * (căn cứ …; "QUYẾT ĐỊNH:"; Điều 1 awards those listed in the appendix, Điều 2 effect, Điều 3
 * execution) [M: practice]; the list of awardees is a table in "Phụ lục" (NĐ 30 PL I: phụ lục
 * kèm theo). The certificate is a simple page carrying the same number and date [M: the artefact
 * design is set by the awarding body, e.g. TT 22/2025/TT-BCA for CAND artefacts — not reproduced].
 * Pure.
 */

const BY_MINISTRY = /^Bộ\s/u;

/** Địa danh: the ministry signs in Hà Nội; city bodies in Thành phố Hồ Chí Minh. */
const placeOf = (issuerName: string): string => (BY_MINISTRY.test(issuerName) ? 'Hà Nội' : 'Thành phố Hồ Chí Minh');

const p = (text: string, o: { bold?: boolean; align?: 'center' | 'justify' | 'left' | 'right'; indent?: boolean } = {}): Block => ({
  kind: 'paragraph',
  text: o.bold ? { text, bold: true } : text,
  ...(o.align ? { align: o.align } : {}),
  ...(o.indent === false ? { indent: false } : {}),
});


function numberParts(symbol: string): { number: number; symbol: string } {
  return { number: Number(symbol.slice(0, symbol.indexOf('/'))), symbol: symbolOf('state', symbol) };
}

/** Legal bases of the decision; decisions before the 2022 law (recorded ones) cite only the proposal. */
function basisOf(d: Decision): string[] {
  const out: string[] = [];
  if (d.decidedOn >= '2024-01-01') {
    out.push('Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022');
    out.push('Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng');
    if (d.kind === 'knc_bv_antq' && d.decidedOn >= '2025-04-28') out.push('Căn cứ Thông tư số 20/2025/TT-BCA ngày 14 tháng 3 năm 2025 của Bộ trưởng Bộ Công an quy định về Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”');
  }
  out.push(d.recorded ? 'Xét đề nghị của cơ quan, đơn vị có liên quan' : 'Xét đề nghị của Hội đồng Thi đua - Khen thưởng');
  return out;
}

/** The decision's issuing body, number and symbol, place and date: the header of both documents. */
function issuedBy(d: Decision) {
  return {
    system: 'state' as const,
    ...(d.parentBody ? { parentBody: d.parentBody.toLocaleUpperCase('vi') } : {}),
    issuingBody: d.issuerName.toLocaleUpperCase('vi'),
    issuerName: d.issuerName,
    ...numberParts(d.symbol),
    place: placeOf(d.issuerName),
    date: d.decidedOn,
  };
}

export function awardDecisionDocument(d: Decision): OfficialDocument {
  const n = d.grants.length;
  const persons = d.grants.filter((g) => g.nomineeType === 'person').length;
  const who = [persons ? `${persons} cá nhân` : null, n - persons ? `${n - persons} tập thể` : null].filter(Boolean).join(' và ');
  const title = AWARD_TITLES_VI[d.kind];
  return {
    ...issuedBy(d),
    typeName: 'QUYẾT ĐỊNH',
    subject: d.summary,
    basis: basisOf(d),
    opening: [p('QUYẾT ĐỊNH:', { bold: true, align: 'center', indent: false })],
    sections: [],
    closing: [
      p(`Điều 1. Tặng ${title} cho ${who} có tên trong danh sách kèm theo Quyết định này, đã có thành tích xuất sắc trong công tác bảo đảm an ninh, trật tự.`),
      p('Điều 2. Quyết định này có hiệu lực kể từ ngày ký.'),
      p('Điều 3. Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.'),
    ],
    recipients: ['Như Điều 3', 'Hội đồng Thi đua - Khen thưởng'],
    archive: ['VT', 'TĐKT'],
    signature: { title: d.signerTitle.toLocaleUpperCase('vi'), signerName: d.signerName },
    appendices: [
      {
        title: `DANH SÁCH ĐƯỢC TẶNG ${title.toLocaleUpperCase('vi')}`,
        blocks: [
          {
            kind: 'table',
            columns: [
              { header: 'STT', width: 8, align: 'center' },
              { header: 'Họ và tên / Tập thể', width: 32 },
              { header: 'Chức vụ, đơn vị', width: 35 },
              { header: 'Thành tích', width: 25 },
            ],
            rows: d.grants.map((g, i) => [String(i + 1), g.awardeeName, g.awardeeTitle ?? g.unitName, g.citation ?? '']),
          },
        ],
      },
    ],
  };
}

/** A simple certificate (giấy chứng nhận) for one awardee, with the decision's number and date. */
export function awardCertificateDocument(g: Grant, d: Decision): OfficialDocument {
  return {
    ...issuedBy(d),
    typeName: 'GIẤY CHỨNG NHẬN',
    subject: AWARD_TITLES_VI[g.kind],
    opening: [
      p(`${d.signerTitle.charAt(0)}${d.signerTitle.slice(1).toLocaleLowerCase('vi')} ${d.issuerName} tặng`, { align: 'center', indent: false }),
      p(g.awardeeName, { bold: true, align: 'center', indent: false }),
      p(g.awardeeTitle ?? g.unitName, { align: 'center', indent: false }),
      p(g.citation ?? 'Đã có thành tích xuất sắc trong công tác bảo đảm an ninh, trật tự.', { align: 'center', indent: false }),
      p(`Theo Quyết định số ${d.symbol} ngày ${viDate(d.decidedOn)}.`, { align: 'center', indent: false }),
    ],
    sections: [],
    recipients: [g.awardeeName],
    archive: ['VT', 'TĐKT'],
    signature: { title: d.signerTitle.toLocaleUpperCase('vi'), signerName: d.signerName },
  };
}

export const decisionFilename = (d: Pick<Decision, 'symbol'>) => `Quyết định ${d.symbol.replace(/\//g, '-')} khen thưởng.docx`;
export const certificateFilename = (g: Pick<Grant, 'awardeeName'>, d: Pick<Decision, 'symbol'>) => `Giấy chứng nhận ${g.awardeeName} (${d.symbol.replace(/\//g, '-')}).docx`;
