import type { Config } from '../config/env.ts';
import { openRuntime, prepareData } from '../bootstrap.ts';
import { buildApp } from '../http/app.ts';
import { startJobs } from '../jobs/queue.ts';
import { DEMO_USERS } from '../seed/demo-city.ts';

export async function serve(config: Config): Promise<void> {
  const rt = await openRuntime(config);
  const { demoLoaded } = await prepareData(rt);
  const app = await buildApp({ config, database: rt.database, ctx: rt.ctx });
  // Background jobs on the same connection; with JOBS=0 jobs can still be enqueued (another
  // instance runs the workers) but this process neither polls nor schedules.
  const jobs = await startJobs(rt, { onError: (err, where) => app.log.error({ err }, `jobs: ${where}`) });
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await app.close().catch(() => undefined);
    await jobs.stop().catch(() => undefined);
    await rt.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  const lines = [
    '',
    `Phối Hợp is running at http://${host}:${port}`,
    `  database: ${rt.database.backend === 'pglite' ? `embedded PostgreSQL (PGlite) in ${rt.database.location}` : `PostgreSQL ${rt.database.location}`}`,
    `  API docs: http://${host}:${port}/api/docs`,
    `  jobs: ${jobs.workers ? 'running (reminder scan daily at 07:00 Asia/Ho_Chi_Minh)' : 'not run by this process (JOBS=0)'}; e-mail: ${config.smtp ? `via ${new URL(config.smtp.url).host}` : 'off (SMTP_URL not set)'}`,
  ];
  if (demoLoaded) {
    lines.push(`  demo accounts (password: ${process.env.DEMO_PASSWORD ? 'from DEMO_PASSWORD' : config.demoPassword}):`);
    for (const u of DEMO_USERS) lines.push(`    ${u.username.padEnd(16)} ${u.label}`);
  }
  console.log(lines.join('\n') + '\n');
}
