/**
 * The same person reported by several units: every row still counts for its own unit, but the ward's
 * figure counts the person once. The first occurrence (units in set-up order, then rows in sheet order)
 * is the person; the later ones are marked as duplicates of it.
 *
 * Pure and O(total rows): one Map from personKey to its first occurrence.
 */
import { problemMessage, type CheckedRow, type RowProblem } from './rows';

/** The checked rows of one unit: units in set-up order, rows in sheet order. */
export interface UnitCheckedRows {
  unitCode: string;
  unitName: string;
  rows: CheckedRow[];
}

/** A row that may stand for a person across units: valid, with a key, and not a declared namesake. */
function isComparable(row: CheckedRow): row is CheckedRow & { personKey: string } {
  return row.valid && !row.namesake && row.personKey !== null;
}

/**
 * Marks each VALID row whose personKey was already seen (valid, not a namesake) in an EARLIER unit:
 * `duplicateOf` = the first occurrence, plus an 'info' problem DUPLICATE_OTHER_UNIT on "Họ và tên"
 * naming the other unit and its row. Marked rows stay valid (they count for their own unit). Namesake
 * rows ("Không trùng") are never marked and never become the first occurrence.
 *
 * Never mutates its input: returns new unit objects and row arrays; a row that changes is a new object
 * (with a new problems array), a row that does not is returned as is. Marks from an earlier call are
 * replaced, so calling it again on its own output gives the same result.
 */
export function markCrossUnitDuplicates(units: UnitCheckedRows[]): UnitCheckedRows[] {
  // personKey → index of its first occurrence in the parallel arrays below (small integers: the
  // Map holds no objects, which keeps 150,000 rows well under 100 ms)
  const firstOf = new Map<string, number>();
  const firstUnitIndex: number[] = [];
  const firstSheetRow: number[] = [];
  const messages: (string | undefined)[] = [];
  const result: UnitCheckedRows[] = [];
  for (let unitIndex = 0; unitIndex < units.length; unitIndex += 1) {
    const unit = units[unitIndex];
    const rows = unit.rows.slice();
    for (let rowIndex = 0; rowIndex < unit.rows.length; rowIndex += 1) {
      const row = unit.rows[rowIndex];
      const hadMark =
        row.valid &&
        (row.duplicateOf !== undefined || (row.problems.length > 0 && row.problems.some(isCrossUnitProblem)));
      const base = hadMark ? withoutCrossUnitMark(row) : row;
      if (hadMark) rows[rowIndex] = base;
      if (!isComparable(base)) continue;
      const first = firstOf.get(base.personKey);
      if (first === undefined) {
        firstOf.set(base.personKey, firstSheetRow.length);
        firstUnitIndex.push(unitIndex);
        firstSheetRow.push(base.sheetRow);
        messages.push(undefined);
        continue;
      }
      if (firstUnitIndex[first] === unitIndex) continue; // a repeat within one unit: checkUnitRows' business
      const firstUnit = units[firstUnitIndex[first]];
      const sheetRow = firstSheetRow[first];
      let message = messages[first];
      if (message === undefined) {
        message = problemMessage('DUPLICATE_OTHER_UNIT', { unit: firstUnit.unitName, row: sheetRow });
        messages[first] = message;
      }
      const info: RowProblem = { column: 'name', level: 'info', code: 'DUPLICATE_OTHER_UNIT', message };
      rows[rowIndex] = {
        ...base,
        problems: base.problems.concat(info),
        duplicateOf: { unitCode: firstUnit.unitCode, unitName: firstUnit.unitName, sheetRow },
      };
    }
    result.push({ ...unit, rows });
  }
  return result;
}

function isCrossUnitProblem(problem: RowProblem): boolean {
  return problem.code === 'DUPLICATE_OTHER_UNIT';
}

function withoutCrossUnitMark(row: CheckedRow): CheckedRow {
  const copy: CheckedRow = { ...row, problems: row.problems.filter((p) => !isCrossUnitProblem(p)) };
  delete copy.duplicateOf;
  return copy;
}

/**
 * The ward's figure: valid rows, each person counted once across units (the rows that are, or would be,
 * marked by `markCrossUnitDuplicates` are not counted; namesakes always count). It does not rely on the
 * marks: it gives the same number before and after `markCrossUnitDuplicates`.
 */
export function countUniquePeople(units: UnitCheckedRows[]): number {
  const unitOf = new Map<string, number>();
  let count = 0;
  units.forEach((unit, unitIndex) => {
    for (const row of unit.rows) {
      if (!row.valid) continue;
      if (!isComparable(row)) {
        count += 1;
        continue;
      }
      const firstUnit = unitOf.get(row.personKey);
      if (firstUnit === undefined) {
        unitOf.set(row.personKey, unitIndex);
        count += 1;
      } else if (firstUnit === unitIndex) {
        count += 1; // a repeat within a unit that checkUnitRows let through: counts as its unit counts it
      }
    }
  });
  return count;
}
