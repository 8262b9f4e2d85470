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
import { formatPercent, shareDecimals } from '../../src/core/messages/format';

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
    fileId: '',
  };
}

function input(u: Unit, rows: unknown[][]): UnitSheetInput {
  return {
    unit: u,
    state: 'ok',
    tab: u.name,
    sheetId: 100 + u.configRow,
    url: '',
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

  it('puts the ward’s figures in the coverage column and formats every figure, one block per table', () => {
    const { summary } = ward('vi_VN');
    expect(SUMMARY.wardValueColumn).toBe(UNIT_COL.coverage);
    const COUNT = '#,##0';
    const HOUSEHOLDS = '#,##0 "hộ"';
    const PEOPLE = '#,##0 "người"';
    const MOMENT = 'dd/MM/yyyy HH:mm';
    // The ward (households, people, ratio); the units E:M and the totals; the by-type table D:I.
    expect(summary.numberFormats).toEqual([
      { range: 'H6:H8', formats: [[COUNT], [COUNT], ['0.0%']] },
      {
        range: 'E13:M15',
        formats: [
          [HOUSEHOLDS, COUNT, COUNT, '0.0%', COUNT, COUNT, COUNT, COUNT, MOMENT],
          [PEOPLE, COUNT, COUNT, '0.0%', COUNT, COUNT, COUNT, COUNT, MOMENT],
          [COUNT, COUNT, COUNT, '0.0%', COUNT, COUNT, COUNT, COUNT, MOMENT],
        ],
      },
      {
        range: `D${summary.byType.first}:I${summary.byType.last}`,
        formats: [
          [COUNT, PEOPLE, COUNT, COUNT, '0.0%', COUNT],
          [COUNT, HOUSEHOLDS, COUNT, COUNT, '0.0%', COUNT],
        ],
      },
    ]);
    expect(summary.shades.map((shade) => [shade.ranges, shade.when, shade.values])).toEqual([
      [['H13:H14', `H${summary.byType.first}:H${summary.byType.last}`], 'lessThan', [0.5]],
      [['H13:H14', `H${summary.byType.first}:H${summary.byType.last}`], 'lessThan', [1]],
      [['H13:H14', `H${summary.byType.first}:H${summary.byType.last}`], 'atLeast', [1]],
      [['H8'], 'lessThan', [0.5]],
      [['H8'], 'between', [0.5, 1]],
      [['H8'], 'atLeast', [1]],
    ]);
    // No ratio and no target in the totals row: targets mix households and people.
    expect(at(summary.cells, summary.totalRow, UNIT_COL.coverage)).toBe('');
    expect(at(summary.cells, summary.totalRow, UNIT_COL.target)).toBe('');
  });

  it('shows a share with as many decimals as keep it off "100,0%" unless it is exactly 100%', () => {
    expect(
      [
        [2499, 2500],
        [2500, 2500],
        [2501, 2500],
        [1, 4],
        [99_999, 100_000],
        [0, 5],
      ].map(([n, d]) => shareDecimals(n, d))
    ).toEqual([2, 1, 2, 1, 3, 1]);
    expect(formatPercent(2499 / 2500, shareDecimals(2499, 2500))).toBe('99,96%');
    expect(formatPercent(2501 / 2500, shareDecimals(2501, 2500))).toBe('100,04%');
    expect(formatPercent(1, shareDecimals(3, 3))).toBe('100,0%');
  });
});

describe('status codes', () => {
  it('gives each master row the code its Vietnamese status says', () => {
    const { master } = ward('vi_VN');
    // YT comes second in Cấu hình, so its Nguyễn Văn An is the one another unit listed first.
    expect(master.rows.map((r) => [r[MASTER_COL.status - 1], r[MASTER_COL.statusCode - 1]])).toEqual([
      ["'Hợp lệ", "'OK"],
      ["'Lỗi: trùng dòng 8", "'DUP_UNIT"],
      [expect.stringMatching(/^'Lỗi: /), "'ERR"],
      ["'Đã có ở Đơn vị TDP01 (dòng 8)", "'DUP"],
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

  it('says Chưa báo cáo for a unit with no row, before anything about its target', () => {
    const consolidation = consolidateUnits(
      [input(unit('TDP01', 'Tổ dân phố', 4, 13), []), input(unit('CA', 'Công an', 0, 14), [])],
      YEAR
    );
    const f = formulasFor('vi_VN');
    const summary = summaryLayout(consolidation, masterLayout(consolidation, f), {
      title: 'Cài đặt ứng dụng',
      consolidatedAt: '05/06/2026 08:00',
      deadlineText: '',
      households: null,
      masterSheet: 'Danh sách tổng hợp',
      formulas: f,
    });
    expect(at(summary.cells, 13, UNIT_COL.verdict)).toBe("'Chưa báo cáo");
    expect(at(summary.cells, 14, UNIT_COL.verdict)).toBe("'Chưa báo cáo");
  });
});
