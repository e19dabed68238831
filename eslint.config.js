// Lint rules that keep the architecture honest (CONVENTIONS.md): which folder may import
// what, and that only the two typed wrappers touch Electron's IPC objects.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeOnly = ['sharp', 'lowdb', 'lowdb/*', 'onnxruntime-node', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'ws', 'sirv'];
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'worker_threads', 'stream', 'url', 'util'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.js', '.ci/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      ['electron', ...nodeBuiltins, ...nodeOnly, 'react', 'react-dom', '**/electron/**', '**/renderer/**'],
      'shared/ runs everywhere: no Electron, Node, DOM, native or React imports, and nothing from electron/ or renderer/.',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(
      ['electron', ...nodeBuiltins, ...nodeOnly, '**/electron/**'],
      'The renderer reaches the system only through window.api or the bridge (renderer/src/api).',
    ),
  },
  {
    files: ['electron/services/**/*.ts', 'electron/worker/**/*.ts', 'electron/cli/**/*.ts', 'electron/server/**/*.ts'],
    rules: restrict(['electron', '**/renderer/**', '**/main/**', '**/preload/**'], 'Services, the worker, the CLI and the server never import Electron, so they run in tests, the CLI and browser mode.'),
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Only electron/main/ipc.ts touches ipcMain.' }] }],
    },
  },
);
