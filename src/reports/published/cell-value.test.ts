import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFilled, readCellValue } from './cell-value.ts';

describe('readCellValue', () => {
  it.each(['/', '／', '—', '——', '-', '－', '无', ' / ', '\u3000—\u3000'])('reads %j as not applicable', (raw) => {
    expect(readCellValue(raw)).toMatchObject({ state: 'na', value: 0 });
  });

  it('keeps blank apart from not applicable', () => {
    expect(readCellValue('').state).toBe('blank');
    expect(readCellValue(' \u00a0\n').state).toBe('blank');
    expect(isFilled(readCellValue(''))).toBe(false);
    expect(isFilled(readCellValue('/'))).toBe(true);
  });

  it('reads numbers with full-width digits, thousands separators and units', () => {
    expect(readCellValue('１２').value).toBe(12);
    expect(readCellValue('1,517').value).toBe(1517);
    expect(readCellValue('4068.208').value).toBe(4068.208);
    expect(readCellValue('8040万元').value).toBe(8040);
    expect(readCellValue('3 件').value).toBe(3);
  });

  it('reads an amount printed in 元 as 万元 where the column counts 万元, and 万元 as it is', () => {
    expect(readCellValue('251000元', { wan: true })).toMatchObject({ state: 'number', value: 25.1 });
    expect(readCellValue('8040万元', { wan: true }).value).toBe(8040);
    expect(readCellValue('8040', { wan: true }).value).toBe(8040);
    expect(readCellValue('251000元').value).toBe(251000);
  });

  it('reads 增/减 only where the column is signed', () => {
    expect(readCellValue('减4', { signed: true })).toMatchObject({ state: 'number', value: -4 });
    expect(readCellValue('增2', { signed: true })).toMatchObject({ state: 'number', value: 2 });
    expect(readCellValue('+2', { signed: true }).value).toBe(2);
    expect(readCellValue('－3', { signed: true }).value).toBe(-3);
    expect(readCellValue('减4').state).toBe('unreadable');
  });

  it('says unreadable for words and broken numbers', () => {
    for (const raw of ['若干', '1.2.3', '一件', '5件多']) expect(readCellValue(raw).state).toBe('unreadable');
  });

  it('reads back every whole number however it is padded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom('', ' ', '\u3000', '\n'), (n, pad) => {
        const printed = n.toLocaleString('en-US');
        expect(readCellValue(`${pad}${printed}${pad}`)).toMatchObject({ state: 'number', value: n });
      }),
    );
  });

  it('reads every signed change back with its sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
        const printed = n < 0 ? `减${-n}` : `增${n}`;
        expect(readCellValue(printed, { signed: true }).value).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});
