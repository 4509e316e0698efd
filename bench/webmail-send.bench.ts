// Real webmail send latency, Roundcube and SOGo alike: click on Send → message complete in the
// SMTP sink, in Debian's Chromium, first without the extension (the baseline the webmail itself
// costs), then with the built extension and examples/policy.json loaded, for plain mail and for
// an approved report. The difference is what ReportGuard adds at send time. Also: webmail
// start-up and login. BENCH_WEBMAIL=roundcube|sogo runs one webmail only.
// Needs the Debian packages (see scripts/system-deps.ts); the with-extension part
// needs a build (.output/chrome-mv3) and the examples, and is skipped with a note otherwise.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebmail, WEBMAIL_KINDS, type Webmail, type WebmailKind } from '../tests/e2e/harness/webmail.ts';
import { EXTENSION_DIR, PROJECT_ROOT, launchWithExtension } from '../tests/e2e/harness/chromium.ts';
import { loadPolicy } from '../tests/e2e/harness/extension-pages.ts';
import * as rc from '../tests/e2e/harness/roundcube-page.ts';
import * as sg from '../tests/e2e/harness/sogo-page.ts';
import { measureSend, summarise, type SendCase } from '../tests/e2e/harness/send-latency.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const report = join(PROJECT_ROOT, 'examples', 'files', 'rapport.pdf');
const all: Record<string, unknown> = { runs: RUNS };
const kinds = WEBMAIL_KINDS.filter((k) => !process.env.BENCH_WEBMAIL || process.env.BENCH_WEBMAIL === k);

let n = 0;
const plain = (): SendCase => ({ compose: { to: ['hr@werkgever-a.nl'], subject: `Bench plain ${++n}`, body: 'Korte vraag over de planning.' } });
const reportMail = (checks: boolean): SendCase => ({
  compose: { to: ['hr@werkgever-a.nl'], subject: `Voortgangsrapportage C-1042 bench ${++n}`, body: 'Bijgaand de rapportage.' },
  attachments: [report],
  waitForChecks: checks,
});

// BENCH_SERIES=with (or =no, =report, =plain) runs only the series whose label contains it.
const only = process.env.BENCH_SERIES;

async function series(kind: WebmailKind, webmail: Webmail, results: Record<string, unknown>, label: string, withExtension: boolean, make: () => SendCase): Promise<void> {
  const sender = webmail.user('a.jansen');
  const steps = kind === 'sogo' ? sg : rc;
  if (only && !label.includes(only)) return;
  const browser = await launchWithExtension({ headless: true, extensionDir: withExtension ? undefined : null });
  try {
    if (withExtension) {
      const options = await loadPolicy(browser.context, browser.extensionId, join(PROJECT_ROOT, 'examples', 'policy.json'), join(PROJECT_ROOT, 'examples', 'records.json'));
      await options.close();
    }
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const l0 = Date.now();
    if (kind === 'sogo') await sg.login(page, webmail.url, sender.email, sender.password, { guarded: withExtension });
    else await rc.login(page, webmail.url, sender.email, sender.password);
    const loginMs = Date.now() - l0;
    // One unmeasured send warms PHP's opcache and the extension's service worker.
    await measureSend(page, webmail, make(), steps);
    const sink: number[] = [];
    const ui: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await measureSend(page, webmail, make(), steps);
      sink.push(r.sinkMs);
      ui.push(r.uiMs);
    }
    results[label] = { loginMs, sinkMs: summarise(sink), uiMs: summarise(ui) };
    const s = summarise(sink);
    console.log(`${`${kind}: ${label}`.padEnd(44)} click→sink median ${s.median} ms (min ${s.min}, max ${s.max}, n ${s.n}); click→list median ${summarise(ui).median} ms; login ${loginMs} ms`);
  } catch (err) {
    const shot = join(PROJECT_ROOT, 'bench-results', 'webmail-send-failure.png');
    mkdirSync(join(PROJECT_ROOT, 'bench-results'), { recursive: true });
    await browser.context.pages().at(-1)?.screenshot({ path: shot }).catch(() => {});
    throw new Error(`${kind} ${label}: ${(err as Error).message.split('\n')[0]} (screenshot ${shot}; webmail errors ${webmail.errorsLog})`, { cause: err });
  } finally {
    await browser.close();
  }
}

for (const kind of kinds) {
  const results: Record<string, unknown> = {};
  all[kind] = results;
  const t0 = Date.now();
  const webmail = await startWebmail({ kind });
  results.webmailStartMs = Date.now() - t0;
  try {
    console.log(`${kind} started in ${results.webmailStartMs as number} ms`);
    const run = (label: string, ext: boolean, make: () => SendCase) => series(kind, webmail, results, label, ext, make);
    await run('plain, no extension', false, plain);
    if (existsSync(report)) await run('report (PDF), no extension', false, () => reportMail(false));
    const examples = ['policy.json', 'records.json'].every((f) => existsSync(join(PROJECT_ROOT, 'examples', f)));
    if (!existsSync(join(EXTENSION_DIR, 'manifest.json')) || !examples) {
      console.log('with extension: skipped (needs `npx wxt build` and examples/policy.json + records.json)');
    } else {
      await run('plain, with extension', true, plain);
      if (existsSync(report)) await run('approved report, with extension', true, () => reportMail(true));
    }
  } finally {
    await webmail.stop();
  }
}
mkdirSync(join(PROJECT_ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(PROJECT_ROOT, 'bench-results', 'webmail-send.json'), JSON.stringify(all, null, 2));
