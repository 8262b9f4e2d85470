/**
 * Drive.Files.copy and files' appProperties in the stand-in, as Thiết lập will use them: the clerk keeps a
 * template spreadsheet in the units' folder and makes each unit's file by copying it, tagged with the
 * unit's code; an office colleague, a unit's staff member and a stranger try the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR } from '../../src/cli/runtime';
import { callCost, GOOGLE_COSTS } from '../../src/stand-in/google/cost-model';
import type { Manifest } from '../../src/stand-in/google/services';
import {
  DAILY_SPREADSHEETS_MESSAGE,
  FOLDER_MIME,
  NO_DOCUMENT_ACCESS,
  NO_SHARING_MESSAGE,
  SPREADSHEET_MIME,
  type Workbook,
} from '../../src/stand-in';
import { COLLEAGUE, office, OWNER, STAFF_A, STRANGER, type Office } from './drive-office';

const q = JSON.stringify;
/** The built manifest (dist/appsscript.json), which every other test here runs under. */
const BUILT_MANIFEST = JSON.parse(readFileSync(join(DIST_DIR, 'appsscript.json'), 'utf8')) as Manifest;

/** The clerk's folder and template spreadsheet in it, made through Drive (so the clerk's app holds both). */
function folderAndTemplate(o: Office): { folder: string; template: string; book: Workbook } {
  const ids = o.run(
    OWNER,
    `const folder = Drive.Files.create({ name: 'Phường Hải Dương - Tệp đơn vị', mimeType: ${q(FOLDER_MIME)} });
     const template = Drive.Files.create({
       name: 'Mẫu tệp đơn vị', mimeType: ${q(SPREADSHEET_MIME)}, parents: [folder.id],
       appProperties: { 'tonghop.role': 'template', 'tonghop.ward': 'hai-duong' },
       description: 'Mẫu để tạo tệp của từng đơn vị',
     });
     return { folder: folder.id, template: template.id };`
  ) as { folder: string; template: string };
  const book = o.drive.file(ids.template)?.workbook;
  if (!book) throw new Error('no template');
  return { ...ids, book };
}

/** What the clerk builds in the template by hand: a unit's sheet and a hidden list of codes. */
function buildTemplate(o: Office, book: Workbook): void {
  const SpreadsheetApp = o.services.SpreadsheetApp;
  book.setSpreadsheetLocale('vi_VN');
  book.setSpreadsheetTimeZone('Asia/Ho_Chi_Minh');
  const sheet = book.getSheets()[0];
  sheet.setName('Danh sách');
  const codes = book.insertSheet('Mã', 1);
  codes.getRange('A1:A3').setValues([['TDP01'], ['TDP02'], ['TDP03']]);
  codes.hideSheet();
  book.setNamedRange('TH_MA', codes.getRange('A1:A10'));
  sheet.getRange('A1').setValue('PHƯỜNG HẢI DƯƠNG');
  sheet.getRange('A1:F1').merge().setBackground('#ffff00');
  sheet.getRange('A1').setNote('Tiêu đề của biểu mẫu');
  sheet.getRange('A7:F7').setValues([['Stt', 'Họ và tên', 'Năm sinh', 'Nơi ở', 'Đã cài', 'Ghi chú']]);
  sheet.getRange('C8:C9').setValues([[1990], [1985]]);
  sheet.getRange('G8').setFormula('=ARRAYFORMULA(C8:C10*2)');
  sheet.getRange('H1').setFormula('=COUNTA(TH_MA)');
  sheet.getRange('H2').setFormula("=COUNTA('Mã'!A1:A10)");
  sheet
    .getRange('C8:C1000')
    .setDataValidation(SpreadsheetApp.newDataValidation().requireFormulaSatisfied('=C8>1900').build());
  sheet.setConditionalFormatRules([
    SpreadsheetApp.newConditionalFormatRule()
      .whenNumberLessThan(1900)
      .setBackground('#ff0000')
      .setRanges([sheet.getRange('C8:C1000')])
      .build(),
  ]);
  sheet.setColumnWidth(2, 240);
  sheet.hideColumns(8, 1);
  sheet.setFrozenRows(7);
  sheet.addDeveloperMetadata(
    'tonghop.role',
    'unit-sheet',
    SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT
  );
  const protection = sheet.protect().setDescription('Chỉ bộ phận tổng hợp');
  protection.removeEditors(protection.getEditors().map((u) => u.getEmail()));
  protection.setUnprotectedRanges([sheet.getRange('B8:F1000')]);
  book.file.share('writer', COLLEAGUE);
}

const COPY_FIELDS = 'id,name,parents,owners(emailAddress),appProperties,description,writersCanShare';

describe('the clerk copies the template into a unit’s file', () => {
  it('gets a whole copy in the folder, owned by the clerk, tagged, shared with nobody and unprotected', () => {
    const o = office();
    const { folder, template, book } = folderAndTemplate(o);
    buildTemplate(o, book);
    const sent = o.drive.notifications.length;
    const copied = o.run(
      OWNER,
      `return Drive.Files.copy(
         { name: 'Phường Hải Dương - TDP01', parents: [${q(folder)}],
           appProperties: { 'tonghop.role': null, 'tonghop.unit': 'TDP01' } },
         ${q(template)}, { fields: ${q(COPY_FIELDS)} });`
    ) as { id: string };
    expect(copied).toEqual({
      id: expect.any(String) as string,
      name: 'Phường Hải Dương - TDP01',
      parents: [folder],
      owners: [{ emailAddress: OWNER }],
      // The template's tags, patched: null clears one.
      appProperties: { 'tonghop.ward': 'hai-duong', 'tonghop.unit': 'TDP01' },
      description: 'Mẫu để tạo tệp của từng đơn vị',
      writersCanShare: true,
    });
    const unit = o.drive.file(copied.id)?.workbook;
    if (!unit) throw new Error('no copy');

    // Every sheet, in order, with the template's settings.
    expect(unit.getSheets().map((s) => [s.getName(), s.isSheetHidden()])).toEqual([
      ['Danh sách', false],
      ['Mã', true],
    ]);
    expect([unit.getSpreadsheetLocale(), unit.getSpreadsheetTimeZone()]).toEqual([
      'vi_VN',
      'Asia/Ho_Chi_Minh',
    ]);
    const sheet = unit.sheet('Danh sách');
    expect(sheet.getRange('A7:F7').getValues()).toEqual([
      ['Stt', 'Họ và tên', 'Năm sinh', 'Nơi ở', 'Đã cài', 'Ghi chú'],
    ]);
    // The array formula fills its cells again in the copy; the named range reads the copy's own list.
    expect(sheet.getRange('G8').getFormulas()).toEqual([['=ARRAYFORMULA(C8:C10*2)']]);
    expect(sheet.getRange('G8:G10').getValues()).toEqual([[3980], [3970], [0]]);
    // A formula reading a later sheet of the copy (every sheet exists before any content is written).
    expect(sheet.getRange('H1:H2').getValues()).toEqual([[3], [3]]);
    expect(sheet.getRange('H2').getFormulas()).toEqual(book.getSheets()[0].getRange('H2').getFormulas());
    expect(unit.getRangeByName('TH_MA')?.getSheet().getParent().getId()).toBe(copied.id);
    // Formats, notes, merges, validation, rules, widths, hidden columns, frozen rows, metadata.
    expect(sheet.getRange('A1').getBackground()).toBe('#ffff00');
    expect(sheet.styleAt(1, 1).note).toBe('Tiêu đề của biểu mẫu');
    expect(sheet.mergedRanges().map((r) => r.getA1Notation())).toEqual(['A1:F1']);
    // The rule as it was set, on the whole block (Sheets keeps a custom formula as written for its top-left).
    expect(sheet.getRange('C500').getDataValidation()?.getCriteriaValues()).toEqual(['=C8>1900']);
    expect(sheet.getRange('D8').getDataValidation()).toBeNull();
    expect(
      sheet.conditionalFormatRules.map((r) =>
        r.ranges.map((x) => `${x.sheet.getParent().getId()}!${x.getA1Notation()}`)
      )
    ).toEqual([[`${copied.id}!C8:C1000`]]);
    expect([sheet.getColumnWidth(2), sheet.isColumnHiddenByUser(8), sheet.getFrozenRows()]).toEqual([
      240,
      true,
      7,
    ]);
    expect(sheet.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()])).toEqual([
      ['tonghop.role', 'unit-sheet'],
    ]);
    // Not copied (the stricter reading of the reports): protections, of either kind.
    expect(sheet.getProtections(o.services.SpreadsheetApp.ProtectionType.SHEET)).toEqual([]);
    expect(sheet.getProtections(o.services.SpreadsheetApp.ProtectionType.RANGE)).toEqual([]);

    // A copy, not a view: what changes in it stays in it.
    unit.sheet('Mã').getRange('A4').setValue('TDP04');
    sheet.getRange('C8').setValue(2000);
    expect(sheet.getRange('H1:H2').getValues()).toEqual([[4], [4]]);
    expect(book.getSheets()[0].getRange('H1:H2').getValues()).toEqual([[3], [3]]);
    expect(book.getSheets()[0].getRange('G8').getValues()).toEqual([[3980]]);

    // Drive copies no sharing: the colleague on the template is not on the copy, and no email went out.
    expect(unit.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
    expect(o.drive.notifications.length).toBe(sent);
    expect(o.run(COLLEAGUE, `return SpreadsheetApp.openById(${q(copied.id)}).getName();`)).toEqual({
      error: NO_DOCUMENT_ACCESS,
    });
    expect(o.run(STAFF_A, `return SpreadsheetApp.openById(${q(copied.id)}).getName();`)).toEqual({
      error: NO_DOCUMENT_ACCESS,
    });
    // The clerk's app holds the copy: Drive reaches it and counts it as made by the run.
    expect(o.run(OWNER, `return Drive.Files.get(${q(copied.id)}, { fields: 'isAppAuthorized' });`)).toEqual({
      isAppAuthorized: true,
    });
    expect(o.drive.createdFiles().map((f) => f.id)).toContain(copied.id);
  });

  it('without a name or parents: "Copy of …", in the template’s folder', () => {
    const o = office();
    const { folder, template } = folderAndTemplate(o);
    expect(
      o.run(OWNER, `return Drive.Files.copy({}, ${q(template)}, { fields: 'name,parents,mimeType' });`)
    ).toEqual({ name: 'Copy of Mẫu tệp đơn vị', parents: [folder], mimeType: SPREADSHEET_MIME });
  });

  it('cannot copy a folder, nor set a field Drive does not take in a copy', () => {
    const o = office();
    const { folder, template } = folderAndTemplate(o);
    expect(o.run(OWNER, `Drive.Files.copy({}, ${q(folder)});`)).toEqual({
      error: 'API call to drive.files.copy failed with error: Folders cannot be copied.',
    });
    expect(o.run(OWNER, `Drive.Files.copy({ trashed: true }, ${q(template)});`)).toEqual({
      error:
        'API call to drive.files.copy failed with error: The resource body includes fields which are not directly writable.',
    });
  });
});

describe('others who try to copy the template', () => {
  it('an office colleague (an editor of it) gets 404 under drive.file, and with a grant no folder of the clerk’s', () => {
    const o = office();
    const { folder, template, book } = folderAndTemplate(o);
    book.file.share('writer', COLLEAGUE);
    expect(o.run(COLLEAGUE, `Drive.Files.copy({}, ${q(template)});`)).toEqual({
      error: `API call to drive.files.copy failed with error: File not found: ${template}.`,
    });
    // With the template picked (a Picker's grant), the copy is made, but not in a folder the app cannot reach.
    o.drive.grantApp(COLLEAGUE, template);
    expect(o.run(COLLEAGUE, `Drive.Files.copy({ parents: [${q(folder)}] }, ${q(template)});`)).toEqual({
      error: `API call to drive.files.copy failed with error: File not found: ${folder}.`,
    });
    const made = o.run(
      COLLEAGUE,
      `return Drive.Files.copy({}, ${q(template)}, { fields: 'id,parents,owners(emailAddress)' });`
    ) as { id: string; parents: string[]; owners: { emailAddress: string }[] };
    expect([made.parents, made.owners]).toEqual([[], [{ emailAddress: COLLEAGUE }]]);
    // It counts against the colleague's quota, not the clerk's.
    expect([o.drive.spreadsheetsCreatedToday(COLLEAGUE), o.drive.spreadsheetsCreatedToday(OWNER)]).toEqual([
      1, 1,
    ]);
  });

  it('a stranger and a unit’s staff member get 404', () => {
    const o = office();
    const { template } = folderAndTemplate(o);
    for (const who of [STRANGER, STAFF_A]) {
      expect(o.run(who, `Drive.Files.copy({}, ${q(template)});`)).toEqual({
        error: `API call to drive.files.copy failed with error: File not found: ${template}.`,
      });
    }
  });
});

describe('what a copy costs', () => {
  it('counts as a spreadsheet created, against the 250 a day', () => {
    const o = office({ quotas: { spreadsheetsPerDay: 3, driveRequestsPerMinute: 12_000 } });
    const { template } = folderAndTemplate(o);
    const copy = `Drive.Files.copy({}, ${q(template)});`;
    expect(o.run(OWNER, copy + copy)).toBeUndefined();
    expect(o.run(OWNER, copy)).toEqual({ error: DAILY_SPREADSHEETS_MESSAGE });
    expect(o.drive.spreadsheetsCreatedToday(OWNER)).toBe(3);
  });

  it('is a Drive request, held to the per-minute quota', () => {
    const o = office({ quotas: { spreadsheetsPerDay: 250, driveRequestsPerMinute: 2 } });
    // The folder and the template took this minute's two requests.
    const { template } = folderAndTemplate(o);
    expect(o.run(OWNER, `Drive.Files.copy({}, ${q(template)});`)).toEqual({
      error: 'API call to drive.files.copy failed with error: User rate limit exceeded',
    });
    o.clock.advance(60_000);
    expect(o.run(OWNER, `Drive.Files.copy({}, ${q(template)});`)).toBeUndefined();
  });

  it('takes the modelled time of a new file plus the template’s cells written, as a template sheet does', () => {
    const o = office();
    const { template, book } = folderAndTemplate(o);
    const sheet = book.getSheets()[0];
    sheet.getRange('A1:C2').setValues([
      ['Mã', 'Tên', 'Số hộ'],
      ['TDP01', 'Tổ 1', 12],
    ]);
    sheet.getRange('D2').setFormula('=C2*2');
    sheet
      .getRange('C3:C100')
      .setDataValidation(
        o.services.SpreadsheetApp.newDataValidation().requireFormulaSatisfied('=C3>0').build()
      );
    o.run(OWNER, `Drive.Files.copy({}, ${q(template)});`);
    // 7 filled cells written; the validation adds setDataValidation's call, as in a template sheet's copy.
    const expected = callCost(
      GOOGLE_COSTS,
      'Drive.Files.copy',
      { read: 0, written: 7 },
      GOOGLE_COSTS.callMs + GOOGLE_COSTS.slowCalls['Range.setDataValidation']
    );
    expect(o.session.current()?.elapsedMs).toBe(expected);
    expect(expected).toBeGreaterThan(
      callCost(GOOGLE_COSTS, 'Drive.Files.create', { read: 0, written: 0 }) + 7 * GOOGLE_COSTS.writeCellMs
    );
  });

  it('needs one of files.copy’s scopes: without drive.file, 403', () => {
    const o = office({
      manifest: {
        ...BUILT_MANIFEST,
        oauthScopes: (BUILT_MANIFEST.oauthScopes ?? []).filter((s) => !s.endsWith('/drive.file')),
      },
    });
    expect(o.run(OWNER, `Drive.Files.copy({}, 'x');`)).toEqual({
      error:
        'API call to drive.files.copy failed with error: Request had insufficient authentication scopes.',
    });
  });
});

describe('appProperties: a file’s own tags, for the app', () => {
  it('are set by create, copy and update, cleared by null, and found by Files.list', () => {
    const o = office();
    const { folder, template } = folderAndTemplate(o);
    const made = o.run(
      OWNER,
      `const ids = [];
       for (const code of ['TDP01', "TDP'02"]) {
         ids.push(Drive.Files.copy({ name: code, parents: [${q(folder)}], appProperties: { 'tonghop.role': 'unit', 'tonghop.unit': code } }, ${q(template)}).id);
       }
       return ids;`
    ) as string[];
    const find = (who: string, query: string) =>
      o.run(
        who,
        `return Drive.Files.list({ q: ${q(query)}, fields: 'files(name)' }).files.map(f => f.name);`
      );
    expect(find(OWNER, `appProperties has { key='tonghop.unit' and value='TDP01' }`)).toEqual(['TDP01']);
    expect(
      find(
        OWNER,
        `'${folder}' in parents and appProperties has { key='tonghop.unit' and value='TDP\\'02' } and trashed = false`
      )
    ).toEqual(["TDP'02"]);
    expect(find(OWNER, `appProperties has { key='tonghop.role' and value='unit' }`)).toEqual([
      'TDP01',
      "TDP'02",
    ]);
    // The colleague's app reaches none of the clerk's files, tags or not.
    expect(find(COLLEAGUE, `appProperties has { key='tonghop.unit' and value='TDP01' }`)).toEqual([]);

    o.run(
      OWNER,
      `Drive.Files.update({ appProperties: { 'tonghop.role': null, 'tonghop.run': '7' } }, ${q(made[0])});`
    );
    expect(o.run(OWNER, `return Drive.Files.get(${q(made[0])}, { fields: 'appProperties' });`)).toEqual({
      appProperties: { 'tonghop.ward': 'hai-duong', 'tonghop.unit': 'TDP01', 'tonghop.run': '7' },
    });
    expect(find(OWNER, `appProperties has { key='tonghop.role' and value='unit' }`)).toEqual(["TDP'02"]);
    // A file with none: v3 leaves the field out.
    expect(o.run(OWNER, `return Drive.Files.get(${q(folder)}, { fields: 'id,appProperties' });`)).toEqual({
      id: folder,
    });
  });

  it('hold at most 124 bytes of key and value each, as Drive’s limits say', () => {
    const o = office();
    const { template } = folderAndTemplate(o);
    const long = 'đ'.repeat(60); // 120 bytes in UTF-8
    expect(
      o.run(OWNER, `Drive.Files.update({ appProperties: { ab: ${q(long)} } }, ${q(template)});`)
    ).toBeUndefined();
    const refused = o.run(
      OWNER,
      `Drive.Files.update({ appProperties: { abcde: ${q(long)} } }, ${q(template)});`
    ) as { error: string };
    expect(refused.error).toMatch(/^API call to drive\.files\.update failed with error: The property abcde/);
  });

  it('writersCanShare set at creation: an editor may not share the new file', () => {
    const o = office();
    const { folder } = folderAndTemplate(o);
    o.drive.file(folder)?.share('writer', COLLEAGUE);
    const id = o.run(
      OWNER,
      `return Drive.Files.create({ name: 'TDP01', mimeType: ${q(SPREADSHEET_MIME)}, parents: [${q(folder)}], writersCanShare: false }).id;`
    ) as string;
    expect(o.run(COLLEAGUE, `SpreadsheetApp.openById(${q(id)}).addEditor(${q(STAFF_A)});`)).toEqual({
      error: NO_SHARING_MESSAGE,
    });
  });
});
