/**
 * Issue 25, part 7: no code in unit files, ever. tonghop's code lives in the office's file alone (its bound
 * script, whose onOpen builds the menu there): it creates no trigger (an installable trigger runs the
 * project's current code as its creator), makes each unit's file from a template spreadsheet it created itself
 * (never a copy of a file that carries a script: a copy of a spreadsheet carries its bound script), and the
 * manifest asks no full Drive scope (test/cli/clasp.test.ts pins the whole manifest).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR } from '../../src/cli/runtime';

const GAS = join(__dirname, '..', '..', 'src', 'gas');
const sources = readdirSync(GAS)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: readFileSync(join(GAS, name), 'utf8') }));
const bundle = readFileSync(join(DIST_DIR, 'Code.js'), 'utf8');

describe('no code in a unit’s file', () => {
  it('creates no trigger and touches no script: no ScriptApp, no Apps Script API', () => {
    for (const text of [bundle, ...sources.map((s) => s.text)]) {
      expect(text).not.toMatch(/\bScriptApp\b/);
      expect(text).not.toMatch(/newTrigger|script\.googleapis|projects\.updateContent/);
    }
  });

  it('copies one file only, the template it created with Drive files.create, into each unit’s file', () => {
    const copies = sources.flatMap(({ name, text }) =>
      [...text.matchAll(/Drive\.Files\.copy\(/g)].map(() => name)
    );
    expect(copies).toEqual(['setup-files.ts']);
    const setupFiles = sources.find((s) => s.name === 'setup-files.ts')!.text;
    // The copy's source is the template, itself made with files.create (a new, script-less spreadsheet).
    expect(setupFiles).toMatch(/Drive\.Files\.copy\(\s*\{[\s\S]*?\},\s*template\s*\)/);
    expect(setupFiles).toMatch(/const made = Drive\.Files\.create\(\{[\s\S]*?\[APP\.role\]: 'template'/);
    // SpreadsheetApp's whole-file copies (Spreadsheet.copy, DriveApp makeCopy) carry a bound script: never used.
    for (const { text } of sources) expect(text).not.toMatch(/\.makeCopy\(|\bss\.copy\(|Spreadsheet\.copy\(/);
  });

  it('builds its menu from the office’s file alone: onOpen in the bound script, nothing else adds one', () => {
    // The contract (src/contract) declares the call; menu.ts alone makes it (onOpen runs in the bound file).
    const menus = sources.filter(({ text }) => /createMenu\(/.test(text)).map(({ name }) => name);
    expect(menus).toEqual(['menu.ts']);
    const manifest = JSON.parse(readFileSync(join(DIST_DIR, 'appsscript.json'), 'utf8')) as {
      oauthScopes: string[];
    };
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/script.scriptapp');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/script.projects');
  });
});
