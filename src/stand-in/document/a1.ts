/** A1 notation helpers. Rows and columns are 1-based, rectangles inclusive. */

export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function cellA1(row: number, column: number): string {
  return columnLetters(column) + row;
}

export function rectA1(r: Rect): string {
  const a = cellA1(r.r1, r.c1);
  return r.r1 === r.r2 && r.c1 === r.c2 ? a : `${a}:${cellA1(r.r2, r.c2)}`;
}

/**
 * Parses 'A1', 'A1:F10', 'A:C' and '2:5' (whole columns/rows take the sheet's size). Returns null when
 * the text is not A1 notation.
 */
export function parseA1(a1: string, maxRows: number, maxColumns: number): Rect | null {
  const text = a1.trim().replace(/\$/g, '');
  const cell = /^([A-Za-z]{1,3})(\d+)$/;
  const parts = text.split(':');
  if (parts.length === 1) {
    const m = cell.exec(parts[0]);
    if (!m) return null;
    const r = Number(m[2]);
    const c = columnNumber(m[1]);
    return r >= 1 ? { r1: r, c1: c, r2: r, c2: c } : null;
  }
  if (parts.length !== 2) return null;
  const [a, b] = parts;
  const ma = cell.exec(a);
  const mb = cell.exec(b);
  let rect: Rect;
  if (ma && mb) {
    rect = { r1: Number(ma[2]), c1: columnNumber(ma[1]), r2: Number(mb[2]), c2: columnNumber(mb[1]) };
  } else if (/^[A-Za-z]{1,3}$/.test(a) && /^[A-Za-z]{1,3}$/.test(b)) {
    rect = { r1: 1, c1: columnNumber(a), r2: maxRows, c2: columnNumber(b) };
  } else if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    rect = { r1: Number(a), c1: 1, r2: Number(b), c2: maxColumns };
  } else if (ma && /^[A-Za-z]{1,3}$/.test(b)) {
    rect = { r1: Number(ma[2]), c1: columnNumber(ma[1]), r2: maxRows, c2: columnNumber(b) };
  } else {
    return null;
  }
  const norm: Rect = {
    r1: Math.min(rect.r1, rect.r2),
    r2: Math.max(rect.r1, rect.r2),
    c1: Math.min(rect.c1, rect.c2),
    c2: Math.max(rect.c1, rect.c2),
  };
  return norm.r1 >= 1 && norm.c1 >= 1 ? norm : null;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return outer.r1 <= inner.r1 && outer.c1 <= inner.c1 && outer.r2 >= inner.r2 && outer.c2 >= inner.c2;
}

export function containsCell(r: Rect, row: number, column: number): boolean {
  return row >= r.r1 && row <= r.r2 && column >= r.c1 && column <= r.c2;
}

/** How a rectangle moves when `count` rows/columns are inserted before index `at` (1-based). */
export function shiftForInsert(r: Rect, axis: 'row' | 'column', at: number, count: number): Rect {
  const [lo, hi] = axis === 'row' ? (['r1', 'r2'] as const) : (['c1', 'c2'] as const);
  const o = { ...r };
  if (o[lo] >= at) {
    o[lo] += count;
    o[hi] += count;
  } else if (o[hi] >= at) {
    o[hi] += count;
  }
  return o;
}

/** How a rectangle shrinks when rows/columns [at, at+count) are deleted; null when it vanishes. */
export function shiftForDelete(r: Rect, axis: 'row' | 'column', at: number, count: number): Rect | null {
  const [lo, hi] = axis === 'row' ? (['r1', 'r2'] as const) : (['c1', 'c2'] as const);
  const o = { ...r };
  const end = at + count - 1;
  const keptBefore = Math.max(0, Math.min(o[hi], at - 1) - o[lo] + 1);
  const keptAfter = Math.max(0, o[hi] - Math.max(o[lo], end + 1) + 1);
  if (keptBefore + keptAfter === 0) return null;
  const newLo = o[lo] < at ? o[lo] : o[lo] > end ? o[lo] - count : at;
  o[lo] = newLo;
  o[hi] = newLo + keptBefore + keptAfter - 1;
  return o;
}

/** Moves the relative references of a formula by (rows, columns), as filling a range does. */
export function shiftFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  let out = '';
  const re = /("(?:[^"]|"")*")|('(?:[^']|'')*'!)|(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g;
  let last = 0;
  for (let m = re.exec(formula); m; m = re.exec(formula)) {
    const before = formula[m.index - 1];
    if (m[1] || m[2] || (before && /[A-Za-z0-9_.]/.test(before))) continue;
    const colAbs = m[3] === '$';
    const rowAbs = m[5] === '$';
    let col = 0;
    for (const ch of m[4].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
    const row = Number(m[6]) + (rowAbs ? 0 : rows);
    col += colAbs ? 0 : columns;
    let letters = '';
    for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
      letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    out += formula.slice(last, m.index) + (row < 1 || col < 1 ? '#REF!' : `${m[3]}${letters}${m[5]}${row}`);
    last = m.index + m[0].length;
  }
  return out + formula.slice(last);
}
