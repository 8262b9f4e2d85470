/** Protected sheets and ranges, enforced against the acting user like Sheets does. */
import type { Protection, Range, User } from '../../gas/apps-script';
import type { Rect } from './a1';
import type { StandInSheet } from './sheet';

export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

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
  readonly editors = new Set<string>();
  domainEdit = false;
  warningOnly = false;
  removed = false;

  constructor(
    readonly sheet: StandInSheet,
    /** null: the whole sheet. */
    public rect: Rect | null,
    creator: string
  ) {
    const owner = sheet.workbook.owner;
    this.editors.add(owner.toLowerCase());
    this.editors.add(creator.toLowerCase());
  }

  get type(): 'SHEET' | 'RANGE' {
    return this.rect ? 'RANGE' : 'SHEET';
  }

  /** Whether `email` may edit what this protection covers (the owner always may). */
  allows(email: string): boolean {
    const owner = this.sheet.workbook.owner;
    const e = email.toLowerCase();
    if (e === owner.toLowerCase() || this.editors.has(e)) return true;
    const domain = domainOf(owner);
    return this.domainEdit && !CONSUMER_DOMAINS.has(domain) && domainOf(e) === domain;
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
    return [...this.editors].map((e) => new StandInUser(e));
  }
  addEditors(emailAddresses: string[]): Protection {
    this.change();
    if (!Array.isArray(emailAddresses)) throw new Error('Invalid argument: emailAddresses');
    for (const raw of emailAddresses) {
      const email = String(raw).trim();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error(`Invalid email: ${email}`);
      this.editors.add(email.toLowerCase());
    }
    return this;
  }
  removeEditors(emailAddresses: string[]): Protection {
    this.change();
    if (!Array.isArray(emailAddresses)) throw new Error('Invalid argument: emailAddresses');
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
