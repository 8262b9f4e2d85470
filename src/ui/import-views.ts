/**
 * The import screen's views: server data → DOM nodes, every value as text (built with `el`): the
 * names and addresses come from a file a unit sent.
 */
import { columnLetter } from '../core/formulas';
import type { ImportCounts, ImportRow } from '../core/import';
import type { ImportPreview } from '../core/import-api';
import { importMessages as im } from '../core/messages/import';
import { ROW_COLUMN_LABELS } from '../core/messages/rows';
import { formatCount } from '../core/messages/sidebar';
import { el } from './dom';

function countTile(
  key: keyof ImportCounts & keyof typeof im.counts,
  value: number,
  tone: string
): HTMLElement {
  return el(
    'div',
    { class: `tile ${tone}`, 'data-import-count': key },
    el('span', { class: 'tile-value' }, formatCount(value)),
    el('span', { class: 'tile-label' }, im.counts[key])
  );
}

export function importCountsView(c: ImportCounts): HTMLElement {
  return el(
    'div',
    { class: 'tiles' },
    countTile('toImport', c.toImport, c.toImport > 0 ? 'good' : 'neutral'),
    countTile('present', c.present, 'neutral'),
    countTile('errors', c.errors, c.errors > 0 ? 'bad' : 'neutral'),
    countTile('warnings', c.warnings, c.warnings > 0 ? 'warn' : 'neutral')
  );
}

/** Which column of the file fills which column of the sheet. */
export function columnsView(preview: ImportPreview): HTMLElement | null {
  if (!preview.header) return null;
  return el(
    'details',
    { class: 'import-columns', id: 'import-columns' },
    el('summary', {}, `${im.columnsFound} (${preview.header.columns.length})`),
    el('p', { class: 'muted' }, im.headerAt(preview.header.row)),
    el(
      'ul',
      {},
      ...preview.header.columns.map((c) =>
        el('li', {}, im.columnFrom(ROW_COLUMN_LABELS[c.field], c.label, columnLetter(c.index + 1)))
      )
    )
  );
}

/** Họ và tên · Năm sinh · Cơ quan đơn vị · Nơi ở hiện nay · Ghi chú, the blank optional ones left out. */
function valuesView(values: readonly (string | number)[]): HTMLElement {
  const parts = values
    .map((value, i) => ({ text: String(value), optional: i === 2 || i === 4 }))
    .filter((part) => part.text !== '' || !part.optional);
  const box = el('span', { class: 'import-values' });
  parts.forEach((part, i) => {
    if (i > 0) box.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
    box.append(part.text === '' ? el('span', { class: 'muted' }, im.emptyValue) : part.text);
  });
  return box;
}

function importRowEntry(row: ImportRow): HTMLLIElement {
  return el(
    'li',
    { class: `import-row status-${row.status}`, 'data-file-row': row.fileRow },
    el(
      'span',
      { class: 'problem-head' },
      el('span', { class: 'place' }, im.rowPlace(row.fileRow, row.sheetRow)),
      el('span', { class: `badge ${row.status}` }, im.status[row.status])
    ),
    valuesView(row.values),
    row.problems.length > 0 &&
      el(
        'ul',
        { class: 'import-problems' },
        ...row.problems.map((p) =>
          el(
            'li',
            { class: `level-${p.level}` },
            row.status === 'present' ? p.message : `${p.columnLabel}: ${p.message}`
          )
        )
      )
  );
}

export function importRowList(rows: readonly ImportRow[]): HTMLOListElement {
  const list = el('ol', { class: 'import-list', id: 'import-list' });
  const fragment = document.createDocumentFragment();
  for (const row of rows) fragment.appendChild(importRowEntry(row));
  list.appendChild(fragment);
  return list;
}
