/** Vietnamese text of the official report sheets ("Xuất báo cáo đơn vị", "Báo cáo phường") and their PDF. */
import { formatCount } from './format';

/** "Ủy ban nhân dân phường Hải Dương" → "phường Hải Dương" (null when the issuer is not a People's Committee). */
function committeePlace(issuer: string): string | null {
  const match = /^(?:ủy|uỷ) ban nhân dân\s+(.+)$/iu.exec(issuer.trim());
  return match ? match[1] : null;
}

/** The first letter in lower case: a title used inside a sentence ("Cài đặt…" → "cài đặt…"). */
export function inSentence(title: string): string {
  const first = String.fromCodePoint(title.codePointAt(0) ?? 0x20);
  return title === '' ? '' : first.toLocaleLowerCase('vi') + title.slice(first.length);
}

/** Days below 10 and the months January and February take a leading zero (Nghị định 30/2020/NĐ-CP). */
export function officialDate(place: string, day: number, month: number, year: number): string {
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month < 3 ? `0${month}` : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`;
}

export const reportMessages = {
  unitTitle: 'Xuất báo cáo đơn vị',
  wardTitle: 'Báo cáo phường',
  unitSheetName: (unitName: string) => `Báo cáo - ${unitName}`,
  wardSheetName: 'Báo cáo phường',

  nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  /** The form leaves the number to the office that registers the report. */
  number: 'Số:          /',
  reportHeading: 'BÁO CÁO',
  about: (title: string) => `Về việc ${inSentence(title)}`,
  to: (recipient: string) => `Kính gửi: ${recipient}`,
  /** The unit's managing body: "Ủy ban nhân dân phường Hải Dương" → "UBND PHƯỜNG HẢI DƯƠNG". */
  managingBody: (issuer: string) => {
    const place = committeePlace(issuer);
    return (place ? `UBND ${place}` : issuer).toLocaleUpperCase('vi');
  },
  /** The ward's own letterhead, on two lines as in the dispatch. */
  issuerLines: (issuer: string): [string, string] => {
    const place = committeePlace(issuer);
    return place ? ['ỦY BAN NHÂN DÂN', place.toLocaleUpperCase('vi')] : [issuer.toLocaleUpperCase('vi'), ''];
  },

  /**
   * The dispatch answered, as Cấu hình's "Công văn (số, ngày)" gives it ("125/UBND-VHXH ngày 12/5/2026"):
   * "Công văn số 125/UBND-VHXH ngày 12/5/2026"; without it, "Công văn" alone (never a form's "…").
   */
  dispatchRef: (dispatch: string) => {
    const bare = dispatch.replace(/^\s*(công văn\s*)?(số\s*)?/iu, '').trim();
    return bare === '' ? 'Công văn' : `Công văn số ${bare}`;
  },
  unitCites: (issuer: string, title: string, dispatch: string) =>
    `Thực hiện ${reportMessages.dispatchRef(dispatch)} của ${issuer} về việc tuyên truyền ${inSentence(title)}.`,
  /** The form's sentence, whose colon introduces the figures and the table below it. */
  unitIntro: (unitName: string, title: string) =>
    `${unitName} đã tích cực triển khai ${inSentence(title)}, kết quả cụ thể như sau:`,
  /** The unit's total on its own line; households for a Tổ dân phố, people otherwise. */
  unitTotal: (valid: number, target: number, percent: string, households: boolean) =>
    `Tổng số ${formatCount(valid)} người đã cài đặt và đăng nhập` +
    (target > 0
      ? ` (${households ? `trên ${formatCount(target)} hộ gia đình` : `chỉ tiêu ${formatCount(target)} người`}, đạt ${percent})`
      : '') +
    '. Danh sách cụ thể:',
  unitTableHeader: ['Stt', 'Họ và tên', 'Năm sinh', 'Cơ quan, đơn vị', 'Nơi ở hiện nay'],
  noPeople: 'Chưa có người nào trong danh sách hợp lệ của đơn vị.',
  recipientsHeading: 'Nơi nhận:',
  unitRecipients: ['- Như trên;', '- Lưu: VT.'],
  /** Under the signer's title: a unit with a seal, one without (a Tổ dân phố). */
  signSealed: '(Ký tên, đóng dấu)',
  signNoSeal: '(Ký, ghi rõ họ tên)',

  /** The ward reports to the city, which set the criterion. */
  wardRecipient: 'Ủy ban nhân dân thành phố Hải Phòng',
  wardCites: (issuer: string, title: string, dispatch: string) =>
    'Thực hiện Quyết định số 5049/QĐ-UBND ngày 11/12/2025 của Ủy ban nhân dân thành phố Hải Phòng về việc ban hành ' +
    'bộ tiêu chí "Chính quyền thân thiện", trong đó "Tỷ lệ người dân cài đặt ứng dụng Hải Phòng Smart trên số hộ ' +
    `gia đình trên 100%" là một trong những tiêu chí đánh giá; ${issuer} đã ban hành ${reportMessages.dispatchRef(dispatch)} ` +
    `về việc tuyên truyền ${inSentence(title)} tới các cơ quan, đơn vị, trường học và Tổ dân phố trên địa bàn, ` +
    'kết quả cụ thể như sau:',
  /** What the units reported (people who work in the ward but live elsewhere included), each person once. */
  wardResult: (unique: number, households: number, percent: string | null, met: boolean) =>
    `Các cơ quan, đơn vị đã báo cáo ${formatCount(unique)} người cài đặt và đăng nhập ứng dụng (mỗi người tính một lần)` +
    (percent === null
      ? '; chưa tính được tỷ lệ vì chưa có số hộ gia đình. Kết quả của từng cơ quan, đơn vị:'
      : `, trên tổng số ${formatCount(households)} hộ gia đình, đạt tỷ lệ ${percent}: ` +
        `${met ? 'đạt tiêu chí' : 'chưa đạt tiêu chí'} ` +
        '"Tỷ lệ người dân cài đặt ứng dụng trên số hộ gia đình trên 100%". Kết quả của từng cơ quan, đơn vị:'),
  wardTableHeader: ['Stt', 'Đơn vị', 'Loại', 'Chỉ tiêu', 'Số người đã cài đặt', 'Tỷ lệ đạt'],
  wardTotal: 'Tổng cộng',
  wardDuplicatesNote: (duplicates: number) =>
    `Ghi chú: số người của từng đơn vị tính cả ${formatCount(duplicates)} người được từ hai đơn vị trở lên cùng báo cáo; tỷ lệ của phường tính mỗi người một lần.`,
  noTarget: 'Chưa giao',
  /** The coverage cell of a unit whose list could not be read (the summary's words, see summaryMessages.unread). */
  unread: {
    missing: 'Không có trang',
    'header-altered': 'Tiêu đề cột bị sửa',
    'no-file': 'Chưa có tệp',
    unreachable: 'Không mở được tệp',
    trashed: 'Tệp trong thùng rác',
    foreign: 'Tệp không đúng đơn vị',
  },
  wardRecipients: ['- Như trên;', '- CT, PCT UBND phường;', '- Lưu: VT, VHXH.'],
  /** The ward's report is signed for the People's Committee by its chair (the dispatch's own block). */
  wardSigner: (issuer: string): string[] =>
    committeePlace(issuer) ? ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'] : [issuer.toLocaleUpperCase('vi')],

  // The menu's answers.
  /** Decree 30's margins, which the add-on may not set itself. */
  printHint:
    ' Để in hoặc tải PDF: Tệp → In, khổ A4, hướng dọc, lề tùy chỉnh: trên 2 cm, dưới 2 cm, trái 3 cm, phải 1,5 cm.',
  noUnitOpen:
    'Hãy bấm vào dòng của đơn vị cần xuất báo cáo trên trang Tổng hợp hoặc trang Cấu hình (với một tệp chung: hoặc mở trang của đơn vị đó), rồi chọn lại Smart Hải Phòng → Xuất báo cáo đơn vị.',
  unknownUnit: (code: string) => `Không có đơn vị mã "${code}" trong bảng đơn vị trên trang Cấu hình.`,
  /** A unit whose list could not be read: why, and what to do. */
  unitUnread: {
    missing: (name: string) =>
      `Đơn vị "${name}" chưa có trang. Hãy chọn Smart Hải Phòng → Thiết lập đơn vị trước.`,
    'header-altered': (name: string) =>
      `Trang của "${name}" bị sửa tiêu đề cột nên chưa đọc được danh sách. Hãy khôi phục tiêu đề: Stt | Họ và tên | Năm sinh | Cơ quan, đơn vị | Nơi ở hiện nay | Ghi chú.`,
    'no-file': (name: string) =>
      `Đơn vị "${name}" chưa có tệp. Hãy chọn Smart Hải Phòng → Thiết lập đơn vị trước.`,
    unreachable: (name: string) =>
      `Không mở được tệp của "${name}": tệp đã bị xóa hẳn, hoặc bạn không còn quyền xem tệp.`,
    trashed: (name: string) => `Tệp của "${name}" đang ở thùng rác. Hãy khôi phục tệp trong Google Drive.`,
    foreign: (name: string) =>
      `Ô Tệp của đơn vị của "${name}" trên trang Cấu hình dẫn tới tệp không phải của đơn vị này.`,
  },
  unitDone: (sheet: string, valid: number, skipped: number) =>
    `Đã xuất báo cáo vào trang "${sheet}": ${formatCount(valid)} người hợp lệ.` +
    (skipped > 0
      ? ` ${formatCount(skipped)} dòng có lỗi không được đưa vào báo cáo (xem Kiểm tra dữ liệu).`
      : '') +
    reportMessages.printHint,
  wardDone: (sheet: string, unique: number, households: number, percent: string | null, met: boolean) =>
    `Đã lập báo cáo phường vào trang "${sheet}": ${formatCount(unique)} người` +
    (percent === null
      ? '.'
      : ` / ${formatCount(households)} hộ = ${percent}, ${met ? 'đạt tiêu chí' : 'chưa đạt tiêu chí'}.`) +
    reportMessages.printHint,
  wardUnitsNotRead: (names: string) => `Chưa đọc được trang của các đơn vị (tính là 0): ${names}.`,
  /** Each unit has a file of its own: the ward's report counts what the last Tổng hợp read. */
  wardFromConsolidation: (time: string, date: string) =>
    `Số liệu theo lần Tổng hợp lúc ${time} ngày ${date}; muốn có số liệu mới nhất, hãy chạy Tổng hợp rồi lập lại báo cáo.`,
  wardNeedsConsolidation:
    'Chưa có số liệu: hãy chạy Tổng hợp trước (mỗi đơn vị nhập vào tệp riêng, báo cáo phường lấy số liệu của lần Tổng hợp gần nhất; danh sách đơn vị trên trang Cấu hình đã đổi thì cũng cần Tổng hợp lại).',

  // The local command.
  cliUsage: '  report <tệp.xlsx> --unit MÃ | --ward [--pdf <tệp.pdf>]   Xuất báo cáo đơn vị / Báo cáo phường',
  cliUnitOrWard:
    'Lệnh report cần --unit MÃ (báo cáo của một đơn vị) hoặc --ward (báo cáo phường), một trong hai.',
  cliPdfNotPdf: (path: string) => `Tệp "${path}" phải có đuôi .pdf.`,
  cliPdfSaved: (path: string, pages: number) => `Đã lưu ${path} (${pages} trang A4).`,
};
