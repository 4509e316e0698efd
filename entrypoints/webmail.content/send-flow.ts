// Send time, from the webmail's stopped submission to exactly one released request:
//   the compose session's attachments (server side) + what the form will send → 'evaluate' →
//   dialog → (answers → evaluate again) → swap in PDFs → read everything again → 'release'
//   (one-time token) → the adapter submits, after a last synchronous reading.
// With nothing left to swap (attach time did it) the first 'evaluate' carries the submission and
// its release, so an allowed send takes one round trip to the background: the session read ahead
// of Send under its generation, the form, 'evaluate' + release → the adapter submits.
// Anything new or changed since the verdict (a Cc typed, an attachment added in another tab,
// the body edited) means a new check, never a release. Every step is bounded in time; every
// failure ends in a blocked send with one sentence, the message left as it was.
// The dialog only collects answers: the background's verdict on the message with those
// answers is what decides, and the background's network guard holds every other path.
import type { ComposeAttachment, OutgoingMessage, PreparedSubmission, SubmitOutcome, WebmailAdapter } from '../../utils/browser/webmail/adapter.ts';
import type { ApprovalOffer, AttachmentRef, DecisionAction, EvaluateResponse, InlineImageRef, SessionAttachment } from '../../utils/core/messaging/protocol.ts';
import type { sendToBackground } from '../../utils/browser/messaging/client.ts';
import { sha256Hex } from '../../utils/core/documents/hash.ts';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { ui } from '../../utils/core/i18n/dialog.ts';
import { oneLine } from '../../utils/core/errors.ts';
import { applyAnswers, countedCodes, EMPTY_ANSWERS, type DialogAnswers } from '../../components/dialog/answers.ts';
import type { DialogPort } from '../../components/dialog/view.ts';

export type { DialogPort, DialogResult } from '../../components/dialog/view.ts';
import type { AttachmentTracker, AnalysisResult } from './attachment-tracker.ts';
import { Swapper, withTimeout } from './swapper.ts';
import { sameAttachments, type SessionReadings } from './session-reading.ts';
import type { BusyKind } from '../../components/dialog/view.ts';

export interface SendFlowDeps {
  adapter: WebmailAdapter;
  tracker: AttachmentTracker;
  dialog: DialogPort;
  send: typeof sendToBackground;
  lang: Lang;
  /** Bound for the wait on attach-time analyses at send time. */
  analysisTimeoutMs?: number;
  /** Bound for the attachment swap and the release. */
  stepTimeoutMs?: number;
  /** The compose screen's swaps (shared with the attach-time swaps); one of its own by default. */
  swapper?: Swapper;
  /** After an approval round was sent: the offer to record the approval when the client agrees. */
  offerApproval?: (offer: ApprovalOffer) => void;
  /** Readings of the compose session made ahead of Send (used while the session is unchanged). */
  readings?: SessionReadings;
  /**
   * The busy view shows only when a check takes longer than this (default 250 ms): a send that
   * is checked and released in less time shows no dialog at all, and renders none either.
   */
  busyDelayMs?: number;
}

class Blocked extends Error {}
/** Something changed between the check and the release: check again from the start. */
class Changed extends Error {}

/** How many times a changing compose screen is checked again before giving up. */
const MAX_CHECKS = 5;

interface Checked {
  att: ComposeAttachment;
  result: AnalysisResult;
  /** A PDF this flow swapped in: `result` is its original's analysis. */
  swapped: boolean;
}

export class SendFlow {
  private running = false;
  /**
   * Attachments this flow swapped in (new id → analysis of the original they were made from).
   * A check after a swap (the webmail refused, something changed) judges the original's hash,
   * which is what the client approved, and does not swap the copy again.
   */
  private readonly swappedIn = new Map<string, AnalysisResult>();
  private readonly d: SendFlowDeps;
  private readonly swapper: Swapper;
  private readonly busyView: DeferredBusy;
  constructor(deps: SendFlowDeps) {
    this.d = deps;
    this.swapper = deps.swapper ?? new Swapper(deps.adapter, deps.send, deps.stepTimeoutMs ?? 60_000);
    this.busyView = new DeferredBusy(deps.dialog, deps.busyDelayMs ?? 250);
  }

  get busy(): boolean {
    return this.running;
  }

  /** Entry point for every stopped send; a second attempt during a check is ignored. */
  async onAttempt(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.run();
    } catch (e) {
      // Never a crash or a silent pass: whatever went wrong, the send stays blocked.
      const sentence = e instanceof Blocked ? e.message : ui(this.d.lang, 'fail.background', { reason: oneLine(e) });
      this.busyView.takenOver();
      await this.d.dialog.showError(sentence);
    } finally {
      if (this.busyView.end()) this.d.dialog.close();
      this.running = false;
    }
  }

  private async run(): Promise<void> {
    const { adapter, lang } = this.d;
    const layout = adapter.hasExpectedLayout();
    if (!layout.ok) throw new Blocked(ui(lang, 'fail.layout', { missing: layout.missing.join(', ') }));
    this.busyView.show('checking');
    let answers: DialogAnswers = { ...EMPTY_ANSWERS };
    for (let attempt = 0; attempt < MAX_CHECKS; attempt++) {
      try {
        const r = await this.checkAndRelease(answers, attempt === 0);
        answers = r.answers;
        return;
      } catch (e) {
        if (!(e instanceof Changed)) throw e;
        answers = (e as Changed & { answers?: DialogAnswers }).answers ?? answers;
        this.busyView.show('checking');
      }
    }
    throw new Blocked(ui(lang, 'fail.changing'));
  }

  /**
   * One check of the message as it is now; returns when it was sent or the user went back.
   * `first`: the first check of this attempt, which may rely on the session read ahead of Send.
   */
  private async checkAndRelease(startAnswers: DialogAnswers, first: boolean): Promise<{ answers: DialogAnswers }> {
    const { adapter, dialog, lang, send } = this.d;
    const composeKey = adapter.composeKey() ?? '';
    // Attachments being swapped for their PDFs (attach time): the check reads the session after.
    await this.swapsDone();
    // The session read ahead of Send, taken as it is: the release asked for with the verdict
    // states its generation and is refused if the session moved since (then: checked again,
    // with the generation asked first). Otherwise the generation first, then the session.
    // Taken only while it lists what this screen lists (a reading made while a swap or removal
    // was still reaching the server names what is gone), and anything that fails on it is
    // checked again the old way rather than blocked.
    const latest = first ? await this.d.readings?.latestOf(composeKey) : null;
    const ahead = latest && sameAttachments(latest.attachments, adapter.listAttachments()) ? latest : null;
    let state: string;
    let session: ComposeAttachment[];
    if (ahead) {
      await adapter.syncEditor();
      this.noUploadRunning();
      ({ generation: state, attachments: session } = ahead);
    } else {
      // Both are round trips (to the page's editor, to the background): made at once.
      [, state] = await Promise.all([adapter.syncEditor(), this.sessionState(composeKey)]);
      session = await this.sessionAttachments(composeKey, state);
    }
    const checked = await this.analyse(session).catch((e: unknown) => {
      throw ahead && e instanceof Blocked ? new Changed() : e;
    });
    // An analysis that finished just now started its swap: check the session it leaves.
    if (this.swapper.pending) throw new Changed();
    const outgoing = adapter.readOutgoing();
    const inline = await inlineRefs(outgoing);
    const refs: AttachmentRef[] = checked.map(({ att, result }) => ({ name: att.name, sha256: okValue(result).analysis.sha256 }));
    // Nothing left to swap: the submission is known now, and its release is asked for with the
    // first verdict (one round trip to the background at Send).
    const withRelease = checked.some(({ result, swapped }) => !swapped && swapNeeded(result)) ? null : await this.releaseAsked(checked, session, state, outgoing);

    let answers = startAnswers;
    let confirmedCodes: string[] | null = null;
    for (let round = 0; round < 20; round++) {
      const evaluated = await send({
        kind: 'evaluate',
        composeKey,
        message: applyAnswers(outgoing.fields, answers),
        attachments: refs,
        ...(inline.length ? { inlineImages: inline } : {}),
        ...(withRelease && round === 0 ? { release: withRelease.release } : {}),
      });
      if (!evaluated.ok) throw new Blocked(ui(lang, 'fail.background', { reason: evaluated.error }));
      const { verdict, checkId } = evaluated;
      const codes = countedCodes(verdict.findings);
      // A confirmed warning stands only if the re-evaluation warns about nothing new.
      const confirmed =
        verdict.verdict === 'allow' ||
        (verdict.verdict === 'warn' && confirmedCodes !== null && codes.every((c) => confirmedCodes!.includes(c)));
      if (confirmed) {
        if (verdict.verdict === 'warn') await this.decide(checkId, 'warning-confirmed', { codes: codes.join(',') });
        try {
          if (withRelease && evaluated.release) await this.submitReleased(evaluated, evaluated.release, withRelease.prepared, withRelease.release.attachments.length);
          else await this.swapAndRelease(evaluated, checked, outgoing, state);
        } catch (e) {
          if (e instanceof Changed) Object.assign(e, { answers });
          throw e;
        }
        return { answers };
      }
      confirmedCodes = null;
      this.busyView.takenOver();
      const choice = await dialog.showVerdict({ verdict, clients: evaluated.clients, subject: outgoing.fields.subject, answers });
      if (choice.action === 'back') {
        await this.decide(checkId, verdict.verdict === 'block' ? 'send-blocked' : 'cancelled', { codes: codes.join(',') });
        return { answers };
      }
      answers = choice.answers;
      if (choice.action === 'confirm' && verdict.verdict === 'warn') confirmedCodes = codes;
      this.busyView.show('checking');
    }
    throw new Blocked(ui(lang, 'fail.background', { reason: 'too many rounds' }));
  }

  /** Waits, visibly, for the running swaps; bounded like the swap itself. */
  private async swapsDone(): Promise<void> {
    if (!this.swapper.pending) return;
    this.busyView.show('preparing');
    await withTimeout(this.swapper.idle(), (this.d.stepTimeoutMs ?? 60_000) * 3, () => new Blocked(ui(this.d.lang, 'fail.timeout', { step: 'PDF' })));
    this.busyView.show('checking');
  }

  private async sessionState(composeKey: string): Promise<string> {
    const r = await this.d.send({ kind: 'session-state', composeKey });
    if (!r.ok) throw new Blocked(ui(this.d.lang, 'fail.background', { reason: r.error }));
    if (r.busy) throw new Blocked(ui(this.d.lang, 'fail.uploading'));
    return r.generation;
  }

  /**
   * The session's attachments as the server holds them at `generation` (read before, not busy):
   * the reading made ahead of Send while the session is still at that generation, else the
   * server's list read now. An upload still running in this screen blocks.
   */
  private async sessionAttachments(composeKey: string, generation: string): Promise<ComposeAttachment[]> {
    this.noUploadRunning();
    const known = await this.d.readings?.current(composeKey, generation);
    if (known) return known;
    try {
      const attachments = await withTimeout(this.d.adapter.sessionAttachments(), this.d.stepTimeoutMs ?? 60_000, () => new Error('timed out'));
      this.d.readings?.remember({ composeKey, generation, attachments });
      return attachments;
    } catch (e) {
      throw new Blocked(ui(this.d.lang, 'fail.session', { reason: oneLine(e) }));
    }
  }

  /** An upload still running in this screen blocks. */
  private noUploadRunning(): void {
    if (this.d.adapter.listAttachments().some((a) => !a.complete)) throw new Blocked(ui(this.d.lang, 'fail.uploading'));
  }

  /** The submission of the message as it is now with the session's attachments, and the release to ask for it. */
  private async releaseAsked(checked: Checked[], session: ComposeAttachment[], generation: string, outgoing: OutgoingMessage) {
    const { adapter } = this.d;
    const attachments: SessionAttachment[] = [];
    for (const { att, result, swapped } of checked) attachments.push({ id: att.id, name: att.name, sha256: swapped ? await this.hashOf(att) : okValue(result).analysis.sha256 });
    // The request and the message the verdict is asked for, read in one synchronous step: what
    // is released is what is checked (a change since the reading means: read it again).
    const prepared = adapter.prepareSubmission('send', orderLike(adapter.listAttachments(), session));
    if (adapter.readOutgoing().contentKey !== outgoing.contentKey) throw new Changed();
    const submission = await this.submissionOf(prepared);
    return { prepared, release: { submission, generation, attachments } };
  }

  /** The webmail's request for `prepared` as the network guard will see it (none: blocked). */
  private async submissionOf(prepared: PreparedSubmission) {
    const submission = await this.d.adapter.network.submission(prepared.url, prepared.fields);
    if (!submission) throw new Blocked(ui(this.d.lang, 'fail.release', { reason: 'not a submission of this webmail' }));
    return submission;
  }

  /** Submits with the released token; a release refused because the session moved means a new check. */
  private async submitWith(prepared: PreparedSubmission, checkId: string, released: { token: string } | { error: string }): Promise<SubmitOutcome> {
    const { adapter, lang } = this.d;
    if ('error' in released) {
      if (released.error === 'session-changed') {
        await this.decide(checkId, 'rechecked', { reason: 'session' });
        throw new Changed();
      }
      throw new Blocked(ui(lang, 'fail.release', { reason: released.error }));
    }
    return withTimeout(adapter.submit(prepared, released.token), this.d.stepTimeoutMs ?? 60_000, () => new Blocked(ui(lang, 'fail.timeout', { step: 'release' })));
  }

  /** Sends with the token the verdict came with; a refused release (the session moved) means a new check. */
  private async submitReleased(evaluated: EvaluateResponse, released: NonNullable<EvaluateResponse['release']>, prepared: PreparedSubmission, attachments: number): Promise<void> {
    this.busyView.show('sending');
    const outcome = await this.submitWith(prepared, evaluated.checkId, released);
    await this.afterSubmit(outcome, evaluated, attachments);
  }

  /** What the webmail did with the released request, in the audit (and on screen when it failed). */
  private async afterSubmit(outcome: SubmitOutcome, evaluated: EvaluateResponse, attachments: number): Promise<void> {
    const { checkId } = evaluated;
    switch (outcome.kind) {
      case 'done': {
        const r = await this.decide(checkId, 'sent', { verdict: evaluated.verdict.verdict, attachments });
        if (r && r.ok && r.approvalOffer) this.d.offerApproval?.(r.approvalOffer);
        return;
      }
      case 'changed':
        await this.decide(checkId, 'rechecked', { reason: 'release' });
        throw new Changed();
      case 'refused':
        // The webmail's own answer (e.g. an address it refuses) is on screen; the draft stays.
        await this.decide(checkId, 'send-failed', { reason: 'webmail' });
        return;
      case 'failed':
        await this.decide(checkId, 'send-failed', { reason: outcome.reason });
        throw new Blocked(ui(this.d.lang, 'fail.release', { reason: outcome.reason }));
    }
  }

  private async analyse(session: ComposeAttachment[]): Promise<Checked[]> {
    const checked = await Promise.all(
      session.map(async (att) => {
        const original = this.swappedIn.get(att.id);
        return { att, result: original ?? (await this.analysisOf(att)), swapped: !!original };
      }),
    );
    for (const { att, result } of checked) {
      if (!result.ok) throw new Blocked(ui(this.d.lang, 'fail.attachment', { file: att.name, reason: result.error }));
    }
    return checked;
  }

  private analysisOf(att: ComposeAttachment): Promise<AnalysisResult> {
    const ms = this.d.analysisTimeoutMs ?? 130_000;
    return withTimeout(this.d.tracker.analysisOf(att), ms, () => new Blocked(ui(this.d.lang, 'fail.timeout', { step: att.name })));
  }

  private async swapAndRelease(evaluated: EvaluateResponse, checked: Checked[], outgoing: OutgoingMessage, generation: string): Promise<void> {
    const { adapter, lang } = this.d;
    const { checkId } = evaluated;
    this.busyView.show('sending');
    /** What the session must hold at the release: id → the hash of what leaves. */
    const expected = new Map<string, SessionAttachment>();
    let swappedAny = false;
    // Before touching the session: if anything changed while the verdict waited (an upload in
    // another tab, a Cc typed), check again first instead of swapping into a message that is
    // no longer the one checked.
    const needsSwap = checked.some(({ result, swapped }) => !swapped && swapNeeded(result));
    if (needsSwap) {
      if ((await this.sessionState(outgoing.composeKey)) !== generation) {
        await this.decide(checkId, 'rechecked', { reason: 'session' });
        throw new Changed();
      }
      if (adapter.readOutgoing().contentKey !== outgoing.contentKey) {
        await this.decide(checkId, 'rechecked', { reason: 'message' });
        throw new Changed();
      }
    }
    for (const { att, result, swapped } of checked) {
      const { analysis } = okValue(result);
      if (swapped || !swapNeeded(result)) {
        expected.set(att.id, { id: att.id, name: att.name, sha256: swapped ? await this.hashOf(att) : analysis.sha256 });
        continue;
      }
      // The same swap as at attach time (if that one is still running, this is it).
      const outcome = await this.swapper.swap(att, result, checkId);
      if (outcome.kind === 'failed') throw new Blocked(ui(lang, 'fail.swap', { file: att.name, reason: outcome.reason }));
      if (outcome.kind === 'none') {
        // The original left meanwhile or is its own PDF: what the session holds now is checked again.
        await this.decide(checkId, 'rechecked', { reason: 'attachments' });
        throw new Changed();
      }
      this.swappedIn.set(outcome.fresh.id, result);
      this.swappedHashes.set(outcome.fresh.id, outcome.to);
      swappedAny = true;
      expected.set(outcome.fresh.id, { id: outcome.fresh.id, name: outcome.fresh.name, sha256: outcome.to });
    }

    // Read everything again: the session as the server holds it now, and the form.
    const composeKey = outgoing.composeKey;
    const state = swappedAny ? await this.sessionState(composeKey) : generation;
    const session = swappedAny ? await this.sessionAttachments(composeKey, state) : checked.map((c) => c.att);
    if (session.length !== expected.size || session.some((a) => !expected.has(a.id))) {
      await this.decide(checkId, 'rechecked', { reason: 'attachments' });
      throw new Changed();
    }
    const now = adapter.readOutgoing();
    if (now.contentKey !== outgoing.contentKey) {
      await this.decide(checkId, 'rechecked', { reason: 'message' });
      throw new Changed();
    }
    const prepared = adapter.prepareSubmission('send', orderLike(adapter.listAttachments(), session));
    const outcome = await this.release(prepared, checkId, state, [...expected.values()]);
    await this.afterSubmit(outcome, evaluated, expected.size);
  }

  /** Hashes of the PDFs this flow swapped in (what leaves for them). */
  private readonly swappedHashes = new Map<string, string>();

  private async hashOf(att: ComposeAttachment): Promise<string> {
    const known = this.swappedHashes.get(att.id);
    if (known) return known;
    return sha256Hex(await this.d.adapter.fetchAttachmentBytes(att));
  }

  /** Asks for the one-time token and makes the request; a session that changed meanwhile means a new check. */
  private async release(prepared: PreparedSubmission, checkId: string, generation: string, attachments: SessionAttachment[]) {
    const submission = await this.submissionOf(prepared);
    const r = await this.d.send({ kind: 'release', composeKey: submission.composeKey, checkId, submission, generation, attachments });
    return this.submitWith(prepared, checkId, r.ok ? { token: r.token } : { error: r.error });
  }

  private async decide(checkId: string, action: DecisionAction, details: Record<string, string | number | boolean | null>) {
    // The audit append is best effort from here: the background already logged the verdict.
    return this.d.send({ kind: 'decision', checkId, action, details });
  }
}

/**
 * A draft save the webmail asked for, made by the extension: the network guard lets only
 * released submissions through, and only the extension's own request is known to be a draft.
 * A draft delivers nothing, so it needs no check; the background still compares what left.
 */
export class DraftSaver {
  private saving: Promise<void> | null = null;
  private again = false;
  private readonly adapter: WebmailAdapter;
  private readonly send: typeof sendToBackground;
  constructor(adapter: WebmailAdapter, send: typeof sendToBackground) {
    this.adapter = adapter;
    this.send = send;
  }

  /** Saves the draft; a request while one is running saves once more after it. Resolves with the outcome. */
  async save(): Promise<'saved' | 'refused' | 'failed'> {
    if (this.saving) {
      this.again = true;
      await this.saving;
      return 'saved';
    }
    let result: 'saved' | 'refused' | 'failed' = 'failed';
    this.saving = (async () => {
      do {
        this.again = false;
        result = await this.once();
      } while (this.again);
    })();
    try {
      await this.saving;
    } finally {
      this.saving = null;
    }
    return result;
  }

  private async once(): Promise<'saved' | 'refused' | 'failed'> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.adapter.syncEditor();
        const prepared = this.adapter.prepareSubmission('draft', this.adapter.listAttachments().map((a) => a.id));
        const submission = await this.adapter.network.submission(prepared.url, prepared.fields);
        if (!submission) return 'failed';
        const r = await this.send({ kind: 'release', composeKey: submission.composeKey, submission, generation: '', attachments: [] });
        if (!r.ok) return 'failed';
        const outcome = await this.adapter.submit(prepared, r.token);
        if (outcome.kind === 'changed') continue;
        return outcome.kind === 'done' ? 'saved' : outcome.kind === 'refused' ? 'refused' : 'failed';
      } catch {
        return 'failed';
      }
    }
    return 'failed';
  }
}

/**
 * The busy view, shown only once a check has taken `delayMs` (at once when the dialog is open
 * anyway, or with a delay of 0). A verdict or an error takes the dialog over.
 */
class DeferredBusy {
  private kind: BusyKind = 'checking';
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The dialog is open (a busy view, a verdict or an error was shown). */
  private open = false;
  private readonly dialog: DialogPort;
  private readonly delayMs: number;
  constructor(dialog: DialogPort, delayMs: number) {
    this.dialog = dialog;
    this.delayMs = delayMs;
  }

  show(kind: BusyKind): void {
    this.kind = kind;
    if (this.open || this.delayMs <= 0) {
      this.open = true;
      this.dialog.showBusy(kind);
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.open = true;
      this.dialog.showBusy(this.kind);
    }, this.delayMs);
  }

  /** Another view is about to open the dialog. */
  takenOver(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.open = true;
  }

  /** The check is over; true when the dialog was opened (it must be closed). */
  end(): boolean {
    clearTimeout(this.timer);
    this.timer = undefined;
    const was = this.open;
    this.open = false;
    return was;
  }
}

/** A PDF must take this attachment's place before it is sent. */
function swapNeeded(r: AnalysisResult): boolean {
  const { analysis, fix } = okValue(r);
  return fix.ok && fix.action !== 'none' && fix.outputSha256 !== analysis.sha256;
}

function okValue(r: AnalysisResult): Extract<AnalysisResult, { ok: true }>['value'] {
  if (!r.ok) throw new Blocked(r.error);
  return r.value;
}

/** The session's ids in the order the screen lists them (Roundcube orders parts by it), the rest after. */
function orderLike(shown: ComposeAttachment[], session: ComposeAttachment[]): string[] {
  const ids = new Set(session.map((a) => a.id));
  const out = shown.map((a) => a.id).filter((id) => ids.has(id));
  for (const a of session) if (!out.includes(a.id)) out.push(a.id);
  return out;
}

async function inlineRefs(outgoing: OutgoingMessage): Promise<InlineImageRef[]> {
  return Promise.all(outgoing.inlineImages.map(async (img) => ({ name: img.name, sha256: await sha256Hex(img.bytes), size: img.bytes.length })));
}
