// The MAIN-world bridge against a fake page: a window (Node's EventTarget + CustomEvent),
// a form prototype and an rcmail that records what it was asked to do.
import { describe, expect, it } from 'vitest';
import { installRoundcubeBridge } from '../../../../../utils/browser/webmail/roundcube/bridge.ts';
import {
  EV_BRIDGE_KEY,
  EV_TO_BRIDGE,
  EV_TO_CONTENT,
  importReleaseKey,
  randomHex,
  signRelease,
  type BridgeToContent,
} from '../../../../../utils/core/messaging/bridge.ts';

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
    crypto: globalThis.crypto,
    TextEncoder,
    JSON,
    CustomEvent,
    Reflect,
    Object,
    HTMLFormElement: FakeForm,
    File,
    atob,
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    document: { documentElement: { setAttribute: (k: string, v: string) => (attrs[k] = v) } },
  } as unknown as Window & typeof globalThis;
  const seen: BridgeToContent[] = [];
  target.addEventListener(EV_TO_CONTENT, (e) => seen.push(JSON.parse(String((e as CustomEvent).detail))));
  return { win, target, attrs, seen };
}

/** A tiny rcmail: command('send') runs beforesend listeners, then submit_messageform → form.submit(). */
function makeRcmail(form: FakeForm) {
  const listeners: Record<string, ((p: unknown) => unknown)[]> = {};
  const rc = {
    env: { compose_id: 'cid-1', action: 'compose' },
    gui_objects: { messageform: form },
    sends: 0,
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
  };
  return rc;
}

async function setup() {
  const page = fakePage();
  installRoundcubeBridge(page.win);
  const secret = randomHex(32);
  page.target.dispatchEvent(new CustomEvent(EV_BRIDGE_KEY, { detail: secret }));
  const form = new FakeForm();
  const rc = makeRcmail(form);
  (page.win as unknown as { rcmail: unknown }).rcmail = rc; // the page's `var rcmail = new rcube_webmail()`
  const key = await importReleaseKey(secret);
  const release = async (nonce = randomHex(16), composeId = 'cid-1', k = key) => {
    const mac = await signRelease(k, nonce, composeId);
    page.target.dispatchEvent(new CustomEvent(EV_TO_BRIDGE, { detail: JSON.stringify({ type: 'release', composeId, nonce, mac }) }));
    await new Promise((r) => setTimeout(r, 20));
    return { nonce, mac };
  };
  return { ...page, form, rc, key, release };
}

describe('roundcube bridge', () => {
  it('announces itself and hooks rcmail when the page assigns it', async () => {
    const { attrs, seen } = await setup();
    expect(attrs['data-reportguard-bridge']).toBe('1');
    expect(seen).toContainEqual({ type: 'hooked', composeId: 'cid-1', action: 'compose' });
  });

  it('stops every unreleased send path and reports the attempt', async () => {
    const { rc, form, seen } = await setup();
    expect(rc.command('send')).toBe(false);
    rc.submit_messageform();
    form.submit();
    form.requestSubmit();
    expect(form.submitted).toBe(0);
    expect(seen.filter((m) => m.type === 'send-attempt').map((m) => (m as { via: string }).via)).toEqual([
      'beforesend',
      'submit_messageform',
      'form.submit',
      'form.submit',
    ]);
  });

  it("reports a release the webmail's own check stopped", async () => {
    const { rc, form, seen, release } = await setup();
    rc.command = () => false; // e.g. the "no subject" prompt
    const r = await release();
    expect(form.submitted).toBe(0);
    expect(seen).toContainEqual({ type: 'released', nonce: r.nonce, ok: false, error: 'webmail-check' });
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

  it('a valid release sends exactly once; its replay and later sends do nothing', async () => {
    const { form, seen, release, rc } = await setup();
    const first = await release();
    expect(form.submitted).toBe(1);
    expect(seen).toContainEqual({ type: 'released', nonce: first.nonce, ok: true });
    // Replay of the same event.
    await release(first.nonce);
    expect(form.submitted).toBe(1);
    expect(seen.filter((m) => m.type === 'released' && m.ok === false)).toHaveLength(1);
    rc.command('send');
    expect(form.submitted).toBe(1);
  });

  it('refuses a forged MAC, another compose id and a second key', async () => {
    const page = await setup();
    const forgedKey = await importReleaseKey(randomHex(32));
    await page.release(undefined, 'cid-1', forgedKey);
    await page.release(undefined, 'cid-other');
    // A page script offering its own key after the handshake is ignored.
    const pageSecret = randomHex(32);
    page.target.dispatchEvent(new CustomEvent(EV_BRIDGE_KEY, { detail: pageSecret }));
    await page.release(undefined, 'cid-1', await importReleaseKey(pageSecret));
    expect(page.form.submitted).toBe(0);
    expect(page.seen.filter((m) => m.type === 'released').every((m) => m.type === 'released' && !m.ok)).toBe(true);
  });
});
