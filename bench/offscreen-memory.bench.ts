// Peak memory of the whole send pipeline where users run it: the built extension's own offscreen
// document in Chromium (issue 11, item 3), beside the Node figure of bench/flatten.bench.ts. The
// same ~25 MB scan-heavy PDF is prepared for sending as an attachment is: the document cache
// (IndexedDB) holds the original, the offscreen document is asked to analyse it
// (`offscreen.analyse`: read from the cache, analyse, flatten, protect, verify, store the PDF).
//
// Measured as bench/flatten.bench.ts measures Node: the true peak RSS (VmHWM of /proc) of the
// renderer process that runs the offscreen document, above that process's RSS just before the
// request, after one warm-up request with a small PDF (the pipeline's code loaded, as in a
// long-lived offscreen document); each run in a fresh browser, as each Node run is a fresh
// process (a renderer keeps memory it once had, so later documents in one browser show less).
// The peak is reset before the request (/proc/<pid>/clear_refs "5"). Extension pages and the
// service worker share that process; the bench puts the original in the cache from the service
// worker and lets go of its copy before the baseline is read, so what is counted is the
// offscreen document's work, IndexedDB's read of the original and write of the output included
// (the Node figure has neither); a second figure is those two alone. Linux only.
// Needs the build: `npx wxt build`. BENCH_RUNS (default 3).
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@playwright/test';
import { EXTENSION_DIR, launchWithExtension } from '../tests/e2e/harness/chromium.ts';
import { makeFormPdf, makeScanHeavyPdf } from '../tests/helpers/pdf-fixtures.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MB = 1024 * 1024;
const extensionDir = process.env.REPORTGUARD_EXTENSION_DIR ?? EXTENSION_DIR;
if (!existsSync(join(extensionDir, 'manifest.json')) || !existsSync('/proc/self/clear_refs')) {
  console.log(`offscreen-memory: skipped (${existsSync('/proc/self/clear_refs') ? `no build in ${extensionDir}: npx wxt build` : 'needs Linux /proc'})`);
  process.exit(0);
}

const median = (xs: number[]): number => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const procStatus = (pid: number, field: 'VmRSS' | 'VmHWM'): number =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};
const parentOf = (pid: number): number => {
  try {
    return Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};
/** Renderer processes of the Chromium whose browser process runs on `userDataDir`. */
function extensionRenderers(userDataDir: string): number[] {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const browsers = new Set(pids.filter((p) => cmdline(p).includes(`--user-data-dir=${userDataDir}`) && !cmdline(p).includes('--type=')));
  const under = (p: number): boolean => {
    for (let q = p, i = 0; q > 1 && i < 10; q = parentOf(q), i++) if (browsers.has(q)) return true;
    return false;
  };
  return pids.filter((p) => cmdline(p).includes('--type=renderer') && cmdline(p).includes('--extension-process') && under(p));
}

const form = await makeFormPdf({ pages: 100 });
const big = await makeScanHeavyPdf(form);
const small = await makeFormPdf({ pages: 2 });
const files: Record<string, Uint8Array> = { '/big.pdf': big, '/small.pdf': small };
const server = createServer((req, res) => {
  const body = files[req.url ?? ''];
  res.writeHead(body ? 200 : 404, { 'access-control-allow-origin': '*', 'content-type': 'application/pdf' });
  res.end(body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : undefined);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;

console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; Chromium's offscreen document, input ${(big.length / MB).toFixed(1)} MB PDF`);

/**
 * Installs `globalThis.rgBenchCache` in an extension context (service worker or page): put / get
 * of one value in the extension's IndexedDB as the document cache stores bytes
 * (utils/browser/storage/document-cache.ts: a Blob under `orig:<sha256>`, its size and time in
 * blobMeta). Runs in the browser.
 */
function installCacheAccess(): void {
  // Inside: the function is sent to the browser as its source, so it can use nothing from here.
  // oxlint-disable-next-line unicorn/consistent-function-scoping
  const request = <T>(r: IDBRequest<T>): Promise<T> =>
    new Promise((ok, fail) => {
      r.addEventListener('success', () => ok(r.result));
      r.addEventListener('error', () => fail(r.error));
    });
  const open = (): Promise<IDBDatabase> => request(indexedDB.open('reportguard'));
  (globalThis as unknown as { rgBenchCache: unknown }).rgBenchCache = {
    async put(key: string, value: Uint8Array): Promise<void> {
      const db = await open();
      const tx = db.transaction(['blobs', 'blobMeta'], 'readwrite');
      const done = new Promise<void>((ok, fail) => {
        tx.addEventListener('complete', () => ok());
        tx.addEventListener('error', () => fail(tx.error));
      });
      tx.objectStore('blobs').put(new Blob([value as Uint8Array<ArrayBuffer>]), key);
      tx.objectStore('blobMeta').put({ size: value.byteLength, storedAt: Date.now() }, key);
      await done;
      db.close();
    },
    async get(key: string): Promise<Uint8Array> {
      const db = await open();
      const value = (await request(db.transaction('blobs').objectStore('blobs').get(key))) as Blob;
      db.close();
      return new Uint8Array(await value.arrayBuffer());
    },
  };
}
interface CacheAccess {
  put(key: string, value: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array>;
}

/** Peak RSS above the baseline of the browser's extension renderer(s) while `work` runs. */
async function peakDuring(userDataDir: string, work: () => Promise<void>): Promise<{ net: number; baseline: number; processes: number }> {
  await new Promise((r) => setTimeout(r, 2000)); // let the staging's garbage go
  const pids = extensionRenderers(userDataDir);
  if (pids.length === 0) throw new Error('no extension renderer process found');
  const baseline = new Map(pids.map((p) => [p, procStatus(p, 'VmRSS')]));
  for (const p of pids) writeFileSync(`/proc/${p}/clear_refs`, '5'); // peak RSS := current RSS
  await work();
  return {
    net: Math.max(...pids.map((p) => procStatus(p, 'VmHWM') - (baseline.get(p) ?? 0))),
    baseline: Math.max(...baseline.values()),
    processes: pids.length,
  };
}

const fileUrl = (path: string): string => `http://127.0.0.1:${port}${path}`;

/** One run in a fresh browser (as the Node figure uses a fresh process per run): peak RSS above the baseline, and the time. */
async function measureOnce(): Promise<{ net: number; baseline: number; ms: number; processes: number }> {
  const browser = await launchWithExtension({ headless: true, extensionDir });
  try {
    const worker: Worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
    await worker.evaluate(installCacheAccess);
    /** Puts one file in the document cache as the background does (its copy then released); its hash. */
    const stage = (path: string): Promise<string> =>
      worker.evaluate(async (url) => {
        const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
        const hex = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
        await (globalThis as unknown as { rgBenchCache: CacheAccess }).rgBenchCache.put(`orig:${hex}`, bytes);
        (bytes.buffer as ArrayBuffer & { transfer(n: number): ArrayBuffer }).transfer(0);
        return hex;
      }, fileUrl(path));
    /** Asks the offscreen document (created as the background creates it) to analyse one cached file. */
    const analyse = (hash: string): Promise<{ ok: boolean; fixOk?: boolean; error?: string; ms: number }> =>
      worker.evaluate(async (sha256: string) => {
        const c = (globalThis as unknown as { chrome: { offscreen: { hasDocument(): Promise<boolean>; createDocument(p: object): Promise<void> }; runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome;
        if (!(await c.offscreen.hasDocument())) {
          await c.offscreen.createDocument({ url: 'offscreen.html', reasons: ['WORKERS', 'DOM_PARSER', 'BLOBS'], justification: 'bench' });
        }
        let answer: { ok?: boolean; error?: string; analysis?: { fix?: { ok?: boolean } } } | undefined;
        const t = performance.now();
        for (let i = 0; i < 50 && !answer; i++) {
          try {
            answer = (await c.runtime.sendMessage({ kind: 'offscreen.analyse', sha256, name: 'rapport.pdf', settings: { maxAttachmentMB: 25, protectPdf: true } })) as typeof answer;
          } catch {
            await new Promise((r) => setTimeout(r, 100)); // the document is still starting
          }
        }
        return { ok: answer?.ok === true, fixOk: answer?.analysis?.fix?.ok, error: answer?.error, ms: performance.now() - t };
      }, hash);

    // Warm-up: the offscreen document started and the pipeline's code loaded.
    const warm = await analyse(await stage('/small.pdf'));
    if (!warm.ok || !warm.fixOk) throw new Error(`warm-up analysis failed: ${warm.error ?? 'the fix failed'}`);
    const sha = await stage('/big.pdf');
    let ms = 0;
    const peak = await peakDuring(browser.userDataDir, async () => {
      const r = await analyse(sha);
      if (!r.ok || !r.fixOk) throw new Error(`analysis failed: ${r.error ?? 'the fix failed'}`);
      ms = r.ms;
    });
    return { ...peak, ms };
  } finally {
    await browser.close();
  }
}

/**
 * For comparison, in a fresh browser: only what the document cache costs, the read of the 23 MB
 * original and the write of a 23 MB output (IndexedDB, from an extension page in the same
 * process), without the pipeline.
 */
async function measureCacheOnly(): Promise<number> {
  const browser = await launchWithExtension({ headless: true, extensionDir });
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.evaluate(installCacheAccess);
    await page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      await (globalThis as unknown as { rgBenchCache: CacheAccess }).rgBenchCache.put('orig:bench', bytes);
      (bytes.buffer as ArrayBuffer & { transfer(n: number): ArrayBuffer }).transfer(0);
    }, fileUrl('/big.pdf'));
    const peak = await peakDuring(browser.userDataDir, () =>
      page.evaluate(async () => {
        const cache = (globalThis as unknown as { rgBenchCache: CacheAccess }).rgBenchCache;
        await cache.put('out:bench', await cache.get('orig:bench'));
      }),
    );
    return peak.net;
  } finally {
    await browser.close();
  }
}

try {
  const runs: Awaited<ReturnType<typeof measureOnce>>[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const r = await measureOnce();
    runs.push(r);
    console.log(`  run ${run}: peak RSS +${(r.net / MB).toFixed(0)} MB above the renderer's ${(r.baseline / MB).toFixed(0)} MB (${r.processes} extension renderer process${r.processes > 1 ? 'es' : ''}), ${r.ms.toFixed(0)} ms`);
  }
  const nets = runs.map((r) => r.net);
  const net = median(nets);
  console.log(
    `offscreen document (Chromium), analyse + flatten + protect + verify + cache write: peak RSS above the renderer's baseline ${(net / MB).toFixed(0)} MB ` +
      `(${(net / big.length).toFixed(1)}× input; runs ${nets.map((n) => (n / MB).toFixed(0)).join('/')} MB; goal ≤ 4×) ${net <= 4 * big.length ? 'MET' : 'NOT MET'}; median ${median(runs.map((r) => r.ms)).toFixed(0)} ms`,
  );
  const cache: number[] = [];
  for (let run = 1; run <= RUNS; run++) cache.push(await measureCacheOnly());
  const c = median(cache);
  console.log(
    `of which the document cache alone (IndexedDB read of the original + write of the output, no pipeline): peak RSS +${(c / MB).toFixed(0)} MB ` +
      `(${(c / big.length).toFixed(1)}× input; runs ${cache.map((n) => (n / MB).toFixed(0)).join('/')} MB)`,
  );
} finally {
  server.close();
}
