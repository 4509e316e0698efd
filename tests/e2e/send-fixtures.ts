// Small policy, records and PDF fixtures for the send scenarios, written fresh for each run so
// that the approvals in records.json carry the hashes of exactly the PDFs the tests attach.
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDocx } from '../helpers/fixtures.ts';
import { approvalOf } from '../helpers/engine.ts';
import { CONSENT, deVries, focusPolicy, utrecht } from '../helpers/focus-nederland.ts';

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A one-page report. `flat: true` writes no Info dictionary, so there is nothing to flatten. */
export async function makeReportPdf(lines: string[], { flat = true }: { flat?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: !flat });
  if (!flat) {
    // Metadata a flat PDF may not carry (contracts §1): the send must swap in a flattened copy.
    doc.setTitle('Rapport');
    doc.setAuthor('A. Jansen');
  }
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 780 - i * 18, size: 12, font }));
  return doc.save({ useObjectStreams: false });
}

export interface SendFixtures {
  dir: string;
  policyPath: string;
  recordsPath: string;
  /** Approved by C-1042. */
  approvedPdf: Uint8Array;
  /** Approved by C-1042, but carries metadata: gets flattened and swapped at send time. */
  approvedUnflatPdf: Uint8Array;
  /** A Word report approved by C-1042: converted to a flat PDF at send time. */
  approvedDocx: Uint8Array;
  /** Never approved by anyone. */
  unapprovedPdf: Uint8Array;
  /** Approved by C-2001, who has no health consent. */
  c2001Pdf: Uint8Array;
  /**
   * LibreOffice DOCX files from tests/fixtures/health-places, both approved by C-2001: health terms
   * in header, footer, footnote and text box (`healthSent`), or only in a comment, a tracked
   * deletion and hidden text (`healthUnsent`).
   */
  healthSentDocx: Uint8Array;
  healthUnsentDocx: Uint8Array;
}

const healthFixture = (file: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/health-places/${file}`, import.meta.url)));

export async function writeSendFixtures(dir: string): Promise<SendFixtures> {
  mkdirSync(dir, { recursive: true });
  const approvedPdf = await makeReportPdf(['Rapportage C-1042', 'Re-integratie verloopt volgens plan.']);
  const approvedUnflatPdf = await makeReportPdf(['Rapportage C-1042 (bijlage)', 'Planning volgende periode.'], { flat: false });
  const unapprovedPdf = await makeReportPdf(['Rapportage C-1042', 'Nieuwe versie, nog niet besproken.']);
  const c2001Pdf = await makeReportPdf(['Rapportage C-2001', 'Werkhervatting in twee fasen.']);
  const approvedDocx = makeDocx(['Rapportage C-1042 in Word', 'De cliënt volgt een opleiding tot logistiek medewerker.']);
  const healthSentDocx = healthFixture('health-places.docx');
  const healthUnsentDocx = healthFixture('health-unsent.docx');
  const policy = {
    ...focusPolicy([utrecht({ staff: ['a.jansen@focus-nederland.nl', 'b.bakker@focus-nederland.nl'] })]),
    organisation: 'Focus Nederland E2E',
  };
  const approval = (b: Uint8Array) => approvalOf(sha256(b));
  const records = {
    version: 1,
    clients: [
      deVries({
        approvals: [approval(approvedPdf), approval(approvedUnflatPdf), approval(approvedDocx)],
        healthConsent: { ...CONSENT, evidenceSha256: sha256(new Uint8Array([1])) },
      }),
      {
        id: 'C-2001',
        name: 'P. Bakker',
        email: 'pbakker@example.org',
        approvals: [approval(c2001Pdf), approval(healthSentDocx), approval(healthUnsentDocx)],
        healthConsent: null,
      },
    ],
  };
  const policyPath = join(dir, 'policy.json');
  const recordsPath = join(dir, 'records.json');
  writeFileSync(policyPath, JSON.stringify(policy, null, 2));
  writeFileSync(recordsPath, JSON.stringify(records, null, 2));
  return { dir, policyPath, recordsPath, approvedPdf, approvedUnflatPdf, approvedDocx, unapprovedPdf, c2001Pdf, healthSentDocx, healthUnsentDocx };
}
