// The one place the webmail origins come from (utils/browser/webmail/origins.ts): managed storage
// and the local list, loopback when neither names any; the worker's live copy follows changes, so
// the network rules and the content scripts are re-made from the same origins.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { liveWebmailOrigins, webmailHosts, webmailPatterns } from '../../../../utils/browser/webmail/origins.ts';
import { webmailOriginsItem } from '../../../../utils/browser/storage/items.ts';

const settle = async (until: () => boolean) => {
  for (let i = 0; i < 100 && !until(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('webmail origins', () => {
  beforeEach(() => fakeBrowser.reset());

  it('loopback when nothing is configured; managed and local together otherwise', async () => {
    expect(await webmailPatterns()).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    await fakeBrowser.storage.managed.set({ webmailOrigins: ['https://webmail.example.nl', 'http://127.0.0.1:8081'] });
    await webmailOriginsItem.setValue(['https://*.post.example.nl']);
    const patterns = await webmailPatterns();
    expect(patterns).toEqual(['http://127.0.0.1:8081/*', 'https://*.post.example.nl/*', 'https://webmail.example.nl/*']);
    expect(webmailHosts(patterns)).toEqual(['127.0.0.1', 'post.example.nl', 'webmail.example.nl']);
  });

  it('the live copy is read at start and follows a managed change and a local one', async () => {
    const live = liveWebmailOrigins();
    expect(live.patterns()).toEqual([]);
    await live.ready;
    expect(live.patterns()).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    const seen: (readonly string[])[] = [];
    live.onChange((p) => seen.push(p));

    await fakeBrowser.storage.managed.set({ webmailOrigins: ['http://127.0.0.2'] });
    await settle(() => seen.length === 1);
    expect(seen).toEqual([['http://127.0.0.2/*']]);
    expect(live.hosts()).toEqual(['127.0.0.2']);

    await webmailOriginsItem.setValue(['https://webmail.example.nl']);
    await settle(() => seen.length === 2);
    expect(live.patterns()).toEqual(['http://127.0.0.2/*', 'https://webmail.example.nl/*']);

    // A change that gives the same origins calls nobody.
    await webmailOriginsItem.setValue(['https://webmail.example.nl/']);
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toHaveLength(2);
  });

  it('a failed read leaves no origins: the guard installs no rules, so nothing is released', async () => {
    const live = liveWebmailOrigins(() => Promise.reject(new Error('storage gone')));
    await live.ready;
    expect(live.patterns()).toEqual([]);
    expect(live.hosts()).toEqual([]);
  });
});
