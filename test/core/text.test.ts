import { runInNewContext } from 'vm';

import {
  cellText,
  foldDiacritics,
  formatDate,
  isDateValue,
  nameKey,
  normalizeText,
  residenceKey,
  toTitleCaseName,
} from '../../src/core/text';

const NGUYEN_NFC = 'Nguy\u1EC5n'; // 'Nguyễn' with the precomposed ễ
const NGUYEN_NFD = 'Nguye\u0302\u0303n'; // the same, e + circumflex + tilde (decomposed keyboards)

describe('normalizeText', () => {
  it('composes decomposed accents (NFD typed names equal NFC ones)', () => {
    expect(NGUYEN_NFD).not.toBe(NGUYEN_NFC);
    expect(normalizeText(NGUYEN_NFD)).toBe(NGUYEN_NFC);
    expect(normalizeText('Tr\u00E2\u0300n')).toBe('Trần'); // â + combining grave
  });

  it('trims and collapses every kind of white space into one space', () => {
    expect(normalizeText('  Nguyễn \t Văn\n\nAn  ')).toBe('Nguyễn Văn An');
    expect(normalizeText('Nguyễn\u00A0Văn\u3000An\r\n')).toBe('Nguyễn Văn An');
    expect(normalizeText('Lê\u2003\u2009Lợi')).toBe('Lê Lợi');
  });

  it('removes zero-width characters instead of turning them into spaces', () => {
    expect(normalizeText('\uFEFFNguy\u200Bễn Văn\u200D An\u2060')).toBe('Nguyễn Văn An');
    expect(normalizeText('\u200B \u200B')).toBe('');
  });

  it('keeps an empty or already clean text as is', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText('Tổ dân phố số 5')).toBe('Tổ dân phố số 5');
  });
});

describe('toTitleCaseName', () => {
  it('capitalises each word and lower-cases the rest', () => {
    expect(toTitleCaseName('nguyễn  văn AN')).toBe('Nguyễn Văn An');
    expect(toTitleCaseName('TRẦN THỊ THU HƯƠNG')).toBe('Trần Thị Thu Hương');
  });

  it('handles Đ/đ and other Vietnamese capitals', () => {
    expect(toTitleCaseName('đặng đình ĐÔNG')).toBe('Đặng Đình Đông');
    expect(toTitleCaseName('ưng ỷ ÊNH')).toBe('Ưng Ỷ Ênh');
  });

  it('capitalises after a hyphen or an apostrophe, typographic apostrophe included', () => {
    expect(toTitleCaseName('y-moan ênuôl')).toBe('Y-Moan Ênuôl');
    expect(toTitleCaseName("h'hen niê")).toBe("H'Hen Niê");
    expect(toTitleCaseName('h\u2019hen NIÊ')).toBe("H'Hen Niê");
  });

  it('normalises NFD input first', () => {
    expect(toTitleCaseName(`${NGUYEN_NFD.toLowerCase()} văn an`)).toBe(`${NGUYEN_NFC} Văn An`);
  });
});

describe('foldDiacritics', () => {
  it('removes accents, đ → d and Đ → D', () => {
    expect(foldDiacritics('Hồ Chí Minh, Đông')).toBe('Ho Chi Minh, Dong');
    expect(foldDiacritics('đường Lạch Tray')).toBe('duong Lach Tray');
    expect(foldDiacritics(NGUYEN_NFD)).toBe('Nguyen');
  });
});

describe('nameKey', () => {
  it('ignores case, spaces and NFC/NFD differences', () => {
    expect(nameKey(`  ${NGUYEN_NFD}   VĂN an `)).toBe(nameKey('Nguyễn Văn An'));
    expect(nameKey('Nguyễn Văn An')).toBe('nguyễn văn an');
  });

  it('keeps accents: Hương is not Hướng', () => {
    expect(nameKey('Trần Thu Hương')).not.toBe(nameKey('Trần Thu Hướng'));
    expect(nameKey('Trần Thu Hương')).not.toBe(nameKey('Tran Thu Huong'));
  });

  it('treats the typographic apostrophe as an apostrophe', () => {
    expect(nameKey('H\u2019Hen Niê')).toBe(nameKey("H'Hen Niê"));
  });
});

describe('residenceKey', () => {
  it('recognises a residential group whatever way it is written', () => {
    const forms = [
      'TDP 5',
      'Tổ dân phố số 05',
      'tổ 5',
      'Tổ DP 5',
      'to dan pho 5',
      'TDP5',
      'Tổ dân phố 5',
      'tổ   dân phố số 5.',
      'T\u00F4\u0309 da\u0302n pho\u0302\u0301 5', // decomposed accents
      'TDP số 005',
    ];
    for (const form of forms) expect(residenceKey(form)).toBe('tdp5');
  });

  it('keeps different group numbers apart', () => {
    expect(residenceKey('TDP 5')).not.toBe(residenceKey('TDP 15'));
    expect(residenceKey('Tổ dân phố 5')).not.toBe(residenceKey('Tổ dân phố 50'));
    expect(residenceKey('TDP 10')).toBe('tdp10');
  });

  it('ignores case, spaces and punctuation around the rest of the address', () => {
    expect(residenceKey('TDP 5, phường An Biên')).toBe(residenceKey('tổ dân phố số 5 - Phường  An Biên'));
    expect(residenceKey('Số 12 Trần Hưng Đạo')).toBe(residenceKey('số 12, TRẦN HƯNG ĐẠO'));
    expect(residenceKey('Số 12 Trần Hưng Đạo')).toBe(residenceKey('12 Trần Hưng Đạo'));
    expect(residenceKey('Ngõ 05 Lê Lợi')).toBe(residenceKey('ngõ số 5 lê lợi'));
  });

  it('keeps accents outside the group keywords (documented choice)', () => {
    expect(residenceKey('Số 12 Trần Hưng Đạo')).not.toBe(residenceKey('so 12 tran hung dao'));
  });

  it('keeps two numbers in a row apart', () => {
    expect(residenceKey('12/3 Lê Lợi')).not.toBe(residenceKey('123 Lê Lợi'));
    expect(residenceKey('12/3 Lê Lợi')).toBe(residenceKey('12 / 3 lê lợi'));
  });

  it('does not take "tổ" without a number as a residential group', () => {
    expect(residenceKey('Tổ dân phố')).toBe('tổdânphố');
    expect(residenceKey('Tô Hiệu 5')).toBe('tôhiệu5');
  });

  it('gives an empty key for an empty residence', () => {
    expect(residenceKey('')).toBe('');
    expect(residenceKey(' , ')).toBe('');
  });

  it('cuts words and numbers by Unicode class: letters of any script, ASCII digits only', () => {
    // A letter next to a number starts a new part; a number after a number stays apart.
    expect(residenceKey('Kiốt12B')).toBe(residenceKey('kiốt 12 b'));
    // Digits of another script are not numbers: they separate, like punctuation.
    expect(residenceKey('Ngõ 1\u06632')).toBe(residenceKey('Ngõ 1/2'));
    // Letters outside the Basic Multilingual Plane (surrogate pairs) are kept whole, not dropped.
    expect(residenceKey('Nhà \u{20000} 5')).not.toBe(residenceKey('Nhà 5'));
    expect(residenceKey('Nhà\u{20000}5')).toBe(residenceKey('nhà \u{20000} 5'));
    // Combining marks belong to their word: a decomposed name equals the composed one.
    expect(residenceKey('Le\u0302 Lo\u031B\u0323i')).toBe(residenceKey('Lê Lợi'));
  });
});

describe('cellText', () => {
  it('gives an empty text for empty cells', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText('')).toBe('');
  });

  it('keeps strings unchanged', () => {
    expect(cellText('  Nguyễn  ')).toBe('  Nguyễn  ');
  });

  it('writes numbers without exponent or binary noise', () => {
    expect(cellText(1985)).toBe('1985');
    expect(cellText(84123)).toBe('84123');
    expect(cellText(1985.5)).toBe('1985.5');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(1e21)).toBe('1000000000000000000000');
    expect(cellText(1.5e-7)).toBe('0.00000015');
    expect(cellText(-2.5e22)).toBe('-25000000000000000000000');
    expect(cellText(-0)).toBe('0');
    expect(cellText(84912345678)).toBe('84912345678');
  });

  it('writes booleans as Sheets shows them', () => {
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(false)).toBe('FALSE');
  });

  it('writes dates as dd/mm/yyyy, also dates from another realm', () => {
    expect(cellText(new Date(1985, 4, 7))).toBe('07/05/1985');
    const foreign = runInNewContext('new Date(2001, 11, 31)') as unknown;
    expect(foreign instanceof Date).toBe(false);
    expect(isDateValue(foreign)).toBe(true);
    expect(cellText(foreign)).toBe('31/12/2001');
    expect(formatDate(new Date(Number.NaN))).toBe('');
  });
});
