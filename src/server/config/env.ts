import path from 'node:path';
import { z } from 'zod';

/**
 * The only place that reads process.env. Parsed once at start-up; everything else receives a
 * Config object.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  DEMO_PASSWORD: z.string().min(8).optional(),
  /** Load the demo city on first start (default on for the embedded database). */
  DEMO: z.enum(['0', '1', 'auto']).default('auto'),
  /** Set when the app is served behind an HTTPS proxy: cookies get the Secure flag. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  COOKIE_SECURE: z.enum(['0', '1', 'auto']).default('auto'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Background jobs (pg-boss): run the workers and the daily schedule in this process. */
  JOBS: z.enum(['0', '1']).default('1'),
  /** How often each job worker polls its queue (seconds, at least 0.5). */
  JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(300).default(10),
  /** Send the "due soon" reminder this many days before a deadline. */
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(1).max(60).default(3),
  /** Escalate to the lead unit's superior once a task is overdue by this many days. */
  ESCALATION_DAYS: z.coerce.number().int().min(1).max(365).default(3),
  /** E-mail for notifications: smtp://user:pass@host:587 or smtps://…; unset = in-app only. */
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().max(200).optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demoPassword: string;
  demo: '0' | '1' | 'auto';
  trustProxy: boolean;
  cookieSecure: 'always' | 'never' | 'auto';
  sessionTtlMs: number;
  logLevel: string;
  rateLimitPerMinute: number;
  loginMaxFailures: number;
  loginLockMs: number;
  jobs: { enabled: boolean; pollSeconds: number; reminderDaysBefore: number; escalationDays: number };
  /** null when SMTP_URL is unset: notifications stay in the app. */
  smtp: { url: string; from: string } | null;
};

/** Default demo password; stated in the README. Only used when the demo city is loaded. */
export const DEFAULT_DEMO_PASSWORD = 'phoihop-demo-2026';

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL !== undefined && e.DATABASE_URL !== '') {
    let url: URL;
    try {
      url = new URL(e.DATABASE_URL);
    } catch {
      throw new ConfigError('DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)');
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//)`);
    }
  }
  if (e.SMTP_URL) {
    let url: URL;
    try {
      url = new URL(e.SMTP_URL);
    } catch {
      throw new ConfigError('SMTP_URL is not a valid URL (expected smtp://user:password@host:587)');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError(`SMTP_URL must start with smtp:// or smtps:// (got ${url.protocol}//)`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    demoPassword: e.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    demo: e.DEMO,
    trustProxy: e.TRUST_PROXY === '1',
    cookieSecure: e.COOKIE_SECURE === '1' ? 'always' : e.COOKIE_SECURE === '0' ? 'never' : 'auto',
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    jobs: { enabled: e.JOBS === '1', pollSeconds: e.JOBS_POLL_SECONDS, reminderDaysBefore: e.REMINDER_DAYS_BEFORE, escalationDays: e.ESCALATION_DAYS },
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM || 'Phối Hợp <no-reply@phoihop.local>' } : null,
  };
}
