import type { DocumentReference } from '../../../contracts/documents.ts';
import { foldForSearch } from '../../kernel/text.ts';
import { dedupeReferences, findDocumentReferences } from '../documents/reference-finder.ts';

/**
 * Drafts a conference (hội nghị) from a pasted news report or meeting minutes: co-chairs, the
 * bodies that hold it, documents referred to, candidate conclusions and tasks, awards. Pure and
 * forgiving: anything it cannot read is left out, never guessed; the user reviews the draft.
 */

export type CoChair = { name: string; titles: string[]; rank?: string };
export type ConclusionItem = { text: string; source: 'agreed' | 'directed' };
export type AwardDraft = { name: string; count?: number; recipients: string[] };
export type ConferenceDraft = {
  title: string;
  coChairs: CoChair[];
  parties: string[];
  documents: DocumentReference[];
  conclusionItems: ConclusionItem[];
  awards: AwardDraft[];
  /** Lines dropped as noise: photo captions (and their wrapped fragments), page debris. */
  ignoredLines: string[];
};

// ── Noise ────────────────────────────────────────────────────────────────────────────────────

/** A photo credit: "Ảnh: Xuân Khu - TTXVN", "(Ảnh minh họa)", at the start or the end of a line. */
const CAPTION = /(?:^|[\s.(])anh(?: minh hoa)?\s*:?\s*[^.:]{0,80}\)?$|^\(?anh(?: minh hoa)?\s*[:)]/;
/** Web-page debris, folded. */
const DEBRIS = new Set([
  'de xuat', 'xem them', 'tin lien quan', 'bai lien quan', 'bai viet lien quan', 'tin khac', 'doc them', 'xem tiep', 'chia se',
  'binh luan', 'tu khoa', 'tags', 'tag', 'quay lai', 'len dau trang', 'in bai viet', 'in bai', 'sao chep lien ket', 'theo doi',
  'nghe bai viet', 'bao loi', 'gui', 'copy link', 'print', 'share',
]);
const SHARE_WORDS = new Set(['facebook', 'twitter', 'zalo', 'email', 'linkedin', 'telegram', 'messenger', 'share', 'print', 'tweet', 'like', 'thich', 'chia', 'se', 'in', 'copy', 'link', 'x']);
const SENTENCE_END = /[.!?:;…"”)]$/u;

function isDebris(line: string): boolean {
  const f = foldForSearch(line).replace(/[:.!|•·>»/]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (line.length > 40 || f === '') return false;
  if (DEBRIS.has(f)) return true;
  const words = f.split(' ');
  return words.length <= 6 && words.every((w) => SHARE_WORDS.has(w));
}

type Line = { text: string; start: number; end: number; noise: boolean };

/** The input's lines (normalised text, offsets into the input), with noise marked. */
function readLines(input: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= input.length; ) {
    const nl = /\r\n?|\n/g;
    nl.lastIndex = start;
    const m = nl.exec(input);
    const end = m ? m.index : input.length;
    lines.push({ text: input.slice(start, end).normalize('NFC').replace(/\s+/g, ' ').trim(), start, end, noise: false });
    start = m ? m.index + m[0].length : input.length + 1;
  }
  const firstLine = lines.findIndex((l) => l.text !== '');
  lines.forEach((line, i) => {
    if (line.text === '') return;
    if (isDebris(line.text)) line.noise = true;
    else if (CAPTION.test(foldForSearch(line.text))) {
      line.noise = true;
      // A caption wrapped over the previous lines: no sentence end there, no blank line between.
      for (let j = i - 1; j > firstLine && j >= i - 2; j--) {
        const prev = lines[j]!;
        if (prev.text === '' || prev.noise || SENTENCE_END.test(prev.text) || prev.text.length > 160) break;
        prev.noise = true;
      }
    }
  });
  return lines;
}

// ── People ───────────────────────────────────────────────────────────────────────────────────

const HONORIFIC = /^(?:ông|bà|đồng chí|đ\/c|ngài)\s+/iu;
const RANK = /^(đại tướng|thượng tướng|trung tướng|thiếu tướng|đại tá|thượng tá|trung tá|thiếu tá|đại úy|thượng úy|trung úy|thiếu úy)\s+/iu;
/** Capitalised words that start positions and bodies, not personal names. */
const NOT_A_NAME_START = new Set(['Ủy', 'Bí', 'Bộ', 'Chủ', 'Phó', 'Giám', 'Trưởng', 'Thứ', 'Ban', 'Sở', 'Đảng', 'Hội', 'Công', 'Thành', 'Tỉnh', 'Quận', 'Huyện', 'Xã', 'Phường', 'Tổng', 'Cục', 'Viện', 'Tòa', 'Chánh', 'Ngày', 'Tại', 'Sáng', 'Chiều', 'Trong', 'Hai']);
const PLACES = new Set(['Hồ Chí Minh', 'Hà Nội', 'Việt Nam', 'Đà Nẵng', 'Cần Thơ', 'Hải Phòng', 'Huế']);

/** A Vietnamese personal name: 2–4 capitalised syllables ("Tô Lâm", "Nguyễn Thiện Nhân"). */
function isPersonalName(s: string): boolean {
  const words = s.split(' ');
  return (
    words.length >= 2 && words.length <= 4 && words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w)) && !NOT_A_NAME_START.has(words[0]!) && !PLACES.has(s)
  );
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const stripEnd = (s: string): string => s.replace(/[\s.,;:…]+$/u, '').replace(/\.{2,}$/, '').trim();

/**
 * "Thượng tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an" → a co-chair: the first
 * comma-separated piece that is a name (after "Ông"/"đồng chí" and a rank), then the positions.
 * Pieces before it are a lead-in ("Ngày 12/5/2026, tại trụ sở …, đồng chí …").
 */
function readPerson(part: string): CoChair | undefined {
  const pieces = part.split(',').map(stripEnd).filter((p) => p !== '');
  for (let i = 0; i < pieces.length; i++) {
    let s = pieces[i]!.replace(HONORIFIC, '');
    const rank = RANK.exec(s);
    if (rank) s = s.slice(rank[0].length).replace(HONORIFIC, '');
    if (!isPersonalName(s)) continue;
    const rest = pieces.slice(i + 1);
    const clause = rest.findIndex((t) => MEETING_START.test(t)); // "…, Hội nghị đã thảo luận": the main clause resumes
    const person: CoChair = { name: s, titles: clause < 0 ? rest : rest.slice(0, clause) };
    if (rank) person.rank = capitalise(rank[1]!.toLowerCase());
    return person;
  }
  return undefined;
}

const MEETING_START = /^(?:hội nghị|cuộc họp|buổi làm việc|phiên họp)(?![\p{L}])/iu;
const PERSON_START = /^(?:(?:ông|bà|đồng chí|đ\/c|ngài)\s|(?:đại|thượng|trung|thiếu)\s(?:tướng|tá|úy)\s)/iu;

/** Split "A, …, … và B, …" into people: "và" starts a person only before a name, title or rank. */
function readPeople(segment: string): CoChair[] {
  const raw = segment.split(/\s+và\s+|;\s*/u);
  const parts: string[] = [];
  for (const p of raw) {
    const first = stripEnd(p.replace(HONORIFIC, '').replace(RANK, '').split(',')[0] ?? '');
    if (parts.length === 0 || PERSON_START.test(p) || isPersonalName(first)) parts.push(p);
    else parts[parts.length - 1] += ` và ${p}`;
  }
  return parts.map(readPerson).filter((p): p is CoChair => p !== undefined);
}

const CO_CHAIR = /(?:đồng|dong)\s+(?:chủ|chu)\s+(?:trì|tri)/iu;
const CHAIR = /(?<![\p{L}])(?:chủ|chu)\s+(?:trì|tri)(?![\p{L}])/iu;

/** Co-chairs from the "đồng chủ trì" sentence; minutes name one chair with "đồng chí … chủ trì". */
function readChairs(sentences: string[]): CoChair[] {
  for (const pattern of [CO_CHAIR, CHAIR]) {
    for (const sentence of sentences) {
      const m = pattern.exec(sentence);
      if (!m) continue;
      const before = sentence.slice(0, m.index);
      const after = sentence.slice(m.index + m[0].length);
      let segment = before;
      if (/(?:dưới|với)\s+sự\s*$/iu.test(before)) segment = after.replace(/^\s*của\s+/iu, '');
      else if (/\sdo\s/u.test(before)) segment = before.slice(before.lastIndexOf(' do ') + 4);
      let people = readPeople(segment);
      if (people.length === 0 && pattern === CO_CHAIR) {
        people = readPeople(after.replace(/^\s*(?:hội nghị|cuộc họp|buổi làm việc)?\s*(?:có|gồm|là)?\s*:?\s*/iu, ''));
      }
      // A lone "chủ trì" is a chair only when a person is named ("Giao Công an … chủ trì" is a task).
      if (pattern === CHAIR && !/(?:ông|bà|đồng chí|đ\/c|tướng|tá|úy)\s/iu.test(segment)) people = [];
      if (people.length > 0) return people.filter((p, i) => people.findIndex((q) => q.name === p.name) === i);
    }
  }
  return [];
}

// ── Parties ──────────────────────────────────────────────────────────────────────────────────

/** Collective bodies that hold a conference; the name runs on over capitalised words and the lower-case syllables of names. */
const BODY =
  /(?:Ban Thường vụ|Thường trực|Ban Cán sự đảng|Đảng đoàn|Ban Chấp hành|Đảng ủy|Thành ủy|Tỉnh ủy|Ủy ban nhân dân|UBND|Bộ Công an|Bộ Quốc phòng|Bộ Tư lệnh)(?:\s+(?:\p{Lu}\p{L}*|ủy|uỷ|phố|an|ương|vụ|trực|ban nhân dân|nhân dân|quân sự|tư lệnh|chỉ huy)(?![\p{L}]))*/gu;

/** Bodies named side by side ("A và B", "A, B"): the co-holders of a coordination conference. */
function readParties(paragraphs: string[]): string[] {
  const found: string[] = [];
  for (const p of paragraphs) {
    let prev: { name: string; end: number } | undefined;
    for (const m of p.matchAll(BODY)) {
      const name = m[0];
      if (prev && /^\s*(?:,|và|,\s*và)\s*$/u.test(p.slice(prev.end, m.index))) found.push(prev.name, name);
      prev = { name, end: m.index + m[0].length };
    }
  }
  const unique = [...new Set(found)];
  // "Ban Thường vụ Thành ủy" is the same body as "Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh".
  return unique.filter((a) => !unique.some((b) => b !== a && b.startsWith(`${a} `)));
}

// ── Conclusions ──────────────────────────────────────────────────────────────────────────────

const TRIGGER = /(?<![\p{L}])(nhất trí|thống nhất|yêu cầu|cần)(?![\p{L}])/giu;
/** A trigger word used as a noun or in a subordinate clause ("sự thống nhất", "trên cơ sở đó thống nhất", "đáp ứng yêu cầu"). */
const NOT_A_TRIGGER_BEFORE = /(?:^|\s)(?:sự|tính|để|nhằm|đó|được|không|những|các|theo|ứng|đích|với|như)\s*$/iu;
const NOT_A_TRIGGER_AFTER = /^\s*(?:thiết|thơ)(?![\p{L}])/iu;
/** Verbs that open a new line of work after a comma ("…, mở cao điểm tấn công trấn áp"). */
const TASK_VERB_SPLIT = /,\s+(?=(?:mở|tiếp tục|đẩy mạnh|tập trung|chủ động|tăng cường)\s)/u;
const NUMBERED = /^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[-–•+])\s+(.+)$/u;
const MINUTES_INTRO = /kết luận như sau|kết luận:|(?:thống nhất|nhất trí) như sau|giao nhiệm vụ như sau/iu;
const MINUTES_END = /^(?:nơi nhận|văn phòng .* thông báo)/iu;

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

function clauses(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=\p{Lu})/u)
    .flatMap((s) => s.split(';'))
    .flatMap((c) => {
      const parts = c.split(TASK_VERB_SPLIT);
      return parts.every((p) => words(p) >= 3) ? parts : [c];
    })
    .map((c) => stripEnd(c.replace(/^\s*(?:và|đồng thời|trong đó)\s+/iu, '').replace(/^\s*(?:như sau|rằng)\s*:?\s*/iu, '')))
    .filter((c) => words(c) >= 3);
}

/** The first real trigger in a paragraph, and the text after it. */
function trigger(paragraph: string): { source: ConclusionItem['source']; rest: string } | undefined {
  for (const m of paragraph.matchAll(TRIGGER)) {
    const before = paragraph.slice(0, m.index);
    const after = paragraph.slice(m.index + m[0].length);
    if (NOT_A_TRIGGER_BEFORE.test(before) || NOT_A_TRIGGER_AFTER.test(after)) continue;
    const word = m[1]!.toLowerCase();
    return { source: word === 'nhất trí' || word === 'thống nhất' ? 'agreed' : 'directed', rest: after };
  }
  return undefined;
}

function readConclusions(title: string, paragraphs: string[]): ConclusionItem[] {
  const items: ConclusionItem[] = [];
  let minutes = /^thong bao ket luan|^ket luan cua/.test(foldForSearch(title));
  for (const p of paragraphs) {
    if (MINUTES_END.test(p)) minutes = false;
    const numbered = minutes ? NUMBERED.exec(p) : null;
    if (numbered) {
      const text = stripEnd(numbered[1]!);
      if (!p.trimEnd().endsWith(':') && words(text) >= 3) items.push({ text, source: 'agreed' });
      continue;
    }
    const t = trigger(p);
    if (t) for (const text of clauses(t.rest)) items.push({ text, source: t.source });
    if (MINUTES_INTRO.test(p)) minutes = true;
  }
  return items.filter((it, i) => items.findIndex((o) => o.text === it.text) === i);
}

// ── Awards ───────────────────────────────────────────────────────────────────────────────────

const AWARD = /(?<=(?:tặng|trao|nhận|thưởng)\s+(?:\p{Ll}+\s+){0,3})(kỷ niệm chương|huân chương|huy chương|bằng khen|giấy khen|cờ thi đua|danh hiệu)(?:\s+["“«]([^"”»]{1,120})["”»]|\s+(?!cho\s)((?:(?!\s+cho\s)[^,.;])+))?/giu;
const RECIPIENTS = /^\s+cho\s+([^.;]+?)(?=\s+(?:đã có|có|vì|do)\s+(?:thành tích|đã|có)|[.;]|$)/u;
const NUMBER_WORDS: Record<string, number> = { hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10 };

function readAwards(paragraphs: string[]): AwardDraft[] {
  const awards: AwardDraft[] = [];
  for (const p of paragraphs) {
    for (const m of p.matchAll(AWARD)) {
      const kind = capitalise(m[1]!.toLowerCase());
      const name = m[2] !== undefined ? `${kind} "${m[2].trim()}"` : m[3] !== undefined ? `${kind} ${stripEnd(m[3])}` : kind;
      const award: AwardDraft = { name, recipients: [] };
      const r = RECIPIENTS.exec(p.slice(m.index + m[0].length));
      if (r) {
        // "5 đồng chí lãnh đạo Thành phố" → 5 and who; "3 tập thể và 5 cá nhân" → 8 and both groups.
        const parts = r[1]!.trim().split(/,\s*|\s+và\s+/u).map(stripEnd).filter(Boolean);
        const counted = parts.map((w) => /^(\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(.*)$/iu.exec(w));
        if (counted.length > 0 && counted.every((c) => c !== null)) {
          award.count = counted.reduce((n, c) => n + (/\d/.test(c![1]!) ? Number(c![1]) : NUMBER_WORDS[c![1]!.toLowerCase()]!), 0);
        }
        award.recipients = parts.length === 1 && counted[0] ? [counted[0][2]!] : parts;
      }
      const same = awards.find((a) => a.name.toLowerCase() === award.name.toLowerCase());
      if (!same) awards.push(award);
      else if (same.count === undefined && award.count !== undefined) Object.assign(same, { count: award.count, recipients: award.recipients });
    }
  }
  return awards;
}

// ── Draft ────────────────────────────────────────────────────────────────────────────────────

/** Words that say a text is about a meeting at all. */
const MEETING = /hoi nghi|cuoc hop|phien hop|buoi lam viec|giao ban|ket luan|chu tri/;

export function draftConferenceFromText(text: string): ConferenceDraft {
  const lines = readLines(text);
  const kept = lines.filter((l) => l.text !== '' && !l.noise);
  const texts = kept.map((l) => l.text);
  // A printed heading: the type name in capitals, its summary on the next line ("THÔNG BÁO KẾT LUẬN" / "của …").
  if (texts.length > 1 && words(texts[0]!) <= 5 && texts[0] === texts[0]!.toUpperCase() && /^\p{Ll}/u.test(texts[1]!)) {
    texts.splice(0, 2, `${texts[0]} ${texts[1]}`);
  }
  const [title = '', ...paragraphs] = texts;
  const sentences = paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+(?=\p{Lu})/u));
  // References are looked for in the input itself (offsets stay valid), outside the noise lines.
  const inNoise = (offset: number): boolean => lines.some((l) => l.noise && offset >= l.start && offset < l.end);
  const draft: ConferenceDraft = {
    title,
    coChairs: readChairs(sentences),
    parties: readParties(paragraphs),
    documents: dedupeReferences(findDocumentReferences(text).filter((r) => !inNoise(r.start))),
    conclusionItems: readConclusions(title, paragraphs),
    awards: readAwards(paragraphs),
    ignoredLines: lines.filter((l) => l.noise).map((l) => l.text),
  };
  const empty = !draft.coChairs.length && !draft.parties.length && !draft.documents.length && !draft.conclusionItems.length && !draft.awards.length;
  if (empty && !MEETING.test(foldForSearch(kept.map((l) => l.text).join(' ')))) draft.title = '';
  return draft;
}
