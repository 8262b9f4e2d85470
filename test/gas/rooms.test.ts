/**
 * The rooms of src/gas stay small to follow: every action room that main.ts re-exports from imports at
 * most three other src/gas modules (type-only imports count) besides the frame every room stands on (the
 * run's lock and steps, the workbook's context), so a reader follows a menu item through the room, those
 * three and the frame, plus the Apps Script contract (src/contract) and the core modules they call.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const GAS = join(__dirname, '../../src/gas');
const MAX_GAS_IMPORTS = 3;
/** What every room leans on, read once for all: locks and steps, the workbook's context. */
const FRAME = new Set(['run', 'workbook-context']);

/** The src/gas modules a file in src/gas imports or re-exports from, type-only included, by file name. */
function gasImportsOf(source: string, from = join(GAS, 'room.ts')): string[] {
  const imported = ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
  const inGas = imported
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(GAS, resolve(dirname(from), name)))
    .filter((path) => !path.startsWith('..') && !path.includes('/'));
  return [...new Set(inGas)].sort();
}

function rooms(): string[] {
  return gasImportsOf(readFileSync(join(GAS, 'main.ts'), 'utf8'), join(GAS, 'main.ts'));
}

/** Each room whose src/gas imports exceed the bound, with them: `setup: a, b, c, d`. */
function overLimit(): string[] {
  return rooms().flatMap((room) => {
    const file = join(GAS, `${room}.ts`);
    const imports = gasImportsOf(readFileSync(file, 'utf8'), file).filter(
      (name) => name !== room && !FRAME.has(name)
    );
    return imports.length > MAX_GAS_IMPORTS ? [`${room}: ${imports.join(', ')}`] : [];
  });
}

describe('rooms of src/gas', () => {
  it('finds every room main.ts re-exports from', () => {
    expect(rooms()).toEqual(
      expect.arrayContaining(['consolidate', 'diagnostics', 'import-server', 'menu', 'reports', 'setup'])
    );
    expect(rooms().length).toBeGreaterThanOrEqual(8);
  });

  it('reads every kind of import, type-only and re-exports included, and only src/gas modules', () => {
    const source = [
      "import { a } from './one';",
      "import type { B } from './two';",
      'import {',
      '  c,',
      '  type D,',
      "} from './three';",
      "export { e } from './four';",
      "import { f } from '../core/five';",
      "import { g } from 'zod/mini';",
      "import { h } from './one';",
    ].join('\n');
    expect(gasImportsOf(source)).toEqual(['four', 'one', 'three', 'two']);
  });

  it(`each room imports at most ${MAX_GAS_IMPORTS} other src/gas modules`, () => {
    expect(overLimit()).toEqual([]);
  });
});
