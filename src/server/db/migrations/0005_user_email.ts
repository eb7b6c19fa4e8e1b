import { type Kysely, sql } from 'kysely';

/**
 * E-mail address of an account, for notification e-mails when SMTP is configured (SMTP_URL).
 * Optional: without it a user gets in-app notifications only. Forward-only.
 *
 * The job queue's own tables (schema `pgboss`) are not created here: pg-boss creates and
 * migrates them itself when the jobs start (docs/decisions/007-jobs.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column email text`.execute(db);
}
