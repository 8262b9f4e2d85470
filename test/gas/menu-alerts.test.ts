/**
 * What a menu item's alert says when Google fails under it (Xuất báo cáo đơn vị, Lập báo cáo phường run
 * in one execution and answer with an alert): what happened and what to do, in Vietnamese. Google's own
 * text stays out of the alert when the explanation covers it, and comes last, under "Thông tin cho người
 * quản trị", only when nothing does. Run `npm run build` first.
 */
import { failureMessages as fm } from '../../src/core/messages/failures';
import { demoUnits } from '../../src/cli/demo-data';
import { StandInRange } from '../../src/stand-in';
import { typeRows, workbookWithUnits } from '../support/add-on';

function setUp() {
  const units = demoUnits(1);
  const env = workbookWithUnits(units);
  expect(env.addOn.setupUnits().ok).toBe(true);
  typeRows(env.workbook, units[0], [['Nguyễn Văn An', 1980, '', 'TDP 1']]);
  return env;
}

/** Google fails on every write of cells while the report is written. */
function failWrites(text: string) {
  return jest.spyOn(StandInRange.prototype, 'setValues').mockImplementation(() => {
    throw new Error(text);
  });
}

afterEach(() => jest.restoreAllMocks());

describe('a menu item that Google stops', () => {
  it('says Google stopped the run and to choose the item again, without Google’s English', () => {
    const { addOn, ui } = setUp();
    failWrites('Exceeded maximum execution time');
    const result = addOn.exportWardReport();
    expect(result.ok).toBe(false);
    const prompt = ui.alerts.at(-1)?.prompt ?? '';
    expect(prompt).toBe(`${fm.cause.timeout} ${fm.unchanged} ${fm.retryMenu}`);
    expect(prompt).toContain('Hãy chọn lại mục này trong menu Smart Hải Phòng để chạy tiếp');
    expect(prompt).not.toContain('Exceeded');
    // The text stays in the result, for the local command and the administrator.
    expect(result.detail).toBe('Exceeded maximum execution time');
  });

  it('gives Google’s text last, under its heading, when nothing explains it', () => {
    const { addOn, ui } = setUp();
    failWrites('TypeError: Cannot read properties of null (reading "x")');
    const result = addOn.exportWardReport();
    expect(result.ok).toBe(false);
    expect(ui.alerts.at(-1)?.prompt).toBe(
      `${fm.cause.unknown} ${fm.unchanged} ${fm.retryMenu}\n\n` +
        'Thông tin cho người quản trị: TypeError: Cannot read properties of null (reading "x")'
    );
  });
});
