// Conversion fidelity against LibreOffice (issue 14). For every DOCX, ODT and RTF of the shared
// real-world corpus (../shared/corpus, written by other projects' tools) and of the
// LibreOffice-written fixtures (tests/fixtures/convert), convert with ours (convertToPdf, in
// process) and with LibreOffice (headless, its PDF export), then compare what a reader gets:
// - words: the `pdftotext` words of both PDFs in order (headers and footers after the body,
//   bodyThenFurniture; words of one character left out, see words()); "kept" is the share of LibreOffice's
//   words that ours has in the same order (matching blocks found the way Python's difflib
//   SequenceMatcher finds them, autojunk included), "ratio" difflib's ratio 2·M / (|ours|+|LO|);
// - pages: ours / LibreOffice's page count;
// - images: pictures drawn, by `pdfimages -list` (ours / LibreOffice's);
// - time: our CPU time per file against soffice's (process and children, through bash `times`).
// Goals: kept ≥ 0.97 and pages within ±15 % on ≥ 95 % of the files; ours ≥ 10× less time.
// Tracked changes are accepted on the LibreOffice side first (scripts/libreoffice.ts), as ours
// prints them. A file we refuse counts as 0 words kept; one LibreOffice gives no PDF for has no
// reference and is listed apart. Prints one row per file and the totals. REPORTGUARD_FIDELITY_ONLY
// (comma-separated parts of file names) measures only those files.
// REPORTGUARD_FIDELITY_KEEP=DIR keeps LibreOffice's PDFs there (<file name>.pdf);
// REPORTGUARD_FIDELITY_REFERENCE=DIR takes them from there instead of running soffice (to score a
// change of ours against the same reference quickly; soffice's time is then not measured).
// REPORTGUARD_FIDELITY_LAYOUT=1 adds a diagnostic per row: the words kept in `pdftotext -layout`'s reading.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertToPdf } from '../utils/core/documents/convert/index.ts';
import { sniffType } from '../utils/core/documents/sniff.ts';
import { AcceptingLibreOffice, assertAccepts } from '../scripts/libreoffice.ts';
import type { AnalysisLimits } from '../utils/core/documents/types.ts';
import { rejoinBrokenWords } from './rejoin-words.ts';
import { textWords } from '../scripts/words.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const limits: AnalysisLimits = { maxBytes: 25 * 1024 * 1024, maxDecompressedBytes: 200 * 1024 * 1024, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 120_000 };
const GOAL_KEPT = 0.97;
const GOAL_PAGES = 0.15;
const GOAL_SHARE = 0.95;
const GOAL_SPEED = 10;

function corpusDir(): string | undefined {
  const candidates = [process.env.REPORTGUARD_CORPUS, join(ROOT, '../shared/corpus'), join(ROOT, '../../shared/corpus')];
  return candidates.find((d): d is string => !!d && existsSync(join(d, 'manifest.tsv')));
}

// ---- difflib's SequenceMatcher over word arrays -------------------------------------------

/** Matching blocks of a and b as difflib finds them (longest match first, recursively; autojunk). */
export function matchingWords(a: string[], b: string[]): number {
  const b2j = new Map<string, number[]>();
  b.forEach((w, j) => {
    let list = b2j.get(w);
    if (!list) b2j.set(w, (list = []));
    list.push(j);
  });
  // autojunk: in a b of 200+ items, items more frequent than 1 % + 1 are junk for matching.
  if (b.length >= 200) {
    const popular = Math.floor(b.length / 100) + 1;
    for (const [w, list] of b2j) if (list.length > popular) b2j.delete(w);
  }
  const longest = (alo: number, ahi: number, blo: number, bhi: number): [number, number, number] => {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of b2j.get(a[i]!) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    // Extend with equal items on both sides (difflib does this for junk; harmless otherwise).
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  };
  let matched = 0;
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k === 0) continue;
    matched += k;
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  return matched;
}

/**
 * The words of a text: runs of letters and digits, of two characters or more. One-character
 * tokens are left out on both sides, as the corpus runner leaves them out: LibreOffice's PDF
 * gives list bullets set in a symbol font as letters (Wingdings' l and o, set in OpenSymbol, come
 * out as "l" and "o"), which are markers, not words of the document, and where they fall among
 * the report's words they split the matching blocks; ours draws • and ○, which are not letters.
 * Chinese and Japanese characters are words one by one (scripts/words.ts).
 */
export function words(text: string): string[] {
  return textWords(text);
}

// ---- tools ----------------------------------------------------------------------------------

function run(cmd: string, args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '' };
}

/**
 * A PDF's words in reading order, its page furniture after the body: a line that stands among
 * the first or last three lines of at least half of the pages (two at least), digits aside
 * ("Pagina 3 van 18"), is a header or footer; its words go after all the body words, page by
 * page, so they still count, but a page that breaks a line earlier or later than LibreOffice's
 * does not move them into the middle of a paragraph (where they split the matching blocks).
 */
/** A line with its digits aside: "Pagina 3 van 18" and "Pagina 4 van 18" are one footer. */
function furnitureKey(l: string): string {
  return l.replace(/\d+/g, '#');
}

export function bodyThenFurniture(text: string): string[] {
  const pages = text.split('\f').map((p) =>
    p
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  if (pages.filter((p) => p.length).length < 2) return words(text);
  const seen = new Map<string, number>();
  for (const lines of pages) {
    const ends = new Set([...lines.slice(0, 3), ...lines.slice(-3)].map(furnitureKey));
    for (const k of ends) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const furniture = new Set([...seen].filter(([, n]) => n >= Math.max(2, pages.length / 2)).map(([k]) => k));
  const body: string[] = [];
  const rest: string[] = [];
  for (const lines of pages) {
    lines.forEach((l, i) => {
      const atEnd = i < 3 || i >= lines.length - 3;
      (atEnd && furniture.has(furnitureKey(l)) ? rest : body).push(...words(l));
    });
  }
  return [...body, ...rest];
}

function pdfText(path: string, layout = false): string {
  return run('pdftotext', ['-enc', 'UTF-8', ...(layout ? ['-layout'] : []), path, '-']).stdout;
}

function pdfWords(path: string, layout = false): string[] {
  return bodyThenFurniture(pdfText(path, layout));
}


function pdfPages(path: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [path]).stdout)?.[1] ?? 0);
}

function pdfImages(path: string): number {
  // Header (2 lines) then one row per image; soft masks are not pictures of their own.
  return run('pdfimages', ['-list', path])
    .stdout.split('\n')
    .slice(2)
    .filter((l) => l.trim() && !/\bsmask\b/.test(l)).length;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * LibreOffice on one file, tracked changes accepted first (scripts/libreoffice.ts: ours prints
 * the accepted text, Word's "No Markup" view, so the reference must too); wall and CPU time.
 */
function soffice(lo: AcceptingLibreOffice | undefined, file: string, outDir: string): { pdf?: string; wall: number; cpu: number } {
  if (!lo) {
    const kept = join(REFERENCE as string, `${basename(file)}.pdf`);
    return { pdf: existsSync(kept) ? kept : undefined, wall: 0, cpu: 0 };
  }
  const pdf = join(outDir, basename(file).replace(/\.[^.]+$/, '.pdf'));
  const r = lo.run([{ input: file, output: pdf, filter: 'writer_pdf_Export' }]);
  if (KEEP && existsSync(pdf)) copyFileSync(pdf, join(KEEP, `${basename(file)}.pdf`));
  return { pdf: existsSync(pdf) ? pdf : undefined, wall: r.wallMs, cpu: r.cpuMs };
}

const KEEP = process.env.REPORTGUARD_FIDELITY_KEEP;
// REPORTGUARD_FIDELITY_LAYOUT=1: each row also gives "layout", the words kept when both PDFs are
// read with `pdftotext -layout` (line by line across the page) — a diagnosis only, never scored: a
// file short in the default reading but at 1.000 here has every word of LibreOffice's, in order,
// read in another order (side-by-side columns pdftotext's default mode reads one after the other).
const LAYOUT = process.env.REPORTGUARD_FIDELITY_LAYOUT === '1';
const REFERENCE = process.env.REPORTGUARD_FIDELITY_REFERENCE;

// ---- the run --------------------------------------------------------------------------------

interface Row {
  name: string;
  kept: number;
  /** Diagnosis: words kept with LibreOffice's words broken at a line end joined (rejoinBrokenWords). */
  rejoined?: number;
  ratio: number;
  pages: [number, number];
  images: [number, number];
  oursMs: number;
  oursCpu: number;
  loMs: number;
  loCpu: number;
  note: string;
}

const { REFERENCE_FONTS, assertSystemDeps, requireCommands } = await import('../scripts/system-deps.ts');
requireCommands([...(REFERENCE ? [] : ['soffice']), 'pdftotext', 'pdfinfo', 'pdfimages']);
// LibreOffice lays out with Carlito/Caladea/Liberation, the metrics Word has (and ours draws
// with); without them it falls back to DejaVu Sans and every page count is off.
if (!REFERENCE) assertSystemDeps(['bench'], { needs: [REFERENCE_FONTS] });
if (KEEP) mkdirSync(KEEP, { recursive: true });

const inputs: string[] = [];
const corpus = corpusDir();
if (corpus) {
  for (const f of readdirSync(join(corpus, 'files')).toSorted()) {
    const type = sniffType(new Uint8Array(readFileSync(join(corpus, 'files', f))));
    // Only the sound office documents: the manifest's refuse / either rows are no fidelity test.
    if (type === 'docx' || type === 'odt' || type === 'rtf') inputs.push(join(corpus, 'files', f));
  }
} else {
  console.log('fidelity: ../shared/corpus not found (set REPORTGUARD_CORPUS); only the project fixtures are measured');
}
const manifest = corpus
  ? new Map(readFileSync(join(corpus, 'manifest.tsv'), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]))
  : new Map<string, string>();
const fixtures = join(ROOT, 'tests/fixtures/convert');
for (const f of readdirSync(fixtures).toSorted()) if (/\.(docx|odt|rtf)$/.test(f)) inputs.push(join(fixtures, f));
// REPORTGUARD_FIDELITY_ONLY="textbox,Formular": only the files whose names contain one of these (comma-separated).
const only = (process.env.REPORTGUARD_FIDELITY_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const measured = inputs
  .filter((p) => !corpus || !p.startsWith(corpus) || manifest.get(basename(p)) === 'convert')
  .filter((p) => !only.length || only.some((o) => basename(p).includes(o)));
if (only.length) console.log(`fidelity: only files whose names contain ${only.map((o) => `"${o}"`).join(', ')} (REPORTGUARD_FIDELITY_ONLY)`);

const work = mkdtempSync(join(tmpdir(), 'rg-fidelity-'));
const lo = REFERENCE ? undefined : new AcceptingLibreOffice(work);
if (corpus && lo) assertAccepts(lo, join(corpus, 'files'), work);
console.log(`fidelity: ${measured.length} DOCX/ODT/RTF files; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}${REFERENCE ? `; LibreOffice's PDFs taken from ${REFERENCE}` : ''}`);
// Warm both: our fonts and JIT, LibreOffice's profile (its first start creates it).
await convertToPdf(readFileSync(join(fixtures, 'libreoffice-report.docx')), 'docx', limits).catch(() => undefined);
mkdirSync(join(work, 'warm'));
soffice(lo, join(fixtures, 'libreoffice-report.docx'), join(work, 'warm'));

const allRows: Row[] = [];
try {
  for (const path of measured) {
    const name = basename(path);
    const dir = join(work, String(allRows.length));
    mkdirSync(dir);
    const bytes = new Uint8Array(readFileSync(path));
    const type = sniffType(bytes);
    let note = '';
    const c = cpuMs();
    const t = performance.now();
    let ours: Uint8Array | undefined;
    try {
      ours = await convertToPdf(bytes, type, limits);
    } catch (e) {
      note = `refused: ${(e as Error).message}`.slice(0, 90);
    }
    const oursMs = performance.now() - t;
    const oursCpu = cpuMs() - c;
    const oursPath = join(dir, 'ours.pdf');
    if (ours) writeFileSync(oursPath, ours);
    const ref = soffice(lo, path, dir);
    if (!ref.pdf) note = note || 'LibreOffice produced no PDF';
    const loWords = ref.pdf ? pdfWords(ref.pdf) : [];
    const ourWords = ours ? pdfWords(oursPath) : [];
    const m = loWords.length && ourWords.length ? matchingWords(ourWords, loWords) : 0;
    // Diagnosis (not scored): the words kept with LibreOffice's mid-word breaks joined again.
    let rejoined: number | undefined;
    if (ref.pdf && ours) {
      const xml = run('pdftotext', ['-enc', 'UTF-8', '-bbox-layout', ref.pdf, '-']).stdout;
      const { text, joined } = rejoinBrokenWords(xml, new Set(ourWords));
      const lw = joined.length ? bodyThenFurniture(text) : [];
      // No word joined: the scored figure stands (the rebuilt text's reading could differ).
      if (lw.length) rejoined = matchingWords(ourWords, lw) / lw.length;
    }
    if (LAYOUT && ref.pdf && ours) {
      const lw = pdfWords(ref.pdf, true);
      note = `${note}${note ? '; ' : ''}layout ${lw.length ? (matchingWords(pdfWords(oursPath, true), lw) / lw.length).toFixed(3) : '-'}`;
    }
    allRows.push({
      name,
      kept: loWords.length ? m / loWords.length : ourWords.length ? 0 : 1,
      rejoined,
      ratio: loWords.length + ourWords.length ? (2 * m) / (loWords.length + ourWords.length) : 1,
      pages: [ours ? pdfPages(oursPath) : 0, ref.pdf ? pdfPages(ref.pdf) : 0],
      images: [ours ? pdfImages(oursPath) : 0, ref.pdf ? pdfImages(ref.pdf) : 0],
      oursMs,
      oursCpu,
      loMs: ref.wall,
      loCpu: ref.cpu,
      note,
    });
    const r = allRows[allRows.length - 1]!;
    if (r.rejoined !== undefined && r.rejoined - r.kept >= 0.005) r.note = `${r.note}${r.note ? '; ' : ''}rejoined ${r.rejoined.toFixed(3)}`;
    console.log(
      `${name.slice(0, 52).padEnd(52)} kept ${r.kept.toFixed(3)} ratio ${r.ratio.toFixed(3)} pages ${String(r.pages[0]).padStart(3)}/${String(r.pages[1]).padEnd(3)} images ${String(r.images[0]).padStart(2)}/${String(r.images[1]).padEnd(2)} ours ${r.oursCpu.toFixed(0).padStart(5)} ms CPU, soffice ${r.loCpu.toFixed(0).padStart(5)} ms CPU ${r.note}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// A file LibreOffice can't open (pandoc-image.rtf: "source file could not be loaded") has no
// reference to compare with: it is listed by name, not counted in the shares.
const noReference = allRows.filter((r) => r.note === 'LibreOffice produced no PDF');
const rows = allRows.filter((r) => !noReference.includes(r));
const pagesOk = (r: Row): boolean => r.pages[1] > 0 && Math.abs(r.pages[0] / r.pages[1] - 1) <= GOAL_PAGES;
const good = rows.filter((r) => r.kept >= GOAL_KEPT && pagesOk(r));
const sum = (f: (r: Row) => number): number => rows.reduce((s, r) => s + f(r), 0);
const keptShare = rows.filter((r) => r.kept >= GOAL_KEPT).length / rows.length;
const pagesShare = rows.filter(pagesOk).length / rows.length;
const speedCpu = sum((r) => r.loCpu) / sum((r) => r.oursCpu);
const speedWall = sum((r) => r.loMs) / sum((r) => r.oursMs);
console.log('');
console.log(`files: ${rows.length} with a LibreOffice reference; refused by us: ${rows.filter((r) => r.note.startsWith('refused')).length}`);
if (noReference.length) console.log(`no reference (LibreOffice gave no PDF), not counted: ${noReference.map((r) => `${r.name} (ours ${r.pages[0]} pages${r.note.startsWith('refused') ? ', refused' : ''})`).join('; ')}`);
console.log(`words kept ≥ ${GOAL_KEPT}: ${(keptShare * 100).toFixed(1)} % of files; mean kept ${(sum((r) => r.kept) / rows.length).toFixed(3)}, mean ratio ${(sum((r) => r.ratio) / rows.length).toFixed(3)}`);
console.log(`pages within ±${GOAL_PAGES * 100} %: ${(pagesShare * 100).toFixed(1)} % of files`);
console.log(`both: ${good.length}/${rows.length} = ${((good.length / rows.length) * 100).toFixed(1)} % (goal ≥ ${GOAL_SHARE * 100} %: ${good.length / rows.length >= GOAL_SHARE ? 'met' : 'NOT met'})`);
console.log(`images drawn: ours ${sum((r) => r.images[0])}, LibreOffice ${sum((r) => r.images[1])}`);
if (REFERENCE) console.log(`time: ours ${sum((r) => r.oursCpu).toFixed(0)} ms CPU; soffice not run (its PDFs from ${REFERENCE})`);
else console.log(`time: ours ${sum((r) => r.oursCpu).toFixed(0)} ms CPU / ${sum((r) => r.oursMs).toFixed(0)} ms wall, soffice ${sum((r) => r.loCpu).toFixed(0)} ms CPU / ${sum((r) => r.loMs).toFixed(0)} ms wall: ${speedCpu.toFixed(1)}× less CPU, ${speedWall.toFixed(1)}× less wall time (goal ≥ ${GOAL_SPEED}×: ${speedCpu >= GOAL_SPEED ? 'met' : 'NOT met'} by CPU time)`);
// The rebuilt text can read a page in a slightly other order than pdftotext's own: never below the scored figure.
const goodRejoined = rows.filter((r) => Math.max(r.rejoined ?? 0, r.kept) >= GOAL_KEPT && pagesOk(r));
console.log(`diagnosis, not scored: with LibreOffice's words broken inside a word joined again (rejoinBrokenWords), both: ${goodRejoined.length}/${rows.length} = ${((goodRejoined.length / rows.length) * 100).toFixed(1)} %`);
const gaps = rows.filter((r) => !(r.kept >= GOAL_KEPT && pagesOk(r)));
if (gaps.length) console.log(`short of the goal: ${gaps.map((r) => `${r.name} (kept ${r.kept.toFixed(2)}, pages ${r.pages[0]}/${r.pages[1]})`).join('; ')}`);
