/** The verdict of the "Kiểm tra" column, from the core's row rules alone. */
import { unitVerdicts } from '../../src/core/verdict';

const YEAR = 2026;
const row = (name: unknown, year: unknown, residence: unknown, note = '') => [
  '',
  name,
  year,
  '',
  residence,
  note,
];

describe('unitVerdicts', () => {
  it('gives blank, valid, error and warning verdicts in sheet order, errors before warnings', () => {
    expect(
      unitVerdicts(
        [
          row('Nguyễn Văn An', 1980, 'Tổ 1'),
          row('', '', '', 'chỉ có ghi chú'),
          row('Hà', '12/05/2020', ''),
          row('Lê Thị Bình', '12/05/1985', 'Tổ 2'),
          row('nguyễn văn an', 1980, ' Tổ 1 '),
          row('Nguyễn Văn An', 1980, 'Tổ 1', 'Không trùng'),
          row('Trần Văn Cường', 1920, 'Tổ 3'),
        ],
        8,
        YEAR
      )
    ).toEqual([
      'Hợp lệ',
      '',
      'Lỗi: họ và tên mới có một chữ; thiếu nơi ở',
      'Cần kiểm tra: năm sinh ghi cả ngày',
      'Lỗi: trùng dòng 8',
      'Hợp lệ',
      'Cần kiểm tra: trên 100 tuổi',
    ]);
  });

  it('names the accepted years for a two-digit year', () => {
    expect(unitVerdicts([row('Nguyễn Văn An', '85', 'Tổ 1')], 8, YEAR)).toEqual([
      'Lỗi: năm sinh phải từ 1900 đến 2026',
    ]);
  });
});
