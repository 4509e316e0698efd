// `reportguard audit verify FILE`: checks one browser's audit log as the options page exports it
// (JSON Lines, oldest first): the hash chain from its first entry (the genesis, or the anchor of
// the newest retention purge), naming the first broken line and entry. Exit 0 whole, 6 broken.
//
// `reportguard audit verify-central FILE`: checks the central copy of the audit logs, as exported
// from the collector (one forwarded record per line; the collectors' own envelopes are
// unwrapped: see docs/audit-forwarding.md). Prints one line per browser (source) and exits
// 0 when every chain is whole, 6 when one is broken or a line is not a record, 2 on usage.
import { parseArgs } from '../args.ts';
import { CliError, EXIT } from '../errors.ts';
import { readText } from '../io.ts';
import { verifyCentral } from '../../utils/core/audit/central.ts';
import { describeBreak, verifyChain } from '../../utils/core/audit/chain.ts';
import { parseJsonLines } from '../../utils/core/audit/jsonl.ts';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'verify') return verifyExport(rest);
  if (sub !== 'verify-central') throw new CliError(sub ? `unknown audit command "${sub}" (verify, verify-central)` : 'usage: audit verify FILE | audit verify-central FILE');
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

async function verifyExport(rest: string[]): Promise<number> {
  const args = parseArgs(rest, []);
  if (args.positionals.length !== 1) throw new CliError(`expected one export file, got ${args.positionals.length}`);
  const path = args.positionals[0]!;
  let entries;
  try {
    entries = parseJsonLines(await readText(path, 'audit export'));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (entries.length === 0) throw new CliError(`${path}: no audit entries in the file`);
  const check = await verifyChain(entries);
  if (!check.ok) {
    process.stdout.write(`${path}: BROKEN at ${describeBreak(check, entries)}\n`);
    return EXIT.auditBroken;
  }
  process.stdout.write(`${path}: ok, ${check.length} entries from entry ${check.firstSeq}, head ${check.headHash}\n`);
  return EXIT.allow;
}
