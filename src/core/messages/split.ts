/** "Tách thành tệp riêng": a workbook of the shared design (a tab per unit) converted to a file per unit. */
import { listSome, organisationNames } from './setup';

const unchanged = `Chưa xóa trang đơn vị nào và Cách tổ chức vẫn là "${organisationNames.shared}".`;

export const splitMessages = {
  title: 'Tách thành tệp riêng',
  noConfig: 'Tệp này chưa có trang Cấu hình nên chưa có gì để tách. Chọn Smart Hải Phòng → Thiết lập đơn vị.',
  problemsIntro: (count: number) =>
    `Trang Cấu hình có ${count} lỗi cần sửa trước khi tách thành tệp riêng (chưa có gì thay đổi):`,
  officeOnly:
    'Chỉ bộ phận tổng hợp (những người được sửa trang Cấu hình) mới tách được thành tệp riêng. Chưa có gì thay đổi.',
  notOwner: (owner: string) =>
    `Chỉ chủ tệp này (${owner}) mới tách được thành tệp riêng: các tệp đơn vị sẽ thuộc tài khoản chạy việc tách, ` +
    'và Google chỉ cho tài khoản đó tạo thêm tệp và chia sẻ tệp về sau. ' +
    `Hãy nhờ ${owner} chọn Smart Hải Phòng → Tách thành tệp riêng. Chưa có gì thay đổi.`,
  alreadyFiles:
    `Cách tổ chức trên trang Cấu hình đã là "${organisationNames.files}": mỗi đơn vị nhập vào tệp riêng, không còn gì để tách. ` +
    'Để tạo tệp cho đơn vị mới thêm, chọn Thiết lập đơn vị.',
  headerAltered: (names: string[]) =>
    `Trang của ${names.length} đơn vị bị sửa tiêu đề cột (dòng Stt, Họ và tên, Năm sinh…), nên chưa biết chắc cột nào là cột nào: ${listSome(names)}. ` +
    'Hãy trả lại tiêu đề cột như mẫu rồi chọn lại Tách thành tệp riêng. Chưa có gì thay đổi.',
  /** Under the progress bar. */
  copying: (done: number, total: number) => `Đã chép và đối chiếu ${done}/${total} đơn vị.`,
  removing: (done: number, total: number) => `Đã chuyển ${done}/${total} đơn vị sang tệp riêng.`,
  /** Before the clerk confirms: what was copied and checked, unit by unit. */
  checked: (units: number, rows: number) =>
    `Đã chép danh sách của ${units} đơn vị sang tệp riêng của từng đơn vị (trong thư mục ghi ở dòng Thư mục tệp đơn vị của trang Cấu hình) ` +
    `và đọc lại từng ô để đối chiếu với trang đơn vị: khớp hết, ${rows} dòng.`,
  unitRows: (name: string, rows: number) => `${name}: ${rows} dòng`,
  question:
    `Xóa các trang đơn vị khỏi tệp này và chuyển sang cách tổ chức "${organisationNames.files}"? ` +
    'Mỗi đơn vị sẽ nhận thư mời của Google mở tệp riêng của mình và không mở được tệp này nữa; từ đó đơn vị nhập vào tệp riêng, Tổng hợp đọc các tệp riêng.',
  confirm: 'Xóa các trang đơn vị',
  later: 'Để sau',
  laterNote:
    'Chọn "Để sau" thì chưa xóa gì: các đơn vị vẫn nhập vào trang của mình trong tệp này. Khi sẵn sàng, chọn lại Smart Hải Phòng → Tách thành tệp riêng (các dòng đã chép không bị chép lại lần nữa).',
  /** What stops the conversion before anything is removed. */
  stoppedIntro: `Chưa tách xong. ${unchanged} Cần xem lại:`,
  stoppedAfter:
    'Sửa các điều trên rồi chọn lại Tách thành tệp riêng: các dòng đã chép và khớp không bị chép lại lần nữa.',
  conflicts: (names: string[]) =>
    `Tệp riêng của ${names.length} đơn vị đã có dữ liệu khác ở đúng những dòng cần chép (chưa ghi đè gì): ${listSome(names)}. ` +
    'Mở tệp của đơn vị (đường dẫn ở cột Tệp của đơn vị trên trang Cấu hình) và xóa các dòng không phải của trang đơn vị.',
  mismatched: (names: string[]) =>
    `Đọc lại tệp riêng của ${names.length} đơn vị thấy có ô khác với trang đơn vị: ${listSome(names)}.`,
  dailyQuota: (left: number) =>
    `Google cho mỗi tài khoản tạo tối đa 250 bảng tính mỗi ngày và hôm nay đã đủ; còn ${left} đơn vị chưa có tệp. ` +
    'Ngày mai (sau 24 giờ) hãy chọn lại Tách thành tệp riêng để làm tiếp.',
  /** After the clerk confirmed. */
  done: (units: number, removed: number) =>
    `Đã tách xong: ${units} đơn vị nhập vào tệp riêng; đã xóa ${removed} trang đơn vị khỏi tệp này. ` +
    `Cách tổ chức trên trang Cấu hình nay là "${organisationNames.files}".`,
  invited: (count: number, units: number) =>
    `Đã mời ${count} email nhập liệu (${units} đơn vị); Google gửi thư mời kèm đường dẫn tệp riêng.`,
  unshared: (count: number) =>
    `Đã bỏ quyền mở tệp này của ${count} email đơn vị: đơn vị nay chỉ mở tệp riêng của mình.`,
  keptTabs: (names: string[]) =>
    `Chưa xóa trang của ${names.length} đơn vị vì có người nhập thêm vào trang sau khi đối chiếu mà tệp riêng đã có dữ liệu khác ở các dòng ấy: ${listSome(names)}. ` +
    'Hãy chép tay các dòng đó sang tệp riêng của đơn vị rồi xóa trang.',
  /** Issue 25: the conversion is not done while a unit's email can still open this file. */
  unitsKeepAccess: (emails: string[]) =>
    `Chưa xong: ${emails.length} email đơn vị vẫn mở được tệp này (danh sách tổng hợp, trang Cấu hình, lịch sử phiên bản có danh sách của mọi đơn vị), ` +
    `thường do được chia sẻ qua một thư mục chứa tệp này: ${listSome(emails)}. ` +
    'Hãy bỏ chia sẻ đó (Chia sẻ của tệp và của thư mục chứa tệp); Thiết lập đơn vị nêu tên những ai ngoài bộ phận tổng hợp còn mở được tệp này.',
  othersKeepAccess: (emails: string[]) =>
    `Tệp này vẫn được chia sẻ cho người ngoài bộ phận tổng hợp: ${listSome(emails)}. Nếu không cần, hãy bỏ chia sẻ trong Chia sẻ.`,
  checkLinkSharing:
    'Google không cho tiện ích xem tệp này có bật "Bất kỳ ai có đường liên kết" hay xuất bản lên web không: hãy mở ' +
    'Chia sẻ, đặt Quyền truy cập chung là "Hạn chế", và xem Tệp → Chia sẻ → Xuất bản lên web đang tắt.',
  orphanTabs: (names: string[]) =>
    `Trang của các đơn vị không còn trong bảng đơn vị được giữ nguyên, không chép: ${listSome(names)}.`,
};
