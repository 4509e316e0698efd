// What the document libraries print (pdf-lib's "Removing parsed object: 0 0 R" or "Trying to
// parse invalid object", pdf.js warnings, fontkit's table errors) is their own diagnostics, not
// ours: it must not reach the CLI's stderr (a refusal is exactly one line) or the extension's
// console. Our code never reports through `console`; it returns results and throws errors.
//
// withLibraryConsole(fn) routes console output made while `fn` runs to a sink (default: none)
// and restores the console when the last overlapping call ends. Use it where a library is
// called (the CLI's command dispatch, the offscreen document's pipeline entry points), not as a
// global switch: outside those calls the console is untouched.

/** Console methods a library may write through. */
const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;
type Method = (typeof METHODS)[number];

/** Receives what the libraries printed: the method name and its arguments. */
export type LibraryOutputSink = (method: Method, args: unknown[]) => void;

type ConsoleFn = (...args: unknown[]) => void;
const target = globalThis.console as unknown as Record<Method, ConsoleFn>;

let active = 0;
let saved: Partial<Record<Method, ConsoleFn>> = {};
const replacements: Partial<Record<Method, ConsoleFn>> = {};
const sinks: LibraryOutputSink[] = [];

function enter(sink: LibraryOutputSink | undefined): void {
  if (sink) sinks.push(sink);
  if (active++ > 0) return;
  saved = {};
  for (const m of METHODS) {
    saved[m] = target[m];
    const replacement: ConsoleFn = (...args) => {
      // A copy: a sink may end its own call (and leave the list) while we deliver.
      for (const s of sinks.slice()) {
        try {
          s(m, args);
        } catch {
          // a failing sink must not turn a library's warning into an error
        }
      }
    };
    replacements[m] = replacement;
    target[m] = replacement;
  }
}

function leave(sink: LibraryOutputSink | undefined): void {
  if (sink) {
    const i = sinks.lastIndexOf(sink);
    if (i >= 0) sinks.splice(i, 1);
  }
  if (--active > 0) return;
  for (const m of METHODS) {
    // Put back only what we replaced: a console method set by someone else meanwhile stays.
    if (target[m] === replacements[m] && saved[m]) target[m] = saved[m];
  }
  saved = {};
}

/** Runs `fn` with console output going to `sink` (default: dropped) until it settles. */
export async function withLibraryConsole<T>(fn: () => T | Promise<T>, sink?: LibraryOutputSink): Promise<T> {
  enter(sink);
  try {
    return await fn();
  } finally {
    leave(sink);
  }
}

/** `fn` wrapped so that every call runs under withLibraryConsole. */
export function quietLibraries<A extends unknown[], R>(fn: (...args: A) => Promise<R>, sink?: LibraryOutputSink): (...args: A) => Promise<R> {
  return (...args) => withLibraryConsole(() => fn(...args), sink);
}

/** Whether a withLibraryConsole call is running (for tests). */
export function libraryConsoleActive(): boolean {
  return active > 0;
}
