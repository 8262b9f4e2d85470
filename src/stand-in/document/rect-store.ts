/**
 * Formats and rules kept as rectangles (later ones win) instead of per-cell objects, so formatting a
 * 150,000-row column costs one entry.
 */
import { contains, containsCell, intersects, Rect, shiftForDelete, shiftForInsert } from './a1';

export interface RectOp<V> {
  rect: Rect;
  /** undefined = back to the default. */
  value: V | undefined;
}

export class RectStore<V> {
  ops: RectOp<V>[] = [];

  set(rect: Rect, value: V | undefined): void {
    this.ops = this.ops.filter((op) => !contains(rect, op.rect));
    if (value === undefined && !this.ops.some((op) => intersects(op.rect, rect))) return;
    this.ops.push({ rect: { ...rect }, value });
  }

  /** Sets a grid of values, merging equal neighbours down each column into one rectangle. */
  setGrid(
    top: number,
    left: number,
    grid: (V | undefined)[][],
    same: (a: V | undefined, b: V | undefined) => boolean,
    skipUndefined = false
  ): void {
    const rows = grid.length;
    const cols = rows ? grid[0].length : 0;
    for (let c = 0; c < cols; c++) {
      let start = 0;
      for (let r = 1; r <= rows; r++) {
        if (r === rows || !same(grid[r][c], grid[start][c])) {
          const value = grid[start][c];
          if (value !== undefined || !skipUndefined) {
            this.set({ r1: top + start, c1: left + c, r2: top + r - 1, c2: left + c }, value);
          }
          start = r;
        }
      }
    }
  }

  get(row: number, column: number): V | undefined {
    for (let i = this.ops.length - 1; i >= 0; i--) {
      if (containsCell(this.ops[i].rect, row, column)) return this.ops[i].value;
    }
    return undefined;
  }

  /** A lookup restricted to the ops that touch `rect` (fast per-cell reads of one range). */
  lookupWithin(rect: Rect): ((row: number, column: number) => V | undefined) | null {
    const ops = this.ops.filter((op) => intersects(op.rect, rect));
    if (ops.length === 0) return null;
    return (row, column) => {
      for (let i = ops.length - 1; i >= 0; i--)
        if (containsCell(ops[i].rect, row, column)) return ops[i].value;
      return undefined;
    };
  }

  /** Distinct values set somewhere inside `rect`. */
  touches(rect: Rect): boolean {
    return this.ops.some((op) => op.value !== undefined && intersects(op.rect, rect));
  }

  /** `inherit`: the new lines take the format of the line before them, as Sheets does. */
  insert(axis: 'row' | 'column', at: number, count: number, inherit: boolean): void {
    this.ops = this.ops.map((op) => {
      const hi = axis === 'row' ? op.rect.r2 : op.rect.c2;
      const lo = axis === 'row' ? op.rect.r1 : op.rect.c1;
      if (inherit && hi === at - 1 && lo <= at - 1) {
        const rect = { ...op.rect };
        if (axis === 'row') rect.r2 += count;
        else rect.c2 += count;
        return { rect, value: op.value };
      }
      return { rect: shiftForInsert(op.rect, axis, at, count), value: op.value };
    });
  }

  remove(axis: 'row' | 'column', at: number, count: number): void {
    const next: RectOp<V>[] = [];
    for (const op of this.ops) {
      const rect = shiftForDelete(op.rect, axis, at, count);
      if (rect) next.push({ rect, value: op.value });
    }
    this.ops = next;
  }

  clear(): void {
    this.ops = [];
  }
}
