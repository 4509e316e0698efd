// The MAIN-world bridge against a fake page: a window (Node's EventTarget, CustomEvent,
// MessageChannel), a form prototype and an rcmail that records what it was asked to do. The
// content side is the real BridgeClient, so both ends of the private channel are exercised.
import { describe, expect, it } from 'vitest';
import { installRoundcubeBridge } from '../../../../../utils/browser/webmail/roundcube/bridge.ts';
import { BridgeClient } from '../../../../../utils/browser/webmail/roundcube/bridge-client.ts';
import { EV_BRIDGE_PORT, type BridgeEvent } from '../../../../../utils/core/messaging/bridge.ts';

class FakeForm {
  elements = { namedItem: (n: string) => (n === '_draft' ? { value: this.draft } : null) };
  action = './?_task=mail';
  draft = '';
  submitted = 0;
  submit(): void {
    this.submitted++;
  }
  requestSubmit(): void {
    this.submitted++;
  }
}

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
    File,
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    document: {
      documentElement: { setAttribute: (k: string, v: string) => (attrs[k] = v), hasAttribute: (k: string) => k in attrs },
    },
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
    command(cmd: string) {
      for (const fn of listeners[`before${cmd}`] ?? []) if (fn(undefined) === false) return false;
      if (cmd === 'send') (this as { submit_messageform: (d?: boolean) => unknown }).submit_messageform();
      return true;
    },
    submit_messageform(draft?: boolean) {
      form.draft = draft ? '1' : '';
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

  it('stops every unreleased send path and reports the attempt', async () => {
    const { rc, form, seen } = await setup();
    expect(rc.command('send')).toBe(false);
    rc.submit_messageform();
    form.submit();
    form.requestSubmit();
    await tick();
    expect(form.submitted).toBe(0);
    expect(seen.filter((m) => m.kind === 'send-attempt').map((m) => (m as { via: string }).via)).toEqual([
      'beforesend',
      'submit_messageform',
      'form.submit',
      'form.submit',
    ]);
  });

  it("reports a release the webmail's own check stopped", async () => {
    const { rc, form, client } = await setup();
    rc.command = () => false; // e.g. the "no subject" prompt
    expect(await client.release('cid-1')).toEqual({ sent: false, error: 'webmail-check' });
    expect(form.submitted).toBe(0);
  });

  it('lets drafts through untouched', async () => {
    const { rc, form } = await setup();
    rc.submit_messageform(true);
    expect(form.submitted).toBe(1);
  });

  it('does not let a page script put the original submit back', async () => {
    const { rc, form } = await setup();
    expect(() => {
      (rc as { submit_messageform: unknown }).submit_messageform = () => form.submit();
    }).toThrow();
    rc.submit_messageform();
    expect(form.submitted).toBe(0);
  });

  it('a release sends exactly once; later sends are stopped again', async () => {
    const { form, rc, client } = await setup();
    expect(await client.release('cid-1')).toEqual({ sent: true });
    expect(form.submitted).toBe(1);
    rc.command('send');
    expect(form.submitted).toBe(1);
    expect(await client.release('cid-other')).toEqual({ sent: false, error: 'release not valid' });
    expect(form.submitted).toBe(1);
  });

  it('ignores a second port offered by a page script, and commands that do not parse', async () => {
    const { target, form, rc, client } = await setup();
    const pageChannel = new MessageChannel();
    const heard: unknown[] = [];
    pageChannel.port1.addEventListener('message', (e) => heard.push(e.data));
    pageChannel.port1.start();
    target.dispatchEvent(new MessageEvent(EV_BRIDGE_PORT, { ports: [pageChannel.port2] }));
    pageChannel.port1.postMessage({ kind: 'release', reqId: 'r1', composeId: 'cid-1' });
    await tick();
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
