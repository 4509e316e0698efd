// Contracts §4 rule 5: a mail to a `medicalRecipients` recipient (bedrijfsarts, arbodienst,
// huisarts, GGZ) that asks for health information or carries health data (body or attachment)
// needs the client's written, not withdrawn health consent (HEALTH_CONSENT_MISSING, block), with
// or without attachments.
//
// Decisions:
// - "Asks": a sentence of the subject or body holds a request and a health object
//   (../../health/request.ts); the policy's added health terms count as objects.
// - "Carries": health data as rule 3 finds it (detected in the body or an attachment, or
//   declared; a detection overridden with a justification does not carry). On report mail rule 3
//   (rules/health.ts) already blocks that case, so this rule only adds the request case there;
//   on mail without attachments it covers both.
// - The client: found as for report mail (id, or one reference in the subject); without one the
//   consent can't be found, so it blocks as well, naming the medical recipient (fail closed).
// - One finding per mail, on the first medical recipient; details list them all.
import { compileWhitelist, type Whitelist } from '../../recipients/index.ts';
import { detectHealthRequest } from '../../health/request.ts';
import { detectHealthTerms } from '../../health/detect.ts';
import type { Policy } from '../schema.ts';
import { justificationOk, type RuleContext } from '../context.ts';
import { consentValid } from './health.ts';
import type { Rule } from './rule.ts';
import { NONE, finding } from './rule.ts';

const medicalLists = new WeakMap<Policy, Whitelist>();

function medicalList(policy: Policy): Whitelist {
  let list = medicalLists.get(policy);
  if (!list) medicalLists.set(policy, (list = compileWhitelist(policy.medicalRecipients ?? [])));
  return list;
}

export const medical: Rule = (ctx) => {
  if (!ctx.policy.medicalRecipients?.length) return NONE;
  const list = medicalList(ctx.policy);
  const medicalAddresses = ctx.recipients.filter((r) => r.address !== null && r.domain !== null && list.matchesNormalised(r.address, r.domain)).map((r) => r.address!);
  if (medicalAddresses.length === 0) return NONE;
  if (consentValid(ctx.client, ctx.nowMs)) return NONE;

  const extra = ctx.policy.healthTerms?.add ?? [];
  const request = detectHealthRequest(`${ctx.message.subject ?? ''}\n${ctx.message.body ?? ''}`, extra);
  const carried = carries(ctx);
  if (!request && !carried.present) return NONE;
  // Report mail carrying health data: rules/health.ts gives HEALTH_CONSENT_MISSING already.
  if (!request && ctx.isReport && ctx.beyondClient) return NONE;
  if (request && ctx.isReport && ctx.beyondClient && carried.present) return NONE;

  const address = medicalAddresses[0]!;
  const client = ctx.client?.record.id ?? '';
  const key = !client ? 'HEALTH_CONSENT_MISSING.medicalNoClient' : request ? 'HEALTH_CONSENT_MISSING.medicalRequest' : 'HEALTH_CONSENT_MISSING.medical';
  return [
    finding(ctx, 'HEALTH_CONSENT_MISSING', 'block', client || address, key, { client, address, terms: carried.terms.slice(0, 3).join(', ') }, {
      medicalRecipients: medicalAddresses.join(', '),
      asks: request !== null,
      terms: carried.terms.join(', '),
    }),
  ];
};

function carries(ctx: RuleContext): { present: boolean; terms: string[] } {
  const adjust = { add: [...(ctx.policy.healthTerms?.add ?? [])], remove: [...(ctx.policy.healthTerms?.remove ?? [])] };
  const terms: string[] = [];
  for (const text of [ctx.message.body ?? '', ...ctx.attachments.map((a) => a.text)]) {
    if (!text) continue;
    for (const term of detectHealthTerms(text, adjust)) if (!terms.includes(term)) terms.push(term);
  }
  const declared = ctx.message.containsHealthData ?? null;
  const overridden = declared === false && terms.length > 0 && justificationOk(ctx.message.healthOverrideJustification);
  return { present: declared === true || (terms.length > 0 && !overridden), terms };
}
