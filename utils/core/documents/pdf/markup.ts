// Appearances for visible annotations that come without one (/AP missing or unusable). A viewer
// draws these from the annotation's own geometry and colours (PDF 32000-1 §12.5.6), so
// flattening draws the same thing into the page instead of deleting it: shapes (Square, Circle,
// Line, PolyLine, Polygon, Ink), text markup (Highlight, Underline, StrikeOut, Squiggly) from the
// QuadPoints, FreeText from its contents, and note / attachment icons.
import { PDFArray, PDFDict, PDFNumber } from '@cantoo/pdf-lib';
import type { PDFContext, PDFObject } from '@cantoo/pdf-lib';
import { colourOf, colourOps, ellipsePath, fmt } from './appearance.ts';
import type { Colour } from './appearance.ts';
import { N, getDict, rectOf, resolve, textOf } from './objects.ts';

type Rect = [number, number, number, number];

/** How to draw one annotation without an appearance stream. */
export type Generated =
  | { kind: 'ops'; ops: string; opacity: number; multiply?: boolean }
  | { kind: 'text'; text: string; rect: Rect; size: number; border: Colour; borderWidth: number; background: Colour; opacity: number };

const MAX_POINTS = 20_000;

function numberList(ctx: PDFContext, obj: PDFObject | undefined, limit = MAX_POINTS): number[] {
  const arr = resolve(ctx, obj);
  if (!(arr instanceof PDFArray)) return [];
  const out: number[] = [];
  for (const x of arr.asArray().slice(0, limit)) {
    const v = resolve(ctx, x);
    if (!(v instanceof PDFNumber) || !Number.isFinite(v.asNumber())) return [];
    out.push(v.asNumber());
  }
  return out;
}

function borderWidth(ctx: PDFContext, annot: PDFDict): number {
  const bs = getDict(ctx, annot, 'BS');
  const w = bs ? resolve(ctx, bs.get(N('W'))) : undefined;
  if (w instanceof PDFNumber) return Math.max(0, Math.min(w.asNumber(), 50));
  const border = numberList(ctx, annot.get(N('Border')), 3);
  return border.length === 3 ? Math.max(0, Math.min(border[2]!, 50)) : 1;
}

function opacityOf(ctx: PDFContext, annot: PDFDict): number {
  const ca = resolve(ctx, annot.get(N('CA')));
  return ca instanceof PDFNumber && ca.asNumber() >= 0 && ca.asNumber() < 1 ? ca.asNumber() : 1;
}

function polyline(points: number[], close: boolean): string {
  if (points.length < 4) return '';
  const parts = [`${fmt(points[0]!)} ${fmt(points[1]!)} m`];
  for (let i = 2; i + 1 < points.length; i += 2) parts.push(`${fmt(points[i]!)} ${fmt(points[i + 1]!)} l`);
  if (close) parts.push('h');
  return parts.join(' ');
}

/** Stroke (and fill, for closed shapes with an interior colour) a path in the annotation's colours. */
function paint(path: string, stroke: Colour, fill: Colour, width: number): string {
  if (!path) return '';
  const hasStroke = stroke && stroke.length > 0 && width > 0;
  const hasFill = fill && fill.length > 0;
  if (!hasStroke && !hasFill) return '';
  const set = [hasStroke ? `${colourOps(stroke!, true)} ${fmt(width)} w 1 J 1 j` : '', hasFill ? colourOps(fill!, false) : ''];
  const op = hasStroke && hasFill ? 'B' : hasStroke ? 'S' : 'f';
  return `${set.filter(Boolean).join(' ')} ${path} ${op}`;
}

/** The rectangle inside /RD (the difference between /Rect and the drawn shape). */
function innerRect(ctx: PDFContext, annot: PDFDict, rect: Rect): Rect {
  const rd = numberList(ctx, annot.get(N('RD')), 4);
  if (rd.length !== 4) return rect;
  const [l, b, r, t] = rd as [number, number, number, number];
  const inner: Rect = [rect[0] + l, rect[1] + b, rect[2] - r, rect[3] - t];
  return inner[2] > inner[0] && inner[3] > inner[1] ? inner : rect;
}

/** The quadrilaterals of a text markup annotation, each as [x1 y1 x2 y2 x3 y3 x4 y4]. */
function quads(ctx: PDFContext, annot: PDFDict): number[][] {
  const q = numberList(ctx, annot.get(N('QuadPoints')));
  const out: number[][] = [];
  for (let i = 0; i + 7 < q.length; i += 8) out.push(q.slice(i, i + 8));
  return out;
}

/** A generated appearance, or undefined when the subtype has none a viewer would draw. */
export function generateAppearance(ctx: PDFContext, annot: PDFDict, subtype: string): Generated | undefined {
  const rect = rectOf(ctx, annot.get(N('Rect')));
  if (!rect) return undefined;
  const stroke = colourOf(ctx, annot.get(N('C')));
  const fill = colourOf(ctx, annot.get(N('IC')));
  const width = borderWidth(ctx, annot);
  const opacity = opacityOf(ctx, annot);
  const ops = (o: string): Generated | undefined => (o ? { kind: 'ops', ops: o, opacity } : undefined);
  switch (subtype) {
    case 'Square':
    case 'Circle': {
      const [x1, y1, x2, y2] = innerRect(ctx, annot, rect);
      const h = width / 2;
      if (x2 - x1 <= width || y2 - y1 <= width) return undefined;
      const path = subtype === 'Square' ? `${fmt(x1 + h)} ${fmt(y1 + h)} ${fmt(x2 - x1 - width)} ${fmt(y2 - y1 - width)} re` : ellipsePath(x1 + h, y1 + h, x2 - h, y2 - h);
      return ops(paint(path, stroke ?? [0], fill, width));
    }
    case 'Line': {
      const l = numberList(ctx, annot.get(N('L')), 4);
      return l.length === 4 ? ops(paint(polyline(l, false), stroke ?? [0], undefined, width)) : undefined;
    }
    case 'PolyLine':
    case 'Polygon': {
      const v = numberList(ctx, annot.get(N('Vertices')));
      return ops(paint(polyline(v, subtype === 'Polygon'), stroke ?? [0], subtype === 'Polygon' ? fill : undefined, width));
    }
    case 'Ink': {
      const list = resolve(ctx, annot.get(N('InkList')));
      if (!(list instanceof PDFArray)) return undefined;
      const paths = list.asArray().slice(0, 1000).map((p) => polyline(numberList(ctx, p), false)).filter(Boolean);
      return ops(paths.map((p) => paint(p, stroke ?? [0], undefined, width)).join(' '));
    }
    case 'Highlight': {
      // Viewers multiply the highlight colour onto the page, so the text under it stays readable.
      const colour = stroke ?? [1, 1, 0];
      const path = quads(ctx, annot).map((q) => polyline([q[0]!, q[1]!, q[2]!, q[3]!, q[6]!, q[7]!, q[4]!, q[5]!], true)).join(' ');
      return path ? { kind: 'ops', ops: `${colourOps(colour, false)} ${path} f`, opacity, multiply: true } : undefined;
    }
    case 'Underline':
    case 'StrikeOut':
    case 'Squiggly': {
      const colour = stroke ?? [0];
      const out: string[] = [];
      for (const q of quads(ctx, annot)) {
        // Points 3 and 4 are the bottom edge, 1 and 2 the top.
        const [tx1, ty1, tx2, ty2, bx1, by1, bx2, by2] = q as [number, number, number, number, number, number, number, number];
        const h = Math.abs(ty1 - by1) || 10;
        const t = subtype === 'StrikeOut' ? 0.5 : 0.1;
        const ax = bx1 + (tx1 - bx1) * t;
        const ay = by1 + (ty1 - by1) * t;
        const bx = bx2 + (tx2 - bx2) * t;
        const by = by2 + (ty2 - by2) * t;
        const w = Math.max(0.5, h * 0.07);
        if (subtype === 'Squiggly') {
          const steps = Math.max(2, Math.min(400, Math.round(Math.hypot(bx - ax, by - ay) / (h * 0.15))));
          const pts: number[] = [];
          for (let i = 0; i <= steps; i++) {
            const f = i / steps;
            const off = (i % 2 === 0 ? -1 : 1) * h * 0.05;
            pts.push(ax + (bx - ax) * f, ay + (by - ay) * f + off);
          }
          out.push(paint(polyline(pts, false), colour, undefined, w));
        } else {
          out.push(paint(polyline([ax, ay, bx, by], false), colour, undefined, w));
        }
      }
      return ops(out.join(' '));
    }
    case 'FreeText': {
      const text = textOf(resolve(ctx, annot.get(N('Contents')))) ?? '';
      if (!text.trim()) return undefined;
      const da = textOf(resolve(ctx, annot.get(N('DA')))) ?? '';
      const m = /([\d.]+)\s+Tf/.exec(da);
      return { kind: 'text', text, rect: innerRect(ctx, annot, rect), size: m ? Number(m[1]) || 10 : 10, border: stroke, borderWidth: width, background: fill, opacity };
    }
    case 'Text':
    case 'FileAttachment':
    case 'Sound': {
      // The note / paperclip icon a viewer shows at the top left of the rectangle.
      const [x1, , , y2] = rect;
      const s = 16;
      const bg = stroke ?? [1, 0.9, 0.4];
      const box = `${fmt(x1 + 1)} ${fmt(y2 - s)} ${fmt(s - 2)} ${fmt(s - 2)} re`;
      const lines = [0.35, 0.55, 0.75].map((f) => `${fmt(x1 + 4)} ${fmt(y2 - s * f)} m ${fmt(x1 + s - 4)} ${fmt(y2 - s * f)} l`).join(' ');
      return ops(`${colourOps(bg, false)} 0 G 0.8 w ${box} B ${lines} S`);
    }
    case 'Stamp': {
      const name = resolve(ctx, annot.get(N('Name')));
      const label = (name && 'decodeText' in name ? (name as { decodeText(): string }).decodeText() : 'Draft').replace(/^#?/, '');
      return { kind: 'text', text: label, rect, size: 0, border: stroke ?? [0.8, 0, 0], borderWidth: 2, background: undefined, opacity };
    }
    case 'Caret': {
      const [x1, y1, x2, y2] = innerRect(ctx, annot, rect);
      return ops(paint(polyline([x1, y1, (x1 + x2) / 2, y2, x2, y1], true), stroke ?? [0], stroke ?? [0], 0.5));
    }
    default:
      return undefined;
  }
}
