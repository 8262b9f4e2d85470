/**
 * Issue 20: the leaders' file (figures only), the export for the city, the notice of what the data serve,
 * and the end of the campaign. Every string people see about them.
 */

export const leadersMessages = {
  /** "Mục đích thu thập" of a new Cấu hình (and of a blank cell). */
  purposeDefault:
    'Mục đích thu thập: họ tên, năm sinh, nơi ở trong danh sách này chỉ dùng để báo cáo kết quả cài đặt ứng dụng Smart Hải Phòng theo công văn của Ủy ban nhân dân phường; chỉ đơn vị nhập và bộ phận tổng hợp của phường được xem; danh sách sẽ được xóa khi kết thúc đợt báo cáo.',
  purposeNote:
    'In dưới tiêu đề của mọi trang, tệp đơn vị và báo cáo, để người dân và cán bộ biết dữ liệu dùng vào việc gì. Để trống thì dùng câu mặc định.',
  leadersNote:
    'Email của lãnh đạo (cách nhau bằng dấu phẩy): Thiết lập đơn vị chia sẻ cho họ tệp lãnh đạo, chỉ được xem, chỉ có số liệu, không có tên người dân. Lãnh đạo không cần quyền mở tệp này.',
  leadersFileNote:
    'Đường dẫn tệp lãnh đạo, do Thiết lập đơn vị tạo và ghi vào; mỗi lần Tổng hợp xong tiện ích cập nhật tệp đó. Không sửa ô này.',
  closedNote: 'Do mục Kết thúc đợt báo cáo ghi: thời điểm xóa danh sách và tài khoản đã thực hiện.',
  leadersFileInvalid: (value: string) =>
    `Tệp lãnh đạo "${value}" không phải đường dẫn một bảng tính Google; để trống để Thiết lập đơn vị tạo tệp mới.`,

  /** The leaders' file on Drive: "Phường Hải Dương - Tổng hợp (lãnh đạo)". */
  fileName: (ward: string) => `${ward} - Tổng hợp (lãnh đạo)`,
  summarySheet: 'Tổng hợp',
  notYetConsolidated: 'Chưa có số liệu: tệp được cập nhật sau mỗi lần Tổng hợp của bộ phận tổng hợp.',
  citySheet: 'Số liệu gửi thành phố',
  stagingSummary: 'Tổng hợp (đang lập)',
  stagingCity: 'Số liệu gửi thành phố (đang lập)',
  retiredSummary: 'Tổng hợp (cũ)',
  retiredCity: 'Số liệu gửi thành phố (cũ)',
  /** What Google's invitation says to a leader. */
  invitation: (ward: string, title: string) =>
    `${ward} chia sẻ với đồng chí tệp số liệu tổng hợp "${title}": tỷ lệ của phường và của từng đơn vị, cập nhật sau mỗi lần Tổng hợp. Tệp chỉ có số liệu, không có danh sách người dân.`,

  // The city's export: one row per unit, then the ward's line.
  cityTitle: (title: string) => `SỐ LIỆU GỬI THÀNH PHỐ - ${title.toLocaleUpperCase('vi')}`,
  cityAt: (at: string) => `Số liệu của lần Tổng hợp lúc ${at}; mỗi người chỉ tính một lần cho phường.`,
  cityHeaders: [
    'Mã đơn vị',
    'Tên đơn vị',
    'Loại',
    'Chỉ tiêu',
    'Số dòng',
    'Hợp lệ',
    'Tính cho phường (mỗi người một lần)',
    'Tỷ lệ',
    'Đánh giá',
  ],
  /** The ward's line: its code cell and name cell. */
  wardCode: 'PHƯỜNG',
  wardType: 'Toàn phường',
  wardMet: 'Đạt tiêu chí',
  wardNotMet: 'Chưa đạt tiêu chí',

  // tonghop report --ward --csv FILE.
  cliCsvWardOnly: 'Tùy chọn --csv chỉ dùng với --ward (số liệu gửi thành phố).',
  cliCsvNotCsv: (value: string) => `Tệp "${value}" không có đuôi .csv: hãy đặt tên tệp kết thúc bằng .csv.`,
  cliCsvSaved: (path: string, units: number) =>
    `Đã ghi số liệu gửi thành phố (${units} đơn vị và dòng của phường) vào ${path}.`,

  // What Thiết lập and Tổng hợp say of it.
  created: 'Đã tạo tệp lãnh đạo (chỉ có số liệu) và ghi đường dẫn vào dòng Tệp lãnh đạo của trang Cấu hình.',
  sharedWith: (count: number) => `Đã chia sẻ tệp lãnh đạo (quyền xem) cho ${count} lãnh đạo mới.`,
  noLeaders:
    'Dòng Lãnh đạo xem của trang Cấu hình chưa có email: tệp lãnh đạo chưa được chia sẻ cho ai ngoài bộ phận tổng hợp.',
  leadersRemoved: (emails: string[]) => `Đã bỏ quyền xem tệp lãnh đạo của: ${emails.join(', ')}.`,
  unreachable:
    'Không mở được tệp lãnh đạo ghi ở trang Cấu hình (đã bị xóa hoặc không còn chia sẻ): xóa ô Tệp lãnh đạo rồi chạy lại Thiết lập đơn vị để tạo tệp mới.',
  refreshed: 'Đã cập nhật tệp lãnh đạo.',
  notRefreshed:
    'Chưa cập nhật được tệp lãnh đạo: tệp đã bị xóa, hoặc chưa được chia sẻ quyền sửa cho bạn. Nhờ người chạy Thiết lập đơn vị chạy lại (tệp được chia sẻ lại cho bộ phận tổng hợp); nếu tệp đã bị xóa, xóa ô Tệp lãnh đạo trên trang Cấu hình rồi chạy Thiết lập đơn vị để tạo tệp mới.',
  dailyQuota:
    'Hôm nay tài khoản đã tạo đủ số bảng tính Google cho phép nên chưa tạo được tệp lãnh đạo: ngày mai chạy lại Thiết lập đơn vị.',
  notYetCreated:
    'Chưa có tệp lãnh đạo: chạy lại Thiết lập đơn vị để tạo tệp (chỉ có số liệu) cho lãnh đạo xem.',
  notOwner:
    'Tệp lãnh đạo do người chạy Thiết lập đơn vị lần đầu tạo: chỉ người đó tạo lại hay chia sẻ được tệp này.',
};

/** Kết thúc đợt báo cáo: the lists erased once the campaign is over (issue 20). */
export const closeMessages = {
  title: 'Kết thúc đợt báo cáo',
  officeOnly: 'Chỉ bộ phận tổng hợp (người được sửa trang Cấu hình) chạy được Kết thúc đợt báo cáo.',
  noConfig: 'Bảng tính chưa có trang Cấu hình: không có gì để kết thúc.',
  alreadyClosed: (record: string) =>
    `Đợt báo cáo đã kết thúc (${record}): danh sách đã được xóa, số liệu vẫn giữ trên trang Tổng hợp và tệp lãnh đạo.`,
  needsConsolidation:
    'Chưa có lần Tổng hợp nào hoàn tất (hoặc Tổng hợp đang chạy dở): hãy chạy Tổng hợp cho xong để giữ số liệu cuối cùng, rồi chọn lại Kết thúc đợt báo cáo. Chưa có gì bị xóa.',
  /** What the dialog shows before the clerk types the ward's name. */
  prompt: (p: { ward: string; units: number; files: boolean; rows: number; reports: number }) =>
    [
      'Sau khi kết thúc, số liệu trên trang Tổng hợp và tệp lãnh đạo được giữ nguyên (chuyển thành giá trị), còn họ tên, năm sinh, nơi ở của người dân bị xóa:',
      `• ${p.rows} dòng của trang Danh sách tổng hợp;`,
      p.files
        ? `• tệp của ${p.units} đơn vị (xóa danh sách trong tệp, bỏ chia sẻ rồi xóa vĩnh viễn tệp, không qua thùng rác);`
        : `• danh sách trên trang của ${p.units} đơn vị;`,
      ...(p.reports > 0 ? [`• ${p.reports} trang báo cáo đơn vị (có danh sách người dân).`] : []),
      'Số liệu được chép sang một tệp mới (không có lịch sử phiên bản chứa danh sách), chia sẻ cho bộ phận tổng hợp; ' +
        'tệp này thôi chia sẻ cho mọi người khác. Không hoàn tác được.',
      `Để xác nhận, gõ tên phường: ${p.ward}`,
    ].join('\n'),
  notConfirmed: (ward: string) =>
    `Tên gõ vào không khớp "${ward}": không có gì bị xóa. Chọn lại Kết thúc đợt báo cáo nếu muốn tiếp tục.`,
  cancelled: 'Đã hủy: không có gì bị xóa.',
  freezing: 'Đang chuyển số liệu trang Tổng hợp thành giá trị…',
  erasing: 'Đang xóa danh sách trong tệp tổng hợp…',
  erasingUnits: (done: number, total: number) => `Đã xóa danh sách của ${done}/${total} đơn vị.`,
  /** How far a run is, for a second clerk who finds it running (steps.busy's brackets). */
  closedSoFar: (phase: 'freeze' | 'erase' | 'units' | 'office' | 'record', done: number, total: number) =>
    phase === 'freeze' || phase === 'erase'
      ? 'đang xóa danh sách trong tệp tổng hợp'
      : `đã xóa danh sách của ${phase === 'units' ? done : total}/${total} đơn vị`,
  /** What Cấu hình's "Kết thúc đợt báo cáo" records. */
  record: (at: string, account: string) => (account ? `${at}, do ${account}` : at),
  done: (p: {
    rows: number;
    units: number;
    files: boolean;
    deleted: number;
    reports: number;
    figures: string;
    unshared: number;
  }) =>
    [
      `Đã kết thúc đợt báo cáo: số liệu trên trang Tổng hợp và tệp lãnh đạo được giữ dưới dạng giá trị; đã xóa họ tên, năm sinh, nơi ở của ${p.rows} dòng trên trang Danh sách tổng hợp và danh sách của ${p.units} đơn vị.`,
      ...(p.files ? [`Đã bỏ chia sẻ và xóa vĩnh viễn ${p.deleted} tệp đơn vị (không qua thùng rác).`] : []),
      ...(p.reports > 0 ? [`Đã xóa ${p.reports} trang báo cáo đơn vị.`] : []),
      ...(p.figures
        ? [`Số liệu cuối cùng được chép sang tệp mới (chia sẻ cho bộ phận tổng hợp): ${p.figures}`]
        : []),
      ...(p.unshared > 0 ? [`Đã bỏ chia sẻ tệp này của ${p.unshared} người.`] : []),
      'Việc còn lại của bộ phận tổng hợp: xóa các bản tải về máy và các tệp nhận qua Zalo; xem mục "Kết thúc đợt báo cáo" trong hướng dẫn.',
    ].join('\n'),
  notDeleted: (names: string[]) =>
    `Không xóa vĩnh viễn được tệp của: ${names.join(', ')} (chỉ người tạo các tệp đơn vị làm được: hãy để người đó chọn lại Kết thúc đợt báo cáo); danh sách trong các tệp đó đã được xóa.`,
  officeKept: (emails: string[]) =>
    `Chưa bỏ chia sẻ tệp này được cho: ${emails.join(', ')} (chỉ chủ tệp làm được).`,
  /** Issue 25: the office's file keeps the lists in its version history, and the add-on may not delete it. */
  deleteOfficeFile:
    'Tệp này (tệp tổng hợp cũ) vẫn còn lịch sử phiên bản chứa danh sách, và Google không cho tiện ích xóa tệp mà tiện ích không tạo: ' +
    'sau khi mở tệp số liệu mới để kiểm tra, chủ tệp hãy xóa vĩnh viễn tệp này (Google Drive → chuột phải → Chuyển vào thùng rác; ' +
    'Thùng rác → chuột phải → Xóa vĩnh viễn).',
  figuresQuota:
    'Hôm nay tài khoản đã tạo đủ số bảng tính Google cho phép nên chưa tạo được tệp số liệu: chưa có gì bị xóa. Ngày mai chọn lại Kết thúc đợt báo cáo.',
  figuresFileName: (ward: string) => `${ward} - Số liệu đợt báo cáo (đã kết thúc)`,
  figuresSheet: 'Tổng hợp',
  unreadable: (names: string[]) =>
    `Không mở được tệp (hoặc trang) của: ${names.join(', ')}; hãy tự kiểm tra và xóa danh sách trong đó.`,
  closedForConsolidation:
    'Đợt báo cáo đã kết thúc: danh sách đã được xóa nên không tổng hợp lại được. Số liệu cuối cùng vẫn ở trang Tổng hợp và tệp lãnh đạo.',
  cliConfirm: 'Lệnh close xóa mọi danh sách người dân: thêm --yes để xác nhận.',
  cliRemoved: (count: number, dir: string) => `Đã xóa ${count} tệp đơn vị khỏi ${dir}.`,
};
