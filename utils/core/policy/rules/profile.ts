// Contracts §4 rule 6 (art. 3.1.i): an attachment that is a CV or profile (../../profile/detect.ts:
// heading lines and file name, adjustable in the policy's `profileDetection`) sent to anyone but
// the client needs the client's explicit profile consent (PROFILE_CONSENT_MISSING, block). With
// `anonymisedOnly`, a CV that names the client — name, e-mail address, or a phone number in the
// record — blocks (PROFILE_NOT_ANONYMISED).
//
// Decisions:
// - Anyone but the client: the regio mailbox counts, as for approvals; a CV to the client alone
//   needs nothing.
// - Consent counts when `explicit` is true and, when dated, given by now.
// - Unknown client: CLIENT_UNKNOWN blocks already; the CV blocks too (no consent can be found).
// - The file name counts even when the text can't be read (a scan named "CV J. de Vries.pdf").
// - The name check reads the attachment's text; for a CV whose text can't be read with
//   anonymisedOnly, it blocks (it can't be shown to be anonymised).
import type { AnalysedAttachment } from '../../documents/types.ts';
import { detectProfile, namesClient, type ProfileDetection } from '../../profile/detect.ts';
import type { CompiledPolicy } from '../compile.ts';
import type { AttachmentRule } from './rule.ts';
import { NONE, finding } from './rule.ts';

const detections = new WeakMap<CompiledPolicy, WeakMap<AnalysedAttachment, ProfileDetection>>();

export const profile: AttachmentRule = (ctx, att) => {
  if (!ctx.beyondClient) return NONE;
  let perPolicy = detections.get(ctx.compiled);
  if (!perPolicy) detections.set(ctx.compiled, (perPolicy = new WeakMap()));
  let d = perPolicy.get(att);
  if (!d) perPolicy.set(att, (d = detectProfile(att.name, att.text ?? '', ctx.policy.profileDetection)));
  if (!d.isProfile) return NONE;

  const record = ctx.client?.record;
  const id = record?.id ?? ctx.clientRef;
  const consent = record?.profileConsent;
  const given = !!consent?.explicit && (!consent.givenAt || Date.parse(consent.givenAt) <= ctx.nowMs);
  const details = { headings: d.headings.join(', '), byName: d.byName };
  if (!given) return [finding(ctx, 'PROFILE_CONSENT_MISSING', 'block', att.name, 'PROFILE_CONSENT_MISSING', { file: att.name, client: id }, details)];
  if (consent?.anonymisedOnly) {
    const named = att.text ? namesClient(att.text, record!) : 'unreadable';
    if (named) {
      return [
        finding(ctx, 'PROFILE_NOT_ANONYMISED', 'block', att.name, named === 'unreadable' ? 'PROFILE_NOT_ANONYMISED.unreadable' : 'PROFILE_NOT_ANONYMISED', { file: att.name, client: id }, { ...details, names: named }),
      ];
    }
  }
  return NONE;
};
