import { diagnosticsMessages } from './diagnostics';
import { formatCount } from './format';
import { reportMessages } from './reports';
import { listSome } from './setup';
/** Vietnamese text of "Tổng hợp": the master list, the summary and the menu's report. */

export const masterMessages = {
  sheetName: 'Danh sách tổng hợp',
  title: 'DANH SÁCH TỔNG HỢP NGƯỜI CÀI ĐẶT VÀ ĐĂNG NHẬP ỨNG DỤNG SMART HẢI PHÒNG',
  info: (when: string, rows: number, units: number) =>
    `Tổng hợp lúc ${when}: ${formatCount(rows)} dòng từ ${formatCount(units)} đơn vị. ` +
    'Trang do tiện ích lập lại mỗi lần Tổng hợp; sửa ở trang đơn vị.',
  /** Column headers, by the column's key in MASTER_COLUMNS (report-layout.ts). */
  columns: {
    stt: 'Stt',
    name: 'Họ và tên',
    birthYear: 'Năm sinh',
    organisation: 'Cơ quan, đơn vị',
    residence: 'Nơi ở hiện nay',
    unitCode: 'Mã đơn vị',
    unitName: 'Đơn vị báo cáo',
    source: 'Dòng gốc',
    status: 'Trạng thái',
    warnings: 'Cần kiểm tra',
    statusCode: 'Mã trạng thái',
  },
  statusValid: 'Hợp lệ',
  /** A valid row whose Ghi chú says "Không trùng": counted, and never taken for someone listed before. */
  statusNamesake: 'Hợp lệ (Không trùng)',
  statusError: (message: string) => `Lỗi: ${message}`,
  statusDuplicateInUnit: (row: number) => `Lỗi: trùng dòng ${row}`,
  statusDuplicateOf: (unitName: string, row: number) => `Đã có ở ${unitName} (dòng ${row})`,
  /** Issue 25: a "Không trùng" row another unit listed first, not yet accepted: counted once for the ward. */
  statusNamesakePending: (unitName: string, row: number) =>
    `Đã có ở ${unitName} (dòng ${row}); đơn vị ghi "Không trùng", chờ bộ phận tổng hợp chấp nhận ` +
    '(Theo dõi và nhắc đơn vị)',
  /** Issue 25, in the Cần kiểm tra column: the same name and birth year at another residence. */
  suspectedResidence: (unitName: string, row: number) =>
    `Nghi trùng giữa đơn vị: cùng họ tên, năm sinh với ${unitName} (dòng ${row}), khác nơi ở.`,
  sourceLink: (tab: string, row: number) => `${tab} - dòng ${row}`,
  protection: 'Danh sách tổng hợp: chỉ bộ phận tổng hợp được sửa.',
};

export const summaryMessages = {
  sheetName: 'Tổng hợp',
  title: (title: string) => `TỔNG HỢP KẾT QUẢ ${title.toLocaleUpperCase('vi')}`,
  consolidatedAt: (when: string) => `Tổng hợp lúc: ${when}`,
  /** A date fact, never a verdict: the verdicts are in the tables below. */
  daysLeft: (days: number, deadline: string) =>
    days === 0
      ? `Hôm nay là hạn hoàn thành (${deadline}).`
      : `Còn ${formatCount(days)} ngày đến hạn hoàn thành (${deadline}).`,
  overdue: (deadline: string) => `Đã hết hạn hoàn thành (${deadline}).`,
  noDeadline: 'Chưa đặt hạn hoàn thành trên trang Cấu hình.',
  /** One line under the deadline: each shade of a ratio, written in a cell of that shade. */
  legend: {
    label: 'Màu:',
    red: 'dưới 50%',
    amber: 'từ 50%, chưa đạt',
    green: 'đạt',
  },
  wardHeading: 'TIÊU CHÍ CỦA PHƯỜNG: SỐ NGƯỜI CÀI ĐẶT ÷ SỐ HỘ GIA ĐÌNH PHẢI LỚN HƠN 100%',
  wardLabels: [
    'Số hộ gia đình',
    'Số người đã cài đặt (mỗi người tính một lần)',
    'Tỷ lệ (số người ÷ số hộ)',
    'Đánh giá',
  ],
  /** Beside the ward's figures: where each comes from, and the ward's rule beside its ratio. */
  wardNotes: {
    householdsFromConfig: 'theo trang Cấu hình',
    householdsFromTargets: 'tổng chỉ tiêu của các Tổ dân phố',
    people: '= tổng cột Hợp lệ − tổng cột Trùng đơn vị khác (bảng dưới)',
    rule: 'đạt khi lớn hơn 100%',
  },
  wardMet: 'Đạt tiêu chí',
  wardNotMet: 'Chưa đạt tiêu chí',
  unitsHeading: 'KẾT QUẢ TỪNG ĐƠN VỊ: ĐƠN VỊ ĐẠT KHI SỐ HỢP LỆ TỪ 100% CHỈ TIÊU TRỞ LÊN',
  /** Headers of the per-unit table, by the column's key in SUMMARY_COLUMNS (report-layout.ts). */
  unitColumns: {
    stt: 'Stt',
    code: 'Mã',
    name: 'Đơn vị',
    type: 'Loại',
    target: 'Chỉ tiêu (hộ hoặc người)',
    rows: 'Số dòng',
    valid: 'Hợp lệ',
    coverage: 'Tỷ lệ đạt (Hợp lệ ÷ Chỉ tiêu)',
    errors: 'Lỗi',
    warnings: 'Cần kiểm tra',
    duplicatesWithinUnit: 'Trùng trong đơn vị',
    duplicatesOfOtherUnits: 'Trùng đơn vị khác',
    lastUpdated: 'Cập nhật lần cuối',
    verdict: 'Đánh giá (đạt từ 100%)',
  },
  /** What a target counts, shown after the number: households for a Tổ dân phố, people for others. */
  targetUnit: { households: 'hộ', people: 'người' },
  unitMet: 'Đạt',
  unitNotMet: 'Chưa đạt',
  noRows: 'Chưa báo cáo',
  noTarget: 'Chưa giao chỉ tiêu',
  /** The verdict cell of a unit whose list could not be read. */
  unread: {
    missing: 'Không có trang',
    'header-altered': 'Tiêu đề cột bị sửa',
    'no-file': 'Chưa có tệp',
    unreachable: 'Không mở được tệp',
    trashed: 'Tệp trong thùng rác',
    foreign: 'Tệp không đúng đơn vị',
  },
  total: 'Tổng cộng',
  byTypeHeading: 'THEO LOẠI ĐƠN VỊ',
  /** Headers of the by-type table, by the column's key in BY_TYPE_COLUMNS (report-layout.ts). */
  byTypeColumns: {
    type: 'Loại',
    units: 'Số đơn vị',
    target: 'Chỉ tiêu',
    rows: 'Số dòng',
    valid: 'Hợp lệ',
    coverage: 'Tỷ lệ đạt',
    errors: 'Lỗi',
  },
  chartTitle: 'Tỷ lệ đạt của từng đơn vị',
  protection: 'Trang Tổng hợp: chỉ bộ phận tổng hợp được sửa.',
};

export const consolidateMessages = {
  title: 'Tổng hợp',
  busy: 'Một người khác đang cập nhật tệp này (Tổng hợp, Thiết lập đơn vị hoặc xuất báo cáo). Vui lòng thử lại sau ít phút.',
  report: (rows: number, valid: number, errors: number) =>
    `Đã đọc ${formatCount(rows)} dòng: ${formatCount(valid)} dòng hợp lệ, ${formatCount(errors)} dòng có lỗi (không được tính).`,
  ward: (unique: number, households: number, ratio: string, met: boolean) =>
    `Tỷ lệ của phường: ${formatCount(unique)} người / ${formatCount(households)} hộ = ${ratio}, ` +
    `${met ? 'đạt tiêu chí' : 'chưa đạt tiêu chí (cần lớn hơn 100%)'}.`,
  wardNoHouseholds: (unique: number) =>
    `Đã có ${formatCount(unique)} người cài đặt; chưa tính được tỷ lệ vì số hộ gia đình bằng 0.`,
  /** The closing line that names the units whose list could not be read, by why. */
  unreadUnits: {
    missing: (names: string[]) => `Đơn vị chưa có trang (chạy Thiết lập đơn vị): ${listSome(names)}.`,
    'header-altered': (names: string[]) =>
      `Trang đơn vị bị sửa tiêu đề cột nên chưa tổng hợp (khôi phục tiêu đề: Stt | Họ và tên | Năm sinh | Cơ quan, đơn vị | Nơi ở hiện nay | Ghi chú): ${listSome(names)}.`,
    'no-file': (names: string[]) => `Đơn vị chưa có tệp (chạy Thiết lập đơn vị): ${listSome(names)}.`,
    unreachable: (names: string[]) =>
      `Không mở được tệp của đơn vị (tệp đã bị xóa hẳn, hoặc bạn không còn quyền xem tệp; người tạo các tệp đơn vị chạy lại Thiết lập đơn vị để cấp lại quyền cho bộ phận tổng hợp): ${listSome(names)}.`,
    trashed: (names: string[]) =>
      `Tệp của đơn vị đang ở thùng rác nên chưa tổng hợp (khôi phục tệp trong Google Drive, hoặc xóa ô Tệp của đơn vị trên trang Cấu hình để Thiết lập đơn vị tạo tệp mới): ${listSome(names)}.`,
    foreign: (names: string[]) =>
      `Ô Tệp của đơn vị trên trang Cấu hình dẫn tới tệp không phải của đơn vị nên chưa tổng hợp (xóa ô đó để Thiết lập đơn vị tạo tệp mới): ${listSome(names)}.`,
  },
  /**
   * Issue 25: formulas in the units' data cells, by unit (`cells`: "B8 (IMPORTRANGE)"); their rows are not
   * counted. The second sentence is the clerk's rule.
   */
  formulaCells: (units: readonly { unit: string; cells: readonly string[]; count: number }[]) =>
    `Có công thức ở vùng nhập danh sách (không phải dữ liệu gõ vào, các dòng đó không được tính): ${listSome(
      units.map(
        (u) =>
          `${u.unit}: ${listSome(u.cells, 5)}${u.count > u.cells.length ? ` (tất cả ${formatCount(u.count)} ô)` : ''}`
      ),
      10
    )}. Nhắc đơn vị xóa công thức và gõ lại. Không bao giờ bấm "Cho phép truy cập" (Allow access) trong tệp của đơn vị.`,
  /** Issue 25: rows suspected of repeating another unit's, by unit (`pending`: "Không trùng" to accept). */
  suspected: (units: readonly { unit: string; count: number; pending: number }[]) =>
    `Nghi trùng giữa đơn vị (cùng họ tên và năm sinh với đơn vị khác; không dòng nào bị bỏ, xem cột Cần kiểm tra ` +
    `và Trạng thái của Danh sách tổng hợp): ${listSome(
      units.map(
        (u) =>
          `${u.unit}: ${formatCount(u.count)} dòng${u.pending > 0 ? `, ${formatCount(u.pending)} dòng ghi "Không trùng" chờ chấp nhận` : ''}`
      ),
      10
    )}. Dòng ghi "Không trùng" chỉ được tính riêng khi bộ phận tổng hợp chấp nhận ở Theo dõi và nhắc đơn vị.`,
  /** Issue 25: tabs other than the unit's sheet in a unit's file. */
  otherSheets: (units: readonly { unit: string; sheets: readonly string[] }[]) =>
    `Tệp của đơn vị có thêm trang ngoài trang danh sách (tiện ích không đọc các trang đó; xem trang đó có công thức ` +
    `IMPORTRANGE hay lấy dữ liệu từ nơi khác không và nhắc đơn vị xóa): ${listSome(
      units.map((u) => `${u.unit}: ${u.sheets.map((name) => `"${name}"`).join(', ')}`),
      10
    )}.`,
  officeOnly:
    'Chỉ bộ phận tổng hợp (người được sửa trang Cấu hình) mới chạy được Tổng hợp. Cán bộ đơn vị hãy dùng Kiểm tra dữ liệu.',
  noConfig: 'Chưa có danh sách đơn vị. Hãy điền trang Cấu hình rồi chọn Thiết lập đơn vị.',
  configProblems: (count: number) => `Trang Cấu hình có ${count} lỗi, hãy sửa rồi chạy lại:`,
  /** Figures whose formula failed: never shown as zeros. Which cells and what they read go to `formulaErrorsDetail`. */
  formulaErrors: (sheet: string, count: number) =>
    `Số liệu chưa dùng được: ${formatCount(count)} ô trên trang "${sheet}" không tính ra được, nên các con số ở ` +
    `thông báo này có thể sai; đừng dùng số liệu của lần tổng hợp này. Hãy chọn Smart Hải Phòng → ` +
    `${diagnosticsMessages.menuItem} và gửi kết quả cho người quản trị.`,
  formulaErrorsDetail: (sheet: string, cells: readonly { cell: string; value: string }[]) =>
    `Ô công thức lỗi trên trang "${sheet}": ${listSome(
      cells.map((c) => `${c.cell} (${c.value})`),
      20
    )}`,
};

/** Text for "Thiết lập đơn vị" / "Tổng hợp" / "Kiểm tra dữ liệu" in the menu. */
export const menuMessages = {
  menu: 'Smart Hải Phòng',
  setup: 'Thiết lập đơn vị',
  consolidate: 'Tổng hợp',
  check: 'Kiểm tra dữ liệu',
  importFile: 'Nhập từ tệp',
  unitReport: reportMessages.unitTitle,
  wardReport: 'Lập báo cáo phường',
  notYetConsolidated: 'Chưa tổng hợp. Chọn menu Smart Hải Phòng → Tổng hợp.',
};
