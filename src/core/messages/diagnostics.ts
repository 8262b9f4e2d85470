/** Vietnamese text of "Chẩn đoán (kiểm tra môi trường Google)": the menu item, its dialog and its table. */

export const diagnosticsMessages = {
  menuItem: 'Chẩn đoán (kiểm tra môi trường Google)',
  title: 'Chẩn đoán môi trường Google',
  officeOnly:
    'Chỉ văn phòng (những người được sửa trang Cấu hình) mới chạy được Chẩn đoán. Dữ liệu không bị thay đổi.',
  /** The temporary hidden sheet; a stamp keeps two runs from colliding. */
  scratchSheetName: (stamp: string) => `Chẩn đoán tạm ${stamp}`,
  intro:
    'Tiện ích vừa thử những gì nó dựa vào trên một trang tạm (đã ẩn và đã xoá). Không dữ liệu nào của đơn vị bị thay đổi.',
  allPassed: 'Chẩn đoán xong: mọi phép thử đã chạy.',
  someFailed: (count: number) =>
    `Chẩn đoán xong, ${count} phép thử không chạy được (xem cột Kết quả). Hãy gửi nội dung JSON bên dưới cho người quản trị.`,
  jsonLabel: 'Kết quả dạng JSON (bấm vào ô, chép toàn bộ và gửi cho người quản trị):',
  columns: ['Phép thử', 'Kết quả'] as const,
  rows: {
    locale: 'Ngôn ngữ (locale) của bảng tính',
    spreadsheetTimeZone: 'Múi giờ của bảng tính',
    scriptTimeZone: 'Múi giờ của tập lệnh',
    comma: 'Công thức dùng dấu phẩy , giữa các đối số',
    semicolon: 'Công thức dùng dấu chấm phẩy ; giữa các đối số',
    freshProtection: 'Vùng vừa bảo vệ, chưa đổi người sửa',
    changedProtection: 'Vùng bảo vệ sau khi đổi danh sách người sửa',
    metadata: 'Tìm lại trang đã đổi tên bằng siêu dữ liệu',
    documentLock: 'Khóa tài liệu (tryLock, hasLock, releaseLock)',
    setValues10k: 'Ghi 10.000 ô (setValues)',
    getValues10k: 'Đọc 10.000 ô (getValues)',
    setValues100k: 'Ghi 100.000 ô (setValues)',
    getValues100k: 'Đọc 100.000 ô (getValues)',
    insertSheet: 'Thêm một trang (insertSheet)',
    protect: 'Bảo vệ một vùng (protect)',
    scratchSheet: 'Tạo và ẩn trang tạm',
    cleanup: 'Xoá trang tạm',
  },
  separatorOk: 'dùng được',
  separatorError: (readBack: string) => `lỗi (đọc lại: ${readBack})`,
  editors: (count: number, spreadsheetCount: number) =>
    `${count} người được sửa (bảng tính có ${spreadsheetCount} người được sửa)`,
  editorsKind: {
    'spreadsheet-editors': 'giống hệt người được sửa bảng tính: chưa chặn ai',
    'owner-and-runner': 'chỉ chủ tệp và người chạy',
    indistinguishable:
      'bảng tính chỉ có chủ tệp và người chạy: chưa phân biệt được (hãy chia sẻ thêm một người)',
    other: 'khác với cả hai trường hợp trên',
  } as Record<string, string>,
  yes: 'có',
  no: 'không',
  milliseconds: (ms: string) => `${ms} ms`,
  failed: (detail: string) => `không chạy được: ${detail}`,
  notRun: 'không chạy (một phép thử trước đó lỗi)',
};
