// Contracts §4 rule 3 and its last paragraph: health data (found by the lexicon in the body or an
// attachment's text, or declared by the user) needs the client's written, current health
// consent (HEALTH_CONSENT_MISSING, block); no exception ground replaces it. The user may declare
// a detection wrong with a justification (HEALTH_DATA_DECLARED_ABSENT, warn). On mail without
// attachments, health data in the body to a recipient outside the whitelist warns
// (HEALTH_DATA_IN_BODY).
//
// Decisions:
// - Consent is valid when written === true, givenAt <= now and withdrawnAt is null or after now
//   (a withdrawal scheduled for later has not happened yet).
// - Health data with an unknown client gives HEALTH_CONSENT_MISSING as well as CLIENT_UNKNOWN:
//   the user learns both that the mail holds health data and that no consent can be found.
// - Report mail: these rules apply when anyone other than the client receives it (the mailbox
//   too); so does HEALTH_DATA_DECLARED_ABSENT: overriding a detection on the approval round
//   changes nothing and needs no warning.
// - Declared absent (`containsHealthData: false`) overrides a detection only with a justification
//   of at least 20 characters; without it the detection stands.
// - Mail without attachments: only recipients outside the whitelist count (the client's own
//   address and the regio mailbox are not "outside"); DECLARED_ABSENT only when there is one.
// - The terms in a sentence are the first three found; details carry all of them.
import { detectHealthTerms } from '../../health/detect.ts';
import type { AnalysedAttachment } from '../../documents/types.ts';
import type { Finding } from '../types.ts';
import type { CompiledClient, CompiledPolicy } from '../compile.ts';
import { remember } from '../compile.ts';
import { justificationOk, type RuleContext } from '../context.ts';
import type { RecipientRule, Rule } from './rule.ts';
import { NONE, finding } from './rule.ts';

/** HEALTH_CONSENT_MISSING and HEALTH_DATA_DECLARED_ABSENT, once per message. */
export const health: Rule = (ctx) => (ctx.isReport ? reportHealth(ctx) : plainMailHealth(ctx));

/** HEALTH_DATA_IN_BODY, per recipient outside the whitelist, on mail without attachments. */
export const healthInBody: RecipientRule = (ctx, r) => {
  if (ctx.isReport || r.role !== 'outside') return NONE;
  const body = ctx.once(bodyHealth);
  if (!body.present) return NONE;
  const address = r.address!;
  return [
    finding(ctx, 'HEALTH_DATA_IN_BODY', 'warn', address, body.terms.length > 0 ? 'HEALTH_DATA_IN_BODY' : 'HEALTH_DATA_IN_BODY.declared', { address, terms: termsParam(body.terms) }, {
      terms: body.terms.join(', '),
    }),
  ];
};

/** Written, given by `nowMs` and not (yet) withdrawn. */
export function consentValid(client: CompiledClient | null, nowMs: number): boolean {
  const c = client?.consent;
  if (!c || !c.written) return false;
  if (!(c.givenAt <= nowMs)) return false;
  return c.withdrawnAt === null || c.withdrawnAt > nowMs;
}

function reportHealth(ctx: RuleContext): readonly Finding[] {
  if (!ctx.beyondClient) return NONE;
  const terms: string[] = [...ctx.once(bodyHealth).terms];
  for (const att of ctx.attachments) {
    for (const term of attachmentTerms(ctx, att)) if (!terms.includes(term)) terms.push(term);
  }
  const declared = ctx.message.containsHealthData ?? null;
  const overrideAccepted = declared === false && terms.length > 0 && justificationOk(ctx.message.healthOverrideJustification);
  const present = declared === true || (terms.length > 0 && !overrideAccepted);
  const out: Finding[] = [];
  if (overrideAccepted) {
    out.push(finding(ctx, 'HEALTH_DATA_DECLARED_ABSENT', 'warn', ctx.client?.record.id, 'HEALTH_DATA_DECLARED_ABSENT', { terms: termsParam(terms) }, { terms: terms.join(', ') }));
  }
  if (present && !consentValid(ctx.client, ctx.nowMs)) {
    const id = ctx.client?.record.id ?? ctx.clientRef;
    out.push(
      finding(
        ctx,
        'HEALTH_CONSENT_MISSING',
        'block',
        id || undefined,
        terms.length > 0 ? 'HEALTH_CONSENT_MISSING' : 'HEALTH_CONSENT_MISSING.declared',
        { client: id, terms: termsParam(terms) },
        { terms: terms.join(', '), declared: declared === true },
      ),
    );
  }
  return out;
}

function plainMailHealth(ctx: RuleContext): readonly Finding[] {
  const body = ctx.once(bodyHealth);
  if (!body.overrideAccepted || !ctx.recipients.some((r) => r.role === 'outside')) return NONE;
  return [
    finding(ctx, 'HEALTH_DATA_DECLARED_ABSENT', 'warn', ctx.client?.record.id, 'HEALTH_DATA_DECLARED_ABSENT', { terms: termsParam(body.terms) }, { terms: body.terms.join(', ') }),
  ];
}

interface BodyHealth {
  terms: readonly string[];
  /** Declared absent, against a detection, with an accepted justification. */
  overrideAccepted: boolean;
  /** Health data in the body: declared, or detected and not overridden. */
  present: boolean;
}

function bodyHealth(ctx: RuleContext): BodyHealth {
  const terms = bodyTerms(ctx, ctx.message.body ?? '');
  const declared = ctx.message.containsHealthData ?? null;
  const overrideAccepted = declared === false && terms.length > 0 && justificationOk(ctx.message.healthOverrideJustification);
  return { terms, overrideAccepted, present: declared === true || (terms.length > 0 && !overrideAccepted) };
}

function termsParam(terms: readonly string[]): string {
  return terms.slice(0, 3).join(', ');
}

// Terms found, per policy (its healthTerms adjust the lexicon): per body text (bounded) and per
// analysed attachment object.
interface TermCache {
  adjust: { add: string[]; remove: string[] };
  bodies: Map<string, readonly string[]>;
  attachments: WeakMap<AnalysedAttachment, readonly string[]>;
}

const termCaches = new WeakMap<CompiledPolicy, TermCache>();

function termCache(ctx: RuleContext): TermCache {
  let cache = termCaches.get(ctx.compiled);
  if (!cache) {
    const adjust = { add: [...(ctx.policy.healthTerms?.add ?? [])], remove: [...(ctx.policy.healthTerms?.remove ?? [])] };
    termCaches.set(ctx.compiled, (cache = { adjust, bodies: new Map(), attachments: new WeakMap() }));
  }
  return cache;
}

function bodyTerms(ctx: RuleContext, body: string): readonly string[] {
  const cache = termCache(ctx);
  const hit = cache.bodies.get(body);
  if (hit) return hit;
  return remember(cache.bodies, body, body ? detectHealthTerms(body, cache.adjust) : [], 256);
}

function attachmentTerms(ctx: RuleContext, att: AnalysedAttachment): readonly string[] {
  const cache = termCache(ctx);
  let terms = cache.attachments.get(att);
  if (!terms) {
    terms = att.text ? detectHealthTerms(att.text, cache.adjust) : [];
    cache.attachments.set(att, terms);
  }
  return terms;
}
