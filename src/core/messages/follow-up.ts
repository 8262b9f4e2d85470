/** Vietnamese text of following the units up: their status, Duyệt / Trả lại, and Nhắc đơn vị. */
import { formatCount, formatPercent } from './format';

/** A unit's status, as the summary and the sidebar write it. */
export const statusLabels = {
  empty: 'Chưa nhập',
  typing: 'Đang nhập',
  done: 'Đơn vị báo xong',
  accepted: 'Đã duyệt',
  returned: 'Cần sửa',
  changed: 'Đã sửa sau khi duyệt',
} as const;

/** "dòng 9, 12, 15 và 4 dòng khác": at most `shown` row numbers. */
export function rowList(rows: readonly number[], shown = 10): string {
  const listed = rows.slice(0, shown).join(', ');
  const more = rows.length - shown;
  return more > 0 ? `dòng ${listed} và ${formatCount(more)} dòng khác` : `dòng ${listed}`;
}

export const followUpMessages = {
  /** The summary's two columns (keys of SUMMARY_COLUMNS). */
  columns: { status: 'Tình trạng', statusSince: 'Ngày đổi tình trạng' },
  changedRows: (rows: readonly number[]) =>
    rows.length === 0 ? statusLabels.changed : `${statusLabels.changed} (${rowList(rows)})`,
  /** The unit's header, row 6: the tick's label (a formula shows one or the other). */
  tickLabel: 'Đã nhập xong? Đánh dấu ô bên →',
  tickedLabel: 'Đơn vị đã báo nhập xong →',
  tickNote:
    'Đơn vị đánh dấu ô này khi đã nhập xong danh sách. Bộ phận tổng hợp sẽ xem và Duyệt (khóa danh sách) hoặc Trả lại kèm ghi chú.',
  /** What the office writes into the unit's header when it returns the list. */
  returnedNote: (date: string, note: string) =>
    `Bộ phận tổng hợp trả lại ngày ${date}: ${note} Sửa xong, đánh dấu lại ô "Đã nhập xong".`,
  acceptedNote: (date: string) =>
    `Bộ phận tổng hợp đã duyệt danh sách ngày ${date}. Cần sửa gì, hãy liên hệ bộ phận tổng hợp.`,
  lockDescription: (unit: string) => `${unit}: đã duyệt, chỉ bộ phận tổng hợp được sửa.`,

  menuItem: 'Theo dõi và nhắc đơn vị',
  /** A unit whose list Tổng hợp could not read (its closing message says why). */
  unreadable: 'Không đọc được danh sách (xem thông báo của Tổng hợp)',
  title: 'Theo dõi đơn vị',
  officeOnly: 'Chỉ bộ phận tổng hợp (người được sửa trang Cấu hình) được duyệt hay trả lại danh sách.',
  /** Issue 25: "Không trùng" rows another unit listed first, awaiting the office's word. */
  namesakesHeading: 'Ghi "Không trùng" chờ chấp nhận',
  namesakesIntro:
    'Các dòng dưới đây trùng họ tên, năm sinh và nơi ở với người đơn vị khác đã kê, nhưng đơn vị ghi "Không trùng". ' +
    'Chưa chấp nhận thì người này chỉ được tính một lần cho phường. Gọi hỏi đơn vị; nếu đúng là hai người khác nhau, bấm Chấp nhận rồi chạy lại Tổng hợp.',
  namesakePair: (unit: string, row: number, other: string, otherRow: number) =>
    `${unit}, dòng ${row} – đã có ở ${other}, dòng ${otherRow}`,
  acceptNamesake: 'Chấp nhận: hai người khác nhau',
  namesakeAccepted: (unit: string, row: number) =>
    `Đã chấp nhận dòng ${row} của ${unit} là một người khác. Chạy lại Tổng hợp để cập nhật số liệu.`,
  notANamesake: (unit: string, row: number) =>
    `Dòng ${row} của ${unit} không (còn) là một dòng hợp lệ ghi "Không trùng": không có gì để chấp nhận. Chạy lại Tổng hợp để xem danh sách mới.`,
  acceptOfficeOnly:
    'Chỉ bộ phận tổng hợp (người được sửa trang Cấu hình) được chấp nhận dòng ghi "Không trùng".',
  badRequest: 'Yêu cầu không hợp lệ. Hãy đóng thanh bên rồi mở lại.',
  unknownUnit: (code: string) => `Không có đơn vị mã "${code}" trong trang Cấu hình.`,
  noteRequired: 'Hãy ghi rõ đơn vị cần sửa gì (ghi chú sẽ hiện ở đầu trang của đơn vị).',
  noteTooLong: (max: number) => `Ghi chú dài quá ${formatCount(max)} ký tự: hãy viết gọn lại.`,
  cannotRead: (name: string) =>
    `Không đọc được danh sách của ${name}: hãy chạy Tổng hợp để biết lý do rồi thử lại.`,
  noRowsToAccept: (name: string) => `${name} chưa nhập dòng nào: chưa có gì để duyệt.`,
  notYours: (name: string) =>
    `Bạn không được sửa bảo vệ của tệp ${name}: hãy nhờ chủ tệp (người chạy Thiết lập đơn vị) duyệt.`,
  accepted: (name: string, rows: number) =>
    `Đã duyệt danh sách của ${name} (${formatCount(rows)} dòng): danh sách đã được khóa, chỉ bộ phận tổng hợp sửa được. ` +
    'Nếu về sau danh sách bị sửa, trang Tổng hợp sẽ ghi "Đã sửa sau khi duyệt" và các dòng đã đổi.',
  returned: (name: string) =>
    `Đã trả lại danh sách cho ${name}: đơn vị sửa được danh sách trở lại, ô "Đã nhập xong" đã được bỏ đánh dấu và ghi chú đã ghi ở đầu trang của đơn vị.`,

  /** Nhắc đơn vị. */
  noConsolidation: 'Chưa có số liệu: hãy chạy Tổng hợp trước, rồi mở lại mục này.',
  staleConsolidation:
    'Bảng đơn vị trên trang Cấu hình đã đổi từ lần Tổng hợp gần nhất: hãy chạy lại Tổng hợp để danh sách nhắc đúng.',
  figuresAt: (when: string) => `Theo số liệu Tổng hợp lúc ${when}.`,
  nobodyToRemind: 'Không có đơn vị nào cần nhắc lúc này.',
  remindCount: (n: number) => `${formatCount(n)} đơn vị cần nhắc, việc gấp trước:`,
  reasons: {
    'no-rows': 'chưa nhập dòng nào',
    'below-target': 'chưa đạt chỉ tiêu (gần hoặc đã quá hạn hoàn thành)',
    errors: 'có dòng bị lỗi',
    'not-done': 'chưa báo nhập xong (gần hoặc đã quá hạn báo cáo)',
    'changed-after-acceptance': 'danh sách bị sửa sau khi đã duyệt',
  },
  noPhone: 'chưa có số điện thoại (cột Số điện thoại của Cấu hình)',
  copy: 'Chép lời nhắn',
  copied: 'Đã chép',
  openZalo: 'Mở Zalo',
  accept: 'Duyệt',
  return: 'Trả lại',
  returnNoteLabel: 'Ghi chú cho đơn vị (cần sửa gì)',
  returnConfirm: 'Trả lại kèm ghi chú',
  cancel: 'Hủy',
  refresh: 'Làm mới',
  statusHeading: 'Tình trạng các đơn vị',
  remindHeading: 'Nhắc đơn vị',
  since: (date: string) => `từ ${date}`,
  busy: { followUp: 'Đang đọc số liệu…', reviewUnit: 'Đang cập nhật…', acceptNamesake: 'Đang ghi nhận…' },
  failure: {
    followUp: 'Không đọc được số liệu theo dõi.',
    reviewUnit: 'Không duyệt hay trả lại được.',
    acceptNamesake: 'Không ghi nhận được.',
  },

  /** The ready-to-send message: the unit's own figures, never a resident's name. */
  message: (m: {
    unitName: string;
    rows: number;
    valid: number;
    target: number;
    targetUnit: string;
    ratio: number | null;
    errors: number;
    errorRows: readonly number[];
    changedRows: readonly number[];
    reasons: readonly string[];
    ticked: boolean;
    completion: string;
    report: string;
    contact: string;
  }) => {
    const lines = [`Kính gửi ${m.unitName},`];
    const hasRows = m.rows > 0;
    lines.push(
      hasRows
        ? `Bộ phận tổng hợp phường đã nhận ${formatCount(m.rows)} dòng trong danh sách của đơn vị, ` +
            `${formatCount(m.valid)} dòng hợp lệ` +
            (m.target > 0
              ? ` trên chỉ tiêu ${formatCount(m.target)} ${m.targetUnit}` +
                (m.ratio === null ? '' : ` (đạt ${formatPercent(m.ratio)})`)
              : '') +
            '.'
        : 'Bộ phận tổng hợp phường chưa thấy dòng nào trong danh sách của đơn vị.'
    );
    if (m.reasons.includes('errors') && m.errors > 0)
      lines.push(
        `Có ${formatCount(m.errors)} dòng bị lỗi (${rowList(m.errorRows)}): đơn vị xem cột Kiểm tra của từng dòng để sửa.`
      );
    if (m.reasons.includes('below-target') && m.target > 0)
      lines.push(
        `Còn thiếu ${formatCount(Math.max(0, m.target - m.valid))} ${m.targetUnit} so với chỉ tiêu, đề nghị đơn vị vận động thêm.`
      );
    if (m.reasons.includes('changed-after-acceptance'))
      lines.push(
        `Danh sách đã được duyệt nhưng sau đó bị sửa (${m.changedRows.length > 0 ? rowList(m.changedRows) : 'một số dòng'}): đề nghị đơn vị liên hệ để đối chiếu.`
      );
    if (!hasRows) lines.push('Đề nghị đơn vị nhập danh sách vào tệp đã được chia sẻ.');
    if (m.reasons.includes('not-done') && hasRows)
      lines.push('Nhập xong, đơn vị đánh dấu ô "Đã nhập xong" ở đầu trang để bộ phận tổng hợp duyệt.');
    const deadlines = [
      m.completion ? `hạn hoàn thành ${m.completion}` : '',
      m.report ? `hạn báo cáo ${m.report}` : '',
    ].filter((d) => d !== '');
    if (deadlines.length > 0) lines.push(`Lưu ý ${deadlines.join(', ')}.`);
    if (m.contact) lines.push(`Cần hỗ trợ, xin liên hệ ${m.contact}.`);
    lines.push('Trân trọng cảm ơn.');
    return lines.join('\n');
  },
};

export const followUpCliMessages = {
  remindLine: (code: string, name: string, reasons: string) => `${code} - ${name}: ${reasons}`,
  reviewUsage:
    'Dùng: tonghop review BOOK.xlsx --unit MÃ --accept   hoặc   --return "ghi chú"   hoặc   --accept-namesake DÒNG',
};
