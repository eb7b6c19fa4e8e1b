// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Lint: recommended JavaScript + typescript-eslint recommended (syntactic only, no type
 * information, so it stays fast), plus the architecture's import rules
 * (../shared/architecture-guide.md §3) enforced with `no-restricted-imports` per folder.
 *
 * Flat config replaces a rule's options wholesale when a later block matches the same file, so
 * each block below states the *complete* set of restrictions for its files, from general to
 * specific. The restriction sets are named once here and combined per block.
 */

/** @typedef {{ group?: string[]; regex?: string; message: string }} Pattern */
/** @typedef {{ paths: { name: string; message: string }[]; patterns: Pattern[] }} Restriction */

/** @type {Record<string, Restriction>} */
const R = {
  // Only repositories, db/, migrations, the audit writer, the health route and the seed may
  // touch the query builder.
  kysely: {
    paths: [{ name: 'kysely', message: 'Only *.repository.ts, src/server/db/**, kernel/audit.ts, http/health.routes.ts and seed/** may import kysely (architecture §3).' }],
    patterns: [{ regex: '^kysely/', message: 'Only *.repository.ts and src/server/db/** may import kysely (architecture §3).' }],
  },
  // The domain knows nothing about HTTP.
  http: {
    paths: [{ name: 'fastify', message: 'Modules know nothing about HTTP: only *.routes.ts may import fastify (architecture §1.2, §3).' }],
    patterns: [
      { regex: '^(\\.\\./)+http(/|$)', message: 'Modules must not import src/server/http/** (only *.routes.ts adapters may).' },
      { regex: '^@fastify/', message: 'Modules know nothing about HTTP: only *.routes.ts may import @fastify/*.' },
    ],
  },
  cli: {
    paths: [],
    patterns: [{ regex: '^(\\.\\./)+cli(/|$)', message: 'Modules must not import src/server/cli/** (the CLI is an adapter over the modules).' }],
  },
  // A module reaches another module only through its services.
  crossRepository: {
    paths: [],
    patterns: [
      {
        regex: '^\\.\\./[^/]+/(.*/)?[^/]*\\.repository(\\.ts)?$',
        message: "A module must not import another module's repository; call that module's service instead (architecture §3).",
      },
    ],
  },
  // The browser bundle and the shared contracts never pull in server code.
  server: {
    paths: [],
    patterns: [{ regex: '^(\\.\\./)+server(/|$)|(^|/)src/server(/|$)', message: 'Browser code may import src/contracts/** but nothing from src/server/** (architecture §3).' }],
  },
};

/** @param {...Restriction} sets */
function restrict(...sets) {
  return [
    'error',
    {
      paths: sets.flatMap((s) => s.paths),
      patterns: sets.flatMap((s) => s.patterns),
    },
  ];
}

export default tseslint.config(
  {
    ignores: ['dist/', 'data/', 'node_modules/', 'artifacts/', 'scratch/', 'coverage/', 'test-results/'],
  },
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // ── Import rules, general → specific (a later block replaces the options of an earlier one).
  {
    files: ['src/server/**/*.{ts,tsx,mts,js,mjs}'],
    rules: { 'no-restricted-imports': restrict(R.kysely) },
  },
  {
    files: ['src/server/modules/**/*.{ts,tsx,mts,js,mjs}'],
    rules: { 'no-restricted-imports': restrict(R.kysely, R.http, R.cli, R.crossRepository) },
  },
  {
    files: ['src/server/modules/**/*.routes.ts'],
    rules: { 'no-restricted-imports': restrict(R.kysely, R.cli, R.crossRepository) },
  },
  {
    files: ['src/server/modules/**/*.repository.ts'],
    rules: { 'no-restricted-imports': restrict(R.http, R.cli, R.crossRepository) },
  },
  {
    files: ['src/server/db/**', 'src/server/kernel/audit.ts', 'src/server/http/health.routes.ts', 'src/server/seed/**', '**/migrations/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/web/**/*.{ts,tsx,js,jsx}', 'src/contracts/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrict(R.server, R.kysely) },
  },
);
