// PDF flattening speed and memory.
// 1. flattenPdf on the generated 100-page filled form (fields, annotations, scripts, attachment)
//    vs `qpdf --flatten-annotations=all --generate-appearances in out` on the same file.
//    Goal: ours ≤ 2× qpdf. Measured warm (median of runs in this process) and cold (a fresh Node
//    process: what one `reportguard pdf convert` pays, module loading included).
// 2. Peak memory (VmHWM of a child process, i.e. true peak RSS) flattening a ~25 MB PDF without
//    and with protection, and the whole send pipeline (flatten + protect + pdf.js verification).
//    Goal ≤ 4× input, counted above the process's own footprint with the pipeline's code loaded
//    (the input itself included).
// Wall time is what a user waits; CPU time is printed too because a shared machine's load
// inflates wall time without the code changing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flattenPdf } from '../utils/core/documents/pdf/flatten.ts';
import type { AnalysisLimits } from '../utils/core/documents/types.ts';
import { makeFormPdf, makeScanHeavyPdf } from '../tests/helpers/pdf-fixtures.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const limits: AnalysisLimits = { maxBytes: 30 * 1024 * 1024, maxDecompressedBytes: 100 * 1024 * 1024, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 120_000 };
const median = (xs: number[]): number => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const MB = 1024 * 1024;

// A child mode: flatten (or run the whole pipeline on) one file and report peak RSS from
// /proc/self/status (VmHWM), which catches peaks inside synchronous work that sampling would
// miss. The baseline is the process with the pipeline's code loaded (pdf-lib, pdf.js), before
// the file is read: what a long-lived offscreen document or CLI run has before a document comes.
// So the peak above it counts the input itself (1×) and everything made from it.
if (process.argv[2] === '--child') {
  const [, , , mode, file] = process.argv as [string, string, string, string, string];
  const { readFileSync } = await import('node:fs');
  const { makeSendable } = await import('../utils/core/documents/send-fix.ts');
  await import('../utils/core/documents/pdf/verify.ts');
  await (await import('../utils/core/documents/pdfjs.ts')).loadPdfJs();
  const status = (): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) * 1024;
  const baseline = process.memoryUsage().rss;
  // Read as the CLI reads (cli/commands/pdf.ts): the file's own memory, not a second copy.
  const buf = readFileSync(file);
  const input = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const t = performance.now();
  const c = cpuMs();
  if (mode === 'flatten') await flattenPdf(input, { limits, protect: false });
  else if (mode === 'flatten-protect') await flattenPdf(input, { limits, protect: true });
  // As the offscreen document calls it: the bytes are handed over (entrypoints/offscreen/deps.ts).
  else await makeSendable(input, 'pdf', { limits, consumeInput: true });
  console.log(JSON.stringify({ baseline, peak: status(), ms: performance.now() - t, cpuMs: cpuMs() - c }));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'rg-bench-flatten-'));
try {
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const form = await makeFormPdf({ pages: 100 });
  const formPath = join(dir, 'form.pdf');
  writeFileSync(formPath, form);
  console.log(`input: 100-page form, ${(form.length / 1024).toFixed(0)} KiB`);

  // --- 1. speed (skipped with `-- memory`: only part 2)
  if (!process.argv.includes('memory')) {
    const warm: number[] = [];
    const cpu: number[] = [];
    await flattenPdf(form, { limits, protect: false }); // JIT warm-up
    for (let i = 0; i < 7; i++) {
      const c = cpuMs();
      const t = performance.now();
      await flattenPdf(form, { limits, protect: false });
      warm.push(performance.now() - t);
      cpu.push(cpuMs() - c);
    }
    const qpdf: number[] = [];
    let qpdfOk = true;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      const r = spawnSync('qpdf', ['--flatten-annotations=all', '--generate-appearances', formPath, join(dir, 'qpdf.pdf')]);
      qpdf.push(performance.now() - t);
      if (r.error || (r.status !== 0 && r.status !== 3)) qpdfOk = false; // 3 = warnings
    }
    const cold: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      spawnSync(process.execPath, ['-e', `
        const { readFileSync } = await import('node:fs');
        const { flattenPdf } = await import(${JSON.stringify(join(root, 'utils/core/documents/pdf/flatten.ts'))});
        await flattenPdf(new Uint8Array(readFileSync(${JSON.stringify(formPath)})), { limits: ${JSON.stringify(limits)}, protect: false });
      `, '--input-type=module'], { cwd: root });
      cold.push(performance.now() - t);
    }
    const ours = median(warm);
    const theirs = median(qpdf);
    console.log(`flattenPdf (warm, median of 7): ${ours.toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU`);
    console.log(`flattenPdf (cold process incl. Node start + imports, median of 3): ${median(cold).toFixed(0)} ms`);
    if (qpdfOk) {
      console.log(`qpdf --flatten-annotations=all --generate-appearances (process, median of 7): ${theirs.toFixed(0)} ms`);
      console.log(`ratio warm/qpdf: ${(ours / theirs).toFixed(2)}× (goal ≤ 2×) ${ours <= 2 * theirs ? 'MET' : 'NOT MET'}`);
      console.log(`ratio cold/qpdf: ${(median(cold) / theirs).toFixed(2)}×`);
    } else {
      console.log('qpdf not available or failed: comparison skipped');
    }
  }

  // --- 2. memory
  const big = await makeScanHeavyPdf(form);
  const bigPath = join(dir, 'big.pdf');
  writeFileSync(bigPath, big);
  console.log(`\nmemory input: ${(big.length / MB).toFixed(1)} MB PDF (100 pages with scanned images and the form)`);
  const labels: Record<string, string> = {
    flatten: 'flattenPdf',
    'flatten-protect': 'flattenPdf + protect',
    pipeline: 'makeSendable (flatten+protect+verify)',
  };
  // Peak RSS depends on when V8 happens to collect garbage, so it varies from run to run by
  // ±15 MB: each mode runs in 3 fresh processes and the median is reported, with the range.
  const RUNS = 3;
  for (const mode of Object.keys(labels)) {
    const runs: { baseline: number; peak: number; ms: number; cpuMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, bigPath], { cwd: root, encoding: 'utf8' });
      if (r.status !== 0) {
        console.log(`${mode}: child failed: ${r.stderr.split('\n')[0]}`);
        break;
      }
      runs.push(JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as (typeof runs)[number]);
    }
    if (runs.length < RUNS) continue;
    const nets = runs.map((m) => m.peak - m.baseline);
    const net = median(nets);
    const times = (xs: number[]): string => (xs.length ? median(xs).toFixed(0) : '?');
    console.log(
      `${labels[mode]}: peak RSS above the process's ${(median(runs.map((m) => m.baseline)) / MB).toFixed(0)} MB with the code loaded: ` +
        `${(net / MB).toFixed(0)} MB (${(net / big.length).toFixed(1)}× input; runs ${nets.map((n) => (n / MB).toFixed(0)).join('/')} MB; goal ≤ 4×) ` +
        `${net <= 4 * big.length ? 'MET' : 'NOT MET'}; median ${times(runs.map((m) => m.ms))} ms wall, ${times(runs.map((m) => m.cpuMs))} ms CPU`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
