// Playwright fixtures for ReportGuard's end-to-end tests. Each test gets a fresh Chromium
// profile with the built extension loaded (so extension storage never leaks between tests),
// the shared webmail started by global-setup.ts, and that webmail's steps bound to it. Which
// webmail is the project's `webmailKind` option (playwright.config.ts: project `roundcube` or
// `sogo`); the steps (login, openCompose, fillCompose, attach, clickSend, saveDraft) have the
// same meaning in both, so one scenario runs against either:
//
//   import { test, expect } from './fixtures.ts';
//   test('x', async ({ page, login, openCompose, fillCompose, clickSend, webmail }) => { ... });
//
// Policy and records go through the extension's options page: the `loadPolicy(policy, records)`
// fixture, or the exported `loadPolicy(context, extensionId, policyPath, recordsPath)`.
// Playwright reads each fixture's first parameter to find its dependencies: it must be an
// object pattern, empty when the fixture needs no other fixture.
/* oxlint-disable no-empty-pattern */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension } from './harness/chromium.ts';
import { attachWebmailFromFile, type SinkMail, type Webmail, type WebmailKind } from './harness/webmail.ts';
import * as rc from './harness/roundcube-page.ts';
import * as sg from './harness/sogo-page.ts';
import { loadPolicy } from './harness/extension-pages.ts';
import { SCREENSHOT_DIR } from './global-setup.ts';

export { expect, loadPolicy, rc, sg, SCREENSHOT_DIR };
export type { SinkMail, Webmail, WebmailKind };

/** One webmail's user steps (harness/roundcube-page.ts, harness/sogo-page.ts). */
export interface WebmailSteps {
  login(page: Page, url: string, email: string, password: string): Promise<void>;
  openCompose(page: Page, url: string): Promise<void>;
  fillCompose(page: Page, fields: rc.ComposeFields): Promise<void>;
  attach(page: Page, file: rc.Attachment): Promise<void>;
  clickSend(page: Page): Promise<void>;
  /** Resolves once the webmail says the message was sent. */
  waitForSent(page: Page, timeoutMs?: number): Promise<void>;
  saveDraft(page: Page): Promise<void>;
  /** The compose screen as the user sees it (recipients, subject, body, attachments). */
  composeState(page: Page): Promise<unknown>;
  /** A finished attachment row, where ReportGuard's status badge goes. */
  attachmentRow: string;
  /** Where a row shows its file name (inside `attachmentRow`). */
  attachmentName: string;
  /** Saves the draft and opens it again later from the Drafts folder (`subject` names it). */
  reopenDraft(page: Page, subject: string): Promise<void>;
  /** A page script makes the webmail send without a click (its own code path). */
  scriptedSend(page: Page): Promise<void>;
}
const STEPS: Record<WebmailKind, WebmailSteps> = { roundcube: rc, sogo: sg };
const STATE_ENV: Record<WebmailKind, string> = { roundcube: 'REPORTGUARD_WEBMAIL_STATE', sogo: 'REPORTGUARD_SOGO_STATE' };
export type { Attachment, ComposeFields } from './harness/roundcube-page.ts';

export interface ReportGuardFixtures {
  /** Option: which webmail (set per project in playwright.config.ts; default Roundcube). */
  webmailKind: WebmailKind;
  /** That webmail's user steps, unbound (the bound ones follow). */
  steps: WebmailSteps;
  /** Option: load the built extension (default). `test.use({ extension: false })` runs plain Roundcube. */
  extension: boolean;
  /** Option: the browser's UI language (default 'en'; `test.use({ uiLanguage: 'nl' })` for Dutch staff). */
  uiLanguage: string;
  /**
   * Option: how the webmail composes (SOGo: the user's preference, set before each compose and
   * put back to HTML afterwards; project `sogo-plain` runs the `@body` scenarios in plain text).
   */
  composeMode: sg.ComposeMode;
  /** The running webmail: url, users, sink (waitForMail, listMail), IMAP folders (mailbox). */
  webmail: Webmail;
  /** Persistent Chromium context with the extension loaded; also Playwright's `context`. */
  context: BrowserContext;
  /** A page in that context, with window.confirm/alert answered "OK" automatically. */
  page: Page;
  /** The extension's id, from its service worker URL. */
  extensionId: string;
  login(page: Page, email: string): Promise<void>;
  openCompose(page: Page): Promise<void>;
  fillCompose(page: Page, fields: rc.ComposeFields): Promise<void>;
  attach(page: Page, file: rc.Attachment): Promise<void>;
  clickSend(page: Page): Promise<void>;
  saveDraft(page: Page): Promise<void>;
  waitForSent(page: Page, timeoutMs?: number): Promise<void>;
  /** The message the sink received last (throws when it has none). */
  lastMail(): Promise<SinkMail>;
  /** Loads policy and/or records through the options page of this test's extension (contracts §6); returns the options page. */
  loadPolicy(policyPath?: string, recordsPath?: string): Promise<Page>;
  /** Saves a full-page screenshot as test-results/screenshots/<name>.png and returns its path. */
  saveScreenshot(page: Page, name: string): Promise<string>;
}

interface WorkerFixtures {
  webmailWorker: Webmail;
  /** Option, worker-scoped so the worker attaches to one webmail. */
  webmailKindWorker: WebmailKind;
}

/**
 * Runs in the page (self-contained): the text of ReportGuard's dialog and the state of each
 * attachment badge, in one line; null when it shows nothing.
 */
function reportGuardShown(): string | null {
  const parts: string[] = [];
  for (const host of document.querySelectorAll('[data-reportguard-dialog]')) {
    const text = (host.shadowRoot?.textContent ?? host.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text) parts.push(`dialog${host.getAttribute('data-verdict') ? ` (${host.getAttribute('data-verdict')})` : ''}: "${text.slice(0, 600)}"`);
  }
  for (const badge of document.querySelectorAll('[data-reportguard-status]')) {
    const label = badge.shadowRoot?.querySelector('[role="status"]')?.getAttribute('aria-label') ?? '';
    parts.push(`badge ${badge.getAttribute('data-state') ?? '?'}${label ? `: "${label}"` : ''}`);
  }
  return parts.length ? parts.join('; ') : null;
}

// Native dialogs (Roundcube's "send without subject?" confirm) would block an automated page.
function autoAccept(page: Page): void {
  page.on('dialog', (d) => { d.accept().catch(() => { /* another handler answered it */ }); });
}

export const test = base.extend<ReportGuardFixtures, WorkerFixtures>({
  webmailKindWorker: ['roundcube', { option: true, scope: 'worker' }],
  webmailWorker: [async ({ webmailKindWorker }, use) => {
    const env = STATE_ENV[webmailKindWorker];
    const stateFile = process.env[env];
    if (!stateFile) throw new Error(`${env} is not set: run the e2e tests with -c tests/e2e/playwright.config.ts (its global setup starts the webmails)`);
    await use(attachWebmailFromFile(stateFile));
  }, { scope: 'worker' }],
  webmailKind: async ({ webmailKindWorker }, use) => { await use(webmailKindWorker); },
  steps: async ({ webmailKindWorker }, use) => { await use(STEPS[webmailKindWorker]); },

  extension: [true, { option: true }],
  uiLanguage: ['en', { option: true }],
  composeMode: ['html', { option: true }],

  webmail: async ({ webmailWorker }, use) => { await use(webmailWorker); },

  context: async ({ webmailWorker, extension, uiLanguage }, use, testInfo) => {
    const browser = await launchWithExtension({ headless: true, extensionDir: extension ? undefined : null, uiLanguage });
    const { context } = browser;
    const consoleLines: string[] = [];
    const watch = (page: Page) => {
      autoAccept(page);
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(`[${m.type()}] ${page.url()}: ${m.text()}`); });
      page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${page.url()}: ${e.message}`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(context);

    // On failure: what each page showed, the page consoles and the webmail's error log.
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [i, p] of context.pages().entries()) {
        const shot = await p.screenshot({ fullPage: true }).catch(() => null);
        if (shot) await testInfo.attach(`page-${i}.png`, { body: shot, contentType: 'image/png' });
        // What ReportGuard showed there (its dialog, the attachment badges), in the run's own
        // output: a CI log is often all there is to read afterwards.
        const shown = await p.evaluate(reportGuardShown).catch(() => null);
        if (shown) console.log(`[e2e] page ${i} (${p.url()}): ReportGuard shows ${shown}`);
      }
      if (consoleLines.length) await testInfo.attach('console.txt', { body: consoleLines.join('\n'), contentType: 'text/plain' });
      await testInfo.attach(`${webmailWorker.kind}-errors.log`, { body: webmailWorker.errorsTail(50), contentType: 'text/plain' });
      console.log(`[e2e] failed: ${webmailWorker.kind} errors in ${webmailWorker.errorsLog}; all webmail logs in ${webmailWorker.logsDir}`);
    }
    await browser.close();
  },

  extensionId: async ({ context, extension }, use) => {
    if (!extension) throw new Error('this test runs without the extension (test.use({ extension: false })): there is no extensionId');
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(worker.url()).host);
  },

  page: async ({ context }, use) => {
    // The persistent context opens with one blank tab; use it rather than a second window.
    const page = context.pages()[0] ?? (await context.newPage());
    await use(page);
  },

  login: async ({ webmail, webmailKind, extension }, use) => {
    await use((page, email) =>
      webmailKind === 'sogo'
        ? sg.login(page, webmail.url, email, webmail.user(email).password, { guarded: extension })
        : rc.login(page, webmail.url, email, webmail.user(email).password),
    );
  },
  openCompose: async ({ webmail, webmailKind, steps, composeMode }, use) => {
    const touched: Page[] = [];
    await use(async (page) => {
      if (webmailKind === 'sogo') {
        // Set every time: the preference is the user's, saved on the server across tests.
        await sg.setComposeMode(page, composeMode);
        if (composeMode !== 'html') touched.push(page);
      }
      await steps.openCompose(page, webmail.url);
    });
    // Back to SOGo's default for the tests that follow (best effort: the page may be gone).
    for (const page of touched) await sg.setComposeMode(page, 'html').catch(() => undefined);
  },
  fillCompose: async ({ steps }, use) => { await use(steps.fillCompose); },
  attach: async ({ steps }, use) => { await use(steps.attach); },
  clickSend: async ({ steps }, use) => { await use(steps.clickSend); },
  saveDraft: async ({ steps }, use) => { await use(steps.saveDraft); },
  waitForSent: async ({ steps }, use) => { await use((page, timeoutMs) => steps.waitForSent(page, timeoutMs)); },

  lastMail: async ({ webmail }, use) => {
    await use(async () => {
      const all = await webmail.listMail();
      const last = all.at(-1);
      if (!last) throw new Error('the SMTP sink has received no mail');
      return last;
    });
  },

  loadPolicy: async ({ context, extensionId }, use) => {
    await use((policyPath, recordsPath) => loadPolicy(context, extensionId, policyPath, recordsPath));
  },

  saveScreenshot: async ({}, use) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await use(async (page, name) => {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    });
  },
});
