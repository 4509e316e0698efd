// Turning a thrown value into text, the same way in every context (CLI stderr, audit details, an
// `{ ok: false, error }` answer, a reason in a dialog sentence). The one helper for it: the rule
// "bad input gets a clear one-line error, never a stack trace" is kept here, not in copies.

/** Longest line oneLine returns: enough for a file name, a field path and a reason. */
export const ONE_LINE_MAX = 300;

/**
 * Any thrown value (an Error, a string, anything) as one line of plain text: the first non-blank
 * line of its message (what follows is detail, sometimes a stack a library glued on, never for
 * the user), runs of white space folded to one space, capped at `max` characters (ending in
 * `...` when cut). Never empty: nothing to say gives 'unknown error'.
 */
export function oneLine(error: unknown, max: number = ONE_LINE_MAX): string {
  const first = text(error).split(/\r?\n|\r/).find((l) => l.trim() !== '') ?? '';
  const line = first.replace(/\s+/g, ' ').trim();
  if (!line) return 'unknown error';
  return line.length > max ? `${line.slice(0, Math.max(0, max - 3))}...` : line;
}

function text(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    // e.g. an object without a prototype: String() throws; its message is lost, not the answer.
    return '';
  }
}
