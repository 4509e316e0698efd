// RTF table rows → the model's tables. rtf.ts reads the text of each cell; this module keeps what a
// row's definition says about it (\trowd … \cellx, at the top level before or after the cells, in
// {\*\nesttableprops …} after the cells of a nested row) and, once a table is complete, turns its
// rows into the model's table: one column grid for all rows (the union of their cell edges), cell
// spans over it, merges across (\clmgf \clmrg) and down (\clvmgf \clvmrg), vertical alignment
// (\clvertal*), cell padding (\trgaph, \trpadd*, \clpad*), the row indent (\trleft), alignment
// (\trqc \trqr), header rows (\trhdr), row heights (\trrh), the table width (\trftsWidth
// \trwWidth, else the cells' edges) and each cell's border lines (\clbrdr*, \trbrdr*:
// rtf-borders.ts). Text is never dropped: a merged-away cell's blocks go to the
// cell that takes its place, and a row whose cells don't match its edges gets no grid (even
// columns) instead.

import { hexColour, mixShading, runsPrint } from './model.ts';
import { applyRtfBorders, borderWord, type CellBorderWords, type RowBorderWords } from './rtf-borders.ts';
import type { Colour, Insets, Table, TableCell } from './model.ts';

type Side = keyof Insets;

/** What the words before one \cellx say about that cell. */
export interface CellProps {
  /** \clvmgf (the first of a vertical merge), \clvmrg (merged into the cell above). */
  vmerge?: 'first' | 'next';
  /** \clmgf (the first of a horizontal merge), \clmrg (merged into the cell before). */
  hmerge?: 'first' | 'next';
  vAlign?: TableCell['vAlign'];
  /** \clpad* values (twips) and their unit words \clpadf* (3: twips, 0: not set). */
  pad: Partial<Record<Side, number>>;
  padUnit: Partial<Record<Side, number>>;
  /** \clbrdrt, \clbrdrb, \clbrdrl, \clbrdrr and the words describing each (rtf-borders.ts). */
  borders?: CellBorderWords;
  /** \clcbpatN (the fill), \clcfpatN (the pattern's colour): colour table entries; \clshdngN the pattern's share in hundredths of a percent. */
  cbpat?: number;
  cfpat?: number;
  shdng?: number;
}

/** A row's definition: \trowd starts a new one. Its \trbrdr* lines: RowBorderWords. */
export interface RowProps extends RowBorderWords {
  /** \cellxN: each cell's right edge, twips from the row's origin. */
  edges: number[];
  /** Per \cellx, the cell words before it. */
  cells: CellProps[];
  /** The cell words since the last \cellx. */
  next: CellProps;
  /** \trleftN: the left edge of the first cell. */
  left: number;
  /** \trgaphN: half the room between two cells' text, each cell's left and right padding. */
  gaph?: number;
  /** \trpadd* (twips) and their unit words \trpaddf* (3: twips, 0: not set). */
  pad: Partial<Record<Side, number>>;
  padUnit: Partial<Record<Side, number>>;
  align?: Table['align'];
  /** \trhdr: repeated at the top of each page. */
  header: boolean;
  /** \trrhN: at least N twips, or exactly -N when negative. */
  height?: number;
  /** Any \clbrdr* or \trbrdr* word. */
  borders: boolean;
  /** \trftsWidthN (2: fiftieths of a percent, 3: twips) and \trwWidthN. */
  widthUnit?: number;
  width?: number;
}

const newCellProps = (): CellProps => ({ pad: {}, padUnit: {} });

export function newRowProps(): RowProps {
  return { edges: [], cells: [], next: newCellProps(), left: 0, pad: {}, padUnit: {}, header: false, borders: false, lines: {} };
}

/** A copy of a row's definition as it stands when the row ends (the next row may change the live one). */
export function snapshotRow(p: RowProps): RowProps {
  return { ...p, edges: [...p.edges], cells: [...p.cells], next: newCellProps(), pad: { ...p.pad }, padUnit: { ...p.padUnit }, lines: { ...p.lines } };
}

/** Twips a control word may take: beyond a page's width or height is taken as no value. */
const MAX_TWIPS = 31680;
const sane = (param: number | null): number | undefined => (param !== null && Math.abs(param) <= MAX_TWIPS ? param : undefined);

// \trpaddl, \trpaddfl … are plain; in the cell words Word (and LibreOffice after it) swaps left
// and top: \clpadt is the left padding and \clpadl the top one, and so for their units.
const ROW_SIDES: Readonly<Record<string, Side>> = { l: 'left', r: 'right', t: 'top', b: 'bottom' };
const CELL_SIDES: Readonly<Record<string, Side>> = { l: 'top', r: 'right', t: 'left', b: 'bottom' };

/** Most cells of one row kept (a hostile \cellx list must not size the grid). */
const MAX_CELLS = 256;

/**
 * Applies one row or cell control word to `p`; false when `word` is none of them (then it is
 * the caller's). \trowd is the caller's too: it starts a new RowProps.
 */
export function rowWord(p: RowProps, word: string, param: number | null): boolean {
  const c = p.next;
  if (word.startsWith('clbrdr') || word.startsWith('trbrdr')) p.borders = true;
  if (borderWord(p, c, word, param)) return true;
  switch (word) {
    case 'cellx':
      if (p.edges.length < MAX_CELLS) {
        p.edges.push(sane(param) ?? 0);
        p.cells.push(c);
      }
      p.next = newCellProps();
      return true;
    case 'trleft':
      p.left = sane(param) ?? 0;
      return true;
    case 'trgaph': {
      const v = sane(param);
      if (v !== undefined && v >= 0) p.gaph = v;
      return true;
    }
    case 'trql':
    case 'trqc':
    case 'trqr':
      p.align = word === 'trqc' ? 'center' : word === 'trqr' ? 'right' : 'left';
      return true;
    case 'trhdr':
      p.header = param !== 0;
      return true;
    case 'trrh':
      p.height = sane(param);
      return true;
    case 'trftsWidth':
      p.widthUnit = param ?? undefined;
      return true;
    case 'trwWidth':
      p.width = param ?? undefined;
      return true;
    case 'clvmgf':
    case 'clvmrg':
      c.vmerge = word === 'clvmgf' ? 'first' : 'next';
      return true;
    case 'clmgf':
    case 'clmrg':
      c.hmerge = word === 'clmgf' ? 'first' : 'next';
      return true;
    case 'clvertalt':
    case 'clvertalc':
    case 'clvertalb':
      c.vAlign = word === 'clvertalc' ? 'center' : word === 'clvertalb' ? 'bottom' : 'top';
      return true;
    case 'clcbpat':
    case 'clcfpat':
    case 'clshdng':
      if (param !== null && param >= 0) c[word === 'clcbpat' ? 'cbpat' : word === 'clcfpat' ? 'cfpat' : 'shdng'] = param;
      return true;
    default:
      break;
  }
  let m = /^trpadd(f?)([lrtb])$/.exec(word);
  if (m) {
    const side = ROW_SIDES[m[2] as string] as Side;
    if (m[1]) p.padUnit[side] = param ?? 0;
    else p.pad[side] = sane(param);
    return true;
  }
  m = /^clpad(f?)([lrtb])$/.exec(word);
  if (m) {
    const side = CELL_SIDES[m[2] as string] as Side;
    if (m[1]) c.padUnit[side] = param ?? 0;
    else c.pad[side] = sane(param);
    return true;
  }
  return false;
}

/** A padding value that counts: given, not negative, and in twips (unit 3, or no unit word). */
function padOf(pad: Partial<Record<Side, number>>, unit: Partial<Record<Side, number>>, side: Side): number | undefined {
  const v = pad[side];
  const u = unit[side];
  if (v === undefined || v < 0 || (u !== undefined && u !== 3)) return undefined;
  return v / 20;
}

/**
 * A cell's shading: its fill (\clcbpat) under \clshdng hundredths of a percent of its pattern
 * colour (\clcfpat, black when automatic), mixed as DOCX's w:shd is; undefined for none (no fill
 * and no pattern, or an automatic fill alone).
 */
function cellShading(props: CellProps, colors: ReadonlyArray<string | undefined>): Colour | undefined {
  const colour = (n: number | undefined): Colour | undefined => (n !== undefined && n > 0 ? hexColour(colors[n]) : undefined);
  const fill = colour(props.cbpat);
  const share = Math.round((props.shdng ?? 0) / 10);
  if (share <= 0) return fill;
  return mixShading(colour(props.cfpat) ?? '000000', fill, share);
}

/** Cell edges closer than this (twips) are one grid line: rows of Word's tables are often a few twips apart. */
const SNAP = 20;
/** The renderer's column limit: a grid wider than this is not made (the first row's widths instead). */
const MAX_GRID = 64;

function printing(blocks: TableCell['blocks']): boolean {
  return blocks.some((b) => (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'list-item' ? runsPrint(b.runs) : true));
}

/**
 * The model's table from its rows' cells (as read, one per \cell or \nestcell) and each row's
 * definition when it ended. Fills `table` in place: it already stands where it goes. `nested`:
 * a table in another table's cell (its \trleft is from that cell's text).
 */
export function finishTable(table: Table, shapes: RowProps[], nested = false, colors: ReadonlyArray<string | undefined> = []): void {
  const rows = table.rows;
  const first = shapes[0] ?? newRowProps();
  // The grid: every row's left edge and cell edges, when each row has one edge per cell, rising.
  const fits = rows.length > 0 && rows.every((r, k) => {
    const s = shapes[k];
    if (!s || s.edges.length !== r.cells.length) return false;
    let prev = s.left;
    return s.edges.every((e) => {
      const ok = e > prev;
      prev = e;
      return ok;
    });
  });
  let lines: number[] = [];
  if (fits) {
    const all = shapes.flatMap((s) => [s.left, ...s.edges]).toSorted((a, b) => a - b);
    for (const x of all) if (!lines.length || x - (lines[lines.length - 1] as number) > SNAP) lines.push(x);
    if (lines.length - 1 > MAX_GRID) lines = [];
  }
  const lineAt = (x: number): number => {
    let best = 0;
    for (let k = 1; k < lines.length; k++) if (Math.abs((lines[k] as number) - x) < Math.abs((lines[best] as number) - x)) best = k;
    return best;
  };
  const propsOf = new Map<TableCell, CellProps>();
  rows.forEach((row, k) => {
    const s = shapes[k] ?? first;
    const cells: TableCell[] = [];
    let col = lines.length ? lineAt(s.left) : 0;
    if (col > 0) cells.push({ blocks: [], colSpan: col, blank: true });
    row.cells.forEach((cell, i) => {
      const props = s.cells[i];
      if (lines.length) {
        const end = Math.max(lineAt(s.edges[i] as number), col + 1);
        if (end - col > 1) cell.colSpan = end - col;
        col = end;
      }
      if (props) {
        propsOf.set(cell, props);
        if (props.vAlign === 'center' || props.vAlign === 'bottom') cell.vAlign = props.vAlign;
        const own: Partial<Insets> = {};
        for (const side of ['top', 'right', 'bottom', 'left'] as const) {
          const v = padOf(props.pad, props.padUnit, side);
          if (v !== undefined) own[side] = v;
        }
        if (Object.keys(own).length) cell.padding = own;
        const shading = cellShading(props, colors);
        if (shading !== undefined) cell.shading = shading;
      }
      // Merged across into the cell before: that cell spans this one's columns and takes its text.
      const before = cells[cells.length - 1];
      if (props?.hmerge === 'next' && before && !before.blank) {
        before.colSpan = (before.colSpan ?? 1) + (cell.colSpan ?? 1);
        if (printing(cell.blocks)) before.blocks.push(...cell.blocks);
        return;
      }
      cells.push(cell);
    });
    if (lines.length && col < lines.length - 1) cells.push({ blocks: [], colSpan: lines.length - 1 - col, blank: true });
    row.cells = cells;
    if (s.height !== undefined && s.height !== 0) row.height = { rule: s.height < 0 ? 'exact' : 'atLeast', value: Math.abs(s.height) / 20 };
  });
  // Merged down: a \clvmgf cell spans the \clvmrg cells below it that start in its column.
  const origin = new Map<number, TableCell>();
  for (const row of rows) {
    let col = 0;
    for (const cell of row.cells) {
      const props = propsOf.get(cell);
      const above = origin.get(col);
      if (props?.vmerge === 'next' && above) {
        cell.covered = true;
        above.rowSpan = (above.rowSpan ?? 1) + 1;
        if (printing(cell.blocks)) above.blocks.push(...cell.blocks);
        cell.blocks = [];
      } else if (props?.vmerge === 'first') origin.set(col, cell);
      else origin.delete(col);
      col += cell.colSpan ?? 1;
    }
  }
  applyRtfBorders(rows, shapes.map((s) => s.lines), (c) => propsOf.get(c)?.borders, colors);
  // Table-wide: borders, the grid, width, place across, padding and header rows.
  table.borders = table.borders || shapes.some((s) => s.borders);
  if (lines.length > 1) {
    table.columnWidths = lines.slice(1).map((x, k) => x - (lines[k] as number));
    table.width = { pt: ((lines[lines.length - 1] as number) - (lines[0] as number)) / 20 };
  } else {
    // No grid: the first row's widths when they fit its cells.
    const widths = first.edges.map((x, k) => x - (k ? (first.edges[k - 1] as number) : first.left));
    const firstRow = rows[0];
    if (firstRow && widths.length === firstRow.cells.length && widths.every((w) => w > 0)) table.columnWidths = widths;
  }
  if (first.widthUnit === 2 && first.width !== undefined && first.width > 0) table.width = { share: Math.min(first.width / 5000, 1.5) };
  else if (first.widthUnit === 3 && first.width !== undefined && first.width > 0) table.width = { pt: Math.min(first.width, MAX_TWIPS) / 20 };
  if (first.align === 'center' || first.align === 'right') table.align = first.align;
  // RTF's cells have no padding but \trgaph's on the left and right unless the row sets its own.
  const gap = first.gaph !== undefined ? first.gaph / 20 : 0;
  table.padding = {
    top: padOf(first.pad, first.padUnit, 'top') ?? 0,
    right: padOf(first.pad, first.padUnit, 'right') ?? gap,
    bottom: padOf(first.pad, first.padUnit, 'bottom') ?? 0,
    left: padOf(first.pad, first.padUnit, 'left') ?? gap,
  };
  // The left edge: \trleft, less the row's left padding at the top level, as LibreOffice places
  // it (its own files write \trleft-108 with no row padding and their text at the margin; Word's
  // \trgaph108\trleft-108 it draws a gap further left). A nested table's edge is at its \trleft.
  const left = (lines.length ? (lines[0] as number) : first.left) / 20;
  const indent = nested ? left : left - table.padding.left;
  if (Math.abs(indent) > 0.01 && Math.abs(indent) < 720) table.indent = indent;
  let header = 0;
  while (header < rows.length && shapes[header]?.header) header++;
  if (header > 0 && header < rows.length) table.headerRows = header;
}
