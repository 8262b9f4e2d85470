/**
 * All user-facing Vietnamese text of the row rules (src/core/text.ts, rows.ts, duplicates.ts, fixes.ts):
 * column labels, problem levels and problem messages.
 *
 * Each message says what is wrong and how to fix it, in plain words for the staff of a unit. The
 * placeholders in braces are filled by `problemMessage` (src/core/rows.ts):
 * - {value}: what was typed in the cell (never the person's name),
 * - {min}, {max}: the accepted birth years (1900 and the current year),
 * - {year}, {age}, {date}: the birth year, the age it gives, a full birth date,
 * - {length}: the length of the name, in characters,
 * - {row}: a row number of the sheet, {unit}: the name of another unit,
 * - {cell}: a cell of the sheet (B8), {function}: " (IMPORTRANGE)", the function a formula there calls, or ''.
 */
import type { ProblemCode, ProblemLevel, RowColumn } from '../row-codes';

/** The column headings of the official form (+ our "Ghi chú"). */
export const ROW_COLUMN_LABELS: Record<RowColumn, string> = {
  stt: 'Stt',
  name: 'Họ và tên',
  birthYear: 'Năm sinh',
  organisation: 'Cơ quan, đơn vị',
  residence: 'Nơi ở hiện nay',
  note: 'Ghi chú',
};

/** How a problem level is shown. */
export const PROBLEM_LEVEL_LABELS: Record<ProblemLevel, string> = {
  error: 'Lỗi',
  warning: 'Cần kiểm tra',
  info: 'Lưu ý',
};

export const ROW_PROBLEM_MESSAGES: Record<ProblemCode, string> = {
  NAME_REQUIRED: 'Chưa có họ và tên: nhập đầy đủ họ và tên của người đã cài ứng dụng, ví dụ Nguyễn Văn An.',
  NAME_ONE_WORD:
    'Họ và tên mới có một chữ: nhập đầy đủ cả họ và tên, cách nhau bằng dấu cách, ví dụ Nguyễn Văn An.',
  NAME_INVALID_CHARS:
    "Họ và tên có ký tự không được dùng: chỉ gõ chữ cái (có dấu), dấu cách, dấu nháy (') hoặc dấu gạch nối (-). " +
    'Xóa các chữ số, dấu bằng (=), dấu cộng (+), dấu ngoặc và các ký hiệu khác, rồi gõ lại họ và tên.',
  NAME_TOO_LONG:
    'Họ và tên dài {length} ký tự, quá {max} ký tự cho phép: chỉ ghi họ và tên trong ô này; ' +
    'nếu cần ghi thêm thông tin, hãy ghi vào cột Ghi chú.',
  NAME_MIXED_SCRIPT:
    'Họ và tên có chữ của bảng chữ cái khác (chữ Nga, chữ Hy Lạp…) trông giống chữ tiếng Việt: ' +
    'xóa họ và tên rồi gõ lại bằng bàn phím tiếng Việt.',
  YEAR_REQUIRED: 'Chưa có năm sinh: nhập năm sinh đủ 4 chữ số, từ {min} đến {max}, ví dụ 1985.',
  YEAR_INVALID:
    'Năm sinh “{value}” không hợp lệ: chỉ nhập năm sinh đủ 4 chữ số, từ {min} đến {max}, ví dụ 1985.',
  YEAR_OUT_OF_RANGE: 'Năm sinh {value} không hợp lệ: nhập năm sinh đủ 4 chữ số, từ {min} đến {max}.',
  YEAR_FROM_DATE:
    'Ô Năm sinh đang ghi cả ngày sinh ({date}): bảng tổng hợp chỉ lấy năm sinh {year}. ' +
    'Nên sửa ô này thành {year} (có thể dùng chức năng Sửa tự động).',
  AGE_UNDER_14:
    'Sinh năm {year} (khoảng {age} tuổi) là chưa đủ 14 tuổi để tự đăng ký tài khoản định danh điện tử: ' +
    'kiểm tra lại năm sinh. Nếu năm sinh đúng thì giữ nguyên, dòng này vẫn được tính.',
  AGE_OVER_100:
    'Sinh năm {year} là đã {age} tuổi, trên 100 tuổi: kiểm tra lại xem năm sinh có gõ nhầm không. ' +
    'Nếu năm sinh đúng thì giữ nguyên, dòng này vẫn được tính.',
  RESIDENCE_REQUIRED:
    'Chưa có nơi ở hiện nay: nhập nơi ở của người này, ví dụ “Tổ dân phố số 5” hoặc số nhà, tên đường.',
  DUPLICATE_IN_UNIT:
    'Người này đã có ở dòng {row} của danh sách này (trùng họ và tên, năm sinh và nơi ở): xóa dòng bị lặp. ' +
    'Nếu đây là hai người khác nhau trùng tên, ghi “Không trùng” vào cột Ghi chú.',
  DUPLICATE_OTHER_UNIT:
    'Người này đã có trong danh sách của {unit} (dòng {row}): dòng này vẫn được tính cho đơn vị mình, ' +
    'nhưng trong tổng số của phường người này chỉ được tính một lần. ' +
    'Nếu đây là hai người khác nhau trùng tên, ghi “Không trùng” vào cột Ghi chú.',
  FORMULA_CELL:
    'Ô {cell} là công thức{function}, không phải dữ liệu gõ vào: dòng này không được tính. ' +
    'Xóa công thức rồi gõ lại họ và tên, năm sinh, nơi ở vào ô.',
  FORMULA_FILLED:
    'Dòng này có thể do công thức ở ô {cell} điền vào, không phải dữ liệu gõ vào: không được tính. ' +
    'Xóa công thức ở ô {cell} rồi gõ lại danh sách.',
};
