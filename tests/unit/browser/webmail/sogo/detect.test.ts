// SOGo is recognised by what the page is, whatever its host: SOGo's resource path and its mail
// application, not the URL alone. A stand-in document answers the selectors the way the real
// pages do (checked against SOGo 5.8's mail view, pop-up window and login page in the e2e tier).
import { describe, expect, it } from 'vitest';
import { hasSogoEditor, isSogoMail, isSogoPage, isSogoPopup, type DetectDoc } from '../../../../../utils/browser/webmail/sogo/detect.ts';
import * as sel from '../../../../../utils/browser/webmail/sogo/selectors.ts';

function doc(pathname: string, present: string[]): DetectDoc {
  return { location: { pathname }, querySelector: (s: string) => (present.includes(s) ? {} : null) };
}

const MAIL = [sel.page.resources, sel.page.mailApp];

describe('SOGo detection', () => {
  it('recognises the mail view on any host and path prefix', () => {
    expect(isSogoMail(doc('/SOGo/so/a.jansen@focus-nederland.nl/Mail/view', MAIL))).toBe(true);
    expect(isSogoMail(doc('/groupware/SOGo/so/a.jansen/Mail/view', MAIL))).toBe(true);
    // The app attribute alone is enough when a front rewrites the path.
    expect(isSogoMail(doc('/mail', MAIL))).toBe(true);
  });

  it('tells the pop-up compose window from the mail view', () => {
    expect(isSogoPopup(doc('/SOGo/so/a.jansen/Mail//UIxMailPopupView', MAIL))).toBe(true);
    expect(isSogoPopup(doc('/SOGo/so/a.jansen/Mail/UIxMailPopupView', MAIL))).toBe(true);
    expect(isSogoPopup(doc('/SOGo/so/a.jansen/Mail/view', MAIL))).toBe(false);
  });

  it('sees a compose editor only when one is open', () => {
    expect(hasSogoEditor(doc('/SOGo/so/a/Mail/view', MAIL))).toBe(false);
    expect(hasSogoEditor(doc('/SOGo/so/a/Mail/view', [...MAIL, sel.compose.editor]))).toBe(true);
  });

  it('is not fooled by a URL that merely looks like SOGo', () => {
    // A Roundcube (or anything) whose path has /so/x/Mail/: no SOGo resources, no SOGo.
    expect(isSogoPage(doc('/SOGo/so/a/Mail/view', []))).toBe(false);
    expect(isSogoMail(doc('/SOGo/so/a/Mail/view', [sel.compose.editor]))).toBe(false);
    expect(hasSogoEditor(doc('/SOGo/so/a/Mail/view', [sel.compose.editor]))).toBe(false);
  });

  it('keeps the login page and other modules out of the mail module', () => {
    expect(isSogoPage(doc('/SOGo/', [sel.page.resources]))).toBe(true);
    expect(isSogoMail(doc('/SOGo/', [sel.page.resources]))).toBe(false);
    expect(isSogoMail(doc('/SOGo/so/a/Calendar/view', [sel.page.resources]))).toBe(false);
  });
});
