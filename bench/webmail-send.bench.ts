// Real Roundcube send latency: click on Send → message complete in the SMTP sink, in Debian's
// Chromium, first without the extension (the baseline Roundcube itself costs), then with the
// built extension and examples/policy.json loaded, for plain mail and for an approved report.
// The difference is what ReportGuard adds at send time. Also: webmail start-up and login.
// Needs the Debian packages (see scripts/system-deps.ts); the with-extension part
// needs a build (.output/chrome-mv3) and the examples, and is skipped with a note otherwise.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebmail } from '../tests/e2e/harness/webmail.ts';
import { EXTENSION_DIR, PROJECT_ROOT, launchWithExtension } from '../tests/e2e/harness/chromium.ts';
import { loadPolicy } from '../tests/e2e/harness/extension-pages.ts';
import * as rc from '../tests/e2e/harness/roundcube-page.ts';
import { measureSend, summarise, type SendCase } from '../tests/e2e/harness/send-latency.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const report = join(PROJECT_ROOT, 'examples', 'files', 'rapport.pdf');
const results: Record<string, unknown> = { runs: RUNS };

const t0 = Date.now();
const webmail = await startWebmail();
results.webmailStartMs = Date.now() - t0;
const sender = webmail.user('a.jansen');

let n = 0;
const plain = (): SendCase => ({ compose: { to: ['hr@werkgever-a.nl'], subject: `Bench plain ${++n}`, body: 'Korte vraag over de planning.' } });
const reportMail = (checks: boolean): SendCase => ({
  compose: { to: ['hr@werkgever-a.nl'], subject: `Voortgangsrapportage C-1042 bench ${++n}`, body: 'Bijgaand de rapportage.' },
  attachments: [report],
  waitForChecks: checks,
});

// BENCH_SERIES=with (or =no, =report, =plain) runs only the series whose label contains it.
const only = process.env.BENCH_SERIES;

async function series(label: string, withExtension: boolean, make: () => SendCase): Promise<void> {
  if (only && !label.includes(only)) return;
  const browser = await launchWithExtension({ headless: true, extensionDir: withExtension ? undefined : null });
  try {
    if (withExtension) {
      const options = await loadPolicy(browser.context, browser.extensionId, join(PROJECT_ROOT, 'examples', 'policy.json'), join(PROJECT_ROOT, 'examples', 'records.json'));
      await options.close();
    }
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const l0 = Date.now();
    await rc.login(page, webmail.url, sender.email, sender.password);
    const loginMs = Date.now() - l0;
    // One unmeasured send warms PHP's opcache and the extension's service worker.
    await measureSend(page, webmail, make());
    const sink: number[] = [];
    const ui: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await measureSend(page, webmail, make());
      sink.push(r.sinkMs);
      ui.push(r.uiMs);
    }
    results[label] = { loginMs, sinkMs: summarise(sink), uiMs: summarise(ui) };
    const s = summarise(sink);
    console.log(`${label.padEnd(34)} click→sink median ${s.median} ms (min ${s.min}, max ${s.max}, n ${s.n}); click→list median ${summarise(ui).median} ms; login ${loginMs} ms`);
  } catch (err) {
    const shot = join(PROJECT_ROOT, 'bench-results', 'webmail-send-failure.png');
    mkdirSync(join(PROJECT_ROOT, 'bench-results'), { recursive: true });
    await browser.context.pages().at(-1)?.screenshot({ path: shot }).catch(() => {});
    throw new Error(`${label}: ${(err as Error).message.split('\n')[0]} (screenshot ${shot}; Roundcube errors ${webmail.errorsLog})`, { cause: err });
  } finally {
    await browser.close();
  }
}

try {
  console.log(`webmail started in ${results.webmailStartMs as number} ms`);
  await series('plain, no extension', false, plain);
  if (existsSync(report)) await series('report (PDF), no extension', false, () => reportMail(false));
  const examples = ['policy.json', 'records.json'].every((f) => existsSync(join(PROJECT_ROOT, 'examples', f)));
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')) || !examples) {
    console.log('with extension: skipped (needs `npx wxt build` and examples/policy.json + records.json)');
  } else {
    await series('plain, with extension', true, plain);
    if (existsSync(report)) await series('approved report, with extension', true, () => reportMail(true));
  }
  mkdirSync(join(PROJECT_ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(PROJECT_ROOT, 'bench-results', 'webmail-send.json'), JSON.stringify(results, null, 2));
} finally {
  await webmail.stop();
}
