import { describe, expect, it } from 'vitest';
import { OUTCOME_CODES } from '../vocabulary/codes.ts';
import { sniffContentType } from './attachments.ts';
import { newQueryCode, newTrackingNo, normalizeQueryCode, normalizeTrackingNo, queryCodeHash } from './codes.ts';
import { defaultLegalBasis, draftAnswerLetter, redactPersonalData } from './letters.ts';

const facts = {
  agencyName: '聊城市工业和信息化局',
  applicantName: '张三',
  ref: '2024-0001',
  receivedOn: '2024-09-27',
  subject: '无线电初级操作证报考条件',
  correctedOn: null,
  formWanted: '电子文档',
  wayWanted: '电子邮件',
  date: '2024-10-25',
};

describe('answer letters (告知书)', () => {
  it('has a template and a legal basis for every outcome of table 3', () => {
    for (const outcome of OUTCOME_CODES) {
      const letter = draftAnswerLetter(outcome, facts);
      expect(letter.startsWith('张三：')).toBe(true);
      expect(letter).toContain('本机关于2024年9月27日收到您提出的政府信息公开申请（登记号：2024-0001）');
      // The 救济途径 and the signature are the letter model's (letter-model.ts), never typed into the draft.
      expect(letter).not.toContain('如对本答复不服');
      expect(letter).not.toContain('聊城市工业和信息化局');
      expect(letter).not.toMatch(/[，、。；：？！]{2}/);
      if (outcome !== 'other.other') expect(defaultLegalBasis(outcome)).toMatch(/^《中华人民共和国政府信息公开条例》第/);
    }
    expect(draftAnswerLetter('granted', facts)).toContain('本机关以电子文档形式、通过电子邮件方式向您提供该政府信息。');
    expect(draftAnswerLetter('other.unpaid_fee', facts)).toContain('国办函〔2020〕109号');
    // A subject with quotes of its own reads as written by hand inside the letter's quotes.
    expect(draftAnswerLetter('granted', { ...facts, subject: '关于“专精特新”企业的通知' })).toContain('您申请获取“关于‘专精特新’企业的通知”。');
  });

  it('redacts the applicant’s personal data for the public page, and anything that looks like an ID or a mobile number', () => {
    const text = '张三：您（身份证 11010519491231002X，电话 13800000000，邮箱 zs@example.com，住址 某市某路 1 号）的申请……另：13912345678、110105194912310046';
    const out = redactPersonalData(text, {
      name: '张三',
      idNumber: '11010519491231002X',
      phone: '13800000000',
      email: 'ZS@example.com',
      address: '某市某路 1 号',
      legalRep: null,
      contact: null,
    });
    expect(out).toBe('申请人：您（身份证 ＊＊＊，电话 ＊＊＊，邮箱 ＊＊＊，住址 ＊＊＊）的申请……另：＊＊＊、＊＊＊');
  });
});

describe('attachments are typed by content', () => {
  it('knows PDF, PNG, JPEG, DOCX and OFD by their bytes, and nothing else', () => {
    expect(sniffContentType(Buffer.from('%PDF-1.7\n'), 'a.exe')).toBe('application/pdf');
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'a.png')).toBe('image/png');
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'a.jpg')).toBe('image/jpeg');
    const zip = (entry: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`....${entry}....`)]);
    expect(sniffContentType(zip('word/document.xml'), '申请.docx')).toContain('wordprocessingml');
    expect(sniffContentType(zip('OFD.xml'), '证明.ofd')).toBe('application/ofd');
    expect(sniffContentType(zip('word/document.xml'), 'a.zip')).toBeNull();
    expect(sniffContentType(Buffer.from('MZ\x90\x00'), 'a.pdf')).toBeNull();
    expect(sniffContentType(Buffer.from('<html>'), 'a.pdf')).toBeNull();
  });
});

describe('tracking numbers and query codes', () => {
  it('reads numbers and codes as people type them', () => {
    const no = newTrackingNo('2024-09-27');
    expect(no).toMatch(/^20240927-\d{6}$/);
    expect(normalizeTrackingNo(` ${no.replace('-', ' ')} `)).toBe(no);
    expect(normalizeTrackingNo('２０２４０９２７０１２３４５')).toBe('20240927-012345');
    expect(normalizeTrackingNo('123')).toBeNull();
    const code = newQueryCode();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(queryCodeHash(no, code.toLowerCase().replace('-', ' '))).toBe(queryCodeHash(no, code));
    expect(queryCodeHash(no, code)).not.toBe(queryCodeHash('20240927-000000', code));
    expect(normalizeQueryCode('ab-cd')).toBe('ABCD');
  });
});
