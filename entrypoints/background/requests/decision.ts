// `decision`: what the user (or the adapter) did after a verdict — sent, cancelled, confirmed a
// warning, swapped an attachment — appended to the audit log under the verdict's checkId. A send
// turns what the verdict left to do into follow-ups (inform the client, record the approval when
// the client agrees; utils/core/records/follow-ups.ts), each audited. After an approval round the
// answer carries the offer to record the approval, which the tab keeps showing (approval-offer.ts).
import { followUpsForSent } from '../../../utils/core/records/follow-ups.ts';
import type { ApprovalOffer } from '../../../utils/core/messaging/protocol.ts';
import type { RequestHandler } from '../deps.ts';

export const decision: RequestHandler<'decision'> = async (deps, request, from) => {
  let approvalOffer: ApprovalOffer | undefined;
  await deps.audit.append('decision', { checkId: request.checkId, action: request.action, details: request.details ?? {} }, deps.now());
  if (request.action === 'sent') {
    const sent = await deps.records.takePending(request.checkId).catch(() => null);
    if (sent) {
      for (const f of followUpsForSent(sent, deps.now(), deps.newId)) {
        await deps.records.putFollowUp(f);
        await deps.audit.append('records-changed', { action: 'follow-up-created', followUp: f.id, kind: f.kind, client: f.clientId, checkId: f.checkId }, deps.now());
        if (f.kind === 'await-approval') approvalOffer = { followUpId: f.id, client: f.clientId, documents: f.documents.map((d) => ({ name: d.name })) };
      }
    }
    if (approvalOffer && from.tabId !== undefined) await deps.records.putOffer(from.tabId, approvalOffer, deps.now()).catch(() => undefined);
  }
  return approvalOffer ? { ok: true, approvalOffer } : { ok: true };
};
