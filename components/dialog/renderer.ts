// The contract between the content script and the lazily loaded dialog renderer
// (entrypoints/reportguard-dialog.tsx, which holds React). Keeping React out of the content
// script's own bundle keeps every webmail page load light; the renderer is fetched from the
// extension the first time a dialog is needed (and prefetched once the page is idle).
import type { Lang } from '../../utils/core/i18n/lang.ts';
import type { DialogView } from './view.ts';

export interface DialogRenderer {
  render(view: DialogView): void;
  unmount(): void;
}

export interface DialogRendererModule {
  createDialogRenderer(container: HTMLElement, lang: Lang): DialogRenderer;
}

/** Where the renderer puts itself (the content script's isolated world, never the page's). */
export const RENDERER_GLOBAL = '__reportguardDialogRenderer';
