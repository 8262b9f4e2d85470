import {
  changedRows,
  daysBetween,
  listPrint,
  NEAR_DAYS,
  REASON_ORDER,
  remindOrder,
  remindReasons,
  statusSince,
  unitStatus,
  zaloLink,
  type FollowUpFigures,
  type ReviewRecord,
} from '../../src/core/follow-up';
import { followUpMessages as fm, rowList } from '../../src/core/messages/follow-up';

/** Rows as read from A8 on: Stt (a formula's value), Họ và tên … Ghi chú. */
const row = (n: number, name: string): unknown[] => [n, name, '1980', '', 'Tổ dân phố số 1', ''];
const blank = (): unknown[] => ['', '', '', '', '', ''];

describe('a list’s fingerprint and the rows changed since acceptance', () => {
  const accepted = [row(1, 'Nguyễn Văn An'), row(2, 'Trần Thị Bình'), row(3, 'Lê Văn Cường'), blank()];
  const print = listPrint(accepted);
  const record: ReviewRecord = { status: 'accepted', at: '2026-05-30T02:00:00.000Z', ...print };

  it('counts filled rows and ignores the blank rows after them and Stt', () => {
    expect(print.rows).toBe(3);
    expect(listPrint(accepted.slice(0, 3)).hash).toBe(print.hash);
    expect(listPrint(accepted.map((r) => [99, ...r.slice(1)])).hash).toBe(print.hash);
  });

  it('reads Đã duyệt while the list is the accepted one, and names each changed, added or cleared row', () => {
    expect(unitStatus(print, false, record, 8)).toEqual({ status: 'accepted', changed: [] });
    const edited = [row(1, 'Nguyễn Văn An'), row(2, 'Trần Thị Bính'), blank(), row(4, 'Phạm Văn Dũng')];
    expect(unitStatus(listPrint(edited), true, record, 8)).toEqual({
      status: 'changed',
      changed: [9, 10, 11],
    });
    expect(changedRows(record, listPrint(accepted.slice(0, 2)), 8)).toEqual([10]);
  });

  it('without an acceptance: no rows, typing, ticked done, returned', () => {
    const none = listPrint([blank()]);
    expect(unitStatus(none, true, null, 8).status).toBe('empty');
    expect(unitStatus(print, false, null, 8).status).toBe('typing');
    expect(unitStatus(print, true, null, 8).status).toBe('done');
    const returned: ReviewRecord = { status: 'returned', at: '2026-05-30T02:00:00.000Z' };
    expect(unitStatus(print, false, returned, 8).status).toBe('returned');
    expect(unitStatus(print, true, returned, 8).status).toBe('done');
  });

  it('dates a status by the office’s decision, else keeps the day it was first seen', () => {
    const at = new Date('2026-06-01T02:00:00.000Z');
    expect(statusSince('accepted', undefined, record, at)).toBe(record.at);
    expect(statusSince('typing', { status: 'typing', since: '2026-05-21T02:00:00.000Z' }, null, at)).toBe(
      '2026-05-21T02:00:00.000Z'
    );
    expect(statusSince('done', { status: 'typing', since: '2026-05-21T02:00:00.000Z' }, null, at)).toBe(
      at.toISOString()
    );
  });
});

describe('whom to remind, and in which order', () => {
  const figures = (f: Partial<FollowUpFigures>): FollowUpFigures => ({
    status: 'typing',
    since: '',
    rows: 10,
    valid: 10,
    errors: 0,
    errorRows: [],
    changedRows: [],
    ticked: false,
    readable: true,
    ...f,
  });

  it('applies the deadline rules only as the deadlines near', () => {
    const behind = { index: 0, target: 40, figures: figures({}) };
    expect(remindReasons(behind, NEAR_DAYS + 1, NEAR_DAYS + 6)).toEqual([]);
    expect(remindReasons(behind, NEAR_DAYS, NEAR_DAYS + 6)).toEqual(['below-target']);
    expect(remindReasons(behind, -3, 0)).toEqual(['below-target', 'not-done']);
    expect(remindReasons({ ...behind, target: 0 }, -3, 0)).toEqual(['not-done']);
    expect(
      remindReasons({ index: 0, target: 0, figures: figures({ rows: 0, valid: 0 }) }, null, null)
    ).toEqual(['no-rows']);
    // Accepted, or unreadable (the office's to fix): no call.
    expect(remindReasons({ ...behind, figures: figures({ status: 'accepted' }) }, -3, 0)).toEqual([]);
    expect(remindReasons({ ...behind, figures: figures({ readable: false, rows: 0 }) }, -3, 0)).toEqual([]);
  });

  it('puts the most urgent reason first, then more reasons, then the furthest below target', () => {
    const unit = (index: number, target: number, f: Partial<FollowUpFigures>) => {
      const input = { index, target, figures: figures(f) };
      return { ...input, reasons: remindReasons(input, 0, 0) };
    };
    const order = remindOrder([
      unit(0, 10, { status: 'changed' }),
      unit(1, 10, { valid: 5, errors: 1, status: 'done', ticked: true }),
      unit(2, 10, { valid: 2, status: 'done', ticked: true }),
      unit(3, 10, { rows: 0, valid: 0 }),
      unit(4, 10, { valid: 10, status: 'done', ticked: true }),
      unit(5, 10, { valid: 8 }),
    ]);
    expect(order.map((u) => [u.index, u.reasons])).toEqual([
      [3, ['no-rows']],
      // Two reasons each: the one further below target first.
      [1, ['below-target', 'errors']],
      [5, ['below-target', 'not-done']],
      [2, ['below-target']],
      [0, ['changed-after-acceptance']],
    ]);
    expect(REASON_ORDER[0]).toBe('no-rows');
  });

  it('counts whole days and links a phone to Zalo', () => {
    expect(daysBetween('2026-05-24', '2026-05-31')).toBe(7);
    expect(daysBetween('2026-06-06', '2026-06-05')).toBe(-1);
    expect(zaloLink('0912 345 678')).toBe('https://zalo.me/0912345678');
    expect(zaloLink('+84 912.345.678')).toBe('https://zalo.me/0912345678');
    expect(zaloLink('')).toBe('');
  });

  it('writes row lists short and the message from figures only', () => {
    expect(rowList([8, 9])).toBe('dòng 8, 9');
    expect(rowList(Array.from({ length: 13 }, (_, i) => i + 8))).toBe(
      'dòng 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 và 3 dòng khác'
    );
    const text = fm.message({
      unitName: 'Tổ dân phố số 3',
      rows: 12,
      valid: 10,
      target: 54,
      targetUnit: 'hộ',
      ratio: 10 / 54,
      errors: 2,
      errorRows: [11, 15],
      changedRows: [],
      reasons: ['below-target', 'errors', 'not-done'],
      ticked: false,
      completion: '31/05/2026',
      report: '05/06/2026',
      contact: 'Chị Hoa, 0912 345 678',
    });
    expect(text).toBe(
      [
        'Kính gửi Tổ dân phố số 3,',
        'Bộ phận tổng hợp phường đã nhận 12 dòng trong danh sách của đơn vị, 10 dòng hợp lệ trên chỉ tiêu 54 hộ (đạt 18,5%).',
        'Có 2 dòng bị lỗi (dòng 11, 15): đơn vị xem cột Kiểm tra của từng dòng để sửa.',
        'Còn thiếu 44 hộ so với chỉ tiêu, đề nghị đơn vị vận động thêm.',
        'Nhập xong, đơn vị đánh dấu ô "Đã nhập xong" ở đầu trang để bộ phận tổng hợp duyệt.',
        'Lưu ý hạn hoàn thành 31/05/2026, hạn báo cáo 05/06/2026.',
        'Cần hỗ trợ, xin liên hệ Chị Hoa, 0912 345 678.',
        'Trân trọng cảm ơn.',
      ].join('\n')
    );
  });
});
