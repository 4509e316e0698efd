// The example organisation every test and the demo share: Focus Nederland, its regiokantoren and
// client J. de Vries, as building blocks. Each suite patches what its cases need (other staff, a
// longer whitelist, other approvals) instead of writing the whole office out again.

/** Regiokantoor Utrecht: A. Jansen, whitelist uwv.nl, hr@werkgever-a.nl, *.achmea.nl. */
export function utrecht(patch: { staff?: string[]; allowedRecipients?: string[] } = {}) {
  return {
    id: 'utrecht',
    name: 'Regiokantoor Utrecht',
    mailbox: 'utrecht@focus-nederland.nl',
    staff: ['a.jansen@focus-nederland.nl'],
    allowedRecipients: ['uwv.nl', 'hr@werkgever-a.nl', '*.achmea.nl'],
    ...patch,
  };
}

/** Regiokantoor Zwolle: B. Mulder and K. Smit (who works for Utrecht as well in some suites). */
export function zwolle() {
  return {
    id: 'zwolle',
    name: 'Regiokantoor Zwolle',
    mailbox: 'zwolle@focus-nederland.nl',
    staff: ['b.mulder@focus-nederland.nl', 'k.smit@focus-nederland.nl'],
    allowedRecipients: ['uwv.nl', 'personeel@gemeente-zwolle.nl'],
  };
}

/** A policy.json for these regiokantoren: no mailbox rule, whiplash added to the lexicon, 25 MB. */
export function focusPolicy(regiokantoren: object[], patch: Record<string, unknown> = {}) {
  return {
    version: 1,
    organisation: 'Focus Nederland',
    regiokantoren,
    requireRegioMailbox: false,
    healthTerms: { add: ['whiplash'], remove: [] },
    maxAttachmentMB: 25,
    ...patch,
  };
}

/** Written health consent, given on 1 October 2026, not withdrawn. */
export const CONSENT = { written: true, givenAt: '2026-10-01T09:00:00Z', withdrawnAt: null };

/** Client C-1042, J. de Vries, whose reporting agreement names hr@werkgever-a.nl and uwv.nl. */
export function deVries<P extends object>(patch: P = {} as P) {
  return {
    id: 'C-1042',
    name: 'J. de Vries',
    email: 'jdevries@example.org',
    reportingAgreement: { recipients: ['hr@werkgever-a.nl', 'uwv.nl'] },
    ...patch,
  };
}
