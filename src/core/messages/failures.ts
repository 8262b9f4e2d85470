/**
 * What a person reads when something failed outside tonghop's own checks: Google's error (often in
 * English, sometimes in the user's language) explained in Vietnamese, with what to do. The error's own
 * text is for the administrator: the sidebar, the import screen and the progress dialog fold it under
 * "Thông tin cho người quản trị"; a menu alert shows it only when no explanation fits, after that heading.
 *
 * Bundled into the browser pages too: plain data and small functions, no imports.
 */

export type FailureCause = 'timeout' | 'quota' | 'slow' | 'permission' | 'network' | 'outside' | 'unknown';

/** Google's texts, English and Vietnamese, by what they mean; the first that matches wins. */
const CAUSES: readonly (readonly [FailureCause, RegExp])[] = [
  ['timeout', /maximum execution time|thời gian thực thi tối đa/i],
  ['quota', /too many times|quá nhiều lần|quota|rate limit|bandwidth|hạn mức/i],
  [
    'slow',
    /timed out|timeout|hết thời gian chờ|service (?:error|unavailable)|lỗi dịch vụ|internal error|server error|try again later|thử lại sau/i,
  ],
  ['permission', /permission|authori[sz]|access denied|không có quyền|cấp quyền|được bảo vệ|protected/i],
  ['network', /network|http 0|failed to fetch|connection|kết nối/i],
  ['outside', /google\.script\.run is not available/i],
];

/** What kind of failure an error text reports. */
export function failureCause(detail: string): FailureCause {
  return CAUSES.find(([, pattern]) => pattern.test(detail))?.[0] ?? 'unknown';
}

export const failureMessages = {
  adminHeading: 'Thông tin cho người quản trị',
  adminHint: 'Nếu cần nhờ giúp, hãy chép đoạn dưới đây gửi người quản trị (qua Zalo).',
  copy: 'Chép',
  copied: 'Đã chép.',
  copyByHand: 'Đoạn văn bản đã được chọn sẵn: bấm Ctrl+C (trên máy Mac: ⌘+C) để chép.',
  /** What happened, in one sentence; what to do follows from where it happened. */
  cause: {
    timeout: 'Google đã dừng lượt chạy này vì quá 6 phút, thời gian tối đa của một lần chạy.',
    quota: 'Tài khoản Google này đã dùng hết số lần Google cho phép trong lúc này.',
    slow: 'Máy chủ của Google phản hồi quá chậm hoặc đang tạm thời gặp sự cố.',
    permission: 'Tài khoản Google đang dùng chưa có quyền làm việc này trên bảng tính.',
    network: 'Mất kết nối mạng giữa máy của bạn và Google.',
    outside: 'Trang này chỉ chạy được bên trong Google Trang tính.',
    unknown: 'Đã xảy ra lỗi ngoài dự kiến.',
  } satisfies Record<FailureCause, string>,
  unchanged: 'Dữ liệu đã nhập của các đơn vị không bị thay đổi.',
  /** After an action chosen in the menu. */
  retryMenu:
    'Hãy chọn lại mục này trong menu Smart Hải Phòng để chạy tiếp; nếu vẫn không được, chọn ' +
    'Smart Hải Phòng → Chẩn đoán lỗi (gửi người quản trị) rồi gửi kết quả cho người quản trị.',
  /** A menu alert cannot fold: the detail follows under its heading, and only when nothing explains it. */
  alertDetail: (detail: string) => `\n\nThông tin cho người quản trị: ${detail}`,
};

/** What happened, from the error's text. */
export function explainFailure(detail: string): string {
  return failureMessages.cause[failureCause(detail)];
}
