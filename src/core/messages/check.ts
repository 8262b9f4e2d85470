/** Vietnamese text of the server side of "Kiểm tra dữ liệu" and `tonghop check`. */
export const checkMessages = {
  title: 'Kiểm tra dữ liệu',
  badRequest: 'Yêu cầu không hợp lệ. Hãy đóng và mở lại thanh Kiểm tra dữ liệu.',
  noConfig: 'Chưa có danh sách đơn vị. Bộ phận tổng hợp cần điền trang Cấu hình và chọn Thiết lập đơn vị.',
  configProblems: 'Trang Cấu hình đang có lỗi; bộ phận tổng hợp cần sửa rồi chạy lại Thiết lập đơn vị.',
  unknownUnit: (code: string) => `Không có đơn vị mã "${code}" trong trang Cấu hình.`,
  /** Each unit has a file of its own: the sidebar checks one unit at a time. */
  chooseUnit:
    'Chọn đơn vị cần kiểm tra: mỗi đơn vị nhập vào tệp riêng, tiện ích mở tệp của đơn vị được chọn.',
  allUnitsPerFile:
    'Mỗi đơn vị nhập vào tệp riêng nên mỗi lần chỉ kiểm tra một đơn vị; muốn xem tất cả đơn vị, hãy chạy Tổng hợp.',
  /** A unit whose list could not be read: why, and what to do. */
  unread: {
    missing: (name: string) => `${name} chưa có trang. Bộ phận tổng hợp cần chạy Thiết lập đơn vị.`,
    'header-altered': (name: string) =>
      `Trang của ${name} bị sửa tiêu đề cột; hãy khôi phục: Stt | Họ và tên | Năm sinh | Cơ quan, đơn vị | Nơi ở hiện nay | Ghi chú.`,
    'no-file': (name: string) => `${name} chưa có tệp. Bộ phận tổng hợp cần chạy Thiết lập đơn vị.`,
    unreachable: (name: string) =>
      `Không mở được tệp của ${name}: tệp đã bị xóa hẳn, hoặc bạn không còn quyền xem tệp.`,
    trashed: (name: string) => `Tệp của ${name} đang ở thùng rác; hãy khôi phục tệp trong Google Drive.`,
    foreign: (name: string) =>
      `Ô Tệp của đơn vị của ${name} trên trang Cấu hình dẫn tới tệp không phải của đơn vị này.`,
  },
  notConfirmed: 'Chưa xác nhận nên chưa sửa gì.',
  /** After what went wrong while fixes were written. */
  retryApply: 'Hãy bấm “Kiểm tra lại” để xem bảng tính hiện tại rồi thử lại.',
  busy: 'Bộ phận tổng hợp đang chạy Tổng hợp. Vui lòng thử lại sau ít phút.',
  noPermission: 'Bạn không có quyền sửa trang này, nên chưa có gì bị thay đổi.',
  applied: (applied: number, skipped: number) =>
    `Đã sửa ${applied} ô.` +
    (skipped > 0 ? ` Bỏ qua ${skipped} ô vì đã có người sửa sau khi xem trước.` : '') +
    ' Có thể hoàn tác bằng Tệp → Lịch sử phiên bản của Google Trang tính.',
  nothingToFix: 'Không có gì cần sửa tự động.',
  cliUnit: (code: string, rows: number, valid: number, errors: number, warnings: number) =>
    `${code}: ${rows} dòng, ${valid} hợp lệ, ${errors} lỗi, ${warnings} cần kiểm tra.`,
  cliProblem: (unit: string, row: number, column: string, level: string, message: string) =>
    `  ${unit} dòng ${row}, ${column} [${level}]: ${message}`,
  cliFix: (unit: string, row: number, column: string, before: string, after: string) =>
    `  ${unit} dòng ${row}, ${column}: "${before}" → "${after}"`,
  cliFixCount: (count: number) => `Sửa tự động: ${count} ô.`,
};
