// Shared result types of the policy engine (contracts §5), declared once as schemas: the verdict
// crosses the wire to the content script, which parses it (utils/core/messaging/schemas.ts), and
// the types below are derived from the same declaration. zod/mini keeps the content script small.
import * as z from 'zod/mini';

export const SEVERITIES = ['block', 'warn', 'info'] as const;
export const VERDICT_KINDS = ['allow', 'warn', 'block'] as const;

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
  // A picture in the body (HTML data: image): it leaves as a part of its own, unconverted.
  'ATTACHMENT_INLINE',
  'CHECK_FAILED',
  'PROFILE_CONSENT_MISSING',
  'PROFILE_NOT_ANONYMISED',
  'RECORDS_STALE',
] as const;

/** Machine-readable facts of a finding or an audit detail: flat, JSON-safe values only. */
export const detailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const findingSchema = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(SEVERITIES),
  /** What the finding is about: an address, an attachment name, a client id. */
  subject: z.optional(z.string()),
  /** One sentence for the user, in the catalog's language (Dutch by default). */
  message: z.string(),
  /** Extra machine-readable facts (e.g. which whitelisted domain a lookalike resembles). */
  details: z.optional(detailsSchema),
});

export const verdictSchema = z.object({
  verdict: z.enum(VERDICT_KINDS),
  findings: z.array(findingSchema),
});

export type Severity = (typeof SEVERITIES)[number];
export type VerdictKind = (typeof VERDICT_KINDS)[number];
export type FindingCode = (typeof FINDING_CODES)[number];
export type Finding = z.infer<typeof findingSchema>;
export type Verdict = z.infer<typeof verdictSchema>;
