// `session-state`: where the compose session stands. Every upload or removal of an attachment
// the network guard sees (any tab, any frame, any script) bumps the generation; a check that read
// the session's attachments under one generation may only be released under the same one.
import type { RequestHandler } from '../deps.ts';

export const sessionState: RequestHandler<'session-state'> = async (deps, request) => ({
  ok: true,
  ...deps.guard.sessionState(request.composeKey),
});
