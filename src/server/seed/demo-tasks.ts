import type { CreateTaskInput, Recurrence, Task } from '../../contracts/tasks.ts';
import { operatorActor, type Actor } from '../kernel/actor.ts';
import type { Ctx } from '../kernel/context.ts';

import { assignTask, changeTaskLifecycle } from '../modules/tasks/task.service.ts';
import { evaluateTask, respondToCoordination, submitProgressReport } from '../modules/tasks/task-progress.service.ts';
import { getTask } from '../modules/tasks/task-queries.service.ts';
import { loadDemoCoordination, type DemoCoordinationIds } from './demo-coordination.ts';
import { rng } from './demo-random.ts';
import { addDays, daysBetween } from '../kernel/calendar.ts';
import { demoActor } from './factories.ts';

/**
 * A year of tasks for the demo city, built through the tasks module's use cases (the same code as
 * the API and the tests) with a clock that walks through the past year, so every status, timeline
 * and roll-up is consistent. Titles follow the conclusions of the coordination conference in the
 * fixture (propaganda and mobilisation, reviews, economic security, police coordinating with
 * departments and mass organisations, advising on complex situations, crime-suppression peaks and
 * wanted persons, Party and force building). Deterministic (seeded), a few hundred tasks.
 */

const COMMUNES = ['26743', '26740', '26737', '26824', '26929', '26944', '27301', '27343', '25747', '26506', '27553', '26732'];
const QUARTERS = ['quý I', 'quý II', 'quý III', 'quý IV'];

interface Template {
  title: (i: number, place: string) => string;
  assigner: 'city' | 'police';
  lead: string[];
  coordinators: string[];
  /** Index of the conference conclusion item, or a "<symbol> <ref>" clause. */
  source: number | string;
  description: string;
  subtasksToCommunes?: (place: string) => string;
  recurrence?: Recurrence;
}

const TEMPLATES: Template[] = [
  {
    title: (i) => `Tuyên truyền, vận động nhân dân tham gia phòng ngừa, đấu tranh phòng, chống tội phạm ${QUARTERS[i % 4]}`,
    assigner: 'city',
    lead: ['MTTQ-HCM', 'DTN-HCM', 'HLHPN-HCM'],
    coordinators: ['SO-VHTT', 'CATP-PV01', 'HCCB-HCM', 'LDLD-HCM'],
    source: 1,
    description: 'Tổ chức tuyên truyền, vận động cán bộ, đảng viên, đoàn viên, hội viên và nhân dân nâng cao nhận thức, tích cực tham gia phòng ngừa, tố giác tội phạm.',
    subtasksToCommunes: (place) => `Tổ chức tuyên truyền phòng, chống tội phạm tại các khu phố ${place}`,
  },
  {
    title: (i) => `Rà soát, đánh giá việc thực hiện chủ trương, chính sách phát triển kinh tế - xã hội gắn với tăng cường tiềm lực quốc phòng - an ninh (đợt ${(i % 3) + 1})`,
    assigner: 'city',
    lead: ['UBND-HCM', 'CATP-PV01'],
    coordinators: ['SO-TP', 'SO-XD', 'SO-CT'],
    source: 2,
    description: 'Rà soát, đánh giá; kịp thời chấn chỉnh, khắc phục những thiếu sót.',
  },
  {
    title: (i) => `Bảo vệ an ninh kinh tế, ngăn chặn hoạt động lợi dụng hợp tác đầu tư, thương mại, du lịch ${['tại các khu công nghiệp', 'trong lĩnh vực ngân hàng', 'tại các dự án trọng điểm', 'trong hoạt động xuất nhập khẩu'][i % 4]}`,
    assigner: 'police',
    lead: ['CATP-PA04'],
    coordinators: ['SO-CT', 'SO-XD', 'CATP-PA05'],
    source: 3,
    description: 'Kịp thời phát hiện, ngăn chặn hoạt động lợi dụng hợp tác kinh tế gây phương hại đến an ninh quốc gia.',
  },
  {
    title: (i) => `Công an Thành phố phối hợp với các ban, ngành, đoàn thể bảo đảm an ninh trật tự ${['dịp Tết Nguyên đán', 'dịp lễ 30/4 và 1/5', 'dịp Quốc khánh 2/9', 'các sự kiện chính trị lớn'][i % 4]}`,
    assigner: 'city',
    lead: ['CATP'],
    coordinators: ['MTTQ-HCM', 'DTN-HCM', 'HLHPN-HCM', 'HCCB-HCM', 'SO-VHTT'],
    source: 4,
    description: 'Phát huy sức mạnh tổng hợp của cả hệ thống chính trị trong bảo đảm an ninh trật tự.',
    subtasksToCommunes: (place) => `Bảo đảm an ninh trật tự các tuyến, địa bàn trọng điểm ${place}`,
  },
  {
    title: (i) => `Tham mưu cấp ủy, chính quyền xử lý tình huống phức tạp về an ninh trật tự ${['liên quan khiếu kiện đông người', 'trên không gian mạng', 'tại các công trình, dự án', 'liên quan lao động, việc làm'][i % 4]}`,
    assigner: 'city',
    lead: ['CATP-PV01', 'CATP-PA05'],
    coordinators: ['SO-TP', 'UBND-HCM'],
    source: 5,
    description: 'Nắm chắc tình hình, không để bị động, bất ngờ; đề xuất phương án xử lý.',
  },
  {
    title: (i) => `Mở đợt cao điểm tấn công trấn áp tội phạm, truy nã đối tượng ${['ma túy', 'tín dụng đen', 'tội phạm đường phố', 'lừa đảo qua không gian mạng'][i % 4]}`,
    assigner: 'police',
    lead: ['CATP-PC02', 'CATP-PC04'],
    coordinators: ['CATP-PK02', 'CATP-PC06', 'CATP-PA05'],
    source: 6,
    description: 'Tấn công trấn áp tội phạm, truy bắt, vận động đầu thú đối tượng truy nã.',
    subtasksToCommunes: (place) => `Truy bắt, vận động đầu thú đối tượng truy nã trên địa bàn ${place}`,
  },
  {
    title: (i) => `Xây dựng Đảng, xây dựng lực lượng Công an nhân dân trong sạch, vững mạnh ${['— kiểm tra, giám sát', '— học tập chuyên đề', '— rèn luyện bản lĩnh chính trị'][i % 3]}`,
    assigner: 'police',
    lead: ['CATP-PX03', 'CATP-PX01'],
    coordinators: ['CATP-PV01'],
    source: 7,
    description: 'Gắn với thực hiện Nghị quyết Trung ương 4 (khóa XII) về tăng cường xây dựng, chỉnh đốn Đảng.',
  },
  {
    title: (i) => `Quán triệt, tổ chức thực hiện Chỉ thị 46-CT/TW và Nghị quyết 28-NQ/TW (đợt ${(i % 2) + 1})`,
    assigner: 'city',
    lead: ['TU-HCM', 'BCD138-HCM'],
    coordinators: ['CATP', 'MTTQ-HCM'],
    source: 0,
    description: 'Tiếp tục quán triệt, tổ chức thực hiện hiệu quả các nghị quyết, chỉ thị về bảo đảm an ninh trật tự.',
  },
  {
    title: () => 'Báo cáo kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc',
    assigner: 'police',
    lead: ['CAX-26743', 'CAX-26740'],
    coordinators: [],
    source: '21-KL/TW 2',
    description: 'Báo cáo định kỳ hằng tháng kết quả xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc trên địa bàn.',
    recurrence: 'monthly',
  },
];

const EVIDENCE_NOTES = [
  'Đã tổ chức hội nghị triển khai, quán triệt đến cán bộ chủ chốt',
  'Đã tổ chức các buổi tuyên truyền tại khu dân cư, trường học',
  'Đã xây dựng kế hoạch và phân công lực lượng thực hiện',
  'Đã phối hợp kiểm tra, rà soát các địa bàn trọng điểm',
  'Đã bắt giữ, vận động đầu thú một số đối tượng',
  'Đã sơ kết, rút kinh nghiệm, đề xuất giải pháp',
];

/** Load the demo year of tasks once (skipped when tasks exist). Returns counts. */
export async function loadDemoTasks(ctx: Ctx, coordination?: DemoCoordinationIds): Promise<{ tasks: number; reports: number; evaluations: number }> {
  const existing = await ctx.db.selectFrom('tasks').select('id').limit(1).executeTakeFirst();
  if (existing) return { tasks: 0, reports: 0, evaluations: 0 };
  const ids = coordination ?? (await loadDemoCoordination(ctx));
  const unitRows = await ctx.db.selectFrom('units').select(['id', 'code', 'name']).execute();
  const unit = (code: string): string => {
    const u = unitRows.find((r) => r.code === code);
    if (!u) throw new Error(`demo unit ${code} missing`);
    return u.id;
  };
  const unitName = (code: string) => unitRows.find((r) => r.code === code)!.name.replace(/^Công an /, '');
  const actors = {
    city: await demoActor(ctx, 'lanhdao'),
    police: await demoActor(ctx, 'thammuu'),
    benthanh: await demoActor(ctx, 'canbo.benthanh'),
    saigon: await demoActor(ctx, 'canbo.saigon'),
    responder: operatorActor('demo'),
  };
  const assigningUnit = { city: unit('TU-HCM-BTV'), police: unit('CATP') };
  const reporterFor = (leadCode: string): Actor => (leadCode === 'CAX-26743' ? actors.benthanh : leadCode === 'CAX-26740' ? actors.saigon : leadCode.startsWith('CAX-') || leadCode.startsWith('CATP') ? actors.police : actors.city);

  const end = ctx.today();
  const start = addDays(end, -365);
  const r = rng(20260101);
  let clockDay = start;
  let clockHour = 1;
  const at = (day: string, hour = 2): Ctx => {
    clockDay = day;
    clockHour = hour;
    return { ...ctx, today: () => clockDay, now: () => new Date(`${clockDay}T${String(clockHour).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00Z`) };
  };
  const counts = { tasks: 0, reports: 0, evaluations: 0 };

  const sourceOf = (t: Template): CreateTaskInput['source'] => {
    if (typeof t.source === 'number') {
      const item = ids.itemIds[t.source];
      return item ? { kind: 'conference_item', conferenceItemId: item } : { kind: 'none' };
    }
    const [symbol] = t.source.split(' ');
    const clauseId = ids.clauses[t.source];
    const documentId = ids.documents[symbol!];
    return clauseId && documentId ? { kind: 'document_clause', documentId, clauseId } : { kind: 'none' };
  };

  /** Walk a task through a plausible life up to today; returns the final task. */
  const live = async (task: Task, leadCode: string, assigner: Actor, opts: { subtasks?: boolean } = {}): Promise<Task> => {
    const reporter = task.classification === 'secret' ? actors.city : reporterFor(leadCode);
    // Coordinating units answer (most of them, within hours or days).
    for (const c of task.coordinators) {
      if (!r.chance(0.75)) continue;
      const day = addDays(task.assignedOn, r.int(0, 4));
      if (day > end) continue;
      const ctxAt = at(day, r.int(1, 10));
      task = await respondToCoordination(ctxAt, actors.responder, task.id, c.unitId, { response: `${unitRows.find((u) => u.id === c.unitId)!.name} thống nhất phối hợp; đã phân công cán bộ đầu mối.` });
    }
    if (opts.subtasks) return task;
    const deadline = task.deadlineOn ?? addDays(task.assignedOn, 90);
    const span = Math.max(1, Math.min(daysBetween(task.assignedOn, deadline), daysBetween(task.assignedOn, end)));
    const past = deadline < end;
    const roll = r.next();
    const profile = past
      ? roll < 0.55
        ? 'on_time'
        : roll < 0.7
          ? 'late'
          : roll < 0.82
            ? 'returned_then_accepted'
            : roll < 0.95
              ? 'overdue'
              : 'cancelled'
      : roll < 0.2
        ? 'not_started'
        : roll < 0.7
          ? 'in_progress'
          : roll < 0.85
            ? 'submitted'
            : roll < 0.95
              ? 'due_soon_quiet'
              : 'paused';
    if (profile === 'not_started' || profile === 'due_soon_quiet') return task;
    const report = async (day: string, percent: number, submit: boolean) => {
      task = await submitProgressReport(at(day, r.int(2, 10)), reporter, task.id, {
        version: task.version,
        percent,
        note: `${r.pick(EVIDENCE_NOTES)} (${percent}%)`,
        evidence: [
          { kind: 'text', text: `Kết quả: ${r.int(2, 40)} buổi, ${r.int(50, 2000)} lượt người tham gia` },
          ...(r.chance(0.4) ? [{ kind: 'document' as const, documentRef: `${r.int(10, 999)}/BC-${leadCode.replace(/^CATP-/, '').replace(/^CAX-\d+/, 'CAP')}` }] : []),
          ...(r.chance(0.2) ? [{ kind: 'link' as const, url: 'https://congan.hochiminhcity.gov.vn/tin-tuc' }] : []),
        ],
        submitForEvaluation: submit,
      });
      counts.reports += 1;
    };
    const evaluate = async (day: string, accept: boolean, reason: string, newDeadlineOn?: string) => {
      task = await evaluateTask(
        at(day, r.int(3, 11)),
        assigner,
        task.id,
        accept ? { version: task.version, decision: 'accepted', reason } : { version: task.version, decision: 'returned', reason, ...(newDeadlineOn ? { newDeadlineOn } : {}) },
      );
      counts.evaluations += 1;
    };
    const d = (f: number) => addDays(task.assignedOn, Math.max(1, Math.round(span * f)));
    if (task.recurrence !== 'none') {
      // Monthly duty: a report near the end of each month until today (the last one or two missing for some).
      let due = task.nextReportDueOn;
      let p = 0;
      while (due && due < end && (r.chance(0.9) || addDays(due, 40) < end)) {
        p = Math.min(95, p + r.int(5, 12));
        await report(max(addDays(due, -r.int(0, 3)), task.assignedOn), p, false);
        due = task.nextReportDueOn;
      }
      return task;
    }
    await report(d(0.3), r.int(20, 45), false);
    if (profile === 'in_progress') {
      if (r.chance(0.5)) await report(d(0.6), r.int(50, 85), false);
      return task;
    }
    if (profile === 'paused') {
      task = await changeTaskLifecycle(at(d(0.5)), assigner, task.id, { version: task.version, action: 'pause', reason: 'Tạm dừng chờ ý kiến chỉ đạo của cấp trên' });
      return task;
    }
    if (profile === 'cancelled') {
      task = await changeTaskLifecycle(at(d(0.5)), assigner, task.id, { version: task.version, action: 'cancel', reason: 'Nội dung đã được lồng ghép vào nhiệm vụ khác' });
      return task;
    }
    await report(d(0.65), r.int(60, 90), false);
    if (profile === 'overdue') return task;
    if (profile === 'submitted') {
      const day = addDays(end, -r.int(0, 5));
      if (day > task.assignedOn) await report(day, 100, true);
      return task;
    }
    if (profile === 'late') {
      const submitted = addDays(deadline, r.int(2, 20));
      if (submitted >= end) return task;
      await report(submitted, 100, true);
      await evaluate(min(addDays(submitted, r.int(1, 5)), end), true, 'Hoàn thành nhưng chậm so với thời hạn');
      return task;
    }
    const submitted = addDays(deadline, -r.int(0, Math.min(10, span - 1)));
    await report(max(submitted, d(0.7)), 100, true);
    if (profile === 'returned_then_accepted') {
      const back = min(addDays(task.submittedOn!, r.int(1, 4)), end);
      const newDeadline = min(addDays(back, r.int(7, 20)), end);
      await evaluate(back, false, 'Báo cáo chưa có số liệu cụ thể; đề nghị bổ sung kết quả và minh chứng', task.source.parentId === null ? newDeadline : undefined);
      const again = min(addDays(back, r.int(3, 10)), end);
      await report(again, 100, true);
      if (again < end) await evaluate(min(addDays(again, r.int(1, 3)), end), true, 'Đã bổ sung đầy đủ');
      return task;
    }
    await evaluate(min(addDays(task.submittedOn!, r.int(1, 6)), end), true, 'Hoàn thành tốt nhiệm vụ');
    return task;
  };

  // Top-level tasks spread over the year; some split into subtasks for commune police.
  const PER_TEMPLATE = [16, 10, 14, 14, 12, 16, 10, 6, 2];
  for (const [ti, tpl] of TEMPLATES.entries()) {
    for (let i = 0; i < PER_TEMPLATE[ti]!; i++) {
      const leadCode = tpl.recurrence ? tpl.lead[i % tpl.lead.length]! : r.pick(tpl.lead);
      const assignedOn = tpl.recurrence ? addDays(start, 5) : r.chance(0.35) ? addDays(end, -r.int(5, 80)) : addDays(start, r.int(0, 300));
      const deadlineOn = tpl.recurrence ? addDays(end, 180) : addDays(assignedOn, r.pick([30, 45, 60, 90, 120]));
      const coordinators = r.some(tpl.coordinators.filter((c) => c !== leadCode), r.int(0, Math.min(3, tpl.coordinators.length)));
      // Some economic-security tasks are secret (mật): assigned by the city's leadership, whose leader sees them.
      const secret = tpl.source === 3 && r.chance(0.3);
      const side = secret ? 'city' : tpl.assigner;
      const assigner = actors[side];
      const place = unitName(leadCode);
      const ctxAt = at(assignedOn, 1);
      let task = await assignTask(ctxAt, assigner, {
        title: tpl.recurrence ? `${tpl.title(i, place)} — ${place}` : tpl.title(i, place),
        description: tpl.description,
        source: sourceOf(tpl),
        assigningUnitId: assigningUnit[side],
        leadUnitId: unit(leadCode),
        coordinators: coordinators.map((c) => ({ unitId: unit(c), part: `Phối hợp theo chức năng, nhiệm vụ của ${unitName(c)}` })),
        assignedOn,
        deadlineOn,
        recurrence: tpl.recurrence ?? 'none',
        priority: r.chance(0.2) ? 'high' : r.chance(0.1) ? 'urgent' : 'normal',
        classification: secret ? 'secret' : 'normal',
        weight: 1,
      });
      counts.tasks += 1;
      const split = !!tpl.subtasksToCommunes && leadCode.startsWith('CATP') && r.chance(0.7);
      if (split) {
        task = await live(task, leadCode, assigner, { subtasks: true });
        // The lead department cascades the task to commune police (assigned by the lead unit, by the city police staff officer).
        const communes = r.some(COMMUNES, r.int(2, 4));
        if (!communes.includes('26743') && r.chance(0.6)) communes[0] = '26743';
        for (const code of communes) {
          const subLead = `CAX-${code}`;
          const subAssigned = addDays(assignedOn, r.int(1, 5));
          const sub = await assignTask(at(subAssigned, 1), actors.police, {
            title: tpl.subtasksToCommunes!(unitName(subLead)),
            description: null,
            source: { kind: 'parent_task', parentId: task.id },
            assigningUnitId: unit(leadCode),
            leadUnitId: unit(subLead),
            coordinators: [],
            assignedOn: subAssigned,
            deadlineOn: addDays(deadlineOn, -r.int(0, 10)),
            recurrence: 'none',
            priority: 'normal',
            classification: 'normal',
            weight: r.pick([1, 1, 2]),
          });
          counts.tasks += 1;
          await live(sub, subLead, actors.police);
        }
        // When every subtask is finished and the parent's deadline has passed, the lead department reports and the assigner accepts.
        const now = await getTask(at(end, 12), assigner, task.id);
        if (deadlineOn < end && now.children.every((c) => c.state === 'completed' || c.state === 'cancelled')) {
          const done = await submitProgressReport(at(min(addDays(deadlineOn, 1), end), 12), reporterFor(leadCode), task.id, { version: now.version, percent: 100, note: 'Tổng hợp kết quả các đơn vị thực hiện', evidence: [], submitForEvaluation: true });
          await evaluateTask(at(min(addDays(deadlineOn, 3), end), 13), assigner, task.id, { version: done.version, decision: 'accepted', reason: 'Hoàn thành' });
          counts.reports += 1;
          counts.evaluations += 1;
        }
      } else await live(task, leadCode, assigner);
    }
  }

  // Bến Thành and Sài Gòn each coordinate a few open city tasks they have not answered yet.
  for (const code of ['CAX-26743', 'CAX-26740']) {
    const day = addDays(end, -r.int(2, 10));
    await assignTask(at(day, 1), actors.police, {
      title: `Phối hợp kiểm tra, xử lý vi phạm trật tự đô thị, an toàn giao thông trên các tuyến trung tâm — ${unitName(code)}`,
      description: null,
      source: sourceOf(TEMPLATES[3]!),
      assigningUnitId: assigningUnit.police,
      leadUnitId: unit('CATP-PC08'),
      coordinators: [{ unitId: unit(code), part: 'Bố trí lực lượng tại địa bàn, phối hợp lập biên bản' }],
      assignedOn: day,
      deadlineOn: addDays(end, r.int(10, 40)),
      recurrence: 'none',
      priority: 'high',
      classification: 'normal',
      weight: 1,
    });
    counts.tasks += 1;
  }
  return counts;
}

const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);
