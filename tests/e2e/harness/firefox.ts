// Debian's firefox-esr with the built Firefox extension (MV3, event-page background), driven over
// WebDriver BiDi by puppeteer-core (Playwright's Firefox is a patched build of its own and cannot
// drive Debian's). The extension goes in through BiDi `webExtension.install` (puppeteer's
// installExtension); its moz-extension:// UUID is fixed by a pref so its pages have a known URL.
// `--remote-allow-system-access` lets BiDi navigate to moz-extension:// pages at all.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './chromium.ts';
import { requireCommands } from '../../../scripts/system-deps.ts';

export const FIREFOX_EXTENSION_DIR = join(PROJECT_ROOT, '.output', 'firefox-mv3');
const EXTENSION_UUID = '6f1c3a52-0c1e-4b7e-9a53-5d2a3f0e7a11';

export interface FirefoxWithExtension {
  browser: Browser;
  /** moz-extension://<uuid>/ */
  baseUrl: string;
  /** Opens an extension page (e.g. 'options.html') and waits for `selector` on it. */
  openExtensionPage(path: string, selector: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(extensionDir = process.env.REPORTGUARD_FIREFOX_EXTENSION_DIR ?? FIREFOX_EXTENSION_DIR): Promise<FirefoxWithExtension> {
  const firefox = requireCommands(['firefox-esr'])['firefox-esr']!;
  const manifestPath = join(extensionDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`no Firefox build in ${extensionDir}: run \`npx wxt build -b firefox\` first`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefox,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: EXTENSION_UUID }),
      'intl.locale.requested': 'en-US',
    },
  });
  try {
    const installed = await browser.installExtension(extensionDir);
    if (installed !== id) throw new Error(`installed ${installed}, expected ${id}`);
  } catch (e) {
    await browser.close();
    throw e;
  }
  const baseUrl = `moz-extension://${EXTENSION_UUID}/`;
  return {
    browser,
    baseUrl,
    async openExtensionPage(path, selector) {
      const page = await browser.newPage();
      // BiDi reports no load event for moz-extension:// navigations; the page's own content says when it is there.
      await page.goto(baseUrl + path, { timeout: 3000 }).catch(() => undefined);
      await page.waitForSelector(selector, { timeout: 20_000 });
      return page;
    },
    close: () => browser.close(),
  };
}
