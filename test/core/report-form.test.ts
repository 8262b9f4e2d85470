/** The official report forms, built from checked rows and a consolidation, without any spreadsheet. */
import { checkUnitSheet, consolidateUnits, type UnitSheetInput } from '../../src/core/consolidate';
import { inSentence, officialDate, reportMessages as rm } from '../../src/core/messages/reports';
import {
  fontWeights,
  PARAGRAPH_INDENT,
  percentText,
  reportRangeName,
  UNIT_REPORT_WIDTHS,
  unitReportForm,
  WARD_REPORT_WIDTHS,
  wardFigures,
  wardReportForm,
  type ReportForm,
} from '../../src/core/report-form';
import { parseUnits, type Campaign, type Unit } from '../../src/core/units';

const YEAR = 2026;
/** A rule: a run of "─" alone in its cell. */
const RULE = /^─{3,}$/;
const DATE = { day: 5, month: 6, year: YEAR };

const campaign: Campaign = {
  title: 'Cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng)',
  issuer: 'Ủy ban nhân dân phường Hải Dương',
  dispatch: '125/UBND-VHXH ngày 12/5/2026',
  place: 'Hải Dương',
  completionDeadline: null,
  reportDeadline: null,
  households: null,
  organisation: 'files',
  unitFolder: '',
  contact: '',
  support: '',
  leaders: [],
  leadersFile: '',
  purpose: '',
  closed: '',
};

/** A unit as Cấu hình gives it: its row read as Thiết lập reads it, with the defaults of its type. */
function unit(
  code: string,
  name: string,
  type: Unit['type'],
  target: number,
  configRow: number,
  cells: { parentBody?: string; signer?: string } = {}
): Unit {
  const { units } = parseUnits([{ row: configRow, cells: { code, name, type, target, ...cells } }]);
  return units[0];
}

const school = unit('THCS-LTV', 'Trường THCS Lê Thánh Tông', 'Trường học', 4, 13);
const tdp1 = unit('TDP01', 'Tổ dân phố số 1', 'Tổ dân phố', 3, 14);
const tdp2 = unit('TDP02', 'Tổ dân phố số 2', 'Tổ dân phố', 5, 15);

function input(u: Unit, rows: unknown[][], state: UnitSheetInput['state'] = 'ok'): UnitSheetInput {
  return {
    unit: u,
    state,
    tab: u.name,
    sheetId: 1,
    url: '',
    firstDataRow: 8,
    rows: rows.map((r) => ['', ...r]),
    lastUpdated: '',
  };
}

/** The form's text as a reader sees it: the apostrophe that marks literal text is not part of it. */
function text(form: ReportForm): string[][] {
  return form.values.map((row) =>
    row.map((cell) => (typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : String(cell)))
  );
}

function lineOf(form: ReportForm, start: string): number {
  const index = text(form).findIndex((row) => row.some((cell) => cell.startsWith(start)));
  if (index < 0) throw new Error(`no line starts with ${start}`);
  return index + 1;
}

describe('unit report form', () => {
  const entries = checkUnitSheet(
    input(school, [
      ['nguyễn  thị hường', 1985, '', 'Số 5 Trần Hưng Đạo'],
      ['Đặng Văn Ngữ', 85, '', 'TDP 2'], // two-digit year: an error, left out
      ['Lê Thị Ỷ', '15/03/1990', 'Công ty Điện lực', 'TDP 3'], // a date: its year, still valid
      ['Phạm Thị Ẫn', 1970, '', '=IMPORTXML("http://x","//a")'],
    ]),
    YEAR
  );
  const form = unitReportForm({ unit: school, campaign, entries, date: DATE });
  const lines = text(form);

  it('follows the Mẫu báo cáo line for line, with the unit’s parent body, figures and signer', () => {
    expect(lines[0][0]).toBe('UBND PHƯỜNG HẢI DƯƠNG');
    expect(lines[0][3]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(lines[1][0]).toBe('TRƯỜNG THCS LÊ THÁNH TÔNG');
    expect(lines[1][3]).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(lines[2][0]).toMatch(RULE);
    expect(lines[2][3]).toMatch(RULE);
    expect(lines[3][0]).toMatch(/^Số: +\/$/);
    expect(lines[3][3]).toBe('Hải Dương, ngày 05 tháng 6 năm 2026');
    expect(lines[5][0]).toBe('BÁO CÁO');
    expect(lines[6][0]).toBe('Về việc cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng)');
    expect(lines[7][0]).toMatch(RULE);
    expect(lines[8][0]).toBe('Kính gửi: Ủy ban nhân dân phường Hải Dương');
    expect(lines.slice(10, 13).map((row) => row[0])).toEqual([
      PARAGRAPH_INDENT +
        'Thực hiện Công văn số 125/UBND-VHXH ngày 12/5/2026 của Ủy ban nhân dân phường Hải Dương về việc tuyên truyền cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng).',
      PARAGRAPH_INDENT +
        'Trường THCS Lê Thánh Tông đã tích cực triển khai cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng), kết quả cụ thể như sau:',
      PARAGRAPH_INDENT +
        'Tổng số 3 người đã cài đặt và đăng nhập (chỉ tiêu 4 người, đạt 75,0%). Danh sách cụ thể:',
    ]);
    expect(lines[form.tableHeaderRow - 1]).toEqual([
      'Stt',
      'Họ và tên',
      'Năm sinh',
      'Cơ quan, đơn vị',
      'Nơi ở hiện nay',
    ]);
    const recipients = lineOf(form, 'Nơi nhận:');
    expect(lines.slice(recipients - 1).map((row) => [row[0], row[3]])).toEqual([
      ['Nơi nhận:', 'HIỆU TRƯỞNG'],
      ['- Như trên;', '(Ký tên, đóng dấu)'],
      ['- Lưu: VT.', ''],
    ]);
    // No placeholder of the form is left to fill by hand.
    const all = lines.flat().join('\n');
    for (const placeholder of ['ĐƠN VỊ CHỦ QUẢN', 'THỦ TRƯỞNG CƠ QUAN', '…', 'HOÀ', 'chưa giao chỉ tiêu'])
      expect(all).not.toContain(placeholder);
  });

  it('draws Decree 30’s rules: as long as the motto, a third to a half of the name and of the summary', () => {
    const rule = (row: number, column: number) =>
      form.formats.find((f) => f.row === row && f.column === column && f.valign === 'top');
    // Each rule is centred under its text, over the same columns, small and at the top of its row.
    expect(rule(3, 1)).toMatchObject({ columns: 3, align: 'center', size: 8 });
    expect(rule(3, 4)).toMatchObject({ columns: 2, align: 'center', size: 8 });
    expect(rule(8, 1)).toMatchObject({ columns: 5, align: 'center', size: 8 });
    // At 8 pt a "─" is 1451/2048 em: 5,67 pt. Times New Roman bold 13 pt: the motto is 158,9 pt long,
    // "TRƯỜNG THCS LÊ THÁNH TÔNG" 209 pt (wrapped in a 202 pt block), the summary 381 pt.
    const length = (row: number, column: number) =>
      [...lines[row - 1][column - 1]].length * (1451 / 2048) * 8;
    expect(Math.abs(length(3, 4) - 158.9)).toBeLessThan(5.7);
    expect(length(3, 1) / 202).toBeGreaterThanOrEqual(1 / 3);
    expect(length(3, 1) / 202).toBeLessThanOrEqual(1 / 2);
    expect(length(8, 1) / 381).toBeGreaterThanOrEqual(1 / 3);
    expect(length(8, 1) / 381).toBeLessThanOrEqual(1 / 2);
  });

  it('prints no parent body when there is none, and signs a Tổ dân phố without a seal', () => {
    const police = unit('CA', 'Công an phường', 'Công an', 30, 16);
    const top = text(unitReportForm({ unit: police, campaign, entries: [], date: DATE }));
    // The unit's name moves up to the national title's line; its rule under it.
    expect(top[0][0]).toBe('CÔNG AN PHƯỜNG');
    expect(top[1][0]).toMatch(RULE);
    expect(top[1][3]).toBe('Độc lập - Tự do - Hạnh phúc');
    const group = unitReportForm({ unit: tdp1, campaign, entries: [], date: DATE });
    const groupLines = text(group);
    expect(groupLines[0][0]).toBe('UBND PHƯỜNG HẢI DƯƠNG');
    const recipients = lineOf(group, 'Nơi nhận:');
    expect(groupLines.slice(recipients - 1).map((row) => row[3])).toEqual([
      'TỔ TRƯỞNG',
      '(Ký, ghi rõ họ tên)',
      '',
    ]);
    const two = unit('THPT', 'Trường THPT Hải Dương', 'Trường học', 40, 17, {
      parentBody: 'Sở Giáo dục và Đào tạo Hải Phòng',
      signer: 'KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG',
    });
    const twoForm = unitReportForm({ unit: two, campaign, entries: [], date: DATE });
    const twoLines = text(twoForm);
    expect(twoLines[0][0]).toBe('SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG');
    const at = lineOf(twoForm, 'Nơi nhận:');
    expect(twoLines.slice(at - 1).map((row) => row[3])).toEqual([
      'KT. HIỆU TRƯỞNG',
      'PHÓ HIỆU TRƯỞNG',
      '(Ký tên, đóng dấu)',
    ]);
    expect(fontWeights(twoForm)[at][3]).toBe('bold');
  });

  it('lists only the valid rows, normalised as Tổng hợp lists them, numbered from 1', () => {
    const table = form.values.slice(form.firstTableRow - 1, form.lastTableRow);
    expect(text({ ...form, values: table })).toEqual([
      ['1', 'Nguyễn Thị Hường', '1985', 'Trường THCS Lê Thánh Tông', 'Số 5 Trần Hưng Đạo'],
      ['2', 'Lê Thị Ỷ', '1990', 'Công ty Điện lực', 'TDP 3'],
      ['3', 'Phạm Thị Ẫn', '1970', 'Trường THCS Lê Thánh Tông', '=IMPORTXML("http://x","//a")'],
    ]);
    expect(form.valid).toBe(3);
    expect(form.skipped).toBe(1);
    // Numbers stay numbers; every text is literal, so a residence typed as a formula stays text.
    expect(table[0][0]).toBe(1);
    expect(table[0][2]).toBe(1985);
    expect(table[2][4]).toBe(`'=IMPORTXML("http://x","//a")`);
    for (const row of form.values)
      for (const cell of row)
        if (typeof cell === 'string' && cell !== '') expect(cell.startsWith("'")).toBe(true);
  });

  it('freezes the rows down to the table header, merges the header blocks and fits A4 portrait', () => {
    expect(form.tableHeaderRow).toBe(15);
    expect(form.firstTableRow).toBe(16);
    // Sheets prints 1 px as 0.75 pt; A4 portrait less Decree 30's margins (30 + 15 mm) leaves 623 px.
    expect(UNIT_REPORT_WIDTHS.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(623);
    expect(WARD_REPORT_WIDTHS.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(623);
    expect(form.merges).toEqual(
      expect.arrayContaining([
        { row: 1, column: 1, rows: 1, columns: 3 },
        { row: 1, column: 4, rows: 1, columns: 2 },
        { row: 2, column: 1, rows: 1, columns: 3 },
        { row: 6, column: 1, rows: 1, columns: 5 },
        { row: 13, column: 1, rows: 1, columns: 5 },
      ])
    );
    const weights = fontWeights(form);
    expect(weights[0][0]).toBe('normal'); // the parent body
    expect(weights[1][0]).toBe('bold'); // the unit
    expect(weights[0][3]).toBe('bold');
    expect(weights[5][0]).toBe('bold'); // BÁO CÁO
    expect(weights[form.tableHeaderRow - 1]).toEqual(Array(5).fill('bold'));
    expect(weights[form.firstTableRow - 1]).toEqual(Array(5).fill('normal'));
    const borders = form.formats.filter((f) => f.borders);
    expect(borders).toEqual([
      expect.objectContaining({ row: 15, column: 1, rows: form.lastTableRow - 14, columns: 5 }),
    ]);
    expect(form.formats).toContainEqual(expect.objectContaining({ row: 4, column: 4, italic: true }));
  });

  it('says when the unit has no target, and when it has nobody yet', () => {
    const none = unitReportForm({ unit: { ...tdp1, target: 0 }, campaign, entries: [], date: DATE });
    const lines = text(none);
    expect(lines[12][0]).toBe(
      PARAGRAPH_INDENT + 'Tổng số 0 người đã cài đặt và đăng nhập. Danh sách cụ thể:'
    );
    const many = unitReportForm({ unit: { ...tdp1, target: 1200 }, campaign, entries: [], date: DATE });
    expect(text(many)[12][0]).toBe(
      PARAGRAPH_INDENT +
        'Tổng số 0 người đã cài đặt và đăng nhập (trên 1.200 hộ gia đình, đạt 0,0%). Danh sách cụ thể:'
    );
    expect(lines[none.firstTableRow - 1][0]).toBe(rm.noPeople);
    expect(none.lastTableRow).toBe(none.firstTableRow);
  });

  it('takes the recipient, dispatch, place and title from the campaign', () => {
    const other: Campaign = {
      ...campaign,
      issuer: 'Ủy ban nhân dân xã An Lão',
      dispatch: '',
      place: 'An Lão',
      title: 'Cài đặt ứng dụng VNeID',
    };
    const { units } = parseUnits(
      [{ row: 14, cells: { code: 'T1', name: 'Thôn 1', type: 'Tổ dân phố', target: 3 } }],
      other.issuer
    );
    const lines = text(
      unitReportForm({
        unit: units[0],
        campaign: other,
        entries: [],
        date: { day: 12, month: 1, year: 2027 },
      })
    );
    expect(lines[0][0]).toBe('UBND XÃ AN LÃO');
    expect(lines[3][3]).toBe('An Lão, ngày 12 tháng 01 năm 2027');
    expect(lines[6][0]).toBe('Về việc cài đặt ứng dụng VNeID');
    expect(lines[8][0]).toBe('Kính gửi: Ủy ban nhân dân xã An Lão');
    // No number given: the dispatch is cited without one, never with a form's "…".
    expect(lines[10][0]).toBe(
      PARAGRAPH_INDENT +
        'Thực hiện Công văn của Ủy ban nhân dân xã An Lão về việc tuyên truyền cài đặt ứng dụng VNeID.'
    );
    expect(rm.dispatchRef('số 125/UBND-VHXH ngày 12/5/2026')).toBe(
      'Công văn số 125/UBND-VHXH ngày 12/5/2026'
    );
    expect(rm.dispatchRef('Công văn số 7/UBND')).toBe('Công văn số 7/UBND');
  });
});

describe('report text helpers', () => {
  it('writes dates as administrative documents do', () => {
    expect(officialDate('Hải Dương', 1, 2, 2026)).toBe('Hải Dương, ngày 01 tháng 02 năm 2026');
    expect(officialDate('Hải Dương', 31, 12, 2026)).toBe('Hải Dương, ngày 31 tháng 12 năm 2026');
    expect(officialDate('Hải Dương', 9, 3, 2026)).toBe('Hải Dương, ngày 09 tháng 3 năm 2026');
  });

  it('formats ratios, sentence case and named ranges', () => {
    expect(percentText(62 / 54)).toBe('114,8%');
    expect(percentText(0)).toBe('0,0%');
    expect(inSentence('Ứng dụng')).toBe('ứng dụng');
    expect(reportRangeName('unit:thcs-ltv')).toBe('TH_BC_DV_THCS_LTV');
    expect(reportRangeName('ward')).toBe('TH_BC_PHUONG');
  });
});

describe('ward report form', () => {
  const consolidation = consolidateUnits(
    [
      input(school, [
        ['Nguyễn Thị Hương', 1985, '', 'Số 5 Trần Hưng Đạo, TDP 5'],
        ['Trần Văn Bình', 1990, '', 'TDP 1'],
        ['Lê Văn', 'abc', '', 'TDP 1'],
      ]),
      input(tdp1, [
        ['Nguyễn Thị Hương', 1985, '', 'số 5 trần hưng đạo, tổ dân phố số 05'], // also reported by the school
        ['Phạm Văn Cường', 1975, '', 'TDP 1'],
      ]),
      input(tdp2, [], 'missing'),
    ],
    YEAR
  );
  const figures = wardFigures(consolidation, campaign);

  it('takes each unit’s figure and the ward’s figure as Tổng hợp computes them', () => {
    expect(figures.units.map((u) => [u.code, u.target, u.valid, u.coverage])).toEqual([
      ['THCS-LTV', 4, 2, 0.5],
      ['TDP01', 3, 2, 2 / 3],
      ['TDP02', 5, 0, 0],
    ]);
    // A person reported by two units counts for each unit but once for the ward.
    expect(figures.totals).toEqual({ target: 12, valid: 4, duplicatesOfOtherUnits: 1 });
    expect(figures.uniquePeople).toBe(3);
    expect(figures.households).toBe(8); // no figure on Cấu hình: the Tổ dân phố targets
    expect(figures.ratio).toBeCloseTo(3 / 8, 10);
    expect(figures.meetsTarget).toBe(false);
    const set = wardFigures(consolidation, { ...campaign, households: 2 });
    expect(set).toMatchObject({ households: 2, ratio: 1.5, meetsTarget: true });
    // Exactly 100% is not "above 100%".
    expect(wardFigures(consolidation, { ...campaign, households: 3 }).meetsTarget).toBe(false);
  });

  it('lays the figures out in the same form, signed for the People’s Committee', () => {
    const form = wardReportForm({ campaign, figures, date: DATE });
    const lines = text(form);
    expect(lines[0][0]).toBe('ỦY BAN NHÂN DÂN');
    expect(lines[1][0]).toBe('PHƯỜNG HẢI DƯƠNG');
    expect(lines[0][2]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(lines[2][0]).toMatch(RULE);
    expect(lines[2][2]).toMatch(RULE);
    expect(lines[5][0]).toBe('BÁO CÁO');
    expect(lines[7][0]).toMatch(RULE);
    expect(lines[8][0]).toBe('Kính gửi: Ủy ban nhân dân thành phố Hải Phòng');
    expect(lines[10][0]).toContain(
      'Ủy ban nhân dân phường Hải Dương đã ban hành Công văn số 125/UBND-VHXH ngày 12/5/2026 về việc tuyên truyền'
    );
    expect(lines[10][0]).toMatch(/kết quả cụ thể như sau:$/);
    expect(lines[11][0]).toBe(
      PARAGRAPH_INDENT +
        'Các cơ quan, đơn vị đã báo cáo 3 người cài đặt và đăng nhập ứng dụng (mỗi người tính một lần), trên tổng số 8 hộ gia đình, đạt tỷ lệ 37,5%: chưa đạt tiêu chí "Tỷ lệ người dân cài đặt ứng dụng trên số hộ gia đình trên 100%". Kết quả của từng cơ quan, đơn vị:'
    );
    expect(lines[form.tableHeaderRow - 1]).toEqual([
      'Stt',
      'Đơn vị',
      'Loại',
      'Chỉ tiêu',
      'Số người đã cài đặt',
      'Tỷ lệ đạt',
    ]);
    const table = lines.slice(form.firstTableRow - 1, form.lastTableRow);
    expect(table).toEqual([
      ['1', 'Trường THCS Lê Thánh Tông', 'Trường học', '4', '2', '50,0%'],
      ['2', 'Tổ dân phố số 1', 'Tổ dân phố', '3', '2', '66,7%'],
      ['3', 'Tổ dân phố số 2', 'Tổ dân phố', '5', '0', 'Không có trang'],
      // No ratio for the total: it would divide people by households and people at once.
      ['Tổng cộng', '', '', '12', '4', ''],
    ]);
    // Counts are grouped by thousands in the sheet (2.157).
    expect(form.formats).toContainEqual(
      expect.objectContaining({ row: form.firstTableRow, column: 4, columns: 2, numberFormat: '#,##0' })
    );
    expect(lines.flat()).toContain(rm.wardDuplicatesNote(1));
    const recipients = lineOf(form, 'Nơi nhận:');
    expect(lines[recipients - 1][2]).toBe('TM. ỦY BAN NHÂN DÂN');
    expect(lines[recipients][2]).toBe('CHỦ TỊCH');
    expect(form.key).toBe('ward');
  });

  it('says "Đạt tiêu chí" above 100% and when the ward has no households', () => {
    const met = text(
      wardReportForm({ campaign, figures: { ...figures, ratio: 1.25, meetsTarget: true }, date: DATE })
    );
    expect(met[11][0]).toContain('đạt tỷ lệ 125,0%: đạt tiêu chí');
    const large = text(
      wardReportForm({
        campaign,
        figures: { ...figures, uniquePeople: 2157, households: 1050, ratio: 2157 / 1050, meetsTarget: true },
        date: DATE,
      })
    );
    expect(large[11][0]).toContain(
      'đã báo cáo 2.157 người cài đặt và đăng nhập ứng dụng (mỗi người tính một lần), trên tổng số 1.050 hộ gia đình, đạt tỷ lệ 205,4%'
    );
    const none = text(
      wardReportForm({
        campaign,
        figures: { ...figures, households: 0, ratio: null, meetsTarget: false },
        date: DATE,
      })
    );
    expect(none[11][0]).toContain('chưa tính được tỷ lệ vì chưa có số hộ gia đình');
  });
});
