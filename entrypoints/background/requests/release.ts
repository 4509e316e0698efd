// `release`: the one-time token for exactly one submission of the compose screen (a checked send,
// or a draft save). The network guard (../send-guard.ts) refuses it when the compose session
// changed since the check read it, and lets the one request with the token through that tab.
import { fail, type RequestHandler } from '../deps.ts';

export const release: RequestHandler<'release'> = async (deps, request, from) => {
  if (from.tabId === undefined) return fail('refused: a release is only for a webmail tab');
  const r = await deps.guard.issueRelease(request, from.tabId);
  return r.ok ? { ok: true, token: r.token } : fail(r.error);
};
