// The MAIN-world bridge against a fake page: a window (Node's EventTarget, CustomEvent,
// MessageChannel), a form prototype and an rcmail that records what it was asked to do. The
// content side is the real BridgeClient, so both ends of the private channel are exercised.
import { describe, expect, it } from 'vitest';
import { installRoundcubeBridge } from '../../../../../utils/browser/webmail/roundcube/bridge.ts';
import { BridgeClient } from '../../../../../utils/browser/webmail/bridge-client.ts';
import { EV_BRIDGE_PORT, type BridgeEvent } from '../../../../../utils/core/messaging/bridge.ts';

class FakeForm {
  fields: Record<string, string> = {};
  elements = { namedItem: (n: string) => (n in this.fields ? { value: this.fields[n] } : null) };
  action = './?_task=mail';
  submitted = 0;
  submit(): void {
    this.submitted++;
  }
  requestSubmit(): void {
    this.submitted++;
  }
}

/** A document whose `cookie` is an accessor on its prototype, as in a browser. */
class FakeDocument {
  jar: string[] = [];
  documentElement: { setAttribute(k: string, v: string): void; hasAttribute(k: string): boolean };
  constructor(attrs: Record<string, string>) {
    this.documentElement = { setAttribute: (k, v) => (attrs[k] = v), hasAttribute: (k) => k in attrs };
  }
}
Object.defineProperty(FakeDocument.prototype, 'cookie', {
  configurable: true,
  get(this: FakeDocument) {
    return this.jar.join('; ');
  },
  set(this: FakeDocument, v: string) {
    this.jar.push(String(v).split(';')[0]!);
  },
});

function fakePage() {
  const target = new EventTarget();
  const attrs: Record<string, string> = {};
  const win = {
    CustomEvent,
    MessageEvent,
    MessagePort,
    Reflect,
    Object,
    HTMLFormElement: FakeForm,
    Document: FakeDocument,
    File,
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    document: new FakeDocument(attrs),
  } as unknown as Window & typeof globalThis;
  return { win, target, attrs };
}

/** A tiny rcmail: command('send') runs beforesend listeners, then submit_messageform → form.submit(). */
function makeRcmail(form: FakeForm) {
  const listeners: Record<string, ((p: unknown) => unknown)[]> = {};
  const rc = {
    env: { compose_id: 'cid-1', action: 'compose' },
    gui_objects: { messageform: form },
    sends: 0,
    removed: [] as string[],
    addEventListener(ev: string, fn: (p: unknown) => unknown) {
      (listeners[ev] ??= []).push(fn);
    },
    saved: 0,
    editor: { save: () => rc.saved++ },
    command(cmd: string) {
      for (const fn of listeners[`before${cmd}`] ?? []) if (fn(undefined) === false) return false;
      if (cmd === 'send') (this as { submit_messageform: (d?: boolean) => unknown }).submit_messageform();
      if (cmd === 'savedraft') (this as { submit_messageform: (d?: boolean) => unknown }).submit_messageform(true);
      return true;
    },
    submit_messageform(draft?: boolean) {
      form.fields['_draft'] = draft ? '1' : '';
      rc.sends++;
      form.submit();
    },
    remove_attachment(id: string) {
      rc.removed.push(id);
    },
  };
  return rc;
}

const tick = () => new Promise((r) => setTimeout(r, 20));

async function setup(order: 'bridge-first' | 'content-first' = 'bridge-first') {
  const page = fakePage();
  let client: BridgeClient;
  if (order === 'bridge-first') {
    installRoundcubeBridge(page.win);
    client = new BridgeClient(page.win);
  } else {
    client = new BridgeClient(page.win);
    installRoundcubeBridge(page.win);
  }
  const seen: BridgeEvent[] = [];
  client.on((m) => seen.push(m));
  const form = new FakeForm();
  const rc = makeRcmail(form);
  (page.win as unknown as { rcmail: unknown }).rcmail = rc; // the page's `var rcmail = new rcube_webmail()`
  await tick();
  return { ...page, client, seen, form, rc };
}

describe('roundcube bridge', () => {
  for (const order of ['bridge-first', 'content-first'] as const) {
    it(`opens the private channel at start (${order}) and reports the hooked rcmail over it`, async () => {
      const { attrs, client } = await setup(order);
      expect(attrs['data-reportguard-bridge']).toBe('1');
      expect(client.channelOpen).toBe(true);
      expect(client.hooked).toEqual({ composeId: 'cid-1', action: 'compose' });
    });
  }

  it("stops Roundcube's own submissions and reports them: sends as attempts, drafts as draft requests", async () => {
    const { rc, form, seen, win } = await setup();
    rc.command('send');
    rc.command('savedraft');
    (rc.submit_messageform as (draft?: boolean, saveonly?: boolean) => void)(false, true);
    form.submit();
    form.requestSubmit();
    // A form of the page's own that Roundcube would take for a compose submission.
    const planted = new (win.HTMLFormElement as unknown as typeof FakeForm)();
    planted.fields = { _action: 'send', _draft: '1' };
    planted.submit();
    await tick();
    expect(form.submitted).toBe(0);
    expect(planted.submitted).toBe(0);
    expect(seen.filter((m) => m.kind === 'send-attempt' || m.kind === 'draft-request').map((m) => `${m.kind}:${(m as { via: string }).via}`)).toEqual([
      'send-attempt:submit_messageform',
      'draft-request:submit_messageform',
      'draft-request:submit_messageform',
      'send-attempt:form.submit',
      'send-attempt:form.submit',
      'draft-request:form.submit',
    ]);
    // The HTML editor's text is moved into the form before each report.
    expect(rc.saved).toBe(6);
  });

  it('lets other forms submit natively', async () => {
    const { win } = await setup();
    const other = new (win.HTMLFormElement as unknown as typeof FakeForm)();
    other.fields = { _action: 'search' };
    other.submit();
    expect(other.submitted).toBe(1);
  });

  it('does not let a page script put the original submit back', async () => {
    const { rc, form } = await setup();
    expect(() => {
      (rc as { submit_messageform: unknown }).submit_messageform = () => form.submit();
    }).toThrow();
    rc.submit_messageform();
    expect(form.submitted).toBe(0);
  });

  it('refuses cookies PHP would read as Roundcube input (any spelling), lets others through', async () => {
    const { win } = await setup();
    const doc = win.document as unknown as FakeDocument & { cookie: string };
    doc.cookie = '_action=send; path=/';
    doc.cookie = '.task=mail';
    doc.cookie = ' _id=123';
    doc.cookie = 'roundcube_sessid=abc';
    doc.cookie = '_ga=GA1';
    expect(doc.jar).toEqual(['roundcube_sessid=abc', '_ga=GA1']);
  });

  it('moves the editor text into the form when asked', async () => {
    const { rc, client } = await setup();
    expect(await client.syncEditor()).toBe(true);
    expect(rc.saved).toBe(1);
  });

  it('ignores a second port offered by a page script, and commands that do not parse', async () => {
    const { target, form, rc, client } = await setup();
    const pageChannel = new MessageChannel();
    const heard: unknown[] = [];
    pageChannel.port1.addEventListener('message', (e) => heard.push(e.data));
    pageChannel.port1.start();
    target.dispatchEvent(new MessageEvent(EV_BRIDGE_PORT, { ports: [pageChannel.port2] }));
    pageChannel.port1.postMessage({ kind: 'remove', reqId: 'r1', id: 'rcmfile9' });
    await tick();
    expect(rc.removed).toEqual([]);
    expect(form.submitted).toBe(0);
    rc.command('send');
    await tick();
    expect(heard).toEqual([]); // the page's port never hears the bridge
    // Junk on the real channel does nothing (and does not throw).
    client.send({ kind: 'remove', reqId: '', id: 'x' } as never);
    await tick();
    expect(rc.removed).toEqual([]);
    client.send({ kind: 'remove', reqId: 'r2', id: 'rcmfile1' });
    await tick();
    expect(rc.removed).toEqual(['rcmfile1']);
  });
});
