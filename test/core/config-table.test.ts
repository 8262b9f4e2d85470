/** Cấu hình read by its labels: the sheet as this version makes it, and as the previous version made it. */
import {
  campaignRow,
  configSheetTemplate,
  configUpgrade,
  locateConfig,
  parseConfig,
} from '../../src/core/config-table';

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
      // No "Cách tổ chức" row: the workbook keeps the design it was made with.
      organisation: 'shared',
      unitFolder: '',
      contact: '',
      support: '',
      leaders: [],
      leadersFile: '',
      purpose: expect.stringContaining('chỉ dùng để báo cáo kết quả cài đặt'),
      closed: '',
    });
    expect(places.headerRow).toBe(12);
    expect(places.oldLabels).toEqual(new Map([[5, 'issuer']]));
    expect(units.map((u) => [u.code, u.configRow, u.parentBody, u.signer.title])).toEqual([
      ['TDP01', 13, 'UBND PHƯỜNG HẢI DƯƠNG', ['TỔ TRƯỞNG']],
      ['CA', 14, '', ['TRƯỞNG CÔNG AN PHƯỜNG']],
    ]);
  });

  it('lacks the dispatch row (after the recipient), the organisation rows (last) and three unit columns', () => {
    expect(configUpgrade(locateConfig(values))).toEqual({
      rows: [
        { key: 'dispatch', after: 5 },
        { key: 'organisation', after: 10 },
        { key: 'unitFolder', after: 11 },
        { key: 'contact', after: 12 },
        { key: 'support', after: 13 },
        { key: 'leaders', after: 14 },
        { key: 'leadersFile', after: 15 },
        { key: 'purpose', after: 16 },
        { key: 'closed', after: 17 },
      ],
      columns: ['parentBody', 'signer', 'file'],
      afterColumn: 7,
    });
  });

  it('keeps one shared file when Thiết lập adds the "Cách tổ chức" row; a new Cấu hình gives each unit a file', () => {
    expect(campaignRow('organisation', 3, true)).toEqual(['Cách tổ chức', '', 'Một tệp chung']);
    expect(campaignRow('organisation', 3)).toEqual(['Cách tổ chức', '', 'Mỗi đơn vị một tệp']);
    expect(parseConfig(configSheetTemplate()).campaign.organisation).toBe('files');
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
      'organisation',
      'unitFolder',
      'contact',
      'support',
      'leaders',
      'leadersFile',
      'purpose',
      'closed',
    ]);
    expect(places.headerRow).toBe(template.length);
    expect([...places.columns.values()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(places.instructionsColumn).toBe(12);
    expect(configUpgrade(places)).toEqual({ rows: [], columns: [], afterColumn: 10 });
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

describe("the units' files in Cấu hình", () => {
  const FOLDER = '1AbCdEfGhIjKlMnOpQrStUvWxYz012345';
  const FILE_A = '1ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210abcde';
  const FILE_B = '1ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210abcdf';
  function sheet(organisation: string, folder: string, files: string[]): unknown[][] {
    const header = [
      'Mã',
      'Tên đơn vị',
      'Loại',
      'Chỉ tiêu',
      'Email người nhập',
      'Người phụ trách',
      'Số điện thoại',
      'Tệp của đơn vị',
    ];
    return [
      ['Cách tổ chức', '', organisation],
      ['Thư mục tệp đơn vị', '', folder],
      header,
      ...files.map((file, i) => [
        `TDP0${i + 1}`,
        `Tổ dân phố số ${i + 1}`,
        'Tổ dân phố',
        50,
        '',
        '',
        '',
        file,
      ]),
    ];
  }

  it('reads the mode whatever its case, the folder and each file from the links Google shows', () => {
    const { campaign, units, problems } = parseConfig(
      sheet('mỗi đơn vị một tệp', `https://drive.google.com/drive/folders/${FOLDER}?usp=sharing`, [
        `https://docs.google.com/spreadsheets/d/${FILE_A}/edit#gid=0`,
        FILE_B,
        '',
      ])
    );
    expect(problems).toEqual([]);
    expect(campaign).toMatchObject({ organisation: 'files', unitFolder: FOLDER });
    expect(units.map((u) => u.fileId)).toEqual([FILE_A, FILE_B, '']);
  });

  it('names a mode it does not know, a link that is not a folder or a spreadsheet, and one file given to two units', () => {
    const { units, problems } = parseConfig(
      sheet('Mỗi đơn vị', 'Thư mục của văn phòng', [
        `https://docs.google.com/document/d/${FILE_A}/edit`,
        `https://docs.google.com/spreadsheets/d/${FILE_B}/edit`,
        FILE_B,
      ])
    );
    expect(problems).toEqual([
      { row: 1, message: expect.stringContaining('Cách tổ chức "Mỗi đơn vị" không hợp lệ') },
      { row: 2, message: expect.stringContaining('không phải đường dẫn một thư mục Google Drive') },
      { row: 4, message: expect.stringContaining('không phải đường dẫn một bảng tính Google') },
      { row: 6, message: 'Tệp của đơn vị trùng với tệp của đơn vị ở dòng 5.' },
    ]);
    expect(units.map((u) => u.code)).toEqual(['TDP02']);
  });

  it('asks for a mode when the cell is blank', () => {
    expect(parseConfig(sheet('', '', [''])).problems).toEqual([
      { row: 1, message: expect.stringContaining('Chưa chọn Cách tổ chức') },
    ]);
  });
});
