// The types of the wire between the extension's pages and the background. Derived from the
// schemas in schemas.ts (the one declaration); importing this file costs the bundle nothing.
import type * as z from 'zod/mini';
import type {
  analyseRequestSchema,
  analyseResponseSchema,
  attachmentRefSchema,
  clientSummarySchema,
  convertedRequestSchema,
  convertedResponseSchema,
  decisionRequestSchema,
  decisionResponseSchema,
  approvalOfferSchema,
  errorResponseSchema,
  evaluateRequestSchema,
  evaluateResponseSchema,
  fixSummarySchema,
  FIX_ACTIONS,
  DECISION_ACTIONS,
  statusRequestSchema,
  statusResponseSchema,
  releaseRequestSchema,
  releaseResponseSchema,
  sessionStateRequestSchema,
  sessionStateResponseSchema,
  submissionSchema,
  sessionAttachmentSchema,
  inlineImageSchema,
  SUBMISSION_MODES,
  wire,
} from './schemas.ts';

export type { ComposeMessage, ExceptionGround } from '../policy/message-schema.ts';

export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export type AnalyseRequest = z.infer<typeof analyseRequestSchema>;
export type FixAction = (typeof FIX_ACTIONS)[number];
export type FixSummary = z.infer<typeof fixSummarySchema>;
export type AnalyseResponse = z.infer<typeof analyseResponseSchema>;

export type AttachmentRef = z.infer<typeof attachmentRefSchema>;
export type EvaluateRequest = z.infer<typeof evaluateRequestSchema>;
export type ClientSummary = z.infer<typeof clientSummarySchema>;
export type EvaluateResponse = z.infer<typeof evaluateResponseSchema>;

export type ConvertedRequest = z.infer<typeof convertedRequestSchema>;
export type ConvertedResponse = z.infer<typeof convertedResponseSchema>;

export type DecisionAction = (typeof DECISION_ACTIONS)[number];
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;
export type DecisionResponse = z.infer<typeof decisionResponseSchema>;
export type ApprovalOffer = z.infer<typeof approvalOfferSchema>;

export type StatusRequest = z.infer<typeof statusRequestSchema>;
export type StatusResponse = z.infer<typeof statusResponseSchema>;

export type InlineImageRef = z.infer<typeof inlineImageSchema>;
export type SubmissionMode = (typeof SUBMISSION_MODES)[number];
export type Submission = z.infer<typeof submissionSchema>;
export type SessionAttachment = z.infer<typeof sessionAttachmentSchema>;
export type ReleaseRequest = z.infer<typeof releaseRequestSchema>;
export type ReleaseResponse = z.infer<typeof releaseResponseSchema>;
export type SessionStateRequest = z.infer<typeof sessionStateRequestSchema>;
export type SessionStateResponse = z.infer<typeof sessionStateResponseSchema>;
export type { GuardNotice } from './schemas.ts';

type Wire = typeof wire;
export type RequestKind = keyof Wire;
export type RequestOf<K extends RequestKind> = z.infer<Wire[K][0]>;
export type ResponseOf<K extends RequestKind> = z.infer<Wire[K][1]> | ErrorResponse;
export type AnyRequest = { [K in RequestKind]: RequestOf<K> }[RequestKind];
export type AnyResponse = { [K in RequestKind]: ResponseOf<K> }[RequestKind];

/** Kinds a content script on a webmail tab may send (extension pages may send every kind). */
export const CONTENT_SCRIPT_KINDS: readonly RequestKind[] = ['analyse', 'evaluate', 'converted', 'decision', 'status', 'release', 'session-state', 'webmail', 'approval-offer'];
