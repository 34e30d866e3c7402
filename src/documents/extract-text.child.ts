/**
 * The child process that reads text out of PDF and DOCX attachments (started by text-extraction.ts). Whatever a
 * hostile file makes pdf.js or mammoth do — inflate a stream to hundreds of MB, hit a V8 fatal error — happens here,
 * under the parent's time and memory watch, never in the server. One job at a time; exits when the parent goes.
 */
import type { ExtractionJob, ExtractionReply } from './text-extraction.ts';

// Loaded before saying ready, so a job's time limit is spent on the file, not on starting up.
const [{ getDocumentProxy }, mammoth] = await Promise.all([import('unpdf'), import('mammoth')]);

async function pdfText(data: Uint8Array, maxChars: number): Promise<{ text: string; cut: boolean }> {
  // No eval of font programs (the pdf.js font-injection class of bugs), no system fonts, errors only.
  // A plain Uint8Array view: pdf.js refuses Node's Buffer (what IPC delivers).
  const pdf = await getDocumentProxy(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), {
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  let text = '';
  // Page by page, as unpdf's extractText does, stopping once the cap is passed.
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    if (n > 1) text += '\n';
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    if (text.length > maxChars * 2) return { text: text.replace(/\s+/g, ' ').slice(0, maxChars), cut: true };
  }
  const merged = text.replace(/\s+/g, ' ');
  return { text: merged.slice(0, maxChars), cut: merged.length > maxChars };
}

async function docxText(data: Uint8Array, maxChars: number): Promise<{ text: string; cut: boolean }> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
  return { text: value.slice(0, maxChars), cut: value.length > maxChars };
}

// NUL cannot be stored in PostgreSQL text: never sent, whatever a parser lets through.
const send = (reply: ExtractionReply) => process.send?.('text' in reply ? { ...reply, text: reply.text.replaceAll('\u0000', '') } : reply);

process.on('message', async (job: ExtractionJob) => {
  try {
    const result = job.kind === 'pdf' ? await pdfText(job.data, job.maxChars) : await docxText(job.data, job.maxChars);
    send({ ok: true, ...result });
  } catch (error) {
    send({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
// The server stopped (or dropped this child): nothing left to do.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
