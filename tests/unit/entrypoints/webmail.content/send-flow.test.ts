// The send flow against a fake webmail and a fake background: what it checks (the session's
// attachments, the form as the server reads it), when it checks again (anything changed), and
// that it asks for exactly one release and hands exactly one submission to the webmail.
import { describe, expect, it, vi } from 'vitest';
import { Swapper } from '../../../../entrypoints/webmail.content/swapper.ts';
import { SessionReadings } from '../../../../entrypoints/webmail.content/session-reading.ts';
import { DraftSaver, SendFlow, type DialogPort, type DialogResult } from '../../../../entrypoints/webmail.content/send-flow.ts';
import type { AttachmentTracker, AnalysisResult } from '../../../../entrypoints/webmail.content/attachment-tracker.ts';
import type { ComposeAttachment, InlineImage, OutgoingMessage, PreparedSubmission, SubmitOutcome, WebmailAdapter } from '../../../../utils/browser/webmail/adapter.ts';
import { roundcubeNetwork } from '../../../../utils/browser/webmail/roundcube/network.ts';
import type { Verdict } from '../../../../utils/core/policy/types.ts';
import type { ReleaseRequest } from '../../../../utils/core/messaging/protocol.ts';
import { bytesToBase64 } from '../../../../utils/core/messaging/base64.ts';
import { sha256Hex } from '../../../../utils/core/documents/hash.ts';
import { EMPTY_ANSWERS } from '../../../../components/dialog/answers.ts';

const ATT: ComposeAttachment = { id: 'rcmfile1', name: 'rapport.docx', complete: true };
const FIELDS: { from: string; to: string[]; cc: string[]; bcc: string[]; subject: string; body: string } = { from: 'a.jansen@focus-nederland.nl', to: ['hr@werkgever-a.nl'], cc: [], bcc: [], subject: 'Rapport C-1042', body: 'x' };
const ALLOW: Verdict = { verdict: 'allow', findings: [] };
const warn = (...codes: string[]): Verdict => ({
  verdict: 'warn',
  findings: codes.map((code) => ({ code: code as never, severity: 'warn', message: code })),
});
const block = (...codes: string[]): Verdict => ({
  verdict: 'block',
  findings: codes.map((code) => ({ code: code as never, severity: 'block', message: code })),
});

function analysisFor(sha256: string, fix: 'none' | 'converted' = 'none', name = ATT.name): AnalysisResult {
  return {
    ok: true,
    value: {
      ok: true,
      analysis: { name, size: 3, sha256, type: 'docx', readable: true, problem: null, text: '' },
      fix: { action: fix, ok: true },
    },
  };
}

interface Setup {
  verdicts: Verdict[];
  layoutOk?: boolean;
  /** The compose session on the server (the screen lists `shown`, default the same). */
  session?: ComposeAttachment[];
  shown?: ComposeAttachment[];
  analysis?: (att: ComposeAttachment) => AnalysisResult;
  dialogAnswers?: DialogResult[];
  converted?: { name: string; bytes: Uint8Array } | { error: string };
  swapFails?: boolean;
  /** Outcomes of successive submits (default done). */
  outcomes?: SubmitOutcome[];
  /** Errors of successive releases (default ok). */
  releaseErrors?: (string | null)[];
  evaluateError?: string;
  busy?: boolean;
  inline?: InlineImage[];
  /** Called on every readOutgoing: lets a test change the message between readings. */
  onRead?: (n: number) => Partial<typeof FIELDS> | null;
  /** The busy view's delay (default 0: shown at once, so each busy state is seen). */
  busyDelayMs?: number;
  /** Readings made ahead of Send (session-reading.ts), with the fake adapter and background. */
  readAhead?: boolean;
}

function setup(opts: Setup) {
  let session = opts.session ?? [];
  let shown = opts.shown ?? session;
  let reads = 0;
  let fields = { ...FIELDS };
  const calls = {
    evaluateReqs: [] as { attachments: { sha256: string }[]; inlineImages?: unknown[]; message: unknown }[],
    decisions: [] as { action: string; details: Record<string, unknown> }[],
    releases: [] as ReleaseRequest[],
    submits: 0,
    swapped: 0,
    analysed: [] as string[],
    dialogs: [] as Verdict[],
    errors: [] as string[],
    busy: [] as string[],
    serverReads: 0,
    closed: 0,
  };
  const uploaded = new Map<string, Uint8Array>();
  const outcomes = [...(opts.outcomes ?? [])];
  const releaseErrors = [...(opts.releaseErrors ?? [])];
  const read = (): OutgoingMessage => {
    const patch = opts.onRead?.(reads++);
    if (patch) fields = { ...fields, ...patch };
    return { composeKey: 'cid', fields: { ...fields }, inlineImages: opts.inline ?? [], contentKey: JSON.stringify(fields) };
  };
  const adapter: WebmailAdapter = {
    name: 'fake',
    network: roundcubeNetwork,
    detect: () => true,
    hasExpectedLayout: () => (opts.layoutOk === false ? { ok: false, missing: ['send button'] } : { ok: true }),
    composeKey: () => 'cid',
    readOutgoing: read,
    sessionAttachments: async () => {
      calls.serverReads++;
      return session.map((a) => ({ ...a }));
    },
    listAttachments: () => shown,
    fetchAttachmentBytes: async (att) => uploaded.get(att.id) ?? new Uint8Array([1, 2, 3]),
    onAttachmentsChanged: () => () => {},
    interceptSubmissions: () => () => {},
    syncEditor: async () => {},
    prepareSubmission: (mode, ids): PreparedSubmission => {
      const f: [string, string][] = [
        ['_task', 'mail'],
        ['_action', 'send'],
        ['_id', 'cid'],
        ['_to', fields.to.join(', ')],
        ['_draft', mode === 'draft' ? '1' : ''],
        ['_attachments', ids.map((i) => i.replace(/^rcmfile/, '')).join(',')],
      ];
      return { mode, url: 'http://127.0.0.1/?_task=mail&_action=send&_id=cid', fields: f, attachmentIds: [...ids], text: JSON.stringify(f) };
    },
    submit: async () => {
      calls.submits++;
      return outcomes.shift() ?? { kind: 'done' };
    },
    uploadAttachment: async (file) => {
      if (opts.swapFails) throw new Error('upload refused');
      calls.swapped++;
      const fresh = { id: `rcmfile${100 + calls.swapped}`, name: file.name, complete: true };
      uploaded.set(fresh.id, file.bytes);
      session = [...session, fresh];
      shown = session;
      return fresh;
    },
    removeAttachment: async (att) => {
      session = session.filter((a) => a.id !== att.id);
      shown = session;
    },
    uploadReplaces: () => false,
    swapsAtAttach: true,
    placeUi: () => null,
  };
  const tracker = {
    analysisOf: async (att: ComposeAttachment) => {
      calls.analysed.push(att.id);
      return opts.analysis?.(att) ?? analysisFor('a'.repeat(64));
    },
  } as unknown as AttachmentTracker;
  const answers = [...(opts.dialogAnswers ?? [])];
  const dialog: DialogPort = {
    showBusy: (kind) => {
      calls.busy.push(kind);
    },
    showVerdict: async ({ verdict }) => {
      calls.dialogs.push(verdict);
      return answers.shift() ?? { action: 'back' };
    },
    showError: async (s) => {
      calls.errors.push(s);
    },
    close: () => {
      calls.closed++;
    },
  };
  const verdicts = [...opts.verdicts];
  let generation = 0;
  /** The background's release: refused when the session moved since `generation` was read (send-guard.ts). */
  const release = (req: ReleaseRequest): { ok: true; token: string } | { ok: false; error: string } => {
    calls.releases.push(req);
    const err = releaseErrors.shift() ?? (req.submission.mode === 'send' && req.generation !== `g${generation}` ? 'session-changed' : null);
    return err ? { ok: false, error: err } : { ok: true, token: 'f'.repeat(32) };
  };
  const send = vi.fn(async (req: { kind: string; [k: string]: unknown }) => {
    switch (req.kind) {
      case 'session-state':
        return { ok: true, generation: `g${generation}`, busy: !!opts.busy };
      case 'evaluate': {
        calls.evaluateReqs.push(req as never);
        if (opts.evaluateError) return { ok: false, error: opts.evaluateError };
        const verdict = verdicts.shift() ?? ALLOW;
        const answer = { ok: true, verdict, checkId: 'chk', clients: [{ id: 'C-1042', name: 'J. de Vries' }] };
        // As the background: an allow verdict with the release asked for it gets that release.
        if (verdict.verdict !== 'allow' || !req.release) return answer;
        const r = release({ kind: 'release', composeKey: String(req.composeKey), checkId: 'chk', ...(req.release as object) } as ReleaseRequest);
        return { ...answer, release: r.ok ? { token: r.token } : { error: r.error } };
      }
      case 'decision':
        calls.decisions.push({ action: String(req.action), details: (req.details ?? {}) as Record<string, unknown> });
        return { ok: true };
      case 'release':
        return release(req as unknown as ReleaseRequest);
      case 'converted': {
        const c = opts.converted;
        if (!c || 'error' in c) return { ok: false, error: c?.error ?? 'none' };
        return { ok: true, name: c.name, bytesB64: bytesToBase64(c.bytes), sha256: await sha256Hex(c.bytes) };
      }
      default:
        return { ok: false, error: 'unexpected' };
    }
  });
  const swapper = new Swapper(adapter, send as never, 500);
  const readings = opts.readAhead ? new SessionReadings(adapter, send as never, 500) : undefined;
  const flow = new SendFlow({
    adapter,
    tracker,
    swapper,
    dialog,
    send: send as never,
    lang: 'nl',
    analysisTimeoutMs: 500,
    stepTimeoutMs: 500,
    busyDelayMs: opts.busyDelayMs ?? 0,
    ...(readings ? { readings } : {}),
  });
  return {
    flow,
    swapper,
    readings,
    calls,
    adapter,
    send,
    bumpGeneration: () => generation++,
    setSession: (a: ComposeAttachment[]) => (session = shown = a),
    /** Only the server's session changes (another tab's upload): this screen lists what it did. */
    setServer: (a: ComposeAttachment[]) => (session = a),
  };
}

const actions = (calls: { decisions: { action: string }[] }) => calls.decisions.map((d) => d.action);

describe('SendFlow', () => {
  it('on allow asks for one release of exactly what it read and submits once', async () => {
    const { flow, calls } = setup({ verdicts: [ALLOW], session: [ATT] });
    await flow.onAttempt();
    expect(calls.releases).toHaveLength(1);
    const r = calls.releases[0]!;
    expect(r.checkId).toBe('chk');
    expect(r.generation).toBe('g0');
    expect(r.attachments).toEqual([{ id: 'rcmfile1', name: 'rapport.docx', sha256: 'a'.repeat(64) }]);
    expect(r.submission).toMatchObject({ mode: 'send', composeKey: 'cid', recipients: ['hr@werkgever-a.nl'], attachmentIds: ['1'] });
    expect(calls.submits).toBe(1);
    expect(actions(calls)).toEqual(['sent']);
    expect(calls.dialogs).toHaveLength(0);
  });

  it('fails closed with one sentence when the page does not look as expected', async () => {
    const { flow, calls } = setup({ verdicts: [ALLOW], layoutOk: false });
    await flow.onAttempt();
    expect(calls.submits).toBe(0);
    expect(calls.evaluateReqs).toHaveLength(0);
    expect(calls.errors).toEqual([expect.stringContaining('ReportGuard kan dit verzendscherm niet controleren')]);
  });

  it('checks every attachment of the compose session, also one this screen does not show (a duplicated tab)', async () => {
    const other = { id: 'rcmfile9', name: 'uit-ander-tabblad.pdf', complete: true };
    const { flow, calls } = setup({
      verdicts: [block('APPROVAL_STALE')],
      session: [ATT, other],
      shown: [ATT],
      analysis: (att) => analysisFor(att.id === 'rcmfile9' ? '9'.repeat(64) : 'a'.repeat(64), 'none', att.name),
    });
    await flow.onAttempt();
    expect(calls.analysed).toEqual(['rcmfile1', 'rcmfile9']);
    expect(calls.evaluateReqs[0]!.attachments.map((a) => a.sha256)).toEqual(['a'.repeat(64), '9'.repeat(64)]);
    expect(calls.submits).toBe(0);
  });

  it('hands pictures in the body to the check as inline images', async () => {
    const { flow, calls } = setup({ verdicts: [block('ATTACHMENT_INLINE')], inline: [{ name: 'inline-1.png', mime: 'image/png', bytes: new Uint8Array([1, 2]) }] });
    await flow.onAttempt();
    expect(calls.evaluateReqs[0]!.inlineImages).toEqual([{ name: 'inline-1.png', sha256: await sha256Hex(new Uint8Array([1, 2])), size: 2 }]);
    expect(calls.submits).toBe(0);
  });

  it('blocks and sends nothing when the user goes back from a block', async () => {
    const { flow, calls } = setup({ verdicts: [block('RECIPIENT_NOT_WHITELISTED')] });
    await flow.onAttempt();
    expect(calls.releases).toHaveLength(0);
    expect(calls.dialogs).toHaveLength(1);
    expect(actions(calls)).toEqual(['send-blocked']);
  });

  it('evaluates again after a confirmed warning, then sends', async () => {
    const { flow, calls } = setup({ verdicts: [warn('PROGRESS_INFO'), warn('PROGRESS_INFO')], dialogAnswers: [{ action: 'confirm', answers: { ...EMPTY_ANSWERS, reportKind: 'progress' } }] });
    await flow.onAttempt();
    expect(calls.evaluateReqs).toHaveLength(2);
    expect((calls.evaluateReqs[1]!.message as { reportKind?: string }).reportKind).toBe('progress');
    expect(calls.submits).toBe(1);
    expect(actions(calls)).toEqual(['warning-confirmed', 'sent']);
  });

  it('does not trust the dialog: a confirmed warning that turns into a block is not sent', async () => {
    const { flow, calls } = setup({ verdicts: [warn('PROGRESS_INFO'), block('APPROVAL_MISSING')], dialogAnswers: [{ action: 'confirm', answers: EMPTY_ANSWERS }] });
    await flow.onAttempt();
    expect(calls.submits).toBe(0);
    expect(calls.dialogs.map((v) => v.verdict)).toEqual(['warn', 'block']);
  });

  it('shows a new warning again instead of sending on an older confirmation', async () => {
    const { flow, calls } = setup({
      verdicts: [warn('PROGRESS_INFO'), warn('PROGRESS_INFO', 'HEALTH_DATA_DECLARED_ABSENT'), warn('PROGRESS_INFO', 'HEALTH_DATA_DECLARED_ABSENT')],
      dialogAnswers: [{ action: 'confirm', answers: EMPTY_ANSWERS }, { action: 'confirm', answers: EMPTY_ANSWERS }],
    });
    await flow.onAttempt();
    expect(calls.dialogs).toHaveLength(2);
    expect(calls.submits).toBe(1);
  });

  it('a message changed between its reading and the submission asked for (a Cc typed meanwhile) is read again, never released as checked', async () => {
    // Reading 0 is the check; reading 1 (with the submission the release is asked for) finds a new Cc.
    const { flow, calls } = setup({ verdicts: [block('RECIPIENT_NOT_WHITELISTED')], onRead: (n) => (n === 1 ? { cc: ['iemand@gmail.com'] } : null) });
    await flow.onAttempt();
    expect(calls.evaluateReqs).toHaveLength(1);
    expect((calls.evaluateReqs[0]!.message as { cc: string[] }).cc).toEqual(['iemand@gmail.com']);
    expect(calls.releases).toHaveLength(0);
    expect(actions(calls)).toEqual(['send-blocked']);
  });

  it('a message changed after the verdict (a Cc typed meanwhile) is checked again, never released as checked', async () => {
    // With a swap at Send the release is asked after the verdict: reading 1 (before it) finds a new Cc.
    const original = { ...ATT, id: 'rcmfile1' };
    const { flow, calls } = setup({
      verdicts: [ALLOW, block('RECIPIENT_NOT_WHITELISTED')],
      session: [original],
      analysis: () => analysisFor('a'.repeat(64), 'converted'),
      converted: { name: 'rapport.pdf', bytes: new Uint8Array([9, 9]) },
      onRead: (n) => (n === 1 ? { cc: ['iemand@gmail.com'] } : null),
    });
    await flow.onAttempt();
    expect(calls.evaluateReqs).toHaveLength(2);
    expect((calls.evaluateReqs[1]!.message as { cc: string[] }).cc).toEqual(['iemand@gmail.com']);
    expect(calls.releases).toHaveLength(0);
    expect(actions(calls)).toEqual(['rechecked', 'send-blocked']);
  });

  it('asks for the release with the verdict: one request to the background for an allowed send, none for the session state while the reading ahead stands', async () => {
    const t = setup({ verdicts: [ALLOW], session: [ATT], readAhead: true });
    t.readings!.soon(0, true);
    await vi.waitFor(() => expect(t.calls.serverReads).toBe(1));
    t.send.mockClear();
    await t.flow.onAttempt();
    expect(t.send.mock.calls.map(([r]) => r.kind)).toEqual(['evaluate', 'decision']);
    expect(t.calls.submits).toBe(1);
    // Without a reading ahead: the session state first, then the verdict with its release.
    const u = setup({ verdicts: [ALLOW], session: [ATT] });
    await u.flow.onAttempt();
    expect(u.send.mock.calls.map(([r]) => r.kind)).toEqual(['session-state', 'evaluate', 'decision']);
    // A warning to confirm releases nothing with its verdict: the release follows the confirmation.
    const w = setup({ verdicts: [warn('PROGRESS_INFO'), warn('PROGRESS_INFO')], session: [ATT], dialogAnswers: [{ action: 'confirm', answers: EMPTY_ANSWERS }] });
    await w.flow.onAttempt();
    expect(w.send.mock.calls.map(([r]) => r.kind)).toEqual(['session-state', 'evaluate', 'evaluate', 'decision', 'release', 'decision']);
    expect(w.calls.submits).toBe(1);
  });

  it('a session changed since the check (the background refuses the release) means a new check', async () => {
    const { flow, calls } = setup({ verdicts: [ALLOW, ALLOW], session: [ATT], releaseErrors: ['session-changed', null] });
    await flow.onAttempt();
    expect(calls.evaluateReqs).toHaveLength(2);
    expect(calls.releases).toHaveLength(2);
    expect(calls.submits).toBe(1);
    expect(actions(calls)).toEqual(['rechecked', 'sent']);
  });

  it('a form that changed in the last synchronous reading (submit says changed) means a new check', async () => {
    const { flow, calls } = setup({ verdicts: [ALLOW, ALLOW], outcomes: [{ kind: 'changed' }, { kind: 'done' }] });
    await flow.onAttempt();
    expect(calls.submits).toBe(2);
    expect(actions(calls)).toEqual(['rechecked', 'sent']);
  });

  it('gives up with one sentence when the message keeps changing', async () => {
    const { flow, calls } = setup({ verdicts: [], outcomes: Array.from({ length: 10 }, () => ({ kind: 'changed' }) as const) });
    await flow.onAttempt();
    expect(calls.submits).toBe(5);
    expect(calls.errors).toEqual([expect.stringContaining('bleef veranderen')]);
  });

  it('sends the chosen exception ground back for evaluation after a block', async () => {
    const answers = { ...EMPTY_ANSWERS, ground: 'legal-obligation' as const, justification: 'Wettelijke plicht: poortwachterstoets UWV' };
    const { flow, calls } = setup({
      session: [ATT],
      verdicts: [block('APPROVAL_MISSING'), warn('EXCEPTION_GROUND_USED'), warn('EXCEPTION_GROUND_USED')],
      dialogAnswers: [{ action: 'recheck', answers }, { action: 'confirm', answers }],
    });
    await flow.onAttempt();
    expect((calls.evaluateReqs[1]!.message as { exception?: unknown }).exception).toEqual({ ground: 'legal-obligation', justification: answers.justification });
    expect(calls.submits).toBe(1);
  });

  it('swaps in the converted PDF, reads the session again and releases it with the PDF hash', async () => {
    const pdfBytes = new TextEncoder().encode('%PDF-1.7 x');
    const { flow, calls } = setup({
      session: [ATT],
      analysis: () => analysisFor('b'.repeat(64), 'converted'),
      verdicts: [ALLOW],
      converted: { name: 'rapport.pdf', bytes: pdfBytes },
    });
    await flow.onAttempt();
    expect(calls.swapped).toBe(1);
    expect(actions(calls)).toEqual(['swapped', 'sent']);
    expect(calls.releases[0]!.attachments).toEqual([{ id: 'rcmfile101', name: 'rapport.pdf', sha256: await sha256Hex(pdfBytes) }]);
    expect(calls.releases[0]!.submission.attachmentIds).toEqual(['101']);
  });

  it('after a swap, a new check judges the original and does not swap again', async () => {
    const pdfBytes = new TextEncoder().encode('%PDF-1.7 x');
    const t = setup({
      session: [ATT],
      analysis: () => analysisFor('b'.repeat(64), 'converted'),
      verdicts: [ALLOW, ALLOW],
      converted: { name: 'rapport.pdf', bytes: pdfBytes },
      outcomes: [{ kind: 'refused' }],
    });
    await t.flow.onAttempt();
    expect(t.calls.swapped).toBe(1);
    expect(actions(t.calls)).toEqual(['swapped', 'send-failed']);
    await t.flow.onAttempt();
    expect(t.calls.swapped).toBe(1);
    expect(t.calls.evaluateReqs[1]!.attachments[0]!.sha256).toBe('b'.repeat(64));
    expect(t.calls.releases[1]!.attachments[0]!.sha256).toBe(await sha256Hex(pdfBytes));
  });

  it('a send during an attach-time swap waits for it (visibly) and releases the swapped-in PDF, swapping nothing again', async () => {
    const pdfBytes = new TextEncoder().encode('%PDF-1.7 attach');
    const pdfSha = await sha256Hex(pdfBytes);
    const original = analysisFor('b'.repeat(64), 'converted');
    const t = setup({
      session: [ATT],
      // The swapped-in PDF, analysed: the background knows it as its own copy (sent as it is).
      analysis: (att) => (att.id === ATT.id ? original : { ok: true, value: { ...(analysisFor(pdfSha, 'converted', 'rapport.pdf') as Extract<AnalysisResult, { ok: true }>).value, fix: { action: 'converted', ok: true, outputSha256: pdfSha }, madeFrom: { name: ATT.name, sha256: 'b'.repeat(64) } } } as AnalysisResult),
      verdicts: [ALLOW],
      converted: { name: 'rapport.pdf', bytes: pdfBytes },
    });
    const attachTime = t.swapper.swap(ATT, original, 'attach-cid', { onlyIfListed: true });
    await t.flow.onAttempt();
    expect((await attachTime).kind).toBe('swapped');
    expect(t.calls.busy.slice(0, 3)).toEqual(['checking', 'preparing', 'checking']);
    expect(t.calls.swapped).toBe(1);
    // One check, of the PDF: its own hash, released as what the session holds.
    expect(t.calls.evaluateReqs.map((r) => r.attachments.map((a) => a.sha256))).toEqual([[pdfSha]]);
    expect(t.calls.releases[0]!.attachments).toEqual([{ id: 'rcmfile101', name: 'rapport.pdf', sha256: pdfSha }]);
    expect(actions(t.calls)).toEqual(['swapped', 'sent']);
  });

  it('an attachment that appears during the swap means a new check', async () => {
    const pdfBytes = new TextEncoder().encode('%PDF-1.7 x');
    const extra = { id: 'rcmfile7', name: 'nieuw.pdf', complete: true };
    const t = setup({ session: [ATT], analysis: () => analysisFor('b'.repeat(64), 'converted'), verdicts: [ALLOW, block('APPROVAL_STALE')], converted: { name: 'rapport.pdf', bytes: pdfBytes } });
    const remove = t.adapter.removeAttachment.bind(t.adapter);
    t.adapter.removeAttachment = async (att) => {
      await remove(att);
      t.setSession([...(await t.adapter.sessionAttachments()), extra]);
    };
    await t.flow.onAttempt();
    expect(t.calls.releases).toHaveLength(0);
    expect(actions(t.calls)).toEqual(['swapped', 'rechecked', 'send-blocked']);
  });

  it('a session that changed while the verdict waited is checked again before anything is swapped', async () => {
    const pdfBytes = new TextEncoder().encode('%PDF-1.7 x');
    let bumped = false;
    const t = setup({
      session: [ATT],
      analysis: () => {
        // The first check's analysis: meanwhile another tab uploads into the session.
        if (!bumped) {
          bumped = true;
          t.bumpGeneration();
        }
        return analysisFor('b'.repeat(64), 'converted');
      },
      verdicts: [ALLOW, ALLOW],
      converted: { name: 'rapport.pdf', bytes: pdfBytes },
    });
    await t.flow.onAttempt();
    expect(t.calls.decisions[0]).toEqual({ action: 'rechecked', details: { reason: 'session' } });
    expect(actions(t.calls)).toEqual(['rechecked', 'swapped', 'sent']);
    expect(t.calls.swapped).toBe(1);
    expect(t.calls.evaluateReqs).toHaveLength(2);
  });

  it('keeps the original and blocks when the swap fails', async () => {
    const { flow, calls } = setup({
      session: [ATT],
      analysis: () => analysisFor('b'.repeat(64), 'converted'),
      verdicts: [ALLOW],
      converted: { name: 'rapport.pdf', bytes: new TextEncoder().encode('%PDF-1.7 x') },
      swapFails: true,
    });
    await flow.onAttempt();
    expect(calls.releases).toHaveLength(0);
    expect(actions(calls)).toEqual(['swap-failed']);
    expect(calls.errors[0]).toContain('rapport.docx');
  });

  it('blocks when the converted PDF cannot be had', async () => {
    const { flow, calls } = setup({ session: [ATT], analysis: () => analysisFor('b'.repeat(64), 'converted'), verdicts: [ALLOW], converted: { error: 'gone' } });
    await flow.onAttempt();
    expect(calls.releases).toHaveLength(0);
    expect(actions(calls)).toEqual(['swap-failed']);
  });

  it('blocks when the background fails or an attachment was not analysed', async () => {
    const a = setup({ verdicts: [ALLOW], evaluateError: 'no policy' });
    await a.flow.onAttempt();
    expect(a.calls.submits).toBe(0);
    expect(a.calls.errors[0]).toContain('no policy');
    const b = setup({ session: [ATT], analysis: () => ({ ok: false, error: 'HTTP 500' }), verdicts: [ALLOW] });
    await b.flow.onAttempt();
    expect(b.calls.submits).toBe(0);
    expect(b.calls.evaluateReqs).toHaveLength(0);
    expect(b.calls.errors[0]).toContain('HTTP 500');
  });

  it('blocks while an attachment is uploading, here or in another tab of the session', async () => {
    const here = setup({ session: [ATT], shown: [{ ...ATT, complete: false }], verdicts: [ALLOW] });
    await here.flow.onAttempt();
    expect(here.calls.errors).toEqual([expect.stringContaining('geüpload')]);
    const elsewhere = setup({ session: [ATT], verdicts: [ALLOW], busy: true });
    await elsewhere.flow.onAttempt();
    expect(elsewhere.calls.errors).toEqual([expect.stringContaining('geüpload')]);
    expect(elsewhere.calls.submits + here.calls.submits).toBe(0);
  });

  it('says so when the request did not get through; leaves it to the webmail when the webmail refused', async () => {
    const failed = setup({ verdicts: [ALLOW], outcomes: [{ kind: 'failed', reason: 'Failed to fetch' }] });
    await failed.flow.onAttempt();
    expect(actions(failed.calls)).toEqual(['send-failed']);
    expect(failed.calls.errors).toEqual([expect.stringContaining('Failed to fetch')]);
    const refused = setup({ verdicts: [ALLOW], outcomes: [{ kind: 'refused' }] });
    await refused.flow.onAttempt();
    expect(actions(refused.calls)).toEqual(['send-failed']);
    expect(refused.calls.errors).toEqual([]);
  });

  it('a release the background refuses for another reason blocks with one sentence', async () => {
    const { flow, calls } = setup({ verdicts: [ALLOW], releaseErrors: ['the network guard is not active'] });
    await flow.onAttempt();
    expect(calls.submits).toBe(0);
    expect(calls.errors).toEqual([expect.stringContaining('the network guard is not active')]);
  });

  it('uses the session read ahead of Send while its generation stands, and reads the server when it moved', async () => {
    const t = setup({ verdicts: [ALLOW, ALLOW], session: [ATT], readAhead: true });
    t.readings!.soon(0, true);
    await vi.waitFor(() => expect(t.calls.serverReads).toBe(1));
    await t.flow.onAttempt();
    // No second reading: the one made ahead stands (same generation).
    expect(t.calls.serverReads).toBe(1);
    expect(t.calls.releases[0]!.generation).toBe('g0');
    expect(t.calls.releases[0]!.attachments.map((a) => a.id)).toEqual(['rcmfile1']);
    // Another tab adds an attachment (the guard saw it: the generation moved): the release asked
    // with the verdict under the reading's generation is refused; read again, check it.
    const other = { id: 'rcmfile9', name: 'ander.pdf', complete: true };
    t.setServer([ATT, other]);
    t.bumpGeneration();
    await t.flow.onAttempt();
    expect(t.calls.serverReads).toBe(2);
    expect(t.calls.releases.map((r) => r.generation)).toEqual(['g0', 'g0', 'g1']);
    expect(t.calls.submits).toBe(2);
    expect(t.calls.evaluateReqs[2]!.attachments).toHaveLength(2);
    expect(actions(t.calls)).toEqual(['sent', 'rechecked', 'sent']);
  });

  it('a reading ahead that does not list what the screen lists (a removal still reaching the server) is not relied on', async () => {
    const t = setup({ verdicts: [ALLOW], session: [ATT, { id: 'rapport-1.pdf', name: 'rapport-1.pdf', complete: true }], readAhead: true });
    t.readings!.soon(0, true);
    await vi.waitFor(() => expect(t.calls.serverReads).toBe(1));
    t.setSession([ATT]); // gone from screen and server
    t.bumpGeneration();
    t.send.mockClear();
    await t.flow.onAttempt();
    expect(t.calls.serverReads).toBe(2);
    expect(t.send.mock.calls.map(([r]) => r.kind)).toEqual(['session-state', 'evaluate', 'decision']);
    expect(t.calls.releases.at(-1)!.attachments.map((a) => a.id)).toEqual(['rcmfile1']);
  });

  it('an attachment of the reading ahead that cannot be checked means a check the old way, not a block', async () => {
    let failOnce = true;
    const t = setup({
      verdicts: [ALLOW],
      session: [ATT],
      readAhead: true,
      analysis: (att) => {
        if (failOnce) {
          failOnce = false;
          return { ok: false, error: `attachment ${att.name}: not found` };
        }
        return analysisFor('a'.repeat(64));
      },
    });
    t.readings!.soon(0, true);
    await vi.waitFor(() => expect(t.calls.serverReads).toBe(1));
    t.send.mockClear();
    await t.flow.onAttempt();
    expect(t.calls.errors).toEqual([]);
    // Checked again with the generation asked first (the reading still stands: the same one).
    expect(t.send.mock.calls.map(([r]) => r.kind)).toEqual(['session-state', 'evaluate', 'decision']);
    expect(t.calls.submits).toBe(1);
  });

  it('a reading ahead made while the session was changing is not used', async () => {
    const t = setup({ verdicts: [ALLOW], session: [ATT], readAhead: true, busy: true });
    t.readings!.soon(0, true);
    await new Promise((r) => setTimeout(r, 20));
    // The background said busy: no reading was taken, and the send blocks (an upload runs).
    expect(t.calls.serverReads).toBe(0);
    await t.flow.onAttempt();
    expect(t.calls.submits).toBe(0);
    expect(t.calls.errors).toHaveLength(1);
  });

  it('shows no busy view for a check that is done sooner than the delay, and one for a slower check', async () => {
    const fast = setup({ verdicts: [ALLOW], session: [ATT], busyDelayMs: 200 });
    await fast.flow.onAttempt();
    expect(fast.calls.submits).toBe(1);
    expect(fast.calls.busy).toEqual([]);
    expect(fast.calls.closed).toBe(0);
    const slow = setup({ verdicts: [ALLOW], session: [ATT], busyDelayMs: 5, outcomes: [] });
    const submit = slow.adapter.submit.bind(slow.adapter);
    slow.adapter.submit = async (p, tok) => {
      await new Promise((r) => setTimeout(r, 40));
      return submit(p, tok);
    };
    await slow.flow.onAttempt();
    expect(slow.calls.busy).toEqual(['sending']);
    expect(slow.calls.closed).toBe(1);
    // A verdict to answer opens the dialog whatever the delay.
    const blocked = setup({ verdicts: [block('RECIPIENT_NOT_WHITELISTED')], busyDelayMs: 200 });
    await blocked.flow.onAttempt();
    expect(blocked.calls.dialogs).toHaveLength(1);
    expect(blocked.calls.closed).toBe(1);
  });

  it('ignores a second attempt while a check runs', async () => {
    const { flow, calls } = setup({ verdicts: [ALLOW, ALLOW] });
    await Promise.all([flow.onAttempt(), flow.onAttempt()]);
    expect(calls.submits).toBe(1);
  });
});

describe('DraftSaver', () => {
  it('saves a draft with a draft release (no check, no session generation) and one submission', async () => {
    const { adapter, send, calls } = setup({ verdicts: [], session: [ATT] });
    const drafts = new DraftSaver(adapter, send as never);
    expect(await drafts.save()).toBe('saved');
    expect(calls.releases).toHaveLength(1);
    expect(calls.releases[0]!.submission.mode).toBe('draft');
    expect(calls.releases[0]!.checkId).toBeUndefined();
    expect(calls.submits).toBe(1);
  });

  it('retries a draft whose form changed, and reports a failure', async () => {
    const a = setup({ verdicts: [], outcomes: [{ kind: 'changed' }, { kind: 'done' }] });
    expect(await new DraftSaver(a.adapter, a.send as never).save()).toBe('saved');
    expect(a.calls.submits).toBe(2);
    const b = setup({ verdicts: [], releaseErrors: ['the network guard is not active'] });
    expect(await new DraftSaver(b.adapter, b.send as never).save()).toBe('failed');
  });
});
