/**
 * A sheet's columns declared once, in order: each column's key, width and number format, with its
 * header looked up by key in messages/. Positions, headers, widths and formats are all derived from
 * that one list, so no column number is written twice and moving a column is a one-line change.
 */

export interface ColumnDef<K extends string> {
  readonly key: K;
  /** Pixels. */
  readonly width: number;
  /** The number format of the column's figures; none: Sheets' Automatic. */
  readonly format?: string;
}

export interface Columns<K extends string> {
  readonly keys: readonly K[];
  /** 1-based position of each column. */
  readonly col: Readonly<Record<K, number>>;
  /** Headers in column order. */
  readonly headers: readonly string[];
  readonly widths: readonly number[];
  readonly count: number;
  /** The column's number format, if it has one. */
  format(key: K): string | undefined;
}

export function defineColumns<K extends string>(
  defs: readonly ColumnDef<K>[],
  headers: Readonly<Record<K, string>>
): Columns<K> {
  const col = {} as Record<K, number>;
  defs.forEach((def, i) => {
    if (def.key in col) throw new Error(`Column ${def.key} declared twice`);
    col[def.key] = i + 1;
  });
  const formats = new Map(defs.map((def) => [def.key, def.format]));
  return {
    keys: defs.map((def) => def.key),
    col,
    headers: defs.map((def) => headers[def.key]),
    widths: defs.map((def) => def.width),
    count: defs.length,
    format: (key) => formats.get(key),
  };
}
