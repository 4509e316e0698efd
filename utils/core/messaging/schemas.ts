// zod schemas for every request of utils/core/messaging/protocol.ts. Background only: the content
// script never imports this file, so zod stays out of its bundle. Unknown fields are stripped
// (not refused) so that a content script one additive protocol step ahead still works.

import { z } from 'zod';
import type { AnyRequest } from './protocol.ts';

// Bounds keep a hostile page from making the background allocate without limit. The attachment
// size limit proper comes from the policy (maxAttachmentMB) and is applied by the analysis.
const MAX_B64_CHARS = Math.ceil((200 * 1024 * 1024 * 4) / 3); // 200 MB of bytes
const MAX_TEXT = 5 * 1024 * 1024;
const MAX_RECIPIENTS = 1000;

const shortText = z.string().max(1000);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256 (64 characters)');
const base64 = z.string().max(MAX_B64_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text');

export const analyseRequestSchema = z.object({
  kind: z.literal('analyse'),
  composeKey: shortText,
  name: shortText.min(1),
  bytesB64: base64,
});

const recipients = z.array(shortText).max(MAX_RECIPIENTS);

export const composeMessageSchema = z.object({
  from: shortText,
  to: recipients,
  cc: recipients,
  bcc: recipients,
  subject: z.string().max(10_000),
  body: z.string().max(MAX_TEXT),
  client: shortText.optional(),
  reportKind: z.enum(['full', 'progress']).optional(),
  exception: z
    .object({
      ground: z.enum(['contract', 'legal-obligation', 'vital-interest', 'legitimate-interest']),
      justification: z.string().max(10_000),
    })
    .optional(),
  containsHealthData: z.boolean().nullable(),
  healthOverrideJustification: z.string().max(10_000).nullable(),
});

export const evaluateRequestSchema = z.object({
  kind: z.literal('evaluate'),
  composeKey: shortText,
  message: composeMessageSchema,
  attachments: z.array(z.object({ name: shortText.min(1), sha256 })).max(200),
});

export const convertedRequestSchema = z.object({
  kind: z.literal('converted'),
  sha256,
});

export const decisionRequestSchema = z.object({
  kind: z.literal('decision'),
  checkId: shortText.min(1),
  action: z.enum(['sent', 'cancelled', 'warning-confirmed', 'swapped', 'swap-failed', 'send-blocked']),
  details: z
    .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
    .refine((r) => Object.keys(r).length <= 50, 'at most 50 detail fields')
    .optional(),
});

export const statusRequestSchema = z.object({ kind: z.literal('status') });

export const requestSchema = z.discriminatedUnion('kind', [
  analyseRequestSchema,
  evaluateRequestSchema,
  convertedRequestSchema,
  decisionRequestSchema,
  statusRequestSchema,
]);

export type ValidRequest = z.infer<typeof requestSchema>;

/** One line for a refused request: the field path and what was expected, no stack, no echo of content. */
export function describeRequestError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const path = issue.path.length ? issue.path.map(String).join('.') : '(request)';
  return `invalid request: ${path}: ${issue.message}`;
}

/** Validates an untrusted message; never throws. */
export function parseRequest(raw: unknown): { ok: true; request: AnyRequest } | { ok: false; error: string } {
  const result = requestSchema.safeParse(raw);
  if (!result.success) return { ok: false, error: describeRequestError(result.error) };
  return { ok: true, request: result.data };
}
