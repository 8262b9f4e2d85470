/** Vietnamese text of "Chẩn đoán lỗi (gửi người quản trị)": the menu item, its dialog and its table. */

export const diagnosticsMessages = {
  menuItem: 'Chẩn đoán lỗi (gửi người quản trị)',
  title: 'Chẩn đoán lỗi',
  officeOnly:
    'Chỉ bộ phận tổng hợp (những người được sửa trang Cấu hình) mới chạy được Chẩn đoán lỗi. Dữ liệu không bị thay đổi.',
  /** The temporary hidden sheet; a stamp keeps two runs from colliding. */
  scratchSheetName: (stamp: string) => `Chẩn đoán tạm ${stamp}`,
  intro:
    'Tiện ích vừa thử những gì nó dựa vào trên một trang tạm (đã ẩn và đã xóa). Không dữ liệu nào của đơn vị bị thay đổi.',
  allPassed: 'Chẩn đoán xong: mọi phép thử đã chạy. Hãy chép mã kết quả ở cuối gửi người quản trị.',
  someFailed: (count: number) =>
    `Chẩn đoán xong, ${count} phép thử không chạy được (xem cột Kết quả). Hãy chép mã kết quả ở cuối gửi người quản trị.`,
  /** The copy-and-send block: the report's codes, which only the administrator reads. */
  jsonLabel: 'Mã kết quả – chép gửi người quản trị qua Zalo',
  jsonHint: 'Bấm vào ô để chọn hết, hoặc bấm Chép.',
  copy: 'Chép',
  columns: ['Phép thử', 'Kết quả'] as const,
  /** Each probe in plain words: the codes behind it are in the copy-and-send block. */
  rows: {
    locale: 'Ngôn ngữ và cách viết số của bảng tính',
    spreadsheetTimeZone: 'Giờ của bảng tính',
    scriptTimeZone: 'Giờ của tiện ích',
    comma: 'Công thức viết với dấu phẩy ( , )',
    semicolon: 'Công thức viết với dấu chấm phẩy ( ; )',
    freshProtection: 'Vùng vừa khóa, chưa chọn người được sửa',
    changedProtection: 'Vùng khóa sau khi chọn người được sửa',
    metadata: 'Nhận ra trang sau khi đổi tên',
    documentLock: 'Chặn hai người chạy cùng lúc',
    setValues10k: 'Ghi 10.000 ô',
    getValues10k: 'Đọc 10.000 ô',
    setValues100k: 'Ghi 100.000 ô',
    getValues100k: 'Đọc 100.000 ô',
    insertSheet: 'Thêm một trang',
    protect: 'Khóa một vùng',
    scratchSheet: 'Tạo và ẩn trang tạm',
    cleanup: 'Xóa trang tạm',
  },
  vietnamese: 'tiếng Việt, như tiện ích cần',
  notVietnamese: 'không phải tiếng Việt',
  vietnamTime: 'giờ Việt Nam',
  notVietnamTime: 'không phải giờ Việt Nam',
  separatorOk: 'dùng được',
  separatorError: 'không dùng được',
  editorsKind: {
    'spreadsheet-editors': 'chưa chặn ai: ai được sửa tệp cũng sửa được',
    'owner-and-runner': 'chỉ chủ tệp và người chạy được sửa',
    indistinguishable:
      'chưa phân biệt được vì tệp mới chỉ có chủ tệp và người chạy (hãy chia sẻ thêm một người rồi chạy lại)',
    other: 'khác với cả hai trường hợp trên',
  } as Record<string, string>,
  yes: 'được',
  no: 'không được',
  works: 'hoạt động',
  doesNotWork: 'không hoạt động',
  /** A duration: "1,2 giây". */
  seconds: (seconds: string) => `${seconds} giây`,
  underTenthOfASecond: 'dưới 0,1 giây',
  failed: 'không chạy được (lý do có trong mã kết quả)',
  notRun: 'không chạy (một phép thử trước đó bị lỗi)',
};
