// Colours as drawn: a model Colour (six hex digits) as pdf-lib's RGB, and the colour a run's
// text is actually drawn in over what lies behind it.

import { fill, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingRgbColor, type PDFPage, type RGB } from '@cantoo/pdf-lib';
import type { Colour } from '../model.ts';

/** What an unshaded page is. */
export const PAPER: Colour = 'FFFFFF';

/**
 * The least contrast ratio (WCAG's definition: (L1 + 0.05) / (L2 + 0.05) of relative
 * luminances, 1 for the same colour, 21 for black on white) text keeps to its background.
 * Below it the text would be all but invisible (white on white, yellow on white at 1.07, a cell
 * shaded in the text's own colour): a safety rule of this converter, that nothing is hidden in the
 * PDF that a reader of it cannot see. 1.5 keeps the pale greys and light colours documents
 * really use for text (silver C0C0C0 on white is 1.8) and catches only the near-invisible.
 */
export const MIN_CONTRAST = 1.5;

const channels = (c: Colour): [number, number, number] => {
  const n = Number.parseInt(c, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

/** A Colour as pdf-lib's RGB. */
export function pdfColour(c: Colour): RGB {
  const [r, g, b] = channels(c);
  return rgb(r / 255, g / 255, b / 255);
}

/** An sRGB channel (0–255) as linear light (0–1). */
const linear = (v: number): number => {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** Relative luminance (sRGB, as WCAG defines it), 0 for black to 1 for white. */
function luminance(c: Colour): number {
  const [r, g, b] = channels(c);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrast(a: Colour, b: Colour): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const memo = new Map<string, Colour | undefined>();

/**
 * The colour text of colour `text` (undefined: the default black) is drawn in on `background`
 * (undefined: the paper): its own while it keeps MIN_CONTRAST to the background; else black, or
 * white on a background too dark for black (Word's "automatic" colour does the same on dark
 * shading). Undefined means black.
 */
export function drawnColour(text: Colour | undefined, background: Colour | undefined): Colour | undefined {
  const bg = background ?? PAPER;
  const key = `${text ?? ''}/${bg}`;
  if (memo.has(key)) return memo.get(key);
  let out: Colour | undefined = text === '000000' ? undefined : text;
  if (contrast(out ?? '000000', bg) < MIN_CONTRAST) out = contrast('000000', bg) >= contrast('FFFFFF', bg) ? undefined : 'FFFFFF';
  if (memo.size > 4096) memo.clear();
  memo.set(key, out);
  return out;
}

/**
 * A rectangle filled in `colour` (x, y its lower left corner), as four operators in q…Q:
 * page.drawRectangle would add three transforms, a dash pattern and a path of five points to each.
 */
export function fillRect(page: PDFPage, x: number, y: number, width: number, height: number, colour: Colour): void {
  if (!(width > 0) || !(height > 0) || ![x, y, width, height].every(Number.isFinite)) return;
  const c = pdfColour(colour);
  page.pushOperators(pushGraphicsState(), setFillingRgbColor(c.red, c.green, c.blue), rectangle(x, y, width, height), fill(), popGraphicsState());
}
