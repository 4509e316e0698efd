// Turning annotation appearances into page content. A widget's normal appearance stream is a
// Form XObject; drawing it at the annotation rectangle (PDF 32000-1 §12.5.5) reproduces what a
// viewer shows. Fields without a usable appearance get a plain Helvetica rendering of their value.
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, StandardFonts } from '@cantoo/pdf-lib';
import type { PDFContext, PDFDocument, PDFFont, PDFObject } from '@cantoo/pdf-lib';
import {
  N,
  cloneShallow,
  getDict,
  inherited,
  numbers,
  rectOf,
  resolve,
  textOf,
} from './objects.ts';

type Rect = [number, number, number, number];

const FLAG_HIDDEN = 1 << 1;
const FLAG_NOVIEW = 1 << 5;
const FF_MULTILINE = 1 << 12;
const FF_PASSWORD = 1 << 13;
const FF_PUSHBUTTON = 1 << 16;

const fmt = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

/** Collects what gets drawn on one page, then writes it as a single appended content stream. */
export class PageCanvas {
  private readonly ops: string[] = [];
  private readonly xobjects = new Map<string, PDFRef>();
  private readonly fonts = new Map<string, PDFRef>();
  private counter = 0;
  private readonly ctx: PDFContext;
  private readonly page: PDFDict;

  constructor(ctx: PDFContext, page: PDFDict) {
    this.ctx = ctx;
    this.page = page;
  }

  get empty(): boolean {
    return this.ops.length === 0;
  }

  /** Draw a Form XObject so that its transformed bounding box fills `rect`. */
  drawForm(ref: PDFRef, stream: PDFStream, rect: Rect): boolean {
    const dict = stream.dict;
    const [rx1, ry1, rx2, ry2] = rect;
    const bbox = numbers(this.ctx, dict.get(N('BBox')), 4) ?? [0, 0, rx2 - rx1, ry2 - ry1];
    if (!dict.has(N('BBox'))) dict.set(N('BBox'), this.ctx.obj(bbox));
    const m = numbers(this.ctx, dict.get(N('Matrix')), 6) ?? [1, 0, 0, 1, 0, 0];
    const [b1, b2, b3, b4] = bbox as [number, number, number, number];
    const [a, b, c, d, e, f] = m as [number, number, number, number, number, number];
    const xs: number[] = [];
    const ys: number[] = [];
    for (const [x, y] of [[b1, b2], [b3, b2], [b1, b4], [b3, b4]] as [number, number][]) {
      xs.push(a * x + c * y + e);
      ys.push(b * x + d * y + f);
    }
    const minX = Math.min(...xs);
    const minY = Math.min(...ys);
    const w = Math.max(...xs) - minX;
    const h = Math.max(...ys) - minY;
    if (!(w > 0) || !(h > 0) || !(rx2 - rx1 > 0) || !(ry2 - ry1 > 0)) return false;
    const sx = (rx2 - rx1) / w;
    const sy = (ry2 - ry1) / h;
    // Appearance streams are sometimes written without the XObject keys; Do needs them.
    dict.set(N('Type'), N('XObject'));
    dict.set(N('Subtype'), N('Form'));
    const name = this.nameFor(this.xobjects, ref, 'RGAp', 'XObject');
    this.ops.push(
      `q ${fmt(sx)} 0 0 ${fmt(sy)} ${fmt(rx1 - minX * sx)} ${fmt(ry1 - minY * sy)} cm /${name} Do Q`,
    );
    return true;
  }

  /** Plain text lines inside `rect`, clipped to it. */
  drawText(font: PDFFont, fontRef: PDFRef, lines: string[], rect: Rect, requestedSize: number, align: number, multiline: boolean): void {
    const [x1, y1, x2, y2] = rect;
    const width = x2 - x1;
    const height = y2 - y1;
    if (width <= 0 || height <= 0 || lines.length === 0) return;
    const pad = 2;
    let size = requestedSize > 0 ? requestedSize : multiline ? 10 : Math.max(4, Math.min(12, (height - 2) * 0.7));
    if (!multiline) {
      const widest = Math.max(...lines.map((l) => font.widthOfTextAtSize(l, size)));
      if (widest > width - 2 * pad && widest > 0) size = Math.max(4, (size * (width - 2 * pad)) / widest);
    }
    const name = this.nameFor(this.fonts, fontRef, 'RGHelv', 'Font');
    const out = [`q ${fmt(x1)} ${fmt(y1)} ${fmt(width)} ${fmt(height)} re W n BT 0 g /${name} ${fmt(size)} Tf`];
    const leading = size * 1.15;
    let y = multiline ? y2 - pad - size * 0.8 : y1 + (height - size * 0.72) / 2;
    let prevX = 0;
    let prevY = 0;
    for (const line of lines) {
      const lw = font.widthOfTextAtSize(line, size);
      const x = align === 1 ? x1 + (width - lw) / 2 : align === 2 ? x2 - pad - lw : x1 + pad;
      out.push(`${fmt(x - prevX)} ${fmt(y - prevY)} Td ${font.encodeText(line).toString()} Tj`);
      prevX = x;
      prevY = y;
      y -= leading;
      if (y < y1) break;
    }
    out.push('ET Q');
    this.ops.push(out.join('\n'));
  }

  /** A cross in the rectangle: the checked state of a box that has no appearance of its own. */
  drawCheck(rect: Rect): void {
    const [x1, y1, x2, y2] = rect;
    const inset = Math.min(x2 - x1, y2 - y1) * 0.2;
    const a = [x1 + inset, y1 + inset, x2 - inset, y2 - inset].map(fmt);
    this.ops.push(`q 0 G 1.2 w ${a[0]} ${a[1]} m ${a[2]} ${a[3]} l S ${a[0]} ${a[3]} m ${a[2]} ${a[1]} l S Q`);
  }

  /** Append the drawing to the page: old content wrapped in q/Q so its state cannot leak into ours. */
  commit(): void {
    if (this.empty) return;
    const ctx = this.ctx;
    const resources = ownResources(ctx, this.page);
    if (this.xobjects.size > 0) addNames(ctx, resources, 'XObject', this.xobjects);
    if (this.fonts.size > 0) addNames(ctx, resources, 'Font', this.fonts);

    const raw = this.page.get(N('Contents'));
    const existing: PDFObject[] = [];
    const target = resolve(ctx, raw);
    if (target instanceof PDFArray) existing.push(...target.asArray());
    else if (target instanceof PDFStream && raw) existing.push(raw);

    const drawing = this.ops.join('\n');
    const parts: PDFObject[] =
      existing.length > 0
        ? [ctx.register(ctx.stream('q\n')), ...existing, ctx.register(ctx.flateStream(`Q\n${drawing}\n`))]
        : [ctx.register(ctx.flateStream(`${drawing}\n`))];
    this.page.set(N('Contents'), ctx.obj(parts));
  }

  /** A resource name not used by the page yet (a crafted file could already use ours). */
  private nameFor(map: Map<string, PDFRef>, ref: PDFRef, prefix: string, category: string): string {
    for (const [k, v] of map) if (v === ref) return k;
    const res = resolve(this.ctx, this.page.get(N('Resources'))) ?? inherited(this.ctx, this.page, 'Resources');
    const sub = res instanceof PDFDict ? getDict(this.ctx, res, category) : undefined;
    let name = `${prefix}${++this.counter}`;
    while (sub?.has(N(name))) name = `${prefix}${++this.counter}`;
    map.set(name, ref);
    return name;
  }
}

/** The page's own resource dict, materialised from an inherited or shared one when needed. */
function ownResources(ctx: PDFContext, page: PDFDict): PDFDict {
  const raw = page.get(N('Resources'));
  const found = raw !== undefined ? resolve(ctx, raw) : inherited(ctx, page, 'Resources');
  const res = found instanceof PDFDict ? cloneShallow(ctx, found) : ctx.obj({});
  page.set(N('Resources'), res);
  return res;
}

function addNames(ctx: PDFContext, resources: PDFDict, category: string, entries: Map<string, PDFRef>): void {
  const current = getDict(ctx, resources, category);
  const sub = current ? cloneShallow(ctx, current) : ctx.obj({});
  for (const [name, ref] of entries) sub.set(N(name), ref);
  resources.set(N(category), sub);
}

/** Normal appearance stream of an annotation, honouring /AS for state-dependent appearances. */
export function normalAppearance(ctx: PDFContext, annot: PDFDict): { ref: PDFRef; stream: PDFStream } | undefined {
  const ap = getDict(ctx, annot, 'AP');
  if (!ap) return undefined;
  let raw = ap.get(N('N'));
  const n = resolve(ctx, raw);
  if (n instanceof PDFDict) {
    const as = resolve(ctx, annot.get(N('AS')));
    if (!(as instanceof PDFName)) return undefined;
    raw = n.get(as);
  }
  const stream = resolve(ctx, raw);
  if (raw instanceof PDFRef && stream instanceof PDFStream) return { ref: raw, stream };
  return undefined;
}

export function isHidden(ctx: PDFContext, annot: PDFDict): boolean {
  const f = resolve(ctx, annot.get(N('F')));
  const flags = f && 'asNumber' in f ? (f as unknown as { asNumber(): number }).asNumber() : 0;
  return (flags & (FLAG_HIDDEN | FLAG_NOVIEW)) !== 0;
}

export interface FieldValue {
  kind: 'text' | 'check' | 'none';
  lines: string[];
  size: number;
  align: number;
  multiline: boolean;
}

/** What a widget's field holds, read through the field hierarchy (inheritable FT, V, Ff, DA, Q). */
export function fieldValue(ctx: PDFContext, widget: PDFDict): FieldValue {
  const none: FieldValue = { kind: 'none', lines: [], size: 0, align: 0, multiline: false };
  const ft = inherited(ctx, widget, 'FT');
  const ffObj = inherited(ctx, widget, 'Ff');
  const ff = ffObj && 'asNumber' in ffObj ? (ffObj as unknown as { asNumber(): number }).asNumber() : 0;
  if (!(ft instanceof PDFName)) return none;
  const type = ft.decodeText();
  if (type === 'Btn') {
    if (ff & FF_PUSHBUTTON) return none;
    const state = resolve(ctx, widget.get(N('AS'))) ?? inherited(ctx, widget, 'V');
    const on = state instanceof PDFName && state.decodeText() !== 'Off';
    return on ? { ...none, kind: 'check' } : none;
  }
  if (type !== 'Tx' && type !== 'Ch') return none;
  const v = inherited(ctx, widget, 'V');
  let text: string | undefined;
  if (v instanceof PDFArray) {
    text = v
      .asArray()
      .map((x) => textOf(resolve(ctx, x)) ?? '')
      .filter(Boolean)
      .join(', ');
  } else {
    text = textOf(v);
  }
  if (!text) return none;
  if (ff & FF_PASSWORD && type === 'Tx') text = '*'.repeat(Math.min(text.length, 32));
  const da = textOf(inherited(ctx, widget, 'DA')) ?? '';
  const sizeMatch = /([\d.]+)\s+Tf/.exec(da);
  const q = inherited(ctx, widget, 'Q');
  const multiline = type === 'Tx' && (ff & FF_MULTILINE) !== 0;
  return {
    kind: 'text',
    lines: multiline ? text.split(/\r\n|\r|\n/) : [text.replace(/[\r\n]+/g, ' ')],
    size: sizeMatch ? Number(sizeMatch[1]) || 0 : 0,
    align: q && 'asNumber' in q ? (q as unknown as { asNumber(): number }).asNumber() : 0,
    multiline,
  };
}

/** Helvetica (WinAnsi), embedded once per document on first use. */
export class FallbackFont {
  private font: PDFFont | undefined;
  private charset: Set<number> | undefined;
  private readonly doc: PDFDocument;

  constructor(doc: PDFDocument) {
    this.doc = doc;
  }

  async get(): Promise<{ font: PDFFont; ref: PDFRef }> {
    if (!this.font) {
      this.font = await this.doc.embedFont(StandardFonts.Helvetica);
      this.charset = new Set(this.font.getCharacterSet());
    }
    return { font: this.font, ref: this.font.ref };
  }

  /** Characters Helvetica/WinAnsi cannot encode become '?', instead of throwing mid-flatten. */
  sanitize(text: string): string {
    const set = this.charset;
    if (!set) return text;
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      out += set.has(cp) ? ch : cp === 0x09 ? ' ' : '?';
    }
    return out;
  }
}

export { rectOf };
