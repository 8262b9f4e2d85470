/**
 * The figures the ward sends the city for its own roll-up: one row per unit (code, name, type, target,
 * rows, valid, counted once for the ward, ratio, verdict) and the ward's line. Counts only: nothing in it
 * names a resident. The leaders' file carries it as a sheet; `tonghop report --ward --csv` as a CSV.
 */
import type { Consolidation } from './consolidate';
import { leadersMessages as lm } from './messages/leaders';
import { unitVerdict } from './report-layout';
import { defaultHouseholds, wardName, type Campaign } from './units';

export type CityCell = string | number;

export interface CityTable {
  header: string[];
  /** One row per unit in Cấu hình's order, then the ward's line (last). */
  rows: CityCell[][];
}

/** A ratio as a number (blank without a denominator), so that the city's spreadsheet can sum and sort it. */
function ratioOf(numerator: number, denominator: number): CityCell {
  return denominator > 0 ? numerator / denominator : '';
}

export function cityTable(consolidation: Consolidation, campaign: Campaign): CityTable {
  const rows: CityCell[][] = consolidation.units.map((u) => {
    const once = u.counts.valid - u.counts.duplicatesOfOtherUnits;
    return [
      u.unit.code,
      u.unit.name,
      u.unit.type,
      u.unit.target,
      u.counts.rows,
      u.counts.valid,
      once,
      ratioOf(u.counts.valid, u.unit.target),
      unitVerdict(u),
    ];
  });
  // The ward's line, as the summary computes it: distinct people over households.
  const households = campaign.households ?? defaultHouseholds(consolidation.units.map((u) => u.unit));
  const { rows: total, valid, uniquePeople } = consolidation.totals;
  const ratio = ratioOf(uniquePeople, households);
  rows.push([
    lm.wardCode,
    wardName(campaign.issuer),
    lm.wardType,
    households,
    total,
    valid,
    uniquePeople,
    ratio,
    typeof ratio === 'number' ? (ratio > 1 ? lm.wardMet : lm.wardNotMet) : '',
  ]);
  return { header: [...lm.cityHeaders], rows };
}

/** The table as CSV text: UTF-8 with a BOM (Excel then reads the marks), comma-separated, CRLF lines. */
export function cityCsv(table: CityTable): string {
  const cell = (value: CityCell): string => {
    const text = typeof value === 'number' ? String(value) : value;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [table.header, ...table.rows].map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
