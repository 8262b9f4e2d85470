/**
 * Links to Google Drive files as Cấu hình holds them: the URL Thiết lập đơn vị wrote, or one a person
 * pasted from the address bar or the Share dialog. Only the id matters; it is what a file is opened by.
 */

/** Drive ids are URL-safe base64 (letters, digits, "-" and "_"); Google's are 19 to 44 characters long. */
const ID = '[A-Za-z0-9_-]{19,}';
const BARE_ID = new RegExp(`^${ID}$`);
const PATTERNS = {
  spreadsheet: [new RegExp(`/spreadsheets/d/(${ID})`), new RegExp(`/file/d/(${ID})`)],
  folder: [new RegExp(`/folders/(${ID})`)],
};
const ID_PARAMETER = new RegExp(`[?&]id=(${ID})`);

/**
 * The id in a link to a spreadsheet or a folder: null when the text is something else, '' when blank.
 * A bare id is accepted too.
 */
export function driveIdOf(value: unknown, kind: 'spreadsheet' | 'folder'): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return '';
  if (BARE_ID.test(text)) return text;
  if (!/^https:\/\/(docs|drive)\.google\.com\//.test(text)) return null;
  for (const pattern of [...PATTERNS[kind], ID_PARAMETER]) {
    const match = pattern.exec(text);
    if (match) return match[1];
  }
  return null;
}

/** The links Thiết lập đơn vị writes into Cấu hình (the forms the Drive API's webViewLink takes). */
export function spreadsheetLink(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

export function folderLink(id: string): string {
  return `https://drive.google.com/drive/folders/${id}`;
}
