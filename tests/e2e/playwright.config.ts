// End-to-end tier: the built extension in Debian's Chromium against a real Roundcube, Dovecot
// and an SMTP sink on loopback (see harness/). Run through `node scripts/e2e.mjs`, which
// installs missing system packages and builds the extension first.
import { defineConfig } from '@playwright/test';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from './harness/chromium.ts';

// scripts/test.mjs names the JSON report's path; a plain run writes it under .tmp.
const jsonReport = resolve(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? join(PROJECT_ROOT, '.tmp', 'e2e-report.json'));

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // One webmail, one sink: tests run one after another so that mail and sessions don't mix.
  workers: 1,
  fullyParallel: false,
  retries: 0,
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
});
