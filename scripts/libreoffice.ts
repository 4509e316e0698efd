// LibreOffice as the reference for the fidelity bench (bench/fidelity.bench.ts) and the corpus
// runner (scripts/corpus-check.ts), with tracked changes ACCEPTED before it prints or exports.
//
// Why: `soffice --convert-to pdf` prints a document's tracked changes with their markup (deleted
// text struck through, still there), while our converter prints the accepted text, as Word's
// "No Markup" view, and tells the user so. Compared as they are, every deleted word counts as
// "lost". So the reference is LibreOffice's own acceptance: a StarBasic macro in a private
// profile opens each file hidden, runs `.uno:AcceptAllTrackedChanges` (what Edit > Track Changes
// > Accept All does) and stores the result with the export filter asked for. Nothing of ours
// touches the document; a file without tracked changes comes out as `--convert-to` gives it.
//
// Runs one soffice process per call; `run` takes any number of jobs (one batch for the corpus's
// text export, one file at a time for the bench, which times soffice per file). The macro opens
// documents writable (Accept All edits them), and LibreOffice then keeps a `.~lock.<name>#` file
// beside the document until it is closed, left behind if soffice is stopped or a close fails. So
// each input is copied into this run's own folder first: the shared corpus is only ever read.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LoJob {
  input: string;
  output: string;
  /** LibreOffice filter name: 'writer_pdf_Export', 'Text (encoded)'. */
  filter: string;
  /** The filter's options string ('UTF8' for the text export). */
  options?: string;
}

export interface LoRun {
  /** Wall and CPU time of soffice and its children, in ms. */
  wallMs: number;
  cpuMs: number;
}

const MODULE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
REM ReportGuard reference runs: open hidden, accept all tracked changes, store with a filter.
REM The job list has one line per file: input URL, output URL, filter name, filter options (tab separated).
Sub AcceptAndStore(listUrl As String)
  Dim n As Integer
  Dim line As String
  n = FreeFile()
  Open ConvertFromURL(listUrl) For Input As #n
  Do While Not EOF(n)
    Line Input #n, line
    If Len(line) &gt; 0 Then StoreOne(Split(line, Chr(9)))
  Loop
  Close #n
End Sub

Sub StoreOne(job)
  On Error GoTo failed
  Dim load(1) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  load(1).Name = "ReadOnly"
  load(1).Value = False
  Dim doc As Object
  doc = StarDesktop.loadComponentFromURL(job(0), "_blank", 0, load())
  If IsNull(doc) Then Exit Sub
  Dim helper As Object
  helper = createUnoService("com.sun.star.frame.DispatchHelper")
  helper.executeDispatch(doc.CurrentController.Frame, ".uno:AcceptAllTrackedChanges", "", 0, Array())
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName"
  store(0).Value = job(2)
  store(1).Name = "FilterOptions"
  store(1).Value = job(3)
  doc.storeToURL(job(1), store())
  doc.close(True)
  Exit Sub
failed:
  On Error Resume Next
  If Not IsNull(doc) Then doc.close(True)
End Sub
</script:module>
`;

/** A private LibreOffice profile with the accept-and-store macro in its Standard library. */
export class AcceptingLibreOffice {
  private readonly profile: string;
  private readonly dir: string;
  private jobs = 0;

  constructor(dir: string) {
    this.dir = dir;
    this.profile = join(dir, 'lo-profile');
    // The first start creates the profile (and its Standard basic library); then the module is
    // replaced by ours. User-profile macros are trusted: no macro-security prompt.
    spawnSync('soffice', [`-env:UserInstallation=${pathToFileURL(this.profile).href}`, '--headless', '--terminate_after_init'], { stdio: 'ignore', timeout: 300_000 });
    const lib = join(this.profile, 'user/basic/Standard');
    if (!existsSync(join(lib, 'script.xlb'))) throw new Error(`LibreOffice did not create its profile in ${this.profile}`);
    mkdirSync(lib, { recursive: true });
    writeFileSync(join(lib, 'Module1.xba'), MODULE);
  }

  /** Runs the jobs in one soffice process; the outputs that LibreOffice could write exist afterwards. */
  run(jobs: LoJob[], timeoutMs = 300_000): LoRun {
    const n = this.jobs++;
    const list = join(this.dir, `jobs-${n}.tsv`);
    // The copies keep their names (LibreOffice picks its import filter by them too); one folder per
    // job, as two jobs of a batch may have files of the same name.
    const copies = join(this.dir, `inputs-${n}`);
    const lines = jobs.map((j, i) => {
      const folder = join(copies, String(i));
      mkdirSync(folder, { recursive: true });
      const copy = join(folder, basename(j.input));
      copyFileSync(j.input, copy);
      return [pathToFileURL(copy).href, pathToFileURL(j.output).href, j.filter, j.options ?? ''].join('\t');
    });
    writeFileSync(list, lines.join('\n') + '\n');
    const macro = `macro:///Standard.Module1.AcceptAndStore("${pathToFileURL(list).href}")`;
    const profile = `-env:UserInstallation=${pathToFileURL(this.profile).href}`;
    // bash `times` reports the children's CPU time (soffice.bin runs under the soffice script).
    const cmd = `soffice '${profile}' --headless '${macro}' >/dev/null 2>&1; times`;
    const t = performance.now();
    const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', timeout: timeoutMs });
    const wallMs = performance.now() - t;
    rmSync(copies, { recursive: true, force: true });
    const child = (r.stdout ?? '').trim().split('\n')[1] ?? '';
    const cpuMs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0) * 1000;
    return { wallMs, cpuMs };
  }
}

/**
 * Runs the jobs in as few soffice processes as it can: when soffice stops partway (it can crash
 * on a damaged file, and now and then elsewhere), the next process starts again at the job that
 * stopped it, and after it when that job stops it a second time. The outputs that LibreOffice
 * could write exist afterwards.
 */
export function runAll(lo: AcceptingLibreOffice, jobs: LoJob[], timeoutMs = 300_000): void {
  let start = 0;
  let retried = -1;
  while (start < jobs.length) {
    lo.run(jobs.slice(start), timeoutMs);
    let last = start - 1;
    for (let i = start; i < jobs.length; i++) if (existsSync((jobs[i] as LoJob).output)) last = i;
    // Everything after `last` is missing: the job after it stopped soffice (or failed, at the end).
    const stopped = last + 1;
    if (stopped >= jobs.length) break;
    if (stopped === retried) start = stopped + 1;
    else {
      retried = stopped;
      start = stopped;
    }
  }
}

/**
 * Checks, before a run relies on it, that this LibreOffice really accepts tracked changes: a real
 * file of the shared corpus with one tracked deletion must export without the deleted words.
 * Throws one line when it doesn't (so a bench never reports numbers against a wrong reference).
 * The file: pandoc's test/docx/track_changes_deletion.docx ("This is a text with a deletion.";
 * `--convert-to pdf` prints "… with an excessively modified deletion.").
 */
export function assertAccepts(lo: AcceptingLibreOffice, corpusFiles: string, workDir: string): void {
  const input = join(corpusFiles, 'pandoc-track_changes_deletion.docx');
  if (!existsSync(input)) return;
  const output = join(workDir, 'accept-check.txt');
  lo.run([{ input, output, filter: 'Text (encoded)', options: 'UTF8' }]);
  const text = existsSync(output) ? readFileSync(output, 'utf8').replace(/^\uFEFF/, '').replace(/\s+/g, ' ').trim() : '';
  if (text !== 'This is a text with a deletion.') {
    throw new Error(`LibreOffice did not accept the tracked changes of ${input} (its text: ${JSON.stringify(text.slice(0, 80))}): the reference would count deleted words`);
  }
}
