import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { minimalPdf } from '../../test/support/files.ts';
import { checkAttachment, cleanFileName } from './attachments.ts';

/** A minimal Word document holding one paragraph of text. */
async function minimalDocx(text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('attachments', () => {
  it('accepts a PDF by its content and extracts its text', async () => {
    const f = await checkAttachment({ fileName: '申报指南.pdf', data: minimalPdf('Apply before 2022-06-30') });
    expect(f.mediaType).toBe('application/pdf');
    expect(f.extractedText).toContain('Apply before 2022-06-30');
    expect(f.textStatus).toBe('read');
    // The text is read in a child process, whose first start (the TypeScript loader, pdf.js) takes a few seconds.
  }, 30_000);

  it('accepts a Word document by its content and extracts its text', async () => {
    const f = await checkAttachment({ fileName: '附件1.docx', data: await minimalDocx('联系人电话13812345678') });
    expect(f.mediaType).toContain('wordprocessingml');
    expect(f.extractedText).toContain('13812345678');
  }, 30_000);

  it('refuses content that is not what the name claims, and types that are not allowed', async () => {
    await expect(checkAttachment({ fileName: '通知.pdf', data: Buffer.from('<html><script>x</script></html>') })).rejects.toThrow('内容与其类型不符');
    await expect(checkAttachment({ fileName: '通知.docx', data: minimalPdf('x') })).rejects.toThrow('内容与其类型不符');
    await expect(checkAttachment({ fileName: 'run.exe', data: Buffer.from('MZ\x90\x00') })).rejects.toThrow('内容与其类型不符');
    await expect(checkAttachment({ fileName: 'big.pdf', data: Buffer.alloc(20 * 1024 * 1024 + 1) })).rejects.toThrow('20 MB');
  });

  it('keeps file names safe to show and to send', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\a\\表"<x>".pdf')).toBe('表x.pdf');
  });
});
