// Whitelist entries (contracts §2, also used for reporting agreements):
//   `user@domain`  that exact address
//   `domain`       that domain only
//   `*.domain`     any subdomain of domain, not domain itself
// All comparisons are on the normalised form (normalise.ts): case-insensitive, ASCII/punycode
// after UTS-46, trailing dots ignored on both sides.
import { normaliseAddress, normaliseDomain } from './normalise.ts';
import { compiledPerList } from './per-list.ts';

export type EntryKind = 'address' | 'domain' | 'subdomains';

export interface CompiledEntry {
  kind: EntryKind;
  /** Normalised domain: of the address, the domain itself, or the wildcard's parent. */
  domain: string;
  /** Normalised address, for kind 'address'. */
  address: string | null;
}

/** Parses one entry into its normalised form, or `null` when it is not a valid entry. */
export function compileEntry(entry: string): CompiledEntry | null {
  if (typeof entry !== 'string') return null;
  const e = entry.trim();
  if (e.includes('@')) {
    const n = normaliseAddress(e);
    return n === null ? null : { kind: 'address', domain: n.domain, address: n.address };
  }
  if (e.startsWith('*.')) {
    const d = normaliseDomain(e.slice(2));
    return d === null ? null : { kind: 'subdomains', domain: d, address: null };
  }
  const d = normaliseDomain(e);
  return d === null ? null : { kind: 'domain', domain: d, address: null };
}

/** The domain part of any entry form, normalised (`*.achmea.nl` → `achmea.nl`), or `null`. */
export function entryDomain(entry: string): string | null {
  return compileEntry(entry)?.domain ?? null;
}

/**
 * Whether an entry is acceptable in a policy. Beyond parsing, the domain needs at least two
 * labels: a bare `nl` or `*.nl` would whitelist a whole top-level domain, which is never what an
 * admin means and would silently open the gate (fail closed).
 */
export function isValidEntry(entry: unknown): boolean {
  if (typeof entry !== 'string') return false;
  const c = compileEntry(entry);
  return c !== null && c.domain.includes('.');
}

function matchesCompiled(address: string, domain: string, c: CompiledEntry): boolean {
  switch (c.kind) {
    case 'address':
      return address === c.address;
    case 'domain':
      return domain === c.domain;
    case 'subdomains':
      return domain.length > c.domain.length + 1 && domain.endsWith(`.${c.domain}`);
    default:
      return false;
  }
}

/** Whether an address (bare `local@domain`) matches one whitelist entry. */
export function matchesEntry(address: string, entry: string): boolean {
  const a = normaliseAddress(address);
  const c = compileEntry(entry);
  if (a === null || c === null) return false;
  return matchesCompiled(a.address, a.domain, c);
}

/** A whitelist compiled once for many lookups: set membership instead of a scan per entry. */
export interface Whitelist {
  readonly entries: readonly CompiledEntry[];
  /** Entries that did not parse (ignored for matching; the policy schema rejects them). */
  readonly invalid: readonly string[];
  matches(address: string): boolean;
  /**
   * The same answer for an address the caller has already normalised (normaliseAddress: its
   * `address` and `domain`), without normalising it again: the policy engine normalises each
   * recipient once and asks several lists about it.
   */
  matchesNormalised(address: string, domain: string): boolean;
}

const MEMO_LIMIT = 10_000;

export function compileWhitelist(entries: readonly string[]): Whitelist {
  const compiled: CompiledEntry[] = [];
  const invalid: string[] = [];
  const addresses = new Set<string>();
  const domains = new Set<string>();
  const parents = new Set<string>();
  for (const e of entries) {
    const c = compileEntry(e);
    if (c === null) {
      invalid.push(String(e));
      continue;
    }
    compiled.push(c);
    if (c.kind === 'address' && c.address !== null) addresses.add(c.address);
    else if (c.kind === 'domain') domains.add(c.domain);
    else parents.add(c.domain);
  }
  // Recipients recur on every message; remember answers per input (bounded, cleared when full).
  const memo = new Map<string, boolean>();
  const lookup = (address: string): boolean => {
    const known = memo.get(address);
    if (known !== undefined) return known;
    const result = matchesRaw(address);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(address, result);
    return result;
  };
  return {
    entries: compiled,
    invalid,
    matches: (address: string): boolean => (typeof address === 'string' ? lookup(address) : false),
    matchesNormalised,
  };

  function matchesRaw(address: string): boolean {
    const a = normaliseAddress(address);
    return a !== null && matchesNormalised(a.address, a.domain);
  }

  function matchesNormalised(address: string, domain: string): boolean {
    if (addresses.has(address) || domains.has(domain)) return true;
    if (parents.size === 0) return false;
    // Walk up the proper parents: mail.eu.achmea.nl → eu.achmea.nl → achmea.nl → nl.
    let d = domain;
    for (let dot = d.indexOf('.'); dot >= 0; dot = d.indexOf('.')) {
      d = d.slice(dot + 1);
      if (parents.has(d)) return true;
    }
    return false;
  }
}

// Most callers pass the same policy array again and again: compiled once per list.
const whitelistOf = compiledPerList(compileWhitelist);

/** Whether an address matches any of the entries. */
export function matchesAny(address: string, entries: readonly string[]): boolean {
  if (!Array.isArray(entries)) return false;
  return whitelistOf(entries).matches(address);
}
