import { describe, expect, it } from 'vitest';
import { docNoKey, identifierTokens, indexNoKey, queryIdentifier } from './identifiers.ts';

describe('search identifiers', () => {
  it('reads a 文号 typed with any brackets, 第 or leading zeros as one key', () => {
    const key = docNoKey('聊工信发〔2022〕12号');
    expect(key).toBe('聊工信发〔2022〕12号');
    for (const typed of [
      '聊工信发[2022]12号',
      '聊工信发(2022)12号',
      '聊工信发（2022）12号',
      '聊工信发﹝2022﹞12号',
      '聊工信发【2022】第012号',
      ' 聊工信发 〔2022〕 12号 ',
    ]) {
      expect(docNoKey(typed), typed).toBe(key);
    }
    expect(docNoKey('聊工信发〔2022〕13号')).not.toBe(key);
    for (const other of ['专精特新', '2022年度', '聊工信发2022年12号']) expect(docNoKey(other), other).toBeNull();
  });

  it('reads a 索引号 ignoring case, width and spaces', () => {
    expect(indexNoKey('11371500mb2856218k/2022-00012')).toBe('11371500MB2856218K/2022-00012');
    expect(indexNoKey('１１３７１５００MB2856218K／2022-00012')).toBe('11371500MB2856218K/2022-00012');
    for (const other of ['企业', '2022', 'abc/d', '聊工信发〔2022〕12号']) expect(indexNoKey(other), other).toBeNull();
  });

  it('makes index and query tokens that meet only for the same identifier', () => {
    const [w, i] = identifierTokens('聊工信发〔2022〕12号', '11371500MB2856218K/2022-00012');
    expect(queryIdentifier('聊工信发[2022]12号')).toBe(w);
    expect(queryIdentifier('11371500mb2856218k/2022-00012')).toBe(i);
    expect(w).toMatch(/^xw[0-9a-f]{16}$/);
    expect(queryIdentifier('聊工信发〔2022〕1号')).not.toBe(w);
    expect(queryIdentifier('中小企业')).toBeNull();
  });
});
