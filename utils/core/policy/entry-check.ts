// Live validation for the admin console: what a typed whitelist entry, staff address or mailbox
// means, in both IDN forms, and what to warn about before it is added. The same parsing and
// lookalike detection as the send check (utils/core/recipients), so what the console accepts is
// exactly what the engine will match.
import { compileEntry, findLookalike, isValidEntry, normaliseAddress, toUnicodeDomain } from '../recipients/index.ts';
import type { LookalikeReason } from '../recipients/index.ts';
import type { RegioList, TopList } from './changes.ts';
import { valueKey } from './changes.ts';

/**
 * Free-mail providers: a whitelist entry for the whole domain lets a report go to anyone with a
 * mailbox there. Dutch consumer providers first, then the international ones staff meet most.
 */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'ziggo.nl', 'kpnmail.nl', 'kpnplanet.nl', 'planet.nl', 'hetnet.nl', 'home.nl', 'xs4all.nl', 'telfort.nl', 'tele2.nl',
  'casema.nl', 'chello.nl', 'upcmail.nl', 'quicknet.nl', 'zeelandnet.nl', 'online.nl', 'caiway.nl', 'solcon.nl', 'freeler.nl',
  'hotmail.nl', 'live.nl', 'outlook.nl', 'yahoo.nl', 'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com',
  'msn.com', 'yahoo.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'gmx.com', 'gmx.net', 'gmx.de', 'web.de',
  'proton.me', 'protonmail.com', 'mail.com', 'zoho.com', 'yandex.com',
];
const FREE_MAIL = new Set(FREE_MAIL_DOMAINS);

export type EntryWarning =
  | { kind: 'lookalike'; resembles: string; resemblesUnicode: string; reason: LookalikeReason }
  | { kind: 'free-mail'; domain: string; wholeDomain: boolean }
  | { kind: 'duplicate'; existing: string };

export type EntryCheck =
  | { ok: false; error: 'empty' | 'invalid-entry' | 'invalid-address' | 'top-level-only' }
  | {
      ok: true;
      /** The value as it will be stored (trimmed, as typed). */
      value: string;
      kind: 'address' | 'domain' | 'subdomains';
      /** The ASCII (punycode) form the matcher compares, e.g. `*.xn--pst-sna.nl`. */
      ascii: string;
      /** The Unicode form, e.g. `*.pöst.nl`; equal to ascii for plain names. */
      unicode: string;
      warnings: EntryWarning[];
    };

function forms(kind: 'address' | 'domain' | 'subdomains', domain: string, address: string | null): { ascii: string; unicode: string } {
  const u = toUnicodeDomain(domain) ?? domain;
  if (kind === 'address') {
    const local = address!.slice(0, address!.lastIndexOf('@'));
    return { ascii: address!, unicode: `${local}@${u}` };
  }
  if (kind === 'subdomains') return { ascii: `*.${domain}`, unicode: `*.${u}` };
  return { ascii: domain, unicode: u };
}

/**
 * Checks one value for `list` against the entries already there. Recipient lists take the three
 * entry forms (contracts §2); `staff` and the mailbox take an address only.
 */
export function checkEntry(input: string, list: RegioList | TopList | 'mailbox', existing: readonly string[]): EntryCheck {
  const value = input.trim();
  if (value === '') return { ok: false, error: 'empty' };
  if (list === 'staff' || list === 'mailbox') {
    const a = normaliseAddress(value);
    if (!a || value.startsWith('*')) return { ok: false, error: 'invalid-address' };
    const { ascii, unicode } = forms('address', a.domain, a.address);
    const warnings: EntryWarning[] = [];
    const dup = existing.find((e) => valueKey('staff', e) === valueKey('staff', value));
    if (dup !== undefined) warnings.push({ kind: 'duplicate', existing: dup });
    return { ok: true, value, kind: 'address', ascii, unicode, warnings };
  }
  if (list === 'healthTerms.add' || list === 'healthTerms.remove') {
    const dup = existing.find((e) => valueKey(list, e) === valueKey(list, value));
    return { ok: true, value, kind: 'domain', ascii: value, unicode: value, warnings: dup !== undefined ? [{ kind: 'duplicate', existing: dup }] : [] };
  }
  const c = compileEntry(value);
  if (!c) return { ok: false, error: 'invalid-entry' };
  if (!isValidEntry(value)) return { ok: false, error: 'top-level-only' };
  const { ascii, unicode } = forms(c.kind, c.domain, c.address);
  const warnings: EntryWarning[] = [];
  const dup = existing.find((e) => valueKey(list, e) === valueKey(list, value));
  if (dup !== undefined) warnings.push({ kind: 'duplicate', existing: dup });
  else {
    // Lookalike of an entry already on the list: the same test the send check applies to recipients.
    const others = existing.filter((e) => isValidEntry(e));
    const hit = findLookalike(c.domain, others);
    if (hit && hit.resembles !== c.domain) {
      warnings.push({ kind: 'lookalike', resembles: hit.resembles, resemblesUnicode: toUnicodeDomain(hit.resembles) ?? hit.resembles, reason: hit.reason });
    }
  }
  if (FREE_MAIL.has(c.domain)) warnings.push({ kind: 'free-mail', domain: c.domain, wholeDomain: c.kind !== 'address' });
  return { ok: true, value, kind: c.kind, ascii, unicode, warnings };
}
