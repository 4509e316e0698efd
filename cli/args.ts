// Minimal argument parsing for the subcommands: `--name value`, `--name=value`, positionals.
// Unknown options are usage errors (exit 2) so a typo never silently changes what is checked.
import { CliError } from './errors.ts';

export interface ParsedArgs {
  options: Map<string, string>;
  positionals: string[];
}

/** `flags` are options without a value (`--detached`); they read as "true". */
export function parseArgs(argv: readonly string[], known: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const options = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (flags.includes(name)) {
        if (eq >= 0) throw new CliError(`option --${name} takes no value`);
        options.set(name, 'true');
        continue;
      }
      if (!known.includes(name)) throw new CliError(`unknown option --${name}`);
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new CliError(`option --${name} needs a value`);
      options.set(name, value);
    } else positionals.push(arg);
  }
  return { options, positionals };
}

export function required(args: ParsedArgs, name: string): string {
  const v = args.options.get(name);
  if (v === undefined || v === '') throw new CliError(`missing --${name}`);
  return v;
}
