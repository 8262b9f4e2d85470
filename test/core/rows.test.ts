import { rawRow } from '../support/rows';
import { runInNewContext } from 'vm';

import { ROW_PROBLEM_MESSAGES } from '../../src/core/messages/rows';
import {
  checkRow,
  checkUnitRows,
  isBlankRow,
  problemMessage,
  type CheckedRow,
  type ProblemCode,
  type RawRow,
  type RowContext,
} from '../../src/core/rows';

const CURRENT_YEAR = 2026;
const ctx: RowContext = { unitName: 'Trường THCS Lê Lợi', currentYear: CURRENT_YEAR };
const unitCtx = { ...ctx, unitCode: 'U07' };

function raw(cells: Partial<RawRow> = {}): RawRow {
  return rawRow(cells, 5);
}

function check(cells: Partial<RawRow> = {}): CheckedRow {
  const row = checkRow(raw(cells), ctx);
  if (row === null) throw new Error('expected a checked row');
  return row;
}

function codes(row: CheckedRow): ProblemCode[] {
  return row.problems.map((p) => p.code);
}

describe('checkRow: a clean row', () => {
  it('is valid, without problems, with a person key', () => {
    const row = check();
    expect(row).toEqual({
      sheetRow: 5,
      name: 'Nguyễn Văn An',
      birthYear: 1985,
      organisation: 'Công an phường',
      residence: 'TDP 5',
      note: '',
      problems: [],
      valid: true,
      hasWarning: false,
      personKey: 'nguyên3 văn an|1985|tdp5', // the tone mark's placement folded: a digit after the word,
      namesake: false,
    });
  });

  it('normalises the text cells', () => {
    const row = check({
      name: '  nguyễn  văn AN ',
      organisation: ' Công  an\u00A0phường ',
      residence: 'Tổ  dân phố\tsố 5 ',
      note: '  đã  cài ',
    });
    expect(row.name).toBe('Nguyễn Văn An');
    expect(row.organisation).toBe('Công an phường');
    expect(row.residence).toBe('Tổ dân phố số 5');
    expect(row.note).toBe('đã cài');
    expect(row.valid).toBe(true);
  });
});

describe('blank rows', () => {
  it('are skipped whatever Stt and Ghi chú hold', () => {
    const blank = raw({
      stt: 12,
      name: '',
      birthYear: '',
      organisation: '',
      residence: '',
      note: 'Không trùng',
    });
    expect(isBlankRow(blank)).toBe(true);
    expect(checkRow(blank, ctx)).toBeNull();
  });

  it('count cells with only spaces, NBSP or zero-width characters as blank', () => {
    const blank = raw({
      name: '  ',
      birthYear: '\u00A0',
      organisation: '\u200B',
      residence: '\t\n',
      note: '',
    });
    expect(isBlankRow(blank)).toBe(true);
    expect(checkRow(blank, ctx)).toBeNull();
  });

  it('are not blank when any of the four data cells holds something', () => {
    expect(isBlankRow(raw({ name: '', birthYear: '', organisation: 'Trường Tiểu học', residence: '' }))).toBe(
      false
    );
    expect(isBlankRow(raw({ name: '', birthYear: 1985, organisation: '', residence: '' }))).toBe(false);
    const onlyOrganisation = check({
      name: '',
      birthYear: '',
      residence: '',
      organisation: 'Trường Tiểu học',
    });
    expect(codes(onlyOrganisation)).toEqual(['NAME_REQUIRED', 'YEAR_REQUIRED', 'RESIDENCE_REQUIRED']);
  });

  it('are skipped by checkUnitRows', () => {
    const rows = checkUnitRows(
      [
        raw({ sheetRow: 5 }),
        raw({ sheetRow: 6, stt: 2, name: '', birthYear: '', residence: '', organisation: '' }),
      ],
      unitCtx
    );
    expect(rows.map((r) => r.sheetRow)).toEqual([5]);
  });
});

describe('Họ và tên', () => {
  it('is required', () => {
    const row = check({ name: '' });
    expect(codes(row)).toEqual(['NAME_REQUIRED']);
    expect(row.problems[0]).toMatchObject({ column: 'name', level: 'error' });
    expect(row.valid).toBe(false);
    expect(row.personKey).toBeNull();
    expect(codes(check({ name: ' - ' }))).toEqual(['NAME_REQUIRED']);
  });

  it('needs at least two words', () => {
    const row = check({ name: 'An' });
    expect(codes(row)).toEqual(['NAME_ONE_WORD']);
    expect(row.valid).toBe(false);
    expect(codes(check({ name: 'Nguyễn-Văn-An' }))).toEqual(['NAME_ONE_WORD']);
    expect(check({ name: 'Lò Pá' }).valid).toBe(true);
  });

  it('refuses Latin letters mixed with look-alikes of another script (issue 25)', () => {
    const cyrillicA = '\u0430'; // а, Cyrillic
    const greekO = '\u03BF'; // ο, Greek
    const row = check({ name: `Nguyễn Văn ${cyrillicA}n` });
    expect(codes(row)).toEqual(['NAME_MIXED_SCRIPT']);
    expect(row.valid).toBe(false);
    expect(row.personKey).toBeNull();
    expect(codes(check({ name: `Hoàng V${greekO}n Em` }))).toEqual(['NAME_MIXED_SCRIPT']);
    // Every Vietnamese letter is Latin, đ ư ơ and the tones included; a name wholly in one other script is no mix.
    expect(check({ name: 'Đặng Ngọc Ưng Ơn' }).valid).toBe(true);
    expect(check({ name: 'Иван Петров' }).valid).toBe(true);
  });

  it('keys old and new tone placement alike (issue 25)', () => {
    expect(check({ name: 'Lê Thị Hòa' }).personKey).toBe(check({ name: 'Lê Thị Hoà' }).personKey);
    expect(check({ name: 'Vũ Thủy' }).personKey).toBe(check({ name: 'Vũ Thuỷ' }).personKey);
    expect(check({ name: 'Lê Thị Hòa' }).personKey).not.toBe(check({ name: 'Lê Thị Hóa' }).personKey);
    const rows = checkUnitRows(
      [raw({ name: 'Lê Thị Hòa' }), { ...raw({ name: 'LÊ THỊ HOÀ' }), sheetRow: 6 }],
      unitCtx
    );
    expect(codes(rows[1])).toEqual(['DUPLICATE_IN_UNIT']);
  });

  it('comes out in title case', () => {
    expect(check({ name: 'nguyễn  văn AN' }).name).toBe('Nguyễn Văn An');
    expect(check({ name: 'ĐỖ THỊ ĐÀO' }).name).toBe('Đỗ Thị Đào');
  });

  it('accepts letters with accents (NFC or NFD), hyphen, apostrophe and typographic apostrophe', () => {
    for (const name of ['Nguye\u0302\u0303n Văn An', 'Y-Moan Ênuôl', "H'Hen Niê", 'H\u2019Hen Niê']) {
      const row = check({ name });
      expect(codes(row)).toEqual([]);
    }
    expect(check({ name: 'H\u2019hen niê' }).name).toBe("H'Hen Niê");
  });

  it('makes NFD and NFC typed names the same person', () => {
    const nfd = check({ name: 'Nguye\u0302\u0303n Va\u0306n An' });
    const nfc = check({ name: 'Nguy\u1EC5n V\u0103n An' });
    expect(nfd.name).toBe(nfc.name);
    expect(nfd.personKey).toBe(nfc.personKey);
  });

  it.each([
    ['a formula', '=IMPORTXML("http://x","//a")'],
    ['a phone-like text', '+84123'],
    ['bold HTML', '<b>x</b>'],
    ['an HTML injection', '<img src=x onerror=alert(1)>'],
    ['digits', 'Nguyễn Văn 2'],
    ['an @ sign', 'an@example.com'],
    ['a dot', 'Nguyễn V. An'],
  ])('rejects %s and keeps it as typed', (_label, name) => {
    const row = check({ name: `  ${name} ` });
    expect(codes(row)).toEqual(['NAME_INVALID_CHARS']);
    expect(row.problems[0]).toMatchObject({ column: 'name', level: 'error' });
    expect(row.name).toBe(name);
    expect(row.valid).toBe(false);
    expect(row.personKey).toBeNull();
  });

  it('rejects a number cell and keeps it as text', () => {
    const row = check({ name: 84123 });
    expect(codes(row)).toEqual(['NAME_INVALID_CHARS']);
    expect(row.name).toBe('84123');
  });

  it('rejects a date or a boolean cell', () => {
    expect(codes(check({ name: new Date(1985, 0, 1) }))).toEqual(['NAME_INVALID_CHARS']);
    expect(codes(check({ name: true }))).toEqual(['NAME_ONE_WORD']);
  });

  it('may be 50 characters long, not 51', () => {
    const fifty = 'Nguyễn ' + 'a'.repeat(43);
    expect(Array.from(fifty)).toHaveLength(50);
    expect(check({ name: fifty }).valid).toBe(true);
    const fiftyOne = fifty + 'a';
    const row = check({ name: fiftyOne });
    expect(codes(row)).toEqual(['NAME_TOO_LONG']);
    expect(row.problems[0].message).toContain('51');
    expect(row.problems[0].message).toContain('50');
  });

  it('counts the length after normalisation (NFD accents and extra spaces do not count)', () => {
    const name = 'Nguye\u0302\u0303n ' + 'a'.repeat(43);
    expect(name.length).toBeGreaterThan(50);
    expect(check({ name: `  ${name.replace(' ', '    ')}  ` }).valid).toBe(true);
  });
});

describe('Năm sinh', () => {
  it('accepts a whole year as a number or as text', () => {
    expect(check({ birthYear: 1985 }).birthYear).toBe(1985);
    expect(check({ birthYear: '1985' }).birthYear).toBe(1985);
    const spaced = check({ birthYear: ' 1985 ' });
    expect(spaced.birthYear).toBe(1985);
    expect(spaced.problems).toEqual([]);
  });

  it('is required', () => {
    const row = check({ birthYear: '' });
    expect(codes(row)).toEqual(['YEAR_REQUIRED']);
    expect(row.problems[0]).toMatchObject({ column: 'birthYear', level: 'error' });
    expect(row.birthYear).toBeNull();
    expect(row.valid).toBe(false);
  });

  it('accepts the bounds 1900 and the current year', () => {
    expect(check({ birthYear: 1900 }).valid).toBe(true);
    expect(check({ birthYear: CURRENT_YEAR }).valid).toBe(true);
    expect(check({ birthYear: String(CURRENT_YEAR) }).birthYear).toBe(CURRENT_YEAR);
  });

  it.each([
    [1899, '1899'],
    [CURRENT_YEAR + 1, '2027'],
    [3000, '3000'],
    ['85', '85'],
    [85, '85'],
    [0, '0'],
    [-1985, '-1985'],
  ])('rejects %p as out of range', (value, shown) => {
    const row = check({ birthYear: value });
    expect(codes(row)).toEqual(['YEAR_OUT_OF_RANGE']);
    expect(row.problems[0]).toMatchObject({ column: 'birthYear', level: 'error' });
    expect(row.problems[0].message).toBe(
      `Năm sinh ${shown} không hợp lệ: nhập năm sinh đủ 4 chữ số, từ 1900 đến ${CURRENT_YEAR}.`
    );
    expect(row.birthYear).toBeNull();
    expect(row.valid).toBe(false);
  });

  it.each([[1985.5], ['1985.5'], ['abc'], ['năm 1985'], ['1985a'], [true], ['31/02/1985'], ['12/05/85']])(
    'rejects %p as invalid',
    (value) => {
      const row = check({ birthYear: value });
      expect(codes(row)).toEqual(['YEAR_INVALID']);
      expect(row.problems[0].message).toContain('từ 1900 đến 2026');
      expect(row.birthYear).toBeNull();
      expect(row.valid).toBe(false);
    }
  );

  it('quotes a long invalid value shortened', () => {
    const row = check({ birthYear: 'x'.repeat(200) });
    expect(row.problems[0].message).toContain('x'.repeat(29) + '…');
    expect(row.problems[0].message).not.toContain('x'.repeat(31));
  });

  it('takes the year of a Date cell, with a warning', () => {
    const row = check({ birthYear: new Date(1985, 4, 12) });
    expect(row.birthYear).toBe(1985);
    expect(codes(row)).toEqual(['YEAR_FROM_DATE']);
    expect(row.problems[0]).toMatchObject({ column: 'birthYear', level: 'warning' });
    expect(row.problems[0].message).toContain('12/05/1985');
    expect(row.problems[0].message).toContain('1985');
    expect(row.valid).toBe(true);
    expect(row.hasWarning).toBe(true);
    expect(row.personKey).toBe('nguyên3 văn an|1985|tdp5');
  });

  it('takes the year of a Date from another realm', () => {
    const foreign = runInNewContext('new Date(1990, 0, 2)') as unknown;
    const row = check({ birthYear: foreign });
    expect(row.birthYear).toBe(1990);
    expect(codes(row)).toEqual(['YEAR_FROM_DATE']);
  });

  it.each([
    ['12/05/1985', 1985],
    ['2/5/1985', 1985],
    [' 29/02/2000 ', 2000],
    ['12-05-1985', 1985],
    ['12.05.1985', 1985],
  ])('takes the year of the date text %p, with a warning', (text, year) => {
    const row = check({ birthYear: text });
    expect(row.birthYear).toBe(year);
    expect(codes(row)).toEqual(['YEAR_FROM_DATE']);
    expect(row.valid).toBe(true);
  });

  it('rejects a date whose year is out of range', () => {
    expect(codes(check({ birthYear: '01/01/1850' }))).toEqual(['YEAR_OUT_OF_RANGE']);
    expect(codes(check({ birthYear: new Date(2030, 0, 1) }))).toEqual(['YEAR_OUT_OF_RANGE']);
  });

  it('warns under 14 years of age (13 warns, 14 does not)', () => {
    const thirteen = check({ birthYear: CURRENT_YEAR - 13 });
    expect(codes(thirteen)).toEqual(['AGE_UNDER_14']);
    expect(thirteen.problems[0]).toMatchObject({ column: 'birthYear', level: 'warning' });
    expect(thirteen.problems[0].message).toContain(
      'chưa đủ 14 tuổi để tự đăng ký tài khoản định danh điện tử'
    );
    expect(thirteen.valid).toBe(true);
    expect(thirteen.hasWarning).toBe(true);
    expect(thirteen.personKey).not.toBeNull();
    expect(codes(check({ birthYear: CURRENT_YEAR }))).toEqual(['AGE_UNDER_14']);
    expect(codes(check({ birthYear: CURRENT_YEAR - 14 }))).toEqual([]);
  });

  it('warns over 100 years of age (101 warns, 100 does not)', () => {
    const old = check({ birthYear: CURRENT_YEAR - 101 });
    expect(codes(old)).toEqual(['AGE_OVER_100']);
    expect(old.problems[0]).toMatchObject({ column: 'birthYear', level: 'warning' });
    expect(old.valid).toBe(true);
    expect(old.hasWarning).toBe(true);
    expect(codes(check({ birthYear: CURRENT_YEAR - 100 }))).toEqual([]);
    expect(codes(check({ birthYear: 1900 }))).toEqual(['AGE_OVER_100']);
  });

  it('warns both for a date and for the age it gives', () => {
    const row = check({ birthYear: `01/06/${CURRENT_YEAR - 5}` });
    expect(codes(row)).toEqual(['YEAR_FROM_DATE', 'AGE_UNDER_14']);
    expect(row.valid).toBe(true);
  });

  it('uses the current year from the context, not the clock', () => {
    const row = checkRow(raw({ birthYear: 2030 }), { ...ctx, currentYear: 2050 });
    expect(row?.valid).toBe(true);
    expect(row?.birthYear).toBe(2030);
  });
});

describe('Nơi ở hiện nay', () => {
  it('is required', () => {
    const row = check({ residence: '' });
    expect(codes(row)).toEqual(['RESIDENCE_REQUIRED']);
    expect(row.problems[0]).toMatchObject({ column: 'residence', level: 'error' });
    expect(row.valid).toBe(false);
    expect(row.personKey).toBeNull();
  });

  it('is missing when it holds only punctuation', () => {
    expect(codes(check({ residence: ' - ' }))).toEqual(['RESIDENCE_REQUIRED']);
    expect(codes(check({ residence: '...' }))).toEqual(['RESIDENCE_REQUIRED']);
  });

  it('accepts a number cell', () => {
    const row = check({ residence: 12 });
    expect(row.valid).toBe(true);
    expect(row.residence).toBe('12');
  });
});

describe('Cơ quan, đơn vị', () => {
  it('is the reporting unit when blank', () => {
    expect(check({ organisation: '' }).organisation).toBe('Trường THCS Lê Lợi');
    expect(check({ organisation: '  ' }).organisation).toBe('Trường THCS Lê Lợi');
    expect(check({ organisation: '' }).valid).toBe(true);
  });

  it('keeps what was typed otherwise', () => {
    expect(check({ organisation: 'Công an phường' }).organisation).toBe('Công an phường');
  });
});

describe('several problems', () => {
  it('lists one problem per column, in column order', () => {
    const row = check({ name: 'An', birthYear: 'abc', residence: '' });
    expect(codes(row)).toEqual(['NAME_ONE_WORD', 'YEAR_INVALID', 'RESIDENCE_REQUIRED']);
    expect(row.problems.map((p) => p.column)).toEqual(['name', 'birthYear', 'residence']);
  });

  it('marks a row with an error and a warning invalid, with a warning', () => {
    const row = check({ name: '', birthYear: CURRENT_YEAR - 5 });
    expect(row.valid).toBe(false);
    expect(row.hasWarning).toBe(true);
    expect(row.personKey).toBeNull();
  });
});

describe('Ghi chú "Không trùng"', () => {
  it.each(['Không trùng', 'không trùng tên', 'KHÔNG TRÙNG', 'khong trung', 'Ghi chú: không  trùng'])(
    'marks %p as a namesake',
    (note) => {
      expect(check({ note }).namesake).toBe(true);
    }
  );

  it.each(['', 'Trùng', 'đã cài'])('does not mark %p as a namesake', (note) => {
    expect(check({ note }).namesake).toBe(false);
  });
});

describe('the person key', () => {
  it('ignores case, spaces and the way the residential group is written', () => {
    const a = check({ name: 'nguyễn văn an', residence: 'Tổ dân phố số 05' });
    const b = check({ name: 'NGUYỄN  VĂN AN', birthYear: '1985', residence: 'TDP 5' });
    expect(a.personKey).toBe(b.personKey);
  });

  it('differs by name accents, year and residence', () => {
    const base = check().personKey;
    expect(check({ name: 'Nguyễn Văn Ân' }).personKey).not.toBe(base);
    expect(check({ birthYear: 1986 }).personKey).not.toBe(base);
    expect(check({ residence: 'TDP 6' }).personKey).not.toBe(base);
  });
});

describe('checkUnitRows: repeats within a unit', () => {
  it('makes a repeat an error naming the first row, in sheet order', () => {
    const rows = checkUnitRows(
      [
        raw({ sheetRow: 5 }),
        raw({ sheetRow: 6, name: 'Trần Thị Bình' }),
        raw({ sheetRow: 9, name: 'NGUYỄN VĂN AN', birthYear: '1985', residence: 'Tổ dân phố số 05' }),
        raw({ sheetRow: 10 }),
      ],
      unitCtx
    );
    expect(rows.map((r) => r.valid)).toEqual([true, true, false, false]);
    const repeat = rows[2];
    expect(codes(repeat)).toEqual(['DUPLICATE_IN_UNIT']);
    expect(repeat.problems[0]).toMatchObject({ column: 'name', level: 'error' });
    expect(repeat.problems[0].message).toContain('dòng 5');
    expect(repeat.duplicateOf).toEqual({ unitCode: 'U07', unitName: 'Trường THCS Lê Lợi', sheetRow: 5 });
    expect(repeat.personKey).toBe(rows[0].personKey);
    expect(repeat.hasWarning).toBe(false);
    expect(rows[3].duplicateOf?.sheetRow).toBe(5);
    expect(rows[0].duplicateOf).toBeUndefined();
    expect(rows[0].problems).toEqual([]);
  });

  it('matches names typed NFD and NFC', () => {
    const rows = checkUnitRows(
      [
        raw({ sheetRow: 3, name: 'Nguy\u1EC5n Văn An' }),
        raw({ sheetRow: 4, name: 'Nguye\u0302\u0303n Văn An' }),
      ],
      unitCtx
    );
    expect(codes(rows[1])).toEqual(['DUPLICATE_IN_UNIT']);
  });

  it('never marks a namesake ("Không trùng"), whichever row carries the note', () => {
    const rows = checkUnitRows(
      [
        raw({ sheetRow: 3 }),
        raw({ sheetRow: 4, note: 'Không trùng' }),
        raw({ sheetRow: 5, note: 'khong trung' }),
      ],
      unitCtx
    );
    expect(rows.every((r) => r.valid && r.problems.length === 0)).toBe(true);
    const first = checkUnitRows([raw({ sheetRow: 3, note: 'Không trùng' }), raw({ sheetRow: 4 })], unitCtx);
    expect(first.every((r) => r.valid)).toBe(true);
  });

  it('does not let an invalid row be the first occurrence', () => {
    const rows = checkUnitRows(
      [raw({ sheetRow: 3, residence: '' }), raw({ sheetRow: 4 }), raw({ sheetRow: 5 })],
      unitCtx
    );
    expect(rows.map((r) => r.valid)).toEqual([false, true, false]);
    expect(rows[2].problems[0].message).toContain('dòng 4');
  });

  it('keeps warnings of a repeated row and adds the duplicate error', () => {
    const rows = checkUnitRows(
      [raw({ sheetRow: 3, birthYear: '12/05/1985' }), raw({ sheetRow: 4, birthYear: new Date(1985, 4, 12) })],
      unitCtx
    );
    expect(codes(rows[1])).toEqual(['YEAR_FROM_DATE', 'DUPLICATE_IN_UNIT']);
    expect(rows[1].valid).toBe(false);
    expect(rows[1].hasWarning).toBe(true);
  });
});

describe('messages', () => {
  it('quote the figures of the row they are about', () => {
    const message = (cells: Partial<RawRow>) => check(cells).problems.map((p) => p.message);
    expect(message({ birthYear: 2020 })).toEqual([
      'Sinh năm 2020 (khoảng 6 tuổi) là chưa đủ 14 tuổi để tự đăng ký tài khoản định danh điện tử: ' +
        'kiểm tra lại năm sinh. Nếu năm sinh đúng thì giữ nguyên, dòng này vẫn được tính.',
    ]);
    expect(message({ birthYear: 1901 })).toEqual([
      'Sinh năm 1901 là đã 125 tuổi, trên 100 tuổi: kiểm tra lại xem năm sinh có gõ nhầm không. ' +
        'Nếu năm sinh đúng thì giữ nguyên, dòng này vẫn được tính.',
    ]);
    expect(message({ birthYear: '12/05/1985' })).toEqual([
      'Ô Năm sinh đang ghi cả ngày sinh (12/05/1985): bảng tổng hợp chỉ lấy năm sinh 1985. ' +
        'Nên sửa ô này thành 1985 (có thể dùng chức năng Sửa tự động).',
    ]);
    expect(message({ name: 'Nguyễn ' + 'a'.repeat(44) })[0]).toMatch(
      /^Họ và tên dài 51 ký tự, quá 50 ký tự cho phép/
    );
    expect(message({ birthYear: '' })).toEqual([
      'Chưa có năm sinh: nhập năm sinh đủ 4 chữ số, từ 1900 đến 2026, ví dụ 1985.',
    ]);
  });

  it('fill their placeholders', () => {
    expect(problemMessage('YEAR_OUT_OF_RANGE', { value: 3000, min: 1900, max: 2026 })).toBe(
      'Năm sinh 3000 không hợp lệ: nhập năm sinh đủ 4 chữ số, từ 1900 đến 2026.'
    );
    expect(problemMessage('DUPLICATE_OTHER_UNIT', { unit: 'Tổ dân phố số 5', row: 12 })).toContain(
      'Tổ dân phố số 5 (dòng 12)'
    );
    expect(problemMessage('DUPLICATE_IN_UNIT', { row: 7 })).toContain('dòng 7');
  });

  it('from checkRow leave no placeholder unfilled', () => {
    const rows = [
      check({ name: '' }),
      check({ name: 'An' }),
      check({ name: '=1+1' }),
      check({ name: 'Nguyễn ' + 'a'.repeat(60) }),
      check({ birthYear: '' }),
      check({ birthYear: 'abc' }),
      check({ birthYear: 3000 }),
      check({ birthYear: '12/05/1985' }),
      check({ birthYear: 2020 }),
      check({ birthYear: 1901 }),
      check({ residence: '' }),
      ...checkUnitRows([raw({ sheetRow: 2 }), raw({ sheetRow: 3 })], unitCtx),
    ];
    const seen = new Set<ProblemCode>();
    for (const row of rows) {
      for (const p of row.problems) {
        seen.add(p.code);
        expect(p.message).not.toMatch(/[{}]/);
      }
    }
    expect(seen.size).toBe(12); // all but DUPLICATE_OTHER_UNIT (see duplicates.test.ts)
  });

  it('say how to fix: the namesake way out is explained for duplicates', () => {
    expect(ROW_PROBLEM_MESSAGES.DUPLICATE_IN_UNIT).toContain('Không trùng');
    expect(ROW_PROBLEM_MESSAGES.DUPLICATE_OTHER_UNIT).toContain('Không trùng');
  });

  it('never quote the name typed (no personal data, no formula or HTML echoed)', () => {
    const row = check({ name: '<img src=x onerror=alert(1)>' });
    expect(row.problems[0].message).not.toContain('<img');
  });
});
