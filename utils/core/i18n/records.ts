// Surface "records": the toolbar popup and the records, follow-up and audit sections of the
// options page. Texts: nl/records.ts, en/records.ts.
import { defineCatalog } from './catalog.ts';
import type { Lang } from './lang.ts';
import type { ChainBreak } from '../audit/types.ts';
import { records as nl, type RecordsKey } from './nl/records.ts';
import { records as en } from './en/records.ts';

export type { RecordsKey };

export const records = defineCatalog<RecordsKey>('records', { nl, en });
/** A sentence of the popup or the records sections: records.text. */
export const rec = records.text;

/** Why the audit chain is broken, in the reader's language (the CLI keeps the English `reason`). */
export function chainBreakText(lang: Lang, why: ChainBreak): string {
  switch (why.kind) {
    case 'start-no-purge':
      return rec(lang, 'chain.start-no-purge', { first: why.firstSeq });
    case 'start-after-purge':
      return rec(lang, 'chain.start-after-purge', { first: why.firstSeq, kept: why.keptFromSeq });
    case 'sequence':
      return rec(lang, 'chain.sequence', { seq: why.seq, expected: why.expected });
    case 'unhashable':
      return rec(lang, 'chain.unhashable', { error: why.error });
    default:
      return rec(lang, `chain.${why.kind}`);
  }
}
