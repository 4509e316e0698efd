// After an approval round (the report to the client alone) is sent, the webmail tab offers to
// record the approval once the client agrees: the decision's answer carries the offer, the tab
// keeps it (a page loaded after the send reads it), and `open` opens the approval form for that
// exact task — the popup page in a tab, client and document filled in.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../../utils/core/documents/hash.ts';
import { loadPolicyFile, loadRecordsFile } from '../../../../../utils/browser/storage/load.ts';
import { recordApproval } from '../../../../../utils/browser/records/actions.ts';
import { makePdf } from '../../../../helpers/fixtures.ts';
import { MINIMAL_POLICY_RAW, NOW } from '../../../../helpers/engine.ts';
import { analyseRequest, composeTo, useTestBackground, CONTENT_SCRIPT, OPTIONS_PAGE } from '../../../../helpers/background.ts';

const PDF = await makePdf(['Rapportage C-1042: afspraken over de proefplaatsing.']);
const bg = useTestBackground();
const OTHER_TAB = { ...CONTENT_SCRIPT, tab: { id: 2 } };

async function approvalRound() {
  await loadPolicyFile(JSON.stringify(MINIMAL_POLICY_RAW), 'policy.json');
  await loadRecordsFile(JSON.stringify({ version: 1, clients: [{ id: 'C-1042', name: 'J. de Vries', email: 'jdevries@example.org' }] }), 'records.json');
  const sha = await sha256Hex(PDF);
  await bg.handle(analyseRequest('rapport-C-1042-v3.pdf', PDF), CONTENT_SCRIPT);
  const r = await bg.handle({ kind: 'evaluate', composeKey: 'compose-1', message: composeTo(['J. de Vries <jdevries@example.org>']), attachments: [{ name: 'rapport-C-1042-v3.pdf', sha256: sha }] }, CONTENT_SCRIPT);
  if (!r.ok || !('verdict' in r)) throw new Error('no verdict');
  return { checkId: r.checkId, sha };
}

describe('approval offer after an approval round', () => {
  it('the sent decision answers with the offer; the tab reads it again after its page changed, and open opens the form for that task', async () => {
    const { checkId } = await approvalRound();
    const sent = await bg.handle({ kind: 'decision', checkId, action: 'sent' }, CONTENT_SCRIPT);
    const [task] = await bg.deps.records.followUps();
    expect(task).toMatchObject({ kind: 'await-approval', clientId: 'C-1042' });
    expect(sent).toEqual({ ok: true, approvalOffer: { followUpId: task!.id, client: 'C-1042', documents: [{ name: 'rapport-C-1042-v3.pdf' }] } });

    // Roundcube's list page after the send, in the same tab: the offer is still there.
    expect(await bg.handle({ kind: 'approval-offer', action: 'read' }, CONTENT_SCRIPT)).toEqual({ ok: true, offer: (sent as { approvalOffer: unknown }).approvalOffer });
    // Another tab has none.
    expect(await bg.handle({ kind: 'approval-offer', action: 'read' }, OTHER_TAB)).toEqual({ ok: true, offer: null });

    const opened = await bg.handle({ kind: 'approval-offer', action: 'open' }, CONTENT_SCRIPT);
    expect(opened).toMatchObject({ ok: true, offer: { followUpId: task!.id } });
    expect(bg.opened).toEqual([`/popup.html?approve=${task!.id}`]);
    // Taken: not offered again (the task stays in the popup until the approval is recorded).
    expect(await bg.handle({ kind: 'approval-offer', action: 'read' }, CONTENT_SCRIPT)).toEqual({ ok: true, offer: null });
    expect((await bg.deps.records.followUps()).filter((f) => f.doneAt === null)).toHaveLength(1);
  });

  it('dismissed, or the approval recorded meanwhile, or older than half an hour: no offer', async () => {
    const { checkId, sha } = await approvalRound();
    await bg.handle({ kind: 'decision', checkId, action: 'sent' }, CONTENT_SCRIPT);
    expect(await bg.handle({ kind: 'approval-offer', action: 'dismiss' }, CONTENT_SCRIPT)).toEqual({ ok: true, offer: null });
    expect(await bg.handle({ kind: 'approval-offer', action: 'read' }, CONTENT_SCRIPT)).toEqual({ ok: true, offer: null });
    expect(bg.opened).toEqual([]);

    const [task] = await bg.deps.records.followUps();
    await bg.deps.records.putOffer(1, { followUpId: task!.id, client: 'C-1042', documents: [] }, NOW);
    await recordApproval({ store: bg.deps.records, audit: bg.audit, now: () => NOW, newId: () => 'a-1' }, { clientId: 'C-1042', documentSha256: sha, method: 'email', approvedAt: NOW.toISOString() });
    expect(await bg.handle({ kind: 'approval-offer', action: 'open' }, CONTENT_SCRIPT)).toEqual({ ok: true, offer: null });
    expect(bg.opened).toEqual([]);

    await bg.deps.records.putFollowUp({ ...task!, doneAt: null });
    await bg.deps.records.putOffer(1, { followUpId: task!.id, client: 'C-1042', documents: [] }, new Date(NOW.getTime() - 31 * 60_000));
    expect(await bg.handle({ kind: 'approval-offer', action: 'read' }, CONTENT_SCRIPT)).toEqual({ ok: true, offer: null });
  });

  it('a mail to the employer leaves no offer; a request without a tab is refused', async () => {
    await loadPolicyFile(JSON.stringify(MINIMAL_POLICY_RAW), 'policy.json');
    const r = await bg.handle({ kind: 'evaluate', composeKey: 'c', message: composeTo(['hr@werkgever-a.nl']), attachments: [] }, CONTENT_SCRIPT);
    if (!r.ok || !('checkId' in r)) throw new Error('no verdict');
    expect(await bg.handle({ kind: 'decision', checkId: r.checkId, action: 'sent' }, CONTENT_SCRIPT)).toEqual({ ok: true });
    expect(await bg.handle({ kind: 'approval-offer', action: 'read' }, OPTIONS_PAGE)).toMatchObject({ ok: false, error: expect.stringMatching(/only a webmail tab/) });
  });
});
