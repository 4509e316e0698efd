// SOGo's MAIN-world hooks against a fake page: a window whose DOMContentLoaded runs the hooks
// before a fake AngularJS "bootstraps" (runs the config blocks, decorates the Message service),
// and an editor controller that records what it was asked to do. The channel is a recorder.
import { describe, expect, it } from 'vitest';
import { installSogoHooks } from '../../../../../utils/browser/webmail/sogo/bridge.ts';
import type { BridgeCommand, BridgeEvent } from '../../../../../utils/core/messaging/bridge.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
function fakePage({ app = 'SOGo.MailerUI', ...opts }: { app?: string; closed?: boolean } = {}) {
  const target = new EventTarget();
  const editorEl = { id: 'mailEditor', querySelector: () => null };
  const sent: unknown[] = [];
  class Message {
    draftId = 'newDraft1-1';
    $absolutePath() {
      return '/SOGo/so/u/Mail/0/folderDrafts/newDraft1-1';
    }
    $send() {
      sent.push(this);
      return Promise.resolve({ status: 'success' });
    }
    $save() {
      return Promise.resolve();
    }
  }
  const queue: any[] = [];
  const ctrl: any = {
    message: new Message(),
    sendState: false as false | string,
    removed: [] as string[],
    uploader: {
      queue,
      addToQueue(files: File[]) {
        for (const f of files) {
          const item = { file: { name: f.name }, isSuccess: false, isError: false };
          queue.push(item);
          setTimeout(() => (item.isSuccess = true), 10);
        }
      },
    },
    removeAttachment(item: any) {
      this.removed.push(item.file.name);
      queue.splice(queue.indexOf(item), 1);
    },
  };
  const configs: any[] = [];
  const runs: any[] = [];
  let applied = 0;
  /** The root scope's watch functions: `digest()` runs each, as AngularJS does after every change. */
  const watchers: (() => unknown)[] = [];
  const rootScope = { $applyAsync: () => applied++, $watch: (fn: () => unknown) => watchers.push(fn) };
  const injector = { get: (n: string) => (n === '$rootScope' ? rootScope : undefined) };
  /** Whether the editor dialog is in the page. */
  let editorOpen = false;
  const angular = {
    module: (name: string) => {
      const m = {
        config: (block: any) => (name === app ? configs.push(block) : undefined, m),
        run: (block: any) => (name === app ? runs.push(block) : undefined, m),
      };
      return m;
    },
    element: (el: unknown) => ({ controller: () => (el === editorEl ? ctrl : undefined) }),
  };
  const win: any = {
    Object,
    Reflect,
    File,
    setTimeout,
    addEventListener: target.addEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    document: {
      getElementById: (id: string) => (id === 'mailEditor' && editorOpen ? editorEl : null),
      querySelector: (s: string) => (s === '[ng-app]' ? { getAttribute: () => app } : null),
    },
  };
  const events: BridgeEvent[] = [];
  let handler: ((c: BridgeCommand) => boolean) | null = null;
  const hooks = installSogoHooks(win, { emit: (e) => events.push(e), onCommand: (h) => (handler = h) });
  // SOGo's scripts load after document_start: angular appears, then DOMContentLoaded, then bootstrap.
  win.angular = angular;
  target.dispatchEvent(new Event('DOMContentLoaded'));
  // Bootstrap: each config block gets $provide; the decorator wraps the Message service.
  for (const block of configs) {
    const fn = block[block.length - 1];
    fn({ decorator: (_name: string, spec: any[]) => spec[spec.length - 1](Message, (r: any) => new Promise(r), injector) });
  }
  for (const block of runs) block[block.length - 1](rootScope);
  const digest = () => {
    for (const w of watchers) w();
  };
  const command = (c: BridgeCommand) => handler!(c);
  // The editor is open in every test but the draft reporting one, which opens and closes it itself.
  const setEditor = (open: boolean) => {
    editorOpen = open;
    digest();
  };
  if (!opts.closed) setEditor(true);
  events.length = 0;
  return { hooks, Message, ctrl, events, command, sent, applied: () => applied, setEditor, digest };
}

describe('SOGo hooks', () => {
  it("decorate Message before the app starts; $send reports the attempt and the draft, sends nothing, and clears SOGo's Sending overlay", async () => {
    const p = fakePage();
    expect(p.hooks.isHooked()).toBe(true);
    const m = new p.Message();
    p.ctrl.sendState = 'sending'; // editor.send() sets this before calling $send
    const result = m.$send();
    expect(p.events).toEqual([
      { kind: 'compose', composeKey: 'newDraft1-1', url: '/SOGo/so/u/Mail/0/folderDrafts/newDraft1-1' },
      { kind: 'send-attempt', via: '$send' },
    ]);
    expect(p.sent).toEqual([]);
    expect(p.ctrl.sendState).toBe(false);
    expect(p.applied()).toBeGreaterThan(0);
    // The page cannot put the original back.
    expect(() => {
      p.Message.prototype.$send = () => Promise.resolve({ status: 'bypass' });
    }).toThrow();
    // Released: SOGo's own success path gets what its send would have answered.
    p.command({ kind: 'settle', outcome: 'sent' });
    await expect(result).resolves.toEqual({ status: 'success' });
  });

  it("a refused send rejects as SOGo's own failure does, with the webmail's message", async () => {
    const p = fakePage();
    const result = new p.Message().$send();
    p.command({ kind: 'settle', outcome: 'refused', message: 'Invalid address' });
    await expect(result).rejects.toEqual({ data: { message: 'Invalid address' } });
  });

  it("reports the open editor's draft when the editor opens, when its message changes, and when it closes; once per change", () => {
    const p = fakePage({ closed: true });
    p.digest();
    expect(p.events).toEqual([]);
    p.setEditor(true);
    p.digest();
    expect(p.events).toEqual([{ kind: 'compose', composeKey: 'newDraft1-1', url: '/SOGo/so/u/Mail/0/folderDrafts/newDraft1-1' }]);
    // A reply's draft takes the message's place (SOGo replaces editor.message).
    const reply = new p.Message();
    reply.draftId = 'newDraft2-7';
    reply.$absolutePath = () => '/SOGo/so/u/Mail/0/folderDrafts/newDraft2-7';
    p.ctrl.message = reply;
    p.digest();
    p.setEditor(false);
    p.digest();
    expect(p.events.slice(1)).toEqual([
      { kind: 'compose', composeKey: 'newDraft2-7', url: '/SOGo/so/u/Mail/0/folderDrafts/newDraft2-7' },
      { kind: 'compose-closed' },
    ]);
    // A message without a draft (yet) is no draft.
    p.ctrl.message = { draftId: undefined };
    p.setEditor(true);
    expect(p.events.at(-1)).toEqual({ kind: 'compose-closed' });
    expect(p.events).toHaveLength(3);
  });

  it('leaves draft saves alone', async () => {
    const p = fakePage();
    await expect(new p.Message().$save()).resolves.toBeUndefined();
    expect(p.events).toEqual([]);
  });

  it("uploads through the editor's uploader and removes through removeAttachment", async () => {
    const p = fakePage();
    expect(p.command({ kind: 'upload', reqId: 'r1', name: 'rapport.pdf', mime: 'application/pdf', bytes: new Uint8Array([1, 2]) })).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(p.events).toContainEqual({ kind: 'upload-result', reqId: 'r1', ok: true, id: 'rapport.pdf' });
    p.command({ kind: 'remove', reqId: 'r2', id: 'rapport.pdf' });
    expect(p.ctrl.removed).toEqual(['rapport.pdf']);
    expect(p.events).toContainEqual({ kind: 'remove-result', reqId: 'r2', ok: true });
    p.command({ kind: 'remove', reqId: 'r3', id: 'missing.pdf' });
    expect(p.events).toContainEqual({ kind: 'remove-result', reqId: 'r3', ok: false, error: 'no attachment missing.pdf' });
  });

  it('hooks nothing and handles no command on a page that is not the mail module', () => {
    const p = fakePage({ app: 'SOGo.MainUI' });
    expect(p.hooks.isHooked()).toBe(false);
    expect(p.command({ kind: 'sync-editor', reqId: 'x' })).toBe(false);
    expect(p.events).toEqual([]);
  });
});
