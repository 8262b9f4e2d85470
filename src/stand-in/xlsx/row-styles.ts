/**
 * The styles and notes of a sheet being saved, row by row. The stand-in keeps them as rectangles per
 * style key (RectStore) and borders; the writer needs each row's style per column. Rows between two
 * changes (where a run or a border starts or ends) share one set of styles, worked out once.
 */
import type * as ExcelJS from 'exceljs';
import type { Rect } from '../document/a1';
import type { RectStore } from '../document/rect-store';
import { STYLE_KEYS, type CellStyle, type DocumentSheet } from '../document/sheet';
import { excelStyle, type StyleProps } from './styles';

/** Non-overlapping column runs of what a RectStore resolves to inside the grid. */
export function resolveRuns<V>(
  store: RectStore<V>,
  maxRows: number,
  maxColumns: number
): { rect: Rect; value: V }[] {
  const ops = store.ops.filter((op) => op.rect.r1 <= maxRows && op.rect.c1 <= maxColumns);
  if (ops.length === 0) return [];
  const runs: { rect: Rect; value: V }[] = [];
  const c1 = Math.min(...ops.map((o) => o.rect.c1));
  const c2 = Math.min(maxColumns, Math.max(...ops.map((o) => o.rect.c2)));
  for (let c = c1; c <= c2; c++) {
    const col = ops.filter((o) => o.rect.c1 <= c && o.rect.c2 >= c);
    if (col.length === 0) continue;
    const cuts = [...new Set(col.flatMap((o) => [o.rect.r1, Math.min(o.rect.r2, maxRows) + 1]))].sort(
      (a, b) => a - b
    );
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [from, to] = [cuts[i], cuts[i + 1] - 1];
      let value: V | undefined;
      for (let k = col.length - 1; k >= 0; k--) {
        if (col[k].rect.r1 <= from && col[k].rect.r2 >= to) {
          value = col[k].value;
          break;
        }
      }
      if (value === undefined) continue;
      const prev = runs[runs.length - 1];
      if (prev && prev.value === value && prev.rect.c1 === c && prev.rect.r2 === from - 1) prev.rect.r2 = to;
      else runs.push({ rect: { r1: from, c1: c, r2: to, c2: c }, value });
    }
  }
  return runs;
}

/** Per column, the runs of one style key in row order, walked with a cursor as rows are written. */
class ColumnRuns<V> {
  private readonly byColumn = new Map<number, { r1: number; r2: number; value: V }[]>();
  private readonly cursor = new Map<number, number>();
  constructor(runs: { rect: Rect; value: V }[]) {
    for (const { rect, value } of runs) {
      let list = this.byColumn.get(rect.c1);
      if (!list) this.byColumn.set(rect.c1, (list = []));
      list.push({ r1: rect.r1, r2: rect.r2, value });
    }
    for (const list of this.byColumn.values()) list.sort((a, b) => a.r1 - b.r1);
  }
  columns(): number[] {
    return [...this.byColumn.keys()];
  }
  /** Rows at which some column's value may change: where a run starts or ends. */
  boundaries(): number[] {
    const rows: number[] = [];
    for (const list of this.byColumn.values()) for (const run of list) rows.push(run.r1, run.r2 + 1);
    return rows;
  }
  /** The value at (row, column); rows must be asked in increasing order. */
  at(row: number, column: number): V | undefined {
    const list = this.byColumn.get(column);
    if (!list) return undefined;
    let i = this.cursor.get(column) ?? 0;
    while (i < list.length && list[i].r2 < row) i++;
    this.cursor.set(column, i);
    return i < list.length && list[i].r1 <= row ? list[i].value : undefined;
  }
}

type OrderedBorder = DocumentSheet['borders'][number] & { order: number };

/** A sheet's styles as rows are written, in increasing order (advance). */
export class RowStyles {
  /** The last row a style or a border reaches, within the grid. */
  readonly lastStyledRow: number;
  /** Every column with a style somewhere, in order. */
  readonly styledColumns: number[];
  /** The styles and notes of the current row's cells, by column. */
  cells = new Map<number, { style?: Partial<ExcelJS.Style>; note?: string }>();
  /** The current row's styles by column, for RowXml.restyle. */
  byColumn: (Partial<ExcelJS.Style> | undefined)[] = [];
  hasNote = false;
  private readonly sheet: DocumentSheet;
  private readonly runs: (readonly [keyof CellStyle, ColumnRuns<unknown>])[];
  private readonly borders: OrderedBorder[];
  private nextBorder = 0;
  private activeBorders: OrderedBorder[] = [];
  /** Rows at which a row's styles may differ from the row above. */
  private readonly changeRows: number[];
  private nextChange = 0;
  /** Equal styles share one object: ExcelJS caches style ids per object. */
  private readonly shared = new Map<string, Partial<ExcelJS.Style>>();

  constructor(sheet: DocumentSheet) {
    this.sheet = sheet;
    this.runs = STYLE_KEYS.map(
      (key) =>
        [
          key,
          new ColumnRuns(
            resolveRuns(sheet.styles[key] as RectStore<unknown>, sheet.maxRows, sheet.maxColumns)
          ),
        ] as const
    );
    this.styledColumns = [...new Set(this.runs.flatMap(([, r]) => r.columns()))].sort((a, b) => a - b);
    this.borders = sheet.borders
      .map((b, order) => ({ ...b, order }))
      .filter((b) => b.rect.r1 <= sheet.maxRows && b.rect.c1 <= sheet.maxColumns)
      .sort((a, b) => a.rect.r1 - b.rect.r1);
    let lastStyledRow = 0;
    // Where a run or a border starts or ends (a border's first and last rows have their own edges).
    const changes = new Set<number>([1]);
    for (const key of STYLE_KEYS) {
      for (const op of (sheet.styles[key] as RectStore<unknown>).ops)
        lastStyledRow = Math.max(lastStyledRow, Math.min(op.rect.r2, sheet.maxRows));
    }
    for (const [, columnRuns] of this.runs) for (const row of columnRuns.boundaries()) changes.add(row);
    for (const b of this.borders) {
      lastStyledRow = Math.max(lastStyledRow, Math.min(b.rect.r2, sheet.maxRows));
      for (const row of [b.rect.r1, b.rect.r1 + 1, b.rect.r2, b.rect.r2 + 1]) changes.add(row);
    }
    changes.add(lastStyledRow + 1);
    this.lastStyledRow = lastStyledRow;
    this.changeRows = [...changes].sort((a, b) => a - b);
  }

  /** Moves to row r (rows in increasing order). True when `byColumn` changed. */
  advance(r: number): boolean {
    const changeRows = this.changeRows;
    if (this.nextChange >= changeRows.length || changeRows[this.nextChange] > r) return false;
    while (this.nextChange < changeRows.length && changeRows[this.nextChange] <= r) this.nextChange++;
    this.cells = new Map();
    this.hasNote = false;
    // Below every style, rows have none: RowXml too must not keep the last styled row's.
    if (r > this.lastStyledRow) this.byColumn = [];
    else this.restyle(r);
    return true;
  }

  private restyle(r: number): void {
    const { borders, sheet } = this;
    while (this.nextBorder < borders.length && borders[this.nextBorder].rect.r1 <= r)
      this.activeBorders.push(borders[this.nextBorder++]);
    this.activeBorders = this.activeBorders.filter((b) => b.rect.r2 >= r).sort((a, b) => a.order - b.order);
    const props = new Map<number, StyleProps>();
    const propsAt = (c: number) => {
      let p = props.get(c);
      if (!p) props.set(c, (p = {}));
      return p;
    };
    for (const c of this.styledColumns) {
      for (const [key, columnRuns] of this.runs) {
        const value = columnRuns.at(r, c);
        if (value === undefined) continue;
        if (key === 'note') {
          this.cells.set(c, { ...this.cells.get(c), note: String(value) });
          this.hasNote = true;
        } else propsAt(c)[key] = value;
      }
    }
    for (const { rect, spec } of this.activeBorders) {
      for (let c = rect.c1; c <= Math.min(rect.c2, sheet.maxColumns); c++) {
        const p = propsAt(c);
        const b = { ...(p.border as Record<string, boolean> | undefined) };
        const edge = (on: boolean | null, side: string) => {
          if (on === true) b[side] = true;
          else if (on === false) delete b[side];
        };
        edge(r === rect.r1 ? spec.top : spec.horizontal, 'top');
        edge(r === rect.r2 ? spec.bottom : spec.horizontal, 'bottom');
        edge(c === rect.c1 ? spec.left : spec.vertical, 'left');
        edge(c === rect.c2 ? spec.right : spec.vertical, 'right');
        p.border = b;
      }
    }
    const byColumn: (Partial<ExcelJS.Style> | undefined)[] = [];
    for (const [c, p] of props) {
      const signature = JSON.stringify(p);
      let style = this.shared.get(signature);
      if (!style) this.shared.set(signature, (style = excelStyle(p)));
      this.cells.set(c, { ...this.cells.get(c), style });
      byColumn[c] = style;
    }
    this.byColumn = byColumn;
  }
}
