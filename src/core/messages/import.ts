/**
 * Vietnamese text of "Nhập từ tệp" (src/core/import.ts, src/gas/import-server.ts, the sidebar's import
 * screen and `tonghop import`). Bundled into the browser page too, so it stays plain data and small
 * formatting functions.
 */

/** 1234 → "1.234" (the same grouping as the sidebar's). */
function count(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const ACCEPTED = 'tệp Excel (.xlsx) hoặc CSV (.csv)';

export const importMessages = {
  title: 'Nhập từ tệp',
  intro: 'Nhập danh sách do đơn vị gửi qua Zalo (Excel hoặc CSV) vào trang của đơn vị, không phải gõ lại.',
  backToCheck: 'Kiểm tra dữ liệu',
  openImport: 'Nhập danh sách từ tệp Excel/CSV',
  unitLabel: 'Nhập vào trang của đơn vị',
  chooseUnit: '— Chọn đơn vị —',
  fileLabel: 'Tệp danh sách (.xlsx hoặc .csv, tối đa 10 MB)',
  chooseFile: 'Chọn tệp…',
  noFileChosen: 'Chưa chọn tệp',
  fileHint:
    'Tệp cần có dòng tiêu đề cột như mẫu: Họ và tên, Năm sinh, Cơ quan, đơn vị, Nơi ở hiện nay (có dấu hay không đều được, thứ tự nào cũng được).',

  // Bad files: said before anything is sent to the server.
  tooLarge: (mb: string) =>
    `Tệp nặng ${mb} MB, quá giới hạn 10 MB. Hãy gửi tệp chỉ gồm danh sách, không kèm ảnh.`,
  wrongType: (name: string) =>
    `Tệp “${name}” không phải ${ACCEPTED}. Với tệp Excel cũ (.xls), hãy mở bằng Excel rồi chọn Lưu thành → .xlsx.`,
  /** .xls (Excel 97–2003) and .ods (LibreOffice): how to save them as .xlsx. */
  oldExcel: (name: string) =>
    `Tệp “${name}” là tệp Excel cũ (Excel 97–2003, .xls), tiện ích không đọc được. Hãy mở tệp bằng Excel, chọn Tệp → Lưu thành, ở “Kiểu tệp” chọn “Sổ làm việc Excel (*.xlsx)”, rồi chọn lại tệp .xlsx đó.`,
  openDocument: (name: string) =>
    `Tệp “${name}” là bảng tính LibreOffice (.ods), tiện ích không đọc được. Hãy mở tệp bằng LibreOffice Calc, chọn Tệp → Lưu thành, ở “Kiểu tệp” chọn “Excel 2007-365 (.xlsx)”, rồi chọn lại tệp .xlsx đó.`,
  unreadable: (name: string) =>
    `Không đọc được tệp “${name}”: tệp bị hỏng hoặc không thật sự là ${ACCEPTED}. Hãy mở tệp bằng Excel, lưu lại rồi chọn lại.`,
  emptyFile: (name: string) => `Tệp “${name}” không có dữ liệu.`,
  /**
   * Issue 25: a file beyond what a unit's list can be once unzipped (src/shared/xlsx-guard.ts): refused before
   * any spreadsheet library reads it.
   */
  beyondLimits: (name: string, what: 'parts' | 'bytes' | 'cells', limit: string) =>
    `Tệp “${name}” không được đọc: ${
      what === 'cells'
        ? `có hơn ${limit} ô`
        : what === 'bytes'
          ? `khi giải nén lớn hơn ${limit} MB`
          : `gồm hơn ${limit} phần`
    }, quá lớn so với danh sách của một đơn vị (có thể là tệp bị làm hỏng có chủ ý). ` +
    'Không có gì bị thay đổi. Hãy nhờ đơn vị mở tệp bằng Excel, chép riêng bảng danh sách sang một tệp mới rồi gửi lại.',
  /** Issue 25: formula cells of the file, whose cached results were not taken. */
  formulaCells: (cells: readonly string[], more: number) =>
    `Tệp có ô công thức (${cells.join(', ')}${more > 0 ? ` và ${count(more)} ô khác` : ''}): ` +
    'kết quả lưu sẵn của công thức không phải dữ liệu gõ vào nên không được nhập (các ô đó để trống). ' +
    'Hãy nhờ đơn vị gõ lại giá trị vào các ô đó.',
  tooManyRows: (max: number) =>
    `Tệp có hơn ${count(max)} dòng, quá nhiều cho một lần nhập (tối đa ${count(max)} người một tệp). ` +
    'Hãy chia danh sách thành nhiều tệp nhỏ hơn rồi nhập lần lượt.',
  tooManyPeople: (people: number, max: number) =>
    `Tệp có ${count(people)} người, quá giới hạn ${count(max)} người cho một lần nhập. ` +
    'Hãy chia danh sách thành nhiều tệp nhỏ hơn rồi nhập lần lượt.',
  /** The packed table is still over what one request to the server should carry (google.script.run). */
  tooLargeToSend: (mb: string, maxMb: string) =>
    `Danh sách trong tệp quá lớn để gửi một lần (${mb} MB sau khi nén, tối đa ${maxMb} MB). ` +
    'Hãy chia danh sách thành nhiều tệp nhỏ hơn rồi nhập lần lượt.',
  /** Under the preview's list when it shows only part of a long file. */
  rowsOmitted: (shown: number, total: number) =>
    `Chỉ hiện ${count(shown)} trong ${count(total)} dòng (dòng có lỗi, cần kiểm tra hoặc đã có được hiện trước). ` +
    'Các số ở trên tính cả những dòng không hiện.',

  // The table's content (src/core/import.ts).
  empty: 'Tệp không có dữ liệu: trang tính đầu tiên của tệp đang trống.',
  noHeader:
    'Không tìm thấy dòng tiêu đề cột trong 20 dòng đầu của tệp. Tệp cần có cột “Họ và tên” và ít nhất một trong hai cột ' +
    '“Năm sinh” hoặc “Nơi ở hiện nay” (viết hoa, thường, có dấu hay không dấu đều được). ' +
    'Hãy thêm dòng tiêu đề này vào trên danh sách rồi chọn lại tệp.',
  noRows: (headerRow: number) =>
    `Tệp có dòng tiêu đề cột (dòng ${count(headerRow)}) nhưng chưa có người nào ở bên dưới.`,

  // The server.
  badRequest: 'Yêu cầu không hợp lệ. Hãy đóng và mở lại thanh bên rồi thử lại.',
  noUnitChosen: 'Hãy chọn đơn vị sẽ nhận danh sách.',
  notConfirmed: 'Chưa xác nhận nên chưa nhập gì.',
  /** After what went wrong while rows were written. */
  retryImport: 'Hãy chọn lại tệp để xem trang hiện tại rồi thử lại.',
  busy: 'Bảng tính đang bận (có người đang Tổng hợp hoặc nhập dữ liệu). Vui lòng thử lại sau ít phút.',
  noPermission: 'Bạn không có quyền sửa trang của đơn vị này, nên chưa có gì được nhập.',
  nothingNew: (present: number) =>
    `Không có dòng mới nào để nhập: ${count(present)} người trong tệp đã có trong trang của đơn vị.`,

  // What each row will become.
  alreadyInSheet: (row: number) => `Đã có ở dòng ${count(row)} của trang đơn vị: sẽ bỏ qua.`,
  repeatedInFile: (fileRow: number) => `Trùng với dòng ${count(fileRow)} của tệp: chỉ nhập một lần.`,
  status: {
    valid: 'Hợp lệ',
    warning: 'Cần kiểm tra',
    error: 'Lỗi',
    present: 'Đã có',
  },

  previewSummary: (c: {
    toImport: number;
    errors: number;
    warnings: number;
    present: number;
    ignored: number;
  }) =>
    `Sẽ nhập ${count(c.toImport)} dòng` +
    (c.errors > 0 || c.warnings > 0
      ? ` (${[
          c.errors > 0 && `${count(c.errors)} có lỗi`,
          c.warnings > 0 && `${count(c.warnings)} cần kiểm tra`,
        ]
          .filter(Boolean)
          .join(', ')})`
      : '') +
    (c.present > 0 ? `; bỏ qua ${count(c.present)} dòng đã có` : '') +
    (c.ignored > 0 ? `; bỏ qua ${count(c.ignored)} dòng không phải danh sách (số thứ tự cột, chữ ký…)` : '') +
    '.',
  imported: (r: {
    imported: number;
    present: number;
    withErrors: number;
    sheet: string;
    firstRow: number;
    lastRow: number;
  }) =>
    `Đã nhập ${count(r.imported)} dòng vào trang “${r.sheet}”` +
    (r.imported > 0 ? ` (dòng ${count(r.firstRow)}–${count(r.lastRow)})` : '') +
    '.' +
    (r.present > 0 ? ` Bỏ qua ${count(r.present)} dòng đã có.` : '') +
    (r.withErrors > 0
      ? ` ${count(r.withErrors)} dòng có lỗi: đơn vị cần sửa trong trang (xem Kiểm tra dữ liệu).`
      : '') +
    ' Có thể hoàn tác bằng Tệp → Lịch sử phiên bản.',

  // The sidebar's import screen.
  previewHeading: 'Xem trước',
  columnsFound: 'Các cột đã nhận ra',
  columnFrom: (label: string, fileLabel: string, column: string) =>
    `${label} ← “${fileLabel}” (cột ${column})`,
  headerAt: (row: number) => `Tiêu đề cột ở dòng ${count(row)} của tệp.`,
  counts: {
    toImport: 'Sẽ nhập',
    valid: 'Hợp lệ',
    errors: 'Có lỗi',
    warnings: 'Cần kiểm tra',
    present: 'Đã có, bỏ qua',
  },
  rowPlace: (fileRow: number, sheetRow: number | null) =>
    `Dòng ${count(fileRow)} của tệp` + (sheetRow === null ? '' : ` → dòng ${count(sheetRow)}`),
  errorsStillImported:
    'Dòng có lỗi vẫn được nhập, để đơn vị thấy và sửa ngay trong trang của mình. Người đã có trong trang được bỏ qua.',
  importButton: (n: number) => `Nhập ${count(n)} dòng`,
  cancel: 'Hủy',
  cancelled: 'Đã hủy, bảng tính không thay đổi.',
  openCheck: 'Kiểm tra dữ liệu đơn vị này',
  emptyValue: '(trống)',
  busyStatus: {
    readFile: 'Đang đọc tệp…',
    previewImport: 'Đang đối chiếu với trang của đơn vị…',
    importRows: 'Đang nhập…',
  },
  failure: {
    previewImport: 'Chưa xem trước được tệp. Vui lòng thử lại sau ít phút.',
    importRows: 'Chưa nhập được. Hãy chọn lại tệp để xem trang hiện tại rồi thử lại.',
  },

  // `tonghop import`.
  cliMissingUnit: 'Thiếu --unit MÃ: đơn vị sẽ nhận danh sách.',
  cliMissingFrom: 'Thiếu --from <tệp của đơn vị>: tệp .xlsx hoặc .csv đơn vị gửi.',
  cliPreview: (
    unit: string,
    c: { rows: number; toImport: number; present: number; errors: number; warnings: number }
  ) =>
    `${unit}: tệp có ${count(c.rows)} dòng; nhập ${count(c.toImport)}, bỏ qua ${count(c.present)} dòng đã có; ` +
    `${count(c.errors)} có lỗi, ${count(c.warnings)} cần kiểm tra.`,
  cliRow: (fileRow: number, sheetRow: number | null, status: string, message: string) =>
    `  dòng ${fileRow} của tệp${sheetRow === null ? '' : ` → dòng ${sheetRow}`} [${status}]: ${message}`,
};
