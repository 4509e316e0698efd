// Surface "records": the toolbar popup and the records, follow-up and audit sections of the
// options page. Texts: nl/records.ts, en/records.ts.
import { defineCatalog } from './catalog.ts';
import { records as nl, type RecordsKey } from './nl/records.ts';
import { records as en } from './en/records.ts';

export type { RecordsKey };

export const records = defineCatalog<RecordsKey>('records', { nl, en });
/** A sentence of the popup or the records sections: records.text. */
export const rec = records.text;
