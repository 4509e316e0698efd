import { describe, expect, it } from 'vitest';
import { readCollectorConfig } from '../../../../utils/browser/storage/collector-config.ts';

const local = async () => ({ url: 'http://127.0.0.1:9000/in', format: 'ndjson' });

describe('readCollectorConfig', () => {
  it('takes the managed collector over the local one', async () => {
    expect(await readCollectorConfig(async () => ({ auditCollectorUrl: 'https://es.example.nl/a/_bulk', auditCollectorFormat: 'elastic-bulk' }), local)).toEqual({
      url: 'https://es.example.nl/a/_bulk',
      format: 'elastic-bulk',
    });
  });
  it('uses the local one only without a managed URL', async () => {
    expect(await readCollectorConfig(async () => ({}), local)).toEqual({ url: 'http://127.0.0.1:9000/in', format: 'ndjson' });
    expect(await readCollectorConfig(async () => ({}), async () => null)).toBeNull();
  });
  it('an unusable managed value holds forwarding instead of falling back to the local one', async () => {
    expect(await readCollectorConfig(async () => ({ auditCollectorUrl: 'ftp://x' }), local)).toEqual({ error: 'audit collector URL must be http(s): ftp:' });
    expect(await readCollectorConfig(async () => ({ auditCollectorUrl: '' }), local)).toEqual({ error: 'managed auditCollectorUrl is empty' });
  });
});
