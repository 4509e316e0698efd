// Background → offscreen document requests. Internal to the extension: the content script never
// sees these. Bytes do not travel in the message: the background stores the original in the
// document cache (IndexedDB, same extension origin) and the offscreen document reads it there,
// and writes the fixed PDF back the same way. That keeps a 25 MB attachment out of a JSON message.

import type { AnalysedAttachment } from '../documents/types.ts';

/** Marks a message as meant for the offscreen document (runtime messages reach every extension page). */
export const OFFSCREEN_TARGET = 'reportguard-offscreen';

/** Policy settings that change an analysis or its fix; part of the cache key. */
export interface AnalysisSettings {
  maxAttachmentMB: number;
  protectPdf: boolean;
}

export interface OffscreenAnalyseRequest {
  target: typeof OFFSCREEN_TARGET;
  op: 'analyse';
  sha256: string;
  name: string;
  settings: AnalysisSettings;
}

export interface OffscreenPingRequest {
  target: typeof OFFSCREEN_TARGET;
  op: 'ping';
}

export type OffscreenRequest = OffscreenAnalyseRequest | OffscreenPingRequest;

/** `analysis.fix` holds the result of the automatic fix; a fixed PDF is in the cache as `out:<sha256>`. */
export type OffscreenAnalyseResponse = { ok: true; analysis: AnalysedAttachment } | { ok: false; error: string };

export function settingsKey(s: AnalysisSettings): string {
  return `mb=${s.maxAttachmentMB};protectPdf=${s.protectPdf}`;
}

export function isOffscreenRequest(message: unknown): message is OffscreenRequest {
  return typeof message === 'object' && message !== null && (message as { target?: unknown }).target === OFFSCREEN_TARGET;
}
