// The content script's (and options page's) one way to talk to the background. Never throws and
// never hangs: a missing background, a dropped response, an answer of the wrong shape or a
// timeout all come back as `{ ok: false, error }`, which callers treat as a block (fail closed).
// Every answer is parsed against its schema where it is received (here), not cast.

import { browser } from 'wxt/browser';
import type { RequestKind, RequestOf, ResponseOf } from '../../core/messaging/protocol.ts';
import { oneLine } from '../../core/errors.ts';
import { parseResponse } from '../../core/messaging/schemas.ts';

/**
 * Analysis runs the document pipeline in the offscreen document: allow it time. An evaluate is
 * normally milliseconds, but re-analyses an attachment whose cached analysis was made under
 * other policy settings (the background gives the offscreen document 90 s).
 */
const DEFAULT_TIMEOUT_MS: Record<RequestKind, number> = {
  analyse: 120_000,
  evaluate: 100_000,
  converted: 30_000,
  decision: 10_000,
  status: 10_000,
  release: 10_000,
  'session-state': 10_000,
  webmail: 10_000,
  'approval-offer': 10_000,
};

export interface SendOptions {
  timeoutMs?: number;
  /** Injected in tests; defaults to browser.runtime.sendMessage. */
  send?: (message: unknown) => Promise<unknown>;
}

export async function sendToBackground<K extends RequestKind>(
  request: RequestOf<K> & { kind: K },
  options: SendOptions = {},
): Promise<ResponseOf<K>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS[request.kind];
  const send = options.send ?? ((m: unknown) => browser.runtime.sendMessage(m) as Promise<unknown>);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ResponseOf<K>>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: `ReportGuard background did not answer '${request.kind}' within ${Math.round(timeoutMs / 1000)} s` }),
      timeoutMs,
    );
  });
  const answer = (async (): Promise<ResponseOf<K>> => {
    try {
      return parseResponse(request.kind, await send(request)) as ResponseOf<K>;
    } catch (e) {
      return { ok: false, error: `ReportGuard background unreachable: ${oneLine(e)}` };
    }
  })();
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
