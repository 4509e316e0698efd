// Follow-ups (issue 12 item 6): the regulation says the client is informed (orally) when brief
// progress information went to the opdrachtgever without prior approval, or when an art. 6
// ground replaced the approval; and an oral report to the opdrachtgever is noted in the dossier.
// Each becomes one entry: an open task ("inform the client") or a note that is done at once.
// Pure data and the rule that makes them from a sent verdict; the browser keeps them.
import { z } from 'zod';
import { DateTimeSchema } from './schema.ts';

export const FOLLOW_UP_KINDS = [
  'inform-progress', // brief progress info was sent: inform the client orally
  'inform-exception', // an art. 6 ground replaced the approval: inform the client
  'oral-report', // staff reported orally to the opdrachtgever: noted in the dossier
  'await-approval', // a report went to the client alone (the approval round): record the approval when the client agrees
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export const EXCEPTION_GROUNDS = ['contract', 'legal-obligation', 'vital-interest', 'legitimate-interest'] as const;

export const FollowUpSchema = z.object({
  id: z.string().min(1).max(100),
  clientId: z.string().trim().min(1).max(100),
  kind: z.enum(FOLLOW_UP_KINDS),
  createdAt: DateTimeSchema,
  /** The exception ground, for `inform-exception`. */
  ground: z.enum(EXCEPTION_GROUNDS).nullable().default(null),
  /** The send check it came from (audit checkId); null for one noted by hand. */
  checkId: z.string().max(100).nullable().default(null),
  /** A short note by staff (who was told what, by phone); never report content. */
  note: z.string().max(500).nullable().default(null),
  /** For `await-approval`: the documents the client was sent (original SHA-256 and name). */
  documents: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().max(300) })).max(50).default([]),
  doneAt: DateTimeSchema.nullable().default(null),
  doneBy: z.string().max(320).nullable().default(null),
});
export type FollowUp = z.output<typeof FollowUpSchema>;

/** What a verdict entry of the audit log says about the mail that was sent. */
export interface SentVerdict {
  checkId: string;
  client: string | null;
  codes: readonly string[];
  exceptionGround: string | null;
  /** Report mail to the client alone (contracts §4 rule 1). */
  approvalRound?: boolean;
  /** The attachments as sent: original SHA-256 and name. */
  documents?: readonly { sha256: string; name: string }[];
}

/**
 * The tasks a sent mail leaves: PROGRESS_INFO → inform the client orally of the progress info;
 * EXCEPTION_GROUND_USED → inform the client that a ground replaced the approval. None without a
 * client (the verdict would have blocked report mail).
 */
export function followUpsForSent(sent: SentVerdict, now: Date, newId: () => string): FollowUp[] {
  if (!sent.client) return [];
  const out: FollowUp[] = [];
  const base = { clientId: sent.client, createdAt: now.toISOString(), checkId: sent.checkId, note: null, doneAt: null, doneBy: null, documents: [] };
  if (sent.approvalRound && sent.documents?.length) {
    out.push({ ...base, id: newId(), kind: 'await-approval', ground: null, documents: sent.documents.slice(0, 50).map((d) => ({ sha256: d.sha256, name: d.name.slice(0, 300) })) });
  }
  if (sent.codes.includes('PROGRESS_INFO')) out.push({ ...base, id: newId(), kind: 'inform-progress', ground: null });
  if (sent.codes.includes('EXCEPTION_GROUND_USED')) {
    const ground = (EXCEPTION_GROUNDS as readonly string[]).includes(sent.exceptionGround ?? '') ? (sent.exceptionGround as FollowUp['ground']) : null;
    out.push({ ...base, id: newId(), kind: 'inform-exception', ground });
  }
  return out;
}

export function isOpen(f: FollowUp): boolean {
  return f.doneAt === null;
}
