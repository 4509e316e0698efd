// What every rule of one evaluation shares, worked out once before any rule runs: who sends, for
// which regiokantoor, who receives and in what role, which client the mail is about. Rules read
// it and never change it; what only one rule needs it derives itself (lazily, once per
// evaluation, through `ctx.once`).
//
// Decisions made here, for all rules (each one fails closed or follows the contract's intent):
// - A sender whose From does not parse (or holds two addresses) is an unknown sender.
// - A sender listed by several regiokantoren: if the mail carries the mailbox of some of them
//   (as sender or recipient), those regiokantoren apply; otherwise all of them do, and a
//   recipient is allowed when any of their whitelists allows it.
// - A sender in no regiokantoor (rules/sender.ts blocks it on report mail): its recipients are
//   judged against the union of all whitelists, so the user sees only the other real problems.
// - Duplicate recipients (same normalised address in To and Cc, or twice in To) are judged once,
//   at their first appearance (To, then Cc, then Bcc): one finding per address, not per copy.
// - Roles, first match wins: the client's own e-mail address is the client even when also
//   whitelisted (the reporting agreement restricts third parties, not the client); then the
//   regiokantoor's own mailbox (allowed, not held to the client's agreement, else
//   requireRegioMailbox + an agreement could never both be met); then the whitelist; else outside.
// - A disclosure is anything that reaches someone other than the client or our own mailbox; an
//   unparseable recipient counts as a third party (fail closed). "Beyond the client" is anyone
//   but the client (the mailbox too): rules 2 and 3 exempt only the approval round, the report to
//   the client alone.
import { parseRecipientList } from '../recipients/index.ts';
import type { ParsedRecipient } from '../recipients/types.ts';
import { lookupClient, type ClientLookup } from '../records/lookup.ts';
import type { Records } from '../records/schema.ts';
import type { AnalysedAttachment } from '../documents/types.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Policy } from './schema.ts';
import { MIN_JUSTIFICATION_LENGTH, type CheckMessage } from './message-schema.ts';
import { compileClient, compilePolicy, remember, type CompiledClient, type CompiledPolicy, type CompiledRegio } from './compile.ts';

export type Role = 'client' | 'mailbox' | 'whitelisted' | 'outside' | 'invalid';

export interface Recipient {
  parsed: ParsedRecipient;
  field: 'to' | 'cc' | 'bcc';
  /** Normalised address; null when the recipient is invalid. */
  address: string | null;
  domain: string | null;
  role: Role;
  /**
   * The address that is outside the whitelist (contracts §5: "on report mail a recipient outside
   * the whitelist always gets RECIPIENT_NOT_WHITELISTED"): the recipient's own when its role is
   * 'outside', or the real address behind a display name that shows another one, when that real
   * address is not the client's, not a mailbox and not whitelisted either. Else null.
   */
  outside: Judged | null;
}

/** An address with its domain, both normalised. */
export interface Judged {
  readonly address: string;
  readonly domain: string;
}

export interface RuleContext {
  readonly message: CheckMessage;
  readonly policy: Policy;
  readonly compiled: CompiledPolicy;
  readonly lang: Lang;
  readonly nowMs: number;
  /** Report mail: at least one attachment (contracts §4). Other mail is only warned about. */
  readonly isReport: boolean;
  readonly attachments: readonly AnalysedAttachment[];
  /** In message order (To, Cc, Bcc), each address once. */
  readonly recipients: readonly Recipient[];
  /** The sender's normalised address; null when From does not parse. */
  readonly sender: string | null;
  /** The regiokantoren that apply to this mail (see above); empty for an unknown sender. */
  readonly regios: readonly CompiledRegio[];
  readonly senderKnown: boolean;
  /** The applicable regiokantoren's mailboxes (all mailboxes for an unknown sender). */
  readonly mailboxes: ReadonlySet<string>;
  readonly lookup: ClientLookup;
  readonly client: CompiledClient | null;
  /** The client's id, or the references found when none could be chosen ('' when none). */
  readonly clientRef: string;
  /** Someone other than the client or our own mailbox receives the mail. */
  readonly disclosure: boolean;
  /** Someone other than the client receives the mail. */
  readonly beyondClient: boolean;
  /** On a whitelist that applies (already normalised address and domain). */
  whitelisted(address: string, domain: string): boolean;
  /**
   * `derive(ctx)`, computed on first use and then remembered for the rest of this evaluation:
   * for what one rule needs for several recipients or attachments (keyed by the function).
   */
  once<T>(derive: (ctx: RuleContext) => T): T;
}

/** Length in characters (code points) after trimming: at least MIN_JUSTIFICATION_LENGTH. */
export function justificationOk(text: string | null | undefined): boolean {
  if (!text) return false;
  return [...text.trim()].length >= MIN_JUSTIFICATION_LENGTH;
}

// Parsed recipient fields by raw text: the dialog re-evaluates the same fields many times.
const parseCache = new Map<string, readonly ParsedRecipient[]>();

function parseField(raw: string): readonly ParsedRecipient[] {
  const hit = parseCache.get(raw);
  if (hit) return hit;
  return remember(parseCache, raw, parseRecipientList(raw), 4096);
}

export function buildContext(message: CheckMessage, policy: Policy, records: Records, now: Date, lang: Lang): RuleContext {
  const compiled = compilePolicy(policy);
  const attachments = message.attachments ?? [];

  // Recipients: parse, dedupe (first appearance wins).
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
          outside: null,
        });
      }
    }
  }

  // Sender and its regiokantoren.
  const fromParsed = parseField(message.from ?? '');
  const senderOk = fromParsed.length === 1 && fromParsed[0]!.problem === null && fromParsed[0]!.address !== null;
  const sender = senderOk ? fromParsed[0]!.address! : null;
  let regios: readonly CompiledRegio[] = sender ? (compiled.bySender.get(sender) ?? []) : [];
  if (regios.length > 1) {
    const carried = new Set<string>(recipients.map((r) => r.address).filter((a): a is string => a !== null));
    if (sender) carried.add(sender);
    const narrowed = regios.filter((r) => carried.has(r.mailbox));
    if (narrowed.length > 0) regios = narrowed;
  }
  const senderKnown = regios.length > 0;
  const mailboxes: ReadonlySet<string> = !senderKnown
    ? compiled.allMailboxes
    : regios.length === 1
      ? regios[0]!.mailboxSet
      : new Set(regios.map((r) => r.mailbox));
  const whitelisted = (address: string, domain: string): boolean => {
    if (!senderKnown) return compiled.allWhitelist.matchesNormalised(address, domain);
    for (const r of regios) if (r.whitelist.matchesNormalised(address, domain)) return true;
    return false;
  };

  // Client.
  const lookup = lookupClient(records, {
    client: message.client,
    subject: message.subject ?? '',
    attachmentNames: attachments.map((a) => a.name),
  });
  const client = lookup.kind === 'found' ? compileClient(lookup.client) : null;
  const clientRef = client ? client.record.id : lookup.kind === 'unknown' ? lookup.references.join(', ') : '';

  // Roles, and the address each recipient has outside the whitelist.
  const roleOf = (address: string, domain: string): Role => {
    if (client?.email === address) return 'client';
    if (mailboxes.has(address)) return 'mailbox';
    if (whitelisted(address, domain)) return 'whitelisted';
    return 'outside';
  };
  let disclosure = false;
  let beyondClient = false;
  for (const r of recipients) {
    if (r.role !== 'invalid') r.role = roleOf(r.address!, r.domain!);
    // The parsed recipient holds the (real) address and its domain: no copy needed.
    const { address, domain } = r.parsed;
    if (r.role === 'outside') r.outside = r.parsed as Judged;
    else if (r.role === 'invalid' && r.parsed.problem === 'display-name-mismatch' && address && domain && roleOf(address, domain) === 'outside') {
      r.outside = r.parsed as Judged;
    }
    if (r.role === 'invalid' || r.role === 'whitelisted' || r.role === 'outside') disclosure = true;
    if (r.role !== 'client') beyondClient = true;
  }

  // `once` results as [derive, value, derive, value, …]: a rule or two per evaluation, so a scan beats a Map.
  const derived: unknown[] = [];
  const ctx: RuleContext = {
    message,
    policy,
    compiled,
    lang,
    nowMs: now.getTime(),
    isReport: attachments.length > 0,
    attachments,
    recipients,
    sender,
    regios,
    senderKnown,
    mailboxes,
    lookup,
    client,
    clientRef,
    disclosure,
    beyondClient,
    whitelisted,
    once<T>(derive: (ctx: RuleContext) => T): T {
      for (let i = 0; i < derived.length; i += 2) if (derived[i] === derive) return derived[i + 1] as T;
      const value = derive(ctx);
      derived.push(derive, value);
      return value;
    },
  };
  return ctx;
}
