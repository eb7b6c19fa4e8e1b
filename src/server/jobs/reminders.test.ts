import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../config/env.ts';
import { buildNotificationEmail, dmy } from '../modules/notifications/notification.mail.ts';
import { decideReminders, DEFAULT_REMINDER_SETTINGS, reminderDueOn, type ReminderTask } from '../modules/tasks/task.reminders.ts';

const base: ReminderTask = {
  id: 't1',
  state: 'open',
  recurrence: 'none',
  assignedOn: '2026-11-01',
  deadlineOn: '2026-12-10',
  nextReportDueOn: null,
  lastReportOn: null,
  submittedOn: null,
  leadUnitName: 'Công an phường Bến Thành',
  unansweredCoordinators: [],
};
const task = (o: Partial<ReminderTask>): ReminderTask => ({ ...base, ...o });
/** kind → audience, compact for the table. */
const summary = (t: ReminderTask, today: string, s = DEFAULT_REMINDER_SETTINGS) =>
  decideReminders(t, today, s).map((d) => `${d.kind}→${d.audience.to === 'coordinating_unit' ? `coordinating_unit:${d.audience.unitId}` : d.audience.to}`);

describe('decideReminders: task × today → (kind, recipients)', () => {
  it.each<[string, Partial<ReminderTask>, string, string[]]>([
    ['far from the deadline', {}, '2026-11-20', []],
    ['4 days before (outside REMINDER_DAYS_BEFORE=3)', {}, '2026-12-06', []],
    ['3 days before', {}, '2026-12-07', ['due_soon→lead_unit']],
    ['1 day before', {}, '2026-12-09', ['due_soon→lead_unit']],
    ['on the deadline', {}, '2026-12-10', ['due_today→lead_unit']],
    ['the day after', {}, '2026-12-11', ['overdue→lead_unit']],
    ['2 days overdue', {}, '2026-12-12', ['overdue→lead_unit']],
    ['3 days overdue: escalated', {}, '2026-12-13', ['overdue→lead_unit', 'escalated→superior']],
    ['30 days overdue', {}, '2027-01-09', ['overdue→lead_unit', 'escalated→superior']],
    ['returned with a deadline tomorrow', { state: 'returned' }, '2026-12-09', ['due_soon→lead_unit']],
    ['no deadline', { deadlineOn: null }, '2026-12-20', []],
    ['paused and overdue', { state: 'paused' }, '2026-12-20', []],
    ['cancelled and overdue', { state: 'cancelled' }, '2026-12-20', []],
    ['completed and overdue', { state: 'completed' }, '2026-12-20', []],
    ['submitted 5 days ago', { state: 'submitted', submittedOn: '2026-12-05' }, '2026-12-10', []],
    ['submitted 6 days ago', { state: 'submitted', submittedOn: '2026-12-04' }, '2026-12-10', ['evaluation_pending→assigning_unit']],
    ['submitted and past the deadline: no overdue reminder', { state: 'submitted', submittedOn: '2026-12-09' }, '2026-12-12', []],
    ['coordinator asked 3 days ago', { unansweredCoordinators: [{ unitId: 'c1', unitName: 'Sở Y tế', requestedOn: '2026-11-17' }] }, '2026-11-20', []],
    ['coordinator asked 4 days ago', { unansweredCoordinators: [{ unitId: 'c1', unitName: 'Sở Y tế', requestedOn: '2026-11-16' }] }, '2026-11-20', ['coordination_pending→coordinating_unit:c1']],
    ['weekly duty, report due Sunday, on Friday', { recurrence: 'weekly', deadlineOn: null, nextReportDueOn: '2026-12-13' }, '2026-12-11', ['due_soon→lead_unit']],
    ['weekly duty, report 3 days late', { recurrence: 'weekly', deadlineOn: null, nextReportDueOn: '2026-12-13' }, '2026-12-16', ['overdue→lead_unit', 'escalated→superior']],
  ])('%s', (_label, o, today, expected) => {
    expect(summary(task(o), today)).toEqual(expected);
  });

  it('REMINDER_DAYS_BEFORE and ESCALATION_DAYS are settings', () => {
    const s = { ...DEFAULT_REMINDER_SETTINGS, daysBefore: 7, escalationDays: 1 };
    expect(summary(task({}), '2026-12-03', s)).toEqual(['due_soon→lead_unit']);
    expect(summary(task({}), '2026-12-11', s)).toEqual(['overdue→lead_unit', 'escalated→superior']);
  });

  it('dedupe keys: one due_soon per deadline, one overdue per week from the day after, one escalation per deadline', () => {
    const key = (today: string, kind: string) => decideReminders(task({}), today).find((d) => d.kind === kind)?.dedupeKey;
    expect(key('2026-12-07', 'due_soon')).toBe('task:t1:due_soon:2026-12-10');
    expect(key('2026-12-09', 'due_soon')).toBe('task:t1:due_soon:2026-12-10');
    expect(key('2026-12-11', 'overdue')).toBe('task:t1:overdue:2026-12-11');
    expect(key('2026-12-17', 'overdue')).toBe('task:t1:overdue:2026-12-11');
    expect(key('2026-12-18', 'overdue')).toBe('task:t1:overdue:2026-12-18');
    expect(key('2026-12-13', 'escalated')).toBe('task:t1:escalated:2026-12-10');
    expect(key('2027-02-01', 'escalated')).toBe('task:t1:escalated:2026-12-10');
    // A new deadline (returned with a corrective deadline) starts over.
    expect(decideReminders(task({ state: 'returned', deadlineOn: '2026-12-20' }), '2026-12-18')[0]!.dedupeKey).toBe('task:t1:due_soon:2026-12-20');
  });

  it('parameters carry dates and counts, never display text', () => {
    const [overdue, escalated] = decideReminders(task({}), '2026-12-15');
    expect(overdue!.params).toEqual({ dueOn: '2026-12-10', daysOverdue: 5 });
    expect(escalated!.params).toEqual({ dueOn: '2026-12-10', daysOverdue: 5, leadUnitName: 'Công an phường Bến Thành' });
  });

  it('a recurring duty without a stored next due date uses the reporting period', () => {
    expect(reminderDueOn(task({ recurrence: 'monthly', deadlineOn: null, assignedOn: '2026-12-03' }))).toBe('2026-12-31');
    expect(reminderDueOn(task({ recurrence: 'monthly', deadlineOn: null, assignedOn: '2026-11-03', lastReportOn: '2026-11-28' }))).toBe('2026-12-31');
  });
});

describe('notification e-mail', () => {
  const mailer = { from: 'Phối Hợp <no-reply@example.vn>' };
  it('is a short Vietnamese message to the user with the task code', () => {
    const m = buildNotificationEmail(
      { kind: 'overdue', taskNumber: 42, taskTitle: 'Rà soát camera an ninh', taskClassification: 'normal', params: { dueOn: '2026-12-10', daysOverdue: 5 } },
      { email: 'dat@example.vn', displayName: 'Nguyễn Văn Đạt' },
      mailer,
    );
    expect(m).toMatchObject({ from: mailer.from, to: 'dat@example.vn', subject: '[Phối Hợp] Nhiệm vụ NV-00042 đã quá hạn 5 ngày (hạn 10/12/2026)' });
    expect(m.text).toContain('Kính gửi đồng chí Nguyễn Văn Đạt');
    expect(m.text).toContain('Rà soát camera an ninh');
  });
  it('never carries the title of a secret task', () => {
    const m = buildNotificationEmail(
      { kind: 'escalated', taskNumber: 7, taskTitle: 'Chuyên án bí mật', taskClassification: 'secret', params: { daysOverdue: 3, leadUnitName: 'Phòng PC02' } },
      { email: 'a@example.vn', displayName: 'A' },
      mailer,
    );
    expect(`${m.subject}\n${m.text}`).not.toContain('Chuyên án');
    expect(m.subject).toContain('NV-00007');
  });
  it('formats dates dd/mm/yyyy', () => {
    expect(dmy('2026-01-05')).toBe('05/01/2026');
    expect(dmy(undefined)).toBe('');
  });
});

describe('job and SMTP settings', () => {
  it('defaults: workers on, 10 s polling, 3 days before, escalation after 3 days, no e-mail', () => {
    const c = loadConfig({});
    expect(c.jobs).toEqual({ enabled: true, pollSeconds: 10, reminderDaysBefore: 3, escalationDays: 3 });
    expect(c.smtp).toBeNull();
  });
  it('SMTP_URL turns e-mail on; it must be smtp:// or smtps://', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.vn:587', SMTP_FROM: 'X <x@example.vn>' }).smtp).toEqual({ url: 'smtp://u:p@mail.example.vn:587', from: 'X <x@example.vn>' });
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.vn' })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ JOBS_POLL_SECONDS: '0.1' })).toThrow(ConfigError);
    expect(loadConfig({ JOBS: '0', REMINDER_DAYS_BEFORE: '5', ESCALATION_DAYS: '7' }).jobs).toMatchObject({ enabled: false, reminderDaysBefore: 5, escalationDays: 7 });
  });
});
