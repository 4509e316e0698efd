#!/usr/bin/env node
// Regenerates the example world used by the README and the demo: examples/policy.json,
// examples/records.json (approvals refer to the attachments by hash), examples/files/* and
// examples/messages/*.json. Run: `node examples/generate.ts` (Node 24, via npm: `npx node ...`).
// The expected verdict of each message is in examples/README.md and checked by
// tests/integration/cli/examples.test.ts.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { examplePolicy, exampleRecords, writeReportFixtures } from '../tests/helpers/report-fixtures.ts';

const root = import.meta.dirname;
const json = (data: unknown) => JSON.stringify(data, null, 2) + '\n';

const HR = 'Personeelszaken <hr@werkgever-a.nl>';
const base = {
  from: 'A. Jansen <a.jansen@focus-nederland.nl>',
  to: [HR],
  cc: [],
  bcc: [],
  subject: 'Voortgangsrapportage C-1042',
  body: 'Beste mevrouw Bakker,\n\nBijgaand de voortgangsrapportage.\n\nMet vriendelijke groet,\nAnna Jansen',
  attachments: [{ name: 'rapport.pdf', path: '../files/rapport.pdf' }],
  containsHealthData: null,
  healthOverrideJustification: null,
};
const att = (name: string) => ({ name, path: `../files/${name}` });

/** name → [message, expected verdict] */
export const MESSAGES: Record<string, [Record<string, unknown>, 'allow' | 'warn' | 'block']> = {
  'allow-approved-report': [{ ...base }, 'allow'],
  'allow-docx-converted': [{ ...base, attachments: [att('rapport.docx')] }, 'allow'],
  'allow-approval-round-to-client': [{ ...base, to: ['J. de Vries <jdevries@example.org>'], attachments: [att('concept.docx')], subject: 'Concept rapportage C-1042 ter goedkeuring' }, 'allow'],
  'block-not-whitelisted': [{ ...base, to: ['hr@werkgever-b.nl'] }, 'block'],
  'block-lookalike': [{ ...base, to: ['hr@werkgever-a.n1'] }, 'block'],
  'block-stale-approval': [{ ...base, attachments: [att('rapport-v1.pdf')] }, 'block'],
  'block-health-no-consent': [{ ...base, subject: 'Rapportage C-5005', attachments: [att('medisch.docx')] }, 'block'],
  'block-encrypted-attachment': [{ ...base, attachments: [att('geheim.pdf')] }, 'block'],
  'block-unknown-client': [{ ...base, subject: 'Rapportage' }, 'block'],
  'warn-exception-ground': [
    { ...base, attachments: [att('rapport-v1.pdf')], exception: { ground: 'legal-obligation', justification: 'UWV vraagt dit binnen de wettelijke termijn op' } },
    'warn',
  ],
  'warn-progress-info': [{ ...base, reportKind: 'progress', attachments: [att('rapport-v1.pdf')] }, 'warn'],
  'warn-plain-mail-health-outside': [{ ...base, attachments: [], to: ['vriend@hotmail.com'], body: 'Zij zit thuis met een burn-out.' }, 'warn'],
};

if (import.meta.main) {
  await rm(join(root, 'files'), { recursive: true, force: true });
  await rm(join(root, 'messages'), { recursive: true, force: true });
  const hashes = await writeReportFixtures(root);
  // Only the files the messages use (plus a few types) are kept, to keep the folder small.
  const keep = new Set(['rapport.pdf', 'rapport-v1.pdf', 'rapport.docx', 'medisch.docx', 'concept.docx', 'geheim.pdf', 'notitie.txt', 'foto.png']);
  for (const name of Object.keys(hashes)) if (!keep.has(name)) await rm(join(root, 'files', name));
  await writeFile(join(root, 'policy.json'), json(examplePolicy()));
  await writeFile(join(root, 'records.json'), json(exampleRecords(hashes)));
  await mkdir(join(root, 'messages'), { recursive: true });
  for (const [name, [message]] of Object.entries(MESSAGES)) await writeFile(join(root, 'messages', `${name}.json`), json(message));
  console.log(`examples written: ${Object.keys(MESSAGES).length} messages, ${keep.size} files`);
}
