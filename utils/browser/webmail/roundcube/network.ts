// Roundcube (1.6) at the network: the declarativeNetRequest rules that hold every send and
// redirect unless released, and the reader of observed requests. See ../network.ts for the
// contract and php-input.ts for how PHP reads a request.
//
// Why the rules look like this. Roundcube routes a request by `_action` and `_task`, read from
// the cookie first, then the POST body, then the URL. The send and the draft save are the same
// POST (`_action=send` in the body, to `./?_task=mail`), and any XHR could carry `_action=send`
// in its body while its URL says `_action=mark`. declarativeNetRequest can't see bodies, so:
// 1. every POST to the webmail is blocked by default (all frames, all request types);
// 2. a POST whose URL names a known non-delivering action or task is allowed, and that action
//    or task is *pinned*: the rule appends it as a cookie, which PHP reads before the body, so the
//    server runs exactly what the URL says whatever the body claims;
// 3. the one release request carries a one-time token and is let through by a session rule for
//    that token and tab only (priority above the pins, so its own `_action=send` stands).
// Draft saves are released the same way (one token each): the body alone tells a draft from a
// send, and only the extension's own request is known to carry `_draft=1`.
import type { Classified, DnrRule, ObservedRequest, Submission, WebmailNetwork } from '../network.ts';
import { ALL_RESOURCE_TYPES, RELEASE_TOKEN_PARAM, releaseTokenOf, sha256OfText, submissionText, tabBoundReleaseRule } from '../network.ts';
import { addressOfRecipient, getVars, phpVars, queryEntries, roundcubeRecipients, roundcubeRoute, type PhpVars } from './php-input.ts';

/** Mail-task actions that never deliver (Roundcube 1.6 program/actions/mail and its aliases), plus the global ones. */
export const SAFE_ACTIONS = [
  'addcontact', 'attachment-delete', 'attachment-display', 'attachment-rename', 'attachment-upload', 'autocomplete',
  'check-recent', 'compose', 'copy', 'delete', 'folder-expunge', 'folder-purge', 'get', 'getunread', 'group-expand',
  'headers', 'import', 'index', 'list', 'list-contacts', 'mark', 'move', 'pagenav', 'search', 'search-contacts',
  'show', 'viewsource', 'refresh', 'preview', 'print', 'expunge', 'purge', 'remove-attachment', 'rename-attachment',
  'display-attachment', 'upload',
  // A read receipt goes to the address the original sender asked for and carries no content.
  'sendmdn',
  // Routed to other tasks by Roundcube itself.
  'keep-alive', 'save-pref',
] as const;

/** Tasks without a delivering action: their requests are pinned to the task. */
export const SAFE_TASKS = ['settings', 'addressbook', 'login', 'logout', 'utils'] as const;

/** Actions that change the attachments of a compose session. */
const SESSION_ACTIONS: ReadonlySet<string> = new Set(['upload', 'attachment-upload', 'remove-attachment', 'attachment-delete', 'rename-attachment', 'attachment-rename']);

const TOKEN_PARAM = RELEASE_TOKEN_PARAM;

/** `attachment-delete` also matches `attachment_delete`: Roundcube treats them alike. */
const namePattern = (name: string): string => name.replace(/[.]/g, '\\.').replace(/-/g, '[-_]');
const paramRegex = (param: string, value: string): string => `[?&]${param}=${namePattern(value)}(?:&|$)`;

function cookiePin(id: number, hosts: readonly string[], param: string, value: string): DnrRule[] {
  const condition = { regexFilter: paramRegex(param, value), requestDomains: [...hosts], requestMethods: ['post'], resourceTypes: [...ALL_RESOURCE_TYPES] };
  return [
    { id, priority: 2, action: { type: 'allow' }, condition },
    {
      id: id + 1,
      priority: 3,
      action: { type: 'modifyHeaders', requestHeaders: [{ header: 'cookie', operation: 'append', value: `${param}=${value}` }] },
      condition,
    },
  ];
}

export function guardRules(hosts: readonly string[], firstId: number): DnrRule[] {
  if (hosts.length === 0) return [];
  const rules: DnrRule[] = [
    {
      id: firstId,
      priority: 1,
      action: { type: 'block' },
      condition: { requestDomains: [...hosts], requestMethods: ['post'], resourceTypes: [...ALL_RESOURCE_TYPES] },
    },
  ];
  let id = firstId + 1;
  for (const action of SAFE_ACTIONS) {
    rules.push(...cookiePin(id, hosts, '_action', action));
    id += 2;
  }
  for (const task of SAFE_TASKS) {
    rules.push(...cookiePin(id, hosts, '_task', task));
    id += 2;
  }
  return rules;
}

/** The one release request through, from its tab only (the shared rule: ../network.ts). */
export const releaseRule = tabBoundReleaseRule;

/** The actions and tasks the guard rules pin for this URL (what the server then runs). */
function pinnedBy(url: string): { actions: string[]; tasks: string[] } {
  const actions = SAFE_ACTIONS.filter((a) => new RegExp(paramRegex('_action', a), 'i').test(url));
  const tasks = SAFE_TASKS.filter((t) => new RegExp(paramRegex('_task', t), 'i').test(url));
  return { actions: [...actions], tasks: [...tasks] };
}

const composeKeyOf = (get: PhpVars, post: PhpVars | null): string | null => (post?.has('_id') ? post.string('_id') : get.string('_id')) || null;

function recipientsOf(post: PhpVars): string[] {
  const out: string[] = [];
  for (const field of ['_to', '_cc', '_bcc']) for (const r of roundcubeRecipients(post.string(field))) out.push(addressOfRecipient(r));
  return out.toSorted();
}

export function classify(request: ObservedRequest): Classified {
  const token = releaseTokenOf(request.url);
  if (token) return { kind: 'release', token };
  const get = getVars(request.url);
  const post = request.body ? phpVars(request.body) : null;
  const isPost = request.method.toUpperCase() === 'POST';
  const pinned = isPost ? pinnedBy(request.url) : { actions: [], tasks: [] };
  if (isPost && pinned.actions.length === 0 && pinned.tasks.length === 0) {
    // Held by the default rule: say what it tried, as PHP would have read it.
    if (!post) return request.hasBody ? { kind: 'delivery', route: 'unknown', composeKey: composeKeyOf(get, null), recipients: [] } : { kind: 'other' };
    const route = roundcubeRoute(get, post);
    if (route.task !== 'mail') return { kind: 'other' };
    if (route.action === 'send' && (post.string('_draft') !== '' || get.string('_saveonly') !== '')) {
      return { kind: 'draft', composeKey: composeKeyOf(get, post) };
    }
    if (route.action === 'send' || route.action === 'bounce') {
      return { kind: 'delivery', route: route.action, composeKey: composeKeyOf(get, post), recipients: recipientsOf(post) };
    }
    return { kind: 'other' };
  }
  // Let through: the server runs the pinned action (POST) or what the URL says (GET).
  const actions = isPost ? pinned.actions : [roundcubeRoute(get, phpVars([])).action];
  const tasks = isPost ? pinned.tasks : [];
  if (tasks.length === 0 && actions.some((a) => SESSION_ACTIONS.has(a.replace(/_/g, '-')))) {
    return { kind: 'session-change', composeKey: composeKeyOf(get, post) };
  }
  return { kind: 'other' };
}

// The canonical text of a submission is the same for every webmail (../network.ts).
export { submissionText } from '../network.ts';

export async function submission(url: string, fields: readonly (readonly [string, string])[]): Promise<Submission | null> {
  const get = getVars(url);
  const post = phpVars(fields);
  const route = roundcubeRoute(get, post);
  if (route.task !== 'mail' || route.action !== 'send') return null;
  const composeKey = composeKeyOf(get, post);
  if (!composeKey) return null;
  const draft = post.string('_draft') !== '' || get.string('_saveonly') !== '';
  return {
    mode: draft ? 'draft' : 'send',
    composeKey,
    recipients: recipientsOf(post),
    attachmentIds: post
      .string('_attachments')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    digest: await sha256OfText(submissionText(url, fields)),
  };
}

/** An urlencoded body (what Roundcube and the release send); multipart and other bodies are not read. */
export function fieldsOfRawBody(bytes: Uint8Array): (readonly [string, string])[] | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return text === '' || /^[^=&\r\n-]*=/.test(text) ? queryEntries(text) : null;
}

export const roundcubeNetwork: WebmailNetwork = {
  name: 'roundcube',
  tokenParam: TOKEN_PARAM,
  guardRules,
  releaseRule,
  classify,
  submission,
  fieldsOfRawBody,
};
