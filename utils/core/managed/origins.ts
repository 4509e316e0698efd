// Webmail origins: what an admin writes (`https://webmail.example.nl`, with a port where needed,
// `https://*.example.nl` for every subdomain) and the match pattern the browser APIs take
// (`https://webmail.example.nl/*`). Pure: the background registers content scripts and network
// rules from these, the options page shows and asks host access for them.

/** Guarded when nothing is configured, so the tests and the demo run against a local Roundcube. */
export const DEFAULT_WEBMAIL_ORIGINS: readonly string[] = ['http://127.0.0.1', 'http://localhost'];

const HOST = /^(\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * The match pattern for one admin-written origin, or `null` when it is not an origin: only http
 * and https, a host name or IPv4 address (IDN as punycode or Unicode), an optional port, and at
 * most a trailing `/` or `/*`. Paths are refused: content scripts and network rules work per origin.
 */
export function originPattern(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const m = /^(https?):\/\/([^/:]+)(?::(\d{1,5}))?(\/\*?)?$/i.exec(input.trim());
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  const rawHost = m[2]!;
  const port = m[3];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  const wildcard = rawHost.startsWith('*.');
  let host: string;
  try {
    // URL does the IDNA mapping (Unicode → punycode, case folding) the browser itself will apply.
    host = new URL(`${scheme}://${wildcard ? rawHost.slice(2) : rawHost}/`).hostname;
  } catch {
    return null;
  }
  if (!HOST.test(host) || host.includes('*')) return null;
  return `${scheme}://${wildcard ? '*.' : ''}${host}${port ? `:${port}` : ''}/*`;
}

/** `https://webmail.example.nl/*` → `https://webmail.example.nl` (for display). */
export function patternOrigin(pattern: string): string {
  return pattern.replace(/\/\*$/, '');
}

/**
 * The match patterns to guard: the managed configuration's origins together with the ones a local
 * admin added on the options page (more origins only ever guard more), or loopback when neither
 * names any. Sorted and unique, so the same configuration always gives the same registration.
 */
export function webmailPatterns(managed: readonly string[] | undefined, local: readonly string[] | undefined): string[] {
  const patterns = [...(managed ?? []), ...(local ?? [])].map(originPattern).filter((p): p is string => p !== null);
  const chosen = patterns.length > 0 ? patterns : DEFAULT_WEBMAIL_ORIGINS.map((o) => originPattern(o)!);
  return [...new Set(chosen)].toSorted();
}
