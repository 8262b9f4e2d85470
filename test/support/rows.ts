/** A typical row of a unit's sheet, as getValues returns it, with some cells replaced. */
import type { RawRow } from '../../src/core/rows';

export function rawRow(cells: Partial<RawRow> = {}, sheetRow = 8): RawRow {
  return {
    sheetRow,
    stt: 1,
    name: 'Nguyễn Văn An',
    birthYear: 1985,
    organisation: 'Công an phường',
    residence: 'TDP 5',
    note: '',
    ...cells,
  };
}
