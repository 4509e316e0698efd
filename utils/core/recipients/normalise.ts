// Domain and address normalisation: the one canonical form that whitelist matching, lookalike
// detection and the verdict's `subject` all use. Domains become lowercase ASCII (punycode) after
// IDNA/UTS-46 processing, without a trailing dot; local parts are compared case-insensitively
// as the contract requires, so they are lowercased too.
//
// tr46 is plain CommonJS with no Node built-ins (it requires the npm `punycode` package and a
// JSON table), so it bundles for the browser as well as running under Node and vitest.
import tr46 from 'tr46';

// Non-transitional (IDNA2008-like) processing with every validity check on: an address domain
// that a mail server could not look up must fail here rather than match something by accident.
const IDNA = {
  checkBidi: true,
  checkHyphens: true,
  checkJoiners: true,
  useSTD3ASCIIRules: true,
  transitionalProcessing: false,
  verifyDNSLength: true,
} as const;

// The full stop and its IDNA equivalents (ideographic, fullwidth, halfwidth); any of them can
// end a fully qualified name that a user pasted.
const TRAILING_DOTS = new Set(['.', '\u3002', '\uFF0E', '\uFF61']);

// Domains recur constantly (the same few recipients on every message), and UTS-46 processing of
// a non-ASCII name walks a large table, so results are memoised. The bound keeps memory flat
// under hostile input; clearing wholesale is simpler than LRU and costs one refill.
const CACHE_LIMIT = 10_000;
const domainCache = new Map<string, string | null>();
const unicodeCache = new Map<string, string>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** A plain lowercase LDH label: the common case, valid without consulting the UTS-46 tables. */
function isPlainLabel(label: string): boolean {
  const n = label.length;
  if (n === 0 || n > 63) return false;
  for (let i = 0; i < n; i++) {
    const c = label.charCodeAt(i);
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
    if (!ok) return false;
  }
  if (label.charCodeAt(0) === 0x2d || label.charCodeAt(n - 1) === 0x2d) return false;
  // `xx--` labels are reserved (A-labels start `xn--`): leave them to tr46, which decodes and
  // checks punycode and rejects the rest.
  if (n >= 4 && label.charCodeAt(2) === 0x2d && label.charCodeAt(3) === 0x2d) return false;
  return true;
}

function isPlainDomain(d: string): boolean {
  if (d.length > 253) return false;
  for (const label of d.split('.')) if (!isPlainLabel(label)) return false;
  return true;
}

/**
 * The canonical ASCII form of a domain: UTS-46 mapped (so case, fullwidth forms and the like
 * fold), punycode for IDN labels, lowercase, no trailing dot. `null` when the name fails IDNA
 * processing or DNS length rules (empty label, label over 63, name over 253 octets).
 */
export function normaliseDomain(d: string): string | null {
  if (typeof d !== 'string') return null;
  // Plain lowercase LDH names (most of them) are valid as they are: cheaper to check than to cache.
  if (d.length > 0 && d.charCodeAt(d.length - 1) !== 0x2e && isPlainDomain(d)) return d;
  const cached = domainCache.get(d);
  if (cached !== undefined || domainCache.has(d)) return cached ?? null;
  return remember(domainCache, d, computeDomain(d));
}

function computeDomain(input: string): string | null {
  let d = input.trim();
  const last = d.slice(-1);
  if (last !== '' && TRAILING_DOTS.has(last)) d = d.slice(0, -1);
  if (d === '') return null;
  const lower = d.toLowerCase();
  if (isPlainDomain(lower)) return lower;
  try {
    const ascii = tr46.toASCII(d, IDNA);
    if (ascii === null || ascii === '') return null;
    return ascii.toLowerCase();
  } catch {
    return null;
  }
}

/** The Unicode (U-label) form of a valid domain, for display and confusable analysis. */
export function toUnicodeDomain(d: string): string | null {
  const ascii = normaliseDomain(d);
  return ascii === null ? null : asciiToUnicode(ascii);
}

/** U-label form of a domain already normalised by normaliseDomain. */
export function asciiToUnicode(ascii: string): string | null {
  if (!ascii.includes('xn--')) return ascii;
  const cached = unicodeCache.get(ascii);
  if (cached !== undefined) return cached;
  try {
    const { domain, error } = tr46.toUnicode(ascii, IDNA);
    if (error) return null;
    return remember(unicodeCache, ascii, domain);
  } catch {
    return null;
  }
}

// RFC 5322 atext plus any non-ASCII character (RFC 6532 allows UTF-8 local parts).
function isAtext(c: number): boolean {
  if (c >= 0x80) return true;
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return true;
  // ! # $ % & ' * + - / = ? ^ _ ` { | } ~
  return "!#$%&'*+-/=?^_`{|}~".includes(String.fromCharCode(c));
}

function isDotAtom(s: string): boolean {
  if (s === '' || s.startsWith('.') || s.endsWith('.') || s.includes('..')) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x2e && !isAtext(c)) return false;
  }
  return true;
}

/**
 * Canonical local part: lowercased; a quoted string whose content is a plain dot-atom loses its
 * quotes (RFC 5321 treats `"jan"@x` and `jan@x` as the same mailbox); any other quoted string is
 * re-quoted with minimal escaping. `null` when it is neither a dot-atom nor a quoted string.
 */
export function normaliseLocalPart(local: string): string | null {
  if (isDotAtom(local)) return local.toLowerCase();
  if (local.length < 2 || !local.startsWith('"') || !local.endsWith('"')) return null;
  let content = '';
  for (let i = 1; i < local.length - 1; i++) {
    const ch = local[i] as string;
    if (ch === '\\') {
      i++;
      if (i >= local.length - 1) return null;
      content += local[i] as string;
    } else if (ch === '"' || ch === '\r' || ch === '\n') {
      return null;
    } else {
      content += ch;
    }
  }
  const lower = content.toLowerCase();
  if (isDotAtom(lower)) return lower;
  return `"${lower.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Normalises a bare address (`local@domain`, no display name) to the form used everywhere:
 * lowercase local part and ASCII domain. `null` when it is not a valid address.
 */
export function normaliseAddress(a: string): { address: string; domain: string } | null {
  if (typeof a !== 'string') return null;
  const s = a.trim();
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return null;
  const local = normaliseLocalPart(s.slice(0, at));
  if (local === null) return null;
  const domain = normaliseDomain(s.slice(at + 1));
  if (domain === null) return null;
  return { address: `${local}@${domain}`, domain };
}
