// The wire between the background and the offscreen document, declared once as schemas (types
// derived). Internal to the extension, but runtime messages reach every extension page, and a
// content script can put anything on that bus: the offscreen document parses each request (and
// answers only our own background), the background parses each answer.
//
// Bytes do not travel in the message: the background stores the original in the document cache
// (IndexedDB, same extension origin) and the offscreen document reads it there, and writes the
// fixed PDF back the same way. That keeps a 25 MB attachment out of a JSON message.
import * as z from 'zod/mini';
import { analysedAttachmentSchema } from '../documents/types.ts';

/** Every offscreen kind starts with this, so no other listener mistakes one for its own. */
export const OFFSCREEN_KIND_PREFIX = 'offscreen.';

/** Policy settings that change an analysis or its fix; part of the cache key. */
export const analysisSettingsSchema = z.object({
  maxAttachmentMB: z.number().check(z.positive()),
  protectPdf: z.boolean(),
});
export type AnalysisSettings = z.infer<typeof analysisSettingsSchema>;

export const offscreenAnalyseRequestSchema = z.object({
  kind: z.literal('offscreen.analyse'),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  name: z.string().check(z.minLength(1), z.maxLength(1000)),
  settings: analysisSettingsSchema,
});

export const offscreenPingRequestSchema = z.object({ kind: z.literal('offscreen.ping') });

export const offscreenRequestSchema = z.discriminatedUnion('kind', [offscreenAnalyseRequestSchema, offscreenPingRequestSchema]);
export type OffscreenRequest = z.infer<typeof offscreenRequestSchema>;
export type OffscreenAnalyseRequest = z.infer<typeof offscreenAnalyseRequestSchema>;

const failedSchema = z.object({ ok: z.literal(false), error: z.string() });

/** `analysis.fix` holds the result of the automatic fix; a fixed PDF is in the cache as `out:<sha256>`. */
export const offscreenAnalyseResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), analysis: analysedAttachmentSchema }),
  failedSchema,
]);
export type OffscreenAnalyseResponse = z.infer<typeof offscreenAnalyseResponseSchema>;

export const offscreenPingResponseSchema = z.object({ ok: z.literal(true) });

/**
 * What an analysis is made by, beyond the settings: bumped when the pipeline changes what an
 * analysis means, so results cached by an older version are not reused (2: the text is the sent
 * PDF's, read by the verifier, not the source's).
 */
const ANALYSIS_VERSION = 2;

export function settingsKey(s: AnalysisSettings): string {
  return `v=${ANALYSIS_VERSION};mb=${s.maxAttachmentMB};protectPdf=${s.protectPdf}`;
}

/** Cheap pre-filter for runtime listeners: is this message addressed to the offscreen document? */
export function isOffscreenKind(message: unknown): boolean {
  const kind = typeof message === 'object' && message !== null ? (message as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && kind.startsWith(OFFSCREEN_KIND_PREFIX);
}

/** Parses a request meant for the offscreen document; null for anything else. */
export function parseOffscreenRequest(message: unknown): OffscreenRequest | null {
  const r = offscreenRequestSchema.safeParse(message);
  return r.success ? r.data : null;
}

/** Parses the offscreen document's answer to an analysis; a malformed one becomes an error answer. */
export function parseOffscreenAnalyseResponse(raw: unknown): OffscreenAnalyseResponse {
  const r = offscreenAnalyseResponseSchema.safeParse(raw);
  return r.success ? r.data : { ok: false, error: 'document analysis gave no valid answer' };
}
