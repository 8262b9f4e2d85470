/**
 * What crosses between the import screen (or `tonghop import`) and the server: plain data only. The
 * browser parses the file and sends its first sheet as a table of strings, numbers, booleans and nulls
 * (dates as 'dd/mm/yyyy' text: no Date survives google.script.run), packed (src/core/import-wire.ts) so
 * that a 10,000-row list stays well under 2 MB; `tonghop import` sends the table as it is. The server
 * unpacks and validates it here.
 */
import {
  array,
  boolean,
  maxLength,
  nullable,
  number,
  object,
  optional,
  string,
  union,
  type infer as Infer,
} from 'zod/mini';
import {
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  type HeaderColumn,
  type ImportCounts,
  type ImportProblemKind,
  type ImportRow,
} from './import';
import { MAX_PACKED_CHARS } from './import-wire';
import type { UnitOption } from './sidebar-api';

const cell = nullable(union([string(), number(), boolean()]));
export const importTableSchema = array(array(cell).check(maxLength(MAX_IMPORT_COLUMNS))).check(
  maxLength(MAX_IMPORT_ROWS)
);
/** The table packed by `packTable`: base64 text, at most MAX_PACKED_CHARS. */
const packed = string().check(maxLength(MAX_PACKED_CHARS));

export const previewImportRequestSchema = object({
  /** A unit code; absent for the unit of the sheet that is open. */
  unit: optional(string()),
  /** Absent (and no `packed`): only the units (and the open one) are wanted, to fill the screen's selector. */
  table: optional(importTableSchema),
  /** The table packed, as the sidebar sends it; used when `table` is absent. */
  packed: optional(packed),
  /**
   * Every row in the reply, however long the file (`tonghop import`, which has no request limit); the
   * sidebar gets at most MAX_PREVIEW_ROWS rows, the ones to look at first.
   */
  allRows: optional(boolean()),
});
export type PreviewImportRequest = Infer<typeof previewImportRequestSchema>;

export const importRowsRequestSchema = object({
  unit: string(),
  table: optional(importTableSchema),
  packed: optional(packed),
  confirmed: boolean(),
});
export type ImportRowsRequest = Infer<typeof importRowsRequestSchema>;

/**
 * Rows of the preview sent to the sidebar: enough to see what a file holds and its problems (a unit's
 * list fits whole); a long file's reply stays small (200 bytes a row or so: under 200 KB).
 */
export const MAX_PREVIEW_ROWS = 500;

/** Why nothing can be imported: the file's content (a bad file) or the workbook's state. */
export type ImportFailure = ImportProblemKind | 'bad-request' | 'workbook' | 'unit' | 'busy' | 'permission';

export interface ImportPreview {
  ok: boolean;
  message: string;
  problem: ImportFailure | null;
  /** The unit the preview is for ('' when none is chosen and no unit sheet is open). */
  selected: string;
  options: UnitOption[];
  /** The unit sheet's tab name. */
  sheet: string;
  /** 1-based file row of the header, and the columns recognised (0-based indexes of the table). */
  header: { row: number; columns: HeaderColumn[] } | null;
  rows: ImportRow[];
  /** Rows of the file left out of `rows` (a long file, see MAX_PREVIEW_ROWS); `counts` counts them. */
  omitted?: number;
  counts: ImportCounts;
  /** The sheet row of the first new row. */
  firstRow: number;
}

export interface ImportResult {
  ok: boolean;
  message: string;
  problem: ImportFailure | null;
  unit: string;
  sheet: string;
  imported: number;
  /** Skipped: already in the sheet or repeated in the file. */
  present: number;
  /** Imported rows with an error, and with a warning only: the unit fixes them in its sheet. */
  withErrors: number;
  withWarnings: number;
  /** The sheet rows written (0 when nothing was). */
  firstRow: number;
  lastRow: number;
  /** Google's own text of an error, for the administrator (folded away on screen). */
  detail?: string;
}
