// The fontkit pdf-lib is given: parsed faces cached across conversions, and a plain
// one-glyph-per-character layout instead of OpenType shaping.

import fontkit from '@cantoo/fontkit';

interface FontkitLike {
  create(data: Uint8Array, postscriptName?: string): unknown;
}

interface ShapingFont {
  layout(text: string, features?: unknown): { glyphs: unknown[] };
  glyphForCodePoint(cp: number): unknown;
}

/**
 * fontkit with a plain one-glyph-per-character layout. pdf-lib shapes every drawn string through
 * fontkit's full OpenType layout, which costs more than the rest of the conversion together; a
 * report in a Latin script needs neither ligatures nor kerning, and plain mapping keeps the drawn
 * widths identical to what the line breaker measured (fonts.ts). The glyphs still carry their
 * code points, so the ToUnicode map and text extraction are unchanged.
 */
const parsedFonts = new WeakMap<Uint8Array, ShapingFont>();

export const plainLayoutFontkit: FontkitLike = {
  create(data, postscriptName) {
    // The face bytes are module constants (fonts.ts), so a parsed font is reused by every
    // conversion: each document still gets its own subset (createSubset) from it.
    const cached = parsedFonts.get(data);
    if (cached) return cached;
    const font = (fontkit as unknown as FontkitLike).create(data, postscriptName) as ShapingFont;
    const cache = new Map<number, unknown>();
    font.layout = (text: string) => {
      const glyphs: unknown[] = [];
      for (const ch of text) {
        const cp = ch.codePointAt(0) as number;
        let g = cache.get(cp);
        if (g === undefined) {
          g = font.glyphForCodePoint(cp);
          cache.set(cp, g);
        }
        glyphs.push(g);
      }
      return { glyphs };
    };
    parsedFonts.set(data, font);
    return font;
  },
};
