/**
 * Hostile files for upload tests and benchmarks (issue 11): a PDF whose one content stream is a flate bomb, DOCX zip
 * bombs whose central directory tells the truth or lies, a ZIP of very many entries, truncated and corrupt PDFs.
 * Every bomb is built from one compressed chunk repeated (deflate's full flush makes pieces that concatenate), so
 * none is ever inflated here: a 1 GiB DOCX bomb is built in well under a second and ~1 MB of memory.
 */
import zlib from 'node:zlib';
import { minimalPdf } from './files.ts';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

const CHUNK = MiB;

/** A raw deflate stream of `prefix`, `times` × `chunk`, `suffix`, with the CRC-32 and Adler-32 of what it inflates to. */
export function deflateRepeated(prefix: Buffer, chunk: Buffer, times: number, suffix: Buffer): { raw: Buffer; size: number; crc: number; adler: number } {
  const flush = { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH };
  // Each full-flushed piece is byte-aligned and refers to nothing before it, so pieces concatenate.
  const head = zlib.deflateRawSync(prefix, flush);
  const piece = zlib.deflateRawSync(chunk, flush);
  const tail = zlib.deflateRawSync(suffix); // ends with the final block
  let crc = zlib.crc32(prefix);
  for (let i = 0; i < times; i++) crc = zlib.crc32(chunk, crc);
  crc = zlib.crc32(suffix, crc);
  let adler = adler32(prefix);
  const chunkAdler = adler32(chunk);
  for (let i = 0; i < times; i++) adler = adler32Combine(adler, chunkAdler, chunk.length);
  adler = adler32Combine(adler, adler32(suffix), suffix.length);
  const raw = Buffer.concat([head, ...Array.from({ length: times }, () => piece), tail]);
  return { raw, size: prefix.length + chunk.length * times + suffix.length, crc, adler };
}

const ADLER_BASE = 65521;

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % ADLER_BASE;
    b = (b + a) % ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib's adler32_combine: the checksum of A‖B from those of A and B and B's length. */
function adler32Combine(adler1: number, adler2: number, len2: number): number {
  const rem = len2 % ADLER_BASE;
  let sum1 = adler1 & 0xffff;
  let sum2 = (rem * sum1) % ADLER_BASE;
  sum1 += (adler2 & 0xffff) + ADLER_BASE - 1;
  sum2 += ((adler1 >>> 16) & 0xffff) + ((adler2 >>> 16) & 0xffff) + ADLER_BASE - rem;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum2 >= ADLER_BASE * 2) sum2 -= ADLER_BASE * 2;
  if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

// ---------------------------------------------------------------------------------------------------------------
// PDF

/** A PDF like test/support/files.ts's minimalPdf, but its one content stream is FlateDecode data given as is. */
function pdfWithContentStream(zlibData: Buffer): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    length += buf.length;
  };
  add('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const objects: (string | Buffer[])[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    [Buffer.from(`<< /Length ${zlibData.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), zlibData, Buffer.from('\nendstream', 'latin1')],
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  objects.forEach((o, i) => {
    offsets.push(length);
    add(`${i + 1} 0 obj\n`);
    if (typeof o === 'string') add(o);
    else for (const b of o) add(b);
    add('\nendobj\n');
  });
  const xref = length;
  add(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  add(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/**
 * A valid PDF of one page whose content stream inflates to `inflatedBytes` (default 384 MiB, as in issue 11), about
 * 400 KB on disk. `shape`: 'string' (default) shows one string operand of that length, which pdf.js gathers into one
 * string; 'operators' repeats `(AAAA…) Tj` lines, millions of text operators.
 */
export function pdfFlateBomb(options: { inflatedBytes?: number; shape?: 'string' | 'operators' } = {}): Buffer {
  const inflatedBytes = options.inflatedBytes ?? 384 * MiB;
  // Long runs of one letter compress about 1000:1.
  const line = `(${'A'.repeat(8000)}) Tj\n`;
  const chunk = options.shape === 'operators' ? Buffer.from(line.repeat(Math.floor(CHUNK / line.length)), 'latin1') : Buffer.alloc(CHUNK, 'A'.charCodeAt(0));
  const [prefix, suffix] = options.shape === 'operators' ? ['BT /F1 12 Tf 72 712 Td\n', 'ET\n'] : ['BT /F1 12 Tf 72 712 Td (', ') Tj ET\n'];
  const { raw, adler } = deflateRepeated(Buffer.from(prefix), chunk, Math.max(1, Math.round(inflatedBytes / chunk.length)), Buffer.from(suffix));
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler);
  return pdfWithContentStream(Buffer.concat([Buffer.from([0x78, 0xda]), raw, trailer]));
}

/** A PDF cut off in the middle of its content (the header is intact, so its type is still recognised). */
export function truncatedPdf(): Buffer {
  const pdf = minimalPdf('The rest of this file is missing');
  return pdf.subarray(0, Math.floor(pdf.length / 2));
}

/** A PDF whose body and cross-reference table are garbage after a valid header. */
export function corruptPdf(): Buffer {
  const noise = Buffer.alloc(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 251;
  return Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R', 'latin1'), noise, Buffer.from('\nstartxref\n999999\n%%EOF\n')]);
}

// ---------------------------------------------------------------------------------------------------------------
// ZIP (DOCX, OFD, …)

export type ZipEntry = {
  name: string;
  /** Deflated bytes as stored; or `data` to be deflated here. */
  deflated?: Buffer;
  data?: Buffer | string;
  /** What the headers declare; by default the truth. */
  size?: number;
  crc?: number;
};

/** A ZIP archive (deflate, no ZIP64) whose headers say what each entry declares — truthfully or not. */
export function zipArchive(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const plain = e.data === undefined ? undefined : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
    const deflated = e.deflated ?? zlib.deflateRawSync(plain ?? Buffer.alloc(0));
    const size = e.size ?? plain?.length ?? 0;
    const crc = e.crc ?? (plain ? zlib.crc32(plain) : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5a21, 12); // 2025-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5a21, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    centrals.push(central, name);
    offset += local.length + name.length + deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOC_HEAD = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOC_TAIL = '</w:body></w:document>';
const paragraph = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

/** A small, honest Word document with one paragraph of text. */
export function minimalDocx(text: string): Buffer {
  return zipArchive([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: `${DOC_HEAD}${paragraph(text)}${DOC_TAIL}` },
  ]);
}

/**
 * A Word document whose word/document.xml inflates to `inflatedBytes` (default 1 GiB, about 1 MB on disk) of
 * paragraphs. `lying`: the local and central headers declare 20 KB instead, as a bomb that fools size checks would.
 */
export function docxZipBomb(options: { inflatedBytes?: number; lying?: boolean } = {}): Buffer {
  const inflatedBytes = options.inflatedBytes ?? GiB;
  const p = paragraph('A'.repeat(60_000));
  const chunk = Buffer.from(p.repeat(Math.floor(CHUNK / Buffer.byteLength(p))), 'utf8');
  const times = Math.max(1, Math.round(inflatedBytes / chunk.length));
  const { raw, size, crc } = deflateRepeated(Buffer.from(DOC_HEAD), chunk, times, Buffer.from(DOC_TAIL));
  return zipArchive([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', deflated: raw, size: options.lying ? 20_000 : Math.min(size, 0xfffffffe), crc },
  ]);
}

/** A Word document (or, with `ofd`, an OFD package) holding `count` tiny entries besides its own. */
export function manyEntriesZip(count = 60_000, kind: 'docx' | 'ofd' = 'docx'): Buffer {
  const own: ZipEntry[] =
    kind === 'docx'
      ? [
          { name: '[Content_Types].xml', data: CONTENT_TYPES },
          { name: '_rels/.rels', data: RELS },
          { name: 'word/document.xml', data: `${DOC_HEAD}${paragraph('x')}${DOC_TAIL}` },
        ]
      : [{ name: 'OFD.xml', data: '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>' }];
  const empty = zlib.deflateRawSync(Buffer.alloc(0));
  const filler = Array.from({ length: count }, (_, i) => ({ name: `x/${i}`, deflated: empty, size: 0, crc: 0 }));
  return zipArchive([...own, ...filler]);
}
