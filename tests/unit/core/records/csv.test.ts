import { describe, expect, it } from 'vitest';
import { parseRecordsCsv, recordsToCsv, formatCsvError, CSV_COLUMNS } from '../../../../utils/core/records/csv.ts';
import { RecordsSchema } from '../../../../utils/core/records/schema.ts';
import { APPROVED, OLD_VERSION, makeRecords } from '../../../helpers/engine.ts';

const header = 'client_id;name;email;agreement_recipients;health_written;health_given_at;approval_sha256;approval_at;approval_method';

describe('records CSV: parsing', () => {
  it('reads a Dutch spreadsheet export (semicolons, ja/nee, plain dates, BOM) into contracts §3 records', () => {
    const text =
      '\uFEFF' +
      [
        header,
        `C-1042;J. de Vries;jdevries@example.org;hr@werkgever-a.nl uwv.nl;ja;2026-10-01;${APPROVED};2026-11-02T10:00:00Z;email`,
        `C-1042;;;;;;${OLD_VERSION};2026-10-20;signed`,
        'C-2001;"Visser; M.";m.visser@example.net;;;;;;',
        '',
      ].join('\r\n');
    const r = parseRecordsCsv(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toBe(3);
    expect(r.records.clients).toHaveLength(2);
    const [c1, c2] = r.records.clients;
    expect(c1).toMatchObject({
      id: 'C-1042',
      email: 'jdevries@example.org',
      reportingAgreement: { recipients: ['hr@werkgever-a.nl', 'uwv.nl'] },
      healthConsent: { written: true, givenAt: '2026-10-01T00:00:00Z', withdrawnAt: null },
    });
    expect(c1!.approvals.map((a) => [a.documentSha256, a.method])).toEqual([
      [APPROVED, 'email'],
      [OLD_VERSION, 'signed'],
    ]);
    expect(c2!.name).toBe('Visser; M.');
    expect(RecordsSchema.safeParse(r.records).success).toBe(true);
  });

  it('names every broken row with its line and column, and imports nothing', () => {
    const text = [
      'client_id,name,email,health_written,health_given_at,approval_sha256,approval_at',
      `C-1042,J. de Vries,jdevries@example.org,ja,2026-10-01,${APPROVED},2026-11-02`,
      'C-7,"K. Bakker',
      'tweede regel",kbakker@@example.org,,,,', // line 3-4: a quoted newline; bad e-mail on the row that starts on line 3
      `,Zonder Id,z@example.org,,,,`, // line 5: no id
      `C-8,X,x@example.org,misschien,2026-10-01,,`, // line 6: not ja/nee
      `C-9,Y,y@example.org,,,${APPROVED.slice(0, 60)},gisteren`, // line 7: short hash, bad date
      `C-10,Z,z@example.org,,,,2026-11-01`, // line 8: date without hash
      `C-1042,Andere Naam,,,,,`, // line 9: differs from line 2
    ].join('\n');
    const r = parseRecordsCsv(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.errors.map((e) => formatCsvError('clients.csv', e));
    expect(lines).toEqual([
      'clients.csv line 3, email: expected an e-mail address like name@example.nl, got "kbakker@@example.org"',
      'clients.csv line 5, client_id: expected a client id like C-1042, got an empty field',
      'clients.csv line 6, health_written: expected ja or nee, got "misschien"',
      expect.stringMatching(/^clients\.csv line 7, approval_sha256: expected a SHA-256 as 64 lowercase hex characters/),
      'clients.csv line 7, approval_at: expected a date like 2026-11-02 or 2026-11-02T10:00:00Z, got "gisteren"',
      'clients.csv line 8, approval_sha256: expected the SHA-256 of the approved document (the other approval columns are filled)',
      'clients.csv line 9, name: "Andere Naam" differs from line 2 for C-1042 ("J. de Vries"); leave it empty on later lines',
    ]);
    for (const l of lines) expect(l).not.toContain('\n');
  });

  it('refuses a file without client_id column, an empty file, a duplicate column and a row longer than the header', () => {
    expect(parseRecordsCsv('naam,email\nJ,j@example.org\n')).toMatchObject({ ok: false, errors: [{ line: 1, message: expect.stringContaining('client_id') }] });
    expect(parseRecordsCsv('')).toMatchObject({ ok: false, errors: [{ line: 1, message: expect.stringContaining('empty') }] });
    expect(parseRecordsCsv('client_id,name,name\nC-1,a,b\n')).toMatchObject({ ok: false, errors: [{ line: 1, column: 'name' }] });
    expect(parseRecordsCsv('client_id,name\nC-1,a,b,c\n')).toMatchObject({ ok: false, errors: [{ line: 2, message: '4 fields where the header has 2' }] });
  });

  it('refuses the same client id twice in different forms via the contract schema', () => {
    const r = parseRecordsCsv('client_id,name\nC-1042,a\nc1042,b\n');
    // c1042 is the same client as C-1042: its name differs from the first line
    expect(r).toMatchObject({ ok: false, errors: [{ line: 3, column: 'name' }] });
  });

  it('keeps unknown columns on the client', () => {
    const r = parseRecordsCsv('client_id,dossier\nC-1,D-9\n');
    expect(r.ok && (r.records.clients[0] as Record<string, unknown>).dossier).toBe('D-9');
  });
});

describe('records CSV: writing', () => {
  it('round-trips the records (one line per approval, client fields on the first)', () => {
    const records = makeRecords((r) => {
      (r.clients[0]!.approvals as unknown[]).push({ documentSha256: OLD_VERSION, approvedAt: '2026-10-20T00:00:00Z', method: 'signed' });
      (r.clients[0] as Record<string, unknown>).profileConsent = { explicit: true, anonymisedOnly: true, givenAt: '2026-10-01T09:00:00Z' };
    });
    const csv = recordsToCsv(records);
    expect(csv.split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv.split('\n').filter(Boolean)).toHaveLength(1 + 2 + 1);
    const back = parseRecordsCsv(csv);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.records.clients.map((c) => c.approvals.length)).toEqual([2, 0]);
    expect(back.records.clients[0]).toMatchObject({
      id: 'C-1042',
      reportingAgreement: records.clients[0]!.reportingAgreement,
      healthConsent: { written: true, givenAt: '2026-10-01T09:00:00Z', withdrawnAt: null },
      profileConsent: { explicit: true, anonymisedOnly: true, givenAt: '2026-10-01T09:00:00Z' },
    });
  });
});
