// Lays a DocModel out on A4 pages and writes the PDF.
// Layout is a single forward pass: text blocks become measured lines, lines flow onto pages,
// table rows move whole to the next page when they fit there and are split line-wise when
// they are taller than a page. Measuring uses the embedded face's real advance widths
// (fonts.ts), so wrapping in the PDF matches what is drawn.

import { PDFDocument, beginText, endText, rgb, setFontAndSize, setTextMatrix, showText } from '@cantoo/pdf-lib';
import type { PDFFont, PDFImage, PDFName, PDFOperator, PDFPage } from '@cantoo/pdf-lib';
import fontkit from '@cantoo/fontkit';
import { ConversionError } from './errors.ts';
import type { Deadline } from './errors.ts';
import { FACE_KEYS, faceBytes, faceKey, faceMetrics, fallbackLoaded, loadFallbackFace } from './fonts.ts';
import type { FaceKey } from './fonts.ts';
import { PAGE_FIELD, PAGES_FIELD, SYMBOL_FONT_CHARS, markerText as symbolMarker } from './model.ts';
import type { Alignment, Block, DocModel, Heading, ImageBlock, ListItem, Paragraph, Run, Table, TableCell } from './model.ts';

export const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56.69; // 2 cm
const BODY_SIZE = 10.5;
const HF_SIZE = 8.5; // header/footer text
const LINE_FACTOR = 1.36; // Open Sans ascent+descent is 1.36 em
const HEADING_SIZES = [18, 15, 13, 11.5, 10.5, 10.5];
const LIST_INDENT = 18;
const TAB_STOP = 36;
const CELL_PAD = 4;
const BLACK = rgb(0, 0, 0);

export interface RenderOptions {
  deadline: Deadline;
  maxPages: number;
  /** Producer written to the PDF's Info dictionary. */
  producer?: string;
}

// ---------------------------------------------------------------------------------------------
// Text clean-up: what the face can't show is either dropped (invisible format characters),
// mapped to an equivalent (exotic spaces, non-breaking hyphen) or refused — never drawn as
// empty boxes, since that would silently lose report text.

/** Invisible format characters (controls, soft hyphen, zero-width and direction marks, BOM, variation selectors). */
function dropped(c: number): boolean {
  return (
    (c < 0x20 && c !== 9 && c !== 10 && c !== 13) ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0xad ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    c === 0xfeff ||
    (c >= 0xfe00 && c <= 0xfe0f)
  );
}

function exoticSpace(c: number): boolean {
  return (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Whether cleanText has anything to rewrite (most runs don't: skip rebuilding them). */
function needsCleaning(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10) || (c >= 0x7f && c <= 0xad)) return true;
    if (c >= 0x2000 && (dropped(c) || exoticSpace(c) || c === 0x2011 || (c >= 0xf000 && c <= 0xf0ff))) return true;
  }
  return false;
}

function cleanText(s: string): string {
  let t = s;
  if (needsCleaning(s)) {
    t = '';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (dropped(c)) continue;
      if (exoticSpace(c)) t += ' ';
      else if (c === 0x2011) t += '-';
      else if (c >= 0xf000 && c <= 0xf0ff && SYMBOL_FONT_CHARS.has(c)) t += SYMBOL_FONT_CHARS.get(c) as string;
      else t += s[i];
    }
  }
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  const m = faceMetrics('regular');
  const fb = fallbackLoaded() ? faceMetrics('fallback') : null;
  for (let i = 0; i < t.length; i++) {
    const cp = t.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (cp === 10 || cp === 9 || cp === 0xe000 || cp === 0xe001) continue;
    if (!m.has(cp) && !fb?.has(cp)) {
      throw new ConversionError(
        'unsupported',
        `text contains a character the embedded font cannot show (U+${cp.toString(16).toUpperCase().padStart(4, '0')}); converting would lose it`,
      );
    }
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Inline layout.

interface Style {
  face: FaceKey;
  underline: boolean;
  size: number;
}

interface Segment {
  text: string;
  style: Style;
  x: number; // relative to the line's left edge
  width: number;
  tab?: boolean;
}

interface TextLine {
  segments: Segment[];
  width: number;
  size: number; // largest font size on the line
  /** Ended because the next word didn't fit (not at a line break or the paragraph's end): justifiable. */
  wrapped?: boolean;
}

/** A measured, positioned thing in the vertical flow: a text line, a spacer, an image. */
interface FlowLine {
  height: number;
  /** Draw with the line's top-left at (x, yTop). */
  draw?: (page: PDFPage, x: number, yTop: number, ctx: DrawContext) => void;
  /** Spacers are dropped at the top of a page. */
  spacer?: boolean;
}

interface DrawContext {
  fonts: Record<FaceKey, PDFFont | undefined>;
  pageNumber: number;
  pageCount: number;
}

type Token =
  | { t: 'word'; parts: Array<{ text: string; style: Style }> }
  | { t: 'space'; text: string; style: Style }
  | { t: 'tab'; style: Style }
  | { t: 'br'; style: Style };

function tokenize(runs: Run[], size: number, forceBold: boolean): Token[] {
  const tokens: Token[] = [];
  let lastWord: Extract<Token, { t: 'word' }> | null = null;
  for (const run of runs) {
    const text = cleanText(run.text);
    if (!text) continue;
    const style: Style = { face: faceKey(run.bold || forceBold, run.italic), underline: !!run.underline, size };
    for (const m of text.matchAll(/\n|\t| +|[^ \t\n]+/g)) {
      const piece = m[0];
      if (piece === '\n') {
        tokens.push({ t: 'br', style });
        lastWord = null;
      } else if (piece === '\t') {
        tokens.push({ t: 'tab', style });
        lastWord = null;
      } else if (piece[0] === ' ') {
        tokens.push({ t: 'space', text: piece, style });
        lastWord = null;
      } else {
        // A word continuing in the next run ("Hel" + bold "lo") must not be broken there.
        if (!lastWord) {
          lastWord = { t: 'word', parts: [] };
          tokens.push(lastWord);
        }
        for (const part of splitByFace(piece, style)) lastWord.parts.push(part);
      }
    }
  }
  return tokens;
}

/** Splits text into stretches the style's face can draw and stretches that need the fallback face. */
function splitByFace(text: string, style: Style): Array<{ text: string; style: Style }> {
  const primary = faceMetrics(style.face);
  const out: Array<{ text: string; style: Style }> = [];
  let cur = '';
  let curFallback = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    const fallback = !primary.has(cp) && cp !== PAGE_FIELD_CP && cp !== PAGES_FIELD_CP;
    if (cur && fallback !== curFallback) {
      out.push({ text: cur, style: curFallback ? { ...style, face: 'fallback' } : style });
      cur = '';
    }
    cur += ch;
    curFallback = fallback;
  }
  if (cur) out.push({ text: cur, style: curFallback ? { ...style, face: 'fallback' } : style });
  return out;
}

const PAGE_FIELD_CP = PAGE_FIELD.charCodeAt(0);
const PAGES_FIELD_CP = PAGES_FIELD.charCodeAt(0);

function measure(text: string, style: Style): number {
  return faceMetrics(style.face).width(text, style.size);
}

function sameStyle(a: Style, b: Style): boolean {
  return a.face === b.face && a.underline === b.underline && a.size === b.size;
}

/** Greedy line breaking at spaces; words longer than a line are cut between characters. */
function breakLines(tokens: Token[], maxWidth: number, size: number): TextLine[] {
  const lines: TextLine[] = [];
  let cur: TextLine = { segments: [], width: 0, size };
  let hasContent = false;

  const append = (text: string, style: Style, width: number): void => {
    const last = cur.segments[cur.segments.length - 1];
    if (last && sameStyle(last.style, style) && Math.abs(last.x + last.width - cur.width) < 0.01) {
      last.text += text;
      last.width += width;
    } else {
      cur.segments.push({ text, style, x: cur.width, width });
    }
    cur.width += width;
    if (style.size > cur.size) cur.size = style.size;
  };
  const finish = (wrapped = false): void => {
    if (wrapped) cur.wrapped = true;
    // Trailing spaces neither count for alignment nor get drawn.
    const last = cur.segments[cur.segments.length - 1];
    if (last) {
      const trimmed = last.text.replace(/ +$/, '');
      if (trimmed !== last.text) {
        const w = measure(trimmed, last.style);
        cur.width -= last.width - w;
        last.text = trimmed;
        last.width = w;
        if (!trimmed) cur.segments.pop();
      }
    }
    lines.push(cur);
    cur = { segments: [], width: 0, size };
    hasContent = false;
  };

  for (const tok of tokens) {
    if (tok.t === 'br') {
      finish();
    } else if (tok.t === 'space') {
      if (hasContent) append(tok.text, tok.style, measure(tok.text, tok.style));
    } else if (tok.t === 'tab') {
      const next = (Math.floor(cur.width / TAB_STOP) + 1) * TAB_STOP;
      if (next > maxWidth) {
        finish(true);
      } else {
        // Advance with an empty segment so following text starts at the tab stop; a space keeps
        // the gap visible to text extraction.
        cur.segments.push({ text: ' ', style: tok.style, x: cur.width, width: next - cur.width, tab: true });
        cur.width = next;
        hasContent = true;
      }
    } else {
      const widths = tok.parts.map((p) => measure(p.text, p.style));
      const total = widths.reduce((a, b) => a + b, 0);
      if (hasContent && cur.width + total > maxWidth) finish(true);
      if (total <= maxWidth - cur.width) {
        tok.parts.forEach((p, i) => append(p.text, p.style, widths[i] as number));
      } else {
        // Longer than a whole line: cut between characters.
        for (const p of tok.parts) {
          for (const ch of p.text) {
            const w = measure(ch, p.style);
            if (hasContent && cur.width + w > maxWidth) finish(true);
            append(ch, p.style, w);
            hasContent = true;
          }
        }
      }
      hasContent = true;
    }
  }
  if (hasContent || cur.segments.length || lines.length === 0) finish();
  return lines;
}

function fieldText(text: string, ctx: DrawContext): string {
  if (text.indexOf(PAGE_FIELD) < 0 && text.indexOf(PAGES_FIELD) < 0) return text;
  return text.split(PAGE_FIELD).join(String(ctx.pageNumber)).split(PAGES_FIELD).join(String(ctx.pageCount));
}

function countSpaces(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) n++;
  return n;
}

function drawUnderline(page: PDFPage, x1: number, x2: number, baseline: number, size: number): void {
  const uy = baseline - size * 0.12;
  page.drawLine({ start: { x: x1, y: uy }, end: { x: x2, y: uy }, thickness: Math.max(0.5, size * 0.06), color: BLACK });
}

function textFlowLines(lines: TextLine[], width: number, align: Alignment | undefined, indent: number, marker?: { text: string; x: number; style: Style }): FlowLine[] {
  return lines.map((line, idx) => {
    const height = line.size * LINE_FACTOR;
    let offset = indent;
    if (align === 'center') offset += (width - indent - line.width) / 2;
    else if (align === 'right') offset += width - indent - line.width;
    // Justified: every wrapped line is stretched at its spaces (a line with a tab is left as set).
    let extra = 0;
    if (align === 'justify' && line.wrapped && !line.segments.some((g) => g.tab)) {
      const spaces = line.segments.reduce((n, g) => n + countSpaces(g.text), 0);
      if (spaces > 0) extra = Math.max(0, width - indent - line.width) / spaces;
    }
    return {
      height,
      draw(page, x, yTop, ctx) {
        const baseline = yTop - line.size * faceMetrics('regular').ascent;
        const text = new TextOps(page, ctx);
        if (idx === 0 && marker) text.show(marker.text, marker.style, x + marker.x, baseline);
        let cursor = x + offset;
        for (const seg of line.segments) {
          const str = fieldText(seg.text, ctx);
          const size = seg.style.size;
          if (extra === 0) {
            const sx = x + offset + seg.x;
            if (str.trim()) text.show(str, seg.style, sx, baseline);
            if (seg.style.underline && seg.width > 0) text.underline(sx, sx + seg.width, baseline, size);
            continue;
          }
          // Word by word, each with its trailing spaces so extraction still sees them.
          const start = cursor;
          for (const m of str.matchAll(/[^ ]+ *| +/g)) {
            const chunk = m[0];
            if (chunk.trim()) text.show(chunk, seg.style, cursor, baseline);
            cursor += measure(chunk, seg.style) + countSpaces(chunk) * extra;
          }
          if (seg.style.underline && cursor > start) text.underline(start, cursor, baseline, size);
        }
        text.flush();
      },
    };
  });
}

/**
 * Text operators for one line, written straight into the page's content stream: one BT…ET with
 * a Tf only where the face changes. page.drawText would wrap every piece in its own q/BT/colour/
 * ET/Q and validate its options, which tripled the content stream and its compression time.
 * Fill colour stays the initial black: everything else we draw restores the state it changes.
 */
class TextOps {
  private readonly page: PDFPage;
  private readonly ctx: DrawContext;
  private readonly ops: PDFOperator[] = [beginText()];
  private current = '';
  private underlines: Array<[number, number, number, number]> = [];

  constructor(page: PDFPage, ctx: DrawContext) {
    this.page = page;
    this.ctx = ctx;
  }

  show(text: string, style: Style, x: number, y: number): void {
    const font = this.ctx.fonts[style.face] as PDFFont;
    const id = `${style.face}@${style.size}`;
    if (id !== this.current) {
      this.ops.push(setFontAndSize(fontResource(this.page, style.face, font), style.size));
      this.current = id;
    }
    this.ops.push(setTextMatrix(1, 0, 0, 1, x, y), showText(font.encodeText(text)));
  }

  underline(x1: number, x2: number, baseline: number, size: number): void {
    this.underlines.push([x1, x2, baseline, size]);
  }

  flush(): void {
    if (this.ops.length > 1) {
      this.ops.push(endText());
      this.page.pushOperators(...this.ops);
    }
    for (const [x1, x2, baseline, size] of this.underlines) drawUnderline(this.page, x1, x2, baseline, size);
  }
}

const fontKeys = new WeakMap<PDFPage, Map<FaceKey, PDFName>>();

/** The page's resource name for a face, added once per page. */
function fontResource(page: PDFPage, face: FaceKey, font: PDFFont): PDFName {
  let keys = fontKeys.get(page);
  if (!keys) {
    keys = new Map();
    fontKeys.set(page, keys);
  }
  let key = keys.get(face);
  if (!key) {
    key = page.node.newFontDictionary(font.name, font.ref);
    keys.set(face, key);
  }
  return key;
}

function spacer(height: number): FlowLine {
  return { height, spacer: true };
}

function layoutTextBlock(block: Paragraph | Heading | ListItem, width: number, baseSize = BODY_SIZE): FlowLine[] {
  if (block.kind === 'heading') {
    const size = HEADING_SIZES[Math.min(Math.max(block.level, 1), 6) - 1] as number;
    const lines = breakLines(tokenize(block.runs, size, true), width, size);
    return [spacer(size * 0.7), ...textFlowLines(lines, width, block.align, 0), spacer(size * 0.35)];
  }
  if (block.kind === 'list-item') {
    const markerText = cleanText(symbolMarker(block.marker));
    const regular = faceMetrics('regular');
    const markerFace: FaceKey = [...markerText].every((ch) => regular.has(ch.codePointAt(0) as number)) ? 'regular' : 'fallback';
    const markerStyle: Style = { face: markerFace, underline: false, size: baseSize };
    const markerWidth = measure(markerText, markerStyle);
    const indent = LIST_INDENT * block.level + Math.max(LIST_INDENT, markerWidth + 6);
    const lines = breakLines(tokenize(block.runs, baseSize, false), width - indent, baseSize);
    // breakLines measured against the narrower width; shift everything by the hanging indent.
    return [
      ...textFlowLines(lines, width, undefined, indent, { text: markerText, x: LIST_INDENT * block.level, style: markerStyle }),
      spacer(2),
    ];
  }
  const indent = Math.min(block.indent ?? 0, width / 2);
  const lines = breakLines(tokenize(block.runs, baseSize, false), width - indent, baseSize);
  return [...textFlowLines(lines, width, block.align, indent), spacer(baseSize * 0.55)];
}

// ---------------------------------------------------------------------------------------------
// Page flow.

class Flow {
  readonly doc: PDFDocument;
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  readonly top: number;
  readonly bottom: number;
  readonly left = MARGIN;
  readonly width = A4.width - 2 * MARGIN;
  private fresh = true;
  private readonly opts: RenderOptions;

  constructor(doc: PDFDocument, top: number, bottom: number, opts: RenderOptions) {
    this.doc = doc;
    this.top = top;
    this.bottom = bottom;
    this.opts = opts;
    this.newPage();
  }

  get bodyHeight(): number {
    return this.top - this.bottom;
  }

  remaining(): number {
    return this.y - this.bottom;
  }

  isFresh(): boolean {
    return this.fresh;
  }

  newPage(): void {
    this.opts.deadline.check();
    if (this.pages.length >= this.opts.maxPages) {
      throw new ConversionError('too-large', `the converted document would have more than ${this.opts.maxPages} pages`);
    }
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = this.top;
    this.fresh = true;
  }

  place(line: FlowLine, ctx: DrawContext, keep = 0): void {
    if (line.spacer) {
      if (this.fresh) return;
      if (line.height >= this.remaining()) {
        this.y = this.bottom;
        return;
      }
      this.y -= line.height;
      return;
    }
    if (line.height + keep > this.remaining() + 0.01 && !this.fresh) this.newPage();
    line.draw?.(this.page, this.left, this.y, ctx);
    this.y -= line.height;
    this.fresh = false;
  }

  markUsed(): void {
    this.fresh = false;
  }
}

interface ImageCache {
  get(img: ImageBlock): Promise<PDFImage>;
}

function makeImageCache(doc: PDFDocument): ImageCache {
  const cache = new Map<Uint8Array, PDFImage>();
  return {
    async get(img) {
      let e = cache.get(img.bytes);
      if (!e) {
        try {
          e = img.format === 'png' ? await doc.embedPng(img.bytes) : await doc.embedJpg(img.bytes);
        } catch {
          throw new ConversionError('corrupt', `an embedded ${img.format.toUpperCase()} image could not be decoded`);
        }
        cache.set(img.bytes, e);
      }
      return e;
    },
  };
}

function imageSize(img: ImageBlock, pdfImg: PDFImage, maxW: number, maxH: number): { w: number; h: number } {
  // Pixels at 96 dpi when the document gave no size.
  let w = img.width ?? pdfImg.width * 0.75;
  let h = img.height ?? pdfImg.height * 0.75;
  if (!(w > 0) || !(h > 0)) {
    w = pdfImg.width * 0.75;
    h = pdfImg.height * 0.75;
  }
  const scale = Math.min(1, maxW / w, maxH / h);
  return { w: w * scale, h: h * scale };
}

function imageLine(img: ImageBlock, pdfImg: PDFImage, maxW: number, maxH: number): FlowLine {
  const { w, h } = imageSize(img, pdfImg, maxW, maxH);
  return {
    height: h + 4,
    draw(page, x, yTop) {
      page.drawImage(pdfImg, { x, y: yTop - h, width: w, height: h });
    },
  };
}

async function placeImage(flow: Flow, img: ImageBlock, images: ImageCache, ctx: DrawContext): Promise<void> {
  flow.place(imageLine(img, await images.get(img), flow.width, flow.bodyHeight), ctx);
  flow.place(spacer(6), ctx);
}

// ---------------------------------------------------------------------------------------------
// Tables.

const MAX_COLUMNS = 64;

/** A cell's column span, bounded: a hostile span must not size an array. */
function spanOf(cell: TableCell): number {
  const s = cell.colSpan ?? 1;
  return Number.isFinite(s) ? Math.min(Math.max(1, Math.floor(s)), MAX_COLUMNS) : 1;
}

function columnLayout(table: Table, width: number): number[] {
  let n = 1;
  for (const r of table.rows) n = Math.max(n, r.cells.reduce((s, c) => s + spanOf(c), 0));
  if (n > MAX_COLUMNS) throw new ConversionError('unsupported', `a table has more than ${MAX_COLUMNS} columns, too many to fit a page`);
  const given = table.columnWidths?.length === n && table.columnWidths.every((w) => w > 0) ? table.columnWidths : null;
  const rel = given ?? Array.from({ length: n }, () => 1);
  const sum = rel.reduce((a, b) => a + b, 0);
  return rel.map((w) => (w / sum) * width);
}

function stroke(page: PDFPage, x1: number, y1: number, x2: number, y2: number): void {
  page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.6, color: BLACK });
}

async function placeTable(flow: Flow, table: Table, ctx: DrawContext, deadline: Deadline, images: ImageCache): Promise<void> {
  const cols = columnLayout(table, flow.width);
  // Pictures in cells are embedded up front: the row layout below is synchronous.
  const cellImages = new Map<ImageBlock, PDFImage>();
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
        if (b.kind === 'image') lines.push(imageLine(b, cellImages.get(b) as PDFImage, inner, flow.bodyHeight - 2 * CELL_PAD), spacer(2));
        else lines.push(...layoutTextBlock(b, inner, 9.5));
      }
      while (lines.length && lines[lines.length - 1]?.spacer) lines.pop();
      while (lines.length && lines[0]?.spacer) lines.shift();
      return { x, w, lines, next: 0 };
    });
    const rowHeight = (from: Array<{ lines: FlowLine[]; next: number }>): number =>
      Math.max(0, ...from.map((c) => c.lines.slice(c.next).reduce((s, l) => s + l.height, 0))) + 2 * CELL_PAD;
    const full = rowHeight(cells);
    // Move the whole row to the next page when it fits there; split it only when it is taller than a page.
    if (full > flow.remaining() && full <= flow.bodyHeight && !flow.isFresh()) flow.newPage();
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
      const chunk = used + 2 * CELL_PAD;
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

// ---------------------------------------------------------------------------------------------
// Document.

interface FontkitLike {
  create(data: Uint8Array, postscriptName?: string): unknown;
}

interface ShapingFont {
  layout(text: string, features?: unknown): { glyphs: unknown[] };
  glyphForCodePoint(cp: number): unknown;
}

/**
 * fontkit with a plain one-glyph-per-character layout. pdf-lib shapes every drawn string through
 * fontkit's full OpenType layout, which costs more than the rest of the conversion together; a
 * report in a Latin script needs neither ligatures nor kerning, and plain mapping keeps the drawn
 * widths identical to what the line breaker measured (fonts.ts). The glyphs still carry their
 * code points, so the ToUnicode map and text extraction are unchanged.
 */
const parsedFonts = new WeakMap<Uint8Array, ShapingFont>();

const plainLayoutFontkit: FontkitLike = {
  create(data, postscriptName) {
    // The face bytes are module constants (fonts.ts), so a parsed font is reused by every
    // conversion: each document still gets its own subset (createSubset) from it.
    const cached = parsedFonts.get(data);
    if (cached) return cached;
    const font = (fontkit as unknown as FontkitLike).create(data, postscriptName) as ShapingFont;
    const cache = new Map<number, unknown>();
    font.layout = (text: string) => {
      const glyphs: unknown[] = [];
      for (const ch of text) {
        const cp = ch.codePointAt(0) as number;
        let g = cache.get(cp);
        if (g === undefined) {
          g = font.glyphForCodePoint(cp);
          cache.set(cp, g);
        }
        glyphs.push(g);
      }
      return { glyphs };
    };
    parsedFonts.set(data, font);
    return font;
  },
};

/** The faces a model draws with; 'fallback' when some character is missing from Open Sans. */
function collectFaces(model: DocModel): Set<FaceKey> {
  const used = new Set<FaceKey>(['regular']);
  const regular = faceMetrics('regular');
  const scan = (text: string): void => {
    if (used.has('fallback')) return;
    for (const ch of text) {
      const raw = ch.codePointAt(0) as number;
      const cp = raw >= 0xf000 && raw <= 0xf0ff ? (SYMBOL_FONT_CHARS.get(raw)?.codePointAt(0) ?? raw) : raw;
      if (cp > 0x20 && !regular.has(cp) && !dropped(cp) && !exoticSpace(cp) && cp !== PAGE_FIELD_CP && cp !== PAGES_FIELD_CP && cp !== 0x2011) {
        used.add('fallback');
        return;
      }
    }
  };
  const runs = (rs: Run[], bold = false): void => {
    for (const r of rs) {
      used.add(faceKey(r.bold || bold, r.italic));
      scan(r.text);
    }
  };
  const visit = (b: Block): void => {
    if (b.kind === 'list-item') scan(symbolMarker(b.marker));
    if (b.kind === 'paragraph' || b.kind === 'list-item') runs(b.runs);
    else if (b.kind === 'heading') runs(b.runs, true);
    else if (b.kind === 'table') for (const r of b.rows) for (const c of r.cells) for (const cb of c.blocks) visit(cb);
  };
  model.blocks.forEach(visit);
  for (const p of [...(model.header ?? []), ...(model.footer ?? [])]) runs(p.runs);
  return used;
}

function hfLines(paras: Paragraph[] | undefined, width: number): FlowLine[] {
  const out: FlowLine[] = [];
  for (const p of paras ?? []) {
    if (!p.runs.some((r) => r.text.trim())) continue;
    out.push(...textFlowLines(breakLines(tokenize(p.runs, HF_SIZE, false), width, HF_SIZE), width, p.align, 0));
  }
  return out;
}

async function renderImagePage(doc: PDFDocument, img: ImageBlock): Promise<void> {
  const pdfImg = await makeImageCache(doc).get(img);
  const landscape = pdfImg.width > pdfImg.height;
  const pw = landscape ? A4.height : A4.width;
  const ph = landscape ? A4.width : A4.height;
  const m = 28.35; // 1 cm
  const scale = Math.min((pw - 2 * m) / pdfImg.width, (ph - 2 * m) / pdfImg.height);
  const w = pdfImg.width * scale;
  const h = pdfImg.height * scale;
  const page = doc.addPage([pw, ph]);
  page.drawImage(pdfImg, { x: (pw - w) / 2, y: (ph - h) / 2, width: w, height: h });
}

export async function renderPdf(model: DocModel, opts: RenderOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setProducer(opts.producer ?? 'ReportGuard');
  doc.setCreationDate(new Date());
  doc.setModificationDate(new Date());

  if (model.imageOnly) {
    const img = model.blocks[0];
    if (!img || img.kind !== 'image') throw new ConversionError('corrupt', 'no image to convert');
    await renderImagePage(doc, img);
    return doc.save({ useObjectStreams: true });
  }

  doc.registerFontkit(plainLayoutFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const fonts: Record<FaceKey, PDFFont | undefined> = { regular: undefined, bold: undefined, italic: undefined, boldItalic: undefined, fallback: undefined };
  const used = collectFaces(model);
  if (used.has('fallback')) await loadFallbackFace();
  for (const key of FACE_KEYS) {
    if (used.has(key)) fonts[key] = await doc.embedFont(faceBytes(key), { subset: true });
  }

  const width = A4.width - 2 * MARGIN;
  const header = hfLines(model.header, width);
  const footer = hfLines(model.footer, width);
  const headerH = header.reduce((s, l) => s + l.height, 0);
  const footerH = footer.reduce((s, l) => s + l.height, 0);
  const hfEdge = 28.35; // header/footer sit 1 cm from the paper edge
  const top = Math.min(A4.height - MARGIN, A4.height - hfEdge - headerH - 10);
  const bottom = Math.max(MARGIN, hfEdge + footerH + 10);
  if (top - bottom < A4.height / 3) throw new ConversionError('unsupported', 'the header and footer leave too little room for the text');

  const flow = new Flow(doc, top, bottom, opts);
  const ctx: DrawContext = { fonts, pageNumber: 0, pageCount: 0 };
  const images = makeImageCache(doc);
  const blocks = model.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (i % 50 === 0) opts.deadline.check();
    switch (b.kind) {
      case 'page-break':
        flow.newPage();
        break;
      case 'image':
        await placeImage(flow, b, images, ctx);
        break;
      case 'table':
        await placeTable(flow, b, ctx, opts.deadline, images);
        break;
      default: {
        const lines = layoutTextBlock(b, flow.width);
        // Keep a heading with at least three lines of what follows.
        const keep = b.kind === 'heading' ? BODY_SIZE * LINE_FACTOR * 3 : 0;
        lines.forEach((l, k) => flow.place(l, ctx, k === 1 || (k === 0 && lines.length === 1) ? keep : 0));
      }
    }
  }

  const pageCount = flow.pages.length;
  flow.pages.forEach((page, idx) => {
    const pctx: DrawContext = { fonts, pageNumber: idx + 1, pageCount };
    let y = A4.height - hfEdge;
    for (const l of header) {
      l.draw?.(page, MARGIN, y, pctx);
      y -= l.height;
    }
    y = hfEdge + footerH;
    for (const l of footer) {
      l.draw?.(page, MARGIN, y, pctx);
      y -= l.height;
    }
  });
  return doc.save({ useObjectStreams: true });
}
