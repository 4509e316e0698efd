// Page flow: measured lines go down the page and onto new pages (spacers vanish at a page top;
// a line with its "keep" amount moves whole), and images are embedded once per document and
// scaled to the room they get.

import type { PDFDocument, PDFPage } from '@cantoo/pdf-lib';
import { ConversionError } from '../errors.ts';
import type { Deadline } from '../errors.ts';
import type { ImageBlock } from '../model.ts';
import { spacer, type DrawContext, type FlowLine } from './lines.ts';
import type { Picture, PictureCache } from './picture.ts';
import { columnGeometry, type Column } from './columns.ts';
import type { ColumnSetup } from '../model.ts';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 56.69; // 2 cm

export interface FlowOptions {
  deadline: Deadline;
  maxPages: number;
  /** A footnote's lines as they go in the page foot (undefined: no such note). */
  footnote?: (key: string) => FlowLine[] | undefined;
}

/**
 * The room a floating box keeps from the body text on its page, in page coordinates (x1..x2
 * across, top..bottom down the page); `beside`: text may go beside it (square wrap), else only
 * above and below.
 */
export interface FloatArea {
  x1: number;
  x2: number;
  top: number;
  bottom: number;
  beside: boolean;
  /** Beside which side of it text may run: both (the default), the one on its left or right, the widest. */
  sides?: 'both' | 'left' | 'right' | 'largest';
}

/** Text goes beside a float only where at least this much of the line is free (points). */
const MIN_BESIDE = 50;

/** Room between the text and the footnotes of a page (the separator rule sits in it). */
export const NOTE_GAP = 10;

export class Flow {
  readonly doc: PDFDocument;
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  readonly top: number;
  readonly bottom: number;
  /** The text area's left edge and width, the whole of it (columns or not). */
  readonly areaLeft: number;
  readonly areaWidth: number;
  /** The columns text is set in now (undefined: one, the whole width), the current one, and where they begin on this page. */
  private cols: Column[] | undefined;
  private separator = false;
  private col = 0;
  private colTop = 0;
  /** The lowest y the columns begun at colTop have reached on this page. */
  private colLow = 0;
  /** On page `page`, every column but the last ends `height` below colTop (a balanced stretch). */
  private balance: { page: number; height: number } | undefined;
  /** Paper size of every page. */
  readonly paper: { width: number; height: number };
  private fresh = true;
  private readonly opts: FlowOptions;
  /** Each page's footnote lines, in order (drawn by drawFootnotes once the text is placed). */
  readonly pageNotes: FlowLine[][] = [];
  /** Height the current page's footnotes take from its foot (gap included). */
  private noteHeight = 0;
  /** Footnotes placed at some page foot; the rest (too tall, or referenced in a table) go to the end. */
  readonly placedNotes = new Set<string>();
  /** Room the current page's floating boxes keep from the text (page coordinates, gaps included). */
  private floats: FloatArea[] = [];
  /** Where the current page's floating boxes have drawn text: another box's text is kept off it. */
  private floatText: Array<{ x1: number; x2: number; top: number; bottom: number }> = [];

  constructor(doc: PDFDocument, top: number, bottom: number, opts: FlowOptions, area: { paper: { width: number; height: number }; left: number; width: number } = { paper: A4, left: MARGIN, width: A4.width - 2 * MARGIN }) {
    this.doc = doc;
    this.top = top;
    this.bottom = bottom;
    this.opts = opts;
    this.paper = area.paper;
    this.areaLeft = area.left;
    this.areaWidth = area.width;
    this.newPage();
  }

  /** The left edge of the column text is set in now (the text area's with one column). */
  get left(): number {
    return this.areaLeft + (this.cols?.[this.col]?.x ?? 0);
  }

  /** The width of the column text is set in now. */
  get width(): number {
    return this.cols?.[this.col]?.width ?? this.areaWidth;
  }

  /** How many columns text is set in now. */
  get columnCount(): number {
    return this.cols?.length ?? 1;
  }

  /** The foot of the current column: the page's, or a balanced stretch's. */
  private get colBottom(): number {
    const b = this.balance;
    if (b && b.page === this.pages.length - 1 && this.cols && this.col < this.cols.length - 1) return Math.max(this.bottom, this.colTop - b.height);
    return this.bottom;
  }

  /** Whether the current column is shorter than a page's text area (begun below its top, or balanced). */
  private shortColumn(): boolean {
    return !!this.cols && (this.colTop < this.top - 0.01 || this.colBottom > this.bottom + 0.01);
  }

  /** The room columns begun now have on this page, and on a whole page (for balancedHeight). */
  columnRoom(): { first: number; full: number } {
    return { first: this.y - this.bottom - this.noteHeight, full: this.bodyHeight };
  }

  /**
   * Text from here on is set in `setup`'s columns (one column when undefined), below what the
   * columns before reached on this page; `balance` makes the columns end that high on that page.
   */
  setColumns(setup: ColumnSetup | undefined): void {
    this.endColumns();
    const cols = columnGeometry(setup, this.areaWidth);
    this.cols = cols;
    this.separator = !!(cols && setup?.separator);
    this.col = 0;
    this.colTop = this.y;
    this.colLow = this.y;
    this.balance = undefined;
  }

  /** Ends the columns of this page: the flow goes on below the lowest of them (their separator lines drawn). */
  private endColumns(): void {
    if (!this.cols) return;
    const low = Math.min(this.colLow, this.y);
    if (this.separator && low < this.colTop - 0.01) {
      for (let i = 1; i < this.cols.length && i <= this.col; i++) {
        const prev = this.cols[i - 1] as Column;
        const next = this.cols[i] as Column;
        const x = this.areaLeft + (prev.x + prev.width + next.x) / 2;
        this.page.drawLine({ start: { x, y: this.colTop }, end: { x, y: low }, thickness: 0.5 });
      }
    }
    this.y = low;
    this.colLow = low;
    this.col = 0;
    this.colTop = low;
  }

  /** The columns begun now end `height` below their top on the `page`-th page from this one (balancedHeight). */
  balanceColumns(b: { page: number; height: number }): void {
    this.balance = { page: this.pages.length - 1 + b.page, height: b.height };
  }

  /** A page break: the text goes on at the top of a new page, in the same columns. */
  pageBreak(): void {
    this.newSheet();
  }

  /** A column break: the top of the next column, or of a new page from the last one. */
  columnBreak(): void {
    this.newPage();
  }

  get bodyHeight(): number {
    return this.top - this.bottom;
  }

  remaining(): number {
    return this.y - this.colBottom - this.noteHeight;
  }

  isFresh(): boolean {
    return this.fresh;
  }

  /** Whether the flow is at the very top of a page's text area (nothing above it on this page). */
  atPageTop(): boolean {
    return this.fresh && this.y === this.top;
  }

  /** Goes on at the top of the next column; from the last (or only) one, of a new page. */
  newPage(): void {
    if (this.cols && this.col < this.cols.length - 1) {
      this.colLow = Math.min(this.colLow, this.y);
      this.col++;
      this.y = this.colTop;
      this.fresh = true;
      return;
    }
    this.newSheet();
  }

  private newSheet(): void {
    if (this.cols) this.endColumns();
    this.opts.deadline.check();
    if (this.pages.length >= this.opts.maxPages) {
      throw new ConversionError('too-large', `the converted document would have more than ${this.opts.maxPages} pages`);
    }
    this.page = this.doc.addPage([this.paper.width, this.paper.height]);
    this.pages.push(this.page);
    this.pageNotes.push([]);
    this.noteHeight = 0;
    this.y = this.top;
    this.colTop = this.top;
    this.colLow = this.top;
    this.col = 0;
    this.fresh = true;
    this.floats = [];
    this.floatText = [];
  }

  /** Records the stretch of the page a floating box drew its text on. */
  addFloatText(r: { x1: number; x2: number; top: number; bottom: number }): void {
    this.floatText.push(r);
  }

  /**
   * The highest top at or below `top` where text `h` tall from x1 to x2 overlaps no other
   * floating box's text on this page (boxes drawn over each other would print words over words).
   */
  clearOfFloatText(x1: number, x2: number, top: number, h: number): number {
    let y = top;
    for (let i = 0; i < 50; i++) {
      const hit = this.floatText.filter((r) => r.x1 < x2 - 0.01 && r.x2 > x1 + 0.01 && r.top > y - h + 0.01 && r.bottom < y - 0.01);
      if (!hit.length) return y;
      y = Math.min(...hit.map((r) => r.bottom));
    }
    return y;
  }

  /** A floating box drawn on the current page: the text from now on keeps out of `area`. */
  addFloat(area: FloatArea): void {
    this.floats.push(area);
  }

  hasFloats(): boolean {
    return this.floats.length > 0;
  }

  /** The floats a stretch of the text area from yTop down `h` runs into. */
  private floatsAt(yTop: number, h: number): FloatArea[] {
    const x1 = this.left;
    const x2 = this.left + this.width;
    return this.floats.filter((f) => f.top > yTop - h + 0.01 && f.bottom < yTop - 0.01 && f.x1 < x2 && f.x2 > x1);
  }

  /**
   * Where a line from yTop down `h` goes beside the floats there: the free stretches of the text
   * area wide enough for text (dx from its left edge), left to right — on both sides of a box
   * that lets text run on both, else on the side it allows or the widest; undefined when nothing
   * is in the way, or when the line must go below them.
   */
  besideAt(yTop: number, h: number): Array<{ width: number; dx: number }> | undefined {
    const hit = this.floatsAt(yTop, h);
    if (!hit.length || hit.some((f) => !f.beside)) return undefined;
    const end = this.left + this.width;
    let free: Array<{ from: number; to: number }> = [];
    let from = this.left;
    for (const f of hit.toSorted((a, b) => a.x1 - b.x1)) {
      if (f.x1 > from) free.push({ from, to: Math.min(f.x1, end) });
      from = Math.max(from, f.x2);
    }
    if (end > from) free.push({ from, to: end });
    free = free.filter((r) => r.to - r.from >= MIN_BESIDE);
    for (const f of hit) {
      // Text only on the box's left: none to its right; and the other way round.
      if (f.sides === 'left') free = free.filter((r) => r.from < f.x2 - 0.01);
      else if (f.sides === 'right') free = free.filter((r) => r.to > f.x1 + 0.01);
    }
    if (hit.some((f) => f.sides === 'largest') && free.length > 1) free = [free.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a))];
    if (!free.length) return undefined;
    return free.map((r) => ({ width: r.to - r.from, dx: r.from - this.left }));
  }

  /** Moves the flow below the floats a stretch of height `h` at the current y would run into. */
  clearFloats(h: number): void {
    for (let i = 0; i < 50; i++) {
      const hit = this.floatsAt(this.y, h);
      if (!hit.length) return;
      this.y = Math.min(...hit.map((f) => f.bottom));
      this.fresh = false;
    }
  }

  /** The lines of the footnotes a line references that still need a place (a note taller than a third of the page waits for the end). */
  private notesOf(line: FlowLine): { keys: string[]; lines: FlowLine[]; height: number } {
    const keys: string[] = [];
    const lines: FlowLine[] = [];
    let height = 0;
    for (const key of line.notes ?? []) {
      if (this.placedNotes.has(key) || keys.includes(key)) continue;
      const ls = this.opts.footnote?.(key);
      if (!ls) continue;
      const h = ls.reduce((sum, l) => sum + l.height, 0);
      if (h > this.bodyHeight / 3) continue;
      keys.push(key);
      lines.push(...ls);
      height += h;
    }
    return { keys, lines, height };
  }

  place(line: FlowLine, ctx: DrawContext, keep = 0): void {
    if (line.spacer) {
      if (this.fresh) return;
      // A short column's last spacing still counts (the columns end below it), down to the page's foot.
      if (line.height >= this.remaining() && !(this.shortColumn() && this.y - line.height >= this.bottom + this.noteHeight)) {
        this.y = this.colBottom;
        return;
      }
      this.y -= line.height;
      return;
    }
    if (!line.beside && this.floats.length) this.clearFloats(line.height);
    const notes = this.notesOf(line);
    const noteRoom = (): number => (notes.lines.length ? notes.height + (this.noteHeight === 0 ? NOTE_GAP : 0) : 0);
    // A line goes at the top of a column however tall it is, but not of a short one (columns
    // begun low on a page, balanced ones): it goes on to the next.
    const need = line.height - (keep > 0 ? 0 : (line.slack ?? 0));
    for (let k = 0; k < 50 && need + keep + noteRoom() > this.remaining() + 0.01 && (!this.fresh || this.shortColumn()); k++) this.newPage();
    line.draw?.(this.page, this.left, this.y, ctx);
    this.y -= line.height;
    this.fresh = false;
    if (notes.lines.length) {
      this.noteHeight += noteRoom();
      (this.pageNotes[this.pageNotes.length - 1] as FlowLine[]).push(...notes.lines);
      for (const k of notes.keys) this.placedNotes.add(k);
    }
  }

  /** Draws every page's footnotes at its foot, under a short rule, once all text is placed. */
  drawFootnotes(ctxOf: (pageIndex: number) => DrawContext): void {
    this.pageNotes.forEach((lines, idx) => {
      if (!lines.length) return;
      const page = this.pages[idx] as PDFPage;
      let y = this.bottom + lines.reduce((sum, l) => sum + l.height, 0);
      const ruleY = y + NOTE_GAP / 2;
      page.drawLine({ start: { x: this.areaLeft, y: ruleY }, end: { x: this.areaLeft + this.areaWidth / 3, y: ruleY }, thickness: 0.5 });
      const ctx = ctxOf(idx);
      for (const l of lines) {
        l.draw?.(page, this.areaLeft, y, ctx);
        y -= l.height;
      }
    });
  }

  markUsed(): void {
    this.fresh = false;
  }
}

function imageSize(img: ImageBlock, pic: Picture, maxW: number, maxH: number): { w: number; h: number } {
  // The document's display size; else the picture's own (pixels at 96 dpi, a metafile's frame).
  let w = img.width ?? pic.width;
  let h = img.height ?? pic.height;
  if (!(w > 0) || !(h > 0)) {
    w = pic.width;
    h = pic.height;
  }
  const scale = Math.min(1, maxW / w, maxH / h);
  return { w: w * scale, h: h * scale };
}

export function imageLine(img: ImageBlock, pic: Picture, maxW: number, maxH: number): FlowLine {
  const { w, h } = imageSize(img, pic, maxW, maxH);
  return {
    height: h + 4,
    draw(page, x, yTop) {
      pic.draw(page, x, yTop - h, w, h);
    },
  };
}

export async function placeImage(flow: Flow, img: ImageBlock, images: PictureCache, ctx: DrawContext): Promise<void> {
  flow.place(imageLine(img, await images.get(img), flow.width, flow.bodyHeight), ctx);
  flow.place(spacer(6), ctx);
}

/** A block's page-breaking rules as the flow applies them (model.ts Breaking). */
export interface KeepRules {
  keepLines?: boolean;
  widows?: number;
  orphans?: number;
}

/** The indices of a block's text lines (not its spacers). */
function textIndices(lines: FlowLine[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (!l.spacer) out.push(i);
  });
  return out;
}

function heightOf(lines: FlowLine[], from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h += (lines[i] as FlowLine).height;
  return h;
}

/**
 * How many of a block's text lines must stay together at its start: all of them with
 * keep-lines-together, or when the block is too short to leave `orphans` lines on one page and
 * `widows` on the next; else `orphans` (1 at least).
 */
function leadCount(count: number, rules: KeepRules): number {
  const orphans = Math.max(rules.orphans ?? 0, 1);
  const widows = Math.max(rules.widows ?? 0, 1);
  if (rules.keepLines || count < orphans + widows) return count;
  return orphans;
}

/**
 * The height a block needs at the foot of a page for its first lines to go there: its space
 * before and the lines that must stay together at its start (leadCount); `whole` whether that
 * is the whole block.
 */
export function leadHeight(lines: FlowLine[], rules: KeepRules): { height: number; whole: boolean; after: number } {
  const text = textIndices(lines);
  if (!text.length) return { height: heightOf(lines, 0, lines.length), whole: true, after: 0 };
  const n = leadCount(text.length, rules);
  const last = text[n - 1] as number;
  const end = text[text.length - 1] as number;
  return { height: heightOf(lines, 0, last + 1), whole: n === text.length, after: heightOf(lines, end + 1, lines.length) };
}

/**
 * The most of a page's body a keep may ask for below a line (a chain kept with the next, a table
 * kept with what follows it): more than that can't be kept whole, and asking for it would only
 * move blocks on page after page.
 */
export const KEEPABLE_SHARE = 0.9;

/**
 * The `keep` amount of each of a block's lines for Flow.place (the room that must be left below
 * the line on its page, else it begins the next one): the lines of its start stay together
 * (orphans, or the whole block), so do its last `widows` lines, and with `tail` (the room the
 * block kept with the next needs after it: its space after and the next block's first lines) the
 * last ones stay with what follows — a block kept with the next (a heading in a style with w:keepNext) is never a page's last line.
 */
export function keepAmounts(lines: FlowLine[], rules: KeepRules, tail: number): number[] {
  const keeps = lines.map(() => 0);
  const text = textIndices(lines);
  if (!text.length) return keeps;
  const end = (text[text.length - 1] as number) + 1;
  const n = leadCount(text.length, rules);
  const first = text[0] as number;
  const lastOfLead = text[n - 1] as number;
  if (n === text.length) {
    keeps[first] = heightOf(lines, first + 1, end) + tail;
    return keeps;
  }
  keeps[first] = heightOf(lines, first + 1, lastOfLead + 1);
  // The last lines: at least `widows` of them (one without widow control) begin a page together.
  const start = text[text.length - Math.max(rules.widows ?? 0, 1)] as number;
  keeps[start] = Math.max(keeps[start] as number, heightOf(lines, start + 1, end) + tail);
  return keeps;
}
