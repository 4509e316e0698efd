// Surface "options": the options (beheer) page. Texts: nl/options.ts, en/options.ts.
import { defineCatalog } from './catalog.ts';
import { options as nl, type OptionsKey } from './nl/options.ts';
import { options as en } from './en/options.ts';

export type { OptionsKey };

export const options = defineCatalog<OptionsKey>('options', { nl, en });
/** A sentence of the options page: options.text. */
export const opt = options.text;
