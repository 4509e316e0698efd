// Pictures set in the line "as a character" (Run.picture): drawn by the picture cache, which is
// asynchronous, while line layout is not. Before layout, every inline picture of the document is
// made drawable once (prepareInlinePictures); lines.ts then looks it up synchronously.

import { saneSetup } from '../model.ts';
import type { Block, DocModel, ImageBlock, Run } from '../model.ts';
import type { Picture, PictureCache } from './picture.ts';

const ready = new WeakMap<ImageBlock, { picture: Picture; maxH: number }>();

/** The drawable picture of an inline picture, once prepareInlinePictures has run over the model. */
export function inlinePicture(img: ImageBlock): Picture | undefined {
  return ready.get(img)?.picture;
}

/** A4 with 2 cm margins, as render.ts lays out a document that gives no page. */
const DEFAULT_TEXT_HEIGHT = 841.89 - 2 * 56.69;

function runsOf(b: Block, out: Run[][]): void {
  // Nesting is bounded by the readers' XML depth limit.
  if (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'list-item') out.push(b.runs);
  else if (b.kind === 'table') for (const r of b.rows) for (const c of r.cells) for (const cb of c.blocks) runsOf(cb, out);
  else if (b.kind === 'float') for (const fb of b.blocks) runsOf(fb, out);
}

/** Makes every inline picture of the model drawable (body, tables, boxes, footnotes, headers and footers). */
export async function prepareInlinePictures(model: DocModel, images: PictureCache): Promise<void> {
  // No picture taller than most of the text area (its header and footer take the rest), so its line fits on a page.
  const setup = model.page ? saneSetup(model.page) : undefined;
  const maxH = 0.8 * (setup ? setup.height - setup.top - setup.bottom : DEFAULT_TEXT_HEIGHT);
  const all: Run[][] = [];
  for (const b of model.blocks) runsOf(b, all);
  for (const paras of model.footnotes?.values() ?? []) for (const p of paras) runsOf(p, all);
  // A logo in a header or footer: at most a quarter of the text area's height, so header and
  // footer never leave the text too little room (render.ts refuses a page they would fill).
  const inFurniture: Run[][] = [];
  const furniture = [{ header: model.header, footer: model.footer }, ...(model.sections ?? [])];
  for (const f of furniture) for (const paras of Object.values(f)) for (const p of (paras as Block[] | undefined) ?? []) runsOf(p, inFurniture);
  for (const [groups, cap] of [[all, maxH], [inFurniture, maxH / 3.2]] as const) {
    for (const runs of groups) {
      for (const r of runs) {
        const img = r.picture?.image;
        if (img && !ready.has(img)) ready.set(img, { picture: await images.get(img), maxH: cap });
      }
    }
  }
}

/** An inline picture's size in points: the document's, else the picture's own, never wider than `maxW`. */
export function inlineSize(img: ImageBlock, pic: Picture, maxW: number): { w: number; h: number } {
  let w = img.width && img.width > 0 ? img.width : pic.width;
  let h = img.height && img.height > 0 ? img.height : img.width && pic.width > 0 ? (pic.height * w) / pic.width : pic.height;
  if (!(w > 0) || !(h > 0)) return { w: 0, h: 0 };
  const maxH = ready.get(img)?.maxH ?? DEFAULT_TEXT_HEIGHT;
  const scale = Math.min(1, maxW > 0 ? maxW / w : 1, maxH / h);
  return { w: w * scale, h: h * scale };
}
