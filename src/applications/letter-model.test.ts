import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingFromAnswer, placeholdersIn } from './letter-checks.ts';
import { answerLetterDocument, chineseDateWords, parseLetterText, redactDocument } from './letter-model.ts';
import { draftAnswerLetter } from './letters.ts';

const AGENCY = '聊城市工业和信息化局';
const facts = {
  agencyName: AGENCY,
  applicantName: '张三',
  ref: '2026-0001',
  receivedOn: '2026-11-02',
  subject: '2025年度专精特新企业认定名单',
  correctedOn: null,
  formWanted: '电子文档',
  wayWanted: '电子邮件',
  date: '2026-12-07',
};

describe('dates in Chinese form', () => {
  it('writes years digit by digit and months and days in words', () => {
    expect(chineseDateWords('2026-12-07')).toBe('二〇二六年十二月七日');
    expect(chineseDateWords('2020-10-10')).toBe('二〇二〇年十月十日');
    expect(chineseDateWords('2031-01-31')).toBe('二〇三一年一月三十一日');
    expect(chineseDateWords('2024-02-20')).toBe('二〇二四年二月二十日');
  });
});

describe('the answer letter as an official document', () => {
  const doc = answerLetterDocument({
    agencyName: AGENCY,
    text: draftAnswerLetter('granted', facts),
    docNumber: '聊工信依申复〔2026〕3号',
    reviewBody: '聊城市人民政府',
    court: '聊城市东昌府区人民法院',
    date: '2026-12-07',
  });

  it('has the title, the 文号, the addressee, the 救济途径 naming both bodies with their periods, and the signature block', () => {
    expect(doc.title).toBe('政府信息公开申请答复书');
    expect(doc.docNumber).toBe('聊工信依申复〔2026〕3号');
    expect(doc.addressee).toBe('张三');
    expect(doc.paragraphs.at(-1)).toBe(
      '如对本答复不服，可以自收到本答复书之日起六十日内，依照《中华人民共和国行政复议法》第二十条的规定向聊城市人民政府申请行政复议；或者自收到本答复书之日起六个月内，依照《中华人民共和国行政诉讼法》第四十六条的规定向聊城市东昌府区人民法院提起行政诉讼。',
    );
    expect(doc.signature).toEqual({ agency: AGENCY, date: '二〇二六年十二月七日', seal: '（印章）' });
  });

  it('marks the 文号 as pending before the sign-off and keeps a generic 救济途径 when the bodies are not named', () => {
    const draft = answerLetterDocument({
      agencyName: AGENCY,
      text: '张三：\n　　予以公开。',
      docNumber: null,
      reviewBody: null,
      court: null,
      date: '2026-12-07',
    });
    expect(draft.docNumber).toBe('（领导签发时编号）');
    expect(draft.paragraphs.at(-1)).toContain(
      '依法申请行政复议；或者自收到本答复书之日起六个月内，依照《中华人民共和国行政诉讼法》第四十六条的规定向人民法院提起行政诉讼。',
    );
  });

  it('drops a signature and the old appeal sentence typed into letters written before the model', () => {
    const old = `张三：\n　　予以公开。\n　　如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议。\n\n${AGENCY}\n2024年10月25日`;
    expect(parseLetterText(old, AGENCY)).toEqual({ addressee: '张三', paragraphs: ['予以公开。'] });
  });

  it('joins fragments as written by hand and redacts every paragraph for the public', () => {
    const joined = answerLetterDocument({
      agencyName: AGENCY,
      text: '张三：\n　　经审查，现答复。，经本机关核实，申请“关于“小巨人”的通知”。',
      docNumber: null,
      reviewBody: null,
      court: null,
      date: '2026-12-07',
    });
    expect(joined.paragraphs[0]).toBe('经审查，现答复。经本机关核实，申请“关于‘小巨人’的通知”。');
    const pub = redactDocument(doc, (s) => s.replaceAll('张三', '申请人'));
    expect(pub.addressee).toBe('申请人');
    expect(JSON.stringify(pub)).not.toContain('张三');
  });
});

describe('placeholders and missing legal bases', () => {
  it('finds what the issue found, and nothing in a finished letter', () => {
    expect(placeholdersIn('部分内容属于不予公开的范围（请在此写明不予公开的部分及理由）。')).toEqual(['（请在此写明不予公开的部分及理由）']);
    expect(placeholdersIn('经办人：【待填写】，文号XX号，金额××元')).toEqual(['【待填写】', 'XX', '××']);
    expect(placeholdersIn(draftAnswerLetter('granted', facts))).toEqual([]);
    expect(placeholdersIn('根据《条例》第三十六条第（二）项的规定（见附件），予以公开。')).toEqual([]);
  });

  it('names the placeholder, the empty body and the missing basis', () => {
    const partial = missingFromAnswer({ outcome: 'partial', legalBasis: '', letter: draftAnswerLetter('partial', facts), agencyName: AGENCY });
    expect(partial.map((m) => m.message)).toEqual([
      '告知书中仍有待填写的内容“（请在此写明不予公开的部分及理由）”',
      '未写明法律依据（应写明《条例》的具体条款，例如“第三十六条第（二）项”）',
    ]);
    expect(missingFromAnswer({ outcome: 'granted', legalBasis: '依法', letter: '张三：', agencyName: AGENCY }).map((m) => m.field)).toEqual([
      'letter',
      'legalBasis',
    ]);
    expect(
      missingFromAnswer({ outcome: 'granted', legalBasis: '《条例》第三十六条第（二）项', letter: draftAnswerLetter('granted', facts), agencyName: AGENCY }),
    ).toEqual([]);
    expect(missingFromAnswer({ outcome: 'other.other', legalBasis: '', letter: '张三：\n　　您已撤回申请，本机关终止办理。', agencyName: AGENCY })).toEqual([]);
  });

  it('never refuses a letter for text without brackets, fillers or placeholder words', () => {
    const plain = fc.array(fc.constantFrom('经', '审', '查', '，', '。', '（', '）', '第', '条', 'X', '1'), { maxLength: 40 }).map((cs) => cs.join(''));
    fc.assert(fc.property(plain, (s) => placeholdersIn(s.replace(/X{2,}/g, 'X')).every((p) => /X/.test(p) === false && !p.startsWith('（'))));
  });
});
