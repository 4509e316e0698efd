// RTF → DocModel.
// A single pass over the control words with a group stack. Covered: emphasis (\b \i \ul),
// paragraphs and alignment, line breaks, tabs, page and section breaks, \'hh in the document's
// ANSI code page, \uN with \ucN fallback skipping, fonts by the font table (Times New Roman in a
// file without one, as Word and LibreOffice read it), lists via their \listtext marker (at
// \li/\fi), heading levels from \outlinelevel or a "heading N" style, tables, footnotes
// (\footnote, the note's own \chftn mark), header/footer, fields (the cached result; PAGE/NUMPAGES
// become live numbers) and pictures (\pngblip, \jpegblip; metafiles and bitmaps kept by their
// keyword), text colour (\cfN, also as a paragraph style gives it) and highlight (\highlightN,
// else \chcbpatN) by the colour table (\colortbl: \red \green \blue; an entry without them is
// automatic). Other metadata destinations (\info, unknown \* groups) are skipped.
//
// Tables: top-level rows (\trowd … \cell … \row) and nested ones (RTF 1.6+: paragraphs at
// \itapN, cells ended by \nestcell, the row's definition and end in {\*\nesttableprops … \nestrow})
// become tables in the body or, nested, a table in the cell one level up, as the DOCX and ODT
// readers make them ({\nonesttables …}, the flat copy for old readers, is skipped). Of each row's
// definition (rtf-tables.ts): the cell edges (\cellx) as one column grid for the table, \trleft
// (the indent, as LibreOffice places it), \trqc/\trqr, \trgaph and \trpadd* (cell padding;
// RTF's default is none), \clpad* (a cell's own; Word's swap of \clpadl and \clpadt kept),
// \clmgf/\clmrg and \clvmgf/\clvmrg (merges across and down), \clvertalt/c/b, \trhdr (header
// rows), \trrh (row height), \trftsWidth/\trwWidth (the table width) and each cell's border
// lines (\clbrdr*, \trbrdr*; rtf-borders.ts). A malformed nesting never loses text: a level skipped (\itap2 then
// \itap5) is a one-cell table per level between, and a cell or row never ended (no \nestcell,
// no \nestrow) ends with what it has when a shallower paragraph, cell or row comes, or the
// document ends. Where no table can go (a header, footer or note) a nested row is one "a | b"
// line. Beyond 8 levels, deeper cells are read at the 8th.

import type { Deadline } from './errors.ts';
import { ConversionError } from './errors.ts';
import { pictureBlock } from './pictures/formats.ts';
import { mapSymbolText, symbolFontOf, type SymbolFont } from './symbols.ts';
import { PAGE_FIELD, PAGES_FIELD, fontLineEm, noteMark, noteParagraph, rgbColour, runsPrint, saneSetup } from './model.ts';
import type { Alignment, Block, Colour, Breaking, ColumnSetup, DocModel, Indents, PageBreak, ListItem, Paragraph, Run, Spacing, Table, TabStop, TableCell } from './model.ts';
import { mergeStops } from './tab-stops.ts';
import { finishTable, newRowProps, rowWord, snapshotRow, type RowProps } from './rtf-tables.ts';

const SKIP = new Set([
  'fonttbl', 'colortbl', 'info', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'themedata',
  'colorschememapping', 'datastore', 'latentstyles', 'xmlnstbl', 'fldinst', 'nonshppict', 'objdata', 'pn',
  'filetbl', 'revtbl', 'mmathPr', 'pgdsctbl', 'protusertbl', 'userprops', 'docvar', 'bkmkstart', 'bkmkend',
  'annotation', 'atnid', 'atnauthor', 'footnote', 'comment', 'private', 'xe', 'tc', 'txe', 'ftnsep', 'ftnsepc',
  'aftnsep', 'aftnsepc', 'header', 'headerl', 'headerf', 'footer', 'footerl', 'footerf', 'headerr', 'footerr',
  'stylesheet', 'pict', 'listtext', 'pntext', 'fldrslt', 'field', 'shppict', 'result', 'object', 'sp', 'sn', 'sv',
  'shpinst', 'shp', 'shptxt', 'shprslt', 'do', 'nonesttables', 'nesttableprops',
]);
/** Tab stop words: \txN sets a stop, after the kind (\tqr \tqc \tqdec) and leader (\tldot …) words before it; \tbN is a bar. */
const TAB_WORDS = ['tx', 'tb', 'tqr', 'tqc', 'tqdec', 'tldot', 'tlmdot', 'tlhyph', 'tlul', 'tlth', 'tleq'];
// \tlth (a thick line) is how LibreOffice writes its hyphen leader, and it reads it back as hyphens.
const TAB_LEADERS: Readonly<Record<string, string>> = { tldot: '.', tlmdot: '\u00B7', tlhyph: '-', tlul: '_', tlth: '-', tleq: '=' };
// Of the SKIP names, these are handled specially below rather than ignored.
const HANDLED = new Set(['fonttbl', 'colortbl', 'header', 'headerr', 'headerf', 'footer', 'footerr', 'footerf', 'stylesheet', 'pict', 'listtext', 'pntext', 'fldrslt', 'field', 'shppict', 'result', 'object', 'footnote', 'fldinst', 'shp', 'shpinst', 'shptxt', 'shprslt', 'sp', 'sn', 'sv', 'do', 'nesttableprops']);
// Paragraph-format words: inside a list marker's group (\listtext, \pntext) they describe the
// marker, not the paragraph it stands before (Word writes {\listtext\pard\plain … 2.\tab}, and
// that \pard must not undo the paragraph's \ilvl, style or alignment).
const PARAGRAPH_WORDS = new Set(['pard', 'intbl', 'ilvl', 'outlinelevel', 's', 'sb', 'sa', 'sl', 'slmult', 'qc', 'qr', 'ql', 'qj', 'par', 'li', 'lin', 'ri', 'rin', 'fi', ...TAB_WORDS]);

type Dest = 'body' | 'header' | 'footer' | 'skip' | 'pict' | 'marker' | 'stylesheet' | 'fonttbl' | 'colortbl' | 'fldinst' | 'footnote';

interface Field {
  instr: string;
}

interface State {
  dest: Dest;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  uc: number;
  field: Field | null;
  suppress: boolean; // inside a field result replaced by a page-number placeholder
  styleNum: number | null; // stylesheet (or font table) entry being read
  styleName: string;
  /** The current \fN, for symbol fonts. */
  font: number | null;
  /** \fsN / 2: the font size in points (RTF's default is 12). */
  size: number;
  /** \cfN, \highlightN and \chcbpatN as colours of the colour table (undefined: automatic, none). */
  color?: Colour;
  highlight?: Colour;
  charShade?: Colour;
  /** Inside {\*\nesttableprops …}: a nested row's properties, ended by \nestrow. */
  nestProps?: boolean;
  /** The nesting level that group's row belongs to (the current paragraph's when it began). */
  nestLevel?: number;
  /** The stylesheet entry being read: its formatting (a \cs / \ts / \ds entry is no paragraph style: `other`). */
  styleProps?: StyleProps;
}

/**
 * A paragraph style's own formatting as the stylesheet gives it: what a paragraph naming it with
 * \sN starts from before its own control words (LibreOffice writes body paragraphs as \s16 with
 * no font or size of their own; its Normal style holds them).
 */
interface StyleProps {
  other?: boolean;
  basedOn?: number;
  font?: number;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  /** \cfN, as the colour table's entry N (null: automatic). */
  color?: Colour | null;
  sb?: number;
  sa?: number;
  /** \li, \ri, \fi (twips). */
  li?: number;
  ri?: number;
  fi?: number;
  keepn?: boolean;
  keep?: boolean;
  widctl?: boolean;
  outline?: number;
}

interface ParaBuilder {
  runs: Run[];
  align: Alignment | undefined;
  marker: string;
  level: number;
  outline: number | null;
  style: number;
  /** \intbl: in a table cell (at least level 1); \itapN: the cell's nesting level (1 the top-level table's). */
  inTable: boolean;
  itap: number;
  /** \sbN, \saN (twips), \slN with \slmultN: the paragraph's spacing. */
  sb: number;
  sa: number;
  sl: number;
  slmult: boolean;
  /** \li (\lin), \ri (\rin) and \fi, twips: the left and right indents and the first line's offset from the left. */
  li: number;
  ri: number;
  fi: number;
  /** \keepn, \keep, \widctlpar (off again with \nowidctlpar). */
  keepn: boolean;
  keep: boolean;
  widctl: boolean;
  /** The paragraph's \txN stops so far, and the kind and leader words waiting for the next one. */
  tabs: TabStop[];
  tabNext: { align?: TabStop['align']; leader?: string };
}

interface Pict {
  /** The picture keyword: pngblip, jpegblip, emfblip, wmetafile, dibitmap, wbitmap… ('' when none). */
  kind: string;
  hex: string[];
  binary: Uint8Array | null;
  wGoal?: number;
  hGoal?: number;
  scaleX: number;
  scaleY: number;
}

function newPara(): ParaBuilder {
  return { runs: [], align: undefined, marker: '', level: 0, outline: null, style: 0, inTable: false, itap: 0, sb: 0, sa: 0, sl: 0, slmult: false, li: 0, ri: 0, fi: 0, keepn: false, keep: false, widctl: false, tabs: [], tabNext: {} };
}

const SPECIAL: Record<string, string> = {
  emdash: '—', endash: '–', lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', bullet: '•',
  emspace: ' ', enspace: ' ', qmspace: ' ', zwj: '', zwnj: '', ltrmark: '', rtlmark: '',
};

/** Between the cells of a nested table's row where no table can go (a header, footer or note). */
const NEST_SEP = ' | ';
/** Table nesting levels read (the DOCX reader's limit too); a cell deeper than this is read as one at this level. */
const MAX_NESTING = 8;

/** One nesting level's table being read: level 1 the top-level table, level 2 one in its cell, … */
interface Level {
  /** The table at this level, already placed in its container; null before its first row ends. */
  table: Table | null;
  /** Each of its rows' definitions when the row ended. */
  shapes: RowProps[];
  /** The cells of the row being read, and the blocks of the cell being read. */
  row: TableCell[];
  cell: TableCell['blocks'];
  /** The row definition being read (\trowd …; a nested row's in its {\*\nesttableprops}). */
  props: RowProps;
}

/** Document-format control words of the page (twips). */
const PAPER_WORDS = new Set(['paperw', 'paperh', 'margl', 'margr', 'margt', 'margb', 'headery', 'footery']);
/** The first section's own page size and margins (\pgwsxn …), which override the document's. */
const SECTION_PAPER: Readonly<Record<string, string>> = { pgwsxn: 'paperw', pghsxn: 'paperh', marglsxn: 'margl', margrsxn: 'margr', margtsxn: 'margt', margbsxn: 'margb' };

/**
 * A footnote that writes its own mark (\chftn) in its text: its runs as the file has them, the
 * number where the mark is and only the space the file puts after it. (A note without one gets
 * the number, a space and the text: noteParagraph, the shape DOCX and ODT notes take.)
 */
function notePara(runs: Run[]): Paragraph {
  const out = runs.map((r) => ({ ...r }));
  const first = out[0];
  const last = out[out.length - 1];
  if (first) first.text = first.text.trimStart();
  if (last) last.text = last.text.trimEnd();
  return { kind: 'paragraph', runs: out.filter((r) => r.text) };
}

export function readRtf(bytes: Uint8Array, deadline: Deadline): DocModel {
  const paper: Record<string, number> = {};
  const sectionPaper: Record<string, number> = {};
  // RTF is 7-bit text; bytes above 127 only appear in \bin data and in text written in the
  // document's code page without \' escapes (decoded where the text is read, below).
  let src = '';
  for (let i = 0; i < bytes.length; i += 0x8000) src += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  if (!src.startsWith('{\\rtf')) throw new ConversionError('corrupt', 'the file does not start like an RTF document');

  let decoder: TextDecoder = new TextDecoder('windows-1252');
  const blocks: Block[] = [];
  const header: Paragraph[] = [];
  const footer: Paragraph[] = [];
  /** Footnotes in order of reference: the runs of every paragraph of a note, joined by a space. */
  const notes: Run[][] = [];
  /** The notes that write their own mark (\chftn) in their text. */
  const ownMark = new Set<number>();
  const styles = new Map<number, string>();
  const styleProps = new Map<number, StyleProps>();
  const stack: State[] = [];
  let st: State = { dest: 'body', bold: false, italic: false, underline: false, uc: 1, field: null, suppress: false, styleNum: null, styleName: '', font: null, size: 12 };
  /** Font-table entries that are symbol fonts (Symbol, Wingdings): their characters are mapped. */
  const symbolFonts = new Map<number, SymbolFont>();
  /** Font-table names by number, and the default font (\deffN): the body font's line height. */
  const fontNames = new Map<number, string>();
  /** A font by number; in a file with no font table at all, Times New Roman (as Word and LibreOffice read it). */
  const fontName = (num: number): string | undefined => fontNames.get(num) ?? (fontNames.size ? undefined : 'Times New Roman');
  let deff = 0;
  /** The colour table's entries in order (undefined: an automatic one), and the \red \green \blue of the entry being read. */
  const colours: Array<Colour | undefined> = [];
  let colourEntry: { red?: number; green?: number; blue?: number } = {};
  /** Entry `n` of the colour table; undefined for automatic, missing or nonsense. */
  const colourAt = (n: number | null): Colour | undefined => (n !== null && n >= 0 && n < colours.length ? colours[n] : undefined);
  /** \deftabN in points. */
  let defaultTab: number | undefined;
  const paras: Record<'body' | 'header' | 'footer' | 'footnote', ParaBuilder> = { body: newPara(), header: newPara(), footer: newPara(), footnote: newPara() };
  let pict: Pict | null = null;
  let pictures = 0;
  let pending: Array<{ st: State; word: string; param: number | null }> = []; // first control word of a group decides its destination
  let groupStart = false;
  let starred = false;
  let skipChars = 0;

  // Table assembly (body only), one entry per nesting level: levels[0] is level 1.
  const levels: Level[] = Array.from({ length: MAX_NESTING }, () => ({ table: null, shapes: [], row: [], cell: [], props: newRowProps() }));
  const levelAt = (d: number): Level => levels[Math.min(Math.max(d, 1), MAX_NESTING) - 1] as Level;
  /** The nesting level of a body paragraph: 0 outside tables. */
  const depthOf = (p: ParaBuilder): number => Math.min(Math.max(p.inTable ? 1 : 0, p.itap), MAX_NESTING);

  const target = (): keyof typeof paras | null => {
    if (st.dest === 'body' || st.dest === 'header' || st.dest === 'footer' || st.dest === 'footnote') return st.dest;
    if (st.dest === 'marker') return 'body';
    return null;
  };

  const emit = (text: string): void => {
    if (!text) return;
    if (skipChars > 0) {
      // \uN fallback characters: drop the next `uc` characters.
      const drop = Math.min(skipChars, text.length);
      skipChars -= drop;
      text = text.slice(drop);
      if (!text) return;
    }
    if (st.suppress) return;
    if (st.dest === 'fldinst') {
      if (st.field) st.field.instr += text;
      return;
    }
    if (st.dest === 'stylesheet' || st.dest === 'fonttbl') {
      st.styleName += text;
      return;
    }
    if (st.dest === 'colortbl') {
      // Each ';' ends an entry; one that set no \red, \green or \blue is the automatic colour.
      for (const c of text) {
        if (c !== ';' || colours.length >= 4096) continue;
        const e = colourEntry;
        colours.push(e.red === undefined && e.green === undefined && e.blue === undefined ? undefined : rgbColour(e.red ?? 0, e.green ?? 0, e.blue ?? 0));
        colourEntry = {};
      }
      return;
    }
    const sym = st.font !== null ? symbolFonts.get(st.font) : undefined;
    if (sym) text = mapSymbolText(sym, text);
    if (st.dest === 'pict') {
      if (pict) pict.hex.push(text);
      return;
    }
    const t = target();
    if (!t) return;
    const p = paras[t];
    if (st.dest === 'marker') {
      p.marker += text;
      return;
    }
    const last = p.runs[p.runs.length - 1];
    // The run's font by the font table (\fN, else the default font \deffN).
    const font = fontName(st.font ?? deff);
    const highlight = st.highlight ?? st.charShade;
    if (last && !last.sup && !!last.bold === st.bold && !!last.italic === st.italic && !!last.underline === st.underline && last.size === st.size && last.font === font && last.color === st.color && last.highlight === highlight) last.text += text;
    else {
      const r: Run = { text, size: st.size };
      if (font) r.font = font;
      if (st.color) r.color = st.color;
      if (highlight) r.highlight = highlight;
      if (st.bold) r.bold = true;
      if (st.italic) r.italic = true;
      if (st.underline) r.underline = true;
      p.runs.push(r);
    }
  };

  const spacingOf = (p: ParaBuilder): Spacing => {
    const out: Spacing = { before: Math.max(0, p.sb) / 20, after: Math.max(0, p.sa) / 20 };
    // \slN: N > 0 at least N twips (or N/240 lines with \slmult1), N < 0 exactly -N twips.
    if (p.sl > 0) out.line = p.slmult ? { rule: 'multiple', value: p.sl / 240 } : { rule: 'atLeast', value: p.sl / 20 };
    else if (p.sl < 0) out.line = { rule: 'exact', value: -p.sl / 20 };
    return out;
  };

  const toBlock = (p: ParaBuilder): Paragraph | Block => {
    const block = toBlockOf(p);
    if (block.kind === 'paragraph' || block.kind === 'heading' || block.kind === 'list-item') {
      block.spacing = spacingOf(p);
      const breaking: Breaking = { ...(p.keepn ? { keepNext: true } : {}), ...(p.keep ? { keepLines: true } : {}), ...(p.widctl ? { widows: 2, orphans: 2 } : {}) };
      if (Object.keys(breaking).length) block.breaking = breaking;
      const tabs = mergeStops([p.tabs]);
      if (tabs) block.tabs = tabs;
    }
    return block;
  };

  /** An ordinary paragraph's \li, \ri and \fi (twips) as the model's indents (points). */
  const indentsOf = (p: ParaBuilder): Indents | undefined => {
    const out: Indents = {};
    if (p.li) out.left = p.li / 20;
    if (p.ri) out.right = p.ri / 20;
    if (p.fi) out.first = p.fi / 20;
    return Object.keys(out).length ? out : undefined;
  };

  const toBlockOf = (p: ParaBuilder): Paragraph | Block => {
    const runs = p.runs;
    const styleName = styles.get(p.style) ?? '';
    const hm = /^heading\s*(\d)/i.exec(styleName);
    const level = p.outline !== null ? p.outline + 1 : hm ? Number.parseInt(hm[1] as string, 10) : null;
    if (level !== null && level >= 1 && level <= 9 && runs.some((r) => r.text.trim())) {
      // Its runs carry their own formatting (\b, \fs, \f as written, 12 pt by default).
      const indents = indentsOf(p);
      return { kind: 'heading', level: Math.min(level, 6), runs, align: p.align, styled: true, ...(indents ? { indents } : {}) };
    }
    const marker = p.marker.replace(/\t/g, '').trim();
    if (marker) {
      const ordered = /[0-9a-zA-Z]/.test(marker);
      const item: ListItem = { kind: 'list-item', ordered, level: Math.min(p.level, 8), marker: ordered ? marker : '•', runs };
      // The item's own indents: its text at \li, its marker at \li + \fi (\fi is negative: hanging).
      if (p.li || p.fi) {
        item.indent = Math.max(0, p.li) / 20;
        item.markerAt = Math.max(0, p.li + p.fi) / 20;
      }
      return item;
    }
    const para: Paragraph = { kind: 'paragraph', runs, align: p.align };
    const indents = indentsOf(p);
    if (indents) para.indents = indents;
    return para;
  };

  const endPara = (which: keyof typeof paras): void => {
    const p = paras[which];
    const block = toBlock(p);
    if (which === 'body') {
      const d = depthOf(p);
      // Tables nested deeper than this paragraph have ended.
      closeBelow(d);
      if (d > 0) {
        if (block.kind === 'paragraph' || block.kind === 'heading' || block.kind === 'list-item') levelAt(d).cell.push(block);
      } else blocks.push(block);
    } else if (which === 'footnote') {
      const note = notes[notes.length - 1];
      if (note) {
        if (note.length) note.push({ text: ' ' });
        // The note is set at the note size in the renderer's face: its emphasis is kept.
        for (const r of p.runs) note.push({ text: r.text, ...(r.bold && { bold: true }), ...(r.italic && { italic: true }), ...(r.underline && { underline: true }) });
      }
    } else if (p.runs.some((r) => r.text.trim())) {
      const list = which === 'header' ? header : footer;
      list.push(block.kind === 'paragraph' ? block : { kind: 'paragraph', runs: p.runs, align: p.align });
    }
    // Paragraph properties persist until \pard; only the content and marker reset.
    paras[which] = { ...p, runs: [], marker: '' };
  };

  /**
   * The end of a cell at nesting level `d` (\cell at level 1, \nestcell deeper): the paragraph
   * being read is its last (read at level `d` when its own is shallower), and whatever was
   * open deeper ends inside it.
   */
  const endCell = (d: number): void => {
    const p = paras.body;
    if (depthOf(p) < d) {
      p.inTable = true;
      p.itap = d;
    }
    if (p.runs.length || p.marker) endPara('body');
    closeBelow(d);
    const at = levelAt(d);
    at.row.push({ blocks: at.cell });
    at.cell = [];
  };

  /**
   * The end of a row at level `d` (\row, \nestrow). Its first row places the table where it
   * goes: in the body, or in the cell being read one level up.
   */
  const endRow = (d: number): void => {
    const at = levelAt(d);
    const p = paras.body;
    if (depthOf(p) >= d && (runsPrint(p.runs) || p.marker)) endCell(d);
    else if (at.cell.length) endCell(d);
    closeBelow(d);
    pushRow(d);
  };

  /** The cells read at level `d` as a row of its table (the table placed first, if this is its first row). */
  const pushRow = (d: number): void => {
    const at = levelAt(d);
    if (!at.row.length) return;
    if (!at.table) {
      at.table = { kind: 'table', rows: [], borders: false };
      at.shapes = [];
      (d <= 1 ? blocks : levelAt(d - 1).cell).push(at.table);
    }
    at.table.rows.push({ cells: at.row });
    at.shapes.push(snapshotRow(at.props));
    at.row = [];
  };

  /**
   * Every table nested deeper than level `d` has ended (all of them for 0): a cell or row left
   * open (no \nestcell, no \nestrow: a malformed file) ends here with what it has, so no text
   * is lost, and each table gets its grid, merges and padding.
   */
  const closeBelow = (d: number): void => {
    for (let k = MAX_NESTING; k > Math.max(d, 0); k--) {
      const at = levelAt(k);
      if (at.cell.length) {
        at.row.push({ blocks: at.cell });
        at.cell = [];
      }
      pushRow(k);
      if (at.table) finishTable(at.table, at.shapes, k > 1, colours);
      at.table = null;
      at.shapes = [];
    }
  };

  const finishPict = (p: Pict): void => {
    let data = p.binary;
    if (!data) {
      const hex = p.hex.join('').replace(/[^0-9a-fA-F]/g, '');
      data = new Uint8Array(hex.length >> 1);
      for (let i = 0; i < data.length; i++) data[i] = Number.parseInt(hex.substr(i * 2, 2), 16);
    }
    if (++pictures > 500) throw new ConversionError('too-large', 'the document contains more than 500 images');
    // A WMF in RTF has no placeable header: the keyword says what the bytes are.
    const img = pictureBlock(data, p.kind, `a ${p.kind || 'picture'} in the RTF`);
    if (p.wGoal && p.hGoal) {
      img.width = (p.wGoal / 20) * (p.scaleX / 100);
      img.height = (p.hGoal / 20) * (p.scaleY / 100);
    }
    if (st.dest === 'body' || stack.some((s) => s.dest === 'body')) {
      if (paras.body.runs.length) endPara('body');
      const d = depthOf(paras.body);
      closeBelow(d);
      if (d > 0) levelAt(d).cell.push(img);
      else blocks.push(img);
    }
  };

  const applyDestination = (word: string): boolean => {
    // Called for the first control word in a group: returns true when it set the destination.
    if (st.dest === 'skip') return true;
    switch (word) {
      case 'header':
      case 'headerr':
        st.dest = header.length ? 'skip' : 'header';
        return true;
      case 'headerf':
        st.dest = 'skip';
        return true;
      case 'footer':
      case 'footerr':
        st.dest = footer.length ? 'skip' : 'footer';
        return true;
      case 'footnote':
        if (st.dest === 'body') {
          if (!st.suppress) paras.body.runs.push(noteMark(String(notes.length + 1), `footnote:${notes.length}`));
          notes.push([]);
          paras.footnote = newPara();
          st.dest = 'footnote';
        } else st.dest = 'skip';
        return true;
      case 'stylesheet':
        st.dest = 'stylesheet';
        return true;
      case 'fonttbl':
        st.dest = 'fonttbl';
        return true;
      case 'colortbl':
        st.dest = 'colortbl';
        colourEntry = {};
        return true;
      case 'pict':
        pict = { kind: '', hex: [], binary: null, scaleX: 100, scaleY: 100 };
        st.dest = 'pict';
        return true;
      case 'listtext':
      case 'pntext':
        st.dest = 'marker';
        return true;
      case 'field':
        st.field = { instr: '' };
        return true;
      case 'fldinst':
        st.dest = 'fldinst';
        return true;
      case 'fldrslt': {
        const instr = st.field?.instr.trim().split(/\s+/)[0]?.toUpperCase();
        const ph = instr === 'PAGE' ? PAGE_FIELD : instr === 'NUMPAGES' ? PAGES_FIELD : null;
        if (ph) {
          emit(ph);
          st.suppress = true;
        }
        return true;
      }
      case 'shppict':
      case 'result':
      case 'object':
      case 'shp':
      case 'shpinst':
      case 'shptxt':
      case 'shprslt':
        return true;
      case 'sp':
      case 'sn':
      case 'sv':
      case 'do':
        st.dest = 'skip';
        return true;
      case 'nesttableprops': {
        // The row it ends is at the current paragraph's level (one deeper when that is no nested cell's).
        const d = depthOf(paras.body);
        st.nestProps = true;
        st.nestLevel = d >= 2 ? d : d + 1;
        return true;
      }
      default:
        if (SKIP.has(word) && !HANDLED.has(word)) {
          st.dest = 'skip';
          return true;
        }
        if (starred) {
          st.dest = 'skip';
          return true;
        }
        return false;
    }
  };

  /** A paragraph naming style `num` (\sN) takes the style's formatting through its \sbasedon chain; its own control words follow. */
  const applyStyle = (p: ParaBuilder, num: number): void => {
    const chain: StyleProps[] = [];
    for (let cur: number | undefined = num, k = 0; cur !== undefined && k < 10; k++) {
      const sp = styleProps.get(cur);
      if (!sp || chain.includes(sp)) break;
      chain.push(sp);
      cur = sp.basedOn;
    }
    for (const sp of chain.toReversed()) {
      if (sp.font !== undefined) st.font = sp.font;
      if (sp.size !== undefined) st.size = sp.size;
      if (sp.bold !== undefined) st.bold = sp.bold;
      if (sp.italic !== undefined) st.italic = sp.italic;
      if (sp.color !== undefined) {
        if (sp.color === null) delete st.color;
        else st.color = sp.color;
      }
      if (sp.sb !== undefined) p.sb = sp.sb;
      if (sp.sa !== undefined) p.sa = sp.sa;
      if (sp.li !== undefined) p.li = sp.li;
      if (sp.ri !== undefined) p.ri = sp.ri;
      if (sp.fi !== undefined) p.fi = sp.fi;
      if (sp.keepn !== undefined) p.keepn = sp.keepn;
      if (sp.keep !== undefined) p.keep = sp.keep;
      if (sp.widctl !== undefined) p.widctl = sp.widctl;
      if (sp.outline !== undefined) p.outline = sp.outline;
    }
  };

  /** A nested row's end where no table can go: its cells' line ends (without the last cell's separator). */
  const nestRowFlat = (): void => {
    const t = target();
    if (!t || st.dest === 'marker') return;
    const p = paras[t];
    const last = p.runs[p.runs.length - 1];
    if (last?.text.endsWith(NEST_SEP)) last.text = last.text.slice(0, -NEST_SEP.length);
    if (p.runs.some((r) => r.text.trim())) endPara(t);
    else p.runs = [];
  };

  const control = (word: string, param: number | null): void => {
    if (st.dest === 'skip') return;
    // A nested row's own \trowd, \cellx and borders are its level's, not the outer row's.
    if (st.nestProps) {
      if (target() !== 'body') {
        if (word === 'nestrow') nestRowFlat();
        return;
      }
      const at = levelAt(st.nestLevel ?? 2);
      if (word === 'trowd') at.props = newRowProps();
      else if (word === 'nestrow') endRow(st.nestLevel ?? 2);
      else rowWord(at.props, word, param);
      return;
    }
    if (st.dest === 'marker' && PARAGRAPH_WORDS.has(word)) return;
    if (st.dest === 'pict' && pict) {
      switch (word) {
        case 'pngblip':
        case 'jpegblip':
        case 'emfblip':
        case 'wmetafile':
        case 'dibitmap':
        case 'wbitmap':
        case 'macpict':
          pict.kind = word;
          return;
        case 'picwgoal': pict.wGoal = param ?? undefined; return;
        case 'pichgoal': pict.hGoal = param ?? undefined; return;
        case 'picscalex': pict.scaleX = param ?? 100; return;
        case 'picscaley': pict.scaleY = param ?? 100; return;
        default: return;
      }
    }
    if (st.dest === 'stylesheet') {
      if (word === 's') st.styleNum = param ?? 0;
      const sp = (st.styleProps ??= {});
      const on = param !== 0;
      switch (word) {
        case 'cs':
        case 'ts':
        case 'ds':
          sp.other = true;
          break;
        case 'sbasedon': if (param !== null) sp.basedOn = param; break;
        case 'f': if (param !== null) sp.font = param; break;
        case 'fs': if (param !== null && param >= 2 && param <= 3276) sp.size = param / 2; break;
        case 'b': sp.bold = on; break;
        case 'i': sp.italic = on; break;
        case 'cf': sp.color = colourAt(param) ?? null; break;
        case 'sb': case 'sa': if (param !== null && Math.abs(param) <= 31680) sp[word] = param; break;
        case 'li': case 'lin': if (param !== null && Math.abs(param) <= 31680) sp.li = param; break;
        case 'ri': case 'rin': if (param !== null && Math.abs(param) <= 31680) sp.ri = param; break;
        case 'fi': if (param !== null && Math.abs(param) <= 31680) sp.fi = param; break;
        case 'keepn': sp.keepn = on; break;
        case 'keep': sp.keep = on; break;
        case 'widctlpar': sp.widctl = true; break;
        case 'nowidctlpar': sp.widctl = false; break;
        case 'outlinelevel': if (param !== null) sp.outline = param; break;
        default: break;
      }
      return;
    }
    if (st.dest === 'colortbl') {
      if ((word === 'red' || word === 'green' || word === 'blue') && param !== null) colourEntry[word] = param;
      return;
    }
    if (st.dest === 'fonttbl') {
      if (word === 'f') {
        st.styleNum = param ?? 0;
        st.styleName = '';
      }
      return;
    }
    if (word === 'f') {
      st.font = param ?? 0;
      return;
    }
    if (word === 'deff') {
      deff = param ?? 0;
      return;
    }
    if (word === 'deftab') {
      if (param !== null && param >= 20 && param <= 31680) defaultTab = param / 20;
      return;
    }
    if (word === 'fs') {
      if (param !== null && param >= 2 && param <= 3276) st.size = param / 2;
      return;
    }
    // Document format: paper and margins in twips (\paperw \margl …), the first value of each.
    if (PAPER_WORDS.has(word) && param !== null && paper[word] === undefined) {
      paper[word] = Math.abs(param) / 20;
      return;
    }
    const sectionWord = SECTION_PAPER[word];
    if (sectionWord && param !== null && sectionPaper[sectionWord] === undefined && st.dest === 'body') {
      sectionPaper[sectionWord] = Math.abs(param) / 20;
      return;
    }
    const t = target();
    switch (word) {
      case 'par':
        if (t) endPara(t);
        return;
      case 'line':
        emit('\n');
        return;
      case 'tab':
        emit('\t');
        return;
      case 'page':
        if (t === 'body') {
          if (paras.body.runs.length) endPara('body');
          closeBelow(0);
          blocks.push({ kind: 'page-break' });
        }
        return;
      case 'sect':
        if (t === 'body') {
          if (paras.body.runs.length) endPara('body');
          closeBelow(0);
          // The next section's columns (\cols… after its \sectd) go on the break that begins it.
          sectCols = { count: 1 };
          sectBreak = sectContinuous ? { kind: 'page-break', continuous: true, columns: sectCols } : { kind: 'page-break', columns: sectCols };
          blocks.push(sectBreak);
        }
        return;
      case 'sbknone':
        sectContinuous = true;
        if (sectBreak && st.dest === 'body') sectBreak.continuous = true;
        return;
      case 'sectd':
      case 'sbkpage':
        sectContinuous = word === 'sectd' ? sectContinuous : false;
        if (word === 'sbkpage' && sectBreak && st.dest === 'body') delete sectBreak.continuous;
        return;
      case 'cols':
        if (st.dest === 'body' && param !== null && param >= 1 && param <= 20) sectCols.count = param;
        return;
      case 'colsx':
        if (st.dest === 'body' && param !== null && param >= 0 && param <= 31680) sectCols.gap = param / 20;
        return;
      case 'linebetcol':
        if (st.dest === 'body') sectCols.separator = true;
        return;
      case 'column':
        if (t === 'body') {
          if (paras.body.runs.length) endPara('body');
          closeBelow(0);
          blocks.push({ kind: 'page-break', column: true });
        }
        return;
      case 'pard':
        // (Inside a list marker's group, {\listtext\pard\plain …}, control() has already returned.)
        if (t) {
          const p = paras[t];
          p.align = undefined;
          p.level = 0;
          p.outline = null;
          p.style = 0;
          p.inTable = false;
          p.itap = 0;
          p.sb = p.sa = p.sl = 0;
          p.slmult = p.keepn = p.keep = p.widctl = false;
          p.li = p.ri = p.fi = 0;
          p.tabs = [];
          p.tabNext = {};
        }
        return;
      case 'keepn':
      case 'keep':
        if (t) paras[t][word === 'keepn' ? 'keepn' : 'keep'] = param !== 0;
        return;
      case 'widctlpar':
      case 'nowidctlpar':
        if (t) paras[t].widctl = word === 'widctlpar';
        return;
      case 'sb':
      case 'sa':
      case 'sl':
        if (t && param !== null && Math.abs(param) <= 31680) paras[t][word] = param;
        return;
      case 'slmult':
        if (t) paras[t].slmult = param === 1;
        return;
      case 'li':
      case 'lin':
      case 'ri':
      case 'rin':
      case 'fi':
        if (t && param !== null && Math.abs(param) <= 31680) paras[t][word === 'fi' ? 'fi' : word[0] === 'r' ? 'ri' : 'li'] = param;
        return;
      case 'tqr':
      case 'tqc':
      case 'tqdec':
        if (t) paras[t].tabNext.align = word === 'tqr' ? 'right' : word === 'tqc' ? 'center' : 'decimal';
        return;
      case 'tldot':
      case 'tlmdot':
      case 'tlhyph':
      case 'tlul':
      case 'tlth':
      case 'tleq':
        if (t) paras[t].tabNext.leader = TAB_LEADERS[word];
        return;
      case 'tx':
      case 'tb':
        if (t) {
          const p = paras[t];
          const next = p.tabNext;
          p.tabNext = {};
          if (word === 'tx' && param !== null && Math.abs(param) <= 31680 && p.tabs.length < 64) {
            p.tabs.push({ pos: param / 20, align: next.align ?? 'left', ...(next.leader ? { leader: next.leader } : {}) });
          }
        }
        return;
      case 'plain':
        // Character formatting back to the defaults: \deffN's font, 12 pt.
        st.bold = st.italic = st.underline = false;
        st.size = 12;
        st.font = null;
        delete st.color;
        delete st.highlight;
        delete st.charShade;
        return;
      case 'cf':
      case 'highlight':
      case 'chcbpat': {
        // Index 0 (or one past the table) is the automatic colour: the default, no highlight.
        const key = word === 'cf' ? 'color' : word === 'highlight' ? 'highlight' : 'charShade';
        const c = colourAt(param);
        if (c) st[key] = c;
        else delete st[key];
        return;
      }
      case 'b':
        st.bold = param !== 0;
        return;
      case 'i':
        st.italic = param !== 0;
        return;
      case 'ul':
      case 'uld':
      case 'uldb':
      case 'ulw':
      case 'ulth':
      case 'uldash':
        st.underline = param !== 0;
        return;
      case 'ulnone':
        st.underline = false;
        return;
      case 'qc':
      case 'qr':
      case 'ql':
      case 'qj':
        if (t) paras[t].align = word === 'qc' ? 'center' : word === 'qr' ? 'right' : word === 'qj' ? 'justify' : 'left';
        return;
      case 's':
        if (t) {
          paras[t].style = param ?? 0;
          applyStyle(paras[t], param ?? 0);
        }
        return;
      case 'outlinelevel':
        if (t) paras[t].outline = param;
        return;
      case 'ilvl':
        if (t) paras[t].level = param ?? 0;
        return;
      case 'uc':
        st.uc = Math.max(0, param ?? 1);
        return;
      case 'u': {
        let cp = param ?? 0;
        if (cp < 0) cp += 65536;
        emit(String.fromCharCode(cp));
        skipChars = st.uc;
        return;
      }
      case 'ansicpg':
        try {
          decoder = new TextDecoder(`windows-${param}`);
        } catch {
          decoder = new TextDecoder('windows-1252');
        }
        return;
      case 'intbl':
        if (t === 'body') paras.body.inTable = true;
        return;
      case 'itap':
        if (t === 'body') paras.body.itap = Math.max(0, param ?? 1);
        return;
      // A top-level row's definition (a nested row's is read in its {\*\nesttableprops}, above).
      case 'trowd':
        levelAt(1).props = newRowProps();
        return;
      case 'cell':
        if (t === 'body') endCell(1);
        return;
      case 'row':
        if (t === 'body') {
          endRow(1);
          paras.body.inTable = false;
          paras.body.itap = 0;
        }
        return;
      // The note's own mark in its text ({\up6\chftn}): the note's number where the file has it,
      // with only the space the file writes after it. In the body the mark comes with the note.
      case 'chftn':
        if (t === 'footnote' && notes.length) {
          emit(String(notes.length));
          ownMark.add(notes.length - 1);
        }
        return;
      // A nested table's cell (\itapN paragraphs, N ≥ 2) and row: a table in the cell one level
      // up, as the DOCX and ODT readers make one. A \nestcell in a paragraph at level 0 or 1
      // (no \itap: malformed) is read one level deeper. {\nonesttables …}, the text for readers
      // without nested tables, is skipped: it repeats the rows. Where no table can go (a header,
      // footer or note) a nested row is one line of its cells, "a | b".
      case 'nestcell':
        if (t === 'body' && st.dest === 'body') {
          const d = depthOf(paras.body);
          endCell(d >= 2 ? d : d + 1);
        } else if (t && st.dest !== 'marker' && paras[t].runs.some((r) => r.text.trim())) emit(NEST_SEP);
        return;
      case 'nestrow':
        // (Its place is at the end of a {\*\nesttableprops} group, handled above; this one stands outside any.)
        if (t === 'body' && st.dest === 'body') {
          const d = depthOf(paras.body);
          endRow(d >= 2 ? d : d + 1);
        } else if (t && st.dest !== 'marker') nestRowFlat();
        return;
      default:
        if (t === 'body' && rowWord(levelAt(1).props, word, param)) return;
        if (SPECIAL[word] !== undefined) emit(SPECIAL[word] as string);
    }
  };
  let sectContinuous = false;
  // The current section's text columns (the first section's until a \sect), and the break that began it.
  const firstCols: ColumnSetup = { count: 1 };
  let sectCols = firstCols;
  let sectBreak: PageBreak | undefined;

  const flushPending = (): void => {
    // The group's first control word (after an optional \*) decides what the group is.
    if (!pending.length) return;
    const first = pending[0] as { word: string; param: number | null };
    const rest = pending.slice(1);
    pending = [];
    groupStart = false;
    if (!applyDestination(first.word)) control(first.word, first.param);
    starred = false;
    for (const p of rest) control(p.word, p.param);
  };

  let i = 0;
  const n = src.length;
  let steps = 0;
  let textBuf = '';
  const flushText = (): void => {
    if (textBuf) {
      const t = textBuf;
      textBuf = '';
      emit(t);
    }
  };
  while (i < n) {
    if (++steps % 20_000 === 0) deadline.check();
    const ch = src[i] as string;
    if (ch === '{') {
      flushText();
      flushPending();
      if (stack.length > 200) throw new ConversionError('corrupt', 'RTF groups nested deeper than 200 levels (refused as a possible nesting bomb)');
      stack.push(st);
      st = { ...st, styleNum: null, styleName: '', styleProps: undefined };
      groupStart = true;
      starred = false;
      i++;
      continue;
    }
    if (ch === '}') {
      flushText();
      flushPending();
      if (st.dest === 'stylesheet' && st.styleProps && !st.styleProps.other && (st.styleNum !== null || /\S/.test(st.styleName))) {
        // Word writes its Normal style with no \s0.
        styleProps.set(st.styleNum ?? 0, st.styleProps);
      }
      if (st.dest === 'stylesheet' && st.styleNum !== null) styles.set(st.styleNum, st.styleName.replace(/;.*$/s, '').trim().toLowerCase());
      if (st.dest === 'fonttbl' && st.styleNum !== null) {
        const name = st.styleName.replace(/;.*$/s, '').trim();
        const sym = symbolFontOf(name);
        if (sym) symbolFonts.set(st.styleNum, sym);
        fontNames.set(st.styleNum, name);
        st.styleNum = null;
      }
      if (st.dest === 'pict' && pict && !stack.some((s) => s.dest === 'pict')) {
        const p = pict;
        pict = null;
        const prev = stack.pop();
        if (!prev) throw new ConversionError('corrupt', 'unbalanced braces in the RTF');
        st = prev;
        finishPict(p);
        i++;
        continue;
      }
      if (st.dest === 'footnote' && stack[stack.length - 1]?.dest !== 'footnote') {
        if (paras.footnote.runs.length) endPara('footnote');
      }
      const prev = stack.pop();
      if (!prev) {
        // The closing brace of the document: anything after it is ignored.
        break;
      }
      // A header, footer or footnote whose last paragraph had no closing \par still keeps its text.
      if ((st.dest === 'header' || st.dest === 'footer') && prev.dest !== st.dest && paras[st.dest].runs.length) endPara(st.dest);
      st = prev;
      i++;
      continue;
    }
    if (ch === '\\') {
      const next = src[i + 1] ?? '';
      if (/[a-zA-Z]/.test(next)) {
        let j = i + 1;
        while (j < n && j - i < 34 && /[a-zA-Z]/.test(src[j] as string)) j++;
        const word = src.slice(i + 1, j);
        let param: number | null = null;
        const m = /^-?\d{1,10}/.exec(src.slice(j, j + 11));
        if (m) {
          param = Number.parseInt(m[0], 10);
          j += m[0].length;
        }
        if (src[j] === ' ') j++;
        i = j;
        if (word === 'bin') {
          flushText();
          flushPending();
          const len = Math.max(0, param ?? 0);
          if (i + len > n) throw new ConversionError('corrupt', 'RTF binary data runs past the end of the file');
          const cur = pict as Pict | null;
          // \bin with no count (or 0) carries no bytes: the hex digits after it are the picture
          // (pandoc's test image.rtf is written so; LibreOffice can't open it).
          if (st.dest === 'pict' && cur && len > 0) cur.binary = bytes.slice(i, i + len);
          i += len;
          continue;
        }
        flushText();
        if (groupStart) {
          pending.push({ st, word, param });
          if (pending.length === 1) flushPending();
        } else control(word, param);
        continue;
      }
      i += 2;
      switch (next) {
        case '*':
          starred = true;
          groupStart = true;
          continue;
        case "'": {
          const hex = src.slice(i, i + 2);
          i += 2;
          const b = Number.parseInt(hex, 16);
          if (Number.isNaN(b)) throw new ConversionError('corrupt', 'invalid \\\' escape in the RTF');
          textBuf += decoder.decode(new Uint8Array([b]));
          continue;
        }
        case '~':
          textBuf += '\u00a0';
          continue;
        case '_':
          textBuf += '-';
          continue;
        case '-':
          continue; // optional hyphen
        case '\\':
        case '{':
        case '}':
          textBuf += next;
          continue;
        case '\n':
        case '\r':
          flushText();
          control('par', null);
          continue;
        case '|':
        case ':':
          continue;
        default:
          continue;
      }
    }
    if (ch === '\r' || ch === '\n') {
      i++;
      continue;
    }
    if (groupStart) {
      flushPending();
      groupStart = false;
      starred = false;
    }
    // Plain text: up to the next special character.
    let j = i;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (c === 0x5c || c === 0x7b || c === 0x7d || c === 0x0d || c === 0x0a) break;
      j++;
    }
    // Bytes above 127 in plain text are characters of the document's code page (\ansicpg).
    const raw = src.slice(i, j);
    textBuf += /[\x80-\xff]/.test(raw) ? decoder.decode(bytes.subarray(i, j)) : raw;
    i = j;
  }
  flushText();
  if (paras.body.runs.some((r) => r.text.trim()) || paras.body.marker) endPara('body');
  // Tables still open at the end (no closing \row or \nestrow) end with what they have.
  closeBelow(0);
  while (blocks.length && blocks[blocks.length - 1]?.kind === 'page-break') blocks.pop();
  const model: DocModel = { blocks };
  const lineEm = fontLineEm(fontName(deff));
  if (lineEm) model.lineEm = lineEm;
  if (defaultTab !== undefined) model.defaultTab = defaultTab;
  Object.assign(paper, sectionPaper);
  if (Object.keys(paper).length) {
    // RTF's defaults for what the file leaves out: US Letter, 1.25 in left/right and 1 in top/bottom margins.
    const setup = saneSetup({ width: paper.paperw ?? 612, height: paper.paperh ?? 792, left: paper.margl ?? 90, right: paper.margr ?? 90, top: paper.margt ?? 72, bottom: paper.margb ?? 72, header: paper.headery ?? 36, footer: paper.footery ?? 36 });
    if (setup) model.page = setup;
  }
  if (notes.length) model.footnotes = new Map(notes.map((runs, k) => [`footnote:${k}`, [ownMark.has(k) ? notePara(runs) : noteParagraph(String(k + 1), runs.map((r) => r.text).join(''))]]));
  if (header.length) model.header = header;
  if (footer.length) model.footer = footer;
  if (firstCols.count > 1) model.columns = firstCols;
  // Columns stay on the breaks where they change only (one column to one column needs nothing).
  let cols = firstCols;
  for (const b of blocks) {
    if (b.kind !== 'page-break' || !b.columns) continue;
    const next = b.columns;
    if (next.count < 2 && cols.count < 2) delete b.columns;
    cols = next;
  }
  // A continuous break that changes no columns is no break at all.
  for (let k = blocks.length - 1; k >= 0; k--) {
    const b = blocks[k];
    if (b?.kind === 'page-break' && b.continuous && !b.columns) blocks.splice(k, 1);
  }
  return model;
}
