// Lint enforces the architecture: pure domain, features apart, server and CLI free of UI code.
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = [
  'label',
  'review',
  'curate',
  'transfer',
  'analytics',
  'samples',
  'session',
  'browse',
];

// Browser and Node globals that pure domain code must not touch.
const impureGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'fetch',
  'process',
  'Buffer',
  '__dirname',
  'require',
].map((name) => ({ name, message: 'domain/ and schemas/ are pure: pass values in instead.' }));

export default tseslint.config(
  {
    ignores: ['dist', 'node_modules', 'data', 'test-results', 'playwright-report', '.tmp', 'bin'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX, 'check-file': checkFile },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: 'tsconfig.*.json',
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.{ts,tsx}': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // Pure layers import nothing above them.
            ...['domain', 'schemas'].map((pure) => ({
              target: `./src/${pure}`,
              from: [
                './src/app',
                './src/features',
                './src/plot',
                './src/server',
                './src/cli',
                './src/lib',
                './src/components',
                './src/ecg',
                './src/reasoning',
              ],
              message: `${pure}/ is pure: it may import only domain/ and schemas/.`,
            })),
            // Server and CLI never import UI code.
            ...['server', 'cli'].map((side) => ({
              target: `./src/${side}`,
              from: [
                './src/app',
                './src/features',
                './src/plot',
                './src/components',
                './src/lib',
                './src/ecg',
                './src/reasoning',
              ],
              message: `${side}/ must not import UI code.`,
            })),
            // Shared UI code never imports features or app.
            ...['plot', 'components', 'lib', 'ecg', 'reasoning'].map((shared) => ({
              target: `./src/${shared}`,
              from: ['./src/features', './src/app', './src/server', './src/cli'],
              message: 'Shared code never imports features, app, server or CLI.',
            })),
            // Features never import each other; only app/ composes them.
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: ['./src/features', './src/app', './src/server', './src/cli'],
              except: [`./${feature}`],
              message: 'A feature never imports another feature; compose them in app/.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/schemas/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...impureGlobals],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'stream'],
              message: 'domain/ and schemas/ are pure: no Node modules.',
            },
            {
              group: [
                'react',
                'react-dom',
                'react-*',
                'konva',
                'zustand',
                '@tanstack/*',
                'hono',
                'hono/*',
                'kysely',
                'better-sqlite3',
                'pg',
              ],
              message: 'domain/ and schemas/ are pure: no UI, server or database libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react-*', 'konva', 'zustand', '@tanstack/*'],
              message: 'server/ and cli/ never import UI libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/**/*.tsx',
      'src/app/**/*.ts',
      'src/features/**/*.ts',
      'src/plot/**/*.ts',
      'src/lib/**/*.ts',
      'src/components/**/*.ts',
      'src/ecg/**/*.ts',
      'src/reasoning/**/*.ts',
    ],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-properties': [
        'error',
        {
          object: 'Plot',
          property: 'plot',
          message:
            "Draw charts with plotChart (components/charts/plot-chart.ts): Plot's inline <style> breaks the CSP.",
        },
      ],
    },
  },
  {
    files: ['src/components/charts/plot-chart.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: [
      'src/server/**/*.ts',
      'src/cli/**/*.ts',
      'src/bench/**/*.ts',
      'src/testing/**/*.ts',
      '**/*.test.ts',
      'e2e/**/*.ts',
      '*.config.{ts,js}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
);
