// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'url',
  'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**', '**/generated/**', 'db/migrations/Migration*.ts'] },
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
  {
    // A partner's generated DTOs stay inside its adapter folder; everything else speaks the port.
    files: ['**/*.ts'],
    ignores: ['adapters/*/**', 'workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/adapters/*/generated', '**/adapters/*/generated/**'], message: "Partner DTOs stay inside adapters/<partner>/; use the PartnerAdapter port." }] },
      ],
    },
  },
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
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
);
