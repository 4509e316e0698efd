// The intermediate document model every reader produces and the renderer lays out.
// Deliberately small: only what a report needs to stay faithful in reading order and emphasis,
// and the colours a report shows: text colour, highlight, paragraph and table cell shading (as
// six hex digits, `Colour`; absent: the default black text on no shading); and table border
// lines cell by cell and side by side (TableCell.borders, width and colour; Table.borders the
// all-or-nothing fallback for readers that set none).

import type { MetaItem } from './pictures/metafile.ts';

export type Alignment = 'left' | 'center' | 'right' | 'justify';

/**
 * An sRGB colour as six upper-case hex digits ("1F4E79"), no '#'. Readers set only colours they
 * could read whole (hexColour, rgbColour); anything else is left out, and the renderer's default
 * (black text, no shading) applies.
 */
export type Colour = string;

/** "1f4e79" or "#1F4E79" as a Colour; anything else (auto, 3 digits, names, junk) undefined. */
export function hexColour(v: string | undefined): Colour | undefined {
  if (v === undefined) return undefined;
  const m = /^#?([0-9a-fA-F]{6})$/.exec(v.trim());
  return m ? (m[1] as string).toUpperCase() : undefined;
}

const channelOk = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 255;

/** Red, green and blue 0–255 as a Colour; undefined unless all three are whole numbers in range. */
export function rgbColour(r: number, g: number, b: number): Colour | undefined {
  if (!channelOk(r) || !channelOk(g) || !channelOk(b)) return undefined;
  return [r, g, b].map((n) => n.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/**
 * A shading pattern as LibreOffice prints it: `share` thousandths of the pattern colour over the
 * fill (white when there is none), mixed in whole numbers (333 of 9ACD32 over FFFFFF: CFE5B2).
 */
export function mixShading(pattern: Colour, fill: Colour | undefined, share: number): Colour | undefined {
  const under = fill ?? 'FFFFFF';
  const s = Math.min(Math.max(share, 0), 1000);
  const mix = (k: number): number => Math.floor((Number.parseInt(pattern.slice(k, k + 2), 16) * s + Number.parseInt(under.slice(k, k + 2), 16) * (1000 - s)) / 1000);
  return rgbColour(mix(0), mix(2), mix(4));
}

export interface Run {
  text: string; // may contain '\n' (line break) and '\t' (tab)
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Set small and raised (a note's reference mark). */
  sup?: boolean;
  /** This run is the reference mark of footnote `note` (a key of DocModel.footnotes): the note goes to the foot of its page. */
  note?: string;
  /** The document's font size for this run, in points (DOCX w:sz, ODT fo:font-size, RTF \fs); the renderer's own size when absent. */
  size?: number;
  /**
   * The document's font name for this run (DOCX w:rFonts and theme fonts, ODT style:font-name
   * through the font-face declarations, RTF \f in the font table): the renderer draws it in its
   * metric-compatible face (fonts.ts metricFamily) or, for any other name, in Open Sans.
   */
  font?: string;
  /**
   * A picture set in the line "as a character" (DOCX wp:inline, an unpositioned VML picture, ODT
   * text:anchor-type="as-char"): it takes its width in the line and the line grows to its height.
   * The run's text is empty.
   */
  picture?: InlinePicture;
  /**
   * A chapter field (ODT text:chapter, mostly in a running header): drawn, page by page, as the
   * number and/or name of the heading at `level` or above in effect at the top of that page
   * (Heading.chapter); `text` is what the document stored, drawn where no heading is known.
   */
  chapter?: { level: number; show: 'number' | 'name' | 'number-and-name' };
  /** The text's colour (DOCX w:color, ODT fo:color, RTF \cf); the default black when absent. */
  color?: Colour;
  /** A colour filled behind the run's text (DOCX w:highlight and run w:shd, ODT text fo:background-color, RTF \highlight / \chcbpat). */
  highlight?: Colour;
}

/**
 * Where an inline picture sits in its line: `baseline` standing on the text's baseline (Word's
 * inline pictures, ODT "top to base line"); `below` its top `y` points below the baseline (ODT
 * "from top" of the baseline, LibreOffice's reading of a frame that gives no position: it hangs
 * from the baseline); `top`/`middle`/`bottom` of the line (ODT style:vertical-rel="line"), the
 * line as tall as the picture at least.
 */
export interface InlinePicture {
  image: ImageBlock;
  vpos?: 'baseline' | 'below' | 'top' | 'middle' | 'bottom';
  /** `below`: how far the picture's top is below the baseline (negative: above), in points. */
  y?: number;
}

/**
 * A paragraph's vertical spacing as the document sets it, in points: space before and after, and
 * the line height rule — `multiple` of the font's single line (Word's "auto", ODT's percentage),
 * `exact` points, or `atLeast` points. The renderer's own spacing for what is absent.
 */
export interface Spacing {
  before?: number;
  after?: number;
  line?: { rule: 'multiple' | 'exact' | 'atLeast'; value: number };
}

/**
 * How a paragraph may be broken across pages, as the document says (DOCX w:keepNext, w:keepLines,
 * w:widowControl; ODT fo:keep-with-next, fo:keep-together, fo:widows, fo:orphans; RTF \keepn,
 * \keep, \widctlpar). `widows` / `orphans`: at least this many lines at the top / foot of a page
 * when the paragraph is split (0 or absent: any number).
 */
export interface Breaking {
  /** On the same page as the first lines of the block that follows. */
  keepNext?: boolean;
  /** Never split: the whole paragraph moves to the next page (unless it is taller than a page). */
  keepLines?: boolean;
  widows?: number;
  orphans?: number;
}

/**
 * A tab stop as the document sets it (DOCX w:tabs/w:tab, ODT style:tab-stop, RTF \txN): `pos` in
 * points from the text area's left edge (the readers turn positions relative to an indent into
 * these); text after the tab is set left of it (`right`), centred on it (`center`), with its first
 * `char` (decimal point) on it (`decimal`), or starting there (`left`). `leader`: the character
 * the gap is filled with ('.', '-', '_', '·'), none when absent.
 */
export interface TabStop {
  pos: number;
  align: 'left' | 'right' | 'center' | 'decimal';
  leader?: string;
  /** The decimal stop's character; '.' when absent. */
  char?: string;
}

/**
 * A paragraph's indents as the document sets them, in points (DOCX w:ind, ODT fo:margin-left /
 * fo:margin-right / fo:text-indent, RTF \li \ri \fi): `left` — every line's left edge from the
 * text area's left edge; `right` — the lines' right end in from the text area's right edge;
 * `first` — the first line's left edge from `left` (negative: a hanging indent). 0 when absent.
 */
export interface Indents {
  left?: number;
  right?: number;
  first?: number;
}

export interface Paragraph {
  kind: 'paragraph';
  runs: Run[];
  align?: Alignment;
  /** The paragraph's own tab stops (its styles' merged in), by position; default stops beyond them. */
  tabs?: TabStop[];
  indents?: Indents;
  spacing?: Spacing;
  breaking?: Breaking;
  /** The size of the paragraph's mark, in points: an empty paragraph's line is this tall (DOCX w:pPr/w:rPr/w:sz). */
  size?: number;
  /** Filled behind the paragraph's lines, from its left indent to its right one (DOCX w:pPr/w:shd, ODT paragraph fo:background-color). */
  shading?: Colour;
}

export interface Heading {
  kind: 'heading';
  level: number; // 1..6
  runs: Run[];
  align?: Alignment;
  tabs?: TabStop[];
  /** A heading set in the document's formatting (`styled`) takes its indents as a paragraph does. */
  indents?: Indents;
  spacing?: Spacing;
  /** As the document says for a styled heading (Word's Title has no keepNext); one whose style is unknown (`styled` absent) is always kept with what follows. */
  breaking?: Breaking;
  /**
   * The runs carry the document's own formatting of the heading (size, weight, font from its
   * styles): they are set as they are, like a paragraph's. Absent: the reader knew no style for
   * it, and the renderer uses its own heading sizes, in bold.
   */
  styled?: boolean;
  /** The heading as a chapter field shows it: its outline number ('' when unnumbered) and its text. */
  chapter?: { number: string; name: string };
  /** As a paragraph's. */
  shading?: Colour;
}

export interface ListItem {
  kind: 'list-item';
  ordered: boolean;
  level: number; // 0 = outermost
  /** Marker text as the reader determined it ("1.", "a)", "•"); the renderer draws it verbatim. */
  marker: string;
  runs: Run[];
  tabs?: TabStop[];
  spacing?: Spacing;
  /**
   * The item's own indents, in points from the text area's left edge, when the file sets them
   * (RTF \li and \fi): the text's (`indent`) and the marker's (`markerAt`). The renderer's
   * per-level indents when absent.
   */
  indent?: number;
  markerAt?: number;
  breaking?: Breaking;
}

/** Room on each side, in points. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface TableCell {
  /** Text blocks, pictures and tables set inside the cell (nesting bounded by the readers' depth limits). */
  blocks: Array<Paragraph | Heading | ListItem | ImageBlock | Table>;
  /** Number of grid columns this cell covers. */
  colSpan?: number;
  /**
   * Number of rows this cell covers downwards (a vertical merge: DOCX w:vMerge, ODT
   * table:number-rows-spanned, RTF \clvmgf); the rows below hold a `covered` cell in its place.
   */
  rowSpan?: number;
  /** Taken by a cell above that spans down into this row: drawn as part of that cell. */
  covered?: boolean;
  /** Grid columns the row leaves out before or after its cells (DOCX w:gridBefore, w:gridAfter): nothing drawn, not even borders. */
  blank?: boolean;
  /** Where the text sits when the row is taller than it (DOCX w:vAlign, ODT style:vertical-align, RTF \clvertal*). */
  vAlign?: 'top' | 'center' | 'bottom';
  /** Room between the cell's edges and its text, where the cell sets its own (DOCX w:tcMar). */
  padding?: Partial<Insets>;
  /**
   * The cell's own border lines, side by side (DOCX w:tblBorders resolved by the cell's place and
   * w:tcBorders over it, ODT fo:border-*, RTF \clbrdr*): a line, or null for a side the file
   * says has none. A side left out takes the table's `borders` (a thin black line or nothing).
   * Where two cells share an edge the renderer draws it once, the wider line.
   */
  borders?: CellBorders;
  /**
   * The cell's background (DOCX w:tcPr/w:shd, else the table's w:tblPr/w:shd; ODT
   * fo:background-color of the cell's style, else its row's or table's).
   */
  shading?: Colour;
}

export type BorderSide = 'top' | 'right' | 'bottom' | 'left';

/**
 * A border line: `width` in points, `color` as six hex digits (black when absent); `double`: two
 * thin lines with a gap, each a third of `width` (DOCX double, ODT and RTF double borders).
 */
export interface BorderLine {
  width: number;
  color?: Colour;
  double?: boolean;
  /** A broken line (absent: solid): dots, or dashes (dash-dot styles drawn as dashes). */
  dash?: 'dotted' | 'dashed';
}

export type CellBorders = Partial<Record<BorderSide, BorderLine | null>>;

export interface TableRow {
  cells: TableCell[];
  /**
   * The row's height as the document sets it, in points (DOCX w:trHeight, ODT
   * style:min-row-height / style:row-height): at least this tall, or exactly (a row whose text
   * needs more room still grows: no text is cut off).
   */
  height?: { rule: 'atLeast' | 'exact'; value: number };
}

export interface Table {
  kind: 'table';
  rows: TableRow[];
  /** Every cell side a thin black line (true) or none (false), for the sides a cell's own `borders` leaves out. */
  borders: boolean;
  /** Relative column widths (any unit); evenly split when absent. */
  columnWidths?: number[];
  /**
   * The table's width as the file sets it: in points, or as a share of the text area (0..1).
   * Absent: as wide as the text area.
   */
  width?: { pt: number } | { share: number };
  /** The table's left edge from the text area's left edge, in points (DOCX w:tblInd less the cell margin, ODT fo:margin-left). */
  indent?: number;
  /** A table narrower than the text area stands left (the default), centred or right. */
  align?: 'left' | 'center' | 'right';
  /** Room between a cell's edges and its text, for cells that set none (DOCX w:tblCellMar, RTF \trgaph, ODT fo:padding). */
  padding?: Insets;
  /** The first rows repeat at the top of each page the table goes on to (DOCX w:tblHeader, ODT table:table-header-rows, RTF \trhdr). */
  headerRows?: number;
  /**
   * Not to be split over pages (ODT style:may-break-between-rows="false", LibreOffice's "Allow
   * table to split across pages" off): one that fits on a page begins a new one rather than break.
   */
  keepTogether?: boolean;
  /** Kept with the next block (ODT table fo:keep-with-next="always"): its last row on the page of that block's first lines. */
  keepNext?: boolean;
}

/**
 * Every picture format documents embed; 'dib' is a bitmap without its file header (RTF
 * \dibitmap), 'linked' a picture stored outside the file (bytes empty), 'unknown' one no reader
 * recognises. The renderer draws what it can and shows a placeholder for the rest.
 */
export type PictureFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'dib' | 'tiff' | 'emf' | 'wmf' | 'pdf' | 'linked' | 'unknown' | 'drawing';

/**
 * A picture the reader draws itself from the file's description (a DOCX chart from its cached
 * values, a SmartArt diagram from its drawing part): shapes and texts in points, y down, in a
 * box `width` × `height`, drawn like a metafile (render/picture.ts). `note`: what it could not
 * draw (a chart type shown as its data instead), for the conversion notes.
 */
export interface VectorDrawing {
  width: number;
  height: number;
  items: MetaItem[];
  note?: string;
}

export interface ImageBlock {
  kind: 'image';
  bytes: Uint8Array;
  format: PictureFormat;
  /** Where the picture came from (part name or link target), for notes. */
  name?: string;
  /** format 'drawing': what to draw (bytes are then empty). */
  drawing?: VectorDrawing;
  /** Intended display size in points when known; the renderer scales down to fit. */
  width?: number;
  height?: number;
}

export interface PageBreak {
  kind: 'page-break';
  /** Section `section` (an index into DocModel.sections) begins here. */
  section?: number;
  /** A section break that does not start a page: the new headers apply from the next page. */
  continuous?: boolean;
  /**
   * The text from here on is set in these columns (DOCX w:cols of the section that begins here,
   * ODT text:section columns, RTF \cols). A continuous break that changes them ends the columns
   * before it balanced, as Word and LibreOffice do.
   */
  columns?: ColumnSetup;
  /** A column break: the text goes on at the top of the next column (the next page from the last or only one). */
  column?: boolean;
}

/**
 * Text columns, in points: `count` of equal width with `gap` between them, or the widths and
 * gaps the file gives one by one (`widths`, scaled to the text area); `separator`: a vertical
 * line between them.
 */
export interface ColumnSetup {
  count: number;
  gap?: number;
  widths?: Array<{ width: number; gap: number }>;
  separator?: boolean;
}

/**
 * One section's headers and footers. `header`/`footer` go on every page (odd pages when `even*`
 * is set); `first*` on the first page of the section when set (an empty list: nothing there);
 * `even*` on even pages when set.
 */
export interface PageFurniture {
  header?: Paragraph[];
  footer?: Paragraph[];
  firstHeader?: Paragraph[];
  firstFooter?: Paragraph[];
  evenHeader?: Paragraph[];
  evenFooter?: Paragraph[];
}

/**
 * The paper and margins of the document (its first section's), in points: DOCX w:pgSz/w:pgMar,
 * ODF style:page-layout-properties, RTF \paperw \margl …; `header` is how far the header sits
 * from the paper's top edge (and `footer` the footer from its foot). Absent: A4, 2 cm margins.
 */
export interface PageSetup {
  width: number;
  height: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  header?: number;
  footer?: number;
  /**
   * The least height of the header's (footer's) area, its gap to the body text included (ODT
   * fo:min-height of style:header-style / footer-style): the body begins this far below where
   * the header does, or further when the header's text needs more.
   */
  headerHeight?: number;
  footerHeight?: number;
}

/** A margin or distance saneSetup accepts: absent, or a finite length of zero or more. */
const saneDistance = (n: number | undefined): boolean => n === undefined || (Number.isFinite(n) && n >= 0);

/** A page setup that can be laid out: paper 1–50 inch a side, margins leaving at least 2 inch of text each way; else undefined. */
export function saneSetup(p: PageSetup): PageSetup | undefined {
  if (![p.width, p.height].every((n) => Number.isFinite(n) && n >= 72 && n <= 3600)) return undefined;
  if (![p.top, p.bottom, p.left, p.right, p.header, p.footer].every(saneDistance)) return undefined;
  if (p.width - p.left - p.right < 144 || p.height - p.top - p.bottom < 144) return undefined;
  return p;
}

/**
 * How body text flows around a floating box: `square` beside it (Word's square, tight and
 * through, ODT's parallel/dynamic/left/right), `topAndBottom` above and below only, `none` not
 * at all (behind or in front of the text, ODT run-through).
 */
export type FloatWrap = 'square' | 'topAndBottom' | 'none';

/**
 * A text box, frame, shape or picture that floats (DOCX wp:anchor and VML absolute positions,
 * ODT draw:frame / shapes anchored to the page, paragraph or a character), placed where the file
 * puts it: horizontally from the page edge, the margin or the column by an offset or an
 * alignment; vertically from the page edge, the top margin or the top of the paragraph it is
 * anchored in (the reader puts the box before that paragraph's text). Its blocks are laid out in
 * its width; body text wraps around it as `wrap` says. A box the renderer can't place (holding a
 * table, taller than the page) is laid out inline where it stands, with a note.
 */
export interface FloatBox {
  kind: 'float';
  blocks: Block[];
  /** Outer size in points (the text may make it taller). */
  width: number;
  height?: number;
  /** `shift`: moved this far after aligning a box `alignWidth` wide (a member of an aligned group). */
  x: { from: 'page' | 'margin' | 'column'; offset?: number; align?: 'left' | 'center' | 'right'; shift?: number; alignWidth?: number };
  y: { from: 'page' | 'margin' | 'paragraph'; offset?: number; align?: 'top' | 'center' | 'bottom'; shift?: number; alignHeight?: number };
  wrap: FloatWrap;
  /** Square wrap: text on both sides of the box (the default), only on its left or right, or on the wider side. */
  sides?: 'both' | 'left' | 'right' | 'largest';
  /**
   * Room kept free between the box and the text around it, in points, on every side or each
   * (DOCX distL/distR/distT/distB, ODT fo:margin-*); an aligned box keeps it from its frame's edge too.
   */
  gap?: number | Sides;
  /**
   * Room between the box's edge and its own text, in points (DOCX bodyPr lIns…, ODT fo:padding-*
   * and the border, plus the text area of an ellipse or an ODT shape's draw:text-areas).
   */
  inset?: number | Sides;
  /** Where the text sits in a box taller than it (DOCX bodyPr anchor, ODT draw:textarea-vertical-align); top by default. */
  valign?: 'top' | 'middle' | 'bottom';
  /**
   * A drawing shape's text block set as wide as its widest line, at the left, middle or right of
   * the text area, its lines aligned inside it (ODT draw:textarea-horizontal-align); undefined:
   * the block fills the area.
   */
  halign?: 'left' | 'center' | 'right';
}

/** A length on each side of a box, in points. */
export interface Sides {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** `v` on each side: a number on all four, a Sides as it is, nothing as `fallback`. */
export function sidesOf(v: number | Sides | undefined, fallback: Sides): Sides {
  if (v === undefined) return fallback;
  return typeof v === 'number' ? { left: v, right: v, top: v, bottom: v } : v;
}

export type Block = Paragraph | Heading | ListItem | Table | ImageBlock | PageBreak | FloatBox;

/** Blocks with every floating box replaced by its contents (where floats can't go: headers, footers, table cells). */
export function inlineFloats(blocks: Block[]): Block[] {
  if (!blocks.some((b) => b.kind === 'float')) return blocks;
  // Nesting is bounded by the readers' XML depth limit.
  return blocks.flatMap((b) => (b.kind === 'float' ? inlineFloats(b.blocks) : [b]));
}

export interface DocModel {
  blocks: Block[];
  /** Repeated at the top / bottom of every page. PAGE_FIELD / PAGES_FIELD in run text become page numbers. */
  header?: Paragraph[];
  footer?: Paragraph[];
  /** Per-section headers and footers (first page, even pages); when set, header/footer above are not used. Section 0 is the first one. */
  sections?: PageFurniture[];
  /** A single full-page image (PNG/JPEG input): rendered scaled to fit A4, no margins text. */
  imageOnly?: boolean;
  /** Tracked changes the document still holds: shown as accepted (insertions kept, deletions left out). */
  trackedChanges?: { insertions: number; deletions: number };
  /** Paper and margins; A4 with 2 cm margins when absent. */
  page?: PageSetup;
  /** Footnote texts by key, drawn at the foot of the page where their reference mark lands. */
  footnotes?: Map<string, Paragraph[]>;
  /**
   * The single line height of the document's body font, in em (fontLineEm: Calibri 1.22, Arial
   * and Times 1.15…): a line of text at size s and spacing `multiple` m is s × lineEm × m high,
   * as in Word and LibreOffice. Absent: Open Sans' own (1.36).
   */
  lineEm?: number;
  /** The first section's text columns (later ones on the page breaks that begin them); one column when absent. */
  columns?: ColumnSetup;
  /**
   * The distance between default tab stops, in points (DOCX w:defaultTabStop, ODT
   * style:tab-stop-distance, RTF \deftab): a tab beyond a paragraph's last stop goes to the next
   * multiple of it. Absent: 36 pt.
   */
  defaultTab?: number;
  /**
   * Default tab stops are counted from the paragraph's left indent, not from the margin (ODT
   * settings.xml TabsRelativeToIndent, LibreOffice's default for its own documents).
   */
  tabsFromIndent?: boolean;
}

/**
 * Single line height in em (ascent + descent + line gap, as Word and LibreOffice space lines) of
 * the faces documents name most, and of their metric-compatible twins (Carlito, Liberation,
 * Caladea, Arimo/Tinos/Cousine). Values from the fonts' hhea/OS-2 tables. A face not listed gets
 * 1.17, the common value of text faces; documents that name none keep Open Sans' own.
 */
const LINE_EM: Record<string, number> = {
  calibri: 1.2207,
  carlito: 1.2207,
  'calibri light': 1.2207,
  arial: 1.1499,
  helvetica: 1.1499,
  'liberation sans': 1.1499,
  arimo: 1.1499,
  'times new roman': 1.1499,
  times: 1.1499,
  'liberation serif': 1.1499,
  tinos: 1.1499,
  cambria: 1.1719,
  caladea: 1.1719,
  'courier new': 1.1328,
  courier: 1.1328,
  'liberation mono': 1.1328,
  cousine: 1.1328,
  'dejavu sans': 1.1641,
  'dejavu serif': 1.1641,
  'dejavu sans mono': 1.1641,
  'open sans': 1.3618,
};

export function fontLineEm(family: string | undefined): number | undefined {
  if (!family) return undefined;
  return LINE_EM[family.trim().toLowerCase().replace(/^'|'$/g, '')] ?? 1.17;
}


/** A note's reference mark in the text: its label raised, tied to the note when it is a footnote. */
export function noteMark(label: string, footnoteKey?: string): Run {
  return footnoteKey === undefined ? { text: label, sup: true } : { text: label, sup: true, note: footnoteKey };
}

/** A paragraph of one plain run: the text of a chart, diagram or formula given as reading-order lines. */
export function plainParagraph(text: string): Paragraph {
  return { kind: 'paragraph', runs: [{ text }] };
}

/** A note's text as drawn in the page foot or at the end: its label, then the text (one line of reading order for text extraction). */
export function noteParagraph(label: string, text: string): Paragraph {
  return { kind: 'paragraph', runs: [{ text: `${label} ${text.trim()}` }] };
}

/**
 * What a cell holds of a block: text blocks, pictures and nested tables as they are, a floating
 * box's contents in its place.
 */
export function intoCell(b: Block, into: TableCell['blocks']): void {
  if (b.kind === 'float') for (const fb of inlineFloats(b.blocks)) intoCell(fb, into);
  else if (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'list-item' || b.kind === 'image' || b.kind === 'table') into.push(b);
}

/**
 * A table as lines of text where no table can go (a header or footer): one "a | b" line per
 * row, pictures on their own lines, nested tables the same way inside.
 */
export function flattenIntoCell(b: Block, into: Array<Paragraph | Heading | ListItem | ImageBlock>): void {
  if (b.kind === 'float') for (const fb of inlineFloats(b.blocks)) flattenIntoCell(fb, into);
  else if (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'list-item' || b.kind === 'image') into.push(b);
  else if (b.kind === 'table') {
    for (const r of b.rows) {
      let line: Run[] = [];
      const flush = (): void => {
        if (line.length) into.push({ kind: 'paragraph', runs: line });
        line = [];
      };
      for (const c of r.cells) {
        for (const cb of c.blocks) {
          if (cb.kind === 'image' || cb.kind === 'table') {
            flush();
            flattenIntoCell(cb, into);
            continue;
          }
          if (line.length) line.push({ text: ' | ' });
          line.push(...cb.runs);
        }
      }
      flush();
    }
  }
}

/** Runs that print something: text other than white space, or an inline picture. */
export function runsPrint(runs: Run[]): boolean {
  return runs.some((r) => r.picture !== undefined || r.text.trim().length > 0);
}

/** Plain text of a model, in reading order (for tests and for checking nothing was lost). */
function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}

export function modelText(model: DocModel): string {
  const out: string[] = [];
  const visit = (b: Block): void => {
    switch (b.kind) {
      case 'paragraph':
      case 'heading':
      case 'list-item':
        out.push(runsText(b.runs));
        break;
      case 'table':
        for (const row of b.rows) for (const cell of row.cells) for (const cb of cell.blocks) visit(cb);
        break;
      case 'float':
        for (const fb of b.blocks) visit(fb);
        break;
      default:
        break;
    }
  };
  for (const b of model.blocks) visit(b);
  for (const paras of model.footnotes?.values() ?? []) for (const p of paras) visit(p);
  return out.join('\n');
}

/** Placeholders a reader puts in header/footer run text for page-number fields (Private Use Area, never real text). */
export const PAGE_FIELD = '\uE000';
export const PAGES_FIELD = '\uE001';

/**
 * Symbol / Wingdings characters as Word and LibreOffice store them (Private Use Area F0xx) mapped
 * to the Unicode character they show. Only the ones used for bullets and check boxes in practice;
 * the same code means different pictures in different symbol fonts, so this is a best reading.
 */
export const SYMBOL_FONT_CHARS: ReadonlyMap<number, string> = new Map([
  [0xf0b7, '•'], [0xf0a7, '▪'], [0xf0d8, '➢'], [0xf0fc, '✓'], [0xf0fb, '✗'], [0xf0fe, '☑'],
  [0xf0fd, '☒'], [0xf0a8, '☐'], [0xf06f, '☐'], [0xf078, '☒'], [0xf076, '❖'], [0xf06e, '■'],
  [0xf071, '❑'], [0xf0e0, '→'], [0xf0e8, '➔'], [0xf0f0, '⇨'], [0xf0a1, '○'], [0xf09f, '•'],
  [0xf0b0, '°'], [0xf0ae, '→'], [0xf02d, '–'], [0xf0d7, '×'],
]);

/** A list marker with symbol-font characters replaced; an unknown one is still a bullet. */
export function markerText(marker: string): string {
  let out = '';
  for (const ch of marker) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0xf000 && cp <= 0xf0ff) out += SYMBOL_FONT_CHARS.get(cp) ?? '•';
    else out += ch;
  }
  return out;
}

/** The thickest border line kept (points); a wider one is drawn this wide. */
export const MAX_BORDER = 12;

/**
 * A border line from a reader's raw width (points) and colour (six hex digits, "#" or not, or
 * "auto"; hexColour): undefined for a width that is not a number or not above 0 (a malformed value is left
 * out), a colour that isn't six hex digits dropped (black). Widths above MAX_BORDER are capped.
 */
export function borderLine(width: number | undefined, color?: string): BorderLine | undefined {
  if (width === undefined || !Number.isFinite(width) || width <= 0) return undefined;
  const line: BorderLine = { width: Math.min(width, MAX_BORDER) };
  const hex = hexColour(color?.trim());
  if (hex) line.color = hex;
  return line;
}
