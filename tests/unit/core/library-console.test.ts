// withLibraryConsole: what a library prints while it runs goes to the sink (or nowhere), the
// console is the same before and after, and output outside the call is untouched.
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { libraryConsoleActive, quietLibraries, withLibraryConsole } from '../../../utils/core/library-console.ts';
import { PAGELESS_WITH_OBJECT_0 } from '../../helpers/noisy-pdfs.ts';

afterEach(() => { vi.restoreAllMocks(); });

function spyConsole() {
  return {
    log: vi.spyOn(console, 'log').mockImplementation(() => {}),
    warn: vi.spyOn(console, 'warn').mockImplementation(() => {}),
    error: vi.spyOn(console, 'error').mockImplementation(() => {}),
  };
}

describe('withLibraryConsole', () => {
  it("keeps pdf-lib's own warning about a page-less PDF away from the console, and hands it to the sink", async () => {
    const spies = spyConsole();
    // The fixture really makes pdf-lib talk:
    await PDFDocument.load(PAGELESS_WITH_OBJECT_0, { updateMetadata: false });
    expect(spies.warn).toHaveBeenCalledWith('Removing parsed object: 0 0 R');
    spies.warn.mockClear();

    const heard: [string, unknown[]][] = [];
    await withLibraryConsole(() => PDFDocument.load(PAGELESS_WITH_OBJECT_0, { updateMetadata: false }), (m, args) => heard.push([m, args]));
    expect(heard).toEqual([['warn', ['Removing parsed object: 0 0 R']]]);
    expect(spies.warn).not.toHaveBeenCalled();
  });

  it('drops the output without a sink, returns the result, and restores every method', async () => {
    const spies = spyConsole();
    const before = { log: console.log, warn: console.warn, error: console.error, info: console.info };
    const r = await withLibraryConsole(async () => {
      console.log('a');
      await Promise.resolve();
      console.error('b');
      return 42;
    });
    expect(r).toBe(42);
    expect(spies.log).not.toHaveBeenCalled();
    expect(spies.error).not.toHaveBeenCalled();
    expect({ log: console.log, warn: console.warn, error: console.error, info: console.info }).toEqual(before);
    expect(libraryConsoleActive()).toBe(false);
    console.warn('ours');
    expect(spies.warn).toHaveBeenCalledWith('ours');
  });

  it('restores the console when the call throws, synchronously or not', async () => {
    const before = console.warn;
    await expect(withLibraryConsole(() => { throw new Error('sync'); })).rejects.toThrow('sync');
    await expect(withLibraryConsole(async () => { throw new Error('async'); })).rejects.toThrow('async');
    expect(console.warn).toBe(before);
    expect(libraryConsoleActive()).toBe(false);
  });

  it('overlapping calls keep the console quiet until the last one ends', async () => {
    const spies = spyConsole();
    let release!: () => void;
    const slow = withLibraryConsole(() => new Promise<void>((r) => { release = r; }));
    await withLibraryConsole(async () => { console.warn('inner'); });
    console.warn('while the slow one runs');
    expect(spies.warn).not.toHaveBeenCalled();
    expect(libraryConsoleActive()).toBe(true);
    release();
    await slow;
    expect(libraryConsoleActive()).toBe(false);
    console.warn('after');
    expect(spies.warn).toHaveBeenCalledTimes(1);
    expect(spies.warn).toHaveBeenCalledWith('after');
  });

  it('a sink that throws does not turn a warning into an error', async () => {
    await expect(withLibraryConsole(async () => { console.warn('x'); return 'ok'; }, () => { throw new Error('sink'); })).resolves.toBe('ok');
  });

  it('quietLibraries wraps a function: same arguments, same result, quiet while it runs', async () => {
    const spies = spyConsole();
    const add = quietLibraries(async (a: number, b: number) => { console.log('adding'); return a + b; });
    expect(await add(2, 3)).toBe(5);
    expect(spies.log).not.toHaveBeenCalled();
  });
});
