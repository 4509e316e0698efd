// One catalog per surface: its sentences in every language (nl/<surface>.ts, en/<surface>.ts)
// bound into one lookup. Each surface's module (./findings.ts, ./dialog.ts, ...) calls
// defineCatalog; a bundle imports only the surfaces it shows.
import { DEFAULT_LANG, type Lang } from './lang.ts';
import { fillTemplate, splitTemplate, type Params } from './fill.ts';

export type { Params } from './fill.ts';

export interface Catalog<K extends string> {
  /** The surface's name: its file name under nl/ and en/. */
  readonly surface: string;
  readonly messages: Readonly<Record<Lang, Readonly<Record<K, string>>>>;
  /**
   * The sentence for `key` with `{name}` placeholders filled in. An unknown language falls back to
   * Dutch; a placeholder without a value stays visible as `{name}` so a missing parameter is
   * noticed in tests instead of silently producing a broken sentence.
   */
  readonly text: (lang: Lang, key: K, params?: Params) => string;
  /** Whether the catalog has this key (for keys built at run time, e.g. `reason.${kind}`). */
  readonly has: (key: string) => key is K;
  readonly keys: () => K[];
}

export function defineCatalog<K extends string>(surface: string, messages: Record<Lang, Record<K, string>>): Catalog<K> {
  // Templates split once into [text, name, text, ...]: the engine formats a sentence for every
  // finding of every evaluation, so parsing the template each time would show up.
  const split: Record<Lang, Map<K, string[]>> = { nl: new Map(), en: new Map() };
  return {
    surface,
    messages,
    text: (lang, key, params = {}) => {
      const l = Object.hasOwn(split, lang) ? lang : DEFAULT_LANG;
      let parts = split[l].get(key);
      if (!parts) {
        parts = splitTemplate(messages[l][key]);
        split[l].set(key, parts);
      }
      return fillTemplate(parts, params);
    },
    has: (key): key is K => Object.hasOwn(messages[DEFAULT_LANG], key),
    keys: () => Object.keys(messages[DEFAULT_LANG]) as K[],
  };
}
