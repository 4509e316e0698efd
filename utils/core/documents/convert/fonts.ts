// The embedded text face (Open Sans, Apache 2.0), its symbol fallback (DejaVu Sans, loaded only
// when a document needs it) and their metrics.
// Metrics come from fontkit directly with a per-code-point cache: measuring every word through
// pdf-lib's layout() would cost far more than the whole conversion budget on a 20-page report.

import fontkit from '@cantoo/fontkit';
import { OPEN_SANS_BASE64 } from './fonts/open-sans.ts';
import { RTL_RE } from './render/bidi.ts';

export type FaceKey = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'fallback';

export const FACE_KEYS: readonly FaceKey[] = ['regular', 'bold', 'italic', 'boldItalic', 'fallback'];

export function faceKey(bold?: boolean, italic?: boolean): FaceKey {
  if (bold && italic) return 'boldItalic';
  if (bold) return 'bold';
  if (italic) return 'italic';
  return 'regular';
}

function decodeBase64(b64: string): Uint8Array {
  // atob exists in Node, browsers and extension documents alike.
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const bytesCache = new Map<FaceKey, Uint8Array>();

export function faceBytes(key: FaceKey): Uint8Array {
  let b = bytesCache.get(key);
  if (!b) {
    if (key === 'fallback') throw new Error('the fallback face is used before loadFallbackFace()');
    b = decodeBase64(OPEN_SANS_BASE64[key]);
    bytesCache.set(key, b);
  }
  return b;
}

/** Loads DejaVu Sans (1 MB of base64) on first need; a separate chunk in the extension bundle. */
export async function loadFallbackFace(): Promise<void> {
  if (bytesCache.has('fallback')) return;
  const { DEJAVU_SANS_BASE64 } = await import('./fonts/dejavu-sans.ts');
  bytesCache.set('fallback', decodeBase64(DEJAVU_SANS_BASE64));
}

export function fallbackLoaded(): boolean {
  return bytesCache.has('fallback');
}

interface FontkitFont {
  unitsPerEm: number;
  layout(text: string): { advanceWidth: number };
  ascent: number;
  descent: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

export interface FaceMetrics {
  /** Advance width of one code point in em units (1 = font size); NaN when the face has no glyph. */
  advance(cp: number): number;
  width(text: string, size: number): number;
  has(cp: number): boolean;
  ascent: number; // em units
  descent: number; // em units, positive
}

const metricsCache = new Map<FaceKey, FaceMetrics>();

export function faceMetrics(key: FaceKey): FaceMetrics {
  const cached = metricsCache.get(key);
  if (cached) return cached;
  const font = (fontkit as unknown as { create(b: Uint8Array): FontkitFont }).create(faceBytes(key));
  const upm = font.unitsPerEm;
  // Basic Multilingual Plane in typed arrays (a Map lookup per character was a hot spot);
  // NaN = not looked up yet, -1 = no glyph.
  const bmp = new Float32Array(0x10000).fill(Number.NaN);
  const astral = new Map<number, number>();
  const lookup = (cp: number): number => (font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).advanceWidth / upm : -1);
  const raw = (cp: number): number => {
    if (cp < 0x10000) {
      let w = bmp[cp] as number;
      if (Number.isNaN(w)) {
        w = lookup(cp);
        bmp[cp] = w;
      }
      return w;
    }
    let w = astral.get(cp);
    if (w === undefined) {
      w = lookup(cp);
      astral.set(cp, w);
    }
    return w;
  };
  const m: FaceMetrics = {
    advance: (cp) => {
      const w = raw(cp);
      return w < 0 ? Number.NaN : w;
    },
    has: (cp) => raw(cp) >= 0,
    width(text, size) {
      // Shaped right-to-left text (Arabic joining forms) has the widths of its shaped glyphs.
      if (RTL_RE.test(text)) return (font.layout(text).advanceWidth / upm) * size;
      let w = 0;
      for (let i = 0; i < text.length; i++) {
        let cp = text.charCodeAt(i);
        if (cp >= 0xd800 && cp < 0xdc00) {
          cp = text.codePointAt(i) as number;
          i++;
        }
        const a = raw(cp);
        if (a > 0) w += a;
      }
      return w * size;
    },
    ascent: font.ascent / upm,
    descent: Math.abs(font.descent) / upm,
  };
  metricsCache.set(key, m);
  return m;
}
