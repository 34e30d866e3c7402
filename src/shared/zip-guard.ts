/**
 * ZIP-based uploads (DOCX, XLSX, PPTX, OFD) checked before anything unpacks them: the entry count and the declared
 * sizes from the central directory, then every entry inflated and counted without keeping its bytes, so a bomb whose
 * directory lies is caught too (by its real size, and by the mismatch with what it declared). Entries that share their
 * data (overlapping bombs) count each time. Inflation streams through zlib on the thread pool: the event loop is not
 * blocked and memory stays at a few buffers whatever the archive holds.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { t } from './i18n/zh-CN.ts';

export const MAX_ZIP_ENTRIES = 10_000;
export const MAX_ZIP_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

export type ZipLimits = { maxEntries: number; maxUncompressedBytes: number };
const DEFAULT_LIMITS: ZipLimits = { maxEntries: MAX_ZIP_ENTRIES, maxUncompressedBytes: MAX_ZIP_UNCOMPRESSED_BYTES };

/** Why an archive is refused: too many entries, too large unpacked, headers that lie, or not a readable ZIP. */
export type ZipRefusal = 'entries' | 'size' | 'lying' | 'corrupt';
export type ZipVerdict = { ok: true; entries: number; uncompressedBytes: number } | { ok: false; reason: ZipRefusal };

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;

type Entry = { method: number; flags: number; compressed: number; size: number; localOffset: number };

class Refused extends Error {
  constructor(readonly reason: ZipRefusal) {
    super(reason);
  }
}

function u64(b: Buffer, at: number): number {
  if (at + 8 > b.length) throw new Refused('corrupt');
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Refused('corrupt');
  return Number(v);
}

function need(b: Buffer, at: number, length: number): void {
  if (at < 0 || at + length > b.length) throw new Refused('corrupt');
}

/** The end-of-central-directory record (ZIP64 when the classic one is saturated): entry count and directory span. */
function directory(b: Buffer): { count: number; offset: number; size: number } {
  // The record is 22 bytes plus a comment of at most 65535.
  let at = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Refused('corrupt');
  let count = b.readUInt16LE(at + 10);
  let size = b.readUInt32LE(at + 12);
  let offset = b.readUInt32LE(at + 16);
  if (count === 0xffff || size === U32_MAX || offset === U32_MAX) {
    const locator = at - 20;
    need(b, locator, 20);
    if (b.readUInt32LE(locator) !== EOCD64_LOCATOR) throw new Refused('corrupt');
    const record = u64(b, locator + 8);
    need(b, record, 56);
    if (b.readUInt32LE(record) !== EOCD64) throw new Refused('corrupt');
    count = u64(b, record + 32);
    size = u64(b, record + 40);
    offset = u64(b, record + 48);
  }
  need(b, offset, size);
  return { count, offset, size };
}

/** The central directory's entries, with ZIP64 sizes read from their extra field. */
function centralEntries(b: Buffer, dir: { count: number; offset: number; size: number }): Entry[] {
  const entries: Entry[] = [];
  let at = dir.offset;
  const end = dir.offset + dir.size;
  for (let n = 0; n < dir.count; n++) {
    need(b, at, 46);
    if (at + 46 > end || b.readUInt32LE(at) !== CENTRAL) throw new Refused('corrupt');
    const flags = b.readUInt16LE(at + 8);
    const method = b.readUInt16LE(at + 10);
    let compressed = b.readUInt32LE(at + 20);
    let size = b.readUInt32LE(at + 24);
    const nameLength = b.readUInt16LE(at + 28);
    const extraLength = b.readUInt16LE(at + 30);
    const commentLength = b.readUInt16LE(at + 32);
    let localOffset = b.readUInt32LE(at + 42);
    const extraStart = at + 46 + nameLength;
    need(b, extraStart, extraLength);
    if (size === U32_MAX || compressed === U32_MAX || localOffset === U32_MAX) {
      // ZIP64 extended information (0x0001): the saturated fields, in this order.
      for (let x = extraStart; x + 4 <= extraStart + extraLength; ) {
        const id = b.readUInt16LE(x);
        const length = b.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let y = x + 4;
          if (size === U32_MAX) {
            size = u64(b, y);
            y += 8;
          }
          if (compressed === U32_MAX) {
            compressed = u64(b, y);
            y += 8;
          }
          if (localOffset === U32_MAX) localOffset = u64(b, y);
          break;
        }
        x += 4 + length;
      }
    }
    entries.push({ method, flags, compressed, size, localOffset });
    at = extraStart + extraLength + commentLength;
  }
  return entries;
}

/** How many bytes `data` inflates to, stopping as soon as it passes `limit` (then returns limit + 1). */
function inflatedLength(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let total = 0;
    let done = false;
    const finish = (n: number) => {
      if (done) return;
      done = true;
      resolve(n);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflate.destroy();
        finish(limit + 1);
      }
    });
    inflate.on('end', () => finish(total));
    inflate.on('error', (error) => {
      if (!done) {
        done = true;
        reject(error);
      }
    });
    inflate.end(data);
  });
}

// Small entries (most of an office file) are inflated in one call: a stream per entry costs more than the work.
const SMALL_ENTRY_BYTES = 1024 * 1024;

function inflatedLengthSync(data: Buffer, limit: number): number {
  try {
    return inflateRawSync(data, { maxOutputLength: limit + 1 }).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return limit + 1;
    throw error;
  }
}

/**
 * Checks a ZIP archive against the limits: entry count and declared sizes first (no inflating), then the real size of
 * every entry, inflated and counted. An entry inflating to more than it declares is a lie (refused at once).
 */
export async function inspectZip(data: Buffer, limits: ZipLimits = DEFAULT_LIMITS): Promise<ZipVerdict> {
  try {
    const dir = directory(data);
    if (dir.count > limits.maxEntries) return { ok: false, reason: 'entries' };
    const entries = centralEntries(data, dir);
    let declared = 0;
    for (const e of entries) declared += e.size;
    if (declared > limits.maxUncompressedBytes) return { ok: false, reason: 'size' };
    let actual = 0;
    for (const e of entries) {
      // Encrypted entries cannot be inspected; office files never encrypt at the ZIP level.
      if (e.flags & 0x1) return { ok: false, reason: 'corrupt' };
      need(data, e.localOffset, 30);
      if (data.readUInt32LE(e.localOffset) !== LOCAL) throw new Refused('corrupt');
      const start = e.localOffset + 30 + data.readUInt16LE(e.localOffset + 26) + data.readUInt16LE(e.localOffset + 28);
      need(data, start, e.compressed);
      const raw = data.subarray(start, start + e.compressed);
      let length: number;
      if (e.method === 0) length = raw.length;
      else if (e.method === 8) {
        // Never more than it declared, nor than what is left of the budget.
        const allowed = Math.min(e.size, limits.maxUncompressedBytes - actual);
        length = allowed <= SMALL_ENTRY_BYTES ? inflatedLengthSync(raw, allowed) : await inflatedLength(raw, allowed);
        if (length > allowed) return { ok: false, reason: length > e.size ? 'lying' : 'size' };
      } else return { ok: false, reason: 'corrupt' };
      if (length !== e.size) return { ok: false, reason: 'lying' };
      actual += length;
    }
    return { ok: true, entries: entries.length, uncompressedBytes: actual };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    // zlib: the entry's data is not valid deflate.
    return { ok: false, reason: 'corrupt' };
  }
}

/** The Chinese message refusing an archive, naming the file. */
export function zipRefusalMessage(fileName: string, reason: ZipRefusal, limits: ZipLimits = DEFAULT_LIMITS): string {
  const Z = t.files.upload.zip;
  if (reason === 'entries') return Z.entries(fileName, limits.maxEntries);
  if (reason === 'size') return Z.size(fileName, Math.floor(limits.maxUncompressedBytes / (1024 * 1024)));
  return reason === 'lying' ? Z.lying(fileName) : Z.corrupt(fileName);
}
