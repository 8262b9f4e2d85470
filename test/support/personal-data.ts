/**
 * Scans a workbook for personal data (issue 20): every cell's value and formula, every note, chart title,
 * sheet name and defined name, for any of a corpus's names.
 */
import type { Workbook, StandInSheet } from '../../src/stand-in';

/** Where each name of `names` occurs in `workbook`, as "sheet!row,column: name" (empty: nowhere). */
export function personalDataIn(workbook: Workbook, names: readonly string[]): string[] {
  const wanted = names.map((name) => name.normalize('NFC').toLocaleLowerCase('vi'));
  const found: string[] = [];
  const scan = (where: string, text: unknown): void => {
    if (text === null || text === undefined || text === '') return;
    const lower = String(text).normalize('NFC').toLocaleLowerCase('vi');
    wanted.forEach((name, i) => {
      if (lower.includes(name)) found.push(`${where}: ${names[i]}`);
    });
  };
  for (const entry of workbook.namedRangeEntries()) scan('defined name', entry.name);
  for (const sheet of workbook.getSheets() as StandInSheet[]) {
    const name = sheet.getName();
    scan(`sheet name ${name}`, name);
    const rows = sheet.getMaxRows();
    const columns = sheet.getMaxColumns();
    const range = sheet.getRange(1, 1, rows, columns);
    const values = range.getValues();
    const formulas = range.getFormulas();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const at = `${name}!${r + 1},${c + 1}`;
        scan(at, values[r][c]);
        scan(`${at} formula`, formulas[r][c]);
        scan(`${at} note`, sheet.styleAt(r + 1, c + 1).note);
      }
    }
    for (const chart of sheet.charts) scan(`${name} chart`, JSON.stringify(chart.options));
  }
  return found;
}

/** Every formula of a workbook, as "sheet!row,column: formula". */
export function formulasIn(workbook: Workbook): string[] {
  const out: string[] = [];
  for (const sheet of workbook.getSheets()) {
    const range = sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns());
    range.getFormulas().forEach((row, r) =>
      row.forEach((formula, c) => {
        if (formula !== '') out.push(`${sheet.getName()}!${r + 1},${c + 1}: ${formula}`);
      })
    );
  }
  return out;
}
