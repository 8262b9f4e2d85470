import { reportMessages } from './reports';
import { listSome } from './setup';
/** Vietnamese text of "Tổng hợp": the master list, the summary and the menu's report. */

export const masterMessages = {
  sheetName: 'Danh sách tổng hợp',
  title: 'DANH SÁCH TỔNG HỢP NGƯỜI CÀI ĐẶT VÀ ĐĂNG NHẬP ỨNG DỤNG SMART HẢI PHÒNG',
  info: (when: string, rows: number, units: number) =>
    `Tổng hợp lúc ${when}: ${rows} dòng từ ${units} đơn vị. Trang này do văn phòng tạo, không sửa trực tiếp.`,
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
    warnings: 'Cảnh báo',
    statusCode: 'Mã trạng thái',
  },
  statusValid: 'Hợp lệ',
  statusError: (message: string) => `Lỗi: ${message}`,
  statusDuplicateInUnit: (row: number) => `Lỗi: Trùng trong đơn vị với dòng ${row}`,
  statusDuplicateOf: (unitName: string, row: number) => `Trùng với: ${unitName}, dòng ${row}`,
  sourceLink: (tab: string, row: number) => `${tab} - dòng ${row}`,
  protection: 'Danh sách tổng hợp: chỉ văn phòng được sửa.',
};

export const summaryMessages = {
  sheetName: 'Tổng hợp',
  title: (title: string) => `TỔNG HỢP KẾT QUẢ ${title.toLocaleUpperCase('vi')}`,
  consolidatedAt: (when: string) => `Tổng hợp lúc: ${when}`,
  daysLeft: (days: number, deadline: string) => `Còn ${days} ngày đến hạn hoàn thành (${deadline}).`,
  overdue: (deadline: string) => `Quá hạn hoàn thành (${deadline}).`,
  noDeadline: 'Chưa đặt hạn hoàn thành trên trang Cấu hình.',
  wardHeading: 'TIÊU CHÍ CỦA PHƯỜNG: NGƯỜI CÀI ĐẶT / SỐ HỘ GIA ĐÌNH TRÊN 100%',
  wardLabels: ['Số hộ gia đình', 'Số người đã cài đặt (mỗi người tính một lần)', 'Tỷ lệ', 'Đánh giá'],
  wardMet: 'Đạt tiêu chí',
  wardNotMet: 'Chưa đạt tiêu chí',
  unitsHeading: 'KẾT QUẢ TỪNG ĐƠN VỊ',
  /** Headers of the per-unit table, by the column's key in SUMMARY_COLUMNS (report-layout.ts). */
  unitColumns: {
    stt: 'Stt',
    code: 'Mã',
    name: 'Đơn vị',
    type: 'Loại',
    target: 'Chỉ tiêu',
    rows: 'Số dòng',
    valid: 'Hợp lệ',
    coverage: 'Tỷ lệ đạt',
    errors: 'Lỗi',
    warnings: 'Cảnh báo',
    duplicatesWithinUnit: 'Trùng trong đơn vị',
    duplicatesOfOtherUnits: 'Trùng đơn vị khác',
    lastUpdated: 'Cập nhật lần cuối',
    verdict: 'Đánh giá',
  },
  unitMet: 'Đạt',
  unitNotMet: 'Chưa đạt',
  noTarget: 'Chưa giao chỉ tiêu',
  missingSheet: 'Không có trang',
  headerAltered: 'Tiêu đề cột bị sửa',
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
  protection: 'Trang Tổng hợp: chỉ văn phòng được sửa.',
};

export const consolidateMessages = {
  title: 'Tổng hợp',
  busy: 'Một người khác đang cập nhật tệp này (Tổng hợp, Thiết lập đơn vị hoặc xuất báo cáo). Vui lòng thử lại sau ít phút.',
  report: (rows: number, valid: number, errors: number) =>
    `Đã đọc ${rows} dòng: ${valid} dòng hợp lệ, ${errors} dòng có lỗi (không được tính).`,
  ward: (unique: number, households: number, ratio: string, met: boolean) =>
    `Tỷ lệ của phường: ${unique} người / ${households} hộ = ${ratio}, ${met ? 'đạt tiêu chí' : 'chưa đạt tiêu chí'}.`,
  wardNoHouseholds: (unique: number) =>
    `Đã có ${unique} người cài đặt; chưa tính được tỷ lệ vì số hộ gia đình bằng 0.`,
  missingUnits: (names: string[]) => `Đơn vị chưa có trang (chạy Thiết lập đơn vị): ${listSome(names)}.`,
  alteredUnits: (names: string[]) =>
    `Trang đơn vị bị sửa tiêu đề cột nên chưa tổng hợp (khôi phục tiêu đề: Stt | Họ và tên | Năm sinh | Cơ quan, đơn vị | Nơi ở hiện nay | Ghi chú): ${listSome(names)}.`,
  officeOnly:
    'Chỉ văn phòng (người được sửa trang Cấu hình) mới chạy được Tổng hợp. Cán bộ đơn vị hãy dùng Kiểm tra dữ liệu.',
  noConfig: 'Chưa có danh sách đơn vị. Hãy điền trang Cấu hình rồi chọn Thiết lập đơn vị.',
  configProblems: (count: number) => `Trang Cấu hình có ${count} lỗi, hãy sửa rồi chạy lại:`,
  /** Figures whose formula failed: never shown as zeros. */
  formulaErrors: (sheet: string, cells: readonly { cell: string; value: string }[]) =>
    `Số liệu chưa dùng được: ${cells.length} ô công thức trên trang "${sheet}" bị lỗi (${listSome(
      cells.map((c) => `${c.cell}: ${c.value}`),
      5
    )}), nên các con số ở thông báo này có thể sai. Hãy chọn Smart Hải Phòng → Chẩn đoán (kiểm tra môi trường Google) và gửi kết quả cho người quản trị; đừng dùng số liệu của lần tổng hợp này.`,
};

/** Text for "Thiết lập đơn vị" / "Tổng hợp" / "Kiểm tra dữ liệu" in the menu. */
export const menuMessages = {
  menu: 'Smart Hải Phòng',
  setup: 'Thiết lập đơn vị',
  consolidate: 'Tổng hợp',
  check: 'Kiểm tra dữ liệu',
  importFile: 'Nhập từ tệp',
  unitReport: reportMessages.unitTitle,
  wardReport: reportMessages.wardTitle,
  unexpected: (detail: string) =>
    `Đã xảy ra lỗi ngoài dự kiến (${detail}). Dữ liệu đã nhập của các đơn vị không bị thay đổi; hãy thử lại, nếu vẫn lỗi thì báo cho người quản trị.`,
  notYetConsolidated: 'Chưa tổng hợp. Chọn menu Smart Hải Phòng → Tổng hợp.',
};
