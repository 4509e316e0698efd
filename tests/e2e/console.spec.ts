// The admin console on the options page (issue 13 item 4) in real Chromium against real
// Roundcube: an admin edits the whitelist, and the next send obeys it; live validation of a new
// entry (forms, IDN in both forms, lookalike and free-mail warnings); import with a diff preview;
// every change audited; axe clean; screenshots for the README.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, rc } from './fixtures.ts';
import { writeSendFixtures, type SendFixtures } from './send-fixtures.ts';
import { RG_SEL, findingCodes, waitForAttachmentChecks, waitForVerdictDialog } from './harness/reportguard-page.ts';
import { axeViolations, readAuditLog } from './harness/extension-pages.ts';

const SENDER = 'a.jansen@focus-nederland.nl';
let fx: SendFixtures;
test.beforeAll(async () => {
  fx = await writeSendFixtures(mkdtempSync(join(tmpdir(), 'rg-console-fixtures-')));
});

const pdf = (name: string, bytes: Uint8Array) => ({ name, buffer: bytes, mimeType: 'application/pdf' });

async function openConsole(options: Page, lang: 'nl' | 'en' = 'en'): Promise<void> {
  await options.goto(`chrome-extension://${new URL(options.url()).host}/options.html?lang=${lang}`);
  await expect(options.getByTestId('policy-console')).toBeVisible();
}

test('admin edits the whitelist in the console → the next send obeys it, each change audited', async ({ context, loadPolicy: load, page, login, openCompose, fillCompose, attach, clickSend, webmail }) => {
  const options = await load(fx.policyPath, fx.recordsPath);
  await openConsole(options);
  await expect(options.getByTestId('policy-source')).toHaveAttribute('data-source', 'local-file');
  await expect(options.getByTestId('policy-console')).toHaveAttribute('data-editable', /allowedRecipients/);

  // Remove uwv.nl from Utrecht's whitelist.
  const whitelist = options.getByTestId('whitelist');
  await expect(whitelist.locator('[data-entry="uwv.nl"]')).toBeVisible();
  await options.getByRole('button', { name: 'Remove uwv.nl' }).click();
  await expect(options.getByTestId('console-message')).toContainText('uwv.nl removed from the whitelist of Regiokantoor Utrecht');
  await expect(whitelist.locator('[data-entry="uwv.nl"]')).toHaveCount(0);

  // The next send to uwv.nl is blocked: not on the whitelist any more.
  await login(page, SENDER);
  await openCompose(page);
  await fillCompose(page, { to: ['info@uwv.nl'], subject: 'Rapportage C-1042 via de console', body: 'Bijgaand de rapportage.' });
  await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
  await waitForAttachmentChecks(page);
  const count = await webmail.mailCount();
  await clickSend(page);
  const blocked = await waitForVerdictDialog(page, 'block');
  expect(await findingCodes(blocked)).toContain('RECIPIENT_NOT_WHITELISTED');
  await blocked.locator(RG_SEL.action('back')).click();
  await expect(page.locator(RG_SEL.dialog)).toHaveCount(0);
  expect(await webmail.mailCount()).toBe(count);

  // Live validation while typing, then add it back.
  const add = options.getByTestId('add-whitelist');
  const input = add.getByRole('textbox');
  const check = options.getByTestId('add-whitelist-check');
  await input.fill('nl');
  await expect(check).toContainText('A whole top-level domain');
  await expect(add.getByRole('button')).toBeDisabled();
  await input.fill('gmail.com');
  await expect(check.locator('[data-warning="free-mail"]')).toContainText('gmail.com is a free mail provider');
  await expect(add.getByRole('button')).toHaveText('Add anyway');
  await input.fill('*.pöstbank.nl');
  await expect(check).toContainText('Any subdomain of xn--pstbank-90a.nl');
  await expect(check).toContainText('Written as: *.pöstbank.nl');
  await input.fill('hr@werkgever-a.n1');
  await expect(check.locator('[data-warning="lookalike"]')).toContainText('looks like werkgever-a.nl');
  await input.fill('UWV.nl');
  await expect(check).toContainText('Only the domain uwv.nl');
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(options.getByTestId('console-message')).toContainText('UWV.nl added to the whitelist of Regiokantoor Utrecht');

  // The same compose screen, sent again: now allowed and delivered.
  await page.bringToFront();
  await clickSend(page);
  const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Rapportage C-1042 via de console', 30_000);
  expect(mail.envelope.to).toEqual(['info@uwv.nl']);
  await rc.waitForSent(page);

  const edits = (await readAuditLog(context)).filter((e) => e.type === 'policy-edited');
  expect(edits.map((e) => [e.data.op, e.data.regio, e.data.list, e.data.value])).toEqual([
    ['remove', 'utrecht', 'allowedRecipients', 'uwv.nl'],
    ['add', 'utrecht', 'allowedRecipients', 'UWV.nl'],
  ]);
});

test('import: a diff preview first, applied only on confirmation; export gives the effective policy', async ({ loadPolicy: load }, testInfo) => {
  const options = await load(fx.policyPath);
  await openConsole(options);
  const download = options.waitForEvent('download');
  await options.getByTestId('policy-export').click();
  const exported = JSON.parse(await (await download).createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  })) as { organisation: string; regiokantoren: { allowedRecipients: string[]; staff: string[] }[] };
  expect(exported.organisation).toBe('Focus Nederland E2E');

  exported.regiokantoren[0]!.allowedRecipients.push('ggd-utrecht.nl');
  exported.regiokantoren[0]!.staff = exported.regiokantoren[0]!.staff.filter((s) => s !== 'b.bakker@focus-nederland.nl');
  const file = testInfo.outputPath('edited-policy.json');
  writeFileSync(file, JSON.stringify(exported, null, 2));
  await options.setInputFiles('input[type=file][name=policy-import]', file);
  const preview = options.getByTestId('import-preview');
  await expect(preview).toContainText('Preview: 2 changes');
  await expect(preview).toContainText('b.bakker@focus-nederland.nl removed from the staff of Regiokantoor Utrecht');
  await expect(preview).toContainText('ggd-utrecht.nl added to the whitelist of Regiokantoor Utrecht');
  // Nothing changed yet.
  await expect(options.getByTestId('whitelist').locator('[data-entry="ggd-utrecht.nl"]')).toHaveCount(0);
  await options.getByTestId('import-apply').click();
  await expect(options.getByTestId('whitelist').locator('[data-entry="ggd-utrecht.nl"]')).toBeVisible();
  await expect(options.getByTestId('staff-list').locator('[data-entry="b.bakker@focus-nederland.nl"]')).toHaveCount(0);

  // A file that is no valid policy: one line, no preview.
  const bad = testInfo.outputPath('bad-policy.json');
  writeFileSync(bad, JSON.stringify({ ...exported, regiokantoren: [] }));
  await options.setInputFiles('input[type=file][name=policy-import]', bad);
  await expect(options.getByRole('alert')).toContainText('bad-policy.json: regiokantoren: expected at least one entry');
});

test('the console is accessible (axe), in Dutch and English; screenshots', async ({ loadPolicy: load, saveScreenshot }) => {
  const options = await load(fx.policyPath, fx.recordsPath);
  for (const lang of ['nl', 'en'] as const) {
    await openConsole(options, lang);
    const input = options.getByTestId('add-whitelist').getByRole('textbox');
    await input.fill(lang === 'nl' ? 'uvw.nl' : 'gmail.com');
    await expect(options.getByTestId('add-whitelist-check').locator('[data-warning]')).toBeVisible();
    expect(await axeViolations(options)).toEqual([]);
    await options.setViewportSize({ width: 1100, height: 900 });
    await saveScreenshot(options, `console-admin-${lang}`);
  }
});
