// A small, realistic set of attachment files (real PDF, DOCX, ODT, RTF, TXT, PNG, JPEG and broken
// ones) plus a policy and client records that refer to them by hash. Used by the table-driven
// check suite and by scripts/make-examples.ts, so the demo and the tests see the same world.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { sha256Hex } from '../../utils/core/documents/hash.ts';
import { makeTextPdf, makeUserPasswordPdf } from './pdf-fixtures.ts';
import { approvalOf } from './engine.ts';
import { CONSENT, deVries, focusPolicy, utrecht, zwolle } from './focus-nederland.ts';
import { makeDocx, makeOdt, makePng, makeRtf, makeTxt, tinyJpeg, legacyDoc, zipBombDocx } from './office-fixtures.ts';

export const FILES = {
  'rapport.pdf': () => makeTextPdf(['Voortgangsrapportage C-1042', 'De re-integratie verloopt volgens plan.']),
  'rapport-v1.pdf': () => makeTextPdf(['Voortgangsrapportage C-1042 (concept)', 'Eerste versie, nog niet goedgekeurd.']),
  'rapport.docx': async () =>
    makeDocx([{ h: 1, text: 'Voortgangsrapportage' }, { p: ['De cliënt werkt drie dagen per week en de begeleiding loopt goed.'] }]),
  'medisch.docx': async () =>
    makeDocx([{ h: 1, text: 'Rapportage' }, { p: ['De bedrijfsarts stelde een burn-out vast; de diagnose is besproken.'] }]),
  'concept.docx': async () => makeDocx([{ p: ['Concept voor de cliënt, ter goedkeuring.'] }]),
  // A CV (contracts §4 rule 6): headings on lines of their own; names Jan de Vries (C-1042).
  'cv.docx': async () =>
    makeDocx([
      { h: 1, text: 'Curriculum Vitae' },
      { h: 2, text: 'Personalia' },
      { p: ['Naam: Jan de Vries, e-mail jdevries@example.org'] },
      { h: 2, text: 'Werkervaring' },
      { p: ['2015 – 2024 magazijnmedewerker bij Logistiek Midden BV'] },
      { h: 2, text: 'Opleidingen' },
      { p: ['MBO Logistiek, ROC Midden Nederland'] },
    ]),
  // The CV of R. Peters (C-3003), who consents to anonymised profiles only.
  'cv-peters.docx': async () =>
    makeDocx([{ h: 1, text: 'Profiel' }, { h: 2, text: 'Werkervaring' }, { p: ['Rob Peters werkte tien jaar als chauffeur.'] }, { h: 2, text: 'Vaardigheden' }, { p: ['Rijbewijs C, heftruckcertificaat'] }]),
  'notitie.txt': async () => makeTxt(),
  'brief.rtf': async () => makeRtf(),
  'verslag.odt': async () => makeOdt(),
  'foto.png': async () => makePng(),
  'scan.jpg': async () => tinyJpeg(),
  'geheim.pdf': () => makeUserPasswordPdf(),
  'kapot.pdf': async () => strToU8('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R\nthis is not a pdf any more'),
  'oud.doc': async () => legacyDoc(),
  'archief.zip': async () => zipSync({ 'a.txt': strToU8('los bestand') }),
  'bom.docx': async () => zipBombDocx(16 * 1024 * 1024),
} satisfies Record<string, () => Promise<Uint8Array>>;

export type FixtureName = keyof typeof FILES;

/** Write every fixture into `<dir>/files/` and return the SHA-256 of each. */
export async function writeReportFixtures(dir: string): Promise<Record<FixtureName, string>> {
  await mkdir(join(dir, 'files'), { recursive: true });
  const hashes = {} as Record<FixtureName, string>;
  for (const [name, make] of Object.entries(FILES) as Array<[FixtureName, () => Promise<Uint8Array>]>) {
    const bytes = await make();
    await writeFile(join(dir, 'files', name), bytes);
    hashes[name] = await sha256Hex(bytes);
  }
  return hashes;
}

export function examplePolicy(patch: Record<string, unknown> = {}) {
  return focusPolicy(
    [
      utrecht({ staff: ['a.jansen@focus-nederland.nl', 'k.smit@focus-nederland.nl'], allowedRecipients: ['uwv.nl', 'hr@werkgever-a.nl', '*.achmea.nl', 'arbodienst-midden.nl'] }),
      zwolle(),
      {
        id: 'eindhoven',
        name: 'Regiokantoor Eindhoven',
        mailbox: 'eindhoven@focus-nederland.nl',
        staff: ['s.deboer@focus-nederland.nl'],
        allowedRecipients: ['uwv.nl', '*.philips.com', 'hr@asml.com'],
      },
    ],
    patch,
  );
}

/**
 * Clients, each shaped for one situation:
 * C-1042 everything in order (agreement, approvals of all fixtures but rapport-v1, consent, profile consent);
 * C-2001 nothing recorded; C-3003 approvals + consent, no agreement, anonymised profiles only; C-5005 approvals, no consent;
 * C-6006 consent withdrawn; C-7007 consent not written; C-8008 withdrawal scheduled for 2027.
 */
export function exampleRecords(hashes: Record<FixtureName, string>) {
  const approve = (names: FixtureName[]) => names.map((n) => ({ ...approvalOf(hashes[n]), note: n }));
  const all = (Object.keys(hashes) as FixtureName[]).filter((n) => n !== 'rapport-v1.pdf' && n !== 'concept.docx');
  const consent = CONSENT;
  return {
    version: 1,
    clients: [
      deVries({
        approvals: approve(all),
        healthConsent: consent,
        profileConsent: { explicit: true, anonymisedOnly: false, givenAt: '2026-10-01T09:00:00Z' },
      }),
      { id: 'C-2001', name: 'M. Visser', email: 'm.visser@example.net', approvals: [] },
      {
        id: 'C-3003',
        name: 'R. Peters',
        email: 'r.peters@example.com',
        approvals: approve(['rapport.pdf', 'medisch.docx', 'cv-peters.docx']),
        healthConsent: consent,
        profileConsent: { explicit: true, anonymisedOnly: true, givenAt: '2026-10-01T09:00:00Z' },
      },
      { id: 'C-5005', name: 'L. Bos', email: 'l.bos@example.nl', approvals: approve(['rapport.pdf', 'medisch.docx']) },
      {
        id: 'C-6006',
        name: 'T. Hendriks',
        approvals: approve(['medisch.docx']),
        healthConsent: { ...consent, withdrawnAt: '2026-11-01T08:00:00Z' },
      },
      { id: 'C-7007', name: 'E. Smit', approvals: approve(['medisch.docx']), healthConsent: { ...consent, written: false } },
      {
        id: 'C-8008',
        name: 'D. Meijer',
        approvals: approve(['medisch.docx']),
        healthConsent: { ...consent, withdrawnAt: '2027-01-01T00:00:00Z' },
      },
    ],
  };
}
