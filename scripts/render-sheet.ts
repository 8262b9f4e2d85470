/**
 * Pictures of the demo workbook for the README: a sheet of the .xlsx, drawn as an HTML grid from what
 * the stand-in holds (values as displayed, merges, fonts, widths, fills) and photographed in Chromium.
 *
 *   npx tsx scripts/render-sheet.ts "demo/bao-cao-demo-don-vi/TDP01 - Tổ dân phố số 1.xlsx" "Tổ dân phố số 1" docs/images/trang-don-vi.png 16 phone
 *   npx tsx scripts/render-sheet.ts demo/bao-cao-demo.xlsx "Tổng hợp" docs/images/tong-hop.png 30
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { launchChromium } from '../test/ui/harness';
import { loadXlsx, conditionHolds, type DocumentSheet } from '../src/stand-in';
import { loadAddOn } from '../src/cli/runtime';
// The picture reads the document only: what it reads counts no Apps Script call.

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The first matching rule's background, as Sheets applies conditional formats. */
function conditionalBackground(
  sheet: DocumentSheet,
  row: number,
  column: number,
  value: unknown
): string | undefined {
  for (const rule of sheet.conditionalFormatRules) {
    const inside = rule.ranges.some(
      ({ rect }) => row >= rect.r1 && row <= rect.r2 && column >= rect.c1 && column <= rect.c2
    );
    if (inside && conditionHolds(rule, value)) return rule.background ?? undefined;
  }
  return undefined;
}

function sheetHtml(sheet: DocumentSheet, rows: number): string {
  // Hidden columns (Kiểm tra's helpers, the last of a unit sheet) are not drawn, nor empty ones at the end.
  let columns = sheet.maxColumns;
  for (let c = 1; c <= columns; c++) if (sheet.hiddenColumns.has(c)) columns = Math.min(columns, c - 1);
  const all = sheet.readCells({ r1: 1, c1: 1, r2: rows, c2: columns }, 'display') as string[][];
  while (columns > 1 && all.every((row) => row[columns - 1] === '')) columns--;
  const shown = { r1: 1, c1: 1, r2: rows, c2: columns };
  const display = sheet.readCells(shown, 'display') as string[][];
  const values = sheet.readCells(shown, 'values');
  const covered = new Set<string>();
  const body: string[] = [];
  for (let r = 1; r <= rows; r++) {
    const cells: string[] = [`<th>${r}</th>`];
    for (let c = 1; c <= columns; c++) {
      if (covered.has(`${r},${c}`)) continue;
      const merge = sheet.mergeAt(r, c);
      let span = '';
      if (merge && merge.r1 === r && merge.c1 === c) {
        for (let rr = merge.r1; rr <= Math.min(merge.r2, rows); rr++)
          for (let cc = merge.c1; cc <= merge.c2; cc++) if (rr !== r || cc !== c) covered.add(`${rr},${cc}`);
        span = ` colspan="${merge.c2 - merge.c1 + 1}" rowspan="${Math.min(merge.r2, rows) - merge.r1 + 1}"`;
      }
      const s = sheet.styleAt(r, c);
      const background = conditionalBackground(sheet, r, c, values[r - 1][c - 1]) ?? s.background;
      // Unwrapped text runs over the empty cells to its right, as in Sheets; a filled cell is left as one
      // cell (its fill would otherwise spread over the neighbours; its short text fits it).
      if (
        !span &&
        !background &&
        !s.wrap &&
        display[r - 1][c - 1] !== '' &&
        s.horizontalAlignment !== 'center' &&
        typeof values[r - 1][c - 1] === 'string'
      ) {
        let last = c;
        while (last < columns && display[r - 1][last] === '' && !sheet.mergeAt(r, last + 1)) last++;
        if (last > c) {
          for (let cc = c + 1; cc <= last; cc++) covered.add(`${r},${cc}`);
          span = ` colspan="${last - c + 1}"`;
        }
      }
      const css = [
        `font-family:'${s.fontFamily ?? 'Arial'}',serif`,
        `font-size:${(s.fontSize ?? 10) * 1.33}px`,
        s.fontWeight === 'bold' ? 'font-weight:bold' : '',
        s.fontStyle === 'italic' ? 'font-style:italic' : '',
        s.fontColor ? `color:${s.fontColor}` : '',
        background ? `background:${background}` : '',
        s.horizontalAlignment
          ? `text-align:${s.horizontalAlignment}`
          : typeof display[r - 1][c - 1] === 'string' && /^\d/.test(display[r - 1][c - 1])
            ? 'text-align:right'
            : '',
        s.wrap ? 'white-space:normal' : 'white-space:nowrap',
      ]
        .filter(Boolean)
        .join(';');
      cells.push(`<td${span} style="${css}">${escape(display[r - 1][c - 1])}</td>`);
    }
    body.push(`<tr>${cells.join('')}</tr>`);
  }
  const widths = Array.from(
    { length: columns },
    (_, i) => `<col style="width:${sheet.columnWidth(i + 1)}px">`
  ).join('');
  const letters = Array.from({ length: columns }, (_, i) => `<th>${String.fromCharCode(65 + i)}</th>`).join(
    ''
  );
  return `<!doctype html><meta charset="utf-8"><style>
    body{margin:0;background:#fff} table{border-collapse:collapse;table-layout:fixed}
    td{border:1px solid #e2e2e2;padding:2px 4px;overflow:hidden;vertical-align:middle;height:21px}
    th{background:#f8f9fa;color:#5f6368;font:11px Arial;border:1px solid #c0c0c0}
    </style><table style="width:${40 + Array.from({ length: columns }, (_, i) => sheet.columnWidth(i + 1)).reduce((a, b) => a + b, 0)}px"><col style="width:40px">${widths}<tr><th></th>${letters}</tr>${body.join('')}</table>`;
}

/**
 * For the unit staff's picture: rows 10–14 retyped (in memory only) with the mistakes people make, through
 * onEdit as typing would, so that the "Kiểm tra" column shows each kind of verdict.
 */
function typeCommonMistakes(workbook: Parameters<typeof loadAddOn>[0], name: string): void {
  const sheet = workbook.getSheetByName(name);
  if (!sheet) return;
  const [person] = sheet.getRange(8, 2, 1, 5).getValues();
  const year = new Date().getFullYear();
  const rows = [
    ['Hà', 1990, '', 'Tổ dân phố số 1', ''],
    [person[0], person[1], '', person[3], ''],
    ['Trần Văn Bình', '85', '', 'Số 4 Lê Lợi, TDP 1', ''],
    ['Lê Thị Mai', '15/03/1985', '', '', ''],
    ['Phạm Minh Khang', year - 9, '', 'Số 12 Trần Hưng Đạo, TDP 1', ''],
  ];
  sheet.getRange(10, 2, rows.length, 5).setValues(rows);
}

async function main(): Promise<void> {
  const [file, name, out, rowsArg, action] = process.argv.slice(2);
  const { workbook } = await loadXlsx(file);
  // .xlsx keeps no charts: run Tổng hợp again in memory to have them.
  if (action === 'consolidate') loadAddOn(workbook).addOn.consolidate();
  if (action === 'phone') typeCommonMistakes(workbook, name);
  if (!workbook.sheetNames().includes(name)) throw new Error(`no sheet ${name}`);
  const sheet = workbook.sheet(name);
  const browser = await launchChromium();

  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 400 }, deviceScaleFactor: 1 });
    await page.setContent(sheetHtml(sheet, Number(rowsArg ?? 20)));
    mkdirSync(dirname(out), { recursive: true });
    await page.locator('table').screenshot({ path: out });
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
