/** Vietnamese text of the local `tonghop` command. */
import { reportMessages } from './reports';
import { listSome } from './setup';
export const cliMessages = {
  usage: [
    'Cách dùng: tonghop <lệnh> <tệp.xlsx> [tùy chọn]',
    '  init <tệp.xlsx> [--units <don-vi.csv>] [--shared]   tạo bảng tính mới có trang Cấu hình (--shared: mọi đơn vị nhập chung một tệp)',
    '  setup <tệp.xlsx>                          Thiết lập đơn vị',
    '  run <tệp.xlsx> [--out <tệp.xlsx>]         Tổng hợp',
    '  check <tệp.xlsx> [--unit MÃ] [--fix]       Kiểm tra dữ liệu',
    reportMessages.cliUsage,
    '  report <tệp.xlsx> --ward --csv <tệp.csv>  số liệu gửi thành phố (mỗi đơn vị một dòng, không có tên người dân)',
    '  guide <tệp.xlsx> --unit MÃ --pdf <tệp.pdf>   Hướng dẫn một trang cho cán bộ đơn vị (gửi qua Zalo)',
    '  import <tệp.xlsx> --unit MÃ --from <tệp của đơn vị>   Nhập từ tệp (.xlsx/.csv)',
    '  remind <tệp.xlsx>                         Nhắc đơn vị (theo số liệu lần run gần nhất)',
    '  review <tệp.xlsx> --unit MÃ --accept | --return "ghi chú"   Duyệt / Trả lại danh sách của đơn vị',
    '  close <tệp.xlsx> --yes                    Kết thúc đợt báo cáo: xóa danh sách người dân, giữ số liệu',
    '  demo [thư mục]                            chạy thử trên bảng tính mẫu, ghi vào thư mục (mặc định: demo)',
    'Mỗi đơn vị một tệp (mặc định của init): setup ghi tệp của từng đơn vị vào thư mục <tệp>-don-vi/ bên cạnh;',
    '  run, check, import, report đọc các tệp trong thư mục đó (--units-dir <thư mục> để đọc thư mục khác).',
    'Tùy chọn chung: --json in kết quả dạng JSON ra stdout.',
    'setup, run: --trace <tệp.jsonl> ghi mỗi lần gọi dịch vụ một dòng JSON (thời gian mô phỏng theo Google).',
  ].join('\n'),
  unknownCommand: (command: string) =>
    `Lệnh "${command}" không có. Dùng: init, setup, run, check, report, guide, import, remind, review, close.`,
  missingFile: 'Thiếu đường dẫn tệp .xlsx.',
  missingOptionValue: (option: string) => `Tùy chọn ${option} cần một giá trị.`,
  unknownOption: (option: string) => `Tùy chọn "${option}" không có.`,
  fileNotFound: (path: string) => `Không tìm thấy tệp "${path}".`,
  notAWorkbook: (path: string) => `Tệp "${path}" không phải bảng tính .xlsx hợp lệ.`,
  /** Issue 25: the office's workbook beyond OFFICE_BOOK_LIMITS (src/shared/xlsx-guard.ts). */
  beyondLimits: (path: string) =>
    `Tệp "${path}" không được đọc: khi giải nén quá lớn so với bảng tính của bộ phận tổng hợp (hơn 512 MB, ` +
    '10.000.000 ô như giới hạn của Google Trang tính, hoặc 2.000 phần). Không có gì bị thay đổi.',
  fileExists: (path: string) => `Tệp "${path}" đã có; để thiết lập tệp này, dùng: tonghop setup "${path}".`,
  fileLocked: (path: string) =>
    `Tệp "${path}" đang được mở (Excel, LibreOffice hoặc một lệnh tonghop khác). Hãy đóng tệp rồi chạy lại.`,
  cannotWrite: (path: string) => `Không ghi được tệp "${path}" (không có quyền hoặc thư mục không tồn tại).`,
  csvMissingColumns: (columns: string[]) => `Tệp CSV thiếu cột: ${columns.join(', ')}.`,
  reading: (path: string) => `Đang đọc ${path}…`,
  running: (action: string) => `Đang chạy ${action}…`,
  saving: (path: string) => `Đang lưu ${path}…`,
  saved: (path: string) => `Đã lưu ${path}.`,
  notes: 'Ghi chú khi lưu .xlsx:',
  /** Progress on stderr: a bar on a terminal, a plain line otherwise. */
  progressBar: (label: string, bar: string, percent: number, done: number, total: number) =>
    `${label} ${bar} ${percent}% (${done}/${total})`,
  progressLine: (label: string, percent: number, done: number, total: number) =>
    `${label}: ${percent}% (${done}/${total})`,
  progressStep: (label: string) => `${label}…`,
  progressReading: 'Đọc tệp .xlsx, trang tính',
  progressSaving: 'Lưu tệp .xlsx, trang tính',
  progressAction: (action: string) => `Đang chạy ${action}`,
  progressJson: 'Ghi kết quả JSON',
};

/** What `npm start` says while it runs the demo. */
export const demoMessages = {
  step: (command: string, menuItem?: string) => `\n== ${command}${menuItem ? `   (menu ${menuItem})` : ''}`,
  typing: 'Các đơn vị nhập danh sách vào tệp của mình rồi gửi lại…',
  typed: (rows: number, units: number) => `Đã nhập ${rows} dòng vào ${units} tệp đơn vị.`,
  done: (workbook: string, pdfs: string[], unitsDir: string) =>
    [
      `\nBảng tính demo: ${workbook}`,
      `Tệp của từng đơn vị: ${unitsDir}`,
      `Báo cáo PDF: ${pdfs.join(', ')}`,
      'Mở bằng Excel/LibreOffice, hoặc thử tiếp:',
      `  npx tonghop check ${workbook} --unit TDP01     (Kiểm tra dữ liệu một đơn vị)`,
      `  npx tonghop run ${workbook} --json             (Tổng hợp, kết quả dạng JSON)`,
    ].join('\n'),
};

const quoted = (names: readonly string[]) => listSome(names.map((name) => `"${name}"`));

/**
 * What the commands say about the folder of units' files (Cách tổ chức: Mỗi đơn vị một tệp): which file
 * was taken for a unit, which were left aside and why. Files are named as they are in the folder.
 */
export const unitFolderMessages = {
  reading: (dir: string, files: number) => `Đang đọc ${files} tệp trong thư mục tệp đơn vị ${dir}…`,
  noFolder: (dir: string, units: readonly string[]) =>
    `Không có thư mục tệp đơn vị "${dir}" nên chưa đọc được tệp của: ${listSome(units)} (tính 0 người). ` +
    'Chỉ thư mục chứa các tệp đơn vị bằng --units-dir.',
  duplicate: (unit: string, used: string, others: readonly string[]) =>
    `Có ${others.length + 1} tệp của ${unit}: dùng "${used}" (lưu sau cùng), bỏ qua ${quoted(others)}.`,
  otherWard: (names: readonly string[]) => `Tệp của phường khác, bỏ qua: ${quoted(names)}.`,
  notTonghop: (names: readonly string[]) =>
    `Tệp không do tonghop tạo (trong tệp không có mã đơn vị), bỏ qua: ${quoted(names)}.`,
  unreadable: (names: readonly string[]) =>
    `Không đọc được tệp (không phải .xlsx hợp lệ), bỏ qua: ${quoted(names)}.`,
  /** Issue 25: beyond what a unit's list can be once unzipped (src/shared/xlsx-guard.ts UNIT_FILE_LIMITS). */
  tooLarge: (names: readonly string[]) =>
    `Tệp quá lớn so với danh sách của một đơn vị khi giải nén (hơn 64 MB, 1.000.000 ô hoặc 300 phần; có thể là tệp ` +
    `bị làm hỏng có chủ ý), không đọc, bỏ qua: ${quoted(names)}. Các tệp khác vẫn được tổng hợp.`,
  unlisted: (names: readonly string[]) =>
    `Tệp của đơn vị không có trong trang Cấu hình, bỏ qua: ${quoted(names)}.`,
  unlinked: (names: readonly string[]) =>
    `Tệp của đơn vị mà ô Tệp của đơn vị trên trang Cấu hình đang trống, bỏ qua: ${quoted(names)}.`,
  missing: (dir: string, units: readonly string[]) =>
    `Thư mục "${dir}" không có tệp của: ${listSome(units)}. Khi tổng hợp, các đơn vị này được tính 0 người; ` +
    'nếu tệp đã mất hẳn, xóa ô Tệp của đơn vị của đơn vị đó trên trang Cấu hình rồi chạy tonghop setup để tạo tệp mới.',
  writtenFiles: (count: number, dir: string) => `Đã ghi ${count} tệp đơn vị vào thư mục ${dir}.`,
  checkEachUnit: 'Mỗi đơn vị một tệp: kiểm tra lần lượt tệp của từng đơn vị.',
};
