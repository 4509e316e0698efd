// Surface "background": why the background could not run a check or a fix (filled into the
// CHECK_FAILED finding). Texts: nl/background.ts, en/background.ts.
import { defineCatalog } from './catalog.ts';
import { background as nl, type BackgroundKey } from './nl/background.ts';
import { background as en } from './en/background.ts';

export type { BackgroundKey };

export const background = defineCatalog<BackgroundKey>('background', { nl, en });
/** A reason from the background: background.text. */
export const bg = background.text;
