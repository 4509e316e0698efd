// Turns invalid input into ONE readable line: `<file>: <field path>: expected ..., got ...`.
// Admins read this in a terminal or on the options page: words, not a JSON dump, no stack.
import { safeParse, type $ZodError, type $ZodIssue, type $ZodType, type output } from 'zod/v4/core';
import { oneLine } from '../errors.ts';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** `regiokantoren[0].allowedRecipients[2]`; `(top level)` for the document itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out || '(top level)';
}

/** A short description of a value for "got ...": short strings quoted, others by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (value === '') return 'an empty string';
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
  int: 'a whole number',
};

/** Messages our schemas set are phrased as the expectation; zod's own defaults are not. */
function custom(message: string | undefined): string | null {
  return message && !/^(Invalid|Too (small|big)|Unrecognized)/.test(message) ? message : null;
}

/** The expectation part of one zod issue, in words. */
function expectation(issue: $ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected] ?? issue.expected;
    case 'invalid_value':
      return custom(issue.message) ?? (issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`);
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'non-empty text' : `text of at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return issue.minimum === 1 ? 'at least one entry' : `at least ${issue.minimum} entries`;
      return issue.inclusive ? `a number of at least ${issue.minimum}` : `a number above ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `text of at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `at most ${issue.maximum} entries`;
      return issue.inclusive ? `a number of at most ${issue.maximum}` : `a number below ${issue.maximum}`;
    case 'invalid_format':
      // Our schemas give their formats a message phrased as the expectation.
      return custom(issue.message) ?? `a valid ${issue.format}`;
    case 'invalid_union':
      return custom(issue.message) ?? 'a value of another form';
    case 'unrecognized_keys':
      return `no field ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

/** One line for the first issue (the first is what the admin fixes first; more would be noise). */
export function formatIssue(file: string, issue: $ZodIssue): string {
  const got = 'input' in issue ? describeValue(issue.input) : 'nothing';
  return `${file}: ${formatPath(issue.path)}: expected ${expectation(issue)}, got ${got}`;
}

export function formatZodError(file: string, error: $ZodError): string {
  const first = error.issues[0];
  return first ? formatIssue(file, first) : `${file}: invalid`;
}

/** Parse JSON text and validate it; any failure is one line naming the file. */
export function parseJsonWith<S extends $ZodType>(file: string, text: string, schema: S): ParseResult<output<S>> {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const reason = e instanceof Error ? oneLine(e) : 'unreadable';
    return { ok: false, error: `${file}: not valid JSON (${reason})` };
  }
  return validateWith(file, data, schema);
}

/** Validate already-parsed data (e.g. from storage); failure is one line naming the file. */
// Any zod schema (classic or zod/mini): both are core schemas.
export function validateWith<S extends $ZodType>(file: string, data: unknown, schema: S): ParseResult<output<S>> {
  const r = safeParse(schema, data, { reportInput: true });
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, error: formatZodError(file, r.error) };
}
