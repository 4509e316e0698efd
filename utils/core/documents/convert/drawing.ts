// What charts.ts and smartart.ts share to draw DrawingML themselves: colours (sRGB, theme scheme
// colours with their luminance/tint/shade changes), preset shape outlines, text measured in the
// face the drawing's text is set in (Open Sans: render/picture.ts draws picture text in it) and
// DrawingML text bodies (a:txBody) laid out in a box — words wrapped to its width, a word wider
// than the box broken between letters as Word does, lines set at their own sizes and anchored
// top, middle or bottom. Everything is in points, y down, as the metafile items it produces.

import { faceMetrics } from './fonts.ts';
import type { ImageBlock, VectorDrawing } from './model.ts';
import type { MetaItem, RGB } from './pictures/metafile.ts';
import { descendants, kids, textOf } from './xml.ts';
import type { XmlElement } from './xml.ts';

export const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
export const EMU_PER_PT = 12700;

/** A coordinate for a content stream: rounded, and kept within ±100 000 pt (an absurd value in a file never becomes "1e+300" or "NaN"). */
export const num = (n: number): string => {
  const v = Number.isFinite(n) ? Math.min(1e5, Math.max(-1e5, n)) : 0;
  return Math.abs(v) < 1e-4 ? '0' : Number(v.toFixed(2)).toString();
};
const clamp = (n: number): number => (Number.isFinite(n) ? Math.min(1e5, Math.max(-1e5, n)) : 0);

/** A drawing as a picture block of its own (the picture cache keys on the bytes: a fresh empty array each). */
export function drawingBlock(drawing: VectorDrawing, name: string): ImageBlock {
  return { kind: 'image', bytes: new Uint8Array(0), format: 'drawing', name, width: drawing.width, height: drawing.height, drawing };
}

/**
 * The prefixes a markup-compatibility Choice may require (mc:Choice Requires="wps") that the DOCX
 * reader understands: Word's shapes, groups and canvases, the 2010+ extensions whose markup it
 * reads or may skip, VML. Others — the chartex charts of Office 2016 (Requires="cx1": waterfall,
 * histogram, treemap…) — are taken from mc:Fallback, as older readers and LibreOffice do.
 */
const UNDERSTOOD = new Set(['wps', 'wpg', 'wpc', 'wp14', 'w14', 'w15', 'w16', 'w16se', 'w16cid', 'w16cex', 'w16du', 'w16sdtdh', 'a14', 'v', 'o', 'w10', 'm', 'mc']);

/** The alternative of an mc:AlternateContent to read: the first Choice whose requirements are understood, else the Fallback, else the first Choice. */
export function alternativeOf(el: XmlElement, mcNs: string): XmlElement | undefined {
  const choices = kids(el, mcNs, 'Choice');
  for (const c of choices) if ((c.attrs.Requires ?? '').split(/\s+/).filter(Boolean).every((p) => UNDERSTOOD.has(p))) return c;
  return kids(el, mcNs, 'Fallback')[0] ?? choices[0];
}

export const aKid = (el: XmlElement | undefined, local: string): XmlElement | undefined => (el ? kids(el, A_NS, local)[0] : undefined);

export function intAttr(el: XmlElement | undefined, name: string): number | undefined {
  const v = el?.attrs[name];
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

// ---- colours --------------------------------------------------------------------------------

/** The theme's colour scheme (a:clrScheme: dk1, lt1, accent1…), by name. */
export type ThemeColors = Map<string, RGB>;

function hex(v: string | undefined): RGB | undefined {
  if (!v || !/^[0-9a-fA-F]{6}$/.test(v)) return undefined;
  return [Number.parseInt(v.slice(0, 2), 16), Number.parseInt(v.slice(2, 4), 16), Number.parseInt(v.slice(4, 6), 16)];
}

/** Office's own scheme (2013+), for a document without a theme part. */
const OFFICE: Record<string, string> = {
  dk1: '000000',
  lt1: 'FFFFFF',
  dk2: '44546A',
  lt2: 'E7E6E6',
  accent1: '4472C4',
  accent2: 'ED7D31',
  accent3: 'A5A5A5',
  accent4: 'FFC000',
  accent5: '5B9BD5',
  accent6: '70AD47',
  hlink: '0563C1',
  folHlink: '954F72',
};

export function themeColors(theme: XmlElement | undefined): ThemeColors {
  const out: ThemeColors = new Map(Object.entries(OFFICE).map(([k, v]) => [k, hex(v) as RGB]));
  const scheme = theme ? descendants(theme, (e) => e.ns === A_NS && e.local === 'clrScheme')[0] : undefined;
  for (const slot of scheme ? kids(scheme) : []) {
    const c = kids(slot)[0];
    const rgb = c?.local === 'srgbClr' ? hex(c.attrs.val) : c?.local === 'sysClr' ? hex(c.attrs.lastClr) : undefined;
    if (rgb) out.set(slot.local, rgb);
  }
  return out;
}

const SCHEME_ALIAS: Record<string, string> = { bg1: 'lt1', tx1: 'dk1', bg2: 'lt2', tx2: 'dk2' };
const PRESET: Record<string, string> = { black: '000000', white: 'FFFFFF', red: 'FF0000', green: '008000', blue: '0000FF', yellow: 'FFFF00', gray: '808080', grey: '808080' };

function toHsl([r, g, b]: RGB): [number, number, number] {
  const R = r / 255;
  const G = g / 255;
  const B = b / 255;
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === R ? (G - B) / d + (G < B ? 6 : 0) : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  return [h / 6, s, l];
}

function fromHsl([h, s, l]: [number, number, number]): RGB {
  if (s === 0) return [l * 255, l * 255, l * 255].map(Math.round) as RGB;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const ch = (t: number): number => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return [ch(h + 1 / 3), ch(h), ch(h - 1 / 3)].map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255)) as RGB;
}

/** A DrawingML colour element (a:srgbClr, a:schemeClr, a:sysClr, a:prstClr, a:scrgbClr) with its changes. */
export function colorOf(el: XmlElement | undefined, theme: ThemeColors): RGB | undefined {
  if (!el) return undefined;
  let base: RGB | undefined;
  switch (el.local) {
    case 'srgbClr':
      base = hex(el.attrs.val);
      break;
    case 'schemeClr': {
      const v = el.attrs.val ?? '';
      base = theme.get(SCHEME_ALIAS[v] ?? v);
      break;
    }
    case 'sysClr':
      base = hex(el.attrs.lastClr) ?? (el.attrs.val === 'window' ? [255, 255, 255] : [0, 0, 0]);
      break;
    case 'prstClr':
      base = hex(PRESET[el.attrs.val ?? '']);
      break;
    case 'scrgbClr': {
      const p = (n: string): number => Math.round((Math.min(100000, Math.max(0, intAttr(el, n) ?? 0)) / 100000) * 255);
      base = [p('r'), p('g'), p('b')];
      break;
    }
    default:
      return undefined;
  }
  if (!base) return undefined;
  let rgb: RGB = base;
  for (const m of kids(el)) {
    const v = (intAttr(m, 'val') ?? 100000) / 100000;
    if (m.local === 'lumMod' || m.local === 'lumOff') {
      const hsl = toHsl(rgb);
      hsl[2] = Math.min(1, Math.max(0, m.local === 'lumMod' ? hsl[2] * v : hsl[2] + v));
      rgb = fromHsl(hsl);
    } else if (m.local === 'tint') rgb = rgb.map((c) => Math.round(255 - (255 - c) * v)) as RGB;
    else if (m.local === 'shade') rgb = rgb.map((c) => Math.round(c * v)) as RGB;
  }
  return rgb;
}

/** The colour of a fill holder (a:solidFill, or a spPr/ln holding one); null: explicitly none (a:noFill); undefined: not said. */
export function fillOf(holder: XmlElement | undefined, theme: ThemeColors): RGB | null | undefined {
  if (!holder) return undefined;
  if (aKid(holder, 'noFill')) return null;
  const solid = holder.local === 'solidFill' ? holder : aKid(holder, 'solidFill');
  if (solid) return colorOf(kids(solid)[0], theme);
  // A gradient: its first stop, a fair flat likeness.
  const grad = aKid(holder, 'gradFill');
  const stop = grad ? descendants(grad, (e) => e.local === 'gs')[0] : undefined;
  return stop ? colorOf(kids(stop)[0], theme) : undefined;
}

// ---- shapes -------------------------------------------------------------------------------

export function rectPath(x: number, y: number, w: number, h: number): string {
  return `${num(x)} ${num(y)} ${num(w)} ${num(h)} re`;
}

function poly(pts: Array<[number, number]>): string {
  return `${pts.map(([x, y], i) => `${num(x)} ${num(y)} ${i ? 'l' : 'm'}`).join(' ')} h`;
}

export function ellipsePath(x: number, y: number, w: number, h: number): string {
  const k = 0.5523;
  const rx = w / 2;
  const ry = h / 2;
  const cx = x + rx;
  const cy = y + ry;
  const c = (x1: number, y1: number, x2: number, y2: number, x3: number, y3: number): string => `${num(x1)} ${num(y1)} ${num(x2)} ${num(y2)} ${num(x3)} ${num(y3)} c`;
  return [
    `${num(cx + rx)} ${num(cy)} m`,
    c(cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry),
    c(cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy),
    c(cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry),
    c(cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy),
    'h',
  ].join(' ');
}

/** A pie slice from angle a0 to a1 (radians, clockwise from 3 o'clock, y down), as Bézier arcs of ≤ 90°. */
export function slicePath(cx: number, cy: number, r: number, a0: number, a1: number, inner = 0): string {
  const parts: string[] = [];
  const arc = (from: number, to: number, radius: number, first: boolean): void => {
    const steps = Math.max(1, Math.ceil(Math.abs(to - from) / (Math.PI / 2)));
    const step = (to - from) / steps;
    const k = (4 / 3) * Math.tan(step / 4);
    for (let i = 0; i < steps; i++) {
      const s = from + i * step;
      const e = s + step;
      const [x0, y0] = [cx + radius * Math.cos(s), cy + radius * Math.sin(s)];
      const [x3, y3] = [cx + radius * Math.cos(e), cy + radius * Math.sin(e)];
      if (i === 0) parts.push(`${num(x0)} ${num(y0)} ${first ? 'm' : 'l'}`);
      parts.push(`${num(x0 - k * radius * Math.sin(s))} ${num(y0 + k * radius * Math.cos(s))} ${num(x3 + k * radius * Math.sin(e))} ${num(y3 - k * radius * Math.cos(e))} ${num(x3)} ${num(y3)} c`);
    }
  };
  if (inner > 0) {
    arc(a0, a1, r, true);
    arc(a1, a0, inner, false);
  } else {
    parts.push(`${num(cx)} ${num(cy)} m`);
    arc(a0, a1, r, false);
  }
  parts.push('h');
  return parts.join(' ');
}

/** A preset geometry's adjust value (a:avLst/a:gd "val N"), else its default. */
function adjust(geom: XmlElement | undefined, name: string, dflt: number): number {
  const gd = geom ? descendants(geom, (e) => e.local === 'gd' && e.attrs.name === name)[0] : undefined;
  const m = /^val\s+(-?\d+)$/.exec(gd?.attrs.fmla ?? '');
  return m ? Number(m[1]) : dflt;
}

const pin = (lo: number, v: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * The outline of a DrawingML preset shape (a:prstGeom prst) in the box, by the formulas of its
 * definition for the common ones; undefined for a preset not known here (the shape's text is
 * still drawn).
 */
export function presetPath(prst: string, geom: XmlElement | undefined, x: number, y: number, w: number, h: number): string | undefined {
  const ss = Math.min(w, h);
  const r = x + w;
  const b = y + h;
  const hc = x + w / 2;
  const vc = y + h / 2;
  switch (prst) {
    case 'rect':
    case 'flowChartProcess':
    case 'snip1Rect':
    case 'snip2SameRect':
    case 'round1Rect':
    case 'round2SameRect':
    case 'plaque':
      return rectPath(x, y, w, h);
    case 'roundRect':
    case 'flowChartAlternateProcess': {
      const rad = Math.min(ss * pin(0, adjust(geom, 'adj', 16667), 50000)) / 100000;
      const k = rad * 0.4477;
      return [
        `${num(x + rad)} ${num(y)} m ${num(r - rad)} ${num(y)} l`,
        `${num(r - k)} ${num(y)} ${num(r)} ${num(y + k)} ${num(r)} ${num(y + rad)} c`,
        `${num(r)} ${num(b - rad)} l ${num(r)} ${num(b - k)} ${num(r - k)} ${num(b)} ${num(r - rad)} ${num(b)} c`,
        `${num(x + rad)} ${num(b)} l ${num(x + k)} ${num(b)} ${num(x)} ${num(b - k)} ${num(x)} ${num(b - rad)} c`,
        `${num(x)} ${num(y + rad)} l ${num(x)} ${num(y + k)} ${num(x + k)} ${num(y)} ${num(x + rad)} ${num(y)} c h`,
      ].join(' ');
    }
    case 'ellipse':
    case 'flowChartConnector':
      return ellipsePath(x, y, w, h);
    case 'triangle': {
      const ax = x + (w * pin(0, adjust(geom, 'adj', 50000), 100000)) / 100000;
      return poly([[x, b], [ax, y], [r, b]]);
    }
    case 'rtTriangle':
      return poly([[x, y], [r, b], [x, b]]);
    case 'trapezoid': {
      const a = pin(0, adjust(geom, 'adj', 25000), (50000 * w) / ss);
      const x2 = (ss * a) / 100000;
      return poly([[x, b], [x + x2, y], [r - x2, y], [r, b]]);
    }
    case 'diamond':
    case 'flowChartDecision':
      return poly([[hc, y], [r, vc], [hc, b], [x, vc]]);
    case 'parallelogram': {
      const x2 = (ss * pin(0, adjust(geom, 'adj', 25000), (100000 * w) / ss)) / 100000;
      return poly([[x, b], [x + x2, y], [r, y], [r - x2, b]]);
    }
    case 'hexagon': {
      const x1 = (ss * pin(0, adjust(geom, 'adj', 25000), (50000 * w) / ss)) / 100000;
      return poly([[x, vc], [x + x1, y], [r - x1, y], [r, vc], [r - x1, b], [x + x1, b]]);
    }
    case 'pentagon':
      return poly([[hc, y], [r, y + h * 0.3804], [x + w * 0.8123, b], [x + w * 0.1877, b], [x, y + h * 0.3804]]);
    case 'homePlate': {
      const dx = (ss * pin(0, adjust(geom, 'adj', 50000), (100000 * w) / ss)) / 100000;
      return poly([[x, y], [r - dx, y], [r, vc], [r - dx, b], [x, b]]);
    }
    case 'chevron': {
      const dx = (ss * pin(0, adjust(geom, 'adj', 50000), (100000 * w) / ss)) / 100000;
      return poly([[x, y], [r - dx, y], [r, vc], [r - dx, b], [x, b], [x + dx, vc]]);
    }
    case 'rightArrow':
    case 'leftArrow': {
      const dy = (h * pin(0, adjust(geom, 'adj1', 50000), 100000)) / 200000;
      const dx = (ss * pin(0, adjust(geom, 'adj2', 50000), (100000 * w) / ss)) / 100000;
      const pts: Array<[number, number]> = [[x, vc - dy], [r - dx, vc - dy], [r - dx, y], [r, vc], [r - dx, b], [r - dx, vc + dy], [x, vc + dy]];
      return poly(prst === 'rightArrow' ? pts : pts.map(([px, py]) => [x + r - px, py]));
    }
    case 'upArrow':
    case 'downArrow': {
      const dx = (w * pin(0, adjust(geom, 'adj1', 50000), 100000)) / 200000;
      const dy = (ss * pin(0, adjust(geom, 'adj2', 50000), (100000 * h) / ss)) / 100000;
      const pts: Array<[number, number]> = [[hc - dx, b], [hc - dx, y + dy], [x, y + dy], [hc, y], [r, y + dy], [hc + dx, y + dy], [hc + dx, b]];
      return poly(prst === 'upArrow' ? pts : pts.map(([px, py]) => [px, y + b - py]));
    }
    case 'octagon': {
      const d = (ss * pin(0, adjust(geom, 'adj', 29289), 50000)) / 100000;
      return poly([[x + d, y], [r - d, y], [r, y + d], [r, b - d], [r - d, b], [x + d, b], [x, b - d], [x, y + d]]);
    }
    case 'plus': {
      const d = (ss * pin(0, adjust(geom, 'adj', 25000), 50000)) / 100000;
      return poly([[x + d, y], [r - d, y], [r - d, y + d], [r, y + d], [r, b - d], [r - d, b - d], [r - d, b], [x + d, b], [x + d, b - d], [x, b - d], [x, y + d], [x + d, y + d]]);
    }
    case 'leftRightArrow': {
      const dy = (h * pin(0, adjust(geom, 'adj1', 50000), 100000)) / 200000;
      const dx = (ss * pin(0, adjust(geom, 'adj2', 50000), (50000 * w) / ss)) / 100000;
      return poly([[x, vc], [x + dx, y], [x + dx, vc - dy], [r - dx, vc - dy], [r - dx, y], [r, vc], [r - dx, b], [r - dx, vc + dy], [x + dx, vc + dy], [x + dx, b]]);
    }
    case 'notchedRightArrow': {
      const dy = (h * pin(0, adjust(geom, 'adj1', 50000), 100000)) / 200000;
      const dx = (ss * pin(0, adjust(geom, 'adj2', 50000), (100000 * w) / ss)) / 100000;
      const notch = (dx * dy) / (h / 2);
      return poly([[x, vc - dy], [r - dx, vc - dy], [r - dx, y], [r, vc], [r - dx, b], [r - dx, vc + dy], [x, vc + dy], [x + notch, vc]]);
    }
    case 'donut': {
      const t = (ss * pin(0, adjust(geom, 'adj', 25000), 50000)) / 100000;
      return `${ellipsePath(x, y, w, h)} ${ellipsePath(x + t, y + t, w - 2 * t, h - 2 * t)}`;
    }
    default:
      return undefined;
  }
}

/**
 * A custom geometry (a:custGeom: a:pathLst of a:path with moveTo, lnTo, cubicBezTo, quadBezTo,
 * close; arcs as straight lines) scaled into the box: connectors and freeforms of SmartArt.
 */
export function customPath(geom: XmlElement, x: number, y: number, w: number, h: number): { d: string; filled: boolean } | undefined {
  const parts: string[] = [];
  let filled = false;
  for (const path of descendants(geom, (e) => e.ns === A_NS && e.local === 'path')) {
    const pw = intAttr(path, 'w') ?? 0;
    const ph = intAttr(path, 'h') ?? 0;
    const sx = pw > 0 ? w / pw : 1 / EMU_PER_PT;
    const sy = ph > 0 ? h / ph : 1 / EMU_PER_PT;
    const pt = (e: XmlElement): string => `${num(x + (intAttr(e, 'x') ?? 0) * sx)} ${num(y + (intAttr(e, 'y') ?? 0) * sy)}`;
    if (path.attrs.fill !== 'none') filled = true;
    for (const c of kids(path, A_NS)) {
      const pts = kids(c, A_NS, 'pt');
      if (c.local === 'moveTo' && pts[0]) parts.push(`${pt(pts[0])} m`);
      else if ((c.local === 'lnTo' || c.local === 'arcTo') && pts[0]) parts.push(`${pt(pts[0])} l`);
      else if (c.local === 'cubicBezTo' && pts.length === 3) parts.push(`${pts.map(pt).join(' ')} c`);
      else if (c.local === 'quadBezTo' && pts.length === 2) parts.push(`${pt(pts[0] as XmlElement)} ${pt(pts[1] as XmlElement)} ${pt(pts[1] as XmlElement)} c`);
      else if (c.local === 'close') parts.push('h');
    }
  }
  return parts.length && parts[0]?.endsWith(' m') ? { d: parts.join(' '), filled } : undefined;
}

// ---- text ---------------------------------------------------------------------------------

export interface TextStyle {
  size: number;
  bold: boolean;
  italic: boolean;
  color: RGB;
}

const faceOf = (s: Pick<TextStyle, 'bold' | 'italic'>): 'regular' | 'bold' | 'italic' | 'boldItalic' => (s.bold ? (s.italic ? 'boldItalic' : 'bold') : s.italic ? 'italic' : 'regular');

/** The width of text in the face render/picture.ts draws picture text in. */
export function textWidth(text: string, s: Pick<TextStyle, 'size' | 'bold' | 'italic'>): number {
  return faceMetrics(faceOf(s)).width(text, s.size);
}

export function textItem(text: string, x: number, y: number, s: TextStyle, align: 'left' | 'center' | 'right' = 'left', valign: 'top' | 'baseline' | 'bottom' = 'baseline', angle = 0): MetaItem {
  return { t: 'text', x: clamp(x), y: clamp(y), size: Math.min(500, Math.max(1, clamp(s.size))), angle, color: s.color, text, align, valign, bold: s.bold, italic: s.italic };
}

/** Words of text wrapped greedily to `width`; a word wider than the width is broken between letters. */
export function wrapWords(text: string, s: Pick<TextStyle, 'size' | 'bold' | 'italic'>, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/ +/).filter(Boolean)) {
      const tryLine = line ? `${line} ${word}` : word;
      if (textWidth(tryLine, s) <= width || !line) {
        line = tryLine;
      } else {
        lines.push(line);
        line = word;
      }
      // A word wider than the box: broken between letters.
      while (textWidth(line, s) > width && [...line].length > 1) {
        const chars = [...line];
        let n = chars.length - 1;
        while (n > 1 && textWidth(chars.slice(0, n).join(''), s) > width) n--;
        lines.push(chars.slice(0, n).join(''));
        line = chars.slice(n).join('');
      }
    }
    lines.push(line);
  }
  return lines;
}

interface Piece extends TextStyle {
  text: string;
}

interface Para {
  pieces: Piece[];
  align: 'left' | 'center' | 'right';
  lineFactor: number;
  before: number;
  after: number;
  indent: number;
}

export interface TextBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

function spacing(el: XmlElement | undefined, size: number): number {
  const pct = intAttr(aKid(el, 'spcPct'), 'val');
  if (pct !== undefined) return (size * 1.2 * pct) / 100000;
  const pts = intAttr(aKid(el, 'spcPts'), 'val');
  return pts !== undefined ? pts / 100 : 0;
}

/** The paragraphs of a DrawingML text body with their run styles, `base` where the body says nothing. */
function paragraphsOf(body: XmlElement, base: TextStyle, theme: ThemeColors, scale: number): Para[] {
  const lstDef = aKid(aKid(body, 'lstStyle'), 'lvl1pPr');
  const out: Para[] = [];
  for (const p of kids(body, A_NS, 'p')) {
    const pPr = aKid(p, 'pPr');
    const def = aKid(pPr, 'defRPr') ?? aKid(lstDef, 'defRPr');
    const styleOf = (rPr: XmlElement | undefined): TextStyle => {
      const sz = intAttr(rPr, 'sz') ?? intAttr(def, 'sz');
      const b = rPr?.attrs.b ?? def?.attrs.b;
      const i = rPr?.attrs.i ?? def?.attrs.i;
      const color = fillOf(rPr, theme) ?? fillOf(def, theme) ?? base.color;
      return {
        size: Math.max(1, (sz !== undefined ? sz / 100 : base.size) * scale),
        bold: b !== undefined ? b === '1' || b === 'true' : base.bold,
        italic: i !== undefined ? i === '1' || i === 'true' : base.italic,
        color,
      };
    };
    const pieces: Piece[] = [];
    // A bullet (a:buChar; often a Wingdings/Symbol code) is drawn as a round bullet.
    const bullet = aKid(pPr, 'buChar') !== undefined;
    for (const c of kids(p, A_NS)) {
      if (c.local === 'r' || c.local === 'fld') pieces.push({ text: kids(c, A_NS, 't').map(textOf).join(''), ...styleOf(aKid(c, 'rPr')) });
      else if (c.local === 'br') pieces.push({ text: '\n', ...styleOf(aKid(c, 'rPr')) });
    }
    const endStyle = styleOf(aKid(p, 'endParaRPr'));
    if (bullet && pieces.some((x) => x.text.trim())) pieces.unshift({ ...(pieces[0] ?? endStyle), text: '• ' });
    const algn = pPr?.attrs.algn ?? lstDef?.attrs.algn;
    const size = pieces[0]?.size ?? endStyle.size;
    const lnPct = intAttr(aKid(aKid(pPr, 'lnSpc'), 'spcPct'), 'val');
    out.push({
      pieces: pieces.length ? pieces : [{ ...endStyle, text: '' }],
      align: algn === 'ctr' ? 'center' : algn === 'r' ? 'right' : 'left',
      lineFactor: lnPct !== undefined ? Math.max(0.5, lnPct / 100000) : 1,
      before: spacing(aKid(pPr, 'spcBef'), size),
      after: spacing(aKid(pPr, 'spcAft'), size),
      indent: ((intAttr(pPr, 'marL') ?? 0) + Math.max(0, intAttr(pPr, 'indent') ?? 0)) / EMU_PER_PT,
    });
  }
  return out;
}

const lineH = (l: Line): number => l.size * 1.2 * l.para.lineFactor;

interface Line {
  pieces: Piece[];
  width: number;
  size: number;
  para: Para;
  first: boolean;
  last: boolean;
}

/** A paragraph's pieces broken into lines of at most `width` (words kept whole unless wider than the line). */
function breakPara(para: Para, width: number): Line[] {
  const lines: Line[] = [];
  let cur: Piece[] = [];
  let curW = 0;
  const flush = (): void => {
    // Trailing spaces do not count.
    const last = cur[cur.length - 1];
    if (last) last.text = last.text.replace(/ +$/, '');
    const w = cur.reduce((s, p) => s + textWidth(p.text, p), 0);
    lines.push({ pieces: cur, width: w, size: Math.max(...cur.map((p) => p.size), para.pieces[0]?.size ?? 1), para, first: !lines.length, last: false });
    cur = [];
    curW = 0;
  };
  const push = (text: string, s: Piece): void => {
    const prev = cur[cur.length - 1];
    if (prev && prev.size === s.size && prev.bold === s.bold && prev.italic === s.italic && prev.color === s.color) prev.text += text;
    else cur.push({ ...s, text });
    curW += textWidth(text, s);
  };
  for (const piece of para.pieces) {
    for (const tok of piece.text.split(/(\n| +)/).filter((t) => t !== '')) {
      if (tok === '\n') {
        flush();
        continue;
      }
      const w = textWidth(tok, piece);
      if (tok.trim() && curW + w > width && cur.some((p) => p.text.trim())) {
        flush();
      }
      if (!tok.trim() && !cur.length) continue;
      if (tok.trim() && w > width) {
        // Wider than the line: broken between letters.
        for (const part of wrapWords(tok, piece, Math.max(1, width - curW > width / 4 ? width - curW : width))) {
          if (curW > 0 && curW + textWidth(part, piece) > width) flush();
          push(part, piece);
          if (textWidth(part, piece) >= width * 0.75) flush();
        }
        continue;
      }
      push(tok, piece);
    }
  }
  if (cur.length || !lines.length) flush();
  const lastLine = lines[lines.length - 1];
  if (lastLine) lastLine.last = true;
  return lines.filter((l, i) => l.pieces.length || i === 0);
}

/**
 * A DrawingML text body (a:txBody) laid out in `box`: its insets (a:bodyPr lIns…), vertical
 * anchor, autofit scale, paragraphs with their alignment, spacing and run sizes; text that
 * doesn't fit the box's height is still drawn (it runs over, as in Word), never dropped.
 */
export function textBodyItems(body: XmlElement, box: TextBox, base: TextStyle, theme: ThemeColors): MetaItem[] {
  const pr = aKid(body, 'bodyPr');
  const ins = (n: string, d: number): number => (intAttr(pr, n) ?? d) / EMU_PER_PT;
  const left = ins('lIns', 91440);
  const right = ins('rIns', 91440);
  const top = ins('tIns', 45720);
  const bottom = ins('bIns', 45720);
  const fontScale = intAttr(aKid(pr, 'normAutofit'), 'fontScale');
  const scale = fontScale ? Math.max(0.1, fontScale / 100000) : 1;
  const width = Math.max(4, box.w - left - right);
  const noWrap = pr?.attrs.wrap === 'none';
  const lines = paragraphsOf(body, base, theme, scale).flatMap((p) => breakPara(p, noWrap ? 1e6 : width - p.indent));
  let total = 0;
  lines.forEach((l, i) => {
    total += lineH(l) + (l.first && i > 0 ? l.para.before : 0) + (l.last && i < lines.length - 1 ? l.para.after : 0);
  });
  const anchor = pr?.attrs.anchor ?? 't';
  const room = box.h - top - bottom;
  let y = box.y + top + (anchor === 'ctr' ? (room - total) / 2 : anchor === 'b' ? room - total : 0);
  const items: MetaItem[] = [];
  lines.forEach((l, i) => {
    if (l.first && i > 0) y += l.para.before;
    const h = lineH(l);
    const baseline = y + h * 0.8;
    const avail = width - l.para.indent;
    let x = box.x + left + l.para.indent + (l.para.align === 'center' ? (avail - l.width) / 2 : l.para.align === 'right' ? avail - l.width : 0);
    for (const p of l.pieces) {
      if (p.text.trim()) items.push(textItem(p.text, x, baseline, p));
      x += textWidth(p.text, p);
    }
    y += h;
    if (l.last && i < lines.length - 1) y += l.para.after;
  });
  return items;
}
