// Debian's Chromium with the built ReportGuard extension loaded, driven by Playwright. Shared by
// the Playwright fixtures, the demo and the bench so that all three run the same browser setup.
import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const EXTENSION_DIR = join(PROJECT_ROOT, '.output', 'chrome-mv3');
export const CHROMIUM_PATH = process.env.REPORTGUARD_CHROMIUM ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** The unpacked extension (default $REPORTGUARD_EXTENSION_DIR or the WXT build); null launches plain Chromium. */
  extensionDir?: string | null;
  /** Default: a fresh temp profile, removed by close(). */
  userDataDir?: string;
  /** New headless mode; false opens a window (needs DISPLAY). */
  headless?: boolean;
  viewport?: { width: number; height: number } | null;
  /**
   * The browser's UI language (what `browser.i18n.getUILanguage()` reports), e.g. 'nl' or 'en'.
   * On Linux Chromium takes it from LANGUAGE/LANG, not from --lang; needs chromium-l10n.
   * Default: the environment's.
   */
  uiLanguage?: string;
  /** More Chromium flags (e.g. --ignore-certificate-errors for a test's own HTTPS server on loopback). */
  args?: string[];
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** '' when launched without the extension. */
  extensionId: string;
  userDataDir: string;
  close(): Promise<void>;
}

export function chromiumArgs(extensionDir: string | null, headless: boolean): string[] {
  return [
    ...(headless ? ['--headless=new'] : []),
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
  ];
}

/** 'nl' → 'nl_NL', 'en' → 'en_US', 'de-AT' → 'de_AT'. */
function localeOf(lang: string): string {
  const [l, region] = lang.split(/[-_]/);
  const defaults: Record<string, string> = { en: 'US', nl: 'NL' };
  return `${l}_${(region ?? defaults[l!] ?? l!).toUpperCase()}`;
}

/**
 * Launches Chromium with the extension in a persistent profile (extensions need one) and
 * waits for the extension's service worker, whose URL gives the extension id.
 */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir === null ? null : (options.extensionDir ?? process.env.REPORTGUARD_EXTENSION_DIR ?? EXTENSION_DIR);
  if (extensionDir && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no built extension in ${extensionDir}: run \`npx wxt build\` first`);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`);
  const headless = options.headless ?? true;
  const ownProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'rg-chromium-'));
  if (ownProfile) {
    // Developer mode, as on a machine that loads the extension unpacked: without it Chromium
    // disables an unpacked extension on reload (chrome.runtime.reload) instead of reloading it,
    // which is not what an update does.
    mkdirSync(join(userDataDir, 'Default'), { recursive: true });
    writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ extensions: { ui: { developer_mode: true } } }));
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    // Headless is passed as --headless=new ourselves: Playwright's own flag would select the
    // old headless mode, which cannot run extensions.
    headless: false,
    args: [...chromiumArgs(extensionDir, headless), ...(options.uiLanguage ? [`--lang=${options.uiLanguage}`] : []), ...(options.args ?? [])],
    ...(options.uiLanguage
      ? {
          env: { ...process.env, LANGUAGE: options.uiLanguage, LANG: `${localeOf(options.uiLanguage)}.UTF-8` },
          // Pages (and so content scripts) take their language from Playwright's locale override.
          locale: localeOf(options.uiLanguage).replace('_', '-'),
        }
      : {}),
    // Playwright adds --disable-extensions by default.
    ignoreDefaultArgs: extensionDir ? ['--disable-extensions'] : [],
    viewport: options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport,
  });
  try {
    let extensionId = '';
    if (extensionDir) {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
      extensionId = new URL(worker.url()).host;
      // Ready when the service worker has registered the webmail content scripts (at run time,
      // for the configured origins): a page loaded before that would not be guarded.
      await worker.evaluate(async () => {
        const c = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } } }).chrome;
        for (let i = 0; i < 200; i++) {
          if ((await c.scripting.getRegisteredContentScripts()).length >= 2) return;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error('the webmail content scripts were not registered within 10 s');
      });
    }
    return {
      context,
      extensionId,
      userDataDir,
      async close() {
        await context.close().catch(() => {});
        if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context.close().catch(() => {});
    if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`the extension in ${extensionDir} did not start a service worker: ${(err as Error).message}`, { cause: err });
  }
}
