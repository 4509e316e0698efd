// Pictures of every format a document embeds, made drawable once per document:
// - PNG / JPEG: embedded as they are (pdf-lib);
// - GIF / BMP / DIB / TIFF: decoded (../pictures/raster.ts) into an image XObject, with a soft
//   mask when some pixel is transparent;
// - EMF / WMF: interpreted (../pictures/metafile.ts) into a form XObject of vector paths, text in
//   the embedded faces and bitmaps;
// - PDF: its first page embedded as a form XObject (pdf-lib embedPdf);
// - anything that still can't be drawn (an unknown format, a linked picture outside the file,
//   a picture too damaged to decode): a visible placeholder box of the picture's size, and a
//   note that the caller turns into an `info` finding. The document is not refused for it.

import {
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  rgb,
} from '@cantoo/pdf-lib';
import type { PDFDocument, PDFPage, PDFRef } from '@cantoo/pdf-lib';
import { ConversionError } from '../errors.ts';
import { faceBytes, faceMetrics, loadCjkFace, loadFallbackFace } from '../fonts.ts';
import type { FaceKey } from '../fonts.ts';
import type { FaceFonts } from './lines.ts';
import type { ImageBlock } from '../model.ts';
import { formatName } from '../pictures/formats.ts';
import { parseEmf, parseWmf, type Metafile, type RGB } from '../pictures/metafile.ts';
import { decodeBmp, decodeDib, decodeGif, decodeTiff, type Decoded, type Pixels } from '../pictures/raster.ts';

/** What a conversion tells besides the PDF: pictures it could only show as a placeholder. */
export interface ConversionNote {
  /** picture-placeholder: a picture drawn as a grey box; tracked-changes: revisions shown as accepted; layout: something printed elsewhere than the file places it (a floating box put inline). */
  kind: 'picture-placeholder' | 'tracked-changes' | 'layout';
  /** One English line: which picture and why. */
  detail: string;
}

export interface Picture {
  /** Natural size in points. */
  width: number;
  height: number;
  draw(page: PDFPage, x: number, y: number, w: number, h: number): void;
}

export interface PictureCache {
  get(img: ImageBlock): Promise<Picture>;
}

const PLACEHOLDER_LABEL = 'afbeelding niet weergegeven';

function xobjectPicture(ref: PDFRef, width: number, height: number, prefix: string): Picture {
  return {
    width,
    height,
    draw(page, x, y, w, h) {
      const name = page.node.newXObject(prefix, ref);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, x, y), drawObject(name), popGraphicsState());
    },
  };
}

function embedPixels(doc: PDFDocument, px: Pixels): PDFRef {
  const ctx = doc.context;
  const dict: Record<string, unknown> = { Type: 'XObject', Subtype: 'Image', Width: px.width, Height: px.height, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 };
  if (px.alpha) {
    const mask = ctx.flateStream(px.alpha, { Type: 'XObject', Subtype: 'Image', Width: px.width, Height: px.height, ColorSpace: 'DeviceGray', BitsPerComponent: 8 });
    dict.SMask = ctx.register(mask);
  }
  return ctx.register(ctx.flateStream(px.rgb, dict as Parameters<typeof ctx.flateStream>[1]));
}

async function embedDecoded(doc: PDFDocument, d: Decoded): Promise<{ ref: PDFRef; width: number; height: number }> {
  if ('pixels' in d) return { ref: embedPixels(doc, d.pixels), width: d.pixels.width, height: d.pixels.height };
  const img = 'png' in d ? await doc.embedPng(d.png) : await doc.embedJpg(d.jpeg);
  // Force the embedding now, so the ref is usable inside a form's resources.
  await img.embed();
  return { ref: img.ref, width: img.width, height: img.height };
}

const num = (n: number): string => (Math.abs(n) < 1e-4 ? '0' : Number(n.toFixed(3)).toString());
const rgbOp = (c: RGB, op: 'rg' | 'RG'): string => `${num(c[0] / 255)} ${num(c[1] / 255)} ${num(c[2] / 255)} ${op}`;

/** Drawing a metafile needs the faces for its text; a character neither face has refuses, naming it. */
async function metafilePicture(doc: PDFDocument, mf: Metafile, fonts: FaceFonts): Promise<Picture | null> {
  const W = mf.right - mf.left;
  const H = mf.bottom - mf.top;
  if (!(W > 0) || !(H > 0) || !mf.items.some((i) => i.t === 'path' || i.t === 'text' || i.t === 'bitmap')) return null;
  const ops: string[] = [`1 0 0 -1 ${num(-mf.left)} ${num(mf.bottom)} cm`];
  const xobjects: Record<string, PDFRef> = {};
  const fontRes: Record<string, PDFRef> = {};
  let bitmaps = 0;
  let depth = 0;
  for (const it of mf.items) {
    if (it.t === 'save') {
      ops.push('q');
      depth++;
    } else if (it.t === 'restore') {
      const n = Math.min(it.levels, depth);
      for (let k = 0; k < n; k++) ops.push('Q');
      depth -= n;
    } else if (it.t === 'clip') {
      ops.push(`${it.d} ${it.evenOdd ? 'W*' : 'W'} n`);
    } else if (it.t === 'path') {
      let op: string;
      if (it.fill && it.stroke) op = it.evenOdd ? 'B*' : 'B';
      else if (it.fill) op = it.evenOdd ? 'f*' : 'f';
      else op = 'S';
      ops.push(`${it.fill ? rgbOp(it.fill, 'rg') : ''} ${it.stroke ? `${rgbOp(it.stroke, 'RG')} ${num(it.lineWidth)} w` : ''} ${it.d} ${op}`);
    } else if (it.t === 'bitmap') {
      if (!(it.w > 0) || !(it.h > 0)) continue;
      let d: Decoded;
      try {
        d = decodeDib(it.dib, it.bits?.length ? it.bits : null);
      } catch (e) {
        if (e instanceof ConversionError && e.kind === 'too-large') throw e;
        continue; // a broken bitmap inside a drawing: the rest of the drawing still shows
      }
      const { ref } = await embedDecoded(doc, d);
      const name = `B${bitmaps++}`;
      xobjects[name] = ref;
      ops.push(`q ${num(it.w)} 0 0 ${num(-it.h)} ${num(it.x)} ${num(it.y + it.h)} cm /${name} Do Q`);
    } else {
      const key: FaceKey = it.bold ? (it.italic ? 'boldItalic' : 'bold') : it.italic ? 'italic' : 'regular';
      let face: FaceKey = fonts[key] ? key : 'regular';
      const text = it.text.replace(/[\r\n\t]/g, ' ');
      const lacks = (f: FaceKey): string | undefined => [...text].find((ch) => !faceMetrics(f).has(ch.codePointAt(0) as number) && ch !== ' ');
      let missing = lacks(face);
      if (missing) {
        // One face draws a picture's text item: DejaVu Sans, else Noto Sans JP, whichever has all of it.
        await loadFallbackFace();
        face = 'fallback';
        missing = lacks('fallback');
        if (missing) {
          await loadCjkFace();
          if (!lacks('cjk')) {
            face = 'cjk';
            missing = undefined;
          }
        }
        if (missing) {
          throw new ConversionError(
            'unsupported',
            `a picture contains text with a character the embedded fonts cannot show (U+${(missing.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}); converting would lose it`,
          );
        }
      }
      let font = fonts[face];
      if (!font) {
        font = await doc.embedFont(faceBytes(face), { subset: true });
        fonts[face] = font;
      }
      const resName = `F${face}`;
      fontRes[resName] = font.ref;
      const natural = faceMetrics(face).width(text, it.size);
      const tz = it.width && natural > 0 ? Math.min(200, Math.max(40, (it.width / natural) * 100)) : 100;
      const drawnW = (natural * tz) / 100;
      const dx = it.align === 'center' ? -drawnW / 2 : it.align === 'right' ? -drawnW : 0;
      const m = faceMetrics(face);
      const dy = it.valign === 'top' ? m.ascent * it.size : it.valign === 'bottom' ? -m.descent * it.size : 0;
      const a = (-it.angle * Math.PI) / 180;
      const cos = Math.cos(a);
      const sin = Math.sin(a);
      // Device space is y-down: the text matrix flips back so glyphs stand upright.
      const tx = it.x + cos * dx - sin * dy;
      const ty = it.y + sin * dx + cos * dy;
      ops.push(
        `BT ${rgbOp(it.color, 'rg')} /${resName} ${num(it.size)} Tf ${num(tz)} Tz ${num(cos)} ${num(sin)} ${num(sin)} ${num(-cos)} ${num(tx)} ${num(ty)} Tm ${font.encodeText(text).toString()} Tj ET`,
      );
    }
  }
  for (; depth > 0; depth--) ops.push('Q');
  const resources: Record<string, unknown> = {};
  if (Object.keys(fontRes).length) resources.Font = fontRes;
  if (Object.keys(xobjects).length) resources.XObject = xobjects;
  const form = doc.context.flateStream(ops.join('\n'), {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, W, H],
    Matrix: [1 / W, 0, 0, 1 / H, 0, 0],
    Resources: resources,
  } as Parameters<typeof doc.context.flateStream>[1]);
  const ref = doc.context.register(form);
  return xobjectPicture(ref, mf.widthPt ?? W * 0.75, mf.heightPt ?? H * 0.75, 'Mf');
}

function placeholder(img: ImageBlock, fonts: FaceFonts): Picture {
  const width = img.width && img.width > 8 ? img.width : 144;
  const height = img.height && img.height > 8 ? img.height : 72;
  const label = img.format === 'linked' ? '[gekoppelde afbeelding, niet in het bestand]' : `[${PLACEHOLDER_LABEL}: ${formatName(img.format)}]`;
  return {
    width,
    height,
    draw(page, x, y, w, h) {
      page.drawRectangle({ x, y, width: w, height: h, borderWidth: 0.75, borderColor: rgb(0.45, 0.45, 0.45), color: rgb(0.94, 0.94, 0.94) });
      page.drawLine({ start: { x, y }, end: { x: x + w, y: y + h }, thickness: 0.5, color: rgb(0.7, 0.7, 0.7) });
      page.drawLine({ start: { x, y: y + h }, end: { x: x + w, y }, thickness: 0.5, color: rgb(0.7, 0.7, 0.7) });
      const font = fonts.regular;
      if (!font) return;
      // The label in up to three lines, as large as fits (5–8 pt).
      const size = Math.max(5, Math.min(8, h / 4));
      const lines: string[] = [];
      for (const word of label.split(' ')) {
        const last = lines[lines.length - 1];
        if (last !== undefined && font.widthOfTextAtSize(`${last} ${word}`, size) <= w - 6) lines[lines.length - 1] = `${last} ${word}`;
        else lines.push(word);
      }
      const shown = lines.slice(0, 3);
      const lead = size * 1.25;
      let ty = y + h / 2 + ((shown.length - 1) * lead) / 2 - size / 3;
      for (const line of shown) {
        const tw = font.widthOfTextAtSize(line, size);
        page.drawText(line, { x: x + Math.max(2, (w - tw) / 2), y: ty, size, font, color: rgb(0.2, 0.2, 0.2) });
        ty -= lead;
      }
    },
  };
}

function why(img: ImageBlock, reason: string): string {
  const name = img.name ? ` (${img.name})` : '';
  return `a ${formatName(img.format)} picture${name} ${reason}; a placeholder is shown in its place`;
}

export function makePictureCache(doc: PDFDocument, fonts: FaceFonts, notes: ConversionNote[]): PictureCache {
  const cache = new Map<Uint8Array, Promise<Picture>>();
  const noted = new Set<string>();
  const note = (detail: string): void => {
    if (noted.has(detail)) return;
    noted.add(detail);
    notes.push({ kind: 'picture-placeholder', detail });
  };

  const build = async (img: ImageBlock): Promise<Picture> => {
    const fail = (reason: string): Picture => {
      note(why(img, reason));
      return placeholder(img, fonts);
    };
    if (img.format === 'linked') return fail('is linked from outside the document, not stored in it');
    if (img.format === 'unknown') return fail('is in a format that cannot be read');
    try {
      switch (img.format) {
        case 'png':
        case 'jpeg': {
          const e = img.format === 'png' ? await doc.embedPng(img.bytes) : await doc.embedJpg(img.bytes);
          return {
            width: e.width * 0.75,
            height: e.height * 0.75,
            draw: (page, x, y, w, h) => page.drawImage(e, { x, y, width: w, height: h }),
          };
        }
        case 'gif':
        case 'bmp':
        case 'dib':
        case 'tiff': {
          const d: Decoded =
            img.format === 'gif' ? { pixels: decodeGif(img.bytes) } : img.format === 'tiff' ? { pixels: decodeTiff(img.bytes) } : img.format === 'bmp' ? decodeBmp(img.bytes) : decodeDib(img.bytes, null);
          const e = await embedDecoded(doc, d);
          return xobjectPicture(e.ref, e.width * 0.75, e.height * 0.75, 'Im');
        }
        case 'emf':
        case 'wmf': {
          const mf = img.format === 'emf' ? parseEmf(img.bytes) : parseWmf(img.bytes);
          const p = await metafilePicture(doc, mf, fonts);
          if (!p) return fail('draws nothing this converter can show (e.g. EMF+ records only)');
          if (mf.unreadableText) note(why(img, `holds ${mf.unreadableText} text run(s) stored as glyph numbers, which cannot be read`));
          return p;
        }
        case 'drawing': {
          const d = img.drawing;
          if (d?.note) note(d.note);
          const p = d ? await metafilePicture(doc, { left: 0, top: 0, right: d.width, bottom: d.height, widthPt: d.width, heightPt: d.height, items: d.items, unreadableText: 0 }, fonts) : null;
          if (!p) return fail('draws nothing');
          return p;
        }
        case 'pdf': {
          const [page] = await doc.embedPdf(img.bytes, [0]);
          if (!page) return fail('has no page');
          return {
            width: page.width,
            height: page.height,
            draw: (pg, x, y, w, h) => pg.drawPage(page, { x, y, width: w, height: h }),
          };
        }
        default:
          return fail('is in a format that cannot be read');
      }
    } catch (e) {
      // Limits and undrawable text stay refusals; a picture that is merely damaged gets a placeholder.
      if (e instanceof ConversionError && (e.kind === 'too-large' || e.kind === 'timeout' || e.kind === 'unsupported')) throw e;
      return fail(`could not be decoded (${e instanceof Error ? e.message.replace(/\s+/g, ' ').slice(0, 100) : String(e)})`);
    }
  };

  return {
    get(img) {
      let p = cache.get(img.bytes);
      if (!p) {
        p = build(img);
        cache.set(img.bytes, p);
      }
      return p;
    },
  };
}
