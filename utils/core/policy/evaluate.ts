// The policy engine: a pure function of (message, policy, records, now) → Verdict (contracts §4, §5).
// No I/O, no clock, no randomness: the same input gives the same findings in the same order.
//
// Decisions where the contract leaves room (each one fails closed or follows the contract's intent):
// - Addresses compare case-insensitively, local part included (contracts §2 "case-insensitive");
//   an address entry `hr@werkgever-a.nl` therefore matches `HR@Werkgever-A.nl.`.
// - Duplicate recipients (same normalised address in To and Cc, or twice in To) are judged once,
//   at their first appearance (To, then Cc, then Bcc): one finding per address, not per copy.
// - A recipient who is the client's own e-mail address is treated as the client even when also
//   whitelisted: the reporting agreement restricts third parties, not the client.
// - The regiokantoor's own mailbox is an allowed recipient and is not held to the client's
//   reporting agreement (else requireRegioMailbox + an agreement could never both be met). It is
//   still a non-client recipient: rules 2 and 3 exempt only "the client alone" (the approval
//   round), so a report to the mailbox, or to the client + the mailbox, needs approval and consent.
// - A sender listed by several regiokantoren: if the mail carries the mailbox of some of them
//   (as sender or recipient), those regiokantoren apply; otherwise all of them do, and a
//   recipient is allowed when any of their whitelists allows it.
// - A sender in no regiokantoor gets SENDER_UNKNOWN (block) on report mail; its recipients are
//   then judged against the union of all whitelists, so the user sees only the other real problems.
// - A sender whose From does not parse (or holds two addresses) is an unknown sender.
// - An unparseable recipient on report mail counts as a third party (fail closed): it needs the
//   same approvals and consent as any outside recipient.
// - Report mail with no recipients at all discloses nothing: only sender, client and attachment
//   rules apply.
// - An approval dated after `now` does not count yet.
// - Health consent is valid when written === true, givenAt <= now and withdrawnAt is null or
//   after now (a withdrawal scheduled for later has not happened yet).
// - Health data with an unknown client gives HEALTH_CONSENT_MISSING as well as CLIENT_UNKNOWN:
//   the user learns both that the mail holds health data and that no consent can be found.
//   Approvals are not judged without a client (CLIENT_UNKNOWN already blocks).
// - Approval and health rules apply when anyone other than the client receives the report (the
//   contract's "non-client recipient"); so does HEALTH_DATA_DECLARED_ABSENT: overriding a
//   detection on the approval round changes nothing and needs no warning.
// - requireRegioMailbox concerns mail that leaves the office: mail only to the client and/or the
//   regio mailbox itself needs no extra copy to that mailbox.
// - `reportKind: progress` needs no approval; an exception ground given with it is ignored.
// - EXCEPTION_GROUND_USED is reported once per message, only if some attachment lacked approval.
// - Mail without attachments: RECIPIENT_INVALID is not reported (such mail "is not restricted");
//   only lookalikes and health data in the body to recipients outside the whitelist warn. The
//   client's own address and the regio mailbox are not "outside".
// - Attachment type comes from the analysis (bytes), never from the file name. Without a fix
//   result the type decides: PDF → PDF_FLATTENED, convertible → ATTACHMENT_CONVERTED, other →
//   ATTACHMENT_UNSUPPORTED. A fix result (ok or not) overrides that guess.
// Order of findings: by severity (block, warn, info), and within a severity in rule order:
// sender, client, recipients (in message order), attachments (in message order), approvals,
// health.
import { parseRecipientList, compileProtected, type ProtectedMatcher } from '../recipients/index.ts';
import type { ParsedRecipient } from '../recipients/types.ts';
import { detectHealthTerms } from '../health/detect.ts';
import { lookupClient } from '../records/lookup.ts';
import type { Records } from '../records/schema.ts';
import { CONVERTIBLE_TYPES, type AnalysedAttachment } from '../documents/types.ts';
import { t, type CatalogKey, type Lang, type Params } from '../i18n/index.ts';
import type { Finding, FindingCode, Severity, Verdict, VerdictKind } from './types.ts';
import type { Policy } from './schema.ts';
import { MIN_JUSTIFICATION_LENGTH, type CheckMessage } from './message-schema.ts';
import {
  compileClient,
  compilePolicy,
  listMatches,
  remember,
  type CompiledClient,
  type CompiledPolicy,
  type CompiledRegio,
} from './compile.ts';

export interface EvaluateOptions {
  lang?: Lang;
}

type Role = 'client' | 'mailbox' | 'whitelisted' | 'outside';

interface Recipient {
  parsed: ParsedRecipient;
  field: 'to' | 'cc' | 'bcc';
  /** Normalised address; null when the recipient is invalid. */
  address: string | null;
  domain: string | null;
  role: Role | 'invalid';
}

const SEVERITIES: readonly Severity[] = ['block', 'warn', 'info'];

// Parsed recipient fields by raw text: the dialog re-evaluates the same fields many times.
const parseCache = new Map<string, readonly ParsedRecipient[]>();

function parseField(raw: string): readonly ParsedRecipient[] {
  const hit = parseCache.get(raw);
  if (hit) return hit;
  return remember(parseCache, raw, parseRecipientList(raw), 4096);
}

/** Length in characters (code points) after trimming. */
export function justificationOk(text: string | null | undefined): boolean {
  if (!text) return false;
  return [...text.trim()].length >= MIN_JUSTIFICATION_LENGTH;
}

class Findings {
  readonly list: Finding[] = [];
  private readonly lang: Lang;
  constructor(lang: Lang) {
    this.lang = lang;
  }
  add(
    code: FindingCode,
    severity: Severity,
    subject: string | undefined,
    key: CatalogKey,
    params: Params,
    details?: Finding['details'],
  ): void {
    const f: Finding = { code, severity, message: t(this.lang, key, params) };
    if (subject !== undefined) f.subject = subject;
    if (details) f.details = details;
    this.list.push(f);
  }
  /** Block, then warn, then info; within a severity in the order the rules added them. */
  verdict(): Verdict {
    const findings: Finding[] = [];
    for (const severity of SEVERITIES) for (const f of this.list) if (f.severity === severity) findings.push(f);
    const verdict: VerdictKind = findings.some((f) => f.severity === 'block')
      ? 'block'
      : findings.some((f) => f.severity === 'warn')
        ? 'warn'
        : 'allow';
    return { verdict, findings };
  }
}

function termsParam(terms: readonly string[]): string {
  return terms.slice(0, 3).join(', ');
}

function bodyHealthTerms(cp: CompiledPolicy, body: string): readonly string[] {
  const hit = cp.bodyTerms.get(body);
  if (hit) return hit;
  return remember(cp.bodyTerms, body, body ? detectHealthTerms(body, cp.healthAdjust) : [], 256);
}

function attachmentHealthTerms(cp: CompiledPolicy, att: AnalysedAttachment): readonly string[] {
  let terms = cp.attachmentTerms.get(att);
  if (!terms) {
    terms = att.text ? detectHealthTerms(att.text, cp.healthAdjust) : [];
    cp.attachmentTerms.set(att, terms);
  }
  return terms;
}

interface ProtectedSet {
  matcher: ProtectedMatcher;
  /** Lookalike result per recipient domain for this protected set. */
  hits: Map<string, { resembles: string; reason: string } | null>;
}

function protectedSet(cp: CompiledPolicy, key: string, entries: () => readonly string[]): ProtectedSet {
  const hit = cp.protectedSets.get(key);
  if (hit) return hit;
  return remember(cp.protectedSets, key, { matcher: compileProtected(entries()), hits: new Map() }, 256);
}

function lookalikeOf(set: ProtectedSet, domain: string): { resembles: string; reason: string } | null {
  const hit = set.hits.get(domain);
  if (hit !== undefined) return hit;
  // The very same domain as a protected entry is not a lookalike (e.g. boss@werkgever-a.nl when
  // only hr@werkgever-a.nl is listed): it is simply not whitelisted.
  const found = set.matcher.domains.includes(domain) ? null : set.matcher.find(domain);
  return remember(set.hits, domain, found ? { resembles: found.resembles, reason: found.reason } : null, 4096);
}

export function evaluate(
  message: CheckMessage,
  policy: Policy,
  records: Records,
  now: Date,
  opts: EvaluateOptions = {},
): Verdict {
  const lang: Lang = opts.lang ?? 'nl';
  const nowMs = now.getTime();
  const cp = compilePolicy(policy);
  const out = new Findings(lang);
  const attachments = message.attachments ?? [];
  const isReport = attachments.length > 0;

  // ---- Recipients: parse, dedupe (first appearance wins) ----
  const recipients: Recipient[] = [];
  const seen = new Set<string>();
  for (const field of ['to', 'cc', 'bcc'] as const) {
    for (const raw of message[field] ?? []) {
      for (const parsed of parseField(raw)) {
        const valid = parsed.problem === null && parsed.address !== null && parsed.domain !== null;
        const key = valid ? parsed.address! : '\u0000' + parsed.raw;
        if (seen.has(key)) continue;
        seen.add(key);
        recipients.push({
          parsed,
          field,
          address: valid ? parsed.address : null,
          domain: valid ? parsed.domain : null,
          role: valid ? 'outside' : 'invalid',
        });
      }
    }
  }

  // ---- Sender and its regiokantoor ----
  const fromParsed = parseField(message.from ?? '');
  const senderOk = fromParsed.length === 1 && fromParsed[0]!.problem === null && fromParsed[0]!.address !== null;
  const sender = senderOk ? fromParsed[0]!.address! : null;
  let regios: readonly CompiledRegio[] = sender ? (cp.bySender.get(sender) ?? []) : [];
  if (regios.length > 1) {
    const carried = new Set<string>(recipients.map((r) => r.address).filter((a): a is string => a !== null));
    if (sender) carried.add(sender);
    const narrowed = regios.filter((r) => carried.has(r.mailbox));
    if (narrowed.length > 0) regios = narrowed;
  }
  const senderKnown = regios.length > 0;
  const mailboxes: ReadonlySet<string> = !senderKnown
    ? cp.allMailboxes
    : regios.length === 1
      ? regios[0]!.mailboxSet
      : new Set(regios.map((r) => r.mailbox));
  const whitelistMatch = (address: string, domain: string) =>
    senderKnown ? regios.some((r) => listMatches(r.whitelist, address, domain)) : listMatches(cp.allWhitelist, address, domain);

  // ---- Client ----
  const lookup = lookupClient(records, {
    client: message.client,
    subject: message.subject ?? '',
    attachmentNames: attachments.map((a) => a.name),
  });
  const client: CompiledClient | null = lookup.kind === 'found' ? compileClient(lookup.client) : null;
  const clientId = client ? client.record.id : (lookup.kind === 'unknown' ? lookup.references.join(', ') : '');

  // ---- Roles ----
  for (const r of recipients) {
    if (r.role === 'invalid') continue;
    const address = r.address!;
    if (client?.email === address) r.role = 'client';
    else if (mailboxes.has(address)) r.role = 'mailbox';
    else if (whitelistMatch(address, r.domain!)) r.role = 'whitelisted';
    else r.role = 'outside';
  }
  // A disclosure is anything that reaches someone other than the client or our own mailbox.
  const disclosure = recipients.some((r) => r.role === 'invalid' || r.role === 'whitelisted' || r.role === 'outside');
  // Rules 2 and 3 exempt only the approval round: the report goes to the client alone.
  const beyondClient = recipients.some((r) => r.role !== 'client');

  // Lookalike protection: the whitelists that apply, their mailboxes and the client's address.
  // Keyed by regiokantoor ids + client address so the entry list is built once per combination.
  const protectedKey = `${senderKnown ? regios.map((r) => r.regio.id).join('|') : '*'}\n${client?.email ?? ''}`;
  const protection = protectedSet(cp, protectedKey, () => {
    const entries: string[] = [];
    for (const r of senderKnown ? regios : cp.regios) entries.push(...r.whitelist.entries, r.mailbox);
    if (client?.email) entries.push(client.email);
    return entries;
  });
  const regioName = !senderKnown ? '' : regios.length === 1 ? regios[0]!.regio.name : regios.map((r) => r.regio.name).join(' / ');

  // ---- Health data ----
  const bodyTerms = bodyHealthTerms(cp, message.body ?? '');
  const declared = message.containsHealthData ?? null;

  if (isReport) {
    // Sender
    if (!senderKnown) {
      out.add('SENDER_UNKNOWN', 'block', sender ?? message.from, 'SENDER_UNKNOWN', { address: sender ?? message.from ?? '' });
    } else if (policy.requireRegioMailbox && disclosure) {
      // Contract: the regio mailbox must be the sender or be in Cc/Bcc (To does not count).
      const via =
        (sender !== null && mailboxes.has(sender)) ||
        recipients.some((r) => r.field !== 'to' && r.address !== null && mailboxes.has(r.address));
      if (!via) {
        const first = regios[0]!;
        out.add('NOT_VIA_REGIOKANTOOR', 'block', first.regio.mailbox, 'NOT_VIA_REGIOKANTOOR', {
          regio: first.regio.name,
          mailbox: first.regio.mailbox,
        });
      }
    }

    // Client
    if (lookup.kind === 'unknown') {
      const key: CatalogKey =
        lookup.reason === 'not-in-records'
          ? 'CLIENT_UNKNOWN.notInRecords'
          : lookup.reason === 'several-references'
            ? 'CLIENT_UNKNOWN.several'
            : 'CLIENT_UNKNOWN';
      out.add('CLIENT_UNKNOWN', 'block', clientId || undefined, key, { client: clientId }, { reason: lookup.reason });
    }

    // Recipients
    const reportOutside = (address: string, domain: string): void => {
      out.add(
        'RECIPIENT_NOT_WHITELISTED',
        'block',
        address,
        senderKnown ? 'RECIPIENT_NOT_WHITELISTED' : 'RECIPIENT_NOT_WHITELISTED.noRegio',
        { address, regio: regioName },
      );
      const hit = lookalikeOf(protection, domain);
      if (hit) {
        out.add('RECIPIENT_LOOKALIKE', 'block', address, 'RECIPIENT_LOOKALIKE', { address, resembles: hit.resembles }, {
          resembles: hit.resembles,
          reason: hit.reason,
        });
      }
    };
    for (const r of recipients) {
      if (r.role === 'invalid') {
        const p = r.parsed;
        if (p.problem === 'display-name-mismatch') {
          out.add('RECIPIENT_INVALID', 'block', p.raw, 'RECIPIENT_INVALID.displayName', {
            address: p.address ?? p.raw,
            shown: p.displayName ?? '',
          }, { problem: p.problem });
          // The real address behind the misleading name is judged too: outside the whitelist it
          // always gets RECIPIENT_NOT_WHITELISTED (contracts §5).
          const real = p.address;
          if (real && p.domain && client?.email !== real && !mailboxes.has(real) && !whitelistMatch(real, p.domain)) {
            reportOutside(real, p.domain);
          }
        } else {
          out.add('RECIPIENT_INVALID', 'block', p.raw, 'RECIPIENT_INVALID', { address: p.raw }, { problem: p.problem ?? 'unparseable' });
        }
        continue;
      }
      const address = r.address!;
      if (r.role === 'outside') {
        reportOutside(address, r.domain!);
      } else if (r.role === 'whitelisted' && client?.agreement && !listMatches(client.agreement, address, r.domain!)) {
        out.add('RECIPIENT_NOT_IN_AGREEMENT', 'block', address, 'RECIPIENT_NOT_IN_AGREEMENT', {
          address,
          client: client.record.id,
        });
      }
    }

    // Attachments: what the automatic fix does, or why it can't.
    for (const att of attachments) {
      const file = att.name;
      const facts = { sha256: att.sha256, type: att.type };
      if (att.size > cp.maxAttachmentBytes) {
        out.add('ATTACHMENT_UNREADABLE', 'block', file, 'ATTACHMENT_UNREADABLE.tooLarge', { file, limitMB: policy.maxAttachmentMB ?? 25 }, { ...facts, problem: 'too-large' });
        continue;
      }
      const problem = att.problem ?? (att.fix && !att.fix.ok ? (att.fix.problem ?? null) : null);
      if (problem || !att.readable || (att.fix && !att.fix.ok)) {
        const kind = problem?.kind ?? (att.readable ? 'conversion-failed' : 'unreadable');
        if (kind === 'unsupported') {
          out.add('ATTACHMENT_UNSUPPORTED', 'block', file, 'ATTACHMENT_UNSUPPORTED', { file }, { ...facts, problem: kind });
        } else {
          const key: CatalogKey =
            kind === 'encrypted'
              ? 'ATTACHMENT_UNREADABLE.encrypted'
              : kind === 'corrupt'
                ? 'ATTACHMENT_UNREADABLE.corrupt'
                : kind === 'too-large'
                  ? 'ATTACHMENT_UNREADABLE.tooLarge'
                  : 'ATTACHMENT_UNREADABLE';
          out.add('ATTACHMENT_UNREADABLE', 'block', file, key, {
            file,
            limitMB: policy.maxAttachmentMB ?? 25,
            reason: t(lang, `reason.${kind}` as CatalogKey),
          }, { ...facts, problem: kind });
        }
        continue;
      }
      const action = att.fix
        ? att.fix.action
        : att.type === 'pdf'
          ? 'flattened'
          : CONVERTIBLE_TYPES.has(att.type)
            ? 'converted'
            : 'unsupported';
      if (action === 'converted') out.add('ATTACHMENT_CONVERTED', 'info', file, 'ATTACHMENT_CONVERTED', { file }, facts);
      else if (action === 'flattened') out.add('PDF_FLATTENED', 'info', file, 'PDF_FLATTENED', { file }, facts);
      else if (action === 'unsupported') out.add('ATTACHMENT_UNSUPPORTED', 'block', file, 'ATTACHMENT_UNSUPPORTED', { file }, { ...facts, problem: 'unsupported' });
    }

    // Approvals (rule 2): for every non-client recipient, and only with a known client.
    if (beyondClient && client) {
      const id = client.record.id;
      if (message.reportKind === 'progress') {
        out.add('PROGRESS_INFO', 'warn', id, 'PROGRESS_INFO', { client: id });
      } else {
        const ex = message.exception;
        const exceptionValid = !!ex && justificationOk(ex.justification);
        let exceptionUsed = false;
        // Approvals that count at `now`: any → a missing one is STALE (wrong version), none → MISSING.
        const hasAny = [...client.approvals.values()].some((at) => at <= nowMs);
        for (const att of attachments) {
          const approvedAt = client.approvals.get(att.sha256);
          if (approvedAt !== undefined && approvedAt <= nowMs) continue;
          if (exceptionValid) {
            exceptionUsed = true;
            continue;
          }
          const code = hasAny ? 'APPROVAL_STALE' : 'APPROVAL_MISSING';
          out.add(code, 'block', att.name, code, { file: att.name, client: id }, { sha256: att.sha256 });
        }
        if (exceptionUsed && ex) {
          out.add('EXCEPTION_GROUND_USED', 'warn', id, 'EXCEPTION_GROUND_USED', {
            client: id,
            ground: t(lang, `ground.${ex.ground}` as CatalogKey),
          }, { ground: ex.ground });
        }
      }
    }

    // Health data (rule 3): body or any attachment; no exception ground replaces consent.
    if (beyondClient) {
      const terms: string[] = [...bodyTerms];
      for (const att of attachments) {
        for (const term of attachmentHealthTerms(cp, att)) if (!terms.includes(term)) terms.push(term);
      }
      const overrideAccepted = declared === false && terms.length > 0 && justificationOk(message.healthOverrideJustification);
      const health = declared === true || (terms.length > 0 && !overrideAccepted);
      if (overrideAccepted) {
        out.add('HEALTH_DATA_DECLARED_ABSENT', 'warn', client?.record.id, 'HEALTH_DATA_DECLARED_ABSENT', { terms: termsParam(terms) }, {
          terms: terms.join(', '),
        });
      }
      if (health && !consentValid(client, nowMs)) {
        const id = client?.record.id ?? clientId;
        out.add(
          'HEALTH_CONSENT_MISSING',
          'block',
          id || undefined,
          terms.length > 0 ? 'HEALTH_CONSENT_MISSING' : 'HEALTH_CONSENT_MISSING.declared',
          { client: id, terms: termsParam(terms) },
          { terms: terms.join(', '), declared: declared === true },
        );
      }
    }
  } else {
    // Mail without attachments: not restricted, only warnings (contracts §4, last paragraph).
    const overrideAccepted = declared === false && bodyTerms.length > 0 && justificationOk(message.healthOverrideJustification);
    const healthInBody = declared === true || (bodyTerms.length > 0 && !overrideAccepted);
    let outsideCount = 0;
    for (const r of recipients) {
      if (r.role !== 'outside') continue;
      outsideCount++;
      const address = r.address!;
      const hit = lookalikeOf(protection, r.domain!);
      if (hit) {
        out.add('RECIPIENT_LOOKALIKE', 'warn', address, 'RECIPIENT_LOOKALIKE', { address, resembles: hit.resembles }, {
          resembles: hit.resembles,
          reason: hit.reason,
        });
      }
      if (healthInBody) {
        out.add('HEALTH_DATA_IN_BODY', 'warn', address, bodyTerms.length > 0 ? 'HEALTH_DATA_IN_BODY' : 'HEALTH_DATA_IN_BODY.declared', { address, terms: termsParam(bodyTerms) }, {
          terms: bodyTerms.join(', '),
        });
      }
    }
    if (overrideAccepted && outsideCount > 0) {
      out.add('HEALTH_DATA_DECLARED_ABSENT', 'warn', client?.record.id, 'HEALTH_DATA_DECLARED_ABSENT', { terms: termsParam(bodyTerms) }, {
        terms: bodyTerms.join(', '),
      });
    }
  }

  return out.verdict();
}

export function consentValid(client: CompiledClient | null, nowMs: number): boolean {
  const c = client?.consent;
  if (!c || !c.written) return false;
  if (!(c.givenAt <= nowMs)) return false;
  return c.withdrawnAt === null || c.withdrawnAt > nowMs;
}
