// Surface "dialog": what ReportGuard shows in the webmail page (send dialog, attachment badges,
// stopped sends). Texts: nl/dialog.ts, en/dialog.ts.
import { defineCatalog } from './catalog.ts';
import { dialog as nl, type DialogKey } from './nl/dialog.ts';
import { dialog as en } from './en/dialog.ts';

export type { DialogKey };

export const dialog = defineCatalog<DialogKey>('dialog', { nl, en });
/** A sentence of the webmail page: dialog.text. */
export const ui = dialog.text;
