// Splits an address header as the webmail holds it ("A <a@x.nl>, b@y.nl; ...") into mailboxes.
// Separators inside quotes or angle brackets don't split. A piece without '@' (e.g. the
// "Jansen" of an unquoted "Jansen, P <p@x.nl>") is joined to the next one, so a display name
// with a comma stays with its address instead of becoming a bogus recipient.
export function splitAddressList(text: string): string[] {
  const pieces: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = 0;
  for (const ch of text) {
    if (ch === '"' ) quoted = !quoted;
    else if (!quoted && ch === '<') angle++;
    else if (!quoted && ch === '>' && angle > 0) angle--;
    if (!quoted && angle === 0 && (ch === ',' || ch === ';' || ch === '\n')) {
      pieces.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  pieces.push(cur);
  const trimmed = pieces.map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  let carry = '';
  for (const p of trimmed) {
    const joined = carry ? `${carry}, ${p}` : p;
    if (!joined.includes('@')) {
      carry = joined;
      continue;
    }
    out.push(joined);
    carry = '';
  }
  // A trailing piece without '@' is still a recipient the user typed: keep it (it will be flagged invalid).
  if (carry) out.push(carry);
  return out;
}

/** The address inside "Name <addr>" or the bare text. */
export function addressOf(mailbox: string): string {
  const m = /<([^<>]*)>\s*$/.exec(mailbox);
  return (m?.[1] ?? mailbox).trim();
}
