// The message of contracts §4, declared once: what the webmail adapter reads from the compose
// screen plus the user's choices in the dialog. Three readers share this one declaration:
// - `MessageSchema`: message.json for the CLI (attachments by path; lenient: a single recipient
//   string is accepted, defaults are filled, unknown fields are kept);
// - `composeMessageSchema`: the same fields on the wire from the content script to the
//   background (attachments travel by hash, next to the message; unknown fields are dropped);
// - `CheckMessage`: what the engine evaluates (attachments already analysed).
// The bounds keep a hostile page from making the background allocate without limit; no real
// message comes near them. zod/mini: the types are shared with the content script.
import * as z from 'zod/mini';
import { _default as withDefault } from 'zod/mini';
import type { AnalysedAttachment } from '../documents/types.ts';

export const EXCEPTION_GROUNDS = ['contract', 'legal-obligation', 'vital-interest', 'legitimate-interest'] as const;
export type ExceptionGround = (typeof EXCEPTION_GROUNDS)[number];
export const REPORT_KINDS = ['full', 'progress'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Justifications (exception ground, health override) count only from this many characters, after trimming. */
export const MIN_JUSTIFICATION_LENGTH = 20;

const MAX_RECIPIENTS = 1000;
const MAX_LINE = 1000;
const MAX_TEXT = 5 * 1024 * 1024;
const MAX_SHORT_TEXT = 10_000;

const line = z.string().check(z.maxLength(MAX_LINE));
/** Recipients are mailboxes as typed ("Name <a@b.nl>"); parsing happens in utils/core/recipients. */
const recipientList = z.array(line).check(z.maxLength(MAX_RECIPIENTS));

export const exceptionSchema = z.object({
  ground: z.enum(EXCEPTION_GROUNDS, { error: `one of ${EXCEPTION_GROUNDS.join(', ')}` }),
  justification: withDefault(z.string().check(z.maxLength(MAX_SHORT_TEXT)), ''),
});

/** The fields of §4 other than attachments, each declared once. */
const fields = {
  from: line,
  to: recipientList,
  cc: recipientList,
  bcc: recipientList,
  subject: z.string().check(z.maxLength(MAX_SHORT_TEXT)),
  body: z.string().check(z.maxLength(MAX_TEXT)),
  client: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_LINE)))),
  reportKind: z.optional(z.enum(REPORT_KINDS, { error: 'full or progress' })),
  exception: z.optional(z.nullable(exceptionSchema)),
  containsHealthData: z.nullable(z.boolean()),
  healthOverrideJustification: z.nullable(z.string().check(z.maxLength(MAX_SHORT_TEXT))),
};

/** The compose state on the wire (protocol 'evaluate'): strict, attachments by hash beside it. */
export const composeMessageSchema = z.object(fields);
export type ComposeMessage = z.infer<typeof composeMessageSchema>;

// message.json is written by hand: recipient fields may be one comma-separated string, and
// everything but `from` may be left out.
const lenientRecipients = withDefault(
  z.pipe(
    z.union([z.string(), recipientList], { error: 'a list of addresses (strings)' }),
    z.transform((v: string | string[]) => (typeof v === 'string' ? (v.trim() === '' ? [] : [v]) : v)),
  ),
  [],
);

export const AttachmentRefSchema = z.looseObject({
  name: z.string().check(z.minLength(1)),
  path: z.string().check(z.minLength(1)),
});

export const ExceptionSchema = z.looseObject(exceptionSchema.def.shape);

export const MessageSchema = z.looseObject({
  ...fields,
  to: lenientRecipients,
  cc: lenientRecipients,
  bcc: lenientRecipients,
  subject: withDefault(fields.subject, ''),
  body: withDefault(fields.body, ''),
  exception: z.optional(z.nullable(ExceptionSchema)),
  containsHealthData: withDefault(fields.containsHealthData, null),
  healthOverrideJustification: withDefault(fields.healthOverrideJustification, null),
  attachments: withDefault(z.array(AttachmentRefSchema), []),
});

export type MessageFile = z.output<typeof MessageSchema>;

/**
 * The message as the engine sees it: the §4 fields with its attachments already analysed
 * (bytes read, hashed, text extracted, fix attempted) instead of file paths or hashes.
 */
export type CheckMessage = Omit<ComposeMessage, 'to' | 'cc' | 'bcc'> & {
  to: readonly string[];
  cc: readonly string[];
  bcc: readonly string[];
  attachments: readonly AnalysedAttachment[];
};
