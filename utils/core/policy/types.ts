// Shared result types of the policy engine (contracts §5). Pure data, no behaviour.

export type Severity = 'block' | 'warn' | 'info';
export type VerdictKind = 'allow' | 'warn' | 'block';

export const FINDING_CODES = [
  'RECIPIENT_NOT_WHITELISTED',
  'RECIPIENT_NOT_IN_AGREEMENT',
  'RECIPIENT_LOOKALIKE',
  'RECIPIENT_INVALID',
  'SENDER_UNKNOWN',
  'NOT_VIA_REGIOKANTOOR',
  'CLIENT_UNKNOWN',
  'APPROVAL_MISSING',
  'APPROVAL_STALE',
  'EXCEPTION_GROUND_USED',
  'PROGRESS_INFO',
  'HEALTH_CONSENT_MISSING',
  'HEALTH_DATA_DECLARED_ABSENT',
  'HEALTH_DATA_IN_BODY',
  'ATTACHMENT_CONVERTED',
  'PDF_FLATTENED',
  'ATTACHMENT_UNREADABLE',
  'ATTACHMENT_UNSUPPORTED',
  'CHECK_FAILED',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** What the finding is about: an address, an attachment name, a client id. */
  subject?: string;
  /** One sentence for the user, in the catalog's language (Dutch by default). */
  message: string;
  /** Extra machine-readable facts (e.g. which whitelisted domain a lookalike resembles). */
  details?: Record<string, string | number | boolean | null>;
}

export interface Verdict {
  verdict: VerdictKind;
  findings: Finding[];
}
