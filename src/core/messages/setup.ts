/**
 * Vietnamese text of the set-up sheet, the unit sheets and "Thiết lập đơn vị". Imports nothing: a
 * formatter takes only the fields it shows.
 */

/** The unit types of the set-up sheet's dropdown, in the order of the tabs. */
export const unitTypeNames = [
  'Đảng ủy',
  'HĐND',
  'UBND',
  'Mặt trận và đoàn thể',
  'Phòng/ban',
  'Trung tâm',
  'Trường học',
  'Công an',
  'Quân sự',
  'Y tế',
  'Tổ dân phố',
  'Khác',
] as const;

/**
 * The title a unit's report is signed with when Cấu hình's "Chức danh người ký" is blank, by unit type;
 * a second line after a line break (TM. …, then the office held). Blank for "Khác": nothing is assumed.
 */
export const signerTitles: Record<(typeof unitTypeNames)[number], string> = {
  'Đảng ủy': 'T/M ĐẢNG ỦY\nBÍ THƯ',
  HĐND: 'TM. THƯỜNG TRỰC HĐND\nCHỦ TỊCH',
  UBND: 'CHÁNH VĂN PHÒNG',
  'Mặt trận và đoàn thể': 'CHỦ TỊCH',
  'Phòng/ban': 'TRƯỞNG PHÒNG',
  'Trung tâm': 'GIÁM ĐỐC',
  'Trường học': 'HIỆU TRƯỞNG',
  'Công an': 'TRƯỞNG CÔNG AN PHƯỜNG',
  'Quân sự': 'CHỈ HUY TRƯỞNG',
  'Y tế': 'TRƯỞNG TRẠM',
  'Tổ dân phố': 'TỔ TRƯỞNG',
  Khác: '',
};

/** The campaign block's rows, each found by its label in column A (a new Cấu hình has them in this order). */
export const campaignLabels = {
  title: 'Nội dung báo cáo',
  issuer: 'Cơ quan nhận báo cáo (Kính gửi)',
  dispatch: 'Công văn (số, ngày)',
  place: 'Địa danh (ghi ngày tháng)',
  completionDeadline: 'Hạn hoàn thành',
  reportDeadline: 'Hạn báo cáo',
  households: 'Số hộ gia đình của phường',
  organisation: 'Cách tổ chức',
  unitFolder: 'Thư mục tệp đơn vị',
  contact: 'Liên hệ của bộ phận tổng hợp',
  // Issue 21: whom the office calls about the add-on itself (shown in "Giới thiệu và trợ giúp").
  support: 'Liên hệ hỗ trợ',
  // Issue 20: who sees the figures, what the data are for, when the campaign was closed.
  leaders: 'Lãnh đạo xem',
  leadersFile: 'Tệp lãnh đạo',
  purpose: 'Mục đích thu thập',
  closed: 'Kết thúc đợt báo cáo',
};

/**
 * "Cách tổ chức": each unit types into a file of its own (the default of a new Cấu hình), or every
 * unit's sheet is a tab of the office's file (the first versions' design, kept by their workbooks).
 */
export const organisationNames = {
  files: 'Mỗi đơn vị một tệp',
  shared: 'Một tệp chung',
} as const;

/** The units table's columns, each found by its header (a new Cấu hình has them in this order). */
export const unitColumnLabels = {
  code: 'Mã',
  name: 'Tên đơn vị',
  type: 'Loại',
  target: 'Chỉ tiêu',
  emails: 'Email người nhập',
  manager: 'Người phụ trách',
  phone: 'Số điện thoại',
  parentBody: 'Cơ quan chủ quản',
  signer: 'Chức danh người ký',
  file: 'Tệp của đơn vị',
};

export const configMessages = {
  sheetName: 'Cấu hình',
  defaultTabName: 'Đơn vị',
  campaignDefaults: {
    title: 'Cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng)',
    issuer: 'Ủy ban nhân dân phường Hải Dương',
    place: 'Hải Dương',
    completionDeadline: '31/05/2026',
    reportDeadline: '05/06/2026',
  },
  sheetTitle: 'CẤU HÌNH TỔNG HỢP - ỨNG DỤNG SMART HẢI PHÒNG',
  sheetHint:
    'Điền thông tin đợt báo cáo và danh sách đơn vị, rồi chọn menu Smart Hải Phòng → Thiết lập đơn vị.',
  campaignHeading: 'THÔNG TIN ĐỢT BÁO CÁO',
  /** Labels an earlier version wrote, still read (and rewritten by Thiết lập đơn vị). */
  campaignOldLabels: { issuer: ['Cơ quan ban hành'] } as Partial<
    Record<keyof typeof campaignLabels, readonly string[]>
  >,
  campaignLabels,
  householdsNote: 'Để trống: lấy tổng chỉ tiêu của các đơn vị loại Tổ dân phố.',
  organisationNote:
    'Mỗi đơn vị một tệp: mỗi đơn vị nhập vào một bảng tính riêng, chỉ thấy danh sách của mình. Một tệp chung: các đơn vị nhập vào các trang của tệp này và xem được danh sách của nhau (không bảo vệ được dữ liệu cá nhân).',
  unitFolderNote:
    'Thư mục Google Drive chứa tệp của các đơn vị. Để trống: Thiết lập đơn vị tạo thư mục mới và ghi đường dẫn vào đây.',
  fileNote:
    'Đường dẫn bảng tính riêng của đơn vị, do Thiết lập đơn vị tạo và ghi vào. Không sửa ô này; để trống thì lần chạy sau tạo tệp mới.',
  organisationHelp: 'Chọn Mỗi đơn vị một tệp hoặc Một tệp chung.',
  contactNote:
    'Người các đơn vị liên hệ khi cần hỗ trợ (họ tên, số điện thoại), ghi trong thư mời nhập liệu gửi kèm tệp của đơn vị. Ví dụ: đ/c Nguyễn Thị Hoa, Văn phòng HĐND và UBND phường, 0912 345 678.',
  supportNote:
    'Người bộ phận tổng hợp gọi khi tiện ích có vấn đề hay cần cập nhật (người quản trị tiện ích của phường: họ tên, số điện thoại hoặc Zalo). Hiện trong Giới thiệu và trợ giúp của menu Smart Hải Phòng.',
  dispatchNote:
    'Số và ngày của công văn mà các đơn vị báo cáo, ví dụ: 125/UBND-VHXH ngày 12/5/2026. In ở câu "Thực hiện Công văn số …" của báo cáo; để trống thì báo cáo không ghi số.',
  unitsHeading: 'DANH SÁCH ĐƠN VỊ',
  unitColumnLabels,
  /** The header of every column, in the order of a new Cấu hình (and of `tonghop init`'s CSV). */
  unitColumns: Object.values(unitColumnLabels),
  parentBodyNote:
    'In ở góc trên bên trái, trên tên đơn vị (trang đơn vị và báo cáo). Để trống thì không in gì; Thiết lập đơn vị điền sẵn UBND phường cho phòng, ban, trung tâm, trường học, trạm y tế, Tổ dân phố và Văn phòng HĐND và UBND phường.',
  signerNote:
    'Chức vụ in ở chỗ ký của báo cáo, ví dụ HIỆU TRƯỞNG. Hai dòng (KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG): xuống dòng bằng Ctrl+Enter. Để trống thì Thiết lập đơn vị điền theo loại đơn vị.',
  instructionsHeading: 'HƯỚNG DẪN',
  instructions: [
    '1. Mã: mã ngắn, không trùng, chỉ gồm chữ không dấu, số, "-" hoặc "_" (ví dụ TDP01, THCS-LTV).',
    '2. Tên đơn vị: tên đầy đủ, dùng làm tên trang của đơn vị và in trên báo cáo.',
    '3. Loại: chọn trong danh sách. Các trang đơn vị được xếp theo loại.',
    '4. Chỉ tiêu: Tổ dân phố ghi số hộ gia đình; đơn vị khác ghi số người cần cài đặt.',
    '5. Email người nhập: một hoặc nhiều email (cách nhau bởi dấu phẩy) của người được nhập trang đơn vị. Bấm Chia sẻ để cấp quyền chỉnh sửa tệp cho các email này.',
    '6. Người phụ trách, Số điện thoại: để bộ phận tổng hợp liên hệ khi cần.',
    '7. Cơ quan chủ quản: in trên tên đơn vị (ví dụ UBND PHƯỜNG HẢI DƯƠNG); để trống thì không in gì. Chức danh người ký: in ở chỗ ký của báo cáo (ví dụ HIỆU TRƯỞNG). Thiết lập đơn vị điền sẵn theo loại đơn vị những ô còn trống; sửa lại nếu khác.',
    '8. Sau khi sửa danh sách, chạy lại Thiết lập đơn vị: chỉ trang còn thiếu được tạo thêm, dữ liệu đã nhập không bị thay đổi.',
    '9. Công văn (số, ngày): ví dụ 125/UBND-VHXH ngày 12/5/2026, in trong câu trích dẫn công văn của các báo cáo.',
    '10. Số hộ gia đình của phường để trống thì lấy tổng chỉ tiêu của các Tổ dân phố.',
    '11. Cách tổ chức: Mỗi đơn vị một tệp (mỗi đơn vị một bảng tính riêng, chỉ thấy danh sách của mình) hoặc Một tệp chung (các trang đơn vị nằm trong tệp này). Thư mục tệp đơn vị và cột Tệp của đơn vị do Thiết lập đơn vị ghi.',
    '12. Liên hệ của bộ phận tổng hợp: họ tên, số điện thoại người các đơn vị gọi khi cần hỗ trợ; được ghi trong thư mời nhập liệu.',
    '13. Liên hệ hỗ trợ: người bộ phận tổng hợp gọi khi tiện ích có vấn đề (người quản trị tiện ích); hiện trong Giới thiệu và trợ giúp.',
  ],
  typeHelp: 'Chọn loại đơn vị trong danh sách.',
  targetHelp: 'Nhập số nguyên từ 0 trở lên.',
  codeBlank: 'Mã đơn vị đang để trống.',
  codeInvalid: (code: string) =>
    `Mã "${code}" không hợp lệ: chỉ dùng chữ không dấu, số, "-" hoặc "_", tối đa 20 ký tự.`,
  codeDuplicate: (code: string, firstRow: number) => `Mã "${code}" trùng với mã ở dòng ${firstRow}.`,
  nameBlank: 'Tên đơn vị đang để trống.',
  nameTooLong: (max: number) => `Tên đơn vị dài quá ${max} ký tự, hãy viết gọn lại.`,
  typeBlank: 'Chưa chọn Loại đơn vị.',
  typeInvalid: (type: string) => `Loại "${type}" không có trong danh sách, hãy chọn lại trong ô.`,
  targetInvalid: (value: string) =>
    `Chỉ tiêu "${value}" không hợp lệ: nhập số nguyên từ 0 trở lên (để 0 nếu chưa giao chỉ tiêu).`,
  emailInvalid: (emails: string) => `Email không đúng dạng: ${emails}.`,
  organisationInvalid: (value: string) =>
    `Cách tổ chức "${value}" không hợp lệ: chọn "${organisationNames.files}" hoặc "${organisationNames.shared}".`,
  organisationBlank: `Chưa chọn Cách tổ chức: chọn "${organisationNames.files}" hoặc "${organisationNames.shared}".`,
  folderInvalid: (value: string) =>
    `Thư mục tệp đơn vị "${value}" không phải đường dẫn một thư mục Google Drive; để trống để Thiết lập đơn vị tạo thư mục mới.`,
  fileInvalid: (value: string) =>
    `Tệp của đơn vị "${value}" không phải đường dẫn một bảng tính Google; để trống để Thiết lập đơn vị tạo tệp mới.`,
  fileDuplicate: (firstRow: number) => `Tệp của đơn vị trùng với tệp của đơn vị ở dòng ${firstRow}.`,
  householdsInvalid: (value: string) =>
    `Số hộ gia đình của phường "${value}" không hợp lệ: nhập số nguyên dương hoặc để trống.`,
  deadlineInvalid: (label: string) =>
    `${label} không phải là ngày (nhập dạng ngày/tháng/năm, ví dụ 31/05/2026).`,
  headerChanged: 'Bảng đơn vị trên trang Cấu hình đã bị sửa tiêu đề cột; hãy khôi phục tiêu đề như mẫu.',
  noUnits: 'Danh sách đơn vị đang trống: hãy nhập ít nhất một đơn vị trên trang Cấu hình.',
  rowPrefix: (row: number) => `Dòng ${row}`,
};

export const unitSheetMessages = {
  nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  /**
   * "Cài đặt và sử dụng ứng dụng X" → "DANH SÁCH NGƯỜI ĐÃ CÀI ĐẶT VÀ ĐĂNG NHẬP ỨNG DỤNG X": a list of
   * people, as the form's table is. A title worded otherwise is kept as the clerk wrote it.
   */
  reportTitle: (title: string) => {
    const app = /^\s*cài đặt,?\s+(?:và\s+)?sử dụng\s+(.+)$/iu.exec(title)?.[1];
    return (app ? `DANH SÁCH NGƯỜI ĐÃ CÀI ĐẶT VÀ ĐĂNG NHẬP ${app}` : `DANH SÁCH ${title}`).toLocaleUpperCase(
      'vi'
    );
  },
  whoMayType: (unit: { emails: readonly string[] }, completion: string, report: string) =>
    `Người nhập: ${unit.emails.length > 0 ? unit.emails.join(', ') : 'chưa giao (bộ phận tổng hợp sẽ cấp quyền)'}. ` +
    `Mỗi người một dòng, từ dòng 8 trở xuống. Hoàn thành trước ${completion}, báo cáo trước ${report}.`,
  lastUpdatedLabel: 'Cập nhật lần cuối:',
  birthYearHelp: 'Nhập năm sinh đủ 4 chữ số, từ 1900 đến năm nay (ví dụ 1985).',
  sheetProtection: (unit: { name: string }) =>
    `Trang của ${unit.name}: chỉ người nhập của đơn vị và bộ phận tổng hợp được sửa.`,
  headerProtection: 'Phần đầu trang mẫu: chỉ bộ phận tổng hợp được sửa.',
  checkProtection: 'Cột Kiểm tra và các cột phụ (công thức): chỉ bộ phận tổng hợp được sửa.',
  fileProtection: (unit: { name: string }) =>
    `Tệp của ${unit.name}: đơn vị nhập từ dòng 8, cột Họ và tên đến Ghi chú; phần còn lại chỉ bộ phận tổng hợp được sửa.`,
  templateName: 'Mẫu trang đơn vị',
  templateProtection: 'Mẫu của các trang đơn vị (ẩn): chỉ bộ phận tổng hợp được sửa.',
};

/** A dialog stays readable with 200 units: the first few names, then how many more. */
export function listSome(items: readonly string[], shown = 10): string {
  const head = items.slice(0, shown).join(', ');
  return items.length > shown ? `${head} và ${items.length - shown} mục khác` : head;
}

export const setupMessages = {
  title: 'Thiết lập đơn vị',
  configExists: 'Bảng tính đã có trang "Cấu hình"; không có gì bị thay đổi.',
  configCreated:
    'Đã tạo trang "Cấu hình". Hãy điền thông tin đợt báo cáo và danh sách đơn vị, rồi chọn lại Thiết lập đơn vị.',
  problemsIntro: (count: number) =>
    `Chưa thiết lập được: trang Cấu hình có ${count} lỗi cần sửa. Chưa có gì bị thay đổi.`,
  summary: (created: number, refreshed: number, kept: number) =>
    `Đã tạo ${created} trang đơn vị, cập nhật phần đầu ${refreshed} trang, giữ nguyên ${kept} trang.`,
  attentionIntro: 'Cần bộ phận tổng hợp lưu ý:',
  noEmail: (names: string[]) =>
    `${names.length} đơn vị chưa có email người nhập (trang chỉ được bảo vệ ở mức cảnh báo): ${listSome(names)}.`,
  notShared: (emails: string[]) =>
    `${emails.length} email chưa có quyền chỉnh sửa tệp (hãy bấm Chia sẻ để cấp quyền): ${listSome(emails)}.`,
  orphanSheets: (names: string[]) =>
    `Các trang không còn trong danh sách đơn vị (được giữ nguyên, không xóa): ${listSome(names)}.`,
  openSheets: (names: string[]) =>
    `${names.length} trang mà mọi người có quyền sửa tệp vẫn sửa được (chỉ được bảo vệ ở mức cảnh báo): ${listSome(names)}.`,
  officeIsEveryone: (emails: string[]) =>
    `Mọi người có quyền sửa tệp đều đang được sửa trang Cấu hình, tức là đều được tính là bộ phận tổng hợp: ${listSome(emails)}. ` +
    'Nếu trong đó có cán bộ đơn vị, chủ tệp hãy bỏ họ ở Dữ liệu → Trang tính và dải ô được bảo vệ → Cấu hình.',
  nothingToDo: 'Mọi trang đơn vị đã đầy đủ.',
  /** What Thiết lập added to a Cấu hình made by an earlier version, or filled in for the clerk. */
  configUpgraded: (rows: string[], columns: string[]) =>
    'Trang Cấu hình được thêm ' +
    [
      rows.length > 0 ? `dòng ${rows.map((r) => `"${r}"`).join(', ')}` : '',
      columns.length > 0 ? `cột ${columns.map((c) => `"${c}"`).join(', ')}` : '',
    ]
      .filter((part) => part !== '')
      .join(' và ') +
    ' (mọi giá trị đã nhập được giữ nguyên); hãy điền hoặc kiểm tra lại.',
  configFilled: (count: number) =>
    `Đã điền sẵn Cơ quan chủ quản, Chức danh người ký theo loại đơn vị vào ${count} ô còn trống trên trang Cấu hình; hãy sửa nếu khác.`,
  officeOnly:
    'Chỉ bộ phận tổng hợp (người được sửa trang Cấu hình) mới chạy được Thiết lập đơn vị. Cán bộ đơn vị hãy dùng Kiểm tra dữ liệu.',
};

/** Thiết lập đơn vị where each unit has a file of its own. */
export const filesSetupMessages = {
  /** Drive names: the folder, the template and each unit's file, after the ward ("Phường Hải Dương"). */
  folderName: (ward: string) => `Tệp các đơn vị - ${ward}`,
  templateFileName: (ward: string) => `Mẫu tệp đơn vị - ${ward}`,
  unitFileName: (ward: string, unit: string) => `${ward} - ${unit}`,
  /**
   * The invitation Google sends with the file (Drive's emailMessage): what it is for, the deadline, whom to
   * call. Plain text.
   */
  invitation: (p: { ward: string; unit: string; title: string; deadline: string; contact: string }) =>
    `Bộ phận tổng hợp ${p.ward} gửi ${p.unit} bảng tính để nhập danh sách: ${p.title}. ` +
    'Mỗi người một dòng, từ dòng 8: Họ và tên, Năm sinh, Cơ quan, đơn vị, Nơi ở hiện nay; cột Kiểm tra cho biết dòng nào cần sửa. ' +
    'Bảng tính chỉ đơn vị và bộ phận tổng hợp xem được; không chia sẻ cho người khác. ' +
    `Hạn hoàn thành: ${p.deadline}. ` +
    (p.contact ? `Cần hỗ trợ, liên hệ: ${p.contact}.` : 'Cần hỗ trợ, liên hệ bộ phận tổng hợp của phường.'),
  summary: (created: number, refreshed: number, kept: number) =>
    `Đã tạo ${created} tệp đơn vị, cập nhật ${refreshed} tệp, giữ nguyên ${kept} tệp.`,
  folderCreated: 'Các tệp nằm trong thư mục ghi ở dòng Thư mục tệp đơn vị của trang Cấu hình.',
  noEmail: (names: string[]) =>
    `${names.length} đơn vị chưa có email người nhập (tệp chưa chia sẻ với ai ngoài bộ phận tổng hợp): ${listSome(names)}.`,
  invited: (count: number, units: number) =>
    `Đã mời ${count} email nhập liệu (${units} đơn vị); Google gửi thư mời kèm đường dẫn tệp.`,
  removed: (entries: string[]) =>
    `Đã bỏ quyền của người không còn trong danh sách email của đơn vị: ${listSome(entries)}.`,
  linkSharingRemoved: (names: string[]) =>
    `Đã tắt chia sẻ bằng đường liên kết (ai có đường liên kết cũng xem được) của tệp: ${listSome(names)}.`,
  removedEntry: (email: string, unit: string) => `${email} (${unit})`,
  unreachable: (names: string[]) =>
    `Không mở được tệp của ${names.length} đơn vị (tệp đã bị xóa hẳn hoặc không còn chia sẻ với bạn); xóa ô Tệp của đơn vị trên trang Cấu hình để tạo tệp mới: ${listSome(names)}.`,
  trashed: (names: string[]) =>
    `Tệp của ${names.length} đơn vị đang ở thùng rác, chưa được cập nhật; khôi phục tệp trong Google Drive, hoặc xóa ô Tệp của đơn vị để tạo tệp mới: ${listSome(names)}.`,
  foreign: (names: string[]) =>
    `Ô Tệp của đơn vị của ${names.length} đơn vị dẫn tới tệp không phải của đơn vị đó (chưa động tới tệp ấy); xóa ô đó để tạo tệp mới: ${listSome(names)}.`,
  orphanFiles: (names: string[]) =>
    `Tệp của các đơn vị không còn trong danh sách (được giữ nguyên, không xóa, vẫn chia sẻ như cũ): ${listSome(names)}.`,
  officeShared: (emails: string[]) =>
    `Tệp này (trang Cấu hình, Tổng hợp, Danh sách tổng hợp: danh sách của mọi đơn vị) đang được chia sẻ với ${emails.length} người ngoài bộ phận tổng hợp: ${listSome(emails)}. ` +
    'Chủ tệp hãy bỏ chia sẻ với họ (nút Chia sẻ); các đơn vị nhập vào tệp riêng, không cần mở tệp này.',
  dailyQuota: (created: number, left: number) =>
    `Google cho mỗi tài khoản tạo tối đa 250 bảng tính mỗi ngày và hôm nay đã đủ: lần này đã tạo ${created} tệp, còn ${left} đơn vị chưa có tệp. ` +
    'Ngày mai (sau 24 giờ) hãy chạy lại Thiết lập đơn vị để tạo tiếp; các tệp đã tạo vẫn dùng được ngay.',
  notOwner: (owner: string) =>
    `Các tệp đơn vị do ${owner || 'người khác'} tạo; Google chỉ cho tài khoản đó tạo thêm tệp và chia sẻ tệp, nên chỉ người đó chạy được Thiết lập đơn vị. ` +
    'Bạn vẫn chạy được Tổng hợp, Kiểm tra dữ liệu, Nhập từ tệp và các báo cáo.',
  folderTrashed:
    'Thư mục tệp đơn vị đang ở thùng rác. Hãy khôi phục thư mục trong Google Drive, hoặc xóa ô Thư mục tệp đơn vị trên trang Cấu hình để tạo thư mục mới.',
  grown: (names: string[]) => `Đã thêm dòng trống cho các đơn vị gần hết chỗ nhập: ${listSome(names)}.`,
};

/** Protections the person running an action may not change: set up before they joined the office. */
export const protectionMessages = {
  notYours: (names: string[]) =>
    `Bạn chưa có quyền sửa phần bảo vệ của ${names.length} trang nên chưa cập nhật được: ${listSome(names)}. ` +
    'Chủ tệp hãy chạy lại Thiết lập đơn vị để bộ phận tổng hợp (những người được sửa trang Cấu hình) được sửa mọi trang.',
};
