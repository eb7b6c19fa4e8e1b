import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors.ts';
import { addMonths, checkExtension, settledWithinDeadline, tipClock, type ClockEvent, type ClockTip } from './tip-deadlines.ts';
import { vnToday } from '../../kernel/context.ts';

// Received 2026-03-10 09:00 in Ho Chi Minh City (02:00Z).
const RECEIVED = new Date('2026-03-10T02:00:00Z');
const tip = (over: Partial<ClockTip> = {}): ClockTip => ({ receivedAt: RECEIVED, remote: false, state: 'transferred', transferredAt: new Date('2026-03-10T10:00:00Z'), ...over });
const at = (iso: string) => new Date(iso);
const ext = (extensionKind: 'complex' | 'procuracy', until: string): ClockEvent => ({ kind: 'extended', extensionKind, until });

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
};

describe('tip legal clock (BLTTHS 2015 arts. 146–149)', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-10', 2, '2026-05-10'],
    ['2026-11-30', 4, '2027-03-30'],
  ])('addMonths(%s, %i) = %s (art. 134: same-numbered day or the month end)', (d, m, want) => {
    expect(addMonths(d, m)).toBe(want);
  });

  it('reads calendar dates in Asia/Ho_Chi_Minh', () => {
    expect(vnToday(at('2026-03-09T17:30:00Z'))).toBe('2026-03-10');
  });

  it.each<[string, Partial<ClockTip>, ClockEvent[], string, { stage: string; dueAt: string | null; daysLeft: number | null; overdue: boolean }]>([
    // art. 146 / TTLT 01/2017: transfer within 24 h, 48 h for remote communes
    ['not yet transferred: 24 h SLA', { state: 'recorded', transferredAt: null }, [], '2026-03-10T12:00:00Z', { stage: 'transfer', dueAt: '2026-03-11T02:00:00.000Z', daysLeft: 1, overdue: false }],
    ['transfer SLA missed', { state: 'recorded', transferredAt: null }, [], '2026-03-11T02:00:01Z', { stage: 'transfer', dueAt: '2026-03-11T02:00:00.000Z', daysLeft: 0, overdue: true }],
    ['remote commune: 48 h', { state: 'received', transferredAt: null, remote: true }, [], '2026-03-11T03:00:00Z', { stage: 'transfer', dueAt: '2026-03-12T02:00:00.000Z', daysLeft: 1, overdue: false }],
    // art. 147(1): 20 days, the first day not counted, ends 24:00 VN of 2026-03-30
    ['20 days from receipt', {}, [], '2026-03-20T05:00:00Z', { stage: 'settlement', dueAt: '2026-03-30T17:00:00.000Z', daysLeft: 10, overdue: false }],
    ['last day still in time', {}, [], '2026-03-30T16:59:59Z', { stage: 'settlement', dueAt: '2026-03-30T17:00:00.000Z', daysLeft: 0, overdue: false }],
    ['day 21 is overdue', {}, [], '2026-03-30T17:00:01Z', { stage: 'settlement', dueAt: '2026-03-30T17:00:00.000Z', daysLeft: -1, overdue: true }],
    // art. 147(2): complex case up to 2 months
    ['complex extension', {}, [ext('complex', '2026-05-10')], '2026-04-01T05:00:00Z', { stage: 'settlement', dueAt: '2026-05-10T17:00:00.000Z', daysLeft: 39, overdue: false }],
    ['procuracy extension on top', {}, [ext('complex', '2026-05-10'), ext('procuracy', '2026-07-10')], '2026-06-01T05:00:00Z', { stage: 'settlement', dueAt: '2026-07-10T17:00:00.000Z', daysLeft: 39, overdue: false }],
    // arts. 148/149: the clock stops during suspension and continues with the remaining days
    ['suspended: no due date', { state: 'suspended' }, [{ kind: 'suspended', decidedOn: '2026-03-20' }], '2026-04-20T05:00:00Z', { stage: 'suspended', dueAt: null, daysLeft: null, overdue: false }],
    ['restored after 15 days: due 15 days later', {}, [{ kind: 'suspended', decidedOn: '2026-03-20' }, { kind: 'restored', decidedOn: '2026-04-04' }], '2026-04-05T05:00:00Z', { stage: 'settlement', dueAt: '2026-04-14T17:00:00.000Z', daysLeft: 9, overdue: false }],
    ['decided: done', { state: 'decided' }, [], '2026-09-01T00:00:00Z', { stage: 'done', dueAt: null, daysLeft: null, overdue: false }],
    ['not a crime source: done', { state: 'closed', transferredAt: null }, [], '2026-09-01T00:00:00Z', { stage: 'done', dueAt: null, daysLeft: null, overdue: false }],
  ])('%s', (_name, over, events, now, want) => {
    const c = tipClock(tip(over), events, at(now));
    expect({ stage: c.stage, dueAt: c.dueAt?.toISOString() ?? null, daysLeft: c.daysLeft, overdue: c.overdue }).toEqual(want);
  });

  it.each<[string, ClockEvent[], { kind: 'complex' | 'procuracy'; until: string }, string | null]>([
    ['complex up to 2 months: ok', [], { kind: 'complex', until: '2026-05-10' }, null],
    ['complex past 2 months: refused', [], { kind: 'complex', until: '2026-05-11' }, 'tip.extension_exceeds_legal_maximum'],
    ['complex not later than now due', [], { kind: 'complex', until: '2026-03-30' }, 'tip.extension_not_later'],
    ['procuracy before complex: refused', [], { kind: 'procuracy', until: '2026-05-01' }, 'tip.extension_requires_complex'],
    ['procuracy up to 4 months total: ok', [ext('complex', '2026-05-10')], { kind: 'procuracy', until: '2026-07-10' }, null],
    ['procuracy past 4 months: refused', [ext('complex', '2026-05-10')], { kind: 'procuracy', until: '2026-07-11' }, 'tip.extension_exceeds_legal_maximum'],
    ['procuracy at most 2 months after the complex due', [ext('complex', '2026-04-10')], { kind: 'procuracy', until: '2026-06-11' }, 'tip.extension_exceeds_legal_maximum'],
    ['a second complex extension: refused', [ext('complex', '2026-04-10')], { kind: 'complex', until: '2026-05-01' }, 'tip.extension_already_used'],
    ['a second procuracy extension: refused', [ext('complex', '2026-05-10'), ext('procuracy', '2026-06-10')], { kind: 'procuracy', until: '2026-07-01' }, 'tip.extension_already_used'],
    [
      'suspended days move the maximum later',
      [{ kind: 'suspended', decidedOn: '2026-03-20' }, { kind: 'restored', decidedOn: '2026-03-30' }],
      { kind: 'complex', until: '2026-05-20' },
      null,
    ],
    [
      'but not further than the suspended days',
      [{ kind: 'suspended', decidedOn: '2026-03-20' }, { kind: 'restored', decidedOn: '2026-03-30' }],
      { kind: 'complex', until: '2026-05-21' },
      'tip.extension_exceeds_legal_maximum',
    ],
  ])('extension: %s', (_name, events, req, want) => {
    expect(codeOf(() => checkExtension(tip(), events, req, at('2026-03-25T05:00:00Z')))).toBe(want);
  });

  it('cites the article and the latest allowed date when refusing', () => {
    try {
      checkExtension(tip(), [ext('complex', '2026-05-10')], { kind: 'procuracy', until: '2026-08-01' }, at('2026-04-01T00:00:00Z'));
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).params).toMatchObject({ article: 'BLTTHS 2015 Điều 147 khoản 2', maxUntil: '2026-07-10', maxMonths: 4 });
    }
  });

  it('refuses extensions while suspended or after the decision', () => {
    expect(codeOf(() => checkExtension(tip({ state: 'suspended' }), [{ kind: 'suspended', decidedOn: '2026-03-20' }], { kind: 'complex', until: '2026-05-01' }, at('2026-03-25T00:00:00Z')))).toBe(
      'tip.invalid_transition',
    );
    expect(codeOf(() => checkExtension(tip({ state: 'decided' }), [], { kind: 'complex', until: '2026-05-01' }, at('2026-03-25T00:00:00Z')))).toBe('tip.invalid_transition');
  });
});

describe('settled within the art. 147 deadline', () => {
  const sus = (decidedOn: string): ClockEvent => ({ kind: 'suspended', decidedOn });
  const res = (decidedOn: string): ClockEvent => ({ kind: 'restored', decidedOn });
  it.each<[string, ClockTip['state'], ClockEvent[], string | null, string, boolean | null]>([
    ['decided on the last day (30 March)', 'decided', [], '2026-03-30', '2026-04-02T05:00:00Z', true],
    ['decided the day after', 'decided', [], '2026-03-31', '2026-04-02T05:00:00Z', false],
    ['complex extension to 10 May counts', 'decided', [ext('complex', '2026-05-10')], '2026-05-08', '2026-05-09T05:00:00Z', true],
    ['restored suspension of 5 days moves the deadline to 4 April', 'decided', [sus('2026-03-20'), res('2026-03-25')], '2026-04-04', '2026-04-05T05:00:00Z', true],
    ['still suspended, suspension decided in time (running days do not count)', 'suspended', [sus('2026-03-28')], '2026-03-28', '2026-06-01T05:00:00Z', true],
    ['suspension decided late', 'suspended', [sus('2026-04-02')], '2026-04-02', '2026-04-03T05:00:00Z', false],
    ['open: no decision', 'transferred', [], null, '2026-04-02T05:00:00Z', null],
    ['closed as not a crime source: no art. 147 decision', 'closed', [], null, '2026-04-02T05:00:00Z', null],
  ])('%s', (_name, state, events, decidedOn, now, want) => {
    const c = tipClock(tip({ state }), events, at(now));
    expect(settledWithinDeadline(c, state, decidedOn, vnToday(at(now)))).toBe(want);
  });
});
