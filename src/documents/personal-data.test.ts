import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPersonalData, isValidIdCardNumber, passesLuhn, segmentFindings } from './personal-data.ts';

// 11010519491231002X is the GB 11643 standard's own example number.
const ID = '11010519491231002X';

describe('personal-data detector', () => {
  it('finds an ID card number with a valid check character', () => {
    expect(isValidIdCardNumber(ID)).toBe(true);
    expect(isValidIdCardNumber('110105194912310021')).toBe(false);
    const f = detectPersonalData(`申请人身份证号${ID}，请核对。`);
    expect(f).toEqual([{ kind: 'id_card', start: 7, end: 25, text: ID }]);
  });

  it('ignores an 18-digit number with a wrong check character or an impossible birth date', () => {
    expect(detectPersonalData('编号110105194912310021')).toEqual([]);
    expect(detectPersonalData('流水号110105194913310020')).toEqual([]);
  });

  it('finds mobile numbers but not inside longer digit runs or with a wrong prefix', () => {
    expect(detectPersonalData('联系电话：13812345678。').map((f) => f.kind)).toEqual(['mobile']);
    expect(detectPersonalData('联系电话：12812345678')).toEqual([]);
    expect(detectPersonalData('项目编号2013812345678901')).toEqual([]);
    expect(detectPersonalData('座机0635-8888888')).toEqual([]);
  });

  it('finds bank card numbers that pass the Luhn check, written whole or in groups of four', () => {
    const card = '4111111111111111';
    expect(passesLuhn(card)).toBe(true);
    expect(detectPersonalData(`账号${card}`).map((f) => f.kind)).toEqual(['bank_card']);
    expect(detectPersonalData('账号 4111 1111 1111 1111 。').map((f) => [f.kind, f.text])).toEqual([['bank_card', '4111 1111 1111 1111']]);
    expect(detectPersonalData('账号4111111111111112')).toEqual([]);
  });

  it('does not flag dates, document numbers, amounts or postcodes', () => {
    const text = '聊工信发〔2022〕12号，2022年6月10日印发，资金1250000元，邮编252000，电话0635-8312345。';
    expect(detectPersonalData(text)).toEqual([]);
  });

  it('flags the agency sensitive words, each occurrence', () => {
    const f = detectPersonalData('内部资料，仅供内部资料使用', ['内部资料']);
    expect(f.map((x) => x.start)).toEqual([0, 7]);
    expect(segmentFindings('内部资料，仅供内部资料使用', f).map((s) => s.text)).toEqual(['内部资料', '，仅供', '内部资料', '使用']);
  });

  it('never flags a text without digits or words (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[^0-9]*$/), (s) => {
        expect(detectPersonalData(s)).toEqual([]);
      }),
    );
  });
});
