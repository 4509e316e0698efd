// The options page in real Chromium (contracts §6): two file inputs that validate and store on
// choosing, what is loaded shown by name and count, a bad file reported in one line while the
// previous one stays in use, and the background's send check using what was stored last.
import { writeFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';

/** The extension page's `chrome` global, as far as these tests use it (the e2e tier has no extension types). */
interface ExtensionGlobal {
  chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
}

const POLICY = {
  version: 1,
  organisation: 'Focus Nederland',
  regiokantoren: [
    { id: 'utrecht', name: 'Regiokantoor Utrecht', mailbox: 'utrecht@focus-nederland.nl', staff: ['a.jansen@focus-nederland.nl'], allowedRecipients: ['uwv.nl', 'hr@werkgever-a.nl', '*.achmea.nl'] },
    { id: 'zwolle', name: 'Regiokantoor Zwolle', mailbox: 'zwolle@focus-nederland.nl', staff: [], allowedRecipients: ['uwv.nl'] },
  ],
  requireRegioMailbox: false,
  healthTerms: { add: ['whiplash'], remove: [] },
  maxAttachmentMB: 25,
};
const RECORDS = {
  version: 1,
  clients: [
    { id: 'C-1042', name: 'J. de Vries', email: 'jdevries@example.org' },
    { id: 'C-2001', name: 'K. Bakker' },
    { id: 'C-3003', name: 'L. Visser' },
  ],
};

test('loading policy and records through the options page', async ({ context, extensionId, saveScreenshot }, testInfo) => {
  const write = (name: string, value: unknown) => {
    const path = testInfo.outputPath(name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return path;
  };
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html?lang=nl`);
  await expect(page.getByTestId('policy-status')).toContainText('Nog geen beleid geladen');

  // Choosing a file is enough: no button.
  await page.setInputFiles('input[type=file][name=policy]', write('policy.json', POLICY));
  await expect(page.getByTestId('policy-status')).toHaveText('Focus Nederland: 2 regiokantoren');
  await page.setInputFiles('input[type=file][name=records]', write('records.json', RECORDS));
  await expect(page.getByTestId('records-status')).toHaveText('3 cliënten');
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  await expect(page.getByTestId('audit-status')).toHaveText('Keten in orde: 2 regels.');
  await saveScreenshot(page, 'options-loaded');

  // A bad file: one line naming the file, the field and what was expected; the old policy stays.
  const bad = structuredClone(POLICY);
  (bad.regiokantoren[1] as { mailbox: unknown }).mailbox = 'geen-adres';
  await page.setInputFiles('input[type=file][name=policy]', write('policy-kapot.json', bad));
  const error = page.getByRole('alert');
  await expect(error).toHaveAttribute('data-testid', 'load-error');
  await expect(error).toContainText('policy-kapot.json: regiokantoren[1].mailbox: expected');
  expect((await error.innerText()).includes('\n')).toBe(false);
  await expect(page.getByTestId('policy-status')).toHaveText('Focus Nederland: 2 regiokantoren');
  await page.setInputFiles('input[type=file][name=records]', write('records-kapot.json', '{ "version": 1, "clients": ['));
  await expect(error).toContainText('records-kapot.json: not valid JSON');
  await expect(page.getByTestId('records-status')).toHaveText('3 cliënten');
  await saveScreenshot(page, 'options-error');

  // The background uses what was stored last, and a reload shows it again.
  const status = await page.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ kind: 'status' }));
  expect(status).toEqual({ ok: true, policyLoaded: true, guard: true, organisation: 'Focus Nederland', regiokantoren: 2, clients: 3 });
  await page.reload();
  await expect(page.getByTestId('policy-status')).toHaveText('Focus Nederland: 2 regiokantoren');
  await expect(page.getByTestId('records-status')).toHaveText('3 cliënten');
  await expect(page.getByTestId('load-error')).toHaveCount(0);
});

test('a send check runs in the background and lands in the verified audit log', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html?lang=nl`);
  // No policy yet: the check blocks, and says why.
  const verdict = await page.evaluate(() =>
    (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({
      kind: 'evaluate',
      composeKey: 'e2e',
      message: { from: 'a.jansen@focus-nederland.nl', to: ['hr@werkgever-a.nl'], cc: [], bcc: [], subject: 'x', body: 'x', containsHealthData: null, healthOverrideJustification: null },
      attachments: [],
    }),
  );
  expect(verdict).toMatchObject({ ok: true, verdict: { verdict: 'block', findings: [{ code: 'CHECK_FAILED' }] } });
  await page.reload();
  await expect(page.getByTestId('audit-status')).toHaveText('Keten in orde: 1 regel.');
  await expect(page.getByTestId('audit-entries')).toContainText('CHECK_FAILED');
  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^reportguard-audit-\d{4}-\d{2}-\d{2}\.jsonl$/);
});
