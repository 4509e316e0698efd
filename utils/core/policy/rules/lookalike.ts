// Contracts §5 RECIPIENT_LOOKALIKE: an address outside the whitelist whose domain is confusable
// with a protected one (homoglyphs, mixed script, one edit away, a protected name as a label of
// another domain: ../../recipients/lookalike.ts). Block on report mail (on top of
// RECIPIENT_NOT_WHITELISTED), warn on other mail.
//
// Decisions:
// - Protected are the whitelists that apply (their entries, the domains of address entries
//   included), the regiokantoren's mailboxes and the client's own address.
// - The very same domain as a protected entry is not a lookalike (boss@werkgever-a.nl when only
//   hr@werkgever-a.nl is listed): it is simply not whitelisted.
// - Report mail: the real address behind a misleading display name is checked too. Other mail:
//   only recipients whose role is 'outside' (the client and the mailbox are never outside).
import type { ProtectedMatcher } from '../../recipients/index.ts';
import { compileProtected } from '../../recipients/index.ts';
import type { RuleContext } from '../context.ts';
import { remember, type CompiledPolicy } from '../compile.ts';
import type { RecipientRule } from './rule.ts';
import { NONE, finding } from './rule.ts';

export const lookalike: RecipientRule = (ctx, r) => {
  const target = ctx.isReport || r.role === 'outside' ? r.outside : null;
  if (!target) return NONE;
  const hit = lookalikeOf(ctx.once(protection), target.domain);
  if (!hit) return NONE;
  const { address } = target;
  return [
    finding(ctx, 'RECIPIENT_LOOKALIKE', ctx.isReport ? 'block' : 'warn', address, 'RECIPIENT_LOOKALIKE', { address, resembles: hit.resembles }, {
      resembles: hit.resembles,
      reason: hit.reason,
    }),
  ];
};

interface Resemblance {
  resembles: string;
  reason: string;
}

interface ProtectedSet {
  matcher: ProtectedMatcher;
  /** Lookalike result per recipient domain for this protected set. */
  hits: Map<string, Resemblance | null>;
}

// Per policy: a matcher per protected set (applicable regiokantoren + client address), keyed by
// regiokantoor ids and client address, so the entry list is compiled once per combination.
const protectedSets = new WeakMap<CompiledPolicy, Map<string, ProtectedSet>>();

function protection(ctx: RuleContext): ProtectedSet {
  let sets = protectedSets.get(ctx.compiled);
  if (!sets) protectedSets.set(ctx.compiled, (sets = new Map()));
  const email = ctx.client?.email ?? '';
  const key = `${ctx.senderKnown ? ctx.regios.map((r) => r.regio.id).join('|') : '*'}\n${email}`;
  const hit = sets.get(key);
  if (hit) return hit;
  const entries: string[] = [];
  for (const r of ctx.senderKnown ? ctx.regios : ctx.compiled.regios) entries.push(...r.regio.allowedRecipients, r.mailbox);
  if (email) entries.push(email);
  return remember(sets, key, { matcher: compileProtected(entries), hits: new Map() }, 256);
}

function lookalikeOf(set: ProtectedSet, domain: string): Resemblance | null {
  const hit = set.hits.get(domain);
  if (hit !== undefined) return hit;
  const found = set.matcher.domains.includes(domain) ? null : set.matcher.find(domain);
  return remember(set.hits, domain, found ? { resembles: found.resembles, reason: found.reason } : null, 4096);
}
