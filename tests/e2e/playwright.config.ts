// End-to-end tier: the built extension in Debian's Chromium against a real Roundcube, Dovecot
// and an SMTP sink on loopback (see harness/). Run through `node scripts/e2e.mjs`, which
// installs missing system packages and builds the extension first.
import { defineConfig } from '@playwright/test';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from './harness/chromium.ts';
import type { WebmailKind } from './harness/webmail.ts';
import type { ComposeMode } from './harness/sogo-page.ts';

/** Specs only SOGo runs. */
const SOGO_ONLY = ['**/sogo-*.spec.ts'];
/** Every spec the SOGo project runs. */
const SOGO_SPECS = [...SOGO_ONLY, '**/send-webmails.spec.ts'];

// scripts/test.mjs names the JSON report's path; a plain run writes it under .tmp.
const jsonReport = resolve(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? join(PROJECT_ROOT, '.tmp', 'e2e-report.json'));

export default defineConfig<{ composeMode: ComposeMode }, { webmailKindWorker: WebmailKind }>({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // One webmail, one sink: tests run one after another so that mail and sessions don't mix.
  workers: 1,
  fullyParallel: false,
  // On CI a failed test runs once more; scripts/test.mjs names every test that passed only then
  // (the report's "flaky"), so a timing fault shows in the log instead of hiding.
  retries: process.env.CI ? 1 : 0,
  // Generous: a test logs in, composes and uploads in a real browser; loaded CI machines are slow.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  outputDir: join(PROJECT_ROOT, 'test-results', 'playwright'),
  reporter: [['list'], ['json', { outputFile: jsonReport }]],
  globalSetup: './global-setup.ts',
  use: {
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
  },
  // One project per webmail. A spec written against the fixtures' webmail steps runs in every
  // project that matches it; SOGO_SPECS are the ones that run against SOGo (the rest are
  // Roundcube's: its attack suite, the options page, Firefox, central audit run once).
  projects: [
    { name: 'roundcube', testIgnore: SOGO_ONLY },
    { name: 'sogo', testMatch: SOGO_SPECS, use: { webmailKindWorker: 'sogo' } },
    // The shared scenarios that read or deliver the body, again with SOGo composing in plain text
    // (the user's preference; issue 15: CKEditor HTML and plain mode).
    { name: 'sogo-plain', testMatch: '**/send-webmails.spec.ts', grep: /@body/, use: { webmailKindWorker: 'sogo', composeMode: 'text' } },
  ],
});
