// The records sections of the options page (issue 12 items 1, 4, 5, 7, 8) in real Chromium:
// written health consent recorded by dropping the signed form (hash, date, scope) and withdrawn;
// CV/profile consent; a CSV import with broken rows (every error named, nothing imported), then a
// good one through its preview; the privacy officer's audit view (client and period filter, JSON
// Lines and CSV exports, verification naming the first broken line after tampering); an inzage
// export and deletion on request leaving an audit entry without personal data. Axe clean, nl and en.
import { test, expect, loadPolicy, SCREENSHOT_DIR } from './fixtures.ts';
import type { Download, Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256, writeSendFixtures, type SendFixtures } from './send-fixtures.ts';
import { axeViolations } from './harness/extension-pages.ts';

let fx: SendFixtures;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rg-records-options-'));
  fx = await writeSendFixtures(dir);
});

interface Row {
  seq: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}
const auditOf = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Row[]>((resolve, reject) => {
        const open = indexedDB.open('reportguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const q = open.result.transaction('audit', 'readonly').objectStore('audit').getAll();
          q.onsuccess = () => resolve(q.result as Row[]);
          q.onerror = () => reject(q.error);
        };
      }),
  );

async function dropFile(page: Page, selector: string, name: string, bytes: Uint8Array): Promise<void> {
  await page.locator(selector).evaluate(
    (zone, { fileName, data }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], fileName, { type: 'application/pdf' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { fileName: name, data: [...bytes] },
  );
}

/** A screenshot of the page region from the top of `first` to the bottom of `last` (for the README). */
async function shoot(page: Page, first: string, last: string, name: string): Promise<void> {
  // Page coordinates (a full-page clip is in page, not viewport, coordinates).
  const box = (sel: string) => page.locator(sel).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.left + window.scrollX, y: r.top + window.scrollY, right: r.right + window.scrollX, bottom: r.bottom + window.scrollY };
  });
  const a = await box(first);
  const b = await box(last);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const x = Math.min(a.x, b.x) - 8;
  const y = a.y - 8;
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, clip: { x, y, width: Math.max(a.right, b.right) - x + 8, height: b.bottom - y + 8 } });
}

async function saved(download: Promise<Download>): Promise<{ name: string; text: string }> {
  const d = await download;
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('options page: consents recorded and withdrawn, CSV import with preview and per-row errors, audit view, inzage and deletion', async ({ context, extensionId, saveScreenshot }) => {
  test.setTimeout(120_000);
  const page = await loadPolicy(context, extensionId, fx.policyPath, fx.recordsPath);
  await page.goto(`chrome-extension://${extensionId}/options.html?lang=nl`);
  await expect(page.getByTestId('records-status')).toHaveText('2 cliënten');
  const clients = page.getByTestId('client-list');
  await expect(clients.locator('tr[data-client="C-2001"]')).toContainText('geen toestemming gezondheidsgegevens');

  // 1. Written health consent: drop the signed form; only its hash is kept.
  const consent = page.getByTestId('consent-form');
  const signed = new TextEncoder().encode('%PDF-1.4 ondertekende toestemming P. Bakker');
  await consent.getByLabel('Cliënt', { exact: true }).selectOption('C-2001');
  await consent.getByRole('button', { name: 'Toestemming vastleggen' }).click();
  await expect(consent.getByRole('alert')).toHaveText('Kies eerst de ondertekende toestemming.');
  await dropFile(page, '[data-testid=consent-drop]', 'toestemming-bakker.pdf', signed);
  await expect(consent.getByTestId('consent-evidence')).toHaveText(`toestemming-bakker.pdf · ${sha256(signed).slice(0, 12)}…`);
  await consent.getByRole('button', { name: 'Toestemming vastleggen' }).click();
  await expect(consent.getByRole('alert')).toHaveText('Beschrijf waarvoor de cliënt toestemming gaf.');
  await consent.getByLabel('Waarvoor').fill('medische gegevens bedrijfsarts');
  await consent.getByRole('button', { name: 'Toestemming vastleggen' }).click();
  await expect(page.getByTestId('records-message')).toHaveText(`Toestemming van cliënt C-2001 vastgelegd (bewijs ${sha256(signed).slice(0, 12)}…).`);
  await expect(clients.locator('tr[data-client="C-2001"]')).toContainText('schriftelijke toestemming gezondheidsgegevens sinds');
  let audit = await auditOf(page);
  expect(audit.at(-1)!.data).toMatchObject({ action: 'health-consent-recorded', client: 'C-2001', evidenceSha256: sha256(signed) });
  expect(JSON.stringify(audit)).not.toContain('toestemming-bakker');

  // Withdrawal with a date; CV/profile consent, anonymised only.
  await consent.getByLabel('Intrekking van die toestemming').check();
  await consent.getByLabel('Cliënt', { exact: true }).selectOption('C-2001');
  await consent.getByRole('button', { name: 'Intrekking vastleggen' }).click();
  await expect(page.getByTestId('records-message')).toContainText('Intrekking van de toestemming van cliënt C-2001 vastgelegd per');
  await expect(clients.locator('tr[data-client="C-2001"]')).toContainText('toestemming gezondheidsgegevens ingetrokken per');
  await consent.getByLabel('Toestemming cv/profiel').check();
  await consent.getByLabel('Cliënt', { exact: true }).selectOption('C-1042');
  await consent.getByLabel('Alleen geanonimiseerd').check();
  await consent.getByRole('button', { name: 'Toestemming cv/profiel vastleggen' }).click();
  await expect(clients.locator('tr[data-client="C-1042"]')).toContainText('toestemming cv/profiel (alleen geanonimiseerd)');

  // 2. CSV import: broken rows → every error named, nothing imported; then a good file via its preview.
  const importer = page.getByTestId('records-import');
  const bad = join(dir, 'clienten-kapot.csv');
  writeFileSync(bad, ['client_id;name;email;approval_at', 'C-1042;J. de Vries;jdevries@example.org;', 'C-3003;L. Visser;geen-adres;', 'C-4004;M. Smit;msmit@example.org;gisteren', ''].join('\n'));
  await importer.getByLabel('Bestand om te importeren').setInputFiles(bad);
  const errors = importer.getByTestId('import-errors');
  await expect(errors).toContainText('Niets geïmporteerd uit clienten-kapot.csv: 3 fouten.');
  await expect(errors.locator('li')).toHaveText([
    'clienten-kapot.csv line 3, email: expected an e-mail address like name@example.nl, got "geen-adres"',
    'clienten-kapot.csv line 4, approval_sha256: expected the SHA-256 of the approved document (the other approval columns are filled)',
    'clienten-kapot.csv line 4, approval_at: expected a date like 2026-11-02 or 2026-11-02T10:00:00Z, got "gisteren"',
  ]);
  await expect(page.getByTestId('records-status')).toHaveText('2 cliënten');
  const good = join(dir, 'clienten.csv');
  writeFileSync(good, ['client_id,name,email', 'C-1042,J. de Vries,jdevries@example.org', 'C-3003,L. Visser,lvisser@example.org', ''].join('\n'));
  await importer.getByLabel('Bestand om te importeren').setInputFiles(good);
  const preview = importer.getByTestId('import-preview');
  await expect(preview).toContainText('clienten.csv: 2 cliënten: 1 nieuw, 1 gewijzigd, 1 vervallen; 0 goedkeuringen.');
  await expect(preview).toContainText('Nieuw: C-3003');
  await expect(preview).toContainText('Vervallen: C-2001');
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'options-records-nl-page');
  await shoot(page, '[data-testid=records-record]', '[data-testid=records-import]', 'options-records-nl');
  await preview.getByRole('button', { name: 'Importeren' }).click();
  await expect(importer.getByTestId('import-done')).toHaveText('2 cliënten geïmporteerd uit clienten.csv.');
  await expect(page.getByTestId('records-status')).toHaveText('2 cliënten');
  // The local additions stay over the new base: C-1042's profile consent is still there.
  await expect(clients.locator('tr[data-client="C-1042"]')).toContainText('toestemming cv/profiel (alleen geanonimiseerd)');
  await expect(clients.locator('tr[data-client="C-3003"]')).toBeVisible();

  // 3. The privacy officer's view: one client, one period; exports; verification.
  const review = page.getByTestId('audit-review');
  await review.getByLabel('Cliënt', { exact: true }).selectOption('C-1042');
  await review.getByRole('button', { name: 'Tonen' }).click();
  audit = await auditOf(page);
  const aboutC1042 = audit.filter((e) => e.data.client === 'C-1042');
  expect(aboutC1042.length).toBeGreaterThan(0);
  await expect(review.getByTestId('audit-selection')).toHaveText(`${aboutC1042.length} van ${audit.length} regels`);
  const csvFile = await saved(Promise.all([page.waitForEvent('download'), review.getByTestId('audit-export-csv').click()]).then(([d]) => d));
  expect(csvFile.name).toMatch(/^reportguard-audit-C-1042-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvLines = csvFile.text.trim().split('\n');
  expect(csvLines[0]).toBe('seq,at,type,client,verdict,codes,data,hash,prevHash');
  expect(csvLines.slice(1).every((l) => l.split(',')[3] === 'C-1042')).toBe(true);
  // A period before anything happened: nothing.
  await review.getByLabel('Van').fill('2020-01-01');
  await review.getByLabel('Tot en met').fill('2020-12-31');
  await review.getByRole('button', { name: 'Tonen' }).click();
  await expect(review.getByTestId('audit-selection')).toHaveText(`0 van ${audit.length} regels`);
  await review.getByLabel('Van').fill('');
  await review.getByLabel('Tot en met').fill('');
  await review.getByLabel('Cliënt', { exact: true }).selectOption('');
  const jsonl = await saved(Promise.all([page.waitForEvent('download'), review.getByTestId('audit-export-jsonl').click()]).then(([d]) => d));
  expect(jsonl.text.trim().split('\n')).toHaveLength(audit.length);
  await review.getByTestId('audit-verify').click();
  await expect(review.getByTestId('audit-verify-result')).toHaveText(`De keten klopt: ${audit.length} regels, vanaf item 1.`);

  // 4. Inzage: everything about C-1042 in one file.
  const inzage = page.getByTestId('inzage');
  await inzage.getByLabel('Cliënt', { exact: true }).selectOption('C-1042');
  const out = await saved(Promise.all([page.waitForEvent('download'), inzage.getByTestId('inzage-export').click()]).then(([d]) => d));
  expect(out.name).toMatch(/^reportguard-inzage-C-1042-\d{4}-\d{2}-\d{2}\.json$/);
  const held = JSON.parse(out.text) as { client: string; record: { name: string }; localAdditions: { type: string }[]; audit: unknown[] };
  expect(held.client).toBe('C-1042');
  expect(held.record.name).toBe('J. de Vries');
  expect(held.localAdditions.map((a) => a.type)).toEqual(['profile-consent']);
  expect(held.audit.length).toBe(aboutC1042.length);

  // Deletion on request: after a confirmation; one audit entry with counts only.
  await inzage.getByLabel('Cliënt', { exact: true }).selectOption('C-3003');
  await inzage.getByTestId('inzage-delete').click();
  await expect(inzage.getByRole('alertdialog')).toContainText('cliënt C-3003');
  await inzage.getByTestId('inzage-delete-confirm').click();
  await expect(inzage.getByTestId('inzage-message')).toHaveText('Verwijderd: 0 vastleggingen, 0 acties, 1 cliëntregels.');
  await expect(clients.locator('tr[data-client="C-3003"]')).toHaveCount(0);
  const last = (await auditOf(page)).at(-1)!;
  expect(last.type).toBe('client-deleted');
  expect(JSON.stringify(last.data)).not.toMatch(/3003|Visser/);

  // 5. Tampering: an entry edited in storage → the check names its line.
  const edited = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('reportguard');
        open.onsuccess = () => {
          const store = open.result.transaction('audit', 'readwrite').objectStore('audit');
          const q = store.get(3);
          q.onsuccess = () => {
            const e = q.result as { seq: number; data: Record<string, unknown> };
            e.data = { ...e.data, client: 'C-9999' };
            store.put(e).onsuccess = () => resolve(e.seq);
          };
          q.onerror = () => reject(q.error);
        };
      }),
  );
  expect(edited).toBe(3);
  await review.getByTestId('audit-verify').click();
  await expect(review.getByTestId('audit-verify-result')).toHaveText('De keten is verbroken op regel 3 (item 3): de inhoud van de regel past niet bij de vingerafdruk (gewijzigd)');
  await expect(review.getByTestId('audit-verify-result')).toHaveAttribute('data-chain', 'broken');
});

test('options page records sections in English are axe clean', async ({ context, extensionId, saveScreenshot }) => {
  const page = await loadPolicy(context, extensionId, fx.policyPath, fx.recordsPath);
  await page.goto(`chrome-extension://${extensionId}/options.html?lang=en`);
  await expect(page.getByTestId('client-list')).toContainText('C-1042');
  await expect(page.getByRole('heading', { name: 'Record: approvals, consents and follow-ups' })).toBeVisible();
  await page.getByTestId('audit-review').getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('audit-selection')).toContainText('lines');
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verify-result')).toContainText('The chain is intact');
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'options-records-en');
  await shoot(page, '[data-testid=audit-review]', '[data-testid=audit-review]', 'options-audit-en');
});
