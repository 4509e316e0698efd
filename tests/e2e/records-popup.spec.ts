// The toolbar popup (issue 12 items 3 and 6) in real Chromium, opened as its own page
// (chrome-extension://<id>/popup.html): the state at a glance, an approval recorded by dropping
// the approved file, axe clean in Dutch and English; and the staff workflow in real Roundcube:
// approval round to the client → the popup offers "record the approval" → recorded → the report
// goes to the employer → delivered; an edited version is blocked naming the approved one and its date.
import { test, expect, loadPolicy, rc } from './fixtures.ts';
import type { BrowserContext, Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeReportPdf, sha256, writeSendFixtures, type SendFixtures } from './send-fixtures.ts';
import { findingCodes, waitForAttachmentChecks, waitForVerdictDialog } from './harness/reportguard-page.ts';
import { axeViolations } from './harness/extension-pages.ts';
import { auditInExtension, type AuditLine } from './send-helpers.ts';

const SENDER = 'a.jansen@focus-nederland.nl';
const pdf = (name: string, bytes: Uint8Array) => ({ name, buffer: bytes, mimeType: 'application/pdf' });
let fx: SendFixtures;

test.beforeAll(async () => {
  fx = await writeSendFixtures(mkdtempSync(join(tmpdir(), 'rg-popup-fixtures-')));
});

async function openPopup(context: BrowserContext, extensionId: string, lang: 'nl' | 'en'): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 420, height: 900 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?lang=${lang}`);
  await expect(popup.getByTestId('state-policy')).toBeVisible();
  return popup;
}

/** The audit entries as stored (the popup shares the extension's IndexedDB). */
async function auditOf(page: Page): Promise<AuditLine[]> {
  return page.evaluate(auditInExtension);
}

/** Drops `bytes` as a file on the popup's drop zone, as a user dragging it from the file manager. */
async function dropFile(page: Page, selector: string, name: string, bytes: Uint8Array): Promise<void> {
  await page.locator(selector).evaluate(
    (zone, { fileName, data }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], fileName, { type: 'application/pdf' }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { fileName: name, data: [...bytes] },
  );
}

test('the popup: state at a glance, an approval recorded by dropping the file, axe clean in Dutch and English', async ({ context, extensionId, saveScreenshot }) => {
  const options = await loadPolicy(context, extensionId, fx.policyPath, fx.recordsPath);
  await options.close();

  const nl = await openPopup(context, extensionId, 'nl');
  await expect(nl.getByTestId('state-policy')).toHaveText('Beleid: Focus Nederland E2E, versie 1, uit policy.json.');
  await expect(nl.getByTestId('state-records')).toContainText('Cliëntgegevens: 2 cliënten uit bestand records.json, bijgewerkt');
  await expect(nl.getByText('Geen openstaande acties.')).toBeVisible();
  expect(await axeViolations(nl)).toEqual([]);

  // Record an approval of a new version by dropping it.
  const v3 = await makeReportPdf(['Rapportage C-1042', 'Versie 3, besproken op 1 december.']);
  await nl.getByText('Goedkeuring vastleggen', { exact: true }).first().click();
  await dropFile(nl, '[data-testid=approval-drop]', 'rapport-C-1042-v3.pdf', v3);
  await expect(nl.getByTestId('approval-document')).toHaveText(`rapport-C-1042-v3.pdf · ${sha256(v3).slice(0, 12)}…`);
  // Saving without a client says so and stores nothing.
  const form = nl.getByTestId('approval-form');
  await form.getByRole('button', { name: 'Goedkeuring vastleggen' }).click();
  await expect(nl.getByRole('alert')).toHaveText('Kies eerst de cliënt.');
  await form.getByLabel('Cliënt', { exact: true }).selectOption('C-1042');
  await form.getByLabel('Hoe heeft de cliënt goedgekeurd?').selectOption('signed');
  expect(await axeViolations(nl)).toEqual([]);
  await saveScreenshot(nl, 'popup-approval-nl');
  await form.getByRole('button', { name: 'Goedkeuring vastleggen' }).click();
  await expect(nl.getByTestId('popup-message')).toContainText('Goedkeuring van cliënt C-1042 vastgelegd voor rapport-C-1042-v3.pdf');
  const recorded = (await auditOf(nl)).filter((e) => e.type === 'records-changed');
  expect(recorded.map((e) => e.data.action)).toEqual(['approval-recorded']);
  expect(recorded[0]!.data).toMatchObject({ client: 'C-1042', documentSha256: sha256(v3), method: 'signed' });

  // The background's check sees it at once: the recorded version passes the approval rule.
  const status = await nl.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ kind: 'status' }));
  expect(status).toMatchObject({ ok: true, policyLoaded: true, clients: 2 });

  const en = await openPopup(context, extensionId, 'en');
  await expect(en.getByTestId('state-policy')).toHaveText('Policy: Focus Nederland E2E, version 1, from policy.json.');
  await expect(en.locator('h1')).toHaveText('ReportGuard');
  expect(await axeViolations(en)).toEqual([]);
  await saveScreenshot(en, 'popup-en');
});

test.describe('the staff workflow in Roundcube', () => {
  test('approval round → record the approval in the popup → to the employer, delivered; an edited version is blocked with the approved date', async ({ context, extensionId, page, login, openCompose, fillCompose, attach, clickSend, webmail, saveScreenshot }) => {
    test.setTimeout(180_000);
    const options = await loadPolicy(context, extensionId, fx.policyPath, fx.recordsPath);
    await options.close();
    const v3 = await makeReportPdf(['Rapportage C-1042', 'Derde versie: afspraken over de proefplaatsing.']);
    const v4 = await makeReportPdf(['Rapportage C-1042', 'Derde versie: afspraken over de proefplaatsing.', 'Aangevuld na het gesprek.']);
    await login(page, SENDER);

    // 1. The approval round: the report to the client alone goes out.
    await openCompose(page);
    await fillCompose(page, { to: ['jdevries@example.org'], subject: 'Rapportage C-1042 ter goedkeuring', body: 'Wilt u de rapportage lezen en laten weten of u akkoord bent?' });
    await attach(page, pdf('rapport-C-1042-v3.pdf', v3));
    await waitForAttachmentChecks(page);
    await clickSend(page);
    await webmail.waitForMail((m) => m.parsed.subject === 'Rapportage C-1042 ter goedkeuring', 20_000);
    await rc.waitForSent(page);

    // 2. The popup offers to record the approval of exactly that document.
    const popup = await openPopup(context, extensionId, 'en');
    const task = popup.getByTestId('followup');
    await expect(task).toHaveCount(1);
    await expect(task).toHaveAttribute('data-kind', 'await-approval');
    await expect(task).toContainText('rapport-C-1042-v3.pdf');
    await task.getByRole('button', { name: 'Client agrees: record it' }).click();
    await expect(popup.getByTestId('approval-document')).toHaveText(`rapport-C-1042-v3.pdf · ${sha256(v3).slice(0, 12)}…`);
    await task.getByLabel('How did the client approve?').selectOption('email');
    expect(await axeViolations(popup)).toEqual([]);
    await saveScreenshot(popup, 'popup-follow-up-en');
    await task.getByRole('button', { name: 'Record approval' }).click();
    await expect(popup.getByTestId('popup-message')).toContainText('Approval of client C-1042 recorded for rapport-C-1042-v3.pdf');
    await expect(popup.getByTestId('followup')).toHaveCount(0);

    // 3. Now the same document goes to the employer.
    await page.bringToFront();
    await openCompose(page);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Rapportage C-1042 (goedgekeurd)', body: 'Bijgaand de door de cliënt goedgekeurde rapportage.' });
    await attach(page, pdf('rapport-C-1042-v3.pdf', v3));
    await waitForAttachmentChecks(page);
    await clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Rapportage C-1042 (goedgekeurd)', 20_000);
    expect(mail.envelope.to).toEqual(['hr@werkgever-a.nl']);
    await rc.waitForSent(page);

    // 4. An edited version is stale: blocked, naming the approved version and its date.
    await openCompose(page);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Rapportage C-1042 aangevuld', body: 'Bijgaand de aangevulde rapportage.' });
    await attach(page, pdf('rapport-C-1042-v4.pdf', v4));
    await waitForAttachmentChecks(page);
    const count = await webmail.mailCount();
    await clickSend(page);
    const dialog = await waitForVerdictDialog(page, 'block');
    expect(await findingCodes(dialog)).toContain('APPROVAL_STALE');
    const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date());
    await expect(dialog.locator('[data-code="APPROVAL_STALE"]')).toContainText(`rapport-C-1042-v4.pdf is not the version client C-1042 approved on ${today} (rapport-C-1042-v3.pdf)`);
    await saveScreenshot(page, 'dialog-approval-stale-en');
    await page.keyboard.press('Escape');
    await new Promise((r) => setTimeout(r, 2500));
    expect(await webmail.mailCount()).toBe(count);
  });
  test('approval round → the page offers to record the approval (also after Roundcube\'s return to the list) → one click opens the form with client and document filled in', async ({ context, extensionId, page, login, openCompose, fillCompose, attach, clickSend, webmail, saveScreenshot }) => {
    test.setTimeout(150_000);
    const options = await loadPolicy(context, extensionId, fx.policyPath, fx.recordsPath);
    await options.close();
    const v5 = await makeReportPdf(['Rapportage C-1042', 'Vijfde versie: evaluatie na zes weken.']);
    await login(page, SENDER);
    await openCompose(page);
    await fillCompose(page, { to: ['jdevries@example.org'], subject: 'Rapportage C-1042 ter goedkeuring (v5)', body: 'Wilt u de rapportage lezen en laten weten of u akkoord bent?' });
    await attach(page, pdf('rapport-C-1042-v5.pdf', v5));
    await waitForAttachmentChecks(page);
    await clickSend(page);
    await webmail.waitForMail((m) => m.parsed.subject === 'Rapportage C-1042 ter goedkeuring (v5)', 20_000);
    await rc.waitForSent(page);

    // Roundcube has left its compose screen: the list page shows the offer (kept for this tab).
    const offer = page.locator('[data-reportguard-offer]');
    await expect(offer.getByRole('status')).toContainText('Sent to client C-1042 for approval (rapport-C-1042-v5.pdf)');
    await saveScreenshot(page, 'page-approval-offer-en');
    // A reload of the list (still before an answer) shows it again.
    await page.reload();
    await expect(offer.getByRole('status')).toBeVisible();

    // One click: the approval form of exactly this task, in a tab of its own.
    const opened = context.waitForEvent('page');
    await offer.getByRole('button', { name: 'Client agrees: record it' }).click();
    const form = await opened;
    await form.waitForURL(/\/popup\.html\?approve=/);
    const task = form.getByTestId('followup');
    await expect(task).toHaveAttribute('data-kind', 'await-approval');
    await expect(task.getByTestId('approval-document')).toHaveText(`rapport-C-1042-v5.pdf · ${sha256(v5).slice(0, 12)}…`);
    await expect(task.getByLabel('Client', { exact: true })).toHaveValue('C-1042');
    await expect(task.getByLabel('Client', { exact: true })).toBeDisabled();
    expect(await axeViolations(form)).toEqual([]);
    await task.getByRole('button', { name: 'Record approval' }).click();
    await expect(form.getByTestId('popup-message')).toContainText('Approval of client C-1042 recorded for rapport-C-1042-v5.pdf');
    const recorded = (await auditOf(form)).filter((e) => e.type === 'records-changed' && e.data.action === 'approval-recorded');
    expect(recorded.at(-1)!.data).toMatchObject({ client: 'C-1042', documentSha256: sha256(v5) });

    // Used: the webmail page does not offer it again.
    await page.bringToFront();
    await page.reload();
    await page.waitForLoadState('load');
    await new Promise((r) => setTimeout(r, 1500));
    await expect(offer).toHaveCount(0);
  });
  test('a CV to the employer without the client\'s consent is blocked; after consent is recorded in the popup it is not', async ({ context, extensionId, page, login, openCompose, fillCompose, attach, clickSend, webmail }) => {
    test.setTimeout(180_000);
    const options = await loadPolicy(context, extensionId, fx.policyPath, fx.recordsPath);
    await options.close();
    const cv = await makeReportPdf(['Curriculum Vitae', 'Personalia', 'Naam: J. de Vries', 'Werkervaring', '2015-2024 magazijnmedewerker', 'Opleidingen', 'MBO Logistiek']);
    await login(page, SENDER);
    await openCompose(page);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Profiel kandidaat C-1042', body: 'Bijgaand het profiel van de kandidaat voor de vacature.' });
    await attach(page, pdf('cv-kandidaat-C-1042.pdf', cv));
    await waitForAttachmentChecks(page);
    const count = await webmail.mailCount();
    await clickSend(page);
    const dialog = await waitForVerdictDialog(page, 'block');
    expect(await findingCodes(dialog)).toContain('PROFILE_CONSENT_MISSING');
    await page.keyboard.press('Escape');

    // Explicit consent (not anonymised-only) recorded in the popup: the profile rule passes.
    const popup = await openPopup(context, extensionId, 'en');
    await popup.locator('summary', { hasText: 'Written consent for health data' }).click();
    const consent = popup.getByTestId('consent-form');
    await consent.getByLabel('CV/profile consent').check();
    await consent.getByLabel('Client', { exact: true }).selectOption('C-1042');
    await consent.getByRole('button', { name: 'Record CV/profile consent' }).click();
    await expect(popup.getByTestId('popup-message')).toHaveText('CV/profile consent of client C-1042 recorded.');
    await page.bringToFront();
    await clickSend(page);
    // Other rules may still ask for the approval of this document; the profile rule no longer blocks.
    const again = page.locator('[data-reportguard-dialog][data-verdict] [role="dialog"]');
    await expect(again).toBeVisible();
    const codes = await findingCodes(page.locator('[data-reportguard-dialog]'));
    expect(codes).not.toContain('PROFILE_CONSENT_MISSING');
    expect(codes).toContain('APPROVAL_STALE');
    await page.keyboard.press('Escape');
    await new Promise((r) => setTimeout(r, 2500));
    expect(await webmail.mailCount()).toBe(count);
  });
});
