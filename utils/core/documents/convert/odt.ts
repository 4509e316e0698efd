// ODT (OpenDocument Text) → DocModel.
// content.xml holds the body and automatic styles; styles.xml the named styles and the master
// page (header/footer). Styles give headings, bold/italic/underline, alignment, page breaks and
// list formats; Pictures/ holds the images that draw:frame elements point to. Colours: text
// styles' fo:color (style:use-window-font-color: the default) and fo:background-color (a
// highlight), paragraph styles' fo:background-color (shading), and a table cell's
// fo:background-color, else its row's, else its table's. Not read: background images
// (style:background-image), list items' shading. Table cell borders: fo:border and
// fo:border-top|right|bottom|left of the cell's style (its own or its parent's), side by side
// ("0.5pt solid #000000", any length unit, thin/medium/thick, double; none and hidden: none).

import type { AnalysisLimits } from '../types.ts';
import type { Deadline } from './errors.ts';
import { ConversionError } from './errors.ts';
import { linkedPicture, pictureBlock } from './pictures/formats.ts';
import { inlineVpos, odtPlacement, type OdtGraphic } from './anchors.ts';
import { odfFormula } from './objects.ts';
import { mapSymbolText, symbolFontOf, type SymbolFont } from './symbols.ts';
import { PAGE_FIELD, PAGES_FIELD, borderLine, hexColour, intoCell, fontLineEm, inlineFloats, modelText, noteMark, noteParagraph, runsPrint, saneSetup } from './model.ts';
import type { Alignment, Colour, Block, BorderLine, Breaking, CellBorders, ColumnSetup, DocModel, FloatBox, Heading, ImageBlock, Indents, ListItem, PageFurniture, PageSetup, Paragraph, Run, Sides, Spacing, Table, TableCell, Insets } from './model.ts';
import { formatNumber, type NumberStyle } from './numbering.ts';
import { lengthToPt, openZip, xmlPart } from './parts.ts';
import { formatOdfDate, metadataDates, odfDataStyles, type FieldDates } from './fields.ts';
import type { Parts } from './parts.ts';
import { mergeStops, odtTabStops } from './tab-stops.ts';
import { kid, kids } from './xml.ts';
import type { XmlElement } from './xml.ts';

const NS = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  draw: 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0',
  manifest: 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0',
  chart: 'urn:oasis:names:tc:opendocument:xmlns:chart:1.0',
};

/** The sides of a frame, as ODF's attribute names end (fo:margin-left…). */
const SIDES = ['left', 'right', 'top', 'bottom'] as const;
type Side = (typeof SIDES)[number];

interface OdtStyle extends Partial<Record<`g${'Margin' | 'Pad' | 'Border'}-${Side}`, number>> {
  parent?: string;
  /** fo:language (and fo:country): the language of date fields' month and day names. */
  lang?: string;
  /** Set in Symbol / Wingdings (style:font-name or fo:font-family). */
  symbolFont?: SymbolFont;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** fo:text-transform="uppercase": printed in capitals. */
  caps?: boolean;
  /** text:display="none": hidden text, not printed. */
  hidden?: boolean;
  /** fo:font-size in points. */
  size?: number;
  /** fo:font-size as a percentage (1.2 for "120%") of the parent style's size. */
  sizePct?: number;
  /** fo:keep-with-next="always", fo:keep-together="always", fo:widows, fo:orphans. */
  keepNext?: boolean;
  keepTogether?: boolean;
  widows?: number;
  orphans?: number;
  /**
   * A paragraph's box by side: its fo:padding and the width of its fo:border there, in points
   * (the room LibreOffice leaves between the text and its margins; the lines are not drawn).
   */
  boxTop?: number;
  boxBottom?: number;
  boxLeft?: number;
  boxRight?: number;
  /** fo:margin-top / fo:margin-bottom, fo:line-height (percent or length), style:line-height-at-least. */
  before?: number;
  after?: number;
  line?: Spacing['line'];
  /** style:font-name (for the body font's line height). */
  font?: string;
  align?: Alignment;
  breakBefore?: boolean;
  breakAfter?: boolean;
  /** fo:break-before / -after="column". */
  columnBefore?: boolean;
  columnAfter?: boolean;
  /** A section style's text columns (style:section-properties/style:columns). */
  columns?: ColumnSetup;
  outline?: number;
  /** style:table-cell-properties fo:border-* (each side's own over fo:border), where it sets any. */
  cellBorders?: CellBorders;
  /** style:table-cell-properties: fo:padding(-side) in points, style:vertical-align. */
  cellPad?: Partial<Insets>;
  cellVAlign?: 'center' | 'bottom';
  /** style:table-properties: style:width (points), style:rel-width (share), table:align, fo:margin-left. */
  tableWidth?: number;
  tableShare?: number;
  tableAlign?: string;
  /** style:may-break-between-rows on a table's properties. */
  tableMayBreak?: boolean;
  /** fo:keep-with-next="always" on a table's properties. */
  tableKeepNext?: boolean;
  tableMarginLeft?: number;
  columnWidth?: number;
  /** style:table-row-properties: style:min-row-height, style:row-height (points). */
  rowMin?: number;
  rowExact?: number;
  /** style:graphic-properties of a frame's or shape's style (where it floats and how text wraps). */
  gWrap?: string;
  gHpos?: string;
  gHrel?: string;
  gVpos?: string;
  gVrel?: string;
  /** draw:textarea-vertical-align; the sides (gMargin-left…: fo:margin-*, fo:padding-*, the width of fo:border-*) are merged one by one. */
  gValign?: string;
  gHalign?: string;
  /** style:tab-stops (the nearest style's replaces its parents'). */
  tabStops?: XmlElement;
  /** The paragraph indents this style sets (lrOf). */
  lr?: OdtIndents;
  /** style:text-properties fo:color ('' for style:use-window-font-color, the default colour) and fo:background-color ('' for transparent). */
  color?: Colour | '';
  textBg?: Colour | '';
  /** fo:background-color of the paragraph, cell, row or table properties ('' for transparent). */
  areaBg?: Colour | '';
}

/** fo:background-color: a colour, '' for "transparent", undefined when absent or unreadable. */
function backgroundOf(props: XmlElement | undefined): Colour | '' | undefined {
  const v = props?.attrs['background-color'];
  if (v === undefined) return undefined;
  return v.trim() === 'transparent' ? '' : hexColour(v);
}

/** A text style's colour: '' where it says to use the window's (automatic) colour, else its fo:color. */
function fontColourOf(tp: XmlElement | undefined): Colour | '' | undefined {
  if (!tp) return undefined;
  if (tp.attrs['use-window-font-color'] === 'true') return '';
  return hexColour(tp.attrs.color);
}

/** A length in points, or a percentage of the parent style's value (1 = 100 %). */
type OdtLength = { pt: number } | { pct: number };

/**
 * A style's fo:margin-left, fo:margin-right and fo:text-indent (the first line's offset from the
 * left margin; negative: hanging) and style:auto-text-indent. LibreOffice 7.4 keeps the four as one
 * attribute (SvxLRSpaceItem): a style that sets one of them sets all four, the others 0 (its
 * parent's are not inherited one by one), and so does its own ODT export (margin-left="0in"
 * beside a child's text-indent); lengths or percentages of the parent's.
 */
interface OdtIndents {
  left: OdtLength;
  right: OdtLength;
  first: OdtLength;
  auto: boolean;
}

function odtLengthOf(v: string | undefined): OdtLength {
  const pct = v ? /^\s*(-?\d+(?:\.\d+)?)%\s*$/.exec(v) : null;
  if (pct) {
    const n = Number(pct[1]) / 100;
    return { pct: Number.isFinite(n) ? Math.min(Math.max(n, -10), 10) : 1 };
  }
  const pt = lengthToPt(v);
  return { pt: pt !== undefined && Math.abs(pt) <= 5000 ? pt : 0 };
}

function lrOf(pp: XmlElement | undefined): OdtIndents | undefined {
  const a = pp?.attrs;
  if (!a) return undefined;
  const left = a['margin-left'] ?? a.margin;
  const right = a['margin-right'] ?? a.margin;
  if (left === undefined && right === undefined && a['text-indent'] === undefined && a['auto-text-indent'] === undefined) return undefined;
  return { left: odtLengthOf(left), right: odtLengthOf(right), first: odtLengthOf(a['text-indent']), auto: a['auto-text-indent'] === 'true' };
}

interface ListLevel {
  bullet: boolean;
  char: string;
  format: string;
  prefix: string;
  suffix: string;
  start: number;
  /** text:display-levels: how many levels' numbers the marker shows ("2.1" for 2). */
  display: number;
}

interface Ctx {
  /** Reading a drawing shape's text: its graphic style, which a paragraph without a style of its own takes its text properties from. */
  drawStyle?: string;
  parts: Parts;
  styles: Map<string, OdtStyle>;
  /** resolved()'s results by style name, cleared whenever a style is read. */
  resolvedStyles: Map<string, OdtStyle>;
  lists: Map<string, Map<number, ListLevel>>;
  deadline: Deadline;
  /** Notes in order of reference: footnotes go to the foot of their page, endnotes to the end. */
  notes: Array<{ key: string; label: string; text: string; endnote: boolean }>;
  images: number;
  /** Last top-level number of each list (by xml:id) and of each list style, for continued numbering. */
  listEnd: Map<string, number>;
  styleEnd: Map<string, number>;
  /** Chapter numbering of headings (text:outline-style) and its running counters. */
  outline: Map<number, ListLevel & { display: number }>;
  outlineCounters: number[];
  /** Paragraph styles that start a page of a master page (style:master-page-name), by style name. */
  masterOf: Map<string, string>;
  /** The master page of each section, in order (a paragraph with a master page begins a section). */
  masters: string[];
  /** Some body paragraph was read already (a master page on the first one names the first section's). */
  started: boolean;
  /** > 0 while reading text outside the body flow (text boxes, shapes, headers): no master-page switches there. */
  outside: number;
  /** The columns text is set in where the reader is (the page's, a section's). */
  columns?: ColumnSetup;
  /** office:font-face-decls: style:font-face name → its svg:font-family (style:font-name refers to these). */
  fontFaces: Map<string, string>;
  /** What date fields print (meta.xml's dates, the moment of conversion) and their number:date-style / time-style by name. */
  fieldDates: FieldDates;
  dataStyles: Map<string, XmlElement>;
  /** The default style's style:tab-stop-distance, in points. */
  defaultTab?: number;
  /** settings.xml TabsRelativeToIndent: tab positions are measured from the paragraph's left margin (LibreOffice's default). */
  tabsRelative: boolean;
  /** The box (padding, border) of each paragraph that has one, with what tells two boxes apart: one box runs on over paragraphs whose boxes are alike (joinBoxes). */
  boxes: WeakMap<Block, { key: string; top: number; bottom: number }>;
  /** settings.xml AddParaTableSpacing: spaces between paragraphs add up (LibreOffice's default), else the larger one counts (largerSpacingOnly). */
  sumSpacing: boolean;
}

/** A boolean config item of settings.xml by name (under office:settings, a few config item sets deep); `absent` when the file has none or it says neither true nor false. */
function configFlag(settings: XmlElement | undefined, name: string, absent: boolean): boolean {
  const find = (el: XmlElement, depth: number): XmlElement | undefined => {
    if (depth > 8) return undefined;
    for (const c of kids(el)) {
      if (c.local === 'config-item' && c.attrs.name === name) return c;
      const hit = c.local === 'config-item' ? undefined : find(c, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  };
  const item = settings ? find(settings, 0) : undefined;
  if (!item) return absent;
  const value = item.children.join('').trim();
  return value === 'true' ? true : value === 'false' ? false : absent;
}

/** The space between the blocks of one container (the body, a cell): boxes joined, then the larger space only where settings.xml asks. */
function spaceBetween(ctx: Ctx, blocks: Block[]): void {
  joinBoxes(ctx, blocks);
  if (!ctx.sumSpacing) largerSpacingOnly(blocks);
}

/**
 * Paragraphs one after another with alike boxes share one box, as LibreOffice draws them
 * (style:join-border, on by default): no box room below the first one or above the next.
 */
function joinBoxes(ctx: Ctx, blocks: Block[]): void {
  for (let i = 1; i < blocks.length; i++) {
    const a = blocks[i - 1] as Block;
    const b = blocks[i] as Block;
    const ba = ctx.boxes.get(a);
    const bb = ctx.boxes.get(b);
    if (!ba || !bb || ba.key !== bb.key || !('spacing' in a) || !('spacing' in b) || !a.spacing || !b.spacing) continue;
    a.spacing = { ...a.spacing, after: Math.max(0, (a.spacing.after ?? 0) - ba.bottom) };
    b.spacing = { ...b.spacing, before: Math.max(0, (b.spacing.before ?? 0) - bb.top) };
  }
}

/**
 * settings.xml AddParaTableSpacing false (documents from OpenOffice.org's time): the space between
 * two paragraphs is the larger of the first one's space below and the second one's space above,
 * not their sum. Each text block's space above is lessened by the space below of the text block
 * just before it (`blocks` as one container holds them: a page, a cell).
 */
function largerSpacingOnly(blocks: Block[]): void {
  let below = 0;
  for (const b of blocks) {
    if (b.kind !== 'paragraph' && b.kind !== 'heading' && b.kind !== 'list-item') {
      below = 0;
      continue;
    }
    const sp = b.spacing;
    if (sp && below > 0) b.spacing = { ...sp, before: Math.max(0, (sp.before ?? 0) - below) };
    below = sp?.after ?? 0;
  }
}

function outsideBody<T>(ctx: Ctx, read: () => T): T {
  ctx.outside++;
  try {
    return read();
  } finally {
    ctx.outside--;
  }
}

function alignOf(v: string | undefined): Alignment | undefined {
  switch (v) {
    case 'center':
      return 'center';
    case 'end':
    case 'right':
      return 'right';
    case 'justify':
      return 'justify';
    case 'start':
    case 'left':
      return 'left';
    default:
      return undefined;
  }
}

/** The default paragraph style (style:default-style family="paragraph"): the end of every paragraph style's chain. */
const DEFAULT_STYLE = '\u0000default';
/** The default graphic style (style:default-style family="graphic"): the end of every graphic style's chain. */
const GRAPHIC_DEFAULT = '\u0000graphic';

function lineOf(pp: XmlElement | undefined): Spacing['line'] | undefined {
  const lh = pp?.attrs['line-height'];
  const pct = lh ? /^(\d+(?:\.\d+)?)%$/.exec(lh) : null;
  if (pct) return { rule: 'multiple', value: Number(pct[1]) / 100 };
  const exact = lengthToPt(lh);
  if (exact !== undefined && exact > 0) return { rule: 'exact', value: exact };
  const least = lengthToPt(pp?.attrs['line-height-at-least']);
  return least !== undefined && least > 0 ? { rule: 'atLeast', value: least } : undefined;
}

/** A percentage ("120%") as a factor, within 1–1000 %. */
function percentOf(v: string | undefined): number | undefined {
  const m = v ? /^(\d+(?:\.\d+)?)%$/.exec(v.trim()) : null;
  const n = m ? Number(m[1]) / 100 : Number.NaN;
  return n >= 0.01 && n <= 10 ? n : undefined;
}

/** fo:keep-with-next / fo:keep-together: "always" keeps, "auto" does not; undefined when absent. */
function keepOf(v: string | undefined): boolean | undefined {
  return v === undefined ? undefined : v === 'always';
}

/** fo:widows / fo:orphans: a line count (0–20). */
function lineCountOf(v: string | undefined): number | undefined {
  const n = v === undefined ? Number.NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 20) : undefined;
}

function readStyleElements(root: XmlElement | undefined, ctx: Ctx): void {
  if (!root) return;
  for (const container of kids(root, NS.office)) {
    if (container.local === 'font-face-decls') {
      for (const f of kids(container, NS.style, 'font-face')) {
        const family = f.attrs['font-family']?.trim().replace(/^'(.*)'$|^"(.*)"$/, '$1$2');
        if (f.attrs.name && family) ctx.fontFaces.set(f.attrs.name, family);
      }
      continue;
    }
    if (container.local !== 'styles' && container.local !== 'automatic-styles') continue;
    for (const s of kids(container)) {
      const isDefault = s.ns === NS.style && s.local === 'default-style' && s.attrs.family === 'paragraph';
      const isGraphicDefault = s.ns === NS.style && s.local === 'default-style' && s.attrs.family === 'graphic';
      const name = isDefault ? DEFAULT_STYLE : isGraphicDefault ? GRAPHIC_DEFAULT : s.attrs.name;
      // ODF 1.1's text:outline-style has no name (1.2 calls it "Outline"): it is read all the same.
      if (!name && !(s.ns === NS.text && s.local === 'outline-style')) continue;
      if (name && s.ns === NS.style && (s.local === 'style' || isDefault || isGraphicDefault)) {
        const tp = kid(s, NS.style, 'text-properties');
        const pp = kid(s, NS.style, 'paragraph-properties');
        const cp = kid(s, NS.style, 'table-cell-properties');
        const colp = kid(s, NS.style, 'table-column-properties');
        const rowp = kid(s, NS.style, 'table-row-properties');
        const tblp = kid(s, NS.style, 'table-properties');
        const pad: Partial<Insets> = {};
        for (const side of ['top', 'right', 'bottom', 'left'] as const) {
          const v = lengthToPt(cp?.attrs[`padding-${side}`] ?? cp?.attrs.padding);
          if (v !== undefined && v >= 0) pad[side] = v;
        }
        const va = cp?.attrs['vertical-align'];
        const relWidth = /^(\d+(?:\.\d+)?)%$/.exec(tblp?.attrs['rel-width'] ?? '');
        const gp = kid(s, NS.style, 'graphic-properties');
        const weight = tp?.attrs['font-weight'];
        const fstyle = tp?.attrs['font-style'];
        const ul = tp?.attrs['text-underline-style'];
        const sym = symbolFontOf(tp?.attrs['font-name'] ?? tp?.attrs['font-family']);
        if (isDefault) {
          const every = lengthToPt(pp?.attrs['tab-stop-distance']);
          if (every !== undefined && every >= 1) ctx.defaultTab = every;
        }
        const tabStops = pp ? kid(pp, NS.style, 'tab-stops') : undefined;
        const st: OdtStyle = {
          ...(sym ? { symbolFont: sym } : {}),
          ...(tp?.attrs.language ? { lang: tp.attrs.language } : {}),
          ...(tabStops ? { tabStops } : {}),
          lr: lrOf(pp),
          color: fontColourOf(tp),
          textBg: backgroundOf(tp),
          areaBg: backgroundOf(pp) ?? backgroundOf(cp) ?? backgroundOf(rowp) ?? backgroundOf(tblp),
          bold: weight === undefined ? undefined : weight === 'bold' || Number.parseInt(weight, 10) >= 600,
          italic: fstyle === undefined ? undefined : fstyle === 'italic' || fstyle === 'oblique',
          underline: ul === undefined ? undefined : ul !== 'none',
          caps: tp?.attrs['text-transform'] === undefined ? undefined : tp.attrs['text-transform'] === 'uppercase',
          hidden: tp?.attrs.display === undefined ? undefined : tp.attrs.display === 'none',
          size: /pt$|cm$|mm$|in$/.test(tp?.attrs['font-size'] ?? '') ? lengthToPt(tp?.attrs['font-size']) : undefined,
          sizePct: percentOf(tp?.attrs['font-size']),
          keepNext: keepOf(pp?.attrs['keep-with-next']),
          keepTogether: keepOf(pp?.attrs['keep-together']),
          widows: lineCountOf(pp?.attrs.widows),
          orphans: lineCountOf(pp?.attrs.orphans),
          ...paragraphBox(pp),
          before: lengthToPt(pp?.attrs['margin-top']),
          after: lengthToPt(pp?.attrs['margin-bottom']),
          line: lineOf(pp),
          font: tp?.attrs['font-name'] ?? (tp?.attrs['font-family'] ? `'${tp.attrs['font-family']}` : undefined),
          align: alignOf(pp?.attrs['text-align']),
          // Any value set here ("auto" too) overrides what the parent style says: an automatic
          // style often turns its heading style's page break off with fo:break-before="auto".
          breakBefore: breakOf(pp?.attrs['break-before'], 'page'),
          breakAfter: breakOf(pp?.attrs['break-after'], 'page'),
          columnBefore: breakOf(pp?.attrs['break-before'], 'column'),
          columnAfter: breakOf(pp?.attrs['break-after'], 'column'),
          columns: columnsOf(kid(s, NS.style, 'section-properties')),
          outline: s.attrs['default-outline-level'] ? Number.parseInt(s.attrs['default-outline-level'], 10) : undefined,
          cellBorders: cellBordersOf(cp),
          columnWidth: lengthToPt(colp?.attrs['column-width']),
          cellPad: Object.keys(pad).length ? pad : undefined,
          cellVAlign: va === 'middle' ? 'center' : va === 'bottom' ? 'bottom' : undefined,
          tableWidth: lengthToPt(tblp?.attrs.width),
          tableShare: relWidth ? Number(relWidth[1]) / 100 : undefined,
          tableAlign: tblp?.attrs.align,
          tableMayBreak: tblp?.attrs['may-break-between-rows'] === undefined ? undefined : tblp.attrs['may-break-between-rows'] !== 'false',
          tableKeepNext: tblp ? keepOf(tblp.attrs['keep-with-next']) : undefined,
          tableMarginLeft: lengthToPt(tblp?.attrs['margin-left']),
          rowMin: lengthToPt(rowp?.attrs['min-row-height']),
          rowExact: lengthToPt(rowp?.attrs['row-height']),
          gWrap: gp?.attrs.wrap,
          gHpos: gp?.attrs['horizontal-pos'],
          gHrel: gp?.attrs['horizontal-rel'],
          gVpos: gp?.attrs['vertical-pos'],
          gVrel: gp?.attrs['vertical-rel'],
          gValign: gp?.attrs['textarea-vertical-align'],
          gHalign: gp?.attrs['textarea-horizontal-align'],
          ...(gp ? graphicSides(gp) : {}),
          ...(isDefault || isGraphicDefault ? {} : { parent: s.attrs['parent-style-name'] ?? (s.attrs.family === 'paragraph' ? DEFAULT_STYLE : s.attrs.family === 'graphic' ? GRAPHIC_DEFAULT : undefined) }),
        };
        ctx.styles.set(name, st);
        ctx.resolvedStyles.clear();
        if (s.attrs['master-page-name']) ctx.masterOf.set(name, s.attrs['master-page-name']);
      } else if (s.ns === NS.text && s.local === 'outline-style') {
        for (const l of kids(s, NS.text, 'outline-level-style')) {
          ctx.outline.set(Number.parseInt(l.attrs.level ?? '1', 10), {
            bullet: false,
            char: '',
            format: l.attrs['num-format'] ?? '',
            prefix: l.attrs['num-prefix'] ?? '',
            suffix: l.attrs['num-suffix'] ?? '',
            start: Number.parseInt(l.attrs['start-value'] ?? '1', 10) || 1,
            display: Math.max(1, Number.parseInt(l.attrs['display-levels'] ?? '1', 10) || 1),
          });
        }
      } else if (name && s.ns === NS.text && s.local === 'list-style') {
        const levels = new Map<number, ListLevel>();
        for (const l of kids(s, NS.text)) {
          const level = Number.parseInt(l.attrs.level ?? '1', 10);
          if (l.local === 'list-level-style-bullet' || l.local === 'list-level-style-number' || l.local === 'list-level-style-image') {
            levels.set(level, {
              bullet: l.local !== 'list-level-style-number',
              char: l.attrs['bullet-char'] ?? '•',
              format: l.attrs['num-format'] ?? '1',
              prefix: l.attrs['num-prefix'] ?? '',
              suffix: l.attrs['num-suffix'] ?? '',
              start: Number.parseInt(l.attrs['start-value'] ?? '1', 10) || 1,
              display: Math.max(1, Number.parseInt(l.attrs['display-levels'] ?? '1', 10) || 1),
            });
          }
        }
        ctx.lists.set(name, levels);
      }
    }
  }
}

/** fo:break-before/-after: whether it asks for a break of `kind`; undefined when the style doesn't say. */
function breakOf(value: string | undefined, kind: 'page' | 'column'): boolean | undefined {
  return value === undefined ? undefined : value === kind;
}

/**
 * A paragraph style's indents in points (model.ts Indents) from the nearest style of its chain
 * that sets them (OdtIndents), percentages of its parent's; `auto`: an automatic first-line
 * indent (style:auto-text-indent), which LibreOffice makes twice the font size.
 */
function odtIndents(ctx: Ctx, name: string | undefined, depth = 0): { left: number; right: number; first: number; auto: boolean } {
  let cur = depth < 20 ? name : undefined;
  for (let i = 0; cur && i < 20; i++) {
    const s = ctx.styles.get(cur);
    if (!s) break;
    if (s.lr) {
      const lr = s.lr;
      let parent: ReturnType<typeof odtIndents> | undefined;
      const side = (len: OdtLength, k: 'left' | 'right' | 'first'): number => {
        if ('pt' in len) return len.pt;
        parent ??= odtIndents(ctx, s.parent, depth + 1);
        return parent[k] * len.pct;
      };
      return { left: side(lr.left, 'left'), right: side(lr.right, 'right'), first: side(lr.first, 'first'), auto: lr.auto };
    }
    cur = s.parent;
  }
  return { left: 0, right: 0, first: 0, auto: false };
}

/** CSS's width keywords, as LibreOffice reads them (points). */
const BORDER_WIDTHS: Record<string, number> = { thin: 0.75, medium: 2.25, thick: 3.75 };
const BORDER_STYLES = new Set(['solid', 'double', 'dotted', 'dashed', 'groove', 'ridge', 'inset', 'outset', 'none', 'hidden', 'fine-dashed', 'dash-dot', 'dash-dot-dot', 'double-thin']);

/**
 * An fo:border value ("0.5pt solid #000000", "0.0138in double #4F81BD", "none") as a line: null
 * for none, hidden or no width; undefined for a value that can't be read (a width or word that
 * is not one), which is then left out as if unset. A double line's width is the whole (both lines and the gap).
 */
export function odtBorder(v: string | undefined): BorderLine | null | undefined {
  if (v === undefined) return undefined;
  const parts = v.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!parts.length) return undefined;
  let width: number | undefined;
  let style: string | undefined;
  let color: string | undefined;
  for (const p of parts) {
    if (p.startsWith('#')) color = p;
    else if (BORDER_STYLES.has(p)) style = p;
    else if (BORDER_WIDTHS[p] !== undefined) width = BORDER_WIDTHS[p];
    else {
      const w = lengthToPt(p);
      if (w === undefined) return undefined;
      width = w;
    }
  }
  if (style === 'none' || style === 'hidden') return null;
  if (width === undefined) width = style ? BORDER_WIDTHS.thin : undefined;
  if (width === undefined) return undefined;
  if (width <= 0) return null;
  const line = borderLine(width, color);
  if (line && (style === 'double' || style === 'double-thin')) line.double = true;
  if (line && style === 'dotted') line.dash = 'dotted';
  else if (line && (style === 'dashed' || style === 'fine-dashed' || style === 'dash-dot' || style === 'dash-dot-dot')) line.dash = 'dashed';
  return line ?? undefined;
}

/** The sides of a paragraph's box its properties set (OdtStyle.boxTop…): padding plus border width. */
function paragraphBox(pp: XmlElement | undefined): Pick<OdtStyle, 'boxTop' | 'boxBottom' | 'boxLeft' | 'boxRight'> {
  const out: Pick<OdtStyle, 'boxTop' | 'boxBottom' | 'boxLeft' | 'boxRight'> = {};
  if (!pp) return out;
  const key = { top: 'boxTop', bottom: 'boxBottom', left: 'boxLeft', right: 'boxRight' } as const;
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const padAttr = pp.attrs[`padding-${side}`] ?? pp.attrs.padding;
    const lineAttr = pp.attrs[`border-${side}`] ?? pp.attrs.border;
    if (padAttr === undefined && lineAttr === undefined) continue;
    const pad = Math.max(0, lengthToPt(padAttr) ?? 0);
    const line = odtBorder(lineAttr);
    out[key[side]] = Math.min(pad + (line ? line.width : 0), 144);
  }
  return out;
}

function cellBordersOf(cp: XmlElement | undefined): CellBorders | undefined {
  if (!cp) return undefined;
  const out: CellBorders = {};
  for (const side of ['top', 'right', 'bottom', 'left'] as const) {
    const line = odtBorder(cp.attrs[`border-${side}`] ?? cp.attrs.border);
    if (line !== undefined) out[side] = line;
  }
  return Object.keys(out).length ? out : undefined;
}

/** A style with what its parents give it (resolvedChain), worked out once per name (a copy each call). */
function resolved(ctx: Ctx, name: string | undefined): OdtStyle {
  const key = name ?? '';
  let st = ctx.resolvedStyles.get(key);
  if (!st) {
    st = resolvedChain(ctx, name);
    ctx.resolvedStyles.set(key, st);
  }
  return { ...st };
}

function resolvedChain(ctx: Ctx, name: string | undefined): OdtStyle {
  const out: OdtStyle = {};
  let cur = name;
  // fo:font-size: the nearest size in points, times the percentages of the styles below it.
  let factor = 1;
  let sized = false;
  for (let i = 0; cur && i < 20; i++) {
    const s = ctx.styles.get(cur);
    if (!s) break;
    for (const k of Object.keys(s) as Array<keyof OdtStyle>) {
      if (k !== 'parent' && k !== 'size' && k !== 'sizePct' && out[k] === undefined && s[k] !== undefined) (out as Record<string, unknown>)[k] = s[k];
    }
    if (!sized && s.size !== undefined) {
      out.size = s.size * factor;
      sized = true;
    } else if (!sized && s.sizePct !== undefined) factor *= s.sizePct;
    cur = s.parent;
  }
  // No size in points up the chain: the percentage applies to the size of the text around (a span's paragraph).
  if (!sized && factor !== 1) out.sizePct = factor;
  return out;
}

interface RunProps {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  caps?: boolean;
  hidden?: boolean;
  size?: number;
  symbolFont?: SymbolFont;
  /** style:font-name (a font-face declaration's name), or fo:font-family with a leading "'". */
  font?: string;
  lang?: string;
  color?: Colour;
  highlight?: Colour;
}

function withStyle(base: RunProps, s: OdtStyle): RunProps {
  const out: RunProps = { bold: s.bold ?? base.bold, italic: s.italic ?? base.italic, underline: s.underline ?? base.underline };
  const caps = s.caps ?? base.caps;
  if (caps) out.caps = true;
  const hidden = s.hidden ?? base.hidden;
  if (hidden) out.hidden = true;
  const size = s.size ?? (s.sizePct !== undefined && base.size !== undefined ? base.size * s.sizePct : base.size);
  if (size !== undefined) out.size = size;
  const sym = s.symbolFont ?? base.symbolFont;
  if (sym) out.symbolFont = sym;
  const font = s.font ?? base.font;
  if (font) out.font = font;
  const lang = s.lang ?? base.lang;
  if (lang) out.lang = lang;
  const color = s.color ?? base.color;
  if (color) out.color = color;
  const highlight = s.textBg ?? base.highlight;
  if (highlight) out.highlight = highlight;
  return out;
}

/** A style's font as a family name: its font-face declaration's svg:font-family, else the name itself. */
function fontFamily(ctx: Ctx, font: string | undefined): string | undefined {
  if (!font) return undefined;
  if (font.startsWith("'")) return font.slice(1).trim().replace(/^'(.*)'$|^"(.*)"$/, '$1$2');
  return ctx.fontFaces.get(font) ?? font;
}

/** `floating`: a frame anchored to the paragraph or a character (not as a character): it goes after the paragraph's text, not into a word. */
type Piece = { run: Run } | { image: ImageBlock; floating?: boolean } | { blocks: Block[]; floating?: boolean } | { float: FloatBox };

/** The graphic properties of a frame's or shape's style (draw:style-name), through its parents. */
function graphicOf(ctx: Ctx, el: XmlElement): OdtGraphic {
  const st = resolved(ctx, el.attrs['style-name']);
  const g: OdtGraphic = {};
  if (st.gWrap) g.wrap = st.gWrap;
  if (st.gHpos) g.hpos = st.gHpos;
  if (st.gHrel) g.hrel = st.gHrel;
  if (st.gVpos) g.vpos = st.gVpos;
  if (st.gVrel) g.vrel = st.gVrel;
  if (st.gValign) g.valign = st.gValign;
  if (st.gHalign) g.halign = st.gHalign;
  const margin: Partial<Sides> = {};
  const padding: Partial<Sides> = {};
  for (const side of SIDES) {
    const m = st[`gMargin-${side}`];
    if (m !== undefined) margin[side] = m;
    // The text sits inside the border as well as the padding.
    const p = (st[`gPad-${side}`] ?? 0) + (st[`gBorder-${side}`] ?? 0);
    if (st[`gPad-${side}`] !== undefined || st[`gBorder-${side}`] !== undefined) padding[side] = p;
  }
  if (Object.keys(margin).length) g.margin = margin;
  if (Object.keys(padding).length) g.padding = padding;
  return g;
}

/** A graphic style's fo:margin-*, fo:padding-* and fo:border-* widths by side (a side's own attribute over the shorthand). */
function graphicSides(gp: XmlElement): Partial<OdtStyle> {
  const out: Partial<OdtStyle> = {};
  for (const side of SIDES) {
    const m = lengthToPt(gp.attrs[`margin-${side}`] ?? gp.attrs.margin);
    if (m !== undefined) out[`gMargin-${side}`] = m;
    const p = lengthToPt(gp.attrs[`padding-${side}`] ?? gp.attrs.padding);
    if (p !== undefined) out[`gPad-${side}`] = p;
    const b = gp.attrs[`border-${side}`] ?? gp.attrs.border;
    if (b !== undefined) out[`gBorder-${side}`] = (b.trim().split(/\s+/).map(lengthToPt).find((v) => v !== undefined) ?? 0);
  }
  return out;
}

/**
 * The graphic properties of a frame set as a character. A frame without a style, or whose style
 * chain reaches a style the file does not define (LibreOffice's own "Graphics", "top to base
 * line"), stands on the baseline when it gives no position; one whose chain the file defines
 * entirely without a position hangs from the baseline (vertical-pos "from-top", the pool default).
 */
function asCharGraphic(ctx: Ctx, frame: XmlElement): OdtGraphic {
  const g = graphicOf(ctx, frame);
  if (g.vpos) return g;
  let name = frame.attrs['style-name'];
  let builtin = !name;
  for (let i = 0; name && i < 20; i++) {
    const st = ctx.styles.get(name);
    if (!st) {
      builtin = true;
      break;
    }
    name = st.parent;
  }
  return { ...g, vpos: builtin ? 'top' : 'from-top' };
}

function hasContent(blocks: Block[]): boolean {
  return modelText({ blocks }).trim().length > 0 || blocks.some((b) => b.kind === 'image' || b.kind === 'float' || b.kind === 'table');
}

/** A floating box of a frame or shape anchored to the page, paragraph or a character (undefined: it stays inline). */
function floatOf(ctx: Ctx, el: XmlElement, anchorType: string | undefined, blocks: Block[], group?: XmlElement): FloatBox | undefined {
  if (!blocks.length) return undefined;
  // A group member: anchored and wrapped as its group is, at its own svg:x / svg:y (LibreOffice
  // writes members where the group's alignment put them); its text set in its own padding.
  const own = graphicOf(ctx, el);
  const g: OdtGraphic = group ? { ...graphicOf(ctx, group), hpos: 'from-left', vpos: 'from-top', padding: own.padding ?? {} } : own;
  if (group) {
    delete g.valign;
    delete g.halign;
    if (own.valign) g.valign = own.valign;
    if (own.halign) g.halign = own.halign;
  }
  const place = odtPlacement(el, anchorType, g, lengthToPt);
  return place ? { kind: 'float', blocks, ...place } : undefined;
}

/** A file in the package that an xlink:href may point at (a picture or an object's replacement). */
function isPackagedFile(name: string): boolean {
  return !name.endsWith('/') && !name.endsWith('.xml') && !name.startsWith('Thumbnails/') && !name.includes('Configurations2/') && name !== 'mimetype';
}

function imageFromFrame(ctx: Ctx, frame: XmlElement): ImageBlock | null {
  const img = kid(frame, NS.draw, 'image');
  const href = img?.attrs.href;
  if (!img || !href) return null;
  if (++ctx.images > 500) throw new ConversionError('too-large', 'the document contains more than 500 images');
  const width = lengthToPt(frame.attrs.width);
  const height = lengthToPt(frame.attrs.height);
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('../') || href.startsWith('/')) return linkedPicture(href, width, height);
  const path = href.replace(/^\.\//, '');
  const bytes = ctx.parts.get(path);
  if (!bytes) throw new ConversionError('corrupt', `an image (${path}) is missing from the file`);
  return pictureBlock(bytes, path, path, width, height);
}

/** text:* elements inside a paragraph whose content (if any) is not printed: marks, hidden text, scripts, declarations, change tracking. */
const NOT_SHOWN = new Set([
  'bookmark', 'bookmark-start', 'bookmark-end', 'reference-mark', 'reference-mark-start', 'reference-mark-end',
  'toc-mark', 'toc-mark-start', 'toc-mark-end', 'alphabetical-index-mark', 'alphabetical-index-mark-start', 'alphabetical-index-mark-end',
  'user-index-mark', 'user-index-mark-start', 'user-index-mark-end', 'soft-page-break',
  'change', 'change-start', 'change-end', 'tracked-changes', 'hidden-text', 'hidden-paragraph', 'script',
  'variable-decls', 'user-field-decls', 'sequence-decls', 'dde-connection-decls',
]);

/**
 * The embedded object of a frame (draw:object → "Object 1/content.xml"): a formula's text, or a
 * chart's title and data table (its own table:table, the values it draws); undefined for any
 * other object or none.
 */
function embeddedObject(ctx: Ctx, frame: XmlElement): { formula: string } | { blocks: Block[] } | undefined {
  const href = kid(frame, NS.draw, 'object')?.attrs.href?.replace(/^\.\//, '').replace(/\/$/, '');
  if (!href || href.includes('..')) return undefined;
  const root = xmlPart(ctx.parts, `${href}/content.xml`);
  if (!root) return undefined;
  const formula = odfFormula(root);
  if (formula !== undefined) return formula ? { formula } : undefined;
  const chart = kid(kid(root, NS.office, 'body') ?? root, NS.office, 'chart');
  const chartEl = chart ? kid(chart, NS.chart, 'chart') : undefined;
  if (!chartEl) return undefined;
  const blocks: Block[] = [];
  for (const t of ['title', 'subtitle']) {
    const el = kid(chartEl, NS.chart, t);
    if (el) for (const p of kids(el, NS.text, 'p')) blocks.push({ kind: 'paragraph', runs: [{ text: plain(p) }] });
  }
  const table = kid(chartEl, NS.table, 'table');
  if (table) outsideBody(ctx, () => blocks.push(readTable(ctx, table)));
  return { blocks };
}

function inline(ctx: Ctx, el: XmlElement, props: RunProps, out: Piece[], depth: number, group?: XmlElement): void {
  if (depth > 40) throw new ConversionError('corrupt', 'paragraph content nested too deeply');
  const emit = (raw: string, chapter?: Run['chapter']): void => {
    if ((!raw && !chapter) || props.hidden) return;
    const mapped = props.symbolFont ? mapSymbolText(props.symbolFont, raw) : raw;
    const text = props.caps ? mapped.toUpperCase() : mapped;
    const last = out[out.length - 1];
    const font = fontFamily(ctx, props.font);
    if (!chapter && last && 'run' in last && !last.run.sup && !last.run.picture && !last.run.chapter && !!last.run.bold === !!props.bold && !!last.run.italic === !!props.italic && !!last.run.underline === !!props.underline && last.run.size === props.size && last.run.font === font && last.run.color === props.color && last.run.highlight === props.highlight) {
      last.run.text += text;
      return;
    }
    const run: Run = { text };
    if (props.size !== undefined) run.size = props.size;
    if (font) run.font = font;
    if (props.bold) run.bold = true;
    if (props.italic) run.italic = true;
    if (props.underline) run.underline = true;
    if (chapter) run.chapter = chapter;
    if (props.color) run.color = props.color;
    if (props.highlight) run.highlight = props.highlight;
    out.push({ run });
  };
  for (const c of el.children) {
    if (typeof c === 'string') {
      // ODF collapses white space in paragraph text; text:s carries deliberate extra spaces.
      emit(c.replace(/[ \t\r\n]+/g, ' '));
      continue;
    }
    if (c.ns === NS.text) {
      switch (c.local) {
        case 'span':
          inline(ctx, c, withStyle(props, resolved(ctx, c.attrs['style-name'])), out, depth + 1);
          break;
        case 'a':
        case 'meta':
        case 'ruby-base':
        case 'sender-firstname':
        case 'sender-lastname':
        case 'author-name':
        case 'date':
        case 'time':
        case 'creation-date':
        case 'creation-time':
        case 'modification-date':
        case 'modification-time':
        case 'print-date':
        case 'print-time': {
          const text = odfDateField(ctx, c, props.lang);
          if (text !== undefined) emit(text);
          else inline(ctx, c, props, out, depth + 1);
          break;
        }
        case 'chapter': {
          // The chapter a page is in (a running header's "2.5 Common Record Substructures"): the
          // renderer sets it per page; the text the document stored stands where it can't.
          const stored: Piece[] = [];
          inline(ctx, c, { ...props, hidden: false }, stored, depth + 1);
          const level = Math.min(Math.max(Number.parseInt(c.attrs['outline-level'] ?? '1', 10) || 1, 1), 10);
          const display = c.attrs.display ?? 'number-and-name';
          const show = display === 'name' ? 'name' : display === 'number' || display === 'plain-number' ? 'number' : 'number-and-name';
          emit(stored.map((x) => ('run' in x ? x.run.text : '')).join(''), { level, show });
          break;
        }
        case 's':
          emit(' '.repeat(Math.min(Math.max(Number.parseInt(c.attrs.c ?? '1', 10) || 1, 1), 200)));
          break;
        case 'tab':
          emit('\t');
          break;
        case 'line-break':
          emit('\n');
          break;
        case 'page-number':
          emit(PAGE_FIELD);
          break;
        case 'page-count':
          emit(PAGES_FIELD);
          break;
        case 'note': {
          const citation = kid(c, NS.text, 'note-citation');
          const body = kid(c, NS.text, 'note-body');
          const label = citation ? plain(citation) : String(ctx.notes.length + 1);
          const key = `note:${ctx.notes.length}`;
          const endnote = c.attrs['note-class'] === 'endnote';
          out.push({ run: noteMark(label, endnote ? undefined : key) });
          const texts: string[] = [];
          for (const p of body ? kids(body, NS.text) : []) texts.push(plainInline(ctx, p));
          ctx.notes.push({ key, label, text: texts.join(' '), endnote });
          break;
        }
        default:
          // Any other field or mark-up that holds text prints that text (a field's content is
          // what it shows: text:title, text:sequence, text:reference-ref, text:bookmark-ref,
          // text:variable-get, text:file-name, text:note-ref's note number, text:sequence-ref,
          // text:author-initials, text:text-input…), so no shown text is lost to an element not listed here; marks
          // with nothing to show, hidden text and scripts are left out.
          if (!NOT_SHOWN.has(c.local) && c.attrs.display !== 'none') inline(ctx, c, props, out, depth + 1);
          break;
      }
      continue;
    }
    if (c.ns === NS.draw && c.local === 'frame') {
      const floating = c.attrs['anchor-type'] === 'char' || c.attrs['anchor-type'] === 'paragraph';
      const object = embeddedObject(ctx, c);
      if (object && 'formula' in object) {
        // A formula: its text where it stands (the replacement picture is left out: its text is this).
        emit(object.formula);
        continue;
      }
      const img = imageFromFrame(ctx, c);
      const textBox = kid(c, NS.draw, 'text-box');
      // A picture or text box anchored to the page, paragraph or a character floats where its attributes put it.
      if (!object) {
        const blocks: Block[] = [...(img ? [img] : []), ...(textBox ? shapeBlocks(ctx, c, textBox) : [])];
        const float = floatOf(ctx, c, c.attrs['anchor-type'] ?? group?.attrs['anchor-type'], blocks, group);
        if (float) {
          out.push({ float });
          continue;
        }
        // A picture set as a character stands in the line (its place there from its graphic style).
        if (img && !textBox && !floating && c.attrs['anchor-type'] === 'as-char') {
          out.push({ run: { text: '', picture: { image: img, ...inlineVpos(asCharGraphic(ctx, c), lengthToPt(c.attrs.y), img.height) } } });
          continue;
        }
        if (img) out.push(floating ? { image: img, floating } : { image: img });
        if (textBox) out.push(floating ? { blocks: blocks.slice(img ? 1 : 0), floating } : { blocks: blocks.slice(img ? 1 : 0) });
        continue;
      }
      // A chart's replacement picture when it is one we can draw (LibreOffice's are often SVM, which isn't), then its data.
      if (img && !(object && img.format === 'unknown')) out.push(floating ? { image: img, floating } : { image: img });
      if (object) out.push(floating ? { blocks: object.blocks, floating } : { blocks: object.blocks });
      const box = kid(c, NS.draw, 'text-box');
      if (box) {
        const blocks = shapeBlocks(ctx, c, box);
        out.push(floating ? { blocks, floating } : { blocks });
      }
      continue;
    }
    if (c.ns === NS.draw && c.local === 'a') inline(ctx, c, props, out, depth + 1);
    else if (c.ns === NS.draw && (c.local === 'g' || SHAPES.has(c.local))) drawing(ctx, c, out, depth + 1);
  }
}

/**
 * The text of a shape or frame (`body`: the shape itself, or the frame's draw:text-box): its
 * paragraphs without a style of their own are set in the text properties of the shape's graphic
 * style, down to the default graphic style, as LibreOffice sets them.
 */
function shapeBlocks(ctx: Ctx, shape: XmlElement, body: XmlElement): Block[] {
  const outer = ctx.drawStyle;
  ctx.drawStyle = shape.attrs['style-name'] ?? GRAPHIC_DEFAULT;
  try {
    return outsideBody(ctx, () => readBlocks(ctx, body, 0));
  } finally {
    ctx.drawStyle = outer;
  }
}

/** Drawing shapes whose text (text:p / text:list children) is printed with them. */
const SHAPES = new Set(['custom-shape', 'rect', 'ellipse', 'circle', 'polygon', 'polyline', 'regular-polygon', 'path', 'line', 'connector', 'caption', 'measure']);

/**
 * A drawing object: a group (draw:g, its members in document order), a shape with text, or a
 * frame; its text and pictures follow the paragraph it is anchored in.
 */
function drawing(ctx: Ctx, el: XmlElement, out: Piece[], depth: number, group?: XmlElement): void {
  if (depth > 40) throw new ConversionError('corrupt', 'drawing groups nested too deeply');
  // A group's members are anchored as the group is, each at its own svg:x / svg:y.
  const anchor = el.attrs['anchor-type'] ?? group?.attrs['anchor-type'];
  if (el.local === 'g') {
    const members: Piece[] = [];
    for (const c of kids(el)) if (c.ns === NS.draw) drawing(ctx, c, members, depth + 1, group ?? el);
    // Floating members in reading order: top to bottom, then left to right.
    const at = (p: Piece): [number, number] => ('float' in p ? [p.float.y.offset ?? 0, p.float.x.offset ?? 0] : [0, 0]);
    if (members.every((p) => 'float' in p)) members.sort((a, b) => at(a)[0] - at(b)[0] || at(a)[1] - at(b)[1]);
    out.push(...members);
    return;
  }
  if (el.local === 'frame') {
    inline(ctx, { ...el, children: [el] }, {}, out, depth + 1, group);
    return;
  }
  if (SHAPES.has(el.local) && kids(el).some((c) => c.ns === NS.text)) {
    const blocks = shapeBlocks(ctx, el, el);
    // A shape with no text in it (a drawn box, a line holding an empty text:p) adds nothing to
    // read, and takes no line of the text either.
    if (!hasContent(blocks)) return;
    const float = floatOf(ctx, el, anchor, blocks, group);
    out.push(float ? { float } : { blocks });
  }
}

/**
 * The text of an ODT date or time field as LibreOffice prints it (fields.ts): text:date and
 * text:time the moment of conversion unless text:fixed, the creation, modification and print
 * fields meta.xml's dates; undefined (the stored text stays) for a fixed field, a date the file
 * does not give, or a field without a data style.
 */
function odfDateField(ctx: Ctx, el: XmlElement, lang: string | undefined): string | undefined {
  if (el.attrs.fixed === 'true') return undefined;
  const kind = el.local.split('-')[0];
  const d = kind === 'date' || kind === 'time' ? ctx.fieldDates.now : kind === 'creation' ? ctx.fieldDates.created : kind === 'modification' ? ctx.fieldDates.modified : ctx.fieldDates.printed;
  const style = ctx.dataStyles.get(el.attrs['data-style-name'] ?? '');
  return d ? formatOdfDate(d, style, lang) : undefined;
}

function plain(el: XmlElement): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : plain(c);
  return s.trim();
}

function plainInline(ctx: Ctx, p: XmlElement): string {
  const pieces: Piece[] = [];
  inline(ctx, p, {}, pieces, 0);
  return pieces.map((x) => ('run' in x ? x.run.text : '')).join('');
}

function paragraph(ctx: Ctx, el: XmlElement, out: Block[], list?: { marker: string; ordered: boolean; level: number }): void {
  const st = resolved(ctx, el.attrs['style-name'] ?? ctx.drawStyle);
  // A paragraph whose style names a master page starts a page of that master page: a new section
  // with its headers and footers (on the first paragraph it names the first page's master page).
  const master = ctx.outside === 0 ? ctx.masterOf.get(el.attrs['style-name'] ?? '') : undefined;
  if (master && !ctx.started) ctx.masters[0] = master;
  else if (master) {
    // A first paragraph naming none is on the default master page (Standard): the one named here begins the second section.
    if (ctx.masters.length === 0) ctx.masters.push('Standard');
    ctx.masters.push(master);
    out.push({ kind: 'page-break', section: ctx.masters.length - 1 });
  } else if (st.breakBefore) out.push({ kind: 'page-break' });
  else if (st.columnBefore) out.push({ kind: 'page-break', column: true });
  ctx.started = true;
  const pieces: Piece[] = [];
  inline(ctx, el, withStyle({}, st), pieces, 0);
  const isHeading = el.local === 'h';
  const level = isHeading ? Math.min(Math.max(Number.parseInt(el.attrs['outline-level'] ?? '', 10) || st.outline || 1, 1), 6) : undefined;
  let runs: Run[] = [];
  let label = '';
  if (level !== undefined && !list && el.attrs['is-list-header'] !== 'true') {
    label = outlineLabel(ctx, level);
    if (label) runs.push({ text: `${label} ` });
  }
  let first = true;
  let emittedOther = false; // an image or text box stood in this paragraph: no extra empty line
  // fo:margin-top / -bottom that no style in the chain sets are 0, as LibreOffice lays them out.
  const box = { top: st.boxTop ?? 0, bottom: st.boxBottom ?? 0, left: st.boxLeft ?? 0, right: st.boxRight ?? 0 };
  const boxed = box.top + box.bottom + box.left + box.right > 0;
  const spacing: Spacing = { before: (st.before ?? 0) + box.top, after: (st.after ?? 0) + box.bottom };
  if (st.line) spacing.line = st.line;
  const breaking: Breaking = {};
  if (st.keepNext) breaking.keepNext = true;
  if (st.keepTogether) breaking.keepLines = true;
  if (st.widows) breaking.widows = st.widows;
  if (st.orphans) breaking.orphans = st.orphans;
  // Indents (a hanging indent's left margin is a tab stop too: the renderer adds it).
  const lr = odtIndents(ctx, el.attrs['style-name']);
  const margin = lr.left;
  // An automatic first-line indent is twice the font size in LibreOffice (for other than CJK text).
  const firstLine = lr.auto ? 2 * (st.size ?? 12) : lr.first;
  const indents: Indents = {};
  if (lr.left + box.left) indents.left = lr.left + box.left;
  if (lr.right + box.right) indents.right = lr.right + box.right;
  if (firstLine) indents.first = firstLine;
  const indented = Object.keys(indents).length > 0;
  const tabs = mergeStops([odtTabStops(st.tabStops, ctx.tabsRelative ? margin : 0)]);
  const spaced = <T extends Paragraph | Heading | ListItem>(b: T): T => {
    if (tabs) b.tabs = tabs;
    if (indented && b.kind !== 'list-item') (b as Paragraph | Heading).indents = { ...indents };
    if (Object.keys(spacing).length) b.spacing = first ? { ...spacing } : { ...spacing, before: 0 };
    if (Object.keys(breaking).length) b.breaking = { ...breaking };
    if (boxed) ctx.boxes.set(b, { key: `${box.top},${box.bottom},${box.left},${box.right},${lr.left},${lr.right}`, top: box.top, bottom: box.bottom });
    return b;
  };
  // A heading whose styles give its size or weight is set as they say (LibreOffice's "Heading N"
  // styles are a percentage of "Heading", bold by fo:font-weight); one with neither, at ours.
  const styled = st.size !== undefined || st.bold !== undefined;
  const shading = st.areaBg || undefined;
  const flush = (final: boolean): void => {
    const hasText = runsPrint(runs);
    if (!hasText && !(final && first && !emittedOther)) return;
    if (st.hidden && !hasText) return; // an empty hidden paragraph takes no line
    if (level !== undefined) {
      if (hasText) {
        const heading = spaced<Heading>({ kind: 'heading', level, runs, align: st.align, ...(styled ? { styled: true } : {}), ...(shading ? { shading } : {}) });
        if (first) {
          const text = runs.map((r) => r.text).join('');
          const name = (label && text.startsWith(`${label} `) ? text.slice(label.length + 1) : text).replace(/\s+/g, ' ').trim();
          heading.chapter = { number: label, name };
        }
        out.push(heading);
      }
    } else if (list && first) out.push(spaced<ListItem>({ kind: 'list-item', ordered: list.ordered, level: list.level, marker: list.marker, runs }));
    else {
      const para: Paragraph = { kind: 'paragraph', runs, align: st.align };
      if (!hasText && st.size !== undefined) para.size = st.size;
      if (shading) para.shading = shading;
      out.push(spaced(para));
    }
    runs = [];
    first = false;
  };
  const after: Block[] = [];
  for (const p of pieces) {
    if ('run' in p) runs.push(p.run);
    else if ('float' in p) {
      // Before the paragraph's text: a box placed from the paragraph's top is placed from where the
      // paragraph begins. A paragraph holding nothing else still takes its (empty) line, as in LibreOffice.
      out.push(p.float);
    } else if (p.floating) {
      emittedOther = true;
      if ('image' in p) after.push(p.image);
      else after.push(...p.blocks);
    } else {
      flush(false);
      emittedOther = true;
      if ('image' in p) out.push(p.image);
      else out.push(...p.blocks);
    }
  }
  flush(true);
  out.push(...after);
  if (st.breakAfter) out.push({ kind: 'page-break' });
  else if (st.columnAfter) out.push({ kind: 'page-break', column: true });
}

/** The chapter number of a heading at `level` ("2.1"), advancing the outline counters; '' when unnumbered. */
function outlineLabel(ctx: Ctx, level: number): string {
  const style = ctx.outline.get(level);
  if (!style || !style.format) return '';
  const c = ctx.outlineCounters;
  for (let i = 0; i < level - 1; i++) c[i] ??= 0;
  c[level - 1] = (c[level - 1] ?? (style.start - 1)) + 1;
  c.length = level;
  const parts: string[] = [];
  for (let l = Math.max(1, level - style.display + 1); l <= level; l++) {
    parts.push(odtNumber(c[l - 1] || 1, ctx.outline.get(l)?.format || '1'));
  }
  return `${style.prefix}${parts.join('.')}${style.suffix}`;
}

/** style:num-format values: "1", "a", "A", "i", "I", or "" for no number. */
const ODT_NUMBER_STYLES: Readonly<Record<string, NumberStyle>> = {
  a: 'lower-letter',
  A: 'upper-letter',
  i: 'lower-roman',
  I: 'upper-roman',
  '': 'none',
};

function odtNumber(n: number, fmt: string): string {
  return formatNumber(n, ODT_NUMBER_STYLES[fmt] ?? 'decimal');
}

function readList(ctx: Ctx, list: XmlElement, out: Block[], styleName: string | undefined, level: number, outer: string[] = []): void {
  if (level > 10) throw new ConversionError('corrupt', 'lists nested more than 10 deep');
  const name = list.attrs['style-name'] ?? styleName;
  const levels = name ? ctx.lists.get(name) : undefined;
  const lvl = levels?.get(level + 1) ?? levels?.get(1);
  let counter = (lvl?.start ?? 1) - 1;
  if (level === 0) {
    // text:continue-list points at the list this one continues; continue-numbering at the previous one.
    const from = list.attrs['continue-list'];
    if (from && ctx.listEnd.has(from)) counter = ctx.listEnd.get(from) as number;
    else if (list.attrs['continue-numbering'] === 'true' && name && ctx.styleEnd.has(name)) counter = ctx.styleEnd.get(name) as number;
  }
  for (const item of kids(list, NS.text)) {
    if (item.local !== 'list-item' && item.local !== 'list-header') continue;
    const header = item.local === 'list-header';
    if (!header) counter++;
    const startOverride = item.attrs['start-value'];
    if (startOverride && !header) counter = Number.parseInt(startOverride, 10) || counter;
    let firstPara = !header;
    for (const c of kids(item)) {
      if (c.ns === NS.text && (c.local === 'p' || c.local === 'h')) {
        if (firstPara) {
          const ordered = lvl ? !lvl.bullet : false;
          // display-levels > 1: the enclosing levels' numbers first ("2.1").
          const shown = lvl ? [...outer.slice(Math.max(0, outer.length - (lvl.display - 1))), odtNumber(counter, lvl.format)].filter(Boolean).join('.') : '';
          const marker = lvl && !lvl.bullet ? `${lvl.prefix}${shown}${lvl.suffix}` : lvl?.char ?? '•';
          paragraph(ctx, c, out, { marker, ordered, level });
          firstPara = false;
        } else paragraph(ctx, c, out);
      } else if (c.ns === NS.text && c.local === 'list') {
        readList(ctx, c, out, name, level + 1, [...outer.slice(0, level), lvl && !lvl.bullet ? odtNumber(counter, lvl.format) : '']);
        firstPara = false;
      } else if (c.ns === NS.table && c.local === 'table') out.push(readTable(ctx, c));
    }
  }
  if (level === 0) {
    if (list.attrs.id) ctx.listEnd.set(list.attrs.id, counter);
    if (name) ctx.styleEnd.set(name, counter);
  }
}

function readTable(ctx: Ctx, table: XmlElement, depth = 0): Table {
  const widths: number[] = [];
  const rows: Table['rows'] = [];
  let borders = false;
  const rowEls: XmlElement[] = [];
  let headerRows = 0;
  const collect = (el: XmlElement, level: number, header: boolean): void => {
    if (level > 4) return;
    for (const c of kids(el, NS.table)) {
      if (c.local === 'table-column') {
        const n = Math.min(Number.parseInt(c.attrs['number-columns-repeated'] ?? '1', 10) || 1, 64);
        const w = resolved(ctx, c.attrs['style-name']).columnWidth ?? 0;
        for (let i = 0; i < n; i++) widths.push(w);
      } else if (c.local === 'table-row') {
        const rep = Math.min(Number.parseInt(c.attrs['number-rows-repeated'] ?? '1', 10) || 1, 1000);
        for (let i = 0; i < rep; i++) rowEls.push(c);
        // Header rows count only where they open the table (they repeat at the top of each page).
        if (header && rowEls.length === headerRows + rep) headerRows += rep;
      } else if (c.local === 'table-header-rows') collect(c, level + 1, true);
      else if (c.local === 'table-rows' || c.local === 'table-row-group' || c.local === 'table-columns' || c.local === 'table-column-group' || c.local === 'table-header-columns') collect(c, level + 1, false);
    }
  };
  collect(table, 0, false);
  // A cell that sets no background shows its row's, a row that sets none its table's.
  const tableBg = resolved(ctx, table.attrs['style-name']).areaBg;
  if (rowEls.length > 10_000) throw new ConversionError('too-large', 'a table has more than 10000 rows');
  for (const tr of rowEls) {
    ctx.deadline.check();
    const cells: TableCell[] = [];
    let skip = 0;
    const rs = resolved(ctx, tr.attrs['style-name']);
    const rowBg = rs.areaBg ?? tableBg;
    for (const c of kids(tr, NS.table)) {
      if (c.local === 'covered-table-cell') {
        // Covered by a horizontal span: already counted. Otherwise by a cell above spanning down (drawn as part of it).
        if (skip > 0) skip--;
        else cells.push({ blocks: [], covered: true });
        continue;
      }
      if (c.local !== 'table-cell') continue;
      const rep = Math.min(Number.parseInt(c.attrs['number-columns-repeated'] ?? '1', 10) || 1, 64);
      const span = Math.min(Math.max(1, Number.parseInt(c.attrs['number-columns-spanned'] ?? '1', 10) || 1), 64);
      const down = Math.min(Math.max(1, Number.parseInt(c.attrs['number-rows-spanned'] ?? '1', 10) || 1), 10_000);
      const cs = resolved(ctx, c.attrs['style-name']);
      const sides = cs.cellBorders ?? {};
      const lines: CellBorders = { top: sides.top ?? null, right: sides.right ?? null, bottom: sides.bottom ?? null, left: sides.left ?? null };
      if (Object.values(lines).some((l) => l)) borders = true;
      const blocks: TableCell['blocks'] = [];
      for (const b of readBlocks(ctx, c, depth + 1)) intoCell(b, blocks);
      spaceBetween(ctx, blocks);
      for (let i = 0; i < rep; i++) {
        const cell: TableCell = { blocks, colSpan: span };
        if (down > 1) cell.rowSpan = down;
        if (cs.cellPad) cell.padding = cs.cellPad;
        if (cs.cellVAlign) cell.vAlign = cs.cellVAlign;
        cell.borders = lines;
        const bg = cs.areaBg ?? rowBg;
        if (bg) cell.shading = bg;
        cells.push(cell);
      }
      skip = span - 1;
    }
    // Trailing empty repeated cells (spreadsheet-style padding) add nothing.
    const h = rs.rowExact ?? rs.rowMin;
    if (cells.length) rows.push(h !== undefined && h > 0 && h < 1584 ? { cells, height: { rule: rs.rowExact !== undefined ? 'exact' : 'atLeast', value: h } } : { cells });
  }
  const t: Table = { kind: 'table', rows, borders };
  if (widths.length && widths.every((w) => w > 0)) t.columnWidths = widths;
  if (headerRows > 0 && headerRows < rows.length) t.headerRows = headerRows;
  // The table's width and place: table:align "margins" (the default) fills the text area; else its style:width (or rel-width) at its place.
  const ts = resolved(ctx, table.attrs['style-name']);
  const align = ts.tableAlign;
  if (ts.tableMayBreak === false) t.keepTogether = true;
  if (ts.tableKeepNext) t.keepNext = true;
  if (align && align !== 'margins') {
    if (ts.tableShare !== undefined && ts.tableShare > 0) t.width = { share: Math.min(ts.tableShare, 1.5) };
    else if (ts.tableWidth !== undefined && ts.tableWidth > 1) t.width = { pt: Math.min(ts.tableWidth, 1584) };
    if (align === 'center' || align === 'right') t.align = align;
    else if (ts.tableMarginLeft !== undefined && Math.abs(ts.tableMarginLeft) > 0.01 && Math.abs(ts.tableMarginLeft) < 720) t.indent = ts.tableMarginLeft;
  }
  return t;
}

/**
 * text:* elements between paragraphs that show nothing: tracked changes (what was deleted is kept
 * there), a page-break hint from the last editor, marks. Declarations (*-decls) and an index's
 * templates (*-source, whose title template is not its title) are left out by suffix.
 */
const BLOCKS_NOT_SHOWN = new Set(['tracked-changes', 'soft-page-break', 'bookmark', 'bookmark-start', 'bookmark-end', 'reference-mark', 'reference-mark-start', 'reference-mark-end', 'change', 'change-start', 'change-end', 'toc-mark', 'toc-mark-start', 'toc-mark-end', 'alphabetical-index-mark', 'alphabetical-index-mark-start', 'alphabetical-index-mark-end', 'user-index-mark', 'user-index-mark-start', 'user-index-mark-end']);

function readBlocks(ctx: Ctx, container: XmlElement, depth: number): Block[] {
  if (depth > 10) throw new ConversionError('corrupt', 'document body nested too deeply');
  const out: Block[] = [];
  let n = 0;
  for (const c of kids(container)) {
    if (++n % 200 === 0) ctx.deadline.check();
    if (c.ns === NS.text) {
      if (c.local === 'p' || c.local === 'h') paragraph(ctx, c, out);
      else if (c.local === 'list') readList(ctx, c, out, undefined, 0);
      else if (c.local === 'section' && ctx.outside === 0 && resolved(ctx, c.attrs['style-name']).columns) {
        // A section in columns: they begin where it does and end, balanced, where it ends.
        const cols = resolved(ctx, c.attrs['style-name']).columns as ColumnSetup;
        const around = ctx.columns;
        ctx.columns = cols;
        out.push({ kind: 'page-break', continuous: true, columns: cols }, ...readBlocks(ctx, c, depth + 1), { kind: 'page-break', continuous: true, columns: around ?? { count: 1 } });
        ctx.columns = around;
      } else if (!BLOCKS_NOT_SHOWN.has(c.local) && !c.local.endsWith('-decls') && !c.local.endsWith('-source')) {
        // Sections, indexes (their text:index-title and text:index-body), numbered paragraphs and
        // any other container: their paragraphs are shown, so they are read, never skipped.
        out.push(...readBlocks(ctx, c, depth + 1));
      }
    } else if (c.ns === NS.table && c.local === 'table') out.push(readTable(ctx, c, depth));
    else if (c.ns === NS.draw && (c.local === 'frame' || c.local === 'g' || SHAPES.has(c.local))) {
      // Page-anchored drawings sit between the paragraphs.
      const pieces: Piece[] = [];
      inline(ctx, { ...container, children: [c] }, {}, pieces, 0);
      for (const p of pieces) if ('image' in p) out.push(p.image);
      else if ('blocks' in p) out.push(...p.blocks);
      else if ('float' in p) out.push(p.float);
    }
  }
  return out;
}

/**
 * Text columns of a page layout's or a section's properties (style:columns: fo:column-count
 * equal ones fo:column-gap apart, or style:column widths one by one; style:column-sep a line
 * between); undefined for one column.
 */
function columnsOf(props: XmlElement | undefined): ColumnSetup | undefined {
  const cols = props ? kid(props, NS.style, 'columns') : undefined;
  const count = Number.parseInt(cols?.attrs['column-count'] ?? '1', 10);
  if (!cols || !(count > 1)) return undefined;
  const setup: ColumnSetup = { count };
  const gap = lengthToPt(cols.attrs['column-gap']);
  if (gap !== undefined) setup.gap = gap;
  const sep = kid(cols, NS.style, 'column-sep');
  if (sep && sep.attrs.style !== 'none' && lengthToPt(sep.attrs.width) !== 0) setup.separator = true;
  return setup;
}

/** Paragraphs of a master page's header or footer element (undefined when it has none or hides it). */
function hfParas(ctx: Ctx, part: XmlElement | undefined): Paragraph[] | undefined {
  if (!part || part.attrs.display === 'false') return undefined;
  const paras: Paragraph[] = [];
  for (const b of inlineFloats(outsideBody(ctx, () => readBlocks(ctx, part, 0)))) {
    if (b.kind === 'paragraph') paras.push(b);
    else if (b.kind === 'heading') paras.push({ kind: 'paragraph', runs: b.runs, align: b.align, ...(b.tabs ? { tabs: b.tabs } : {}) });
    else if (b.kind === 'list-item') paras.push({ kind: 'paragraph', runs: [{ text: `${b.marker} ` }, ...b.runs] });
  }
  return paras;
}

/**
 * Headers and footers of each section's master page: style:header on every page, style:header-left
 * on even pages when there is one, style:header-first (ODF 1.3, LibreOffice's "same content on
 * first page" off) on the first page of the section; footers alike.
 */
/** The text columns of a master page's page layout (undefined: one). */
function pageColumns(stylesRoot: XmlElement | undefined, master: string): ColumnSetup | undefined {
  if (!stylesRoot) return undefined;
  const pages = kids(kid(stylesRoot, NS.office, 'master-styles') ?? stylesRoot, NS.style, 'master-page');
  const layoutName = (pages.find((m) => m.attrs.name === master) ?? pages.find((m) => m.attrs.name === 'Standard') ?? pages[0])?.attrs['page-layout-name'];
  const layout = kids(kid(stylesRoot, NS.office, 'automatic-styles') ?? stylesRoot, NS.style, 'page-layout').find((l) => l.attrs.name === layoutName);
  return layout ? columnsOf(kid(layout, NS.style, 'page-layout-properties')) : undefined;
}

/**
 * The paper and margins of a master page (its style:page-layout's properties). ODF's top and
 * bottom margins hold the header and footer, so they sit at the margin and the text below them.
 */
function pageSetup(stylesRoot: XmlElement | undefined, master: string): PageSetup | undefined {
  if (!stylesRoot) return undefined;
  const pages = kids(kid(stylesRoot, NS.office, 'master-styles') ?? stylesRoot, NS.style, 'master-page');
  const page = pages.find((m) => m.attrs.name === master) ?? pages.find((m) => m.attrs.name === 'Standard') ?? pages[0];
  const layoutName = page?.attrs['page-layout-name'];
  if (!layoutName) return undefined;
  const layouts = kids(kid(stylesRoot, NS.office, 'automatic-styles') ?? stylesRoot, NS.style, 'page-layout');
  const props = kid(layouts.find((l) => l.attrs.name === layoutName) ?? stylesRoot, NS.style, 'page-layout-properties');
  if (!props) return undefined;
  const width = lengthToPt(props.attrs['page-width']);
  const height = lengthToPt(props.attrs['page-height']);
  if (width === undefined || height === undefined) return undefined;
  const m = (side: string): number => lengthToPt(props.attrs[`margin-${side}`] ?? props.attrs.margin) ?? 0;
  const top = m('top');
  const bottom = m('bottom');
  const setup: PageSetup = { width, height, top, bottom, left: m('left'), right: m('right'), header: top, footer: bottom };
  // The header's and footer's least height (with their gap to the text): LibreOffice begins the body below it.
  const layout = layouts.find((l) => l.attrs.name === layoutName);
  const least = (which: string): number | undefined => {
    const hf = kid(kid(layout ?? stylesRoot, NS.style, which) ?? stylesRoot, NS.style, 'header-footer-properties');
    const v = hf ? lengthToPt(hf.attrs['min-height'] ?? hf.attrs.height) : undefined;
    return v !== undefined && v > 0 && v < height / 3 ? v : undefined;
  };
  const hh = least('header-style');
  const fh = least('footer-style');
  if (hh !== undefined) setup.headerHeight = hh;
  if (fh !== undefined) setup.footerHeight = fh;
  return saneSetup(setup);
}

function furniture(ctx: Ctx, stylesRoot: XmlElement | undefined, masters: string[]): PageFurniture[] {
  const masterStyles = stylesRoot ? kid(stylesRoot, NS.office, 'master-styles') : undefined;
  const pages = masterStyles ? kids(masterStyles, NS.style, 'master-page') : [];
  const fallback = pages.find((m) => m.attrs.name === 'Standard') ?? pages[0];
  return masters.map((name) => {
    const page = pages.find((m) => m.attrs.name === name) ?? fallback;
    const f: PageFurniture = {};
    if (!page) return f;
    // A master page with another as its next style (LibreOffice's "First Page", next "Default"):
    // only the section's first page is of this one; the pages after it are of the next.
    const nextName = page.attrs['next-style-name'];
    const next = nextName && nextName !== page.attrs.name ? pages.find((m) => m.attrs.name === nextName) : undefined;
    const rest = next ?? page;
    const get = (local: string, of = rest): Paragraph[] | undefined => hfParas(ctx, kid(of, NS.style, local));
    const header = get('header');
    const footer = get('footer');
    if (header) f.header = header;
    if (footer) f.footer = footer;
    const left = [get('header-left'), get('footer-left')];
    if (left[0]) f.evenHeader = left[0];
    if (left[1]) f.evenFooter = left[1];
    const first = next ? [get('header-first', page) ?? get('header', page) ?? [], get('footer-first', page) ?? get('footer', page) ?? []] : [get('header-first'), get('footer-first')];
    if (first[0]) f.firstHeader = first[0];
    if (first[1]) f.firstFooter = first[1];
    return f;
  });
}

function hasDescendant(el: XmlElement, ns: string, local: string, depth: number): boolean {
  if (depth > 20) return false;
  return kids(el).some((c) => (c.ns === ns && c.local === local) || hasDescendant(c, ns, local, depth + 1));
}

export function readOdt(bytes: Uint8Array, limits: AnalysisLimits, deadline: Deadline): DocModel {
  // Pictures may live anywhere in the package, not only under Pictures/: writers use media/,
  // LibreOffice keeps the drawn replacement of an embedded object (formula, chart) under
  // ObjectReplacements/ with no extension. Every file that is not XML, a folder, the thumbnail
  // or UI configuration is read, so an href finds its bytes wherever they are (stored or deflated).
  // Embedded objects keep their own content.xml ("Object 1/content.xml": a formula, a chart).
  const parts = openZip(bytes, limits, (n) => n === 'content.xml' || n === 'styles.xml' || n === 'settings.xml' || n === 'META-INF/manifest.xml' || n === 'meta.xml' || n === 'mimetype' || /^[^/]+\/content\.xml$/.test(n) || isPackagedFile(n));
  const manifest = xmlPart(parts, 'META-INF/manifest.xml');
  if (manifest && hasDescendant(manifest, NS.manifest, 'encryption-data', 0)) {
    throw new ConversionError('encrypted', 'the ODT is password-protected');
  }
  const mime = parts.get('mimetype');
  if (mime && !new TextDecoder().decode(mime).startsWith('application/vnd.oasis.opendocument.text')) {
    throw new ConversionError('unsupported', 'the OpenDocument file is not a text document (spreadsheets and presentations are not converted)');
  }
  const settings = xmlPart(parts, 'settings.xml');
  const ctx: Ctx = { parts, styles: new Map(), resolvedStyles: new Map(), lists: new Map(), deadline, notes: [], images: 0, listEnd: new Map(), styleEnd: new Map(), outline: new Map(), outlineCounters: [], masterOf: new Map(), masters: [], started: false, outside: 0, fontFaces: new Map(), fieldDates: { now: new Date() }, dataStyles: new Map(), tabsRelative: configFlag(settings, 'TabsRelativeToIndent', true), sumSpacing: configFlag(settings, 'AddParaTableSpacing', true), boxes: new WeakMap() };
  const stylesRoot = xmlPart(parts, 'styles.xml');
  readStyleElements(stylesRoot, ctx);
  const content = xmlPart(parts, 'content.xml', true);
  readStyleElements(content, ctx);
  ctx.dataStyles = odfDataStyles([stylesRoot, content]);
  ctx.fieldDates = { now: new Date(), ...metadataDates(xmlPart(parts, 'meta.xml'), { created: 'creation-date', modified: 'date', printed: 'print-date' }) };
  deadline.check();
  const body = kid(content, NS.office, 'body');
  const text = body ? kid(body, NS.office, 'text') : undefined;
  if (!text) throw new ConversionError('corrupt', 'content.xml has no text body');
  const pageCols = pageColumns(stylesRoot, 'Standard');
  if (pageCols) ctx.columns = pageCols;
  const blocks = readBlocks(ctx, text, 0);
  spaceBetween(ctx, blocks);
  const endnotes = ctx.notes.filter((n) => n.endnote);
  // Endnotes on a page of their own after the text, as LibreOffice prints them.
  if (endnotes.length) blocks.push({ kind: 'page-break' }, ...endnotes.map((n) => noteParagraph(n.label, n.text)));
  while (blocks.length && blocks[blocks.length - 1]?.kind === 'page-break') blocks.pop();
  const model: DocModel = { blocks };
  // The body font (the Standard paragraph style's, else the default style's) sets the line height.
  const lineEm = fontLineEm(fontFamily(ctx, resolved(ctx, ctx.styles.has('Standard') ? 'Standard' : DEFAULT_STYLE).font));
  if (lineEm) model.lineEm = lineEm;
  if (ctx.defaultTab) model.defaultTab = ctx.defaultTab;
  if (ctx.tabsRelative) model.tabsFromIndent = true;
  // Tracked changes (text:tracked-changes): the body holds the text as accepted, the deleted text
  // only in the change regions, which are not printed.
  const revisions = { insertions: 0, deletions: 0 };
  for (const tcs of kids(text, NS.text, 'tracked-changes')) {
    for (const region of kids(tcs, NS.text, 'changed-region')) {
      if (kid(region, NS.text, 'insertion')) revisions.insertions++;
      if (kid(region, NS.text, 'deletion')) revisions.deletions++;
    }
  }
  if (revisions.insertions + revisions.deletions > 0) model.trackedChanges = revisions;
  const footnotes = ctx.notes.filter((n) => !n.endnote);
  if (footnotes.length) model.footnotes = new Map(footnotes.map((n) => [n.key, [noteParagraph(n.label, n.text)]]));
  model.sections = furniture(ctx, stylesRoot, ctx.masters.length ? ctx.masters : ['Standard']);
  const page = pageSetup(stylesRoot, ctx.masters[0] ?? 'Standard');
  if (page) model.page = page;
  const columns = pageColumns(stylesRoot, ctx.masters[0] ?? 'Standard');
  if (columns) model.columns = columns;
  return model;
}
