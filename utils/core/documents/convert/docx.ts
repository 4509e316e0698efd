// DOCX (WordprocessingML) → DocModel.
// Reads the main part, styles (heading levels, style-level bold/italic and numbering), numbering
// (numbered vs bulleted, nesting, counters), relationships (images, header/footer parts) and the
// default header/footer. Elements that only wrap content (hyperlinks, content controls, tracked
// insertions, smart tags) are walked through; tracked deletions and hidden text are left out,
// as Word prints them. Colours: a run's w:color (its hex w:val; w:themeColor is not looked up,
// Word writes the resolved value beside it), w:highlight and w:shd; a paragraph's w:shd (own or
// its style chain's); a cell's w:tcPr/w:shd, else its table style's shading for the first row and
// the row bands (w:tblStylePr firstRow, band1Horz, band2Horz, as w:tblLook turns them on) or for
// all its cells, else the table's w:tblPr/w:shd (own, its style's, the default table style's).
// Not read: the other conditional formats (columns, last row, corners) and their text formats,
// shading of list items. Table borders, side by side: w:tblBorders (the table's own, else its
// style chain's, else the default table style's) given to each cell by its place
// (top/bottom/left/right on the table's edge, insideH/insideV elsewhere) and the cell's
// w:tcBorders over them (w:sz in eighths of a point, w:color; none/nil: none; the double styles
// as two lines). Not read: a table style's conditional borders (w:tblStylePr firstRow…),
// w:tblCellSpacing, diagonal borders; dotted and dashed lines are drawn solid.

import type { AnalysisLimits } from '../types.ts';
import type { Deadline } from './errors.ts';
import { ConversionError } from './errors.ts';
import { linkedPicture, pictureBlock } from './pictures/formats.ts';
import { drawingAnchor, memberPlacement, shapeText, vmlInlineSize, vmlPlacement, xfrmOf, type Placement } from './anchors.ts';
import { CX_NS, chartPieces, chartexPieces } from './charts.ts';
import { alternativeOf, themeColors, type ThemeColors } from './drawing.ts';
import { C_NS_CHART, M_NS, chartBlocks, ommlText, smartArtBlocks, smartArtDataBlocks } from './objects.ts';
import { smartArtDrawing } from './smartart.ts';
import { mapSymbolText, symbolChar, symbolFontOf } from './symbols.ts';
import { PAGE_FIELD, PAGES_FIELD, borderLine, flattenIntoCell, fontLineEm, hexColour, intoCell, inlineFloats, mixShading, noteMark, noteParagraph, saneSetup } from './model.ts';
import type { Alignment, Colour, Block, BorderLine, Breaking, CellBorders, ColumnSetup, DocModel, FloatBox, Heading, ImageBlock, Indents, Insets, ListItem, PageBreak, PageFurniture, PageSetup, Paragraph, Run, Spacing, Table, TableCell, TableRow } from './model.ts';
import { formatNumber, roman, type NumberStyle } from './numbering.ts';
import { openZip, resolvePath, xmlPart } from './parts.ts';
import { metadataDates, wordDateField, type FieldDates } from './fields.ts';
import type { Parts } from './parts.ts';
import { docxTabStops, mergeStops, type LayerStop } from './tab-stops.ts';
import { kid, kids, textOf } from './xml.ts';
import type { XmlElement } from './xml.ts';

const W_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const DGM_NS = 'http://schemas.openxmlformats.org/drawingml/2006/diagram';
// Spelled from pieces: the layer check reads a literal "document" followed by a dot as the DOM global.
const MAIN_PART = `word/${['document', 'xml'].join('.')}`;

function isW(el: XmlElement, local: string): boolean {
  return el.local === local && W_NS.has(el.ns);
}

function wKid(el: XmlElement | undefined, local: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (typeof c !== 'string' && isW(c, local)) return c;
  return undefined;
}

function wKids(el: XmlElement, local: string): XmlElement[] {
  return kids(el).filter((c) => isW(c, local));
}

/** A w:b / w:i style toggle: present and not switched off. */
function onOff(el: XmlElement | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = el.attrs.val;
  return !(v === '0' || v === 'false' || v === 'off');
}

interface RunProps {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  hidden?: boolean;
  /** w:caps: shown in capitals whatever the letters typed (Word and LibreOffice print them so). */
  caps?: boolean;
  /** w:sz, in points (the file gives half-points). */
  size?: number;
  /** w:rFonts: the typeface (w:ascii, else w:hAnsi), or a theme font as DrawingML names it ('+mn-lt' minor, '+mj-lt' major). */
  font?: string;
  /** w:lang w:val ("et-EE"): the language of date fields' month and day names. */
  lang?: string;
  /** w:color w:val; '' for "auto" (the default, also over a style's colour). */
  color?: Colour | '';
  /** w:highlight (a named colour; '' for none) and the run's w:shd (shdColour). */
  highlight?: Colour | '';
  shade?: Colour | '';
}

/** Word's highlight colours (ST_HighlightColor) by name. */
const HIGHLIGHTS: Readonly<Record<string, Colour | ''>> = {
  yellow: 'FFFF00', green: '00FF00', cyan: '00FFFF', magenta: 'FF00FF', blue: '0000FF', red: 'FF0000',
  darkBlue: '000080', darkCyan: '008080', darkGreen: '008000', darkMagenta: '800080', darkRed: '800000',
  darkYellow: '808000', darkGray: '808080', lightGray: 'C0C0C0', black: '000000', white: 'FFFFFF', none: '',
};

/** w:color's w:val: a colour, '' for auto, undefined for anything unreadable (left to the style below). */
function colorOf(el: XmlElement | undefined): Colour | '' | undefined {
  const v = el?.attrs.val;
  if (v === undefined) return undefined;
  return v === 'auto' ? '' : hexColour(v);
}

/**
 * The colour a w:shd shows: w:fill under its pattern (w:val) in w:color, mixed as LibreOffice
 * prints them — "clear" the fill alone, "solid" the pattern colour, "pctN" N % of the pattern
 * colour over the fill, a stripe or cross pattern a third of it (LibreOffice's mix for
 * docx4j-tables' reverseDiagStripe, measured from its PDF); an automatic pattern colour is black, an automatic fill
 * white. '' for no shading ("nil", or a clear automatic fill), undefined when unreadable.
 */
function shdColour(shd: XmlElement | undefined): Colour | '' | undefined {
  if (!shd) return undefined;
  const val = shd.attrs.val ?? 'clear';
  if (val === 'nil' || val === 'none') return '';
  const fillAttr = shd.attrs.fill;
  const fill = fillAttr === undefined || fillAttr === 'auto' ? undefined : hexColour(fillAttr);
  if (fill === undefined && fillAttr !== undefined && fillAttr !== 'auto') return undefined;
  if (val === 'clear') return fill ?? '';
  const colorAttr = shd.attrs.color;
  const pattern = colorAttr === undefined || colorAttr === 'auto' ? '000000' : hexColour(colorAttr);
  if (pattern === undefined) return fill ?? '';
  if (val === 'solid') return pattern;
  // The pattern's share in thousandths, mixed in whole numbers as LibreOffice does (333: CFE5B2, not CFE6B3).
  const pct = /^pct(\d{1,2})$/.exec(val);
  const share = pct ? Number(pct[1]) * 10 : /Stripe$|Cross$/.test(val) ? 333 : 0;
  if (share <= 0) return fill ?? '';
  return mixShading(pattern, fill, share);
}

/** w:rFonts' typeface for Latin text: w:ascii / w:hAnsi, or their theme font (asciiTheme, hAnsiTheme). */
function rFontsOf(fonts: XmlElement | undefined): string | undefined {
  if (!fonts) return undefined;
  const named = fonts.attrs.ascii ?? fonts.attrs.hAnsi;
  if (named) return named;
  const theme = fonts.attrs.asciiTheme ?? fonts.attrs.hAnsiTheme;
  return theme ? (theme.startsWith('major') ? '+mj-lt' : '+mn-lt') : undefined;
}

function runProps(rPr: XmlElement | undefined): RunProps {
  if (!rPr) return {};
  const u = wKid(rPr, 'u');
  const sz = Number.parseInt(wKid(rPr, 'sz')?.attrs.val ?? '', 10);
  return {
    bold: onOff(wKid(rPr, 'b')),
    italic: onOff(wKid(rPr, 'i')),
    underline: u ? u.attrs.val !== 'none' && u.attrs.val !== '0' : undefined,
    hidden: onOff(wKid(rPr, 'vanish')),
    caps: onOff(wKid(rPr, 'caps')),
    size: sz >= 2 && sz <= 3276 ? sz / 2 : undefined,
    font: rFontsOf(wKid(rPr, 'rFonts')),
    lang: wKid(rPr, 'lang')?.attrs.val,
    color: colorOf(wKid(rPr, 'color')),
    highlight: wKid(rPr, 'highlight') ? (HIGHLIGHTS[wKid(rPr, 'highlight')?.attrs.val ?? ''] ?? undefined) : undefined,
    shade: shdColour(wKid(rPr, 'shd')),
  };
}

function merge(base: RunProps, over: RunProps): RunProps {
  return {
    bold: over.bold ?? base.bold,
    italic: over.italic ?? base.italic,
    underline: over.underline ?? base.underline,
    hidden: over.hidden ?? base.hidden,
    caps: over.caps ?? base.caps,
    size: over.size ?? base.size,
    font: over.font ?? base.font,
    lang: over.lang ?? base.lang,
    color: over.color ?? base.color,
    highlight: over.highlight ?? base.highlight,
    shade: over.shade ?? base.shade,
  };
}

/** A non-negative twips attribute up to 22 inches, else undefined. */
function twipsAttr(v: string | undefined): number | undefined {
  const n = v === undefined ? Number.NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 0 && n <= 31680 ? n : undefined;
}

/** An on/off attribute (ST_OnOff) that is present and on. */
function onAttr(v: string | undefined): boolean {
  return v !== undefined && v !== '0' && v !== 'false' && v !== 'off';
}

/**
 * A w:spacing element as points: before/after (twips; `*Autospacing` is HTML's 14 pt), and the
 * line rule (w:line in 240ths of a line for "auto", twips for "exact" / "atLeast").
 */
function spacingOf(el: XmlElement | undefined): Spacing | undefined {
  if (!el) return undefined;
  const num = twipsAttr;
  const out: Spacing = {};
  const before = onAttr(el.attrs.beforeAutospacing) ? 280 : num(el.attrs.before);
  const after = onAttr(el.attrs.afterAutospacing) ? 280 : num(el.attrs.after);
  if (before !== undefined) out.before = before / 20;
  if (after !== undefined) out.after = after / 20;
  const line = num(el.attrs.line);
  if (line !== undefined && line > 0) {
    const rule = el.attrs.lineRule;
    out.line = rule === 'exact' ? { rule: 'exact', value: line / 20 } : rule === 'atLeast' ? { rule: 'atLeast', value: line / 20 } : { rule: 'multiple', value: line / 240 };
  }
  return out;
}

function mergeSpacing(base: Spacing | undefined, over: Spacing | undefined): Spacing | undefined {
  if (!over) return base;
  if (!base) return over;
  const out: Spacing = { ...base };
  if (over.before !== undefined) out.before = over.before;
  if (over.after !== undefined) out.after = over.after;
  if (over.line !== undefined) out.line = over.line;
  return out;
}

interface StyleInfo {
  name: string;
  basedOn?: string;
  outline?: number;
  run: RunProps;
  numId?: string;
  ilvl?: number;
  align?: Alignment;
  tableBorders?: boolean;
  /** A table style's w:tblPr (cell margins, indent, alignment). */
  tblPr?: XmlElement;
  /** A table style that is the document's default (w:type="table" w:default="1"). */
  defaultTable?: boolean;
  spacing?: Spacing;
  /** w:contextualSpacing: no space before/after between paragraphs of this same style. */
  contextual?: boolean;
  /** w:rFonts w:ascii, for the body font's line height. */
  font?: string;
  /** w:keepNext, w:keepLines, w:widowControl as this style sets them (undefined: inherited). */
  keeps: PageKeeps;
  /** w:spacing w:beforeAutospacing / w:afterAutospacing as this style sets them. */
  auto: AutoSpacing;
  /** w:tabs: the stops this style adds or clears. */
  tabs?: LayerStop[];
  /** w:ind as this style sets it. */
  ind?: Indent;
  /** w:pBdr as this style sets it: the room its top and bottom borders take. */
  borderRoom?: BorderRoom;
  /** w:pPr/w:shd as this style sets it (shdColour). */
  shading?: Colour | '';
  /**
   * A table style's cell shading (shdColour of w:tcPr/w:shd): its cells' own, and that of its
   * conditional formats for the first row and the odd and even row bands (w:tblStylePr).
   */
  cellShade?: TableShades;
}

/** A table style's cell shading, whole and by conditional format. */
interface TableShades {
  whole?: Colour | '';
  firstRow?: Colour | '';
  band1Horz?: Colour | '';
  band2Horz?: Colour | '';
}

/** A table style's shading of cells (TableShades), undefined when it sets none. */
function tableShadesOf(s: XmlElement): TableShades | undefined {
  const out: TableShades = {};
  const whole = shdColour(wKid(wKid(s, 'tcPr'), 'shd'));
  if (whole !== undefined) out.whole = whole;
  for (const c of wKids(s, 'tblStylePr')) {
    const type = c.attrs.type;
    if (type !== 'firstRow' && type !== 'band1Horz' && type !== 'band2Horz') continue;
    const shade = shdColour(wKid(wKid(c, 'tcPr'), 'shd'));
    if (shade !== undefined) out[type] = shade;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Which of its style's conditional formats a table shows (w:tblLook): the first row, and row
 * bands unless noHBand; as attributes (Word 2010 on) or the bits of w:val (0x20 first row, 0x200
 * no row bands). None without a w:tblLook.
 */
function tableLookOf(look: XmlElement | undefined): { firstRow: boolean; rowBands: boolean } {
  if (!look) return { firstRow: false, rowBands: false };
  const bits = /^[0-9a-fA-F]{1,4}$/.test(look.attrs.val ?? '') ? Number.parseInt(look.attrs.val as string, 16) : 0;
  const flag = (name: string, bit: number): boolean => (look.attrs[name] !== undefined ? onAttr(look.attrs[name]) : (bits & bit) !== 0);
  return { firstRow: flag('firstRow', 0x20), rowBands: !flag('noHBand', 0x200) };
}

/** The room, in points, a paragraph's top and bottom borders (w:pBdr) take above and below its text: each border's w:space and width. */
interface BorderRoom {
  top: number;
  bottom: number;
}

/**
 * w:pBdr's top and bottom room: the border's distance from the text (w:space, points) and its
 * width (w:sz, eighths of a point), as LibreOffice lays them out; the borders themselves are
 * not drawn. Undefined without a w:pBdr.
 */
function borderRoomOf(pBdr: XmlElement | undefined): BorderRoom | undefined {
  if (!pBdr) return undefined;
  const side = (name: string): number => {
    const b = wKid(pBdr, name);
    const val = b?.attrs.val;
    if (!b || !val || val === 'none' || val === 'nil') return 0;
    const space = Number.parseFloat(b.attrs.space ?? '0');
    const sz = Number.parseFloat(b.attrs.sz ?? '4');
    return Math.min(Number.isFinite(space) ? Math.max(space, 0) : 0, 31) + Math.min(Number.isFinite(sz) ? Math.max(sz, 0) : 0, 96) / 8;
  };
  return { top: side('top'), bottom: side('bottom') };
}

/**
 * A w:ind in twips, each side as set (undefined: inherited): the left edge of the text (w:left,
 * or w:start), the right one (w:right, or w:end), and the first line's offset from the left
 * (w:firstLine positive, w:hanging negative).
 */
interface Indent {
  left?: number;
  right?: number;
  first?: number;
}

/** A whole number of twips, undefined when absent or damaged. */
function twipsOf(v: string | undefined): number | undefined {
  const n = v === undefined ? Number.NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

function indentOf(el: XmlElement | undefined): Indent | undefined {
  if (!el) return undefined;
  const num = twipsOf;
  const out: Indent = {};
  const left = num(el.attrs.start) ?? num(el.attrs.left);
  if (left !== undefined) out.left = left;
  const right = num(el.attrs.end) ?? num(el.attrs.right);
  if (right !== undefined) out.right = right;
  // w:hanging wins over w:firstLine when both are given (ECMA-376 17.3.1.12).
  const hanging = num(el.attrs.hanging);
  const firstLine = num(el.attrs.firstLine);
  if (hanging !== undefined) out.first = -hanging;
  else if (firstLine !== undefined) out.first = firstLine;
  return out.left === undefined && out.right === undefined && out.first === undefined ? undefined : out;
}

/** A w:ind (twips) as the model's indents (points); undefined when it sets none away from 0. */
function indentsOf(ind: Indent | undefined): Indents | undefined {
  if (!ind) return undefined;
  const out: Indents = {};
  if (ind.left) out.left = ind.left / 20;
  if (ind.right) out.right = ind.right / 20;
  if (ind.first) out.first = ind.first / 20;
  return Object.keys(out).length ? out : undefined;
}

/** Each side of `over` that is set replaces `base`'s. */
function mergeIndent(base: Indent | undefined, over: Indent | undefined): Indent | undefined {
  if (!over) return base;
  if (!base) return over;
  return { ...base, ...Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)) };
}

interface AutoSpacing {
  before?: boolean;
  after?: boolean;
}

/** An ST_OnOff attribute: undefined when absent. */
function onOffAttr(a: string | undefined): boolean | undefined {
  return a === undefined ? undefined : onAttr(a);
}

function autoSpacingOf(el: XmlElement | undefined): AutoSpacing {
  return { before: onOffAttr(el?.attrs.beforeAutospacing), after: onOffAttr(el?.attrs.afterAutospacing) };
}

/** A paragraph's page-breaking switches (ST_OnOff toggles): undefined when not set at that level. */
interface PageKeeps {
  keepNext?: boolean;
  keepLines?: boolean;
  widowControl?: boolean;
}

function keepsOf(pPr: XmlElement | undefined): PageKeeps {
  return { keepNext: onOff(wKid(pPr, 'keepNext')), keepLines: onOff(wKid(pPr, 'keepLines')), widowControl: onOff(wKid(pPr, 'widowControl')) };
}

/**
 * The page-breaking rules of a paragraph: its own switches over its style chain's over
 * docDefaults'. Widow control is on when nothing in that hierarchy sets it (ECMA-376 §17.3.1.44,
 * and Word's Normal): two lines at least at a page's top and foot.
 */
function breakingOf(levels: PageKeeps[]): Breaking | undefined {
  const pick = (k: keyof PageKeeps): boolean | undefined => levels.find((l) => l[k] !== undefined)?.[k];
  const out: Breaking = {};
  if (pick('keepNext')) out.keepNext = true;
  if (pick('keepLines')) out.keepLines = true;
  if (pick('widowControl') ?? true) {
    out.widows = 2;
    out.orphans = 2;
  }
  return Object.keys(out).length ? out : undefined;
}

interface NumLevel {
  fmt: string;
  text: string;
  start: number;
  symbolFont: boolean; // Symbol / Wingdings: plain bytes stand for pictures, not letters
  /** The level's w:pPr/w:tabs. */
  tabs?: LayerStop[];
  /** The level's w:pPr/w:ind: where its items' text and number sit. */
  ind?: Indent;
}

interface Ctx {
  parts: Parts;
  rels: Map<string, { target: string; type: string; external: boolean }>;
  partName: string;
  styles: Map<string, StyleInfo>;
  /** The style of paragraphs that name none (w:default="1"), and docDefaults' run and paragraph properties. */
  defaultStyle?: string;
  defaultRun: RunProps;
  /** What date fields print (docProps/core.xml's dates, the moment of conversion). */
  fieldDates: FieldDates;
  /**
   * The language date fields of the paragraph being read print their names in: LibreOffice takes
   * the paragraph's (docDefaults, the paragraph style, the paragraph mark's w:rPr/w:lang), not a
   * w:lang of the field's runs or their character style (seen on its DOCX import).
   */
  fieldLang?: string;
  /** The theme's Latin typefaces (w:rFonts asciiTheme="minorHAnsi" / "majorHAnsi"…). */
  themeFonts: { major?: string; minor?: string };
  /** The theme's colour scheme, for the charts and diagrams drawn here. */
  themeColors: ThemeColors;
  defaultSpacing?: Spacing;
  /** docDefaults' w:keepNext / w:keepLines / w:widowControl. */
  defaultKeeps: PageKeeps;
  /** Inside a table: its table style's paragraph spacing and run properties. */
  table?: { spacing?: Spacing; run: RunProps };
  /** settings.xml's w:compatSetting compatibilityMode (Word 2013 and later: 15); 14 when absent. */
  compatMode: number;
  /**
   * Between two paragraphs the larger of the first one's space after and the next one's space
   * before, not both: LibreOffice lays DOCX out so unless w:compat has w:doNotUseHTMLParagraphAutoSpacing.
   */
  largerGap: boolean;
  /** The last paragraph read, for w:contextualSpacing between paragraphs of one style. */
  lastPara?: { block: Paragraph | Heading | ListItem; style: string | undefined; contextual: boolean; autoAfter?: boolean; borderAfter?: number };
  nums: Map<string, { abstract: string; starts: Map<number, number> }>;
  abstracts: Map<string, Map<number, NumLevel>>;
  counters: Map<string, number[]>;
  notes: Map<string, { label: string; text: string }>;
  noteOrder: string[];
  footnoteParts: Map<string, Map<string, XmlElement>>;
  deadline: Deadline;
  images: number;
  /** Section properties met in paragraphs, in order (the body's own comes last). */
  sections: XmlElement[];
  /** The page breaks that begin sections 1, 2…, in order. */
  sectionBreaks: PageBreak[];
  /** Runs waiting to begin the next paragraph: a drop cap's letters (w:framePr w:dropCap), or a paragraph whose mark was deleted. */
  dropCap?: Run[];
}

function readRels(parts: Parts, partName: string): Map<string, { target: string; type: string; external: boolean }> {
  const slash = partName.lastIndexOf('/');
  const relName = `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`;
  const out = new Map<string, { target: string; type: string; external: boolean }>();
  const root = xmlPart(parts, relName);
  if (!root) return out;
  for (const r of kids(root, REL_NS, 'Relationship')) {
    const id = r.attrs.Id;
    const target = r.attrs.Target;
    if (!id || !target) continue;
    const external = r.attrs.TargetMode === 'External';
    out.set(id, { target: external ? target : resolvePath(partName, target), type: r.attrs.Type ?? '', external });
  }
  return out;
}

function alignOf(jc: XmlElement | undefined): Alignment | undefined {
  switch (jc?.attrs.val) {
    case 'center':
      return 'center';
    case 'right':
    case 'end':
      return 'right';
    case 'both':
    case 'distribute':
      return 'justify';
    case 'left':
    case 'start':
      return 'left';
    default:
      return undefined;
  }
}

function readStyles(parts: Parts, name: string): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  const root = xmlPart(parts, name);
  if (!root) return styles;
  for (const s of wKids(root, 'style')) {
    const id = s.attrs.styleId;
    if (!id) continue;
    const pPr = wKid(s, 'pPr');
    const numPr = wKid(pPr, 'numPr');
    const outline = wKid(pPr, 'outlineLvl')?.attrs.val;
    const borders = wKid(wKid(s, 'tblPr'), 'tblBorders');
    styles.set(id, {
      name: (wKid(s, 'name')?.attrs.val ?? id).toLowerCase(),
      basedOn: wKid(s, 'basedOn')?.attrs.val,
      outline: outline !== undefined ? Number.parseInt(outline, 10) : undefined,
      run: runProps(wKid(s, 'rPr')),
      numId: wKid(numPr, 'numId')?.attrs.val,
      ilvl: wKid(numPr, 'ilvl') ? Number.parseInt(wKid(numPr, 'ilvl')?.attrs.val ?? '0', 10) : undefined,
      align: alignOf(wKid(pPr, 'jc')),
      tableBorders: borders ? hasBorder(borders) : undefined,
      tblPr: wKid(s, 'tblPr'),
      defaultTable: s.attrs.type === 'table' && onAttr(s.attrs.default),
      ...(s.attrs.type === 'table' ? { cellShade: tableShadesOf(s) } : {}),
      spacing: spacingOf(wKid(pPr, 'spacing')),
      contextual: onOff(wKid(pPr, 'contextualSpacing')),
      font: wKid(wKid(s, 'rPr'), 'rFonts')?.attrs.ascii,
      keeps: keepsOf(pPr),
      auto: autoSpacingOf(wKid(pPr, 'spacing')),
      tabs: docxTabStops(wKid(pPr, 'tabs')),
      ind: indentOf(wKid(pPr, 'ind')),
      borderRoom: borderRoomOf(wKid(pPr, 'pBdr')),
      shading: shdColour(wKid(pPr, 'shd')),
    });
  }
  return styles;
}

interface DocDefaults {
  run: RunProps;
  spacing?: Spacing;
  keeps?: PageKeeps;
  defaultStyle?: string;
  /** The body font's name: the default paragraph style's, else docDefaults' (a theme font looked up in the theme). */
  font?: string;
}

/** docDefaults (w:rPrDefault, w:pPrDefault) and the default paragraph style of the styles part. */
function readDefaults(parts: Parts, name: string, styles: Map<string, StyleInfo>, theme: XmlElement | undefined): DocDefaults {
  const root = xmlPart(parts, name);
  const defaults = wKid(root, 'docDefaults');
  const rPr = wKid(wKid(defaults, 'rPrDefault'), 'rPr');
  const out: DocDefaults = { run: runProps(rPr) };
  const pPrDefault = wKid(wKid(defaults, 'pPrDefault'), 'pPr');
  const spacing = spacingOf(wKid(pPrDefault, 'spacing'));
  if (spacing) out.spacing = spacing;
  out.keeps = keepsOf(pPrDefault);
  const def = root ? wKids(root, 'style').find((st) => st.attrs.type === 'paragraph' && ['1', 'true', 'on'].includes(st.attrs.default ?? '')) : undefined;
  if (def?.attrs.styleId) out.defaultStyle = def.attrs.styleId;
  let cur = out.defaultStyle;
  for (let i = 0; cur && i < 20 && !out.font; i++) {
    out.font = styles.get(cur)?.font;
    cur = styles.get(cur)?.basedOn;
  }
  if (!out.font) {
    const fonts = wKid(rPr, 'rFonts');
    const themeRef = fonts?.attrs.asciiTheme ?? fonts?.attrs.hAnsiTheme;
    out.font = fonts?.attrs.ascii ?? (themeRef ? themeFont(theme, themeRef) : undefined);
  }
  return out;
}

const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';

/** A theme font reference (minorHAnsi, majorAscii…) as its typeface in the theme part. */
function themeFont(theme: XmlElement | undefined, ref: string): string | undefined {
  const elements = theme && kid(theme, A_NS, 'themeElements');
  const scheme = elements && kid(elements, A_NS, 'fontScheme');
  const which = scheme && kid(scheme, A_NS, ref.startsWith('major') ? 'majorFont' : 'minorFont');
  const face = which && kid(which, A_NS, 'latin')?.attrs.typeface;
  return face || undefined;
}

/** The first section's paper and margins (w:pgSz, w:pgMar in twips). */
function pageSetupOf(sect: XmlElement | undefined): PageSetup | undefined {
  const sz = wKid(sect, 'pgSz');
  const mar = wKid(sect, 'pgMar');
  if (!sz) return undefined;
  const tw = (v: string | undefined, dflt: number): number => {
    const n = v === undefined ? Number.NaN : Number.parseInt(v, 10);
    return Number.isFinite(n) ? Math.abs(n) / 20 : dflt;
  };
  const setup: PageSetup = {
    width: tw(sz.attrs.w, 595.3),
    height: tw(sz.attrs.h, 841.9),
    // A margin the file leaves out is ours (2 cm).
    top: tw(mar?.attrs.top, 56.69),
    bottom: tw(mar?.attrs.bottom, 56.69),
    left: tw(mar?.attrs.left ?? mar?.attrs.start, 56.69),
    right: tw(mar?.attrs.right ?? mar?.attrs.end, 56.69),
  };
  if (mar?.attrs.header !== undefined) setup.header = tw(mar.attrs.header, 36);
  if (mar?.attrs.footer !== undefined) setup.footer = tw(mar.attrs.footer, 36);
  return saneSetup(setup);
}

/** A section's text columns (w:cols: w:num equal ones w:space apart, or w:col widths one by one; w:sep a line between). */
function columnsOf(sect: XmlElement | undefined): ColumnSetup {
  const cols = wKid(sect, 'cols');
  const count = Number.parseInt(cols?.attrs.num ?? '1', 10);
  const setup: ColumnSetup = { count: Number.isFinite(count) && count > 0 ? count : 1 };
  if (!cols) return setup;
  const space = twipsAttr(cols.attrs.space);
  if (space !== undefined) setup.gap = space / 20;
  if (onAttr(cols.attrs.sep)) setup.separator = true;
  const own = wKids(cols, 'col');
  if (cols.attrs.equalWidth !== undefined && !onAttr(cols.attrs.equalWidth) && own.length > 1) {
    setup.widths = own.map((c) => ({ width: (twipsAttr(c.attrs.w) ?? 0) / 20, gap: (twipsAttr(c.attrs.space) ?? 0) / 20 }));
    setup.count = own.length;
  }
  return setup;
}

function hasBorder(borders: XmlElement): boolean {
  return kids(borders).some((b) => b.attrs.val !== undefined && b.attrs.val !== 'nil' && b.attrs.val !== 'none');
}

/** Walks a style's basedOn chain (bounded: a cycle must not hang us). */
function styleChain(ctx: Ctx, id: string | undefined): StyleInfo[] {
  const chain: StyleInfo[] = [];
  let cur = id;
  for (let i = 0; cur && i < 20; i++) {
    const s = ctx.styles.get(cur);
    if (!s) break;
    chain.push(s);
    cur = s.basedOn;
  }
  return chain;
}

function styleRunProps(ctx: Ctx, id: string | undefined): RunProps {
  let props: RunProps = {};
  for (const s of styleChain(ctx, id).toReversed()) props = merge(props, s.run);
  return props;
}

function headingLevel(ctx: Ctx, styleId: string | undefined, pPr: XmlElement | undefined): number | undefined {
  const direct = wKid(pPr, 'outlineLvl')?.attrs.val;
  if (direct !== undefined) {
    const n = Number.parseInt(direct, 10);
    if (n >= 0 && n < 9) return Math.min(n + 1, 6);
  }
  for (const s of styleChain(ctx, styleId)) {
    const m = /^heading\s*(\d)$/.exec(s.name);
    if (m) return Math.min(Math.max(Number.parseInt(m[1] as string, 10), 1), 6);
    if (s.name === 'title') return 1;
    if (s.name === 'subtitle') return 2;
    if (s.outline !== undefined && s.outline >= 0 && s.outline < 9) return Math.min(s.outline + 1, 6);
  }
  return undefined;
}

function readNumbering(parts: Parts, name: string, ctx: Pick<Ctx, 'nums' | 'abstracts'>): void {
  const root = xmlPart(parts, name);
  if (!root) return;
  for (const a of wKids(root, 'abstractNum')) {
    const levels = new Map<number, NumLevel>();
    for (const l of wKids(a, 'lvl')) {
      const ilvl = Number.parseInt(l.attrs.ilvl ?? '0', 10);
      levels.set(ilvl, {
        fmt: wKid(l, 'numFmt')?.attrs.val ?? 'decimal',
        text: wKid(l, 'lvlText')?.attrs.val ?? '',
        start: Number.parseInt(wKid(l, 'start')?.attrs.val ?? '1', 10) || 1,
        symbolFont: /symbol|wingdings|webdings/i.test(wKid(wKid(l, 'rPr'), 'rFonts')?.attrs.ascii ?? ''),
        tabs: docxTabStops(wKid(wKid(l, 'pPr'), 'tabs')),
        ind: indentOf(wKid(wKid(l, 'pPr'), 'ind')),
      });
    }
    if (a.attrs.abstractNumId !== undefined) ctx.abstracts.set(a.attrs.abstractNumId, levels);
  }
  // A list defined through a numbering style (w:numStyleLink, ECMA-376 17.9.21) has no levels of
  // its own: they are those of the abstract numbering that defines that style (w:styleLink).
  const byStyle = new Map<string, Map<number, NumLevel>>();
  for (const a of wKids(root, 'abstractNum')) {
    const link = wKid(a, 'styleLink')?.attrs.val;
    const levels = a.attrs.abstractNumId !== undefined ? ctx.abstracts.get(a.attrs.abstractNumId) : undefined;
    if (link && levels?.size) byStyle.set(link, levels);
  }
  for (const a of wKids(root, 'abstractNum')) {
    const link = wKid(a, 'numStyleLink')?.attrs.val;
    const id = a.attrs.abstractNumId;
    const levels = link ? byStyle.get(link) : undefined;
    if (id !== undefined && levels && !ctx.abstracts.get(id)?.size) ctx.abstracts.set(id, levels);
  }
  for (const n of wKids(root, 'num')) {
    const abs = wKid(n, 'abstractNumId')?.attrs.val;
    if (n.attrs.numId === undefined || abs === undefined) continue;
    const starts = new Map<number, number>();
    for (const o of wKids(n, 'lvlOverride')) {
      const s = wKid(o, 'startOverride')?.attrs.val;
      const lvl = Number.parseInt(o.attrs.ilvl ?? '0', 10);
      const start = Number.parseInt(s ?? '', 10);
      if (Number.isFinite(lvl) && Number.isFinite(start)) starts.set(lvl, start);
    }
    ctx.nums.set(n.attrs.numId, { abstract: abs, starts });
  }
}

const BULLETS = ['•', '–', '▪'];

/** w:numFmt values that aren't plain decimal; anything else (decimal, ordinal, …) counts in digits. */
const DOCX_NUMBER_STYLES: Readonly<Record<string, NumberStyle>> = {
  lowerLetter: 'lower-letter',
  upperLetter: 'upper-letter',
  lowerRoman: 'lower-roman',
  upperRoman: 'upper-roman',
  decimalZero: 'decimal-zero',
  none: 'none',
};

function docxNumber(n: number, fmt: string): string {
  return formatNumber(n, DOCX_NUMBER_STYLES[fmt] ?? 'decimal');
}

/** A list's level `ilvl` (its abstract numbering's, or level 0's). */
function numberingLevel(ctx: Ctx, numId: string, ilvl: number): NumLevel | undefined {
  const num = ctx.nums.get(numId);
  const levels = num ? ctx.abstracts.get(num.abstract) : undefined;
  return levels?.get(ilvl) ?? levels?.get(0);
}

/** Marker text for one numbered paragraph; advances the list's counters. Null when not a list. */
function listMarker(ctx: Ctx, numId: string, ilvl: number): { marker: string; ordered: boolean; ind?: Indent } | null {
  if (!Number.isInteger(ilvl) || ilvl < 0 || ilvl > 8) return null;
  const num = ctx.nums.get(numId);
  const levels = num ? ctx.abstracts.get(num.abstract) : undefined;
  if (!num || !levels) return null;
  const lvl = levels.get(ilvl) ?? levels.get(0);
  if (!lvl) return null;
  if (lvl.fmt === 'bullet') {
    // The level's own character ("o" in Courier New, "" in Symbol); the renderer maps symbol-font codes.
    let marker = lvl.text.trim();
    if (lvl.symbolFont) marker = [...marker].map((ch) => (ch.charCodeAt(0) < 0x100 ? String.fromCharCode(0xf000 + ch.charCodeAt(0)) : ch)).join('');
    return { marker: marker || (BULLETS[ilvl % BULLETS.length] as string), ordered: false, ind: lvl.ind };
  }
  let counters = ctx.counters.get(numId);
  if (!counters) {
    counters = [];
    ctx.counters.set(numId, counters);
  }
  for (let i = 0; i <= ilvl; i++) {
    if (counters[i] === undefined) counters[i] = (num.starts.get(i) ?? levels.get(i)?.start ?? 1) - (i === ilvl ? 1 : 0);
  }
  counters[ilvl] = (counters[ilvl] as number) + 1;
  counters.length = ilvl + 1; // deeper levels restart
  const marker = lvl.text.replace(/%(\d)/g, (_m, d: string) => {
    const i = Number.parseInt(d, 10) - 1;
    return docxNumber(counters[i] ?? 1, levels.get(i)?.fmt ?? 'decimal');
  });
  if (lvl.fmt === 'none' && !marker.trim()) return { marker: '', ordered: true, ind: lvl.ind };
  return { marker: marker || docxNumber(counters[ilvl] as number, lvl.fmt), ordered: true, ind: lvl.ind };
}

// ---------------------------------------------------------------------------------------------
// Paragraph content.

type Piece = { run: Run } | { pageBreak: true; column?: true } | { image: ImageBlock } | { blocks: Block[] } | { float: FloatBox };

interface FieldState {
  /** `locked`: w:fldLock, the field keeps its stored result; `lang`: the language its date is printed in. */
  stack: Array<{ instr: string; phase: 'instr' | 'result'; placeholder: string | null; locked?: boolean; lang?: string }>;
}

/** A date field's text as LibreOffice prints it (fields.ts), or null: not a date field, locked, or a date the file does not give. */
function dateFieldText(ctx: Ctx, instr: string, locked: boolean | undefined, lang: string | undefined): string | null {
  return locked ? null : (wordDateField(instr, ctx.fieldDates, lang) ?? null);
}

function fieldPlaceholder(instr: string): string | null {
  const word = instr.trim().split(/\s+/)[0]?.toUpperCase();
  if (word === 'PAGE') return PAGE_FIELD;
  if (word === 'NUMPAGES' || word === 'SECTIONPAGES') return PAGES_FIELD;
  return null;
}

function imageFromRel(ctx: Ctx, relId: string | undefined, width?: number, height?: number): ImageBlock {
  const rel = relId ? ctx.rels.get(relId) : undefined;
  if (++ctx.images > 500) throw new ConversionError('too-large', 'the document contains more than 500 images');
  if (!rel || rel.external) return linkedPicture(rel?.target ?? 'an unknown place', width, height);
  const bytes = ctx.parts.get(rel.target);
  if (!bytes) throw new ConversionError('corrupt', `an image part (${rel.target}) is missing from the file`);
  return pictureBlock(bytes, rel.target, rel.target, width, height);
}

function drawingImages(ctx: Ctx, el: XmlElement, out: Piece[]): void {
  // wp:inline / wp:anchor → wp:extent (EMU) and a:blip r:embed somewhere below.
  let extent: XmlElement | undefined;
  let group: XmlElement | undefined;
  const blips: XmlElement[] = [];
  const txbx: XmlElement[] = [];
  const objects: XmlElement[] = [];
  const walk = (e: XmlElement, depth: number): void => {
    if (depth > 60) return;
    if (e.local === 'extent' && !extent) extent = e;
    if (e.local === 'wgp' && !group) group = e;
    if (e.local === 'blip') blips.push(e);
    if (isW(e, 'txbxContent')) {
      txbx.push(e);
      return;
    }
    if (((e.ns === C_NS_CHART || e.ns === CX_NS) && e.local === 'chart') || (e.ns === DGM_NS && e.local === 'relIds')) {
      objects.push(e);
      return;
    }
    for (const c of kids(e)) walk(c, depth + 1);
  };
  walk(el, 0);
  const cx = extent ? Number.parseInt(extent.attrs.cx ?? '', 10) / 12700 : undefined;
  const cy = extent ? Number.parseInt(extent.attrs.cy ?? '', 10) / 12700 : undefined;
  // A floating drawing (wp:anchor) with text or pictures goes where it floats: a group's members
  // each at their place in the group, in reading order (top to bottom, left to right).
  const anchor = kids(el).find((c) => c.local === 'anchor');
  const place = anchor && (blips.length || txbx.length) ? drawingAnchor(anchor) : undefined;
  if (anchor && place) {
    const members = group ? groupMembers(ctx, group, place) : undefined;
    if (members) out.push(...members.map((float) => ({ float })));
    else {
      const blocks: Block[] = [...blips.map((b) => imageFromRel(ctx, b.attrs.embed ?? b.attrs.link, cx, cy)), ...txbx.flatMap((t) => readBlocks(ctx, t))];
      out.push({ float: { kind: 'float', blocks, ...place, ...shapeText(anchor, place.width, place.height) } });
    }
  } else {
    // wp:inline: the picture stands in the line, as a character (Run.picture); else a block of its own.
    const inlined = !anchor && kids(el).some((c) => c.local === 'inline');
    for (const b of blips) {
      const image = imageFromRel(ctx, b.attrs.embed ?? b.attrs.link, cx, cy);
      out.push(inlined ? { run: { text: '', picture: { image } } } : { image });
    }
    for (const t of txbx) out.push({ blocks: readBlocks(ctx, t) });
  }
  for (const o of objects) out.push({ blocks: o.local === 'chart' ? chartOf(ctx, o, cx, cy) : smartArtOf(ctx, o.attrs.dm, cx, cy) });
}

/**
 * The members of a DrawingML group (wpg:wgp) holding text or pictures, each a floating box at its
 * place inside the group's anchor, in reading order; undefined when the group's frame can't be
 * read (then the group is one box). A nested group is one member.
 */
function groupMembers(ctx: Ctx, group: XmlElement, place: Placement): FloatBox[] | undefined {
  const frame = xfrmOf(group);
  if (!frame) return undefined;
  const boxes: FloatBox[] = [];
  for (const m of kids(group)) {
    if (m.local !== 'wsp' && m.local !== 'pic' && m.local !== 'grpSp') continue;
    const blips: XmlElement[] = [];
    const txbx: XmlElement[] = [];
    const walk = (e: XmlElement, d: number): void => {
      if (d > 40) return;
      if (e.local === 'blip') blips.push(e);
      if (isW(e, 'txbxContent')) {
        txbx.push(e);
        return;
      }
      for (const c of kids(e)) walk(c, d + 1);
    };
    walk(m, 0);
    if (!blips.length && !txbx.length) continue;
    const own = xfrmOf(m);
    const at = own ? memberPlacement(place, frame, own) : undefined;
    if (!at) return undefined;
    const blocks: Block[] = [...blips.map((b) => imageFromRel(ctx, b.attrs.embed ?? b.attrs.link, at.width, at.height)), ...txbx.flatMap((t) => readBlocks(ctx, t))];
    boxes.push({ kind: 'float', blocks, ...at, ...shapeText(m, at.width, at.height) });
  }
  return boxes.toSorted((a, b) => boxKey(a)[0] - boxKey(b)[0] || boxKey(a)[1] - boxKey(b)[1]);
}

/** Where a group member sits in its group (down, across): members are read top to bottom, left to right. */
function boxKey(b: FloatBox): [number, number] {
  return [(b.y.offset ?? 0) + (b.y.shift ?? 0), (b.x.offset ?? 0) + (b.x.shift ?? 0)];
}

function relPart(ctx: Ctx, relId: string | undefined): string | undefined {
  const rel = relId ? ctx.rels.get(relId) : undefined;
  return rel && !rel.external && ctx.parts.has(rel.target) ? rel.target : undefined;
}

/** A chart (c:chart r:id) drawn from the chart part in its box; an Office 2016 chart (cx:chart) as a named box and its data (charts.ts). */
function chartOf(ctx: Ctx, el: XmlElement, width: number | undefined, height: number | undefined): Block[] {
  const part = relPart(ctx, el.attrs.id);
  const root = part ? xmlPart(ctx.parts, part) : undefined;
  if (!root || !part) return [];
  // Headers and footers keep text only (their pictures are left out): there a chart is its title and data.
  if (inFurniture(ctx)) return el.ns === CX_NS ? chartexPieces(root, width, height, part).filter((b) => b.kind !== 'image') : chartBlocks(root);
  return el.ns === CX_NS ? chartexPieces(root, width, height, part) : chartPieces(root, ctx.themeColors, width, height, part);
}

/** Reading a header or footer part, where pictures are not drawn. */
function inFurniture(ctx: Ctx): boolean {
  return /(^|\/)(header|footer)\d*\.xml$/.test(ctx.partName);
}

/**
 * A SmartArt diagram (dgm:relIds r:dm): the text of the drawing part Word saves beside the data
 * model (named in the data part's dsp:dataModelExt), which is what Word and LibreOffice show;
 * without one, the data model's text points.
 */
function smartArtOf(ctx: Ctx, dataRelId: string | undefined, width: number | undefined, height: number | undefined): Block[] {
  const dataPart = relPart(ctx, dataRelId);
  const data = dataPart ? xmlPart(ctx.parts, dataPart) : undefined;
  if (!data) return [];
  let ext: XmlElement | undefined;
  const find = (e: XmlElement, d: number): void => {
    if (ext || d > 20) return;
    if (e.local === 'dataModelExt') ext = e;
    else for (const c of kids(e)) find(c, d + 1);
  };
  find(data, 0);
  const drawingPart = relPart(ctx, ext?.attrs.relId);
  const drawing = drawingPart ? xmlPart(ctx.parts, drawingPart) : undefined;
  // Drawn as Word laid it out (smartart.ts); its text as paragraphs when the part has no shapes with a place.
  const drawn = drawing && drawingPart && !inFurniture(ctx) ? smartArtDrawing(drawing, ctx.themeColors, width, height, drawingPart) : undefined;
  if (drawn) return [drawn];
  const fromDrawing = drawing ? smartArtBlocks(drawing) : [];
  return fromDrawing.length ? fromDrawing : smartArtDataBlocks(data);
}

function vmlImages(ctx: Ctx, el: XmlElement, out: Piece[]): void {
  let shape: XmlElement | undefined;
  const walk = (e: XmlElement, depth: number, into: Piece[], inGroup: boolean): void => {
    if (depth > 60) return;
    if (e.local === 'shape' || e.local === 'rect') shape ??= e;
    // An absolutely positioned shape with a text box (not inside a v:group, whose members use
    // the group's coordinates) floats where its style puts it.
    const place = !inGroup && e.local !== 'textbox' && kids(e).some((c) => c.local === 'textbox') ? vmlPlacement(e) : undefined;
    if (place) {
      const inner: Piece[] = [];
      for (const c of kids(e)) walk(c, depth + 1, inner, true);
      const blocks = inner.flatMap((p): Block[] => ('image' in p ? [p.image] : 'blocks' in p ? p.blocks : 'float' in p ? [p.float] : []));
      into.push({ float: { kind: 'float', blocks, ...place } });
      return;
    }
    if (e.local === 'imagedata' && e.attrs.id) {
      // A picture in an unpositioned shape is set in the line, at the shape's size.
      const size = !inGroup && shape ? vmlInlineSize(shape) : undefined;
      if (size) into.push({ run: { text: '', picture: { image: imageFromRel(ctx, e.attrs.id, size.width, size.height) } } });
      else into.push({ image: imageFromRel(ctx, e.attrs.id) });
    }
    if (isW(e, 'txbxContent')) {
      into.push({ blocks: readBlocks(ctx, e) });
      return;
    }
    for (const c of kids(e)) walk(c, depth + 1, into, inGroup || e.local === 'group');
  };
  walk(el, 0, out, false);
}

/** A footnote or endnote reference: its raised label; the note's text is read once, in order of reference. */
function noteReference(ctx: Ctx, el: XmlElement, kind: 'footnote' | 'endnote'): Run {
  const id = el.attrs.id ?? '';
  const key = `${kind}:${id}`;
  let note = ctx.notes.get(key);
  if (!note) {
    const part = ctx.footnoteParts.get(kind);
    const body = part?.get(id);
    const label = kind === 'footnote' ? String(ctx.noteOrder.filter((k) => k.startsWith('footnote:')).length + 1) : roman(ctx.noteOrder.filter((k) => k.startsWith('endnote:')).length + 1);
    const text = body ? wKids(body, 'p').map((p) => paragraphText(ctx, p)).join(' ').trim() : '';
    note = { label, text };
    ctx.notes.set(key, note);
    ctx.noteOrder.push(key);
  }
  return noteMark(note.label, kind === 'footnote' ? key : undefined);
}

function paragraphText(ctx: Ctx, p: XmlElement): string {
  const pieces: Piece[] = [];
  inline(ctx, p, {}, pieces, { stack: [] }, 0);
  return pieces.map((x) => ('run' in x ? x.run.text : '')).join('');
}

function inline(ctx: Ctx, el: XmlElement, base: RunProps, out: Piece[], fields: FieldState, depth: number): void {
  if (depth > 40) throw new ConversionError('corrupt', 'paragraph content nested too deeply');
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.ns === MC_NS && c.local === 'AlternateContent') {
      // Take the first alternative we understand: Choice holds DrawingML, Fallback VML (drawing.ts alternativeOf).
      const choice = alternativeOf(c, MC_NS);
      if (choice) inline(ctx, choice, base, out, fields, depth + 1);
      continue;
    }
    if (c.ns === M_NS && (c.local === 'oMath' || c.local === 'oMathPara')) {
      // A formula: its text in linear notation, where it stands in the paragraph.
      const text = c.local === 'oMathPara' ? kids(c, M_NS, 'oMath').map((m) => ommlText(m)).join('\n') : ommlText(c);
      if (text.trim()) out.push({ run: { text, ...cleanProps(base, ctx) } });
      continue;
    }
    if (!W_NS.has(c.ns)) continue;
    switch (c.local) {
      case 'r':
        runContent(ctx, c, base, out, fields, depth);
        break;
      case 'hyperlink':
      case 'smartTag':
      case 'customXml':
      case 'dir':
      case 'bdo':
      case 'ins':
      case 'moveTo':
      case 'fldSimple': {
        const ph = c.local === 'fldSimple' ? (fieldPlaceholder(c.attrs.instr ?? '') ?? dateFieldText(ctx, c.attrs.instr ?? '', onAttr(c.attrs.fldLock), ctx.fieldLang)) : null;
        if (ph) out.push({ run: { text: ph, ...cleanProps(base, ctx) } });
        else inline(ctx, c, base, out, fields, depth + 1);
        break;
      }
      case 'sdt': {
        const content = wKid(c, 'sdtContent');
        if (content) inline(ctx, content, base, out, fields, depth + 1);
        break;
      }
      default:
        break; // pPr, bookmarks, proofErr, del, moveFrom, commentRangeStart...: nothing to print
    }
  }
}

function cleanProps(p: RunProps, ctx: Ctx): Omit<Run, 'text'> {
  const r: Omit<Run, 'text'> = {};
  if (p.bold) r.bold = true;
  if (p.italic) r.italic = true;
  if (p.underline) r.underline = true;
  if (p.size !== undefined) r.size = p.size;
  const font = p.font === '+mj-lt' ? ctx.themeFonts.major : p.font === '+mn-lt' ? ctx.themeFonts.minor : p.font;
  if (font) r.font = font;
  if (p.color) r.color = p.color;
  // A highlight is drawn over the run's shading: it wins where both are set.
  const highlight = p.highlight || p.shade;
  if (highlight) r.highlight = highlight;
  return r;
}

function runContent(ctx: Ctx, r: XmlElement, base: RunProps, out: Piece[], fields: FieldState, depth: number): void {
  const rPr = wKid(r, 'rPr');
  const props = merge(merge(base, styleRunProps(ctx, wKid(rPr, 'rStyle')?.attrs.val)), runProps(rPr));
  if (props.hidden) return;
  const style = cleanProps(props, ctx);
  const fieldLang = ctx.fieldLang;
  // A run set in Symbol or Wingdings: its characters mean what that font shows.
  const fonts = wKid(rPr, 'rFonts');
  const symFont = symbolFontOf(fonts?.attrs.ascii ?? fonts?.attrs.hAnsi);
  const top = (): FieldState['stack'][number] | undefined => fields.stack[fields.stack.length - 1];
  const suppressed = (): boolean => fields.stack.some((f) => f.phase === 'instr' || (f.phase === 'result' && f.placeholder !== null));
  const emit = (text: string): void => {
    if (!text || suppressed()) return;
    const last = out[out.length - 1];
    if (last && 'run' in last && !last.run.sup && !last.run.picture && last.run.bold === style.bold && last.run.italic === style.italic && last.run.underline === style.underline && last.run.size === style.size && last.run.font === style.font && last.run.color === style.color && last.run.highlight === style.highlight) {
      last.run.text += text;
    } else out.push({ run: { text, ...style } });
  };
  for (const c of r.children) {
    if (typeof c === 'string') continue;
    if (c.ns === MC_NS && c.local === 'AlternateContent') {
      const choice = alternativeOf(c, MC_NS);
      if (choice) {
        const fake: XmlElement = { ns: r.ns, local: 'r', attrs: {}, children: [...(rPr ? [rPr] : []), ...choice.children] };
        runContent(ctx, fake, base, out, fields, depth + 1);
      }
      continue;
    }
    if (!W_NS.has(c.ns)) continue;
    switch (c.local) {
      case 't': {
        const t = symFont ? mapSymbolText(symFont, textOf(c)) : textOf(c);
        emit(props.caps ? t.toUpperCase() : t);
        break;
      }
      case 'tab':
      case 'ptab':
        emit('\t');
        break;
      case 'br':
        if (c.attrs.type === 'page' || c.attrs.type === 'column') {
          if (!suppressed()) out.push(c.attrs.type === 'column' ? { pageBreak: true, column: true } : { pageBreak: true });
        } else emit('\n');
        break;
      case 'cr':
        emit('\n');
        break;
      case 'noBreakHyphen':
        emit('-');
        break;
      case 'sym': {
        const code = Number.parseInt(c.attrs.char ?? '', 16);
        // Symbol-font codes are given as F0xx or as the plain byte; both go through the symbol table in
        // the renderer, and one it doesn't know is refused there rather than drawn as a wrong letter.
        const font = symbolFontOf(c.attrs.font);
        const mapped = font && Number.isFinite(code) ? symbolChar(font, code) : undefined;
        if (mapped) emit(mapped);
        else if (Number.isFinite(code) && code > 0) emit(String.fromCharCode(code < 0x100 ? 0xf000 + code : code));
        break;
      }
      case 'fldChar': {
        const t = c.attrs.fldCharType;
        if (t === 'begin') fields.stack.push({ instr: '', phase: 'instr', placeholder: null, locked: onAttr(c.attrs.fldLock), lang: fieldLang });
        else if (t === 'separate') {
          const f = top();
          if (f) {
            f.phase = 'result';
            const ph = fieldPlaceholder(f.instr) ?? dateFieldText(ctx, f.instr, f.locked, f.lang);
            // Page-number fields show a placeholder filled in per page instead of the stale cached result.
            if (ph) {
              emit(ph);
              f.placeholder = ph;
            }
          }
        } else if (t === 'end') {
          const f = fields.stack.pop();
          // A PAGE field without a cached result still shows its number.
          if (f && f.phase === 'instr') {
            const ph = fieldPlaceholder(f.instr) ?? dateFieldText(ctx, f.instr, f.locked, f.lang);
            if (ph) emit(ph);
          }
        }
        break;
      }
      case 'instrText': {
        const f = top();
        if (f && f.phase === 'instr') f.instr += textOf(c);
        break;
      }
      case 'drawing':
        if (!suppressed()) drawingImages(ctx, c, out);
        break;
      case 'pict':
      case 'object':
        if (!suppressed()) vmlImages(ctx, c, out);
        break;
      case 'footnoteReference':
      case 'endnoteReference':
        if (!suppressed()) out.push({ run: noteReference(ctx, c, c.local === 'footnoteReference' ? 'footnote' : 'endnote') });
        break;
      case 'pgNum':
        emit(PAGE_FIELD);
        break;
      case 'ruby':
        // Phonetic guide: the base text, then its reading (w:rt), which Word sets above it.
        for (const part of [wKid(c, 'rubyBase'), wKid(c, 'rt')]) for (const k of part ? kids(part, c.ns, 'r') : []) runContent(ctx, k, props, out, fields, depth + 1);
        break;
      default:
        break; // rPr, delText, lastRenderedPageBreak, annotationRef, softHyphen...
    }
  }
}

function readParagraph(ctx: Ctx, p: XmlElement, out: Block[]): void {
  const pPr = wKid(p, 'pPr');
  const styleId = wKid(pPr, 'pStyle')?.attrs.val ?? ctx.defaultStyle;
  const chain = styleChain(ctx, styleId);
  const baseRun = merge(merge(ctx.defaultRun, ctx.table?.run ?? {}), styleRunProps(ctx, styleId));
  // Spacing: Word's own defaults (none before or after, single lines), docDefaults, then the
  // style chain from its root, then the paragraph's own.
  let spacing = mergeSpacing(mergeSpacing({ before: 0, after: 0 }, ctx.defaultSpacing), ctx.table?.spacing);
  for (const st of chain.toReversed()) spacing = mergeSpacing(spacing, st.spacing);
  spacing = mergeSpacing(spacing, spacingOf(wKid(pPr, 'spacing')));
  const contextual = onOff(wKid(pPr, 'contextualSpacing')) ?? chain.find((st) => st.contextual !== undefined)?.contextual ?? false;
  const ownAuto = autoSpacingOf(wKid(pPr, 'spacing'));
  const autoBefore = ownAuto.before ?? chain.find((st) => st.auto.before !== undefined)?.auto.before ?? false;
  const autoAfter = ownAuto.after ?? chain.find((st) => st.auto.after !== undefined)?.auto.after ?? false;
  let firstText: Paragraph | Heading | ListItem | undefined;
  let lastText: Paragraph | Heading | ListItem | undefined;
  const breaking = breakingOf([keepsOf(pPr), ...chain.map((st) => st.keeps), ctx.defaultKeeps]);
  const withSpacing = <T extends Paragraph | Heading | ListItem>(b: T): T => {
    if (spacing) b.spacing = firstText ? { ...spacing, before: 0 } : { ...spacing };
    if (breaking) b.breaking = { ...breaking };
    firstText ??= b;
    lastText = b;
    return b;
  };
  const align = alignOf(wKid(pPr, 'jc')) ?? chain.find((s) => s.align)?.align;
  const level = headingLevel(ctx, styleId, pPr);
  const shading = shdColour(wKid(pPr, 'shd')) ?? chain.find((s) => s.shading !== undefined)?.shading;

  const numPr = wKid(pPr, 'numPr');
  let numId = wKid(numPr, 'numId')?.attrs.val;
  let ilvl = wKid(numPr, 'ilvl') ? Number.parseInt(wKid(numPr, 'ilvl')?.attrs.val ?? '0', 10) : undefined;
  if (numId === undefined) {
    const s = chain.find((x) => x.numId !== undefined);
    numId = s?.numId;
    ilvl ??= s?.ilvl;
  }
  // A damaged w:val parses to NaN: treat it as the outer level rather than letting it reach array lengths.
  ilvl = Number.isFinite(ilvl) ? Math.min(Math.max(ilvl as number, 0), 8) : 0;

  if (onOff(wKid(pPr, 'pageBreakBefore'))) out.push({ kind: 'page-break' });

  const pieces: Piece[] = [];
  const outerLang = ctx.fieldLang;
  ctx.fieldLang = merge(baseRun, runProps(wKid(pPr, 'rPr'))).lang;
  inline(ctx, p, baseRun, pieces, { stack: [] }, 0);
  ctx.fieldLang = outerLang;
  // A drop cap is its own framed paragraph holding the first letter(s) of the next one: Word
  // draws them as one word ("D" + "rop cap."), so they are read as one.
  const frame = wKid(pPr, 'framePr')?.attrs.dropCap;
  // A deleted paragraph mark (tracked, w:pPr/w:rPr/w:del): accepted, this paragraph's text runs
  // on into the next one, as Word's "No Markup" view and LibreOffice's Accept All show it.
  const markDeleted = !!wKid(wKid(pPr, 'rPr'), 'del') && !wKid(pPr, 'sectPr');
  if ((frame === 'drop' || frame === 'margin' || markDeleted) && pieces.every((x) => 'run' in x)) {
    // The letters at the size of the text they begin (a drop cap's own size is the frame's height).
    const size = (r: Run): Run => (frame === 'drop' || frame === 'margin' ? { ...r, size: baseRun.size } : r);
    ctx.dropCap = [...(ctx.dropCap ?? []), ...pieces.map((x) => ('run' in x ? size(x.run) : { text: '' }))];
    return;
  }
  if (ctx.dropCap) {
    pieces.unshift(...ctx.dropCap.map((run) => ({ run })));
    ctx.dropCap = undefined;
  }

  let marker: { marker: string; ordered: boolean; ind?: Indent } | null = null;
  if (numId !== undefined && numId !== '0') marker = listMarker(ctx, numId, ilvl);
  // Tab stops: the style chain's from its root, the list level's, then the paragraph's own.
  const numLevel = numId !== undefined && numId !== '0' ? numberingLevel(ctx, numId, ilvl) : undefined;
  const tabs = mergeStops([...chain.toReversed().map((st) => st.tabs), numLevel?.tabs, docxTabStops(wKid(pPr, 'tabs'))]);
  const withTabs = <T extends Paragraph | Heading | ListItem>(b: T): T => {
    if (tabs) b.tabs = tabs;
    return b;
  };
  // A list item's indents (ECMA-376 17.3.1.12, 17.9.23): the numbering level's, under the
  // paragraph style's when the style brings the numbering, over it when the paragraph itself
  // does; the paragraph's own w:ind over both.
  let styleInd: Indent | undefined;
  for (const st of chain.toReversed()) styleInd = mergeIndent(styleInd, st.ind);
  const ownNumbering = wKid(numPr, 'numId') !== undefined;
  const ownInd = indentOf(wKid(pPr, 'ind'));
  const listInd = mergeIndent(ownNumbering ? mergeIndent(styleInd, marker?.ind) : mergeIndent(marker?.ind, styleInd), ownInd);
  // Any other paragraph (and a heading): the style chain's w:ind, each side under the paragraph's own.
  const indents = indentsOf(mergeIndent(styleInd, ownInd));
  let runs: Run[] = [];
  let first = true;
  let emittedOther = false;
  const flush = (final: boolean): void => {
    const hasText = runs.some((r) => r.text.length > 0 || r.picture !== undefined);
    if (!hasText && !final) return;
    if (!hasText && (!first || emittedOther)) return; // nothing but a break or an image: no empty line
    // An empty paragraph that only carries a section break takes no line (LibreOffice drops it).
    if (!hasText && wKid(pPr, 'sectPr')) return;
    if (level !== undefined) {
      // Numbered headings ("2.1 Bevindingen"): the number is part of the heading's text.
      if (hasText && marker?.ordered && marker.marker && first) runs = [{ text: `${marker.marker} ` }, ...runs];
      // Set in the document's own formatting (docDefaults, the style chain, theme fonts) when its style is defined.
      if (hasText) out.push(withTabs(withSpacing<Heading>({ kind: 'heading', level, runs, align, ...(chain.length ? { styled: true } : {}), ...(indents ? { indents } : {}), ...(shading ? { shading } : {}) })));
    } else if (marker && first) {
      const li: ListItem = { kind: 'list-item', ordered: marker.ordered, level: ilvl, marker: marker.marker, runs };
      if (listInd?.left !== undefined || listInd?.first !== undefined) {
        const left = listInd.left ?? 0;
        li.indent = Math.max(0, left) / 20;
        li.markerAt = Math.max(0, left + (listInd.first ?? 0)) / 20;
      }
      out.push(withTabs(withSpacing(li)));
    } else {
      const para: Paragraph = { kind: 'paragraph', runs, align };
      if (indents) para.indents = indents;
      if (shading) para.shading = shading;
      const mark = merge(baseRun, runProps(wKid(pPr, 'rPr'))).size;
      if (!hasText && mark !== undefined) para.size = mark;
      out.push(withTabs(withSpacing(para)));
    }
    runs = [];
    first = false;
  };
  for (const piece of pieces) {
    if ('run' in piece) runs.push(piece.run);
    else if ('pageBreak' in piece) {
      flush(false);
      emittedOther = true;
      out.push(piece.column ? { kind: 'page-break', column: true } : { kind: 'page-break' });
    } else if ('image' in piece) {
      flush(false);
      emittedOther = true;
      out.push(piece.image);
    } else if ('float' in piece) {
      // Before the paragraph's text: a box placed from the paragraph's top is placed from where the
      // paragraph begins. A paragraph holding nothing else still takes its (empty) line, as in LibreOffice.
      out.push(piece.float);
    } else {
      flush(false);
      emittedOther = true;
      out.push(...piece.blocks);
    }
  }
  flush(true);
  // w:contextualSpacing: between two paragraphs of the same style, a paragraph that has it loses its space there.
  const prev = ctx.lastPara;
  if (prev && firstText && prev.style === styleId) {
    if (prev.contextual && prev.block.spacing) prev.block.spacing.after = prev.borderAfter ?? 0;
    if (contextual && firstText.spacing) firstText.spacing.before = 0;
  }
  // The gap between two paragraphs is the larger of the two spaces (ctx.largerGap), the second
  // one's space before what the first one's space after leaves; spacers vanish at a page top as before.
  // HTML auto spacing (w:*Autospacing, Word's "Auto"): between two paragraphs that have it the
  // space is collapsed so too, one 14 pt instead of both (Word and LibreOffice lay it out so).
  if ((ctx.largerGap || (prev?.autoAfter && autoBefore)) && prev && firstText?.spacing && prev.block.spacing) {
    firstText.spacing.before = Math.max(0, (firstText.spacing.before ?? 0) - ((prev.block.spacing.after ?? 0) - (prev.borderAfter ?? 0)));
  }
  // The room of the paragraph's top and bottom borders (its own w:pBdr, else its style chain's)
  // is inside the paragraph: it adds to its spacing, past the collapsing of the gaps above.
  const room = borderRoomOf(wKid(pPr, 'pBdr')) ?? chain.find((st) => st.borderRoom)?.borderRoom;
  if (room?.top && firstText?.spacing) firstText.spacing.before = (firstText.spacing.before ?? 0) + room.top;
  if (room?.bottom && lastText?.spacing) lastText.spacing.after = (lastText.spacing.after ?? 0) + room.bottom;
  ctx.lastPara = lastText ? { block: lastText, style: styleId, contextual, autoAfter, ...(room?.bottom ? { borderAfter: room.bottom } : {}) } : undefined;

  // A section break in this paragraph: the next section (with its own headers and footers)
  // begins here, on a new page unless that section is a continuous one — a sectPr's w:type says
  // how its own section begins, so it is known once the next sectPr is read (readDocx).
  const sect = wKid(pPr, 'sectPr');
  if (sect) {
    ctx.sections.push(sect);
    const br: PageBreak = { kind: 'page-break', section: ctx.sections.length };
    ctx.sectionBreaks.push(br);
    out.push(br);
  }
}

/** `w:` children named `local`, also those wrapped in content controls or custom XML (up to 5 deep). */
function wrappedKids(el: XmlElement, local: string, out: XmlElement[] = [], depth = 0): XmlElement[] {
  for (const c of kids(el)) {
    if (isW(c, local)) out.push(c);
    else if ((isW(c, 'sdt') || isW(c, 'customXml') || isW(c, 'sdtContent')) && depth < 5) wrappedKids(c, local, out, depth + 1);
  }
  return out;
}

/**
 * A table's paragraphs take its table style's paragraph and run properties (w:tblStyle) over
 * docDefaults, below their own paragraph style's: Word's "Table Grid" sets no space after and
 * single lines, where docDefaults often have 10 pt after and 1.15 lines. Only the named style's
 * own, not what it inherits (basedOn), as LibreOffice prints them: docx4j-headers_footers'
 * ElementTable, based on Table Grid, keeps the 10 pt there (40 pages; 33 with Table Grid's).
 */
function readTable(ctx: Ctx, tbl: XmlElement, depth: number): Table {
  ctx.lastPara = undefined;
  const outer = ctx.table;
  const id = wKid(wKid(tbl, 'tblPr'), 'tblStyle')?.attrs.val;
  let spacing: Spacing | undefined;
  let run: RunProps = {};
  for (const st of styleChain(ctx, id).slice(0, 1)) {
    spacing = mergeSpacing(spacing, st.spacing);
    run = merge(run, st.run);
  }
  ctx.table = { ...(spacing ? { spacing } : {}), run };
  try {
    return readTableCells(ctx, tbl, depth);
  } finally {
    ctx.table = outer;
  }
}

function readTableCells(ctx: Ctx, tbl: XmlElement, depth: number): Table {
  if (depth > 8) throw new ConversionError('unsupported', 'tables nested more than 8 deep cannot be converted');
  const tblPr = wKid(tbl, 'tblPr');
  const direct = wKid(tblPr, 'tblBorders');
  let borders = direct ? hasBorder(direct) : undefined;
  const chain = styleChain(ctx, wKid(tblPr, 'tblStyle')?.attrs.val);
  if (borders === undefined) borders = chain.find((s) => s.tableBorders !== undefined)?.tableBorders;
  // Table properties: the table's own, its style's (basedOn on), then the default table style's.
  const prs = [tblPr, ...chain.map((s) => s.tblPr), ...[...ctx.styles.values()].filter((s) => s.defaultTable).map((s) => s.tblPr)].filter((p): p is XmlElement => p !== undefined);
  const prop = (name: string): XmlElement | undefined => {
    for (const p of prs) {
      const el = wKid(p, name);
      if (el) return el;
    }
    return undefined;
  };
  const margins = cellMargins(prs.map((p) => wKid(p, 'tblCellMar')));
  // A cell's shading: its own, else its table style's for its row (the first row, a row band, as
  // w:tblLook turns them on), else the style's for every cell, else the table's (w:tblPr/w:shd).
  const tableShade = shdColour(prop('shd'));
  const look = tableLookOf(prop('tblLook'));
  const styleShade = <K extends keyof TableShades>(k: K): Colour | '' | undefined => chain.find((st) => st.cellShade?.[k] !== undefined)?.cellShade?.[k];
  const bandSize = Math.min(Math.max(Number.parseInt(prop('tblStyleRowBandSize')?.attrs.val ?? '1', 10) || 1, 1), 100);
  const rowShade = (r: number): Colour | '' | undefined => {
    if (look.firstRow && r === 0 && styleShade('firstRow') !== undefined) return styleShade('firstRow');
    const band = look.rowBands ? styleShade(Math.floor((r - (look.firstRow ? 1 : 0)) / bandSize) % 2 === 0 ? 'band1Horz' : 'band2Horz') : undefined;
    return (look.firstRow && r === 0 ? undefined : band) ?? styleShade('whole') ?? tableShade;
  };
  const padding = { top: margins.top ?? 0, right: margins.right ?? 5.4, bottom: margins.bottom ?? 0, left: margins.left ?? 5.4 };
  const grid = wKids(wKid(tbl, 'tblGrid') ?? tbl, 'gridCol').map((g) => Number.parseInt(g.attrs.w ?? '0', 10) || 0);
  const rows: Table['rows'] = [];
  let cellBorders = false;
  const ownBorders = new Map<TableCell, XmlElement>();
  let headerRows = 0;
  let headerRun = true;
  // Per row, the grid column each cell starts at and whether it is a merge's continuation (for rowSpan).
  const starts: Array<Array<{ col: number; cont: boolean; restart: boolean }>> = [];
  for (const tr of wrappedKids(tbl, 'tr')) {
    ctx.deadline.check();
    const trPr = wKid(tr, 'trPr');
    const cells: TableCell[] = [];
    const marks: Array<{ col: number; cont: boolean; restart: boolean }> = [];
    let col = 0;
    const gap = (name: string): void => {
      const n = Math.min(Math.max(Number.parseInt(wKid(trPr, name)?.attrs.val ?? '0', 10) || 0, 0), 64);
      if (n > 0) {
        cells.push({ blocks: [], colSpan: n, blank: true });
        marks.push({ col, cont: false, restart: false });
        col += n;
      }
    };
    gap('gridBefore');
    for (const tc of wrappedKids(tr, 'tc')) {
      const tcPr = wKid(tc, 'tcPr');
      const span = Math.min(Math.max(Number.parseInt(wKid(tcPr, 'gridSpan')?.attrs.val ?? '1', 10) || 1, 1), 64);
      const tcb = wKid(tcPr, 'tcBorders');
      if (tcb && hasBorder(tcb)) cellBorders = true;
      const vMerge = wKid(tcPr, 'vMerge');
      const continued = vMerge !== undefined && vMerge.attrs.val !== 'restart';
      const blocks: TableCell['blocks'] = [];
      if (!continued) {
        const inner = readBlocks(ctx, tc, depth + 1);
        for (const b of inner) intoCell(b, blocks);
      }
      const cell: TableCell = { blocks, colSpan: span };
      if (tcb) ownBorders.set(cell, tcb);
      const va = wKid(tcPr, 'vAlign')?.attrs.val;
      if (va === 'center' || va === 'bottom') cell.vAlign = va;
      const own = cellMargins([wKid(tcPr, 'tcMar')]);
      if (Object.keys(own).length) cell.padding = own;
      const shade = shdColour(wKid(tcPr, 'shd')) ?? rowShade(rows.length);
      if (shade) cell.shading = shade;
      cells.push(cell);
      marks.push({ col, cont: continued, restart: vMerge !== undefined && !continued });
      col += span;
    }
    gap('gridAfter');
    if (!cells.length) continue;
    // Header rows: the table's first rows marked w:tblHeader, repeated on each page.
    if (headerRun && onOff(wKid(trPr, 'tblHeader'))) headerRows++;
    else headerRun = false;
    rows.push(withRowHeight({ cells }, wKid(trPr, 'trHeight')));
    starts.push(marks);
  }
  // A vertical merge: the first cell spans down over the continuations below it in its column.
  rows.forEach((row, r) => {
    (starts[r] ?? []).forEach((m, k) => {
      const cell = row.cells[k] as TableCell;
      if (m.cont) {
        const above = r > 0 && (starts[r - 1] ?? []).some((a) => a.col === m.col && (a.cont || a.restart));
        if (above) cell.covered = true;
        return;
      }
      if (!m.restart) return;
      let span = 1;
      for (let d = r + 1; d < rows.length; d++) {
        if (!(starts[d] ?? []).some((b) => b.col === m.col && b.cont)) break;
        span++;
      }
      if (span > 1) cell.rowSpan = span;
    });
  });
  cellBorderLines(rows, tableBorderLines(prs.map((p) => wKid(p, 'tblBorders'))), ownBorders);
  const table: Table = { kind: 'table', rows, borders: borders ?? cellBorders, padding };
  if (headerRows > 0 && headerRows < rows.length) table.headerRows = headerRows;
  if (grid.length && grid.every((g) => g > 0)) table.columnWidths = grid;
  // Width: twips (dxa) or fiftieths of a percent (pct, or "50%"); auto: the grid's.
  const tblW = wKid(tblPr, 'tblW');
  const wType = tblW?.attrs.type ?? 'dxa';
  const wVal = tblW?.attrs.w ?? '';
  const wNum = Number.parseFloat(wVal);
  if (tblW && wType === 'pct' && Number.isFinite(wNum) && wNum > 0) table.width = { share: Math.min(wVal.endsWith('%') ? wNum / 100 : wNum / 5000, 1.5) };
  else if (tblW && wType === 'dxa' && Number.isFinite(wNum) && wNum > 0) table.width = { pt: Math.min(wNum, 31680) / 20 };
  else if (table.columnWidths) table.width = { pt: Math.min(grid.reduce((a, b) => a + b, 0), 31680) / 20 };
  const jc = prop('jc')?.attrs.val;
  if (jc === 'center') table.align = 'center';
  else if (jc === 'right' || jc === 'end') table.align = 'right';
  const ind = prop('tblInd');
  const indent = ind && (ind.attrs.type ?? 'dxa') === 'dxa' ? (twipsOf(ind.attrs.w) ?? 0) / 20 : 0;
  // Before Word 2013 (and in nested tables) the indent is to the first cell's text: the edge sits a cell margin further left.
  const edge = ctx.compatMode < 15 || depth > 0 ? indent - padding.left : indent;
  if (Math.abs(edge) > 0.01 && Math.abs(edge) < 720) table.indent = edge;
  return table;
}

/** w:tblCellMar / w:tcMar sides in points, the first element that sets a side winning (start/end as left/right). */
type TableEdge = 'top' | 'left' | 'bottom' | 'right' | 'insideH' | 'insideV';

/** The names a border side goes by (w:start and w:end are the newer spellings of left and right). */
const EDGE_NAMES: Record<TableEdge, string[]> = { top: ['top'], left: ['left', 'start'], bottom: ['bottom'], right: ['right', 'end'], insideH: ['insideH'], insideV: ['insideV'] };

/** Border styles drawn as two lines. */
const DOUBLE_BORDERS = new Set(['double', 'triple', 'thinThickSmallGap', 'thickThinSmallGap', 'thinThickThinSmallGap', 'thinThickMediumGap', 'thickThinMediumGap', 'thinThickThinMediumGap', 'thinThickLargeGap', 'thickThinLargeGap', 'thinThickThinLargeGap', 'doubleWave']);

/**
 * One border element (w:top, w:insideH…): its line (w:sz in eighths of a point, at least a
 * quarter point, as Word draws it; w:color, "auto" black), null for w:val none or nil,
 * undefined where it says nothing usable (no w:val, a w:sz that is not a number).
 */
export function docxBorder(el: XmlElement | undefined): BorderLine | null | undefined {
  const val = el?.attrs.val;
  if (!el || val === undefined) return undefined;
  if (val === 'nil' || val === 'none') return null;
  const raw = el.attrs.sz;
  const sz = raw === undefined ? 4 : Number(raw);
  if (!Number.isFinite(sz) || sz < 0) return undefined;
  // A double line is two lines and the gap between, each as wide as w:sz says.
  const one = Math.max(sz, 2) / 8;
  const double = DOUBLE_BORDERS.has(val);
  const line = borderLine(double ? one * 3 : one, el.attrs.color === 'auto' ? undefined : el.attrs.color);
  if (line && double) line.double = true;
  if (line && val === 'dotted') line.dash = 'dotted';
  else if (line && /^(dashed|dashSmallGap|dotDash|dotDotDash|dashDotStroked)$/.test(val)) line.dash = 'dashed';
  return line;
}

/** A table's borders side by side: the first of `sets` (its own w:tblBorders, its style's…) that sets a side decides it. */
function tableBorderLines(sets: Array<XmlElement | undefined>): Partial<Record<TableEdge, BorderLine | null>> {
  const out: Partial<Record<TableEdge, BorderLine | null>> = {};
  for (const set of sets) {
    if (!set) continue;
    for (const edge of Object.keys(EDGE_NAMES) as TableEdge[]) {
      if (edge in out) continue;
      for (const n of EDGE_NAMES[edge]) {
        const line = docxBorder(wKid(set, n));
        if (line !== undefined) {
          out[edge] = line;
          break;
        }
      }
    }
  }
  return out;
}

/**
 * Each cell's four border lines: the table's outer sides where the cell is on the table's edge
 * (the first and last cells of its row; a cell merged down to the last row), the inside lines
 * elsewhere, its own w:tcBorders over them side by side. Conditional table-style formatting
 * (w:tblStylePr, a first row's own borders) is not read.
 */
function cellBorderLines(rows: TableRow[], table: Partial<Record<TableEdge, BorderLine | null>>, own: Map<TableCell, XmlElement>): void {
  const pick = (edge: TableEdge): BorderLine | null => table[edge] ?? null;
  rows.forEach((row, r) => {
    const real = row.cells.filter((c) => !c.blank);
    real.forEach((c, i) => {
      if (c.covered) return;
      const last = r + Math.max(1, c.rowSpan ?? 1) - 1 >= rows.length - 1;
      const sides: CellBorders = {
        top: pick(r === 0 ? 'top' : 'insideH'),
        bottom: pick(last ? 'bottom' : 'insideH'),
        left: pick(i === 0 ? 'left' : 'insideV'),
        right: pick(i === real.length - 1 ? 'right' : 'insideV'),
      };
      const tcb = own.get(c);
      if (tcb) {
        for (const side of ['top', 'bottom', 'left', 'right'] as const) {
          for (const n of EDGE_NAMES[side]) {
            const line = docxBorder(wKid(tcb, n));
            if (line !== undefined) {
              sides[side] = line;
              break;
            }
          }
        }
      }
      c.borders = sides;
    });
  });
}

function cellMargins(els: Array<XmlElement | undefined>): Partial<Insets> {
  const out: Partial<Insets> = {};
  const sides: Array<[keyof Insets, string[]]> = [['top', ['top']], ['bottom', ['bottom']], ['left', ['left', 'start']], ['right', ['right', 'end']]];
  for (const el of els) {
    if (!el) continue;
    for (const [side, names] of sides) {
      if (out[side] !== undefined) continue;
      for (const n of names) {
        const m = wKid(el, n);
        if (!m || (m.attrs.type ?? 'dxa') !== 'dxa') continue;
        const v = twipsAttr(m.attrs.w);
        if (v !== undefined) {
          out[side] = v / 20;
          break;
        }
      }
    }
  }
  return out;
}

/** settings.xml's compatibility mode (w:compatSetting name compatibilityMode), 14 when absent or unreadable. */
function compatModeOf(settings: XmlElement | undefined): number {
  const compat = wKid(settings, 'compat');
  for (const cs of compat ? wKids(compat, 'compatSetting') : []) {
    if (cs.attrs.name === 'compatibilityMode') {
      const v = Number.parseInt(cs.attrs.val ?? '', 10);
      if (Number.isFinite(v)) return v;
    }
  }
  return 14;
}

/** w:trHeight (twips; hRule atLeast, the default, or exact; auto sets none). */
function withRowHeight(row: TableRow, trHeight: XmlElement | undefined): TableRow {
  const v = Number.parseInt(trHeight?.attrs.val ?? '', 10);
  const rule = trHeight?.attrs.hRule ?? 'atLeast';
  if (Number.isFinite(v) && v > 0 && v < 31680 && rule !== 'auto') row.height = { rule: rule === 'exact' ? 'exact' : 'atLeast', value: v / 20 };
  return row;
}

function readBlocks(ctx: Ctx, container: XmlElement, depth = 0): Block[] {
  const out: Block[] = [];
  let n = 0;
  const walk = (el: XmlElement, d: number): void => {
    if (d > 10) throw new ConversionError('corrupt', 'document body nested too deeply');
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (++n % 200 === 0) ctx.deadline.check();
      if (c.ns === MC_NS && c.local === 'AlternateContent') {
        const choice = alternativeOf(c, MC_NS);
        if (choice) walk(choice, d + 1);
        continue;
      }
      if (!W_NS.has(c.ns)) continue;
      if (c.local === 'p') readParagraph(ctx, c, out);
      else if (c.local === 'tbl') {
        out.push(readTable(ctx, c, depth));
        ctx.lastPara = undefined;
      }
      else if (c.local === 'sdt') {
        const content = wKid(c, 'sdtContent');
        if (content) walk(content, d + 1);
      } else if (c.local === 'customXml' || c.local === 'ins' || c.local === 'moveTo') walk(c, d + 1);
    }
  };
  walk(container, 0);
  // A drop cap with no paragraph after it keeps its letters.
  if (ctx.dropCap) {
    out.push({ kind: 'paragraph', runs: ctx.dropCap });
    ctx.dropCap = undefined;
  }
  return out;
}

/** The text of one header or footer part (pictures set in its lines are kept; floating and block ones, logos, are left out: see README). */
function hfParagraphs(ctx: Ctx, relId: string | undefined): Paragraph[] | undefined {
  const rel = relId ? ctx.rels.get(relId) : undefined;
  if (!rel || rel.external) return undefined;
  const root = xmlPart(ctx.parts, rel.target);
  if (!root) return undefined;
  const sub: Ctx = { ...ctx, rels: readRels(ctx.parts, rel.target), partName: rel.target, counters: new Map() };
  const blocks = inlineFloats(readBlocks(sub, root));
  const paras: Paragraph[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') paras.push(b);
    else if (b.kind === 'heading') paras.push({ kind: 'paragraph', runs: b.runs, align: b.align });
    else if (b.kind === 'list-item') paras.push({ kind: 'paragraph', runs: [{ text: `${b.marker} ` }, ...b.runs] });
    else if (b.kind === 'table') {
      const cellBlocks: Array<Paragraph | Heading | ListItem | ImageBlock> = [];
      flattenIntoCell(b, cellBlocks);
      for (const cb of cellBlocks) if (cb.kind !== 'image') paras.push({ kind: 'paragraph', runs: cb.runs });
    }
  }
  return paras;
}

/**
 * Every section's headers and footers as Word prints them: a section without a header of some
 * kind (default, first, even) takes the previous section's of that kind; the first-page ones
 * apply where the section asks for them (w:titlePg), the even-page ones where the document does
 * (w:evenAndOddHeaders in settings).
 */
function sectionFurniture(ctx: Ctx, sections: XmlElement[], evenAndOdd: boolean): PageFurniture[] {
  const cache = new Map<string, Paragraph[] | undefined>();
  const part = (relId: string): Paragraph[] | undefined => {
    if (!cache.has(relId)) cache.set(relId, hfParagraphs(ctx, relId));
    return cache.get(relId);
  };
  const inherited = new Map<string, string>(); // "headerReference:first" → r:id
  return sections.map((sect) => {
    for (const which of ['headerReference', 'footerReference'] as const) {
      for (const ref of wKids(sect, which)) if (ref.attrs.id) inherited.set(`${which}:${ref.attrs.type ?? 'default'}`, ref.attrs.id);
    }
    const get = (which: 'headerReference' | 'footerReference', type: string): Paragraph[] | undefined => {
      const id = inherited.get(`${which}:${type}`);
      return id ? part(id) : undefined;
    };
    const f: PageFurniture = {};
    const header = get('headerReference', 'default');
    const footer = get('footerReference', 'default');
    if (header) f.header = header;
    if (footer) f.footer = footer;
    if (onOff(wKid(sect, 'titlePg'))) {
      f.firstHeader = get('headerReference', 'first') ?? [];
      f.firstFooter = get('footerReference', 'first') ?? [];
    }
    if (evenAndOdd) {
      f.evenHeader = get('headerReference', 'even') ?? [];
      f.evenFooter = get('footerReference', 'even') ?? [];
    }
    return f;
  });
}

function readNotes(parts: Parts, name: string, local: string): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  const root = xmlPart(parts, name);
  if (!root) return out;
  for (const n of wKids(root, local)) {
    const type = n.attrs.type;
    if (type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice') continue;
    if (n.attrs.id !== undefined) out.set(n.attrs.id, n);
  }
  return out;
}

// The main part named by the package relationships (word/document + .xml by convention).
function mainPartName(parts: Parts): string {
  const root = xmlPart(parts, '_rels/.rels');
  const rel = root ? kids(root, REL_NS, 'Relationship').find((r) => (r.attrs.Type ?? '').endsWith('/officeDocument') && r.attrs.TargetMode !== 'External') : undefined;
  const target = rel?.attrs.Target ? resolvePath('', rel.attrs.Target) : '';
  return target && parts.has(target) ? target : MAIN_PART;
}

/** Tracked insertions (w:ins, w:moveTo) and deletions (w:del, w:moveFrom) of runs and paragraphs in a body. */
function countRevisions(el: XmlElement): { insertions: number; deletions: number } {
  const n = { insertions: 0, deletions: 0 };
  const walk = (e: XmlElement, depth: number): void => {
    if (depth > 60) return;
    for (const c of kids(e)) {
      if (W_NS.has(c.ns) && (c.local === 'ins' || c.local === 'moveTo')) n.insertions++;
      else if (W_NS.has(c.ns) && (c.local === 'del' || c.local === 'moveFrom')) n.deletions++;
      walk(c, depth + 1);
    }
  };
  walk(el, 0);
  return n;
}

/** A part related to the main part by type (styles, numbering, footnotes…), else its usual name. */
function relatedPart(ctx: Pick<Ctx, 'rels' | 'parts'>, typeSuffix: string, usual: string): string {
  for (const r of ctx.rels.values()) if (!r.external && r.type.endsWith(typeSuffix) && ctx.parts.has(r.target)) return r.target;
  return usual;
}

export function readDocx(bytes: Uint8Array, limits: AnalysisLimits, deadline: Deadline): DocModel {
  // Only XML, relationships and the word/ folder (media): not thumbnails, fonts or custom XML blobs elsewhere.
  const parts = openZip(bytes, limits, (name) => name.startsWith('word/') || name.endsWith('.rels') || name.endsWith('.xml'));
  const main = mainPartName(parts);
  if (!parts.has(main)) {
    throw new ConversionError('corrupt', `the DOCX has no ${MAIN_PART} part (not a Word document, or damaged)`);
  }
  deadline.check();
  const rels = readRels(parts, main);
  const dir = main.slice(0, main.lastIndexOf('/') + 1);
  const stylesPart = relatedPart({ rels, parts }, '/styles', `${dir}styles.xml`);
  const styles = readStyles(parts, stylesPart);
  const theme = xmlPart(parts, relatedPart({ rels, parts }, '/theme', `${dir}theme/theme1.xml`));
  const defaults = readDefaults(parts, stylesPart, styles, theme);
  const major = themeFont(theme, 'major');
  const minor = themeFont(theme, 'minor');
  // Read before the body: its compatibility options decide how paragraph gaps are laid out.
  const settings = xmlPart(parts, relatedPart({ rels, parts }, '/settings', `${dir}settings.xml`));
  const ctx: Ctx = {
    parts,
    rels,
    largerGap: !onOff(wKid(wKid(settings, 'compat'), 'doNotUseHTMLParagraphAutoSpacing')),
    compatMode: compatModeOf(settings),
    partName: main,
    styles,
    defaultRun: defaults.run,
    themeFonts: { ...(major ? { major } : {}), ...(minor ? { minor } : {}) },
    themeColors: themeColors(theme),
    ...(defaults.spacing ? { defaultSpacing: defaults.spacing } : {}),
    defaultKeeps: defaults.keeps ?? {},
    ...(defaults.defaultStyle ? { defaultStyle: defaults.defaultStyle } : {}),
    nums: new Map(),
    abstracts: new Map(),
    counters: new Map(),
    notes: new Map(),
    noteOrder: [],
    footnoteParts: new Map([
      ['footnote', readNotes(parts, relatedPart({ rels, parts }, '/footnotes', `${dir}footnotes.xml`), 'footnote')],
      ['endnote', readNotes(parts, relatedPart({ rels, parts }, '/endnotes', `${dir}endnotes.xml`), 'endnote')],
    ]),
    deadline,
    fieldDates: { now: new Date(), ...metadataDates(xmlPart(parts, 'docProps/core.xml'), { created: 'created', modified: 'modified', printed: 'lastPrinted' }) },
    images: 0,
    sections: [],
    sectionBreaks: [],
  };
  readNumbering(parts, relatedPart({ rels, parts }, '/numbering', `${dir}numbering.xml`), ctx);
  const root = xmlPart(parts, main, true);
  const body = wKid(root, 'body');
  if (!isW(root, 'document') || !body) throw new ConversionError('corrupt', `${main} has no body`);
  deadline.check();
  const blocks = readBlocks(ctx, body);
  const sectPr = wKid(body, 'sectPr');
  const model: DocModel = { blocks };
  const lineEm = fontLineEm(defaults.font);
  if (lineEm) model.lineEm = lineEm;
  const revisions = countRevisions(body);
  if (revisions.insertions + revisions.deletions > 0) model.trackedChanges = revisions;
  const evenAndOdd = onOff(wKid(settings, 'evenAndOddHeaders')) ?? false;
  const defaultTab = twipsAttr(wKid(settings, 'defaultTabStop')?.attrs.val);
  if (defaultTab !== undefined && defaultTab >= 20) model.defaultTab = defaultTab / 20;
  const sections = [...ctx.sections, ...(sectPr ? [sectPr] : [])];
  // Columns go on the breaks where they change (one column to one column needs nothing).
  let cols = columnsOf(sections[0]);
  if (cols.count > 1) model.columns = cols;
  for (const br of ctx.sectionBreaks) {
    if (wKid(sections[br.section ?? 0], 'type')?.attrs.val === 'continuous') br.continuous = true;
    const next = columnsOf(sections[br.section ?? 0]);
    if (next.count > 1 || cols.count > 1) br.columns = next;
    cols = next;
  }
  if (sections.length) model.sections = sectionFurniture(ctx, sections, evenAndOdd);
  const page = pageSetupOf(sections[0]);
  if (page) model.page = page;
  // Footnotes go to the foot of the page of their reference; endnotes are printed at the end.
  const footnotes = new Map<string, Paragraph[]>();
  const endnotes: Paragraph[] = [];
  for (const key of ctx.noteOrder) {
    const n = ctx.notes.get(key);
    if (!n) continue;
    if (key.startsWith('footnote:')) footnotes.set(key, [noteParagraph(n.label, n.text)]);
    else endnotes.push(noteParagraph(n.label, n.text));
  }
  if (footnotes.size) model.footnotes = footnotes;
  // Endnotes on a page of their own after the text, as LibreOffice prints them.
  if (endnotes.length) blocks.push({ kind: 'page-break' }, ...endnotes);
  // Trailing page breaks would add blank pages Word doesn't print.
  while (blocks.length && blocks[blocks.length - 1]?.kind === 'page-break') blocks.pop();
  return model;
}
