// Steps and checks shared by the send specs (send-scenarios, guard-attacks): the compose screen
// as the user left it, "nothing arrived", the extension's audit log, the dialog, and what the
// sink received.
import { expect, loadPolicy, type SinkMail, type Webmail } from './fixtures.ts';
import { sha256, type SendFixtures } from './send-fixtures.ts';
import * as rc from './harness/roundcube-page.ts';
import type { BrowserContext, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DIALOG = '[data-reportguard-dialog]';

/**
 * A `beforeEach` for the send specs: the policy and records of `fixtures()` through the options
 * page, then a fresh compose screen as SENDER. (Playwright reads the fixtures a hook uses from
 * the destructured parameter of the function it is given: this one.)
 */
export function policyAndCompose(fixtures: () => SendFixtures) {
  return async ({ context, extensionId, login, page, openCompose }: {
    context: BrowserContext;
    extensionId: string;
    login: (page: Page, email: string) => Promise<void>;
    page: Page;
    openCompose: (page: Page) => Promise<void>;
  }): Promise<void> => {
    const fx = fixtures();
    const options = await loadPolicy(context, extensionId, fx.policyPath, fx.recordsPath);
    await options.close();
    await login(page, SENDER);
    await openCompose(page);
  };
}
/** Long enough for a released send to reach the sink (about 0.3 s in practice), so "nothing arrived" means something. */
export const QUIET_MS = 2500;
export const SENDER = 'a.jansen@focus-nederland.nl';

export async function expectNoNewMail(count: () => number | Promise<number>, before: number): Promise<void> {
  await new Promise((r) => setTimeout(r, QUIET_MS));
  expect(await count()).toBe(before);
}

/** Roundcube's compose screen as the user sees it (harness/roundcube-page.ts; the fixtures' `steps.composeState` for either webmail). */
export const composeState = rc.composeState;

export const pdf = (name: string, bytes: Uint8Array) => ({ name, buffer: bytes, mimeType: 'application/pdf' });

export const dialogPanel = (page: Page, verdict?: 'block' | 'warn' | 'allow') =>
  page.locator(`${DIALOG}${verdict ? `[data-verdict="${verdict}"]` : ''} [role="dialog"]`);

/** Waits until every attachment shows a finished ReportGuard status (analysed at attach time); `row` is the webmail's attachment row (Roundcube's by default). */
export async function waitAnalysed(page: Page, row: string = rc.attachmentRow): Promise<void> {
  await expect
    .poll(
      async () =>
        page.evaluate((sel) => {
          const rows = [...document.querySelectorAll(sel)];
          return rows.length > 0 && rows.every((r) => {
            const s = r.querySelector('[data-reportguard-status]')?.getAttribute('data-state');
            // A swap still running is not finished either (its row is about to go).
            return !!s && s !== 'checking' && s !== 'swapping';
          });
        }, row),
      { timeout: 60_000 },
    )
    .toBe(true);
}

export type AuditLine = { type: string; data: Record<string, unknown> };

/**
 * Runs in one of the extension's own contexts (its worker or a page: they share its IndexedDB) and
 * answers the audit log as stored. Self-contained, so Playwright's and puppeteer's `evaluate` can
 * both take it.
 */
export function auditInExtension(): Promise<AuditLine[]> {
  return new Promise<AuditLine[]>((resolve, reject) => {
    const open = indexedDB.open('reportguard');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const q = open.result.transaction('audit', 'readonly').objectStore('audit').getAll();
      q.onsuccess = () => resolve(q.result as never);
      q.onerror = () => reject(q.error);
    };
  });
}

/** The extension's audit log, straight from its IndexedDB. */
export async function readAudit(context: BrowserContext): Promise<AuditLine[]> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(auditInExtension);
}

export function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'rg-pdftext-'));
  const file = join(dir, 'a.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

export async function attachmentsOf(mail: SinkMail) {
  return mail.parsed.attachments.map((a) => ({ name: a.filename ?? '', bytes: new Uint8Array(a.content) }));
}

/** The swaps the extension made so far (audit `swapped` decisions: original → PDF hashes). */
export async function swapsOf(context: BrowserContext): Promise<{ from: string; to: string }[]> {
  return (await readAudit(context)).filter((e) => e.type === 'decision' && e.data.action === 'swapped').map((e) => e.data.details as { from: string; to: string });
}

/**
 * Attach time (issue 11 item 1): the one attachment row turns into the extension's PDF before any
 * Send, named `to`, its badge saying where it came from (the whole sentence for screen readers
 * and as tooltip). `row` and `name` are the webmail's row and name selectors (the fixtures'
 * `steps`). Resolves with the swap's audit record.
 */
export async function expectSwappedAtAttach(page: Page, context: BrowserContext, { row, name }: { row: string; name: string }, from: string, to: string) {
  const rows = page.locator(row);
  await expect(rows.locator(name)).toHaveText([to], { timeout: 60_000 });
  const badge = rows.locator('[data-reportguard-status][data-state="swapped"]');
  await expect(badge).toHaveCount(1, { timeout: 30_000 });
  await expect(badge.locator('[role="status"]')).toHaveText(`← ${from}, flat PDF`);
  await expect(badge.locator('[role="status"]')).toHaveAttribute('aria-label', `ReportGuard status of ${to}: ${from} → ${to}, flat PDF`);
  // The swap is audited once the webmail confirmed it; the row may show the PDF a moment before.
  await expect.poll(async () => (await swapsOf(context)).length, { timeout: 15_000 }).toBeGreaterThan(0);
  return (await swapsOf(context)).at(-1)!;
}

/**
 * Send with the swap already made (attach time): clicks Send and checks that the sink got exactly
 * the swapped-in PDF (`swap.to`), alone, and that no swap was made at Send. Returns its bytes.
 */
export async function sendExpectingSwappedPdf(
  page: Page,
  { clickSend, webmail, context }: { clickSend: (page: Page) => Promise<void>; webmail: Webmail; context: BrowserContext },
  subject: string,
  swap: { to: string },
  name = 'rapport-C-1042.pdf',
): Promise<Uint8Array> {
  const swapsBefore = (await swapsOf(context)).length;
  await clickSend(page);
  const mail = await webmail.waitForMail((m) => m.parsed.subject === subject, 30_000);
  const atts = await attachmentsOf(mail);
  expect(atts.map((a) => a.name)).toEqual([name]);
  expect(sha256(atts[0]!.bytes)).toBe(swap.to);
  expect(await swapsOf(context)).toHaveLength(swapsBefore);
  return atts[0]!.bytes;
}
