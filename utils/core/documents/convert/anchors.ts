// Where floating drawings sit, as the readers find it: DOCX DrawingML anchors (wp:anchor with
// wp:positionH / wp:positionV, wp:extent and the wrap element), their group members (wpg:wgp,
// each shape's a:xfrm inside the group's child coordinates), VML shapes' CSS-like style
// (position:absolute; margin-left…; mso-position-horizontal-relative…), and ODT frames and shapes
// (svg:x / svg:y / svg:width / svg:height with the graphic style's style:wrap and
// style:horizontal-pos / -rel, style:vertical-pos / -rel). Each becomes the placement part of a
// FloatBox (model.ts); the renderer (render/floats.ts) puts the box there.

import type { FloatBox, FloatWrap, Sides } from './model.ts';
import { kids } from './xml.ts';
import type { XmlElement } from './xml.ts';

export type Placement = Omit<FloatBox, 'kind' | 'blocks'>;

const EMU_PER_PT = 12700;

function emu(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && Math.abs(n) < 1e12 ? n / EMU_PER_PT : undefined;
}

function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
  return el ? kids(el).find((c) => c.local === local) : undefined;
}

function textIn(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const t = el.children.filter((c): c is string => typeof c === 'string').join('').trim();
  return t || undefined;
}

/** A finite length in points no larger than 100 inches, or undefined. */
function sane(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && Math.abs(n) <= 7200 ? n : undefined;
}

function hFrom(v: string | undefined): Placement['x']['from'] {
  return v === 'page' || v === 'leftMargin' || v === 'rightMargin' || v === 'insideMargin' || v === 'outsideMargin' ? 'page' : 'column';
}

function vFrom(v: string | undefined): Placement['y']['from'] {
  if (v === 'page' || v === 'topMargin' || v === 'bottomMargin') return 'page';
  if (v === 'margin') return 'margin';
  return 'paragraph'; // paragraph, line: the anchor paragraph's top
}

function hAlign(v: string | undefined): Placement['x']['align'] {
  if (v === 'center') return 'center';
  if (v === 'right' || v === 'outside') return 'right';
  if (v === 'left' || v === 'inside') return 'left';
  return undefined;
}

function vAlign(v: string | undefined): Placement['y']['align'] {
  if (v === 'center') return 'center';
  if (v === 'bottom' || v === 'outside') return 'bottom';
  if (v === 'top' || v === 'inside') return 'top';
  return undefined;
}

/**
 * The placement of a DrawingML anchor (wp:anchor), or undefined when it has no usable size.
 * Offsets are in EMU; the margin-relative horizontal frame is the text area, like the column.
 */
export function drawingAnchor(anchor: XmlElement): Placement | undefined {
  const extent = child(anchor, 'extent');
  const width = sane(emu(extent?.attrs.cx));
  const height = sane(emu(extent?.attrs.cy));
  if (!width || width <= 0) return undefined;
  let x: Placement['x'];
  let y: Placement['y'];
  if (anchor.attrs.simplePos === '1' || anchor.attrs.simplePos === 'true') {
    const sp = child(anchor, 'simplePos');
    x = { from: 'page', offset: sane(emu(sp?.attrs.x)) ?? 0 };
    y = { from: 'page', offset: sane(emu(sp?.attrs.y)) ?? 0 };
  } else {
    const ph = child(anchor, 'positionH');
    const pv = child(anchor, 'positionV');
    const hRel = ph?.attrs.relativeFrom;
    const vRel = pv?.attrs.relativeFrom;
    x = { from: hRel === 'margin' ? 'margin' : hFrom(hRel) };
    const hOff = sane(emu(textIn(child(ph, 'posOffset'))));
    const ha = hAlign(textIn(child(ph, 'align')));
    if (ha) x.align = ha;
    else if (hOff !== undefined) x.offset = hOff;
    y = { from: vFrom(vRel) };
    const vOff = sane(emu(textIn(child(pv, 'posOffset'))));
    const va = vAlign(textIn(child(pv, 'align')));
    if (va) y.align = va;
    else if (vOff !== undefined) y.offset = vOff;
  }
  let wrap: FloatWrap = 'none';
  let sides: Placement['sides'];
  for (const c of kids(anchor)) {
    if (c.local === 'wrapSquare' || c.local === 'wrapTight' || c.local === 'wrapThrough') {
      wrap = 'square';
      const t = c.attrs.wrapText;
      if (t === 'left' || t === 'right' || t === 'largest') sides = t;
    } else if (c.local === 'wrapTopAndBottom') wrap = 'topAndBottom';
  }
  const dist = (k: string): number => Math.min(Math.max(sane(emu(anchor.attrs[k])) ?? 0, 0), 36);
  const gap: Sides = { left: dist('distL'), right: dist('distR'), top: dist('distT'), bottom: dist('distB') };
  const out: Placement = { width, x, y, wrap, gap, ...(sides ? { sides } : {}) };
  if (height && height > 0) out.height = height;
  return out;
}

/** The first element named `local` at most `depth` levels below `e` (e itself included). */
function findDown(e: XmlElement, local: string, depth: number): XmlElement | undefined {
  if (e.local === local) return e;
  if (depth <= 0) return undefined;
  for (const c of kids(e)) {
    const f = findDown(c, local, depth - 1);
    if (f) return f;
  }
  return undefined;
}

/** Share of an ellipse's width (and height) outside the rectangle inscribed in it, on each side: 1/2 − cos 45°/2. */
const ELLIPSE_TEXT = (1 - Math.SQRT1_2) / 2;

/**
 * Where a DrawingML shape (wps:wsp) sets its text in its box of `width` × `height`: its insets
 * (bodyPr lIns/rIns/tIns/bIns, EMU; Word's defaults 0.1 in across and 0.05 in down), inside the
 * text rectangle of its preset geometry (an ellipse's inscribed rectangle, as LibreOffice sets
 * it; other presets their whole box), and its vertical anchor (bodyPr anchor t/ctr/b).
 */
export function shapeText(shape: XmlElement, width: number, height: number | undefined): Pick<Placement, 'inset' | 'valign'> {
  const body = findDown(shape, 'bodyPr', 6);
  const ins = (k: string, d: number): number => Math.min(Math.max(sane(emu(body?.attrs[k])) ?? d, 0), 72);
  const inset: Sides = { left: ins('lIns', 7.2), right: ins('rIns', 7.2), top: ins('tIns', 3.6), bottom: ins('bIns', 3.6) };
  const prst = findDown(shape, 'prstGeom', 6)?.attrs.prst;
  if (prst === 'ellipse' || prst === 'flowChartConnector') {
    inset.left += width * ELLIPSE_TEXT;
    inset.right += width * ELLIPSE_TEXT;
    inset.top += (height ?? 0) * ELLIPSE_TEXT;
    inset.bottom += (height ?? 0) * ELLIPSE_TEXT;
  }
  const a = body?.attrs.anchor;
  const valign = a === 'ctr' ? 'middle' : a === 'b' ? 'bottom' : undefined;
  return { inset, ...(valign ? { valign } : {}) };
}

/** A shape's a:xfrm (off, ext, and for a group chOff, chExt) in points. */
export function xfrmOf(el: XmlElement): { x: number; y: number; w: number; h: number; cx?: number; cy?: number; cw?: number; ch?: number } | undefined {
  const pr = kids(el).find((c) => c.local === 'spPr' || c.local === 'grpSpPr');
  const xfrm = child(pr, 'xfrm');
  const off = child(xfrm, 'off');
  const ext = child(xfrm, 'ext');
  if (!off || !ext) return undefined;
  const out = { x: sane(emu(off.attrs.x)) ?? 0, y: sane(emu(off.attrs.y)) ?? 0, w: sane(emu(ext.attrs.cx)) ?? 0, h: sane(emu(ext.attrs.cy)) ?? 0 };
  const choff = child(xfrm, 'chOff');
  const chext = child(xfrm, 'chExt');
  if (choff && chext) return { ...out, cx: sane(emu(choff.attrs.x)) ?? 0, cy: sane(emu(choff.attrs.y)) ?? 0, cw: sane(emu(chext.attrs.cx)) ?? 0, ch: sane(emu(chext.attrs.cy)) ?? 0 };
  return out;
}

/**
 * A member of a group placed inside the group's anchor: its offset and size in the group's child
 * coordinates mapped onto the anchor's box. Undefined when the group's frame can't be read.
 */
export function memberPlacement(group: Placement, frame: { x: number; y: number; w: number; h: number; cx?: number; cy?: number; cw?: number; ch?: number }, member: { x: number; y: number; w: number; h: number }): Placement | undefined {
  const cw = frame.cw || frame.w;
  const ch = frame.ch || frame.h;
  if (!(cw > 0) || !(ch > 0) || !(member.w > 0)) return undefined;
  const sx = group.width / cw;
  const sy = (group.height ?? frame.h) / ch;
  const dx = (member.x - (frame.cx ?? 0)) * sx;
  const dy = (member.y - (frame.cy ?? 0)) * sy;
  const width = member.w * sx;
  const height = member.h * sy;
  // Offsets from the group's own place; an aligned group is aligned by its own size, then the member moved within it.
  const x: Placement['x'] = group.x.align ? { from: group.x.from, align: group.x.align, shift: dx, alignWidth: group.width } : { from: group.x.from, offset: (group.x.offset ?? 0) + dx };
  const y: Placement['y'] = group.y.align ? { from: group.y.from, align: group.y.align, shift: dy, alignHeight: group.height ?? frame.h } : { from: group.y.from, offset: (group.y.offset ?? 0) + dy };
  return { ...group, width, height, x, y };
}

/** Parses a VML style attribute ("position:absolute;margin-left:12pt;…") into its properties. */
function cssOf(style: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (style ?? '').split(';')) {
    const i = part.indexOf(':');
    if (i > 0) out.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  return out;
}

/** A CSS length (pt, in, cm, mm, px, or a bare number of EMU-free points) in points. */
function cssLength(v: string | undefined): number | undefined {
  const m = v ? /^(-?\d+(?:\.\d+)?)(pt|in|cm|mm|px|pc)?$/.exec(v.trim()) : null;
  if (!m) return undefined;
  const n = Number(m[1]);
  const f = { pt: 1, in: 72, cm: 72 / 2.54, mm: 72 / 25.4, px: 0.75, pc: 12 }[m[2] ?? 'px'] ?? 1;
  return sane(n * f);
}

/**
 * The placement of a VML shape with text (v:shape / v:rect … holding v:textbox) that is
 * absolutely positioned; undefined for an inline one or one without a width.
 */
export function vmlPlacement(shape: XmlElement): Placement | undefined {
  const css = cssOf(shape.attrs.style);
  if (css.get('position') !== 'absolute') return undefined;
  const width = cssLength(css.get('width'));
  if (!width || width <= 0) return undefined;
  const height = cssLength(css.get('height'));
  const hRel = css.get('mso-position-horizontal-relative');
  const vRel = css.get('mso-position-vertical-relative');
  const x: Placement['x'] = { from: hRel === 'page' ? 'page' : hRel === 'margin' ? 'margin' : 'column' };
  const ha = hAlign(css.get('mso-position-horizontal'));
  if (ha) x.align = ha;
  else x.offset = cssLength(css.get('margin-left')) ?? cssLength(css.get('left')) ?? 0;
  const y: Placement['y'] = { from: vRel === 'page' ? 'page' : vRel === 'margin' ? 'margin' : 'paragraph' };
  const va = vAlign(css.get('mso-position-vertical'));
  if (va) y.align = va;
  else y.offset = cssLength(css.get('margin-top')) ?? cssLength(css.get('top')) ?? 0;
  let wrap: FloatWrap = 'square';
  const w10 = kids(shape).find((c) => c.local === 'wrap');
  const type = w10?.attrs.type;
  if (type === 'topAndBottom') wrap = 'topAndBottom';
  else if (type === 'none') wrap = 'none';
  else if (!w10) wrap = 'none'; // VML without a wrap element floats over the text
  const dist = (edge: string): number => Math.min(Math.max(cssLength(css.get(`mso-wrap-distance-${edge}`)) ?? 0, 0), 36);
  const out: Placement = { width, x, y, wrap, gap: { left: dist('left'), right: dist('right'), top: dist('top'), bottom: dist('bottom') } };
  // v:textbox inset="left,top,right,bottom" (VML's defaults 0.1 in, 0.05 in, 0.1 in, 0.05 in).
  const box = kids(shape).find((c) => c.local === 'textbox');
  const parts = (box?.attrs.inset ?? '').split(',').map((v) => cssLength(v));
  const ins = (i: number, d: number): number => Math.min(Math.max(parts[i] ?? d, 0), 72);
  out.inset = { left: ins(0, 7.2), top: ins(1, 3.6), right: ins(2, 7.2), bottom: ins(3, 3.6) };
  const anchorAt = css.get('v-text-anchor');
  if (anchorAt === 'middle' || anchorAt === 'bottom') out.valign = anchorAt;
  if (height && height > 0) out.height = height;
  return out;
}

/** ODT graphic properties a frame's style (and its parents) give. */
export interface OdtGraphic {
  wrap?: string;
  hpos?: string;
  hrel?: string;
  vpos?: string;
  vrel?: string;
  /** fo:margin-* (the wrap distances), fo:padding-* with the border's width, in points, by side. */
  margin?: Partial<Sides>;
  padding?: Partial<Sides>;
  /** draw:textarea-vertical-align, draw:textarea-horizontal-align. */
  valign?: string;
  halign?: string;
}

/**
 * The placement of an ODT frame or shape anchored to the page, paragraph or a character, from its
 * own attributes (svg:x, svg:y, svg:width, svg:height or fo:min-height) and its graphic style.
 */
export function odtPlacement(el: XmlElement, anchorType: string | undefined, g: OdtGraphic, length: (v: string | undefined) => number | undefined, offset?: { x: number; y: number }): Placement | undefined {
  if (anchorType !== 'page' && anchorType !== 'paragraph' && anchorType !== 'char') return undefined;
  const width = sane(length(el.attrs.width));
  if (!width || width <= 0) return undefined;
  const height = sane(length(el.attrs.height) ?? length(el.attrs['min-height']));
  let sx = length(el.attrs.x);
  let sy = length(el.attrs.y);
  // A shape placed by draw:transform="… translate(x y)" instead of svg:x / svg:y.
  const tr = /translate\s*\(\s*(-?[\d.]+\w*)[\s,]+(-?[\d.]+\w*)\s*\)/.exec(el.attrs.transform ?? '');
  if (tr && sx === undefined && sy === undefined) {
    sx = length(tr[1]);
    sy = length(tr[2]);
  }
  const page = anchorType === 'page';
  const hrel = g.hrel ?? (page ? 'page' : 'paragraph');
  const vrel = g.vrel ?? (page ? 'page' : 'paragraph');
  const x: Placement['x'] = { from: hrel === 'page' || hrel === 'page-start-margin' || hrel === 'page-end-margin' ? 'page' : 'column' };
  const hp = g.hpos ?? 'from-left';
  if (hp === 'left' || hp === 'inside') x.align = 'left';
  else if (hp === 'center') x.align = 'center';
  else if (hp === 'right' || hp === 'outside') x.align = 'right';
  else x.offset = sane(sx) ?? 0;
  if (x.offset !== undefined && offset) x.offset += offset.x;
  const y: Placement['y'] = { from: vrel === 'page' ? 'page' : vrel === 'page-content' ? 'margin' : 'paragraph' };
  const vp = g.vpos ?? 'from-top';
  if (vp === 'top') y.align = 'top';
  else if (vp === 'middle') y.align = 'center';
  else if (vp === 'bottom') y.align = 'bottom';
  else y.offset = sane(sy) ?? 0;
  if (y.offset !== undefined && offset) y.offset += offset.y;
  // style:wrap "none" keeps text above and below; "run-through" lets it run over the frame.
  const w = g.wrap;
  const wrap: FloatWrap = w === 'run-through' ? 'none' : w === 'none' || w === undefined ? 'topAndBottom' : 'square';
  const sides: Placement['sides'] = w === 'left' || w === 'right' ? w : w === 'dynamic' || w === 'biggest' ? 'largest' : undefined;
  const gap: Sides = { left: side(g.margin, 'left'), right: side(g.margin, 'right'), top: side(g.margin, 'top'), bottom: side(g.margin, 'bottom') };
  const out: Placement = { width, x, y, wrap, gap, ...(sides ? { sides } : {}) };
  // No fo:padding: none (ODF's default), not Word's 0.1 in; inside the shape's text area.
  const area = odtTextArea(el, width, height);
  out.inset = { left: area.left + side(g.padding, 'left'), right: area.right + side(g.padding, 'right'), top: area.top + side(g.padding, 'top'), bottom: area.bottom + side(g.padding, 'bottom') };
  if (g.valign === 'middle' || g.valign === 'bottom') out.valign = g.valign;
  if (g.halign === 'left' || g.halign === 'center' || g.halign === 'right') out.halign = g.halign;
  if (height && height > 0) out.height = height;
  return out;
}

/** One side of an ODT frame's margins or padding, in points: 0 to 36. */
function side(v: Partial<Sides> | undefined, k: keyof Sides): number {
  return Math.min(Math.max(v?.[k] ?? 0, 0), 36);
}

/** A share of a shape's size, 0 to a half. */
function share(v: number): number {
  return Math.min(Math.max(v, 0), 0.5);
}

/**
 * The room between an ODT shape's box and the area its text is set in: a custom shape's
 * draw:enhanced-geometry draw:text-areas (its first rectangle, in svg:viewBox units, when given
 * as plain numbers), an ellipse's inscribed rectangle (draw:type "ellipse", draw:ellipse,
 * draw:circle); none for a frame or other shapes.
 */
function odtTextArea(el: XmlElement, width: number, height: number | undefined): Sides {
  const h = height ?? 0;
  const none: Sides = { left: 0, right: 0, top: 0, bottom: 0 };
  const ellipse: Sides = { left: width * ELLIPSE_TEXT, right: width * ELLIPSE_TEXT, top: h * ELLIPSE_TEXT, bottom: h * ELLIPSE_TEXT };
  if (el.local === 'ellipse' || el.local === 'circle') return ellipse;
  if (el.local !== 'custom-shape') return none;
  const geo = kids(el).find((c) => c.local === 'enhanced-geometry');
  if (!geo) return none;
  const box = (geo.attrs.viewBox ?? '0 0 21600 21600').trim().split(/[\s,]+/).map(Number);
  const area = (geo.attrs['text-areas'] ?? '').trim().split(/[\s,]+/).slice(0, 4).map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN));
  const [bx = 0, by = 0, bw = 0, bh = 0] = box;
  if (area.length === 4 && area.every(Number.isFinite) && bw > 0 && bh > 0) {
    const [l = 0, t = 0, r = 0, b = 0] = area;
    return { left: width * share((l - bx) / bw), right: width * share((bx + bw - r) / bw), top: h * share((t - by) / bh), bottom: h * share((by + bh - b) / bh) };
  }
  return geo.attrs.type === 'ellipse' ? ellipse : none;
}

/** The size of a VML shape set in the line (not absolutely positioned), from its style's width and height; undefined for a positioned one. */
export function vmlInlineSize(shape: XmlElement): { width?: number; height?: number } | undefined {
  const css = cssOf(shape.attrs.style);
  if (css.get('position') === 'absolute') return undefined;
  const width = cssLength(css.get('width'));
  const height = cssLength(css.get('height'));
  return { ...(width && width > 0 ? { width } : {}), ...(height && height > 0 ? { height } : {}) };
}

/**
 * Where an ODT picture set as a character sits in its line, as LibreOffice 7.4 prints it: at the
 * top, middle or bottom of the line for style:vertical-rel="line" (the line as tall as the
 * picture, the text there too); otherwise from the baseline — standing on it for "top", hanging
 * from it for "bottom", centred on it for "middle", and for "from-top" or no position at all
 * (odftk-feature_images.odt) its top `svg:y` below it.
 */
export function inlineVpos(g: OdtGraphic, y: number | undefined, height: number | undefined): { vpos: 'baseline' | 'below' | 'top' | 'middle' | 'bottom'; y?: number } {
  if (g.vrel === 'line') return { vpos: g.vpos === 'top' || g.vpos === 'middle' || g.vpos === 'bottom' ? g.vpos : 'baseline' };
  if (g.vpos === 'top') return { vpos: 'baseline' };
  if (g.vpos === 'bottom') return { vpos: 'below', y: 0 };
  if (g.vpos === 'middle') return { vpos: 'below', y: -(height ?? 0) / 2 };
  return { vpos: 'below', y: y ?? 0 };
}
