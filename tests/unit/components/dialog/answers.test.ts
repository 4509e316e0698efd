import { describe, expect, it } from 'vitest';
import { applyAnswers, countedCodes, EMPTY_ANSWERS, inputsFor } from '../../../../components/dialog/answers.ts';
import type { Finding } from '../../../../utils/core/policy/types.ts';

const f = (code: Finding['code'], severity: Finding['severity'] = 'block'): Finding => ({ code, severity, message: code });
const fields = { from: 'a@x.nl', to: ['b@y.nl'], cc: [], bcc: [], subject: 's', body: 'b' };

describe('inputsFor', () => {
  it('asks for what the findings call for', () => {
    expect(inputsFor([f('CLIENT_UNKNOWN')], EMPTY_ANSWERS)).toEqual(['client']);
    expect(inputsFor([f('APPROVAL_MISSING')], EMPTY_ANSWERS)).toEqual(['ground', 'reportKind']);
    expect(inputsFor([f('PROGRESS_INFO', 'warn')], EMPTY_ANSWERS)).toEqual(['reportKind']);
    expect(inputsFor([f('HEALTH_CONSENT_MISSING')], EMPTY_ANSWERS)).toEqual(['health']);
    expect(inputsFor([f('RECIPIENT_NOT_WHITELISTED')], EMPTY_ANSWERS)).toEqual([]);
  });
  it('keeps showing an input the user already answered', () => {
    expect(inputsFor([f('EXCEPTION_GROUND_USED', 'warn')], { ...EMPTY_ANSWERS, client: 'C-1' })).toEqual(['client', 'ground', 'reportKind']);
  });
});

describe('applyAnswers', () => {
  it('leaves the message as composed without answers', () => {
    expect(applyAnswers(fields, EMPTY_ANSWERS)).toEqual({ ...fields, containsHealthData: null, healthOverrideJustification: null });
  });
  it('puts client, kind, ground and health override into the message', () => {
    const m = applyAnswers(fields, {
      client: 'C-1042',
      reportKind: 'full',
      ground: 'legal-obligation',
      justification: '  wettelijke plicht volgens de Wet verbetering poortwachter ',
      healthOverride: 'alleen een planning, geen medische info',
    });
    expect(m.client).toBe('C-1042');
    expect(m.reportKind).toBe('full');
    expect(m.exception).toEqual({ ground: 'legal-obligation', justification: 'wettelijke plicht volgens de Wet verbetering poortwachter' });
    expect(m.containsHealthData).toBe(false);
    expect(m.healthOverrideJustification).toBe('alleen een planning, geen medische info');
  });
  it('passes a short justification on unchanged (the engine, not the dialog, rejects it)', () => {
    expect(applyAnswers(fields, { ...EMPTY_ANSWERS, ground: 'contract', justification: 'kort' }).exception).toEqual({ ground: 'contract', justification: 'kort' });
  });
});

describe('countedCodes', () => {
  it('ignores info findings and duplicates', () => {
    expect(countedCodes([f('PDF_FLATTENED', 'info'), f('PROGRESS_INFO', 'warn'), f('PROGRESS_INFO', 'warn')])).toEqual(['PROGRESS_INFO']);
  });
});
