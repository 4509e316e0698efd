// Driving the extension's own pages from outside. Loading policy and records goes through the
// options page exactly as an admin without managed deployment does it (contracts §6): two file
// inputs that validate and store on change, after which the page shows the organisation's name
// and how many regiokantoren and clients were loaded, or a one-line error.
import type { BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

export const OPTIONS_SEL = {
  policyInput: 'input[type=file][name=policy]',
  recordsInput: 'input[type=file][name=records]',
} as const;

async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** Sets one file input and waits until the page text changes and contains every `expect`ed string. */
async function chooseFile(page: Page, selector: string, path: string, expect: string[], what: string): Promise<void> {
  const textBefore = await pageText(page);
  await page.setInputFiles(selector, path);
  try {
    await page.waitForFunction(
      ({ previous, wanted }) => {
        const text = document.body.innerText;
        return text !== previous && wanted.every((e) => text.includes(e));
      },
      { previous: textBefore, wanted: expect },
      { timeout: 10_000 },
    );
  } catch {
    const now = (await pageText(page)).replace(/\s+/g, ' ').trim();
    throw new Error(`options page did not confirm the ${what} ${path} (expected ${expect.map((e) => `"${e}"`).join(', ')}); page says: ${now.slice(0, 400)}`);
  }
}

/**
 * Opens chrome-extension://ID/options.html in `context`, loads `policyPath` and/or
 * `recordsPath` through its file inputs and waits for the confirmation: the policy's
 * organisation name, and the number of clients in the records file. Returns the options page
 * (left open; close it when done). Throws with what the page says when it does not confirm.
 */
export async function loadPolicy(context: BrowserContext, extensionId: string, policyPath?: string, recordsPath?: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  if (policyPath) {
    await page.locator(OPTIONS_SEL.policyInput).waitFor({ state: 'attached', timeout: 10_000 });
    const policy = JSON.parse(readFileSync(policyPath, 'utf8')) as { organisation?: string };
    await chooseFile(page, OPTIONS_SEL.policyInput, policyPath, policy.organisation ? [policy.organisation] : [], 'policy');
  }
  if (recordsPath) {
    await page.locator(OPTIONS_SEL.recordsInput).waitFor({ state: 'attached', timeout: 10_000 });
    const records = JSON.parse(readFileSync(recordsPath, 'utf8')) as { clients?: unknown[] };
    await chooseFile(page, OPTIONS_SEL.recordsInput, recordsPath, [String(records.clients?.length ?? 0)], 'records');
  }
  return page;
}

export interface AuditRow {
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

/** The extension's audit log as stored (IndexedDB `reportguard`/`audit`), read in its service worker. */
export async function readAuditLog(context: BrowserContext): Promise<AuditRow[]> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(
    () =>
      new Promise<AuditRow[]>((resolve, reject) => {
        const open = indexedDB.open('reportguard');
        open.addEventListener('error', () => reject(open.error));
        open.addEventListener('success', () => {
          const q = open.result.transaction('audit', 'readonly').objectStore('audit').getAll();
          q.addEventListener('success', () => resolve(q.result as AuditRow[]));
          q.addEventListener('error', () => reject(q.error));
        });
      }),
  );
}

/**
 * Runs axe on `page` (or the element `include` selects) and returns its violations, one line each.
 * Extension pages forbid inline scripts (CSP), so axe goes in through the DevTools protocol.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const { createRequire } = await import('node:module');
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(`${source}\n;true`);
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const r = await axe.run(sel ? { include: [sel] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  }, include ?? null);
}
