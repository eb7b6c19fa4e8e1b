/**
 * Tip intake benchmark (`--section tips`): `POST /api/public/tips` through the real app
 * (buildApp + app.inject: rate limit, validation, proof-of-work check, nonce use, Argon2id hash of
 * the secret, tip + reporter + event rows, audit row, notifications of the receiving unit's members
 * and the live-board NOTIFY, all in one transaction), sequentially and with C requests in flight.
 *
 * - The proof of work (GET /api/public/challenge, then `solveChallenge`, ~2^16 SHA-256 on average)
 *   is what the sender's browser does before sending: every token of a run is fetched and solved
 *   BEFORE its timed part, so the timings are the server's work only.
 * - The public routes have per-address limits (PUBLIC_TIP_LIMITS: challenge 30, intake 5 a minute)
 *   set per route, which RATE_LIMIT_PER_MINUTE does not lift: each tip comes from its own address
 *   (`app.inject({ remoteAddress })`, as the HTTP tests do), its challenge from the same address.
 * - Afterwards the run checks that `tips`, `tip_events`, the audit rows (`tip.submitted` and
 *   `notification.created`) and `notifications` grew by exactly what the tips sent imply (one
 *   notification per working member of the receiving commune police unit); any difference is an error.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { hashPassword } from '../src/server/modules/accounts/password.ts';
import { solveChallenge } from '../src/server/modules/tips/tip-challenge.ts';
import { PUBLIC_TIP_LIMITS } from '../src/server/modules/tips/tip.routes.ts';
import { HCMC_PROVINCE_CODE } from '../src/server/modules/organisation/reference/admin-units.ts';
import { clientAddress, note, perSecond, pool, r2, stats, timed, within } from './lib.ts';

export interface TipsBenchOptions {
  /** Tips sent in each run (sequential, then concurrent). */
  tips: number;
  concurrency: number;
}

type App = FastifyInstance;

/**
 * By hand: the commune police unit that receives a commune's tips (the first current commune-level
 * police unit of the commune by code, as the intake picks it) and its working members (everyone but
 * viewers, not disabled): each tip notifies each of them once.
 */
const RECEIVERS_SQL = `
  select j.code, u.id as unit_id,
    (select count(*)::int from users us where us.unit_id = u.id and not us.disabled
       and us.roles && array['system_admin', 'leader', 'staff_officer', 'unit_officer']::text[]) as recipients
  from jurisdictions j
  join lateral (select id from units where commune_code = j.code and type = 'police_unit' and level = 'commune' and valid_to is null order by code limit 1) u on true
  where j.province_code = $1 and j.valid_to is null
  order by j.code`;

const COUNTS_SQL = `select
  (select count(*) from tips)::int as tips,
  (select count(*) from tip_events)::int as tip_events,
  (select count(*) from tip_reporters)::int as tip_reporters,
  (select count(*) from audit_log)::int as audit,
  (select count(*) from audit_log where action = 'tip.submitted')::int as audit_tip_submitted,
  (select count(*) from audit_log where action = 'notification.created')::int as audit_notification_created,
  (select count(*) from notifications)::int as notifications,
  (select count(*) from notifications where kind = 'tip_received')::int as notifications_tip_received`;
type Counts = Record<'tips' | 'tip_events' | 'tip_reporters' | 'audit' | 'audit_tip_submitted' | 'audit_notification_created' | 'notifications' | 'notifications_tip_received', number>;

const KINDS = ['to_giac', 'tin_bao'] as const;
const WHAT = [
  'Có nhóm thanh niên tụ tập, nghi mua bán ma túy vào buổi tối tại hẻm',
  'Phát hiện đối tượng lạ theo dõi, nghi trộm cắp xe máy trước cửa nhà',
  'Nhận được tin nhắn mạo danh cơ quan công an yêu cầu chuyển tiền',
  'Cơ sở karaoke hoạt động quá giờ, có dấu hiệu sử dụng chất cấm',
  'Nghi có đường dây cho vay lãi nặng, đòi nợ bằng cách tạt sơn',
];

export async function measureTips(app: App, db: pg.Pool, o: TipsBenchOptions) {
  const errors: string[] = [];
  const receivers = (await db.query<{ code: string; unit_id: string; recipients: number }>(RECEIVERS_SQL, [HCMC_PROVINCE_CODE])).rows;
  // Send to communes whose police unit has working members, so every tip writes notifications.
  const withMembers = receivers.filter((r) => r.recipients > 0);
  const targets = withMembers.length > 0 ? withMembers : receivers;
  if (targets.length === 0) throw new Error('tips: no commune with a police unit in this database');
  note(`tips: ${targets.length} of ${receivers.length} communes have working members in their police unit; tips go to those, round-robin`);

  let seq = 0; // one address per tip, never reused (the intake allows 5 a minute per address)
  const before = (await db.query<Counts>(COUNTS_SQL)).rows[0]!;
  const expected = { tips: 0, tipEvents: 0, reporters: 0, tipSubmitted: 0, notificationCreated: 0, notifications: 0 };

  interface Ready {
    addr: string;
    body: Record<string, unknown>;
    target: (typeof targets)[number];
  }
  /** Fetch and solve `n` challenges (untimed: the sender's browser does this before sending). */
  const prepare = async (n: number): Promise<{ ready: Ready[]; solveMs: number }> => {
    const ready: Ready[] = [];
    let solveMs = 0;
    for (let k = 0; k < n; k++) {
      const i = seq++;
      const addr = clientAddress(172, 16 * 65536 + i);
      const c = await app.inject({ method: 'GET', url: '/api/public/challenge', remoteAddress: addr });
      if (c.statusCode !== 200) throw new Error(`GET /api/public/challenge answered ${c.statusCode}: ${c.body.slice(0, 200)}`);
      const { token, difficulty } = c.json() as { token: string; difficulty: number };
      const [ms, solution] = await timed(async () => solveChallenge(token, difficulty));
      solveMs += ms;
      const target = targets[i % targets.length]!;
      const body: Record<string, unknown> = {
        kind: KINDS[i % 2],
        what: `${WHAT[i % WHAT.length]} số ${i + 1} (bench).`,
        communeCode: target.code,
        address: `Số ${1 + (i % 300)} đường số ${1 + (i % 40)}`,
        point: { lat: 10.7 + (i % 50) / 1000, lng: 106.65 + (i % 70) / 1000 },
        occurredAt: '2026-06-14',
        ...(i % 2 === 0 ? { reporter: { name: 'Nguyễn Văn Báo', phone: '0909 000 111', keepSecret: true } } : {}),
        challenge: token,
        solution,
      };
      ready.push({ addr, body, target });
    }
    return { ready, solveMs };
  };
  const send = async (t: Ready) => {
    const res = await app.inject({ method: 'POST', url: '/api/public/tips', payload: t.body, remoteAddress: t.addr });
    if (res.statusCode !== 201) throw new Error(`POST /api/public/tips answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    expected.tips++;
    expected.tipEvents++;
    if (t.body.reporter) expected.reporters++;
    expected.tipSubmitted++;
    expected.notifications += t.target.recipients;
    if (t.target.recipients > 0) expected.notificationCreated++;
  };

  note('tips: warm-up (one tip)');
  const warm = await prepare(1);
  await within(60_000, 'warm-up tip', send(warm.ready[0]!));

  const runs: Record<string, unknown> = {};
  for (const [name, inFlight] of [
    ['sequential', 1],
    ['concurrent', o.concurrency],
  ] as const) {
    note(`tips ${name}: fetching and solving ${o.tips} challenges (untimed)…`);
    const { ready, solveMs } = await prepare(o.tips);
    note(`tips ${name}: solved in ${Math.round(solveMs)} ms (${r2(solveMs / o.tips)} ms each); sending ${o.tips} with ${inFlight} in flight…`);
    const run = await pool(ready.length, inFlight, (i) => send(ready[i]!));
    const s = stats(run.latencies);
    runs[name] = { inFlight, latencyMs: s, tipsPerSecond: perSecond(run.latencies.length, run.wallMs), wallMs: Math.round(run.wallMs), solveMsBeforehand: Math.round(solveMs) };
    note(`tips ${name}: ${perSecond(run.latencies.length, run.wallMs)} tips/s, p50 ${s.p50} / p95 ${s.p95} / p99 ${s.p99} ms`);
  }

  // The floor: the Argon2id hash of the secret that every intake computes.
  const floor: Record<string, unknown> = {};
  for (const [name, inFlight] of [
    ['sequential', 1],
    ['concurrent', o.concurrency],
  ] as const) {
    const run = await pool(o.tips, inFlight, async (i) => void (await hashPassword(`BENCH-SECRET-${i}`)));
    floor[name] = { inFlight, latencyMs: stats(run.latencies), hashesPerSecond: perSecond(run.latencies.length, run.wallMs) };
  }

  const after = (await db.query<Counts>(COUNTS_SQL)).rows[0]!;
  const grew = (k: keyof Counts) => after[k] - before[k];
  const checks = {
    tips: { grew: grew('tips'), expected: expected.tips },
    tipEvents: { grew: grew('tip_events'), expected: expected.tipEvents },
    tipReporters: { grew: grew('tip_reporters'), expected: expected.reporters },
    auditTipSubmitted: { grew: grew('audit_tip_submitted'), expected: expected.tipSubmitted },
    auditNotificationCreated: { grew: grew('audit_notification_created'), expected: expected.notificationCreated },
    auditTotal: { grew: grew('audit'), expected: expected.tipSubmitted + expected.notificationCreated },
    notifications: { grew: grew('notifications'), expected: expected.notifications },
    notificationsTipReceived: { grew: grew('notifications_tip_received'), expected: expected.notifications },
  };
  for (const [k, v] of Object.entries(checks)) {
    if (v.grew !== v.expected) errors.push(`tips: ${k} grew by ${v.grew}, expected exactly ${v.expected} for ${expected.tips} tips sent`);
  }
  const match = Object.values(checks).every((v) => v.grew === v.expected);
  note(`tips: ${expected.tips} sent; rows grew as expected: ${match ? 'yes' : 'NO'} (${expected.notifications} notifications)`);
  return {
    what: 'POST /api/public/tips through buildApp + app.inject, each from its own client address (per-route limits: ' +
      `${PUBLIC_TIP_LIMITS.intake}/min intake, ${PUBLIC_TIP_LIMITS.challenge}/min challenge per address), proof of work fetched and solved before the timed part; ` +
      'one transaction per tip: nonce, Argon2id hash of the secret, tip, reporter (every 2nd), event, audit row, notifications of the receiving unit, NOTIFY',
    communesTargeted: targets.length,
    http: runs,
    argon2HashOnly: floor,
    checks,
    match,
    errors,
  };
}
