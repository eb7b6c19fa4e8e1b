import type { Config } from '../config/env.ts';
import { openRuntime, prepareData } from '../bootstrap.ts';
import { buildApp } from '../http/app.ts';
import { DEMO_USERS } from '../seed/demo-city.ts';

export async function serve(config: Config): Promise<void> {
  const rt = await openRuntime(config);
  const { demoLoaded } = await prepareData(rt);
  const app = await buildApp({ config, database: rt.database, ctx: rt.ctx });
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await app.close().catch(() => undefined);
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
  ];
  if (demoLoaded) {
    lines.push(`  demo accounts (password: ${process.env.DEMO_PASSWORD ? 'from DEMO_PASSWORD' : config.demoPassword}):`);
    for (const u of DEMO_USERS) lines.push(`    ${u.username.padEnd(16)} ${u.label}`);
  }
  console.log(lines.join('\n') + '\n');
}
