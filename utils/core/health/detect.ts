// Health-term detection, run on every send over the body and each attachment's text. The
// lexicon is compiled once into hash tables (per distinct policy adjustment), and the text is
// read in one pass: normalise, split into words, look each word up, try the compound splits
// of the few words long enough to be compounds, and check phrases starting at the word.
import { COMPOUND_RULES, HEALTH_LEXICON, NOT_HEALTH, PHRASE_RULES, type LexiconEntry } from './lexicon.ts';

/** A policy's `healthTerms` (contracts §2). */
export interface HealthTermsAdjust {
  add?: readonly string[];
  remove?: readonly string[];
}

/** The shorter part of a compound must have at least this many letters. */
const MIN_PART = 3;
/** Length of the prefix/suffix used to rule words out before trying compound splits. Every
 *  compound head and tail is at least this long (fromAdded enforces it for policy additions). */
const AFFIX_KEY = 3;

/** Characters that never separate words: soft hyphen and zero-width characters. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const HAS_INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const NON_ASCII = /[^ -~\t\n\r]/; // anything beyond printable ASCII and ordinary whitespace
const MARKS = /\p{M}+/gu;
/**
 * A word is letters (with any combining marks) and digits, possibly joined by hyphens or
 * apostrophes ("burn-out", "hernia's"), or split by a hyphen at a line end ("depres-\nsie",
 * as PDFs break words).
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['\u2019\u02bc\u2010\u2011-]|-[ \t]*\r?\n[ \t]*)[\p{L}\p{M}\p{N}]+)*/gu;
const JOINER = /['\u2019\u02bc\u2010\u2011-]/;
const JOINERS = /[^\p{L}\p{N}]+/gu;

/**
 * One word as compared: lower case, compatibility-decomposed (PDF ligatures "ﬁ" → "fi") and
 * without diacritics. Only words with non-ASCII characters pay for the Unicode work.
 */
export function normalizeForMatching(word: string): string {
  const lower = word.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFKD').replace(MARKS, '') : lower;
}

/** A raw word's lookup key and, when it has hyphens or apostrophes, its parts. */
function wordKey(raw: string): { key: string; parts: string[] | null } {
  const folded = normalizeForMatching(raw);
  // The common case: a plain ASCII word is its own key.
  if (!JOINER.test(raw) && !raw.includes('\n')) return { key: NON_ASCII.test(raw) ? folded.replace(JOINERS, '') : folded, parts: null };
  const parts = folded.split(JOINERS).filter(Boolean);
  return { key: parts.join(''), parts: parts.length > 1 ? parts : null };
}

/** Lexicon strings are keyed exactly like text words. */
function keyWords(s: string): string[] {
  return Array.from(s.replace(INVISIBLE, '').matchAll(WORD), (m) => wordKey(m[0]).key).filter(Boolean);
}

interface Hit {
  /** What is reported; null for compound matches, which report the word found. */
  canonical: string | null;
  unlessNear?: ReadonlySet<string>;
}

interface PhraseHit {
  rest: readonly string[];
  hit: Hit;
}

export interface CompiledLexicon {
  words: Map<string, Hit>;
  phrases: Map<string, PhraseHit[]>;
  heads: Map<string, Hit>;
  tails: Map<string, Hit>;
  headLengths: number[];
  tailLengths: number[];
  ruleHeads: Map<string, number[]>;
  ruleTails: Set<string>[];
  ruleHeadLengths: number[];
  /** First/last letters of every head/tail: most words are ruled out by one Set lookup. */
  headStarts: Set<string>;
  tailEnds: Set<string>;
  ruleHeadStarts: Set<string>;
  /** Normalised keys never reported (policy `remove` plus words that only look compound). */
  removed: Set<string>;
  notHealth: Set<string>;
}

function distinctLengths(keys: Iterable<string>): number[] {
  return [...new Set(Array.from(keys, (k) => k.length))].toSorted((a, b) => b - a);
}

function fromAdded(raw: string): LexiconEntry | null {
  const trimmed = raw.trim();
  const head = trimmed.endsWith('*');
  const tail = trimmed.startsWith('*');
  const word = trimmed.replace(/^\*+|\*+$/g, '').trim();
  const key = keyWords(word).join('');
  if (key.length < 2) return null;
  // A two-letter addition still matches as a word, but is too short to anchor compounds safely.
  const compound = key.length < MIN_PART ? undefined : head && tail ? 'both' : head ? 'head' : tail ? 'tail' : undefined;
  return compound ? { term: word, compound } : { term: word };
}

/**
 * Compile the lexicon with a policy's adjustments. `add` entries are words or phrases; a
 * trailing `*` lets a word start a compound ("whiplash*" → "whiplashklachten"), a leading `*`
 * end one. `remove` takes out a term (with its forms and compounds) or a single form.
 */
export function compileLexicon(adjust: HealthTermsAdjust = {}): CompiledLexicon {
  const removed = new Set((adjust.remove ?? []).map((r) => keyWords(r.replace(/\*/g, '')).join(' ')).filter(Boolean));
  const c: CompiledLexicon = {
    words: new Map(),
    phrases: new Map(),
    heads: new Map(),
    tails: new Map(),
    headLengths: [],
    tailLengths: [],
    ruleHeads: new Map(),
    ruleTails: [],
    ruleHeadLengths: [],
    headStarts: new Set(),
    tailEnds: new Set(),
    ruleHeadStarts: new Set(),
    removed,
    notHealth: new Set(NOT_HEALTH.map((w) => keyWords(w).join(''))),
  };
  const added = (adjust.add ?? []).map(fromAdded).filter((e): e is LexiconEntry => e !== null);
  const phraseRules: LexiconEntry[] = PHRASE_RULES.flatMap((r) => r.heads.flatMap((h) => r.tails.map((t) => ({ term: `${h} ${t}` }))));

  for (const entry of [...HEALTH_LEXICON, ...phraseRules, ...added]) {
    const termKey = keyWords(entry.term);
    if (termKey.length === 0 || removed.has(termKey.join(' '))) continue;
    const hit: Hit = { canonical: entry.term };
    if (entry.unlessNear?.length) hit.unlessNear = new Set(entry.unlessNear.flatMap(keyWords));
    const compoundHit: Hit = { canonical: null, ...(hit.unlessNear ? { unlessNear: hit.unlessNear } : {}) };
    const spellings = [entry.alone === false ? null : termKey, ...(entry.forms ?? []).map(keyWords)];
    for (const words of spellings) {
      if (!words || words.length === 0 || removed.has(words.join(' '))) continue;
      const [first, ...rest] = words as [string, ...string[]];
      if (rest.length === 0) {
        if (!c.words.has(first)) c.words.set(first, hit);
      } else {
        const list = c.phrases.get(first) ?? [];
        list.push({ rest, hit });
        c.phrases.set(first, list);
      }
    }
    // Compounds are built from the single-word spellings, the term's own included even when
    // it doesn't count alone (verzuim → verzuimdossier).
    if (entry.compound) {
      for (const words of [termKey, ...(entry.forms ?? []).map(keyWords)]) {
        if (words.length !== 1 || removed.has(words[0]!)) continue;
        const key = words[0]!;
        if (entry.compound !== 'tail' && !c.heads.has(key)) c.heads.set(key, compoundHit);
        if (entry.compound !== 'head' && !c.tails.has(key)) c.tails.set(key, compoundHit);
      }
    }
  }

  COMPOUND_RULES.forEach((rule, index) => {
    c.ruleTails[index] = new Set(rule.tails.map((t) => keyWords(t).join('')).filter((t) => !removed.has(t)));
    for (const h of rule.heads) {
      const key = keyWords(h).join('');
      if (removed.has(key)) continue;
      const list = c.ruleHeads.get(key) ?? [];
      list.push(index);
      c.ruleHeads.set(key, list);
    }
  });
  c.headLengths = distinctLengths(c.heads.keys());
  c.tailLengths = distinctLengths(c.tails.keys());
  c.ruleHeadLengths = distinctLengths(c.ruleHeads.keys());
  for (const k of c.heads.keys()) c.headStarts.add(k.slice(0, AFFIX_KEY));
  for (const k of c.tails.keys()) c.tailEnds.add(k.slice(-AFFIX_KEY));
  for (const k of c.ruleHeads.keys()) c.ruleHeadStarts.add(k.slice(0, AFFIX_KEY));
  return c;
}

const COMPOUND_WORD: Hit = { canonical: null };

/** A compound match for one word, or null. */
function matchCompound(c: CompiledLexicon, w: string): Hit | null {
  if (w.length < 2 * MIN_PART || c.notHealth.has(w)) return null;
  const start = w.slice(0, AFFIX_KEY);
  if (c.ruleHeadStarts.has(start)) {
    for (const len of c.ruleHeadLengths) {
      if (len >= w.length) continue;
      const rules = c.ruleHeads.get(w.slice(0, len));
      if (!rules) continue;
      const tail = w.slice(len);
      if (rules.some((r) => c.ruleTails[r]!.has(tail))) return COMPOUND_WORD;
    }
  }
  if (c.tailEnds.has(w.slice(-AFFIX_KEY))) {
    for (const len of c.tailLengths) {
      if (w.length - len < MIN_PART) continue;
      const hit = c.tails.get(w.slice(w.length - len));
      if (hit) return hit;
    }
  }
  if (c.headStarts.has(start)) {
    for (const len of c.headLengths) {
      if (w.length - len < MIN_PART) continue;
      const hit = c.heads.get(w.slice(0, len));
      if (hit) return hit;
    }
  }
  return null;
}

/** The words of a text, as parallel arrays (no per-word objects: this runs on every send). */
interface Tokens {
  keys: string[];
  /** Hyphen/apostrophe-separated parts, when there is more than one. */
  parts: (string[] | null)[];
  /** Only whitespace separates word i from word i-1 (phrases may span it). */
  tight: boolean[];
  /** Sentence number of each word: `unlessNear` looks within the sentence. */
  sentence: number[];
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 12 || ch === 0xa0 || (ch >= 0x2000 && ch <= 0x200a) || ch === 0x202f;
}

function tokenize(text: string): Tokens {
  const t: Tokens = { keys: [], parts: [], tight: [], sentence: [] };
  let prevEnd = -1;
  let sentence = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    let tight = prevEnd >= 0;
    let newlines = 0;
    for (let k = Math.max(prevEnd, 0); k < start; k++) {
      const ch = text.charCodeAt(k);
      if (ch === 10 && ++newlines === 2) sentence++; // a blank line ends a sentence too
      if (isSpace(ch)) continue;
      tight = false;
      if (ch === 46 || ch === 33 || ch === 63 || ch === 59 || ch === 58) sentence++; // . ! ? ; :
    }
    const { key, parts } = wordKey(m[0]);
    if (!key) continue;
    t.keys.push(key);
    t.parts.push(parts);
    t.tight.push(tight);
    t.sentence.push(sentence);
    prevEnd = start + m[0].length;
  }
  return t;
}

function nearBlocked(t: Tokens, from: number, to: number, near: ReadonlySet<string> | undefined): boolean {
  if (!near) return false;
  const sentence = t.sentence[from]!;
  for (let j = from - 1; j >= 0 && t.sentence[j] === sentence; j--) if (near.has(t.keys[j]!)) return true;
  for (let j = to; j < t.keys.length && t.sentence[j] === sentence; j++) if (near.has(t.keys[j]!)) return true;
  return false;
}

/** Distinct health terms in `text`, in order of first appearance, using a compiled lexicon. */
export function findHealthTerms(c: CompiledLexicon, text: string): string[] {
  const t = tokenize(HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text);
  const found = new Set<string>();
  const report = (term: string): void => {
    if (!found.has(term) && !c.removed.has(keyWords(term).join(' '))) found.add(term);
  };
  const n = t.keys.length;

  for (let i = 0; i < n; i++) {
    const key = t.keys[i]!;
    const phrases = c.phrases.get(key);
    if (phrases) {
      for (const p of phrases) {
        if (i + p.rest.length >= n) continue;
        let ok = true;
        for (let k = 0; k < p.rest.length && ok; k++) ok = t.tight[i + 1 + k]! && t.keys[i + 1 + k] === p.rest[k];
        if (ok && !nearBlocked(t, i, i + 1 + p.rest.length, p.hit.unlessNear)) report(p.hit.canonical!);
      }
    }
    // The whole word, else its first matching part ("wia" in "wia-uitkering"); never both.
    let hit = c.words.get(key) ?? matchCompound(c, key);
    let word = key;
    const parts = t.parts[i] ?? [];
    for (let k = 0; !hit && k < parts.length; k++) {
      word = parts[k]!;
      hit = c.words.get(word) ?? matchCompound(c, word);
    }
    if (hit && !nearBlocked(t, i, i + 1, hit.unlessNear)) report(hit.canonical ?? word);
  }
  return [...found];
}

const compiled = new Map<string, CompiledLexicon>();
const CACHE_SIZE = 16;

function lexiconFor(adjust: HealthTermsAdjust | undefined): CompiledLexicon {
  const key = JSON.stringify([adjust?.add ?? [], adjust?.remove ?? []]);
  let c = compiled.get(key);
  if (!c) {
    c = compileLexicon(adjust);
    if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, c);
  }
  return c;
}

/**
 * The distinct lexicon terms found in `text`: canonical forms for words and phrases, the word
 * itself for Dutch compounds ("rugklachten"). Matching is on whole words, ignoring case and
 * diacritics. `adjust` is the policy's `healthTerms`.
 */
export function detectHealthTerms(text: string, adjust?: HealthTermsAdjust): string[] {
  if (!text) return [];
  return findHealthTerms(lexiconFor(adjust), text);
}
