// Recipient fields as typed in a compose screen → one ParsedRecipient per mailbox.
// The RFC 5322 grammar (display names, quoted local parts, comments, obsolete forms) is left to
// the maintained `email-addresses` parser; split.ts only finds the separators between items.
// Nothing here throws: whatever does not parse becomes a recipient with a problem, so the
// policy engine can block it (fail closed) and show the user the text as they typed it.
import addrs from 'email-addresses';
import type { ParsedRecipient, RecipientProblem } from './types.ts';
import type { Segment } from './split.ts';
import { normaliseAddress, normaliseDomain, normaliseLocalPart } from './normalise.ts';
import { groupColon, hasTopLevelChar, splitTopLevel, stripCfws } from './split.ts';

// A mailbox longer than an RFC 5322 line is not something a person typed; refusing it up front
// also bounds the parser's work on hostile input.
const MAX_ITEM_LENGTH = 998;

const PARSER_OPTIONS = {
  rfc6532: true, // UTF-8 in local parts and domains (IDN)
  atInDisplayName: true, // so `hr@a.nl <evil@x.com>` parses and is reported as a mismatch
  commaInDisplayName: true, // `Jansen, Piet <p@x.nl>` after split.ts re-joined it
  startAt: 'mailbox' as const,
};

// The same recipients recur on nearly every message; parsing with the grammar is the costly
// step (~50 µs a mailbox), so results are memoised per field and per item text. Cached
// recipients are frozen; callers always get fresh copies.
const CACHE_LIMIT = 5_000;
const itemCache = new Map<string, readonly ParsedRecipient[]>();
const fieldCache = new Map<string, readonly ParsedRecipient[]>();

function problem(raw: string, kind: RecipientProblem, displayName: string | null = null): ParsedRecipient {
  return { raw, displayName, address: null, domain: null, problem: kind };
}

/** Every address-like token in a display name or comment, normalised; `hr＠a.nl` folds via NFKC. */
function addressesIn(text: string): string[] {
  const found: string[] = [];
  const folded = text.normalize('NFKC');
  for (const token of folded.split(/[\s"'<>()[\],;:]+/)) {
    if (!token.includes('@')) continue;
    const n = normaliseAddress(token);
    // Only a name with a dotted domain reads as an address; `Jan@Thuis` is just a name.
    if (n !== null && n.domain.includes('.')) found.push(n.address);
  }
  return found;
}

function parseMailboxText(text: string): ReturnType<typeof addrs.parseOneAddress> {
  try {
    return addrs.parseOneAddress({ input: text, ...PARSER_OPTIONS });
  } catch {
    return null;
  }
}

/**
 * One mailbox. `context` is extra display text that belongs to it (a group's name), checked for
 * a different address like the display name itself.
 */
function parseMailbox(raw: string, context: string | null): ParsedRecipient {
  if (raw.length > MAX_ITEM_LENGTH) return problem(raw, 'unparseable');
  let parsed = parseMailboxText(raw);
  if (parsed === null) {
    // The grammar has no trailing dot on a domain, but a fully qualified `x.nl.` is the same
    // name and the contract says to ignore it: retry with that one dot removed.
    const retry = raw.replace(/\.(\s*>?\s*)$/, '$1');
    if (retry !== raw) parsed = parseMailboxText(retry);
  }
  if (parsed === null || parsed.type !== 'mailbox') return problem(raw, 'unparseable');

  const displayName = parsed.name !== null && parsed.name.trim() !== '' ? parsed.name.trim() : null;
  const local = normaliseLocalPart(stripCfws(parsed.parts.local.tokens));
  if (local === null) return problem(raw, 'unparseable', displayName);
  const domainText = stripCfws(parsed.parts.domain.tokens);
  const domain = domainText.startsWith('[') ? null : normaliseDomain(domainText);
  if (domain === null) return problem(raw, 'idna-invalid', displayName);
  const address = `${local}@${domain}`;

  // A name that shows one address while the mail goes to another is the classic spoof; so is an
  // address hidden in a comment (`evil@x.com (hr@werkgever-a.nl)`), which some clients display.
  const shown = [displayName ?? '', ...parsed.parts.comments.map((c) => c.tokens), context ?? ''].join(' ');
  const mismatch = shown.includes('@') || shown.includes('\uFF20') || shown.includes('\uFE6B')
    ? addressesIn(shown).some((a) => a !== address)
    : false;
  return { raw, displayName, address, domain, problem: mismatch ? 'display-name-mismatch' : null };
}

function isGroupName(name: string): boolean {
  if (name === '' || name.length > MAX_ITEM_LENGTH) return false;
  try {
    const g = addrs.parseOneAddress({ input: `${name}:;`, ...PARSER_OPTIONS, startAt: 'address' });
    return g !== null && g.type === 'group';
  } catch {
    return false;
  }
}

function parseGroup(text: string): ParsedRecipient[] {
  const colon = groupColon(text);
  if (colon < 0 || !text.endsWith(';')) return [problem(text, 'unparseable')];
  const name = text.slice(0, colon).trim();
  // The group's display name must itself be valid: checked by the grammar as an empty group.
  if (!isGroupName(name)) return [problem(text, 'unparseable')];
  const members = splitTopLevel(text.slice(colon + 1, -1));
  const out: ParsedRecipient[] = [];
  for (const m of members) {
    // Groups do not nest in RFC 5322.
    out.push(m.group ? problem(m.text, 'unparseable') : parseMailbox(m.text, name));
  }
  return out;
}

function parseItem(text: string, group: boolean): readonly ParsedRecipient[] {
  const key = (group ? 'g:' : 'm:') + text;
  const hit = itemCache.get(key);
  if (hit !== undefined) return hit;
  let result: ParsedRecipient[];
  try {
    result = group ? parseGroup(text) : [parseMailbox(text, null)];
  } catch {
    result = [problem(text, 'unparseable')];
  }
  const frozen = result.map((r) => Object.freeze(r));
  if (itemCache.size >= CACHE_LIMIT) itemCache.clear();
  itemCache.set(key, frozen);
  return frozen;
}

/** One field (a line of a compose input, or a chip), memoised as a whole. */
function parseField(field: string): readonly ParsedRecipient[] {
  const hit = fieldCache.get(field);
  if (hit !== undefined) return hit;
  const out: ParsedRecipient[] = [];
  let segments: Segment[];
  try {
    segments = splitTopLevel(field);
  } catch {
    segments = [];
    out.push(Object.freeze(problem(field, 'unparseable')));
  }
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    const next = segments[i + 1];
    // `Jansen, Piet <p@x.nl>`: address books write the display name unquoted, comma and all.
    // An item without `@` cannot be a mailbox on its own; if joined with a following
    // `Name <addr>` item it parses cleanly, it was that mailbox's name.
    if (!seg.group && next !== undefined && !next.group && !seg.text.includes('@') && hasTopLevelChar(next.text, '<')) {
      const joined = parseItem(`${seg.text}, ${next.text}`, false);
      if (joined.length === 1 && joined[0]?.problem === null) {
        out.push(joined[0]);
        i++;
        continue;
      }
    }
    out.push(...parseItem(seg.text, seg.group));
  }
  if (fieldCache.size >= CACHE_LIMIT) fieldCache.clear();
  fieldCache.set(field, out);
  return out;
}

function describe(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '';
  }
}

/**
 * Parses recipient fields (a string, or one string per field/chip) into mailboxes. Accepts
 * display names, quoted local parts, comments, RFC 5322 groups, `,` and `;` as separators and
 * stray whitespace. Empty items are skipped. Never throws.
 */
export function parseRecipientList(input: string | readonly string[]): ParsedRecipient[] {
  const out: ParsedRecipient[] = [];
  let fields: readonly unknown[];
  if (typeof input === 'string') fields = [input];
  else if (Array.isArray(input)) fields = input;
  else return out;
  for (const field of fields) {
    if (typeof field !== 'string') {
      out.push(problem(describe(field), 'unparseable'));
      continue;
    }
    for (const r of parseField(field)) out.push({ ...r });
  }
  return out;
}
