// Outside tools a test calls (qpdf, poppler's pdftotext, …). Declared with their Debian package
// in scripts/system-deps.ts, which `npm test` installs before the first tier. A suite asks for
// its tools with needSystemTools(): when one is missing every test of the suite fails with one
// line naming the package; it is never skipped and never passes without the tool. (A beforeEach,
// not a beforeAll: vitest reports the tests of a suite whose beforeAll failed as skipped.)
import { beforeEach } from 'vitest';
import { requireCommands } from '../../scripts/system-deps.ts';

/** Registers a beforeEach in the current suite (file or describe) that requires the commands. */
export function needSystemTools(...commands: string[]): void {
  beforeEach(() => {
    requireCommands(commands);
  });
}
