// What the user can answer in the dialog, which findings ask for which answer, and how the
// answers go back into the message for the next evaluation.
import type { ComposeMessage, ExceptionGround } from '../../utils/core/messaging/protocol.ts';
import type { Finding, FindingCode } from '../../utils/core/policy/types.ts';
import { EXCEPTION_GROUNDS, MIN_JUSTIFICATION_LENGTH } from '../../utils/core/policy/message-schema.ts';

export const GROUNDS: readonly ExceptionGround[] = EXCEPTION_GROUNDS;
export const MIN_JUSTIFICATION = MIN_JUSTIFICATION_LENGTH;

export interface DialogAnswers {
  client: string;
  reportKind: '' | 'full' | 'progress';
  ground: '' | ExceptionGround;
  justification: string;
  healthOverride: string;
}

export const EMPTY_ANSWERS: DialogAnswers = { client: '', reportKind: '', ground: '', justification: '', healthOverride: '' };

export type InputKind = 'client' | 'ground' | 'reportKind' | 'health';

const ASKS: Record<InputKind, readonly FindingCode[]> = {
  client: ['CLIENT_UNKNOWN'],
  ground: ['APPROVAL_MISSING', 'APPROVAL_STALE', 'EXCEPTION_GROUND_USED'],
  reportKind: ['APPROVAL_MISSING', 'APPROVAL_STALE', 'EXCEPTION_GROUND_USED', 'PROGRESS_INFO'],
  health: ['HEALTH_CONSENT_MISSING', 'HEALTH_DATA_IN_BODY', 'HEALTH_DATA_DECLARED_ABSENT'],
};

/** Inputs the findings call for, plus those the user already filled in (so answers stay visible). */
export function inputsFor(findings: readonly Finding[], answers: DialogAnswers): InputKind[] {
  const codes = new Set(findings.map((f) => f.code));
  const out: InputKind[] = [];
  for (const kind of Object.keys(ASKS) as InputKind[]) {
    const asked = ASKS[kind].some((c) => codes.has(c));
    const answered =
      (kind === 'client' && answers.client !== '') ||
      (kind === 'ground' && answers.ground !== '') ||
      (kind === 'reportKind' && answers.reportKind !== '') ||
      (kind === 'health' && answers.healthOverride !== '');
    if (asked || answered) out.push(kind);
  }
  return out;
}

/** The message for the next evaluation: compose fields + the user's answers (the engine decides). */
export function applyAnswers(fields: Omit<ComposeMessage, 'containsHealthData' | 'healthOverrideJustification'>, a: DialogAnswers): ComposeMessage {
  const msg: ComposeMessage = { ...fields, containsHealthData: null, healthOverrideJustification: null };
  if (a.client) msg.client = a.client;
  if (a.reportKind) msg.reportKind = a.reportKind;
  if (a.ground) msg.exception = { ground: a.ground, justification: a.justification.trim() };
  if (a.healthOverride.trim()) {
    msg.containsHealthData = false;
    msg.healthOverrideJustification = a.healthOverride.trim();
  }
  return msg;
}

/** Codes that count toward the verdict (info findings don't). */
export function countedCodes(findings: readonly Finding[]): string[] {
  return [...new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.code))].toSorted();
}
