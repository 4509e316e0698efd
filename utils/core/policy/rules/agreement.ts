// Contracts §4 rule 1, §5 RECIPIENT_NOT_IN_AGREEMENT (block, report mail): when the client has a
// reportingAgreement, a whitelisted recipient must also match it (entries in the same forms as
// allowedRecipients).
//
// Decisions: the agreement restricts third parties only. The client's own address and the
// regiokantoor's mailbox are not held to it (roles in ../context.ts: else requireRegioMailbox and
// an agreement could never both be met). A recipient outside the whitelist already blocks
// (./whitelist.ts) and is not judged against the agreement as well.
import type { RecipientRule } from './rule.ts';
import { NONE, finding } from './rule.ts';

export const agreement: RecipientRule = (ctx, r) => {
  const agreed = ctx.client?.agreement;
  if (!ctx.isReport || r.role !== 'whitelisted' || !agreed) return NONE;
  const address = r.address!;
  if (agreed.matchesNormalised(address, r.domain!)) return NONE;
  return [finding(ctx, 'RECIPIENT_NOT_IN_AGREEMENT', 'block', address, 'RECIPIENT_NOT_IN_AGREEMENT', { address, client: ctx.client!.record.id })];
};
