// Contracts §4 rule 2: each attachment of a `full` report to anyone but the client needs the
// client's approval of exactly that document (its SHA-256): APPROVAL_MISSING when the client has
// approved nothing yet, APPROVAL_STALE when it approved other versions (block). A valid exception
// ground with a justification replaces the approvals (EXCEPTION_GROUND_USED, warn: inform the
// client); `progress` needs none (PROGRESS_INFO, warn: inform the client orally).
//
// Decisions:
// - Applies when anyone other than the client receives the report (the contract's "non-client
//   recipient"; the regio mailbox counts), and only with a known client: without one,
//   CLIENT_UNKNOWN already blocks. The approval round (to the client alone) needs nothing.
// - An approval dated after `now` does not count yet.
// - `reportKind: progress` needs no approval; an exception ground given with it is ignored.
// - A justification shorter than 20 characters is not accepted: the approvals are still needed.
// - EXCEPTION_GROUND_USED is reported once per message, only if some attachment lacked approval.
// - APPROVAL_STALE says which version was approved and when (the latest approval that counts:
//   its file name when staff recorded one, its date), so staff know the client must see this one.
import { type FindingsKey, t } from '../../i18n/findings.ts';
import type { Finding } from '../types.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { ClientRecord } from '../../records/schema.ts';
import { justificationOk } from '../context.ts';
import type { Rule } from './rule.ts';
import { NONE, finding } from './rule.ts';
import { formatStaffTime } from '../../i18n/time.ts';

export const approval: Rule = (ctx) => {
  const client = ctx.client;
  if (!ctx.isReport || !ctx.beyondClient || !client) return NONE;
  const id = client.record.id;
  if (ctx.message.reportKind === 'progress') return [finding(ctx, 'PROGRESS_INFO', 'warn', id, 'PROGRESS_INFO', { client: id })];
  const ex = ctx.message.exception;
  const exceptionValid = !!ex && justificationOk(ex.justification);
  let exceptionUsed = false;
  const out: Finding[] = [];
  // Approvals that count at `now`: any → a missing one is STALE (wrong version), none → MISSING.
  const hasAny = [...client.approvals.values()].some((at) => at <= ctx.nowMs);
  for (const att of ctx.attachments) {
    const approvedAt = client.approvals.get(att.sha256);
    if (approvedAt !== undefined && approvedAt <= ctx.nowMs) continue;
    if (exceptionValid) {
      exceptionUsed = true;
      continue;
    }
    if (!hasAny) {
      out.push(finding(ctx, 'APPROVAL_MISSING', 'block', att.name, 'APPROVAL_MISSING', { file: att.name, client: id }, { sha256: att.sha256 }));
      continue;
    }
    const latest = latestApproval(client.record.approvals, ctx.nowMs);
    const approvedFile = typeof latest?.documentName === 'string' && latest.documentName ? latest.documentName : null;
    out.push(
      finding(
        ctx,
        'APPROVAL_STALE',
        'block',
        att.name,
        approvedFile ? 'APPROVAL_STALE.named' : 'APPROVAL_STALE',
        { file: att.name, client: id, approvedAt: latest ? formatDate(latest.approvedAt, ctx.lang) : '', approvedFile: approvedFile ?? '' },
        { sha256: att.sha256, approvedSha256: latest?.documentSha256 ?? null, approvedAt: latest?.approvedAt ?? null, approvedFile },
      ),
    );
  }
  if (exceptionUsed && ex) {
    out.push(
      finding(ctx, 'EXCEPTION_GROUND_USED', 'warn', id, 'EXCEPTION_GROUND_USED', { client: id, ground: t(ctx.lang, `ground.${ex.ground}` as FindingsKey) }, { ground: ex.ground }),
    );
  }
  return out;
};

/** The most recent approval that counts at `nowMs`. */
function latestApproval(approvals: ClientRecord['approvals'], nowMs: number): ClientRecord['approvals'][number] | null {
  let best: ClientRecord['approvals'][number] | null = null;
  for (const a of approvals) {
    const at = Date.parse(a.approvedAt);
    if (at <= nowMs && (!best || at > Date.parse(best.approvedAt))) best = a;
  }
  return best;
}

/** "2 november 2026" / "2 November 2026", in the office's time zone. */
function formatDate(iso: string, lang: Lang): string {
  return formatStaffTime(lang, iso, 'day-long');
}
