// Send time, from the intercepted click to exactly one released send:
//   compose state → 'evaluate' → dialog → (answers → evaluate again) → swap in PDFs → release.
// Every step is bounded in time; every failure ends in a blocked send with one sentence.
// The dialog only collects answers: the background's verdict on the message with those
// answers is what decides.
import { WebmailDeclined, type WebmailAdapter, type ComposeAttachment } from '../../utils/browser/webmail/adapter.ts';
import type { AttachmentRef, DecisionAction, EvaluateResponse } from '../../utils/core/messaging/protocol.ts';
import type { sendToBackground } from '../../utils/browser/messaging/client.ts';
import { base64ToBytes } from '../../utils/core/messaging/base64.ts';
import { sha256Hex } from '../../utils/core/documents/hash.ts';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { ui } from '../../utils/core/i18n/dialog.ts';
import { applyAnswers, countedCodes, EMPTY_ANSWERS, type DialogAnswers } from '../../components/dialog/answers.ts';
import type { DialogPort } from '../../components/dialog/view.ts';

export type { DialogPort, DialogResult } from '../../components/dialog/view.ts';
import type { AttachmentTracker, AnalysisResult } from './attachment-tracker.ts';
import { oneLine } from '../../utils/core/errors.ts';

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
}

class Blocked extends Error {}

export class SendFlow {
  private running = false;
  /**
   * Attachments this flow swapped in (new id → analysis of the original they were made from).
   * If the webmail then stops the send itself (e.g. its "no subject" prompt), the retry checks
   * the original's hash, which is what the client approved, and does not swap the copy again.
   */
  private readonly swappedIn = new Map<string, AnalysisResult>();
  private readonly d: SendFlowDeps;
  constructor(deps: SendFlowDeps) {
    this.d = deps;
  }

  /** Entry point for every intercepted send attempt; a second attempt during a check is ignored. */
  async onAttempt(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.run();
    } catch (e) {
      // Never a crash or a silent pass: whatever went wrong, the send stays blocked.
      const sentence = e instanceof Blocked ? e.message : ui(this.d.lang, 'fail.background', { reason: oneLine(e) });
      await this.d.dialog.showError(sentence);
    } finally {
      this.d.dialog.close();
      this.running = false;
    }
  }

  private async run(): Promise<void> {
    const { adapter, dialog, lang } = this.d;
    const layout = adapter.hasExpectedLayout();
    if (!layout.ok) throw new Blocked(ui(lang, 'fail.layout', { missing: layout.missing.join(', ') }));
    dialog.showBusy('checking');

    const atts = adapter.listAttachments();
    if (atts.some((a) => !a.complete)) throw new Blocked(ui(lang, 'fail.uploading'));
    const analysed = await Promise.all(
      atts.map(async (att) => {
        const original = this.swappedIn.get(att.id);
        return { att, result: original ?? (await this.analysisOf(att)), swapped: !!original };
      }),
    );
    for (const { att, result } of analysed) {
      if (!result.ok) throw new Blocked(ui(lang, 'fail.attachment', { file: att.name, reason: result.error }));
    }
    const refs: AttachmentRef[] = analysed.map(({ att, result }) => ({
      name: att.name,
      sha256: (result as Extract<AnalysisResult, { ok: true }>).value.analysis.sha256,
    }));

    let answers: DialogAnswers = { ...EMPTY_ANSWERS };
    let confirmedCodes: string[] | null = null;
    for (let round = 0; round < 20; round++) {
      const fields = await adapter.readCompose();
      const evaluated = await this.d.send({
        kind: 'evaluate',
        composeKey: adapter.composeKey() ?? '',
        message: applyAnswers(fields, answers),
        attachments: refs,
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
        await this.swapAndRelease(evaluated, analysed);
        return;
      }
      confirmedCodes = null;
      const choice = await dialog.showVerdict({ verdict, clients: evaluated.clients, subject: fields.subject, answers });
      if (choice.action === 'back') {
        await this.decide(checkId, verdict.verdict === 'block' ? 'send-blocked' : 'cancelled', { codes: codes.join(',') });
        return;
      }
      answers = choice.answers;
      if (choice.action === 'confirm' && verdict.verdict === 'warn') confirmedCodes = codes;
      dialog.showBusy('checking');
    }
    throw new Blocked(ui(lang, 'fail.background', { reason: 'too many rounds' }));
  }

  private analysisOf(att: ComposeAttachment): Promise<AnalysisResult> {
    const ms = this.d.analysisTimeoutMs ?? 130_000;
    return withTimeout(this.d.tracker.analysisOf(att), ms, () => new Blocked(ui(this.d.lang, 'fail.timeout', { step: att.name })));
  }

  private async swapAndRelease(
    evaluated: EvaluateResponse,
    analysed: { att: ComposeAttachment; result: AnalysisResult; swapped: boolean }[],
  ): Promise<void> {
    const { adapter, dialog, lang, send } = this.d;
    const { checkId } = evaluated;
    dialog.showBusy('sending');
    const stepMs = this.d.stepTimeoutMs ?? 60_000;
    for (const { att, result, swapped } of analysed) {
      if (!result.ok || swapped) continue;
      const { analysis, fix } = result.value;
      if (fix.action === 'none' || !fix.ok) continue;
      try {
        const conv = await send({ kind: 'converted', sha256: analysis.sha256 });
        if (!conv.ok) throw new Error(conv.error);
        if (conv.sha256 === analysis.sha256) continue; // nothing to replace
        const bytes = base64ToBytes(conv.bytesB64);
        if ((await sha256Hex(bytes)) !== conv.sha256) throw new Error('converted PDF hash mismatch');
        const fresh = await withTimeout(
          adapter.swapAttachment(att, { name: conv.name, mime: 'application/pdf', bytes, sha256: conv.sha256 }),
          stepMs * 3,
          () => new Error('timed out'),
        );
        this.swappedIn.set(fresh.id, result);
        await this.decide(checkId, 'swapped', { from: analysis.sha256, to: conv.sha256, id: fresh.id });
      } catch (e) {
        await this.decide(checkId, 'swap-failed', { sha256: analysis.sha256, reason: oneLine(e) });
        throw new Blocked(ui(lang, 'fail.swap', { file: att.name, reason: oneLine(e) }));
      }
    }
    try {
      await withTimeout(adapter.releaseSend(), stepMs, () => new Error('timed out'));
    } catch (e) {
      await this.decide(checkId, 'send-blocked', { reason: e instanceof WebmailDeclined ? 'webmail-check' : oneLine(e) });
      // Roundcube's own check (empty subject, bad address, upload running) stopped it and is
      // telling the user itself; its own retry comes back through the guard and is checked anew.
      if (e instanceof WebmailDeclined) return;
      throw new Blocked(ui(lang, 'fail.release', { reason: oneLine(e) }));
    }
    await this.decide(checkId, 'sent', { verdict: evaluated.verdict.verdict, attachments: analysed.length });
  }

  private async decide(checkId: string, action: DecisionAction, details: Record<string, string | number | boolean | null>): Promise<void> {
    // The audit append is best effort from here: the background already logged the verdict.
    await this.d.send({ kind: 'decision', checkId, action, details });
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
