// The wire between the extension's pages (webmail content script, options page) and the
// background, declared once. Every request and every response is a schema here; the types in
// protocol.ts are derived from them, and each side parses what it receives: the background every
// request (it may come from a content script on a page that is hostile), the content script every
// response. zod/mini keeps the schemas small enough for the content script's bundle.
//
// Unknown fields are stripped, not refused, so that a content script one additive protocol step
// ahead (or behind) still works. Transport: browser.runtime.sendMessage, JSON-serialised, so bytes
// travel as base64 strings.
import * as z from 'zod/mini';
import { analysedAttachmentSchema } from '../documents/types.ts';
import { composeMessageSchema } from '../policy/message-schema.ts';
import { verdictSchema } from '../policy/types.ts';

// Bounds keep a hostile page from making the background allocate without limit. The attachment
// size limit proper comes from the policy (maxAttachmentMB) and is applied by the analysis.
const MAX_B64_CHARS = Math.ceil((200 * 1024 * 1024 * 4) / 3); // 200 MB of bytes

const shortText = z.string().check(z.maxLength(1000));
const name = z.string().check(z.minLength(1), z.maxLength(1000));
export const sha256Schema = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256 (64 characters)'));
const base64 = z.string().check(z.maxLength(MAX_B64_CHARS), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'));

// ---------------------------------------------------------------- responses shared by all

/** Every response: `ok: false` always carries one readable line; callers fail closed on it. */
export const errorResponseSchema = z.object({ ok: z.literal(false), error: z.string() });

// ---------------------------------------------------------------- analyse

/** Attach time: hand the attachment's bytes over for analysis (and the automatic fix). */
export const analyseRequestSchema = z.object({
  kind: z.literal('analyse'),
  /** Identifies the compose screen (e.g. Roundcube's compose_id); used for the audit trail only. */
  composeKey: shortText,
  name,
  bytesB64: base64,
});

export const FIX_ACTIONS = ['converted', 'flattened', 'none'] as const;

/** What the send would do to the attachment: convert to PDF, flatten a PDF, or nothing. */
export const fixSummarySchema = z.object({
  action: z.enum(FIX_ACTIONS),
  /** False: the fix could not be applied; the send check blocks on this attachment. */
  ok: z.boolean(),
  /** One line, when `ok` is false. */
  problem: z.optional(z.string()),
  /** File name of the PDF that would be sent instead (e.g. `rapport.pdf`). */
  outputName: z.optional(z.string()),
  /** SHA-256 of the PDF that would be sent instead. */
  outputSha256: z.optional(sha256Schema),
});

export const analyseResponseSchema = z.object({
  ok: z.literal(true),
  analysis: analysedAttachmentSchema,
  fix: fixSummarySchema,
  /**
   * Present when these bytes are a PDF the extension made itself (its out→original record): the
   * original it was made from, whose approval it carries. Such a PDF is sent as it is.
   */
  madeFrom: z.optional(z.object({ name, sha256: sha256Schema })),
});

// ---------------------------------------------------------------- evaluate: its parts (the request and answer follow release)

export const attachmentRefSchema = z.object({
  name,
  /** Lowercase hex SHA-256 of the original bytes, as returned by `analyse`. */
  sha256: sha256Schema,
});

/** A picture inside the body (HTML `data:` image): it leaves as its own part, so it counts as an attachment. */
export const inlineImageSchema = z.object({
  name,
  sha256: sha256Schema,
  size: z.number().check(z.nonnegative()),
});


export const clientSummarySchema = z.object({ id: z.string(), name: z.string() });


// ---------------------------------------------------------------- converted

/** The PDF the send swaps in for an analysed attachment (converted or flattened). */
export const convertedRequestSchema = z.object({ kind: z.literal('converted'), sha256: sha256Schema });

export const convertedResponseSchema = z.object({
  ok: z.literal(true),
  name: z.string(),
  bytesB64: base64,
  sha256: sha256Schema,
});

// ---------------------------------------------------------------- decision

export const DECISION_ACTIONS = ['sent', 'cancelled', 'warning-confirmed', 'swapped', 'swap-failed', 'send-blocked', 'send-failed', 'rechecked'] as const;

/** What the user (or the adapter) did after a verdict: goes to the audit log. */
export const decisionRequestSchema = z.object({
  kind: z.literal('decision'),
  checkId: name,
  action: z.enum(DECISION_ACTIONS),
  /** Ids, hashes, codes, counts only: never body or attachment content. */
  details: z.optional(
    z
      .record(z.string().check(z.maxLength(100)), z.union([z.string().check(z.maxLength(1000)), z.number(), z.boolean(), z.null()]))
      .check(z.refine((r) => Object.keys(r).length <= 50, 'at most 50 detail fields')),
  ),
});

export const okResponseSchema = z.object({ ok: z.literal(true) });

// ---------------------------------------------------------------- status

export const statusRequestSchema = z.object({ kind: z.literal('status') });

export const statusResponseSchema = z.object({
  ok: z.literal(true),
  policyLoaded: z.boolean(),
  /** The network guard (blocking rules for the webmail) is installed. */
  guard: z.optional(z.boolean()),
  organisation: z.optional(z.string()),
  regiokantoren: z.optional(z.number()),
  clients: z.optional(z.number()),
});

// ---------------------------------------------------------------- release, session-state

export const SUBMISSION_MODES = ['send', 'draft'] as const;

/**
 * What one release request of the webmail carries, as the server will read it: computed by the
 * content script from the request it is about to make, and by the background from the request
 * it saw leave (utils/browser/webmail/<name>/network.ts), then compared.
 */
export const submissionSchema = z.object({
  mode: z.enum(SUBMISSION_MODES),
  composeKey: name,
  /** Lowercased addresses of every recipient (To, Cc, Bcc), sorted. */
  recipients: z.array(shortText).check(z.maxLength(1000)),
  /** The webmail's ids of the attachments the request names. */
  attachmentIds: z.array(shortText).check(z.maxLength(200)),
  /** SHA-256 over the request URL (token removed) and its fields in canonical order. */
  digest: sha256Schema,
});

/** An attachment of the compose session as checked: the webmail's id, and the hash of what will leave. */
export const sessionAttachmentSchema = z.object({ id: shortText, name: shortText, sha256: sha256Schema });

/** Ask for the one-time release of exactly one submission (a send after the check, or a draft save). */
export const releaseRequestSchema = z.object({
  kind: z.literal('release'),
  composeKey: name,
  /** The verdict this send was checked under (absent for a draft save). */
  checkId: z.optional(name),
  submission: submissionSchema,
  /** The compose session's state the check read (session-state's generation). */
  generation: shortText,
  /** Every attachment of the compose session and what was checked for it. */
  attachments: z.array(sessionAttachmentSchema).check(z.maxLength(200)),
});

const releaseToken = z.string().check(z.regex(/^[0-9a-f]{32}$/));

export const releaseResponseSchema = z.object({
  ok: z.literal(true),
  /** Goes into the request URL; the network lets exactly one request with it through. */
  token: releaseToken,
});

// ---------------------------------------------------------------- evaluate (declared after release: it can carry one)

/**
 * Send time: ask for a verdict on the message as composed (contracts §4, attachments by hash).
 * With `release` (the submission as `release` would carry it, minus kind and checkId): when the
 * verdict is allow, the one-time release of that submission is issued in the same request, under
 * the same rules as a `release` (the compose session still at `generation`, not busy). One round
 * trip at Send instead of two; any other verdict releases nothing.
 */
export const evaluateRequestSchema = z.object({
  kind: z.literal('evaluate'),
  composeKey: shortText,
  message: composeMessageSchema,
  attachments: z.array(attachmentRefSchema).check(z.maxLength(200)),
  /** Pictures in the body. They can't be replaced by a flat PDF in place, so each one blocks. */
  inlineImages: z.optional(z.array(inlineImageSchema).check(z.maxLength(200))),
  release: z.optional(
    z.object({
      submission: submissionSchema,
      generation: shortText,
      attachments: z.array(sessionAttachmentSchema).check(z.maxLength(200)),
    }),
  ),
});

export const evaluateResponseSchema = z.object({
  ok: z.literal(true),
  /**
   * Always a verdict, also when the check could not run: then a block with CHECK_FAILED
   * findings. An attachment the background has no analysis for (never sent, or expired from
   * the cache) gives CHECK_FAILED with `details: { reason: 'attachment-not-analysed', sha256 }`:
   * send its bytes with `analyse` again and re-evaluate.
   */
  verdict: verdictSchema,
  /** Ties the later `decision` to this verdict in the audit log. */
  checkId: z.string(),
  /** The clients known from the records, for the dialog's client choice. */
  clients: z.array(clientSummarySchema),
  /**
   * For a request with `release` and an allow verdict: the token, or why none was issued
   * (`session-changed`: the session moved since it was read; check again).
   */
  release: z.optional(z.union([z.object({ token: releaseToken }), z.object({ error: z.string() })])),
});

/** How the compose session stands: changes (uploads, removals) in any tab or frame bump the generation. */
export const sessionStateRequestSchema = z.object({ kind: z.literal('session-state'), composeKey: name });

export const sessionStateResponseSchema = z.object({
  ok: z.literal(true),
  generation: z.string(),
  /** A change of the session is still on its way (an upload running). */
  busy: z.boolean(),
});

// ---------------------------------------------------------------- webmail detection

/** The webmails ReportGuard has an adapter for (utils/browser/webmail/registry.ts). */
export const WEBMAIL_NAMES = ['roundcube', 'sogo'] as const;

/**
 * The content script recognised the webmail on its page (by what the page is, not by its URL):
 * the background guards that origin with this webmail's network rules from now on.
 */
export const webmailRequestSchema = z.object({ kind: z.literal('webmail'), name: z.enum(WEBMAIL_NAMES) });

// ---------------------------------------------------------------- approval-offer

/**
 * After an approval round was sent (the report to the client alone): the offer to record the
 * approval once the client agrees, shown on the webmail page, the task's id and what it names.
 */
export const approvalOfferSchema = z.object({
  followUpId: name,
  client: name,
  documents: z.array(z.object({ name: shortText })).check(z.maxLength(50)),
});

/** The decision's answer: after a `sent` approval round, the offer to record the approval. */
export const decisionResponseSchema = z.object({ ok: z.literal(true), approvalOffer: z.optional(approvalOfferSchema) });

/**
 * The webmail tab's open offer: `read` it (a page loaded after the send, e.g. Roundcube's list
 * after its compose screen), `dismiss` it, or `open` the approval form it offers (the popup page
 * in a tab, the task's client and document filled in).
 */
export const approvalOfferRequestSchema = z.object({ kind: z.literal('approval-offer'), action: z.enum(['read', 'dismiss', 'open']) });
export const approvalOfferResponseSchema = z.object({ ok: z.literal(true), offer: z.nullable(approvalOfferSchema) });

// ---------------------------------------------------------------- background → content script

export const GUARD_NOTICES = [
  /** A send or redirect that did not come through the check was stopped at the network. */
  'send-stopped',
  /** A redirect (bounce) was stopped: ReportGuard can't check it. */
  'bounce-stopped',
  /** A draft save that did not come through the extension was stopped (nothing lost: the form is intact). */
  'draft-stopped',
  /** What left differs from what was checked (audited as such). */
  'mismatch',
] as const;

/** Sent by the background to the tab (tabs.sendMessage); the content script parses it. */
export const guardNoticeSchema = z.object({
  kind: z.literal('guard-notice'),
  notice: z.enum(GUARD_NOTICES),
  composeKey: z.nullable(shortText),
  /** For a mismatch: which parts differed (recipients, attachments, body, …). */
  differences: z.optional(z.array(shortText).check(z.maxLength(20))),
});
export type GuardNotice = z.infer<typeof guardNoticeSchema>;

export function parseGuardNotice(raw: unknown): GuardNotice | null {
  const r = guardNoticeSchema.safeParse(raw);
  return r.success ? r.data : null;
}

// ---------------------------------------------------------------- the map

/** Request kind → [request, success response]. Types (protocol.ts) and parsers derive from this. */
export const wire = {
  analyse: [analyseRequestSchema, analyseResponseSchema],
  evaluate: [evaluateRequestSchema, evaluateResponseSchema],
  converted: [convertedRequestSchema, convertedResponseSchema],
  decision: [decisionRequestSchema, decisionResponseSchema],
  status: [statusRequestSchema, statusResponseSchema],
  release: [releaseRequestSchema, releaseResponseSchema],
  'session-state': [sessionStateRequestSchema, sessionStateResponseSchema],
  webmail: [webmailRequestSchema, okResponseSchema],
  'approval-offer': [approvalOfferRequestSchema, approvalOfferResponseSchema],
} as const;

type RequestSchema = (typeof wire)[keyof typeof wire][0];

/** Every request of the map, told apart by `kind` (the map is the one list of kinds). */
export const requestSchema = z.discriminatedUnion('kind', Object.values(wire).map(([request]) => request) as [RequestSchema, ...RequestSchema[]]);

export type ValidRequest = z.infer<typeof requestSchema>;

/** One line for a refused message: the field path and what was expected, no stack, no echo of content. */
export function describeWireError(error: z.core.$ZodError, what = 'request'): string {
  const issue = error.issues[0];
  if (!issue) return `invalid ${what}`;
  const path = issue.path.length ? issue.path.map(String).join('.') : `(${what})`;
  return `invalid ${what}: ${path}: ${issue.message}`;
}

/** Validates an untrusted request; never throws. */
export function parseRequest(raw: unknown): { ok: true; request: ValidRequest } | { ok: false; error: string } {
  const result = requestSchema.safeParse(raw);
  if (!result.success) return { ok: false, error: describeWireError(result.error) };
  return { ok: true, request: result.data };
}

/** Validates the background's answer to a request of `kind`; an answer of another shape is an error answer. */
export function parseResponse<K extends keyof typeof wire>(
  kind: K,
  raw: unknown,
): z.infer<(typeof wire)[K][1]> | z.infer<typeof errorResponseSchema> {
  const failed = errorResponseSchema.safeParse(raw);
  if (failed.success) return failed.data;
  const result = wire[kind][1].safeParse(raw);
  if (result.success) return result.data as z.infer<(typeof wire)[K][1]>;
  return { ok: false, error: `ReportGuard background gave no valid answer to '${kind}' (${describeWireError(result.error, 'answer')})` };
}
