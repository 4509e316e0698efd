// The send-time fix as the extension records it: an analysed attachment plus its bytes in, the
// `fix` facts for the policy engine and the PDF to send instead (or null) out. Never throws:
// every failure becomes `ok: false` with the reason, so nothing unconverted goes out.
// Meant as the body of the offscreen seam utils/core/documents/convert-for-send.ts.
import type { AnalysedAttachment, AnalysisLimits, AttachmentProblem, ProblemKind } from '../types.ts';
import { isPdfError } from './errors.ts';

export type SendFix = NonNullable<AnalysedAttachment['fix']>;

export interface SendFixResult {
  fix: SendFix;
  /** The PDF to send instead; null when nothing can be sent (fix.ok false). */
  output: Uint8Array | null;
}

const CONVERTIBLE = new Set(['pdf', 'docx', 'odt', 'rtf', 'txt', 'png', 'jpeg']);
const PROBLEM_KINDS: ReadonlySet<string> = new Set<ProblemKind>([
  'encrypted', 'corrupt', 'too-large', 'zip-bomb', 'too-many-pages', 'timeout', 'unsupported',
]);

/** `rapport.docx` → `rapport.pdf`; a name without extension gets `.pdf` added. */
export function sendName(name: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.pdf`;
}

export async function applySendFix(
  analysis: AnalysedAttachment,
  bytes: Uint8Array,
  opts: { limits: AnalysisLimits; protect: boolean },
): Promise<SendFixResult> {
  const action = analysis.type === 'pdf' ? 'flattened' : 'converted';
  // Whatever the analysis found wrong (encrypted, corrupt, too large, a bare zip) stands.
  if (!analysis.readable || analysis.problem) {
    const problem = analysis.problem ?? { kind: 'corrupt' as const, detail: 'the document cannot be read' };
    return { fix: { action, ok: false, problem }, output: null };
  }
  if (!CONVERTIBLE.has(analysis.type)) {
    return { fix: { action, ok: false, problem: { kind: 'unsupported', detail: `a ${analysis.type} file cannot be made into a PDF` } }, output: null };
  }
  try {
    const { makeSendable } = await import('./pipeline.ts');
    const out = await makeSendable(bytes, analysis.type, opts);
    return {
      fix: { action: out.action, ok: true, outputName: sendName(analysis.name), outputSha256: out.sha256 },
      output: out.bytes,
    };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const fix: SendFix = { action, ok: false };
    // 'verify-failed' / 'unreadable' are not attachment problems of the shared vocabulary: the
    // engine then reports that the conversion failed, which is what happened.
    if (isPdfError(e) && PROBLEM_KINDS.has(e.kind)) fix.problem = { kind: e.kind as AttachmentProblem['kind'], detail };
    return { fix, output: null };
  }
}
