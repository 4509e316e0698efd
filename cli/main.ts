// `reportguard <command> ...` (contracts §1). Dispatches to cli/commands/<name>.ts, each loaded
// only when used so `check` doesn't pay for OpenPGP or the PDF stack. Every failure ends as one
// line on stderr and an exit code; a stack trace never reaches the user.
import { formatWithOptions } from 'node:util';
import { CliError, EXIT } from './errors.ts';
import { withLibraryConsole, type LibraryOutputSink } from '../utils/core/library-console.ts';
import { oneLine } from '../utils/core/errors.ts';

/** A command module: `run(args)` resolves to the exit code. */
export interface Command {
  run(args: string[]): Promise<number>;
}

// Registration point: one line per command module. `pdf` (convert / verify) lives in
// cli/commands/pdf.ts, owned by the document pipeline.
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: () => import('./commands/check.ts'),
  policy: () => import('./commands/policy.ts'),
  pdf: () => import('./commands/pdf.ts'),
  audit: () => import('./commands/audit.ts'),
  extension: () => import('./commands/extension.ts'),
};

const USAGE = `usage: reportguard <command> ...
  check --policy P --message M [--records R] [--now ISO] [--lang nl|en]
                                 evaluate a message; prints the verdict JSON; exit 0 allow, 10 warn, 20 block, 2 invalid input
  pdf convert IN OUT             convert PDF/DOCX/ODT/RTF/TXT/PNG/JPEG to a flattened PDF; exit 0, 3 refused, 2 usage
  pdf verify FILE                check that a PDF is flat; exit 0 flat, 4 not flat, 3 unreadable
  policy validate P              validate a policy file and summarise it; exit 0 valid, 2 invalid
  policy sign P --key K [--detached] [--out F]
                                 write an OpenPGP cleartext-signed bundle (default P.signed), or a detached P.asc
  policy verify S --key PUB [--signature SIG] [--min-version N] [--out F]
                                 check a signed bundle; exit 0 ok, 5 bad signature or older than N, 2 usage/invalid
  audit verify FILE              check an audit log exported from the options page (JSON Lines), naming the first
                                 broken line; exit 0 whole, 6 broken, 2 usage
  audit verify-central FILE      check the collector's copy of the audit logs (one forwarded record per line);
                                 exit 0 every chain whole, 6 broken, 2 usage
  extension id [--key PEM]       the extension id of this build (or of your own RSA key) for enterprise policies`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? process.stdout : process.stderr).write(USAGE + '\n');
    return name ? 0 : EXIT.usage;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`reportguard: unknown command "${name}"\n${USAGE}\n`);
    return EXIT.usage;
  }
  // The libraries' own console output (pdf-lib, pdf.js, fontkit, openpgp) never reaches the
  // user: our output is written to stdout/stderr directly, and a refusal is exactly one line.
  // REPORTGUARD_DEBUG=1 shows it on stderr, marked, for diagnosis.
  return await withLibraryConsole(async () => {
    let command: Command;
    try {
      command = await load();
    } catch {
      throw new CliError(`command "${name}" is not available in this build`);
    }
    return await command.run(rest);
  }, process.env.REPORTGUARD_DEBUG ? showLibraryOutput : undefined);
}

const showLibraryOutput: LibraryOutputSink = (method, args) => {
  process.stderr.write(`[library ${method}] ${formatWithOptions({ colors: false }, ...args)}\n`);
};

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`reportguard: ${oneLine(e)}\n`);
  process.exitCode = e instanceof CliError ? e.exitCode : EXIT.usage;
}
