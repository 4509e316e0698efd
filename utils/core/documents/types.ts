// What the document analysis tells the policy engine about one attachment.
// Produced by utils/core/documents/send-fix.ts prepareForSend (analyse.ts for the facts before the
// fix); consumed by utils/core/policy.
// The analysis crosses two wires (offscreen → background → content script) and is parsed where
// it is received, so its shape is declared once as a schema and the types are derived from it.
import * as z from 'zod/mini';

/** Type found from the file's bytes (magic numbers / container contents), never from its name. */
export const DOC_TYPES = [
  'pdf',
  'docx',
  'odt',
  'rtf',
  'txt',
  'png',
  'jpeg',
  'doc', // legacy OLE2 Word: not convertible faithfully, refused
  'zip', // a zip that is none of the office formats
  'markup', // text that is HTML, XML or a script (sniff.ts markupKind): not a document, refused
  'unknown',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

/**
 * The types the send converts to a flattened PDF (contracts §1 `pdf convert` inputs other than
 * PDF; a PDF itself is flattened, not converted). The one list: the policy engine and the
 * document pipeline both read it.
 */
export const CONVERTIBLE_TYPES: ReadonlySet<DocType> = new Set<DocType>(['docx', 'odt', 'rtf', 'txt', 'png', 'jpeg']);

export const PROBLEM_KINDS = [
  'encrypted',
  'corrupt',
  'too-large', // over the policy's size limit
  'zip-bomb', // decompressed size or ratio beyond limits
  'too-many-pages',
  'timeout',
  'unsupported',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const attachmentProblemSchema = z.object({
  kind: z.enum(PROBLEM_KINDS),
  /** One plain sentence (English, for logs/CLI stderr); the UI uses the finding's catalog text. */
  detail: z.string(),
});
export type AttachmentProblem = z.infer<typeof attachmentProblemSchema>;

const sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256 (64 characters)'));

export const analysedAttachmentSchema = z.object({
  name: z.string(),
  size: z.number(),
  /** Lowercase hex SHA-256 of the original bytes (what the client approved). */
  sha256: sha256Hex,
  type: z.enum(DOC_TYPES),
  /** False when the bytes can't be read as their type (problem says why). */
  readable: z.boolean(),
  problem: z.nullable(attachmentProblemSchema),
  /**
   * The text the checks read (health terms, CV headings): the text of the PDF that will be sent,
   * as the independent verifier (pdf.js) extracts it, never a second reading of the source. ''
   * when nothing can be sent (a failed fix), for pictures, and before the fix has run.
   */
  text: z.string(),
  /** Pages of the PDF that will be sent, once the fix has run. */
  pages: z.optional(z.number()),
  /**
   * Result of the automatic fix the send would apply (conversion to PDF or flattening),
   * when it has been run. Absent: not run yet; the engine then decides from `type`.
   */
  fix: z.optional(
    z.object({
      action: z.enum(['converted', 'flattened', 'none']),
      ok: z.boolean(),
      problem: z.optional(attachmentProblemSchema),
      outputSha256: z.optional(sha256Hex),
      outputName: z.optional(z.string()),
      /** What the converted PDF shows only as a placeholder (a picture that can't be drawn), one line each. */
      notes: z.optional(z.array(z.string().check(z.maxLength(300))).check(z.maxLength(50))),
      /** The document held tracked changes; the PDF shows them accepted (insertions kept, deletions left out). One line. */
      revisions: z.optional(z.string().check(z.maxLength(300))),
    }),
  ),
});
export type AnalysedAttachment = z.infer<typeof analysedAttachmentSchema>;

export interface AnalysisLimits {
  maxBytes: number; // from policy.maxAttachmentMB
  maxDecompressedBytes: number; // zip-based formats, sum of all entries
  maxCompressionRatio: number; // per entry
  maxPages: number; // PDF
  timeoutMs: number; // per document
}
