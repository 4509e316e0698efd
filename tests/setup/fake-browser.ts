// Puts WXT's fakeBrowser in place of the extension APIs before any test module loads.
// WxtVitest() registers the same stub, but only for the root config, not for our projects,
// and modules such as @wxt-dev/storage pick `browser` up once, at import.
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);
