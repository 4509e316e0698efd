// Tables: column widths from the grid (or equal), cells laid out as text blocks and pictures,
// a row moved whole to the next page when it fits there and split line by line only when it is
// taller than a page; borders on or off for the whole table.

import type { PDFPage } from '@cantoo/pdf-lib';
import { ConversionError } from '../errors.ts';
import type { Deadline } from '../errors.ts';
import type { ImageBlock, Table, TableCell } from '../model.ts';
import { BLACK, layoutTextBlock, longestWord, spacer, type DrawContext, type FlowLine } from './lines.ts';
import { imageLine, type Flow } from './page-flow.ts';
import type { Picture, PictureCache } from './picture.ts';

const CELL_PAD = 4;

const MAX_COLUMNS = 64;

/** A cell's column span, bounded: a hostile span must not size an array. */
function spanOf(cell: TableCell): number {
  const s = cell.colSpan ?? 1;
  return Number.isFinite(s) ? Math.min(Math.max(1, Math.floor(s)), MAX_COLUMNS) : 1;
}

const CELL_SIZE = 9.5;
const MIN_CELL_SIZE = 6.5;

/**
 * Per column, the widest word of its single-column cells plus padding, at `size` (runs with a
 * size of their own at that size scaled as `size` is from CELL_SIZE).
 */
function minColumns(table: Table, n: number, size: number): number[] {
  const min = Array.from({ length: n }, () => 0);
  for (const r of table.rows) {
    let col = 0;
    for (const c of r.cells) {
      const span = spanOf(c);
      if (span === 1 && col < n) {
        for (const b of c.blocks) if (b.kind !== 'image') min[col] = Math.max(min[col] as number, longestWord(b, size, size / CELL_SIZE) + 2 * CELL_PAD + 0.5);
      }
      col += span;
    }
  }
  return min;
}

/**
 * Column widths from the document's grid (or equal), widened where a column is narrower than
 * its widest word (percentage-width tables often are), the others giving up their slack; when
 * even that can't fit, the table's text gets smaller (down to 6.5 pt) rather than words broken.
 * Only a single word wider than the whole table at that size is still cut between characters.
 */
function columnLayout(table: Table, width: number): { cols: number[]; size: number } {
  let n = 1;
  for (const r of table.rows) n = Math.max(n, r.cells.reduce((s, c) => s + spanOf(c), 0));
  if (n > MAX_COLUMNS) throw new ConversionError('unsupported', `a table has more than ${MAX_COLUMNS} columns, too many to fit a page`);
  const given = table.columnWidths?.length === n && table.columnWidths.every((w) => w > 0) ? table.columnWidths : null;
  const rel = given ?? Array.from({ length: n }, () => 1);
  const sum = rel.reduce((a, b) => a + b, 0);
  const base = rel.map((w) => (w / sum) * width);
  let size = CELL_SIZE;
  let min = minColumns(table, n, size);
  let need = min.reduce((a, b) => a + b, 0);
  // Smaller text until the widest words fit (padding doesn't shrink with it: step down), the
  // table's smallest text no smaller than 6.5 pt (its runs' own sizes scale with `size`).
  const floor = (MIN_CELL_SIZE * CELL_SIZE) / Math.max(CELL_SIZE, smallestRun(table));
  while (need > width && size > floor) {
    size = Math.max(floor, Math.min(size * 0.95, (size * width) / need));
    min = minColumns(table, n, size);
    need = min.reduce((a, b) => a + b, 0);
  }
  if (need > width) return { cols: min.map((m) => (m / need) * width), size };
  const cols = base.map((w, i) => Math.max(w, min[i] as number));
  const excess = cols.reduce((a, b) => a + b, 0) - width;
  if (excess > 0.01) {
    const slack = cols.map((w, i) => w - (min[i] as number));
    const totalSlack = slack.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) cols[i] = (cols[i] as number) - (excess * (slack[i] as number)) / totalSlack;
  }
  return { cols, size };
}

/** The smallest size of the table's runs that have their own (CELL_SIZE when none has). */
function smallestRun(table: Table): number {
  let min = Number.POSITIVE_INFINITY;
  for (const r of table.rows) for (const c of r.cells) for (const b of c.blocks) if (b.kind !== 'image') for (const run of b.runs) if (run.size !== undefined && run.size > 0 && run.text.trim()) min = Math.min(min, run.size);
  return Number.isFinite(min) ? min : CELL_SIZE;
}

function stroke(page: PDFPage, x1: number, y1: number, x2: number, y2: number): void {
  page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.6, color: BLACK });
}

export async function placeTable(flow: Flow, table: Table, ctx: DrawContext, deadline: Deadline, images: PictureCache, lineEm?: number, defaultTab?: number): Promise<void> {
  const { cols, size } = columnLayout(table, flow.width);
  // Pictures in cells are embedded up front: the row layout below is synchronous.
  const cellImages = new Map<ImageBlock, Picture>();
  for (const row of table.rows) for (const cell of row.cells) for (const b of cell.blocks) if (b.kind === 'image') cellImages.set(b, await images.get(b));
  for (const row of table.rows) {
    deadline.check();
    // Cell geometry and content lines.
    let col = 0;
    const cells = row.cells.map((cell) => {
      const span = spanOf(cell);
      const x = cols.slice(0, col).reduce((a, b) => a + b, 0);
      const w = cols.slice(col, col + span).reduce((a, b) => a + b, 0);
      col += span;
      const inner = Math.max(10, w - 2 * CELL_PAD);
      const lines: FlowLine[] = [];
      for (const b of cell.blocks) {
        if (b.kind === 'image') lines.push(imageLine(b, cellImages.get(b) as Picture, inner, flow.bodyHeight - 2 * CELL_PAD), spacer(2));
        else lines.push(...layoutTextBlock(b, inner, size, { scale: size / CELL_SIZE, ...(lineEm ? { lineEm } : {}), ...(defaultTab ? { defaultTab } : {}) }));
      }
      while (lines.length && lines[lines.length - 1]?.spacer) lines.pop();
      while (lines.length && lines[0]?.spacer) lines.shift();
      return { x, w, lines, next: 0 };
    });
    const rowHeight = (from: Array<{ lines: FlowLine[]; next: number }>): number =>
      Math.max(0, ...from.map((c) => c.lines.slice(c.next).reduce((s, l) => s + l.height, 0))) + 2 * CELL_PAD;
    // A row the document makes at least (or exactly) so tall is that tall, unless its text needs more: none is cut off.
    const set = row.height && Number.isFinite(row.height.value) && row.height.value > 0 ? Math.min(row.height.value, flow.bodyHeight) : 0;
    // An exact height is kept as it is when the row holds nothing to read (a spacer row), else grows to its text.
    const empty = row.height?.rule === 'exact' && row.cells.every((c) => c.blocks.every((b) => b.kind !== 'image' && !b.runs.some((r) => r.text.trim())));
    if (empty) for (const c of cells) c.lines = [];
    const full = empty ? set : Math.max(rowHeight(cells), set);
    if (flow.hasFloats()) flow.clearFloats(full);
    // Move the whole row to the next page when it fits there; split it only when it is taller than a page.
    if (full > flow.remaining() && full <= flow.bodyHeight && !flow.isFresh()) flow.newPage();
    let drawn = 0;
    for (;;) {
      const avail = flow.remaining() - 2 * CELL_PAD;
      const yTop = flow.y;
      let used = 0;
      let more = false;
      const draws: Array<() => void> = [];
      for (const c of cells) {
        let h = 0;
        let k = c.next;
        while (k < c.lines.length) {
          const l = c.lines[k] as FlowLine;
          if (h + l.height > avail && h > 0) break;
          if (h + l.height > avail && !flow.isFresh()) break;
          const page = flow.page;
          const lx = flow.left + c.x + CELL_PAD;
          const ly = yTop - CELL_PAD - h;
          if (l.draw) draws.push(() => l.draw?.(page, lx, ly, ctx));
          h += l.height;
          k++;
        }
        c.next = k;
        if (k < c.lines.length) more = true;
        used = Math.max(used, h);
      }
      if (used === 0 && more && !flow.isFresh()) {
        flow.newPage();
        continue;
      }
      for (const d of draws) d();
      let chunk = empty ? set : used + 2 * CELL_PAD;
      // The row's last piece makes up the height the document sets (within the page).
      if (!more && set > drawn + chunk) chunk = Math.max(chunk, Math.min(set - drawn, flow.remaining()));
      drawn += chunk;
      if (table.borders) {
        const page = flow.page;
        const yb = yTop - chunk;
        for (const c of cells) {
          const x1 = flow.left + c.x;
          const x2 = x1 + c.w;
          stroke(page, x1, yTop, x2, yTop);
          stroke(page, x1, yb, x2, yb);
          stroke(page, x1, yTop, x1, yb);
          stroke(page, x2, yTop, x2, yb);
        }
      }
      flow.y -= chunk;
      flow.markUsed();
      if (!more) break;
      flow.newPage();
    }
  }
  flow.place(spacer(8), ctx);
}
