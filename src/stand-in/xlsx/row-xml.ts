/**
 * A row's XML as ExcelJS's row and cell xforms write it (xlsx/xform/sheet/row-xform.js,
 * cell-xform.js), without a Row and a Cell object per cell, nor a cell value object: style ids and
 * shared strings come from the writer's own tables, so the file is the one ExcelJS would write. Only
 * for rows with no merged cell and no note (those take ExcelJS's own path, write-sheet.ts).
 */
import * as ExcelJS from 'exceljs';
import { DetailedCellError } from 'hyperformula';
import { columnLetters } from '../document/a1';
import { errorOf, type ExcelFormula } from './excel-values';
import type { StreamBook } from './exceljs-patches';

/** What XML must not hold as text: markup characters, and control characters XML 1.0 forbids. */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const XML_UNSAFE = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

/**
 * Text as ExcelJS escapes it (utils.js xmlEncode, which is not part of its public API): the five markup
 * characters as entities, the forbidden control characters (and DEL) dropped.
 */
function xmlEncode(text: string): string {
  const first = XML_UNSAFE.exec(text);
  if (!first) return text;
  let out = '';
  let from = 0;
  for (let i = first.index; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let escape: string;
    if (code === 34) escape = '&quot;';
    else if (code === 38) escape = '&amp;';
    else if (code === 39) escape = '&apos;';
    else if (code === 60) escape = '&lt;';
    else if (code === 62) escape = '&gt;';
    else if (code === 127 || (code <= 31 && code !== 9 && code !== 10 && code !== 13)) escape = '';
    else continue;
    if (from !== i) out += text.substring(from, i);
    from = i + 1;
    out += escape;
  }
  return from < text.length ? out + text.substring(from) : out;
}

interface WriterInternals {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number };
  sharedStrings: { add(text: string): number; _totalRefs?: number };
}
interface SheetWriterInternals {
  startedData: boolean;
  _rowZero: number;
  _rows: unknown[] | null;
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  stream: { write(data: string | Buffer): unknown };
}

/** Bytes of rows written to the sheet's stream at a time, and a row's cells to begin with. */
const OUT_BYTES = 1 << 20;
const CELL_BYTES = 1 << 16;
const ROW_CLOSE = '</row>';

/** The rows of one worksheet of the streaming writer, written a row at a time (begin, cell…, end). */
export class RowXml {
  private readonly styles: WriterInternals['styles'];
  private readonly strings: WriterInternals['sharedStrings'];
  private readonly sheet: SheetWriterInternals;
  private readonly unstyled = new Map<ExcelJS.ValueType, number>();
  /** `<c r="A` by column, and ` s="5"` by style id: the same pieces for every row. */
  private readonly opening: string[] = [];
  private readonly styleAttribute: string[] = [];
  /** This row's style by column (rows between two style changes share them) and their ids. */
  private rowStyles: (Partial<ExcelJS.Style> | undefined)[] = [];
  private rowIds: (number | undefined)[] = [];
  /**
   * Each column's last shared string and its index: a column often repeats the text of the row above
   * (a unit, a residence), which then needs no look-up in the table, only one more reference counted.
   */
  private readonly lastText: (string | undefined)[] = [];
  private readonly lastIndex: number[] = [];
  private readonly countsRefs: boolean;
  /**
   * The XML as UTF-8 bytes, not strings: joining a string per piece cost more than the bytes (every
   * piece but a formula's text and a formula's text result is ASCII). The rows written so far, and
   * the current row's cells, which go after the row's opening once its span is known.
   */
  private out = Buffer.allocUnsafe(OUT_BYTES);
  private outAt = 0;
  private cells = Buffer.allocUnsafe(CELL_BYTES);
  private cellsAt = 0;
  private rowText = '';
  private r = 0;
  private min = 0;
  private max = 0;

  constructor(book: StreamBook, ws: ExcelJS.Worksheet | object) {
    const internals = book as unknown as WriterInternals;
    this.styles = internals.styles;
    this.strings = internals.sharedStrings;
    this.sheet = ws as unknown as SheetWriterInternals;
    this.countsRefs = typeof this.strings._totalRefs === 'number';
  }

  /** The styles of the rows from now on, by column. */
  restyle(byColumn: (Partial<ExcelJS.Style> | undefined)[]): void {
    this.rowStyles = byColumn;
    this.rowIds = [];
  }

  styleAt(c: number): Partial<ExcelJS.Style> | undefined {
    return this.rowStyles[c];
  }

  begin(r: number): void {
    this.r = r;
    this.rowText = String(r);
    this.min = 0;
    this.max = 0;
    this.cellsAt = 0;
  }

  /**
   * One cell, in column order: `shown` is the value or the formula's result (number, text, boolean,
   * HyperFormula's error or an error value), `formula` the formula in Excel's syntax with its '=' (and
   * an array formula's ref).
   */
  cell(c: number, shown: unknown, formula: ExcelFormula | undefined, styled: boolean): void {
    // Empty text reads back as an empty cell: not written (an array formula's blank results, mostly).
    if (shown === '' && !formula) shown = null;
    if ((shown === null || shown === undefined) && !formula && !styled) return;
    let type: ExcelJS.ValueType;
    if (shown === null || shown === undefined) type = ExcelJS.ValueType.Null;
    else if (typeof shown === 'number') type = ExcelJS.ValueType.Number;
    else if (typeof shown === 'string') type = ExcelJS.ValueType.String;
    else if (typeof shown === 'boolean') type = ExcelJS.ValueType.Boolean;
    else if (shown instanceof DetailedCellError || (typeof shown === 'object' && 'error' in shown))
      type = ExcelJS.ValueType.Error;
    else type = ExcelJS.ValueType.Null; // as excelValue: nothing ExcelJS could write
    let id: number;
    if (styled) {
      // ExcelJS keeps a style object's first id whatever the cell's type: so does this.
      let known = this.rowIds[c];
      if (known === undefined) this.rowIds[c] = known = this.styles.addStyleModel(this.rowStyles[c]!, type);
      id = known;
    } else {
      // A cell with no style of its own gets a fresh {} from ExcelJS: the same id for every such cell of a type.
      let known = this.unstyled.get(type);
      if (known === undefined) this.unstyled.set(type, (known = this.styles.addStyleModel({}, type)));
      id = known;
    }
    if (type === ExcelJS.ValueType.Null && !formula && !id) {
      this.span(c);
      return;
    }
    this.ascii((this.opening[c] ??= `<c r="${columnLetters(c)}`));
    this.ascii(this.rowText);
    this.ascii(id ? (this.styleAttribute[id] ??= `" s="${id}"`) : '"');
    switch (type) {
      case ExcelJS.ValueType.Number:
        this.ascii('>');
        this.formula(formula);
        // A number's text is ASCII, with nothing to escape.
        this.ascii('<v>');
        if (Number.isSafeInteger(shown) && (shown as number) >= 0) this.digits(shown as number);
        else this.ascii(String(shown));
        this.ascii('</v></c>');
        break;
      case ExcelJS.ValueType.Boolean:
        this.ascii(' t="b">');
        this.formula(formula);
        this.ascii(shown ? '<v>1</v></c>' : '<v>0</v></c>');
        break;
      case ExcelJS.ValueType.Error: {
        const error =
          shown instanceof DetailedCellError ? errorOf(shown) : (shown as { error: unknown }).error;
        this.ascii(' t="e">');
        this.formula(formula);
        this.ascii('<v>');
        this.text(xmlEncode(String(error)));
        this.ascii('</v></c>');
        break;
      }
      case ExcelJS.ValueType.String:
        // Formula results never use shared strings (as in ExcelJS).
        if (formula) {
          this.ascii(' t="str">');
          this.formula(formula);
          this.ascii('<v>');
          this.text(xmlEncode(shown as string));
          this.ascii('</v></c>');
        } else {
          this.ascii(' t="s"><v>');
          this.digits(this.sharedString(c, shown as string));
          this.ascii('</v></c>');
        }
        break;
      default:
        if (formula) {
          this.ascii('>');
          this.formula(formula);
          this.ascii('</c>');
        } else this.ascii('/>');
    }
    this.span(c);
  }

  private sharedString(c: number, text: string): number {
    if (this.countsRefs && this.lastText[c] === text) {
      this.strings._totalRefs!++;
      return this.lastIndex[c];
    }
    const i = this.strings.add(text);
    this.lastText[c] = text;
    this.lastIndex[c] = i;
    return i;
  }

  private span(c: number): void {
    if (!this.min) this.min = c;
    this.max = c;
  }

  /** Room for `bytes` more in the current row's cells. */
  private room(bytes: number): void {
    if (this.cellsAt + bytes <= this.cells.length) return;
    const wider = Buffer.allocUnsafe(Math.max(this.cells.length * 2, this.cellsAt + bytes));
    this.cells.copy(wider, 0, 0, this.cellsAt);
    this.cells = wider;
  }

  /** Text known to be ASCII (tags, attributes, digits): a byte per character. */
  private ascii(text: string): void {
    this.room(text.length);
    const cells = this.cells;
    let at = this.cellsAt;
    for (let i = 0; i < text.length; i++) cells[at++] = text.charCodeAt(i);
    this.cellsAt = at;
  }

  /** A whole number ≥ 0 as String() would write it, without the string. */
  private digits(n: number): void {
    this.room(16);
    const cells = this.cells;
    let at = this.cellsAt;
    let d = 1;
    while (d * 10 <= n) d *= 10;
    for (; d >= 1; d /= 10) {
      const digit = Math.floor(n / d);
      cells[at++] = 48 + digit;
      n -= digit * d;
    }
    this.cellsAt = at;
  }

  /** Any text, as UTF-8 (at most three bytes per UTF-16 unit). */
  private text(text: string): void {
    this.room(text.length * 3);
    this.cellsAt += this.cells.write(text, this.cellsAt);
  }

  private formula(formula: ExcelFormula | undefined): void {
    if (!formula) return;
    if (formula.ref) {
      this.ascii('<f t="array" ref="');
      this.ascii(formula.ref);
      this.ascii('">');
    } else this.ascii('<f>');
    this.text(xmlEncode(formula.formula.slice(1)));
    this.ascii('</f>');
  }

  end(): void {
    const ws = this.sheet;
    if (this.min > 0) {
      // The first row with cells: the columns and <sheetData> go before it.
      if (!ws.startedData) {
        ws._writeColumns();
        ws._writeOpenSheetData();
        ws.startedData = true;
      }
      const opening = `<row r="${this.rowText}" spans="${this.min}:${this.max}" x14ac:dyDescent="0.25">`;
      const bytes = opening.length + this.cellsAt + 6;
      if (this.outAt + bytes > this.out.length) {
        this.flush();
        if (bytes > this.out.length) this.out = Buffer.allocUnsafe(bytes);
      }
      const out = this.out;
      let at = this.outAt;
      for (let i = 0; i < opening.length; i++) out[at++] = opening.charCodeAt(i);
      at += this.cells.copy(out, at, 0, this.cellsAt);
      for (let i = 0; i < ROW_CLOSE.length; i++) out[at++] = ROW_CLOSE.charCodeAt(i);
      this.outAt = at;
    }
    // The writer's own pending rows (those mergeCells made, all below this one) keep their numbers.
    while (ws._rowZero <= this.r) {
      ws._rows?.shift();
      ws._rowZero++;
    }
  }

  flush(): void {
    if (this.outAt === 0) return;
    // The zip takes the buffer as it is: the next rows go to a new one.
    this.sheet.stream.write(this.out.subarray(0, this.outAt));
    this.out = Buffer.allocUnsafe(OUT_BYTES);
    this.outAt = 0;
  }
}
