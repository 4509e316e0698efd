// Typed failures of the PDF pipeline. Callers switch on `kind`; `message` is one plain English
// line fit for CLI stderr and logs (the UI maps `kind` to its own catalog text).
import { oneLine } from '../../errors.ts';
import type { ProblemKind } from '../types.ts';

export type PdfErrorKind = ProblemKind | 'unreadable' | 'verify-failed';

export class PdfError extends Error {
  readonly kind: PdfErrorKind;
  /** For 'verify-failed': what the independent verifier objected to. */
  readonly problems: string[];

  constructor(kind: PdfErrorKind, message: string, problems: string[] = []) {
    super(oneLine(message));
    this.name = 'PdfError';
    this.kind = kind;
    this.problems = problems;
  }
}

export function isPdfError(e: unknown): e is PdfError {
  return e instanceof PdfError;
}

/** Deadline helper shared by the pipeline stages: throws 'timeout' once the budget is spent. */
export class Deadline {
  readonly endsAt: number;
  readonly budgetMs: number;

  constructor(budgetMs: number) {
    this.budgetMs = budgetMs;
    this.endsAt = Date.now() + budgetMs;
  }

  check(stage: string): void {
    if (Date.now() > this.endsAt) {
      throw new PdfError('timeout', `PDF processing took longer than ${this.budgetMs} ms (during ${stage})`);
    }
  }

  remaining(): number {
    return Math.max(0, this.endsAt - Date.now());
  }
}

/**
 * Race a promise against the deadline. The losing work cannot be cancelled from here (pdf-lib and
 * pdfjs offer no abort), but it yields between objects, so the caller gets its answer on time and
 * the CLI exits; in the extension the offscreen document can be recycled.
 */
export async function withDeadline<T>(work: Promise<T>, deadline: Deadline, stage: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PdfError('timeout', `PDF processing took longer than ${deadline.budgetMs} ms (during ${stage})`)),
      deadline.remaining(),
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
