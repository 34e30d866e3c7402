import { describe, expect, it } from 'vitest';
import { docxZipBomb, manyEntriesZip, minimalDocx, zipArchive } from '../../test/support/hostile-files.ts';
import { inspectZip } from './zip-guard.ts';

describe('checking ZIP containers before anything unpacks them', () => {
  it('accepts an honest document and counts what it unpacks to', async () => {
    expect(await inspectZip(minimalDocx('正文'))).toMatchObject({ ok: true, entries: 3 });
  });

  it('refuses by the central directory: too many entries, too large declared', async () => {
    expect(await inspectZip(manyEntriesZip(60_000))).toEqual({ ok: false, reason: 'entries' });
    expect(await inspectZip(docxZipBomb())).toEqual({ ok: false, reason: 'size' });
    expect(await inspectZip(minimalDocx('x'), { maxEntries: 2, maxUncompressedBytes: 1 << 20 })).toEqual({ ok: false, reason: 'entries' });
  });

  it('refuses while inflating: an entry larger than it declares, and one smaller', async () => {
    expect(await inspectZip(docxZipBomb({ lying: true }))).toEqual({ ok: false, reason: 'lying' });
    expect(await inspectZip(docxZipBomb({ lying: true, inflatedBytes: 64 << 20 }))).toEqual({ ok: false, reason: 'lying' });
    expect(await inspectZip(zipArchive([{ name: 'a.xml', data: 'abc', size: 10 }]))).toEqual({ ok: false, reason: 'lying' });
  });

  it('counts entries that share their data each time (overlapping bombs)', async () => {
    const one = zipArchive([{ name: 'a', data: Buffer.alloc(600_000, 0x41) }]);
    // Two central entries pointing at the same local data: 1.2 MB unpacked against a 1 MB budget.
    const cdAt = one.readUInt32LE(one.length - 6);
    const central = one.subarray(cdAt, one.length - 22);
    const end = Buffer.from(one.subarray(one.length - 22));
    end.writeUInt16LE(2, 8);
    end.writeUInt16LE(2, 10);
    end.writeUInt32LE(central.length * 2, 12);
    const overlapping = Buffer.concat([one.subarray(0, cdAt), central, central, end]);
    expect(await inspectZip(overlapping, { maxEntries: 10, maxUncompressedBytes: 1_000_000 })).toEqual({ ok: false, reason: 'size' });
    expect(await inspectZip(overlapping, { maxEntries: 10, maxUncompressedBytes: 2_000_000 })).toMatchObject({ ok: true, entries: 2 });
  });

  it('refuses what is not a readable ZIP', async () => {
    expect(await inspectZip(Buffer.from('PK\u0003\u0004 not really'))).toEqual({ ok: false, reason: 'corrupt' });
    const cut = minimalDocx('x');
    expect(await inspectZip(cut.subarray(0, cut.length - 30))).toEqual({ ok: false, reason: 'corrupt' });
  });
});
