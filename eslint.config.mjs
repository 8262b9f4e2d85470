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
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  }
);
