/**
 * The same person reported by several units: every row still counts for its own unit, but the ward's
 * figure counts the person once. The first occurrence (units in set-up order, then rows in sheet order)
 * is the person; the later ones are marked as duplicates of it.
 *
 * Issue 25 makes the check one a unit cannot dodge:
 * - the key's name folds the tone marks' placement ("Hòa" = "Hoà", rows.ts personNameKey);
 * - a "Không trùng" note exempts a row from another unit's listing only once the office has accepted it
 *   (`accepted`); until then the row is marked as the other unit's person and listed as suspected;
 * - a looser key, name and birth year with the residence left out, never removes anyone but lists the pair
 *   as suspected ("nghi trùng giữa đơn vị"): a copied list whose addresses were reworded is found.
 *
 * Pure and O(total rows): Maps from each key to its first occurrence.
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

/** The looser key of a person: name and birth year, the residence left out (personKey's first two parts). */
export function looseKeyOf(personKey: string): string {
  return personKey.slice(0, personKey.lastIndexOf('|'));
}

/** Where a person was first listed: the unit (set-up order) and its sheet row. */
export interface FirstOccurrence {
  unitIndex: number;
  unitCode: string;
  unitName: string;
  sheetRow: number;
}

/**
 * Why a row is listed as "nghi trùng giữa đơn vị": the same name and birth year as another unit's row at
 * another residence ('residence'), or the same person under a "Không trùng" note the office has not
 * accepted ('namesake').
 */
export type SuspicionReason = 'residence' | 'namesake';

/** Whether the office accepted a unit's "Không trùng" row of this person key (Theo dõi và nhắc đơn vị). */
export type NamesakeAccepted = (unitCode: string, personKey: string) => boolean;

const NONE_ACCEPTED: NamesakeAccepted = () => false;

/** Parallel arrays of first occurrences (small integers in the Maps: 150,000 rows stay well under 100 ms). */
class Occurrences {
  readonly unitIndex: number[] = [];
  readonly unitCode: string[] = [];
  readonly unitName: string[] = [];
  readonly sheetRow: number[] = [];

  add(first: FirstOccurrence): number {
    this.unitIndex.push(first.unitIndex);
    this.unitCode.push(first.unitCode);
    this.unitName.push(first.unitName);
    this.sheetRow.push(first.sheetRow);
    return this.sheetRow.length - 1;
  }

  of(i: number) {
    return { unitCode: this.unitCode[i], unitName: this.unitName[i], sheetRow: this.sheetRow[i] };
  }
}

/**
 * The people listed so far, unit by unit in set-up order: each personKey, and each looser key, with its first
 * occurrence. Tổng hợp marks the units one after another, possibly over several executions; an execution that
 * did not see the earlier units remembers them from the master list it wrote (`remember`, `rememberLoose`).
 */
export class PeopleSeen {
  private readonly firstOf = new Map<string, number>();
  private readonly looseOf = new Map<string, number>();
  private readonly strict = new Occurrences();
  private readonly loose = new Occurrences();
  private readonly messages: (string | undefined)[] = [];

  constructor(private readonly accepted: NamesakeAccepted = NONE_ACCEPTED) {}

  /** Records a person's first occurrence, unless the key was seen already (its looser key too). */
  remember(personKey: string, first: FirstOccurrence): void {
    this.rememberLoose(looseKeyOf(personKey), first);
    if (this.firstOf.has(personKey)) return;
    this.firstOf.set(personKey, this.strict.add(first));
    this.messages.push(undefined);
  }

  /** Records the first occurrence of a looser key (name and birth year), unless it was seen already. */
  rememberLoose(looseKey: string, first: FirstOccurrence): void {
    if (!this.looseOf.has(looseKey)) this.looseOf.set(looseKey, this.loose.add(first));
  }

  get size(): number {
    return this.firstOf.size;
  }

  /**
   * Marks each VALID row of the unit whose personKey was already seen (valid, not a namesake) in an EARLIER
   * unit: `duplicateOf` = the first occurrence, plus an 'info' problem DUPLICATE_OTHER_UNIT on "Họ và tên"
   * naming the other unit and its row. Marked rows stay valid (they count for their own unit). A "Không trùng"
   * row is marked too unless the office accepted it (then it is its own person), and is listed as suspected;
   * it never becomes the first occurrence. A row whose name and birth year an earlier unit listed at another
   * residence is listed as suspected (`suspectedOf`) and not marked. The unit's other comparable rows are
   * remembered. A mark from an earlier call is replaced. Never mutates its input.
   */
  mark(unitIndex: number, unit: UnitCheckedRows): UnitCheckedRows {
    const rows = unit.rows.slice();
    for (let rowIndex = 0; rowIndex < unit.rows.length; rowIndex += 1) {
      const row = unit.rows[rowIndex];
      const hadMark =
        row.valid &&
        (row.duplicateOf !== undefined ||
          row.suspectedOf !== undefined ||
          (row.problems.length > 0 && row.problems.some(isCrossUnitProblem)));
      const base = hadMark ? withoutCrossUnitMark(row) : row;
      if (hadMark) rows[rowIndex] = base;
      if (!base.valid || base.personKey === null) continue;
      const here: FirstOccurrence = {
        unitIndex,
        unitCode: unit.unitCode,
        unitName: unit.unitName,
        sheetRow: base.sheetRow,
      };
      const looseKey = looseKeyOf(base.personKey);
      const first = this.firstOf.get(base.personKey);
      const earlier = first !== undefined && this.strict.unitIndex[first] !== unitIndex;
      if (base.namesake) {
        // Accepted by the office: its own person, the pair settled. Otherwise the earlier unit's person.
        if (earlier && !this.accepted(unit.unitCode, base.personKey))
          rows[rowIndex] = this.marked(base, first, 'namesake');
        else if (!earlier) rows[rowIndex] = this.looseCheck(base, looseKey, unitIndex);
        this.rememberLoose(looseKey, here);
        continue;
      }
      if (first === undefined) {
        rows[rowIndex] = this.looseCheck(base, looseKey, unitIndex);
        this.remember(base.personKey, here);
        continue;
      }
      if (!earlier) continue; // a repeat within one unit: checkUnitRows' business
      rows[rowIndex] = this.marked(base, first, null);
    }
    return { ...unit, rows };
  }

  /** The row marked as the person first listed at `first` (and suspected, for a "Không trùng" row). */
  private marked(base: CheckedRow, first: number, reason: SuspicionReason | null): CheckedRow {
    const sheetRow = this.strict.sheetRow[first];
    let message = this.messages[first];
    if (message === undefined) {
      message = problemMessage('DUPLICATE_OTHER_UNIT', { unit: this.strict.unitName[first], row: sheetRow });
      this.messages[first] = message;
    }
    const info: RowProblem = { column: 'name', level: 'info', code: 'DUPLICATE_OTHER_UNIT', message };
    const origin = this.strict.of(first);
    return {
      ...base,
      problems: base.problems.concat(info),
      duplicateOf: origin,
      ...(reason ? { suspectedOf: { ...origin, reason } } : {}),
    };
  }

  /** The row, listed as suspected when an earlier unit has its name and birth year (another residence). */
  private looseCheck(base: CheckedRow, looseKey: string, unitIndex: number): CheckedRow {
    const first = this.looseOf.get(looseKey);
    if (first === undefined || this.loose.unitIndex[first] === unitIndex) return base;
    return { ...base, suspectedOf: { ...this.loose.of(first), reason: 'residence' } };
  }
}

/**
 * Marks the units in set-up order (see PeopleSeen.mark). Never mutates its input: returns new unit objects
 * and row arrays; a row that changes is a new object (with a new problems array), a row that does not is
 * returned as is. Marks from an earlier call are replaced, so calling it again on its own output gives the
 * same result.
 */
export function markCrossUnitDuplicates(
  units: UnitCheckedRows[],
  accepted: NamesakeAccepted = NONE_ACCEPTED
): UnitCheckedRows[] {
  const seen = new PeopleSeen(accepted);
  return units.map((unit, unitIndex) => seen.mark(unitIndex, unit));
}

function isCrossUnitProblem(problem: RowProblem): boolean {
  return problem.code === 'DUPLICATE_OTHER_UNIT';
}

function withoutCrossUnitMark(row: CheckedRow): CheckedRow {
  const copy: CheckedRow = { ...row, problems: row.problems.filter((p) => !isCrossUnitProblem(p)) };
  delete copy.duplicateOf;
  delete copy.suspectedOf;
  return copy;
}

/**
 * The ward's figure: valid rows, each person counted once across units (the rows that are, or would be,
 * marked by `markCrossUnitDuplicates` are not counted; a "Không trùng" row counts when no earlier unit listed
 * the person, or the office accepted it). It does not rely on the marks: it gives the same number before and
 * after `markCrossUnitDuplicates`.
 */
export function countUniquePeople(
  units: UnitCheckedRows[],
  accepted: NamesakeAccepted = NONE_ACCEPTED
): number {
  const unitOf = new Map<string, number>();
  let count = 0;
  units.forEach((unit, unitIndex) => {
    for (const row of unit.rows) {
      if (!row.valid) continue;
      if (row.personKey === null) {
        count += 1;
        continue;
      }
      const firstUnit = unitOf.get(row.personKey);
      if (!isComparable(row)) {
        // A namesake: its own person unless an earlier unit listed the key and the office has not accepted it.
        const earlier = firstUnit !== undefined && firstUnit !== unitIndex;
        if (!earlier || accepted(unit.unitCode, row.personKey)) count += 1;
        continue;
      }
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
