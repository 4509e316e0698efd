// The fontkit pdf-lib is given: parsed faces cached across conversions, and a plain
// one-glyph-per-character layout instead of OpenType shaping.

import fontkit from '@cantoo/fontkit';
import { RTL_RE } from './bidi.ts';

interface FontkitLike {
  create(data: Uint8Array, postscriptName?: string): unknown;
}

interface ShapingFont {
  layout(text: string, features?: unknown): { glyphs: unknown[] };
  getGlyph(id: number, codePoints?: number[]): unknown;
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
    const shaping = font.layout.bind(font);
    // fontkit caches a glyph with the code points it was first asked with; the subsetter asks for
    // composite glyphs' components with none, and a shaped Arabic form may be such a component.
    // Give a cached glyph the code points shaping knows, or its letter drops out of ToUnicode.
    const getGlyph = font.getGlyph.bind(font);
    font.getGlyph = (id: number, codePoints?: number[]) => {
      const g = getGlyph(id, codePoints) as { codePoints?: number[] };
      if (codePoints?.length && !g.codePoints?.length) g.codePoints = codePoints;
      return g;
    };
    font.layout = (text: string, features?: unknown) => {
      // Right-to-left pieces (one bidi level each, render/bidi.ts) get the real OpenType layout:
      // Arabic joining forms and visual order; their glyphs keep the logical code points.
      if (RTL_RE.test(text)) return shaping(text, features);
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
