import { countUniquePeople, markCrossUnitDuplicates, type UnitCheckedRows } from '../../src/core/duplicates';
import { checkUnitRows, type CheckedRow, type RawRow } from '../../src/core/rows';

const CURRENT_YEAR = 2026;

function raw(sheetRow: number, cells: Partial<RawRow> = {}): RawRow {
  return {
    sheetRow,
    stt: sheetRow - 1,
    name: 'Nguyễn Văn An',
    birthYear: 1985,
    organisation: '',
    residence: 'TDP 5',
    note: '',
    ...cells,
  };
}

function unit(unitCode: string, unitName: string, raws: RawRow[]): UnitCheckedRows {
  return { unitCode, unitName, rows: checkUnitRows(raws, { unitCode, unitName, currentYear: CURRENT_YEAR }) };
}

function validCount(u: UnitCheckedRows): number {
  return u.rows.filter((r) => r.valid).length;
}

describe('markCrossUnitDuplicates', () => {
  const school = () =>
    unit('U01', 'Trường THCS Lê Lợi', [raw(2), raw(3, { name: 'Trần Thị Bình', birthYear: 1990 })]);
  const police = () =>
    unit('U02', 'Công an phường', [
      raw(2, { name: 'Phạm Văn Cường' }),
      raw(3, { name: 'NGUYỄN VĂN AN', birthYear: '1985', residence: 'Tổ dân phố số 05' }),
    ]);

  it('marks the later row as a duplicate of the first unit, with an info naming unit and row', () => {
    const [first, second] = markCrossUnitDuplicates([school(), police()]);
    expect(first.rows[0].duplicateOf).toBeUndefined();
    expect(first.rows[0].problems).toEqual([]);
    const dup = second.rows[1];
    expect(dup.duplicateOf).toEqual({ unitCode: 'U01', unitName: 'Trường THCS Lê Lợi', sheetRow: 2 });
    expect(dup.problems).toHaveLength(1);
    expect(dup.problems[0]).toMatchObject({ column: 'name', level: 'info', code: 'DUPLICATE_OTHER_UNIT' });
    expect(dup.problems[0].message).toContain('Trường THCS Lê Lợi');
    expect(dup.problems[0].message).toContain('dòng 2');
    expect(dup.valid).toBe(true);
    expect(dup.hasWarning).toBe(false);
  });

  it('keeps the row counting for its own unit but counts the person once for the ward', () => {
    const units = markCrossUnitDuplicates([school(), police()]);
    expect(units.map(validCount)).toEqual([2, 2]);
    expect(countUniquePeople(units)).toBe(3);
  });

  it('takes the set-up order of units, not the sheet rows, to decide who is first', () => {
    const [first, second] = markCrossUnitDuplicates([police(), school()]);
    expect(first.rows[1].duplicateOf).toBeUndefined();
    expect(second.rows[0].duplicateOf).toEqual({ unitCode: 'U02', unitName: 'Công an phường', sheetRow: 3 });
  });

  it('points every later unit to the very first occurrence', () => {
    const units = markCrossUnitDuplicates([
      unit('A', 'Tổ dân phố số 1', [raw(7)]),
      unit('B', 'Tổ dân phố số 2', [raw(4)]),
      unit('C', 'Tổ dân phố số 3', [raw(9)]),
    ]);
    expect(units[1].rows[0].duplicateOf).toEqual({ unitCode: 'A', unitName: 'Tổ dân phố số 1', sheetRow: 7 });
    expect(units[2].rows[0].duplicateOf).toEqual({ unitCode: 'A', unitName: 'Tổ dân phố số 1', sheetRow: 7 });
    expect(countUniquePeople(units)).toBe(1);
  });

  it('never takes a namesake for the first occurrence, and lets a later one count only once the office accepts it', () => {
    const input = [
      unit('A', 'Đơn vị A', [raw(2, { note: 'Không trùng' })]),
      unit('B', 'Đơn vị B', [raw(2)]),
      unit('C', 'Đơn vị C', [raw(5, { note: 'khong trung' })]),
      unit('D', 'Đơn vị D', [raw(6)]),
    ];
    const units = markCrossUnitDuplicates(input);
    expect(units[0].rows[0].duplicateOf).toBeUndefined();
    expect(units[1].rows[0].duplicateOf).toBeUndefined();
    // Issue 25: C's "Không trùng" between units is not the office's word yet: B's person, and suspected.
    expect(units[2].rows[0].duplicateOf).toEqual({ unitCode: 'B', unitName: 'Đơn vị B', sheetRow: 2 });
    expect(units[2].rows[0].suspectedOf).toEqual({
      unitCode: 'B',
      unitName: 'Đơn vị B',
      sheetRow: 2,
      reason: 'namesake',
    });
    expect(units[3].rows[0].duplicateOf).toEqual({ unitCode: 'B', unitName: 'Đơn vị B', sheetRow: 2 });
    expect(countUniquePeople(units)).toBe(2);
    expect(countUniquePeople(input)).toBe(2);

    const accepted = (code: string) => code === 'C';
    const settled = markCrossUnitDuplicates(input, accepted);
    expect(settled[2].rows[0].duplicateOf).toBeUndefined();
    expect(settled[2].rows[0].suspectedOf).toBeUndefined();
    expect(countUniquePeople(settled, accepted)).toBe(3);
  });

  it('ignores invalid rows: they are never marked nor first', () => {
    const units = markCrossUnitDuplicates([
      unit('A', 'Đơn vị A', [raw(2, { birthYear: 'abc' })]),
      unit('B', 'Đơn vị B', [raw(3)]),
      unit('C', 'Đơn vị C', [raw(4, { residence: '' }), raw(5)]),
    ]);
    expect(units[0].rows[0].duplicateOf).toBeUndefined();
    expect(units[1].rows[0].duplicateOf).toBeUndefined();
    expect(units[2].rows[0].duplicateOf).toBeUndefined();
    expect(units[2].rows[1].duplicateOf?.unitCode).toBe('B');
    expect(countUniquePeople(units)).toBe(1);
  });

  it('leaves within-unit repeats to checkUnitRows', () => {
    const units = markCrossUnitDuplicates([
      unit('A', 'Đơn vị A', [raw(2), raw(3)]),
      unit('B', 'Đơn vị B', [raw(2), raw(3)]),
    ]);
    const [a, b] = units;
    expect(a.rows[1].problems.map((p) => p.code)).toEqual(['DUPLICATE_IN_UNIT']);
    expect(a.rows[1].duplicateOf).toEqual({ unitCode: 'A', unitName: 'Đơn vị A', sheetRow: 2 });
    expect(b.rows[0].problems.map((p) => p.code)).toEqual(['DUPLICATE_OTHER_UNIT']);
    expect(b.rows[1].problems.map((p) => p.code)).toEqual(['DUPLICATE_IN_UNIT']);
    expect(b.rows[1].duplicateOf).toEqual({ unitCode: 'B', unitName: 'Đơn vị B', sheetRow: 2 });
    expect(units.map(validCount)).toEqual([1, 1]);
    expect(countUniquePeople(units)).toBe(1);
  });

  it('keeps the warnings of a marked row', () => {
    const units = markCrossUnitDuplicates([
      unit('A', 'Đơn vị A', [raw(2)]),
      unit('B', 'Đơn vị B', [raw(2, { birthYear: '12/05/1985' })]),
    ]);
    const row = units[1].rows[0];
    expect(row.problems.map((p) => p.code)).toEqual(['YEAR_FROM_DATE', 'DUPLICATE_OTHER_UNIT']);
    expect(row.hasWarning).toBe(true);
    expect(row.valid).toBe(true);
  });

  it('does not mutate its input and is idempotent', () => {
    const input = [school(), police()];
    const snapshot = JSON.stringify(input);
    const once = markCrossUnitDuplicates(input);
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(once).not.toBe(input);
    expect(once[1]).not.toBe(input[1]);
    expect(once[1].rows).not.toBe(input[1].rows);
    const twice = markCrossUnitDuplicates(once);
    expect(twice).toEqual(once);
  });

  it('drops a stale mark when the first occurrence is gone', () => {
    const marked = markCrossUnitDuplicates([school(), police()]);
    const [again] = markCrossUnitDuplicates([marked[1]]);
    expect(again.rows[1].duplicateOf).toBeUndefined();
    expect(again.rows[1].problems).toEqual([]);
  });

  it('handles no units and empty units', () => {
    expect(markCrossUnitDuplicates([])).toEqual([]);
    expect(countUniquePeople([])).toBe(0);
    expect(countUniquePeople([unit('A', 'Đơn vị A', [])])).toBe(0);
  });

  it('marks every repeat among 150,000 rows at ward scale', () => {
    const units: UnitCheckedRows[] = [];
    for (let u = 0; u < 200; u += 1) {
      const rows: CheckedRow[] = [];
      for (let r = 0; r < 750; r += 1) {
        // every 10th person of a unit is also listed by all the other units
        const personKey = r % 10 === 0 ? `shared|1985|tdp${r}` : `p${u}-${r}|1985|tdp${r}`;
        rows.push({
          sheetRow: r + 2,
          name: 'x',
          birthYear: 1985,
          organisation: 'x',
          residence: 'x',
          note: '',
          problems: [],
          valid: true,
          hasWarning: false,
          personKey,
          namesake: false,
        });
      }
      units.push({ unitCode: `U${u}`, unitName: `Đơn vị ${u}`, rows });
    }
    const totalRows = units.reduce((sum, u) => sum + u.rows.length, 0);
    expect(totalRows).toBe(150000);

    const marked = markCrossUnitDuplicates(units);
    const unique = countUniquePeople(marked);
    const duplicates = marked.reduce((sum, u) => sum + u.rows.filter((r) => r.duplicateOf).length, 0);
    expect(duplicates).toBe(199 * 75);
    expect(unique).toBe(150000 - duplicates);
  });
});

describe('countUniquePeople', () => {
  it('counts valid rows once per person across units', () => {
    const units = [
      unit('A', 'Đơn vị A', [raw(2), raw(3, { name: 'Lê Thị Hoa' }), raw(4, { name: 'An' })]),
      unit('B', 'Đơn vị B', [
        raw(2, { name: 'lê thị hoa', residence: 'tổ 5' }),
        raw(3, { name: 'Đỗ Văn Dũng' }),
      ]),
    ];
    expect(countUniquePeople(units)).toBe(3);
    expect(countUniquePeople(markCrossUnitDuplicates(units))).toBe(3);
  });

  it('gives the same figure before and after marking', () => {
    const units = [
      unit('A', 'Đơn vị A', [raw(2), raw(3, { note: 'Không trùng' })]),
      unit('B', 'Đơn vị B', [raw(2), raw(3, { name: 'Hoàng Văn Em' })]),
      unit('C', 'Đơn vị C', [raw(2, { name: 'Hoàng Văn Em' }), raw(3, { birthYear: 1986 })]),
    ];
    const marked = markCrossUnitDuplicates(units);
    const unmarkedCount = marked.reduce(
      (sum, u) => sum + u.rows.filter((r) => r.valid && r.duplicateOf === undefined).length,
      0
    );
    expect(countUniquePeople(units)).toBe(4);
    expect(countUniquePeople(marked)).toBe(4);
    expect(unmarkedCount).toBe(4);
  });
});

describe('duplicates a unit cannot dodge (issue 25)', () => {
  it('takes old and new tone placement for one person', () => {
    const units = markCrossUnitDuplicates([
      unit('A', 'Đơn vị A', [raw(2, { name: 'Lê Thị Hòa' }), raw(3, { name: 'Trần Văn Thủy' })]),
      unit('B', 'Đơn vị B', [raw(7, { name: 'Lê Thị Hoà' }), raw(8, { name: 'Trần Văn Thuỷ' })]),
    ]);
    expect(units[1].rows.map((r) => r.duplicateOf?.sheetRow)).toEqual([2, 3]);
    expect(countUniquePeople(units)).toBe(2);
  });

  it('keeps different tones and vowels apart', () => {
    const units = markCrossUnitDuplicates([
      unit('A', 'Đơn vị A', [raw(2, { name: 'Lê Thị Hòa' })]),
      unit('B', 'Đơn vị B', [raw(2, { name: 'Lê Thị Hóa' }), raw(3, { name: 'Lê Thị Hoa' })]),
    ]);
    expect(countUniquePeople(units)).toBe(3);
  });

  it('lists a copied row whose address was reworded as suspected, and removes nobody', () => {
    const units = markCrossUnitDuplicates([
      unit('A', 'Đơn vị A', [raw(2, { residence: 'TDP 5' })]),
      unit('B', 'Đơn vị B', [raw(9, { residence: 'Số 12 ngõ 4 Trần Hưng Đạo' })]),
    ]);
    const row = units[1].rows[0];
    expect(row.duplicateOf).toBeUndefined();
    expect(row.valid).toBe(true);
    expect(row.suspectedOf).toEqual({
      unitCode: 'A',
      unitName: 'Đơn vị A',
      sheetRow: 2,
      reason: 'residence',
    });
    expect(countUniquePeople(units)).toBe(2);
  });

  it('suspects no pair inside one unit, nor across different birth years', () => {
    const units = markCrossUnitDuplicates([
      unit('A', 'Đơn vị A', [raw(2, { residence: 'TDP 5' }), raw(3, { residence: 'TDP 6' })]),
      unit('B', 'Đơn vị B', [raw(4, { birthYear: 1986, residence: 'TDP 7' })]),
    ]);
    expect(units.flatMap((u) => u.rows).filter((r) => r.suspectedOf)).toEqual([]);
  });
});
