// `reportguard audit verify-central FILE`: checks the central copy of the audit logs, as exported
// from the collector (one forwarded record per line; the collectors' own envelopes are
// unwrapped: see docs/audit-forwarding.md). Prints one line per browser (source) and exits
// 0 when every chain is whole, 6 when one is broken or a line is not a record, 2 on usage.
import { parseArgs } from '../args.ts';
import { CliError, EXIT } from '../errors.ts';
import { readText } from '../io.ts';
import { verifyCentral } from '../../utils/core/audit/central.ts';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'verify-central') throw new CliError(sub ? `unknown audit command "${sub}" (verify-central)` : 'usage: audit verify-central FILE');
  const args = parseArgs(rest, []);
  if (args.positionals.length !== 1) throw new CliError(`expected one export file, got ${args.positionals.length}`);
  const path = args.positionals[0]!;
  const check = await verifyCentral(await readText(path, 'audit export'));
  for (const s of check.sources) {
    const range = s.firstSeq === null ? 'no entries' : `entries ${s.firstSeq}–${s.lastSeq ?? '?'}`;
    const from = s.start === 'purge-anchor' ? ', from the purge anchor' : '';
    process.stdout.write(
      s.ok
        ? `${s.source}: ok, ${s.entries} ${range}${from}, ${s.repeats} repeat(s) dropped, head ${s.headHash ?? '-'}\n`
        : `${s.source}: BROKEN: ${s.problem}\n`,
    );
  }
  for (const u of check.unreadable.slice(0, 20)) process.stdout.write(`${path}:${u.line}: ${u.reason}\n`);
  if (check.unreadable.length > 20) process.stdout.write(`${path}: ${check.unreadable.length - 20} more unreadable lines\n`);
  if (check.sources.length === 0 && check.unreadable.length === 0) throw new CliError(`${path}: no audit records in the file`);
  return check.ok ? EXIT.allow : EXIT.auditBroken;
}
