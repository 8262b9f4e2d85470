/**
 * The stand-in's Drive, driven as the office's script drives it: code run in the bundle's realm with the
 * real manifest (dist/appsscript.json), each `script(...)` one execution, as five people: the owner (the
 * clerk who creates the units' files), an office colleague who did not create them, a unit's staff member,
 * someone removed from a file, and someone with no access at all.
 */
import { callCost, GOOGLE_COSTS } from '../../src/stand-in/google/cost-model';
import type { Manifest } from '../../src/stand-in/google/services';
import {
  DAILY_SPREADSHEETS_MESSAGE,
  FOLDER_MIME,
  NO_DOCUMENT_ACCESS,
  NO_EDIT_ACCESS_MESSAGE,
  NO_SHARING_MESSAGE,
  SPREADSHEET_MIME,
  Workbook,
} from '../../src/stand-in';
import { DIST_DIR } from '../../src/cli/runtime';
import { COLLEAGUE, office, OWNER, STAFF_A, STRANGER } from './drive-office';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const STAFF_B = 'tdp02@haiduong.example';
const INVITATION = 'Danh sách cài đặt Smart Hải Phòng của tổ dân phố. Hạn nộp: 15/5/2026.';

const BUILT_MANIFEST = JSON.parse(readFileSync(join(DIST_DIR, 'appsscript.json'), 'utf8')) as Manifest;

type Office = ReturnType<typeof office>;

/**
 * What Thiết lập will do, in the script's own terms: a folder, one file per unit in it, editors unable to
 * share, the unit's staff invited with a Vietnamese message, the colleague added without an email.
 */
function setUpUnits(o: Office): { folder: string; a: string; b: string } {
  return o.run(
    OWNER,
    `const folder = Drive.Files.create({ name: 'Phường Hải Dương - Tệp đơn vị', mimeType: ${JSON.stringify(FOLDER_MIME)} });
     const ids = [];
     for (const [code, staff] of [['TDP01', ${JSON.stringify(STAFF_A)}], ['TDP02', ${JSON.stringify(STAFF_B)}]]) {
       const file = Drive.Files.create({ name: 'Phường Hải Dương - ' + code, mimeType: ${JSON.stringify(SPREADSHEET_MIME)}, parents: [folder.id] });
       Drive.Files.update({ writersCanShare: false }, file.id);
       Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: staff }, file.id, { emailMessage: ${JSON.stringify(INVITATION)} });
       Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: ${JSON.stringify(COLLEAGUE)} }, file.id, { sendNotificationEmail: false });
       const sheet = SpreadsheetApp.openById(file.id).getSheets()[0];
       sheet.getRange('A1:B2').setValues([['Mã', 'Số hộ'], [code, 12]]);
       ids.push(file.id);
     }
     return { folder: folder.id, a: ids[0], b: ids[1] };`
  ) as { folder: string; a: string; b: string };
}

const readA1B2 = (id: string) =>
  `return SpreadsheetApp.openById(${JSON.stringify(id)}).getSheets()[0].getRange('A1:B2').getValues();`;

describe('the owner (the clerk who runs Thiết lập)', () => {
  it('creates a folder and the units’ files in it, owns them, and reads them back through Drive', () => {
    const o = office();
    const { folder, a, b } = setUpUnits(o);
    expect(o.drive.createdFiles().map((f) => [f.name, f.owner, f.parents])).toEqual([
      ['Phường Hải Dương - Tệp đơn vị', OWNER, []],
      ['Phường Hải Dương - TDP01', OWNER, [folder]],
      ['Phường Hải Dương - TDP02', OWNER, [folder]],
    ]);
    // v3 answers kind, id, name and mimeType unless `fields` asks for more.
    expect(o.run(OWNER, `return Drive.Files.get(${JSON.stringify(a)});`)).toEqual({
      kind: 'drive#file',
      id: a,
      name: 'Phường Hải Dương - TDP01',
      mimeType: SPREADSHEET_MIME,
    });
    const got = o.run(
      OWNER,
      `return Drive.Files.get(${JSON.stringify(a)}, { fields: 'id,trashed,parents,writersCanShare,owners(emailAddress),capabilities(canShare,canTrash),modifiedTime' });`
    ) as Record<string, unknown>;
    expect(got).toMatchObject({
      id: a,
      trashed: false,
      parents: [folder],
      writersCanShare: false,
      owners: [{ emailAddress: OWNER }],
      capabilities: { canShare: true, canTrash: true },
    });
    // The row the script wrote is the file's last change, on the session's clock.
    expect(Date.parse(got.modifiedTime as string)).toBeGreaterThan(Date.UTC(2026, 4, 4, 1, 0));
    const listed = o.run(
      OWNER,
      `return Drive.Files.list({ q: "'${folder}' in parents and trashed = false", fields: 'files(id,name)' });`
    ) as { files: { id: string }[] };
    expect(listed.files.map((f) => f.id)).toEqual([a, b]);
    expect(o.run(OWNER, readA1B2(b))).toEqual([
      ['Mã', 'Số hộ'],
      ['TDP02', 12],
    ]);
  });

  it('invites each unit’s staff with the message and adds the colleague without an email', () => {
    const o = office();
    const { a, b } = setUpUnits(o);
    expect(o.drive.notifications).toEqual([
      { fileId: a, to: STAFF_A, from: OWNER, role: 'writer', message: INVITATION },
      { fileId: b, to: STAFF_B, from: OWNER, role: 'writer', message: INVITATION },
    ]);
    // v3 leaves the address out of a permission unless asked.
    expect(o.run(OWNER, `return Drive.Permissions.list(${JSON.stringify(a)}, {});`)).toEqual({
      kind: 'drive#permissionList',
      permissions: [
        expect.objectContaining({ type: 'user', role: 'owner' }),
        expect.objectContaining({ type: 'user', role: 'writer' }),
        expect.objectContaining({ type: 'user', role: 'writer' }),
      ],
    });
    const listed = o.run(
      OWNER,
      `return Drive.Permissions.list(${JSON.stringify(a)}, { fields: 'permissions(emailAddress,role)' });`
    );
    expect(listed).toEqual({
      permissions: [
        { emailAddress: OWNER, role: 'owner' },
        { emailAddress: STAFF_A, role: 'writer' },
        { emailAddress: COLLEAGUE, role: 'writer' },
      ],
    });
  });

  it('cannot add an address with no Google account by SpreadsheetApp, nor by Drive without the email', () => {
    const o = office();
    const { a } = setUpUnits(o);
    o.drive.markWithoutGoogleAccount('tdp01@yahoo.example');
    expect(
      o.run(OWNER, `SpreadsheetApp.openById(${JSON.stringify(a)}).addEditor('tdp01@yahoo.example');`)
    ).toEqual({
      error: 'Invalid email: tdp01@yahoo.example',
    });
    const silent = o.run(
      OWNER,
      `Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'tdp01@yahoo.example' }, ${JSON.stringify(a)}, { sendNotificationEmail: false });`
    ) as { error: string };
    expect(silent.error).toMatch(
      /^API call to drive.permissions.create failed with error: You are trying to invite tdp01@yahoo.example\./
    );
    // With Google's email the invitation goes out.
    o.run(
      OWNER,
      `Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'tdp01@yahoo.example' }, ${JSON.stringify(a)}, { emailMessage: ${JSON.stringify(INVITATION)} });`
    );
    expect(o.drive.notifications.at(-1)).toMatchObject({ to: 'tdp01@yahoo.example', message: INVITATION });
  });

  it('sees link sharing a careless owner set, and takes it away', () => {
    const o = office();
    const { a } = setUpUnits(o);
    o.drive.file(a)?.setLinkAccess('reader');
    expect(o.run(STRANGER, readA1B2(a))).toEqual([
      ['Mã', 'Số hộ'],
      ['TDP01', 12],
    ]);
    const perms = o.run(OWNER, `return Drive.Permissions.list(${JSON.stringify(a)}, {}).permissions;`) as {
      id: string;
      type: string;
    }[];
    const anyone = perms.find((p) => p.type === 'anyone');
    expect(anyone).toMatchObject({ role: 'reader' });
    o.run(OWNER, `Drive.Permissions.remove(${JSON.stringify(a)}, ${JSON.stringify(anyone?.id)});`);
    expect(o.run(STRANGER, readA1B2(a))).toEqual({ error: NO_DOCUMENT_ACCESS });
  });

  it('trashes a unit’s file (its staff still open it) and deletes it for ever (then nobody does)', () => {
    const o = office();
    const { folder, a, b } = setUpUnits(o);
    o.run(OWNER, `Drive.Files.update({ trashed: true }, ${JSON.stringify(a)});`);
    // "others can continue to access it until the file is deleted forever"
    expect(o.run(STAFF_A, readA1B2(a))).toEqual([
      ['Mã', 'Số hộ'],
      ['TDP01', 12],
    ]);
    const live = o.run(
      OWNER,
      `return Drive.Files.list({ q: "'${folder}' in parents and trashed = false" }).files.map(f => f.id);`
    );
    expect(live).toEqual([b]);
    // "This method returns all files by default, including trashed files."
    expect(o.run(OWNER, `return Drive.Files.list({ q: "'${folder}' in parents" }).files.length;`)).toBe(2);
    o.run(OWNER, `Drive.Files.remove(${JSON.stringify(a)});`);
    expect(o.run(STAFF_A, readA1B2(a))).toEqual({ error: NO_DOCUMENT_ACCESS });
    expect(o.run(OWNER, `return Drive.Files.get(${JSON.stringify(a)});`)).toEqual({
      error: `API call to drive.files.get failed with error: File not found: ${a}.`,
    });
  });

  it('copies the template sheet into a unit’s file with what Google’s copy is read to carry', () => {
    const o = office();
    const { a } = setUpUnits(o);
    const template = o.workbook.insertSheet('Mẫu', 1);
    template.getRange('A1:B1').setValues([['Năm sinh', 'Kiểm tra']]);
    template.getRange('A2').setValue(1990);
    template.getRange('B2').setFormula('=IF(A2>1900;"Đúng";"Sai")');
    template.getRange('C2').setFormula('=ARRAYFORMULA(A2:A3*2)');
    template.getRange('A1:B1').setBackground('#ffff00').merge();
    template
      .getRange('A2:A100')
      .setDataValidation(
        o.services.SpreadsheetApp.newDataValidation().requireFormulaSatisfied('=A2>1900').build()
      );
    template.setColumnWidth(2, 240);
    template.hideColumns(3, 1);
    template.setFrozenRows(1);
    const SpreadsheetApp = o.services.SpreadsheetApp;
    template.setConditionalFormatRules([
      SpreadsheetApp.newConditionalFormatRule()
        .whenNumberLessThan(1900)
        .setBackground('#ff0000')
        .setRanges([template.getRange('A2:A100')])
        .build(),
    ]);
    template.protect().setDescription('chỉ bộ phận tổng hợp');
    template.addDeveloperMetadata(
      'tonghop.role',
      'template',
      o.services.SpreadsheetApp.DeveloperMetadataVisibility.PROJECT
    );
    o.workbook.setNamedRange('TH_TEMPLATE', template.getRange('A1'));

    const name = o.run(
      OWNER,
      `const template = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Mẫu');
       return template.copyTo(SpreadsheetApp.openById(${JSON.stringify(a)})).getName();`
    );
    expect(name).toBe('Copy of Mẫu');
    const unit = o.drive.file(a)?.workbook;
    const copy = unit?.sheetObjects().find((s) => s.getName() === 'Copy of Mẫu');
    if (!unit || !copy) throw new Error('no copy');
    // A new file is made in en_US (the stricter reading of Google's silence): the formula keeps its
    // meaning in the other syntax, and computes.
    expect(unit.getSpreadsheetLocale()).toBe('en_US');
    expect(copy.getRange('B2').getFormulas()).toEqual([['=IF(A2>1900,"Đúng","Sai")']]);
    expect(copy.getRange('B2:C2').getValues()).toEqual([['Đúng', 3980]]);
    expect(copy.getRange('A1').getBackground()).toBe('#ffff00');
    expect(copy.mergedRanges().map((r) => r.getA1Notation())).toEqual(['A1:B1']);
    expect(copy.getRange('A2').getDataValidation()?.getCriteriaValues()).toEqual(['=A2>1900']);
    expect(
      copy.conditionalFormatRules.map((r) => r.ranges.map((x) => `${x.sheet.getName()}!${x.getA1Notation()}`))
    ).toEqual([['Copy of Mẫu!A2:A100']]);
    expect([copy.getColumnWidth(2), copy.isColumnHiddenByUser(3), copy.getFrozenRows()]).toEqual([
      240,
      true,
      1,
    ]);
    expect(copy.getProtections(o.services.SpreadsheetApp.ProtectionType.SHEET)).toEqual([]);
    expect(copy.getDeveloperMetadata()).toEqual([]);
    expect(unit.getRangeByName('TH_TEMPLATE')).toBeNull();
  });

  it('pays Google’s modelled time for opening a file and for each Drive call', () => {
    const o = office();
    const { a } = setUpUnits(o);
    o.run(OWNER, `SpreadsheetApp.openById(${JSON.stringify(a)}); Drive.Files.get(${JSON.stringify(a)});`);
    const none = { read: 0, written: 0 };
    expect(o.session.current()?.calls).toBe(2);
    expect(o.session.current()?.elapsedMs).toBe(
      callCost(GOOGLE_COSTS, 'SpreadsheetApp.openById', none) +
        callCost(GOOGLE_COSTS, 'Drive.Files.get', none)
    );
    // Each invitation by SpreadsheetApp is priced per address.
    o.run(
      OWNER,
      `SpreadsheetApp.getActiveSpreadsheet().addViewers(['lanh.dao@haiduong.example', 'pho@haiduong.example']);`
    );
    expect(o.session.current()?.elapsedMs).toBe(
      callCost(GOOGLE_COSTS, 'Spreadsheet.addViewers', none, GOOGLE_COSTS.slowCalls['Spreadsheet.addViewers'])
    );
    expect(o.workbook.getViewers().map((u) => u.getEmail())).toEqual([
      OWNER,
      COLLEAGUE,
      'lanh.dao@haiduong.example',
      'pho@haiduong.example',
    ]);
  });
});

describe('an office colleague who did not create the files', () => {
  it('opens and reads every unit’s file (spreadsheets scope) but Drive answers 404 on them (drive.file)', () => {
    const o = office();
    const { a, b } = setUpUnits(o);
    for (const id of [a, b]) expect((o.run(COLLEAGUE, readA1B2(id)) as unknown[][])[1][1]).toBe(12);
    for (const call of [
      `Drive.Files.get(${JSON.stringify(a)}, { fields: 'modifiedTime' })`,
      `Drive.Permissions.list(${JSON.stringify(a)}, {})`,
    ]) {
      const name = call.startsWith('Drive.Files') ? 'drive.files.get' : 'drive.permissions.list';
      expect(o.run(COLLEAGUE, `return ${call};`)).toEqual({
        error: `API call to ${name} failed with error: File not found: ${a}.`,
      });
    }
    // Files.list reaches only the files the app created for this user: none.
    expect(o.run(COLLEAGUE, `return Drive.Files.list({}).files;`)).toEqual([]);
  });

  it('cannot change who may edit a file whose editors may not share, and can where they may', () => {
    const o = office();
    const { a } = setUpUnits(o);
    expect(
      o.run(
        COLLEAGUE,
        `SpreadsheetApp.openById(${JSON.stringify(a)}).addEditor('tdp01.moi@haiduong.example');`
      )
    ).toEqual({
      error: NO_SHARING_MESSAGE,
    });
    expect(
      o.run(
        COLLEAGUE,
        `SpreadsheetApp.openById(${JSON.stringify(a)}).removeEditor(${JSON.stringify(STAFF_A)});`
      )
    ).toEqual({
      error: NO_SHARING_MESSAGE,
    });
    // Even with the app's grant (a Picker), Drive refuses the sharing change and the trash to a non-owner.
    o.drive.grantApp(COLLEAGUE, a);
    expect(
      o.run(
        COLLEAGUE,
        `Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: 'x@haiduong.example' }, ${JSON.stringify(a)}, {});`
      )
    ).toEqual({
      error: `API call to drive.permissions.create failed with error: The user does not have sufficient permissions for file ${a}.`,
    });
    expect(o.run(COLLEAGUE, `Drive.Files.update({ trashed: true }, ${JSON.stringify(a)});`)).toEqual({
      error: `API call to drive.files.update failed with error: The user does not have sufficient permissions for file ${a}.`,
    });
    expect(o.run(COLLEAGUE, `Drive.Files.remove(${JSON.stringify(a)});`)).toEqual({
      error: `API call to drive.files.delete failed with error: The user does not have sufficient permissions for file ${a}.`,
    });
    // Once the owner lets editors share, the colleague can.
    o.run(OWNER, `Drive.Files.update({ writersCanShare: true }, ${JSON.stringify(a)});`);
    o.run(
      COLLEAGUE,
      `SpreadsheetApp.openById(${JSON.stringify(a)}).addEditor('tdp01.moi@haiduong.example');`
    );
    expect(o.drive.file(a)?.editorEmails()).toContain('tdp01.moi@haiduong.example');
    expect(o.drive.notifications.at(-1)).toEqual({
      fileId: a,
      to: 'tdp01.moi@haiduong.example',
      from: COLLEAGUE,
      role: 'writer',
      message: null,
    });
  });
});

describe('a unit’s staff member', () => {
  it('opens and writes their own file, and is refused the office’s and another unit’s', () => {
    const o = office();
    const { a, b } = setUpUnits(o);
    o.run(
      STAFF_A,
      `SpreadsheetApp.openById(${JSON.stringify(a)}).getSheets()[0].getRange('B2').setValue(15);`
    );
    expect((o.run(OWNER, readA1B2(a)) as unknown[][])[1][1]).toBe(15);
    expect(o.run(STAFF_A, readA1B2(b))).toEqual({ error: NO_DOCUMENT_ACCESS });
    expect(
      o.run(STAFF_A, `return SpreadsheetApp.openById(${JSON.stringify(o.workbook.getId())}).getName();`)
    ).toEqual({
      error: NO_DOCUMENT_ACCESS,
    });
  });

  it('reaches every file in the folder once the folder itself is shared with them (Drive’s inheritance)', () => {
    const o = office();
    const { folder, b } = setUpUnits(o);
    o.run(
      OWNER,
      `Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: ${JSON.stringify(STAFF_A)} }, ${JSON.stringify(folder)}, { sendNotificationEmail: false });`
    );
    expect((o.run(STAFF_A, readA1B2(b)) as unknown[][])[1][0]).toBe('TDP02');
    // A reader by inheritance writes nothing.
    expect(
      o.run(
        STAFF_A,
        `SpreadsheetApp.openById(${JSON.stringify(b)}).getSheets()[0].getRange('B2').setValue(0);`
      )
    ).toEqual({
      error: NO_EDIT_ACCESS_MESSAGE,
    });
  });
});

describe('someone removed from a file, and someone with no access', () => {
  it('the removed staff member loses access at once; an editor stays one after removeViewer', () => {
    const o = office();
    const { a, b } = setUpUnits(o);
    o.run(OWNER, `SpreadsheetApp.openById(${JSON.stringify(a)}).removeViewer(${JSON.stringify(STAFF_A)});`);
    expect((o.run(STAFF_A, readA1B2(a)) as unknown[][])[1][0]).toBe('TDP01');
    o.run(OWNER, `SpreadsheetApp.openById(${JSON.stringify(a)}).removeEditor(${JSON.stringify(STAFF_A)});`);
    expect(o.run(STAFF_A, readA1B2(a))).toEqual({ error: NO_DOCUMENT_ACCESS });
    // The same through Drive: the permission's id comes from the list.
    const perms = o.run(
      OWNER,
      `return Drive.Permissions.list(${JSON.stringify(b)}, { fields: 'permissions(id,emailAddress)' }).permissions;`
    ) as { id: string; emailAddress: string }[];
    const staffB = perms.find((p) => p.emailAddress === STAFF_B);
    o.run(OWNER, `Drive.Permissions.remove(${JSON.stringify(b)}, ${JSON.stringify(staffB?.id)});`);
    expect(o.run(STAFF_B, readA1B2(b))).toEqual({ error: NO_DOCUMENT_ACCESS });
    const viewers = o.run(
      OWNER,
      `return SpreadsheetApp.openById(${JSON.stringify(b)}).getViewers().map(u => u.getEmail());`
    );
    expect(viewers).toEqual([OWNER, COLLEAGUE]);
  });

  it('a stranger opens nothing, nor an id that does not exist', () => {
    const o = office();
    const { a } = setUpUnits(o);
    expect(o.run(STRANGER, readA1B2(a))).toEqual({ error: NO_DOCUMENT_ACCESS });
    expect(o.run(OWNER, readA1B2('1NoSuchSpreadsheetXXXXXXXXXXXXXXXXXXXXXXXXXX'))).toEqual({
      error: NO_DOCUMENT_ACCESS,
    });
  });
});

describe('Google’s quotas', () => {
  const CREATE = (n: number) =>
    `for (let i = 0; i < ${n}; i++) Drive.Files.create({ name: 'Tệp ' + i, mimeType: ${JSON.stringify(SPREADSHEET_MIME)} });`;

  it('the 251st spreadsheet of a day fails with Google’s message, across executions; the next day it works', () => {
    const o = office();
    // 1.5 s each: 100 fit in one execution's 6 minutes.
    for (const n of [100, 100, 50]) expect(o.run(OWNER, CREATE(n))).toBeUndefined();
    expect(o.drive.spreadsheetsCreatedToday(OWNER)).toBe(250);
    expect(o.run(OWNER, CREATE(1))).toEqual({ error: DAILY_SPREADSHEETS_MESSAGE });
    // The quota is the user's: a colleague still creates.
    expect(o.run(COLLEAGUE, CREATE(1))).toBeUndefined();
    // "Quotas are per user and reset 24 hours after the first request."
    o.clock.advance(24 * 3600 * 1000);
    expect(o.run(OWNER, CREATE(1))).toBeUndefined();
    expect(o.drive.spreadsheetsCreatedToday(OWNER)).toBe(1);
  }, 120_000);

  it('Drive’s per-minute quota per user answers “User rate limit exceeded” until the minute has passed', () => {
    const o = office({ quotas: { spreadsheetsPerDay: 250, driveRequestsPerMinute: 3 } });
    const folder = o.run(
      OWNER,
      `return Drive.Files.create({ name: 'F', mimeType: ${JSON.stringify(FOLDER_MIME)} }).id;`
    ) as string;
    const get = `return Drive.Files.get(${JSON.stringify(folder)}).id;`;
    expect(o.run(OWNER, get)).toBe(folder);
    expect(o.run(OWNER, get)).toBe(folder);
    expect(o.run(OWNER, get)).toEqual({
      error: 'API call to drive.files.get failed with error: User rate limit exceeded',
    });
    o.clock.advance(60_000);
    expect(o.run(OWNER, get)).toBe(folder);
  });
});

describe('scopes: each call against the manifest', () => {
  const without = (scope: string): Manifest => ({
    ...BUILT_MANIFEST,
    oauthScopes: (BUILT_MANIFEST.oauthScopes ?? []).filter(
      (s) => s !== `https://www.googleapis.com/auth/${scope}`
    ),
  });

  it('the built manifest lets the owner do it all (the tests above run under it)', () => {
    expect(BUILT_MANIFEST.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/drive.file',
      'https://www.googleapis.com/auth/script.container.ui',
    ]);
  });

  it('without spreadsheets, openById fails with Google’s message, even with currentonly', () => {
    const manifest = without('spreadsheets');
    manifest.oauthScopes = [
      ...(manifest.oauthScopes ?? []),
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ];
    const o = office({ manifest });
    const id = o.workbook.getId();
    expect(o.run(OWNER, `return SpreadsheetApp.getActiveSpreadsheet().getSheets().length;`)).toBe(1);
    expect(o.run(OWNER, `return SpreadsheetApp.openById(${JSON.stringify(id)}).getName();`)).toEqual({
      error:
        'Specified permissions are not sufficient to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    });
  });

  it('without drive.file the Drive API answers 403 “insufficient authentication scopes”', () => {
    const o = office({ manifest: without('drive.file') });
    expect(
      o.run(OWNER, `Drive.Files.create({ name: 'F', mimeType: ${JSON.stringify(FOLDER_MIME)} });`)
    ).toEqual({
      error:
        'API call to drive.files.create failed with error: Request had insufficient authentication scopes.',
    });
    expect(o.drive.files()).toHaveLength(1);
  });

  it('without script.container.ui no sidebar opens; without the Drive service there is no Drive', () => {
    const o = office({ manifest: without('script.container.ui') });
    expect(
      o.run(OWNER, `SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>x</p>'));`)
    ).toEqual({
      error:
        'Specified permissions are not sufficient to call Ui.showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui',
    });
    const bare = office({ manifest: { ...BUILT_MANIFEST, dependencies: {} } });
    expect(bare.run(OWNER, `return typeof Drive;`)).toBe('undefined');
  });
});

describe('the CLI’s way in: an existing spreadsheet put into the Drive', () => {
  it('keeps its id and owner there, opens by id as its people, and is not counted as made by a run', () => {
    const o = office();
    const unit = new Workbook({ owner: STAFF_A, name: 'TDP01' });
    unit.share(COLLEAGUE);
    const file = o.drive.adopt(unit, { id: 'unit-tdp01', owner: OWNER });
    expect([file.id, file.owner, unit.getId()]).toEqual(['unit-tdp01', OWNER, 'unit-tdp01']);
    expect(unit.drive).toBe(o.drive);
    expect(o.run(COLLEAGUE, `return SpreadsheetApp.openById('unit-tdp01').getName();`)).toBe('TDP01');
    expect(o.run(STAFF_A, `return SpreadsheetApp.openById('unit-tdp01').getName();`)).toEqual({
      error: NO_DOCUMENT_ACCESS,
    });
    expect(o.drive.createdFiles()).toEqual([]);
    expect(o.drive.spreadsheets().map((f) => f.id)).toEqual([o.workbook.getId(), 'unit-tdp01']);
  });
});
