/**
 * An OfficialDocument as PDF (pdfkit): A4 with GB/T 9704-like margins (top 37 mm, bottom 35 mm, left 28 mm, right
 * 26 mm), the title centred in Noto Sans CJK, the body in Noto Serif CJK at 16 pt (三号) with paragraphs indented two
 * characters; pdfkit breaks lines by UAX #14, so CJK text wraps between characters and never before 。，” and the like.
 * The fonts are Debian's fonts-noto-cjk (PDF_FONT_DIR); read once per process and kept in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { OfficialDocument } from './official-document.tsx';

const MM = 72 / 25.4;
const BODY_PT = 16;
const TITLE_PT = 22;
const FONTS = {
  serif: { file: 'NotoSerifCJK-Regular.ttc', name: 'NotoSerifCJKsc-Regular' },
  sans: { file: 'NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' },
} as const;

const loaded = new Map<string, Buffer>();

function fontBytes(dir: string, file: string): Buffer {
  const at = path.join(dir, file);
  let bytes = loaded.get(at);
  if (!bytes) {
    try {
      bytes = fs.readFileSync(at);
    } catch {
      // No font, no PDF: a clear 503 rather than a PDF of empty boxes.
      throw new DomainError('UNAVAILABLE', t.applications.officialLetter.fontMissing);
    }
    loaded.set(at, bytes);
  }
  return bytes;
}

/** The document as a PDF file; `meta` becomes the PDF's title and dates. UNAVAILABLE when the fonts are missing. */
export async function renderPdf(doc: OfficialDocument, fontDir: string, meta: { created: Date }): Promise<Buffer> {
  const serif = fontBytes(fontDir, FONTS.serif.file);
  const sans = fontBytes(fontDir, FONTS.sans.file);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
    info: { Title: doc.title, CreationDate: meta.created, ModDate: meta.created },
    lang: 'zh-CN',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  pdf.registerFont('serif', serif, FONTS.serif.name);
  pdf.registerFont('sans', sans, FONTS.sans.name);
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const line = { lineGap: BODY_PT * 0.55 };

  pdf.font('sans').fontSize(TITLE_PT).text(doc.title, { align: 'center', width });
  if (doc.docNumber) pdf.moveDown(0.4).font('serif').fontSize(BODY_PT).text(doc.docNumber, { align: 'center', width });
  pdf.moveDown(1);
  pdf.font('serif').fontSize(BODY_PT);
  if (doc.addressee) pdf.text(`${doc.addressee}：`, { width, ...line });
  for (const para of doc.paragraphs) pdf.text(para, { width, indent: BODY_PT * 2, ...line });
  if (doc.facts.length > 0) {
    pdf.moveDown(0.5);
    for (const f of doc.facts) pdf.text(`${f.label}：${f.value}`, { width, ...line });
  }
  if (doc.signature) {
    pdf.moveDown(2);
    // Right-aligned, four characters in from the right margin, as signatures are set.
    const sigWidth = width - BODY_PT * 4;
    pdf.text(doc.signature.agency, pdf.page.margins.left, undefined, { width: sigWidth, align: 'right', ...line });
    pdf.text(doc.signature.date, { width: sigWidth, align: 'right', ...line });
    pdf
      .fillColor('#888888')
      .text(doc.signature.seal, { width: sigWidth, align: 'right', ...line })
      .fillColor('black');
  }
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}
