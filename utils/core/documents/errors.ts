// One error type for everything that makes a document unreadable, so callers map failures to an
// AttachmentProblem without parsing messages. Extractors throw it; analyse.ts turns it into data.
import type { AttachmentProblem, ProblemKind } from './types.ts';

export class DocumentError extends Error {
  readonly kind: ProblemKind;

  constructor(kind: ProblemKind, detail: string) {
    super(detail);
    this.name = 'DocumentError';
    this.kind = kind;
  }

  toProblem(): AttachmentProblem {
    return { kind: this.kind, detail: this.message };
  }
}

/** Reduce any thrown value to one line of text fit for a log or CLI stderr. */
export function oneLine(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = raw.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line || 'unknown error';
}
