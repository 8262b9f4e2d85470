/**
 * The workbook's context, loaded the same way by every action: the tags (two calls, whatever their
 * number), tonghop's own sheets by role, and the sheets tonghop owns as models an action calls:
 * `setup` (Cấu hình: read, its office, its protection), `unitSheets` and `outputSheets`. Each read is
 * made at most once and only when first asked for: Cấu hình parsed (one call), the office (the editors
 * of its protection: a few calls), the file's sharing (a few calls), the unit sheets found by their tags.
 *
 * A context describes the workbook as it was when loaded: an action that adds, renames or retags
 * sheets loads a new one (or asks `outputSheets.live()`) to see its own changes.
 */
import { services, type Sheet, type Spreadsheet } from '../contract/apps-script';
import { checkMessages } from '../core/messages/check';
import { consolidateMessages as cm } from '../core/messages/consolidate';
import { codeIdentity, type Organisation, type Unit } from '../core/units';
import {
  createConfigSheet,
  officeOf,
  problemLines,
  readConfig,
  ROLE,
  secureConfigSheet,
  updateConfigSheet,
  writeUnitsTable,
  type Config,
  type ConfigUpdate,
} from './config-sheet';
import { outputSheetsOf, type OutputSheets } from './output-sheets';
import {
  ensureLeadersFile,
  refreshLeadersFile,
  type LeadersFigures,
  type LeadersSetup,
} from './leaders-file';
import { readSharing, type ProtectionEntry, type Sharing } from './protections';
import {
  currentYear,
  formatDate,
  once,
  sheetTags,
  sheetsByRole,
  WARD_KEY,
  type SheetTag,
} from './sheet-utils';
import { unitSheetsOf, type UnitSheetRef, type UnitSheets } from './unit-sheets';
import { trashedFiles, unitFilesOf } from './unit-files';
import { auditSharing, type SharingAudit } from './sharing-audit';
import type { UnitSheetInput } from '../core/consolidate';
import type { Formulas } from '../core/formulas';

// The types an action names, from the one module it loads the workbook with.
export type {
  Config,
  ConfigUpdate,
  LeadersFigures,
  ProtectionEntry,
  SharingAudit,
  Sheet,
  Spreadsheet,
  UnitSheetRef,
};

export type Office = ReturnType<typeof officeOf>;

/**
 * Where the units' lists are read and written, whichever Cấu hình's "Cách tổ chức": their tabs in this
 * file, or their own files. What Tổng hợp, Kiểm tra dữ liệu, Nhập từ tệp and the reports use.
 */
export interface UnitLists {
  /** The units' tabs in this file by code identity (none when each unit has a file). */
  all(): ReadonlyMap<string, UnitSheetRef>;
  /** The unit's sheet, in this file or in its own (opened on first ask); undefined when it cannot be used. */
  of(unit: Unit): UnitSheetRef | undefined;
  /** One batched read of the unit's list, or why it cannot be read. */
  read(unit: Unit): UnitSheetInput;
  readAll(units: readonly Unit[]): UnitSheetInput[];
  /** Whether the person running the action may write the sheet's data rows. */
  canEdit(ref: UnitSheetRef): boolean;
  /** Adds or repairs the "Kiểm tra" column; false when its cells hold someone's data. */
  syncCheckColumn(ref: UnitSheetRef, formulas: Formulas, year: number): boolean;
  /**
   * Duyệt (accept: the list locked for the office) or Trả lại (opened again, the tick cleared), with the
   * office's note in the unit's header; false when the runner may not change the protection.
   */
  review(
    ref: UnitSheetRef,
    unit: Unit,
    accept: boolean,
    note: string,
    office: readonly string[],
    sharing: Sharing
  ): boolean;
  /** Each unit's list is a file of its own: reading every unit at once means opening every file. */
  readonly perUnitFiles: boolean;
}

/** Cấu hình and what is read from it, each on first ask. */
export interface SetUpSheet {
  readonly sheet: Sheet;
  /** The set-up sheet read and checked (one call), again after `update`. */
  config(): Config;
  /**
   * Adds what a Cấu hình of an earlier version lacks and fills the defaults the clerk left blank
   * (Thiết lập đơn vị, as the office): see updateConfigSheet.
   */
  update(): ConfigUpdate;
  /** The office, as the set-up sheet's protection lists it. */
  office(): Office;
  /** Keeps Cấu hình's protection enforced for the office (null: the runner may not change it). */
  secure(): ProtectionEntry | null;
}

export interface WorkbookContext {
  readonly ss: Spreadsheet;
  readonly tags: readonly SheetTag[];
  /** tonghop's own sheets (Cấu hình, Tổng hợp, Danh sách tổng hợp) found by their role tags. */
  readonly roles: Map<string, Sheet>;
  /** Cấu hình, null when the workbook has none yet. */
  readonly setup: SetUpSheet | null;
  /** Creates Cấu hình (the workbook has none), with the vi_VN locale and the ward's time zone. */
  createSetUp(unitRows?: readonly string[][], organisation?: Organisation): Sheet;
  sharing(): Sharing;
  /** The units' tabs in this file: found, read, refreshed, created (the shared design). */
  readonly unitSheets: UnitSheets;
  /** The units' lists as Cấu hình's "Cách tổ chức" says (reads Cấu hình on first ask). */
  lists(): UnitLists;
  /** The ward's key (TH_WARD_<key> on Cấu hình), null before a file per unit was first set up. */
  wardKey(): string | null;
  /** Tổng hợp and Danh sách tổng hợp: created, written, protected; their staging pair. */
  readonly outputSheets: OutputSheets;
  /**
   * The leaders' file (issue 20): made, linked and shared by Thiết lập (`ensure`, as the office), refreshed
   * as values at the end of every Tổng hợp (`refresh`; 'none' while Cấu hình links to none).
   */
  readonly leadersFile: {
    ensure(office: readonly string[]): LeadersSetup;
    refresh(figures: LeadersFigures): 'refreshed' | 'unreachable' | 'none';
  };
  /**
   * Every file's sharing against Cấu hình (issue 25: sharing-audit.ts): the units' files, their folder, the
   * leaders' file and this one. A few Drive calls whatever the number of units.
   */
  auditSharing(): SharingAudit;
  /** A moment as the ward writes it (the script's time zone, Utilities.formatDate's patterns). */
  formatDate(date: Date, pattern: string): string;
  /** The ward's current year at a moment (birth years are checked against it). */
  year(at?: Date): number;
}

function setUpSheet(sheet: Sheet, sharing: () => Sharing): SetUpSheet {
  const office = once(() => officeOf(sheet));
  let config: Config | null = null;
  return {
    sheet,
    config: () => (config ??= readConfig(sheet)),
    update: () => {
      const update = updateConfigSheet(sheet);
      if (update.rows.length > 0 || update.columns.length > 0 || update.filled > 0) config = null;
      return update;
    },
    office,
    secure: () => secureConfigSheet(sheet, office(), sharing()),
  };
}

export function loadWorkbookContext(
  ss: Spreadsheet = services().SpreadsheetApp.getActiveSpreadsheet()
): WorkbookContext {
  const tags = sheetTags(ss);
  const roles = sheetsByRole(tags);
  const configSheet = roles.get(ROLE.config);
  const sharing = once(() => readSharing(ss));
  const setup = configSheet ? setUpSheet(configSheet, sharing) : null;
  const unitSheets = unitSheetsOf(ss, tags);
  const wardKey = (): string | null => tags.find((tag) => tag.key === WARD_KEY)?.value ?? null;
  const lists = once((): UnitLists => {
    const campaign = setup?.config().campaign;
    if (campaign?.organisation !== 'files') return unitSheets;
    const folder = campaign.unitFolder;
    return unitFilesOf(
      wardKey(),
      once(() => trashedFiles(folder))
    );
  });
  return {
    ss,
    tags,
    roles,
    setup,
    createSetUp: (unitRows = [], organisation) => {
      const sheet = createConfigSheet(ss, organisation);
      writeUnitsTable(sheet, unitRows);
      return sheet;
    },
    sharing,
    unitSheets,
    lists,
    wardKey,
    outputSheets: outputSheetsOf(ss, roles),
    leadersFile: {
      ensure: (office) => {
        if (!setup) return { lines: [], attention: [] };
        return ensureLeadersFile(ss, setup.sheet, setup.config(), office);
      },
      refresh: (figures) => {
        const id = setup?.config().campaign.leadersFile ?? '';
        return id === '' ? 'none' : refreshLeadersFile(id, figures);
      },
    },
    auditSharing: () =>
      setup
        ? auditSharing(ss, setup.config(), setup.office().editors, sharing())
        : { checked: true, findings: [] },
    formatDate,
    year: currentYear,
  };
}

/**
 * The message for a set-up table with problems (`intro` and one line each), null when it has none:
 * Tổng hợp and the reports say it one way, Thiết lập another.
 */
export function configProblemsMessage(
  config: Config,
  intro: (count: number) => string = cm.configProblems
): string | null {
  if (config.problems.length === 0) return null;
  return [intro(config.problems.length), ...problemLines(config.problems)].join('\n');
}

/** Every menu item starts here: the set-up sheet is created when it is missing. */
export function ensureConfigSheet(): void {
  const workbook = loadWorkbookContext();
  if (!workbook.setup) workbook.createSetUp();
}

/** What the sidebar's server functions (check, import) need: the units and their sheets. */
export interface UnitContext extends Pick<WorkbookContext, 'ss' | 'formatDate' | 'year'> {
  units: Unit[];
  lists: UnitLists;
}

/** The units and their sheets, or the Vietnamese message that says why there are none. */
export function loadUnitContext(): UnitContext | string {
  const workbook = loadWorkbookContext();
  if (!workbook.setup) return checkMessages.noConfig;
  const { units, problems } = workbook.setup.config();
  if (units.length === 0) return problems.length > 0 ? checkMessages.configProblems : checkMessages.noConfig;
  const { ss, formatDate, year } = workbook;
  return { ss, units, lists: workbook.lists(), formatDate, year };
}

export function findUnit(ctx: UnitContext, code: string): Unit | undefined {
  return ctx.units.find((unit) => codeIdentity(unit.code) === codeIdentity(code));
}

/** The unit whose sheet is open, if any. */
export function activeUnit(ctx: UnitContext): Unit | undefined {
  const activeId = ctx.ss.getActiveSheet().getSheetId();
  const tabs = ctx.lists.all();
  return ctx.units.find((unit) => tabs.get(codeIdentity(unit.code))?.sheet.getSheetId() === activeId);
}
