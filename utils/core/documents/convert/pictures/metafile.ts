// Windows metafiles (EMF and WMF), the pictures Word and LibreOffice write for logos, charts and
// pasted drawings, interpreted into a small list of shapes, texts and bitmaps in device space
// (y down) that render/picture.ts turns into a PDF form XObject: vectors stay vectors and the
// text in the picture stays text (so it is also what the health check reads).
//
// Our own interpreter: the registry has none that runs without a DOM (rtf.js draws EMF/WMF into
// SVG elements) or that covers more than polygons and text (wmf, which also throws on the EMF
// escapes Word puts into WMFs). What it draws: lines, polylines, polygons, poly-polygons, Bézier
// curves, rectangles, rounded rectangles, ellipses, paths (fill / stroke), text (EXTTEXTOUT,
// TEXTOUT) with font size, colour, alignment and rotation, and bitmaps (STRETCHDIBITS, BITBLT,
// STRETCHBLT, SETDIBITSTODEVICE, DIBSTRETCHBLT, STRETCHDIB), through window/viewport mapping, map
// modes and world transforms. What it leaves out: clipping (the picture's frame still clips),
// hatch and pattern brushes (filled in their colour / grey), line dashes, arcs, raster operations
// other than copy. EMF+ records (inside GDI comments) are skipped: Word writes GDI records next
// to them ("dual" files); a file with only EMF+ draws nothing and then gets a placeholder.

import { ConversionError } from '../errors.ts';

export type RGB = [number, number, number];

export type MetaItem =
  | { t: 'save' }
  | { t: 'restore'; levels: number }
  | { t: 'clip'; d: string; evenOdd: boolean }
  | { t: 'path'; d: string; fill?: RGB; stroke?: RGB; lineWidth: number; evenOdd: boolean }
  | { t: 'text'; x: number; y: number; size: number; angle: number; color: RGB; text: string; align: 'left' | 'center' | 'right'; valign: 'top' | 'baseline' | 'bottom'; width?: number; bold: boolean; italic: boolean }
  | { t: 'bitmap'; x: number; y: number; w: number; h: number; dib: Uint8Array; bits: Uint8Array | null };

export interface Metafile {
  /** Device rectangle the picture covers (y down). */
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Natural size in points, when the file says. */
  widthPt?: number;
  heightPt?: number;
  items: MetaItem[];
  /** Texts the file holds as glyph indices of a font we don't have: not drawn, reported. */
  unreadableText: number;
}

const MAX_RECORDS = 2_000_000;
const MAX_ITEMS = 200_000;

interface Pen {
  kind: 'pen';
  style: number;
  width: number;
  color: RGB;
}
interface Brush {
  kind: 'brush';
  style: number;
  color: RGB;
}
interface Font {
  kind: 'font';
  height: number;
  angle: number;
  bold: boolean;
  italic: boolean;
}
type GdiObject = Pen | Brush | Font | { kind: 'other' };

type Mat = [number, number, number, number, number, number]; // x' = a x + c y + e, y' = b x + d y + f

interface DcState {
  pen: Pen;
  brush: Brush;
  font: Font;
  textColor: RGB;
  textAlign: number;
  fillMode: number; // 1 alternate (even-odd), 2 winding
  mapMode: number;
  winOrg: [number, number];
  winExt: [number, number];
  vpOrg: [number, number];
  vpExt: [number, number];
  world: Mat;
  pos: [number, number];
}

function color(ref: number): RGB {
  return [ref & 0xff, (ref >>> 8) & 0xff, (ref >>> 16) & 0xff];
}

const STOCK: Record<number, GdiObject> = {
  0: { kind: 'brush', style: 0, color: [255, 255, 255] },
  1: { kind: 'brush', style: 0, color: [192, 192, 192] },
  2: { kind: 'brush', style: 0, color: [128, 128, 128] },
  3: { kind: 'brush', style: 0, color: [64, 64, 64] },
  4: { kind: 'brush', style: 0, color: [0, 0, 0] },
  5: { kind: 'brush', style: 1, color: [0, 0, 0] },
  6: { kind: 'pen', style: 0, width: 0, color: [255, 255, 255] },
  7: { kind: 'pen', style: 0, width: 0, color: [0, 0, 0] },
  8: { kind: 'pen', style: 5, width: 0, color: [0, 0, 0] },
  18: { kind: 'brush', style: 0, color: [255, 255, 255] },
  19: { kind: 'pen', style: 0, width: 0, color: [0, 0, 0] },
};

function mul(m: Mat, n: Mat): Mat {
  // m then n
  return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
}

const f = (n: number): string => (Math.abs(n) < 1e-4 ? '0' : Number(n.toFixed(3)).toString());

/** The drawing state machine both formats feed. */
class Gdi {
  st: DcState;
  private readonly saved: DcState[] = [];
  readonly items: MetaItem[] = [];
  private path: string[] | null = null;
  unreadableText = 0;
  /** Device px per mm, for the metric map modes (EMF header), else 1 unit = 1 px. */
  pxPerMm = [96 / 25.4, 96 / 25.4];

  constructor() {
    this.st = {
      pen: { kind: 'pen', style: 0, width: 0, color: [0, 0, 0] },
      brush: { kind: 'brush', style: 0, color: [255, 255, 255] },
      font: { kind: 'font', height: 12, angle: 0, bold: false, italic: false },
      textColor: [0, 0, 0],
      textAlign: 0,
      fillMode: 1,
      mapMode: 1,
      winOrg: [0, 0],
      winExt: [1, 1],
      vpOrg: [0, 0],
      vpExt: [1, 1],
      world: [1, 0, 0, 1, 0, 0],
      pos: [0, 0],
    };
  }

  save(): void {
    this.saved.push(structuredClone(this.st));
    this.push({ t: 'save' });
  }

  restore(n: number): void {
    // EMF: negative = relative; WMF the same. Positive = absolute instance number.
    let idx = n < 0 ? this.saved.length + n : n - 1;
    if (idx < 0 || idx >= this.saved.length) idx = this.saved.length - 1;
    if (idx < 0) return;
    this.st = this.saved[idx] as DcState;
    this.push({ t: 'restore', levels: this.saved.length - idx });
    this.saved.length = idx;
  }

  /** Intersects the clip with the current path (SELECTCLIPPATH) or a rectangle; undone by RESTOREDC. */
  clipPath(): void {
    const p = this.finished ?? this.path;
    this.finished = null;
    this.path = null;
    if (p?.length) this.push({ t: 'clip', d: p.join(' '), evenOdd: this.st.fillMode === 1 });
  }

  clipRect(l: number, t: number, r: number, b: number, exclude = false): void {
    const m = this.matrix();
    const ps = [this.pt(l, t, m), this.pt(r, t, m), this.pt(r, b, m), this.pt(l, b, m)];
    let d = `${ps.map(([x, y], i) => `${f(x)} ${f(y)} ${i ? 'l' : 'm'}`).join(' ')} h`;
    // Excluding a rectangle: everything (a huge box) minus it, by the even-odd rule.
    if (exclude) d = `-100000 -100000 m 100000 -100000 l 100000 100000 l -100000 100000 l h ${d}`;
    this.push({ t: 'clip', d, evenOdd: exclude });
  }

  /** Page-to-device scale and offset for the current map mode. */
  private pageToDevice(): Mat {
    const s = this.st;
    const mm = this.pxPerMm;
    switch (s.mapMode) {
      case 2: // LOMETRIC 0.1 mm, y up
        return [mm[0]! / 10, 0, 0, -mm[1]! / 10, 0, 0];
      case 3: // HIMETRIC 0.01 mm
        return [mm[0]! / 100, 0, 0, -mm[1]! / 100, 0, 0];
      case 4: // LOENGLISH 0.01 in
        return [(mm[0]! * 25.4) / 100, 0, 0, (-mm[1]! * 25.4) / 100, 0, 0];
      case 5: // HIENGLISH 0.001 in
        return [(mm[0]! * 25.4) / 1000, 0, 0, (-mm[1]! * 25.4) / 1000, 0, 0];
      case 6: // TWIPS
        return [(mm[0]! * 25.4) / 1440, 0, 0, (-mm[1]! * 25.4) / 1440, 0, 0];
      case 7: // ISOTROPIC
      case 8: {
        // ANISOTROPIC
        let sx = s.winExt[0] ? s.vpExt[0] / s.winExt[0] : 1;
        let sy = s.winExt[1] ? s.vpExt[1] / s.winExt[1] : 1;
        if (s.mapMode === 7) {
          const m = Math.min(Math.abs(sx), Math.abs(sy));
          sx = Math.sign(sx) * m;
          sy = Math.sign(sy) * m;
        }
        return [sx, 0, 0, sy, 0, 0];
      }
      default:
        return [1, 0, 0, 1, 0, 0];
    }
  }

  /** The full logical → device matrix. */
  matrix(): Mat {
    const s = this.st;
    const p2d = this.pageToDevice();
    const toWin: Mat = [1, 0, 0, 1, -s.winOrg[0], -s.winOrg[1]];
    const fromVp: Mat = [1, 0, 0, 1, s.vpOrg[0], s.vpOrg[1]];
    return mul(mul(mul(s.world, toWin), p2d), fromVp);
  }

  pt(x: number, y: number, m = this.matrix()): [number, number] {
    return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  }

  /** Length in logical units → device (average of the axes' scale). */
  len(v: number, m = this.matrix()): number {
    return Math.abs(v) * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
  }

  private push(item: MetaItem): void {
    if (this.items.length >= MAX_ITEMS) throw new ConversionError('too-large', 'a metafile picture has more than 200 000 drawing operations');
    this.items.push(item);
  }

  private paint(d: string, fill: boolean, stroke: boolean): void {
    const s = this.st;
    const doFill = fill && s.brush.style !== 1;
    const doStroke = stroke && s.pen.style !== 5;
    if (!d || (!doFill && !doStroke)) return;
    const item: MetaItem = { t: 'path', d, lineWidth: Math.max(0.5, this.len(s.pen.width || 1)), evenOdd: s.fillMode === 1 };
    if (s.pen.width === 0) item.lineWidth = 1; // cosmetic pen: one device pixel
    if (doFill) item.fill = s.brush.style === 0 ? s.brush.color : s.brush.style === 2 ? s.brush.color : [192, 192, 192];
    if (doStroke) item.stroke = s.pen.color;
    this.push(item);
  }

  /** Adds to the open path (between BEGINPATH and ENDPATH) or paints at once. */
  private emit(d: string, fill: boolean, stroke: boolean): void {
    if (this.path) this.path.push(d);
    else this.paint(d, fill, stroke);
  }

  poly(pts: Array<[number, number]>, closed: boolean, fill: boolean): void {
    if (pts.length < 2) return;
    const m = this.matrix();
    const ps = pts.map(([x, y]) => this.pt(x, y, m));
    let d = `${f(ps[0]![0])} ${f(ps[0]![1])} m`;
    for (let i = 1; i < ps.length; i++) d += ` ${f(ps[i]![0])} ${f(ps[i]![1])} l`;
    if (closed) d += ' h';
    this.emit(d, fill, true);
    this.st.pos = pts[pts.length - 1] as [number, number];
  }

  /** Continues from the current position (POLYLINETO / LINETO): in a path, one figure. */
  lineTo(vertices: Array<[number, number]>): void {
    const m = this.matrix();
    const start = this.pt(this.st.pos[0], this.st.pos[1], m);
    let d = this.path ? '' : `${f(start[0])} ${f(start[1])} m`;
    if (this.path && !this.figureOpen) d = `${f(start[0])} ${f(start[1])} m`;
    for (const [x, y] of vertices) {
      const p = this.pt(x, y, m);
      d += ` ${f(p[0])} ${f(p[1])} l`;
    }
    if (this.path) {
      this.figureOpen = true;
      this.path.push(d.trim());
    } else this.paint(d.trim(), false, true);
    if (vertices.length) this.st.pos = vertices[vertices.length - 1] as [number, number];
  }

  private figureOpen = false;

  moveTo(x: number, y: number): void {
    this.st.pos = [x, y];
    this.figureOpen = false;
  }

  bezier(vertices: Array<[number, number]>, fromCurrent: boolean): void {
    const m = this.matrix();
    let pts = vertices;
    let d = '';
    if (!fromCurrent) {
      if (!pts.length) return;
      const p0 = this.pt(pts[0]![0], pts[0]![1], m);
      d = `${f(p0[0])} ${f(p0[1])} m`;
      pts = pts.slice(1);
    } else if (!this.path || !this.figureOpen) {
      const p0 = this.pt(this.st.pos[0], this.st.pos[1], m);
      d = `${f(p0[0])} ${f(p0[1])} m`;
    }
    for (let i = 0; i + 2 < pts.length + 0.5 && i + 2 <= pts.length - 1; i += 3) {
      const a = this.pt(pts[i]![0], pts[i]![1], m);
      const b = this.pt(pts[i + 1]![0], pts[i + 1]![1], m);
      const c = this.pt(pts[i + 2]![0], pts[i + 2]![1], m);
      d += ` ${f(a[0])} ${f(a[1])} ${f(b[0])} ${f(b[1])} ${f(c[0])} ${f(c[1])} c`;
    }
    if (vertices.length) this.st.pos = vertices[vertices.length - 1] as [number, number];
    if (this.path) {
      this.figureOpen = true;
      this.path.push(d.trim());
    } else this.paint(d.trim(), false, true);
  }

  /** Figures already in device space, filled and outlined as one path (poly-polygons). */
  polyPath(d: string): void {
    this.emit(d, true, true);
  }

  rect(l: number, t: number, r: number, b: number): void {
    this.poly([[l, t], [r, t], [r, b], [l, b]], true, true);
  }

  ellipse(l: number, t: number, r: number, b: number): void {
    const m = this.matrix();
    const cx = (l + r) / 2;
    const cy = (t + b) / 2;
    const rx = (r - l) / 2;
    const ry = (b - t) / 2;
    const k = 0.5523;
    const P = (x: number, y: number): string => {
      const p = this.pt(x, y, m);
      return `${f(p[0])} ${f(p[1])}`;
    };
    const d =
      `${P(cx + rx, cy)} m ${P(cx + rx, cy + k * ry)} ${P(cx + k * rx, cy + ry)} ${P(cx, cy + ry)} c ` +
      `${P(cx - k * rx, cy + ry)} ${P(cx - rx, cy + k * ry)} ${P(cx - rx, cy)} c ` +
      `${P(cx - rx, cy - k * ry)} ${P(cx - k * rx, cy - ry)} ${P(cx, cy - ry)} c ` +
      `${P(cx + k * rx, cy - ry)} ${P(cx + rx, cy - k * ry)} ${P(cx + rx, cy)} c h`;
    this.emit(d, true, true);
  }

  beginPath(): void {
    this.path = [];
    this.figureOpen = false;
  }
  closeFigure(): void {
    if (this.path) this.path.push('h');
    this.figureOpen = false;
  }
  endPath(): void {
    // The path stays until it is painted, selected as clip or aborted.
    if (this.path) this.finished = this.path;
    this.path = null;
  }
  private finished: string[] | null = null;
  paintPath(fill: boolean, stroke: boolean): void {
    const p = this.finished ?? this.path;
    this.finished = null;
    this.path = null;
    if (p?.length) this.paint(p.join(' '), fill, stroke);
  }
  dropPath(): void {
    this.finished = null;
    this.path = null;
  }

  text(x: number, y: number, text: string, width?: number): void {
    if (!text.replace(/[\s\0]/g, '')) return;
    const s = this.st;
    const m = this.matrix();
    const usesCp = (s.textAlign & 1) !== 0;
    const [px, py] = usesCp ? this.pt(s.pos[0], s.pos[1], m) : this.pt(x, y, m);
    const h = s.font.height;
    // Negative: character height (the em); positive: cell height, about 1.2 em for most faces.
    const size = Math.max(1, this.len(h < 0 ? -h : h === 0 ? 12 : h / 1.2, m));
    const ha = s.textAlign & 6;
    const va = s.textAlign & 24;
    // The world/page transform may mirror y (metric modes): text still reads upright.
    const item: MetaItem = {
      t: 'text',
      x: px,
      y: py,
      size,
      angle: s.font.angle,
      color: s.textColor,
      text: text.replace(/\0/g, ''),
      align: ha === 6 ? 'center' : ha === 2 ? 'right' : 'left',
      valign: va === 24 ? 'baseline' : va === 8 ? 'bottom' : 'top',
      bold: s.font.bold,
      italic: s.font.italic,
    };
    if (width && width > 0) item.width = this.len(width, m);
    this.push(item);
  }

  bitmap(x: number, y: number, w: number, h: number, dib: Uint8Array, bits: Uint8Array | null): void {
    const m = this.matrix();
    const a = this.pt(x, y, m);
    const b = this.pt(x + w, y + h, m);
    this.push({ t: 'bitmap', x: Math.min(a[0], b[0]), y: Math.min(a[1], b[1]), w: Math.abs(b[0] - a[0]), h: Math.abs(b[1] - a[1]), dib, bits });
  }

  fillRectWithBrush(x: number, y: number, w: number, h: number): void {
    const saved = this.st.pen;
    this.st.pen = { kind: 'pen', style: 5, width: 0, color: [0, 0, 0] };
    this.rect(x, y, x + w, y + h);
    this.st.pen = saved;
  }
}

// ------------------------------------------------------------------------------------- EMF

class Reader {
  readonly b: Uint8Array;
  constructor(b: Uint8Array) {
    this.b = b;
    this.v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  private readonly v: DataView;
  ok(o: number, n: number): boolean {
    return o >= 0 && o + n <= this.b.length;
  }
  i32(o: number): number {
    return this.ok(o, 4) ? this.v.getInt32(o, true) : 0;
  }
  u32(o: number): number {
    return this.ok(o, 4) ? this.v.getUint32(o, true) : 0;
  }
  i16(o: number): number {
    return this.ok(o, 2) ? this.v.getInt16(o, true) : 0;
  }
  u16(o: number): number {
    return this.ok(o, 2) ? this.v.getUint16(o, true) : 0;
  }
  f32(o: number): number {
    return this.ok(o, 4) ? this.v.getFloat32(o, true) : 0;
  }
  utf16(o: number, n: number): string {
    let s = '';
    for (let i = 0; i < n && this.ok(o + i * 2, 2); i++) s += String.fromCharCode(this.u16(o + i * 2));
    return s;
  }
  sub(o: number, n: number): Uint8Array {
    if (!this.ok(o, n) || n <= 0) return new Uint8Array(0);
    return this.b.subarray(o, o + n);
  }
}

const ansi = new TextDecoder('windows-1252');

function points(r: Reader, o: number, n: number, wide: boolean): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const step = wide ? 8 : 4;
  if (!r.ok(o, n * step)) n = Math.max(0, Math.floor((r.b.length - o) / step));
  for (let i = 0; i < n; i++) out.push(wide ? [r.i32(o + i * 8), r.i32(o + i * 8 + 4)] : [r.i16(o + i * 4), r.i16(o + i * 4 + 2)]);
  return out;
}

export function parseEmf(bytes: Uint8Array): Metafile {
  const r = new Reader(bytes);
  const g = new Gdi();
  const objects = new Map<number, GdiObject>();
  // Header: bounds (device px), frame (0.01 mm), signature, …, device size px and mm.
  const frame = [r.i32(24), r.i32(28), r.i32(32), r.i32(36)] as const;
  const dev = [r.i32(72), r.i32(76)];
  const mm = [r.i32(80), r.i32(84)];
  if (dev[0]! > 0 && mm[0]! > 0 && dev[1]! > 0 && mm[1]! > 0) g.pxPerMm = [dev[0]! / mm[0]!, dev[1]! / mm[1]!];
  const toPx = (v: number, axis: 0 | 1): number => (v / 100) * (g.pxPerMm[axis] as number);
  let left = toPx(frame[0], 0);
  let top = toPx(frame[1], 1);
  let right = toPx(frame[2], 0);
  let bottom = toPx(frame[3], 1);
  if (!(right > left) || !(bottom > top)) {
    left = r.i32(8);
    top = r.i32(12);
    right = r.i32(16) + 1;
    bottom = r.i32(20) + 1;
  }
  const widthPt = ((frame[2] - frame[0]) / 100 / 25.4) * 72;
  const heightPt = ((frame[3] - frame[1]) / 100 / 25.4) * 72;

  const select = (ih: number): void => {
    const o = ih & 0x80000000 ? STOCK[ih & 0x7fffffff] : objects.get(ih);
    if (!o) return;
    if (o.kind === 'pen') g.st.pen = o;
    else if (o.kind === 'brush') g.st.brush = o;
    else if (o.kind === 'font') g.st.font = o;
  };

  let o = 0;
  let n = 0;
  while (r.ok(o, 8)) {
    if (++n > MAX_RECORDS) throw new ConversionError('too-large', 'a metafile picture has more than 2 million records');
    const type = r.u32(o);
    const size = r.u32(o + 4);
    if (size < 8 || size % 4 !== 0 || !r.ok(o, size)) break;
    const p = o + 8;
    switch (type) {
      case 14: // EOF
        o = bytes.length;
        continue;
      case 9:
        g.st.winExt = [r.i32(p), r.i32(p + 4)];
        break;
      case 10:
        g.st.winOrg = [r.i32(p), r.i32(p + 4)];
        break;
      case 11:
        g.st.vpExt = [r.i32(p), r.i32(p + 4)];
        break;
      case 12:
        g.st.vpOrg = [r.i32(p), r.i32(p + 4)];
        break;
      case 17:
        g.st.mapMode = r.u32(p);
        break;
      case 19:
        g.st.fillMode = r.u32(p);
        break;
      case 22:
        g.st.textAlign = r.u32(p);
        break;
      case 24:
        g.st.textColor = color(r.u32(p));
        break;
      case 27:
        g.moveTo(r.i32(p), r.i32(p + 4));
        break;
      case 33:
        g.save();
        break;
      case 34:
        g.restore(r.i32(p));
        break;
      case 35:
        g.st.world = [r.f32(p), r.f32(p + 4), r.f32(p + 8), r.f32(p + 12), r.f32(p + 16), r.f32(p + 20)];
        break;
      case 36: {
        const x: Mat = [r.f32(p), r.f32(p + 4), r.f32(p + 8), r.f32(p + 12), r.f32(p + 16), r.f32(p + 20)];
        const mode = r.u32(p + 24);
        if (mode === 1) g.st.world = [1, 0, 0, 1, 0, 0];
        else if (mode === 2) g.st.world = mul(x, g.st.world);
        else if (mode === 3) g.st.world = mul(g.st.world, x);
        else if (mode === 4) g.st.world = x;
        break;
      }
      case 37:
        select(r.u32(p));
        break;
      case 38:
        objects.set(r.u32(p), { kind: 'pen', style: r.u32(p + 4) & 0xf, width: r.i32(p + 8), color: color(r.u32(p + 16)) });
        break;
      case 95:
        objects.set(r.u32(p), { kind: 'pen', style: r.u32(p + 20) & 0xf, width: r.u32(p + 24), color: color(r.u32(p + 32)) });
        break;
      case 39:
        objects.set(r.u32(p), { kind: 'brush', style: r.u32(p + 4), color: color(r.u32(p + 8)) });
        break;
      case 93:
      case 94:
        objects.set(r.u32(p), { kind: 'brush', style: 3, color: [192, 192, 192] });
        break;
      case 82: {
        const lf = p + 4;
        objects.set(r.u32(p), { kind: 'font', height: r.i32(lf), angle: r.i32(lf + 8) / 10, bold: r.i32(lf + 16) >= 600, italic: (bytes[lf + 20] ?? 0) !== 0 });
        break;
      }
      case 40:
        objects.delete(r.u32(p));
        break;
      case 54:
        g.lineTo([[r.i32(p), r.i32(p + 4)]]);
        break;
      case 2: // POLYBEZIER
      case 85:
        g.bezier(points(r, p + 20, r.u32(p + 16), type === 2), false);
        break;
      case 5: // POLYBEZIERTO
      case 88:
        g.bezier(points(r, p + 20, r.u32(p + 16), type === 5), true);
        break;
      case 3: // POLYGON
      case 86:
        g.poly(points(r, p + 20, r.u32(p + 16), type === 3), true, true);
        break;
      case 4: // POLYLINE
      case 87:
        g.poly(points(r, p + 20, r.u32(p + 16), type === 4), false, false);
        break;
      case 6: // POLYLINETO
      case 89:
        g.lineTo(points(r, p + 20, r.u32(p + 16), type === 6));
        break;
      case 7: // POLYPOLYLINE
      case 8: // POLYPOLYGON
      case 90:
      case 91: {
        const wide = type === 7 || type === 8;
        const polygon = type === 8 || type === 91;
        const nPolys = Math.min(r.u32(p + 16), 100_000);
        let at = p + 24 + nPolys * 4;
        if (polygon) {
          // One path, so holes stay holes.
          const figures: string[] = [];
          const m = g.matrix();
          for (let k = 0; k < nPolys; k++) {
            const cnt = r.u32(p + 24 + k * 4);
            const pts = points(r, at, cnt, wide).map(([x, y]) => g.pt(x, y, m));
            at += cnt * (wide ? 8 : 4);
            if (pts.length < 2) continue;
            figures.push(`${pts.map(([x, y], i) => `${f(x)} ${f(y)} ${i ? 'l' : 'm'}`).join(' ')} h`);
          }
          if (figures.length) g.polyPath(figures.join(' '));
        } else {
          for (let k = 0; k < nPolys; k++) {
            const cnt = r.u32(p + 24 + k * 4);
            g.poly(points(r, at, cnt, wide), false, false);
            at += cnt * (wide ? 8 : 4);
          }
        }
        break;
      }
      case 42:
        g.ellipse(r.i32(p), r.i32(p + 4), r.i32(p + 8), r.i32(p + 12));
        break;
      case 43:
      case 44:
        g.rect(r.i32(p), r.i32(p + 4), r.i32(p + 8), r.i32(p + 12));
        break;
      case 59:
        g.beginPath();
        break;
      case 60:
        g.endPath();
        break;
      case 61:
        g.closeFigure();
        break;
      case 62:
        g.paintPath(true, false);
        break;
      case 63:
        g.paintPath(true, true);
        break;
      case 64:
        g.paintPath(false, true);
        break;
      case 67:
        g.clipPath();
        break;
      case 68:
        g.dropPath();
        break;
      case 29:
      case 30:
        g.clipRect(r.i32(p), r.i32(p + 4), r.i32(p + 8), r.i32(p + 12), type === 29);
        break;
      case 83:
      case 84: {
        // EXTTEXTOUTA / W: bounds, graphics mode, scales, then EMRTEXT.
        const t = p + 28;
        const x = r.i32(t);
        const y = r.i32(t + 4);
        const nChars = Math.min(r.u32(t + 8), 100_000);
        const offString = r.u32(t + 12);
        const options = r.u32(t + 16);
        const offDx = r.u32(t + 36);
        if (options & 0x10) {
          if (nChars) g.unreadableText++;
          break;
        }
        const text = type === 84 ? r.utf16(o + offString, nChars) : ansi.decode(r.sub(o + offString, nChars));
        let width = 0;
        if (offDx && r.ok(o + offDx, nChars * 4)) for (let k = 0; k < nChars; k++) width += r.i32(o + offDx + k * 4);
        g.text(x, y, text, width || undefined);
        break;
      }
      case 76: {
        // BITBLT: without a bitmap it fills with the brush (PATCOPY), or white / black.
        const xd = r.i32(p + 16);
        const yd = r.i32(p + 20);
        const cx = r.i32(p + 24);
        const cy = r.i32(p + 28);
        const rop = r.u32(p + 32);
        const offBmi = r.u32(p + 76);
        const cbBmi = r.u32(p + 80);
        if (cbBmi && offBmi) g.bitmap(xd, yd, cx, cy, r.sub(o + offBmi, cbBmi), r.sub(o + r.u32(p + 84), r.u32(p + 88)));
        else bltFill(g, rop, xd, yd, cx, cy);
        break;
      }
      case 77: {
        const xd = r.i32(p + 16);
        const yd = r.i32(p + 20);
        const cx = r.i32(p + 24);
        const cy = r.i32(p + 28);
        const offBmi = r.u32(p + 76);
        const cbBmi = r.u32(p + 80);
        if (cbBmi && offBmi) g.bitmap(xd, yd, cx, cy, r.sub(o + offBmi, cbBmi), r.sub(o + r.u32(p + 84), r.u32(p + 88)));
        else bltFill(g, r.u32(p + 32), xd, yd, cx, cy);
        break;
      }
      case 80: {
        const offBmi = r.u32(p + 40);
        const cbBmi = r.u32(p + 44);
        if (cbBmi) g.bitmap(r.i32(p + 16), r.i32(p + 20), r.i32(p + 32), r.i32(p + 36), r.sub(o + offBmi, cbBmi), r.sub(o + r.u32(p + 48), r.u32(p + 52)));
        break;
      }
      case 81: {
        const offBmi = r.u32(p + 40);
        const cbBmi = r.u32(p + 44);
        if (cbBmi) g.bitmap(r.i32(p + 16), r.i32(p + 20), r.i32(p + 64), r.i32(p + 68), r.sub(o + offBmi, cbBmi), r.sub(o + r.u32(p + 48), r.u32(p + 52)));
        break;
      }
      default:
        break;
    }
    o += size;
  }
  const out: Metafile = { left, top, right, bottom, items: g.items, unreadableText: g.unreadableText };
  if (widthPt > 0 && heightPt > 0) {
    out.widthPt = widthPt;
    out.heightPt = heightPt;
  }
  return out;
}

function bltFill(g: Gdi, rop: number, x: number, y: number, w: number, h: number): void {
  const saved = g.st.brush;
  if (rop === 0x00ff0062) g.st.brush = { kind: 'brush', style: 0, color: [255, 255, 255] };
  else if (rop === 0x00000042) g.st.brush = { kind: 'brush', style: 0, color: [0, 0, 0] };
  else if (rop !== 0x00f00021) return; // other raster operations need the destination: skipped
  g.fillRectWithBrush(x, y, w, h);
  g.st.brush = saved;
}

// ------------------------------------------------------------------------------------- WMF

export function parseWmf(bytes: Uint8Array): Metafile {
  const r = new Reader(bytes);
  const g = new Gdi();
  let o = 0;
  let bbox: [number, number, number, number] | null = null;
  let inch = 0;
  if (r.u32(0) === 0x9ac6cdd7) {
    bbox = [r.i16(6), r.i16(8), r.i16(10), r.i16(12)];
    inch = r.u16(14);
    o = 22;
  }
  const headerWords = r.u16(o + 2);
  if (headerWords !== 9) throw new ConversionError('corrupt', 'a WMF picture has a broken header');
  // Device = logical units here: the window only gives the frame (SETWINDOWORG is not applied).
  g.st.mapMode = 1;
  const nObjects = Math.min(r.u16(o + 10), 65535);
  const table: Array<GdiObject | null> = Array.from({ length: nObjects }, () => null);
  const add = (obj: GdiObject): void => {
    const i = table.indexOf(null);
    if (i >= 0) table[i] = obj;
    else table.push(obj);
  };
  o += 18;
  let winSet = false;
  let wOrg: [number, number] = [0, 0];
  const emfChunks: Uint8Array[] = [];
  let emfTotal = 0;
  let n = 0;
  // WMF has no device: logical units are the picture's, mapped through the window alone.
  const dib = (at: number, end: number): Uint8Array => r.sub(at, end - at);
  while (r.ok(o, 6)) {
    if (++n > MAX_RECORDS) throw new ConversionError('too-large', 'a metafile picture has more than 2 million records');
    const words = r.u32(o);
    const fn = r.u16(o + 4);
    const end = o + words * 2;
    if (fn === 0 || words < 3 || end > bytes.length) break;
    const p = o + 6;
    switch (fn) {
      case 0x020b:
        wOrg = [r.i16(p + 2), r.i16(p)];
        break;
      case 0x020c:
        g.st.winExt = [r.i16(p + 2), r.i16(p)];
        g.st.mapMode = 1;
        winSet = true;
        break;
      case 0x0103:
      case 0x020d:
      case 0x020e:
        break; // the window alone decides (see below)
      case 0x0106:
        g.st.fillMode = r.u16(p);
        break;
      case 0x0209:
        g.st.textColor = color(r.u32(p));
        break;
      case 0x012e:
        g.st.textAlign = r.u16(p);
        break;
      case 0x001e:
        g.save();
        break;
      case 0x0127:
        g.restore(r.i16(p));
        break;
      case 0x0214:
        g.moveTo(r.i16(p + 2), r.i16(p));
        break;
      case 0x0213:
        g.lineTo([[r.i16(p + 2), r.i16(p)]]);
        break;
      case 0x0324:
      case 0x0325:
        g.poly(points(r, p + 2, r.u16(p), false), fn === 0x0324, fn === 0x0324);
        break;
      case 0x0538: {
        const nPolys = r.u16(p);
        let at = p + 2 + nPolys * 2;
        const figures: string[] = [];
        const m = g.matrix();
        for (let k = 0; k < nPolys; k++) {
          const cnt = r.u16(p + 2 + k * 2);
          const pts = points(r, at, cnt, false).map(([x, y]) => g.pt(x, y, m));
          at += cnt * 4;
          if (pts.length >= 2) figures.push(`${pts.map(([x, y], i) => `${f(x)} ${f(y)} ${i ? 'l' : 'm'}`).join(' ')} h`);
        }
        if (figures.length) g.polyPath(figures.join(' '));
        break;
      }
      case 0x0415:
      case 0x0416:
        g.clipRect(r.i16(p + 6), r.i16(p + 4), r.i16(p + 2), r.i16(p), fn === 0x0415);
        break;
      case 0x041b:
      case 0x061c: {
        const q = fn === 0x061c ? p + 4 : p;
        g.rect(r.i16(q + 6), r.i16(q + 4), r.i16(q + 2), r.i16(q));
        break;
      }
      case 0x0418:
        g.ellipse(r.i16(p + 6), r.i16(p + 4), r.i16(p + 2), r.i16(p));
        break;
      case 0x02fa:
        add({ kind: 'pen', style: r.u16(p) & 0xf, width: r.i16(p + 2), color: color(r.u32(p + 6)) });
        break;
      case 0x02fc:
        add({ kind: 'brush', style: r.u16(p), color: color(r.u32(p + 2)) });
        break;
      case 0x02fb:
        add({ kind: 'font', height: r.i16(p), angle: r.i16(p + 4) / 10, bold: r.i16(p + 8) >= 600, italic: (bytes[p + 10] ?? 0) !== 0 });
        break;
      case 0x00f7:
      case 0x06ff:
        add({ kind: 'other' });
        break;
      case 0x01f9:
      case 0x0142:
        add({ kind: 'brush', style: 3, color: [192, 192, 192] });
        break;
      case 0x012d: {
        const obj = table[r.u16(p)];
        if (obj?.kind === 'pen') g.st.pen = obj;
        else if (obj?.kind === 'brush') g.st.brush = obj;
        else if (obj?.kind === 'font') g.st.font = obj;
        break;
      }
      case 0x01f0: {
        const i = r.u16(p);
        if (i < table.length) table[i] = null;
        break;
      }
      case 0x0521: {
        const len = r.u16(p);
        const sAt = p + 2;
        const after = sAt + len + (len & 1);
        g.text(r.i16(after + 2), r.i16(after), ansi.decode(r.sub(sAt, len)));
        break;
      }
      case 0x0a32: {
        const y = r.i16(p);
        const x = r.i16(p + 2);
        const len = r.u16(p + 4);
        const opts = r.u16(p + 6);
        const sAt = p + 8 + (opts & 6 ? 8 : 0);
        let width = 0;
        const dxAt = sAt + len + (len & 1);
        if (dxAt + len * 2 <= end) for (let k = 0; k < len; k++) width += r.i16(dxAt + k * 2);
        g.text(x, y, ansi.decode(r.sub(sAt, len)), width || undefined);
        break;
      }
      case 0x0940:
      case 0x0b41: {
        // DIBBITBLT: rop, ySrc, xSrc, [reserved], height, width, yDest, xDest, DIB;
        // DIBSTRETCHBLT: rop, srcH, srcW, ySrc, xSrc, [reserved], destH, destW, yDst, xDst, DIB.
        // Both end in destination height, width, y, x, then the bitmap (the reserved word only without one).
        const hasBitmap = words !== 3 + (fn >> 8);
        const q = p + (fn === 0x0940 ? 8 : 12) + (hasBitmap ? 0 : 2);
        const h = r.i16(q);
        const w = r.i16(q + 2);
        const yd = r.i16(q + 4);
        const xd = r.i16(q + 6);
        if (hasBitmap) g.bitmap(xd, yd, w, h, dib(q + 8, end), null);
        else bltFill(g, r.u32(p), xd, yd, w, h);
        break;
      }
      case 0x0f43: {
        // STRETCHDIB: rop, usage, srcH, srcW, ySrc, xSrc, destH, destW, yDst, xDst, DIB
        const q = p + 14;
        const w = r.i16(q + 2) || r.i16(p + 8);
        const h = r.i16(q) || r.i16(p + 6);
        g.bitmap(r.i16(q + 6), r.i16(q + 4), w, h, dib(q + 8, end), null);
        break;
      }
      case 0x0626: {
        // META_ESCAPE: Word and LibreOffice put the EMF the WMF was made from into MFCOMMENT
        // escapes ("WMFC"), in chunks; that EMF is drawn instead when it is complete.
        if (r.u16(p) === 0x000f && r.u32(p + 4) === 0x43464d57 && r.u32(p + 8) === 1) {
          const cur = r.u32(p + 26);
          const total = r.u32(p + 34);
          if (total > 0 && total <= bytes.length * 2 && cur <= end - (p + 38)) {
            emfChunks.push(r.sub(p + 38, cur));
            emfTotal = total;
          }
        }
        break;
      }
      case 0x061d: {
        // PATBLT: rop, h, w, y, x
        bltFill(g, r.u32(p), r.i16(p + 10), r.i16(p + 8), r.i16(p + 6), r.i16(p + 4));
        break;
      }
      default:
        break;
    }
    o = end;
  }
  const emfSize = emfChunks.reduce((sum, c) => sum + c.length, 0);
  if (emfTotal && emfSize === emfTotal) {
    const emf = new Uint8Array(emfSize);
    let at = 0;
    for (const c of emfChunks) {
      emf.set(c, at);
      at += c.length;
    }
    try {
      const inner = parseEmf(emf);
      if (inner.items.some((i) => i.t !== 'save' && i.t !== 'restore' && i.t !== 'clip') && inner.right > inner.left && inner.bottom > inner.top) {
        if (bbox && inch > 0) {
          inner.widthPt = (Math.abs(bbox[2] - bbox[0]) / inch) * 72;
          inner.heightPt = (Math.abs(bbox[3] - bbox[1]) / inch) * 72;
        }
        return inner;
      }
    } catch (e) {
      if (e instanceof ConversionError && e.kind === 'too-large') throw e;
      // a broken inner EMF: the WMF records below still draw the picture
    }
  }
  // The picture's frame is the window (its logical units); the placeable header's box, in its own
  // units per inch, gives the natural size (and the frame when no window is set).
  let [left, top, right, bottom] = winSet ? [wOrg[0], wOrg[1], wOrg[0] + g.st.winExt[0], wOrg[1] + g.st.winExt[1]] : (bbox ?? [0, 0, 0, 0]);
  if (left > right) [left, right] = [right, left];
  if (top > bottom) [top, bottom] = [bottom, top];
  // A window of no size (LibreOffice's WMFs in RTF): the frame is what the records draw.
  if (!(right > left) || !(bottom > top)) [left, top, right, bottom] = itemsBounds(g.items);
  const out: Metafile = { left, top, right, bottom, items: g.items, unreadableText: g.unreadableText };
  if (bbox && inch > 0) {
    out.widthPt = (Math.abs(bbox[2] - bbox[0]) / inch) * 72;
    out.heightPt = (Math.abs(bbox[3] - bbox[1]) / inch) * 72;
  }
  return out;
}

/** The box around everything drawn, for files whose frame says nothing. */
function itemsBounds(items: MetaItem[]): [number, number, number, number] {
  let l = Infinity;
  let t = Infinity;
  let r = -Infinity;
  let b = -Infinity;
  const add = (x: number, y: number): void => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    l = Math.min(l, x);
    r = Math.max(r, x);
    t = Math.min(t, y);
    b = Math.max(b, y);
  };
  for (const it of items) {
    if (it.t === 'bitmap') {
      add(it.x, it.y);
      add(it.x + it.w, it.y + it.h);
    } else if (it.t === 'text') add(it.x, it.y);
    else if (it.t === 'path') {
      const nums = it.d.match(/-?[\d.]+(?=\s)/g)?.map(Number) ?? [];
      for (let i = 0; i + 1 < nums.length; i += 2) add(nums[i] as number, nums[i + 1] as number);
    }
  }
  return Number.isFinite(l) ? [l, t, r, b] : [0, 0, 0, 0];
}
