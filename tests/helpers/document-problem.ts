// The DocumentError a piece of document work ends in, for tests that assert its kind and reason.
// Any other outcome fails the test: a different error is rethrown, success is an error itself.
import { DocumentError } from '../../utils/core/documents/errors.ts';

export async function problem(work: Promise<unknown>): Promise<DocumentError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error('expected a DocumentError');
}
