import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'os', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'util', 'worker_threads'];
const nodePatterns = nodeBuiltins.map((name) => ({ group: [name], message: 'No Node APIs here.' }));
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
    // Shared contract and pure analysis: neither Node nor Electron nor DOM.
    files: ['src-main/shared/**/*.ts', 'src-main/domain/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ ...noElectron, allowTypeImports: false }], patterns: nodePatterns },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
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
