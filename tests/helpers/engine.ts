// Builders for policy-engine tests: a realistic policy and records (Focus Nederland, three
// regiokantoren), analysed attachments without touching files, and messages with contract defaults.
import { PolicySchema, type Policy } from '../../utils/core/policy/schema.ts';
import { RecordsSchema, type Records } from '../../utils/core/records/schema.ts';
import { MessageSchema, type CheckMessage } from '../../utils/core/policy/message-schema.ts';
import type { AnalysedAttachment } from '../../utils/core/documents/types.ts';
import type { Verdict } from '../../utils/core/policy/types.ts';
import { evaluate } from '../../utils/core/policy/evaluate.ts';
import { CONSENT, deVries, focusPolicy, utrecht, zwolle } from './focus-nederland.ts';

export const NOW = new Date('2026-11-25T12:00:00Z');

/** A fake but well-formed SHA-256 for a label: stable per label. */
export function hashOf(label: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${label}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export const POLICY_RAW = focusPolicy([
  utrecht({ staff: ['a.jansen@focus-nederland.nl', 'k.smit@focus-nederland.nl'], allowedRecipients: ['uwv.nl', 'hr@werkgever-a.nl', '*.achmea.nl', 'arbodienst.nl'] }),
  zwolle(),
]);

/**
 * One office (Utrecht), one staff member, schema defaults for the rest: for tests about loading,
 * storage and message wiring rather than the rules themselves.
 */
export const MINIMAL_POLICY_RAW = { version: 1, organisation: 'Focus Nederland', regiokantoren: [utrecht()] };

/** A client's approval of one document, as A. Jansen recorded it (e-mail, 2 November). */
export function approvalOf(documentSha256: string) {
  return { documentSha256, approvedAt: '2026-11-02T10:00:00Z', method: 'email', recordedBy: 'a.jansen@focus-nederland.nl' };
}

export function makePolicy(patch: Record<string, unknown> = {}): Policy {
  return PolicySchema.parse({ ...structuredClone(POLICY_RAW), ...patch });
}

export const APPROVED = hashOf('rapport-v2');
export const OLD_VERSION = hashOf('rapport-v1');

/** A client as records.json holds it, loosely typed so that tests can change any field. */
export interface RawClient {
  id: string;
  name?: string;
  email?: string;
  reportingAgreement?: { recipients: string[] };
  approvals: Record<string, unknown>[];
  healthConsent?: unknown;
  [field: string]: unknown;
}

export const RECORDS_RAW: { version: number; clients: RawClient[] } = {
  version: 1,
  clients: [
    deVries({ approvals: [approvalOf(APPROVED)], healthConsent: CONSENT }),
    {
      // No agreement, no approvals, no consent.
      id: 'C-2001',
      name: 'M. Visser',
      email: 'm.visser@example.net',
      approvals: [],
    },
  ],
};

export function makeRecords(mutate?: (r: typeof RECORDS_RAW) => void): Records {
  const raw = structuredClone(RECORDS_RAW);
  mutate?.(raw);
  return RecordsSchema.parse(raw);
}

export function analysed(name: string, patch: Partial<AnalysedAttachment> = {}): AnalysedAttachment {
  return {
    name,
    size: 12_345,
    sha256: APPROVED,
    type: 'pdf',
    readable: true,
    problem: null,
    text: 'Rapportage over de voortgang van het traject.',
    pages: 2,
    ...patch,
  };
}

/** A message as the adapter would send it; defaults from the contract schema. */
export function makeMessage(patch: Record<string, unknown> = {}, attachments: AnalysedAttachment[] = [analysed('rapport.pdf')]): CheckMessage {
  const parsed = MessageSchema.parse({
    from: 'a.jansen@focus-nederland.nl',
    to: ['Personeelszaken <hr@werkgever-a.nl>'],
    subject: 'Voortgangsrapportage C-1042',
    body: 'Beste collega, bijgaand de rapportage.',
    ...patch,
    attachments: [],
  });
  return { ...parsed, attachments };
}

// For the rule tests (tests/unit/core/policy/**): the example policy and records, and evaluate()
// on a message built from a patch of the contract defaults.
export const policy = makePolicy();
export const records = makeRecords();
export const check = (patch: Record<string, unknown> = {}, attachments = [analysed('rapport.pdf')], p = policy, r = records, now = NOW) =>
  evaluate(makeMessage(patch, attachments), p, r, now);
/** The codes of the findings, in order. */
export const codes = (v: Verdict) => v.findings.map((f) => f.code);
/** `CODE:subject` of every finding that is not info, in order. */
export const blocking = (v: Verdict) => v.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code}:${f.subject ?? ''}`);
