import { afterEach, describe, expect, it } from 'vitest';
import { minimalPdf } from '../../test/support/files.ts';
import { corruptPdf, docxZipBomb, minimalDocx, pdfFlateBomb } from '../../test/support/hostile-files.ts';
import { EXTRACTION_LIMITS, extractText } from './text-extraction.ts';

// Real child processes, really killed: each limit is shown by a file that passes it. Some limits are lowered here
// (and restored) so the tests do not wait the full 20 seconds.
const defaults = { ...EXTRACTION_LIMITS };
afterEach(() => Object.assign(EXTRACTION_LIMITS, defaults));

describe('reading attachment text in a child process', () => {
  it('reads PDF and DOCX text, and cuts it at the output limit', async () => {
    expect(await extractText('pdf', minimalPdf('Apply before 2022-06-30'))).toEqual({ text: 'Apply before 2022-06-30', status: 'read' });
    expect(await extractText('docx', minimalDocx('联系电话13812345678'))).toEqual({ text: '联系电话13812345678\n\n', status: 'read' });
    EXTRACTION_LIMITS.maxChars = 5;
    expect(await extractText('pdf', minimalPdf('Apply before 2022-06-30'))).toEqual({ text: 'Apply', status: 'cut' });
  }, 60_000);

  it('stops a file past the memory limit, a file past the time limit, and a broken file; then reads again', async () => {
    expect((await extractText('pdf', pdfFlateBomb())).status).toBe('too_big');
    expect((await extractText('docx', docxZipBomb())).status).toBe('too_big');
    EXTRACTION_LIMITS.timeoutMs = 1500;
    expect((await extractText('pdf', pdfFlateBomb({ shape: 'operators' }))).status).toBe('timeout');
    EXTRACTION_LIMITS.timeoutMs = defaults.timeoutMs;
    expect((await extractText('pdf', corruptPdf())).status).toBe('failed');
    expect(await extractText('pdf', minimalPdf('still here'))).toEqual({ text: 'still here', status: 'read' });
  }, 120_000);

  it('answers busy rather than queueing without bound', async () => {
    EXTRACTION_LIMITS.maxWaiting = 0;
    const results = await Promise.all([0, 1, 2].map((i) => extractText('pdf', minimalPdf(`file ${i}`))));
    expect(results.map((r) => r.status).sort()).toEqual(['busy', 'read', 'read']);
  }, 60_000);
});
