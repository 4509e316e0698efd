// Every surface's catalog, for what looks at all of them at once (the test that both languages
// have the same keys and placeholders). Not for bundles: each imports only its own surface.
// A new surface (a toolbar popup, the admin console): nl/<surface>.ts, en/<surface>.ts,
// ./<surface>.ts with defineCatalog, and one line here.
import type { Catalog } from './catalog.ts';
import { findings } from './findings.ts';
import { dialog } from './dialog.ts';
import { options } from './options.ts';
import { background } from './background.ts';
import { manifest } from './manifest.ts';
import { records } from './records.ts';
import { consoleCatalog } from './console.ts';

/** What a catalog holds, whatever its keys. */
export type CatalogTexts = Pick<Catalog<string>, 'surface' | 'messages'>;

export const CATALOGS: readonly CatalogTexts[] = [findings, dialog, options, background, manifest, records, consoleCatalog];
