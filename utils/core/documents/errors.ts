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

