// RTF table borders, for rtf-tables.ts: the cell borders of a row definition (\clbrdrt \clbrdrb
// \clbrdrl \clbrdrr before each \cellx) and the row's own (\trbrdrt \trbrdrb \trbrdrl \trbrdrr,
// \trbrdrh between rows, \trbrdrv between cells), each line set by the words after it: a style
// (\brdrs, \brdrth, \brdrdb and the other doubles, \brdrdot …; \brdrnone or \brdrnil: none),
// \brdrwN (twips) and \brdrcfN (an entry of the colour table). Paragraph, character and page
// borders (\brdrt, \box, \chbrdr, \pgbrdr…) are told apart and left out.

import { borderLine, type BorderLine, type BorderSide, type CellBorders, type TableCell, type TableRow } from './model.ts';

/** A line as its words describe it so far. */
export interface BorderSpec {
  style?: string;
  /** Twips. */
  width?: number;
  /** An entry of the colour table. */
  color?: number;
}

/** A row's borders: its outer sides, and between its rows (h) and cells (v). */
export type RowEdge = 'top' | 'bottom' | 'left' | 'right' | 'h' | 'v';

/** What a row definition keeps of its border words: the row's lines and the line the next \brdr… words describe. */
export interface RowBorderWords {
  lines: Partial<Record<RowEdge, BorderSpec>>;
  brdr?: BorderSpec | undefined;
}

export type CellBorderWords = Partial<Record<BorderSide, BorderSpec>>;

const CELL_SIDES: Readonly<Record<string, BorderSide>> = { clbrdrt: 'top', clbrdrb: 'bottom', clbrdrl: 'left', clbrdrr: 'right' };
const ROW_SIDES: Readonly<Record<string, RowEdge>> = { trbrdrt: 'top', trbrdrb: 'bottom', trbrdrl: 'left', trbrdrr: 'right', trbrdrh: 'h', trbrdrv: 'v' };
const PARAGRAPH = new Set(['brdrt', 'brdrb', 'brdrl', 'brdrr', 'brdrbtw', 'brdrbar']);
const NONE = new Set(['brdrnone', 'brdrnil', 'brdrtbl']);
const DOUBLE = new Set(['brdrdb', 'brdrtriple', 'brdrtnthsg', 'brdrthtnsg', 'brdrtnthtnsg', 'brdrtnthmg', 'brdrthtnmg', 'brdrtnthtnmg', 'brdrtnthlg', 'brdrthtnlg', 'brdrtnthtnlg', 'brdrwavydb']);

/**
 * One border word of a row definition: a cell side (into `cell`, the words before the next
 * \cellx) or a row side starts a line, a \brdr… word describes the line started last; any
 * other border (a paragraph's, a character's, the page's) ends it. False for a word that is
 * no border word.
 */
export function borderWord(row: RowBorderWords, cell: { borders?: CellBorderWords }, word: string, param: number | null): boolean {
  const cellSide = CELL_SIDES[word];
  const rowSide = ROW_SIDES[word];
  if (cellSide || rowSide) {
    const spec: BorderSpec = {};
    if (cellSide) (cell.borders ??= {})[cellSide] = spec;
    else if (rowSide) row.lines[rowSide] = spec;
    row.brdr = spec;
    return true;
  }
  if (!word.includes('brdr') && word !== 'box') return false;
  const spec = row.brdr;
  if (!word.startsWith('brdr') || PARAGRAPH.has(word) || !spec) row.brdr = undefined;
  else if (word === 'brdrw') spec.width = param ?? undefined;
  else if (word === 'brdrcf') spec.color = param ?? undefined;
  else if (word !== 'brdrsh' && word !== 'brdrframe') spec.style = word;
  // Paragraph borders are the paragraph's: not taken here.
  return spec !== undefined && row.brdr !== undefined;
}

/** A described line: null for none (\brdrnone, no style and no width, a width not above 0), a style alone Word's half point. */
function lineOf(spec: BorderSpec | undefined, colors: ReadonlyArray<string | undefined>): BorderLine | null | undefined {
  if (!spec) return undefined;
  if (spec.style && NONE.has(spec.style)) return null;
  const w = spec.width;
  if ((w !== undefined && (!Number.isFinite(w) || w <= 0)) || (!spec.style && w === undefined)) return null;
  const one = (w ?? (spec.style === 'brdrhair' ? 5 : 10)) / 20;
  const double = spec.style !== undefined && DOUBLE.has(spec.style);
  const line = borderLine(double ? one * 3 : one, spec.color !== undefined ? colors[spec.color] : undefined);
  if (line && double) line.double = true;
  if (line && spec.style === 'brdrdot') line.dash = 'dotted';
  else if (line && spec.style !== undefined && /^brdr(dash|dashsm|dashd|dashdd|dashdotstr)$/.test(spec.style)) line.dash = 'dashed';
  return line ?? null;
}

/**
 * Gives each cell of a finished table its four lines: its own words, else its row's (the row's
 * left and right sides at its first and last cell, \trbrdrv between cells; \trbrdrt over the
 * table's first row and \trbrdrb under its last, \trbrdrh between rows), else none. A cell
 * merged down takes the foot of the last cell it covers.
 */
export function applyRtfBorders(rows: TableRow[], rowLines: ReadonlyArray<Partial<Record<RowEdge, BorderSpec>> | undefined>, own: (cell: TableCell) => CellBorderWords | undefined, colors: ReadonlyArray<string | undefined>): void {
  const pick = (...specs: Array<BorderSpec | undefined>): BorderLine | null => {
    for (const s of specs) {
      const l = lineOf(s, colors);
      if (l !== undefined) return l;
    }
    return null;
  };
  const owners = new Map<number, TableCell>();
  rows.forEach((row, k) => {
    const lines = rowLines[k] ?? {};
    const real = row.cells.filter((c) => !c.blank);
    const foot = (c: TableCell): BorderLine | null => pick(own(c)?.bottom, k === rows.length - 1 ? lines.bottom : lines.h);
    let col = 0;
    for (const c of row.cells) {
      const i = real.indexOf(c);
      if (c.covered) {
        const owner = owners.get(col);
        if (owner?.borders) owner.borders.bottom = foot(c);
      } else if (i >= 0) {
        const mine = own(c) ?? {};
        const sides: CellBorders = {
          top: pick(mine.top, k === 0 ? lines.top : lines.h),
          bottom: foot(c),
          left: pick(mine.left, i === 0 ? lines.left : lines.v),
          right: pick(mine.right, i === real.length - 1 ? lines.right : lines.v),
        };
        c.borders = sides;
        if ((c.rowSpan ?? 1) > 1) owners.set(col, c);
        else owners.delete(col);
      }
      col += c.colSpan ?? 1;
    }
  });
}
