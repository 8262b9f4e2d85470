/**
 * What the README promises at the top of the Tổng hợp sheet and on a new spreadsheet: "Tổng hợp lúc"
 * (the moment of the run, in Vietnam's time), the deadline line ("Còn N ngày…" / "Hôm nay là hạn…" /
 * "Đã hết hạn…") on days before, on and after the deadline, and the locale and time zone set when
 * Cấu hình is created.
 * Cells are found by their text, not by row number, so a change of layout does not break these tests.
 */
import { DIST_DIR, dropBlankSheets, loadAddOn } from '../../src/cli/runtime';
import { Workbook, VirtualClock } from '../../src/stand-in';
import { demoUnits } from '../../src/cli/demo-data';
import { CLERK, shownInVietnam, typeRows, unitTable } from '../support/add-on';

const UNITS = demoUnits(2).slice(0, 3);

/** A moment given as Vietnam's wall-clock time (UTC+7, no daylight saving). */
const vietnam = (y: number, mo: number, d: number, h: number, mi: number) =>
  Date.UTC(y, mo - 1, d, h - 7, mi);

function setUp(start = vietnam(2026, 5, 1, 9, 0)) {
  const clock = new VirtualClock(start);
  const workbook = new Workbook({ owner: CLERK });
  const loaded = loadAddOn(workbook, DIST_DIR, { clock });
  loaded.addOn.initConfig(unitTable(UNITS), { organisation: 'shared' });
  dropBlankSheets(workbook);
  workbook.share(...UNITS.map((u) => u.emails).filter(Boolean));
  expect(loaded.addOn.setupUnits().ok).toBe(true);
  typeRows(workbook, UNITS[0], [['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1']]);
  return { workbook, clock, ...loaded };
}

/** The text cells of the Tổng hợp sheet's column A, as the office reads them. */
function summaryLines(workbook: Workbook): string[] {
  const sheet = workbook.getSheetByName('Tổng hợp');
  if (!sheet) throw new Error('no Tổng hợp sheet');
  return sheet
    .getRange(1, 1, Math.min(sheet.getLastRow(), 12), 1)
    .getDisplayValues()
    .map((r) => r[0])
    .filter((text) => text !== '');
}

const deadlineLine = (workbook: Workbook) =>
  summaryLines(workbook).find((line) => /hạn hoàn thành/i.test(line));

/** Types a value into column C of Cấu hình's row labelled `label`, as the office would. */
function typeCampaign(workbook: Workbook, label: string, value: string) {
  const config = workbook.getSheetByName('Cấu hình');
  if (!config) throw new Error('no Cấu hình');
  const labels = config
    .getRange(1, 1, 12, 1)
    .getValues()
    .map((r) => String(r[0]));
  const row = labels.indexOf(label) + 1;
  if (row === 0) throw new Error(`no row labelled ${label}`);
  config.getRange(row, 3).setValue(value);
}

describe('the top of the Tổng hợp sheet', () => {
  it('says when the run was, in Vietnam’s time', () => {
    const { workbook, addOn, clock } = setUp();
    // 23:58 in Hải Dương is 16:58 UTC: a clock read in UTC would show another hour, one in
    // the machine's zone another hour or day.
    clock.set(vietnam(2026, 5, 20, 23, 58));
    const before = clock.now();
    expect(addOn.consolidate().ok).toBe(true);
    const after = clock.now();
    const stamp = summaryLines(workbook).find((line) => line.startsWith('Tổng hợp lúc'));
    const shown = /^Tổng hợp lúc: (\d\d\/\d\d\/\d{4} \d\d:\d\d)$/.exec(stamp ?? '')?.[1];
    // Any minute from the click to the end of the run; the run takes seconds, not a minute.
    const minutes = new Set<string>();
    for (let t = before; t <= after + 60_000; t += 60_000) minutes.add(shownInVietnam(t));
    expect(minutes.has(shown ?? '')).toBe(true);
    expect(shown?.startsWith('20/05/2026 23:5')).toBe(true);
  });

  it('counts the days left to the deadline, then says it is past, by Vietnam’s calendar', () => {
    const { workbook, addOn, clock } = setUp();
    const runAt = (ms: number) => {
      clock.set(ms);
      expect(addOn.consolidate().ok).toBe(true);
      return deadlineLine(workbook);
    };
    // Cấu hình's default deadline: 31/05/2026.
    expect(runAt(vietnam(2026, 5, 20, 8, 0))).toBe('Còn 11 ngày đến hạn hoàn thành (31/05/2026).');
    expect(runAt(vietnam(2026, 5, 30, 23, 50))).toBe('Còn 1 ngày đến hạn hoàn thành (31/05/2026).');
    expect(runAt(vietnam(2026, 5, 31, 0, 10))).toBe('Hôm nay là hạn hoàn thành (31/05/2026).');
    expect(runAt(vietnam(2026, 5, 31, 23, 40))).toBe('Hôm nay là hạn hoàn thành (31/05/2026).');
    // 00:20 on 1 June in Hải Dương is still 31 May in UTC: the deadline is past all the same. Said as a
    // date fact, not "Quá hạn" beside the figures: a ward that met its target late is no failure here.
    expect(runAt(vietnam(2026, 6, 1, 0, 20))).toBe('Đã hết hạn hoàn thành (31/05/2026).');
    expect(runAt(vietnam(2026, 7, 15, 12, 0))).toBe('Đã hết hạn hoàn thành (31/05/2026).');
  });

  it('follows a deadline the office types, and says when there is none', () => {
    const { workbook, addOn, clock } = setUp();
    typeCampaign(workbook, 'Hạn hoàn thành', '15/06/2026');
    clock.set(vietnam(2026, 6, 1, 10, 0));
    expect(addOn.consolidate().ok).toBe(true);
    expect(deadlineLine(workbook)).toBe('Còn 14 ngày đến hạn hoàn thành (15/06/2026).');

    typeCampaign(workbook, 'Hạn hoàn thành', '');
    clock.advance(60 * 60_000);
    expect(addOn.consolidate().ok).toBe(true);
    expect(summaryLines(workbook)).toContain('Chưa đặt hạn hoàn thành trên trang Cấu hình.');
  });
});

describe('a new spreadsheet', () => {
  // The menu items that create Cấu hình. Not Chẩn đoán, which leaves the locale alone on purpose
  // (README, "Chẩn đoán and the recorded Google behaviour"); nor, today, Nhập từ tệp.
  it.each([
    ['Thiết lập đơn vị', 'setupUnits'],
    ['Tổng hợp', 'consolidate'],
    ['Kiểm tra dữ liệu', 'showCheckSidebar'],
    ['Xuất báo cáo đơn vị', 'exportUnitReport'],
    ['Báo cáo phường', 'exportWardReport'],
  ] as const)(
    'is set to Vietnamese and Vietnam’s time zone when %s, chosen first, creates Cấu hình',
    (_item, entry) => {
      // A spreadsheet made by an account set to English (United States), New York time.
      const workbook = new Workbook({ owner: CLERK, locale: 'en_US', timeZone: 'America/New_York' });
      const { addOn } = loadAddOn(workbook, DIST_DIR, {
        clock: new VirtualClock(vietnam(2026, 5, 1, 9, 0)),
      });
      expect(workbook.getSheetByName('Cấu hình')).toBeNull();
      (addOn[entry] as () => unknown)();
      expect(workbook.getSheetByName('Cấu hình')).not.toBeNull();
      expect(workbook.getSpreadsheetLocale()).toBe('vi_VN');
      expect(workbook.getSpreadsheetTimeZone()).toBe('Asia/Ho_Chi_Minh');
      // Dates on Cấu hình read the Vietnamese way.
      const config = workbook.getSheetByName('Cấu hình');
      const shown = config
        ?.getRange(1, 1, 12, 3)
        .getDisplayValues()
        .find((r) => r[0] === 'Hạn hoàn thành')?.[2];
      expect(shown).toBe('31/05/2026');
    }
  );

  it('shows the summary’s percentages with a decimal comma', () => {
    const { workbook, addOn } = setUp();
    expect(addOn.consolidate().ok).toBe(true);
    const sheet = workbook.getSheetByName('Tổng hợp');
    const shown = sheet?.getDataRange().getDisplayValues().flat() ?? [];
    const percents = shown.filter((text) => /^[\d.,]+%$/.test(text));
    // The ward's ratio and one per unit at least.
    expect(percents.length).toBeGreaterThan(UNITS.length);
    for (const text of percents) expect(text).toMatch(/^\d{1,3}(\.\d{3})*,\d%$/);
  });
});
