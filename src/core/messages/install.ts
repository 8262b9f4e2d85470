/**
 * Issue 21: "Giới thiệu và trợ giúp", the unit staff's one-page guide, and the move to a newer version.
 * Every string people see about them.
 */

/** One permission of the manifest: what Google lists on its consent screen, and what tonghop does with it. */
export interface PermissionText {
  scope: string;
  /** Plain words: what tonghop does with it. */
  use: string;
}

/** The manifest's oauthScopes (appsscript.json), each in plain words. A test holds this to the manifest. */
export const permissionTexts: readonly PermissionText[] = [
  {
    scope: 'https://www.googleapis.com/auth/spreadsheets',
    use: 'Mở và ghi tệp tổng hợp, tệp của từng đơn vị và tệp lãnh đạo (đọc danh sách, ghi số liệu, khóa danh sách đã duyệt). Tiện ích chỉ mở những bảng tính có đường dẫn trên trang Cấu hình (và tệp cũ khi bạn chuyển sang phiên bản mới), không đọc bảng tính nào khác của bạn.',
  },
  {
    scope: 'https://www.googleapis.com/auth/drive.file',
    use: 'Chỉ với những tệp do chính tiện ích tạo: tạo thư mục và tệp của các đơn vị, tệp lãnh đạo; chia sẻ tệp của mỗi đơn vị cho email của đơn vị đó (Google gửi thư mời); chuyển các tệp đó vào thùng rác khi kết thúc đợt báo cáo. Tiện ích không xem được tệp nào khác trong Google Drive của bạn.',
  },
  {
    scope: 'https://www.googleapis.com/auth/script.container.ui',
    use: 'Hiện thanh bên (Kiểm tra dữ liệu, Nhập từ tệp, Theo dõi và nhắc đơn vị) và các hộp thoại (tiến độ, Chẩn đoán lỗi, Giới thiệu và trợ giúp) trong bảng tính này.',
  },
];

export const aboutMessages = {
  menuItem: 'Giới thiệu và trợ giúp',
  title: 'Giới thiệu và trợ giúp',
  heading: 'Tiện ích Smart Hải Phòng (tonghop)',
  /** "Phiên bản 0.1.0, ngày 21/05/2026". */
  version: (version: string, date: string) => `Phiên bản ${version}, ngày ${date}`,
  what: 'Tiện ích giúp bộ phận tổng hợp của phường thu thập danh sách các đơn vị báo cáo về việc cài đặt, đăng nhập ứng dụng Smart Hải Phòng, tổng hợp số liệu và lập báo cáo theo mẫu của công văn.',
  permissionsHeading: 'Các quyền tiện ích xin Google, và dùng vào việc gì',
  permissionsIntro:
    'Lần đầu dùng, mỗi người trong bộ phận tổng hợp được Google hỏi cho phép một lần. Tiện ích dùng các quyền đó như sau:',
  permissionLabels: {
    'https://www.googleapis.com/auth/spreadsheets': 'Bảng tính Google Trang tính',
    'https://www.googleapis.com/auth/drive.file': 'Các tệp Google Drive do tiện ích tạo',
    'https://www.googleapis.com/auth/script.container.ui': 'Thanh bên và hộp thoại trong bảng tính',
  } as Record<string, string>,
  guideHeading: 'Hướng dẫn sử dụng',
  guideLink: 'Mở hướng dẫn sử dụng (tiếng Việt)',
  guideMissing:
    'Hướng dẫn sử dụng đi kèm tiện ích; nếu chưa có, hãy xin người hỗ trợ dưới đây. Hướng dẫn cho cán bộ đơn vị: menu Smart Hải Phòng → Hướng dẫn cho đơn vị (PDF).',
  contactHeading: 'Cần hỗ trợ, liên hệ',
  contactMissing:
    'Chưa ghi người hỗ trợ. Hãy điền dòng "Liên hệ hỗ trợ" trên trang Cấu hình (người quản trị tiện ích của phường).',
  upgradeHeading: 'Cập nhật phiên bản mới',
  upgrade:
    'Bảng tính này không tự nhận bản sửa lỗi mới. Khi người quản trị gửi đường dẫn của phiên bản mới: chọn menu Smart Hải Phòng → Chuyển sang phiên bản mới trong tệp này, rồi làm theo hướng dẫn hiện ra (khoảng 5 phút, không mất dữ liệu).',
  close: 'Đóng',
};

/** The one-page guide for a unit's staff (a sheet "Hướng dẫn - <đơn vị>" and, on the CLI, a PDF). */
export const guideMessages = {
  menuItem: 'Hướng dẫn cho đơn vị (PDF)',
  tabName: (unit: string) => `Hướng dẫn - ${unit}`,
  heading: 'HƯỚNG DẪN NHẬP DANH SÁCH',
  forUnit: (unit: string) => `Dành cho cán bộ ${unit}`,
  facts: {
    link: 'Tệp của đơn vị',
    noLink: 'Chưa có: bộ phận tổng hợp chạy Thiết lập đơn vị để tạo tệp, rồi gửi lại hướng dẫn này.',
    sharedLink: (link: string) => `${link} (trang của đơn vị trong tệp chung)`,
    who: 'Đăng nhập Google bằng',
    noEmail: 'Chưa có email: hãy báo bộ phận tổng hợp email Google của người nhập.',
    deadline: 'Hạn hoàn thành',
    reportDeadline: 'Hạn báo cáo',
    noDeadline: 'theo công văn',
    contact: 'Cần hỗ trợ, liên hệ',
    noContact: 'bộ phận tổng hợp của phường',
  },
  openHeading: '1. Mở tệp trên điện thoại',
  open: [
    'Google gửi thư mời tới email ở trên, kèm tên tệp và lời nhắn của bộ phận tổng hợp. Mở thư trong ứng dụng Gmail và bấm nút Mở.',
    'Tệp mở trong ứng dụng Google Trang tính (chưa có thì cài từ CH Play hoặc App Store, đăng nhập đúng email được mời). Cũng có thể bấm vào đường dẫn ở trên.',
    'Không mở được: xem lại đang đăng nhập đúng email được mời chưa; vẫn không được thì gọi người hỗ trợ ở trên.',
  ],
  typeHeading: '2. Nhập danh sách',
  type: [
    'Mỗi người một dòng, từ dòng 8: Họ và tên (đủ họ tên, có dấu), Năm sinh (đủ 4 chữ số, ví dụ 1985), Cơ quan, đơn vị (để trống nếu là đơn vị mình), Nơi ở hiện nay (bắt buộc), Ghi chú.',
    'Trên điện thoại: chạm vào ô, gõ, rồi chạm dấu tích để xong ô; vuốt sang trái để sang cột bên phải. Muốn bỏ một dòng thì xóa nội dung các ô, không xóa cả dòng.',
  ],
  checkHeading: '3. Xem cột Kiểm tra (cột G, ngay sau Ghi chú)',
  check: [
    'Cột này tự ghi kết quả của từng dòng ngay khi gõ xong (trên điện thoại, vuốt sang trái qua cột Ghi chú):',
    '"Hợp lệ" (xanh): dòng được tính.',
    '"Cần kiểm tra: …" (vàng): dòng vẫn được tính, nên xem lại, ví dụ năm sinh dưới 14 tuổi.',
    '"Lỗi: …" (đỏ): dòng chưa được tính; sửa theo lời nhắc, ví dụ "Lỗi: thiếu nơi ở".',
  ],
  doneHeading: '4. Nhập xong',
  done: [
    'Đánh dấu ô "Đã nhập xong" ở dòng 6 (ô G6). Bộ phận tổng hợp xem rồi duyệt, hoặc trả lại kèm ghi chú ở ô A6: sửa xong thì đánh dấu lại.',
  ],
  footer: (ward: string) =>
    `Bộ phận tổng hợp ${ward} gửi kèm tệp của đơn vị. Không chia sẻ tệp cho người khác.`,
  cliSaved: (path: string, pages: number) => `Đã ghi hướng dẫn cho đơn vị vào ${path} (${pages} trang).`,
  cliUnitNeeded: 'Hãy ghi mã đơn vị: tonghop guide bao-cao.xlsx --unit TDP01 --pdf huong-dan-tdp01.pdf',
  cliPdfNeeded: 'Hãy ghi tệp PDF cần lập: --pdf huong-dan.pdf',
  ready: (tab: string) =>
    `Đã lập trang "${tab}". Để gửi qua Zalo: Tệp → Tải xuống → Tài liệu PDF (.pdf), chọn Trang tính hiện tại, khổ A4, rồi gửi tệp PDF cho đơn vị.`,
};

/** Moving to a newer version: the old file hands over, the new copy takes over. */
export const upgradeMessages = {
  menuItem: 'Chuyển sang phiên bản mới',
  title: 'Chuyển sang phiên bản mới',
  // In the old file.
  handOverSheet: 'Chuyển phiên bản',
  handedOver: (link: string) =>
    'Tệp này đã sẵn sàng để chuyển. Tiếp theo:\n' +
    '1. Mở đường dẫn phiên bản mới người quản trị gửi, bấm "Tạo bản sao".\n' +
    '2. Trong bản sao mới: menu Smart Hải Phòng → Chuyển sang phiên bản mới, cho phép các quyền như lần đầu, rồi dán đường dẫn của tệp này:\n' +
    `${link}\n` +
    '3. Từ đó chỉ dùng tệp mới. Tệp này được giữ nguyên, không xóa gì.',
  officeOnly:
    'Chỉ bộ phận tổng hợp (những người được sửa trang Cấu hình) chuyển được sang phiên bản mới. Không có gì thay đổi.',
  // In the new copy.
  askOldFile:
    'Dán đường dẫn của tệp tổng hợp cũ (mở tệp cũ, chép đường dẫn trên thanh địa chỉ). Tệp cũ phải đã chọn Chuyển sang phiên bản mới trước.',
  cancelled: 'Đã hủy; không có gì thay đổi.',
  notALink: (typed: string) => `"${typed}" không phải đường dẫn một bảng tính Google. Không có gì thay đổi.`,
  sameFile: 'Đó là đường dẫn của chính tệp này. Hãy dán đường dẫn của tệp tổng hợp cũ.',
  cannotOpen:
    'Không mở được tệp cũ: tài khoản đang dùng phải được sửa tệp đó (hãy dùng tài khoản của người tổng hợp chính). Không có gì thay đổi.',
  notOffice: 'Tệp đó không có trang Cấu hình của tiện ích: không phải tệp tổng hợp. Không có gì thay đổi.',
  notHandedOver:
    'Tệp cũ chưa chọn Chuyển sang phiên bản mới. Hãy mở tệp cũ, chọn menu Smart Hải Phòng → Chuyển sang phiên bản mới, rồi làm lại bước này. Không có gì thay đổi.',
  sharedDesign:
    'Tệp cũ dùng Một tệp chung (các đơn vị nhập vào các trang của tệp đó): hãy chạy Tách thành tệp riêng trong tệp cũ trước, rồi chuyển. Không có gì thay đổi.',
  adopted: (units: number, link: string) =>
    `Đã chuyển từ tệp cũ: trang Cấu hình (${units} đơn vị, đường dẫn thư mục, tệp của từng đơn vị và tệp lãnh đạo) cùng lịch sử theo dõi, duyệt của các đơn vị. ` +
    'Các đơn vị vẫn nhập vào đúng tệp cũ của mình, không cần báo lại. ' +
    `Tiếp theo: chọn Tổng hợp trong tệp này. Tệp cũ (${link}) được giữ nguyên; từ nay chỉ dùng tệp này.`,
};
