/**
 * tonghop's protections as Google documents them: a new protection mirrors the file's sharing (blocks
 * nobody) until its editor list is changed, so every protection tonghop makes or repairs gets its list
 * set explicitly, and each action reports what it left in place.
 */
import { services, type Protection, type Sheet, type Spreadsheet } from '../contract/apps-script';

/** One protection as `tonghop setup --json` and `run --json` report it. */
export interface ProtectionEntry {
  sheet: string;
  /** A1 of the protected range, null for the whole sheet. */
  range: string | null;
  /** Who may edit, lower-case, the owner first. */
  editors: string[];
  warningOnly: boolean;
  /** Whether the editor list is enforced: false for warning-only protections. */
  effective: boolean;
}

/** Who can edit the file at all: read once per action (two calls). */
export interface Sharing {
  owner: string;
  /** The owner and everyone with edit access, lower-case. */
  fileEditors: Set<string>;
}

export function readSharing(ss: Spreadsheet): Sharing {
  const owner = ss.getOwner()?.getEmail().toLowerCase() ?? '';
  const fileEditors = new Set(ss.getEditors().map((user) => user.getEmail().toLowerCase()));
  if (owner !== '') fileEditors.add(owner);
  return { owner, fileEditors };
}

const lower = (emails: readonly string[]): string[] => [
  ...new Set(emails.map((email) => email.trim().toLowerCase()).filter((email) => email !== '')),
];

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  a.size === b.size && [...a].every((x) => b.has(x));

/**
 * Whether a protection's editor list could be Google's mirror of the file's sharing: then nothing tells
 * an enforced list from one that blocks nobody, and it is set again.
 */
export function mayMirrorSharing(editors: readonly string[], sharing: Sharing): boolean {
  const listed = new Set(lower(editors));
  if (sharing.owner !== '') listed.add(sharing.owner);
  return sameSet(listed, sharing.fileEditors);
}

/**
 * Leaves exactly `editors` able to edit, besides the owner and the person running the action, whom
 * Sheets never removes (so the add-on needs no scope to learn who that person is). The list is changed
 * explicitly whenever it might still mirror the file's sharing (always for a `fresh` protection, whose
 * getEditors() Google does not promise to show as the mirror), removing and adding as Google's sample
 * on the Protection page does. Returns the editors it leaves, the owner first; null, changing nothing,
 * when a change is needed and the person running the action may not edit this protection.
 */
export function restrictEditors(
  protection: Protection,
  editors: readonly string[],
  sharing: Sharing,
  fresh = false
): string[] | null {
  const owner = sharing.owner;
  const wanted = lower(editors).filter((email) => email !== owner);
  const current = lower(protection.getEditors().map((user) => user.getEmail()));
  const toRemove = current.filter((email) => email !== owner && !wanted.includes(email));
  const toAdd = wanted.filter((email) => !current.includes(email));
  const mirrorOnly =
    toRemove.length === 0 && toAdd.length === 0 && (fresh || mayMirrorSharing(current, sharing));
  const changes = toRemove.length > 0 || toAdd.length > 0 || mirrorOnly;
  // Asked only when something must change: a protection that already lists the office needs no question.
  if (changes && !fresh && !protection.canEdit()) return null;
  if (toRemove.length > 0) protection.removeEditors(toRemove);
  if (toAdd.length > 0) protection.addEditors(toAdd);
  if (mirrorOnly) {
    // The list is already right but may be the mirror: change it, as Google's sample does (the owner
    // and the person running the action are never removed), then put the wanted editors back.
    protection.removeEditors(current.length > 0 ? current : [owner]);
    if (wanted.length > 0) protection.addEditors(wanted);
  }
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  return owner === '' ? wanted : [owner, ...wanted];
}

/** Where a protection sits, for the report. */
export function entryOf(
  sheet: Sheet,
  range: string | null,
  editors: readonly string[],
  warningOnly: boolean
): ProtectionEntry {
  return { sheet: sheet.getName(), range, editors: [...editors], warningOnly, effective: !warningOnly };
}

/**
 * Makes a protection enforce exactly `editors`: created by `create` when missing, warning-only lifted.
 * Null when the person running the action may not change it (it was set up before they joined the
 * office): the caller says so.
 */
export function secureProtection(
  existing: Protection | undefined,
  create: () => Protection,
  editors: readonly string[],
  sharing: Sharing
): string[] | null {
  if (!existing) return restrictEditors(create(), editors, sharing, true);
  if (existing.isWarningOnly()) {
    if (!existing.canEdit()) return null;
    existing.setWarningOnly(false);
  }
  return restrictEditors(existing, editors, sharing);
}

/** The whole-sheet protection of one of tonghop's sheets, enforced for `editors` (see secureProtection). */
export function secureSheet(
  sheet: Sheet,
  description: string,
  editors: readonly string[],
  sharing: Sharing,
  /** The sheet's protection when already in hand; null when it is known to have none. */
  existing?: Protection | null
): ProtectionEntry | null {
  const found =
    existing === undefined
      ? sheet.getProtections(services().SpreadsheetApp.ProtectionType.SHEET)[0]
      : (existing ?? undefined);
  const create = () => sheet.protect().setDescription(description);
  const kept = secureProtection(found, create, editors, sharing);
  return kept ? entryOf(sheet, null, kept, false) : null;
}

/** The sheets in `entries` that anyone with edit access to the file can still change. */
export function openSheets(entries: readonly ProtectionEntry[]): string[] {
  return [...new Set(entries.filter((entry) => !entry.effective).map((entry) => entry.sheet))];
}
