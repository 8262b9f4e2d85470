/**
 * "Chẩn đoán": the report of what Google Sheets does where tonghop depends on it, how it is classified,
 * and how it is shown. The probes themselves run in src/gas/diagnostics.ts.
 *
 * The JSON shape is shared with test/fixtures/google-observed/ (replayed against the stand-in) and with
 * the cost model of the stand-in (the `timingsMs` keys): keep its names.
 */
import { diagnosticsMessages as dm } from './messages/diagnostics';

export type SeparatorVerdict = 'ok' | 'error';

/**
 * Whose editors a protection lists: the spreadsheet's (it mirrors the file and blocks nobody), only the
 * owner and the person running the script, or neither. `indistinguishable` when the file is shared with
 * nobody else, so that both readings give the same list.
 */
export type EditorsKind = 'spreadsheet-editors' | 'owner-and-runner' | 'indistinguishable' | 'other';

export interface SeparatorsReport {
  comma: SeparatorVerdict;
  semicolon: SeparatorVerdict;
  /** What getValues returned for each form (the error text, or the formula's result). */
  readBack?: { comma: string; semicolon: string };
  sources?: Record<string, string>;
}

export interface ProtectionReport {
  /** Every editor of the spreadsheet is also an editor of the protection just made. */
  freshBlocksNobody: boolean;
  freshEditors: EditorsKind;
  afterChangeEditors: EditorsKind;
  /** Counts only: no email goes into a report that may be committed or pasted. */
  spreadsheetEditorCount?: number;
  freshEditorCount?: number;
  afterChangeEditorCount?: number;
  runnerIsOwner?: boolean;
  sources?: Record<string, string>;
}

export const TIMING_KEYS = [
  'setValues10k',
  'getValues10k',
  'setValues100k',
  'getValues100k',
  'insertSheet',
  'protect',
] as const;
export type TimingKey = (typeof TIMING_KEYS)[number];

export type ProbeName =
  'scratchSheet' | 'separators' | 'protection' | 'metadata' | 'documentLock' | 'timings' | 'cleanup';

export interface DiagnosticsReport {
  schema: 1;
  source: string;
  recordedAt: string;
  locale: string;
  spreadsheetTimeZone: string;
  scriptTimeZone: string;
  separators: SeparatorsReport | null;
  protection: ProtectionReport | null;
  metadataFindsRenamedSheet: boolean | null;
  documentLock: boolean | null;
  timingsMs: Partial<Record<TimingKey, number>>;
  /** Probes that threw, with Google's message (which may be in the user's language). */
  failures?: Partial<Record<ProbeName, string>>;
  sources?: Record<string, string>;
}

/** What a real run calls itself; a fixture built from documents says so in its own `source`. */
export const DIAGNOSTICS_SOURCE = 'tonghop Chẩn đoán';

/** The probe formulas: strings as results, so that no digit sits next to a comma (a decimal in vi_VN). */
export const SEPARATOR_PROBES = {
  comma: '=IF(1>0,"ok","no")',
  semicolon: '=IF(1>0;"ok";"no")',
} as const;

export function separatorVerdict(readBack: unknown): SeparatorVerdict {
  return readBack === 'ok' ? 'ok' : 'error';
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  a.size === b.size && [...a].every((x) => b.has(x));

/**
 * Classifies the editors Google listed for a fresh protection and for the same protection after an
 * explicit change (`removeEditors(getEditors())`, as Google's own sample does). Without the
 * userinfo.email scope the add-on cannot ask who runs it: after the change only the owner and the
 * runner can remain (Google never removes them), so the runner is whoever is left besides the owner.
 */
export function classifyProtection(input: {
  owner: string;
  spreadsheetEditors: readonly string[];
  fresh: readonly string[];
  afterChange: readonly string[];
}): ProtectionReport {
  const norm = (emails: readonly string[]) =>
    new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean));
  const owner = input.owner.trim().toLowerCase();
  const spreadsheet = norm(input.spreadsheetEditors);
  const fresh = norm(input.fresh);
  const after = norm(input.afterChange);
  const others = [...after].filter((e) => e !== owner);
  const runnerKnown = after.has(owner) && others.length <= 1;
  const ownerAndRunner = new Set([owner, ...others]);
  const classify = (list: Set<string>): EditorsKind => {
    const mirrors = sameSet(list, spreadsheet);
    const onlyThem = runnerKnown && sameSet(list, ownerAndRunner);
    if (mirrors && onlyThem) return 'indistinguishable';
    if (mirrors) return 'spreadsheet-editors';
    if (onlyThem) return 'owner-and-runner';
    return 'other';
  };
  return {
    freshBlocksNobody: [...spreadsheet].every((e) => fresh.has(e)),
    freshEditors: classify(fresh),
    afterChangeEditors: classify(after),
    spreadsheetEditorCount: spreadsheet.size,
    freshEditorCount: fresh.size,
    afterChangeEditorCount: after.size,
    runnerIsOwner: runnerKnown && others.length === 0,
  };
}

/** The number of probes that could not run. */
export function failureCount(report: DiagnosticsReport): number {
  return Object.keys(report.failures ?? {}).length;
}

/** Vietnam's zone, by either of its IANA names. */
const VIETNAM_ZONES = new Set(['Asia/Ho_Chi_Minh', 'Asia/Saigon']);

/** 1234 ms → "1,2 giây": a clerk reads seconds; the milliseconds stay in the copy-and-send block. */
function secondsText(ms: number): string {
  if (ms < 100) return dm.underTenthOfASecond;
  return dm.seconds((ms / 1000).toFixed(1).replace('.', ','));
}

/**
 * The Vietnamese table, in plain words: one [probe, result] pair per line. Codes (the locale, zone
 * names, what a formula read back, Google's error texts, counts, milliseconds) stay in the JSON block.
 */
export function diagnosticsTable(report: DiagnosticsReport): [string, string][] {
  const r = dm.rows;
  const failures = report.failures ?? {};
  const orFailure = (probe: ProbeName, shown: () => string): string =>
    failures[probe] !== undefined ? dm.failed : shown();
  const plain = (value: boolean | null, yes: string, no: string) =>
    value === null ? dm.notRun : value ? yes : no;
  const zone = (name: string) => (VIETNAM_ZONES.has(name) ? dm.vietnamTime : dm.notVietnamTime);
  const rows: [string, string][] = [
    [r.locale, /^vi(?:[_-]|$)/i.test(report.locale) ? dm.vietnamese : dm.notVietnamese],
    [r.spreadsheetTimeZone, zone(report.spreadsheetTimeZone)],
    [r.scriptTimeZone, zone(report.scriptTimeZone)],
  ];
  const sep = report.separators;
  const separatorText = (verdict: SeparatorVerdict) =>
    verdict === 'ok' ? dm.separatorOk : dm.separatorError;
  rows.push([r.comma, orFailure('separators', () => (sep ? separatorText(sep.comma) : dm.notRun))]);
  rows.push([r.semicolon, orFailure('separators', () => (sep ? separatorText(sep.semicolon) : dm.notRun))]);
  const p = report.protection;
  const editorsText = (kind: EditorsKind) => dm.editorsKind[kind] ?? dm.editorsKind.other;
  rows.push([
    r.freshProtection,
    orFailure('protection', () => (p ? editorsText(p.freshEditors) : dm.notRun)),
  ]);
  rows.push([
    r.changedProtection,
    orFailure('protection', () => (p ? editorsText(p.afterChangeEditors) : dm.notRun)),
  ]);
  rows.push([
    r.metadata,
    orFailure('metadata', () => plain(report.metadataFindsRenamedSheet, dm.yes, dm.no)),
  ]);
  rows.push([
    r.documentLock,
    orFailure('documentLock', () => plain(report.documentLock, dm.works, dm.doesNotWork)),
  ]);
  for (const key of TIMING_KEYS) {
    const ms = report.timingsMs[key];
    rows.push([r[key], ms === undefined ? orFailure('timings', () => dm.notRun) : secondsText(ms)]);
  }
  if (failures.scratchSheet !== undefined) rows.push([r.scratchSheet, dm.failed]);
  if (failures.cleanup !== undefined) rows.push([r.cleanup, dm.failed]);
  return rows;
}

/** Text made safe to put between HTML tags or inside a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The dialog: the summary line, the table and the JSON to copy, every shown text escaped. */
export function diagnosticsHtml(report: DiagnosticsReport): string {
  const failed = failureCount(report);
  const summary = failed === 0 ? dm.allPassed : dm.someFailed(failed);
  const rows = diagnosticsTable(report)
    .map(
      ([probe, result]) => `<tr><th scope="row">${escapeHtml(probe)}</th><td>${escapeHtml(result)}</td></tr>`
    )
    .join('');
  const json = JSON.stringify(report, null, 2);
  return [
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>',
    'body{font:13px/1.4 Arial,sans-serif;margin:0 4px;color:#202124}',
    'table{border-collapse:collapse;width:100%;margin:8px 0}',
    'th,td{border:1px solid #dadce0;padding:3px 6px;text-align:left;vertical-align:top}',
    'th{font-weight:normal;width:45%}thead th{font-weight:bold;background:#f1f3f4}',
    'textarea{width:100%;height:160px;font:12px monospace;box-sizing:border-box}',
    'h2{font-size:13px;margin:12px 0 2px}.hint{margin:0 0 4px;color:#5f6368}',
    '</style></head><body>',
    `<p id="summary">${escapeHtml(summary)}</p>`,
    `<p>${escapeHtml(dm.intro)}</p>`,
    `<table id="results"><thead><tr><th scope="col">${escapeHtml(dm.columns[0])}</th>`,
    `<th scope="col">${escapeHtml(dm.columns[1])}</th></tr></thead><tbody>${rows}</tbody></table>`,
    `<h2 id="json-label">${escapeHtml(dm.jsonLabel)}</h2>`,
    `<p class="hint">${escapeHtml(dm.jsonHint)} <button type="button" id="copy" `,
    `onclick="var t=document.getElementById('json');t.focus();t.select();document.execCommand('copy')">`,
    `${escapeHtml(dm.copy)}</button></p>`,
    `<textarea id="json" aria-labelledby="json-label" readonly onfocus="this.select()">${escapeHtml(json)}</textarea>`,
    '</body></html>',
  ].join('');
}

/** The closing message of the menu action (also returned to the local shell and tests). */
export function diagnosticsMessage(report: DiagnosticsReport): string {
  const failed = failureCount(report);
  const lines = diagnosticsTable(report).map(([probe, result]) => `${probe}: ${result}`);
  return [failed === 0 ? dm.allPassed : dm.someFailed(failed), ...lines].join('\n');
}
