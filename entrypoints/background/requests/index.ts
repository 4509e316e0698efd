// The background's answer to every request of utils/core/messaging/protocol.ts: the sender is
// checked, the request validated against the message layer's schemas, then handed to the one
// handler for its kind. One file per kind, next to this one; REQUEST_HANDLERS is the registry.
//
// A new request kind: declare it in the message layer (protocol + schema), write
// `requests/<kind>.ts` exporting a RequestHandler<'<kind>'>, add it to REQUEST_HANDLERS (the
// type checker refuses a kind without a handler), and test it in
// tests/unit/entrypoints/background/requests/<kind>.test.ts.
//
// Every failure is an answer, never a throw: `{ ok: false, error }` for a request that can't be
// served, or a block verdict with CHECK_FAILED when the send check itself can't run.
import type { AnyRequest, AnyResponse, RequestKind } from '../../../utils/core/messaging/protocol.ts';
import { CONTENT_SCRIPT_KINDS } from '../../../utils/core/messaging/protocol.ts';
import { parseRequest } from '../../../utils/core/messaging/schemas.ts';
import { checkSender, type SenderLike } from '../../../utils/core/messaging/sender.ts';
import { oneLine } from '../../../utils/core/errors.ts';
import { fail, type BackgroundDeps, type RequestHandler, type RequestOrigin } from '../deps.ts';
import { analyse } from './analyse.ts';
import { evaluate } from './evaluate.ts';
import { converted } from './converted.ts';
import { decision } from './decision.ts';
import { status } from './status.ts';
import { release } from './release.ts';
import { sessionState } from './session-state.ts';
import { webmail } from './webmail.ts';
import { approvalOffer } from './approval-offer.ts';

export type { BackgroundDeps } from '../deps.ts';

/** Request kind → its handler. */
export const REQUEST_HANDLERS: { readonly [K in RequestKind]: RequestHandler<K> } = {
  analyse,
  evaluate,
  converted,
  decision,
  status,
  release,
  'session-state': sessionState,
  webmail,
  'approval-offer': approvalOffer,
};

export type BackgroundHandler = (raw: unknown, sender: SenderLike) => Promise<AnyResponse>;

export function createBackgroundHandler(deps: BackgroundDeps): BackgroundHandler {
  return async (raw, sender) => {
    const who = checkSender(sender, deps.extensionId, await deps.webmailPatterns(), deps.extensionBaseUrl);
    if (!who.ok) return fail(`refused: ${who.reason}`);
    const parsed = parseRequest(raw);
    if (!parsed.ok) return fail(parsed.error);
    const request = parsed.request;
    if (who.context === 'content-script' && !CONTENT_SCRIPT_KINDS.includes(request.kind)) {
      return fail(`refused: '${request.kind}' is not for content scripts`);
    }
    // The registry pairs each kind with its own handler; TypeScript can't follow that through a
    // union-typed request, hence the one widening here.
    const handler = REQUEST_HANDLERS[request.kind] as (deps: BackgroundDeps, request: AnyRequest, from: RequestOrigin) => Promise<AnyResponse>;
    const from: RequestOrigin = who.context === 'content-script' ? { tabId: sender.tab?.id, frameId: sender.frameId, origin: originOfUrl(sender.url) } : {};
    try {
      return await handler(deps, request, from);
    } catch (e) {
      return fail(`${request.kind} failed: ${oneLine(e)}`);
    }
  };
}

function originOfUrl(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}
