// The one typed protocol between the extension's contexts (content script, options page → background).
// Plain types only: the content script imports this file, and zod stays out of its bundle. The
// background validates every request against utils/core/messaging/schemas.ts, which mirrors these types
// (a type test keeps the two in step). Changes here are additive only: the content script is
// written against this file.
//
// Transport: browser.runtime.sendMessage, JSON-serialised, so bytes travel as base64 strings.

import type { AnalysedAttachment } from '../documents/types.ts';
import type { Verdict } from '../policy/types.ts';

/** Every response: `ok: false` always carries one readable line; callers fail closed on it. */
export interface ErrorResponse {
  ok: false;
  error: string;
}

// ---------------------------------------------------------------- analyse

/** Attach time: hand the attachment's bytes over for analysis (and the automatic fix). */
export interface AnalyseRequest {
  kind: 'analyse';
  /** Identifies the compose screen (e.g. Roundcube's compose_id); used for the audit trail only. */
  composeKey: string;
  name: string;
  bytesB64: string;
}

export type FixAction = 'converted' | 'flattened' | 'none';

/** What the send would do to the attachment: convert to PDF, flatten a PDF, or nothing. */
export interface FixSummary {
  action: FixAction;
  /** False: the fix could not be applied; the send check blocks on this attachment. */
  ok: boolean;
  /** One line, when `ok` is false. */
  problem?: string;
  /** File name of the PDF that would be sent instead (e.g. `rapport.pdf`). */
  outputName?: string;
  /** SHA-256 of the PDF that would be sent instead. */
  outputSha256?: string;
}

export interface AnalyseResponse {
  ok: true;
  analysis: AnalysedAttachment;
  fix: FixSummary;
}

// ---------------------------------------------------------------- evaluate

export type ExceptionGround = 'contract' | 'legal-obligation' | 'vital-interest' | 'legitimate-interest';

/** The compose state (contracts §4) minus attachment paths: attachments go by hash instead. */
export interface ComposeMessage {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  client?: string;
  reportKind?: 'full' | 'progress';
  exception?: { ground: ExceptionGround; justification: string };
  containsHealthData: boolean | null;
  healthOverrideJustification: string | null;
}

export interface AttachmentRef {
  name: string;
  /** Lowercase hex SHA-256 of the original bytes, as returned by `analyse`. */
  sha256: string;
}

/** Send time: ask for a verdict on the message as composed. */
export interface EvaluateRequest {
  kind: 'evaluate';
  composeKey: string;
  message: ComposeMessage;
  attachments: AttachmentRef[];
}

export interface ClientSummary {
  id: string;
  name: string;
}

export interface EvaluateResponse {
  ok: true;
  /**
   * Always a verdict, also when the check could not run: then a block with CHECK_FAILED
   * findings. An attachment the background has no analysis for (never sent, or expired from
   * the cache) gives CHECK_FAILED with `details: { reason: 'attachment-not-analysed', sha256 }`:
   * send its bytes with `analyse` again and re-evaluate.
   */
  verdict: Verdict;
  /** Ties the later `decision` to this verdict in the audit log. */
  checkId: string;
  /** The clients known from the records, for the dialog's client choice. */
  clients: ClientSummary[];
}

// ---------------------------------------------------------------- converted

/** The PDF the send swaps in for an analysed attachment (converted or flattened). */
export interface ConvertedRequest {
  kind: 'converted';
  sha256: string;
}

export interface ConvertedResponse {
  ok: true;
  name: string;
  bytesB64: string;
  sha256: string;
}

// ---------------------------------------------------------------- decision

export type DecisionAction = 'sent' | 'cancelled' | 'warning-confirmed' | 'swapped' | 'swap-failed' | 'send-blocked';

/** What the user (or the adapter) did after a verdict: goes to the audit log. */
export interface DecisionRequest {
  kind: 'decision';
  checkId: string;
  action: DecisionAction;
  /** Ids, hashes, codes, counts only: never body or attachment content. */
  details?: Record<string, string | number | boolean | null>;
}

export interface DecisionResponse {
  ok: true;
}

// ---------------------------------------------------------------- status

export interface StatusRequest {
  kind: 'status';
}

export interface StatusResponse {
  ok: true;
  policyLoaded: boolean;
  organisation?: string;
  regiokantoren?: number;
  clients?: number;
}

// ---------------------------------------------------------------- the map

/** Request kind → [request, success response]. `sendToBackground` derives its types from this. */
export interface Protocol {
  analyse: [AnalyseRequest, AnalyseResponse];
  evaluate: [EvaluateRequest, EvaluateResponse];
  converted: [ConvertedRequest, ConvertedResponse];
  decision: [DecisionRequest, DecisionResponse];
  status: [StatusRequest, StatusResponse];
}

export type RequestKind = keyof Protocol;
export type RequestOf<K extends RequestKind> = Protocol[K][0];
export type ResponseOf<K extends RequestKind> = Protocol[K][1] | ErrorResponse;
export type AnyRequest = { [K in RequestKind]: RequestOf<K> }[RequestKind];
export type AnyResponse = { [K in RequestKind]: ResponseOf<K> }[RequestKind];

/** Kinds a content script on a webmail tab may send (extension pages may send every kind). */
export const CONTENT_SCRIPT_KINDS: readonly RequestKind[] = ['analyse', 'evaluate', 'converted', 'decision', 'status'];
