// Tables: the table as wide as the file sets it (points or a share of the text area; the text
// area when it sets none), indented or aligned as it says, its columns from the grid (or equal);
// cells laid out as text blocks, pictures and nested tables inside their own padding; a cell
// merged down over several rows (rowSpan) runs its text on through them; a row moved whole to
// the next page when it fits there and split line by line only when it is taller than a page;
// header rows repeated on each page the table goes on to; a shaded cell filled before its text
// and borders (its text kept readable on it, colour.ts); border lines side by side, at their
// widths and colours (TableCell.borders, else Table.borders' thin black line all round), an edge
// two cells share drawn once as the wider of their lines, double lines as two; a row as much
// taller as the line under it is wide (the first row also the top line), as LibreOffice lays
// them out. Dotted and dashed lines are drawn as dots and dashes (dash-dot styles as dashes).

import { LineCapStyle, type Color, type PDFPage } from '@cantoo/pdf-lib';
import { ConversionError } from '../errors.ts';
import type { Deadline } from '../errors.ts';
import { hexColour, type BorderLine, type BorderSide, type Colour, type ImageBlock, type Insets, type Table, type TableCell, type TableRow } from '../model.ts';
import { fillRect, pdfColour } from './colour.ts';
import { BLACK, layoutTextBlock, longestWord, spacer, type DrawContext, type FlowLine } from './lines.ts';
import { KEEPABLE_SHARE, imageLine, type Flow } from './page-flow.ts';
import type { Picture, PictureCache } from './picture.ts';

/** Padding of a cell whose file sets none (the table's own, else this all round). */
const CELL_PAD = 4;
const MAX_COLUMNS = 64;
/** The least room between the longest words of two neighbouring columns. */
const MIN_GAP = 4;
const CELL_SIZE = 9.5;
const MIN_CELL_SIZE = 6.5;
/** Padding values beyond this are taken as this (a hostile margin must not squeeze the text to nothing). */
const MAX_PAD = 72;

/** A cell's column span, bounded: a hostile span must not size an array. */
function spanOf(cell: TableCell): number {
  const s = cell.colSpan ?? 1;
  return Number.isFinite(s) ? Math.min(Math.max(1, Math.floor(s)), MAX_COLUMNS) : 1;
}

function rowSpanOf(cell: TableCell): number {
  const s = cell.rowSpan ?? 1;
  return Number.isFinite(s) ? Math.min(Math.max(1, Math.floor(s)), 10_000) : 1;
}

function sane(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) ? Math.min(Math.max(v, 0), MAX_PAD) : fallback;
}

/** A cell's padding: its own sides, else the table's, else CELL_PAD. */
function paddingOf(table: Table, cell: TableCell | undefined): Insets {
  const t = table.padding;
  const c = cell?.padding;
  const side = (k: keyof Insets): number => sane(c?.[k], sane(t?.[k], CELL_PAD));
  return { top: side('top'), right: side('right'), bottom: side('bottom'), left: side('left') };
}

function columnCount(table: Table): number {
  let n = 1;
  for (const r of table.rows) n = Math.max(n, r.cells.reduce((s, c) => s + spanOf(c), 0));
  if (n > MAX_COLUMNS) throw new ConversionError('unsupported', `a table has more than ${MAX_COLUMNS} columns, too many to fit a page`);
  return n;
}

/** The narrowest a cell's content can be at `size` without breaking a word: its widest word, picture or nested table. */
function minContent(cell: TableCell, size: number): number {
  let w = 0;
  for (const b of cell.blocks) {
    if (b.kind === 'image') continue;
    if (b.kind === 'table') w = Math.max(w, minTableWidth(b, size));
    else w = Math.max(w, longestWord(b, size, size / CELL_SIZE));
  }
  return w;
}

function minTableWidth(table: Table, size: number): number {
  return minColumns(table, columnCount(table), size).reduce((a, b) => a + b, 0);
}

/** Per column, the widest word of its single-column cells plus their padding, at `size`. */
function minColumns(table: Table, n: number, size: number): number[] {
  const min = Array.from({ length: n }, () => 0);
  for (const r of table.rows) {
    let col = 0;
    for (const c of r.cells) {
      const span = spanOf(c);
      if (span === 1 && col < n && !c.covered) {
        const pad = paddingOf(table, c);
        // At least a few points between neighbouring cells' words, also where the file sets no cell margins (they would read as one word).
        min[col] = Math.max(min[col] as number, minContent(c, size) + Math.max(pad.left + pad.right, MIN_GAP) + 0.05);
      }
      col += span;
    }
  }
  return min;
}

/** The smallest size of the table's runs that have their own (CELL_SIZE when none has). */
function smallestRun(table: Table): number {
  let min = Number.POSITIVE_INFINITY;
  for (const r of table.rows) {
    for (const c of r.cells) {
      for (const b of c.blocks) {
        if (b.kind === 'image') continue;
        if (b.kind === 'table') min = Math.min(min, smallestRun(b));
        else for (const run of b.runs) if (run.size !== undefined && run.size > 0 && run.text.trim()) min = Math.min(min, run.size);
      }
    }
  }
  return Number.isFinite(min) ? min : CELL_SIZE;
}

interface Geometry {
  /** Column widths in points. */
  cols: number[];
  /** The table's left edge from the left of the room it is set in. */
  left: number;
  /** The cells' base text size. */
  size: number;
}

/**
 * The table's width (as the file sets it, at most `cap`), its place across (indent or
 * alignment within `avail`), and its columns: the grid's shares of that width, widened where a
 * column is narrower than its widest word (percentage-width tables often are), the others giving
 * up their slack; a table too narrow for its words grows up to `cap`; when even that can't fit,
 * the table's text gets smaller (down to 6.5 pt) rather than words broken. Only a single word
 * wider than the whole table at that size is still cut between characters.
 */
function tableGeometry(table: Table, avail: number, cap: number, size0 = CELL_SIZE): Geometry {
  const n = columnCount(table);
  let width = avail;
  const w = table.width;
  if (w && 'pt' in w && Number.isFinite(w.pt) && w.pt > 1) width = w.pt;
  else if (w && 'share' in w && Number.isFinite(w.share) && w.share > 0) width = w.share * avail;
  width = Math.min(width, cap);
  const given = table.columnWidths?.length === n && table.columnWidths.every((x) => Number.isFinite(x) && x > 0) ? table.columnWidths : null;
  const rel = given ?? Array.from({ length: n }, () => 1);
  let size = size0;
  let min = minColumns(table, n, size);
  let need = min.reduce((a, b) => a + b, 0);
  if (need > width) width = Math.min(cap, need);
  // Smaller text until the widest words fit (padding doesn't shrink with it: step down), the
  // table's smallest text no smaller than 6.5 pt (its runs' own sizes scale with `size`).
  const floor = (MIN_CELL_SIZE * CELL_SIZE) / Math.max(CELL_SIZE, smallestRun(table));
  while (need > width && size > floor) {
    size = Math.max(floor, Math.min(size * 0.95, (size * width) / need));
    min = minColumns(table, n, size);
    need = min.reduce((a, b) => a + b, 0);
  }
  let cols: number[];
  if (need > width) cols = min.map((m) => (m / need) * width);
  else {
    const sum = rel.reduce((a, b) => a + b, 0);
    cols = rel.map((r, i) => Math.max((r / sum) * width, min[i] as number));
    const excess = cols.reduce((a, b) => a + b, 0) - width;
    if (excess > 0.01) {
      const slack = cols.map((c, i) => c - (min[i] as number));
      const totalSlack = slack.reduce((a, b) => a + b, 0);
      if (totalSlack > 0) for (let i = 0; i < n; i++) cols[i] = (cols[i] as number) - (excess * (slack[i] as number)) / totalSlack;
    }
  }
  const total = cols.reduce((a, b) => a + b, 0);
  let left: number;
  if (table.align === 'center') left = (avail - total) / 2;
  else if (table.align === 'right') left = avail - total;
  else left = table.indent !== undefined && Number.isFinite(table.indent) ? table.indent : 0;
  // Never off the room: at most the cap's overhang to the right, a little to the left.
  left = Math.min(Math.max(left, -Math.min(12, Math.max(0, cap - avail) + 12)), Math.max(0, cap - total));
  return { cols, left, size };
}

/** One cell as laid out: its place across, padding, content lines and how far they are drawn. */
interface CellState {
  x: number;
  w: number;
  pad: Insets;
  lines: FlowLine[];
  next: number;
  vAlign: TableCell['vAlign'];
  /** Rows of its span still below the current one. */
  rowsLeft: number;
  /** A grid position the row leaves out: no borders. */
  blank: boolean;
  /** Drawn in an earlier row or page piece already (no top edge: it continues from above). */
  begun: boolean;
  /** The cell's own shading, filled behind it. */
  shading?: Colour;
  /** The grid column it starts at and how many it covers (for its border edges). */
  col?: number;
  span?: number;
  /** The left edges of its columns, and the right edge of its last (from the table's left). */
  colX?: number[];
}

interface Layout {
  geometry: Geometry;
  ctx: DrawContext;
  pictures: Map<ImageBlock, Picture>;
  lineEm?: number;
  defaultTab?: number;
  /** The tallest a picture in a cell may be. */
  maxImageHeight: number;
  /** The tallest a nested table's row may be before its cells are set one after the other. */
  maxRowHeight: number;
  /** What the table is drawn on (the shading of the cell a nested table stands in); the paper when absent. */
  background?: Colour;
  /** The height each row's own cells give it at this layout's widths, for alignMergedDown (rows measured ahead of their turn). */
  estimates: Map<TableRow, number>;
}

/** A cell's content as lines `inner` wide: text, pictures, nested tables (one line per row). */
function cellLines(cell: TableCell, inner: number, lay: Layout): FlowLine[] {
  const size = lay.geometry.size;
  const lines: FlowLine[] = [];
  // The cell's text is set on its shading, or on what the table stands on.
  const background = cell.shading ?? lay.background;
  for (const b of cell.blocks) {
    if (b.kind === 'image') lines.push(imageLine(b, lay.pictures.get(b) as Picture, inner, lay.maxImageHeight), spacer(2));
    else if (b.kind === 'table') lines.push(...nestedTableLines(b, inner, background === lay.background ? lay : { ...lay, ...(background !== undefined ? { background } : {}) }));
    else lines.push(...layoutTextBlock(b, inner, size, { scale: size / CELL_SIZE, ...(lay.lineEm ? { lineEm: lay.lineEm } : {}), ...(lay.defaultTab ? { defaultTab: lay.defaultTab } : {}), ...(background !== undefined ? { background } : {}) }));
  }
  while (lines.length && lines[lines.length - 1]?.spacer) lines.pop();
  while (lines.length && lines[0]?.spacer) lines.shift();
  return lines;
}

/**
 * The cells of one row, with the cells above still spanning down into it carried on. `estimate`:
 * only to measure the row's height (for a cell merged down over it, alignMergedDown).
 */
function rowCells(table: Table, row: TableRow, lay: Layout, carried: Map<number, CellState>, estimate = false): CellState[] {
  const { cols } = lay.geometry;
  const out: CellState[] = [];
  let col = 0;
  for (const cell of row.cells) {
    const span = spanOf(cell);
    const from = col;
    col += span;
    const above = carried.get(from);
    if (cell.covered) {
      if (above) {
        above.rowsLeft--;
        if (above.rowsLeft <= 0) carried.delete(from);
        out.push(above);
      }
      continue;
    }
    if (above) carried.delete(from);
    const x = cols.slice(0, from).reduce((a, b) => a + b, 0);
    const w = cols.slice(from, from + span).reduce((a, b) => a + b, 0);
    const pad = paddingOf(table, cell);
    const inner = Math.max(10, w - pad.left - pad.right);
    const state: CellState = { x, w, pad, lines: cellLines(cell, inner, lay), next: 0, vAlign: cell.vAlign, rowsLeft: rowSpanOf(cell) - 1, begun: false, blank: cell.blank === true, ...(cell.shading !== undefined && !cell.blank ? { shading: cell.shading } : {}) };
    placeOnGrid(state, cols, from, span, rowEdges(table, row), rowSpanOf(cell));
    if (state.rowsLeft > 0) carried.set(from, state);
    out.push(state);
  }
  if (!estimate) for (const c of out) if (c.rowsLeft > 0 && !c.begun && c.next === 0 && (c.vAlign === 'center' || c.vAlign === 'bottom')) alignMergedDown(table, row, lay, c, out);
  return out;
}

/**
 * A cell merged down with its text centred or at the bottom (LibreOffice sets it so): its lines
 * run on through the rows it spans, so the room above its text is given as spacer lines, one per
 * row and no taller than that row's room, from the heights the rows' other cells will give them.
 * A cell whose text fills its rows, or rows that can't be measured, keep the text at the top.
 */
function alignMergedDown(table: Table, row: TableRow, lay: Layout, cell: CellState, cells: CellState[]): void {
  const at = borderPlan(table).rowOf.get(row);
  const span = cell.rowsLeft + 1;
  if (at === undefined || at + span > table.rows.length) return;
  const pads = cell.pad.top + cell.pad.bottom;
  const rooms: number[] = [];
  for (let k = 0; k < span; k++) {
    const r = table.rows[at + k] as TableRow;
    let h = k === 0 ? naturalHeight(cells.filter((c) => c !== cell), setHeight(r, lay.maxRowHeight)) : lay.estimates.get(r);
    if (h === undefined) {
      // Measured once per row however many merged cells span it (a hostile table can't make this quadratic).
      h = naturalHeight(rowCells(table, r, lay, new Map(), true), setHeight(r, lay.maxRowHeight));
      lay.estimates.set(r, h);
    }
    rooms.push(Math.max(0, h - pads));
  }
  const text = linesHeight(cell.lines);
  const free = rooms.reduce((a, b) => a + b, 0) - text;
  let left = cell.vAlign === 'center' ? free / 2 : free;
  if (!(left > 1)) return;
  const spacers: FlowLine[] = [];
  for (const room of rooms) {
    // A hair under the row's room (rowPiece's fill allows 1e-6 over), so the spacer surely fits
    // beside what sets the row's height, and a span of thousands of rows loses well under a point.
    const h = Math.min(left, room - 1e-4);
    if (h <= 0) continue;
    spacers.push(spacer(h));
    left -= h;
    if (left <= 1e-3) break;
  }
  const lines = [...spacers, ...cell.lines];
  // Lines don't straddle rows: where the spacers would push a line (a picture, a nested table's
  // row) past its row into the last one and make that taller, the text stays at the top instead.
  if (lastRowNeeds(lines, rooms) > (rooms[rooms.length - 1] as number) + 0.5) return;
  cell.lines = lines;
}

/** The height the last of `rooms` needs when lines go into the rows in turn as rowPiece fills a cell merged down. */
function lastRowNeeds(lines: FlowLine[], rooms: number[]): number {
  let k = 0;
  for (let r = 0; r < rooms.length - 1; r++) {
    let h = 0;
    while (k < lines.length && h + (lines[k] as FlowLine).height <= (rooms[r] as number) + 1e-6) h += (lines[k++] as FlowLine).height;
  }
  return linesHeight(lines, k);
}

function linesHeight(lines: FlowLine[], from = 0): number {
  let h = 0;
  for (let i = from; i < lines.length; i++) h += (lines[i] as FlowLine).height;
  return h;
}

/** The height a row's set height asks for (0: none), within `max`. */
function setHeight(row: TableRow, max: number): number {
  return row.height && Number.isFinite(row.height.value) && row.height.value > 0 ? Math.min(row.height.value, max) : 0;
}

/** A row the document makes exactly so tall and that holds nothing to read (a spacer row): kept at that height. */
function emptyExact(row: TableRow): boolean {
  const printsNothing = (blocks: TableCell['blocks']): boolean => blocks.every((b) => (b.kind === 'table' ? b.rows.every((r) => r.cells.every((c) => printsNothing(c.blocks))) : b.kind !== 'image' && !b.runs.some((r) => r.text.trim())));
  return row.height?.rule === 'exact' && row.cells.every((c) => printsNothing(c.blocks));
}

/** The row's height if drawn whole: its cells that end in it with what is left of their text, at least its set height. */
function naturalHeight(cells: CellState[], set: number): number {
  let h = 0;
  for (const c of cells) if (c.rowsLeft <= 0) h = Math.max(h, linesHeight(c.lines, c.next) + c.pad.top + c.pad.bottom);
  return Math.max(h, set);
}

interface Piece {
  height: number;
  /** Whether some cell has lines left for another piece. */
  more: boolean;
  draw: (page: PDFPage, x: number, yTop: number, ctx: DrawContext) => void;
}

/**
 * One piece of a row: as many lines of each cell as fit in `avail` (points down from the top),
 * cells spanning on below filled to the height the others make; `force` draws at least one line
 * even when it doesn't fit (a fresh page). The piece's height makes up the row's set height
 * when it is the row's last piece.
 */
function rowPiece(cells: CellState[], avail: number, force: boolean, set: number, drawnBefore: number, edges: RowEdges, keepEmpty: boolean, pageTop = false): Piece {
  const taken = new Map<CellState, { from: number; to: number; h: number }>();
  const fill = (c: CellState, room: number, atLeastOne: boolean): void => {
    let h = 0;
    let k = c.next;
    while (k < c.lines.length) {
      const l = c.lines[k] as FlowLine;
      if (h + l.height > room + 1e-6 && (h > 0 || !atLeastOne)) break;
      h += l.height;
      k++;
    }
    taken.set(c, { from: c.next, to: k, h });
  };
  // Cells that end in this row first: they set the piece's height.
  let used = 0;
  for (const c of cells) {
    if (c.rowsLeft > 0) continue;
    fill(c, avail - c.pad.top - c.pad.bottom, force);
    used = Math.max(used, (taken.get(c)?.h ?? 0) + c.pad.top + c.pad.bottom);
  }
  let more = cells.some((c) => (taken.get(c)?.to ?? c.next) < c.lines.length && c.rowsLeft <= 0);
  let height = keepEmpty ? set : used;
  if (!more && set > drawnBefore + height) height = Math.min(set - drawnBefore, avail);
  if (height === 0 && cells.every((c) => c.rowsLeft > 0)) height = Math.min(avail, Math.max(set, 0));
  // Cells spanning on below take what fits beside them.
  for (const c of cells) if (c.rowsLeft > 0) fill(c, Math.max(0, height - c.pad.top - c.pad.bottom), false);
  if (keepEmpty) for (const c of cells) taken.set(c, { from: c.next, to: c.next, h: 0 });
  const tops = new Map<CellState, boolean>();
  for (const c of cells) tops.set(c, !c.begun);
  const finished = new Map<CellState, boolean>();
  for (const c of cells) {
    const t = taken.get(c) as { from: number; to: number; h: number };
    c.next = t.to;
    c.begun = true;
    finished.set(c, c.rowsLeft <= 0 && c.next >= c.lines.length);
  }
  more = cells.some((c) => c.rowsLeft <= 0 && c.next < c.lines.length);
  const h = height;
  return {
    height: h,
    more,
    draw: (page, x0, yTop, ctx) => {
      // Shading first, all of the row's, so no cell's fill covers a neighbour's border or text.
      for (const c of cells) if (c.shading !== undefined) fillRect(page, x0 + c.x, yTop - h, c.w, h, c.shading);
      for (const c of cells) {
        const t = taken.get(c) as { from: number; to: number; h: number };
        // Text set lower in a cell that ends here whole and whose row is taller than its text.
        let dy = 0;
        const room = h - c.pad.top - c.pad.bottom - t.h;
        if (t.from === 0 && finished.get(c) && room > 0.5) dy = c.vAlign === 'center' ? room / 2 : c.vAlign === 'bottom' ? room : 0;
        let y = yTop - c.pad.top - dy;
        for (let k = t.from; k < t.to; k++) {
          const l = c.lines[k] as FlowLine;
          l.draw?.(page, x0 + c.x + c.pad.left, y, ctx);
          y -= l.height;
        }
      }
      drawCellBorders(page, x0, yTop, h, cells, edges, tops, pageTop, more);
    },
  };
}

// Border lines. Each cell side is the cell's own line where it sets one (null: none), else a thin
// black line when the table has `borders`, else none. The lines of a table are resolved once
// into edges of its grid: an edge two cells share is the wider of their two lines (the upper or
// left one when both are as wide) and is drawn once, by the row above it or the cell left of it;
// the edges inside a merged cell are none. A row piece draws its cells' left edges (and the last
// one's right), its foot, and its top only where the table begins or a page does.

/** The line of the legacy all-round borders (Table.borders). */
const TABLE_LINE: BorderLine = { width: 0.6 };

/** Which cell covers a grid position, and the row it begins in. */
interface Slot {
  cell: TableCell;
  row: number;
}

interface BorderPlan {
  table: Table;
  columns: number;
  rowOf: Map<TableRow, number>;
  /** The cell covering each grid position (null: none, or a left-out position). */
  grid: Array<Array<Slot | null>>;
  /** h[r][k]: the line above row r in column k (r = rows: the table's foot). */
  h: Array<Array<BorderLine | null>>;
  /** v[r][k]: the line left of column k in row r (k = columns: the right edge). */
  v: Array<Array<BorderLine | null>>;
}

/** A row's place in its table's border plan. */
interface RowEdges {
  plan: BorderPlan;
  row: number;
}

const plans = new WeakMap<Table, BorderPlan>();

function sideLine(table: Table, slot: Slot | null, side: BorderSide): BorderLine | null {
  if (!slot || slot.cell.blank) return null;
  const own = slot.cell.borders;
  if (own && side in own) {
    const l = own[side];
    return l && Number.isFinite(l.width) && l.width > 0 ? l : null;
  }
  return table.borders ? TABLE_LINE : null;
}

/** Where two cells meet: the wider line. */
function collapse(a: BorderLine | null, b: BorderLine | null): BorderLine | null {
  if (!a) return b;
  if (!b) return a;
  return b.width > a.width ? b : a;
}

function borderPlan(table: Table): BorderPlan {
  const cached = plans.get(table);
  if (cached) return cached;
  const columns = columnCount(table);
  const rows = table.rows.length;
  const grid: Array<Array<Slot | null>> = [];
  const rowOf = new Map<TableRow, number>();
  table.rows.forEach((row, r) => {
    rowOf.set(row, r);
    const line: Array<Slot | null> = Array.from({ length: columns }, () => null);
    let col = 0;
    for (const cell of row.cells) {
      const span = spanOf(cell);
      for (let k = col; k < Math.min(col + span, columns); k++) line[k] = cell.covered ? (grid[r - 1]?.[k] ?? null) : { cell, row: r };
      col += span;
    }
    grid.push(line);
  });
  const h: BorderPlan['h'] = [];
  for (let r = 0; r <= rows; r++) {
    const above = grid[r - 1];
    const below = grid[r];
    const edge: Array<BorderLine | null> = [];
    for (let k = 0; k < columns; k++) {
      const a = above?.[k] ?? null;
      const b = below?.[k] ?? null;
      edge.push(a && b && a.cell === b.cell ? null : collapse(sideLine(table, a, 'bottom'), sideLine(table, b, 'top')));
    }
    h.push(edge);
  }
  const v: BorderPlan['v'] = grid.map((line) => {
    const edge: Array<BorderLine | null> = [];
    for (let k = 0; k <= columns; k++) {
      const a = line[k - 1] ?? null;
      const b = line[k] ?? null;
      edge.push(a && b && a.cell === b.cell ? null : collapse(sideLine(table, a, 'right'), sideLine(table, b, 'left')));
    }
    return edge;
  });
  const plan = { table, columns, rowOf, grid, h, v };
  plans.set(table, plan);
  return plan;
}

/**
 * Notes where a cell sits in the grid (its first column, span and its columns' left edges, and
 * the last one's right), and makes room in its padding for the lines above and below it, as
 * LibreOffice does: a row is as much taller as the line under it is wide (the line above it
 * counted in the row above), the first row also the table's top line.
 */
function placeOnGrid(state: CellState, cols: number[], from: number, span: number, edges: RowEdges, down: number): void {
  state.col = from;
  state.span = span;
  const xs = [state.x];
  for (let k = from; k < from + span; k++) xs.push((xs[xs.length - 1] as number) + (cols[k] ?? 0));
  state.colX = xs;
  const widest = (edge: Array<BorderLine | null> | undefined): number => {
    let w = 0;
    for (let k = from; k < from + span; k++) w = Math.max(w, edge?.[k]?.width ?? 0);
    return w;
  };
  const { plan, row } = edges;
  // A cell merged down over rows takes its padding in each row's piece: room below would take a line from it in every row but its last.
  state.pad = { ...state.pad, top: state.pad.top + (row === 0 ? widest(plan.h[0]) : 0), bottom: state.pad.bottom + (down > 1 ? 0 : widest(plan.h[row + 1])) };
}

function rowEdges(table: Table, row: TableRow): RowEdges {
  const plan = borderPlan(table);
  return { plan, row: plan.rowOf.get(row) ?? 0 };
}

function colorOf(line: BorderLine): Color {
  const hex = hexColour(line.color);
  return hex ? pdfColour(hex) : BLACK;
}

/** One border line from (x1, y1) to (x2, y2), across or down; a double line as two strokes a third of its width, a third apart. */
function strokeLine(page: PDFPage, line: BorderLine, x1: number, y1: number, x2: number, y2: number): void {
  const color = colorOf(line);
  if (line.dash) {
    // Dots as round dots a line's width apart, dashes three widths long (at least 2 pt), as LibreOffice prints them.
    const w = line.width;
    const dashArray = line.dash === 'dotted' ? [0, 2 * w] : [Math.max(3 * w, 2), Math.max(2 * w, 1.5)];
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: w, color, dashArray, lineCap: line.dash === 'dotted' ? LineCapStyle.Round : LineCapStyle.Butt });
    return;
  }
  if (!line.double) {
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: line.width, color, lineCap: LineCapStyle.Projecting });
    return;
  }
  const t = line.width / 3;
  const across = Math.abs(y1 - y2) < 0.01;
  for (const d of [-t, t]) {
    const dx = across ? 0 : d;
    const dy = across ? d : 0;
    page.drawLine({ start: { x: x1 + dx, y: y1 + dy }, end: { x: x2 + dx, y: y2 + dy }, thickness: t, color, lineCap: LineCapStyle.Projecting });
  }
}

interface Segment {
  x1: number;
  x2: number;
  line: BorderLine;
}

/** Draws horizontal pieces at `y`, neighbours with the same line joined into one stroke. */
function strokeRuns(page: PDFPage, y: number, segs: Segment[]): void {
  let cur: Segment | undefined;
  for (const s of segs) {
    if (cur && Math.abs(cur.x2 - s.x1) < 0.01 && cur.line.width === s.line.width && cur.line.color === s.line.color && cur.line.dash === s.line.dash && cur.line.double === s.line.double) cur.x2 = s.x2;
    else {
      if (cur) strokeLine(page, cur.line, cur.x1, y, cur.x2, y);
      cur = { ...s };
    }
  }
  if (cur) strokeLine(page, cur.line, cur.x1, y, cur.x2, y);
}

/**
 * The border lines of one row piece `h` high: each cell's left edge (the last cell's right edge
 * too), the foot of the cells that end in it (or of all, when the row goes on on the next page:
 * then each cell's own bottom line), the top where the table begins or the piece opens a page
 * (there, inside a cell merged down, its own top line).
 */
function drawCellBorders(page: PDFPage, x0: number, yTop: number, h: number, cells: CellState[], edges: RowEdges, begins: Map<CellState, boolean>, pageTop: boolean, more: boolean): void {
  const { plan, row: r } = edges;
  const gridRow = plan.grid[r];
  const vRow = plan.v[r];
  if (!gridRow || !vRow) return;
  const yb = yTop - h;
  const tops: Segment[] = [];
  const feet: Segment[] = [];
  cells.forEach((c, i) => {
    if (c.col === undefined || c.span === undefined || c.col >= plan.columns) return;
    const end = Math.min(c.col + c.span, plan.columns);
    const left = vRow[c.col] ?? null;
    if (left && h > 0) strokeLine(page, left, x0 + c.x, yTop, x0 + c.x, yb);
    const next = cells[i + 1];
    const right = vRow[end] ?? null;
    if (right && h > 0 && next?.col !== end) strokeLine(page, right, x0 + c.x + c.w, yTop, x0 + c.x + c.w, yb);
    const top = pageTop || (r === 0 && begins.get(c) === true);
    const foot = c.rowsLeft <= 0 || more;
    for (let k = c.col; k < end; k++) {
      const slot = gridRow[k] ?? null;
      const x1 = x0 + (c.colX?.[k - c.col] ?? c.x);
      const x2 = x0 + (c.colX?.[k + 1 - c.col] ?? c.x + c.w);
      if (top) {
        const line = plan.grid[r - 1]?.[k]?.cell === slot?.cell ? sideLine(plan.table, slot, 'top') : (plan.h[r]?.[k] ?? null);
        if (line) tops.push({ x1, x2, line });
      }
      if (foot) {
        const inside = plan.grid[r + 1]?.[k]?.cell === slot?.cell;
        const line = more || inside ? sideLine(plan.table, slot, 'bottom') : (plan.h[r + 1]?.[k] ?? null);
        if (line) feet.push({ x1, x2, line });
      }
    }
  });
  strokeRuns(page, yTop, tops);
  strokeRuns(page, yb, feet);
}

/**
 * A table inside a cell, `width` wide, as lines for the cell: one per row (a row is not split),
 * or, for a row taller than a page could hold, its cells' lines one after the other (nothing is
 * cut off).
 */
function nestedTableLines(table: Table, width: number, outer: Layout): FlowLine[] {
  const geometry = tableGeometry(table, width, width, outer.geometry.size);
  const lay: Layout = { ...outer, geometry, maxImageHeight: Math.min(outer.maxImageHeight, outer.maxRowHeight), estimates: new Map() };
  const out: FlowLine[] = [];
  const carried = new Map<number, CellState>();
  for (const row of table.rows) {
    const cells = rowCells(table, row, lay, carried);
    const set = setHeight(row, lay.maxRowHeight);
    const keepEmpty = emptyExact(row);
    if (keepEmpty) for (const c of cells) c.lines = [];
    const natural = naturalHeight(cells, set);
    if (natural > lay.maxRowHeight) {
      for (const c of cells) {
        for (let k = c.next; k < c.lines.length; k++) {
          const l = c.lines[k] as FlowLine;
          const dx = geometry.left + c.x + c.pad.left;
          out.push({ ...l, ...(l.draw ? { draw: (page: PDFPage, x: number, y: number, ctx: DrawContext) => l.draw?.(page, x + dx, y, ctx) } : {}) });
        }
        c.next = c.lines.length;
      }
      continue;
    }
    const piece = rowPiece(cells, Number.POSITIVE_INFINITY, true, set, 0, rowEdges(table, row), keepEmpty);
    const dx = geometry.left;
    out.push({ height: piece.height, draw: (page, x, y, ctx) => piece.draw(page, x + dx, y, ctx) });
  }
  return out;
}

function collectPictures(table: Table, into: ImageBlock[]): void {
  for (const row of table.rows) for (const cell of row.cells) for (const b of cell.blocks) {
    if (b.kind === 'image') into.push(b);
    else if (b.kind === 'table') collectPictures(b, into);
  }
}

/** How far right a table may reach in this flow: into the right margin (Word's and LibreOffice's do), never past the paper's last 14 pt. */
function tableCap(flow: Flow): number {
  return flow.columnCount > 1 ? flow.width : Math.max(flow.width, flow.paper.width - 14 - flow.left);
}

/** Rows of a table kept together that are measured ahead at most (a longer one is taller than a page anyway). */
const KEPT_ROWS_MEASURED = 200;

/**
 * The height of `table` drawn whole (its rows' natural heights), measured ahead of placing it;
 * undefined when it is taller than `max` or has more rows than are measured ahead.
 */
function wholeHeight(table: Table, lay: Layout, max: number): number | undefined {
  if (table.rows.length > KEPT_ROWS_MEASURED) return undefined;
  const carried = new Map<number, CellState>();
  let h = 0;
  for (const row of table.rows) {
    const cells = rowCells(table, row, lay, carried, true);
    // As placeTable measures each row before placing it.
    if (emptyExact(row)) for (const c of cells) c.lines = [];
    h += naturalHeight(cells, setHeight(row, max));
    if (h > max) return undefined;
  }
  return h;
}

/**
 * What a table kept together (Table.keepTogether) asks for on its page when a block before it is
 * kept with it: its whole height when it fits on a page and holds no picture (pictures are
 * measured once embedded); undefined otherwise.
 */
export function keptTableHeight(flow: Flow, table: Table, ctx: DrawContext, lineEm?: number, defaultTab?: number): number | undefined {
  if (!table.keepTogether) return undefined;
  // Once per table and width: the block kept with it asks, then placing it asks again.
  const key = `${flow.width}:${flow.bodyHeight}`;
  let known = measuredWhole.get(table);
  if (known?.has(key)) return known.get(key);
  if (!known) measuredWhole.set(table, (known = new Map()));
  const found: ImageBlock[] = [];
  collectPictures(table, found);
  const h = found.length ? undefined : measureWhole(flow, table, ctx, lineEm, defaultTab);
  known.set(key, h);
  return h;
}

/** keptTableHeight's answers by table, then by flow width and page height. */
const measuredWhole = new WeakMap<Table, Map<string, number | undefined>>();

function measureWhole(flow: Flow, table: Table, ctx: DrawContext, lineEm?: number, defaultTab?: number): number | undefined {
  return wholeHeight(table, tableLayout(flow, tableGeometry(table, flow.width, tableCap(flow)), ctx, new Map(), lineEm, defaultTab), flow.bodyHeight);
}

/** A top-level table's layout in this flow (its pictures embedded already). */
function tableLayout(flow: Flow, geometry: Geometry, ctx: DrawContext, pictures: Map<ImageBlock, Picture>, lineEm?: number, defaultTab?: number): Layout {
  return { geometry, ctx, pictures, ...(lineEm ? { lineEm } : {}), ...(defaultTab ? { defaultTab } : {}), maxImageHeight: flow.bodyHeight - 2 * CELL_PAD, maxRowHeight: flow.bodyHeight * 0.9, estimates: new Map() };
}

/**
 * Places `table` in the flow, row by row. `tail`: the room the block after it needs on the page
 * of its last row (Table.keepNext: that block's first lines), else 0.
 */
export async function placeTable(flow: Flow, table: Table, ctx: DrawContext, deadline: Deadline, images: PictureCache, lineEm?: number, defaultTab?: number, tail = 0): Promise<void> {
  const cap = tableCap(flow);
  const geometry = tableGeometry(table, flow.width, cap);
  // Pictures in cells are embedded up front: the row layout below is synchronous.
  const found: ImageBlock[] = [];
  collectPictures(table, found);
  const pictures = new Map<ImageBlock, Picture>();
  for (const b of found) pictures.set(b, await images.get(b));
  const lay = tableLayout(flow, geometry, ctx, pictures, lineEm, defaultTab);
  const x0 = (): number => flow.left + geometry.left;
  // Header rows repeat on every page the table goes on to, unless they would take most of it.
  const headerCount = Math.min(Math.max(0, Math.floor(table.headerRows ?? 0)), table.rows.length);
  let headerHeight = -1;
  const placeHeader = (): void => {
    if (headerCount === 0 || headerHeight < 0 || headerHeight > flow.bodyHeight / 3) return;
    const carried = new Map<number, CellState>();
    for (const row of table.rows.slice(0, headerCount)) {
      const cells = rowCells(table, row, lay, carried);
      const set = setHeight(row, flow.bodyHeight);
      const keepEmpty = emptyExact(row);
      if (keepEmpty) for (const c of cells) c.lines = [];
      const piece = rowPiece(cells, flow.remaining(), true, set, 0, rowEdges(table, row), keepEmpty);
      piece.draw(flow.page, x0(), flow.y, ctx);
      flow.y -= piece.height;
      flow.markUsed();
    }
  };
  const newPage = (): void => {
    flow.newPage();
    placeHeader();
  };
  // A table kept together that fits on a page but not in what is left of this one begins the next.
  if (table.keepTogether && !flow.isFresh()) {
    const whole = found.length ? wholeHeight(table, lay, flow.bodyHeight) : keptTableHeight(flow, table, ctx, lineEm, defaultTab);
    if (whole !== undefined && whole + (whole + tail <= flow.bodyHeight * KEEPABLE_SHARE ? tail : 0) > flow.remaining()) newPage();
  }
  const carried = new Map<number, CellState>();
  let headerSum = 0;
  table.rows.forEach((row, r) => {
    deadline.check();
    const cells = rowCells(table, row, lay, carried);
    const set = setHeight(row, flow.bodyHeight);
    const keepEmpty = emptyExact(row);
    if (keepEmpty) for (const c of cells) c.lines = [];
    const full = naturalHeight(cells, set);
    if (flow.hasFloats()) flow.clearFloats(full);
    // Move the whole row to the next page when it fits there; split it only when it is taller than a page.
    // The last row of a table kept with the next block goes on with that block's first lines.
    const after = r === table.rows.length - 1 && tail > 0 && full + tail <= flow.bodyHeight * KEEPABLE_SHARE ? tail : 0;
    let pageTop = false;
    if (full + after > flow.remaining() && full <= flow.bodyHeight && !flow.isFresh()) {
      newPage();
      pageTop = true;
    }
    let drawn = 0;
    let pieces = 0;
    for (;;) {
      const piece = rowPiece(cells, flow.remaining(), flow.isFresh(), set, drawn, rowEdges(table, row), keepEmpty, pageTop);
      if (piece.height === 0 && piece.more && !flow.isFresh()) {
        newPage();
        pageTop = true;
        continue;
      }
      piece.draw(flow.page, x0(), flow.y, ctx);
      drawn += piece.height;
      pieces++;
      flow.y -= piece.height;
      flow.markUsed();
      if (!piece.more) break;
      newPage();
      pageTop = true;
    }
    if (r < headerCount) headerSum += pieces > 1 ? Number.POSITIVE_INFINITY : drawn;
    if (r === headerCount - 1) headerHeight = headerSum;
  });
}
