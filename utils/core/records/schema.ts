// Schema of records.json (contracts §3): the client records the policy engine consults.
// Validated once at the edge; unknown fields are kept (`.loose()`) and ignored by the checks.
import { z } from 'zod';
import { RecipientEntrySchema, AddressSchema } from '../policy/schema.ts';
import { canonicalId } from './lookup.ts';

/** Lowercase hex SHA-256, exactly as utils/core/documents/hash.ts writes it. */
export const Sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { message: 'a SHA-256 as 64 lowercase hex characters' });

/** ISO 8601 date-time with Z or an offset, e.g. 2026-11-02T10:00:00Z. */
export const DateTimeSchema = z.iso.datetime({ offset: true, error: 'an ISO date-time like 2026-11-02T10:00:00Z' });

export const ApprovalSchema = z
  .object({
    documentSha256: Sha256Schema,
    approvedAt: DateTimeSchema,
    /** How the client approved: `email` (reply), `signed`, `conversation`; free text is kept. */
    method: z.string().optional(),
    recordedBy: z.string().optional(),
  })
  .loose();

/** The approval methods staff pick from (records from elsewhere may carry other words). */
export const APPROVAL_METHODS = ['email', 'signed', 'conversation'] as const;
export type ApprovalMethod = (typeof APPROVAL_METHODS)[number];

export const HealthConsentSchema = z
  .object({
    written: z.boolean(),
    givenAt: DateTimeSchema,
    withdrawnAt: DateTimeSchema.nullable().default(null),
    evidenceSha256: Sha256Schema.optional(),
    /** What the client consented to, in their words or the form's (e.g. "medische gegevens bedrijfsarts"). */
    scope: z.string().optional(),
  })
  .loose();

export const ClientSchema = z
  .object({
    id: z.string().trim().min(1),
    name: z.string().optional(),
    email: AddressSchema.optional(),
    reportingAgreement: z.object({ recipients: z.array(RecipientEntrySchema) }).loose().optional(),
    approvals: z.array(ApprovalSchema).default([]),
    healthConsent: HealthConsentSchema.nullable().optional(),
    profileConsent: z
      .object({ explicit: z.boolean(), anonymisedOnly: z.boolean().optional(), givenAt: DateTimeSchema.optional() })
      .loose()
      .nullable()
      .optional(),
  })
  .loose();

export const RecordsSchema = z
  .object({
    version: z.literal(1),
    clients: z.array(ClientSchema).default([]),
  })
  .loose()
  .superRefine((records, ctx) => {
    // A client id must identify one person: lookups by id and by reference rely on it.
    const seen = new Map<string, number>();
    records.clients.forEach((c, i) => {
      const key = canonicalId(c.id);
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clients', i, 'id'],
          message: `an id not used before (clients[${seen.get(key)}] already has "${c.id}")`,
          input: c.id,
        });
      } else seen.set(key, i);
    });
  });

export type Records = z.output<typeof RecordsSchema>;
export type ClientRecord = z.output<typeof ClientSchema>;
export type Approval = z.output<typeof ApprovalSchema>;
export type HealthConsent = z.output<typeof HealthConsentSchema>;
export type ProfileConsent = NonNullable<ClientRecord['profileConsent']>;

/** What the engine uses when no records file is given: no clients at all. */
export const EMPTY_RECORDS: Records = Object.freeze({ version: 1, clients: [] }) as Records;
