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
    'Cột Kiểm tra do tiện ích tự ghi mỗi khi có người nhập hoặc dán dữ liệu (kể cả trên điện thoại): ' +
    'kết quả kiểm tra từng dòng theo đúng quy tắc khi văn phòng Tổng hợp. ' +
    '"Lỗi": dòng chưa được tính, hãy sửa. "Cần kiểm tra": dòng vẫn được tính, xem lại cho chắc. ' +
    'Không cần gõ vào cột này: gõ gì vào đây cũng sẽ bị ghi đè. Cột này không thuộc mẫu báo cáo. ' +
    'Người đã có trong danh sách của đơn vị khác chỉ được phát hiện khi văn phòng chạy Tổng hợp.',
  /** Thiết lập: sheets where column G already holds something typed, so the column was not added. */
  columnTaken: (sheets: readonly string[]) =>
    `Chưa thêm cột Kiểm tra vì cột ngay sau Ghi chú đang có dữ liệu: ${sheets.join(', ')}. ` +
    'Chuyển dữ liệu đó sang chỗ khác rồi chạy lại Thiết lập đơn vị.',
};

/** One short label per problem (the sidebar and Tổng hợp give the full explanation). */
export const VERDICT_LABELS: Record<ProblemCode, string> = {
  NAME_REQUIRED: 'thiếu họ và tên',
  NAME_ONE_WORD: 'họ và tên mới có một chữ',
  NAME_INVALID_CHARS: 'họ và tên có ký tự lạ',
  NAME_TOO_LONG: 'họ và tên quá dài',
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
};
