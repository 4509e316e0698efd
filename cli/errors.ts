// Errors the CLI reports as one line with a chosen exit code (contracts §1). Anything else that
// escapes a command is reported as one line too, with exit 2: never a stack trace.
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Exit codes of the contract, named. */
export const EXIT = {
  allow: 0,
  usage: 2,
  refused: 3,
  notFlat: 4,
  badSignature: 5,
  auditBroken: 6,
  warn: 10,
  block: 20,
} as const;
