// What the document analysis tells the policy engine about one attachment.
// Produced by utils/core/documents/analyse.ts (bytes in, facts out); consumed by utils/core/policy.

/** Type found from the file's bytes (magic numbers / container contents), never from its name. */
export type DocType =
  | 'pdf'
  | 'docx'
  | 'odt'
  | 'rtf'
  | 'txt'
  | 'png'
  | 'jpeg'
  | 'doc' // legacy OLE2 Word: not convertible faithfully, refused
  | 'zip' // a zip that is none of the office formats
  | 'unknown';

/**
 * The types the send converts to a flattened PDF (contracts §1 `pdf convert` inputs other than
 * PDF; a PDF itself is flattened, not converted). The one list: the policy engine and the
 * document pipeline both read it.
 */
export const CONVERTIBLE_TYPES: ReadonlySet<DocType> = new Set<DocType>(['docx', 'odt', 'rtf', 'txt', 'png', 'jpeg']);

export type ProblemKind =
  | 'encrypted'
  | 'corrupt'
  | 'too-large' // over the policy's size limit
  | 'zip-bomb' // decompressed size or ratio beyond limits
  | 'too-many-pages'
  | 'timeout'
  | 'unsupported';

export interface AttachmentProblem {
  kind: ProblemKind;
  /** One plain sentence (English, for logs/CLI stderr); the UI uses the finding's catalog text. */
  detail: string;
}

export interface AnalysisLimits {
  maxBytes: number; // from policy.maxAttachmentMB
  maxDecompressedBytes: number; // zip-based formats, sum of all entries
  maxCompressionRatio: number; // per entry
  maxPages: number; // PDF
  timeoutMs: number; // per document
}

export interface AnalysedAttachment {
  name: string;
  size: number;
  /** Lowercase hex SHA-256 of the original bytes (what the client approved). */
  sha256: string;
  type: DocType;
  /** False when the bytes can't be read as their type (problem says why). */
  readable: boolean;
  problem: AttachmentProblem | null;
  /** Extracted plain text (for health-term detection); '' when none or unreadable. */
  text: string;
  pages?: number;
  /**
   * Result of the automatic fix the send would apply (conversion to PDF or flattening),
   * when it has been run. Absent: not run yet; the engine then decides from `type`.
   */
  fix?: {
    action: 'converted' | 'flattened' | 'none';
    ok: boolean;
    problem?: AttachmentProblem;
    outputSha256?: string;
    outputName?: string;
  };
}
