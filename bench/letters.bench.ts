/**
 * The time to render one answer letter as PDF (pdfkit, Noto CJK from PDF_FONT_DIR): the first render of a process
 * (reading the fonts and parsing their collections) and warm renders after it. Run: `npm run bench -- letters`.
 */
import { pathToFileURL } from 'node:url';
import { answerLetterDocument } from '../src/applications/letter-model.ts';
import { draftAnswerLetter } from '../src/applications/letters.ts';
import { renderPdf } from '../src/web/pdf.ts';
import { type BenchResult, printResult } from './support.ts';

const FONT_DIR = process.env.PDF_FONT_DIR ?? '/usr/share/fonts/opentype/noto';
const WARM = 30;

export async function run(): Promise<BenchResult> {
  const text = draftAnswerLetter('partial', {
    agencyName: '聊城市工业和信息化局',
    applicantName: '张三',
    ref: '2026-0001',
    receivedOn: '2026-11-02',
    subject: '2025年度“专精特新”中小企业认定名单及扶持资金分配表',
    correctedOn: '2026-11-10',
    formWanted: '电子文档',
    wayWanted: '电子邮件',
    date: '2026-12-07',
  });
  const doc = answerLetterDocument({
    agencyName: '聊城市工业和信息化局',
    text,
    docNumber: '聊工信依申复〔2026〕3号',
    reviewBody: '聊城市人民政府',
    court: '聊城市东昌府区人民法院',
    date: '2026-12-07',
  });
  const created = new Date('2026-12-07T02:00:00Z');
  let t0 = performance.now();
  const first = await renderPdf(doc, FONT_DIR, { created });
  const firstMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < WARM; i++) {
    t0 = performance.now();
    await renderPdf(doc, FONT_DIR, { created });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    name: 'letter PDF (one A4 answer letter, CJK fonts embedded as subsets)',
    figures: {
      'first render (ms)': Math.round(firstMs),
      [`warm p50 of ${WARM} (ms)`]: Math.round(times[Math.floor(WARM / 2)] as number),
      [`warm max of ${WARM} (ms)`]: Math.round(times[WARM - 1] as number),
      'PDF size (KB)': Math.round(first.length / 1024),
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) printResult(await run());
