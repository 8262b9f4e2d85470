/**
 * The advanced Drive service's Files, About and Revisions, as the clerk (who created the files), an office
 * colleague (an editor of a unit's file), the ward leader (a viewer of it) and a stranger, under the
 * manifest's drive.file scope unless said.
 */
import { createServices, NO_DOCUMENT_ACCESS, SPREADSHEET_MIME } from '../../src/stand-in';
import { clerkDrive, driveRefusal } from './drive-helpers';
import { EDITOR, OWNER, refusal, STRANGER, VIEWER } from './people';

const insufficient = (call: string, id: string) => ({
  message: `API call to ${call} failed with error: The user does not have sufficient permissions for file ${id}.`,
  code: 403,
  reason: 'insufficientFilePermissions',
});

describe('files the clerk creates', () => {
  it('a new spreadsheet is hers, in the folder, and not yet in the ward’s locale or zone', () => {
    const { Drive, SpreadsheetApp, unit, folder } = clerkDrive();
    expect(Drive.Files.get(unit)).toEqual({
      kind: 'drive#file',
      id: unit,
      name: 'TDP 01',
      mimeType: SPREADSHEET_MIME,
    });
    expect(Drive.Files.get(unit, { fields: 'parents,ownedByMe,owners(emailAddress)' })).toEqual({
      parents: [folder],
      ownedByMe: true,
      owners: [{ emailAddress: OWNER }],
    });
    const book = SpreadsheetApp.openById(unit);
    expect([book.getSpreadsheetLocale(), book.getSpreadsheetTimeZone()]).toEqual([
      'en_US',
      'America/Los_Angeles',
    ]);
  });

  it('tells each person what they may do with it', () => {
    const { Drive, unit, file, as } = clerkDrive();
    const capabilities = () =>
      Drive.Files.get(unit, { fields: 'capabilities(canEdit,canShare,canTrash),permissions' });
    expect(capabilities().capabilities).toEqual({ canEdit: true, canShare: true, canTrash: true });
    expect(as(EDITOR, capabilities).capabilities).toEqual({ canEdit: true, canShare: true, canTrash: false });
    file.writersCanShare = false;
    const editorView = as(EDITOR, capabilities);
    expect(editorView.capabilities).toEqual({ canEdit: true, canShare: false, canTrash: false });
    // The permission list only for those who may share.
    expect(editorView.permissions).toBeUndefined();
    expect(capabilities().permissions).toHaveLength(3);
    expect(as(VIEWER, capabilities).capabilities).toEqual({
      canEdit: false,
      canShare: false,
      canTrash: false,
    });
  });

  it('only the clerk trashes or deletes it; once deleted nobody opens it', () => {
    const { Drive, SpreadsheetApp, unit, folder, as } = clerkDrive();
    expect(as(EDITOR, () => driveRefusal(() => Drive.Files.update({ trashed: true }, unit)))).toEqual(
      insufficient('drive.files.update', unit)
    );
    expect(as(EDITOR, () => driveRefusal(() => Drive.Files.remove(unit)))).toEqual(
      insufficient('drive.files.delete', unit)
    );
    Drive.Files.update({ trashed: true }, unit);
    const listed = (q: string) => Drive.Files.list({ q, fields: 'files(id)' }).files?.map((f) => f.id);
    expect(listed(`'${folder}' in parents and trashed = false`)).toEqual([]);
    expect(listed(`'${folder}' in parents and trashed = true`)).toEqual([unit]);
    Drive.Files.remove(unit);
    for (const who of [OWNER, EDITOR]) {
      expect(as(who, () => refusal(() => SpreadsheetApp.openById(unit)))).toBe(NO_DOCUMENT_ACCESS);
    }
  });

  it('the colleague renames it; nobody sets a field Drive does not take, or a second parent', () => {
    const { Drive, unit, as } = clerkDrive();
    as(EDITOR, () => Drive.Files.update({ name: 'TDP 01 (đã sửa)' }, unit));
    expect(Drive.Files.get(unit).name).toBe('TDP 01 (đã sửa)');
    expect(driveRefusal(() => Drive.Files.update({ mimeType: 'text/plain' }, unit))).toMatchObject({
      code: 403,
      reason: 'fieldNotWritable',
    });
    const other = Drive.Files.create({ name: 'Khác', mimeType: 'application/vnd.google-apps.folder' }).id!;
    expect(driveRefusal(() => Drive.Files.update({}, unit, null, { addParents: other }))).toEqual({
      message:
        'API call to drive.files.update failed with error: Increasing the number of parents is not allowed',
      code: 403,
      reason: 'cannotAddParent',
    });
  });

  it('the viewer and a stranger change nothing: 403 for the one, 404 for the other', () => {
    const { Drive, unit, as } = clerkDrive();
    expect(as(VIEWER, () => driveRefusal(() => Drive.Files.update({ name: 'x' }, unit)))).toEqual(
      insufficient('drive.files.update', unit)
    );
    expect(as(STRANGER, () => driveRefusal(() => Drive.Files.get(unit)))).toEqual({
      message: `API call to drive.files.get failed with error: File not found: ${unit}.`,
      code: 404,
      reason: 'notFound',
    });
  });
});

describe('lists, scopes and the acting user', () => {
  it('pages a list, and refuses a query term it does not know', () => {
    const { Drive, folder } = clerkDrive();
    for (const name of ['TDP 02', 'TDP 03'])
      Drive.Files.create({ name, mimeType: SPREADSHEET_MIME, parents: [folder] });
    const first = Drive.Files.list({ q: `'${folder}' in parents`, pageSize: 2 });
    expect(first.files?.map((f) => f.name)).toEqual(['TDP 01', 'TDP 02']);
    const rest = Drive.Files.list({
      q: `'${folder}' in parents`,
      pageSize: 2,
      pageToken: first.nextPageToken,
    });
    expect([rest.files?.map((f) => f.name), rest.nextPageToken]).toEqual([['TDP 03'], undefined]);
    expect(driveRefusal(() => Drive.Files.list({ q: "fullText contains 'TDP'" }))).toMatchObject({
      code: 400,
      message: 'API call to drive.files.list failed with error: Invalid Value',
    });
  });

  it('under drive.file the colleague reaches only what she picked; under drive, every file shared with her', () => {
    const { workbook, Drive, folder, as } = clerkDrive();
    expect(as(EDITOR, () => driveRefusal(() => Drive.Files.get(folder)))).toMatchObject({ code: 404 });
    workbook.drive.file(folder)!.share('writer', EDITOR);
    expect(as(EDITOR, () => driveRefusal(() => Drive.Files.get(folder)))).toMatchObject({ code: 404 });
    const broad = createServices(workbook, {
      manifest: { oauthScopes: ['https://www.googleapis.com/auth/drive'] },
    }).Drive;
    expect(as(EDITOR, () => broad.Files.get(folder).id)).toBe(folder);
  });

  it('About names the person running the script, and wants its fields', () => {
    const { Drive, as } = clerkDrive();
    expect(as(EDITOR, () => Drive.About.get({ fields: 'user' }).user?.emailAddress)).toBe(EDITOR);
    expect(driveRefusal(() => Drive.About.get({}))).toMatchObject({
      code: 400,
      message:
        "API call to drive.about.get failed with error: The 'fields' parameter is required for this method.",
    });
  });
});

describe('revisions: the published state', () => {
  it('editors read the head revision; the viewer may not; publishing takes the right to share', () => {
    const { Drive, unit, file, as } = clerkDrive();
    expect(as(EDITOR, () => Drive.Revisions.list(unit, { fields: 'revisions(id,published)' }))).toEqual({
      revisions: [{ id: '1', published: false }],
    });
    expect(as(VIEWER, () => driveRefusal(() => Drive.Revisions.list(unit, {})))).toEqual(
      insufficient('drive.revisions.list', unit)
    );
    file.writersCanShare = false;
    expect(
      as(EDITOR, () => driveRefusal(() => Drive.Revisions.update({ published: true }, unit, '1')))
    ).toEqual(insufficient('drive.revisions.update', unit));
    expect(driveRefusal(() => Drive.Revisions.update({ published: true }, unit, '2'))).toMatchObject({
      code: 404,
      reason: 'revisionNotFound',
    });
    Drive.Revisions.update({ published: true }, unit, '1');
    expect(file.published).toBe(true);
  });
});
