/**
 * Vietnamese text of the sharing audit (issue 25, part 1): what Tổng hợp says of a file shared beyond what
 * Cấu hình allows, and what Thiết lập đơn vị says it repaired.
 */
import type { SharedFile, SharingFinding } from '../sharing';
import { listSome } from './setup';

const FILES: Record<Exclude<SharedFile, 'unit'>, string> = {
  folder: 'thư mục tệp đơn vị',
  leaders: 'tệp lãnh đạo',
  office: 'tệp tổng hợp',
  template: 'tệp mẫu trong thư mục tệp đơn vị',
};

/** "tệp của Tổ dân phố số 1", "thư mục tệp đơn vị"… */
export function sharedFileName(finding: Pick<SharingFinding, 'file' | 'name'>): string {
  return finding.file === 'unit' ? `tệp của ${finding.name}` : FILES[finding.file];
}

const can = (role: string | undefined) => (role === 'writer' ? 'sửa' : 'xem');

/** One finding, without the file's name. */
function issueText(f: SharingFinding): string {
  switch (f.issue) {
    case 'anyone':
      return `ai có đường liên kết đều ${can(f.role)} được`;
    case 'domain':
      return `mọi người thuộc ${f.who ?? ''} đều ${can(f.role)} được`;
    case 'stranger':
      return `${f.who ?? ''} ${can(f.role)} được nhưng không có trong trang Cấu hình`;
    case 'writers-can-share':
      return 'người được chia sẻ chia sẻ tiếp và xuất bản lên web được';
    case 'published':
      return 'đang xuất bản lên web';
  }
}

export const sharingMessages = {
  /** Tổng hợp's closing line: every finding, file by file. */
  report: (findings: readonly SharingFinding[]) =>
    `Chia sẻ ngoài những gì trang Cấu hình cho phép: ${listSome(
      findings.map((f) => `${sharedFileName(f)}: ${issueText(f)}`),
      15
    )}. Chạy lại Thiết lập đơn vị để gỡ (người tạo các tệp chạy); email gõ nhầm ở trang Cấu hình thì sửa trước.`,
  /** A colleague's Tổng hợp: Drive answers only the files' creator under the add-on's narrow scope. */
  notChecked:
    'Chỉ người tạo các tệp đơn vị (người chạy Thiết lập đơn vị lần đầu) kiểm tra được chia sẻ của tệp đơn vị, ' +
    'thư mục và tệp lãnh đạo: lần Tổng hợp này chỉ kiểm tra tệp tổng hợp.',
  /** The summary's line (row 10): the files only, never an email (the leaders' file copies it). */
  summaryNote: (files: readonly string[]) =>
    `Chia sẻ cần xử lý: ${listSome(files, 8)} (xem thông báo của Tổng hợp; chạy lại Thiết lập đơn vị để gỡ).`,
  /** Thiết lập: what it repaired. */
  repaired: (items: readonly string[]) => `Đã gỡ chia sẻ ngoài trang Cấu hình: ${listSome(items, 15)}.`,
  notRepaired: (items: readonly string[]) =>
    `Chưa gỡ được (chỉ chủ tệp làm được; hãy để người tạo các tệp chạy Thiết lập đơn vị): ${listSome(items, 15)}.`,
  /** A repaired item. */
  item: (finding: SharingFinding) => `${sharedFileName(finding)}: ${issueText(finding)}`,
};
