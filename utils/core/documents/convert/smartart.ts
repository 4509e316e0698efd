// A SmartArt diagram drawn as Word last laid it out: the drawing part Word saves beside the data
// model (word/diagrams/drawingN.xml, dsp:drawing) holds every shape with its place (a:xfrm, in
// EMU from the diagram's top left), outline (a:prstGeom), fill and line, and its text (dsp:txBody)
// with the box Word set it in (dsp:txXfrm). Each shape becomes its outline and its text laid out
// in that box (drawing.ts), so the words sit where Word shows them, in the diagram's frame.
// Custom outlines (a:custGeom: connectors, freeforms) are drawn from their paths; a preset
// outline not known here is left out, its text still drawn.

import { EMU_PER_PT, aKid, colorOf, customPath, drawingBlock, fillOf, intAttr, presetPath, textBodyItems } from './drawing.ts';
import type { TextStyle, ThemeColors } from './drawing.ts';
import type { ImageBlock } from './model.ts';
import type { MetaItem, RGB } from './pictures/metafile.ts';
import { descendants, kids } from './xml.ts';
import type { XmlElement } from './xml.ts';

interface Frame {
  x: number;
  y: number;
  w: number;
  h: number;
}

function frameOf(xfrm: XmlElement | undefined): Frame | undefined {
  const off = aKid(xfrm, 'off');
  const ext = aKid(xfrm, 'ext');
  const x = intAttr(off, 'x');
  const y = intAttr(off, 'y');
  const w = intAttr(ext, 'cx');
  const h = intAttr(ext, 'cy');
  if (x === undefined || y === undefined || w === undefined || h === undefined || w < 0 || h < 0) return undefined;
  return { x: x / EMU_PER_PT, y: y / EMU_PER_PT, w: w / EMU_PER_PT, h: h / EMU_PER_PT };
}

/** A style reference's colour (dsp:style a:fillRef / a:lnRef / a:fontRef), when its index asks for one. */
function refColor(style: XmlElement | undefined, name: string, theme: ThemeColors): RGB | undefined {
  const ref = aKid(style, name);
  if (!ref || (name !== 'fontRef' && (intAttr(ref, 'idx') ?? 0) === 0)) return undefined;
  return colorOf(kids(ref)[0], theme);
}

/**
 * The diagram's drawing part as a picture `width` × `height` points (the inline's extent; the
 * part's own coordinates when absent), or undefined when it holds no shape.
 */
export function smartArtDrawing(root: XmlElement, theme: ThemeColors, width: number | undefined, height: number | undefined, name: string): ImageBlock | undefined {
  const shapes = descendants(root, (e) => e.local === 'sp');
  if (!shapes.length) return undefined;
  const items: MetaItem[] = [];
  let maxX = 0;
  let maxY = 0;
  for (const sp of shapes) {
    const spPr = kids(sp).find((c) => c.local === 'spPr');
    const frame = frameOf(aKid(spPr, 'xfrm'));
    if (!frame) continue;
    maxX = Math.max(maxX, frame.x + frame.w);
    maxY = Math.max(maxY, frame.y + frame.h);
    const style = kids(sp).find((c) => c.local === 'style');
    const geom = aKid(spPr, 'prstGeom');
    const cust = aKid(spPr, 'custGeom');
    const custom = cust ? customPath(cust, frame.x, frame.y, frame.w, frame.h) : undefined;
    const d = geom ? presetPath(geom.attrs.prst ?? '', geom, frame.x, frame.y, frame.w, frame.h) : custom?.d;
    let fill = fillOf(spPr, theme);
    // An open freeform (a connector) is only stroked.
    if (custom && !custom.filled) fill = null;
    const ln = aKid(spPr, 'ln');
    const lineFill = fillOf(ln, theme);
    const fillRgb = fill === null ? undefined : (fill ?? refColor(style, 'fillRef', theme));
    const stroke = lineFill === null ? undefined : (lineFill ?? refColor(style, 'lnRef', theme));
    if (d && (fillRgb || stroke)) {
      items.push({ t: 'path', d, ...(fillRgb ? { fill: fillRgb } : {}), ...(stroke ? { stroke } : {}), lineWidth: Math.max(0.25, (intAttr(ln, 'w') ?? 9525) / EMU_PER_PT), evenOdd: geom?.attrs.prst === 'donut' });
    }
    const body = kids(sp).find((c) => c.local === 'txBody');
    if (!body) continue;
    const box = frameOf(aKid(kids(sp).find((c) => c.local === 'txXfrm'), 'xfrm') ?? kids(sp).find((c) => c.local === 'txXfrm')) ?? frame;
    const base: TextStyle = { size: 18, bold: false, italic: false, color: refColor(style, 'fontRef', theme) ?? [0, 0, 0] };
    items.push(...textBodyItems(body, box, base, theme));
  }
  if (!items.length) return undefined;
  const w = width && width > 0 ? width : maxX;
  const h = height && height > 0 ? height : maxY;
  if (!(w > 0) || !(h > 0)) return undefined;
  return drawingBlock({ width: w, height: h, items }, name);
}
