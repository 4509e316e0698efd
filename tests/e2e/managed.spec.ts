// Managed deployment for real (issue 13 items 1 and 3): the extension's managed_schema loads in
// Chromium (and a broken one does not); a policy set through the Linux policy directory
// (/etc/chromium/policies/managed/, written for this test only and removed afterwards) is
// enforced, shown read-only, survives local tampering and changes without a restart; a signed
// policy from a real HTTP server on loopback is accepted, and a tampered or older one is refused
// with the last good policy kept.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { generateKey } from 'openpgp';
import { test, expect, rc, SCREENSHOT_DIR } from './fixtures.ts';
import { EXTENSION_DIR, launchWithExtension } from './harness/chromium.ts';
import { extensionCopyWithOwnId, launchManaged, type ManagedBrowser } from './harness/managed-policy.ts';
import { axeViolations, readAuditLog, OPTIONS_SEL } from './harness/extension-pages.ts';
import { RG_SEL, findingCodes, waitForAttachmentChecks, waitForVerdictDialog } from './harness/reportguard-page.ts';
import { writeSendFixtures, type SendFixtures } from './send-fixtures.ts';
import { freePort, HOST } from './harness/ports.ts';
import { checkManagedSchema } from '../helpers/chrome-policy-schema.ts';
import { signPolicyText } from '../../utils/core/policy/signature.ts';

const SENDER = 'a.jansen@focus-nederland.nl';
let fx: SendFixtures;
let basePolicy: Record<string, any>;
test.beforeAll(async () => {
  fx = await writeSendFixtures(mkdtempSync(join(tmpdir(), 'rg-managed-fixtures-')));
  basePolicy = JSON.parse(readFileSync(fx.policyPath, 'utf8'));
});

/** The e2e policy with Utrecht's whitelist replaced, as version `version`. */
function policyWith(version: number, allowedRecipients: string[], organisation = 'Focus Nederland (centraal)') {
  const p = structuredClone(basePolicy);
  p.version = version;
  p.organisation = organisation;
  p.regiokantoren[0].allowedRecipients = allowedRecipients;
  return p;
}

const pdf = (name: string, bytes: Uint8Array) => ({ name, buffer: bytes, mimeType: 'application/pdf' });

async function optionsPage(b: { context: BrowserContext; extensionId: string }, lang = 'en'): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html?lang=${lang}`);
  await expect(page.getByTestId('policy-source')).toBeVisible();
  return page;
}

async function loadRecords(options: Page): Promise<void> {
  await options.setInputFiles(OPTIONS_SEL.recordsInput, fx.recordsPath);
  await expect(options.getByTestId('records-status')).toContainText('clients');
}

/** Composes a report to `to` with the approved PDF and clicks send. */
async function sendReport(page: Page, to: string, subject: string) {
  await rc.fillCompose(page, { to: [to], subject, body: 'Bijgaand de rapportage.' });
  await rc.attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
  await waitForAttachmentChecks(page);
  await rc.clickSend(page);
}

test.describe('managed configuration', () => {
  test('the built managed_schema.json follows Chrome’s rules; a broken schema stops the extension loading', async () => {
    const dir = process.env.REPORTGUARD_EXTENSION_DIR ?? EXTENSION_DIR;
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(manifest.key).toMatch(/^MIIBIjAN/);
    expect(checkManagedSchema(JSON.parse(readFileSync(join(dir, 'managed_schema.json'), 'utf8')))).toEqual([]);

    // The same build with one schema mistake (a type Chrome does not have): Chromium refuses to
    // load the extension at all, so no service worker ever starts.
    const broken = extensionCopyWithOwnId(dir);
    const schema = JSON.parse(readFileSync(join(broken.dir, 'managed_schema.json'), 'utf8'));
    schema.properties.adminMode.type = 'any';
    writeFileSync(join(broken.dir, 'managed_schema.json'), JSON.stringify(schema));
    await expect(launchWithExtension({ extensionDir: broken.dir })).rejects.toThrow(/did not start a service worker/);
  });

  test('a policy through the Linux policy directory is enforced, read-only, proof against local changes, and changes without a restart', async ({ webmail }) => {
    test.setTimeout(180_000);
    let b: ManagedBrowser | null = null;
    try {
      b = await launchManaged({ policy: policyWith(3, ['hr@werkgever-a.nl']), adminMode: false });
      const options = await optionsPage(b);
      await expect(options.getByTestId('policy-source')).toHaveAttribute('data-source', 'managed');
      await expect(options.getByTestId('mode')).toHaveText('Staff mode: read only');
      await expect(options.getByTestId('policy-status')).toContainText('Focus Nederland (centraal): 1 regional office');
      // Read-only: the policy file input is disabled and says why, the console has no edit controls.
      await expect(options.locator(OPTIONS_SEL.policyInput)).toBeDisabled();
      await expect(options.getByTestId('policy-locked')).toContainText('managed centrally');
      await expect(options.getByTestId('policy-console')).toHaveAttribute('data-editable', '');
      await expect(options.getByTestId('add-whitelist')).toHaveCount(0);
      await expect(options.getByRole('button', { name: /^Remove / })).toHaveCount(0);
      // Staff see their own regiokantoor.
      await options.getByTestId('staff-find').getByRole('textbox').fill(SENDER);
      await options.getByTestId('staff-find').getByRole('button').click();
      await expect(options.getByTestId('staff-result')).toHaveText(`${SENDER} belongs to Regiokantoor Utrecht.`);
      expect(await axeViolations(options)).toEqual([]);
      await options.setViewportSize({ width: 1100, height: 900 });
      await options.screenshot({ path: join(SCREENSHOT_DIR, 'console-staff-en.png'), fullPage: true });
      await loadRecords(options);

      // A staff member with devtools writes a permissive local policy and local edits straight
      // into storage: none of it is read in staff mode.
      await options.evaluate(async (permissive) => {
        const c = (globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }).chrome;
        await c.storage.local.set({
          policy: { data: permissive, fileName: 'mine.json', sha256: '0'.repeat(64), loadedAt: new Date().toISOString() },
          policyEdits: { changes: [{ op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'uwv.nl' }], updatedAt: new Date().toISOString() },
        });
      }, policyWith(9, ['uwv.nl', 'hr@werkgever-a.nl'], 'Eigen beleid'));
      await expect(options.getByTestId('policy-status')).toContainText('Focus Nederland (centraal)');

      // The send obeys the managed policy: uwv.nl is not on its whitelist.
      const page = await b.context.newPage();
      await rc.login(page, webmail.url, SENDER, webmail.user(SENDER).password);
      await rc.openCompose(page, webmail.url);
      const count = await webmail.mailCount();
      await sendReport(page, 'info@uwv.nl', 'Rapportage C-1042 beheerd');
      const blocked = await waitForVerdictDialog(page, 'block');
      expect(await findingCodes(blocked)).toContain('RECIPIENT_NOT_WHITELISTED');
      await blocked.locator(RG_SEL.action('back')).click();
      await expect(page.locator(RG_SEL.dialog)).toHaveCount(0);
      expect(await webmail.mailCount()).toBe(count);

      // IT publishes version 4 with uwv.nl: Chromium picks the file change up, the extension
      // sees storage.onChanged (no restart), the open options page shows it, the next send obeys.
      b.update({ policy: policyWith(4, ['hr@werkgever-a.nl', 'uwv.nl']), adminMode: false });
      await expect(options.getByTestId('policy-source-line')).toContainText('version 4', { timeout: 60_000 });
      await page.bringToFront();
      await rc.clickSend(page);
      const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Rapportage C-1042 beheerd', 30_000);
      expect(mail.envelope.to).toEqual(['info@uwv.nl']);
    } finally {
      await b?.close();
    }
  });

  test('signed policy URL: a good policy is accepted; a tampered and an older one are refused, the last good kept, the admin told', async ({ webmail }) => {
    test.setTimeout(180_000);
    const key = await generateKey({ type: 'curve25519', userIDs: [{ name: 'ICT Focus' }], format: 'armored', config: { v6Keys: true } });
    const good = await signPolicyText(`${JSON.stringify(policyWith(2, ['hr@werkgever-a.nl'], 'Focus Nederland (ondertekend)'), null, 2)}\n`, key.privateKey);
    // Changed after signing: uwv.nl added to the whitelist (one-byte changes: tests/integration/cli/policy.test.ts).
    const tampered = good.replace(/"hr@werkgever-a\.nl"(\r?\n)/, '"hr@werkgever-a.nl", "uwv.nl"$1');
    expect(tampered).not.toBe(good);
    const older = await signPolicyText(`${JSON.stringify(policyWith(1, ['hr@werkgever-a.nl', 'uwv.nl']), null, 2)}\n`, key.privateKey);

    let body = good;
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/policy.json.signed') res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
      else res.writeHead(404).end();
    });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, HOST, () => r()));
    const url = `http://${HOST}:${port}/policy.json.signed`;
    let b: ManagedBrowser | null = null;
    try {
      b = await launchManaged({ policyUrl: url, policySignerKey: key.publicKey, policyRefreshMinutes: 60 });
      const options = await optionsPage(b);
      await expect(options.getByTestId('policy-source')).toHaveAttribute('data-source', 'signed-url', { timeout: 30_000 });
      await expect(options.getByTestId('policy-source-line')).toContainText(`Signed policy from ${url}, version 2`);
      await expect(options.getByTestId('policy-fetch')).toHaveAttribute('data-ok', 'true');

      body = tampered;
      await options.getByTestId('policy-refresh').click();
      await expect(options.getByTestId('policy-refresh-result')).toContainText('Not accepted: bad signature');
      await expect(options.getByTestId('policy-fetch')).toContainText('The last good policy (version 2) stays in use');
      await expect(options.getByTestId('policy-source-line')).toContainText('version 2');

      body = older;
      await options.getByTestId('policy-refresh').click();
      await expect(options.getByTestId('policy-refresh-result')).toContainText('version 1 is older than the accepted version 2 (rollback refused)');
      await expect(options.getByTestId('policy-source-line')).toContainText('version 2');
      await options.setViewportSize({ width: 1100, height: 900 });
      await options.screenshot({ path: join(SCREENSHOT_DIR, 'signed-policy-refused-en.png'), fullPage: true });
      await loadRecords(options);

      // The popup tells it too, with the policy still in force.
      const popup = await b.context.newPage();
      await popup.goto(`chrome-extension://${b.extensionId}/popup.html?lang=en`);
      await expect(popup.getByTestId('state-policy')).toContainText('version 2');
      await expect(popup.getByTestId('state-policy-refused')).toContainText('version 1 is older than the accepted version 2 (rollback refused)');
      await popup.close();

      // What is enforced is the last good version: uwv.nl (only in the refused ones) is blocked.
      const page = await b.context.newPage();
      await rc.login(page, webmail.url, SENDER, webmail.user(SENDER).password);
      await rc.openCompose(page, webmail.url);
      await sendReport(page, 'info@uwv.nl', 'Rapportage C-1042 ondertekend');
      const blocked = await waitForVerdictDialog(page, 'block');
      expect(await findingCodes(blocked)).toContain('RECIPIENT_NOT_WHITELISTED');

      const audit = await readAuditLog(b.context);
      expect(audit.filter((e) => e.type === 'policy-accepted').map((e) => e.data.version)).toEqual([2]);
      const rejected = audit.filter((e) => e.type === 'policy-rejected').map((e) => String(e.data.reason));
      expect(rejected).toHaveLength(2);
      expect(rejected[0]).toMatch(/^bad signature/);
      expect(rejected[1]).toBe('version 1 is older than the accepted version 2 (rollback refused)');
      expect(requests.length).toBeGreaterThanOrEqual(3);
    } finally {
      await b?.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
