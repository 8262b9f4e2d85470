/**
 * Vietnamese text of the "Kiểm tra dữ liệu" sidebar (src/ui/). Bundled into the browser page, so it
 * stays plain data and small formatting functions: no imports of server code.
 */

import { formatCount, formatPercent, shareDecimals } from './format';

export { formatCount };

export const sidebarMessages = {
  title: 'Kiểm tra dữ liệu',
  intro: 'Xem các dòng cần sửa trong danh sách người đã cài ứng dụng Smart Hải Phòng.',
  unitLabel: 'Đơn vị',
  allUnits: 'Tất cả đơn vị',
  /** The selector's first line where each unit has a file of its own. */
  chooseUnit: '— Chọn đơn vị —',
  recheck: 'Kiểm tra lại',
  autoFix: 'Sửa tự động',

  busy: {
    checkData: 'Đang kiểm tra…',
    selectProblemCell: 'Đang mở ô trong bảng tính…',
    previewFixes: 'Đang tìm các ô sửa được…',
    applyFixes: 'Đang sửa…',
  },
  /** What failed and what to do; why (messages/failures.ts) and Google's own text follow. */
  failure: {
    checkData: 'Không kiểm tra được dữ liệu. Vui lòng bấm “Kiểm tra lại” sau ít phút.',
    selectProblemCell: 'Không mở được ô này trong bảng tính. Hãy bấm “Kiểm tra lại” rồi thử lại.',
    previewFixes: 'Không tìm được các ô sửa tự động. Vui lòng thử lại sau ít phút.',
    applyFixes: 'Chưa sửa được dữ liệu. Hãy bấm “Kiểm tra lại” để xem bảng tính hiện tại rồi thử lại.',
  },
  close: 'Đóng',
  closeLabel: 'Đóng thông báo',

  summaryLabel: 'Kết quả kiểm tra',
  counts: {
    rows: 'Số dòng',
    valid: 'Hợp lệ',
    errors: 'Lỗi',
    warnings: 'Cần kiểm tra',
  },
  coverage: (ratio: number, valid: number, target: number) =>
    `Đạt ${formatPercent(ratio, shareDecimals(valid, target))} chỉ tiêu (${formatCount(valid)}/${formatCount(target)})`,
  noTarget: 'Chưa giao chỉ tiêu',

  problemsHeading: 'Các chỗ cần sửa',
  problemsHint: 'Bấm vào một mục để đến ô đó trong bảng tính.',
  /** Each unit's list in its own file: an entry opens that file at the cell. */
  problemsLinkHint: 'Bấm vào một mục để mở tệp của đơn vị ở thẻ mới, tại ô đó.',
  problemPlace: (row: number, columnLabel: string) => `Dòng ${formatCount(row)} · ${columnLabel}`,
  truncated: (n: number) =>
    `Còn ${formatCount(n)} chỗ cần sửa khác chưa hiện ở đây. Sửa các chỗ trên rồi bấm “Kiểm tra lại” để xem tiếp.`,
  noProblems: 'Không có lỗi nào',
  noProblemsDetail: 'Tất cả các dòng đều đã nhập đúng.',
  noRows: 'Danh sách chưa có dòng nào',
  noRowsDetail: 'Hãy nhập người đã cài ứng dụng vào bảng, từ dòng đầu tiên dưới tiêu đề.',

  fixesHeading: 'Sửa tự động',
  fixesIntro: (n: number) =>
    `Có ${formatCount(n)} ô sửa được mà không cần đoán (khoảng trắng, chữ hoa đầu tên, năm sinh ghi cả ngày). ` +
    'Xem lại trước khi áp dụng:',
  fixPlace: (row: number, columnLabel: string, unitName?: string) =>
    `${unitName ? `${unitName} · ` : ''}Dòng ${formatCount(row)} · ${columnLabel}`,
  fixBefore: 'Trước',
  fixAfter: 'Sau',
  emptyValue: '(trống)',
  apply: (n: number) => `Áp dụng ${formatCount(n)} thay đổi`,
  cancel: 'Hủy',
  undoHint: 'Nếu cần làm lại như cũ, có thể khôi phục trong Tệp → Lịch sử phiên bản của bảng tính.',
  nothingToFix:
    'Không có ô nào sửa tự động được. Các lỗi còn lại cần người nhập kiểm tra và sửa tay (ví dụ năm sinh “85”).',
  fixesCancelled: 'Đã hủy, bảng tính không thay đổi.',
  appliedSummary: (applied: number, skipped: number) =>
    `Đã sửa ${formatCount(applied)} ô` +
    (skipped > 0 ? `; bỏ qua ${formatCount(skipped)} ô vì đã có người sửa trong lúc xem` : '') +
    '. Có thể khôi phục bản cũ trong Tệp → Lịch sử phiên bản.',
};
