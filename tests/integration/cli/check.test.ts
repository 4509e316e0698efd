// `reportguard check`: exit codes, one-line errors, no stack traces (contracts §1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.ts';
import { POLICY_RAW, RECORDS_RAW } from '../../helpers/engine.ts';
import { sha256Hex } from '../../../utils/core/documents/hash.ts';

let dir: string;
const TEXT = 'Voortgangsrapportage C-1042\n\nDe re-integratie verloopt volgens plan.\n';

async function writeJson(name: string, data: unknown): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return p;
}

const message = (patch: Record<string, unknown> = {}) => ({
  from: 'a.jansen@focus-nederland.nl',
  to: ['Personeelszaken <hr@werkgever-a.nl>'],
  subject: 'Voortgangsrapportage C-1042',
  body: 'Bijgaand de rapportage.',
  attachments: [{ name: 'rapport.txt', path: 'files/rapport.txt' }],
  ...patch,
});

async function check(msg: unknown, extra: string[] = []) {
  const m = await writeJson(`m-${Math.random().toString(36).slice(2)}.json`, msg);
  return runCli(['check', '--policy', join(dir, 'policy.json'), '--records', join(dir, 'records.json'), '--message', m, '--now', '2026-11-25T12:00:00Z', ...extra]);
}

function expectOneLine(stderr: string) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\bat .*:\d+:\d+/); // no stack frames
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-cli-'));
  await mkdir(join(dir, 'files'));
  await writeFile(join(dir, 'files', 'rapport.txt'), TEXT);
  await writeFile(join(dir, 'files', 'oud.txt'), TEXT + 'oude versie\n');
  const approved = await sha256Hex(new TextEncoder().encode(TEXT));
  const records = structuredClone(RECORDS_RAW);
  records.clients[0]!.approvals[0]!.documentSha256 = approved;
  await writeJson('policy.json', POLICY_RAW);
  await writeJson('records.json', records);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reportguard check', () => {
  it('exits 0 and prints an allow verdict as JSON', async () => {
    const r = await check(message());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.verdict).toBe('allow');
    expect(v.findings.map((f: { code: string }) => f.code)).toEqual(['ATTACHMENT_CONVERTED']);
  });

  it('exits 10 on warn', async () => {
    const r = await check(message({ reportKind: 'progress', attachments: [{ name: 'oud.txt', path: 'files/oud.txt' }] }));
    expect(r.code).toBe(10);
    expect(JSON.parse(r.stdout).verdict).toBe('warn');
  });

  it('exits 20 on block, with Dutch messages by default and English with --lang en', async () => {
    const r = await check(message({ to: ['hr@werkgever-b.nl'] }));
    expect(r.code).toBe(20);
    const v = JSON.parse(r.stdout);
    expect(v.findings[0]).toMatchObject({ code: 'RECIPIENT_NOT_WHITELISTED', severity: 'block', subject: 'hr@werkgever-b.nl' });
    expect(v.findings[0].message).toContain('staat niet op de lijst');
    const en = await check(message({ to: ['hr@werkgever-b.nl'] }), ['--lang', 'en']);
    expect(JSON.parse(en.stdout).findings[0].message).toContain('is not on the list');
  });

  it('judges approvals by the hash of the original bytes', async () => {
    const r = await check(message({ attachments: [{ name: 'rapport.txt', path: 'files/oud.txt' }] }));
    expect(r.code).toBe(20);
    expect(JSON.parse(r.stdout).findings[0].code).toBe('APPROVAL_STALE');
  });

  it('works without a records file (no clients: CLIENT_UNKNOWN)', async () => {
    const m = await writeJson('norecords.json', message());
    const r = await runCli(['check', '--policy', join(dir, 'policy.json'), '--message', m]);
    expect(r.code).toBe(20);
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toContain('CLIENT_UNKNOWN');
  });

  it('exits 2 with one line for invalid JSON', async () => {
    const r = await check('{ "from": "a@b.nl", ');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/m-\w+\.json: not valid JSON/);
  });

  it('exits 2 with one line naming the field path for a bad field', async () => {
    const r = await check(message({ exception: { ground: 'omdat het moet', justification: 'x' } }));
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/exception\.ground: expected one of contract, legal-obligation/);
    const p = await writeJson('badpolicy.json', { ...POLICY_RAW, regiokantoren: [{ ...POLICY_RAW.regiokantoren[0], allowedRecipients: ['uwv nl'] }] });
    const m = await writeJson('ok.json', message());
    const r2 = await runCli(['check', '--policy', p, '--message', m]);
    expect(r2.code).toBe(2);
    expectOneLine(r2.stderr);
    expect(r2.stderr).toContain('badpolicy.json: regiokantoren[0].allowedRecipients[0]: expected a recipient entry');
  });

  it('exits 2 when an attachment path does not exist', async () => {
    const r = await check(message({ attachments: [{ name: 'weg.pdf', path: 'files/weg.pdf' }] }));
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/attachments\[0\]\.path: expected an existing file, got "files\/weg\.pdf"/);
  });

  it('exits 2 for a missing file, unknown option, bad --now or bad --lang', async () => {
    for (const args of [
      ['check', '--policy', join(dir, 'nope.json'), '--message', join(dir, 'x.json')],
      ['check', '--policy', join(dir, 'policy.json')],
      ['check', '--polcy', 'x'],
      ['check', '--policy', join(dir, 'policy.json'), '--message', join(dir, 'ok.json'), '--now', 'gisteren'],
      ['check', '--policy', join(dir, 'policy.json'), '--message', join(dir, 'ok.json'), '--lang', 'de'],
      ['frobnicate'],
      [],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
    }
  });

  it('blocks an attachment over the size limit without reading it whole', async () => {
    const p = await writeJson('small.json', { ...POLICY_RAW, maxAttachmentMB: 0.001 });
    await writeFile(join(dir, 'files', 'groot.txt'), 'x'.repeat(5000));
    const m = await writeJson('big.json', message({ attachments: [{ name: 'groot.txt', path: 'files/groot.txt' }] }));
    const r = await runCli(['check', '--policy', p, '--records', join(dir, 'records.json'), '--message', m]);
    expect(r.code).toBe(20);
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ code: 'ATTACHMENT_UNREADABLE', subject: 'groot.txt' });
  });
});

// LibreOffice DOCX files (tests/fixtures/health-places): health terms in header, footer,
// footnote and text box, or only in a comment, a tracked deletion and hidden text.
const fixture = (file: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/health-places/${file}`, import.meta.url)));

async function checkWithoutConsent(file: string) {
  const bytes = fixture(file);
  await writeFile(join(dir, 'files', file), bytes);
  const records = structuredClone(RECORDS_RAW) as typeof RECORDS_RAW & { clients: Array<{ healthConsent?: unknown }> };
  records.clients[0]!.approvals[0]!.documentSha256 = await sha256Hex(bytes);
  delete records.clients[0]!.healthConsent;
  const r = await writeJson(`records-${file}.json`, records);
  const m = await writeJson(`m-${file}.json`, message({ attachments: [{ name: `rapport C-1042.docx`, path: `files/${file}` }] }));
  const out = await runCli(['check', '--policy', join(dir, 'policy.json'), '--records', r, '--message', m, '--now', '2026-11-25T12:00:00Z'], { timeoutMs: 60_000 });
  return { code: out.code, codes: (JSON.parse(out.stdout) as { findings: Array<{ code: string }> }).findings.map((f) => f.code) };
}

describe('reportguard check reads the text of the PDF it would send (as the extension does)', () => {
  it('blocks health data that is only in the header, footer, footnote and text box of a DOCX', async () => {
    const r = await checkWithoutConsent('health-places.docx');
    expect(r.code).toBe(20);
    expect(r.codes).toContain('HEALTH_CONSENT_MISSING');
  }, 60_000);

  it('does not block on health words in a comment, a tracked deletion or hidden text, which are not sent', async () => {
    const r = await checkWithoutConsent('health-unsent.docx');
    expect(r.codes).not.toContain('HEALTH_CONSENT_MISSING');
    expect(r).toEqual({ code: 0, codes: ['ATTACHMENT_CONVERTED'] });
  }, 60_000);
});
