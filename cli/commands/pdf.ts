// `reportguard pdf convert IN OUT` and `reportguard pdf verify FILE` (contracts §1).
// The PDF stack (pdf-lib, pdf.js, the converter) is imported only when a subcommand runs.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from '../args.ts';
import { CliError, EXIT } from '../errors.ts';
import { errnoText } from '../io.ts';

const CLI_TIMEOUT_MS = 60_000;
const USAGE = 'usage: pdf convert IN OUT [--max-mb N] [--timeout-ms N] [--protect true|false] [--sign-key KEY.asc] | pdf verify FILE';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'convert') return convert(rest);
  if (sub === 'verify') return verify(rest);
  throw new CliError(sub ? `unknown pdf command "${sub}"; ${USAGE}` : USAGE);
}

async function readInput(path: string): Promise<Uint8Array> {
  try {
    // A plain Uint8Array (a Buffer's slice() is a view, not a copy), without copying a large
    // file a second time: a file read on its own owns its memory; only a small one that sits in
    // Node's shared pool is copied out of it.
    const buf = await readFile(path);
    return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? new Uint8Array(buf.buffer) : new Uint8Array(buf);
  } catch (e) {
    throw new CliError(`${path}: cannot read file (${errnoText(e)})`);
  }
}

function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`--${name} must be a positive number`);
  return n;
}

/** A refusal of the input itself: one line on stderr, exit 3. */
function refuse(path: string, e: unknown): number {
  const text = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${path}: refused: ${text.replace(/\s+/g, ' ').trim()}\n`);
  // After a timeout the abandoned parse may still be running (pdf-lib and pdf.js cannot be
  // cancelled) and would keep the process alive: end it now. stderr is synchronous here.
  if ((e as { kind?: string }).kind === 'timeout') process.exit(EXIT.refused);
  return EXIT.refused;
}

async function convert(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['max-mb', 'timeout-ms', 'protect', 'sign-key']);
  if (args.positionals.length !== 2) throw new CliError(`expected IN and OUT; ${USAGE}`);
  const [input, output] = args.positionals as [string, string];
  const protectArg = args.options.get('protect');
  if (protectArg !== undefined && protectArg !== 'true' && protectArg !== 'false') {
    throw new CliError('--protect must be true or false');
  }
  const maxMb = positiveNumber(args.options.get('max-mb'), 'max-mb');
  const timeoutMs = positiveNumber(args.options.get('timeout-ms'), 'timeout-ms');
  const keyPath = args.options.get('sign-key');
  const signingKey = keyPath ? new TextDecoder().decode(await readInput(keyPath)) : undefined;

  const bytes = await readInput(input);
  const started = performance.now();
  const [{ limitsFromPolicy }, { sniffType }, { makeSendable }, { isPdfError }] = await Promise.all([
    import('../../utils/core/documents/analyse.ts'),
    import('../../utils/core/documents/sniff.ts'),
    import('../../utils/core/documents/send-fix.ts'),
    import('../../utils/core/documents/pdf/errors.ts'),
  ]);
  const limits = limitsFromPolicy(maxMb ?? 25);
  // A batch tool on a possibly busy machine: a wider time budget than the interactive send
  // (the budget exists to stop pathological files, not to rush honest large scans).
  limits.timeoutMs = timeoutMs ?? CLI_TIMEOUT_MS;

  let result;
  try {
    result = await makeSendable(bytes, sniffType(bytes), { limits, protect: protectArg !== 'false', signingKey });
  } catch (e) {
    if (isPdfError(e)) return refuse(input, e);
    throw e;
  }

  // Never a partial OUT: write next to it (same file system, so rename is atomic), then rename.
  const tmp = join(dirname(output), `.${basename(output)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, result.bytes, { flag: 'wx' });
    if (result.signature) await writeFile(`${output}.asc`, result.signature, 'utf8');
    await rename(tmp, output);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new CliError(`${output}: cannot write (${errnoText(e)})`);
  }
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`${JSON.stringify({ pages: result.pages, ms, sha256: result.sha256, action: result.action, ...(result.notes?.length ? { notes: result.notes } : {}) })}\n`);
  return EXIT.allow;
}

async function verify(argv: string[]): Promise<number> {
  const args = parseArgs(argv, []);
  if (args.positionals.length !== 1) throw new CliError(`expected one FILE; ${USAGE}`);
  const [file] = args.positionals as [string];
  const bytes = await readInput(file);
  const [{ verifyPdfFlat }, { isPdfError }] = await Promise.all([
    import('../../utils/core/documents/pdf/verify.ts'),
    import('../../utils/core/documents/pdf/errors.ts'),
  ]);
  let result;
  try {
    result = await verifyPdfFlat(bytes);
  } catch (e) {
    if (isPdfError(e)) return refuse(file, e);
    throw e;
  }
  process.stdout.write(`${JSON.stringify({ flat: result.flat, problems: result.problems })}\n`);
  return result.flat ? EXIT.allow : EXIT.notFlat;
}
