// `webmail`: the content script recognised the webmail on its page (utils/browser/webmail/<name>/
// detect). The origin is the browser's, from the sender; the network guard then holds that
// origin's sends with this webmail's rules (./../guard-host.ts, utils/browser/webmail/by-origin.ts).
import { fail, type RequestHandler } from '../deps.ts';

export const webmail: RequestHandler<'webmail'> = async (deps, request, from) => {
  if (from.tabId === undefined || !from.origin || !/^https?:\/\//.test(from.origin)) return fail('refused: only a webmail page says which webmail it is');
  // Answered once the origin's rules are in: the page's first POST must find them.
  if (!(await deps.webmails.detected(from.origin, request.name))) return fail('the network guard is not active');
  return { ok: true };
};
