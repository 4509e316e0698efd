// Unlisted script: the send dialog's renderer (React 19). The webmail content script imports
// it on demand with import(runtime URL); it runs in the content script's isolated world and
// hands its factory over through a global of that world (see dialog-renderer.ts).
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { defineUnlistedScript } from '#imports';
import { Dialog } from '../components/dialog/Dialog.tsx';
import { RENDERER_GLOBAL, type DialogRendererModule } from '../components/dialog/renderer.ts';

const rendererModule: DialogRendererModule = {
  createDialogRenderer(container, lang) {
    const root = createRoot(container);
    return {
      // Synchronous, so the host's data attributes and the content change together.
      render: (view) => flushSync(() => root.render(<Dialog view={view} lang={lang} />)),
      unmount: () => root.unmount(),
    };
  },
};

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[RENDERER_GLOBAL] = rendererModule;
});
