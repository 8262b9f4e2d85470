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

/** Where a person was first listed: the unit (set-up order) and its sheet row. */
export interface FirstOccurrence {
  unitIndex: number;
  unitCode: string;
  unitName: string;
  sheetRow: number;
}

/**
 * The people listed so far, unit by unit in set-up order: each personKey with its first occurrence. Tổng hợp
 * marks the units one after another, possibly over several executions; an execution that did not see the
 * earlier units remembers them from the master list it wrote (`remember`).
 */
export class PeopleSeen {
  // personKey → index of its first occurrence in the parallel arrays below (small integers: the Map holds no
  // objects, which keeps 150,000 rows well under 100 ms)
  private readonly firstOf = new Map<string, number>();
  private readonly unitIndex: number[] = [];
  private readonly unitCode: string[] = [];
  private readonly unitName: string[] = [];
  private readonly sheetRow: number[] = [];
  private readonly messages: (string | undefined)[] = [];

  /** Records a person's first occurrence, unless the key was seen already. */
  remember(personKey: string, first: FirstOccurrence): void {
    if (this.firstOf.has(personKey)) return;
    this.firstOf.set(personKey, this.sheetRow.length);
    this.unitIndex.push(first.unitIndex);
    this.unitCode.push(first.unitCode);
    this.unitName.push(first.unitName);
    this.sheetRow.push(first.sheetRow);
    this.messages.push(undefined);
  }

  get size(): number {
    return this.firstOf.size;
  }

  /**
   * Marks each VALID row of the unit whose personKey was already seen (valid, not a namesake) in an EARLIER
   * unit: `duplicateOf` = the first occurrence, plus an 'info' problem DUPLICATE_OTHER_UNIT on "Họ và tên"
   * naming the other unit and its row. Marked rows stay valid (they count for their own unit). Namesake rows
   * ("Không trùng") are never marked and never become the first occurrence; the unit's other comparable
   * rows are remembered. A mark from an earlier call is replaced. Never mutates its input.
   */
  mark(unitIndex: number, unit: UnitCheckedRows): UnitCheckedRows {
    const rows = unit.rows.slice();
    for (let rowIndex = 0; rowIndex < unit.rows.length; rowIndex += 1) {
      const row = unit.rows[rowIndex];
      const hadMark =
        row.valid &&
        (row.duplicateOf !== undefined || (row.problems.length > 0 && row.problems.some(isCrossUnitProblem)));
      const base = hadMark ? withoutCrossUnitMark(row) : row;
      if (hadMark) rows[rowIndex] = base;
      if (!isComparable(base)) continue;
      const first = this.firstOf.get(base.personKey);
      if (first === undefined) {
        this.remember(base.personKey, {
          unitIndex,
          unitCode: unit.unitCode,
          unitName: unit.unitName,
          sheetRow: base.sheetRow,
        });
        continue;
      }
      if (this.unitIndex[first] === unitIndex) continue; // a repeat within one unit: checkUnitRows' business
      const sheetRow = this.sheetRow[first];
      let message = this.messages[first];
      if (message === undefined) {
        message = problemMessage('DUPLICATE_OTHER_UNIT', { unit: this.unitName[first], row: sheetRow });
        this.messages[first] = message;
      }
      const info: RowProblem = { column: 'name', level: 'info', code: 'DUPLICATE_OTHER_UNIT', message };
      rows[rowIndex] = {
        ...base,
        problems: base.problems.concat(info),
        duplicateOf: { unitCode: this.unitCode[first], unitName: this.unitName[first], sheetRow },
      };
    }
    return { ...unit, rows };
  }
}

/**
 * Marks the units in set-up order (see PeopleSeen.mark). Never mutates its input: returns new unit objects
 * and row arrays; a row that changes is a new object (with a new problems array), a row that does not is
 * returned as is. Marks from an earlier call are replaced, so calling it again on its own output gives the
 * same result.
 */
export function markCrossUnitDuplicates(units: UnitCheckedRows[]): UnitCheckedRows[] {
  const seen = new PeopleSeen();
  return units.map((unit, unitIndex) => seen.mark(unitIndex, unit));
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
