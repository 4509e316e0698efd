// Managed configuration (`storage.managed`): what IT sets for the extension through enterprise
// policy (Windows registry / ADMX, macOS profiles, Linux policy files, Intune, Firefox
// policies.json `3rdparty.Extensions`). Declared once here, twice over:
//   - MANAGED_SCHEMA: the Chrome policy schema, written to `managed_schema.json` at build time
//     (wxt.config.ts). Chrome validates every value against it, and an invalid schema stops the
//     extension from loading at all, so tests check it against Chrome's schema rules
//     (tests/unit/core/managed/chrome-schema-rules.ts) and by loading the build in Chromium.
//   - ManagedConfigSchema: the zod schema the extension reads the values with (never trusted
//     blindly: a value Chrome let through is still checked, field by field).
// A test keeps the two property lists identical.
import { z } from 'zod';
import { LOCAL_EDIT_AREAS } from '../policy/schema.ts';
import { COLLECTOR_FORMATS } from '../audit/forward.ts';
import { originPattern } from './origins.ts';
import { validateWith } from '../policy/errors.ts';

type ChromeSchema =
  | { type: 'string'; description?: string; enum?: string[]; pattern?: string; title?: string; sensitiveValue?: boolean }
  | { type: 'boolean'; description?: string; title?: string }
  | { type: 'integer'; description?: string; minimum?: number; maximum?: number; enum?: number[]; title?: string }
  | { type: 'number'; description?: string; title?: string }
  | { type: 'array'; description?: string; items: ChromeSchema; title?: string }
  | { type: 'object'; description?: string; properties?: Record<string, ChromeSchema>; required?: string[]; title?: string };

const text = (description: string): ChromeSchema => ({ type: 'string', description });
const texts = (description: string): ChromeSchema => ({ type: 'array', description, items: { type: 'string' } });

/** Contracts §2 as a Chrome schema, for the inline `policy` (fields not named here are dropped by Chrome). */
const POLICY_SCHEMA: ChromeSchema = {
  type: 'object',
  description: 'The ReportGuard policy (policy.json, contracts §2) inline. Use policyUrl for a signed policy instead.',
  properties: {
    version: { type: 'integer', minimum: 1, description: 'Policy revision: 1, 2, 3, ...' },
    organisation: text('Organisation name'),
    regiokantoren: {
      type: 'array',
      description: 'The regional offices',
      items: {
        type: 'object',
        properties: {
          id: text('Short id, unique'),
          name: text('Display name'),
          mailbox: text('The office mailbox address'),
          staff: texts('Staff e-mail addresses'),
          allowedRecipients: texts('Whitelist: name@domain, domain or *.domain'),
        },
      },
    },
    requireRegioMailbox: { type: 'boolean', description: 'Report mail must be sent from or copied to the office mailbox' },
    healthTerms: {
      type: 'object',
      properties: { add: texts('Health terms added to the built-in lexicon'), remove: texts('Health terms removed from it') },
    },
    maxAttachmentMB: { type: 'number', description: 'Largest attachment in MB' },
    protectPdf: { type: 'boolean', description: 'Sent PDFs forbid editing' },
    medicalRecipients: texts('Doctors and care providers: name@domain, domain or *.domain'),
    retentionMonths: { type: 'integer', minimum: 1, description: 'How long records and audit entries are kept' },
    allowLocalEdits: {
      type: 'array',
      description: 'What a local admin may edit on top of this policy',
      items: { type: 'string', enum: [...LOCAL_EDIT_AREAS] },
    },
  },
};

export const MANAGED_SCHEMA = {
  type: 'object',
  properties: {
    policy: POLICY_SCHEMA,
    policyUrl: text('HTTPS URL of the OpenPGP-signed policy (reportguard policy sign); fetched on a schedule'),
    policySignerKey: text('Armored OpenPGP public key the signed policy must be signed with (pinned)'),
    policyRefreshMinutes: { type: 'integer', minimum: 1, maximum: 10080, description: 'How often the policy URL is fetched (default 60)' },
    recordsUrl: text('HTTPS URL of the client records (records.json)'),
    recordsSignerKey: text('Armored OpenPGP public key for signed client records (optional)'),
    webmailOrigins: texts('Webmail origins to guard, e.g. https://webmail.example.nl'),
    auditCollectorUrl: text('Where audit entries are forwarded (central audit, docs/audit-forwarding.md)'),
    auditCollectorFormat: { type: 'string', enum: [...COLLECTOR_FORMATS], description: 'The collector’s format (default ndjson)' },
    auditCollectorAuthorization: { type: 'string', sensitiveValue: true, description: 'Authorization header sent to the collector, e.g. "Splunk <token>"' },
    adminMode: { type: 'boolean', description: 'true: this browser may edit the policy locally (admin console); false or unset with a managed policy: staff mode, read-only' },
  },
} as const satisfies ChromeSchema;

export type ManagedKey = keyof typeof MANAGED_SCHEMA.properties;

// ---------------------------------------------------------------- reading the values

const url = z.string().trim().refine((s) => {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}, { message: 'an http(s) URL' });

const armoredKey = z
  .string()
  .refine((s) => s.includes('-----BEGIN PGP PUBLIC KEY BLOCK-----'), { message: 'an armored OpenPGP public key (-----BEGIN PGP PUBLIC KEY BLOCK-----)' });

const origin = z.string().refine((s) => originPattern(s) !== null, { message: 'a web origin like https://webmail.example.nl' });

/** One zod schema per managed key: each is read on its own, so one bad value spoils only itself. */
export const MANAGED_FIELDS = {
  // The policy itself is validated as a policy where it is used (layers.ts), with its own errors.
  policy: z.looseObject({}),
  policyUrl: url,
  policySignerKey: armoredKey,
  policyRefreshMinutes: z.number().int().min(1).max(10080),
  recordsUrl: url,
  recordsSignerKey: armoredKey,
  webmailOrigins: z.array(origin),
  auditCollectorUrl: url,
  // Format and credentials are checked by central audit itself (utils/core/audit/forward.ts), which
  // holds forwarding on a bad value instead of guessing.
  auditCollectorFormat: z.string(),
  auditCollectorAuthorization: z.string(),
  adminMode: z.boolean(),
} satisfies Record<ManagedKey, z.ZodType>;

export type ManagedConfig = { [K in ManagedKey]?: z.output<(typeof MANAGED_FIELDS)[K]> };

export interface ManagedRead {
  config: ManagedConfig;
  /** One line per value that was set but is unusable (`managed storage: policyUrl: expected ...`). */
  errors: string[];
  /** Whether managed storage holds anything at all (a managed deployment). */
  present: boolean;
}

const SOURCE = 'managed storage';

/**
 * Reads what `storage.managed.get()` returned. Unknown keys are ignored (Chrome drops them
 * already); a value of the wrong form is left out and named in `errors`, so the caller can fail
 * closed where it matters (an unusable policy URL means no policy, not the local one).
 */
export function parseManaged(raw: unknown): ManagedRead {
  const config: Record<string, unknown> = {};
  const errors: string[] = [];
  const input = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  let present = false;
  for (const key of Object.keys(MANAGED_FIELDS) as ManagedKey[]) {
    if (input[key] === undefined) continue;
    present = true;
    const value = input[key];
    if (key === 'webmailOrigins' && Array.isArray(value)) {
      // One mistyped origin must not drop the others: each is checked on its own.
      const good: string[] = [];
      value.forEach((o, i) => {
        const r = validateWith(SOURCE, { webmailOrigins: { [i]: o } }, z.object({ webmailOrigins: z.object({ [i]: origin }) }));
        if (r.ok) good.push(o as string);
        else errors.push(r.error.replace(`webmailOrigins["${i}"]`, `webmailOrigins[${i}]`));
      });
      config.webmailOrigins = good;
      continue;
    }
    const r = validateWith(SOURCE, { [key]: value }, z.object({ [key]: MANAGED_FIELDS[key] as z.ZodType }));
    if (r.ok) config[key] = (r.value as Record<string, unknown>)[key];
    else errors.push(r.error);
  }
  return { config: config as ManagedConfig, errors, present };
}
