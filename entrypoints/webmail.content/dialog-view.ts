// What the dialog shows: plain data plus the callbacks that resolve the send flow's wait.
import type { ClientSummary } from '../../utils/messaging/protocol.ts';
import type { Verdict } from '../../utils/policy/types.ts';
import type { DialogAnswers } from './answers.ts';
import type { DialogResult } from './send-flow.ts';

export type DialogView =
  | { mode: 'busy'; kind: 'checking' | 'sending' }
  | { mode: 'verdict'; verdict: Verdict; clients: ClientSummary[]; subject: string; answers: DialogAnswers; done: (r: DialogResult) => void }
  | { mode: 'error'; sentence: string; done: () => void };
