// The policy engine: a pure function of (message, policy, records, now) → Verdict (contracts §4, §5).
// No I/O, no clock, no randomness: the same input gives the same findings in the same order.
//
// One evaluation: ./context.ts works out once what every rule shares (sender, regiokantoren,
// recipients and their roles, client); then each rule in ./rules/ adds its findings, in the order
// of RULES below; the verdict is the most severe finding.
//
// Order of findings: by severity (block, warn, info), and within a severity in rule order:
// sender, client, recipients (in message order; per recipient: invalid, whitelist, agreement,
// lookalike, health in the body), attachments (in message order), approvals, health, medical
// recipients, CVs/profiles (in attachment order).
//
// A new rule: write rules/<name>.ts (a Rule, or a RecipientRule / AttachmentRule for rules that
// judge each recipient or attachment; see rules/rule.ts), put it into RULES where its findings
// should stand, give its finding code to types.ts and its sentences to both languages' finding
// catalogs, and test it in tests/unit/core/policy/rules/<name>.test.ts.
import type { Records } from '../records/schema.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Finding, Severity, Verdict, VerdictKind } from './types.ts';
import type { Policy } from './schema.ts';
import type { CheckMessage } from './message-schema.ts';
import { buildContext } from './context.ts';
import { perAttachment, perRecipient, type Rule } from './rules/rule.ts';
import { sender } from './rules/sender.ts';
import { client } from './rules/client.ts';
import { invalidRecipient } from './rules/invalid-recipient.ts';
import { whitelist } from './rules/whitelist.ts';
import { agreement } from './rules/agreement.ts';
import { lookalike } from './rules/lookalike.ts';
import { attachments } from './rules/attachments.ts';
import { approval } from './rules/approval.ts';
import { health, healthInBody } from './rules/health.ts';
import { medical } from './rules/medical.ts';
import { profile } from './rules/profile.ts';

export interface EvaluateOptions {
  lang?: Lang;
}

/** Every rule, in the order its findings stand within a severity. */
export const RULES: readonly Rule[] = [
  sender,
  client,
  perRecipient(invalidRecipient, whitelist, agreement, lookalike, healthInBody),
  perAttachment(attachments),
  approval,
  health,
  medical,
  perAttachment(profile),
];

const SEVERITIES: readonly Severity[] = ['block', 'warn', 'info'];

export function evaluate(message: CheckMessage, policy: Policy, records: Records, now: Date, opts: EvaluateOptions = {}): Verdict {
  const ctx = buildContext(message, policy, records, now, opts.lang ?? 'nl');
  const all: Finding[] = [];
  for (const rule of RULES) {
    const found = rule(ctx);
    for (let i = 0; i < found.length; i++) all.push(found[i]!);
  }
  return verdictOf(all);
}

/** Block, then warn, then info; within a severity in the order the rules gave them. */
function verdictOf(all: readonly Finding[]): Verdict {
  const findings: Finding[] = [];
  for (const severity of SEVERITIES) for (const f of all) if (f.severity === severity) findings.push(f);
  const verdict: VerdictKind = findings.some((f) => f.severity === 'block')
    ? 'block'
    : findings.some((f) => f.severity === 'warn')
      ? 'warn'
      : 'allow';
  return { verdict, findings };
}
