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
  const template = (catalogs[lang] ?? catalogs[DEFAULT_LANG])[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Every key of the catalogs (for tests and tooling). */
export function catalogKeys(): CatalogKey[] {
  return Object.keys(nl) as CatalogKey[];
}
