/**
 * "Nhập từ tệp" through the built bundle on the stand-in, with unit files built here: an .xlsx written
 * by ExcelJS (a copy of the form, shuffled unaccented headers) and CSV files, parsed as the sidebar and
 * the CLI parse them.
 */
import ExcelJS from 'exceljs';
import { readSheet } from 'read-excel-file/node';
import { tableFromCsv, tableFromRows } from '../../src/shared/import-file';
import { sttFormula } from '../../src/core/layout';
import { formulasFor } from '../../src/core/formulas';

const stt = (row: number): string => sttFormula(formulasFor('vi_VN'), row);
import { importMessages as im } from '../../src/core/messages/import';
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { CLERK, headerStamps, snapshot, typeRows, unitSheet, workbookWithUnits } from '../support/add-on';

const UNITS = demoUnits(2);
const TDP = UNITS.find((u) => u.code === 'TDP01') as DemoUnit;

function setUp() {
  const env = workbookWithUnits(UNITS);
  env.addOn.setupUnits();
  typeRows(env.workbook, TDP, [
    ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1'],
    ['Trần Thị Bình', 1985, '', 'TDP 1'],
  ]);
  const sheet = unitSheet(env.workbook, TDP.code);
  // A note typed two rows further down: the import goes below it, never over it.
  env.workbook.actAs(TDP.emails);
  sheet.getRange('F11').setValue('hỏi lại số nhà');
  env.workbook.actAs(CLERK);
  return { ...env, addOn: env.addOn, sheet };
}

/** A unit's copy of the form: header block, then shuffled, unaccented, upper-case headers. */
async function unitXlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Danh sach');
  ws.addRow(['ĐƠN VỊ CHỦ QUẢN', null, null, 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
  ws.addRow(['TỔ DÂN PHỐ SỐ 1', null, null, 'Độc lập - Tự do - Hạnh phúc']);
  ws.addRow([]);
  ws.addRow(['DANH SÁCH CÀI ĐẶT ỨNG DỤNG SMART HẢI PHÒNG']);
  ws.addRow([]);
  ws.addRow(['STT', 'NOI O HIEN NAY', 'HO VA TEN', 'NGAY SINH', 'GHI CHU']);
  rows.forEach((row, i) => ws.addRow([i + 1, ...row]));
  ws.addRow([]);
  ws.addRow([null, null, 'Người lập biểu']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function xlsxTable(rows: unknown[][]) {
  return tableFromRows(await readSheet(await unitXlsx(rows)), 'ds.xlsx');
}

const csvTable = (text: string, bom = false) => {
  const bytes = new TextEncoder().encode(text);
  return tableFromCsv(bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) : bytes, 'ds.csv');
};

describe('import from a file', () => {
  it('previews an .xlsx copy of the form, then appends its new rows below the last one, in one batch', async () => {
    const { workbook, addOn, sheet } = setUp();
    const table = await xlsxTable([
      ['TDP 1', 'Lê Văn Cường', new Date(Date.UTC(1990, 0, 1))], // a birth date: its year, with a warning
      ['Số 3 Lê Lợi, Tổ dân phố số 1', 'nguyễn văn an', 1980], // already in the sheet (row 8)
      ['Số 7 Bạch Đằng', '=HYPERLINK("http://x","y")', 1975], // a name that would be a formula
      ['TDP 2', 'Phạm Thị Dung', '85'], // two-digit year: an error, imported for the unit to fix
      ['TDP 1', 'Lê Văn Cường', '01/01/1990'], // repeated in the file
      ['+84 912 345 678', 'Hoàng Văn Em', 1992, 'Không trùng'],
    ]);
    const before = snapshot(workbook).filter((s) => s.name !== sheet.getName());
    expect(headerStamps(workbook, TDP.code)).toEqual([]);

    const preview = addOn.previewImport({ unit: TDP.code, table });
    expect(preview).toMatchObject({ ok: true, selected: TDP.code, sheet: sheet.getName(), firstRow: 12 });
    expect(preview.header).toEqual({
      row: 6,
      columns: [
        { field: 'name', index: 2, label: 'HO VA TEN' },
        { field: 'birthYear', index: 3, label: 'NGAY SINH' },
        { field: 'residence', index: 1, label: 'NOI O HIEN NAY' },
        { field: 'note', index: 4, label: 'GHI CHU' },
      ],
    });
    expect(preview.rows.map((r) => [r.fileRow, r.status, r.sheetRow])).toEqual([
      [7, 'warning', 12],
      [8, 'present', null],
      [9, 'error', 13],
      [10, 'error', 14],
      [11, 'present', null],
      [12, 'valid', 15],
    ]);
    expect(preview.rows[1].presentAt).toEqual({ where: 'sheet', row: 8 });
    // Why each skipped row is skipped, as the preview shows it.
    expect(preview.rows[1].problems.map((p) => p.message)).toEqual([
      'Đã có ở dòng 8 của trang đơn vị: sẽ bỏ qua.',
    ]);
    expect(preview.rows[4].problems.map((p) => p.message)).toEqual([
      'Trùng với dòng 7 của tệp: chỉ nhập một lần.',
    ]);
    expect(preview.message).toBe(
      'Sẽ nhập 4 dòng (2 có lỗi, 1 cần kiểm tra); bỏ qua 2 dòng đã có; ' +
        'bỏ qua 1 dòng không phải danh sách (số thứ tự cột, chữ ký…).'
    );
    expect(preview.counts).toEqual({
      rows: 6,
      toImport: 4,
      valid: 1,
      warnings: 1,
      errors: 2,
      present: 2,
      ignored: 1,
    });
    // Previewing writes nothing.
    expect(
      sheet
        .getRange('B12:F15')
        .getValues()
        .flat()
        .every((v) => v === '')
    ).toBe(true);

    // Not confirmed: nothing.
    expect(addOn.importRows({ unit: TDP.code, table, confirmed: false })).toMatchObject({
      ok: false,
      imported: 0,
    });
    expect(sheet.getRange('B12').getValue()).toBe('');

    const result = addOn.importRows({ unit: TDP.code, table, confirmed: true });
    expect(result).toMatchObject({
      ok: true,
      unit: TDP.code,
      imported: 4,
      present: 2,
      withErrors: 2,
      withWarnings: 1,
      firstRow: 12,
      lastRow: 15,
    });
    expect(result.message).toBe(
      `Đã nhập 4 dòng vào trang “${TDP.name}” (dòng 12–15). Bỏ qua 2 dòng đã có. ` +
        '2 dòng có lỗi: đơn vị cần sửa trong trang (xem Kiểm tra dữ liệu). ' +
        'Có thể hoàn tác bằng Tệp → Lịch sử phiên bản.'
    );

    // The rows above, the note at F11, and every other sheet are as they were.
    expect(sheet.getRange('B8:F11').getValues()).toEqual([
      ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1', ''],
      ['Trần Thị Bình', 1985, '', 'TDP 1', ''],
      ['', '', '', '', ''],
      ['', '', '', '', 'hỏi lại số nhà'],
    ]);
    expect(snapshot(workbook).filter((s) => s.name !== sheet.getName())).toEqual(before);
    expect(sheet.getRange('B12:F15').getValues()).toEqual([
      ['Lê Văn Cường', '01/01/1990', '', 'TDP 1', ''],
      // Năm sinh as text in its plain-text column, as typed (85 then reads as an error in Kiểm tra too).
      ['=HYPERLINK("http://x","y")', '1975', '', 'Số 7 Bạch Đằng', ''],
      ['Phạm Thị Dung', '85', '', 'TDP 2', ''],
      ['Hoàng Văn Em', '1992', '', '+84 912 345 678', 'Không trùng'],
    ]);
    expect(sheet.getRange('B13').getFormulas()[0][0]).toBe(''); // text, not a formula
    expect(
      sheet
        .getRange('A12:A15')
        .getFormulas()
        .map((r) => r[0])
    ).toEqual([12, 13, 14, 15].map(stt));
    expect(
      sheet
        .getRange('A12:A15')
        .getValues()
        .map((r) => r[0])
    ).toEqual([5, 6, 7, 8]);
    expect(sheet.getRange('A16').getValue()).toBe('');
    // No stamp on the unit sheet: no script runs there, and Tổng hợp records when a list changed.
    expect(headerStamps(workbook, TDP.code)).toEqual([]);

    // The rows are checked like typed ones.
    const check = addOn.checkData({ unit: TDP.code });
    expect(check.units[0]).toMatchObject({ rows: 6, errors: 2, warnings: 1 });

    // Importing the same file again adds nobody.
    const again = addOn.importRows({ unit: TDP.code, table, confirmed: true });
    expect(again).toMatchObject({ ok: true, imported: 0, present: 6 });
    expect(again.message).toBe(
      'Không có dòng mới nào để nhập: 6 người trong tệp đã có trong trang của đơn vị.'
    );
    expect(sheet.getRange('B16').getValue()).toBe('');
  });

  it('imports a CSV with semicolons and a BOM, and one with commas, shuffled unaccented headers', () => {
    const { addOn, sheet } = setUp();
    const semicolons = csvTable(
      'Nam sinh;Ho ten;Dia chi;Co quan\r\n1990;Lê Văn Cường;TDP 3;Trường THCS\r\n',
      true
    );
    expect(addOn.importRows({ unit: TDP.code, table: semicolons, confirmed: true })).toMatchObject({
      ok: true,
      imported: 1,
      firstRow: 12,
    });
    const commas = csvTable(
      'HỌ VÀ TÊN,NĂM SINH,NƠI Ở HIỆN NAY\nTrần Thị Bình,1985,TDP 1\nĐỗ Thu Hà,1992,"Số 12, Nguyễn Du"\n'
    );
    const result = addOn.importRows({ unit: TDP.code, table: commas, confirmed: true });
    expect(result).toMatchObject({ ok: true, imported: 1, present: 1, firstRow: 13, lastRow: 13 });
    expect(sheet.getRange('B12:E13').getValues()).toEqual([
      ['Lê Văn Cường', '1990', 'Trường THCS', 'TDP 3'],
      ['Đỗ Thu Hà', '1992', '', 'Số 12, Nguyễn Du'],
    ]);
  });

  it('grows the sheet when the rows go past its last row', () => {
    const { workbook, addOn, sheet } = setUp();
    const max = sheet.getMaxRows();
    typeRows(workbook, TDP, [['Vũ Đức Long', 1975, '', 'Số 3 Lê Lợi, TDP 2']], max);
    const table = [
      ['Họ và tên', 'Năm sinh', 'Nơi ở'],
      ...Array.from({ length: 3 }, (_, i) => [`Ngô Văn Số`, 1970 + i, 'TDP 4']),
    ];
    const result = addOn.importRows({ unit: TDP.code, table, confirmed: true });
    expect(result).toMatchObject({ ok: true, imported: 3, firstRow: max + 1, lastRow: max + 3 });
    expect(sheet.getMaxRows()).toBe(max + 3);
    expect(sheet.getRange(max, 2).getValue()).toBe('Vũ Đức Long');
    expect(sheet.getRange(max + 3, 1).getFormulas()[0][0]).toBe(stt(max + 3));
  });

  it('says what is wrong with a file or a request, and writes nothing', () => {
    const { workbook, addOn } = setUp();
    const before = snapshot(workbook);
    expect(addOn.previewImport({ unit: TDP.code, table: [] })).toMatchObject({ ok: false, problem: 'empty' });
    expect(
      addOn.previewImport({
        unit: TDP.code,
        table: [
          ['Tên', 'Tuổi'],
          ['An', 40],
        ],
      })
    ).toMatchObject({
      ok: false,
      problem: 'no-header',
      message: im.noHeader,
    });
    expect(
      addOn.importRows({ unit: TDP.code, table: [['Họ và tên', 'Năm sinh']], confirmed: true })
    ).toMatchObject({
      ok: false,
      problem: 'no-rows',
      imported: 0,
    });
    expect(addOn.previewImport({ unit: 'KHONGCO', table: [] })).toMatchObject({ ok: false, problem: 'unit' });
    // No unit chosen: the open sheet's unit is never assumed for a file.
    expect(
      addOn.previewImport({
        unit: '',
        table: [
          ['Họ và tên', 'Nơi ở'],
          ['A B', 'x'],
        ],
      })
    ).toMatchObject({
      ok: false,
      problem: 'unit',
      message: im.noUnitChosen,
    });
    expect(addOn.previewImport({ unit: TDP.code, table: [[{}]] } as never)).toMatchObject({
      ok: false,
      problem: 'bad-request',
      message: im.badRequest,
    });
    expect(addOn.importRows({ unit: TDP.code, table: [['x']] } as never)).toMatchObject({
      ok: false,
      problem: 'bad-request',
    });
    expect(addOn.importRows(undefined as never)).toMatchObject({ ok: false, problem: 'bad-request' });
    expect(snapshot(workbook)).toEqual(before);
  });

  it('lists the units and the open one for the screen’s selector', () => {
    const { addOn, sheet } = setUp();
    sheet.activate();
    const reply = addOn.previewImport({});
    expect(reply).toMatchObject({ ok: true, selected: TDP.code, rows: [] });
    expect(reply.options).toHaveLength(UNITS.length);
  });

  it('leaves a unit’s sheet alone for someone without the right to edit it', () => {
    const { workbook, addOn, sheet } = setUp();
    workbook.actAs('ca@haiduong.example');
    const result = addOn.importRows({
      unit: TDP.code,
      table: [
        ['Họ và tên', 'Nơi ở'],
        ['Lê Văn Cường', 'TDP 3'],
      ],
      confirmed: true,
    });
    workbook.actAs(CLERK);
    expect(result).toMatchObject({ ok: false, problem: 'permission', message: im.noPermission, imported: 0 });
    expect(sheet.getRange('B12').getValue()).toBe('');
  });

  it('opens the sidebar on its import screen from the menu', () => {
    const { addOn, ui } = setUp();
    addOn.showImportSidebar();
    const shown = ui.sidebars.at(-1);
    expect(shown?.getTitle()).toBe(im.title);
    expect(shown?.getContent()).toMatch(/<script>window\.tonghopScreen = "import";<\/script>$/);
  });
});
