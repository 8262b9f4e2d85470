/**
 * Vietnamese text of the "Kiểm tra" column on unit sheets: a row's verdict in a few words, the
 * column's header and note, and what Thiết lập says about it.
 *
 * The short labels name the problem, never the person; {row} is a row number of the same sheet.
 */
import type { ProblemCode } from '../rows';

export const verdictMessages = {
  header: 'Kiểm tra',
  valid: 'Hợp lệ',
  /** The prefixes are also what the column's colours look for (conditional formatting). */
  errorPrefix: 'Lỗi: ',
  warningPrefix: 'Cần kiểm tra: ',
  separator: '; ',
  headerNote:
    'Cột Kiểm tra là công thức: bảng tính tự kiểm tra từng dòng ngay khi nhập, sửa, dán, sắp xếp hay ' +
    'xóa dòng (trên máy tính, trên điện thoại, trong Excel cũng vậy), theo các quy tắc của Tổng hợp. ' +
    '"Lỗi": dòng chưa được tính, hãy sửa. "Cần kiểm tra": dòng vẫn được tính, xem lại cho chắc. ' +
    'Không gõ vào cột này; cột không thuộc mẫu báo cáo. ' +
    'Chỉ Tổng hợp mới phát hiện: người đã có trong danh sách của đơn vị khác; cùng một người ghi nơi ở ' +
    'theo cách khác ("TDP 5" và "Tổ dân phố số 05") hay gõ dấu theo bảng mã khác; ký hiệu lạ ngoài bàn ' +
    'phím trong họ và tên; ô Năm sinh là số (không phải chữ) mà không phải năm, như 85.',
  /** The hidden columns the verdict's formulas read (headers only a curious reader unhides). */
  columnHeaders: {
    check: 'Kiểm tra',
    checkName: 'Họ và tên (chuẩn hóa)',
    checkYearText: 'Năm sinh (chuẩn hóa)',
    checkResidence: 'Nơi ở (chuẩn hóa)',
    checkYear: 'Năm sinh đọc được',
    checkCodes: 'Mã lỗi',
    checkKey: 'Khóa so trùng',
  },
  helperNote:
    'Cột phụ của cột Kiểm tra (công thức, đã ẩn): không sửa, không xóa. ' +
    'Thiết lập đơn vị sẽ đặt lại nếu cột bị thay đổi.',
  /** Thiết lập: sheets where the columns after Ghi chú already hold something typed, so the column was not added. */
  columnTaken: (sheets: readonly string[]) =>
    `Chưa thêm cột Kiểm tra vì các cột ngay sau Ghi chú đang có dữ liệu: ${sheets.join(', ')}. ` +
    'Chuyển dữ liệu đó sang chỗ khác rồi chạy lại Thiết lập đơn vị.',
};

/** One short label per problem (the sidebar and Tổng hợp give the full explanation). */
export const VERDICT_LABELS: Record<ProblemCode, string> = {
  NAME_REQUIRED: 'thiếu họ và tên',
  NAME_ONE_WORD: 'họ và tên mới có một chữ',
  NAME_INVALID_CHARS: 'họ và tên có ký tự lạ',
  NAME_TOO_LONG: 'họ và tên quá dài',
  NAME_MIXED_SCRIPT: 'họ và tên lẫn chữ nước ngoài',
  YEAR_REQUIRED: 'thiếu năm sinh',
  YEAR_INVALID: 'năm sinh không đúng dạng',
  YEAR_OUT_OF_RANGE: 'năm sinh phải từ {min} đến {max}',
  YEAR_FROM_DATE: 'năm sinh ghi cả ngày',
  AGE_UNDER_14: 'dưới 14 tuổi',
  AGE_OVER_100: 'trên 100 tuổi',
  RESIDENCE_REQUIRED: 'thiếu nơi ở',
  DUPLICATE_IN_UNIT: 'trùng dòng {row}',
  // Never shown in the column: other units' rows are Tổng hợp's to compare.
  DUPLICATE_OTHER_UNIT: 'trùng đơn vị khác',
  FORMULA_CELL: 'ô là công thức, không phải dữ liệu gõ vào',
  FORMULA_FILLED: 'do công thức điền vào, không phải dữ liệu gõ vào',
};
