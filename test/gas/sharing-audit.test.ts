/**
 * Issue 25, part 1: every Tổng hợp checks each file's sharing against Cấu hình. Acted out by the people who
 * over-share: a careless clerk who switches a unit's file to "anyone with the link", shares the units'
 * folder with a leader and publishes the leaders' file; an owner who lets editors share, after which a unit's
 * staff adds a friend; and an outsider who received an invitation through a mistyped email. Each leak is
 * named in the result and on the summary (no email there), and Thiết lập's re-run takes it away.
 */
import { NO_DOCUMENT_ACCESS } from '../../src/stand-in';
import { SUMMARY } from '../../src/core/report-layout';
import { sheetTags, sheetsByRole } from '../../src/gas/sheet-utils';
import { COLLEAGUE, staffOf, threeUnits, wardOfFiles } from '../support/ward-files';

const units = threeUnits();
const school = units.find((u) => u.code === 'THCS-LTV')!;
const tdp1 = units.find((u) => u.code === 'TDP01')!;
const tdp2 = units.find((u) => u.code === 'TDP02')!;
const LEADER = 'chu.tich@haiduong.example';
const FRIEND = 'ban.cua.can.bo@example.com';
const TYPO = 'tdp02@haiduong.exmaple';
const OUTSIDER = TYPO;

describe('over-shared files, named by Tổng hợp and taken back by Thiết lập', () => {
  const ward = wardOfFiles(units);
  ward.setCampaign('Lãnh đạo xem', LEADER);
  // The clerk mistypes TDP02's email: Thiết lập invites a stranger.
  ward.setUnitCell('TDP02', 'Email người nhập', TYPO);
  expect(ward.addOn.setupUnits().ok).toBe(true);
  const { drive } = ward;
  const config = ward.config();
  const file = (code: string) => drive.file(ward.fileId(code))!;

  // Before anyone over-shares: the school's staff tries to share its file on.
  const wasLocked = file('THCS-LTV').writersCanShare === false;
  const staffShare = ward.as(
    staffOf(school),
    `SpreadsheetApp.openById('${ward.fileId('THCS-LTV')}').addEditor('${FRIEND}');`
  );
  const outsiderOpened = ward.as(
    OUTSIDER,
    `return SpreadsheetApp.openById('${ward.fileId('TDP02')}').getSheets()[0].getName();`
  );

  it('lets no unit staff share its own file on: only the owner may (writersCanShare false)', () => {
    expect(wasLocked).toBe(true);
    expect(staffShare).toEqual({ error: expect.stringContaining('permission') });
  });

  it('lets the outsider of the mistyped email open TDP02’s file, as Google would', () => {
    expect(outsiderOpened).toBe(tdp2.name);
  });

  // What the careless clerk does in Drive's own screens.
  file('TDP01').setLinkAccess('reader');
  drive.file(config.campaign.unitFolder)!.share('reader', LEADER);
  drive.file(config.campaign.leadersFile)!.publishToWeb();
  file('THCS-LTV').writersCanShare = true;
  // With editors allowed to share, the school's staff adds a friend.
  ward.as(staffOf(school), `SpreadsheetApp.openById('${ward.fileId('THCS-LTV')}').addEditor('${FRIEND}');`);
  // The clerk notices the typo and fixes Cấu hình (Thiết lập not run yet).
  ward.setUnitCell('TDP02', 'Email người nhập', tdp2.emails);
  const result = ward.addOn.consolidate();

  it('names each leak in the result', () => {
    const issues = result.sharing.findings.map((f) => [f.file, f.unit ?? '', f.issue, f.who ?? '']);
    expect(result.sharing.checked).toBe(true);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['folder', '', 'stranger', LEADER],
        ['unit', 'TDP01', 'anyone', ''],
        ['unit', 'THCS-LTV', 'stranger', FRIEND],
        ['unit', 'THCS-LTV', 'writers-can-share', ''],
        ['unit', 'TDP02', 'stranger', TYPO],
        ['leaders', '', 'published', ''],
      ])
    );
    expect(issues).toHaveLength(6);
    expect(result.message).toContain('tệp của Tổ dân phố số 1: ai có đường liên kết đều xem được');
    expect(result.message).toContain(`${TYPO} sửa được nhưng không có trong trang Cấu hình`);
  });

  it('names the files, and no email, on the summary (which the leaders’ file copies)', () => {
    const summary = sheetsByRole(sheetTags(ward.workbook)).get('summary')!;
    const line = String(summary.getRange(SUMMARY.noticeRow, 1).getValue());
    expect(line).toContain('Chia sẻ cần xử lý');
    for (const name of [tdp1.name, tdp2.name, school.name, 'thư mục tệp đơn vị', 'tệp lãnh đạo'])
      expect(line).toContain(name);
    expect(line).not.toMatch(/@/);
  });

  it('takes every leak back at Thiết lập’s re-run', () => {
    const setup = ward.addOn.setupUnits();
    expect(setup.ok).toBe(true);
    expect(file('TDP01').linkAccess).toBe('none');
    expect(file('THCS-LTV').writersCanShare).toBe(false);
    expect(file('THCS-LTV').canView(FRIEND)).toBe(false);
    expect(drive.file(config.campaign.leadersFile)!.published).toBe(false);
    expect(drive.file(config.campaign.unitFolder)!.viewers).toEqual([]);
    // The outsider of the typo: refused by Google now.
    expect(ward.as(OUTSIDER, `SpreadsheetApp.openById('${ward.fileId('TDP02')}').getName();`)).toEqual({
      error: NO_DOCUMENT_ACCESS,
    });
    expect(setup.message).toContain('Đã gỡ chia sẻ ngoài trang Cấu hình');
    const again = ward.addOn.consolidate();
    expect(again.sharing.findings).toEqual([]);
  });

  it('tells a colleague who runs Tổng hợp that only the files’ creator can check their sharing', () => {
    ward.workbook.actAs(COLLEAGUE);
    try {
      const byColleague = ward.addOn.consolidate();
      expect(byColleague.ok).toBe(true);
      expect(byColleague.sharing.checked).toBe(false);
      expect(byColleague.message).toContain('Chỉ người tạo các tệp đơn vị');
    } finally {
      ward.workbook.actAs(ward.workbook.getOwner()!.getEmail());
    }
  });
});
