// Is this page SOGo's mail module, and is a compose editor open in it? By what the page is
// (SOGo's resource path, its AngularJS mail application), not by host or port: a firm's SOGo on
// any host is recognised, and a Roundcube on the same host is not mistaken for it.
import * as sel from './selectors.ts';

/** The minimal DOM this needs (a Document, or a stand-in in tests). */
export interface DetectDoc {
  querySelector(selector: string): unknown;
  location: { pathname: string };
}

/** A SOGo page at all (login, mail, calendar …). */
export function isSogoPage(doc: DetectDoc): boolean {
  return doc.querySelector(sel.page.resources) !== null;
}

/** SOGo's mail module: the mail view or the pop-up compose window, where the editor can open. */
export function isSogoMail(doc: DetectDoc): boolean {
  return isSogoPage(doc) && (doc.querySelector(sel.page.mailApp) !== null || sel.page.mailPath.test(doc.location.pathname));
}

/** The pop-up compose window (a page of its own, with its own editor and bridge). */
export function isSogoPopup(doc: DetectDoc): boolean {
  return isSogoMail(doc) && sel.page.popupPath.test(doc.location.pathname);
}

/** A compose editor is open now. */
export function hasSogoEditor(doc: DetectDoc): boolean {
  return isSogoMail(doc) && doc.querySelector(sel.compose.editor) !== null;
}
