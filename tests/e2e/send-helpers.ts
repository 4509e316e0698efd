// Steps and checks shared by the send specs (send-scenarios, guard-attacks): the compose screen
// as the user left it, "nothing arrived", the extension's audit log, the dialog, and what the
// sink received.
import { expect, loadPolicy, type SinkMail } from './fixtures.ts';
import type { SendFixtures } from './send-fixtures.ts';
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

/** The extension's audit log, straight from its IndexedDB. */
export async function readAudit(context: BrowserContext): Promise<AuditLine[]> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(
    () =>
      new Promise<{ type: string; data: Record<string, unknown> }[]>((resolve, reject) => {
        const open = indexedDB.open('reportguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const q = open.result.transaction('audit', 'readonly').objectStore('audit').getAll();
          q.onsuccess = () => resolve(q.result as never);
          q.onerror = () => reject(q.error);
        };
      }),
  );
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
