// `status`: what is loaded (policy, organisation, regiokantoren, clients), for the pages that show it.
import type { RequestHandler } from '../deps.ts';

export const status: RequestHandler<'status'> = async (deps) => {
  const [policy, records] = await Promise.all([deps.readPolicy(), deps.readRecords()]);
  const guard = deps.guard.active();
  if (policy.state !== 'loaded') return { ok: true, policyLoaded: false, guard };
  return {
    ok: true,
    policyLoaded: true,
    guard,
    organisation: policy.summary.organisation,
    regiokantoren: policy.summary.regiokantoren,
    clients: records.state === 'loaded' ? records.summary.clients : 0,
  };
};
