// ReportGuard in Firefox (Debian's firefox-esr, MV3): the same build steps, driven over WebDriver
// BiDi (harness/firefox.ts). Firefox has no offscreen documents; the document pipeline runs in
// its event-page background, so report mail is checked there instead of always blocked.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './harness/firefox.ts';
import { PROJECT_ROOT } from './harness/chromium.ts';

declare const browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } };

const EXAMPLES = join(PROJECT_ROOT, 'examples');
let ff: FirefoxWithExtension | null = null;

test.afterEach(async () => {
  await ff?.close();
  ff = null;
});

async function choose(page: Page, name: string, path: string, expectText: string): Promise<void> {
  const input = (await page.$(`input[type=file][name=${name}]`)) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(path);
  await page.waitForFunction((t) => document.body.innerText.includes(t), { timeout: 15_000 }, expectText);
}

async function analyse(page: Page, file: string) {
  const b64 = readFileSync(join(EXAMPLES, 'files', file)).toString('base64');
  return (await page.evaluate(
    (name, bytesB64) => browser.runtime.sendMessage({ kind: 'analyse', composeKey: 'firefox-e2e', name, bytesB64 }),
    file,
    b64,
  )) as { ok: boolean; error?: string; analysis?: { type: string; readable: boolean; fix?: { action: string; ok: boolean; outputName?: string } } };
}

test.describe('Firefox (firefox-esr over WebDriver BiDi)', () => {
  test('the extension installs through webExtension.install and takes policy and records on its options page', async () => {
    ff = await launchFirefoxWithExtension();
    const page = await ff.openExtensionPage('options.html', 'input[type=file][name=policy]');
    const policy = JSON.parse(readFileSync(join(EXAMPLES, 'policy.json'), 'utf8')) as { organisation: string };
    await choose(page, 'policy', join(EXAMPLES, 'policy.json'), policy.organisation);
    const records = JSON.parse(readFileSync(join(EXAMPLES, 'records.json'), 'utf8')) as { clients: unknown[] };
    await choose(page, 'records', join(EXAMPLES, 'records.json'), String(records.clients.length));
    const status = (await page.evaluate(() => browser.runtime.sendMessage({ kind: 'status' }))) as { ok: boolean };
    expect(status.ok).toBe(true);
  });

  test('report documents are checked in the background page: DOCX converted, PDF flattened, both to verified PDFs', async () => {
    test.setTimeout(120_000);
    ff = await launchFirefoxWithExtension();
    const page = await ff.openExtensionPage('options.html', 'input[type=file][name=policy]');
    const docx = await analyse(page, 'rapport.docx');
    expect(docx).toMatchObject({ ok: true, analysis: { type: 'docx', readable: true, fix: { action: 'converted', ok: true, outputName: 'rapport.pdf' } } });
    const pdf = await analyse(page, 'rapport.pdf');
    expect(pdf).toMatchObject({ ok: true, analysis: { type: 'pdf', readable: true, fix: { ok: true } } });
    const txt = await analyse(page, 'notitie.txt');
    expect(txt).toMatchObject({ ok: true, analysis: { type: 'txt', fix: { action: 'converted', ok: true } } });
  });
});
