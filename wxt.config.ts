import { defineConfig } from 'wxt';
import { localeFiles } from './utils/core/i18n/manifest.ts';
import { MANAGED_SCHEMA } from './utils/core/managed/schema.ts';
import { FIREFOX_ID, MANIFEST_KEY } from './utils/core/managed/extension-id.ts';

// Host access. The webmail origins are configured at run time (managed storage or the options
// page; entrypoints/background/content-scripts.ts registers the content scripts for them), so the
// build names no firm's host: HTTPS anywhere (a force-installed extension gets it at install; on a
// manual install the user may restrict it, and the options page asks again), loopback for the
// tests and the demo, and plain HTTP only when asked for on the options page.
const hostPermissions = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];
const optionalHostPermissions = ['http://*/*'];
// Pages the dialog's stylesheet and renderer may be loaded into: any webmail origin. The URLs are
// per session (use_dynamic_url), so a site cannot probe for the extension with them.
const webmailPages = ['https://*/*', 'http://*/*'];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere: the pure core must never pick up a browser API by auto-import.
  imports: false,
  // MV3 everywhere; WXT would build Firefox as MV2 by default. Firefox's MV3 background is an
  // event page (with a DOM), which is where its document pipeline runs.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'ReportGuard',
    description: '__MSG_extDescription__',
    default_locale: 'nl',
    // Firefox has no offscreen documents (its pipeline runs in the background page).
    // declarativeNetRequest + webRequest (observing, never blocking) + cookies: the network guard
    // (entrypoints/background/send-guard.ts); host access: see hostPermissions above.
    permissions: [
      'storage',
      ...(browser === 'firefox' ? [] : ['offscreen']),
      'unlimitedStorage',
      'alarms',
      'declarativeNetRequestWithHostAccess',
      'webRequest',
      'cookies',
      // The webmail content scripts, registered at run time (entrypoints/background/content-scripts.ts).
      'scripting',
    ],
    host_permissions: hostPermissions,
    optional_host_permissions: optionalHostPermissions,
    // Managed configuration (enterprise policy): the schema is generated from
    // utils/core/managed/schema.ts by the build:publicAssets hook below.
    storage: { managed_schema: 'managed_schema.json' },
    // A fixed id: Chrome and Edge derive it from the manifest key (docs/admin-guide.md); Firefox
    // takes its add-on id from browser_specific_settings and rejects `key`.
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: FIREFOX_ID, strict_min_version: '128.0' } } }
      : { key: process.env.REPORTGUARD_MANIFEST_KEY ?? MANIFEST_KEY }),
  }),
  hooks: {
    // The manifest's __MSG_…__ strings: _locales/<lang>/messages.json written from the one catalog
    // (utils/core/i18n/{nl,en}/manifest.ts), not kept by hand in public/.
    'build:publicAssets': (_wxt, files) => {
      for (const f of localeFiles()) files.push({ relativeDest: f.path, contents: f.contents });
      // The managed configuration's schema, from its one declaration (utils/core/managed/schema.ts).
      files.push({ relativeDest: 'managed_schema.json', contents: `${JSON.stringify(MANAGED_SCHEMA, null, 2)}\n` });
    },
    'build:manifestGenerated': (_wxt, manifest) => {
      // The content scripts are registered at run time: none in the manifest.
      delete manifest.content_scripts;
      // The dialog's stylesheet (cssInjectionMode 'ui') is fetched by the content script on the webmail page.
      for (const war of manifest.web_accessible_resources ?? []) if (typeof war === 'object' && 'matches' in war) war.matches = webmailPages;
      // The send dialog's renderer (React), imported by the webmail content script on first use.
      manifest.web_accessible_resources ??= [];
      (manifest.web_accessible_resources as { resources: string[]; matches: string[]; use_dynamic_url: boolean }[]).push({
        resources: ['reportguard-dialog.js'],
        matches: webmailPages,
        use_dynamic_url: true,
      });
      manifest.host_permissions = [...new Set(manifest.host_permissions ?? [])];
    },
  },
});
