/**
 * The Apps Script services around the spreadsheet: Ui, HtmlService, locks, properties, session;
 * SpreadsheetApp.openById and the advanced Drive service over the spreadsheet's Drive.
 */
import * as fs from 'fs';
import * as path from 'path';
import type {
  ChartType,
  DeveloperMetadataVisibility,
  Lock,
  Menu,
  Properties,
  ProtectionType,
  PromptResponse,
  Ui,
} from '../../contract/apps-script';
// What this file implements: production's view of Apps Script plus what tests read (inspection.ts).
import type { InspectedHtmlOutput as HtmlOutput, InspectedServices as Services } from './inspection';
import { CHART_TYPES, StandInConditionalFormatRuleBuilder, StandInDataValidationBuilder } from './builders';
import { formatJavaDate, isDate } from '../document/dates';
import type { Quotas } from './cost-model';
import { createDriveService } from './drive-service';
import type { Workbook } from './workbook';
import projectManifest from '../../../appsscript.json';

type Button = GoogleAppsScript.Base.Button;
type ButtonSet = GoogleAppsScript.Base.ButtonSet;

/** What the stand-in reads of appsscript.json. */
export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  dependencies?: {
    enabledAdvancedServices?: { userSymbol: string; serviceId: string; version: string }[];
  };
}

export interface ServicesOptions {
  /** Folder holding <name>.html for HtmlService.createHtmlOutputFromFile. */
  htmlDir?: string;
  /** The script project's time zone; default the manifest's (appsscript.json). */
  scriptTimeZone?: string;
  /** The manifest the script runs under (its scopes); default the project's appsscript.json. */
  manifest?: Manifest;
  quotas?: Quotas;
}

/** The advanced services a manifest enables, by the global name the script sees (`userSymbol`). */
export function advancedServices(manifest: Manifest): Map<string, { serviceId: string; version: string }> {
  return new Map(
    (manifest.dependencies?.enabledAdvancedServices ?? []).map((s) => [
      s.userSymbol,
      { serviceId: s.serviceId, version: s.version },
    ])
  );
}

export type MenuItem = { caption: string; functionName: string } | { separator: true };

export interface RecordedMenu {
  caption: string;
  items: MenuItem[];
}

export class StandInHtmlOutput implements HtmlOutput {
  private title = '';
  constructor(private content: string) {}
  /** As in Apps Script: the text is added at the end of the page, as HTML. */
  append(addedContent: string): HtmlOutput {
    this.content += String(addedContent);
    return this;
  }
  getContent(): string {
    return this.content;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): HtmlOutput {
    this.title = String(title);
    return this;
  }
  /** Pixels, as Apps Script takes them; only recorded here. */
  width: number | null = null;
  height: number | null = null;
  setWidth(width: number): HtmlOutput {
    this.width = Number(width);
    return this;
  }
  setHeight(height: number): HtmlOutput {
    this.height = Number(height);
    return this;
  }
}

class RecordingMenu implements Menu {
  private readonly items: MenuItem[] = [];
  constructor(
    private readonly ui: RecordingUi,
    private readonly caption: string
  ) {}
  addItem(caption: string, functionName: string): Menu {
    this.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): Menu {
    this.items.push({ separator: true });
    return this;
  }
  addToUi(): void {
    this.ui.menus.push({ caption: this.caption, items: [...this.items] });
  }
}

/** A Ui that records what the add-on shows; alert() answers with the OK button. */
class RecordingUi implements Ui {
  readonly ButtonSet = { OK: 'OK' as unknown as ButtonSet, OK_CANCEL: 'OK_CANCEL' as unknown as ButtonSet };
  readonly Button = {
    OK: 'OK' as unknown as Button,
    CANCEL: 'CANCEL' as unknown as Button,
    CLOSE: 'CLOSE' as unknown as Button,
  };
  /** What the person types into the next prompt() dialogs and the button they press (tests set these). */
  readonly promptAnswers: { text: string; button: 'OK' | 'CANCEL' | 'CLOSE' }[] = [];
  readonly prompts: { title: string; prompt: string; buttons: ButtonSet }[] = [];
  readonly menus: RecordedMenu[] = [];
  readonly alerts: { title: string; prompt: string; buttons: ButtonSet }[] = [];
  /** The HtmlOutputs shown with showSidebar, in order. */
  readonly sidebars: HtmlOutput[] = [];
  /** The modal dialogs shown with showModalDialog, in order. */
  readonly dialogs: { output: HtmlOutput; title: string }[] = [];

  alert(title: string, prompt: string, buttons: ButtonSet): Button {
    this.alerts.push({ title: String(title), prompt: String(prompt), buttons });
    return this.Button.OK;
  }
  /** Records the dialog; answers with the next scripted answer, else as if its close button was pressed. */
  prompt(title: string, prompt: string, buttons: ButtonSet): PromptResponse {
    this.prompts.push({ title: String(title), prompt: String(prompt), buttons });
    const answer = this.promptAnswers.shift() ?? { text: '', button: 'CLOSE' as const };
    const button = this.Button[answer.button];
    return { getResponseText: () => answer.text, getSelectedButton: () => button };
  }
  createMenu(caption: string): Menu {
    return new RecordingMenu(this, String(caption));
  }
  showSidebar(userInterface: HtmlOutput): void {
    this.sidebars.push(userInterface);
  }
  showModalDialog(userInterface: HtmlOutput, title: string): void {
    if (!(userInterface instanceof StandInHtmlOutput)) throw new Error('Invalid argument: userInterface');
    this.dialogs.push({ output: userInterface, title: String(title) });
  }
}

/** Apps Script caps a property value at 9 kB and a property store at 500 kB. */
const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;

class DocumentProperties implements Properties {
  constructor(private readonly store: Map<string, string>) {}
  getProperty(key: string): string | null {
    return this.store.get(String(key)) ?? null;
  }
  setProperty(key: string, value: string): Properties {
    this.put(String(key), String(value), this.storeBytes());
    return this;
  }
  /**
   * "Sets all key-value pairs from the provided object in the current Properties store" (Google's
   * reference for Properties.setProperties): one call, each value under the same limits as setProperty.
   * All or nothing here; Google does not say what a failing value leaves, the stricter reading.
   */
  setProperties(properties: { [key: string]: string }): Properties {
    const before = new Map(this.store);
    try {
      // The store's size counted once, then kept as each value goes in (Tổng hợp sets 200 at a time).
      let total = this.storeBytes();
      for (const [key, value] of Object.entries(properties))
        total = this.put(String(key), String(value), total);
    } catch (error) {
      this.store.clear();
      for (const [k, v] of before) this.store.set(k, v);
      throw error;
    }
    return this;
  }
  private storeBytes(): number {
    let total = 0;
    for (const [k, v] of this.store) total += Buffer.byteLength(k) + Buffer.byteLength(v);
    return total;
  }
  /** Sets one value, the store holding `total` bytes before; gives the bytes it holds after. */
  private put(k: string, v: string, total: number): number {
    if (Buffer.byteLength(v) > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
    const old = this.store.get(k);
    const after =
      total -
      (old === undefined ? 0 : Buffer.byteLength(k) + Buffer.byteLength(old)) +
      Buffer.byteLength(k) +
      Buffer.byteLength(v);
    if (after > MAX_STORE_BYTES) throw new Error('You have exceeded the property storage quota.');
    this.store.set(k, v);
    return after;
  }
  getProperties(): { [key: string]: string } {
    return Object.fromEntries(this.store);
  }
  deleteProperty(key: string): Properties {
    this.store.delete(String(key));
    return this;
  }
}

/** One execution's view of the document lock (each createServices call is one execution). */
class DocumentLock implements Lock {
  constructor(
    private readonly workbook: Workbook,
    private readonly execution: object
  ) {}
  tryLock(_timeoutInMillis: number): boolean {
    const wb = this.workbook;
    // Another execution holds it: give up at once instead of actually waiting.
    if (wb.lockHolder && wb.lockHolder !== this.execution) return false;
    wb.lockHolder = this.execution;
    return true;
  }
  releaseLock(): void {
    if (this.workbook.lockHolder === this.execution) this.workbook.lockHolder = null;
  }
  hasLock(): boolean {
    return this.workbook.lockHolder === this.execution;
  }
}

function temporaryKey(user: string): string {
  let hash = 0x811c9dc5;
  for (const ch of user.toLowerCase()) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `key-${hash.toString(36)}`;
}

export function createServices(
  workbook: Workbook,
  opts: ServicesOptions = {}
): Services & { ui: RecordingUi } {
  const ui = new RecordingUi();
  const execution = {};
  const manifest = opts.manifest ?? (projectManifest as Manifest);
  const drive = workbook.drive;
  return {
    ui,
    SpreadsheetApp: {
      ProtectionType: {
        RANGE: 'RANGE' as unknown as ProtectionType,
        SHEET: 'SHEET' as unknown as ProtectionType,
      },
      DeveloperMetadataVisibility: {
        DOCUMENT: 'DOCUMENT' as unknown as DeveloperMetadataVisibility,
        PROJECT: 'PROJECT' as unknown as DeveloperMetadataVisibility,
      },
      getActiveSpreadsheet: () => workbook,
      openById: (id: string) => {
        drive.calls++;
        return drive.openSpreadsheet(String(id));
      },
      getUi: () => ui,
      newDataValidation: () => new StandInDataValidationBuilder((formula) => workbook.formulaParses(formula)),
      newConditionalFormatRule: () => new StandInConditionalFormatRuleBuilder(),
      flush: () => {
        workbook.count('other');
        workbook.evaluated();
      },
    },
    Charts: { ChartType: CHART_TYPES as unknown as { BAR: ChartType } },
    HtmlService: {
      createHtmlOutputFromFile: (filename: string) => {
        const dir = opts.htmlDir ?? process.cwd();
        const file = path.join(dir, `${String(filename)}.html`);
        if (!fs.existsSync(file)) throw new Error(`No HTML file named ${filename} was found.`);
        return new StandInHtmlOutput(fs.readFileSync(file, 'utf8'));
      },
      createHtmlOutput: (html: string) => new StandInHtmlOutput(String(html)),
    },
    LockService: { getDocumentLock: () => new DocumentLock(workbook, execution) },
    PropertiesService: { getDocumentProperties: () => new DocumentProperties(workbook.documentProperties) },
    // Without the userinfo.email scope the add-on cannot ask who the user is, so neither can it here.
    // The script's time zone is the manifest's, whatever the spreadsheet's (File → Settings) says.
    Session: {
      getScriptTimeZone: () => opts.scriptTimeZone ?? manifest.timeZone ?? 'Asia/Ho_Chi_Minh',
      // Stable for a user, revealing nobody (Google's key lasts 30 days): a digest of the acting user.
      getTemporaryActiveUserKey: () => temporaryKey(workbook.actingUser),
    },
    Utilities: {
      formatDate: (date: Date, timeZone: string, format: string) => {
        if (!isDate(date)) throw new Error('Invalid argument: date');
        return formatJavaDate(date, String(timeZone), String(format));
      },
    },
    Drive: createDriveService(drive, { scopes: manifest.oauthScopes ?? [], quotas: opts.quotas }),
  };
}
