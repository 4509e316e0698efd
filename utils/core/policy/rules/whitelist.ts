// Contracts §4 rule 1, §5 RECIPIENT_NOT_WHITELISTED (block, report mail): every recipient (To, Cc,
// Bcc) is on the whitelist of the sender's regiokantoor, is that regiokantoor's own mailbox, or
// is the client's own address. Who is what is decided once, in ../context.ts (roles).
//
// Decisions:
// - Addresses compare case-insensitively, local part included (contracts §2 "case-insensitive"),
//   after IDNA mapping: an entry `hr@werkgever-a.nl` matches `HR@Werkgever-A.nl.`. The matching
//   is the recipients module's (compileWhitelist), the same as matchesAny.
// - The real address behind a misleading display name is judged as well: outside the whitelist
//   it always gets RECIPIENT_NOT_WHITELISTED (contracts §5), after its RECIPIENT_INVALID.
// - A sender in no regiokantoor: judged against the union of all whitelists, with a sentence that
//   names no regiokantoor.
import type { RuleContext } from '../context.ts';
import type { RecipientRule } from './rule.ts';
import { NONE, finding } from './rule.ts';

export const whitelist: RecipientRule = (ctx, r) => {
  if (!ctx.isReport || !r.outside) return NONE;
  const { address } = r.outside;
  return [
    finding(ctx, 'RECIPIENT_NOT_WHITELISTED', 'block', address, ctx.senderKnown ? 'RECIPIENT_NOT_WHITELISTED' : 'RECIPIENT_NOT_WHITELISTED.noRegio', {
      address,
      regio: regioName(ctx),
    }),
  ];
};

function regioName(ctx: RuleContext): string {
  if (!ctx.senderKnown) return '';
  return ctx.regios.length === 1 ? ctx.regios[0]!.regio.name : ctx.regios.map((r) => r.regio.name).join(' / ');
}
