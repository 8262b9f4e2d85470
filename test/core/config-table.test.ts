/** Cấu hình read by its labels: the sheet as this version makes it, and as the previous version made it. */
import { configSheetTemplate, configUpgrade, locateConfig, parseConfig } from '../../src/core/config-table';

/** Rows 1–12 of Cấu hình as the previous version wrote them, then filled in by a clerk (rows 13–14). */
function previousVersionSheet(): unknown[][] {
  const grid: unknown[][] = Array.from({ length: 16 }, () => Array<unknown>(9).fill(''));
  const put = (row: number, column: number, value: unknown) => (grid[row - 1][column - 1] = value);
  put(1, 1, 'CẤU HÌNH TỔNG HỢP - ỨNG DỤNG SMART HẢI PHÒNG');
  put(1, 9, 'HƯỚNG DẪN');
  put(
    2,
    1,
    'Điền thông tin đợt báo cáo và danh sách đơn vị, rồi chọn menu Smart Hải Phòng → Thiết lập đơn vị.'
  );
  put(3, 1, 'THÔNG TIN ĐỢT BÁO CÁO');
  [
    ['Nội dung báo cáo', 'Cài đặt ứng dụng Smart Hải Phòng đợt 2'],
    ['Cơ quan ban hành', 'Ủy ban nhân dân phường Hải Dương'],
    ['Địa danh (ghi ngày tháng)', 'Hải Dương'],
    ['Hạn hoàn thành', new Date(2026, 4, 20)],
    ['Hạn báo cáo', new Date(2026, 5, 1)],
    ['Số hộ gia đình của phường', 1050],
  ].forEach(([label, value], i) => {
    put(4 + i, 1, label);
    put(4 + i, 3, value);
  });
  for (let i = 0; i < 8; i++) put(2 + i, 9, `${i + 1}. Hướng dẫn số ${i + 1}.`);
  put(10, 1, 'Số hộ theo danh sách của Công an phường'); // the clerk's own note
  put(11, 1, 'DANH SÁCH ĐƠN VỊ');
  ['Mã', 'Tên đơn vị', 'Loại', 'Chỉ tiêu', 'Email người nhập', 'Người phụ trách', 'Số điện thoại'].forEach(
    (label, i) => put(12, 1 + i, label)
  );
  grid[12] = [
    'TDP01',
    'Tổ dân phố số 1',
    'Tổ dân phố',
    54,
    'to1@haiduong.example',
    'Trần Thị Bình',
    '0912',
    '',
    '',
  ];
  grid[13] = ['CA', 'Công an phường', 'Công an', 30, 'ca@haiduong.example', '', '', '', ''];
  return grid;
}

describe('a Cấu hình made by the previous version', () => {
  const values = previousVersionSheet();

  it('is read by its labels: every typed value, the old label too, defaults for what it lacks', () => {
    const { campaign, units, problems, places } = parseConfig(values);
    expect(problems).toEqual([]);
    expect(campaign).toEqual({
      title: 'Cài đặt ứng dụng Smart Hải Phòng đợt 2',
      issuer: 'Ủy ban nhân dân phường Hải Dương',
      dispatch: '',
      place: 'Hải Dương',
      completionDeadline: new Date(2026, 4, 20),
      reportDeadline: new Date(2026, 5, 1),
      households: 1050,
    });
    expect(places.headerRow).toBe(12);
    expect(places.oldLabels).toEqual(new Map([[5, 'issuer']]));
    expect(units.map((u) => [u.code, u.configRow, u.parentBody, u.signer.title])).toEqual([
      ['TDP01', 13, 'UBND PHƯỜNG HẢI DƯƠNG', ['TỔ TRƯỞNG']],
      ['CA', 14, '', ['TRƯỞNG CÔNG AN PHƯỜNG']],
    ]);
  });

  it('lacks the dispatch row (after the recipient) and two unit columns (after the last)', () => {
    expect(configUpgrade(locateConfig(values))).toEqual({
      rows: [{ key: 'dispatch', after: 5 }],
      columns: ['parentBody', 'signer'],
      afterColumn: 7,
    });
  });

  it('reports a renamed header where the table is, and reads no unit', () => {
    const renamed = previousVersionSheet();
    renamed[11][4] = 'Email';
    const { units, problems } = parseConfig(renamed);
    expect(units).toEqual([]);
    expect(problems).toEqual([{ row: 12, message: expect.stringContaining('đã bị sửa tiêu đề cột') }]);
    expect(configUpgrade(locateConfig(renamed))).toMatchObject({ columns: [] });
  });
});

describe('a Cấu hình of this version', () => {
  it('has every campaign row and unit column, and lacks nothing', () => {
    const template = configSheetTemplate();
    const places = locateConfig(template);
    expect([...places.campaign.keys()]).toEqual([
      'title',
      'issuer',
      'dispatch',
      'place',
      'completionDeadline',
      'reportDeadline',
      'households',
    ]);
    expect(places.headerRow).toBe(template.length);
    expect([...places.columns.values()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(places.instructionsColumn).toBe(11);
    expect(configUpgrade(places)).toEqual({ rows: [], columns: [], afterColumn: 9 });
  });

  it('reads the dispatch and the new columns, whatever the order of rows and columns', () => {
    const grid: unknown[][] = [
      ['Công văn (số, ngày):', '', '125/UBND-VHXH ngày 12/5/2026'],
      ['cơ quan nhận báo cáo (kính gửi)', '', 'Ủy ban nhân dân phường Hải Dương'],
      ['Nội dung báo cáo', '', 'Cài đặt Smart Hải Phòng'],
      // A second copy of a label below is the clerk's, not read.
      ['Nội dung báo cáo', '', 'Bản nháp'],
      [],
      [
        'Ghi chú riêng',
        'Chức danh người ký',
        'Tên đơn vị',
        'Mã',
        'Loại',
        'Chỉ tiêu',
        'Email người nhập',
        'Người phụ trách',
        'Số điện thoại',
        'Cơ quan chủ quản',
      ],
      [
        'x',
        'KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG',
        'Trường THCS Lê Thánh Tông',
        'THCS',
        'Trường học',
        40,
        '',
        '',
        '',
        '',
      ],
    ];
    const { campaign, units, problems } = parseConfig(grid);
    expect(problems).toEqual([]);
    expect(campaign).toMatchObject({
      dispatch: '125/UBND-VHXH ngày 12/5/2026',
      title: 'Cài đặt Smart Hải Phòng',
    });
    expect(units).toMatchObject([
      {
        code: 'THCS',
        name: 'Trường THCS Lê Thánh Tông',
        target: 40,
        parentBody: 'UBND PHƯỜNG HẢI DƯƠNG',
        signer: { title: ['KT. HIỆU TRƯỞNG', 'PHÓ HIỆU TRƯỞNG'] },
        configRow: 7,
      },
    ]);
  });
});
