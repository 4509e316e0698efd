// Why conversion stopped. The converter throws instead of producing a partial PDF: a report
// with silently missing text is worse than a blocked send with a clear reason.

import { DocumentError } from '../errors.ts';

export type ConversionErrorKind = 'unsupported' | 'corrupt' | 'encrypted' | 'too-large' | 'zip-bomb' | 'timeout';

/** A DocumentError of the kinds a conversion can end in. */
export class ConversionError extends DocumentError {
  declare readonly kind: ConversionErrorKind;

  constructor(kind: ConversionErrorKind, message: string) {
    super(kind, message);
    this.name = 'ConversionError';
  }
}

/** A wall-clock budget checked at loop boundaries (conversion is synchronous work, so it can't be interrupted). */
export class Deadline {
  private readonly end: number;
  private readonly budgetMs: number;

  constructor(budgetMs: number) {
    this.budgetMs = budgetMs;
    this.end = Date.now() + budgetMs;
  }

  check(): void {
    if (Date.now() > this.end) {
      throw new ConversionError('timeout', `conversion took longer than the ${this.budgetMs} ms limit`);
    }
  }
}
