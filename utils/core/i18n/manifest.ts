// Surface "manifest": the extension's name and description in the browser's extension list.
// Texts: nl/manifest.ts, en/manifest.ts. The browser wants them as _locales/<lang>/messages.json
// (referenced as __MSG_<key>__ in the manifest): the build generates those files from here.
import { defineCatalog } from './catalog.ts';
import { LANGS, type Lang } from './lang.ts';
import { manifest as nl, type ManifestKey } from './nl/manifest.ts';
import { manifest as en } from './en/manifest.ts';

export const manifest = defineCatalog<ManifestKey>('manifest', { nl, en });

/** The browser's messages.json for one language. */
export function localeMessages(lang: Lang): Record<ManifestKey, { message: string }> {
  return Object.fromEntries(manifest.keys().map((key) => [key, { message: manifest.text(lang, key) }])) as Record<ManifestKey, { message: string }>;
}

/** Every _locales/<lang>/messages.json file, as path and contents. */
export function localeFiles(): { path: string; contents: string }[] {
  return LANGS.map((lang) => ({ path: `_locales/${lang}/messages.json`, contents: JSON.stringify(localeMessages(lang), null, 2) + '\n' }));
}
