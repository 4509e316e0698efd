// Text clean-up before layout: what the face can't show is either dropped (invisible format
// characters), mapped to an equivalent (exotic spaces, non-breaking hyphen) or refused — never
// drawn as empty boxes, since that would silently lose report text.

import { ConversionError } from '../errors.ts';
import { fallbackFaceFor, faceMetrics } from '../fonts.ts';
import { SYMBOL_FONT_CHARS } from '../model.ts';

/** Invisible format characters (controls, soft hyphen, zero-width and direction marks, BOM, variation selectors). */
export function dropped(c: number): boolean {
  return (
    (c < 0x20 && c !== 9 && c !== 10 && c !== 13) ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0xad ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    c === 0xfeff ||
    (c >= 0xfe00 && c <= 0xfe0f)
  );
}

export function exoticSpace(c: number): boolean {
  return (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Whether cleanText has anything to rewrite (most runs don't: skip rebuilding them). */
function needsCleaning(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10) || (c >= 0x7f && c <= 0xad)) return true;
    if (c >= 0x2000 && (dropped(c) || exoticSpace(c) || c === 0x2011 || (c >= 0xf000 && c <= 0xf0ff))) return true;
  }
  return false;
}

/** What a symbol-font code with no known picture is drawn as (a visible box, noted like a picture placeholder). */
export const SYMBOL_PLACEHOLDER = '□';
const PUA_RE = /[\uE002-\uF8FF]/;

/** A private-use code (a symbol font's picture: Wingdings 2, Webdings, OpenSymbol icons) that neither face draws. */
export function undrawableSymbol(cp: number): boolean {
  if (cp < 0xe002 || cp > 0xf8ff || SYMBOL_FONT_CHARS.has(cp)) return false;
  return !faceMetrics('regular').has(cp) && fallbackFaceFor(cp) === undefined;
}

export function cleanText(s: string): string {
  let t = s;
  if (needsCleaning(s)) {
    t = '';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (dropped(c)) continue;
      if (exoticSpace(c)) t += ' ';
      else if (c === 0x2011) t += '-';
      else if (c >= 0xf000 && c <= 0xf0ff && SYMBOL_FONT_CHARS.has(c)) t += SYMBOL_FONT_CHARS.get(c) as string;
      else t += s[i];
    }
  }
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  // A symbol font's picture with no Unicode meaning is a picture, not text: drawn as a visible box
  // and named in the conversion notes (render.ts), never dropped and never a refusal of the document.
  if (PUA_RE.test(t)) t = t.replace(/[\uE002-\uF8FF]/g, (ch) => (undrawableSymbol(ch.charCodeAt(0)) ? SYMBOL_PLACEHOLDER : ch));
  const m = faceMetrics('regular');
  for (let i = 0; i < t.length; i++) {
    const cp = t.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (cp === 10 || cp === 9 || cp === 0xe000 || cp === 0xe001) continue;
    if (!m.has(cp) && fallbackFaceFor(cp) === undefined) {
      throw new ConversionError(
        'unsupported',
        `text contains a character the embedded fonts cannot show, "${String.fromCodePoint(cp)}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}${cp >= 0xe000 && cp <= 0xf8ff ? ', a private-use code of a symbol font with no known meaning' : ''}); converting would lose it`,
      );
    }
  }
  return t;
}
