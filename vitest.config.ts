import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two tiers run by vitest: unit (one file per source module, pure and fast) and integration
// (several modules together: CLI processes, extension contexts with fakeBrowser, real files).
// End-to-end tests run under Playwright in real Chromium against real Roundcube (tests/e2e).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], setupFiles: ['tests/setup/fake-browser.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.{ts,tsx}'], setupFiles: ['tests/setup/fake-browser.ts'], testTimeout: 60_000 },
      },
    ],
  },
});
