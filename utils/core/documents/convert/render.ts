// Lays a DocModel out on A4 pages and writes the PDF.
// Layout is a single forward pass: text blocks become measured lines (render/lines.ts), lines
// flow onto pages (render/page-flow.ts), table rows move whole to the next page when they fit
// there and are split line-wise when they are taller than a page (render/tables.ts). Text is
// cleaned first (render/clean-text.ts); fonts are embedded through a plain-layout fontkit
// (render/fontkit-shim.ts).

import { PDFDocument } from '@cantoo/pdf-lib';
import type { PDFFont } from '@cantoo/pdf-lib';
import { ConversionError } from './errors.ts';
import type { Deadline } from './errors.ts';
import { FACE_KEYS, faceBytes, faceKey, faceMetrics, loadFallbackFace } from './fonts.ts';
import type { FaceKey } from './fonts.ts';
import { PAGE_FIELD, PAGES_FIELD, SYMBOL_FONT_CHARS, markerText as symbolMarker } from './model.ts';
import type { Block, DocModel, ImageBlock, Paragraph, Run } from './model.ts';
import { dropped, exoticSpace } from './render/clean-text.ts';
import { plainLayoutFontkit } from './render/fontkit-shim.ts';
import { BODY_SIZE, LINE_FACTOR, breakLines, layoutTextBlock, textFlowLines, tokenize, type DrawContext, type FlowLine } from './render/lines.ts';
import { A4, Flow, MARGIN, placeImage } from './render/page-flow.ts';
import { makePictureCache, type ConversionNote } from './render/picture.ts';
import { placeTable } from './render/tables.ts';

export { A4 } from './render/page-flow.ts';
export type { ConversionNote } from './render/picture.ts';

const HF_SIZE = 8.5; // header/footer text
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

async function renderImagePage(doc: PDFDocument, img: ImageBlock, notes: ConversionNote[]): Promise<void> {
  const fonts: Record<FaceKey, PDFFont | undefined> = { regular: undefined, bold: undefined, italic: undefined, boldItalic: undefined, fallback: undefined };
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
  const images = makePictureCache(doc, fonts, notes);
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
