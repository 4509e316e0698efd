// rules/attachments.ts: ATTACHMENT_CONVERTED, PDF_FLATTENED, ATTACHMENT_UNREADABLE, ATTACHMENT_UNSUPPORTED.
import { describe, expect, it } from 'vitest';
import { analysed, blocking, check, codes, makePolicy } from '../../../../helpers/engine.ts';

describe('evaluate: attachments', () => {
  it('reports conversion and flattening as info, decided from the type when no fix ran', () => {
    const v = check({}, [analysed('a.docx', { type: 'docx' }), analysed('b.pdf'), analysed('c.png', { type: 'png' })]);
    expect(v.verdict).toBe('allow');
    expect(codes(v)).toEqual(['ATTACHMENT_CONVERTED', 'PDF_FLATTENED', 'ATTACHMENT_CONVERTED']);
  });

  it('uses the fix result when there is one', () => {
    expect(codes(check({}, [analysed('a.pdf', { fix: { action: 'none', ok: true } })]))).toEqual([]);
    const failed = check({}, [analysed('a.docx', { type: 'docx', fix: { action: 'converted', ok: false, problem: { kind: 'corrupt', detail: 'x' } } })]);
    expect(blocking(failed)).toEqual(['ATTACHMENT_UNREADABLE:a.docx']);
  });

  it('says so when the PDF shows tracked changes accepted (info, the send goes on), with or without placeholders', () => {
    const fix = { action: 'converted' as const, ok: true, outputSha256: 'a'.repeat(64), revisions: 'tracked changes shown as accepted: 1 insertion(s) kept, 2 deletion(s) left out' };
    const v = check({}, [analysed('r.docx', { type: 'docx', fix }), analysed('s.docx', { type: 'docx', fix: { ...fix, notes: ['a WMF picture'] } }), analysed('t.docx', { type: 'docx', fix: { ...fix, revisions: undefined } })]);
    expect(v.verdict).toBe('allow');
    expect(v.findings.map((f) => [f.code, f.severity])).toEqual([['ATTACHMENT_CONVERTED', 'info'], ['ATTACHMENT_CONVERTED', 'info'], ['ATTACHMENT_CONVERTED', 'info']]);
    expect(v.findings[0]!.message).toMatch(/bijgehouden wijzigingen.*geaccepteerd/);
    expect(v.findings[1]!.message).toMatch(/1 afbeelding.*a WMF picture.*geaccepteerd/);
    expect(v.findings[2]!.message).not.toMatch(/wijzigingen/);
  });

  it('blocks encrypted, corrupt and unsupported files', () => {
    const v = check({}, [
      analysed('geheim.pdf', { readable: false, problem: { kind: 'encrypted', detail: 'x' } }),
      analysed('kapot.pdf', { readable: false, problem: { kind: 'corrupt', detail: 'x' } }),
      analysed('oud.doc', { type: 'doc', readable: false, problem: { kind: 'unsupported', detail: 'x' } }),
      analysed('archief.zip', { type: 'zip' }),
      analysed('bom.docx', { type: 'docx', readable: false, problem: { kind: 'zip-bomb', detail: 'x' } }),
    ]);
    expect(blocking(v)).toEqual([
      'ATTACHMENT_UNREADABLE:geheim.pdf',
      'ATTACHMENT_UNREADABLE:kapot.pdf',
      'ATTACHMENT_UNSUPPORTED:oud.doc',
      'ATTACHMENT_UNSUPPORTED:archief.zip',
      'ATTACHMENT_UNREADABLE:bom.docx',
    ]);
    expect(v.findings[0]!.message).toContain('wachtwoord');
  });

  it('blocks an attachment over maxAttachmentMB', () => {
    const small = makePolicy({ maxAttachmentMB: 1 });
    const v = check({}, [analysed('groot.pdf', { size: 1024 * 1024 + 1 })], small);
    expect(blocking(v)).toEqual(['ATTACHMENT_UNREADABLE:groot.pdf']);
    expect(v.findings[0]!.message).toContain('1 MB');
    expect(check({}, [analysed('net.pdf', { size: 1024 * 1024 })], small).verdict).toBe('allow');
  });
});
