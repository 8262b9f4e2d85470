import {
  parseCampaign,
  parseUnits as parseRecords,
  safeTabName,
  unitsInTabOrder,
  defaultHouseholds,
  MAX_TAB_NAME_LENGTH,
  type UnitColumnKey,
} from '../../src/core/units';

const row = (
  code: unknown,
  name: unknown,
  type: unknown,
  target: unknown,
  emails = '',
  manager = '',
  phone = '',
  parentBody?: string,
  signer?: string
) => [
  code,
  name,
  type,
  target,
  emails,
  manager,
  phone,
  ...(parentBody === undefined ? [] : [parentBody, signer ?? '']),
];

const KEYS: UnitColumnKey[] = [
  'code',
  'name',
  'type',
  'target',
  'emails',
  'manager',
  'phone',
  'parentBody',
  'signer',
];

/** Rows in the order of a new Cấu hình, from `first`: the cells a row has, by their headers. */
function parseUnits(rows: unknown[][], first: number) {
  return parseRecords(
    rows.map((cells, i) => ({
      row: first + i,
      cells: Object.fromEntries(cells.map((cell, c) => [KEYS[c], cell])),
    }))
  );
}

describe('parseUnits', () => {
  it('reads a valid table, normalising text and splitting emails', () => {
    const { units, problems } = parseUnits(
      [
        row('TDP01', '  Tổ dân phố  số 1 ', 'Tổ dân phố', 150, 'a@x.vn, B@Y.vn'),
        row('', '', '', '', '', '', ''),
        row('THCS', 'Trường THCS Lê Thánh Tông', 'trường học', '180'),
      ],
      13
    );
    expect(problems).toEqual([]);
    expect(units.map((u) => [u.code, u.name, u.type, u.target, u.emails, u.configRow])).toEqual([
      ['TDP01', 'Tổ dân phố số 1', 'Tổ dân phố', 150, ['a@x.vn', 'b@y.vn'], 13],
      ['THCS', 'Trường THCS Lê Thánh Tông', 'Trường học', 180, [], 15],
    ]);
  });

  it('lists every problem with its row number', () => {
    const { units, problems } = parseUnits(
      [
        row('A', 'Đơn vị A', 'Khác', 10),
        row('a', 'Đơn vị A2', 'Khác', 10),
        row('', 'Không mã', 'Khác', 1),
        row('B C', '', 'Loại lạ', -3),
        row('D', 'Đơn vị D', 'Khác', 2.5, 'not-an-email'),
        row('E', 'x'.repeat(101), 'Khác', 1),
      ],
      13
    );
    expect(units.map((u) => u.code)).toEqual(['A']);
    const byRow = (r: number) => problems.filter((p) => p.row === r).map((p) => p.message);
    expect(byRow(14)).toEqual([expect.stringContaining('trùng với mã ở dòng 13')]);
    expect(byRow(15)).toEqual(['Mã đơn vị đang để trống.']);
    expect(byRow(16)).toEqual([
      expect.stringContaining('Mã "B C" không hợp lệ'),
      'Tên đơn vị đang để trống.',
      expect.stringContaining('Loại "Loại lạ"'),
      expect.stringContaining('Chỉ tiêu "-3"'),
    ]);
    expect(byRow(17)).toEqual([
      expect.stringContaining('Chỉ tiêu "2,5"'),
      'Email không đúng dạng: not-an-email.',
    ]);
    expect(byRow(18)).toEqual([expect.stringContaining('dài quá 100 ký tự')]);
  });

  it("treats codes that differ only by case or '-' / '_' as the same", () => {
    const { problems } = parseUnits([row('TDP-1', 'X', 'Khác', 1), row('tdp_1', 'Y', 'Khác', 1)], 13);
    expect(problems).toHaveLength(1);
  });
});

describe('tab names', () => {
  it('makes names that Sheets and Excel both accept, unique, within 31 characters', () => {
    expect(safeTabName('Phòng Kinh tế: Hạ tầng/Đô thị?', [])).toBe('Phòng Kinh tế- Hạ tầng-Đô thị-');
    expect(safeTabName("'Tổ 'A''", [])).toBe("Tổ 'A");
    expect(safeTabName('Tổng hợp', ['Tổng hợp', 'Cấu hình'])).toBe('Tổng hợp (2)');
    expect(safeTabName('tổng HỢP', ['Tổng hợp', 'Tổng hợp (2)'])).toBe('tổng HỢP (3)');
    const long = 'Trường Trung học cơ sở Lê Thánh Tông phường Hải Dương';
    const first = safeTabName(long, []);
    expect(first.length).toBeLessThanOrEqual(MAX_TAB_NAME_LENGTH);
    const second = safeTabName(long, [first]);
    expect(second).not.toBe(first);
    expect(second.length).toBeLessThanOrEqual(MAX_TAB_NAME_LENGTH);
  });
});

describe('ordering and households', () => {
  it('groups units by type in the dropdown order, keeping set-up order within a type', () => {
    const { units } = parseUnits(
      [
        row('T2', 'TDP 2', 'Tổ dân phố', 100),
        row('DU', 'Đảng ủy', 'Đảng ủy', 5),
        row('T1', 'TDP 1', 'Tổ dân phố', 50),
      ],
      13
    );
    expect(unitsInTabOrder(units).map((u) => u.code)).toEqual(['DU', 'T2', 'T1']);
    expect(defaultHouseholds(units)).toBe(150);
  });
});

describe('parseCampaign', () => {
  const at = (values: unknown[]) =>
    Object.fromEntries(
      (['title', 'issuer', 'place', 'completionDeadline', 'reportDeadline', 'households'] as const).map(
        (key, i) => [key, { value: values[i], row: 4 + i }]
      )
    );

  it('accepts date cells and dd/mm/yyyy text, and rejects other text', () => {
    const { campaign, problems } = parseCampaign(at(['', '', '', new Date(2026, 4, 31), '05/06/2026', '']));
    expect(problems).toEqual([]);
    expect(campaign.title).toContain('Smart Hải Phòng');
    expect(campaign.reportDeadline?.getDate()).toBe(5);
    expect(campaign.households).toBeNull();
    const bad = parseCampaign(at(['T', 'I', 'P', '31/02/2026', 'sớm', 'nhiều']));
    expect(bad.problems.map((p) => p.row)).toEqual([7, 8, 9]);
  });

  it('takes the defaults for rows the sheet does not have, and no dispatch number', () => {
    const { campaign, problems } = parseCampaign({});
    expect(problems).toEqual([]);
    expect(campaign).toMatchObject({
      issuer: 'Ủy ban nhân dân phường Hải Dương',
      dispatch: '',
      place: 'Hải Dương',
      completionDeadline: null,
      households: null,
    });
  });
});

describe('parent body and signer', () => {
  it('default by type: the ward’s committee above its own units, nothing above the Party, the police…', () => {
    const { units } = parseUnits(
      [
        row('THCS', 'Trường THCS Lê Thánh Tông', 'Trường học', 40),
        row('TDP01', 'Tổ dân phố số 1', 'Tổ dân phố', 54),
        row('YT', 'Trạm Y tế phường', 'Y tế', 200),
        row('DU', 'Đảng ủy phường', 'Đảng ủy', 20),
        row('HDND', 'Thường trực HĐND phường', 'HĐND', 15),
        row('MTTQ', 'Ủy ban MTTQ Việt Nam phường', 'Mặt trận và đoàn thể', 25),
        row('CA', 'Công an phường', 'Công an', 30),
        row('QS', 'Ban chỉ huy Quân sự phường', 'Quân sự', 30),
        row('X', 'Hợp tác xã', 'Khác', 5),
      ],
      14
    );
    expect(units.map((u) => [u.code, u.parentBody, u.signer.title.join(' / '), u.signer.note])).toEqual([
      ['THCS', 'UBND PHƯỜNG HẢI DƯƠNG', 'HIỆU TRƯỞNG', '(Ký tên, đóng dấu)'],
      ['TDP01', 'UBND PHƯỜNG HẢI DƯƠNG', 'TỔ TRƯỞNG', '(Ký, ghi rõ họ tên)'],
      ['YT', 'UBND PHƯỜNG HẢI DƯƠNG', 'TRƯỞNG TRẠM', '(Ký tên, đóng dấu)'],
      ['DU', '', 'T/M ĐẢNG ỦY / BÍ THƯ', '(Ký tên, đóng dấu)'],
      ['HDND', '', 'TM. THƯỜNG TRỰC HĐND / CHỦ TỊCH', '(Ký tên, đóng dấu)'],
      ['MTTQ', '', 'CHỦ TỊCH', '(Ký tên, đóng dấu)'],
      ['CA', '', 'TRƯỞNG CÔNG AN PHƯỜNG', '(Ký tên, đóng dấu)'],
      ['QS', '', 'CHỈ HUY TRƯỞNG', '(Ký tên, đóng dấu)'],
      ['X', '', '', '(Ký, ghi rõ họ tên)'],
    ]);
  });

  it('keeps what the clerk typed: two lines, and a line of their own under the title', () => {
    const { units } = parseUnits(
      [
        row(
          'THPT',
          'Trường THPT Hải Dương',
          'Trường học',
          40,
          '',
          '',
          '',
          'Sở Giáo dục và Đào tạo',
          'KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG'
        ),
        row('CA', 'Công an phường', 'Công an', 30, '', '', '', 'CÔNG AN TP HẢI PHÒNG', ''),
        row('X', 'Hợp tác xã', 'Khác', 5, '', '', '', '', 'GIÁM ĐỐC\n(Ký tên, đóng dấu)'),
      ],
      14
    );
    expect(units.map((u) => [u.parentBody, u.signer])).toEqual([
      [
        'Sở Giáo dục và Đào tạo',
        { title: ['KT. HIỆU TRƯỞNG', 'PHÓ HIỆU TRƯỞNG'], note: '(Ký tên, đóng dấu)' },
      ],
      ['CÔNG AN TP HẢI PHÒNG', { title: ['TRƯỞNG CÔNG AN PHƯỜNG'], note: '(Ký tên, đóng dấu)' }],
      ['', { title: ['GIÁM ĐỐC'], note: '(Ký tên, đóng dấu)' }],
    ]);
  });
});
