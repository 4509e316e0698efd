// Surface "console": the admin console on the options page. Texts: nl/console.ts, en/console.ts.
import { defineCatalog } from './catalog.ts';
import { consoleTexts as nl, type ConsoleKey } from './nl/console.ts';
import { consoleTexts as en } from './en/console.ts';

export type { ConsoleKey };

export const consoleCatalog = defineCatalog<ConsoleKey>('console', { nl, en });
/** A sentence of the admin console: consoleCatalog.text. */
export const con = consoleCatalog.text;
export const isConsoleKey = consoleCatalog.has;
