// Lint rules, including the layer boundaries of docs/ARCHITECTURE.md:
// core is pure math (no React, DOM, D3, tfjs, zustand); viz has no React; only the
// worker and models touch tfjs; ui holds no tfjs; the page side reaches the worker only
// through worker/protocol and worker/client; cli runs on core and models.
// Import cycles (type-only ones included) are caught by dependency-cruiser (.dependency-cruiser.cjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const tfjs = {
  group: ['@tensorflow/*'],
  message: 'Only src/worker and src/models may import tfjs.',
};
const react = {
  group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
  message: 'React belongs in src/ui.',
};
const d3 = { group: ['d3', 'd3-*'], message: 'D3 belongs in src/viz.' };
const zustand = { group: ['zustand', 'zustand/*'], message: 'The store belongs in src/state.' };
const upper = (...dirs) => ({
  group: dirs.flatMap((d) => [
    `../${d}/*`,
    `../../${d}/*`,
    `../../../${d}/*`,
    `../${d}`,
    `../../${d}`,
  ]),
  message: 'Imports point downwards only (core <- models <- worker; core <- state <- viz <- ui).',
});

/**
 * The worker folders the page loads (protocol/, client/): no tfjs or page libraries, no layer
 * in `above`, and none of the worker's other folders in `sides` (refused with `message`).
 */
const pageSafeWorker = (folder, above, sides, message) => ({
  files: [`src/worker/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          tfjs,
          react,
          d3,
          zustand,
          upper(...above),
          { group: sides.flatMap((d) => [`../${d}/*`, `../${d}`]), message },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'playwright-report', 'training'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [tfjs, upper('models')] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [tfjs, react, d3, zustand, upper('models', 'worker', 'state', 'viz', 'ui')] },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'HTMLElement',
        'localStorage',
      ],
    },
  },
  {
    files: ['src/viz/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [tfjs, react, zustand, upper('ui', 'models', 'worker')] },
      ],
    },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [tfjs, react, d3, upper('ui', 'viz', 'models')] },
      ],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    ignores: ['src/worker/protocol/**', 'src/worker/client/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [react, d3, zustand, upper('ui', 'viz', 'state', 'cli')] },
      ],
    },
  },
  // The protocol may name models' plain settings (the training config); tfjs stays out.
  pageSafeWorker(
    'protocol',
    ['ui', 'viz', 'state', 'cli'],
    ['thread', 'client'],
    'The protocol is shared: it imports neither side of the worker.',
  ),
  pageSafeWorker(
    'client',
    ['ui', 'viz', 'state', 'cli', 'models'],
    ['thread'],
    'The page-side client talks to the worker thread by messages only.',
  ),
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [react, d3, zustand, upper('ui', 'viz', 'state', 'worker')] },
      ],
    },
  },
  {
    files: ['src/models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [react, d3, zustand, upper('ui', 'viz', 'state', 'worker')] },
      ],
    },
  },
  prettier,
);
