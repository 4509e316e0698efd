import { describe, expect, it, vi } from 'vitest';
import { SendFlow, type DialogPort, type DialogResult } from '../../../../entrypoints/webmail.content/send-flow.ts';
import type { AttachmentTracker, AnalysisResult } from '../../../../entrypoints/webmail.content/attachment-tracker.ts';
import { WebmailDeclined, type ComposeAttachment, type WebmailAdapter } from '../../../../utils/browser/webmail/adapter.ts';
import type { Verdict } from '../../../../utils/core/policy/types.ts';
import { bytesToBase64 } from '../../../../utils/core/messaging/base64.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import { EMPTY_ANSWERS } from '../../../../components/dialog/answers.ts';

const ATT: ComposeAttachment = { id: 'rcmfile1', name: 'rapport.docx', complete: true };
const FIELDS = { from: 'a.jansen@focus-nederland.nl', to: ['hr@werkgever-a.nl'], cc: [], bcc: [], subject: 'Rapport C-1042', body: 'x' };
const ALLOW: Verdict = { verdict: 'allow', findings: [] };
const warn = (...codes: string[]): Verdict => ({
  verdict: 'warn',
  findings: codes.map((code) => ({ code: code as never, severity: 'warn', message: code })),
});
const block = (...codes: string[]): Verdict => ({
  verdict: 'block',
  findings: codes.map((code) => ({ code: code as never, severity: 'block', message: code })),
});

function analysisFor(sha256: string, fix: 'none' | 'converted' = 'none'): AnalysisResult {
  return {
    ok: true,
    value: {
      ok: true,
      analysis: { name: ATT.name, size: 3, sha256, type: 'docx', readable: true, problem: null, text: '' },
      fix: { action: fix, ok: true },
    },
  };
}

function setup(opts: {
  verdicts: Verdict[];
  layoutOk?: boolean;
  attachments?: ComposeAttachment[];
  analysis?: AnalysisResult;
  dialogAnswers?: DialogResult[];
  converted?: { name: string; bytes: Uint8Array } | { error: string };
  swapFails?: boolean;
  releaseFails?: boolean;
  releaseDeclined?: boolean;
  evaluateError?: string;
}) {
  let attachments = opts.attachments ?? [];
  const calls = { evaluateReqs: [] as unknown[], evaluate: [] as unknown[], decisions: [] as { action: string }[], released: 0, swapped: 0, dialogs: [] as Verdict[], errors: [] as string[] };
  const adapter: WebmailAdapter = {
    name: 'fake',
    detect: () => true,
    hasExpectedLayout: () => (opts.layoutOk === false ? { ok: false, missing: ['send button'] } : { ok: true }),
    composeKey: () => 'cid',
    readCompose: async () => ({ ...FIELDS }),
    listAttachments: () => attachments,
    fetchAttachmentBytes: async () => new Uint8Array([1, 2, 3]),
    onAttachmentsChanged: () => () => {},
    interceptSend: () => () => {},
    releaseSend: async () => {
      calls.released++;
      if (opts.releaseFails) throw new Error('webmail did not send');
      if (opts.releaseDeclined) throw new WebmailDeclined('subject prompt');
    },
    swapAttachment: async (_old, file) => {
      if (opts.swapFails) throw new Error('uploaded bytes differ');
      calls.swapped++;
      return { id: 'rcmfile2', name: file.name, complete: true };
    },
    placeUi: () => null,
  };
  const tracker = { analysisOf: async () => opts.analysis ?? analysisFor('a'.repeat(64)) } as unknown as AttachmentTracker;
  const answers = [...(opts.dialogAnswers ?? [])];
  const dialog: DialogPort = {
    showBusy: () => {},
    showVerdict: async ({ verdict }) => {
      calls.dialogs.push(verdict);
      return answers.shift() ?? { action: 'back' };
    },
    showError: async (s) => {
      calls.errors.push(s);
    },
    close: () => {},
  };
  const verdicts = [...opts.verdicts];
  const send = vi.fn(async (req: { kind: string; [k: string]: unknown }) => {
    switch (req.kind) {
      case 'evaluate':
        calls.evaluate.push(req.message);
        calls.evaluateReqs.push(req);
        if (opts.evaluateError) return { ok: false, error: opts.evaluateError };
        return { ok: true, verdict: verdicts.shift() ?? ALLOW, checkId: 'chk', clients: [{ id: 'C-1042', name: 'J. de Vries' }] };
      case 'decision':
        calls.decisions.push({ action: String(req.action) });
        return { ok: true };
      case 'converted': {
        const c = opts.converted;
        if (!c || 'error' in c) return { ok: false, error: c?.error ?? 'none' };
        return { ok: true, name: c.name, bytesB64: bytesToBase64(c.bytes), sha256: await sha256Hex(c.bytes) };
      }
      default:
        return { ok: false, error: 'unexpected' };
    }
  });
  const flow = new SendFlow({ adapter, tracker, dialog, send: send as never, lang: 'nl', analysisTimeoutMs: 500, stepTimeoutMs: 500 });
  return { flow, calls, setAttachments: (a: ComposeAttachment[]) => (attachments = a) };
}

describe('SendFlow', () => {
  it('releases exactly one send on allow and records it', async () => {
    const { flow, calls } = setup({ verdicts: [ALLOW] });
    await flow.onAttempt();
    expect(calls.released).toBe(1);
    expect(calls.decisions.map((d) => d.action)).toEqual(['sent']);
    expect(calls.dialogs).toHaveLength(0);
  });

  it('fails closed with one sentence when the page does not look as expected', async () => {
    const { flow, calls } = setup({ verdicts: [ALLOW], layoutOk: false });
    await flow.onAttempt();
    expect(calls.released).toBe(0);
    expect(calls.evaluate).toHaveLength(0);
    expect(calls.errors).toEqual([expect.stringContaining('ReportGuard kan dit verzendscherm niet controleren')]);
  });

  it('blocks and sends nothing when the user goes back from a block', async () => {
    const { flow, calls } = setup({ verdicts: [block('RECIPIENT_NOT_WHITELISTED')] });
    await flow.onAttempt();
    expect(calls.released).toBe(0);
    expect(calls.dialogs).toHaveLength(1);
    expect(calls.decisions.map((d) => d.action)).toEqual(['send-blocked']);
  });

  it('evaluates again after a confirmed warning, then sends', async () => {
    const { flow, calls } = setup({ verdicts: [warn('PROGRESS_INFO'), warn('PROGRESS_INFO')], dialogAnswers: [{ action: 'confirm', answers: { ...EMPTY_ANSWERS, reportKind: 'progress' } }] });
    await flow.onAttempt();
    expect(calls.evaluate).toHaveLength(2);
    expect((calls.evaluate[1] as { reportKind?: string }).reportKind).toBe('progress');
    expect(calls.released).toBe(1);
    expect(calls.decisions.map((d) => d.action)).toEqual(['warning-confirmed', 'sent']);
  });

  it('does not trust the dialog: a confirmed warning that turns into a block is not sent', async () => {
    const { flow, calls } = setup({ verdicts: [warn('PROGRESS_INFO'), block('APPROVAL_MISSING')], dialogAnswers: [{ action: 'confirm', answers: EMPTY_ANSWERS }] });
    await flow.onAttempt();
    expect(calls.released).toBe(0);
    expect(calls.dialogs.map((v) => v.verdict)).toEqual(['warn', 'block']);
  });

  it('shows a new warning again instead of sending on an older confirmation', async () => {
    const { flow, calls } = setup({
      verdicts: [warn('PROGRESS_INFO'), warn('PROGRESS_INFO', 'HEALTH_DATA_DECLARED_ABSENT'), warn('PROGRESS_INFO', 'HEALTH_DATA_DECLARED_ABSENT')],
      dialogAnswers: [{ action: 'confirm', answers: EMPTY_ANSWERS }, { action: 'confirm', answers: EMPTY_ANSWERS }],
    });
    await flow.onAttempt();
    expect(calls.dialogs).toHaveLength(2);
    expect(calls.released).toBe(1);
  });

  it('sends the chosen exception ground back for evaluation after a block', async () => {
    const answers = { ...EMPTY_ANSWERS, ground: 'legal-obligation' as const, justification: 'Wettelijke plicht: poortwachterstoets UWV' };
    const { flow, calls } = setup({
      attachments: [ATT],
      verdicts: [block('APPROVAL_MISSING'), warn('EXCEPTION_GROUND_USED'), warn('EXCEPTION_GROUND_USED')],
      dialogAnswers: [{ action: 'recheck', answers }, { action: 'confirm', answers }],
    });
    await flow.onAttempt();
    expect((calls.evaluate[1] as { exception?: unknown }).exception).toEqual({ ground: 'legal-obligation', justification: answers.justification });
    expect(calls.released).toBe(1);
  });

  it('swaps in the converted PDF before sending', async () => {
    const { flow, calls } = setup({
      attachments: [ATT],
      analysis: analysisFor('b'.repeat(64), 'converted'),
      verdicts: [ALLOW],
      converted: { name: 'rapport.pdf', bytes: new TextEncoder().encode('%PDF-1.7 x') },
    });
    await flow.onAttempt();
    expect(calls.swapped).toBe(1);
    expect(calls.decisions.map((d) => d.action)).toEqual(['swapped', 'sent']);
  });

  it('after a swap the webmail declined, the retry checks the original and does not swap again', async () => {
    const t = setup({
      attachments: [ATT],
      analysis: analysisFor('b'.repeat(64), 'converted'),
      verdicts: [ALLOW, ALLOW],
      converted: { name: 'rapport.pdf', bytes: new TextEncoder().encode('%PDF-1.7 x') },
      releaseDeclined: true,
    });
    await t.flow.onAttempt();
    expect(t.calls.swapped).toBe(1);
    // The swapped-in copy is now the listed attachment; the retry must evaluate the original's hash.
    const swappedList: ComposeAttachment[] = [{ id: 'rcmfile2', name: 'rapport.pdf', complete: true }];
    t.setAttachments(swappedList);
    await t.flow.onAttempt();
    expect(t.calls.swapped).toBe(1);
    expect((t.calls.evaluateReqs[1] as { attachments: { sha256: string }[] }).attachments[0]!.sha256).toBe('b'.repeat(64));
  });

  it('keeps the original and blocks when the swap fails', async () => {
    const { flow, calls } = setup({
      attachments: [ATT],
      analysis: analysisFor('b'.repeat(64), 'converted'),
      verdicts: [ALLOW],
      converted: { name: 'rapport.pdf', bytes: new TextEncoder().encode('%PDF-1.7 x') },
      swapFails: true,
    });
    await flow.onAttempt();
    expect(calls.released).toBe(0);
    expect(calls.decisions.map((d) => d.action)).toEqual(['swap-failed']);
    expect(calls.errors[0]).toContain('rapport.docx');
  });

  it('blocks when the converted PDF cannot be had', async () => {
    const { flow, calls } = setup({ attachments: [ATT], analysis: analysisFor('b'.repeat(64), 'converted'), verdicts: [ALLOW], converted: { error: 'gone' } });
    await flow.onAttempt();
    expect(calls.released).toBe(0);
    expect(calls.decisions.map((d) => d.action)).toEqual(['swap-failed']);
  });

  it('blocks when the background fails or an attachment was not analysed', async () => {
    const a = setup({ verdicts: [ALLOW], evaluateError: 'no policy' });
    await a.flow.onAttempt();
    expect(a.calls.released).toBe(0);
    expect(a.calls.errors[0]).toContain('no policy');
    const b = setup({ attachments: [ATT], analysis: { ok: false, error: 'HTTP 500' }, verdicts: [ALLOW] });
    await b.flow.onAttempt();
    expect(b.calls.released).toBe(0);
    expect(b.calls.evaluate).toHaveLength(0);
    expect(b.calls.errors[0]).toContain('HTTP 500');
  });

  it('blocks while an attachment is still uploading', async () => {
    const { flow, calls } = setup({ attachments: [{ ...ATT, complete: false }], verdicts: [ALLOW] });
    await flow.onAttempt();
    expect(calls.released).toBe(0);
    expect(calls.errors).toHaveLength(1);
  });

  it('reports a webmail that did not send', async () => {
    const { flow, calls } = setup({ verdicts: [ALLOW], releaseFails: true });
    await flow.onAttempt();
    expect(calls.decisions.map((d) => d.action)).toEqual(['send-blocked']);
    expect(calls.errors).toHaveLength(1);
  });

  it("leaves it to the webmail when its own check stops the released send", async () => {
    const { flow, calls } = setup({ verdicts: [ALLOW], releaseDeclined: true });
    await flow.onAttempt();
    expect(calls.decisions.map((d) => d.action)).toEqual(['send-blocked']);
    expect(calls.errors).toHaveLength(0);
  });

  it('ignores a second attempt while a check runs', async () => {
    const { flow, calls } = setup({ verdicts: [ALLOW, ALLOW] });
    await Promise.all([flow.onAttempt(), flow.onAttempt()]);
    expect(calls.released).toBe(1);
  });
});
