// Message catalogs: t(lang, key, params). Dutch is the default; English for admins and tests.
import { nl, type CatalogKey } from './nl.ts';
import { en } from './en.ts';

export type Lang = 'nl' | 'en';
export type { CatalogKey };
export type Params = Readonly<Record<string, string | number>>;

export const DEFAULT_LANG: Lang = 'nl';
export const LANGS: readonly Lang[] = ['nl', 'en'];

const catalogs: Record<Lang, Record<CatalogKey, string>> = { nl, en };

export function isLang(x: unknown): x is Lang {
  return x === 'nl' || x === 'en';
}

export function hasKey(key: string): key is CatalogKey {
  return Object.hasOwn(nl, key);
}

/**
 * The sentence for `key` with `{name}` placeholders filled in. An unknown language falls back to
 * Dutch; a placeholder without a value stays visible as `{name}` so a missing parameter is noticed
 * in tests instead of silently producing a broken sentence.
 */
export function t(lang: Lang, key: CatalogKey, params: Params = {}): string {
  const parts = compiled(catalogs[lang] ? lang : DEFAULT_LANG, key);
  if (parts.length === 1) return parts[0]!;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (Object.hasOwn(params, name) ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
  }
  return out;
}

// Templates split once into [text, name, text, name, ..., text]: the engine formats a sentence
// for every finding of every evaluation, so parsing the template each time would show up.
const templates: Record<Lang, Map<CatalogKey, string[]>> = { nl: new Map(), en: new Map() };

function compiled(lang: Lang, key: CatalogKey): string[] {
  const cache = templates[lang];
  let parts = cache.get(key);
  if (!parts) {
    parts = catalogs[lang][key].split(/\{(\w+)\}/);
    cache.set(key, parts);
  }
  return parts;
}

/** Every key of the catalogs (for tests and tooling). */
export function catalogKeys(): CatalogKey[] {
  return Object.keys(nl) as CatalogKey[];
}
