// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const appsScriptGlobals = [
  'SpreadsheetApp',
  'HtmlService',
  'Session',
  'Utilities',
  'LockService',
  'PropertiesService',
  'ScriptApp',
  'Charts',
  'DriveApp',
  'UrlFetchApp',
  'CacheService',
  'Logger',
  'google',
].map((name) => ({ name, message: 'src/core is pure: pass data in from the Apps Script shell instead.' }));

// Nor Node's or the browser's: core runs inside Apps Script's V8, which has neither.
const hostGlobals = [
  'process',
  'Buffer',
  'require',
  'module',
  '__dirname',
  '__filename',
  'setTimeout',
  'setInterval',
  'TextDecoder',
  'TextEncoder',
  'window',
  'document',
  'fetch',
].map((name) => ({ name, message: 'src/core runs in Apps Script, which has no such global.' }));

const pagesCallThroughRpc =
  "Call the server through src/ui/rpc.ts's typed client (call, closeDialog), never google.script directly.";

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'demo/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...appsScriptGlobals, ...hostGlobals] },
  },
  {
    files: ['src/ui/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The pages reach the server through rpc.ts's typed client alone, so that renaming an entry point of
    // src/gas/main.ts is a type error; `google` (google.script.run, google.script.host) appears nowhere else.
    files: ['src/ui/**/*.ts'],
    ignores: ['src/ui/rpc.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'google', message: pagesCallThroughRpc }],
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='google']", message: pagesCallThroughRpc },
        { selector: "Literal[value='google']", message: pagesCallThroughRpc },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  }
);
