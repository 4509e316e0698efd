// How a rule is written. A rule is a pure function of the shared context (../context.ts) that
// returns its findings: no I/O, no clock, no state between evaluations. Rules that judge each
// recipient or each attachment are written for one of them and composed with perRecipient /
// perAttachment in evaluate.ts, which fixes where their findings stand.
import { t, type FindingsKey } from '../../i18n/findings.ts';
import type { Params } from '../../i18n/fill.ts';
import type { AnalysedAttachment } from '../../documents/types.ts';
import type { Finding, FindingCode, Severity } from '../types.ts';
import type { Recipient, RuleContext } from '../context.ts';

/** Findings about the message as a whole. */
export type Rule = (ctx: RuleContext) => readonly Finding[];
/** Findings about one recipient (called for each, in message order). */
export type RecipientRule = (ctx: RuleContext, recipient: Recipient) => readonly Finding[];
/** Findings about one attachment (called for each, in message order). */
export type AttachmentRule = (ctx: RuleContext, attachment: AnalysedAttachment) => readonly Finding[];

/** "Nothing found": one shared empty list, so the common case allocates nothing. */
export const NONE: readonly Finding[] = Object.freeze([]);

/** A finding with its sentence from the catalog, in the evaluation's language. */
export function finding(
  ctx: RuleContext,
  code: FindingCode,
  severity: Severity,
  subject: string | undefined,
  key: FindingsKey,
  params: Params,
  details?: Finding['details'],
): Finding {
  const f: Finding = { code, severity, message: t(ctx.lang, key, params) };
  if (subject !== undefined) f.subject = subject;
  if (details) f.details = details;
  return f;
}

/**
 * One rule from several recipient rules: for each recipient in message order, each rule in the
 * order given. So the findings about one address stand together (e.g. RECIPIENT_NOT_WHITELISTED
 * and then RECIPIENT_LOOKALIKE for it, before the next address).
 */
export function perRecipient(...rules: readonly RecipientRule[]): Rule {
  return forEach((ctx) => ctx.recipients, rules);
}

/** One rule from several attachment rules: for each attachment in message order, each rule in order. */
export function perAttachment(...rules: readonly AttachmentRule[]): Rule {
  return forEach((ctx) => ctx.attachments, rules);
}

function forEach<T>(items: (ctx: RuleContext) => readonly T[], rules: readonly ((ctx: RuleContext, item: T) => readonly Finding[])[]): Rule {
  return (ctx) => {
    let out: Finding[] | null = null;
    for (const item of items(ctx)) {
      for (let i = 0; i < rules.length; i++) {
        const found = rules[i]!(ctx, item);
        if (found.length) {
          out ??= [];
          for (let j = 0; j < found.length; j++) out.push(found[j]!);
        }
      }
    }
    return out ?? NONE;
  };
}
