// SEAM for the PDF pipeline: what the send will do to an analysed attachment, and the bytes it
// will send instead. Until the conversion/flattening pipeline lands this is the fail-closed
// placeholder: a readable PDF goes out unchanged, anything else is refused ("cannot convert
// yet"), so no unconverted document is ever sent. The pipeline replaces the body of this
// function; its signature and result shape are what the offscreen handler relies on.

import type { AnalysedAttachment } from '../documents/types.ts';
import type { AnalysisSettings } from './protocol.ts';

/** The placeholder's refusal; the background shows it as "cannot convert yet". */
export const CONVERSION_NOT_AVAILABLE = 'conversion to PDF is not available yet';

/** Types contracts §1 lists as inputs that become a PDF. */
const CONVERTIBLE = new Set(['pdf', 'docx', 'odt', 'rtf', 'txt', 'png', 'jpeg']);

export type FixResult = NonNullable<AnalysedAttachment['fix']>;

export interface ConvertForSendResult {
  fix: FixResult;
  /** The PDF to send instead; null when nothing can be sent (fix.ok false). */
  output: Uint8Array | null;
}

export async function convertForSend(
  analysis: AnalysedAttachment,
  bytes: Uint8Array,
  _settings?: AnalysisSettings,
): Promise<ConvertForSendResult> {
  const action = analysis.type === 'pdf' ? 'flattened' : 'converted';
  // Whatever the analysis found wrong (encrypted, corrupt, too large, a bare zip) stands.
  if (!analysis.readable || analysis.problem) {
    const problem = analysis.problem ?? { kind: 'corrupt' as const, detail: 'the document cannot be read' };
    return { fix: { action, ok: false, problem }, output: null };
  }
  if (!CONVERTIBLE.has(analysis.type)) {
    return { fix: { action, ok: false, problem: { kind: 'unsupported', detail: `a ${analysis.type} file cannot be made into a PDF` } }, output: null };
  }
  if (analysis.type === 'pdf') {
    // Not flattened yet: the PDF goes out as it is (action 'none'), byte for byte.
    return {
      fix: { action: 'none', ok: true, outputName: analysis.name, outputSha256: analysis.sha256 },
      output: bytes,
    };
  }
  return {
    fix: {
      action,
      ok: false,
      problem: { kind: 'unsupported', detail: CONVERSION_NOT_AVAILABLE },
    },
    output: null,
  };
}

/** `rapport.docx` → `rapport.pdf`; a name without extension gets `.pdf` added. */
export function pdfNameFor(name: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${stem}.pdf`;
}
