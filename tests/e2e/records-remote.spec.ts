// Records from the client system (issue 12 item 2) in real Chromium and real Roundcube, against a
// real HTTPS server on loopback: fetched when the policy names it; when the server goes down the
// last good copy stays in use (its age and the failed fetch shown in the popup) and a report goes
// out; past the policy's maximum age report mail fails closed with RECORDS_STALE, in one sentence.
// The maximum age is set to 108 s (0.03 h) so that the real clock passes it within the test.
import { test, expect, rc } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from './harness/chromium.ts';
import { freePort, HOST } from './harness/ports.ts';
import { loadPolicy } from './harness/extension-pages.ts';
import { findingCodes, waitForAttachmentChecks, waitForVerdictDialog } from './harness/reportguard-page.ts';
import { writeSendFixtures } from './send-fixtures.ts';

const SENDER = 'a.jansen@focus-nederland.nl';
const MAX_AGE_HOURS = 0.03;
const MAX_AGE_MS = MAX_AGE_HOURS * 3_600_000;

interface Row {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

async function auditOf(page: Page): Promise<Row[]> {
  return page.evaluate(
    () =>
      new Promise<Row[]>((resolve, reject) => {
        const open = indexedDB.open('reportguard');
        open.addEventListener('error', () => reject(open.error));
        open.addEventListener('success', () => {
          const q = open.result.transaction('audit', 'readonly').objectStore('audit').getAll();
          q.addEventListener('success', () => resolve(q.result as Row[]));
          q.addEventListener('error', () => reject(q.error));
        });
      }),
  );
}

test('client system down: the last good copy is used, then report mail fails closed past the maximum age', async ({ webmail }, testInfo) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'rg-records-remote-'));
  const fx = await writeSendFixtures(dir);
  // A throwaway certificate for 127.0.0.1 (the policy accepts https only); Chromium is told to accept it.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const recordsBody = readFileSync(fx.recordsPath, 'utf8');
  const requests: string[] = [];
  const server: Server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    requests.push(`${req.method} ${req.url ?? ''}`);
    // The extension fetches cross-origin: the client system allows its origin (CORS), the
    // conditional-request headers (a preflight) and exposes its validators.
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-headers': 'if-none-match, if-modified-since',
      'access-control-expose-headers': 'etag, last-modified',
    };
    if (req.method === 'OPTIONS') res.writeHead(204, cors).end();
    else if (req.url === '/clients/records.json') res.writeHead(200, { ...cors, 'content-type': 'application/json', etag: '"v1"' }).end(recordsBody);
    else res.writeHead(404).end();
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, HOST, () => r()));
  let serverUp = true;
  const url = `https://${HOST}:${port}/clients/records.json`;
  const policy = JSON.parse(readFileSync(fx.policyPath, 'utf8')) as Record<string, unknown>;
  const policyPath = join(dir, 'policy-remote.json');
  writeFileSync(policyPath, JSON.stringify({ ...policy, recordsSource: { url, maxAgeHours: MAX_AGE_HOURS, refreshMinutes: 60 } }, null, 2));

  let b: ExtensionBrowser | null = null;
  try {
    b = await launchWithExtension({ headless: true, uiLanguage: 'en', args: ['--ignore-certificate-errors'] });
    const { context, extensionId } = b;

    // 1. The policy names the client system: the records are fetched from it.
    const options = await loadPolicy(context, extensionId, policyPath);
    const updated = async () => (await auditOf(options)).filter((e) => e.type === 'records-fetched' && e.data.outcome === 'updated');
    await expect.poll(async () => (await updated()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    expect(requests).toContain('GET /clients/records.json');

    // 2. The server goes down; the next fetch (on a policy change) fails, the last good copy stays.
    await new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections();
    serverUp = false;
    // The last good copy's time: the newest accepted fetch (the policy change and the start may both fetch).
    const fetchedAt = Date.parse((await updated()).at(-1)!.at);
    await loadPolicy(context, extensionId, policyPath).then((p) => p.close());
    await expect.poll(async () => (await auditOf(options)).some((e) => e.type === 'records-fetched' && e.data.outcome !== 'updated' && e.data.outcome !== 'not-modified'), { timeout: 30_000 }).toBe(true);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?lang=en`);
    await expect(popup.getByTestId('state-records')).toContainText('2 clients from the client system, updated');
    await expect(popup.getByText(/^Last fetch failed:/)).toBeVisible();
    await popup.screenshot({ path: testInfo.outputPath('popup-remote-down.png'), fullPage: true });

    // 3. Within the maximum age, report mail goes out on the last good copy.
    const page = await context.newPage();
    await rc.login(page, webmail.url, SENDER, webmail.user(SENDER).password);
    await rc.openCompose(page, webmail.url);
    await rc.fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Rapportage C-1042 (laatste kopie)', body: 'Bijgaand de rapportage.' });
    await rc.attach(page, { name: 'rapport-C-1042.pdf', buffer: fx.approvedPdf, mimeType: 'application/pdf' });
    await waitForAttachmentChecks(page);
    expect(Date.now() - fetchedAt, 'the machine took longer than the maximum age to get here').toBeLessThan(MAX_AGE_MS - 10_000);
    await rc.clickSend(page);
    await webmail.waitForMail((m) => m.parsed.subject === 'Rapportage C-1042 (laatste kopie)', 30_000);
    await rc.waitForSent(page);

    // 4. Past the maximum age: blocked, in one sentence saying so; nothing sent.
    const wait = fetchedAt + MAX_AGE_MS + 2_000 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
    await rc.openCompose(page, webmail.url);
    await rc.fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Rapportage C-1042 (te oud)', body: 'Bijgaand de rapportage.' });
    await rc.attach(page, { name: 'rapport-C-1042.pdf', buffer: fx.approvedPdf, mimeType: 'application/pdf' });
    await waitForAttachmentChecks(page);
    const count = await webmail.mailCount();
    await rc.clickSend(page);
    const dialog = await waitForVerdictDialog(page, 'block');
    expect(await findingCodes(dialog)).toContain('RECORDS_STALE');
    const sentence = (await dialog.locator('[data-code="RECORDS_STALE"]').innerText()).trim();
    expect(sentence).toMatch(/^The client records from the client system were last fetched on .+, more than 0\.03 hours ago; reports go out again once they have been fetched anew\.$/);
    await page.screenshot({ path: testInfo.outputPath('records-stale-blocked.png') });
    await page.keyboard.press('Escape');
    await page.waitForTimeout(2500);
    expect(await webmail.mailCount()).toBe(count);
    await popup.reload();
    await expect(popup.getByTestId('state-stale')).toBeVisible();
  } finally {
    await b?.close();
    if (serverUp) await new Promise<void>((r) => server.close(() => r()));
  }
});
