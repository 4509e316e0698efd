// Floating boxes (text boxes, frames, shapes, floating pictures): placed where the file puts
// them on the page, their text laid out in their width, and the room they take registered with
// the flow so the body text that follows wraps around them (beside a square-wrapped box, below a
// top-and-bottom one). A box that can't be placed (holding a table, taller than the page) is
// left to the caller to lay out inline, with a note, so no text is lost.

import type { Block, FloatBox, Heading, ListItem, Paragraph, Sides } from '../model.ts';
import { inlineFloats, runsPrint, sidesOf } from '../model.ts';
import { BODY_SIZE, layoutTextBlock, type DrawContext, type FlowLine, type TextSetting } from './lines.ts';
import { imageLine, type Flow } from './page-flow.ts';
import type { ConversionNote, PictureCache } from './picture.ts';

/** A box's text padding when the file gives none (Word's default text box insets: 0.1 in across, 0.05 in down). */
const DEFAULT_INSET: Sides = { left: 7.2, right: 7.2, top: 3.6, bottom: 3.6 };
const NO_SIDES: Sides = { left: 0, right: 0, top: 0, bottom: 0 };

/**
 * The body text of a paragraph laid out around the floats on the current page: each line at
 * the width left beside the floats it would run into. Line heights come from the layout itself,
 * so it is laid out again until the shape it predicts is the one it was laid out with.
 */
export function wrappedLayout(flow: Flow, block: Paragraph | Heading | ListItem, size: number, set: TextSetting): FlowLine[] {
  if (!flow.hasFloats()) return layoutTextBlock(block, flow.width, size, set);
  let shapes: LineShape[] = [];
  let lines = layoutTextBlock(block, flow.width, size, set);
  for (let round = 0; round < 4; round++) {
    // Where each line would go: down the page from the flow's place, a row beside the floats
    // holding one line per free stretch (all but its last sharing the row: `row`).
    const next: LineShape[] = [];
    let y = flow.y;
    let fresh = flow.isFresh();
    for (let k = 0; k < lines.length; ) {
      const l = lines[k] as FlowLine;
      if (l.spacer) {
        if (!fresh) y -= l.height;
        k++;
        continue;
      }
      // A row's left part has no height of its own: the row is as tall as its next line.
      const h = l.height || lines.slice(k + 1).find((n) => !n.spacer && n.height > 0)?.height || size * 1.2;
      const free = flow.besideAt(y, h);
      if (!free) {
        next.push(undefined);
        k++;
      } else {
        free.forEach((g, j) => next.push(j < free.length - 1 ? { ...g, row: true } : g));
        k += free.length;
      }
      y -= h;
      fresh = false;
    }
    // Rows past the last line, at its height, while floats are beside: a narrower layout has more lines.
    const last = lines.findLast((l) => !l.spacer);
    const step = last?.height ?? 0;
    for (let extra = 0; extra < (step > 0 ? 200 : 0); extra++) {
      const free = flow.besideAt(y, step);
      if (!free) break;
      free.forEach((g, j) => next.push(j < free.length - 1 ? { ...g, row: true } : g));
      y -= step;
    }
    const same = next.length === shapes.length && next.every((g, i) => g?.width === shapes[i]?.width && g?.dx === shapes[i]?.dx && g?.row === shapes[i]?.row);
    if (same) break;
    shapes = next;
    if (shapes.every((g) => g === undefined)) return layoutTextBlock(block, flow.width, size, set);
    const frozen = shapes;
    lines = layoutTextBlock(block, flow.width, size, { ...set, shape: (i) => frozen[i] });
  }
  return lines;
}

type LineShape = { width: number; dx: number; row?: boolean } | undefined;

/** Whether the renderer can place these blocks (a box's, nested boxes inlined) where they float: text and pictures only. */
function placeable(blocks: Block[]): boolean {
  return blocks.every((b) => b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'list-item' || b.kind === 'image');
}

/**
 * Places a floating box on the current page (or the next, when a box anchored to its paragraph
 * would run below the text area) and registers its room for wrapping. Returns the blocks the
 * caller must lay out inline instead (a box it can't place), else an empty list.
 */
export async function placeFloat(flow: Flow, box: FloatBox, ctx: DrawContext, images: PictureCache, set: TextSetting, notes: ConversionNote[]): Promise<Block[]> {
  const blocks = inlineFloats(box.blocks);
  const hasText = blocks.some((b) => b.kind === 'table' || ((b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'list-item') && runsPrint(b.runs)));
  if (!placeable(blocks)) {
    if (hasText) notes.push({ kind: 'layout', detail: 'a floating text box holding a table was printed where it is anchored, not where it floats' });
    return blocks;
  }
  const paper = flow.paper;
  const width = Math.min(Math.max(box.width, 12), paper.width);
  // Insets of at most a third of the box across (so some room is left for its text), none negative.
  const given = sidesOf(box.inset, DEFAULT_INSET);
  const side = (v: number): number => Math.min(Math.max(v, 0), width / 3);
  const inset: Sides = { left: side(given.left), right: side(given.right), top: Math.min(Math.max(given.top, 0), 72), bottom: Math.min(Math.max(given.bottom, 0), 72) };
  const inner = width - inset.left - inset.right;
  const layout = async (w: number): Promise<FlowLine[]> => {
    const out: FlowLine[] = [];
    for (const b of blocks) {
      if (b.kind === 'image') out.push(imageLine(b, await images.get(b), width, paper.height));
      else if (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'list-item') out.push(...layoutTextBlock(b, w, BODY_SIZE, set));
    }
    return out;
  };
  let lines = await layout(inner);
  // A text block as wide as its widest line (halign): laid out again in that width, which breaks
  // it at the same places (every line fits), so its lines are aligned within it; then moved across.
  let blockX = 0;
  const widest = Math.max(0, ...lines.map((l) => l.textWidth ?? 0));
  if (box.halign && widest > 0 && widest < inner - 0.5 && blocks.every((b) => b.kind !== 'image')) {
    lines = await layout(widest + 0.01);
    blockX = box.halign === 'center' ? (inner - widest) / 2 : box.halign === 'right' ? inner - widest : 0;
  }
  while (lines.length && lines[0]?.spacer) lines.shift();
  while (lines.length && lines[lines.length - 1]?.spacer) lines.pop();
  const onlyPicture = blocks.length > 0 && blocks.every((b) => b.kind === 'image');
  const pad = onlyPicture ? NO_SIDES : inset;
  const text = lines.reduce((s, l) => s + l.height, 0);
  const content = text + pad.top + pad.bottom;
  const height = Math.max(box.height ?? 0, content);
  // Text in a box taller than it: at the top, in the middle or at the foot of the room inside the insets.
  const room = height - content;
  const drop = box.valign === 'middle' ? room / 2 : box.valign === 'bottom' ? room : 0;
  // The room kept free around the box; an aligned box keeps it from the edge it is aligned to as well (LibreOffice).
  const g = sidesOf(box.gap, NO_SIDES);
  const gap: Sides = { left: Math.max(0, g.left), right: Math.max(0, g.right), top: Math.max(0, g.top), bottom: Math.max(0, g.bottom) };
  if (height > paper.height) {
    if (hasText) notes.push({ kind: 'layout', detail: 'a floating text box taller than the page was printed where it is anchored' });
    return blocks;
  }

  // Across: from the page edge, the margin or the column (the text area), by offset or alignment.
  const areaX = box.x.from === 'page' ? { from: 0, size: paper.width } : { from: flow.left, size: flow.width };
  const alignW = box.x.alignWidth ?? width;
  let x = areaX.from + (box.x.offset ?? 0);
  if (box.x.align === 'center') x = areaX.from + (areaX.size - alignW) / 2;
  else if (box.x.align === 'right') x = areaX.from + areaX.size - alignW - gap.right;
  else if (box.x.align === 'left') x = areaX.from + gap.left;
  if (box.x.align) x += box.x.shift ?? 0;
  x = Math.min(Math.max(x, 0), paper.width - width);

  // Down: from the page's top edge, the top of the text area, or the paragraph's top (where the flow is).
  const top = (): number => {
    const area = box.y.from === 'page' ? { top: paper.height, size: paper.height } : box.y.from === 'margin' ? { top: flow.top, size: flow.top - flow.bottom } : { top: flow.y, size: 0 };
    const alignH = box.y.alignHeight ?? height;
    const shift = box.y.shift ?? 0;
    if (box.y.align === 'center') return area.top - (area.size - alignH) / 2 - shift;
    if (box.y.align === 'bottom') return area.top - area.size + alignH + gap.bottom - shift;
    return area.top - (box.y.align === 'top' ? gap.top + shift : (box.y.offset ?? 0));
  };
  let yTop = top();
  // A box anchored to its paragraph that would run below the text area moves to the next page
  // with its paragraph (when it fits there); any box is kept on the paper.
  if (box.y.from === 'paragraph' && yTop - height < flow.bottom && !flow.isFresh() && height <= flow.bodyHeight) {
    flow.newPage();
    yTop = top();
  }
  yTop = Math.min(yTop, paper.height);
  // Text of another box drawn there already (overlapping shapes of a group): this box's text goes below it.
  const x1 = x + pad.left;
  const x2 = x + width - pad.right;
  const textTop = (t: number): number => t - pad.top - drop;
  if (text > 0 && !onlyPicture) yTop = Math.min(yTop, flow.clearOfFloatText(x1, x2, textTop(yTop), text) + pad.top + drop);
  if (yTop - height < 0) yTop = height;

  let y = textTop(yTop);
  if (text > 0 && !onlyPicture) flow.addFloatText({ x1, x2, top: y, bottom: y - text });
  for (const l of lines) {
    if (!l.spacer) l.draw?.(flow.page, x1 + blockX, y, ctx);
    y -= l.height;
  }
  if (box.wrap !== 'none') {
    flow.addFloat({ x1: x - gap.left, x2: x + width + gap.right, top: yTop + gap.top, bottom: yTop - height - gap.bottom, beside: box.wrap === 'square', ...(box.sides ? { sides: box.sides } : {}) });
  }
  return [];
}
