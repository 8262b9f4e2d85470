/** What Thiết lập đơn vị reports, whichever the design (a tab per unit, or a file per unit). */
import type { ConfigUpdate } from './config-sheet';
import type { ProtectionEntry } from './protections';
import type { ActionResult } from './run';

export interface SetupResult extends ActionResult {
  created: string[];
  refreshed: string[];
  kept: string[];
  unitsWithoutEmail: string[];
  emailsWithoutAccess: string[];
  orphanSheets: string[];
  problems: { row: number; message: string }[];
  /** Every protection tonghop owns, as this run left it. */
  protections: ProtectionEntry[];
  /** What this run added to Cấu hình (an earlier version's) and the blank cells it filled. */
  configUpdate: ConfigUpdate;
  /** Each unit's own file, where each unit has one (Cấu hình's order; '' for a unit still without). */
  unitFiles: { code: string; fileId: string }[];
}

export function emptyResult(message: string, ok: boolean): SetupResult {
  return {
    ok,
    message,
    created: [],
    refreshed: [],
    kept: [],
    unitsWithoutEmail: [],
    emailsWithoutAccess: [],
    orphanSheets: [],
    problems: [],
    protections: [],
    configUpdate: { rows: [], columns: [], filled: 0 },
    unitFiles: [],
  };
}
