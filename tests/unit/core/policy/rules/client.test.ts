// rules/client.ts: CLIENT_UNKNOWN.
import { describe, expect, it } from 'vitest';
import { EMPTY_RECORDS } from '../../../../../utils/core/records/schema.ts';
import { analysed, blocking, check, policy } from '../../../../helpers/engine.ts';

describe('evaluate: client', () => {
  it('blocks report mail without an identifiable client', () => {
    expect(blocking(check({ subject: 'Rapportage' }))).toEqual(['CLIENT_UNKNOWN:']);
    expect(blocking(check({ subject: 'C-1042 en C-2001' }))).toEqual(['CLIENT_UNKNOWN:C-1042, C-2001']);
    expect(blocking(check({ client: 'C-9999' }))).toEqual(['CLIENT_UNKNOWN:C-9999']);
    expect(blocking(check({}, undefined, policy, EMPTY_RECORDS))).toEqual(['CLIENT_UNKNOWN:C-1042']);
  });

  it('finds the client from an attachment name', () => {
    expect(check({ subject: 'Rapportage' }, [analysed('Rapport C-1042.pdf')]).verdict).toBe('allow');
  });
});
