// The languages ReportGuard speaks: Dutch by default (staff), English when the browser is English.
export type Lang = 'nl' | 'en';

export const DEFAULT_LANG: Lang = 'nl';
export const LANGS: readonly Lang[] = ['nl', 'en'];

export function isLang(x: unknown): x is Lang {
  return x === 'nl' || x === 'en';
}

/** nl unless the browser's UI language starts with 'en': the rule for every surface. */
export function uiLangFrom(uiLanguage: string | undefined | null): Lang {
  return uiLanguage?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}
