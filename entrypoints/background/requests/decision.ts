// `decision`: what the user (or the adapter) did after a verdict — sent, cancelled, confirmed a
// warning, swapped an attachment — appended to the audit log under the verdict's checkId.
import type { RequestHandler } from '../deps.ts';

export const decision: RequestHandler<'decision'> = async (deps, request) => {
  await deps.audit.append('decision', { checkId: request.checkId, action: request.action, details: request.details ?? {} }, deps.now());
  return { ok: true };
};
