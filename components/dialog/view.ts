// What the dialog shows (plain data plus the callbacks that resolve the send flow's wait), and
// what the send flow needs from whatever shows it.
import type { ClientSummary } from '../../utils/core/messaging/protocol.ts';
import type { Verdict } from '../../utils/core/policy/types.ts';
import type { DialogAnswers } from './answers.ts';

/** checking: the send check runs; preparing: attachments are being swapped for their PDFs; sending: released. */
export type BusyKind = 'checking' | 'preparing' | 'sending';

export type DialogView =
  | { mode: 'busy'; kind: BusyKind }
  | { mode: 'verdict'; verdict: Verdict; clients: ClientSummary[]; subject: string; answers: DialogAnswers; done: (r: DialogResult) => void }
  | { mode: 'error'; sentence: string; done: () => void };

export type DialogResult = { action: 'back' } | { action: 'confirm' | 'recheck'; answers: DialogAnswers };

/** What the send flow needs from the dialog (React lives behind it). */
export interface DialogPort {
  showBusy(kind: BusyKind): void;
  showVerdict(v: { verdict: Verdict; clients: ClientSummary[]; subject: string; answers: DialogAnswers }): Promise<DialogResult>;
  /** One sentence; resolves when the user goes back to the message. */
  showError(sentence: string): Promise<void>;
  close(): void;
}

