import { describe, expect, it } from 'vitest';
import { parseBridgeCommand, parseBridgeEvent, randomHex } from '../../../../utils/core/messaging/bridge.ts';

describe('bridge wire', () => {
  it('parses well-formed events and commands', () => {
    expect(parseBridgeEvent({ kind: 'hooked', composeId: 'c1', action: 'compose' })).toEqual({ kind: 'hooked', composeId: 'c1', action: 'compose' });
    expect(parseBridgeEvent({ kind: 'send-attempt', via: 'form.submit' })).toEqual({ kind: 'send-attempt', via: 'form.submit' });
    const bytes = new Uint8Array([1, 2, 3]);
    expect(parseBridgeCommand({ kind: 'upload', reqId: 'r', name: 'a.pdf', mime: 'application/pdf', bytes })).toEqual({
      kind: 'upload',
      reqId: 'r',
      name: 'a.pdf',
      mime: 'application/pdf',
      bytes,
    });
  });

  it('refuses what a page could try to pass off: unknown kinds, wrong types, missing fields', () => {
    for (const junk of [
      null,
      'hooked',
      { type: 'hooked', composeId: 'c1', action: 'compose' }, // the old discriminator
      { kind: 'send-attempt', via: 'magic' },
      { kind: 'file', event: 'fileuploaded', name: 'a' },
      { kind: 'upload-result', reqId: '', ok: true },
      { kind: 'facts', reqId: 'r', composeId: null, htmlMode: 'yes', bodyText: null },
    ]) {
      expect(parseBridgeEvent(junk)).toBeNull();
    }
    for (const junk of [{ kind: 'upload', reqId: 'r', name: 'a', mime: 'x', bytes: 'AAAA' }, { kind: 'release', reqId: 'r' }, { kind: 'eval' }]) {
      expect(parseBridgeCommand(junk)).toBeNull();
    }
  });

  it('makes random hex of the asked length', () => {
    expect(randomHex(8)).toMatch(/^[0-9a-f]{16}$/);
    expect(randomHex(8)).not.toBe(randomHex(8));
  });
});
