// Turning annotation appearances into page content. A widget's normal appearance stream is a
// Form XObject; drawing it at the annotation rectangle (PDF 32000-1 §12.5.5) reproduces what a
// viewer shows. Fields without a usable appearance (none, broken, or stale under NeedAppearances)
// are drawn from their value: text, combo and list box choices, check and radio marks, with the
// widget's own border and background (MK). Text is set in the embedded faces (field-fonts.ts).
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream } from '@cantoo/pdf-lib';
import type { PDFContext, PDFObject } from '@cantoo/pdf-lib';
import type { RunLine } from './field-fonts.ts';
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
const FF_RADIO = 1 << 15;
const FF_PUSHBUTTON = 1 << 16;
const FF_COMBO = 1 << 17;

const fmt = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

/** An annotation colour (/C, /IC, /MK BC/BG): 1, 3 or 4 components; none or 0 = transparent. */
export type Colour = number[] | undefined;

function colourOps(c: number[], stroke: boolean): string {
  const v = c.map(fmt).join(' ');
  if (c.length === 1) return `${v} ${stroke ? 'G' : 'g'}`;
  if (c.length === 3) return `${v} ${stroke ? 'RG' : 'rg'}`;
  return `${v} ${stroke ? 'K' : 'k'}`;
}

export function colourOf(ctx: PDFContext, obj: PDFObject | undefined): Colour {
  const arr = resolve(ctx, obj);
  if (!(arr instanceof PDFArray)) return undefined;
  const out: number[] = [];
  for (const x of arr.asArray()) {
    const v = resolve(ctx, x);
    if (!(v instanceof PDFNumber) || !Number.isFinite(v.asNumber())) return undefined;
    out.push(Math.min(1, Math.max(0, v.asNumber())));
  }
  return out.length === 1 || out.length === 3 || out.length === 4 ? out : undefined;
}

/** Collects what gets drawn on one page, then writes it as a single appended content stream. */
export class PageCanvas {
  private readonly ops: string[] = [];
  private readonly xobjects = new Map<string, PDFRef>();
  private readonly fonts = new Map<string, PDFRef>();
  private readonly states = new Map<string, PDFRef>();
  private readonly stateByAlpha = new Map<string, string>();
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

  /**
   * Draw a Form XObject so that its transformed bounding box fills `rect`; `opacity` is the
   * annotation's constant opacity (/CA).
   */
  drawForm(ref: PDFRef, stream: PDFStream, rect: Rect, opacity = 1): boolean {
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
    const gs = opacity < 1 ? `/${this.alpha(opacity)} gs ` : '';
    this.ops.push(
      `q ${gs}${fmt(sx)} 0 0 ${fmt(sy)} ${fmt(rx1 - minX * sx)} ${fmt(ry1 - minY * sy)} cm /${name} Do Q`,
    );
    return true;
  }

  /**
   * Lines of text inside `rect`, clipped to it. Single-line text is shrunk to fit the width and
   * centred vertically; multi-line text starts at the top. `highlight` marks lines drawn on a
   * selection background (list boxes). `scroll`: a list box's whole option list, scrolled by
   * that many lines — every option is drawn, those above and below the box clipped away, as a
   * list box's appearance holds them.
   */
  drawText(lines: RunLine[], rect: Rect, requestedSize: number, align: number, multiline: boolean, highlight?: ReadonlySet<number>, scroll?: number): void {
    const [x1, y1, x2, y2] = rect;
    const width = x2 - x1;
    const height = y2 - y1;
    if (width <= 0 || height <= 0 || lines.length === 0) return;
    const pad = 2;
    let size = requestedSize > 0 ? requestedSize : multiline ? 10 : Math.max(4, Math.min(12, (height - 2) * 0.7));
    if (!multiline) {
      const widest = Math.max(...lines.map((l) => l.width(size)));
      if (widest > width - 2 * pad && widest > 0) size = Math.max(4, (size * (width - 2 * pad)) / widest);
    }
    const out = [`q ${fmt(x1)} ${fmt(y1)} ${fmt(width)} ${fmt(height)} re W n`];
    const leading = size * 1.15;
    let y = (multiline ? y2 - pad - size * 0.8 : y1 + (height - size * 0.72) / 2) + (scroll ?? 0) * leading;
    const texts: string[] = ['BT 0 g'];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (highlight?.has(i)) out.push(`0.6 0.75 0.95 rg ${fmt(x1)} ${fmt(y - size * 0.3)} ${fmt(width)} ${fmt(leading)} re f`);
      const lw = line.width(size);
      let x = align === 1 ? x1 + (width - lw) / 2 : align === 2 ? x2 - pad - lw : x1 + pad;
      for (const run of line.runs) {
        const name = this.nameFor(this.fonts, run.font.ref, 'RGF', 'Font');
        texts.push(`/${name} ${fmt(size)} Tf 1 0 0 1 ${fmt(x)} ${fmt(y)} Tm ${run.font.encodeText(run.text).toString()} Tj`);
        x += run.font.widthOfTextAtSize(run.text, size);
      }
      y -= leading;
      if (y < y1 - size && scroll === undefined) break;
    }
    texts.push('ET');
    out.push(...texts, 'Q');
    this.ops.push(out.join('\n'));
  }

  /** The widget's own border and background (/MK BC, BG), for a field drawn from its value. */
  drawBox(rect: Rect, background: Colour, border: Colour, borderWidth: number, round: boolean): void {
    const [x1, y1, x2, y2] = rect;
    const parts: string[] = ['q'];
    const shape = (inset: number): string =>
      round ? ellipsePath(x1 + inset, y1 + inset, x2 - inset, y2 - inset) : `${fmt(x1 + inset)} ${fmt(y1 + inset)} ${fmt(x2 - x1 - 2 * inset)} ${fmt(y2 - y1 - 2 * inset)} re`;
    if (background && background.length > 0) parts.push(`${colourOps(background, false)} ${shape(0)} f`);
    if (border && border.length > 0 && borderWidth > 0) {
      parts.push(`${colourOps(border, true)} ${fmt(borderWidth)} w ${shape(borderWidth / 2)} S`);
    }
    if (parts.length === 1) return;
    parts.push('Q');
    this.ops.push(parts.join(' '));
  }

  /** The "on" mark of a check box or radio button that has no appearance for its state. */
  drawMark(rect: Rect, style: string): void {
    const [x1, y1, x2, y2] = rect;
    const s = Math.min(x2 - x1, y2 - y1);
    const cx = (x1 + x2) / 2;
    const cy = (y1 + y2) / 2;
    const r = s * 0.3;
    if (style === 'l') {
      // ZapfDingbats 'l': a filled dot (the radio button default)
      this.ops.push(`q 0 g ${ellipsePath(cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8)} f Q`);
    } else if (style === 'n') {
      this.ops.push(`q 0 g ${fmt(cx - r)} ${fmt(cy - r)} ${fmt(2 * r)} ${fmt(2 * r)} re f Q`);
    } else if (style === '8') {
      const a = [cx - r, cy - r, cx + r, cy + r].map(fmt);
      this.ops.push(`q 0 G ${fmt(Math.max(1, s * 0.08))} w ${a[0]} ${a[1]} m ${a[2]} ${a[3]} l S ${a[0]} ${a[3]} m ${a[2]} ${a[1]} l S Q`);
    } else {
      // ZapfDingbats '4' (the check box default) and anything else: a check mark
      this.ops.push(
        `q 0 G 1 J 1 j ${fmt(Math.max(1, s * 0.1))} w ${fmt(cx - r)} ${fmt(cy)} m ${fmt(cx - r * 0.3)} ${fmt(cy - r * 0.7)} l ${fmt(cx + r)} ${fmt(cy + r * 0.8)} l S Q`,
      );
    }
  }

  /** Raw drawing operators (generated markup appearances), with an optional constant opacity. */
  drawOps(ops: string, opacity = 1, multiply = false): void {
    if (!ops) return;
    const gs = opacity < 1 || multiply ? `/${this.alpha(opacity, multiply)} gs ` : '';
    this.ops.push(`q ${gs}${ops} Q`);
  }

  /** Append the drawing to the page: old content wrapped in q/Q so its state cannot leak into ours. */
  commit(): void {
    if (this.empty) return;
    const ctx = this.ctx;
    const resources = ownResources(ctx, this.page);
    if (this.xobjects.size > 0) addNames(ctx, resources, 'XObject', this.xobjects);
    if (this.fonts.size > 0) addNames(ctx, resources, 'Font', this.fonts);
    if (this.states.size > 0) addNames(ctx, resources, 'ExtGState', this.states);

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

  /** A graphics state with constant stroke and fill opacity (and the multiply blend of highlights). */
  private alpha(opacity: number, multiply = false): string {
    const level = fmt(Math.max(0, Math.min(1, opacity)));
    const key = `${level}${multiply ? 'M' : ''}`;
    const known = this.stateByAlpha.get(key);
    if (known) return known;
    const ref = this.ctx.register(this.ctx.obj({ Type: 'ExtGState', CA: Number(level), ca: Number(level), ...(multiply ? { BM: 'Multiply' } : {}) }));
    const name = this.nameFor(this.states, ref, 'RGGs', 'ExtGState');
    this.stateByAlpha.set(key, name);
    return name;
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

const pt = (x: number, y: number): string => `${fmt(x)} ${fmt(y)}`;

/** An ellipse inscribed in the box, as four Bézier arcs (closed path, not painted). */
export function ellipsePath(x1: number, y1: number, x2: number, y2: number): string {
  const k = 0.5523;
  const cx = (x1 + x2) / 2;
  const cy = (y1 + y2) / 2;
  const rx = (x2 - x1) / 2;
  const ry = (y2 - y1) / 2;
  const p = pt;
  return [
    `${p(cx + rx, cy)} m`,
    `${p(cx + rx, cy + ry * k)} ${p(cx + rx * k, cy + ry)} ${p(cx, cy + ry)} c`,
    `${p(cx - rx * k, cy + ry)} ${p(cx - rx, cy + ry * k)} ${p(cx - rx, cy)} c`,
    `${p(cx - rx, cy - ry * k)} ${p(cx - rx * k, cy - ry)} ${p(cx, cy - ry)} c`,
    `${p(cx + rx * k, cy - ry)} ${p(cx + rx, cy - ry * k)} ${p(cx + rx, cy)} c h`,
  ].join(' ');
}

export { colourOps, fmt };

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
  /** text: Tx and combo values; list: list box options; check / radio: an "on" button. */
  kind: 'text' | 'list' | 'check' | 'radio' | 'none';
  lines: string[];
  /** list: indices into `lines` that are selected. */
  selected: Set<number>;
  size: number;
  align: number;
  multiline: boolean;
  /** The widget's own look for a field drawn from its value (/MK, /BS). */
  look: { background: Colour; border: Colour; borderWidth: number; mark: string };
}

function flagsOf(obj: PDFObject | undefined): number {
  return obj instanceof PDFNumber ? obj.asNumber() : 0;
}

/** The option list of a choice field: [export, display] pairs show their display text. */
function choiceOptions(ctx: PDFContext, widget: PDFDict): { exports: string[]; shown: string[] } {
  const opt = inherited(ctx, widget, 'Opt');
  const exports: string[] = [];
  const shown: string[] = [];
  if (!(opt instanceof PDFArray)) return { exports, shown };
  for (const item of opt.asArray().slice(0, 1000)) {
    const v = resolve(ctx, item);
    if (v instanceof PDFArray) {
      exports.push(textOf(resolve(ctx, v.get(0))) ?? '');
      shown.push(textOf(resolve(ctx, v.get(1))) ?? textOf(resolve(ctx, v.get(0))) ?? '');
    } else {
      const t = textOf(v) ?? '';
      exports.push(t);
      shown.push(t);
    }
  }
  return { exports, shown };
}

/** What a widget's field holds, read through the field hierarchy (inheritable FT, V, Ff, DA, Q, Opt). */
export function fieldValue(ctx: PDFContext, widget: PDFDict): FieldValue {
  const mk = getDict(ctx, widget, 'MK');
  const bs = getDict(ctx, widget, 'BS');
  const bw = bs ? resolve(ctx, bs.get(N('W'))) : undefined;
  const look = {
    background: mk ? colourOf(ctx, mk.get(N('BG'))) : undefined,
    border: mk ? colourOf(ctx, mk.get(N('BC'))) : undefined,
    borderWidth: bw instanceof PDFNumber ? Math.max(0, Math.min(bw.asNumber(), 10)) : 1,
    mark: (mk && textOf(resolve(ctx, mk.get(N('CA'))))) || '',
  };
  const none: FieldValue = { kind: 'none', lines: [], selected: new Set(), size: 0, align: 0, multiline: false, look };
  const ft = inherited(ctx, widget, 'FT');
  const ff = flagsOf(inherited(ctx, widget, 'Ff'));
  if (!(ft instanceof PDFName)) return none;
  const type = ft.decodeText();
  const da = textOf(inherited(ctx, widget, 'DA')) ?? '';
  const sizeMatch = /([\d.]+)\s+Tf/.exec(da);
  const size = sizeMatch ? Number(sizeMatch[1]) || 0 : 0;
  const q = flagsOf(inherited(ctx, widget, 'Q'));
  if (type === 'Btn') {
    if (ff & FF_PUSHBUTTON) return none;
    const state = resolve(ctx, widget.get(N('AS'))) ?? inherited(ctx, widget, 'V');
    const on = state instanceof PDFName && state.decodeText() !== 'Off';
    if (!on) return none;
    const radio = (ff & FF_RADIO) !== 0;
    return { ...none, kind: radio ? 'radio' : 'check', look: { ...look, mark: look.mark || (radio ? 'l' : '4') } };
  }
  if (type !== 'Tx' && type !== 'Ch') return none;
  const v = inherited(ctx, widget, 'V');
  const values: string[] =
    v instanceof PDFArray ? v.asArray().map((x) => textOf(resolve(ctx, x)) ?? '').filter(Boolean) : [textOf(v) ?? ''].filter(Boolean);

  if (type === 'Ch' && !(ff & FF_COMBO)) {
    // A list box shows its options, the selected ones highlighted, from the top index on.
    const { exports, shown } = choiceOptions(ctx, widget);
    if (shown.length === 0 && values.length === 0) return none;
    const lines = shown.length > 0 ? shown : values;
    const selected = new Set<number>();
    const indices = inherited(ctx, widget, 'I');
    if (indices instanceof PDFArray) {
      for (const i of indices.asArray()) {
        const n = resolve(ctx, i);
        if (n instanceof PDFNumber) selected.add(n.asNumber());
      }
    }
    for (const val of values) {
      const at = exports.indexOf(val);
      selected.add(at >= 0 ? at : shown.indexOf(val));
    }
    selected.delete(-1);
    const top = flagsOf(inherited(ctx, widget, 'TI'));
    const from = top > 0 && top < lines.length ? top : 0;
    const shifted = new Set([...selected].map((i) => i - from).filter((i) => i >= 0));
    return { ...none, kind: 'list', lines: lines.slice(from), selected: shifted, size, align: q, multiline: true };
  }

  let text: string;
  if (type === 'Ch') {
    // A combo box shows the display text of the chosen option.
    const { exports, shown } = choiceOptions(ctx, widget);
    text = values.map((val) => (exports.indexOf(val) >= 0 ? shown[exports.indexOf(val)]! : val)).join(', ');
  } else {
    text = values.join(', ');
  }
  if (!text) return none;
  if (ff & FF_PASSWORD && type === 'Tx') text = '*'.repeat(Math.min(text.length, 32));
  const multiline = type === 'Tx' && (ff & FF_MULTILINE) !== 0;
  return {
    ...none,
    kind: 'text',
    lines: multiline ? text.split(/\r\n|\r|\n/) : [text.replace(/[\r\n]+/g, ' ')],
    size,
    align: q,
    multiline,
  };
}

/**
 * Does an appearance stream visibly show text? A field with a value whose appearance draws no
 * text at all (empty stream, only a border, undecodable data) has a broken appearance: the
 * value is drawn instead, as a viewer regenerating appearances would.
 */
export function showsText(stream: PDFStream): boolean {
  let bytes: Uint8Array;
  try {
    bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
  } catch {
    return false;
  }
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 1 << 20));
  return /(\)|>|\])\s*(Tj|TJ|'|")/.test(text) || /\bDo\b/.test(text);
}

export { rectOf };
