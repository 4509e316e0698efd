// The embedded text faces and their metrics: Open Sans (Apache 2.0), the default face; the
// metric-compatible faces of the fonts reports name (Carlito for Calibri, Caladea for Cambria,
// Arimo for Arial/Helvetica, Tinos for Times New Roman, Cousine for Courier New: SIL OFL, the
// widths of the fonts they stand for, so lines break where Word's do), each loaded only when a
// document uses it; and DejaVu Sans, the fallback for symbols Open Sans lacks, loaded only when
// a document needs it; and Noto Sans JP (kana, JIS kanji, CJK punctuation), loaded only when a
// document has characters neither of those draws. A character a document face lacks is drawn in
// Open Sans, then DejaVu Sans, then Noto Sans JP.
// Metrics come from fontkit directly with a per-code-point cache: measuring every word through
// pdf-lib's layout() would cost far more than the whole conversion budget on a 20-page report.

import fontkit from '@cantoo/fontkit';
import { OPEN_SANS_BASE64 } from './fonts/open-sans.ts';
import { RTL_RE } from './render/bidi.ts';

/** A style of a family: Open Sans' own keys are the bare style names. */
export type StyleKey = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** The metric-compatible faces (fonts/<family>.ts, Latin subset, four styles each). */
export type MetricFamily = 'carlito' | 'caladea' | 'arimo' | 'tinos' | 'cousine';

export type FaceKey = StyleKey | `${MetricFamily}-${StyleKey}` | 'fallback' | 'cjk';

export const FACE_KEYS: readonly FaceKey[] = ['regular', 'bold', 'italic', 'boldItalic', 'fallback', 'cjk'];

export const METRIC_FAMILIES: readonly MetricFamily[] = ['carlito', 'caladea', 'arimo', 'tinos', 'cousine'];

/**
 * The face a document's font name is drawn with: the metric-compatible twin of Calibri, Cambria,
 * Arial/Helvetica, Times New Roman and Courier New (and those twins' own names, and the
 * Liberation faces LibreOffice writes), else undefined (Open Sans).
 */
const FAMILY_OF: Record<string, MetricFamily> = {
  calibri: 'carlito',
  'calibri light': 'carlito',
  carlito: 'carlito',
  cambria: 'caladea',
  caladea: 'caladea',
  arial: 'arimo',
  arialmt: 'arimo',
  helvetica: 'arimo',
  'liberation sans': 'arimo',
  arimo: 'arimo',
  'times new roman': 'tinos',
  timesnewromanpsmt: 'tinos',
  times: 'tinos',
  'liberation serif': 'tinos',
  tinos: 'tinos',
  'courier new': 'cousine',
  couriernewpsmt: 'cousine',
  courier: 'cousine',
  'liberation mono': 'cousine',
  cousine: 'cousine',
  // StarOffice's and OpenOffice's own metric twins (old ODT and SXW files name them); LibreOffice
  // sets them in the Liberation faces, whose widths are those of Times New Roman, Arial and Courier New.
  thorndale: 'tinos',
  'thorndale amt': 'tinos',
  albany: 'arimo',
  'albany amt': 'arimo',
  cumberland: 'cousine',
  'cumberland amt': 'cousine',
  // Monospaced faces with no open metric twin: a fixed-pitch face keeps their columns (code,
  // aligned listings) where Open Sans would not; LibreOffice too sets them in a monospaced
  // face. Consolas is 0.55 em a character, Cousine 0.6.
  consolas: 'cousine',
  'lucida console': 'cousine',
  'lucida sans typewriter': 'cousine',
  'dejavu sans mono': 'cousine',
  'bitstream vera sans mono': 'cousine',
  'andale mono': 'cousine',
  menlo: 'cousine',
  monaco: 'cousine',
  'source code pro': 'cousine',
  inconsolata: 'cousine',
  'roboto mono': 'cousine',
  'ubuntu mono': 'cousine',
  'fira mono': 'cousine',
  'fira code': 'cousine',
  'noto mono': 'cousine',
  'noto sans mono': 'cousine',
  'cascadia code': 'cousine',
  'cascadia mono': 'cousine',
};

export function metricFamily(fontName: string | undefined): MetricFamily | undefined {
  if (!fontName) return undefined;
  return FAMILY_OF[fontName.trim().replace(/^['"]|['"]$/g, '').toLowerCase()];
}

export function faceKey(bold?: boolean, italic?: boolean, family?: MetricFamily): FaceKey {
  const style: StyleKey = bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
  return family ? `${family}-${style}` : style;
}

/** The Open Sans face of a key's style (the next face of a metric face's fallback chain). */
export function openSansFace(key: FaceKey): FaceKey {
  const dash = key.indexOf('-');
  return dash < 0 ? key : (key.slice(dash + 1) as StyleKey);
}

/** The metric family of a face key, if it is one. */
function familyOfKey(key: FaceKey): MetricFamily | undefined {
  const dash = key.indexOf('-');
  return dash < 0 ? undefined : (key.slice(0, dash) as MetricFamily);
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
    if (key === 'cjk') throw new Error('the CJK face is used before loadCjkFace()');
    if (familyOfKey(key)) throw new Error(`the ${key} face is used before loadFamilies()`);
    b = decodeBase64(OPEN_SANS_BASE64[key as StyleKey]);
    bytesCache.set(key, b);
  }
  return b;
}

/** Loads a face kept in a module of its own (a separate chunk in the extension bundle) on first need. */
async function loadOnce(key: 'fallback' | 'cjk', base64: () => Promise<string>): Promise<void> {
  if (!bytesCache.has(key)) bytesCache.set(key, decodeBase64(await base64()));
}

/** Loads DejaVu Sans (1 MB of base64) on first need. */
export function loadFallbackFace(): Promise<void> {
  return loadOnce('fallback', async () => (await import('./fonts/dejavu-sans.ts')).DEJAVU_SANS_BASE64);
}

export function fallbackLoaded(): boolean {
  return bytesCache.has('fallback');
}

/** Loads Noto Sans JP (1.8 MB of base64) on first need. */
export function loadCjkFace(): Promise<void> {
  return loadOnce('cjk', async () => (await import('./fonts/noto-sans-jp.ts')).NOTO_SANS_JP_WOFF_BASE64);
}

export function cjkLoaded(): boolean {
  return bytesCache.has('cjk');
}

/**
 * Whether a code point is in a block the CJK face is for (CJK punctuation, kana, ideographs,
 * compatibility ideographs and forms, full-width forms, the supplementary ideograph planes): the
 * characters worth loading it for. Others that Open Sans and DejaVu Sans lack are refused without.
 */
export function cjkBlock(cp: number): boolean {
  return (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x20000 && cp <= 0x3ffff);
}

/** The loaded face after Open Sans that draws a code point: DejaVu Sans, else Noto Sans JP; undefined if neither does. */
export function fallbackFaceFor(cp: number): 'fallback' | 'cjk' | undefined {
  if (bytesCache.has('fallback') && faceMetrics('fallback').has(cp)) return 'fallback';
  if (bytesCache.has('cjk') && faceMetrics('cjk').has(cp)) return 'cjk';
  return undefined;
}

/** One family's four styles, base64 WOFF; each module is a chunk of its own in the extension. */
async function familyModule(family: MetricFamily): Promise<Record<StyleKey, string>> {
  switch (family) {
    case 'carlito':
      return (await import('./fonts/carlito.ts')).CARLITO_WOFF_BASE64;
    case 'caladea':
      return (await import('./fonts/caladea.ts')).CALADEA_WOFF_BASE64;
    case 'arimo':
      return (await import('./fonts/arimo.ts')).ARIMO_WOFF_BASE64;
    case 'tinos':
      return (await import('./fonts/tinos.ts')).TINOS_WOFF_BASE64;
    case 'cousine':
      return (await import('./fonts/cousine.ts')).COUSINE_WOFF_BASE64;
  }
}

const loadedFamilies = new Set<MetricFamily>();

/** Loads the metric-compatible faces a document uses (only those: about 100 KB of base64 a family). */
export async function loadFamilies(families: Iterable<MetricFamily>): Promise<void> {
  for (const family of families) {
    if (loadedFamilies.has(family)) continue;
    const styles = await familyModule(family);
    for (const style of ['regular', 'bold', 'italic', 'boldItalic'] as const) bytesCache.set(`${family}-${style}`, decodeBase64(styles[style]));
    loadedFamilies.add(family);
  }
}

export function familyLoaded(family: MetricFamily): boolean {
  return loadedFamilies.has(family);
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
