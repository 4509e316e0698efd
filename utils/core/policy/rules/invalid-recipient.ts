// Contracts §5 RECIPIENT_INVALID (block, report mail): an address that does not parse, or a
// display name that holds a different address than the real one ("hr@werkgever-a.nl"
// <x@evil.example>). The real address behind such a name is judged too, by ./whitelist.ts and
// ./lookalike.ts (see Recipient.outside in ../context.ts).
//
// Decision: mail without attachments is not restricted, so RECIPIENT_INVALID is not reported there.
import type { RecipientRule } from './rule.ts';
import { NONE, finding } from './rule.ts';

export const invalidRecipient: RecipientRule = (ctx, r) => {
  if (!ctx.isReport || r.role !== 'invalid') return NONE;
  const p = r.parsed;
  if (p.problem === 'display-name-mismatch') {
    return [
      finding(ctx, 'RECIPIENT_INVALID', 'block', p.raw, 'RECIPIENT_INVALID.displayName', { address: p.address ?? p.raw, shown: p.displayName ?? '' }, { problem: p.problem }),
    ];
  }
  return [finding(ctx, 'RECIPIENT_INVALID', 'block', p.raw, 'RECIPIENT_INVALID', { address: p.raw }, { problem: p.problem ?? 'unparseable' })];
};
