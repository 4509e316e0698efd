// Contracts §4: report mail is about exactly one client, named in `client` or found from a
// reference like C-1042 in the subject or an attachment name (../../records/lookup.ts).
// None, several, or one that is not in the records → CLIENT_UNKNOWN (block); the sentence says
// which of the three it is.
import type { FindingsKey } from '../../i18n/findings.ts';
import type { Rule } from './rule.ts';
import { NONE, finding } from './rule.ts';

export const client: Rule = (ctx) => {
  const lookup = ctx.lookup;
  if (!ctx.isReport || lookup.kind !== 'unknown') return NONE;
  const key: FindingsKey =
    lookup.reason === 'not-in-records'
      ? 'CLIENT_UNKNOWN.notInRecords'
      : lookup.reason === 'several-references'
        ? 'CLIENT_UNKNOWN.several'
        : 'CLIENT_UNKNOWN';
  return [finding(ctx, 'CLIENT_UNKNOWN', 'block', ctx.clientRef || undefined, key, { client: ctx.clientRef }, { reason: lookup.reason })];
};
