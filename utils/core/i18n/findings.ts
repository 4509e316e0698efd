// Surface "findings": the sentence of every finding the policy engine gives, in the verdict's
// language. Texts: nl/findings.ts, en/findings.ts.
import { defineCatalog } from './catalog.ts';
import { findings as nl, type FindingsKey } from './nl/findings.ts';
import { findings as en } from './en/findings.ts';

export type { FindingsKey };

export const findings = defineCatalog<FindingsKey>('findings', { nl, en });
/** The finding sentence for `key`: findings.text. */
export const t = findings.text;
