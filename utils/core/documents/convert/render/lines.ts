// Inline layout: runs become tokens, tokens become measured lines (greedy breaking at spaces,
// tab stops, alignment and justification), lines become flow lines that draw themselves as one
// BT…ET per line. Measuring uses the embedded face's real advance widths (../fonts.ts), so
// wrapping in the PDF matches what is drawn. Colours: a run's highlight and a paragraph's
// shading are filled before the text over them; text is drawn in its colour unless that would
// leave it unreadable on what lies behind it (colour.ts drawnColour).

import { beginText, endText, rgb, setCharacterSpacing, setFillingRgbColor, setFontAndSize, setTextMatrix, showText } from '@cantoo/pdf-lib';
import type { PDFFont, PDFName, PDFOperator, PDFPage } from '@cantoo/pdf-lib';
import { faceKey, faceMetrics, fallbackFaceFor, familyLoaded, metricFamily, openSansFace } from '../fonts.ts';
import type { FaceKey } from '../fonts.ts';
import { PAGE_FIELD, PAGES_FIELD, fontLineEm, markerText as symbolMarker } from '../model.ts';
import type { Alignment, Colour, Heading, InlinePicture, ListItem, Paragraph, Run, Spacing, TabStop } from '../model.ts';
import { drawnColour, fillRect, pdfColour } from './colour.ts';
import { inlinePicture, inlineSize } from './inline-pictures.ts';
import type { Picture } from './picture.ts';
import { RTL_RE, drawnText, isRtlParagraph, visualPieces } from './bidi.ts';
import { cleanText } from './clean-text.ts';
import { nextTab, type ResolvedTab, type TabSetting } from './tabs.ts';

export const BODY_SIZE = 10.5;
export const LINE_FACTOR = 1.36; // Open Sans ascent+descent is 1.36 em
const HEADING_SIZES = [18, 15, 13, 11.5, 10.5, 10.5];
const LIST_INDENT = 18;
export const BLACK = rgb(0, 0, 0);

export interface Style {
  face: FaceKey;
  underline: boolean;
  size: number;
  /** Baseline raised by this much (a note's reference mark). */
  rise?: number;
  /** The single line height, in em, of the font the run names (fontLineEm); none named: the document's. */
  em?: number;
  /** The colour the text is drawn in (drawnColour: its own, unless unreadable there); black when absent. */
  color?: Colour;
  /** Filled behind the text (the run's highlight). */
  bg?: Colour;
}

/** A raised mark is set at this share of the text size, its baseline this share of the size up. */
const SUP_SCALE = 0.62;
const SUP_RISE = 0.35;

interface Segment {
  text: string;
  style: Style;
  x: number; // relative to the line's left edge
  width: number;
  tab?: boolean;
  /** An inline picture (its text is empty): drawn `height` tall where `vpos` puts it. */
  pic?: { picture: Picture | undefined; height: number; vpos: NonNullable<InlinePicture['vpos']>; y: number };
  /** A tab's gap is filled with this character (a leader: "Title ........ 12"). */
  leader?: string;
}

interface TextLine {
  segments: Segment[];
  width: number;
  size: number; // largest font size on the line
  /** The tallest single line its text needs by the fonts it names (size × em), and the largest size of text naming none. */
  fontEm?: number;
  plainSize?: number;
  /** Ended because the next word didn't fit (not at a line break or the paragraph's end): justifiable. */
  wrapped?: boolean;
  /** Footnotes whose reference mark is on this line. */
  notes?: string[];
}

/** A measured, positioned thing in the vertical flow: a text line, a spacer, an image. */
export interface FlowLine {
  height: number;
  /** Draw with the line's top-left at (x, yTop). */
  draw?: (page: PDFPage, x: number, yTop: number, ctx: DrawContext) => void;
  /** Spacers are dropped at the top of a page. */
  spacer?: boolean;
  /** Footnotes referenced on this line: they go to the foot of the page the line lands on. */
  notes?: string[];
  /** Set narrower beside a floating box: the flow does not move it below the box. */
  beside?: boolean;
  /** How far across its text reaches from the line's left edge, indent included (a shape's text block is as wide as its widest line). */
  textWidth?: number;
  /** Room at the foot of the line, below its text, that may hang past the foot of the page (a "1.15 lines" line's extra). */
  slack?: number;
}

/** The embedded faces of a document, by key (only the ones it uses). */
export type FaceFonts = Partial<Record<FaceKey, PDFFont>>;

export interface DrawContext {
  fonts: FaceFonts;
  pageNumber: number;
  pageCount: number;
}

type Token =
  | { t: 'word'; parts: Array<{ text: string; style: Style; note?: string }> }
  | { t: 'space'; text: string; style: Style }
  | { t: 'tab'; style: Style }
  | { t: 'br'; style: Style }
  | { t: 'pic'; pic: InlinePicture; style: Style };

/**
 * How a block's text is set: `scale` — runs with their own size (Run.size) are set at that size
 * times scale (1 in the body; a table set smaller scales them with it); without it every run is
 * set at the block's size. `lineEm` — the single line height in em (DocModel.lineEm).
 */
export interface TextSetting {
  scale?: number;
  lineEm?: number;
  /** The document's default tab stop distance (DocModel.defaultTab). */
  defaultTab?: number;
  /** Default stops count from the paragraph's left indent (DocModel.tabsFromIndent). */
  tabsFromIndent?: boolean;
  /**
   * Line `i` of the block set narrower, `dx` in from the left (beside a floating box); undefined
   * for a line of the whole width. Lines set this way are marked `beside`; a `row` line shares its
   * row with the next one (text on both sides of a box): it takes no height of its own.
   */
  shape?: (line: number) => { width: number; dx: number; row?: boolean } | undefined;
  /**
   * How far left of the text area a line may begin (a negative indent runs into the page's left
   * margin, as in LibreOffice): the margin in the body, 0 (the default) in cells and boxes.
   */
  outdent?: number;
  /** What the block's lines are drawn on (a table cell's shading); the paper when absent. */
  background?: Colour;
}

/** A run's size: its own (times the setting's scale) when it has one and the setting honours it, else `size`. */
function runSize(run: Run, size: number, scale: number | undefined): number {
  if (scale === undefined || run.size === undefined || !(run.size > 0)) return size;
  return Math.min(Math.max(run.size * scale, 1), 400);
}

/**
 * The face a run is set in: the metric-compatible face of its font (Calibri → Carlito, Arial →
 * Arimo…) when that face is loaded (render.ts loads the ones a document names), else Open Sans.
 */
export function runFace(run: Run, forceBold = false): FaceKey {
  const family = metricFamily(run.font);
  return faceKey(run.bold || forceBold, run.italic, family && familyLoaded(family) ? family : undefined);
}

/** Where a word may be broken: after a hyphen (U+002D, U+2010) that follows a letter or digit and comes before a letter. */
const HYPHEN_BREAK = /(?<=[\p{L}\p{N}][-\u2010])(?=\p{L})/u;

/**
 * Where Chinese and Japanese text may be broken, which has no spaces (the part of Unicode line
 * breaking, UAX #14, for classes ID, CL, NS and OP): before or after an ideograph or kana, after
 * full-width closing punctuation and before full-width opening punctuation; never before closing
 * punctuation or a small kana, prolonged sound mark or iteration mark, nor after opening punctuation.
 */
const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const CJK_OPEN = new Set('（「『【〔〈《〖〘〚｛［｟〝');
const CJK_CLOSE = new Set('、。，．：；？！）」』】〕〉》〗〙〛｝］｠〞〟');
const OPEN = new Set([...CJK_OPEN, ...'([{“‘']);
const NO_BREAK_BEFORE = new Set([...CJK_CLOSE, ...')]}!?,.:;%”’', ...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿーｰ々〻ゝゞヽヾ・･']);

function cjkBreakBetween(a: string, b: string): boolean {
  if (OPEN.has(a) || NO_BREAK_BEFORE.has(b)) return false;
  return CJK_CHAR.test(a) || CJK_CHAR.test(b) || CJK_CLOSE.has(a) || CJK_OPEN.has(b);
}

/** A word's pieces between which a line may break: after a hyphen between letters, around CJK characters. */
function breakPieces(word: string): string[] {
  const chunks = word.split(HYPHEN_BREAK);
  if (!CJK_CHAR.test(word)) return chunks;
  return chunks.flatMap((c) => {
    const out: string[] = [];
    let cur = '';
    let prev = '';
    for (const ch of c) {
      if (cur && cjkBreakBetween(prev, ch)) {
        out.push(cur);
        cur = '';
      }
      cur += ch;
      prev = ch;
    }
    if (cur) out.push(cur);
    return out;
  });
}

/** A run's colours as drawn on `background` (the paper when absent): its highlight, and its text's colour over that. */
function runColours(run: Run, background: Colour | undefined): { color?: Colour; bg?: Colour } {
  if (run.color === undefined && run.highlight === undefined && background === undefined) return {};
  const color = drawnColour(run.color, run.highlight ?? background);
  return { ...(color !== undefined ? { color } : {}), ...(run.highlight !== undefined ? { bg: run.highlight } : {}) };
}

export function tokenize(runs: Run[], baseSize: number, forceBold: boolean, scale?: number, background?: Colour): Token[] {
  const tokens: Token[] = [];
  let lastWord: Extract<Token, { t: 'word' }> | null = null;
  for (const run of runs) {
    if (run.picture) {
      // A picture set as a character: a word of its own (the line may break before or after it).
      tokens.push({ t: 'pic', pic: run.picture, style: { face: runFace(run, forceBold), underline: false, size: runSize(run, baseSize, scale) } });
      lastWord = null;
      continue;
    }
    const text = cleanText(run.text);
    if (!text) continue;
    const size = runSize(run, baseSize, scale);
    const face = runFace(run, forceBold);
    const em = fontLineEm(run.font);
    const colours = runColours(run, background);
    const style: Style = run.sup ? { face, underline: false, size: size * SUP_SCALE, rise: size * SUP_RISE, ...colours } : { face, underline: !!run.underline, size, ...(em !== undefined ? { em } : {}), ...colours };
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
        // A line may break after a hyphen between letters ("ecma-|international"), as Word and
        // LibreOffice break it (Unicode line breaking: after a hyphen, not before a number).
        // Chinese and Japanese break between characters (breakPieces).
        const chunks = breakPieces(piece);
        for (let i = 0; i < chunks.length; i++) {
          // A word continuing in the next run ("Hel" + bold "lo") must not be broken there.
          if (!lastWord || i > 0) {
            lastWord = { t: 'word', parts: [] };
            tokens.push(lastWord);
          }
          for (const part of splitByFace(chunks[i] as string, style)) lastWord.parts.push(run.note === undefined ? part : { ...part, note: run.note });
        }
      }
    }
  }
  return tokens;
}

/**
 * The face that draws a code point for a style: the style's own, else (a metric face lacking it,
 * its Latin subset being smaller) Open Sans in that style, else DejaVu Sans, else Noto Sans JP. Whether any
 * face has it at all is checked before, in cleanText (refused, naming the character, if none).
 */
export function drawingFace(face: FaceKey, cp: number): FaceKey {
  if (cp === PAGE_FIELD_CP || cp === PAGES_FIELD_CP || faceMetrics(face).has(cp)) return face;
  const open = openSansFace(face);
  if (open !== face && faceMetrics(open).has(cp)) return open;
  return fallbackFaceFor(cp) ?? 'fallback';
}

/** Splits text into stretches of one drawing face (drawingFace). */
function splitByFace(text: string, style: Style): Array<{ text: string; style: Style }> {
  const out: Array<{ text: string; style: Style }> = [];
  let cur = '';
  let curFace: FaceKey = style.face;
  for (const ch of text) {
    const face = drawingFace(style.face, ch.codePointAt(0) as number);
    if (cur && face !== curFace) {
      out.push({ text: cur, style: curFace === style.face ? style : { ...style, face: curFace } });
      cur = '';
    }
    cur += ch;
    curFace = face;
  }
  if (cur) out.push({ text: cur, style: curFace === style.face ? style : { ...style, face: curFace } });
  return out;
}

const PAGE_FIELD_CP = PAGE_FIELD.charCodeAt(0);
const PAGES_FIELD_CP = PAGES_FIELD.charCodeAt(0);

function measure(text: string, style: Style): number {
  return faceMetrics(style.face).width(text, style.size);
}

function sameStyle(a: Style, b: Style): boolean {
  return a.face === b.face && a.underline === b.underline && a.size === b.size && a.rise === b.rise && a.em === b.em && a.color === b.color && a.bg === b.bg;
}

/**
 * Greedy line breaking at spaces; words longer than a line are cut between characters.
 * `maxWidth` may differ per line (a function of the line's index): lines beside a floating box,
 * a first line set narrower or wider by its indent. `firstTabs`: the first line's tab setting
 * when it begins elsewhere than the others (a first-line or hanging indent).
 */
export function breakLines(tokens: Token[], widthOf: number | ((line: number) => number), size: number, tabs?: TabSetting, firstTabs?: TabSetting): TextLine[] {
  const lines: TextLine[] = [];
  const maxW = (): number => (typeof widthOf === 'number' ? widthOf : widthOf(lines.length));
  // A line is as tall as its largest text; an empty one as `size`.
  let cur: TextLine = { segments: [], width: 0, size: 0 };
  let hasContent = false;
  // Whether the line being filled was begun by wrapping: spaces at its start are dropped there
  // only (a paragraph's, or a line break's, leading spaces are kept, as Word and LibreOffice set them).
  let afterWrap = false;
  // A right, centre or decimal tab whose text is still coming: its gap is known once the text is.
  let pending: { seg: Segment; stop: ResolvedTab } | undefined;

  const append = (text: string, style: Style, width: number): void => {
    const last = cur.segments[cur.segments.length - 1];
    if (last && !last.pic && !last.tab && sameStyle(last.style, style) && Math.abs(last.x + last.width - cur.width) < 0.01) {
      last.text += text;
      last.width += width;
    } else {
      cur.segments.push({ text, style, x: cur.width, width });
    }
    cur.width += width;
    if (style.size > cur.size && !style.rise) cur.size = style.size;
    if (!style.rise && text.trim()) {
      if (style.em !== undefined) cur.fontEm = Math.max(cur.fontEm ?? 0, style.size * style.em);
      else cur.plainSize = Math.max(cur.plainSize ?? 0, style.size);
    }
  };
  const noteOn = (note: string | undefined): void => {
    if (note !== undefined) (cur.notes ??= []).push(note);
  };
  const finish = (wrapped = false): void => {
    if (wrapped) cur.wrapped = true;
    // Trailing spaces neither count for alignment nor get drawn (a tab with a leader is drawn: a
    // form's "Signature: ________").
    const last = cur.segments[cur.segments.length - 1];
    if (last && !last.leader) {
      const trimmed = last.text.replace(/ +$/, '');
      if (trimmed !== last.text && !last.pic) {
        const w = measure(trimmed, last.style);
        cur.width -= last.width - w;
        last.text = trimmed;
        last.width = w;
        if (!trimmed) cur.segments.pop();
      }
    }
    settle();
    if (cur.size === 0) cur.size = size;
    lines.push(cur);
    cur = { segments: [], width: 0, size: 0 };
    hasContent = false;
    afterWrap = wrapped;
  };

  // Sets the pending tab's gap so the text after it ends at (right), centres on (center) or has
  // its decimal character at (decimal) the stop; never pushing the line past its width.
  const settle = (): void => {
    if (!pending) return;
    const { seg, stop } = pending;
    pending = undefined;
    const i = cur.segments.indexOf(seg);
    if (i < 0) return;
    const after = cur.segments.slice(i + 1);
    const textW = cur.width - seg.x - seg.width;
    let lead = textW;
    if (stop.align === 'center') lead = textW / 2;
    else if (stop.align === 'decimal') lead = beforeChar(after, stop.char ?? '.') ?? textW;
    const room = Math.max(0, maxW() - cur.width);
    const gap = Math.min(Math.max(0, stop.pos - seg.x - lead), room);
    seg.width = gap;
    for (const g of after) g.x += gap;
    cur.width += gap;
  };

  for (const tok of tokens) {
    if (tok.t === 'br') {
      finish();
    } else if (tok.t === 'pic') {
      const picture = inlinePicture(tok.pic.image);
      const { w, h } = picture ? inlineSize(tok.pic.image, picture, maxW()) : { w: Math.min(tok.pic.image.width ?? 0, maxW()), h: tok.pic.image.height ?? 0 };
      if (hasContent && cur.width + w > maxW()) finish(true);
      // A hanging picture's offset scales with it.
      const scaled = tok.pic.image.height && tok.pic.image.height > 0 ? h / tok.pic.image.height : 1;
      cur.segments.push({ text: '', style: tok.style, x: cur.width, width: w, pic: { picture, height: h, vpos: tok.pic.vpos ?? 'baseline', y: Math.max(-5000, Math.min((tok.pic.y ?? 0) * scaled, 5000)) } });
      cur.width += w;
      hasContent = true;
    } else if (tok.t === 'space') {
      if (hasContent || !afterWrap) append(tok.text, tok.style, measure(tok.text, tok.style));
    } else if (tok.t === 'tab') {
      settle();
      const stop = nextTab(cur.width, lines.length === 0 && firstTabs ? firstTabs : tabs);
      const leader = stop.leader ? { leader: stop.leader } : {};
      if (stop.align !== 'left') {
        // A right tab past the line's end (a TOC's page numbers at the margin) stops at its end.
        const seg: Segment = { text: ' ', style: tok.style, x: cur.width, width: 0, tab: true, ...leader };
        cur.segments.push(seg);
        pending = { seg, stop: { ...stop, pos: Math.min(stop.pos, maxW()) } };
        hasContent = true;
      } else if (stop.pos > maxW() + 0.01) {
        finish(true);
      } else {
        // Advance with an empty segment so following text starts at the tab stop; a space keeps
        // the gap visible to text extraction.
        cur.segments.push({ text: ' ', style: tok.style, x: cur.width, width: stop.pos - cur.width, tab: true, ...leader });
        cur.width = stop.pos;
        hasContent = true;
      }
    } else {
      const widths = tok.parts.map((p) => measure(p.text, p.style));
      const total = widths.reduce((a, b) => a + b, 0);
      if (hasContent && cur.width + total > maxW()) finish(true);
      if (total <= maxW() - cur.width) {
        tok.parts.forEach((p, i) => {
          append(p.text, p.style, widths[i] as number);
          noteOn(p.note);
        });
      } else {
        // Longer than a whole line: cut between characters.
        for (const p of tok.parts) {
          for (const ch of p.text) {
            const w = measure(ch, p.style);
            if (hasContent && cur.width + w > maxW()) finish(true);
            append(ch, p.style, w);
            hasContent = true;
          }
          noteOn(p.note);
        }
      }
      hasContent = true;
    }
  }
  if (hasContent || cur.segments.length || lines.length === 0) finish();
  return lines;
}

/** The width of the text of `segs` before the first `ch` in it; undefined when there is none. */
function beforeChar(segs: Segment[], ch: string): number | undefined {
  let w = 0;
  for (const g of segs) {
    const at = g.tab ? -1 : g.text.indexOf(ch);
    if (at >= 0) return w + measure(g.text.slice(0, at), g.style);
    w += g.width;
  }
  return undefined;
}

/**
 * A leader for a gap of `width`: as many of its characters as fit, and the spacing that spreads
 * them over the whole gap (so, as in LibreOffice's PDFs, the leader runs from the text before it
 * to the text after it).
 */
export function leaderFill(leader: string, style: Style, width: number): { text: string; spacing: number } | undefined {
  const w = measure(leader, style);
  if (!(w > 0)) return undefined;
  const n = Math.min(Math.floor(width / w), 2000);
  return n > 0 ? { text: leader.repeat(n), spacing: (width - n * w) / n } : undefined;
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

function drawUnderline(page: PDFPage, x1: number, x2: number, baseline: number, size: number, color: Colour | undefined): void {
  const uy = baseline - size * 0.12;
  page.drawLine({ start: { x: x1, y: uy }, end: { x: x2, y: uy }, thickness: Math.max(0.5, size * 0.06), color: color === undefined ? BLACK : pdfColour(color) });
}

/** A run's highlight behind its text from x1 to x2: the height of its face, ascent to descent. */
function drawHighlight(page: PDFPage, style: Style, x1: number, x2: number, baseline: number): void {
  if (style.bg === undefined || !(x2 - x1 > 0.01)) return;
  const m = faceMetrics(style.face);
  const y = baseline + (style.rise ?? 0) - m.descent * style.size;
  fillRect(page, x1, y, x2 - x1, (m.ascent + m.descent) * style.size, style.bg);
}

/** A line holding right-to-left text, its segments put in visual order and placed anew. */
function visualLine(line: TextLine, rtlBase: boolean): TextLine {
  if (!line.segments.some((s) => RTL_RE.test(s.text)) || line.segments.some((s) => s.pic)) return line;
  const pieces = visualPieces(line.segments.map((s) => ({ text: s.text, from: s })), rtlBase);
  const segments: Segment[] = [];
  let x = 0;
  for (const p of pieces) {
    const seg = p.from;
    const text = drawnText(p);
    const w = seg.tab ? seg.width : measure(p.text, seg.style);
    segments.push({ text, style: seg.style, x, width: w, ...(seg.tab ? { tab: true } : {}), ...(seg.leader ? { leader: seg.leader } : {}) });
    x += w;
  }
  return { ...line, segments, width: x, wrapped: false };
}

/** Open Sans' ascent as a share of its line: the baseline sits this far down a line of any height. */
const ASCENT_SHARE = faceMetrics('regular').ascent / LINE_FACTOR;

/** A line's height: the single line of its largest text (size × lineEm), by the paragraph's line rule. */
export function lineHeight(size: number, lineEm = LINE_FACTOR, rule?: Spacing['line']): number {
  return ruledHeight(size * lineEm, rule);
}

/**
 * A text line's single height: its text's tallest, each run at its own font's line height (a
 * Cambria heading 1.17 em, Consolas code 1.17 em in a Calibri document), text naming no font at
 * the document's (lineEm); an empty line: its size at the document's.
 */
function singleOf(line: TextLine, lineEm = LINE_FACTOR): number {
  if (line.fontEm === undefined && line.plainSize === undefined) return line.size * lineEm;
  return Math.max(line.fontEm ?? 0, (line.plainSize ?? 0) * lineEm);
}

function ruledHeight(single: number, rule?: Spacing['line']): number {
  if (!rule || !(rule.value > 0)) return single;
  if (rule.rule === 'exact') return Math.min(rule.value, 1000);
  if (rule.rule === 'atLeast') return Math.max(single, Math.min(rule.value, 1000));
  return single * Math.min(rule.value, 10);
}

/**
 * Lines set from `indent` (every line's left edge, from the area's left edge) to `width`, less
 * `edges.right`; `edges.first`: where the first of `input` begins instead (the block's first line
 * under a first-line or hanging indent).
 */
export function textFlowLines(
  input: TextLine[],
  width: number,
  alignIn: Alignment | undefined,
  indent: number,
  marker?: { text: string; x: number; style: Style },
  rtl = false,
  lineEm?: number,
  rule?: Spacing['line'],
  edges?: { first?: number; right?: number },
): FlowLine[] {
  // A right-to-left paragraph is set flush right unless it says otherwise.
  const align = rtl && (alignIn === undefined || alignIn === 'left') ? 'right' : alignIn;
  const lines = input.map((l) => visualLine(l, rtl));
  return lines.map((line, idx) => {
    const single = singleOf(line, lineEm);
    const { height, ascent: picAscent } = pictureLine(line, ruledHeight(single, rule), rule);
    // A line spaced more than single (Word's "1.15 lines"): its text sits at the top of the line,
    // where a single line has it, and the extra room below it (slack) may hang past the foot of
    // a page, as LibreOffice sets the last line of a page.
    const spread = rule?.rule === 'multiple' && rule.value > 1 && !line.segments.some((s) => s.pic) && height > single;
    const ascent = spread ? single * ASCENT_SHARE : picAscent;
    const lineLeft = idx === 0 && edges?.first !== undefined ? edges.first : indent;
    const room = width - lineLeft - (edges?.right ?? 0);
    let offset = lineLeft;
    if (align === 'center') offset += (room - line.width) / 2;
    else if (align === 'right') offset += room - line.width;
    // Justified: every wrapped line is stretched at its spaces (a line with a tab is left as set).
    let extra = 0;
    if (align === 'justify' && line.wrapped && !line.segments.some((g) => g.tab)) {
      const spaces = line.segments.reduce((n, g) => n + countSpaces(g.text), 0);
      if (spaces > 0) extra = Math.max(0, room - line.width) / spaces;
    }
    return {
      height,
      textWidth: indent + line.width,
      ...(spread ? { slack: height - single } : {}),
      ...(line.notes ? { notes: line.notes } : {}),
      draw(page, x, yTop, ctx) {
        const baseline = yTop - ascent;
        const text = new TextOps(page, ctx);
        if (idx === 0 && marker) text.show(marker.text, marker.style, x + marker.x, baseline);
        let cursor = x + offset;
        for (const seg of line.segments) {
          const str = fieldText(seg.text, ctx);
          const size = seg.style.size;
          if (seg.pic) {
            drawInlinePicture(page, seg, extra === 0 ? x + offset + seg.x : cursor, yTop, height, baseline);
            cursor += seg.width;
            continue;
          }
          // A highlight is filled here, before the line's text is written (TextOps.flush).
          if (seg.leader) {
            // Dots (hyphens, a rule) across the gap.
            const fill = leaderFill(seg.leader, seg.style, seg.width);
            drawHighlight(page, seg.style, x + offset + seg.x, x + offset + seg.x + seg.width, baseline);
            if (fill) text.show(fill.text, seg.style, x + offset + seg.x, baseline, fill.spacing);
            cursor += seg.width;
            continue;
          }
          if (extra === 0) {
            const sx = x + offset + seg.x;
            drawHighlight(page, seg.style, sx, sx + seg.width, baseline);
            if (str.trim()) text.show(str, seg.style, sx, baseline);
            if (seg.style.underline && seg.width > 0) text.underline(sx, sx + seg.width, baseline, size, seg.style.color);
            continue;
          }
          // Word by word, each with its trailing spaces so extraction still sees them.
          const start = cursor;
          for (const m of str.matchAll(/[^ ]+ *| +/g)) {
            const chunk = m[0];
            if (chunk.trim()) text.show(chunk, seg.style, cursor, baseline);
            cursor += measure(chunk, seg.style) + countSpaces(chunk) * extra;
          }
          drawHighlight(page, seg.style, start, cursor, baseline);
          if (seg.style.underline && cursor > start) text.underline(start, cursor, baseline, size, seg.style.color);
        }
        text.flush();
      },
    };
  });
}

/**
 * A line's height and its baseline's depth below the line's top, with its inline pictures: one on
 * the baseline raises the baseline to its height (the line grows by what it needs above the
 * text's ascent); one at the top, middle or bottom of the line makes the line at least as tall
 * as the picture, the text set at the top, in the middle or at the bottom of it (as LibreOffice
 * does for style:vertical-rel="line"). An exact line height stays exact.
 */
function pictureLine(line: TextLine, single: number, rule: Spacing['line'] | undefined): { height: number; ascent: number } {
  let height = single;
  let ascent = single * ASCENT_SHARE;
  if (rule?.rule === 'exact' || !line.segments.some((s) => s.pic)) return { height, ascent };
  let above = 0;
  let below = 0;
  let tall: Segment | undefined;
  for (const s of line.segments) {
    if (!s.pic) continue;
    if (s.pic.vpos === 'baseline') above = Math.max(above, s.pic.height);
    else if (s.pic.vpos === 'below') {
      above = Math.max(above, -s.pic.y);
      below = Math.max(below, s.pic.y + s.pic.height);
    } else if (!tall || s.pic.height > (tall.pic?.height ?? 0)) tall = s;
  }
  if (above > ascent) {
    height += above - ascent;
    ascent = above;
  }
  if (below > height - ascent) height = ascent + below;
  const th = tall?.pic?.height ?? 0;
  if (tall && th > height) {
    const grow = th - height;
    if (tall.pic?.vpos === 'middle') ascent += grow / 2;
    else if (tall.pic?.vpos === 'bottom') ascent += grow;
    height = th;
  }
  return { height, ascent };
}

function drawInlinePicture(page: PDFPage, seg: Segment, x: number, yTop: number, height: number, baseline: number): void {
  const pic = seg.pic;
  if (!pic?.picture || !(seg.width > 0) || !(pic.height > 0)) return;
  const h = pic.height;
  const y = pic.vpos === 'baseline' ? baseline : pic.vpos === 'below' ? baseline - pic.y - h : pic.vpos === 'top' ? yTop - h : pic.vpos === 'middle' ? yTop - (height + h) / 2 : yTop - height;
  pic.picture.draw(page, x, y, seg.width, h);
}

/**
 * Text operators for one line, written straight into the page's content stream: one BT…ET with
 * a Tf only where the face changes. page.drawText would wrap every piece in its own q/BT/colour/
 * ET/Q and validate its options, which tripled the content stream and its compression time.
 * The fill colour is the initial black outside a line's BT…ET (everything else we draw restores
 * the state it changes): a line that draws coloured text sets it back to black before its ET.
 */
class TextOps {
  private readonly page: PDFPage;
  private readonly ctx: DrawContext;
  private readonly ops: PDFOperator[] = [beginText()];
  private current = '';
  /** The fill colour set now (undefined: black). */
  private colour: Colour | undefined;
  private underlines: Array<[number, number, number, number, Colour | undefined]> = [];

  constructor(page: PDFPage, ctx: DrawContext) {
    this.page = page;
    this.ctx = ctx;
  }

  /** `spacing`: extra room after each character (Tc), for this text only. */
  show(text: string, style: Style, x: number, y: number, spacing = 0): void {
    const font = this.ctx.fonts[style.face] as PDFFont;
    const id = `${style.face}@${style.size}`;
    if (id !== this.current) {
      this.ops.push(setFontAndSize(fontResource(this.page, style.face, font), style.size));
      this.current = id;
    }
    if (style.color !== this.colour) {
      const c = style.color === undefined ? BLACK : pdfColour(style.color);
      this.ops.push(setFillingRgbColor(c.red, c.green, c.blue));
      this.colour = style.color;
    }
    if (spacing > 0) this.ops.push(setCharacterSpacing(spacing));
    this.ops.push(setTextMatrix(1, 0, 0, 1, x, y + (style.rise ?? 0)), showText(font.encodeText(text)));
    if (spacing > 0) this.ops.push(setCharacterSpacing(0));
  }

  underline(x1: number, x2: number, baseline: number, size: number, color: Colour | undefined): void {
    this.underlines.push([x1, x2, baseline, size, color]);
  }

  flush(): void {
    if (this.ops.length > 1) {
      if (this.colour !== undefined) this.ops.push(setFillingRgbColor(0, 0, 0));
      this.ops.push(endText());
      this.page.pushOperators(...this.ops);
    }
    for (const [x1, x2, baseline, size, color] of this.underlines) drawUnderline(this.page, x1, x2, baseline, size, color);
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

export function spacer(height: number): FlowLine {
  return { height, spacer: true };
}

/** Spacers for a block's space before and after (none for zero). */
function spaced(before: number, lines: FlowLine[], after: number): FlowLine[] {
  return [...(before > 0 ? [spacer(before)] : []), ...lines, ...(after > 0 ? [spacer(after)] : [])];
}

/**
 * Flow lines of broken lines, each run of lines of one shape (TextSetting.shape) set at its
 * width and moved in by its dx; `set` lays out one run (`first`: it holds the block's first line).
 */
function shapedLines(lines: TextLine[], width: number, shape: TextSetting['shape'], set: (group: TextLine[], width: number, first: boolean) => FlowLine[]): FlowLine[] {
  if (!shape) return set(lines, width, true);
  const out: FlowLine[] = [];
  let i = 0;
  while (i < lines.length) {
    const g = shape(i);
    let j = i + 1;
    while (j < lines.length && sameShape(shape(j), g)) j++;
    const flow = set(lines.slice(i, j), g ? g.width : width, i === 0);
    if (g) {
      for (const l of flow) {
        const draw = l.draw;
        // A row's left part takes no height of its own, unless the block ends there.
        out.push({ ...l, beside: true, ...(g.row && j < lines.length ? { height: 0 } : {}), ...(draw ? { draw: (page, x, yTop, ctx) => draw(page, x + g.dx, yTop, ctx) } : {}) });
      }
    } else out.push(...flow);
    i = j;
  }
  return out;
}

function sameShape(a: { width: number; dx: number; row?: boolean } | undefined, b: { width: number; dx: number; row?: boolean } | undefined): boolean {
  return a === b || (!!a && !!b && a.width === b.width && a.dx === b.dx && !a.row && !b.row);
}

/**
 * Where a list item's marker and text start: the file's own indents when it gives them, else
 * LIST_INDENT per level. A deep indent stays within the first 60 % (marker) and 70 % (text) of the width.
 */
function listIndents(block: ListItem, width: number, markerWidth: number): { indent: number; markerAt: number } {
  if (block.indent === undefined) return { indent: LIST_INDENT * block.level + Math.max(LIST_INDENT, markerWidth + 6), markerAt: LIST_INDENT * block.level };
  const indent = Math.min(block.indent, width * 0.7);
  const at = Math.min(Math.max(0, block.markerAt ?? indent), width * 0.6);
  // A marker wider than its hanging room ends just before the text (as Word's right-aligned
  // levels set "ii." and "iii."); only one with no room left of it pushes the text on.
  const markerAt = Math.max(0, Math.min(at, indent - markerWidth - 3));
  return { indent: Math.max(indent, markerAt + markerWidth + 3), markerAt };
}

/** Where a block's tabs go: its own stops, the document's default distance, its lines' left edge. */
function tabSetting(block: Paragraph | Heading | ListItem, set: TextSetting, origin: number, stops: readonly TabStop[] | undefined = block.tabs, left = origin): TabSetting {
  return { origin, ...(stops ? { stops } : {}), ...(set.defaultTab ? { every: set.defaultTab } : {}), ...(set.tabsFromIndent && left !== 0 ? { from: left } : {}) };
}

/**
 * A paragraph's or heading's indents in points from the area's left edge (model.ts Indents):
 * every line's left edge, the first line's, and the room kept free at the right. A negative
 * indent may reach `outdent` left of the area (into the page margin); the lines keep at least a
 * fifth of the width.
 */
export function blockIndents(block: Paragraph | Heading, width: number, outdent = 0): { left: number; first: number; right: number } {
  const ind = block.indents;
  const min = -Math.max(0, outdent);
  const left = Math.min(Math.max(ind?.left ?? 0, min), width / 2);
  const right = Math.min(Math.max(ind?.right ?? 0, 0), Math.max(0, width * 0.8 - left));
  const first = Math.min(Math.max(left + (ind?.first ?? 0), min), width * 0.8 - right);
  return { left, first, right };
}

/**
 * The width each line of a block may fill (breakLines' widthOf): the area's, or beside a floating
 * box the shape's, less `less` (the same on every line, or per line: a first-line indent).
 */
function lineWidths(width: number, shape: TextSetting['shape'], less: number | ((line: number) => number)): number | ((line: number) => number) {
  const lessOf = typeof less === 'number' ? (): number => less : less;
  if (shape) return (i: number) => Math.max(1, (shape(i)?.width ?? width) - lessOf(i));
  return typeof less === 'number' ? width - less : (i: number) => Math.max(1, width - less(i));
}

export function layoutTextBlock(block: Paragraph | Heading | ListItem, width: number, baseSize = BODY_SIZE, set: TextSetting = {}): FlowLine[] {
  const sp = block.spacing;
  const rtl = block.kind !== 'list-item' && isRtlParagraph(block.runs.map((r) => r.text).join(''));
  const shape = set.shape;
  if (block.kind === 'heading' && !block.styled) {
    const size = HEADING_SIZES[Math.min(Math.max(block.level, 1), 6) - 1] as number;
    const flow = indentedLines(block, tokenize(block.runs, size, true, set.scale, block.shading ?? set.background), width, size, set, rtl);
    return spaced(sp?.before ?? size * 0.7, flow, sp?.after ?? size * 0.35);
  }
  if (block.kind === 'list-item') {
    const markerText = cleanText(symbolMarker(block.marker));
    const first = block.runs.find((r) => cleanText(r.text));
    // The marker in the first run's face (upright), or the first face of its chain that draws all of it.
    const own = first ? runFace({ text: '', ...(first.font ? { font: first.font } : {}) }) : 'regular';
    const faces = [...markerText].map((ch) => drawingFace(own, ch.codePointAt(0) as number));
    const markerFace: FaceKey = faces.includes('fallback') ? 'fallback' : faces.includes('cjk') ? 'cjk' : faces.every((f) => f === own) ? own : 'regular';
    const markerStyle: Style = { face: markerFace, underline: false, size: first ? runSize(first, baseSize, set.scale) : baseSize };
    const markerWidth = measure(markerText, markerStyle);
    const { indent, markerAt } = listIndents(block, width, markerWidth);
    const lines = breakLines(tokenize(block.runs, baseSize, false, set.scale, set.background), lineWidths(width, shape, indent), baseSize, tabSetting(block, set, indent));
    // breakLines measured against the narrower width; shift everything by the hanging indent.
    const flow = shapedLines(lines, width, shape, (g, w, isFirst) =>
      textFlowLines(g, w, undefined, indent, isFirst ? { text: markerText, x: markerAt, style: markerStyle } : undefined, false, set.lineEm, sp?.line),
    );
    return spaced(sp?.before ?? 0, flow, sp?.after ?? 2);
  }
  // A paragraph, or a heading set in the document's own formatting (Heading.styled).
  const para = block.kind === 'paragraph' ? block : undefined;
  const markSize = para?.size !== undefined && set.scale !== undefined ? runSize({ text: '', size: para.size }, baseSize, set.scale) : baseSize;
  const flow = indentedLines(block, tokenize(block.runs, baseSize, false, set.scale, block.shading ?? set.background), width, markSize, set, rtl);
  return spaced(sp?.before ?? 0, flow, sp?.after ?? baseSize * 0.55);
}

/**
 * A paragraph's or heading's lines at its indents: each line from its left indent to its right
 * one, the first from the first-line indent (shorter or longer by it). On a first line that begins
 * left of the others (a hanging indent) the left indent is a tab stop too, before any later stop,
 * as in Word and LibreOffice.
 */
function indentedLines(block: Paragraph | Heading, tokens: Token[], width: number, size: number, set: TextSetting, rtl: boolean): FlowLine[] {
  const shape = set.shape;
  const { left, first, right } = blockIndents(block, width, set.outdent);
  const less = (i: number): number => left + right + (i === 0 ? first - left : 0);
  const firstTabs = first === left ? undefined : tabSetting(block, set, first, first < left ? withStop(block.tabs, left) : block.tabs, left);
  const lines = breakLines(tokens, lineWidths(width, shape, first === left ? left + right : less), size, tabSetting(block, set, left), firstTabs);
  const edges = { first, right };
  const shade = block.shading;
  return shapedLines(lines, width, shape, (g, w, isFirst) => {
    const flow = textFlowLines(g, w, block.align, left, undefined, rtl, set.lineEm, block.spacing?.line, isFirst ? edges : { right });
    return shade === undefined ? flow : flow.map((l) => shadedLine(l, shade, left, w - right));
  });
}

/** A line with the paragraph's shading filled behind it first, from `x1` to `x2` across the line's whole height. */
function shadedLine(line: FlowLine, colour: Colour, x1: number, x2: number): FlowLine {
  const draw = line.draw;
  return {
    ...line,
    draw(page, x, yTop, ctx) {
      fillRect(page, x + x1, yTop - line.height, x2 - x1, line.height, colour);
      draw?.(page, x, yTop, ctx);
    },
  };
}

/** `stops` with a left stop at `pos` among them (in position order), unless one is there already. */
function withStop(stops: readonly TabStop[] | undefined, pos: number): TabStop[] {
  const all = [...(stops ?? [])];
  if (all.some((s) => Math.abs(s.pos - pos) < 0.01)) return all;
  const at = all.findIndex((s) => s.pos > pos);
  all.splice(at < 0 ? all.length : at, 0, { pos, align: 'left' });
  return all;
}

/** The widest word of a block (with a list item's indent): a column narrower than this breaks it. */
export function longestWord(block: Paragraph | Heading | ListItem, baseSize: number, scale?: number): number {
  // A heading with the document's own formatting is set like a paragraph; one without, at our heading size in bold.
  const own = block.kind === 'heading' && !block.styled;
  const size = own ? (HEADING_SIZES[Math.min(Math.max(block.level, 1), 6) - 1] as number) : baseSize;
  let max = 0;
  for (const t of tokenize(block.runs, size, own, own ? undefined : scale)) {
    if (t.t === 'pic') {
      // A picture is scaled down to the line it stands in: it needs no room of its own.
      continue;
    }
    if (t.t !== 'word') continue;
    let w = 0;
    for (const p of t.parts) w += measure(p.text, p.style);
    if (w > max) max = w;
  }
  if (block.kind === 'list-item') max += block.indent ?? LIST_INDENT * block.level + LIST_INDENT + 6;
  return max;
}
