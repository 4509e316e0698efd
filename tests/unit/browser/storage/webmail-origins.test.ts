import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addLocalOrigin, readWebmailOrigins, removeLocalOrigin } from '../../../../utils/browser/storage/webmail-origins.ts';
import { webmailPatterns as currentWebmailPatterns } from '../../../../utils/browser/webmail/origins.ts';

describe('guarded webmail origins', () => {
  beforeEach(() => fakeBrowser.reset());

  it('loopback when nothing is configured', async () => {
    expect(await currentWebmailPatterns()).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    expect((await readWebmailOrigins()).map((r) => [r.origin, r.source])).toEqual([
      ['http://127.0.0.1', 'default'],
      ['http://localhost', 'default'],
    ]);
  });

  it('managed and local origins together; a local admin adds and removes only their own', async () => {
    await fakeBrowser.storage.managed.set({ webmailOrigins: ['https://webmail.example.nl'], adminMode: true });
    expect(await addLocalOrigin('https://Mail2.Example.nl/')).toEqual({ ok: true, pattern: 'https://mail2.example.nl/*' });
    expect(await addLocalOrigin('mail3.example.nl')).toEqual({ ok: false, error: 'invalid' });
    expect(await currentWebmailPatterns()).toEqual(['https://mail2.example.nl/*', 'https://webmail.example.nl/*']);
    expect((await readWebmailOrigins()).map((r) => [r.origin, r.source])).toEqual([
      ['https://webmail.example.nl', 'managed'],
      ['https://mail2.example.nl', 'local'],
    ]);
    await removeLocalOrigin('https://webmail.example.nl');
    await removeLocalOrigin('https://mail2.example.nl');
    expect(await currentWebmailPatterns()).toEqual(['https://webmail.example.nl/*']);
  });

  it('staff mode changes nothing', async () => {
    await fakeBrowser.storage.managed.set({ policy: { version: 1 }, webmailOrigins: ['https://webmail.example.nl'] });
    expect(await addLocalOrigin('https://mail2.example.nl')).toEqual({ ok: false, error: 'staff-mode' });
    expect(await currentWebmailPatterns()).toEqual(['https://webmail.example.nl/*']);
  });
});
