// Contracts §2 and §5: report mail comes from someone in a regiokantoor (SENDER_UNKNOWN), and with
// `requireRegioMailbox` through that regiokantoor's mailbox (NOT_VIA_REGIOKANTOOR).
//
// Decisions:
// - A sender in no regiokantoor (or whose From does not parse) gets SENDER_UNKNOWN (block) on
//   report mail; its recipients are then judged against the union of all whitelists
//   (../context.ts), so the user sees only the other real problems.
// - requireRegioMailbox concerns mail that leaves the office: mail only to the client and/or the
//   regio mailbox itself needs no extra copy to that mailbox.
// - The mailbox must be the sender or be in Cc/Bcc; in To it does not count (the contract's
//   "carry it in Cc/Bcc"). With several applicable regiokantoren, the message names the first.
import type { Rule } from './rule.ts';
import { NONE, finding } from './rule.ts';

export const sender: Rule = (ctx) => {
  if (!ctx.isReport) return NONE;
  if (!ctx.senderKnown) {
    const from = ctx.sender ?? ctx.message.from;
    return [finding(ctx, 'SENDER_UNKNOWN', 'block', from, 'SENDER_UNKNOWN', { address: from ?? '' })];
  }
  if (!ctx.policy.requireRegioMailbox || !ctx.disclosure) return NONE;
  const via =
    (ctx.sender !== null && ctx.mailboxes.has(ctx.sender)) ||
    ctx.recipients.some((r) => r.field !== 'to' && r.address !== null && ctx.mailboxes.has(r.address));
  if (via) return NONE;
  const first = ctx.regios[0]!.regio;
  return [finding(ctx, 'NOT_VIA_REGIOKANTOOR', 'block', first.mailbox, 'NOT_VIA_REGIOKANTOOR', { regio: first.name, mailbox: first.mailbox })];
};
