#!/usr/bin/env node
// `npm run corpus [-- NAME-REGEX]`: runs the real CLI, `pdf convert IN OUT`, on every row of the
// shared real-world corpus (../shared/corpus/manifest.tsv) and checks exactly what issue 14 asks:
// - `convert` rows: exit 0 with one JSON line, OUT a flat PDF (`pdf verify` exit 0), its text
//   kept (≥ 97 % of the source's words, counted with repetitions, found in `pdftotext` of OUT;
//   the source text is read by code that is not ours: poppler for PDFs, for office files the
//   words of LibreOffice's text export that its PDF also prints (hidden text is in the export,
//   not on paper), tracked changes accepted first as ours prints them; an RTF LibreOffice can't
//   open is read by GNU UnRTF instead);
// - `refuse` rows: exit 3, stderr exactly one line, nothing on stdout, no OUT;
// - `either` rows: one of the two, never anything else;
// - every row: no crash (any other exit), no hang (killed after HANG_MS), nothing left behind
//   in the output folder but OUT.
// Prints one line per row and the counts; exit 1 when any row fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AcceptingLibreOffice, assertAccepts, runAll } from './libreoffice.ts';
import { REFERENCE_FONTS, assertSystemDeps } from './system-deps.ts';
import { textWords } from './words.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'cli/reportguard.mjs');
/** The CLI's own budget is 60 s; past this the process counts as hung. */
const HANG_MS = 150_000;
const KEPT_SHARE = 0.97;

export interface Row {
  name: string;
  expect: 'convert' | 'refuse' | 'either';
}

export interface Outcome {
  name: string;
  expect: Row['expect'];
  ok: boolean;
  exit: number | null;
  ms: number;
  /** Share of the source's words found in the output (convert outcomes with text). */
  kept?: number;
  detail: string;
}

export function findCorpus(): string | undefined {
  const candidates = [process.env.REPORTGUARD_CORPUS, join(ROOT, '../shared/corpus'), join(ROOT, '../../shared/corpus')];
  return candidates.find((d): d is string => !!d && existsSync(join(d, 'manifest.tsv')));
}

export function readManifest(corpus: string): Row[] {
  return readFileSync(join(corpus, 'manifest.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [name = '', expect = ''] = l.split('\t');
      return { name, expect: expect as Row['expect'] };
    });
}

/** Bytes of a child's stream up to a cap; add() says false once the cap is passed (the rest is not kept). */
class Capped {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  add(chunk: Buffer): boolean {
    if (this.size + chunk.length > this.max) {
      this.size = this.max + 1;
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** What a child may print before the runner stops reading (a bomb's output must not grow a string without end). */
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  hung: boolean;
  /** Set when the child printed more than MAX_OUTPUT_BYTES on a stream: it was killed there. */
  overflow?: 'stdout' | 'stderr';
}

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: new Capped(MAX_OUTPUT_BYTES), stderr: new Capped(MAX_OUTPUT_BYTES) };
    let hung = false;
    let overflow: CliRun['overflow'];
    for (const name of ['stdout', 'stderr'] as const) {
      child[name].on('data', (d: Buffer) => {
        if (!out[name].add(d) && !overflow) {
          overflow = name;
          child.kill('SIGKILL');
        }
      });
    }
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, HANG_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout: out.stdout.text(), stderr: out.stderr.text(), ms: Date.now() - started, hung, ...(overflow ? { overflow } : {}) });
    });
  });
}

function words(text: string): string[] {
  return textWords(text.toLowerCase());
}

/** Share of `source` words (with repetitions) that `output` has. */
export function keptShare(source: string, output: string): number {
  const want = words(source);
  if (want.length === 0) return 1;
  const have = new Map<string, number>();
  for (const w of words(output)) have.set(w, (have.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return found / want.length;
}

/** A source's text (and `via`, the reader that gave it where that is not the usual one), or why there is none. */
export type PdfText = { text: string; via?: string } | { none: string };

/**
 * GNU UnRTF's text of an RTF (`unrtf --nopict --text`, pictures not written out), its `###`
 * comment lines left out; undefined when it fails. Its output is in the file's 8-bit code page,
 * read as Latin-1 (Western RTFs; a fallback for files LibreOffice can't open, not the rule).
 */
export function unrtfText(path: string, cwd: string): string | undefined {
  const r = spawnSync('unrtf', ['--nopict', '--text', path], { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (r.status !== 0 || !r.stdout) return undefined;
  return unrtfBody(Buffer.from(r.stdout));
}

/** The text of `unrtf --text` output: after its header's rule, without its `###` comment lines. */
export function unrtfBody(stdout: Uint8Array): string {
  const text = Buffer.from(stdout).toString('latin1');
  const rule = text.indexOf('\n-----------------\n');
  return (rule >= 0 ? text.slice(rule + 19) : text)
    .split('\n')
    .filter((l) => !l.startsWith('###'))
    .join('\n');
}

/** Past these, poppler's reading of a file counts as a bomb (a page of text is a few kB). */
export const TEXT_LIMITS = { maxBytes: 32 * 1024 * 1024, timeoutMs: 60_000 };

/**
 * `pdftotext` of a file, streamed with a byte cap and a time cap: a decompression or text bomb
 * (gigabytes of text, or poppler decoding a giant image for minutes) ends as `{ none }` with the
 * reason instead of a string too long for the runner or a wait without end.
 */
export function pdftotext(path: string, limits = TEXT_LIMITS): Promise<PdfText> {
  return new Promise((done) => {
    const child = spawn('pdftotext', ['-enc', 'UTF-8', path, '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const out = new Capped(limits.maxBytes);
    let stop: string | undefined;
    const kill = (why: string): void => {
      stop ??= why;
      child.kill('SIGKILL');
    };
    child.stdout.on('data', (d: Buffer) => {
      if (!out.add(d)) kill(`poppler's text is over ${limits.maxBytes / 1024 / 1024} MB (a text bomb)`);
    });
    const timer = setTimeout(() => kill(`poppler took over ${limits.timeoutMs / 1000} s to read it (a bomb)`), limits.timeoutMs);
    child.on('error', (e) => kill(`pdftotext did not run: ${e.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (stop) done({ none: stop });
      else if (code !== 0) done({ none: `poppler can't read it (pdftotext exit ${code})` });
      else done({ text: out.text() });
    });
  });
}

/**
 * The words of `exported` (LibreOffice's text export: every word whole, in reading order) that
 * `printed` (poppler's text of LibreOffice's PDF of the same file) has too, counted with
 * repetitions, joined by spaces. The export includes text hidden by style (ODT
 * text:display="none", DOCX w:vanish: pandoc-hiddenTextByStyle.odt), which neither LibreOffice's
 * PDF nor ours prints; a word LibreOffice prints broken (a narrow column) is not demanded either.
 */
export function printedReference(exported: string, printed: string): string {
  const have = new Map<string, number>();
  for (const w of words(printed)) have.set(w, (have.get(w) ?? 0) + 1);
  const out: string[] = [];
  for (const w of words(exported)) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      out.push(w);
      have.set(w, n - 1);
    }
  }
  return out.join(' ');
}

/**
 * The text a reader of each source sees, by code that is not ours: poppler for PDFs; for office
 * documents LibreOffice's plain-text export, kept to the words its PDF export prints
 * (printedReference; one batch run for all of them, tracked changes accepted); the file itself
 * for plain text.
 */
export class SourceTexts {
  /** Per office file: LibreOffice's text export and the path of its PDF export. */
  private readonly office = new Map<string, { exported: string; pdf: string }>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'rg-corpus-text-'));

  constructor(corpus: string, rows: Row[]) {
    const officeFiles = rows.map((r) => join(corpus, 'files', r.name)).filter((p) => /\.(docx|odt|rtf)$/i.test(p));
    if (officeFiles.length === 0) return;
    // LibreOffice with tracked changes accepted first (scripts/libreoffice.ts): our PDF prints
    // the accepted text (Word's "No Markup" view), so deleted words are not the source's text.
    // One batch; each output named by its row (pandoc-footnote.odt and .rtf share a stem).
    // LibreOffice's PDF laid out with the metrics Word has (Carlito, Caladea, Liberation).
    assertSystemDeps(['bench'], { needs: [REFERENCE_FONTS] });
    const lo = new AcceptingLibreOffice(this.dir);
    assertAccepts(lo, join(corpus, 'files'), this.dir);
    const jobs = officeFiles.flatMap((input, i) => [
      { input, output: join(this.dir, `${i}.txt`), filter: 'Text (encoded)', options: 'UTF8' },
      { input, output: join(this.dir, `${i}.pdf`), filter: 'writer_pdf_Export' },
    ]);
    runAll(lo, jobs, 1_800_000);
    officeFiles.forEach((input, i) => {
      const txt = join(this.dir, `${i}.txt`);
      if (existsSync(txt)) this.office.set(input, { exported: readFileSync(txt, 'utf8'), pdf: join(this.dir, `${i}.pdf`) });
    });
  }

  async text(path: string, limits = TEXT_LIMITS): Promise<PdfText | undefined> {
    if (/\.pdf$/i.test(path)) return pdftotext(path, limits);
    if (/\.(docx|odt|rtf)$/i.test(path)) {
      const t = this.office.get(path);
      if (t === undefined || !existsSync(t.pdf)) {
        const none = t === undefined ? "LibreOffice's text export gave nothing" : "LibreOffice's PDF export gave nothing";
        // An RTF LibreOffice can't open (pandoc-image.rtf): GNU UnRTF, another reader not ours.
        const text = /\.rtf$/i.test(path) ? unrtfText(path, this.dir) : undefined;
        return text === undefined ? { none } : { text, via: `GNU UnRTF (${none})` };
      }
      const printed = await pdftotext(t.pdf, limits);
      if ('none' in printed) return { none: `LibreOffice's PDF: ${printed.none}` };
      return { text: printedReference(t.exported, printed.text) };
    }
    if (/\.txt$/i.test(path)) return { text: readFileSync(path, 'utf8') };
    return undefined;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function checkRow(corpus: string, row: Row, sources: SourceTexts, textLimits = TEXT_LIMITS): Promise<Outcome> {
  const input = join(corpus, 'files', row.name);
  const outDir = mkdtempSync(join(tmpdir(), 'rg-corpus-'));
  const out = join(outDir, 'out.pdf');
  const r = await runCli(['pdf', 'convert', input, out]);
  const base = { name: row.name, expect: row.expect, exit: r.code, ms: r.ms };
  const fail = (detail: string): Outcome => ({ ...base, ok: false, detail });
  try {
    const stray = readdirSync(outDir).filter((f) => f !== 'out.pdf');
    if (r.hung) return fail(`hung: killed after ${HANG_MS / 1000} s`);
    if (r.overflow) return fail(`flood: printed over ${MAX_OUTPUT_BYTES / 1024 / 1024} MB on ${r.overflow}, killed`);
    if (stray.length) return fail(`left behind: ${stray.join(', ')}`);
    const stderrLines = r.stderr.trim() ? r.stderr.trim().split('\n') : [];
    if (r.code === 3) {
      if (row.expect === 'convert') return fail(`refused: ${stderrLines.join(' | ')}`);
      if (stderrLines.length !== 1) return fail(`refusal is ${stderrLines.length} lines on stderr`);
      if (r.stdout.trim()) return fail('refusal printed on stdout');
      if (existsSync(out)) return fail('refusal left an OUT');
      return { ...base, ok: true, detail: `refused: ${stderrLines[0]!.replace(`${input}: refused: `, '')}` };
    }
    if (r.code !== 0) return fail(`crash: exit ${r.code}: ${stderrLines.slice(0, 2).join(' | ')}`);
    if (row.expect === 'refuse') return fail('converted, should have been refused');
    if (!existsSync(out)) return fail('exit 0 but no OUT');
    if (r.stdout.trim().split('\n').length !== 1) return fail('stdout is not one JSON line');
    const v = await runCli(['pdf', 'verify', out]);
    if (v.code !== 0) return fail(`output not flat: ${v.overflow ? `verify printed over ${MAX_OUTPUT_BYTES / 1024 / 1024} MB` : v.stdout.trim() || v.stderr.trim()}`);
    const source = await sources.text(input, textLimits);
    if (source === undefined) return { ...base, ok: true, detail: 'flat (no text to compare)' };
    // No reference text (a bomb poppler gives up on): an `either` row is right when flat; a
    // `convert` row can't be shown to keep its text, so it is not counted right.
    if ('none' in source) {
      const detail = `flat; text not compared: source ${source.none}`;
      return row.expect === 'either' ? { ...base, ok: true, detail } : fail(detail);
    }
    const output = await pdftotext(out, textLimits);
    if ('none' in output) return fail(`flat, but its text can't be read: ${output.none}`);
    const kept = keptShare(source.text, output.text);
    const ok = kept >= KEPT_SHARE;
    return { ...base, ok, kept, detail: `flat, ${(kept * 100).toFixed(1)} % of the words kept${ok ? '' : ' (text lost)'}${source.via ? `; source text by ${source.via}` : ''}` };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function checkCorpus(corpus: string, rows: Row[], parallel = 2, onOutcome?: (o: Outcome) => void): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const sources = new SourceTexts(corpus, rows.filter((r) => r.expect !== 'refuse'));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < rows.length) {
      const row = rows[next++]!;
      const o = await checkRow(corpus, row, sources);
      outcomes.push(o);
      onOutcome?.(o);
    }
  };
  try {
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    sources.dispose();
  }
  return outcomes;
}

export function summarise(outcomes: Outcome[]): string {
  const by = (e: Row['expect']): Outcome[] => outcomes.filter((o) => o.expect === e);
  const line = (e: Row['expect']): string => `${e}: ${by(e).filter((o) => o.ok).length}/${by(e).length} right`;
  const crashes = outcomes.filter((o) => o.detail.startsWith('crash')).length;
  const hangs = outcomes.filter((o) => o.detail.startsWith('hung')).length;
  const leftovers = outcomes.filter((o) => o.detail.startsWith('left behind')).length;
  return `${line('convert')}; ${line('refuse')}; ${line('either')}; crashes ${crashes}, hangs ${hangs}, leftovers ${leftovers}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const corpus = findCorpus();
  if (!corpus) {
    console.error('corpus: ../shared/corpus not found (set REPORTGUARD_CORPUS)');
    process.exit(2);
  }
  const { requireCommands } = await import('./system-deps.ts');
  requireCommands(['pdftotext', 'soffice']);
  const filter = process.argv[2] ? new RegExp(process.argv[2]) : undefined;
  const rows = readManifest(corpus).filter((r) => !filter || filter.test(r.name));
  console.log(`corpus: ${rows.length} rows of ${join(corpus, 'manifest.tsv')}, 2 at a time`);
  const outcomes = await checkCorpus(corpus, rows, 2, (o) => {
    console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.expect.padEnd(7)} ${o.name.padEnd(58)} exit ${String(o.exit).padEnd(4)} ${String(o.ms).padStart(6)} ms  ${o.detail}`);
  });
  const failed = outcomes.filter((o) => !o.ok);
  console.log(`\n${summarise(outcomes)}`);
  console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}
