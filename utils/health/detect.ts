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

/**
 * Text as compared: compatibility-decomposed (PDF ligatures "ﬁ" → "fi"), without diacritics,
 * lower case, soft hyphens and zero-width characters dropped, typographic hyphens and
 * apostrophes reduced to ASCII.
 */
export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();
}

/**
 * A word is letters/digits, possibly joined by hyphens or apostrophes ("burn-out",
 * "hernia's"), or split by a hyphen at a line end ("depres-\nsie", as PDFs break words).
 */
const WORD = /[\p{L}\p{N}]+(?:(?:['-]|-[ \t]*\r?\n[ \t]*)[\p{L}\p{N}]+)*/gu;
const JOINERS = /[^\p{L}\p{N}]+/gu;

/** Lexicon strings are keyed exactly like text words: each word with its hyphens removed. */
function keyWords(s: string): string[] {
  return Array.from(normalizeForMatching(s).matchAll(WORD), (m) => m[0].replace(JOINERS, ''));
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
  if (keyWords(word).join('').length < 2) return null;
  const compound = head && tail ? 'both' : head ? 'head' : tail ? 'tail' : undefined;
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
  return c;
}

/** A compound match for one word, or null. */
function matchCompound(c: CompiledLexicon, w: string): Hit | null {
  if (w.length < 2 * MIN_PART || c.notHealth.has(w)) return null;
  for (const len of c.ruleHeadLengths) {
    if (len >= w.length) continue;
    const rules = c.ruleHeads.get(w.slice(0, len));
    if (!rules) continue;
    const tail = w.slice(len);
    if (rules.some((r) => c.ruleTails[r]!.has(tail))) return { canonical: null };
  }
  for (const len of c.tailLengths) {
    if (w.length - len < MIN_PART) continue;
    const hit = c.tails.get(w.slice(w.length - len));
    if (hit) return hit;
  }
  for (const len of c.headLengths) {
    if (w.length - len < MIN_PART) continue;
    const hit = c.heads.get(w.slice(0, len));
    if (hit) return hit;
  }
  return null;
}

interface Token {
  key: string;
  /** The hyphen/apostrophe-separated parts, when there is more than one. */
  parts: string[] | null;
  /** Only whitespace separates this token from the previous one (phrases may span it). */
  tight: boolean;
  /** Sentence number: `unlessNear` looks within the sentence. */
  sentence: number;
}

function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  let prevEnd = -1;
  let sentence = 0;
  for (const m of normalized.matchAll(WORD)) {
    const raw = m[0];
    const parts = raw.split(JOINERS).filter(Boolean);
    const gap = prevEnd >= 0 ? normalized.slice(prevEnd, m.index) : '';
    const tight = prevEnd >= 0 && /^\s+$/.test(gap);
    if (/[.!?;:]|\n\s*\n/.test(gap)) sentence++;
    tokens.push({ key: parts.join(''), parts: parts.length > 1 ? parts : null, tight, sentence });
    prevEnd = m.index + raw.length;
  }
  return tokens;
}

function nearBlocked(tokens: readonly Token[], from: number, to: number, near: ReadonlySet<string> | undefined): boolean {
  if (!near) return false;
  const sentence = tokens[from]!.sentence;
  for (let j = from - 1; j >= 0 && tokens[j]!.sentence === sentence; j--) if (near.has(tokens[j]!.key)) return true;
  for (let j = to; j < tokens.length && tokens[j]!.sentence === sentence; j++) if (near.has(tokens[j]!.key)) return true;
  return false;
}

/** Distinct health terms in `text`, in order of first appearance, using a compiled lexicon. */
export function findHealthTerms(c: CompiledLexicon, text: string): string[] {
  const tokens = tokenize(normalizeForMatching(text));
  const found = new Set<string>();
  const report = (term: string): void => {
    if (!c.removed.has(keyWords(term).join(' '))) found.add(term);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const phrases = c.phrases.get(token.key);
    if (phrases) {
      for (const p of phrases) {
        if (i + p.rest.length >= tokens.length) continue;
        let ok = true;
        for (let k = 0; k < p.rest.length && ok; k++) {
          const next = tokens[i + 1 + k]!;
          ok = next.tight && next.key === p.rest[k];
        }
        if (ok && !nearBlocked(tokens, i, i + 1 + p.rest.length, p.hit.unlessNear)) report(p.hit.canonical!);
      }
    }
    const candidates = token.parts ? [token.key, ...token.parts] : [token.key];
    for (const w of candidates) {
      const exact = c.words.get(w);
      const hit = exact ?? matchCompound(c, w);
      if (!hit) continue;
      if (!nearBlocked(tokens, i, i + 1, hit.unlessNear)) report(hit.canonical ?? w);
      break; // the whole word matched, or its first matching part: don't report parts too
    }
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
