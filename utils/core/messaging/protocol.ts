// The types of the wire between the extension's pages and the background. Derived from the
// schemas in schemas.ts (the one declaration); importing this file costs the bundle nothing.
import type * as z from 'zod/mini';
import type {
  approvalOfferSchema,
  attachmentRefSchema,
  clientSummarySchema,
  errorResponseSchema,
  fixSummarySchema,
  FIX_ACTIONS,
  DECISION_ACTIONS,
  submissionSchema,
  sessionAttachmentSchema,
  inlineImageSchema,
  SUBMISSION_MODES,
  wire,
} from './schemas.ts';

export type { ComposeMessage, ExceptionGround } from '../policy/message-schema.ts';
export type { GuardNotice } from './schemas.ts';

type Wire = typeof wire;
export type RequestKind = keyof Wire;
/** A request of one kind, and its success answer: derived once from the wire map for every kind. */
export type RequestOf<K extends RequestKind> = z.infer<Wire[K][0]>;
type SuccessOf<K extends RequestKind> = z.infer<Wire[K][1]>;
export type ResponseOf<K extends RequestKind> = SuccessOf<K> | ErrorResponse;
export type AnyRequest = { [K in RequestKind]: RequestOf<K> }[RequestKind];
export type AnyResponse = { [K in RequestKind]: ResponseOf<K> }[RequestKind];

export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export type AnalyseRequest = RequestOf<'analyse'>;
export type AnalyseResponse = SuccessOf<'analyse'>;
export type FixAction = (typeof FIX_ACTIONS)[number];
export type FixSummary = z.infer<typeof fixSummarySchema>;

export type EvaluateRequest = RequestOf<'evaluate'>;
export type EvaluateResponse = SuccessOf<'evaluate'>;
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;
export type ClientSummary = z.infer<typeof clientSummarySchema>;
export type InlineImageRef = z.infer<typeof inlineImageSchema>;

export type ConvertedRequest = RequestOf<'converted'>;
export type ConvertedResponse = SuccessOf<'converted'>;

export type DecisionAction = (typeof DECISION_ACTIONS)[number];
export type DecisionRequest = RequestOf<'decision'>;
export type DecisionResponse = SuccessOf<'decision'>;
export type ApprovalOffer = z.infer<typeof approvalOfferSchema>;

export type StatusRequest = RequestOf<'status'>;
export type StatusResponse = SuccessOf<'status'>;

export type SubmissionMode = (typeof SUBMISSION_MODES)[number];
export type Submission = z.infer<typeof submissionSchema>;
export type SessionAttachment = z.infer<typeof sessionAttachmentSchema>;
export type ReleaseRequest = RequestOf<'release'>;
export type ReleaseResponse = SuccessOf<'release'>;
export type SessionStateRequest = RequestOf<'session-state'>;
export type SessionStateResponse = SuccessOf<'session-state'>;

/** Kinds a content script on a webmail tab may send (extension pages may send every kind). */
export const CONTENT_SCRIPT_KINDS: readonly RequestKind[] = ['analyse', 'evaluate', 'converted', 'decision', 'status', 'release', 'session-state', 'webmail', 'approval-offer'];
