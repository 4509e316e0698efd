// `evaluate` (send time): the verdict of the policy engine on the message as composed, with the
// cached analyses of its attachments. Always a verdict: when the check cannot run (no policy,
// invalid records, an attachment never analysed, an engine error, no audit log) it is a block
// with CHECK_FAILED. Every verdict is written to the audit log before it is returned. A request
// that carries its submission gets, with an allow verdict, its one-time release as well (./release.ts).
import type { AttachmentRef, ComposeMessage } from '../../../utils/core/messaging/protocol.ts';
import type { AnalysisSettings } from '../../../utils/core/messaging/offscreen.ts';
import { evaluate as evaluatePolicy } from '../../../utils/core/policy/evaluate.ts';
import type { Finding, Verdict } from '../../../utils/core/policy/types.ts';
import { EMPTY_RECORDS } from '../../../utils/core/records/schema.ts';
import type { AnalysedAttachment } from '../../../utils/core/documents/types.ts';
import { t } from '../../../utils/core/i18n/findings.ts';
import type { Lang } from '../../../utils/core/i18n/lang.ts';
import { bg } from '../../../utils/core/i18n/background.ts';
import type { BackgroundDeps, RequestHandler } from '../deps.ts';
import { cachedAnalysis, runAnalysis, withName } from '../attachment-analysis.ts';
import { copyAge } from '../../../utils/core/records/remote.ts';
import { lookupClient } from '../../../utils/core/records/lookup.ts';
import { parseRecipientList } from '../../../utils/core/recipients/index.ts';
import type { Policy } from '../../../utils/core/policy/schema.ts';
import type { Records } from '../../../utils/core/records/schema.ts';
import type { RecordsSummary } from '../../../utils/browser/storage/load.ts';
import { formatStaffTime } from '../../../utils/core/i18n/time.ts';
import { release } from './release.ts';

export const evaluate: RequestHandler<'evaluate'> = async (deps, request, from) => {
  const lang = deps.lang();
  const now = deps.now();
  const checkId = deps.newId();
  const [policy, records] = await Promise.all([deps.readPolicy(), deps.readRecords()]);
  const clients = records.state === 'loaded' ? records.value.clients.map((c) => ({ id: c.id, name: c.name ?? '' })) : [];

  const approvedAs: Record<string, string> = {};
  let verdict: Verdict;
  if (policy.state !== 'loaded') {
    verdict = blocked([checkFailed(lang, bg(lang, policy.state === 'none' ? 'check.noPolicy' : 'check.policyInvalid'))]);
  } else if (records.state === 'invalid') {
    verdict = blocked([checkFailed(lang, bg(lang, 'check.recordsInvalid'))]);
  } else {
    const settings = { maxAttachmentMB: policy.value.maxAttachmentMB, protectPdf: policy.value.protectPdf };
    const analysed: AnalysedAttachment[] = [];
    const missing: Finding[] = [];
    // A picture in the body leaves as a part of its own and can't be made a flat PDF in place.
    for (const img of request.inlineImages ?? []) missing.push(inlineImage(lang, img.name));
    for (const ref of request.attachments) {
      const analysis = await analysisForSend(deps, ref, settings);
      // A PDF the extension made from an original (a report sent before, forwarded now) is that
      // document: its approval is the original's. Its text and fix stay its own.
      const original = analysis ? await deps.derived.originalOf(ref.sha256) : null;
      if (original) approvedAs[ref.sha256] = original;
      if (analysis) analysed.push({ ...withName(analysis, ref.name), ...(original ? { sha256: original } : {}) });
      else {
        // The details let the content script recognise this case: send the bytes again, then re-check.
        const finding = checkFailed(lang, bg(lang, 'check.attachmentNotChecked', { file: ref.name }), ref.name);
        finding.details = { reason: 'attachment-not-analysed', sha256: ref.sha256 };
        missing.push(finding);
      }
    }
    const recordsValue = records.state === 'loaded' ? records.value : EMPTY_RECORDS;
    // Records from the client system past the policy's maximum age: report mail fails closed.
    const stale = request.attachments.length > 0 ? recordsTooOld(policy.value, records.state === 'loaded' ? records.summary : null, now, lang) : null;
    if (stale) missing.unshift(stale);
    try {
      const engine = evaluatePolicy({ ...request.message, attachments: analysed }, policy.value, recordsValue, now, { lang });
      verdict = missing.length ? blocked([...missing, ...engine.findings]) : engine;
    } catch {
      verdict = blocked([...missing, checkFailed(lang, bg(lang, 'check.engineError'))]);
    }
    if (verdict.verdict !== 'block') await rememberFollowUps(deps, checkId, request, recordsValue, verdict, now, approvedAs);
  }

  try {
    await deps.audit.append(
      'verdict',
      {
        checkId,
        composeKey: request.composeKey,
        verdict: verdict.verdict,
        codes: verdict.findings.map((f) => f.code),
        ...recipientsForAudit(request.message),
        attachments: request.attachments.map((a) => a.sha256),
        // Copies the extension made, judged as their originals: copy → original.
        approvedAs,
        inlineImages: (request.inlineImages ?? []).map((i) => i.sha256),
        client: request.message.client ?? null,
        reportKind: request.message.reportKind ?? null,
        exceptionGround: request.message.exception?.ground ?? null,
        containsHealthData: request.message.containsHealthData,
        healthOverride: request.message.healthOverrideJustification !== null,
        policySha256: policy.state === 'loaded' ? policy.summary.sha256 : null,
        recordsSha256: records.state === 'loaded' ? records.summary.sha256 : null,
      },
      now,
    );
  } catch {
    // A send that leaves no trace is not allowed: fail closed.
    verdict = blocked([checkFailed(lang, bg(lang, 'check.auditUnavailable')), ...verdict.findings]);
  }
  // Allowed and audited: the release asked for with it, as a `release` request would get it.
  if (request.release && verdict.verdict === 'allow') {
    const r = await release(deps, { kind: 'release', composeKey: request.composeKey, checkId, ...request.release }, from);
    return { ok: true, verdict, checkId, clients, release: r.ok ? { token: r.token } : { error: r.error } };
  }
  return { ok: true, verdict, checkId, clients };
};

function recordsTooOld(policy: Policy, summary: RecordsSummary | null, now: Date, lang: Lang): Finding | null {
  const source = policy.recordsSource;
  if (!source) return null;
  const fetchedAt = summary?.source === 'remote' ? summary.loadedAt : null;
  const age = copyAge(fetchedAt, now, source.maxAgeHours);
  if (!age.tooOld) return null;
  const when = fetchedAt
    ? formatStaffTime(lang, fetchedAt, 'minute-long')
    : '';
  return {
    code: 'RECORDS_STALE',
    severity: 'block',
    message: t(lang, fetchedAt ? 'RECORDS_STALE' : 'RECORDS_STALE.never', { fetchedAt: when, hours: source.maxAgeHours }),
    details: { fetchedAt, maxAgeHours: source.maxAgeHours },
  };
}

/**
 * What the mail leaves to do once it is sent (utils/core/records/follow-ups.ts), kept under the
 * checkId until the `decision` says sent. File names stay out of the audit log: they are here.
 */
async function rememberFollowUps(
  deps: BackgroundDeps,
  checkId: string,
  request: { message: ComposeMessage; attachments: readonly AttachmentRef[] },
  records: Records,
  verdict: Verdict,
  now: Date,
  /** A PDF the extension made → its original: the client approves the original (what staff hold). */
  approvedAs: Readonly<Record<string, string>>,
): Promise<void> {
  const lookup = lookupClient(records, { client: request.message.client, subject: request.message.subject ?? '', attachmentNames: request.attachments.map((a) => a.name) });
  if (lookup.kind !== 'found') return;
  const clientEmail = lookup.client.email?.toLowerCase() ?? null;
  const recipients = [...request.message.to, ...request.message.cc, ...request.message.bcc].flatMap((raw) => parseRecipientList(raw));
  const approvalRound = request.attachments.length > 0 && clientEmail !== null && recipients.length > 0 && recipients.every((r) => r.address === clientEmail);
  const codes = verdict.findings.map((f) => f.code);
  if (!approvalRound && !codes.includes('PROGRESS_INFO') && !codes.includes('EXCEPTION_GROUND_USED')) return;
  try {
    await deps.records.putPending(
      {
        checkId,
        client: lookup.client.id,
        codes,
        exceptionGround: request.message.exception?.ground ?? null,
        approvalRound,
        documents: request.attachments.map((a) => ({ sha256: approvedAs[a.sha256] ?? a.sha256, name: a.name })),
      },
      now,
    );
  } catch {
    // A follow-up that can't be remembered must not stop the send; the audit has the verdict.
  }
}

/** The cached analysis, or a fresh one from bytes still in the cache (e.g. after a policy change). */
async function analysisForSend(deps: BackgroundDeps, ref: AttachmentRef, settings: AnalysisSettings): Promise<AnalysedAttachment | null> {
  const hit = await cachedAnalysis(deps, ref.sha256, settings);
  if (hit) return hit;
  if (!(await deps.cache.hasBlob('orig', ref.sha256))) return null;
  const result = await runAnalysis(deps, ref.sha256, ref.name, settings);
  return result.ok ? result.analysis : null;
}

function checkFailed(lang: Lang, reason: string, subject?: string): Finding {
  const finding: Finding = { code: 'CHECK_FAILED', severity: 'block', message: t(lang, 'CHECK_FAILED', { reason }) };
  if (subject !== undefined) finding.subject = subject;
  return finding;
}

function inlineImage(lang: Lang, name: string): Finding {
  return { code: 'ATTACHMENT_INLINE', severity: 'block', subject: name, message: t(lang, 'ATTACHMENT_INLINE', { file: name }) };
}

function blocked(findings: Finding[]): Verdict {
  return { verdict: 'block', findings };
}

/** Addresses only, without display names (they can hold a person's name). */
function recipientsForAudit(message: ComposeMessage): { from: string; to: string[]; cc: string[]; bcc: string[] } {
  return { from: addressOf(message.from), to: message.to.map(addressOf), cc: message.cc.map(addressOf), bcc: message.bcc.map(addressOf) };
}

function addressOf(raw: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(raw);
  return (angle ? angle[1]! : raw).trim().slice(0, 320);
}
