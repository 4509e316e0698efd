// Page flow: measured lines go down the page and onto new pages (spacers vanish at a page top;
// a line with its "keep" amount moves whole), and images are embedded once per document and
// scaled to the room they get.

import type { PDFDocument, PDFPage } from '@cantoo/pdf-lib';
import { ConversionError } from '../errors.ts';
import type { Deadline } from '../errors.ts';
import type { ImageBlock } from '../model.ts';
import { spacer, type DrawContext, type FlowLine } from './lines.ts';
import type { Picture, PictureCache } from './picture.ts';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 56.69; // 2 cm

export interface FlowOptions {
  deadline: Deadline;
  maxPages: number;
}

export class Flow {
  readonly doc: PDFDocument;
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  readonly top: number;
  readonly bottom: number;
  readonly left = MARGIN;
  readonly width = A4.width - 2 * MARGIN;
  private fresh = true;
  private readonly opts: FlowOptions;

  constructor(doc: PDFDocument, top: number, bottom: number, opts: FlowOptions) {
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
