import { rawRow } from '../support/rows';
import { runInNewContext } from 'vm';

import { proposeFixes, type FixChange } from '../../src/core/fixes';
import { checkRow, type RawRow, type RowContext } from '../../src/core/rows';

const ctx: RowContext = { unitName: 'Tổ dân phố số 5', currentYear: 2026 };

function raw(cells: Partial<RawRow> = {}): RawRow {
  return rawRow(cells, 8);
}

function fixes(cells: Partial<RawRow>): FixChange[] {
  return proposeFixes(raw(cells), ctx);
}

describe('proposeFixes', () => {
  it('proposes nothing for a clean row', () => {
    expect(fixes({})).toEqual([]);
  });

  it('proposes nothing for a blank row, whatever Stt and Ghi chú hold', () => {
    expect(
      fixes({
        stt: ' 3 ',
        name: '',
        birthYear: '',
        organisation: ' ',
        residence: '',
        note: '  không  trùng ',
      })
    ).toEqual([]);
  });

  it('puts names in title case with single spaces', () => {
    expect(fixes({ name: '  nguyễn  văn AN ' })).toEqual([
      { sheetRow: 8, column: 'name', before: '  nguyễn  văn AN ', after: 'Nguyễn Văn An' },
    ]);
    expect(fixes({ name: 'h’hen  NIÊ' })).toEqual([
      { sheetRow: 8, column: 'name', before: 'h’hen  NIÊ', after: "H'Hen Niê" },
    ]);
  });

  it('composes NFD accents (NFC)', () => {
    const nfd = 'Nguye\u0302\u0303n Văn An';
    expect(fixes({ name: nfd })).toEqual([
      { sheetRow: 8, column: 'name', before: nfd, after: 'Nguyễn Văn An' },
    ]);
    expect(fixes({ residence: 'T\u00F4\u0309 5' })).toEqual([
      { sheetRow: 8, column: 'residence', before: 'T\u00F4\u0309 5', after: 'Tổ 5' },
    ]);
  });

  it('title-cases a one-word name too (its characters are valid), but does not complete it', () => {
    expect(fixes({ name: 'an' })).toEqual([{ sheetRow: 8, column: 'name', before: 'an', after: 'An' }]);
  });

  it('only normalises spaces in a name with invalid characters, never title-cases it', () => {
    expect(fixes({ name: '<b>x</b>' })).toEqual([]);
    expect(fixes({ name: ' nguyễn  văn 2 ' })).toEqual([
      { sheetRow: 8, column: 'name', before: ' nguyễn  văn 2 ', after: 'nguyễn văn 2' },
    ]);
  });

  it('never proposes a text the sheet could read as a formula', () => {
    expect(fixes({ name: ' =IMPORTXML("http://x","//a") ' })).toEqual([]);
    expect(fixes({ name: '  +84123' })).toEqual([]);
    expect(fixes({ residence: '  - ' })).toEqual([]);
    expect(fixes({ note: ' @abc ' })).toEqual([]);
  });

  it('leaves number, boolean and date cells of text columns alone', () => {
    expect(fixes({ name: 84123 })).toEqual([]);
    expect(fixes({ residence: 12, organisation: true })).toEqual([]);
  });

  it('normalises spaces in organisation, residence and note', () => {
    expect(
      fixes({
        organisation: ' Công  an\u00A0phường ',
        residence: 'Tổ dân phố\tsố 5\n',
        note: ' không  trùng ',
      })
    ).toEqual([
      { sheetRow: 8, column: 'organisation', before: ' Công  an\u00A0phường ', after: 'Công an phường' },
      { sheetRow: 8, column: 'residence', before: 'Tổ dân phố\tsố 5\n', after: 'Tổ dân phố số 5' },
      { sheetRow: 8, column: 'note', before: ' không  trùng ', after: 'không trùng' },
    ]);
  });

  it('does not fill a blank organisation (the unit is implied, not written)', () => {
    expect(fixes({ organisation: '' })).toEqual([]);
  });

  it('turns year text into a number', () => {
    expect(fixes({ birthYear: '1985' })).toEqual([
      { sheetRow: 8, column: 'birthYear', before: '1985', after: 1985 },
    ]);
    expect(fixes({ birthYear: ' 1985 ' })).toEqual([
      { sheetRow: 8, column: 'birthYear', before: ' 1985 ', after: 1985 },
    ]);
  });

  it('takes the year of a full date, as text or as a Date cell (shown as dd/mm/yyyy)', () => {
    expect(fixes({ birthYear: '12/05/1985' })).toEqual([
      { sheetRow: 8, column: 'birthYear', before: '12/05/1985', after: 1985 },
    ]);
    expect(fixes({ birthYear: '2/5/1985' })).toEqual([
      { sheetRow: 8, column: 'birthYear', before: '2/5/1985', after: 1985 },
    ]);
    expect(fixes({ birthYear: new Date(1985, 4, 12) })).toEqual([
      { sheetRow: 8, column: 'birthYear', before: '12/05/1985', after: 1985 },
    ]);
    expect(fixes({ birthYear: runInNewContext('new Date(1990, 0, 2)') })).toEqual([
      { sheetRow: 8, column: 'birthYear', before: '02/01/1990', after: 1990 },
    ]);
  });

  it('gives plain data only (no Date objects)', () => {
    const changes = fixes({ birthYear: new Date(1985, 4, 12) });
    expect(JSON.parse(JSON.stringify(changes))).toEqual(changes);
  });

  it.each([
    ['85'],
    [85],
    ['abc'],
    ['1985.5'],
    [1985.5],
    ['3000'],
    [3000],
    ['31/02/1985'],
    ['12/05/85'],
    [''],
  ])('never guesses a year from %p', (birthYear) => {
    expect(fixes({ birthYear })).toEqual([]);
  });

  it('does not turn a date out of range into a year', () => {
    expect(fixes({ birthYear: '01/01/1850' })).toEqual([]);
    expect(fixes({ birthYear: new Date(2030, 0, 1) })).toEqual([]);
  });

  it('proposes nothing for a year already a number', () => {
    expect(fixes({ birthYear: 2020 })).toEqual([]);
  });

  it('lists several changes of one row in column order', () => {
    const changes = fixes({ name: 'trần thị bình', birthYear: '1990', residence: ' tổ 5 ' });
    expect(changes.map((c) => c.column)).toEqual(['name', 'birthYear', 'residence']);
  });

  it('leaves a row that checks the same, only cleaner', () => {
    const messy = raw({
      name: '  nguye\u0302\u0303n  văn AN ',
      birthYear: '12/05/1985',
      organisation: ' Công  an ',
      residence: ' TDP  5 ',
    });
    const fixed: RawRow = { ...messy };
    for (const change of proposeFixes(messy, ctx))
      (fixed as unknown as Record<string, unknown>)[change.column] = change.after;
    const before = checkRow(messy, ctx);
    const after = checkRow(fixed, ctx);
    expect(after?.personKey).toBe(before?.personKey);
    expect(after?.problems).toEqual([]);
    expect(proposeFixes(fixed, ctx)).toEqual([]);
  });
});
