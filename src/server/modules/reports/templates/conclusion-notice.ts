import type { Conference } from '../../../../contracts/conferences.ts';
import type { Task } from '../../../../contracts/tasks.ts';
import type { Block, OfficialDocument, Section } from '../official-document.ts';
import { issued, joinVi, paragraph, viLongDate, type Issue } from './common.ts';
import { viDate } from '../../../kernel/calendar.ts';

/**
 * Thông báo kết luận (conclusion notice of a conference), shared/domain §6.2 [M: structure from
 * practice]: lead paragraph (date, place, chair, attendees, topic) ending "… kết luận như sau:";
 * "1. Đánh giá chung" when given; "2. Nhiệm vụ cụ thể" with one numbered point per conclusion
 * item and, for every task created from it, "Giao <lead> chủ trì, phối hợp <units>; hoàn thành
 * trước ngày …"; closing "<issuer> thông báo để các cơ quan, đơn vị biết, thực hiện./."; Nơi nhận.
 * Type "THÔNG BÁO", abbreviation TB in both systems (NĐ 30/2020 Phụ lục III; HD 36 practice). Pure.
 */

export interface ConclusionNoticeInput {
  conference: Conference;
  /** Visible tasks created from the conference's items (source.conferenceItemId). */
  tasks: readonly Task[];
  issue: Issue;
  /** Optional "Đánh giá chung" paragraphs (ghi nhận, biểu dương; hạn chế). */
  assessment?: readonly string[];
}

/** "đồng chí Nguyễn Thiện Nhân, Ủy viên Bộ Chính trị, Bí thư Thành ủy Thành phố Hồ Chí Minh". */
export function chairPhrase(c: Conference['chairs'][number]): string {
  return `đồng chí ${[c.rank, c.name].filter(Boolean).join(' ')}${c.titles.length ? `, ${c.titles.join(', ')}` : ''}`;
}

/** "Giao Công an Thành phố chủ trì, phối hợp Sở Tư pháp, UBND phường Bến Thành; hoàn thành trước ngày 31/03/2026." */
export function assignmentSentence(t: Pick<Task, 'leadUnit' | 'coordinators' | 'deadlineOn'>): string {
  const coord = t.coordinators.map((c) => c.unitName);
  const who = `Giao ${t.leadUnit.name} chủ trì${coord.length ? `, phối hợp ${joinVi(coord)}` : ''}`;
  return `${who}${t.deadlineOn ? `; hoàn thành, báo cáo kết quả trước ngày ${viDate(t.deadlineOn)}` : ''}.`;
}

const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
const sentence = (s: string): string => (/[.!?:;]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

export function conclusionNotice(input: ConclusionNoticeInput): OfficialDocument {
  const { conference: c, tasks, issue } = input;
  const chairs = [...c.chairs].sort((a, b) => a.ordinal - b.ordinal);
  const attending = c.units.filter((u) => u.role === 'participant' || u.role === 'party').map((u) => u.name);
  const chairText = chairs.length ? joinVi(chairs.map(chairPhrase)) : null;
  const lead: Block[] = [
    paragraph(
      `${capitalise(viLongDate(c.heldOn))}${c.place ? `, tại ${c.place}` : ''}, ${chairText ? `${chairText} chủ trì ` : ''}${c.title}.${attending.length ? ` Tham dự có đại diện ${joinVi(attending)}.` : ''}`,
    ),
    paragraph(`Sau khi nghe báo cáo và ý kiến của các đại biểu, ${chairs.length > 1 ? 'các đồng chí chủ trì hội nghị' : chairs.length ? `đồng chí ${chairs[0]!.name}` : 'hội nghị'} kết luận như sau:`),
  ];
  const items = [...c.items].sort((a, b) => a.ordinal - b.ordinal);
  const points: Section[] = items.map((it) => {
    const own = tasks.filter((t) => t.source.conferenceItemId === it.id);
    return {
      title: sentence(it.text),
      blocks: own.map((t) => paragraph(assignmentSentence(t))),
    };
  });
  const sections: Section[] = [];
  if (input.assessment?.length) sections.push({ title: 'Đánh giá chung', blocks: input.assessment.map((p) => paragraph(p)) });
  sections.push(points.length ? { title: 'Nhiệm vụ cụ thể', sections: points } : { title: 'Nhiệm vụ cụ thể', blocks: [paragraph('Hội nghị không giao nhiệm vụ cụ thể.')] });
  const recipients = [...new Set([...c.units.map((u) => u.name), ...tasks.flatMap((t) => [t.leadUnit.name, ...t.coordinators.map((x) => x.unitName)])])];
  const subjectChair = chairs[0] ? `${chairs.length > 1 ? 'các đồng chí chủ trì' : `đồng chí ${chairs[0].name}`} ` : '';
  return {
    ...issued(issue, 'TB'),
    typeName: 'THÔNG BÁO',
    subject: `Kết luận của ${subjectChair}tại ${c.title.charAt(0).toLocaleLowerCase('vi')}${c.title.slice(1)}`,
    numbering: 'arabic',
    opening: lead,
    sections,
    closing: [paragraph(`${issue.issuerName} thông báo để các cơ quan, đơn vị biết, thực hiện.`)],
    recipients,
  };
}
