// Central audit against a real collector process (ClickHouse on loopback, harness/clickhouse.ts):
// entries logged while the collector runs, while it is killed mid-run, across a browser restart
// with the collector still down, and after it comes back — the collector ends up with every
// entry exactly once, in order, byte-identical to the browser's own log, and the CLI verifies its
// copy as one unbroken chain.
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from './harness/chromium.ts';
import { startClickHouse, type ClickHouse } from './harness/clickhouse.ts';
import { canonicalJson } from '../../utils/core/audit/canonical.ts';
import type { AuditEntry } from '../../utils/core/audit/types.ts';
import { runCli } from '../helpers/cli.ts';
import type { Page } from '@playwright/test';

declare const chrome: {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
  storage: { local: { set(v: unknown): Promise<void> } };
};

async function optionsPage(b: ExtensionBrowser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  return page;
}

/** Logs one `decision` entry per number, through the background, as the webmail's send flow does. */
async function logDecisions(page: Page, from: number, to: number, gapMs = 0): Promise<void> {
  await page.evaluate(
    async ({ from, to, gapMs }) => {
      for (let i = from; i <= to; i++) {
        const r = (await chrome.runtime.sendMessage({ kind: 'decision', checkId: `e2e-${i}`, action: 'cancelled' })) as { ok?: boolean; error?: string };
        if (!r?.ok) throw new Error(`decision ${i}: ${r?.error ?? 'no answer'}`);
        if (gapMs) await new Promise((res) => setTimeout(res, gapMs));
      }
    },
    { from, to, gapMs },
  );
}

async function localLog(page: Page): Promise<AuditEntry[]> {
  return page.evaluate(
    () =>
      new Promise<AuditEntry[]>((resolve, reject) => {
        const open = indexedDB.open('reportguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('audit', 'readonly').objectStore('audit').getAll();
          get.onsuccess = () => {
            resolve(get.result as AuditEntry[]);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

async function waitForRows(ch: ClickHouse, count: number): Promise<void> {
  await expect.poll(async () => (await ch.rows()).length, { timeout: 60_000, intervals: [250, 500, 1000] }).toBe(count);
}

test.describe('central audit', () => {
  let ch: ClickHouse | null = null;
  let profile = '';
  let browser: ExtensionBrowser | null = null;
  test.afterEach(async () => {
    await browser?.close();
    await ch?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('collector killed mid-run and restarted, browser restarted meanwhile: every entry exactly once, in order, verifiable', async () => {
    test.setTimeout(150_000);
    ch = await startClickHouse();
    profile = mkdtempSync(join(tmpdir(), 'rg-forward-profile-'));
    browser = await launchWithExtension({ userDataDir: profile });
    let page = await optionsPage(browser);
    await page.evaluate((url) => chrome.storage.local.set({ auditCollector: { url, format: 'ndjson' } }), ch.ingestUrl);

    // 1. The collector is up: entries arrive.
    await logDecisions(page, 1, 10);
    await waitForRows(ch, 10);

    // 2. Killed in the middle of a stream of entries (some batches in flight).
    const stream = logDecisions(page, 11, 30, 40);
    await new Promise((r) => setTimeout(r, 300));
    await ch.kill();
    await stream;
    const whileDown = (await localLog(page)).length;
    expect(whileDown).toBe(30);

    // 3. The browser restarts while the collector is still down, and more is logged.
    await browser.close();
    browser = await launchWithExtension({ userDataDir: profile });
    page = await optionsPage(browser);
    await logDecisions(page, 31, 35);

    // The browser saw the outage: its stored cursor has failed attempts and the reason.
    const cursor = await page.evaluate(
      () =>
        new Promise<{ failures: number; lastError: string | null; ackedSeq: number }>((resolve, reject) => {
          const open = indexedDB.open('reportguard');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('forward', 'readonly').objectStore('forward').get('cursor');
            get.onsuccess = () => {
              resolve(get.result);
              open.result.close();
            };
          };
        }),
    );
    expect(cursor.failures).toBeGreaterThan(0);
    expect(cursor.lastError).toMatch(/^collector not reachable/);
    expect(cursor.ackedSeq).toBeLessThan(35);

    // 4. The collector comes back (same port, same data): the queue drains by itself.
    await ch.start();
    const local = await localLog(page);
    expect(local.map((e) => e.seq)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    await waitForRows(ch, local.length);

    const rows = await ch.rows();
    const source = rows[0]!.source;
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set([source]));
    expect(rows.map((r) => r.id)).toEqual(local.map((e) => `${source}:${e.seq}`));
    expect(rows.map((r) => r.entry)).toEqual(local.map((e) => canonicalJson(e)));
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    console.log(`[e2e] collector rows ${rows.length}, stored before merging repeats ${await ch.rawCount()}`);

    // 5. The central copy verifies on its own, by the CLI.
    const dir = mkdtempSync(join(tmpdir(), 'rg-forward-export-'));
    try {
      const file = join(dir, 'central.ndjson');
      writeFileSync(file, await ch.query('SELECT * FROM reportguard.audit FINAL ORDER BY source, seq FORMAT JSONEachRow'));
      const r = await runCli(['audit', 'verify-central', file]);
      expect(r.stdout).toContain(`${source}: ok, 35 entries 1–35`);
      expect(r.stdout).toContain(`head ${local.at(-1)!.hash}`);
      expect(r.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
