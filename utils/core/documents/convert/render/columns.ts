// Text columns: where each column of a section sits across the text area, and how high the
// columns of a balanced stretch (one ended by a continuous section break) are, so the text fills
// them to an equal height as Word and LibreOffice do.

import type { ColumnSetup } from '../model.ts';

/** One column: its left edge from the text area's and its width, in points. */
export interface Column {
  x: number;
  width: number;
}

/** Columns narrower than this are not set (the file's widths are nonsense for this page). */
const MIN_COLUMN = 36;

/**
 * The columns of `setup` across a text area `width` wide: the file's own widths and gaps scaled
 * to the area when it gives them one by one, else `count` equal columns with `gap` between them
 * (Word's default 36 pt). One column (undefined) when the setup is one column or can't fit.
 */
export function columnGeometry(setup: ColumnSetup | undefined, width: number): Column[] | undefined {
  if (!setup) return undefined;
  const own = setup.widths?.filter((c) => Number.isFinite(c.width) && c.width > 0);
  if (own && own.length > 1 && own.length === setup.widths?.length) {
    const gaps = own.slice(0, -1).map((c) => (Number.isFinite(c.gap) && c.gap >= 0 ? c.gap : 0));
    const total = own.reduce((s, c) => s + c.width, 0) + gaps.reduce((s, g) => s + g, 0);
    const scale = width / total;
    const out: Column[] = [];
    let x = 0;
    own.forEach((c, i) => {
      out.push({ x, width: c.width * scale });
      x += c.width * scale + (gaps[i] ?? 0) * scale;
    });
    return out.every((c) => c.width >= MIN_COLUMN) ? out : undefined;
  }
  const n = Math.floor(setup.count);
  if (!(n > 1) || n > 20) return undefined;
  const gap = setup.gap !== undefined && Number.isFinite(setup.gap) && setup.gap >= 0 ? setup.gap : 36;
  const w = (width - gap * (n - 1)) / n;
  if (w < MIN_COLUMN) return undefined;
  return Array.from({ length: n }, (_, i) => ({ x: i * (w + gap), width: w }));
}

/** A line as the balancing sees it: its height, the room it needs kept below it, whether it vanishes at a column top; or a column break. */
export interface ColumnItem {
  height: number;
  keep: number;
  spacer?: boolean;
  columnBreak?: boolean;
}

/**
 * Fills `count` columns `height` high with `items` from `from` as Flow.place does (a spacer
 * vanishes at a column top, a line that with its keep amount doesn't fit begins the next column;
 * one taller than a column goes at its top only when the column is a whole page high, `whole`);
 * the index of the first item that did not fit (items.length when all did). `fresh`: whether the
 * first column begins with nothing above it (its spacers vanish).
 */
function fill(items: ColumnItem[], from: number, count: number, height: number, whole: boolean, fresh0 = true): number {
  let i = from;
  for (let c = 0; c < count && i < items.length; c++) {
    let used = 0;
    let fresh = c > 0 || fresh0;
    while (i < items.length) {
      const it = items[i] as ColumnItem;
      if (it.columnBreak) {
        i++;
        break;
      }
      if (it.spacer) {
        if (!fresh) used += it.height;
        i++;
        continue;
      }
      if ((!fresh || !whole) && used + it.height + it.keep > height + 0.01) break;
      used += it.height;
      fresh = false;
      i++;
    }
  }
  return i;
}

/**
 * The height the columns of a balanced stretch get on its last page: the least height at which
 * its lines still go in `count` columns, `room` at most (the room left on the page). `first`
 * is the room on the page the stretch begins on, `full` a whole page's; undefined when the
 * stretch doesn't end on a page it can be balanced on (then the columns are filled in turn).
 */
export function balancedHeight(items: ColumnItem[], count: number, first: number, full: number, fresh = true): { page: number; height: number } | undefined {
  if (count < 2 || !items.some((it) => !it.spacer)) return undefined;
  // The pages it fills whole, column after column, before its last one.
  let from = 0;
  let page = 0;
  let room = first;
  for (;;) {
    const next = fill(items, from, count, room, room >= full - 0.01, page > 0 || fresh);
    if (next >= items.length) break;
    if (next === from || page > 500) return undefined;
    from = next;
    page++;
    room = full;
  }
  // The least height (to a tenth of a point) at which the rest goes in the columns.
  const rest = items.slice(from);
  let lo = 0;
  let hi = room;
  for (let k = 0; k < 40 && hi - lo > 0.1; k++) {
    const mid = (lo + hi) / 2;
    if (fill(rest, 0, count, mid, false, page > 0 || fresh) >= rest.length) hi = mid;
    else lo = mid;
  }
  return { page, height: hi };
}
