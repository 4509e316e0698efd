// Schema of message.json (contracts §4): what the webmail adapter reads from the compose screen
// plus the user's choices in the dialog. Validated at the edge; unknown fields are kept.
import { z } from 'zod';
import type { AnalysedAttachment } from '../documents/types.ts';

export const EXCEPTION_GROUNDS = ['contract', 'legal-obligation', 'vital-interest', 'legitimate-interest'] as const;
export type ExceptionGround = (typeof EXCEPTION_GROUNDS)[number];

/** Justifications (exception ground, health override) count only from this many characters, after trimming. */
export const MIN_JUSTIFICATION_LENGTH = 20;

// Recipient fields are lists of mailboxes as typed ("Name <a@b.nl>"); a single string is accepted
// too, as webmail fields are often one comma-separated line. Parsing happens in utils/core/recipients.
const RecipientField = z
  .union([z.string(), z.array(z.string())], { error: 'a list of addresses (strings)' })
  .default([])
  .transform((v) => (typeof v === 'string' ? (v.trim() === '' ? [] : [v]) : v));

export const AttachmentRefSchema = z
  .object({
    name: z.string().min(1),
    path: z.string().min(1),
  })
  .loose();

export const ExceptionSchema = z
  .object({
    ground: z.enum(EXCEPTION_GROUNDS, { error: `one of ${EXCEPTION_GROUNDS.join(', ')}` }),
    justification: z.string().default(''),
  })
  .loose();

export const MessageSchema = z
  .object({
    from: z.string(),
    to: RecipientField,
    cc: RecipientField,
    bcc: RecipientField,
    subject: z.string().default(''),
    body: z.string().default(''),
    attachments: z.array(AttachmentRefSchema).default([]),
    client: z.string().trim().min(1).nullable().optional(),
    reportKind: z.enum(['full', 'progress'], { error: 'full or progress' }).optional(),
    exception: ExceptionSchema.nullable().optional(),
    containsHealthData: z.boolean().nullable().default(null),
    healthOverrideJustification: z.string().nullable().default(null),
  })
  .loose();

export type MessageFile = z.output<typeof MessageSchema>;

/**
 * The message as the engine sees it: the parsed message with its attachments already analysed
 * (bytes read, hashed, text extracted, fix attempted) instead of file paths. Spelled out rather
 * than derived with Omit<>, because the loose schema's index signature would swallow the keys.
 */
export interface CheckMessage {
  from: string;
  to: readonly string[];
  cc: readonly string[];
  bcc: readonly string[];
  subject: string;
  body: string;
  attachments: readonly AnalysedAttachment[];
  client?: string | null;
  reportKind?: 'full' | 'progress';
  exception?: { ground: ExceptionGround; justification: string } | null;
  containsHealthData: boolean | null;
  healthOverrideJustification: string | null;
}
