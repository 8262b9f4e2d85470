import {
  analyseImport,
  fieldOfHeader,
  findHeader,
  headerKey,
  importValue,
  lastUsedRow,
  MAX_FILE_BYTES,
  MAX_IMPORT_ROWS,
  type ImportContext,
  type ImportTable,
} from '../../src/core/import';
import {
  checkImportFile,
  decodeCsv,
  ImportFileError,
  parseCsvText,
  tableFromCsv,
  tableFromRows,
} from '../../src/shared/import-file';
import { importMessages as im } from '../../src/core/messages/import';

const UNIT = { unitCode: 'TDP01', unitName: 'Tổ dân phố số 1', currentYear: 2026, firstDataRow: 8 };
const ctx = (existing: unknown[][] = []): ImportContext => ({ ...UNIT, existing });
/** A row of the unit's sheet as getValues returns it: Stt's formula shows a number on a filled row. */
const sheetRow = (n: number, name: string, year: unknown, residence: string, note = '') => [
  n,
  name,
  year,
  '',
  residence,
  note,
];
const blankSheetRow = () => ['', '', '', '', '', ''];

describe('header recognition', () => {
  it('folds case, accents, spaces and punctuation', () => {
    expect(headerKey('  HỌ VÀ   TÊN ')).toBe('ho va ten');
    expect(headerKey('Cơ quan, đơn vị')).toBe('co quan don vi');
    expect(headerKey('Nơi ở hiện nay:')).toBe('noi o hien nay');
    expect(headerKey('Ho\u0323 va\u0300 te\u0302n')).toBe('ho va ten'); // typed with decomposed accents
  });

  it.each([
    ['Họ và tên', 'name'],
    ['HO VA TEN', 'name'],
    ['Ho va ten', 'name'],
    ['Họ tên', 'name'],
    ['Họ & tên', 'name'],
    ['Họ và tên người đã cài đặt', 'name'],
    ['Năm sinh', 'birthYear'],
    ['Nam sinh', 'birthYear'],
    ['Ngày sinh', 'birthYear'],
    ['Ngày/tháng/năm sinh', 'birthYear'],
    ['Cơ quan, đơn vị', 'organisation'],
    ['Cơ quan', 'organisation'],
    ['Đơn vị', 'organisation'],
    ['Nơi ở hiện nay', 'residence'],
    ['Nơi ở', 'residence'],
    ['Địa chỉ', 'residence'],
    ['dia chi', 'residence'],
    ['Ghi chú', 'note'],
    ['Stt', 'stt'],
    ['STT', 'stt'],
    ['TT', 'stt'],
    ['Số điện thoại', null],
    ['Nam/Nữ', null],
    ['', null],
    [null, null],
  ])('%s → %s', (text, field) => {
    expect(fieldOfHeader(text)).toBe(field);
  });

  it('finds shuffled, unaccented, upper-case headers', () => {
    const table: ImportTable = [['DIA CHI', 'GHI CHU', 'HO VA TEN', 'STT', 'NAM SINH', 'CO QUAN']];
    expect(findHeader(table)).toEqual({
      index: 0,
      columns: [
        { field: 'name', index: 2, label: 'HO VA TEN' },
        { field: 'birthYear', index: 4, label: 'NAM SINH' },
        { field: 'organisation', index: 5, label: 'CO QUAN' },
        { field: 'residence', index: 0, label: 'DIA CHI' },
        { field: 'note', index: 1, label: 'GHI CHU' },
      ],
    });
  });

  it('finds the header below a copy of the form’s header block', () => {
    const table: ImportTable = [
      ['ĐƠN VỊ CHỦ QUẢN', null, null, 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['Tổ dân phố số 1', null, null, 'Độc lập - Tự do - Hạnh phúc'],
      [],
      ['DANH SÁCH CÀI ĐẶT ỨNG DỤNG SMART HẢI PHÒNG'],
      ['Đơn vị: Tổ dân phố số 1'],
      [],
      ['Stt', 'Họ và tên', 'Năm sinh', 'Cơ quan, đơn vị', 'Nơi ở hiện nay'],
      [1, 'Nguyễn Văn An', 1980, null, 'TDP 1'],
    ];
    expect(findHeader(table)?.index).toBe(6);
  });

  it('needs a name column and a year or residence column, within the first 20 rows', () => {
    expect(findHeader([['Họ và tên', 'Số điện thoại']])).toBeNull();
    expect(findHeader([['Năm sinh', 'Nơi ở']])).toBeNull();
    expect(findHeader([['Họ tên', 'Địa chỉ']])?.columns.map((c) => c.field)).toEqual(['name', 'residence']);
    const deep: ImportTable = [...Array.from({ length: 20 }, () => ['tiêu đề']), ['Họ và tên', 'Năm sinh']];
    expect(findHeader(deep)).toBeNull();
    expect(findHeader(deep.slice(1))?.index).toBe(19);
  });

  it('takes the first of two columns naming the same thing', () => {
    expect(findHeader([['Họ và tên', 'Nơi ở hiện nay', 'Địa chỉ']])?.columns).toContainEqual({
      field: 'residence',
      index: 1,
      label: 'Nơi ở hiện nay',
    });
  });
});

describe('values', () => {
  it('keeps what was typed, normalised; digits in Năm sinh become a number; dates stay text', () => {
    expect(importValue('name', '  nguyễn  văn AN ')).toBe('nguyễn văn AN');
    expect(importValue('birthYear', ' 1985 ')).toBe(1985);
    expect(importValue('birthYear', '85')).toBe(85);
    expect(importValue('birthYear', 1985)).toBe(1985);
    expect(importValue('birthYear', '15/03/1985')).toBe('15/03/1985');
    expect(importValue('residence', 12)).toBe(12);
    expect(importValue('residence', '12')).toBe('12');
    expect(importValue('note', true)).toBe('TRUE');
    expect(importValue('note', null)).toBe('');
    expect(importValue('note', undefined)).toBe('');
  });

  it('finds the last row with anything in A..F', () => {
    expect(lastUsedRow([], 8)).toBe(7);
    expect(lastUsedRow([blankSheetRow(), blankSheetRow()], 8)).toBe(7);
    expect(
      lastUsedRow(
        [sheetRow(1, 'A B', 1980, 'x'), blankSheetRow(), ['', '', '', '', '', 'ghi chú'], blankSheetRow()],
        8
      )
    ).toBe(10);
  });
});

describe('analyseImport', () => {
  const header = ['STT', 'HO VA TEN', 'NAM SINH', 'NOI O HIEN NAY', 'GHI CHU'];

  it('maps each row to the form’s columns and checks it with the unit’s rules, in the place it will take', () => {
    const table: ImportTable = [
      ['Nơi ở hiện nay', 'Họ và tên', 'Ngày sinh', 'Đơn vị'],
      ['Số 3 Lê Lợi, TDP 1', 'Nguyễn Văn An', '1980', null],
      ['TDP 1', 'Trần Thị Bình', '15/03/1985', 'Trường THCS'],
      [null, null, null, null],
      ['TDP 1', 'Lê Văn Cường', '85', null],
      ['', 'Hoàng Gia Bảo', 2020, null],
    ];
    const result = analyseImport(table, ctx([sheetRow(1, 'Phạm Văn Dũng', 1970, 'TDP 1'), blankSheetRow()]));
    expect(result).toMatchObject({ ok: true, problem: null, firstRow: 9 });
    expect(result.header?.row).toBe(1);
    expect(result.rows.map((r) => [r.fileRow, r.sheetRow, r.status, r.values])).toEqual([
      [2, 9, 'valid', ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1', '']],
      [3, 10, 'warning', ['Trần Thị Bình', '15/03/1985', 'Trường THCS', 'TDP 1', '']],
      [5, 11, 'error', ['Lê Văn Cường', 85, '', 'TDP 1', '']],
      [6, 12, 'error', ['Hoàng Gia Bảo', 2020, '', '', '']],
    ]);
    expect(result.rows[1].problems.map((p) => [p.code, p.columnLabel, p.level])).toEqual([
      ['YEAR_FROM_DATE', 'Năm sinh', 'warning'],
    ]);
    expect(result.rows[3].problems.map((p) => p.code)).toEqual(['AGE_UNDER_14', 'RESIDENCE_REQUIRED']);
    expect(result.counts).toEqual({
      rows: 4,
      toImport: 4,
      valid: 1,
      warnings: 1,
      errors: 2,
      present: 0,
      ignored: 0,
    });
    // What the preview says, with the figures counted by hand from the table above.
    expect(result.message).toBe('Sẽ nhập 4 dòng (2 có lỗi, 1 cần kiểm tra).');
  });

  it('skips people already in the sheet and repeats within the file, counting them', () => {
    const existing = [
      sheetRow(1, 'Nguyễn Văn An', 1980, 'Tổ dân phố số 1'),
      sheetRow(2, 'Trần Thị Bình', 1985, 'TDP 2', 'Không trùng'),
      blankSheetRow(),
    ];
    const table: ImportTable = [
      header,
      [1, 'nguyễn  văn an', '1980', 'TDP 01'], // the same person, written differently
      [2, 'Trần Thị Bình', 1985, 'TDP 2'], // the sheet's row is a declared namesake: never matched
      [3, 'Lê Văn Cường', 1990, 'TDP 3'],
      [4, 'Lê Văn Cường', 1990, 'TDP 3'], // repeated in the file
      [5, 'Lê Văn Cường', 1990, 'TDP 3', 'Không trùng'], // a real namesake
      [6, 'Nguyễn Văn An', 1980, 'TDP 1'],
    ];
    const result = analyseImport(table, ctx(existing));
    expect(result.firstRow).toBe(10);
    expect(result.rows.map((r) => [r.fileRow, r.status, r.sheetRow, r.presentAt])).toEqual([
      [2, 'present', null, { where: 'sheet', row: 8 }],
      [3, 'valid', 10, undefined],
      [4, 'valid', 11, undefined],
      [5, 'present', null, { where: 'file', row: 4 }],
      [6, 'valid', 12, undefined],
      [7, 'present', null, { where: 'sheet', row: 8 }],
    ]);
    expect(result.rows[0].problems[0].message).toBe('Đã có ở dòng 8 của trang đơn vị: sẽ bỏ qua.');
    expect(result.rows[3].problems[0].message).toBe('Trùng với dòng 4 của tệp: chỉ nhập một lần.');
    expect(result.counts).toMatchObject({ rows: 6, toImport: 3, present: 3 });
    expect(result.message).toBe('Sẽ nhập 3 dòng; bỏ qua 3 dòng đã có.');
  });

  it('skips rows with errors and namesakes already there as typed, so a list sent again adds only the new people', () => {
    const existing = [
      sheetRow(1, 'Phạm Thị Dung', 85, 'TDP 2'), // an error: the person rule cannot compare it
      sheetRow(2, 'Lê Văn Cường', 1990, 'TDP 3', 'Không trùng'),
      sheetRow(3, 'Lê Văn Cường', 1990, 'TDP 3', 'Không trùng'),
    ];
    const table: ImportTable = [
      header,
      [1, 'Phạm Thị Dung', '85', 'TDP 2'],
      [2, 'Lê Văn Cường', 1990, 'TDP 3', 'Không trùng'],
      [3, 'Lê Văn Cường', 1990, 'TDP 3', 'Không trùng'],
      [4, 'Lê Văn Cường', 1990, 'TDP 3', 'Không trùng'], // a third namesake: new
      [5, 'Đỗ Thu Hà', 'abc', 'TDP 1'], // new, with an error
      [6, 'Đỗ Thu Hà', 'abc', 'TDP 1'], // the very same row again
    ];
    const result = analyseImport(table, ctx(existing));
    expect(result.rows.map((r) => [r.fileRow, r.status, r.presentAt?.where, r.presentAt?.row])).toEqual([
      [2, 'present', 'sheet', 8],
      [3, 'present', 'sheet', 9],
      [4, 'present', 'sheet', 10],
      [5, 'valid', undefined, undefined],
      [6, 'error', undefined, undefined],
      [7, 'present', 'file', 6],
    ]);
  });

  it('appends below the last row with anything, even a lone note, never into it', () => {
    const existing = [
      sheetRow(1, 'Nguyễn Văn An', 1980, 'TDP 1'),
      blankSheetRow(),
      ['', '', '', '', '', 'ghi chú'],
      blankSheetRow(),
    ];
    const result = analyseImport([header, [1, 'Lê Văn Cường', 1990, 'TDP 3']], ctx(existing));
    expect(result.rows[0].sheetRow).toBe(11);
  });

  it('leaves out a form’s column numbering, signatures and totals', () => {
    const table: ImportTable = [
      header,
      ['(1)', '(2)', '(3)', '(4)', '(5)'],
      [1, 'Nguyễn Văn An', 1980, 'TDP 1'],
      [null, 'Tổng cộng: 1 người'],
      [null, null, null, 'Hải Dương, ngày 10 tháng 5 năm 2026'],
      [null, 'Người lập biểu', null, null, 'TM. Ban công tác mặt trận'],
      [null, 'Nguyễn Văn Tổng', null, 'Số 5, TDP 1'], // a person without a year: kept, not a total
    ];
    const result = analyseImport(table, ctx());
    expect(result.rows.map((r) => r.fileRow)).toEqual([3, 7]);
    expect(result.counts).toMatchObject({ rows: 2, toImport: 2, ignored: 4 });
    expect(result.message).toBe(
      'Sẽ nhập 2 dòng (1 có lỗi); bỏ qua 4 dòng không phải danh sách (số thứ tự cột, chữ ký…).'
    );
  });

  it('refuses an empty table, a table without a recognisable header, and a header without rows', () => {
    expect(analyseImport([], ctx())).toMatchObject({ ok: false, problem: 'empty', message: im.empty });
    expect(analyseImport([[null, ''], ['  ']], ctx())).toMatchObject({ ok: false, problem: 'empty' });
    const noHeader = analyseImport(
      [
        ['Tên', 'Tuổi'],
        ['An', 40],
      ],
      ctx()
    );
    expect(noHeader).toMatchObject({ ok: false, problem: 'no-header', message: im.noHeader, rows: [] });
    expect(noHeader.message).toMatch(/Không tìm thấy dòng tiêu đề cột/);
    expect(analyseImport([['x'], header, [null, null]], ctx())).toMatchObject({
      ok: false,
      problem: 'no-rows',
      message: 'Tệp có dòng tiêu đề cột (dòng 2) nhưng chưa có người nào ở bên dưới.',
      header: { row: 2 },
    });
    const big = [
      header,
      ...Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => [i, 'Nguyễn Văn An', 1980, `Số ${i}`]),
    ];
    expect(analyseImport(big, ctx())).toMatchObject({ ok: false, problem: 'too-many-rows' });
  });
});

describe('unit files', () => {
  const kindOf = (name: string, size = 100) => {
    try {
      return checkImportFile(name, size);
    } catch (error) {
      return (error as ImportFileError).kind;
    }
  };

  it('takes .xlsx and .csv up to 10 MB, and refuses the rest with a Vietnamese message', () => {
    expect(kindOf('DS TDP1.xlsx')).toBe('xlsx');
    expect(kindOf('ds.CSV')).toBe('csv');
    expect(kindOf('ds.xls')).toBe('wrong-type');
    expect(kindOf('ảnh.jpg')).toBe('wrong-type');
    expect(kindOf('danh sach')).toBe('wrong-type');
    expect(kindOf('ds.xlsx', MAX_FILE_BYTES + 1)).toBe('too-large');
    expect(kindOf('ds.csv', 0)).toBe('empty');
    expect(() => checkImportFile('ds.xls', 10)).toThrow(/\.xls\).*Lưu thành/);
    expect(() => checkImportFile('ds.xlsx', 12.5 * 1024 * 1024)).toThrow(
      'Tệp nặng 12,5 MB, quá giới hạn 10 MB'
    );
  });

  it('reads CSV as UTF-8 with or without BOM, UTF-16, or Windows-1258; comma or semicolon', () => {
    const text = 'Họ và tên;Năm sinh;Nơi ở\r\nNguyễn Văn An;1980;"Số 3, Lê Lợi"\r\n';
    const utf8 = new TextEncoder().encode(text);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const expected = [
      ['Họ và tên', 'Năm sinh', 'Nơi ở'],
      ['Nguyễn Văn An', '1980', 'Số 3, Lê Lợi'],
    ];
    expect(tableFromCsv(utf8, 'a.csv')).toEqual(expected);
    expect(tableFromCsv(bom, 'a.csv')).toEqual(expected);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(text.replace(/;/g, '\t'), 'utf16le'),
    ]);
    expect(tableFromCsv(new Uint8Array(utf16), 'a.csv')).toEqual(expected);
    expect(parseCsvText('Họ và tên,Năm sinh\nA B,1980')).toEqual([
      ['Họ và tên', 'Năm sinh'],
      ['A B', '1980'],
    ]);
    // "Nguyễn" in Windows-1258: ê with a combining tilde.
    expect(
      decodeCsv(new Uint8Array([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e]), 'a.csv').normalize('NFC')
    ).toBe('Nguyễn');
  });

  it('refuses a binary file named .csv, and a file with nothing in it', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
    expect(() => tableFromCsv(zip, 'ds.csv')).toThrow(im.unreadable('ds.csv'));
    expect(() => tableFromCsv(new TextEncoder().encode('\r\n,,\r\n'), 'ds.csv')).toThrow(
      im.emptyFile('ds.csv')
    );
    expect(() => tableFromCsv(new Uint8Array([0xef, 0xbb, 0xbf]), 'ds.csv')).toThrow(im.emptyFile('ds.csv'));
  });

  it('turns a sheet read by read-excel-file into plain cells, dates as dd/mm/yyyy', () => {
    expect(
      tableFromRows(
        [
          ['Họ và tên', 'Ngày sinh', null],
          ['Nguyễn Văn An', new Date('1985-03-15T00:00:00.000Z'), null],
          [null, null, null],
        ],
        'a.xlsx'
      )
    ).toEqual([
      ['Họ và tên', 'Ngày sinh'],
      ['Nguyễn Văn An', '15/03/1985'],
    ]);
    expect(() => tableFromRows([[null], []], 'a.xlsx')).toThrow(im.emptyFile('a.xlsx'));
    expect(() =>
      tableFromRows(
        Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => ['x']),
        'a.xlsx'
      )
    ).toThrow(ImportFileError);
  });
});
