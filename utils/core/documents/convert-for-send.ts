// What the send will do to an analysed attachment, and the bytes it will send instead: the
// document pipeline (convert or flatten, protect, verify) with the stored policy's limits.
// Never throws; a failure is `fix.ok: false` with the reason, and nothing is sent in its place.

import { limitsFromPolicy } from './analyse.ts';
import { applySendFix, sendName, type SendFixResult } from './pdf/send-fix.ts';
import type { AnalysedAttachment } from './types.ts';
import type { AnalysisSettings } from '../messaging/offscreen.ts';

export type FixResult = NonNullable<AnalysedAttachment['fix']>;
export type ConvertForSendResult = SendFixResult;

/** Without stored settings: the policy schema's defaults (25 MB, protection on). */
const DEFAULT_SETTINGS: AnalysisSettings = { maxAttachmentMB: 25, protectPdf: true };

export function convertForSend(
  analysis: AnalysedAttachment,
  bytes: Uint8Array,
  settings: AnalysisSettings = DEFAULT_SETTINGS,
): Promise<ConvertForSendResult> {
  return applySendFix(analysis, bytes, { limits: limitsFromPolicy(settings.maxAttachmentMB), protect: settings.protectPdf });
}

/** `rapport.docx` → `rapport.pdf`; a name without extension gets `.pdf` added. */
export const pdfNameFor = sendName;
