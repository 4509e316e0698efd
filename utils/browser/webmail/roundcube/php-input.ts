// How Roundcube's PHP reads a request, so that the guard judges exactly what the server will act
// on. Pure functions (no DOM): used by the content script (what it checks and what it sends) and
// by the background (what it observed leaving). Read from PHP 8.2's main/php_variables.c and
// Roundcube 1.6 (rcube_utils::get_input_value/get_input_string, rcmail::set_task, asciiwords,
// rcmail_sendmail::email_input_format). We keep our own reader: no maintained library
// reproduces PHP's variable-name mangling and last-wins rules.
//
// The rules that matter for the guard:
// - A field name is mangled: leading spaces dropped, '.' and ' ' become '_', the part from the
//   first '[' (with a matching ']') makes an array. `.cc`, `_cc` and `_cc` are the same field.
// - The last field of a name wins (`_cc=a&_cc=b` → b); a later array replaces an earlier scalar
//   and the other way round. `get_input_string` of an array is ''.
// - For routing, a cookie beats POST, POST beats GET (`_action`, `_task`, `_id`); the compose
//   headers (`_to`, `_cc`, `_bcc`, `_draft`, `_message`, …) are read from POST only, and
//   `_saveonly` from GET only.
// - Only the first `max_input_vars` (1000) variables of a request are registered.

export const MAX_INPUT_VARS = 1000;

/** One field of a request body or query, in order: [raw name, value]. */
export type Entry = readonly [name: string, value: string];

/** A parsed request half (GET or POST): scalars by mangled name; arrays only marked. */
export interface PhpVars {
  /** The field's value as `get_input_string` would give it ('' when missing or an array). */
  string(name: string): string;
  /** True when the field exists (as a scalar or an array). */
  has(name: string): boolean;
  /** True when the field is an array (`name[]=…`). */
  isArray(name: string): boolean;
  /** Mangled names present, in order of first appearance. */
  names(): string[];
}

/** PHP's mangling of one raw field name: the top-level key and whether it makes an array. */
export function phpVariableName(raw: string): { key: string; array: boolean } | null {
  let name = raw;
  const nul = name.indexOf('\0');
  if (nul >= 0) name = name.slice(0, nul);
  name = name.replace(/^ +/, '');
  let key = '';
  let i = 0;
  for (; i < name.length; i++) {
    const c = name[i]!;
    if (c === '[') break;
    key += c === ' ' || c === '.' ? '_' : c;
  }
  if (key === '') return null;
  if (i >= name.length) return { key, array: false };
  // A '[' without a matching ']' is not an index: it becomes '_' and the rest is kept, with
  // ' ', '.' and '[' mangled too (PHP 8).
  if (name.indexOf(']', i + 1) < 0) {
    let rest = '_';
    for (const c of name.slice(i + 1)) rest += c === ' ' || c === '.' || c === '[' ? '_' : c;
    return { key: key + rest, array: false };
  }
  return { key, array: true };
}

/** Registers fields as PHP does: mangled names, last wins, arrays marked, at most MAX_INPUT_VARS. */
export function phpVars(entries: Iterable<Entry>): PhpVars {
  const values = new Map<string, string | typeof ARRAY>();
  let count = 0;
  for (const [raw, value] of entries) {
    if (count >= MAX_INPUT_VARS) break;
    count++;
    const v = phpVariableName(raw);
    if (!v) continue;
    // Map keeps first-insertion order; delete first so the order follows the last write.
    if (!v.array || values.get(v.key) !== ARRAY) values.delete(v.key);
    values.set(v.key, v.array ? ARRAY : value);
  }
  return {
    string: (name) => {
      const v = values.get(name);
      return typeof v === 'string' ? v : '';
    },
    has: (name) => values.has(name),
    isArray: (name) => values.get(name) === ARRAY,
    names: () => [...values.keys()],
  };
}

const ARRAY = Symbol('array');

/** Percent-decoding as php_url_decode: '+' is a space, a malformed escape stays as written. */
export function phpUrlDecode(s: string): string {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '+') bytes.push(0x20);
    else if (c === '%' && i + 2 < s.length && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of enc.encode(c)) bytes.push(b);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** A query string (with or without '?') or an urlencoded body, as PHP splits it. */
export function queryEntries(query: string): Entry[] {
  const q = query.startsWith('?') ? query.slice(1) : query;
  const out: Entry[] = [];
  for (const part of q.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    out.push(eq < 0 ? [phpUrlDecode(part), ''] : [phpUrlDecode(part.slice(0, eq)), phpUrlDecode(part.slice(eq + 1))]);
  }
  return out;
}

/** The GET half of a URL as PHP reads it. */
export function getVars(url: string): PhpVars {
  let search = '';
  try {
    search = new URL(url).search;
  } catch {
    search = '';
  }
  return phpVars(queryEntries(search));
}

/** PHP's strip_tags, as far as it matters for short routing values: `<…>` spans and NULs go. */
export function stripTags(s: string): string {
  let out = '';
  let inTag = false;
  for (const c of s) {
    if (c === '\0') continue;
    if (inTag) {
      if (c === '>') inTag = false;
    } else if (c === '<') inTag = true;
    else out += c;
  }
  return out;
}

/** Roundcube's asciiwords(): only [a-z0-9_-] (and '.' unless `cssId`) survive, case kept. */
export function asciiwords(s: string, cssId = false): string {
  return s.replace(cssId ? /[^a-z0-9_-]+/gi : /[^a-z0-9_.-]+/gi, '');
}

/**
 * Where Roundcube routes a request, from its GET and POST halves (cookies aside: the guard's
 * network rules pin them, see network.ts): `_task` defaults to mail, `_action` is the POST value
 * when one is posted, else the GET value, after strip_tags and asciiwords; '-' and '_' are the
 * same in action names.
 */
export function roundcubeRoute(get: PhpVars, post: PhpVars): { task: string; action: string } {
  const pick = (name: string): string => stripTags(post.has(name) ? post.string(name) : get.string(name));
  const task = asciiwords(pick('_task'), true) || 'mail';
  const action = asciiwords(pick('_action')).replace(/_/g, '-');
  return { task, action };
}

/** Actions of the mail task that make Roundcube deliver a message to recipients it is given. */
export const DELIVERING_ACTIONS: ReadonlySet<string> = new Set(['send', 'bounce']);

// ---------------------------------------------------------------- cookies

/** Roundcube 1.6 inputs read with INPUT_GPC (cookie included): none of them is ever a cookie of its own. */
export const ROUTING_COOKIE_NAMES: ReadonlySet<string> = new Set([
  '_action', '_email', '_file', '_groups', '_host', '_id', '_iid', '_lang', '_last', '_map', '_mbox', '_next_uid',
  '_orig_source', '_path', '_photo', '_q', '_replace', '_reqid', '_search', '_section', '_source', '_target', '_task',
  '_timezone', '_uid', '_unlock', '_uploadid', '_user',
]);

/** Would PHP read this cookie name as one of Roundcube's inputs? */
export function isRoutingCookie(name: string): boolean {
  const v = phpVariableName(name);
  return !!v && ROUTING_COOKIE_NAMES.has(v.key);
}

// ---------------------------------------------------------------- recipients

/** Roundcube's explode_quoted_string on ',' and ';': separators inside double quotes don't split. */
function explodeQuoted(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' && s[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && (c === ',' || c === ';')) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const EMAIL = String.raw`(\S+|("[^"]+"))@\S+`;

/**
 * The recipients Roundcube makes of one address field (rcmail_sendmail::email_input_format):
 * newlines and ';' become ',', a name glued to its `<address>` gets a space, the field is split
 * outside quotes, and each item becomes `address` or `name <address>` — the address being the
 * last `…@…` word of the item. Empty items disappear. What comes back is what the engine judges.
 */
export function roundcubeRecipients(field: string): string[] {
  if (!field) return [];
  let s = field;
  s = s.replace(/[,;]\s*[\r\n]+/g, ', ');
  s = s.replace(/[\r\n]+/g, ', ');
  s = s.replace(/[,;]\s*$/gm, '');
  s = s.replace(/;/g, ',');
  // PHP's pattern is ungreedy (/U): the lazy quantifiers keep `a<x@y>,b<z@w>` two matches.
  s = s.replace(/(\S)(<(?:\S+?|"[^"]+?")@\S+?>)/g, '$1 $2');
  s = s.trim();
  const out: string[] = [];
  for (const raw of explodeQuoted(s)) {
    const item = raw.trim();
    if (item === '') continue;
    if (new RegExp(`^<${EMAIL}>$`).test(item)) {
      out.push(item.slice(1, -1).trim());
      continue;
    }
    if (new RegExp(`^${EMAIL}$`).test(item)) {
      out.push(item.replace(/[^\p{L}\p{N}]+$/u, ''));
      continue;
    }
    const m = new RegExp(`<*${EMAIL}>*$`).exec(item);
    if (m) {
      const address = m[0];
      let name = item.replace(address, '').trim();
      if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1);
      out.push(formatRecipient(address.replace(/^<+|>+$/g, ''), controlsToSpace(stripCSlashes(name))));
      continue;
    }
    // Not an address at all: Roundcube refuses the send; the check sees it as typed (invalid).
    out.push(item);
  }
  return out;
}

/** format_email_recipient: `name <address>`, the name quoted when it holds RFC 822 specials. */
export function formatRecipient(address: string, name: string): string {
  const email = address.trim();
  if (!name || name === email) return email;
  const shown = /[()<>\\.[\]@,;:"]/.test(name) ? `"${name.replace(/"/g, '\\"')}"` : name;
  return `${shown} <${email}>`;
}

/** Control characters in a display name become one space each run (as Roundcube does). */
function controlsToSpace(s: string): string {
  let out = '';
  let inRun = false;
  for (const c of s) {
    const control = c.charCodeAt(0) < 0x20;
    if (control && !inRun) out += ' ';
    if (!control) out += c;
    inRun = control;
  }
  return out;
}

/** PHP's stripcslashes for the escapes a display name can carry (\\, \", \n, \t, \r). */
function stripCSlashes(s: string): string {
  return s.replace(/\\(.)/gs, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

/** The bare address of a recipient as roundcubeRecipients formats it, lowercased. */
export function addressOfRecipient(recipient: string): string {
  const m = /<([^<>]*)>\s*$/.exec(recipient);
  return (m ? m[1]! : recipient).trim().toLowerCase();
}
