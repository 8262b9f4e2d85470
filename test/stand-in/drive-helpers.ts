/**
 * The clerk's Drive for the Drive tests: a folder she created with one unit's spreadsheet in it, shared with
 * the colleague (edit) and the ward leader (view), each of whom has picked it in the app (drive.file's grant).
 */
import { FOLDER_MIME, SPREADSHEET_MIME } from '../../src/stand-in';
import { EDITOR, office, VIEWER } from './people';

export function clerkDrive() {
  const env = office();
  const { Drive } = env.services;
  const folder = Drive.Files.create({ name: 'Đợt 5/2026', mimeType: FOLDER_MIME }).id!;
  const unit = Drive.Files.create({ name: 'TDP 01', mimeType: SPREADSHEET_MIME, parents: [folder] }).id!;
  const file = env.workbook.drive.file(unit)!;
  file.share('writer', EDITOR);
  file.share('reader', VIEWER);
  for (const who of [EDITOR, VIEWER]) env.workbook.drive.grantApp(who, unit);
  return { ...env, Drive, folder, unit, file };
}

/** What a Drive call throws: its message and Google's `details` code and reason. */
export function driveRefusal(
  action: () => unknown
): { message: string; code?: number; reason?: string } | null {
  try {
    action();
    return null;
  } catch (error) {
    const details = (error as { details?: { code: number; errors: { reason: string }[] } }).details;
    return { message: (error as Error).message, code: details?.code, reason: details?.errors[0]?.reason };
  }
}
