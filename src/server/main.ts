import { ConfigError, loadConfig } from './config/env.ts';
import { DatabaseUnavailableError } from './db/connect.ts';
import { DataDirLockedError } from './db/lock.ts';
import { DomainError } from './kernel/errors.ts';
import { buildCli } from './cli/commands.ts';

/** Entry point: `serve` by default, operator commands otherwise (`npm run cli -- --help`). */
function fail(err: unknown): never {
  if (err instanceof ConfigError || err instanceof DatabaseUnavailableError || err instanceof DataDirLockedError) {
    console.error(`\n${err.message}\n`);
  } else if (err instanceof DomainError) {
    console.error(`Error ${err.code}${Object.keys(err.params).length ? ' ' + JSON.stringify(err.params) : ''}`);
    for (const i of err.issues ?? []) console.error(`  ${i.path}: ${i.code}`);
  } else if (err && typeof err === 'object' && 'issues' in err) {
    console.error('Invalid input:');
    for (const i of (err as { issues: { path: PropertyKey[]; message: string }[] }).issues) console.error(`  ${i.path.join('.')}: ${i.message}`);
  } else {
    console.error(err instanceof Error ? err.message : err);
  }
  process.exit(1);
}

try {
  const config = loadConfig();
  await buildCli(config).parseAsync(process.argv);
} catch (err) {
  fail(err);
}
