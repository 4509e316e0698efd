// Attach → swapped PDF visible (issue 11): wall time from handing Roundcube the file (the upload
// starts at once) until the compose screen lists the extension's PDF in its place with the
// "swapped" badge, in real Roundcube with the built extension in Chromium. A 20-page DOCX and a
// 100-page PDF, made here (tests/helpers/fixtures.ts), each a fresh file per run so nothing is
// answered from the analysis cache. BENCH_RUNS (default 3) per file; the median is printed, with
// the machine's load. Results to bench-results/attach-swap.json.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startWebmail } from '../tests/e2e/harness/webmail.ts';
import { EXTENSION_DIR, PROJECT_ROOT, launchWithExtension } from '../tests/e2e/harness/chromium.ts';
import { loadPolicy } from '../tests/e2e/harness/extension-pages.ts';
import * as rc from '../tests/e2e/harness/roundcube-page.ts';
import { summarise } from '../tests/e2e/harness/send-latency.ts';
import { makeDocx, makePdf } from '../tests/helpers/fixtures.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const extensionDir = process.env.REPORTGUARD_EXTENSION_DIR ?? EXTENSION_DIR;
const examples = join(PROJECT_ROOT, 'examples');
for (const f of [join(extensionDir, 'manifest.json'), join(examples, 'policy.json'), join(examples, 'records.json')]) {
  if (!existsSync(f)) {
    console.log(`attach-swap: skipped, ${f} is missing (npx wxt build; examples/)`);
    process.exit(0);
  }
}

const LINE = 'De cliënt heeft deze week twee sollicitatiegesprekken gevoerd en volgt de afspraken met de werkgever goed op.';
/** About 20 pages once laid out: 45 lines of text a page. */
const docx20 = (run: number) => makeDocx(Array.from({ length: 20 * 45 }, (_, i) => `${i + 1}. ${LINE} (${run})`));
/** 100 pages of text. */
const pdf100 = (run: number) => makePdf(Array.from({ length: 100 }, (_, p) => Array.from({ length: 40 }, (_, i) => `Pagina ${p + 1}, regel ${i + 1} (${run})`).join('\n')));

const webmail = await startWebmail({ port: 8410, imapPort: 1553, smtpPort: 2935 });
const sender = webmail.user('a.jansen');
const browser = await launchWithExtension({ headless: true, extensionDir });
try {
  const options = await loadPolicy(browser.context, browser.extensionId, join(examples, 'policy.json'), join(examples, 'records.json'));
  await options.close();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('dialog', (d) => void d.accept().catch(() => {}));
  await rc.login(page, webmail.url, sender.email, sender.password);

  async function attachToSwapped(name: string, bytes: Uint8Array, mimeType: string): Promise<number> {
    await rc.openCompose(page, webmail.url);
    const swapped = page.locator(`${rc.attachmentRow} [data-reportguard-status][data-state="swapped"]`);
    const t0 = Date.now();
    await page.setInputFiles(rc.SEL.fileInput, { name, mimeType, buffer: Buffer.from(bytes) });
    await swapped.waitFor({ state: 'attached', timeout: 300_000 });
    return Date.now() - t0;
  }

  const cases = [
    { label: '20-page DOCX', name: 'rapport-20.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', make: async (run: number) => docx20(run) },
    { label: '100-page PDF', name: 'rapport-100.pdf', mime: 'application/pdf', make: pdf100 },
  ];
  // Warm-up (service worker, offscreen document, fonts): not counted.
  await attachToSwapped('warm.docx', makeDocx([LINE]), cases[0]!.mime);
  const results: Record<string, unknown> = {};
  for (const c of cases) {
    const samples: number[] = [];
    let size = 0;
    for (let run = 0; run < RUNS; run++) {
      const bytes = await c.make(run);
      size = bytes.length;
      samples.push(await attachToSwapped(c.name, bytes, c.mime));
    }
    const s = summarise(samples);
    results[c.label] = { ...s, bytes: size };
    console.log(`attach → swapped PDF visible, ${c.label} (${(size / 1024).toFixed(0)} KB): median ${s.median} ms (min ${s.min}, max ${s.max}, n ${s.n})`);
  }
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`  load average at the end: ${load}`);
  mkdirSync(join(PROJECT_ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(PROJECT_ROOT, 'bench-results', 'attach-swap.json'), JSON.stringify({ results, load }, null, 2));
} finally {
  await browser.close();
  await webmail.stop();
}
