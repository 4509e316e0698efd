// Right-to-left text (Hebrew, Arabic) in visual order. Lines are broken in logical order as
// usual; a line holding RTL characters is then cut into pieces of one embedding level (the
// Unicode Bidirectional Algorithm, bidi-js) and the pieces are put in visual order (rule L2).
// The glyphs inside an RTL piece are shaped and reversed by fontkit's OpenType layout when the
// piece is drawn (render/fontkit-shim.ts sends RTL text through it): Arabic letters take their
// joined forms (init/medi/fina, lam-alef) from DejaVu Sans' GSUB, and the ToUnicode map keeps
// the logical letters, so extracted text reads as written.
// Left out: mirrored brackets inside RTL runs, and justification of lines that hold RTL text
// (they are set flush to their side).

import bidiFactory from 'bidi-js';

/** Hebrew, Arabic (with supplements and presentation forms), Syriac, Thaana, N'Ko. */
export const RTL_RE = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

let bidi: ReturnType<typeof bidiFactory> | null = null;

/** Whether a paragraph reads right to left: its first strong letter is RTL (rules P2/P3). */
export function isRtlParagraph(text: string): boolean {
  if (!RTL_RE.test(text)) return false;
  for (const ch of text) {
    if (RTL_RE.test(ch)) return true;
    if (/\p{L}/u.test(ch)) return false;
  }
  return false;
}

export interface Piece<T> {
  /** Logical text of the piece. */
  text: string;
  /** Its embedding level: odd = right to left. */
  level: number;
  /** What the piece came from (a segment), for its style. */
  from: T;
}

/**
 * Cuts `parts` (logical order, each with its text) into pieces of one level and returns them in
 * visual order, left to right.
 */
export function visualPieces<T>(parts: Array<{ text: string; from: T }>, rtlBase: boolean): Array<Piece<T>> {
  bidi ??= bidiFactory();
  const text = parts.map((p) => p.text).join('');
  const { levels } = bidi.getEmbeddingLevels(text, rtlBase ? 'rtl' : 'ltr');
  const pieces: Array<Piece<T>> = [];
  let at = 0;
  for (const p of parts) {
    let start = 0;
    for (let i = 1; i <= p.text.length; i++) {
      if (i === p.text.length || levels[at + i] !== levels[at + start]) {
        pieces.push({ text: p.text.slice(start, i), level: levels[at + start] ?? (rtlBase ? 1 : 0), from: p.from });
        start = i;
      }
    }
    at += p.text.length;
  }
  // L2: from the highest level down to the lowest odd one, reverse every run at that level or higher.
  const max = pieces.reduce((m, p) => Math.max(m, p.level), 0);
  const minOdd = pieces.reduce((m, p) => (p.level % 2 === 1 ? Math.min(m, p.level) : m), Number.POSITIVE_INFINITY);
  for (let lvl = max; lvl >= minOdd && lvl > 0; lvl--) {
    let i = 0;
    while (i < pieces.length) {
      if ((pieces[i] as Piece<T>).level < lvl) {
        i++;
        continue;
      }
      let j = i;
      while (j < pieces.length && (pieces[j] as Piece<T>).level >= lvl) j++;
      const run = pieces.slice(i, j).toReversed();
      pieces.splice(i, j - i, ...run);
      i = j;
    }
  }
  return pieces;
}

/** Text of an RTL piece without RTL letters (spaces, punctuation) in drawing order. */
export function drawnText(piece: Piece<unknown>): string {
  if (piece.level % 2 === 0 || RTL_RE.test(piece.text)) return piece.text;
  return [...piece.text].toReversed().join('');
}
