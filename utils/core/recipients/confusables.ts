// UTS #39 confusable skeletons and script detection for domain labels.
//
// Data: the `unhomoglyph` package's data.json, a verbatim source→prototype map of Unicode's
// confusables.txt (version 13.0.0, 6 311 entries, single code point sources; the Unicode data
// is under the Unicode licence, the package under MIT). The package's own replace function is
// not used: it applies a 6 000-way regex alternation and skips the NFD steps UTS #39 requires.
//
// skeleton(X) per UTS #39 §4 is NFD(map(NFD(X))). Domains are lowercase, but some prototypes are
// capitals (`0` → `O`), so the result is lowercased and mapped once more: that is what makes
// `0`/`o`, `1`/`l` and `rn`/`m` collide in lowercase domain names, as they do to the eye.
import data from 'unhomoglyph/data.json' with { type: 'json' };

let table: Map<number, string> | null = null;
const asciiTable: string[] = [];

function load(): Map<number, string> {
  if (table !== null) return table;
  const t = new Map<number, string>();
  for (const [from, to] of Object.entries(data as Record<string, string>)) {
    const cp = from.codePointAt(0);
    // Each key is exactly one code point; anything else would be a data error, so skip it.
    if (cp !== undefined && String.fromCodePoint(cp) === from) t.set(cp, to);
  }
  table = t;
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    asciiTable.push(mapOnce(mapOnce(ch).toLowerCase()));
  }
  return t;
}

function mapOnce(s: string): string {
  const t = load();
  let out = '';
  for (const ch of s) out += t.get(ch.codePointAt(0) as number) ?? ch;
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The confusable skeleton of a (lowercase) string; equal skeletons look alike. */
export function skeleton(s: string): string {
  load();
  if (isAscii(s)) {
    let out = '';
    for (let i = 0; i < s.length; i++) out += asciiTable[s.charCodeAt(i)] as string;
    return out;
  }
  const once = mapOnce(s.normalize('NFD')).normalize('NFD');
  return mapOnce(once.toLowerCase()).normalize('NFD');
}

// Scripts that occur in domain names. A character in none of them counts as its own script
// ('Other'), which can only make a label look more mixed, never less (fail closed).
const SCRIPTS: readonly [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
];
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

function scriptOf(ch: string): string | null {
  const c = ch.codePointAt(0) as number;
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ? 'Latin' : null;
  if (NEUTRAL.test(ch)) return null;
  for (const [name, re] of SCRIPTS) if (re.test(ch)) return name;
  return 'Other';
}

/**
 * Whether a label mixes scripts (Latin with Cyrillic, Greek, …). Digits, hyphens and combining
 * marks belong to no script. Chinese/Japanese combinations are normal writing, not mixing.
 */
export function isMixedScript(label: string): boolean {
  if (isAscii(label)) return false;
  const seen = new Set<string>();
  for (const ch of label) {
    const s = scriptOf(ch);
    if (s !== null) seen.add(s === 'Hiragana' || s === 'Katakana' ? 'Han' : s);
  }
  return seen.size > 1;
}
