// Light lexical pre-splitting of a compose-screen field into top-level items. This does NOT parse
// the RFC 5322 grammar (email-addresses does that, per item); it only finds the separators a
// user types between mailboxes, which the grammar itself does not allow: `;` as a list
// separator (Outlook habit) next to `,`. Separators inside quoted strings, comments, angle
// brackets and domain literals are ignored, and a group `Name: a, b;` stays one item, its `;`
// being the group terminator rather than a separator.

export interface Segment {
  /** The item's text, trimmed. */
  text: string;
  /** True for an RFC 5322 group (`display-name ":" [mailbox-list] ";"`). */
  group: boolean;
}

/** Position of the top-level `:` that opens a group, or -1. */
export function groupColon(text: string): number {
  return scan(text).colon;
}

interface ScanResult {
  segments: Segment[];
  colon: number;
}

function scan(input: string): ScanResult {
  const segments: Segment[] = [];
  let start = 0;
  let quote = false;
  let comment = 0;
  let angle = false;
  let literal = false;
  let group = false;
  let firstColon = -1;

  const push = (end: number, isGroup: boolean): void => {
    const text = input.slice(start, end).trim();
    if (text !== '') segments.push({ text, group: isGroup });
    start = end + 1;
  };

  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch === '\\' && (quote || comment > 0 || literal)) {
      i++; // quoted-pair: the next character is literal
      continue;
    }
    if (quote) {
      if (ch === '"') quote = false;
      continue;
    }
    if (comment > 0) {
      if (ch === '(') comment++;
      else if (ch === ')') comment--;
      continue;
    }
    if (literal) {
      if (ch === ']') literal = false;
      continue;
    }
    switch (ch) {
      case '"':
        quote = true;
        break;
      case '(':
        comment = 1;
        break;
      case '[':
        literal = true;
        break;
      case '<':
        angle = true;
        break;
      case '>':
        angle = false;
        break;
      case ':':
        if (!angle && !group) {
          group = true;
          if (firstColon < 0) firstColon = i;
        }
        break;
      case ',':
        if (!angle && !group) push(i, false);
        break;
      case ';':
        if (angle) break;
        if (group) {
          // Keep the terminator inside the group's text.
          const text = input.slice(start, i + 1).trim();
          segments.push({ text, group: true });
          start = i + 1;
          group = false;
        } else {
          push(i, false);
        }
        break;
      default:
        break;
    }
  }
  if (start < input.length) {
    const text = input.slice(start).trim();
    // A group the user did not terminate is still a group; the parser gets its `;`.
    if (text !== '') segments.push(group ? { text: `${text};`, group: true } : { text, group: false });
  }
  return { segments, colon: firstColon };
}

/**
 * Whether `ch` occurs outside quoted strings and comments: used to recognise a `Name <addr>`
 * item when re-joining `Achternaam, Voornaam <addr>`.
 */
export function hasTopLevelChar(text: string, wanted: string): boolean {
  let quote = false;
  let comment = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && (quote || comment > 0)) {
      i++;
      continue;
    }
    if (quote) {
      if (ch === '"') quote = false;
    } else if (comment > 0) {
      if (ch === '(') comment++;
      else if (ch === ')') comment--;
    } else if (ch === '"') quote = true;
    else if (ch === '(') comment = 1;
    else if (ch === wanted) return true;
  }
  return false;
}

/** Splits a field into top-level items (mailboxes and groups), dropping empty ones. */
export function splitTopLevel(input: string): Segment[] {
  return scan(input).segments;
}

/**
 * Removes comments and folding whitespace outside quoted strings: ` (werk) p . q ` → `p.q`.
 * Used on the local-part and domain tokens the parser hands back, whose semantic values keep
 * spaces that are not part of the address.
 */
export function stripCfws(text: string): string {
  let out = '';
  let quote = false;
  let comment = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (comment > 0) {
      if (ch === '\\') i++;
      else if (ch === '(') comment++;
      else if (ch === ')') comment--;
      continue;
    }
    if (quote) {
      out += ch;
      if (ch === '\\' && i + 1 < text.length) {
        out += text[i + 1] as string;
        i++;
      } else if (ch === '"') quote = false;
      continue;
    }
    if (ch === '(') comment = 1;
    else if (ch === '"') {
      quote = true;
      out += ch;
    } else if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '\n') out += ch;
  }
  return out;
}
