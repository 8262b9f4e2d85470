/**
 * The advanced Drive service's Permissions: sharing a unit's file as the clerk (owner), an office colleague
 * (editor, while editors may share), the ward leader (viewer) and a stranger who gets in by link.
 */
import { NO_DOCUMENT_ACCESS, NO_EDIT_ACCESS_MESSAGE } from '../../src/stand-in';
import { clerkDrive, driveRefusal } from './drive-helpers';
import { EDITOR, OWNER, refusal, STRANGER, VIEWER } from './people';

const STAFF = 'tdp01@phuong.example';
const MESSAGE = 'Danh sách cài đặt của tổ dân phố. Hạn nộp: 15/5/2026.';

describe('sharing a unit’s file', () => {
  it('the clerk invites the staff with her message; a commenter is a reader; one id per person', () => {
    const { workbook, Drive, unit } = clerkDrive();
    const created = Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: STAFF }, unit, {
      emailMessage: MESSAGE,
    });
    expect(workbook.drive.notifications.at(-1)).toEqual({
      fileId: unit,
      to: STAFF,
      from: OWNER,
      role: 'writer',
      message: MESSAGE,
    });
    const commenter = Drive.Permissions.create(
      { type: 'user', role: 'commenter', emailAddress: STRANGER },
      unit,
      {
        sendNotificationEmail: false,
      }
    );
    expect(commenter.role).toBe('reader');
    const listed = Drive.Permissions.list(unit, { fields: 'permissions(id,role,emailAddress)' }).permissions;
    expect(listed?.map((p) => [p.emailAddress, p.role])).toEqual([
      [OWNER, 'owner'],
      [EDITOR, 'writer'],
      [STAFF, 'writer'],
      [VIEWER, 'reader'],
      [STRANGER, 'reader'],
    ]);
    expect(listed?.find((p) => p.emailAddress === STAFF)?.id).toBe(created.id);
  });

  it('the colleague shares while editors may, and is refused once the clerk turns it off', () => {
    const { Drive, unit, file, as } = clerkDrive();
    as(EDITOR, () =>
      Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: STAFF }, unit, {})
    );
    expect(file.viewers).toContain(STAFF);
    file.writersCanShare = false;
    const refused = as(EDITOR, () =>
      driveRefusal(() =>
        Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: STRANGER }, unit, {})
      )
    );
    expect(refused).toMatchObject({ code: 403, reason: 'insufficientFilePermissions' });
    expect(file.canEdit(STRANGER)).toBe(false);
  });

  it('the viewer shares nothing and removes nobody', () => {
    const { Drive, unit, file, as } = clerkDrive();
    const editorId = Drive.Permissions.list(unit, {
      fields: 'permissions(id,emailAddress)',
    }).permissions?.find((p) => p.emailAddress === EDITOR)?.id;
    expect(
      as(VIEWER, () =>
        driveRefusal(() =>
          Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: VIEWER }, unit, {})
        )
      )
    ).toMatchObject({ code: 403, reason: 'insufficientFilePermissions' });
    expect(as(VIEWER, () => driveRefusal(() => Drive.Permissions.remove(unit, editorId!)))).toMatchObject({
      code: 403,
    });
    expect(file.canEdit(EDITOR)).toBe(true);
    expect(file.canEdit(VIEWER)).toBe(false);
  });

  it('refuses a role it does not know, the owner’s removal and a permission that is not there', () => {
    const { Drive, unit } = clerkDrive();
    expect(
      driveRefusal(() =>
        Drive.Permissions.create({ type: 'user', role: 'boss', emailAddress: STAFF }, unit, {})
      )
    ).toMatchObject({
      code: 400,
      message: 'API call to drive.permissions.create failed with error: Invalid role: boss',
    });
    const ownerId = Drive.Permissions.list(unit, { fields: 'permissions(id,role)' }).permissions?.find(
      (p) => p.role === 'owner'
    )?.id;
    expect(driveRefusal(() => Drive.Permissions.remove(unit, ownerId!))).toMatchObject({
      code: 403,
      reason: 'cannotRemoveOwner',
    });
    expect(driveRefusal(() => Drive.Permissions.remove(unit, '123'))).toEqual({
      message: 'API call to drive.permissions.delete failed with error: Permission not found: 123.',
      code: 404,
      reason: 'notFound',
    });
  });
});

describe('losing access', () => {
  it('the colleague the clerk removes can no longer open the file, nor write in it', () => {
    const { Drive, SpreadsheetApp, unit, as } = clerkDrive();
    const book = as(EDITOR, () => SpreadsheetApp.openById(unit));
    as(EDITOR, () => book.getSheets()[0].getRange('A1').setValue('Họ tên'));
    const editorId = Drive.Permissions.list(unit, {
      fields: 'permissions(id,emailAddress)',
    }).permissions?.find((p) => p.emailAddress === EDITOR)?.id;
    Drive.Permissions.remove(unit, editorId!);
    expect(as(EDITOR, () => refusal(() => SpreadsheetApp.openById(unit)))).toBe(NO_DOCUMENT_ACCESS);
    expect(as(EDITOR, () => refusal(() => book.getSheets()[0].getRange('A2').setValue('x')))).toBe(
      NO_EDIT_ACCESS_MESSAGE
    );
    expect(as(EDITOR, () => driveRefusal(() => Drive.Files.get(unit)))).toMatchObject({ code: 404 });
  });

  it('a stranger opens a file shared by link, until the link is taken away', () => {
    const { Drive, SpreadsheetApp, unit, as } = clerkDrive();
    expect(as(STRANGER, () => refusal(() => SpreadsheetApp.openById(unit)))).toBe(NO_DOCUMENT_ACCESS);
    const link = Drive.Permissions.create({ type: 'anyone', role: 'reader' }, unit, {});
    expect(as(STRANGER, () => refusal(() => SpreadsheetApp.openById(unit)))).toBeNull();
    Drive.Permissions.remove(unit, link.id!);
    expect(as(STRANGER, () => refusal(() => SpreadsheetApp.openById(unit)))).toBe(NO_DOCUMENT_ACCESS);
  });
});
