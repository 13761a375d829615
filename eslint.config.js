import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'os', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'util', 'worker_threads'];
const nodePatterns = nodeBuiltins.map((name) => ({ group: [name], message: 'No Node APIs here.' }));
/** An import pattern refusing the given src-main folders (layers above the importing one), types included. */
const upperLayers = (folders) => ({
  group: folders.flatMap((f) => [`**/${f}/**`, `../${f}/*`, `../../${f}/*`]),
  message: 'Layers point one way: shared ← domain ← services ← ipc/host/electron/cli.',
  allowTypeImports: false,
});
const noElectron = { name: 'electron', message: 'Only src-main/electron may import electron at run time; use `import type` or an injected adapter.' };

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.tools/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render evidence as text.' },
      ],
    },
  },
  {
    // Services, IPC, host, CLI: plain Node, never the electron runtime module.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ ...noElectron, allowTypeImports: true }] }],
    },
  },
  {
    // One clock per case: code in src-main asks the case's clock (the tenant's) for "now"; the
    // machine's clock is read in one named place, for file stamps, timeouts and elapsed times.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/services/clock/wall-clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render evidence as text.' },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Use the case's clock (connection.clock / session.clock), or wallClockMs() from services/clock/wall-clock for file stamps and timeouts.",
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Use the case's clock (connection.clock / session.clock), or wallClockNow() from services/clock/wall-clock for file stamps and timeouts.",
        },
      ],
    },
  },
  {
    // Shared contract and pure analysis: neither Node nor Electron nor DOM.
    files: ['src-main/shared/**/*.ts', 'src-main/domain/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // Layers point one way: domain may use shared, never the services or runtimes above it.
    files: ['src-main/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ ...noElectron, allowTypeImports: false }], patterns: [...nodePatterns, upperLayers(['services', 'ipc', 'host', 'electron', 'cli'])] },
      ],
    },
  },
  {
    // shared is the bottom layer: the contract and models use nothing of the app above them.
    files: ['src-main/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ ...noElectron, allowTypeImports: false }], patterns: [...nodePatterns, upperLayers(['domain', 'services', 'ipc', 'host', 'electron', 'cli'])] },
      ],
    },
  },
  {
    // The renderer is a web page: no Node, no Electron, only the shared contract from src-main.
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ ...noElectron, allowTypeImports: false }],
          patterns: [
            ...nodePatterns,
            {
              group: ['**/src-main/*', '!**/src-main/shared', '**/src-main/!(shared)/**'],
              message: 'The renderer may import only src-main/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'test/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The CLI launcher stays CommonJS so it runs under any Node without flags.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The fake utility process's shim is CommonJS: it require()s the CommonJS demo-shell bundle.
    files: ['test/support/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
