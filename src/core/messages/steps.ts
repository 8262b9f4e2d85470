/** The progress dialog of Tổng hợp and Thiết lập đơn vị, and the runs held across its steps. */
import { listSome } from './setup';

export const stepMessages = {
  dialogTitle: {
    consolidate: 'Tổng hợp',
    setup: 'Thiết lập đơn vị',
    split: 'Tách thành tệp riêng',
    close: 'Kết thúc đợt báo cáo',
  },
  starting: 'Đang bắt đầu…',
  readingUnits: (read: number, total: number) => `Đã đọc ${read}/${total} đơn vị.`,
  writingRows: (written: number, total: number) => `Đã ghi ${written}/${total} dòng vào danh sách tổng hợp.`,
  writingSummary: 'Đang lập trang Tổng hợp…',
  switching: 'Đang thay danh sách và trang Tổng hợp mới cùng lúc…',
  settingUp: (done: number, total: number) => `Đã thiết lập ${done}/${total} đơn vị.`,
  finishing: 'Đang sắp xếp các trang…',
  done: 'Xong.',
  unitsSoFar: (done: number, total: number) => `đã thiết lập ${done}/${total} đơn vị`,
  unitsReadSoFar: (read: number, total: number) => `đã đọc ${read}/${total} đơn vị`,
  busy: (job: string, progress: string, minutes: number) =>
    `Một người khác đang chạy ${job} (${progress}). Vui lòng đợi; nếu sau ${minutes} phút lượt đó không tiếp tục, bạn có thể chọn lại mục này để chạy tiếp.`,
  restarted: (names: string[]) =>
    `Dữ liệu đã thay đổi từ khi bắt đầu tổng hợp (${listSome(names)}), nên tiện ích tổng hợp lại từ đầu để số liệu khớp nhau.`,
  configChanged: 'bảng đơn vị trên trang Cấu hình',
  resumed: 'Tiếp tục lượt đang dở.',
  /** After `cause` (messages/failures.ts): the step never answered, so nothing of it is half-kept. */
  interrupted: (cause: string, job: string) =>
    `Bị gián đoạn. ${cause} Không mất gì: các trang vẫn giữ kết quả đầy đủ gần nhất. ` +
    `Hãy chọn lại Smart Hải Phòng → ${job} để chạy tiếp từ chỗ đã dừng.`,
  close: 'Đóng',
  cliStep: (job: string, step: number, label: string, percent: number) =>
    `${job} — bước ${step}: ${label} (${percent}%)`,
  keepOpen: 'Hãy để hộp thoại này mở đến khi xong. Nếu lỡ đóng, chọn lại mục trong menu để chạy tiếp.',
  stagingMaster: 'Danh sách tổng hợp (đang lập)',
  stagingSummary: 'Tổng hợp (đang lập)',
  retiredMaster: 'Danh sách tổng hợp (cũ)',
  retiredSummary: 'Tổng hợp (cũ)',
};
