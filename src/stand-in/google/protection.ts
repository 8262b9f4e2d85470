/**
 * Protected sheets and ranges, enforced against the acting user as Google documents them.
 *
 * Google's reference for Sheet.protect() and Range.protect(): until the script changes the editor list
 * (addEditor(s), removeEditor(s)) or sets a new value for setDomainEdit, "the permissions will mirror
 * those of the spreadsheet itself, which effectively means that the sheet remains unprotected". A new
 * protection here therefore mirrors the file's sharing: every file editor may edit, and getEditors()
 * lists the owner and the file's editors. Google does not say whether a call that leaves the list as
 * it was (adding someone already listed, removing the owner) counts as a change. Its own sample on the
 * Protection page (addEditor(me); removeEditors(getEditors())) is how it documents making a protection
 * effective, and in a file shared with nobody that sample removes only unremovable editors; so a call
 * with at least one address counts, and an empty list does not (the stricter reading of the rest).
 * Chẩn đoán checks this on a real spreadsheet.
 */
import type { User } from '../../contract/apps-script';
// What this file implements: production's view of Apps Script plus what tests read (inspection.ts).
import type { InspectedProtection as Protection, InspectedRange as Range } from './inspection';
import type { Rect } from '../document/a1';
import type { StandInSheet } from './sheet';

export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** setUnprotectedRanges on a range protection, or with a range of another sheet: our texts (Google's are not documented). */
export const NOT_A_SHEET_PROTECTION = 'Unprotected ranges can only be set on a protected sheet.';
export const NOT_ON_THE_SHEET = 'Every unprotected range must be on the protected sheet.';

/** Writing without edit access to the file: Google documents no text for it, so this one is ours. */
export const NO_EDIT_ACCESS_MESSAGE = 'You do not have permission to edit this spreadsheet.';

export class StandInUser implements User {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
}

const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

export class StandInProtection implements Protection {
  description = '';
  /** The explicit editor list; meaningful only once `mirrorsSpreadsheet` is false. */
  readonly editors = new Set<string>();
  domainEdit = false;
  warningOnly = false;
  removed = false;
  /** True until the script changes the editor list: the file's own permissions apply. */
  mirrorsSpreadsheet = true;
  /**
   * A sheet protection's unprotected ranges (setUnprotectedRanges): anyone who may edit the file may edit
   * inside them. They move with inserted and deleted rows and columns as the protection's own rect does
   * (StandInSheet.shiftBeyondTheDocument); one deleted whole is dropped.
   */
  unprotected: Rect[] = [];
  private readonly creator: string;

  constructor(
    readonly sheet: StandInSheet,
    /** null: the whole sheet. */
    public rect: Rect | null,
    creator: string
  ) {
    this.creator = creator.toLowerCase();
  }

  get type(): 'SHEET' | 'RANGE' {
    return this.rect ? 'RANGE' : 'SHEET';
  }

  /** The editors as getEditors() reports them (no call counted). */
  editorEmails(): string[] {
    const wb = this.sheet.workbook;
    if (this.mirrorsSpreadsheet) return wb.fileEditorEmails();
    return [...this.editors];
  }

  /** Whether `email` may edit what this protection covers (the owner always may). */
  allows(email: string): boolean {
    const wb = this.sheet.workbook;
    const e = email.toLowerCase();
    if (e === wb.owner.toLowerCase()) return true;
    if (this.mirrorsSpreadsheet) return wb.canEditFile(e);
    if (this.editors.has(e)) return true;
    const domain = domainOf(wb.owner);
    return this.domainEdit && !CONSUMER_DOMAINS.has(domain) && domainOf(e) === domain;
  }

  /** The first change of the list starts from the mirrored one; the owner and creator stay on it. */
  private takeOverList(): void {
    if (!this.mirrorsSpreadsheet) return;
    const wb = this.sheet.workbook;
    for (const email of wb.fileEditorEmails()) this.editors.add(email.toLowerCase());
    this.editors.add(wb.owner.toLowerCase());
    this.editors.add(this.creator);
    this.mirrorsSpreadsheet = false;
  }

  private change(): void {
    const wb = this.sheet.workbook;
    wb.count('writes');
    if (this.removed) throw new Error('This protection has been removed.');
    if (!this.allows(wb.actingUser)) throw new Error(PROTECTED_MESSAGE);
  }

  getDescription(): string {
    this.sheet.workbook.count('other');
    return this.description;
  }
  setDescription(description: string): Protection {
    this.change();
    this.description = String(description);
    return this;
  }
  getRange(): Range {
    return this.rect ? this.sheet.rangeOf(this.rect) : this.sheet.wholeRange();
  }
  getEditors(): User[] {
    this.sheet.workbook.count('other');
    return this.editorEmails().map((e) => new StandInUser(e));
  }
  addEditors(emailAddresses: string[]): Protection {
    this.change();
    if (!Array.isArray(emailAddresses)) throw new Error('Invalid argument: emailAddresses');
    const emails = emailAddresses.map((raw) => String(raw).trim());
    for (const email of emails) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error(`Invalid email: ${email}`);
    }
    if (emails.length === 0) return this;
    this.takeOverList();
    for (const email of emails) this.editors.add(email.toLowerCase());
    return this;
  }
  removeEditors(emailAddresses: string[]): Protection {
    this.change();
    if (!Array.isArray(emailAddresses)) throw new Error('Invalid argument: emailAddresses');
    if (emailAddresses.length === 0) return this;
    this.takeOverList();
    const owner = this.sheet.workbook.owner.toLowerCase();
    const current = this.sheet.workbook.actingUser.toLowerCase();
    // "Neither the owner of the spreadsheet nor the current user can be removed" (Google's reference).
    for (const raw of emailAddresses) {
      const email = String(raw).toLowerCase();
      if (email !== owner && email !== current) this.editors.delete(email);
    }
    return this;
  }
  canDomainEdit(): boolean {
    const wb = this.sheet.workbook;
    wb.count('other');
    if (!this.allows(wb.actingUser)) throw new Error(PROTECTED_MESSAGE);
    return this.domainEdit && !CONSUMER_DOMAINS.has(domainOf(wb.owner));
  }
  setDomainEdit(editable: boolean): Protection {
    this.change();
    // Only "a new value" ends the mirroring (Google's wording).
    if (Boolean(editable) === this.domainEdit) return this;
    this.takeOverList();
    this.domainEdit = Boolean(editable);
    return this;
  }
  setWarningOnly(warningOnly: boolean): Protection {
    this.change();
    this.warningOnly = Boolean(warningOnly);
    return this;
  }
  isWarningOnly(): boolean {
    this.sheet.workbook.count('other');
    return this.warningOnly;
  }
  /**
   * "Unprotects the given array of ranges within a protected sheet. Throws an exception if the Protection
   * object corresponds to a protected range instead of a protected sheet or if any of the ranges are not on
   * the protected sheet. To change the unprotected ranges, set a new array of ranges; to re-protect the
   * entire sheet, set an empty array" (developers.google.com/apps-script/reference/spreadsheet/protection#setUnprotectedRanges(Range)).
   * A setter like the others: edit rights on the protection. It changes neither the editor list nor the
   * domain setting, so a protection that mirrors the file's sharing keeps mirroring (the reference names
   * only those two as ending it). Google documents neither exception's text: both are ours.
   */
  setUnprotectedRanges(ranges: Range[]): Protection {
    this.change();
    if (!Array.isArray(ranges)) throw new Error('Invalid argument: ranges');
    if (this.rect !== null) throw new Error(NOT_A_SHEET_PROTECTION);
    const rects = ranges.map((range) => {
      const r = range as Partial<{ sheet: StandInSheet; rect: Rect }>;
      if (r.sheet !== this.sheet || !r.rect) throw new Error(NOT_ON_THE_SHEET);
      return { ...r.rect };
    });
    this.unprotected = rects;
    return this;
  }
  /**
   * "Gets an array of unprotected ranges within a protected sheet. If the Protection object corresponds to a
   * protected range instead of a protected sheet, this method returns an empty array" (same page).
   */
  getUnprotectedRanges(): Range[] {
    this.sheet.workbook.count('other');
    if (this.rect !== null) return [];
    return this.unprotected.map((rect) => this.sheet.rangeOf(rect));
  }
  canEdit(): boolean {
    const wb = this.sheet.workbook;
    wb.count('other');
    return this.allows(wb.actingUser);
  }
  remove(): void {
    this.change();
    this.removed = true;
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this);
  }
}
