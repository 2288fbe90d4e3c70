// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'url',
  'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const generatedDtos = { group: ['**/adapters/*/generated', '**/adapters/*/generated/**'], message: 'Partner DTOs stay inside adapters/<partner>/; use the PartnerAdapter port.' };

/**
 * One layer's import rule. Flat config: a later rule for the same files replaces an earlier one, so each layer
 * carries the generated-DTO rule too (except inside adapters/, where the DTOs live).
 */
function layer(files, patterns, { dtos = true, tests = false } = {}) {
  return {
    files,
    ignores: ['workflows/**/*.ts', ...(tests ? [] : ['**/*.test.ts'])],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...(dtos ? [generatedDtos] : []), ...patterns] }] },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'console/dist/**', 'test-artifacts/**', '.data/**', 'coverage/**', '**/generated/**', 'db/migrations/Migration*.ts', 'clients/typescript/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // One config module reads the environment; everything else is handed a Config.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through config/ (loadConfig).' },
      ],
    },
  },
  // Imports point down: api → workflows (contracts) → activities → db / adapters → domain. runtime and
  // scripts compose everything and sit on top; config is read by anyone but workflows. Tests may reach anywhere.
  layer(['**/*.ts'], [], { tests: true }),
  layer(['api/**/*.ts'], [
    { group: ['**/runtime', '**/runtime/**', '**/db', '**/db/**', '**/activities', '**/activities/**', '**/adapters', '**/adapters/**'], message: 'api/ speaks ports (api/ports.ts); runtime/ wires the implementations in.' },
    { group: ['**/workflows/*', '!**/workflows/contracts'], message: 'api/ starts workflows through their contracts (workflows/contracts/), never their code.' },
  ]),
  layer(['activities/**/*.ts'], [
    { group: ['**/runtime', '**/runtime/**', '**/api', '**/api/**'], message: 'Activities are given their dependencies; they do not reach up.' },
    { group: ['**/workflows/*', '!**/workflows/contracts'], message: 'Activities may use workflow contracts (types only), never workflow code.' },
    { group: ['**/workflows/contracts/*'], allowTypeImports: true, message: 'Activities import workflow contracts type-only.' },
  ]),
  layer(['db/**/*.ts'], [{ group: ['**/runtime', '**/runtime/**', '**/api', '**/api/**', '**/workflows', '**/workflows/**', '**/activities', '**/activities/**', '**/adapters', '**/adapters/**'], message: 'db/ loads and persists; it depends on domain/ only.' }]),
  layer(['adapters/**/*.ts'], [{ group: ['**/runtime', '**/runtime/**', '**/api', '**/api/**', '**/workflows', '**/workflows/**', '**/activities', '**/activities/**', '**/db', '**/db/**'], message: 'adapters/ talk to partners; they depend on domain/ only.' }], { dtos: false }),
  // The client package is published on its own: nothing of the hub may leak into it.
  layer(['clients/**/*.ts'], [{ group: ['../**', '!../typescript/**'], message: 'clients/typescript is published alone: it imports its own files and openapi-fetch only.' }]),
  layer(['domain/**/*.ts'], [{ group: ['**/runtime', '**/runtime/**', '**/api', '**/api/**', '**/workflows', '**/workflows/**', '**/activities', '**/activities/**', '**/db', '**/db/**', '**/adapters', '**/adapters/**', '**/config', '**/config/**'], message: 'domain/ is pure: it imports nothing of the hub but domain/.' }]),
  {
    files: ['config/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Workflow code is replayed: it must be deterministic and free of I/O.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows must not use Node built-ins.' })),
          patterns: [
            { group: ['node:*'], message: 'Workflows must not use Node built-ins.' },
            { group: ['**/db', '**/db/**', '@mikro-orm/*', 'pg'], message: 'Workflows reach the database only through activities.' },
            { group: ['**/adapters', '**/adapters/**'], message: 'Workflows reach partners only through activities.' },
            { group: ['express', 'undici', 'openapi-fetch', 'axios', 'node-fetch', '@temporalio/client', '@temporalio/worker'], message: 'No HTTP or client libraries in workflows.' },
            { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Import activities type-only and call them through proxyActivities.' },
            { group: ['**/runtime/**', '**/api/**', '**/config', '**/config/**'], message: 'Workflows must not import process-level modules.' },
          ],
        },
      ],
    },
  },
  {
    // The console runs in the browser: it speaks to the hub through the published client, never the hub's code.
    files: ['console/src/**/*.ts', 'console/src/**/*.tsx'],
    ignores: ['console/src/**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './console/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/api/**', '**/db/**', '**/domain/**', '**/runtime/**', '**/workflows/**', '**/activities/**', '**/adapters/**', '**/config/**', '**/scripts/**'], message: 'The console imports its own files, preact and clients/typescript only.' }, { group: ['node:*'], message: 'The console runs in a browser.' }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
);
