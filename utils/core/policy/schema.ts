// Schema of policy.json (contracts §2). Validated once, at the edge (CLI, options page, managed
// storage); inside the engine the parsed Policy is trusted. Objects are `.loose()` so fields we
// don't know yet survive an import/export round trip; the checks simply ignore them.
import { z } from 'zod';
import { isValidEntry, normaliseAddress } from '../recipients/index.ts';

/** An e-mail address as the recipient matcher understands it (IDNA/UTS-46 domain included). */
export const AddressSchema = z
  .string()
  .refine((s) => normaliseAddress(s) !== null, { message: 'an e-mail address like name@example.nl' });

/** One whitelist entry: `user@domain`, `domain` or `*.domain`. */
export const RecipientEntrySchema = z
  .string()
  .refine((s) => isValidEntry(s), { message: 'a recipient entry: name@domain, domain or *.domain' });

export const RegiokantoorSchema = z
  .object({
    id: z.string().trim().min(1),
    name: z.string().trim().min(1),
    mailbox: AddressSchema,
    staff: z.array(AddressSchema).default([]),
    allowedRecipients: z.array(RecipientEntrySchema).default([]),
  })
  .loose();

export const HealthTermsSchema = z
  .object({
    add: z.array(z.string().trim().min(1)).default([]),
    remove: z.array(z.string().trim().min(1)).default([]),
  })
  .loose();

/** Where the client records come from when the firm's client system provides them (issue 12). */
export const RecordsSourceSchema = z
  .object({
    /** Returns contracts §3 JSON (or an OpenPGP cleartext-signed bundle of it when publicKey is set). */
    url: z.url({ protocol: /^https$/, error: 'an https:// URL' }),
    /** Armored OpenPGP public key: when set, only a bundle signed with it is accepted. */
    publicKey: z.string().min(1).optional(),
    /** Past this age of the last good copy, report mail fails closed. */
    maxAgeHours: z.number().positive().max(24 * 365).default(72),
    refreshMinutes: z.number().int().min(5).max(24 * 60).default(60),
  })
  .loose();

/** Policy-adjustable CV/profile detection (contracts §4 rule 6); adds to and removes from the built-in lists. */
export const ProfileDetectionSchema = z
  .object({
    headings: z.object({ add: z.array(z.string().trim().min(1)).default([]), remove: z.array(z.string().trim().min(1)).default([]) }).loose().default({ add: [], remove: [] }),
    fileNames: z.object({ add: z.array(z.string().trim().min(1)).default([]), remove: z.array(z.string().trim().min(1)).default([]) }).loose().default({ add: [], remove: [] }),
    /** How many distinct CV headings (on lines of their own) make a CV; default 2. */
    minHeadings: z.number().int().min(1).max(10).default(2),
  })
  .loose();

/**
 * What a local admin may change on top of a managed or signed policy (the policy's
 * `allowLocalEdits`; see layers.ts). A policy from a local file is the admin's own: everything.
 */
export const LOCAL_EDIT_AREAS = [
  'regiokantoren', // add or remove whole regiokantoren
  'mailbox', // a regiokantoor's mailbox and name
  'staff',
  'allowedRecipients',
  'medicalRecipients',
  'healthTerms',
  'settings', // requireRegioMailbox, maxAttachmentMB, protectPdf, retentionMonths
] as const;
export type LocalEditArea = (typeof LOCAL_EDIT_AREAS)[number];

export const PolicySchema = z
  .object({
    // The policy's revision: 1, 2, 3, ... A signed policy from a URL is accepted only when its
    // version is at least the last one accepted (no rollback).
    version: z.number().int().min(1),
    organisation: z.string().trim().min(1),
    regiokantoren: z.array(RegiokantoorSchema).min(1),
    requireRegioMailbox: z.boolean().default(false),
    healthTerms: HealthTermsSchema.default({ add: [], remove: [] }),
    maxAttachmentMB: z.number().positive().default(25),
    // Extra (not in the contract example): give the sent PDF permissions that forbid editing
    // (no open password, see utils/core/documents/pdf/protect.ts). Flattening happens regardless.
    protectPdf: z.boolean().default(true),
    // Contracts §2, issue 12.
    medicalRecipients: z.array(RecipientEntrySchema).default([]),
    retentionMonths: z.number().int().min(1).max(240).default(24),
    recordsSource: RecordsSourceSchema.optional(),
    profileDetection: ProfileDetectionSchema.default({ headings: { add: [], remove: [] }, fileNames: { add: [], remove: [] }, minHeadings: 2 }),
    /** Keep the signed consent file itself, not only its hash (default: hash only). */
    keepConsentEvidence: z.boolean().default(false),
    // Extra: which parts a local admin may edit on top of this policy when it comes from
    // managed storage or a signed URL (default: none). Staff can never edit.
    allowLocalEdits: z.array(z.enum(LOCAL_EDIT_AREAS, { message: `one of ${LOCAL_EDIT_AREAS.join(', ')}` })).default([]),
  })
  .loose()
  .superRefine((policy, ctx) => {
    // Regiokantoor ids are how audit records and the options page refer to a regiokantoor.
    const seen = new Map<string, number>();
    policy.regiokantoren.forEach((r, i) => {
      if (seen.has(r.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['regiokantoren', i, 'id'],
          message: `an id not used before (regiokantoren[${seen.get(r.id)}] already has "${r.id}")`,
          input: r.id,
        });
      } else seen.set(r.id, i);
    });
  });

export type Policy = z.output<typeof PolicySchema>;
export type Regiokantoor = z.output<typeof RegiokantoorSchema>;
