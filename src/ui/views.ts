/**
 * The sidebar's views: pure functions from server data to DOM nodes (built with `el`, so every value
 * lands as text). The controller in sidebar.ts decides when to draw them.
 */
import { PROBLEM_LEVEL_LABELS } from '../core/messages/rows';
import { formatCount, sidebarMessages as m } from '../core/messages/sidebar';
import type { FixItem, ProblemItem, UnitCheck } from '../core/sidebar-api';
import { el } from './dom';

export interface Totals {
  rows: number;
  valid: number;
  errors: number;
  warnings: number;
  target: number;
  coverage: number | null;
}

/** One unit's figures as the server computed them; for several units, their sums. */
function totals(units: readonly UnitCheck[]): Totals {
  if (units.length === 1) return { ...units[0] };
  const sum = (key: 'rows' | 'valid' | 'errors' | 'warnings' | 'target') =>
    units.reduce((total, unit) => total + unit[key], 0);
  const target = sum('target');
  const valid = sum('valid');
  return {
    rows: sum('rows'),
    valid,
    errors: sum('errors'),
    warnings: sum('warnings'),
    target,
    coverage: target > 0 ? valid / target : null,
  };
}

function countTile(key: keyof typeof m.counts, value: number, tone: string): HTMLElement {
  return el(
    'div',
    { class: `tile ${tone}`, 'data-count': key },
    el('span', { class: 'tile-value' }, formatCount(value)),
    el('span', { class: 'tile-label' }, m.counts[key])
  );
}

export function summaryView(units: readonly UnitCheck[]): DocumentFragment {
  const t = totals(units);
  const fragment = document.createDocumentFragment();
  fragment.append(
    el(
      'div',
      { class: 'tiles' },
      countTile('rows', t.rows, 'neutral'),
      countTile('valid', t.valid, t.valid > 0 ? 'good' : 'neutral'),
      countTile('errors', t.errors, t.errors > 0 ? 'bad' : 'neutral'),
      countTile('warnings', t.warnings, t.warnings > 0 ? 'warn' : 'neutral')
    )
  );
  if (t.coverage === null) {
    fragment.append(el('p', { class: 'coverage muted', id: 'coverage' }, m.noTarget));
  } else {
    const percent = Math.min(100, Math.max(0, t.coverage * 100));
    const text = m.coverage(t.coverage, t.valid, t.target);
    fragment.append(
      el(
        'div',
        { class: 'coverage', id: 'coverage' },
        el('span', { class: 'coverage-text' }, text),
        el(
          'div',
          {
            class: `meter${t.coverage >= 1 ? ' done' : ''}`,
            role: 'progressbar',
            'aria-label': text,
            'aria-valuemin': 0,
            'aria-valuemax': 100,
            'aria-valuenow': Math.round(percent),
          },
          el('span', { class: 'meter-fill', style: `width:${percent.toFixed(1)}%` })
        )
      )
    );
  }
  return fragment;
}

/**
 * One focusable entry per problem. `data-index` points back into the response's list, so one
 * listener on the list serves 2,000 entries.
 */
function problemEntry(problem: ProblemItem, index: number, showUnit: boolean): HTMLLIElement {
  // A cell of the unit's own file opens in a new tab (a link); one of this file is selected (a button).
  const attributes = problem.link
    ? { href: problem.link, target: '_blank', rel: 'noopener', class: `problem level-${problem.level}` }
    : { type: 'button', class: `problem level-${problem.level}`, 'data-index': index };
  return el(
    'li',
    {},
    el(
      problem.link ? 'a' : 'button',
      // The list's hint ("Bấm vào một mục…") describes every entry, from one element.
      { ...attributes, 'aria-describedby': 'problems-hint' },
      el(
        'span',
        { class: 'problem-head' },
        el('span', { class: 'place' }, m.problemPlace(problem.row, problem.columnLabel)),
        el('span', { class: `badge ${problem.level}` }, PROBLEM_LEVEL_LABELS[problem.level] ?? problem.level)
      ),
      showUnit && el('span', { class: 'problem-unit' }, problem.unitName),
      el('span', { class: 'problem-message' }, problem.message)
    )
  );
}

export function problemList(problems: readonly ProblemItem[], showUnit: boolean): HTMLOListElement {
  const list = el('ol', { class: 'problem-list', id: 'problem-list' });
  const fragment = document.createDocumentFragment();
  problems.forEach((problem, index) => fragment.appendChild(problemEntry(problem, index, showUnit)));
  list.appendChild(fragment);
  return list;
}

export function emptyState(hasRows: boolean): HTMLElement {
  return el(
    'div',
    { class: 'empty', id: 'empty' },
    el('span', { class: 'empty-icon', 'aria-hidden': 'true' }, hasRows ? '✓' : '✎'),
    el('p', { class: 'empty-title' }, hasRows ? m.noProblems : m.noRows),
    el('p', { class: 'muted' }, hasRows ? m.noProblemsDetail : m.noRowsDetail)
  );
}

/** A cell value as the preview shows it; runs of spaces a fix removes are marked so they can be seen. */
function valueView(value: string | number, kind: 'before' | 'after'): HTMLElement {
  const text = String(value);
  const box = el('span', { class: `value ${kind}` });
  if (text === '') {
    box.append(el('span', { class: 'muted' }, m.emptyValue));
    return box;
  }
  const spaces = /^\s+|\s+$|\s{2,}/g;
  let last = 0;
  for (let match = spaces.exec(text); match !== null; match = spaces.exec(text)) {
    box.append(text.slice(last, match.index), el('span', { class: 'ws' }, match[0]));
    last = match.index + match[0].length;
  }
  box.append(text.slice(last));
  return box;
}

export function fixEntry(fix: FixItem, unitName: string | undefined): HTMLLIElement {
  return el(
    'li',
    { class: 'fix' },
    el('span', { class: 'place' }, m.fixPlace(fix.row, fix.columnLabel, unitName)),
    el(
      'span',
      { class: 'change' },
      el('span', { class: 'sr-only' }, `${m.fixBefore}: `),
      valueView(fix.before, 'before'),
      el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      el('span', { class: 'sr-only' }, `${m.fixAfter}: `),
      valueView(fix.after, 'after')
    )
  );
}
