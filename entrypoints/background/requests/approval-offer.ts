// `approval-offer`: the webmail tab's offer to record the approval after an approval round (the
// report sent to the client alone; decision.ts keeps it per tab). `read` returns it while the task
// is open and the offer is fresh, `dismiss` drops it (the task stays in the popup), `open` drops it
// and opens the approval form for that task: the popup page in a tab, client and document filled in.
import { fail, type RequestHandler } from '../deps.ts';

/** An offer older than this is not shown again (the task stays in the popup). */
export const OFFER_MAX_MS = 30 * 60_000;

export const approvalOffer: RequestHandler<'approval-offer'> = async (deps, request, from) => {
  if (from.tabId === undefined) return fail('refused: only a webmail tab has an approval offer');
  const kept = await deps.records.getOffer(from.tabId);
  if (!kept) return { ok: true, offer: null };
  const task = await deps.records.getFollowUp(kept.offer.followUpId);
  const fresh = deps.now().getTime() - Date.parse(kept.at) < OFFER_MAX_MS;
  if (!fresh || !task || task.doneAt !== null) {
    await deps.records.dropOffer(from.tabId);
    return { ok: true, offer: null };
  }
  if (request.action === 'read') return { ok: true, offer: kept.offer };
  await deps.records.dropOffer(from.tabId);
  if (request.action === 'open') await deps.openPage(`/popup.html?approve=${encodeURIComponent(kept.offer.followUpId)}`);
  return { ok: true, offer: request.action === 'open' ? kept.offer : null };
};
