// Puts WXT's fakeBrowser in place of the extension APIs before any test module loads.
// WxtVitest() registers the same stub, but only for the root config, not for our projects,
// and modules such as @wxt-dev/storage pick `browser` up once, at import.
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);

// The extension's own IndexedDB (what `indexedDB` is in its pages): a fresh, empty one for every
// test, as fakeBrowser.reset() gives fresh storage. Stores made with their own target are unaffected.
beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
});
