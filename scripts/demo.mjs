#!/usr/bin/env node
// `npm run demo`: ReportGuard in a real Roundcube, on this machine.
//   - builds the extension, starts the private webmail (Dovecot, Roundcube, SMTP sink),
//   - opens Chromium with the extension and loads examples/policy.json + examples/records.json
//     through its options page,
//   - with a display (DISPLAY set): a browser window stays open until Ctrl+C; log in and try;
//   - without one (headless): sends one report that must be blocked and one that must go
//     through, saves demo-output/blocked.png and demo-output/allowed.png, and exits.
// Options: --no-build (use the existing .output/chrome-mv3), --headless (even with a display).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'demo-output');
const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !process.env.DISPLAY;

if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`demo: needs Node 24 (this is ${process.version}); run it as \`npm run demo\``);
  process.exit(2);
}

// The harness is TypeScript, run by Node 24's type stripping: imported after the version check.
const { ensureSystemDeps, SystemDepsError } = await import('./system-deps.ts');
const { startWebmail } = await import('../tests/e2e/harness/webmail.ts');
const { launchWithExtension } = await import('../tests/e2e/harness/chromium.ts');
const { loadPolicy } = await import('../tests/e2e/harness/extension-pages.ts');
const rc = await import('../tests/e2e/harness/roundcube-page.ts');
const rg = await import('../tests/e2e/harness/reportguard-page.ts');

function fail(msg) {
  console.error(`demo: ${msg}`);
  process.exitCode = 1;
}

try {
  const { installed } = ensureSystemDeps(['demo']);
  if (installed.length) console.log(`demo: installed Debian packages: ${installed.join(' ')}`);
} catch (err) {
  if (!(err instanceof SystemDepsError)) throw err;
  console.error(err.message);
  process.exit(1);
}
if (!args.has('--no-build')) {
  console.log('demo: building the extension (npx wxt build) …');
  const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}` };
  const r = spawnSync('npx', ['wxt', 'build'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error('demo: the extension did not build');
    process.exit(1);
  }
}

mkdirSync(out, { recursive: true });
const webmail = await startWebmail({ logsDir: join(out, 'logs') });
let browser;
try {
  // Dutch, as the firm's staff use it (REPORTGUARD_UI_LANG=en for English).
  browser = await launchWithExtension({ headless, viewport: headless ? { width: 1280, height: 900 } : null, uiLanguage: process.env.REPORTGUARD_UI_LANG ?? 'nl' });
} catch (err) {
  console.error(`demo: ${err.message}`);
  await webmail.stop();
  process.exit(1);
}
const { context, extensionId } = browser;
context.on('page', (p) => p.on('dialog', (d) => d.accept().catch(() => {})));

async function shutdown(code) {
  await browser.close();
  await webmail.stop();
  process.exit(code ?? process.exitCode ?? 0);
}
process.on('SIGINT', () => { console.log('\ndemo: stopping'); shutdown(0); });

const policyPath = join(root, 'examples', 'policy.json');
const recordsPath = join(root, 'examples', 'records.json');
const missing = [policyPath, recordsPath].filter((p) => !existsSync(p));
let policyLoaded = false;
if (missing.length) {
  console.log(`demo: ${missing.map((p) => p.slice(root.length + 1)).join(' and ')} missing: ReportGuard runs without a policy and blocks every send`);
} else {
  try {
    const options = await loadPolicy(context, extensionId, policyPath, recordsPath);
    policyLoaded = true;
    console.log(`demo: policy and records loaded (${JSON.parse(readFileSync(policyPath, 'utf8')).organisation})`);
    if (headless) await options.close();
  } catch (err) {
    console.log(`demo: could not load the policy through the options page: ${err.message}`);
  }
}

const sender = webmail.user('a.jansen');
console.log(`\nRoundcube: ${webmail.url}`);
console.log(`  log in as ${sender.email} / ${sender.password} (also: ${webmail.users.filter((u) => u !== sender).map((u) => u.email).join(', ')})`);
console.log(`  outgoing mail is caught in ${webmail.sinkDir} (nothing leaves this machine)`);
console.log(`  Roundcube errors: ${webmail.errorsLog}`);

if (!headless) {
  const page = context.pages()[0] ?? (await context.newPage());
  await rc.login(page, webmail.url, sender.email, sender.password);
  await rc.openCompose(page, webmail.url);
  console.log('\ndemo: browser window open, logged in and composing. Try attaching examples/files/rapport.pdf and');
  console.log('      sending to hr@werkgever-a.nl (allowed) or hr@werkgever-b.nl (blocked). Ctrl+C to stop.');
  await new Promise(() => {}); // until SIGINT
}

// Headless: the two scripted sends.
const report = join(root, 'examples', 'files', 'rapport.pdf');
if (!policyLoaded || !existsSync(report)) {
  fail(`scripted sends need the examples (policy, records and ${report.slice(root.length + 1)})`);
  await shutdown();
}

const page = context.pages()[0] ?? (await context.newPage());
await rc.login(page, webmail.url, sender.email, sender.password);

async function composeReport(to, subject) {
  await rc.openCompose(page, webmail.url);
  await rc.fillCompose(page, { to: [to], subject, body: 'Beste mevrouw Bakker,\n\nBijgaand de voortgangsrapportage.\n\nMet vriendelijke groet,\nAnna Jansen' });
  await rc.attach(page, report);
  await rg.waitForAttachmentChecks(page);
}

// The proof of an allowed send for the screenshot: the message opened in the Sent folder.
async function showSentMessage(subject) {
  await page.goto(new URL('?_task=mail&_mbox=Sent', webmail.url).href);
  const row = page.locator('#messagelist tbody tr', { hasText: subject }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  const preview = page.frameLocator('#messagecontframe');
  await preview.locator('#message-header').getByText(subject).first().waitFor({ timeout: 10_000 }).catch(() => {});
  await preview.locator('#attachment-list li, .attachmentslist li').first().waitFor({ timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(300); // let the preview finish painting
}

try {
  // 1. Blocked: the employer is not on regiokantoor Utrecht's whitelist.
  await composeReport('hr@werkgever-b.nl', 'Voortgangsrapportage C-1042');
  let count = webmail.mailCount();
  await rc.clickSend(page);
  const blocked = await rg.waitForVerdictDialog(page, 'block');
  const codes = await rg.findingCodes(blocked);
  await page.screenshot({ path: join(out, 'blocked.png') });
  await new Promise((r) => setTimeout(r, 1500));
  if (webmail.mailCount() !== count) fail('the blocked report reached the SMTP sink');
  console.log(`\ndemo: blocked send → dialog with ${codes.join(', ') || '(no codes)'}; nothing sent; demo-output/blocked.png`);
  await blocked.locator(rg.RG_SEL.action('back')).first().click();

  // 2. Allowed: whitelisted recipient in the client's agreement, approved document.
  await composeReport('hr@werkgever-a.nl', 'Voortgangsrapportage C-1042 (akkoord)');
  count = webmail.mailCount();
  await rc.clickSend(page);
  // A warning (if the policy gives one) is confirmed, as the user would after reading it.
  const warn = page.locator(rg.RG_SEL.dialogWithVerdict('warn'));
  const mail = await Promise.race([
    webmail.waitForMail((m) => m.n > count, 30_000),
    warn.locator('[role="dialog"]').waitFor({ state: 'visible', timeout: 30_000 }).then(async () => {
      await warn.locator(rg.RG_SEL.action('confirm')).click();
      return webmail.waitForMail((m) => m.n > count, 30_000);
    }),
  ]);
  await rc.waitForSent(page).catch(() => {});
  await showSentMessage('Voortgangsrapportage C-1042 (akkoord)');
  await page.screenshot({ path: join(out, 'allowed.png') });
  const atts = mail.parsed.attachments.map((a) => `${a.filename} (${a.contentType}, ${a.size} bytes)`).join(', ');
  console.log(`demo: allowed send → reached the sink as #${mail.n} to ${mail.envelope.to.join(', ')} with ${atts}; demo-output/allowed.png`);
} catch (err) {
  await page.screenshot({ path: join(out, 'failure.png') }).catch(() => {});
  fail(`${err.message.split('\n')[0]} (screenshot: demo-output/failure.png; Roundcube errors: ${webmail.errorsLog})`);
}
await shutdown();
