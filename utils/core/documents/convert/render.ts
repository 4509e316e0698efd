// Lays a DocModel out on A4 pages and writes the PDF.
// Layout is a single forward pass: text blocks become measured lines (render/lines.ts), lines
// flow onto pages (render/page-flow.ts), table rows move whole to the next page when they fit
// there and are split line-wise when they are taller than a page (render/tables.ts). Text is
// cleaned first (render/clean-text.ts); fonts are embedded through a plain-layout fontkit
// (render/fontkit-shim.ts).

import { PDFDocument } from '@cantoo/pdf-lib';
import { ConversionError } from './errors.ts';
import type { Deadline } from './errors.ts';
import { cjkBlock, cjkLoaded, faceBytes, faceMetrics, fallbackLoaded, loadCjkFace, loadFallbackFace, loadFamilies, metricFamily } from './fonts.ts';
import type { FaceKey, MetricFamily } from './fonts.ts';
import { PAGE_FIELD, PAGES_FIELD, SYMBOL_FONT_CHARS, markerText as symbolMarker, runsPrint, saneSetup } from './model.ts';
import type { Block, DocModel, Heading, ImageBlock, ListItem, PageFurniture, Paragraph, Run } from './model.ts';
import { SYMBOL_PLACEHOLDER, dropped, exoticSpace, undrawableSymbol } from './render/clean-text.ts';
import { plainLayoutFontkit } from './render/fontkit-shim.ts';
import { BODY_SIZE, LINE_FACTOR, breakLines, drawingFace, layoutTextBlock, runFace, spacer, textFlowLines, tokenize, type DrawContext, type FaceFonts, type FlowLine } from './render/lines.ts';
import { placeFloat, wrappedLayout } from './render/floats.ts';
import { A4, Flow, KEEPABLE_SHARE, MARGIN, keepAmounts, leadHeight, placeImage, type KeepRules } from './render/page-flow.ts';
import { balancedHeight, type ColumnItem } from './render/columns.ts';
import { makePictureCache, type ConversionNote } from './render/picture.ts';
import { prepareInlinePictures } from './render/inline-pictures.ts';
import { keptTableHeight, placeTable } from './render/tables.ts';

export { A4 } from './render/page-flow.ts';
export type { ConversionNote } from './render/picture.ts';

const HF_SIZE = 8.5; // header/footer text
const NOTE_SIZE = 8.5; // footnote text
const PAGE_FIELD_CP = PAGE_FIELD.charCodeAt(0);
const PAGES_FIELD_CP = PAGES_FIELD.charCodeAt(0);

export interface RenderOptions {
  deadline: Deadline;
  maxPages: number;
  /** Producer written to the PDF's Info dictionary. */
  producer?: string;
  /** Receives what the PDF shows only as a placeholder (pictures that can't be drawn). */
  notes?: ConversionNote[];
}

/** The model's runs, list markers (with their list item's first run), headers, footers and footnotes. */
function visitText(model: DocModel, visitRun: (r: Run, bold: boolean) => void, visitMarker: (marker: string, first: Run | undefined) => void): void {
  const runs = (rs: Run[], bold = false): void => {
    for (const r of rs) visitRun(r, bold);
  };
  const visit = (b: Block): void => {
    if (b.kind === 'list-item') visitMarker(symbolMarker(b.marker), b.runs[0]);
    if (b.kind === 'paragraph' || b.kind === 'list-item') runs(b.runs);
    else if (b.kind === 'heading') runs(b.runs, !b.styled);
    else if (b.kind === 'table') for (const r of b.rows) for (const c of r.cells) for (const cb of c.blocks) visit(cb);
    else if (b.kind === 'float') b.blocks.forEach(visit);
  };
  model.blocks.forEach(visit);
  const furniture = furnitureOf(model).flatMap((f) => [f.header, f.footer, f.firstHeader, f.firstFooter, f.evenHeader, f.evenFooter]);
  for (const p of [...furniture.flatMap((x) => x ?? []), ...[...(model.footnotes?.values() ?? [])].flat()]) runs(p.runs);
}

/** The metric-compatible families the model's runs are set in (loaded before layout). */
function collectFamilies(model: DocModel): Set<MetricFamily> {
  const families = new Set<MetricFamily>();
  visitText(
    model,
    (r) => {
      const f = metricFamily(r.font);
      if (f && r.text.trim()) families.add(f);
    },
    () => undefined,
  );
  return families;
}

/**
 * Whether some character is missing from Open Sans (then DejaVu Sans is loaded); private-use
 * codes seen go into privateUse, and characters of the CJK blocks Open Sans lacks into cjk (the
 * CJK face is loaded for those DejaVu Sans lacks too).
 */
function needsFallback(model: DocModel, privateUse: Set<number>, cjk: Set<number>): boolean {
  const regular = faceMetrics('regular');
  let fallback = false;
  const scan = (text: string): void => {
    for (const ch of text) {
      const raw = ch.codePointAt(0) as number;
      if (raw >= 0xe002 && raw <= 0xf8ff) privateUse.add(raw);
      if (raw >= 0x2e80 && cjkBlock(raw) && !exoticSpace(raw) && !regular.has(raw)) cjk.add(raw);
      if (fallback) continue;
      const cp = raw >= 0xf000 && raw <= 0xf0ff ? (SYMBOL_FONT_CHARS.get(raw)?.codePointAt(0) ?? raw) : raw;
      if (cp > 0x20 && !regular.has(cp) && !dropped(cp) && !exoticSpace(cp) && cp !== PAGE_FIELD_CP && cp !== PAGES_FIELD_CP && cp !== 0x2011) fallback = true;
    }
  };
  visitText(model, (r) => scan(r.text), (m) => scan(m));
  return fallback;
}

/**
 * The faces the model draws with, once the faces it names are loaded: each run's face (runFace)
 * and the faces of its chain that draw its characters (drawingFace: Open Sans where a metric
 * face's Latin subset lacks one, DejaVu Sans where Open Sans does, Noto Sans JP after that).
 */
function collectFaces(model: DocModel): Set<FaceKey> {
  const used = new Set<FaceKey>(['regular']);
  const scan = (face: FaceKey, text: string): void => {
    used.add(face);
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      if (cp <= 0x20 || dropped(cp) || exoticSpace(cp)) continue;
      const mapped = cp >= 0xf000 && cp <= 0xf0ff ? (SYMBOL_FONT_CHARS.get(cp)?.codePointAt(0) ?? cp) : cp;
      const f = drawingFace(face, mapped);
      if ((f === 'fallback' && !fallbackLoaded()) || (f === 'cjk' && !cjkLoaded())) continue;
      used.add(f);
    }
  };
  visitText(
    model,
    (r, bold) => scan(runFace(r, bold), r.text),
    (marker, first) => {
      const own = first ? runFace({ text: '', ...(first.font ? { font: first.font } : {}) }) : 'regular';
      scan(own, marker);
      scan('regular', marker);
    },
  );
  return used;
}

/** The model's sections' headers and footers (one section from header/footer when the reader gave no sections). */
function furnitureOf(model: DocModel): PageFurniture[] {
  if (model.sections?.length) return model.sections;
  return [{ ...(model.header ? { header: model.header } : {}), ...(model.footer ? { footer: model.footer } : {}) }];
}

type FurnitureLines = Record<keyof PageFurniture, FlowLine[] | undefined>;

interface PlacedHeading {
  page: number;
  /** The heading is the first text of its page. */
  atTop: boolean;
  level: number;
  number: string;
  name: string;
}

/**
 * A chapter field's text on page `page`: the last heading at `level` or above placed before that
 * page or first on it (LibreOffice's reading: the chapter the page's first text is in); empty
 * before the first such heading.
 */
function chapterText(headings: readonly PlacedHeading[], page: number, field: NonNullable<Run['chapter']>): string {
  let found: PlacedHeading | undefined;
  for (const h of headings) {
    if (h.page > page || (h.page === page && !h.atTop)) continue;
    if (h.level <= field.level) found = h;
  }
  if (!found) return '';
  if (field.show === 'number') return found.number;
  if (field.show === 'name') return found.name;
  return [found.number, found.name].filter(Boolean).join(' ');
}

function hfLines(paras: Paragraph[] | undefined, width: number): FlowLine[] {
  const out: FlowLine[] = [];
  for (const p of paras ?? []) {
    if (!runsPrint(p.runs)) continue;
    out.push(...textFlowLines(breakLines(tokenize(p.runs, HF_SIZE, false), width, HF_SIZE, { origin: 0, ...(p.tabs ? { stops: p.tabs } : {}) }), width, p.align, 0));
  }
  return out;
}

/**
 * Whether a block is kept on one page with the start of the next: as the document says, and a
 * heading whose style the reader didn't know always (a styled heading follows its style, as Word
 * and LibreOffice do: Word's Title style has no w:keepNext, its Heading N styles have).
 */
function keepsNext(b: Paragraph | Heading | ListItem): boolean {
  return (b.kind === 'heading' && !b.styled) || !!b.breaking?.keepNext;
}

function keepRules(b: Paragraph | Heading | ListItem): KeepRules {
  const r = b.breaking;
  return { ...(r?.keepLines ? { keepLines: true } : {}), ...(r?.widows ? { widows: r.widows } : {}), ...(r?.orphans ? { orphans: r.orphans } : {}) };
}

async function renderImagePage(doc: PDFDocument, img: ImageBlock, notes: ConversionNote[]): Promise<void> {
  const fonts: FaceFonts = {};
  const pdfImg = await makePictureCache(doc, fonts, notes).get(img);
  const landscape = pdfImg.width > pdfImg.height;
  const pw = landscape ? A4.height : A4.width;
  const ph = landscape ? A4.width : A4.height;
  const m = 28.35; // 1 cm
  const scale = Math.min((pw - 2 * m) / pdfImg.width, (ph - 2 * m) / pdfImg.height);
  const w = pdfImg.width * scale;
  const h = pdfImg.height * scale;
  const page = doc.addPage([pw, ph]);
  pdfImg.draw(page, (pw - w) / 2, (ph - h) / 2, w, h);
}

export async function renderPdf(model: DocModel, opts: RenderOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const notes = opts.notes ?? [];
  const tc = model.trackedChanges;
  if (tc && tc.insertions + tc.deletions > 0) {
    notes.push({
      kind: 'tracked-changes',
      detail: `tracked changes shown as accepted, as Word's "No Markup" view prints them: ${tc.insertions} insertion(s) kept, ${tc.deletions} deletion(s) left out`,
    });
  }
  doc.setProducer(opts.producer ?? 'ReportGuard');
  doc.setCreationDate(new Date());
  doc.setModificationDate(new Date());

  if (model.imageOnly) {
    const img = model.blocks[0];
    if (!img || img.kind !== 'image') throw new ConversionError('corrupt', 'no image to convert');
    await renderImagePage(doc, img, notes);
    return doc.save({ useObjectStreams: true });
  }

  doc.registerFontkit(plainLayoutFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const fonts: FaceFonts = {};
  const privateUse = new Set<number>();
  const cjk = new Set<number>();
  if (needsFallback(model, privateUse, cjk)) await loadFallbackFace();
  // Noto Sans JP (1.4 MB) only for CJK characters DejaVu Sans lacks too.
  if (fallbackLoaded() && [...cjk].some((cp) => !faceMetrics('fallback').has(cp))) await loadCjkFace();
  // The metric-compatible faces of the fonts the document names (Calibri → Carlito…), only those.
  await loadFamilies(collectFamilies(model));
  const boxed = [...privateUse].filter(undrawableSymbol);
  if (boxed.length) {
    const codes = boxed.slice(0, 12).map((c) => `U+${c.toString(16).toUpperCase()}`).join(', ');
    notes.push({ kind: 'picture-placeholder', detail: `${boxed.length} symbol-font character(s) with no known picture (${codes}${boxed.length > 12 ? ', …' : ''}) drawn as ${SYMBOL_PLACEHOLDER}` });
  }
  for (const key of collectFaces(model)) fonts[key] = await doc.embedFont(faceBytes(key), { subset: true });
  const images = makePictureCache(doc, fonts, notes);
  // Pictures set in lines of text are made drawable before any line is laid out.
  await prepareInlinePictures(model, images);

  // The document's paper and margins (its first section's), else A4 with 2 cm margins.
  const setup = model.page ? saneSetup(model.page) : undefined;
  const paper = setup ? { width: setup.width, height: setup.height } : A4;
  const left = setup ? setup.left : MARGIN;
  const width = setup ? setup.width - setup.left - setup.right : A4.width - 2 * MARGIN;
  const marginTop = setup ? setup.top : MARGIN;
  const marginBottom = setup ? setup.bottom : MARGIN;
  const furniture = furnitureOf(model);
  const sections: FurnitureLines[] = furniture.map((f) => {
    const lines = (paras: Paragraph[] | undefined): FlowLine[] | undefined => (paras ? hfLines(paras, width) : undefined);
    return { header: lines(f.header), footer: lines(f.footer), firstHeader: lines(f.firstHeader), firstFooter: lines(f.firstFooter), evenHeader: lines(f.evenHeader), evenFooter: lines(f.evenFooter) };
  });
  const height = (ls: FlowLine[] | undefined): number => (ls ?? []).reduce((s, l) => s + l.height, 0);
  // Headings as placed (page, whether first on it): a chapter field shows the one in effect at a page's top.
  const placedHeadings: PlacedHeading[] = [];
  const chapterLines = new Map<string, FlowLine[]>();
  const furnitureLines = (paras: Paragraph[] | undefined, stored: FlowLine[] | undefined, page: number): FlowLine[] => {
    if (!paras || !stored || !placedHeadings.length || !paras.some((p) => p.runs.some((r) => r.chapter))) return stored ?? [];
    const set = paras.map((p) => ({ ...p, runs: p.runs.map((r) => (r.chapter ? { ...r, text: chapterText(placedHeadings, page, r.chapter) } : r)) }));
    const key = JSON.stringify(set.map((p) => p.runs.map((r) => r.text)));
    let lines = chapterLines.get(key);
    if (!lines) {
      lines = hfLines(set, width);
      chapterLines.set(key, lines);
    }
    return lines;
  };
  // The body area is the same on every page: room for the tallest header and footer.
  const headerH = Math.max(0, ...sections.flatMap((f) => [f.header, f.firstHeader, f.evenHeader].map(height)));
  const footerH = Math.max(0, ...sections.flatMap((f) => [f.footer, f.firstFooter, f.evenFooter].map(height)));
  // Header and footer sit at the document's distance from the paper edge (1 cm when not given,
  // and never above or below the paper); the text begins below the header, the margin at least.
  const headerEdge = Math.min(Math.max(setup?.header ?? 28.35, 14), marginTop);
  const footerEdge = Math.min(Math.max(setup?.footer ?? 28.35, 14), marginBottom);
  // A document with no header (or footer) text keeps its whole margin-to-margin body area.
  // An ODT header's least height (its gap to the text included) is kept as LibreOffice keeps it.
  const headerRoom = Math.max(headerH + 10, setup?.headerHeight ?? 0);
  const footerRoom = Math.max(footerH + 10, setup?.footerHeight ?? 0);
  const top = headerH > 0 ? Math.min(paper.height - marginTop, paper.height - headerEdge - headerRoom) : paper.height - marginTop;
  const bottom = footerH > 0 ? Math.max(marginBottom, footerEdge + footerRoom) : marginBottom;
  if (top - bottom < paper.height / 3) throw new ConversionError('unsupported', 'the header and footer leave too little room for the text');

  // Footnotes: laid out once, at the foot of the page their mark lands on (see Flow.place).
  const noteLines = new Map<string, FlowLine[]>();
  const footnote = (key: string): FlowLine[] | undefined => {
    const paras = model.footnotes?.get(key);
    if (!paras) return undefined;
    let lines = noteLines.get(key);
    if (!lines) {
      lines = paras.flatMap((p) => layoutTextBlock(p, width, NOTE_SIZE)).filter((l) => !l.spacer);
      noteLines.set(key, lines);
    }
    return lines;
  };
  const flow = new Flow(doc, top, bottom, { ...opts, footnote }, { paper, left, width });
  const ctx: DrawContext = { fonts, pageNumber: 0, pageCount: 0 };
  const blocks = model.blocks;
  // Empty paragraphs ending the document print nothing: they must not begin a page of their own
  // (a table at the foot of the last page followed by the paragraph mark every ODT/DOCX ends with).
  let end = blocks.length;
  while (end > 0 && blocks[end - 1]?.kind === 'paragraph' && !runsPrint((blocks[end - 1] as Paragraph).runs)) end--;
  // Body text at the document's sizes and line spacing.
  const boxText = { scale: 1, ...(model.lineEm ? { lineEm: model.lineEm } : {}), ...(model.defaultTab ? { defaultTab: model.defaultTab } : {}), ...(model.tabsFromIndent ? { tabsFromIndent: true } : {}) };
  // A negative indent may run into the page's left margin (in a floating box it stays inside).
  const body = { ...boxText, outdent: left };
  // Where each section begins: its page, and whether it begins that page (else the next one).
  const starts: Array<{ section: number; page: number; atTop: boolean }> = [{ section: 0, page: 0, atTop: true }];
  // What a block kept with the next needs below it on its page: the next block's first lines
  // (its orphans, or all of it), and theirs after them when that block is kept with the next too,
  // to the end of the chain. A chain taller than a page can't be kept whole (LibreOffice then
  // breaks it where the page ends): only the next block's first lines are asked for. Every block
  // of a chain that fits asks for the rest of the same chain, so none of them breaks it early.
  const leads = new Map<string, { height: number; keeps: boolean }>();
  const leadOf = (i: number): { height: number; keeps: boolean } => {
    // By the width too: a block measured in one column set is measured again in another.
    const key = `${i}:${flow.width}`;
    let lead = leads.get(key);
    if (lead) return lead;
    const b = blocks[i];
    if (!b || i >= end) lead = { height: 0, keeps: false };
    else if (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'list-item') {
      const l = leadHeight(layoutTextBlock(b, flow.width, BODY_SIZE, body), keepRules(b));
      lead = l.whole && keepsNext(b) ? { height: l.height + l.after, keeps: true } : { height: l.height, keeps: false };
    } else if (b.kind === 'image') {
      // Its height at the width it gets (placeImage scales it to the text area).
      const w = b.width ?? 0;
      const h = b.height ?? 0;
      lead = { height: w > 0 && h > 0 ? Math.min(h * Math.min(1, flow.width / w), flow.bodyHeight) + 4 : 0, keeps: false };
    } else if (b.kind === 'table') {
      // Kept together: all of it; else its first row, about two lines of body text.
      lead = { height: keptTableHeight(flow, b, ctx, model.lineEm, model.defaultTab) ?? BODY_SIZE * (model.lineEm ?? LINE_FACTOR) * 2, keeps: false };
    } else lead = { height: 0, keeps: false }; // a page break, or a float placed on its own
    leads.set(key, lead);
    return lead;
  };
  const keptWith = (i: number): number => {
    let total = 0;
    for (let j = i; j < end && j < i + 200; j++) {
      const lead = leadOf(j);
      total += lead.height;
      if (total > flow.bodyHeight * KEEPABLE_SHARE) return Math.min(leadOf(i).height, flow.bodyHeight * KEEPABLE_SHARE);
      if (!lead.keeps) return total;
    }
    return total;
  };
  // Each line's keep amount (Flow.place) for a text block: widows and orphans,
  // keep-lines-together, and keep-with-next (keepsNext: as the document says; always for a heading of no known style).
  const keepsOf = (b: Paragraph | Heading | ListItem, i: number, lines: FlowLine[]): number[] => {
    const tail = i >= 0 && keepsNext(b) ? keptWith(i + 1) : 0;
    return keepAmounts(lines, keepRules(b), tail > 0 ? tail + leadHeight(lines, keepRules(b)).after : 0);
  };
  // Text columns from block `i` on; ended by a continuous break that changes them, they are
  // balanced on their last page (as tall as needed for an equal share, Word's and LibreOffice's way).
  const beginColumns = (cols: DocModel['columns'], i: number): void => {
    flow.setColumns(cols);
    if (flow.columnCount < 2) return;
    let j = i + 1;
    while (j < end && !(blocks[j]?.kind === 'page-break' && (blocks[j] as { columns?: unknown }).columns !== undefined)) j++;
    const closer = blocks[j];
    // Balanced where the section ends on a continuous break, and also where it begins on one
    // (LibreOffice imports a Word section begun so as a text section, which it balances, even
    // when a new-page section follows it: docx4j-GettingStarted's two-column sample list).
    const opener = i >= 0 ? blocks[i] : undefined;
    const begunContinuous = opener?.kind === 'page-break' && opener.continuous === true;
    if (j >= end || closer?.kind !== 'page-break' || !(closer.continuous || begunContinuous)) return;
    const items: ColumnItem[] = [];
    for (let k = i + 1; k < j; k++) {
      const b = blocks[k] as Block;
      if (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'list-item') {
        const lines = layoutTextBlock(b, flow.width, BODY_SIZE, body);
        const keeps = keepsOf(b, k, lines);
        lines.forEach((l, n) => items.push({ height: l.height, keep: keeps[n] ?? 0, ...(l.spacer ? { spacer: true } : {}) }));
      } else if (b.kind === 'image' && (b.width ?? 0) > 0 && (b.height ?? 0) > 0) {
        const w = b.width as number;
        items.push({ height: Math.min((b.height as number) * Math.min(1, flow.width / w), flow.bodyHeight) + 4, keep: 0 }, { height: 6, keep: 0, spacer: true });
      } else if (b.kind === 'page-break' && b.column) items.push({ height: 0, keep: 0, columnBreak: true });
      else return; // a table, a float, a page break: the columns are filled in turn
    }
    const room = flow.columnRoom();
    const bal = balancedHeight(items, flow.columnCount, room.first, room.full, flow.isFresh());
    if (bal) flow.balanceColumns(bal);
  };
  const place = async (b: Block, i: number): Promise<void> => {
    switch (b.kind) {
      case 'page-break':
        if (b.column) {
          flow.columnBreak();
          break;
        }
        if (!b.continuous) flow.pageBreak();
        if (b.section !== undefined && b.section < sections.length) starts.push({ section: b.section, page: flow.pages.length - 1, atTop: flow.atPageTop() });
        if (b.columns) beginColumns(b.columns, i);
        break;
      case 'image':
        await placeImage(flow, b, images, ctx);
        break;
      case 'table':
        await placeTable(flow, b, ctx, opts.deadline, images, model.lineEm, model.defaultTab, b.keepNext ? keptWith(i + 1) : 0);
        break;
      case 'float':
        // Placed where it floats; what can't be is laid out here, inline.
        for (const inner of await placeFloat(flow, b, ctx, images, boxText, notes)) await place(inner, -1);
        break;
      default: {
        const lines = wrappedLayout(flow, b, BODY_SIZE, body);
        const keeps = keepsOf(b, i, lines);
        const text = b.kind === 'heading' && b.chapter ? lines.findIndex((l) => !l.spacer) : -1;
        lines.forEach((l, k) => {
          const pagesBefore = flow.pages.length;
          const fresh = flow.atPageTop();
          flow.place(l, ctx, keeps[k]);
          // Where a heading's text lands, for the chapter fields of running headers.
          if (k === text && b.kind === 'heading' && b.chapter) placedHeadings.push({ page: flow.pages.length - 1, atTop: fresh || flow.pages.length > pagesBefore, level: b.level, ...b.chapter });
        });
      }
    }
  };
  if (model.columns) beginColumns(model.columns, -1);
  for (let i = 0; i < end; i++) {
    if (i % 50 === 0) opts.deadline.check();
    await place(blocks[i] as Block, i);
  }

  // Footnotes that found no page foot (referenced inside a table, or taller than a third of a
  // page) are printed after the text, so none is lost.
  const unplaced = [...(model.footnotes?.keys() ?? [])].filter((k) => !flow.placedNotes.has(k));
  flow.setColumns(undefined);
  if (unplaced.length) flow.place(spacer(BODY_SIZE), ctx);
  for (const key of unplaced) for (const p of model.footnotes?.get(key) ?? []) for (const l of layoutTextBlock(p, flow.width)) flow.place(l, ctx);

  const pageCount = flow.pages.length;
  flow.drawFootnotes((idx) => ({ fonts, pageNumber: idx + 1, pageCount }));
  flow.pages.forEach((page, idx) => {
    const pctx: DrawContext = { fonts, pageNumber: idx + 1, pageCount };
    // The section a page belongs to is the last one begun on or before it (one begun below the
    // top of a page takes over from the next page); its first page is the one it begins at the top of.
    let start = starts[0] as (typeof starts)[number];
    for (const s of starts) if (s.page < idx || (s.page === idx && s.atTop)) start = s;
    const f = sections[start.section] as FurnitureLines;
    const src = furniture[start.section] ?? {};
    const first = start.page === idx && start.atTop;
    const even = (idx + 1) % 2 === 0;
    const hk: keyof PageFurniture = first && f.firstHeader ? 'firstHeader' : even && f.evenHeader ? 'evenHeader' : 'header';
    const fk: keyof PageFurniture = first && f.firstFooter ? 'firstFooter' : even && f.evenFooter ? 'evenFooter' : 'footer';
    const header = furnitureLines(src[hk], f[hk], idx);
    const footer = furnitureLines(src[fk], f[fk], idx);
    let y = paper.height - headerEdge;
    for (const l of header) {
      l.draw?.(page, left, y, pctx);
      y -= l.height;
    }
    y = footerEdge + height(footer);
    for (const l of footer) {
      l.draw?.(page, left, y, pctx);
      y -= l.height;
    }
  });
  return doc.save({ useObjectStreams: true });
}
