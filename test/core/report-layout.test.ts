/** The master list and summary as laid out by the core: columns from one spec, formulas over status codes. */
import { defineColumns } from '../../src/core/columns';
import { consolidateUnits, type UnitSheetInput } from '../../src/core/consolidate';
import { formulasFor } from '../../src/core/formulas';
import {
  MASTER,
  MASTER_COL,
  masterLayout,
  SUMMARY,
  summaryLayout,
  UNIT_COL,
} from '../../src/core/report-layout';
import type { Unit } from '../../src/core/units';

const YEAR = 2026;

function unit(code: string, type: Unit['type'], target: number, configRow: number): Unit {
  return {
    code,
    name: `Đơn vị ${code}`,
    type,
    target,
    emails: [],
    manager: '',
    phone: '',
    parentBody: '',
    signer: { title: [], note: '' },
    configRow,
  };
}

function input(u: Unit, rows: unknown[][]): UnitSheetInput {
  return {
    unit: u,
    state: 'ok',
    tab: u.name,
    sheetId: 100 + u.configRow,
    firstDataRow: 8,
    rows: rows.map((r) => ['', ...r]),
    lastUpdated: '',
  };
}

function ward(locale: string, households: number | null = null) {
  const consolidation = consolidateUnits(
    [
      input(unit('TDP01', 'Tổ dân phố', 4, 13), [
        ['Nguyễn Văn An', 1980, '', 'TDP 1'],
        ['Nguyễn Văn An', 1980, '', 'TDP 1'],
        ['Trần Bình', 'x', '', 'TDP 1'],
      ]),
      input(unit('YT', 'Y tế', 1, 14), [['Nguyễn Văn An', 1980, 'Trạm Y tế', 'TDP 1']]),
    ],
    YEAR
  );
  const f = formulasFor(locale);
  const master = masterLayout(consolidation, f);
  const summary = summaryLayout(consolidation, master, {
    title: 'Cài đặt ứng dụng',
    consolidatedAt: '05/06/2026 08:00',
    deadlineText: '',
    households,
    masterSheet: 'Danh sách tổng hợp',
    formulas: f,
  });
  return { consolidation, master, summary };
}

const at = (cells: unknown[][], row: number, column: number): unknown => cells[row - 1][column - 1];

describe('the column spec', () => {
  it('numbers the master’s columns once, the status code last, and refuses a key declared twice', () => {
    expect(MASTER.columns).toBe(11);
    expect(MASTER_COL.statusCode).toBe(MASTER.columns);
    expect(MASTER_COL.status).toBe(9);
    expect(MASTER.columnWidths[MASTER_COL.statusCode - 1]).toBeLessThan(
      MASTER.columnWidths[MASTER_COL.status - 1]
    );
    expect(() =>
      defineColumns(
        [
          { key: 'a', width: 1 },
          { key: 'a', width: 2 },
        ],
        { a: 'A' }
      )
    ).toThrow('declared twice');
  });

  it('puts the ward’s figures in the coverage column and formats every share from the spec', () => {
    const { summary } = ward('vi_VN');
    expect(SUMMARY.wardValueColumn).toBe(UNIT_COL.coverage);
    // Ward ratio (row 8) to the last by-type row, all in H; the dates of the unit rows in M.
    expect(summary.numberFormats).toEqual([
      { range: `H8:H${summary.byType.last}`, format: '0.0%' },
      { range: `M13:M14`, format: 'dd/MM/yyyy HH:mm' },
    ]);
    expect(summary.coverageRanges).toEqual([
      'H8',
      'H13:H15',
      `H${summary.byType.first}:H${summary.byType.last}`,
    ]);
  });
});

describe('status codes', () => {
  it('gives each master row the code its Vietnamese status says', () => {
    const { master } = ward('vi_VN');
    // YT comes second in Cấu hình, so its Nguyễn Văn An is the one another unit listed first.
    expect(master.rows.map((r) => [r[MASTER_COL.status - 1], r[MASTER_COL.statusCode - 1]])).toEqual([
      ["'Hợp lệ", "'OK"],
      ["'Lỗi: Trùng trong đơn vị với dòng 8", "'DUP_UNIT"],
      [expect.stringMatching(/^'Lỗi: /), "'ERR"],
      ["'Trùng với: Đơn vị TDP01, dòng 8", "'DUP"],
    ]);
  });

  it.each(['vi_VN', 'en_US'])('are all the text the summary’s formulas hold (%s)', (locale) => {
    const { summary } = ward(locale);
    const formulas = summary.cells
      .flat()
      .filter((c): c is string => typeof c === 'string' && c.startsWith('='));
    expect(formulas.length).toBeGreaterThan(30);
    const own = formulas.map((f) => f.split("'Danh sách tổng hợp'!").join(''));
    expect(own.filter((f) => /[^\x20-\x7e]/.test(f))).toEqual([]);
    const literals = new Set(own.flatMap((f) => f.match(/"(?:[^"]|"")*"/g) ?? []));
    expect([...literals].sort()).toEqual(['""', '"DUP"', '"DUP_UNIT"', '"ERR"', '"OK"']);
    const sep = locale === 'vi_VN' ? ';' : ',';
    const block = "'Danh sách tổng hợp'!$K$5:$K$7";
    expect(at(summary.cells, 13, UNIT_COL.valid)).toBe(
      `=COUNTIF(${block}${sep}"OK")+COUNTIF(${block}${sep}"DUP")`
    );
    expect(at(summary.cells, 13, UNIT_COL.errors)).toBe(
      `=COUNTIF(${block}${sep}"ERR")+COUNTIF(${block}${sep}"DUP_UNIT")`
    );
  });

  it('writes the verdicts as words decided from the counts', () => {
    // TDP01: 1 valid of 4; YT: 1 of 1. Ward: 1 distinct person (YT's is TDP01's) of 4 households, then of 1.
    const { summary } = ward('vi_VN');
    expect(at(summary.cells, 13, UNIT_COL.verdict)).toBe("'Chưa đạt");
    expect(at(summary.cells, 14, UNIT_COL.verdict)).toBe("'Đạt");
    expect(at(summary.cells, summary.ward.households, SUMMARY.wardValueColumn)).toBe(
      `=E${summary.byType.last}`
    );
    expect(at(summary.cells, summary.ward.verdict, SUMMARY.wardValueColumn)).toBe("'Chưa đạt tiêu chí");
    // Exactly 100% is not "over 100%"; with no households there is no verdict.
    expect(at(ward('vi_VN', 1).summary.cells, 9, SUMMARY.wardValueColumn)).toBe("'Chưa đạt tiêu chí");
    expect(at(ward('vi_VN', 0).summary.cells, 9, SUMMARY.wardValueColumn)).toBe('');
  });
});
