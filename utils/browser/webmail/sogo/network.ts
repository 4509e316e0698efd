// SOGo (5.8) at the network: the declarativeNetRequest rules that hold every send unless
// released, and the reader of observed requests. See ../network.ts for the contract.
//
// Why the rules look like this. SOGo is a JSON application: logging in, listing mail, saving a
// draft, uploading an attachment are all POSTs, so (unlike Roundcube) POSTs as such can't be
// held. What delivers is one method of a draft object, addressed by the last step of its path:
// `…/Mail/<account>/folderDrafts/<draftId>/send` (a JSON body with to/cc/bcc/subject/text/from;
// the attachments are already in the server-side draft). WebObjects decodes each path step, so
// the rule matches a step that *spells* `send` in any case and any percent-encoding of its
// letters, after `/` or an encoded `%2F`, whatever follows (`/send/x`, `;`, a query), in every
// frame and request type and for every method. A read receipt (`sendMDN`) carries no content
// and is left alone, as for Roundcube. The one release request carries a one-time token in its
// query and is let through by a session rule for that token and tab only.
//
// The send body is JSON: `fieldsOfRawBody` turns it into one field per top-level key whose value
// is the key's JSON text (`["to", "[\"a@x.nl\"]"]`), so what the content script prepared and what
// the background saw leave are compared field by field, and rebuilt into the same body.
import type { Classified, DnrRule, ObservedRequest, Submission, WebmailNetwork } from '../network.ts';
import { ALL_RESOURCE_TYPES, RELEASE_TOKEN_PARAM, releaseTokenOf, sha256OfText, submissionText, tabBoundReleaseRule } from '../network.ts';
import { addressOf, splitAddressList } from '../address-list.ts';

const TOKEN_PARAM = RELEASE_TOKEN_PARAM;

/** One letter, plain in either case or percent-encoded (either case of hex). */
const letter = (c: string): string => {
  const lo = c.toLowerCase().charCodeAt(0).toString(16);
  const up = c.toUpperCase().charCodeAt(0).toString(16);
  return `(?:${c.toLowerCase()}|${c.toUpperCase()}|%${lo[0]}[${lo[1]}${lo[1]!.toUpperCase()}]|%${up[0]}[${up[1]}${up[1]!.toUpperCase()}])`;
};
const SLASH = '(?:/|%2[fF])';
/** A path step that WebObjects reads as `send`. */
export const SEND_STEP = `${SLASH}${[...'send'].map(letter).join('')}(?:${SLASH}|[?#;]|$)`;
const SEND_RE = new RegExp(SEND_STEP);

/** The path steps of a URL, each decoded as WebObjects will (an undecodable one stays as it is). */
function steps(url: URL): string[] {
  return url.pathname.split('/').flatMap((s) => {
    let d = s;
    try {
      d = decodeURIComponent(s);
    } catch {
      // keep the raw step
    }
    return d.split('/');
  });
}

/** `…/Mail/<account>/<folder…>/<draftId>/<method>`: the draft id and the method, else null. */
export function draftMethod(url: string): { composeKey: string; method: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const s = steps(u);
  const mail = s.lastIndexOf('Mail');
  // Mail, account, at least one folder, the draft, the method.
  if (mail < 0 || s.length - mail < 5 || !/^\d+$/.test(s[mail + 1]!)) return null;
  const method = s.at(-1)!;
  const draft = s.at(-2)!;
  if (!draft || !method) return null;
  return { composeKey: draft, method };
}

export function guardRules(hosts: readonly string[], firstId: number): DnrRule[] {
  if (hosts.length === 0) return [];
  return [
    {
      id: firstId,
      priority: 1,
      action: { type: 'block' },
      condition: { regexFilter: SEND_STEP, requestDomains: [...hosts], resourceTypes: [...ALL_RESOURCE_TYPES] },
    },
  ];
}

/** The one release request through, from its tab only (the shared rule: ../network.ts). */
export const releaseRule = tabBoundReleaseRule;

/** The JSON body as fields (see the header); null when it is not one JSON object. */
export function fieldsOfRawBody(bytes: Uint8Array): (readonly [string, string])[] | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, JSON.stringify(v) ?? 'null'] as const);
}

/** The JSON body the fields stand for (the inverse of fieldsOfRawBody). */
export function bodyOfFields(fields: readonly (readonly [string, string])[]): string {
  const obj: Record<string, unknown> = {};
  for (const [k, v] of fields) obj[k] = JSON.parse(v);
  return JSON.stringify(obj);
}

/** A field's JSON value, or undefined when absent or not JSON. */
function valueOf(fields: readonly (readonly [string, string])[], name: string): unknown {
  let found: string | undefined;
  for (const [k, v] of fields) if (k === name) found = v; // the last one, as JSON.parse keeps it
  if (found === undefined) return undefined;
  try {
    return JSON.parse(found);
  } catch {
    return undefined;
  }
}

/**
 * Every recipient of a send body, lowercased and sorted. SOGo takes each entry of to/cc/bcc as an
 * address list of its own ("Name <a@x>", or several separated by commas), so each is split.
 */
function recipientsOf(fields: readonly (readonly [string, string])[]): string[] {
  const out: string[] = [];
  for (const field of ['to', 'cc', 'bcc']) {
    const v = valueOf(fields, field);
    const entries = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    for (const e of entries) for (const m of splitAddressList(String(e))) out.push(addressOf(m).toLowerCase());
  }
  return out.toSorted();
}

export function classify(request: ObservedRequest): Classified {
  const token = releaseTokenOf(request.url);
  if (token) return { kind: 'release', token };
  const target = draftMethod(request.url);
  if (SEND_RE.test(request.url) || target?.method.toLowerCase() === 'send') {
    return { kind: 'delivery', route: 'send', composeKey: target?.composeKey ?? null, recipients: request.body ? recipientsOf(request.body) : [] };
  }
  if (!target) return { kind: 'other' };
  const method = target.method;
  // An upload (multipart, field `attachments`) and a removal change what the draft will send.
  if (method === 'deleteAttachment') return { kind: 'session-change', composeKey: target.composeKey };
  if (method === 'save' && request.method.toUpperCase() === 'POST') {
    const json = request.body !== null && request.body.every(([, v]) => isJson(v)) && !request.body.some(([k]) => k === 'attachments');
    return json ? { kind: 'other' } : { kind: 'session-change', composeKey: target.composeKey };
  }
  return { kind: 'other' };
}

function isJson(v: string): boolean {
  try {
    JSON.parse(v);
    return true;
  } catch {
    return false;
  }
}

// The canonical text of a submission is the same for every webmail (../network.ts).
export { submissionText } from '../network.ts';

export async function submission(url: string, fields: readonly (readonly [string, string])[]): Promise<Submission | null> {
  const target = draftMethod(url);
  if (!target || target.method !== 'send') return null;
  return {
    mode: 'send',
    composeKey: target.composeKey,
    recipients: recipientsOf(fields),
    // The attachments are in the server-side draft, not in the request: the session generation
    // (uploads and removals bump it) says whether they are still what was checked.
    attachmentIds: [],
    digest: await sha256OfText(submissionText(url, fields)),
  };
}

export const sogoNetwork: WebmailNetwork = {
  name: 'sogo',
  tokenParam: TOKEN_PARAM,
  // Every request of SOGo's web application is under its WebObjects application name.
  paths: 'SOGo(?:\\.woa)?(?:[/?#]|$)',
  guardRules,
  releaseRule,
  classify,
  submission,
  fieldsOfRawBody,
};
